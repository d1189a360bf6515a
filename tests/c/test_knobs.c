/*
 * tests/c/test_knobs.c - faults, hidden exports, call and round-trip
 * counters, latency.
 */
#include "check.h"

/* ---- faults, hiding, counters, latency ------------------------------------------------------------------- */
void test_knobs(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HGROUP g;
    HCLUSENUM e;
    WCHAR buf[64];
    DWORD cch, type;
    double t0, dt;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);

    /* fault injection: counted, latency spent, then the error; nothing else */
    EQ(cs_sim_fail(id, CS_FN_OpenClusterEx, RPC_S_CALL_FAILED, 1), 0);
    CHECK(t->fn.OpenClusterEx(NULL, RA, NULL) == NULL);
    EQ(LASTERR(), RPC_S_CALL_FAILED);
    EQ(total_open(id), 0);
    EQ(cs_sim_calls(id, CS_FN_OpenClusterEx), 1);
    c = t->fn.OpenClusterEx(NULL, RA, NULL);
    CHECK(c != NULL);
    g = t->fn.OpenClusterGroup(c, W("VM1"));
    EQ(cs_sim_fail(id, CS_FN_GetClusterGroupState, ERROR_CLUSTER_NODE_DOWN, 2), 0);
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_DOWN);
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupStateUnknown);
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupPartialOnline);
    EQ(cs_sim_fail(id, CS_FN_GetClusterGroupState, ERROR_CLUSTER_NODE_DOWN, 5), 0);
    EQ(cs_sim_fail(id, CS_FN_GetClusterGroupState, 0, 0), 0);           /* cleared */
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupPartialOnline);
    EQ(cs_sim_fail(id, CS_FN_ClusterEnum, ERROR_NOT_ENOUGH_MEMORY, 1), 0);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_NODE);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, &cch), ERROR_NOT_ENOUGH_MEMORY);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, &cch), 0);
    /* a failing Close* still frees its handle */
    EQ(cs_sim_fail(id, CS_FN_CloseClusterGroup, RPC_S_SERVER_UNAVAILABLE, 1), 0);
    EQ(open_of_kind(id, CS_KIND_GROUP), 1);
    EQ(t->fn.CloseClusterGroup(g), FALSE);
    EQ(LASTERR(), RPC_S_SERVER_UNAVAILABLE);
    EQ(open_of_kind(id, CS_KIND_GROUP), 0);
    EQ(t->fn.CloseClusterGroup(g), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(cs_sim_fail(id, CS_FN_ClusterCloseEnum, 1726, 1), 0);
    EQ(t->fn.ClusterCloseEnum(e), 1726);
    EQ(open_of_kind(id, CS_KIND_ENUM), 0);
    EQ(t->fn.ClusterCloseEnum(e), ERROR_INVALID_HANDLE);

    /* hide: the table entry goes, then comes back */
    EQ(cs_sim_hide(id, CS_FN_OpenClusterEx, 1), 0);
    CHECK(t->fn.OpenClusterEx == NULL);
    CHECK(cs_backend_has(id, CS_FN_OpenClusterEx) == 0);
    EQ(cs_sim_hide(id, CS_FN_OpenClusterEx, 0), 0);
    CHECK(t->slot[CS_FN_OpenClusterEx] == cs_sim_entry_point(CS_FN_OpenClusterEx));
    CHECK(cs_backend_has(id, CS_FN_OpenClusterEx) == 1);

    /* counters: calls of every function, round trips of the RPC ones */
    EQ(cs_sim_reset_calls(id), 0);
    EQ(cs_sim_calls(id, -1), 0);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP);
    cch = 64;
    t->fn.ClusterEnum(e, 0, &type, buf, &cch);
    cch = 64;
    t->fn.ClusterEnum(e, 1, &type, buf, &cch);
    t->fn.ClusterCloseEnum(e);
    g = t->fn.OpenClusterGroup(c, W("nogroup"));       /* fails, still a round trip */
    EQ(cs_sim_calls(id, -1), 5);
    EQ(cs_sim_round_trips(id, -1), 2);
    EQ(cs_sim_calls(id, CS_FN_ClusterEnum), 2);
    EQ(cs_sim_round_trips(id, CS_FN_ClusterEnum), 0);
    EQ(cs_sim_round_trips(id, CS_FN_OpenClusterGroup), 1);
    EQ(cs_sim_calls(id, CS_FN_GetClusterGroupState), 0);

    /* latency: slept per round trip, not for in-memory calls */
    EQ(cs_sim_set_latency(id, 0.05), 0);
    t0 = now_s();
    cch = 64;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, NULL), 0);     /* a round trip */
    dt = now_s() - t0;
    CHECK(dt >= 0.045);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP);
    t0 = now_s();
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, &cch), 0);
    dt = now_s() - t0;
    CHECK(dt < 0.045);
    EQ(cs_sim_set_latency(id, 0.0), 0);
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}
