/*
 * tests/c/test_drain.c - node maintenance (sim/cs_sim_drain.c):
 * PauseClusterNode(Ex) with and without a drain, the drain's moves on the
 * manual clock (preferred and possible owners, a target, REMAIN vs forced),
 * NodeDrainStatus / NodeDrainTarget / DrainErrorCode / StatusInformation as
 * the node reports them (and a set value overriding them), every refusal,
 * and ResumeClusterNode(Ex) with failback.
 */
#include "fixture.h"

#define REMAIN 0x1u             /* CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR */

/* NODE1..NODE3 Up, NODE4 Down; A on NODE1 (preferred NODE1, NODE3) with RA;
 * B on NODE1 with RB (possible owners NODE1, NODE2); PIN on NODE2 with RP
 * (possible owner NODE2 only). */
static int make_drain_sim(void)
{
    static const int nodes[] = {ClusterNodeUp, ClusterNodeUp, ClusterNodeUp, ClusterNodeDown};
    int id = make_nodes_sim("DRN", "Generic Service", nodes, 4);
    uint32_t e = 0;
    e |= cs_sim_add_group(id, W("A"), W("g-a"), ClusterGroupOnline, W("NODE1"), MSZ("NODE1\0NODE3\0"));
    e |= cs_sim_add_group(id, W("B"), W("g-b"), ClusterGroupOnline, W("NODE1"), NULL);
    e |= cs_sim_add_group(id, W("PIN"), W("g-pin"), ClusterGroupOnline, W("NODE2"), NULL);
    e |= cs_sim_add_resource(id, W("RA"), W("r-a"), W("Generic Service"), W("A"), ClusterResourceOnline, NULL, NULL);
    e |= cs_sim_add_resource(id, W("RB"), W("r-b"), W("Generic Service"), W("B"), ClusterResourceOnline, NULL,
                             MSZ("NODE1\0NODE2\0"));
    e |= cs_sim_add_resource(id, W("RP"), W("r-p"), W("Generic Service"), W("PIN"), ClusterResourceOnline, NULL,
                             MSZ("NODE2\0"));
    EQ(e, 0);
    EQ(cs_sim_set_manual_clock(id, 1), 0);
    return id;
}

/* A DWORD (or the low half of a ULARGE_INTEGER) of the node's read-only
 * common properties; 0xDEAD when absent.  A SZ value: its first character. */
static DWORD ro_value(cs_table *t, HNODE n, const char *name)
{
    static BYTE buf[8192];
    DWORD ret = 0, count, i;
    size_t pos = 4;
    if (t->fn.ClusterNodeControl(n, NULL, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret))
        return 0xDEADu;
    memcpy(&count, buf, 4);
    for (i = 0; i < count && pos + 8 <= ret; i++) {
        DWORD cb_name, syntax, cb;
        const WCHAR *pname;
        memcpy(&cb_name, buf + pos + 4, 4);
        pname = (const WCHAR *)(const void *)(buf + pos + 8);
        pos += 8 + ((cb_name + 3u) & ~3u);
        memcpy(&syntax, buf + pos, 4);
        memcpy(&cb, buf + pos + 4, 4);
        if (weqa(pname, name)) {
            DWORD v = 0;
            if (syntax == CLUSPROP_SYNTAX_LIST_VALUE_SZ) {
                WCHAR first;
                memcpy(&first, buf + pos + 8, sizeof(first));
                return (DWORD)first;
            }
            memcpy(&v, buf + pos + 8, 4);
            return v;
        }
        pos += 8 + ((cb + 3u) & ~3u) + 4;       /* the value and its ENDMARK */
    }
    return 0xDEADu;
}

static void steps(int id, int n)
{
    int i;
    for (i = 0; i < n; i++)
        EQ(cs_sim_advance(id, 1.0), 0);
}

static void refusals(cs_table *t, int id, HCLUSTER c)
{
    HNODE n1 = t->fn.OpenClusterNode(c, W("NODE1"));
    HNODE n4 = t->fn.OpenClusterNode(c, W("NODE4"));
    HNODE ro = t->fn.OpenClusterNodeEx(c, W("NODE1"), RA, NULL);
    EQ(t->fn.PauseClusterNodeEx(ro, TRUE, 0, NULL), ERROR_ACCESS_DENIED);
    EQ(t->fn.PauseClusterNode(ro), ERROR_ACCESS_DENIED);
    EQ(t->fn.ResumeClusterNodeEx(ro, DoNotFailbackGroups, 0), ERROR_ACCESS_DENIED);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, 0x8, NULL), ERROR_INVALID_PARAMETER);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, n1), ERROR_INVALID_TARGET_HANDLE);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, n4), ERROR_HOST_NODE_NOT_AVAILABLE);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, (HNODE)c), ERROR_INVALID_HANDLE);
    EQ(t->fn.PauseClusterNodeEx(n4, TRUE, 0, NULL), ERROR_CLUSTER_NODE_DOWN);
    EQ(t->fn.PauseClusterNode(n4), ERROR_CLUSTER_NODE_DOWN);
    EQ(t->fn.ResumeClusterNodeEx(n1, DoNotFailbackGroups, 0), ERROR_CLUSTER_NODE_NOT_PAUSED);
    EQ(t->fn.ResumeClusterNode(n1), ERROR_CLUSTER_NODE_NOT_PAUSED);
    EQ(t->fn.ResumeClusterNodeEx(n1, (CLUSTER_NODE_RESUME_FAILBACK_TYPE)3, 0), ERROR_INVALID_PARAMETER);
    /* no other node Up: 5050, nothing changed */
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE2"), ClusterNodePaused), 0);
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE3"), ClusterNodeDown), 0);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, NULL), ERROR_CLUSTER_NODE_DOWN);
    EQ(t->fn.GetClusterNodeState(n1), ClusterNodeUp);
    EQ(ro_value(t, n1, "NodeDrainStatus"), 0);
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE2"), ClusterNodeUp), 0);
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE3"), ClusterNodeUp), 0);
    /* a plain pause: Paused at once, paused again is 0, resume */
    EQ(t->fn.PauseClusterNode(n1), 0);
    EQ(t->fn.GetClusterNodeState(n1), ClusterNodePaused);
    EQ(t->fn.PauseClusterNodeEx(n1, FALSE, 0x8, NULL), 0);     /* flags ignored without a drain */
    EQ(ro_value(t, n1, "NodeDrainStatus"), 0);
    EQ(t->fn.ResumeClusterNode(n1), 0);
    EQ(t->fn.GetClusterNodeState(n1), ClusterNodeUp);
    t->fn.CloseClusterNode(ro);
    t->fn.CloseClusterNode(n4);
    t->fn.CloseClusterNode(n1);
}

static void drains(cs_table *t, int id, HCLUSTER c)
{
    char owner[64];
    HNODE n1 = t->fn.OpenClusterNode(c, W("NODE1"));
    HNODE n2 = t->fn.OpenClusterNode(c, W("NODE2"));
    HNODE n3 = t->fn.OpenClusterNode(c, W("NODE3"));
    /* NODE1: A goes to its next preferred owner, B to its other possible owner */
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, NULL), ERROR_IO_PENDING);
    EQ(t->fn.GetClusterNodeState(n1), ClusterNodePaused);
    EQ(ro_value(t, n1, "NodeDrainStatus"), 1);
    EQ(ro_value(t, n1, "StatusInformation"), 0x4);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, NULL), ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS);
    steps(id, 10);
    EQ(ro_value(t, n1, "NodeDrainStatus"), 2);
    EQ(ro_value(t, n1, "StatusInformation"), 0x8);
    EQ(ro_value(t, n1, "DrainErrorCode"), 0);
    EQ(group_state(t, c, "A", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE3") == 0);
    EQ(group_state(t, c, "B", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    /* resume with immediate failback: A (first preferred NODE1) comes back, B does not */
    EQ(t->fn.ResumeClusterNodeEx(n1, FailbackGroupsImmediately, 0), 0);
    EQ(ro_value(t, n1, "NodeDrainStatus"), 0);
    steps(id, 10);
    EQ(group_state(t, c, "A", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE1") == 0);
    EQ(group_state(t, c, "B", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    /* NODE2 toward NODE3: PIN cannot go (5071) and stays; B cannot go to NODE3 either */
    EQ(t->fn.PauseClusterNodeEx(n2, TRUE, REMAIN, n3), ERROR_IO_PENDING);
    EQ(ro_value(t, n2, "NodeDrainTarget"), (DWORD)'N');
    steps(id, 10);
    EQ(ro_value(t, n2, "NodeDrainStatus"), 3);
    EQ(ro_value(t, n2, "StatusInformation"), 0x10);
    EQ(ro_value(t, n2, "DrainErrorCode"), ERROR_NODE_CANT_HOST_RESOURCE);
    EQ(group_state(t, c, "PIN", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    /* a set value overrides what the drain reports */
    {
        DWORD v = 7;
        EQ(cs_sim_set_property(id, CS_KIND_NODE, W("NODE2"), W("NodeDrainStatus"), 0,
                               CLUSPROP_SYNTAX_LIST_VALUE_DWORD, (const uint8_t *)&v, 4), 0);
        EQ(ro_value(t, n2, "NodeDrainStatus"), 7);
    }
    EQ(t->fn.ResumeClusterNodeEx(n2, DoNotFailbackGroups, 0), 0);
    EQ(ro_value(t, n2, "NodeDrainTarget"), 0);
    /* REMAIN: A fails on NODE3 and comes back to the paused NODE1; forced: it stays on NODE3, failed */
    EQ(cs_sim_set_resource_outcome(id, W("RA"), 1, W("NODE3")), 0);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, REMAIN, n3), ERROR_IO_PENDING);
    steps(id, 20);
    EQ(ro_value(t, n1, "NodeDrainStatus"), 3);
    EQ(ro_value(t, n1, "DrainErrorCode"), ERROR_RESOURCE_FAILED);
    EQ(group_state(t, c, "A", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE1") == 0);
    EQ(t->fn.PauseClusterNodeEx(n1, TRUE, 0, n3), ERROR_IO_PENDING);
    steps(id, 20);
    EQ(ro_value(t, n1, "NodeDrainStatus"), 2);
    EQ(group_state(t, c, "A", owner, sizeof(owner)), ClusterGroupFailed);
    CHECK(strcmp(owner, "NODE3") == 0);
    EQ(t->fn.ResumeClusterNodeEx(n1, FailbackGroupsPerPolicy, 0), 0);     /* AutoFailbackType 0: stays */
    steps(id, 10);
    EQ(group_state(t, c, "A", owner, sizeof(owner)), ClusterGroupFailed);
    CHECK(strcmp(owner, "NODE3") == 0);
    t->fn.CloseClusterNode(n3);
    t->fn.CloseClusterNode(n2);
    t->fn.CloseClusterNode(n1);
}

void test_drain(void)
{
    int id = make_drain_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RW, NULL);
    CHECK(c != NULL);
    refusals(t, id, c);
    drains(t, id, c);
    CHECK(t->fn.CloseCluster(c));
    EQ(cs_sim_release(id), 0);
}
