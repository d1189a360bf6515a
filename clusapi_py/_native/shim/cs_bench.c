/* shim/cs_bench.c - the C floor for bench/run.py (cs_bench_floor,
 * api/cs_bench.h); the simulator's entry addresses: sim/cs_sim_bench.c. */
#include "shim/cs_shim_int.h"

static double run_floor(cs_backend *b, int which, const cs_char *group, uint32_t iterations)
{
    cs_fn_OpenClusterEx open_cluster;
    cs_fn_CloseCluster close_cluster;
    cs_fn_OpenClusterGroupEx open_group;
    cs_fn_GetClusterGroupState group_state;
    cs_fn_CloseClusterGroup close_group;
    void (*bind)(void *);
    double start;
    uint32_t i;
    /* read once: the pointers checked are the pointers called */
    open_cluster = b->table.fn.OpenClusterEx;
    close_cluster = b->table.fn.CloseCluster;
    open_group = b->table.fn.OpenClusterGroupEx;
    group_state = b->table.fn.GetClusterGroupState;
    close_group = b->table.fn.CloseClusterGroup;
    bind = b->bind;
    if (!open_cluster || !close_cluster || (which == 1 && (!open_group || !group_state || !close_group)))
        return -1.0;
    start = cs_monotonic_seconds();
    for (i = 0; i < iterations; i++) {
        DWORD granted = 0;
        HCLUSTER c;
        if (bind)
            bind(b->ctx);
        c = open_cluster(NULL, (DWORD)MAXIMUM_ALLOWED, &granted);
        if (c == NULL)
            return -1.0;
        if (which == 1) {
            cs_char owner[CS_NAME_STACK];
            DWORD cch = CS_NAME_STACK;
            HGROUP g = open_group(c, group, (DWORD)MAXIMUM_ALLOWED, &granted);
            if (g == NULL) {
                close_cluster(c);
                return -1.0;
            }
            group_state(g, owner, &cch);
            close_group(g);
        }
        close_cluster(c);
    }
    return cs_monotonic_seconds() - start;
}

double cs_bench_floor(int backend_id, int which, const cs_char *group, uint32_t iterations)
{
    cs_backend *b = shim_backend_for_call(backend_id, CS_FN_OpenClusterEx);
    double seconds;
    if (b == NULL)
        return -1.0;
    seconds = run_floor(b, which, group, iterations);
    cs_backend_unpin(b);
    return seconds;
}
