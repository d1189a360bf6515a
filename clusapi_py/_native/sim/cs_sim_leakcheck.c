/*
 * sim/cs_sim_leakcheck.c - with CLUSAPI_PY_SIM_LEAKCHECK=1 in the
 * environment, the handles still open in every simulator, by kind, are
 * printed to stderr at exit, for a test or a CI run to read.
 */
#include "sim/cs_sim_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_leakcheck_done;

static void leak_report(void)
{
    /* Read without the lock: at exit no simulator call should be running,
     * and a thread stuck in one must not hang the process. */
    uint32_t c[CS_KIND_COUNT], total = 0;
    int k;
    for (k = 0; k < CS_KIND_COUNT; k++) {
        c[k] = g_open[k];
        total += c[k];
    }
    fprintf(stderr,
            "clusapi_py simulator leak check: cluster=%u node=%u group=%u resource=%u network=%u "
            "netinterface=%u enum=%u notify=%u total=%u\n",
            (unsigned)c[CS_KIND_CLUSTER], (unsigned)c[CS_KIND_NODE], (unsigned)c[CS_KIND_GROUP],
            (unsigned)c[CS_KIND_RESOURCE], (unsigned)c[CS_KIND_NETWORK], (unsigned)c[CS_KIND_NETINTERFACE],
            (unsigned)c[CS_KIND_ENUM], (unsigned)c[CS_KIND_NOTIFY], (unsigned)total);
    fflush(stderr);
}

/* CLUSAPI_PY_SIM_LEAKCHECK=1 in the environment. */
static int leakcheck_requested(void)
{
    return cs_env_equals("CLUSAPI_PY_SIM_LEAKCHECK", "1");
}


void sim_leakcheck_arm(void)
{
    if (!g_leakcheck_done) {
        g_leakcheck_done = 1;
        if (leakcheck_requested())
            atexit(leak_report);
    }
}
