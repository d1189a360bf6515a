/*
 * tests/c/main.c - runs every group of the simulator's C tests (check.h),
 * then checks that no simulator handle is left open anywhere, and prints
 * "N passed, M failed" as the last line (tests/c/build_and_run.sh reads
 * it); exits non-zero when a check failed.
 */
#include "check.h"

int main(void)
{
    uint32_t all[CS_KIND_COUNT];
    int k;
    test_control();
    test_group_state();
    test_refusals();
    test_opens();
    test_bad_handles();
    test_cluster_info();
    test_enums();
    test_states();
    test_knobs();
    test_delete();
    test_close_cluster();
    test_unicode();
    test_release();
    test_threads();
    test_cond_wait();
    test_big();
    test_shim();
    test_notify();
    test_props();
    test_htable();
    test_actions();
    test_config();
    test_drain();
    test_registry();
    test_create();
    cs_sim_total_open_handles(all);
    for (k = 0; k < CS_KIND_COUNT; k++)
        EQ(all[k], 0);
    printf("%d passed, %d failed\n", n_pass, n_fail);
    fflush(stdout);
    return n_fail ? 1 : 0;
}
