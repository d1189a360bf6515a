/*
 * tests/c/test_actions.c - the action calls (sim/cs_sim_actions.c):
 * Online/Offline/Move/Cancel on groups, Online/Offline/Fail/Restart on
 * resources; the per-resource state machine on the manual clock and on
 * real time, dependencies, outcomes, the events in order, and every
 * refusal (access, flags, targets).
 */
#include "fixture.h"

#define NEW_PORT ((HCHANGE)(intptr_t)-1)

/* cs_sim_set_resource_outcome */
#define SIM_OUTCOME_SUCCEED 0
#define SIM_OUTCOME_FAIL 1
#define SIM_OUTCOME_HANG 2
#define SIM_OUTCOME_VETO 3

/* NODE1..NODE3 Up, NODE4 Down, NODE5 Paused; group APP on NODE1 (preferred
 * NODE3, NODE2) holding IP <- NAME <- SVC (SVC possible only on NODE1,
 * NODE2, NODE3), all Online; group EMPTY (no resources) on NODE2; group OFF
 * on NODE1 with DISK Offline. */
static int make_action_sim(void)
{
    static const int nodes[] = {ClusterNodeUp, ClusterNodeUp, ClusterNodeUp, ClusterNodeDown, ClusterNodePaused,
                                ClusterNodeUp};
    int id = make_nodes_sim("ACT", "Generic Service", nodes, 6);
    uint32_t e = 0;
    e |= cs_sim_add_group(id, W("APP"), W("g-app"), ClusterGroupOnline, W("NODE1"), MSZ("NODE3\0NODE2\0"));
    e |= cs_sim_add_group(id, W("EMPTY"), W("g-empty"), ClusterGroupOnline, W("NODE2"), NULL);
    e |= cs_sim_add_group(id, W("OFF"), W("g-off"), ClusterGroupOffline, W("NODE1"), NULL);
    e |= cs_sim_add_resource(id, W("IP"), W("r-ip"), W("Generic Service"), W("APP"), ClusterResourceOnline, NULL,
                             NULL);
    e |= cs_sim_add_resource(id, W("NAME"), W("r-name"), W("Generic Service"), W("APP"), ClusterResourceOnline,
                             MSZ("IP\0"), NULL);
    e |= cs_sim_add_resource(id, W("SVC"), W("r-svc"), W("Generic Service"), W("APP"), ClusterResourceOnline,
                             MSZ("NAME\0"), MSZ("NODE1\0NODE2\0NODE3\0"));
    e |= cs_sim_add_resource(id, W("DISK"), W("r-disk"), W("Generic Service"), W("OFF"), ClusterResourceOffline,
                             NULL, NULL);
    EQ(e, 0);
    return id;
}

typedef struct fixture {
    int id;
    cs_table *t;
    HCLUSTER c;
    HCHANGE port;
} fixture;

static void setup(fixture *f, int manual)
{
    NOTIFY_FILTER_AND_TYPE flt[2];
    f->id = make_action_sim();
    f->t = table_of(f->id);
    if (manual)
        EQ(cs_sim_set_manual_clock(f->id, 1), 0);
    EQ(cs_sim_bind_thread(f->id), 0);
    f->c = f->t->fn.OpenClusterEx(NULL, RW, NULL);
    CHECK(f->c != NULL);
    flt[0].dwObjectType = CLUSTER_OBJECT_TYPE_GROUP;
    flt[0].FilterFlags = CLUSTER_CHANGE_GROUP_STATE_V2 | CLUSTER_CHANGE_GROUP_OWNER_NODE_V2;
    flt[1].dwObjectType = CLUSTER_OBJECT_TYPE_RESOURCE;
    flt[1].FilterFlags = CLUSTER_CHANGE_RESOURCE_STATE_V2;
    f->port = f->t->fn.CreateClusterNotifyPortV2(NEW_PORT, f->c, flt, 2, 1);
    CHECK(f->port != NULL);
}

static void teardown(fixture *f)
{
    CHECK(f->t->fn.CloseClusterNotifyPort(f->port));
    CHECK(f->t->fn.CloseCluster(f->c));
    EQ(cs_sim_release(f->id), 0);
}

/* The events queued so far (waiting up to ms for the first), as
 * "NAME=state" (resources: the state number; groups: G:NAME=state) and
 * "G:NAME>owner-id", joined by ' '. */
static void drain(fixture *f, char *out, size_t cap, DWORD ms)
{
    size_t len = 0;
    out[0] = 0;
    for (;;) {
        NOTIFY_FILTER_AND_TYPE ft;
        DWORD_PTR key = 0;
        BYTE buf[256];
        WCHAR oid[64], parent[64], name[64], type[64];
        DWORD cb = sizeof(buf), c0 = 64, c1 = 64, c2 = 64, c3 = 64, st = 0;
        char item[160], aname[64];
        size_t i;
        DWORD err = f->t->fn.GetClusterNotifyV2(f->port, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2,
                                                type, &c3, len == 0 ? ms : 0);
        if (err != 0)
            break;
        for (i = 0; i < c2 && i < 63; i++)
            aname[i] = (char)name[i];
        aname[i] = 0;
        if (ft.FilterFlags == CLUSTER_CHANGE_GROUP_OWNER_NODE_V2) {
            char owner[64];
            for (i = 0; i < c1 && i < 63; i++)
                owner[i] = (char)parent[i];
            owner[i] = 0;
            snprintf(item, sizeof(item), "G:%s>%s", aname, owner);
        } else {
            memcpy(&st, buf, sizeof(st));
            snprintf(item, sizeof(item), "%s%s=%u", ft.dwObjectType == CLUSTER_OBJECT_TYPE_GROUP ? "G:" : "",
                     aname, (unsigned)st);
        }
        len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? " " : "", item);
        if (len >= cap)
            break;
    }
}

/* The events seen against the expected ones (printed when they differ). */
#define SEQ(ev, expected) seq_at(ev, expected, __LINE__)
static void seq_at(const char *ev, const char *expected, int line)
{
    int same = strcmp(ev, expected) == 0;
    CHECK(same);
    if (!same)
        printf("  line %d: events: %s\n  expected: %s\n", line, ev, expected);
}

static int rstate(fixture *f, const char *name)
{
    HRESOURCE r = f->t->fn.OpenClusterResource(f->c, W(name));
    int s = (int)f->t->fn.GetClusterResourceState(r, NULL, NULL, NULL, NULL);
    f->t->fn.CloseClusterResource(r);
    return s;
}

static int gstate(fixture *f, const char *name, char *owner, size_t cap)
{
    return group_state(f->t, f->c, name, owner, cap);
}

/* 129 OnlinePending, 130 OfflinePending, 2 Online, 3 Offline, 4 Failed;
 * groups: 0 Online, 1 Offline, 2 Failed, 4 Pending. */

/* Resources: online/offline with dependencies, on the manual clock */
static void resource_actions(void)
{
    fixture f;
    char ev[1024];
    HRESOURCE ip, svc;
    setup(&f, 1);
    EQ(cs_sim_get_manual_clock(f.id), 1);
    ip = f.t->fn.OpenClusterResource(f.c, W("IP"));
    svc = f.t->fn.OpenClusterResource(f.c, W("SVC"));
    /* nothing to do: already online */
    EQ(f.t->fn.OnlineClusterResource(svc), 0);
    /* offline of a provider: dependents first, one phase at a time */
    EQ(f.t->fn.OfflineClusterResource(ip), ERROR_IO_PENDING);
    drain(&f, ev, sizeof(ev), 0);
    /* every resource of the operation shows its pending state at once (IP and NAME wait for
     * their dependents): the group goes Pending and stays so, never PartialOnline, to the end */
    SEQ(ev, "IP=130 G:APP=4 NAME=130 SVC=130");
    EQ(rstate(&f, "IP"), ClusterResourceOfflinePending);
    EQ(cs_sim_advance(f.id, 0.01), 0);          /* not yet: the phase lasts 0.05 s */
    EQ(rstate(&f, "SVC"), ClusterResourceOfflinePending);
    EQ(cs_sim_advance(f.id, 0.05), 0);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "SVC=3");
    EQ(cs_sim_advance(f.id, 0.05), 0);
    EQ(cs_sim_advance(f.id, 0.05), 0);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "NAME=3 IP=3 G:APP=1");
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupOffline);
    EQ(f.t->fn.OfflineClusterResource(ip), 0);  /* already offline */
    /* online of a dependent: providers first */
    EQ(f.t->fn.OnlineClusterResource(svc), ERROR_IO_PENDING);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "IP=129 G:APP=4 NAME=129 SVC=129");
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "IP=2 NAME=2 SVC=2 G:APP=0");
    /* flags and buffers of the Ex calls */
    EQ(f.t->fn.OnlineClusterResourceEx(svc, 0x10, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.OnlineClusterResourceEx(svc, 0x40, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.OnlineClusterResourceEx(svc, 0x2F, NULL, 0), 0);
    EQ(f.t->fn.OnlineClusterResourceEx(svc, 0, NULL, 4), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.OfflineClusterResourceEx(svc, 0x8, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.OfflineClusterResourceEx(svc, 0x7, (PBYTE)ev, 4), ERROR_IO_PENDING);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(rstate(&f, "SVC"), ClusterResourceOffline);
    /* the *Ex2 exports are hidden by default; shown, they work */
    CHECK(f.t->fn.OnlineClusterResourceEx2 == NULL);
    CHECK(f.t->fn.MoveClusterGroupEx2 == NULL);
    EQ(cs_sim_hide(f.id, CS_FN_OnlineClusterResourceEx2, 0), 0);
    CHECK(f.t->fn.OnlineClusterResourceEx2 != NULL);
    EQ(f.t->fn.OnlineClusterResourceEx2(svc, 0, NULL, 0, W("patching")), ERROR_IO_PENDING);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(rstate(&f, "SVC"), ClusterResourceOnline);
    /* fail: Online -> Failed, dependents down; 5004 when not online */
    EQ(f.t->fn.FailClusterResource(ip), 0);
    EQ(rstate(&f, "IP"), ClusterResourceFailed);
    EQ(rstate(&f, "NAME"), ClusterResourceOffline);
    EQ(rstate(&f, "SVC"), ClusterResourceOffline);
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupFailed);
    EQ(f.t->fn.FailClusterResource(ip), ERROR_RESOURCE_NOT_ONLINE);
    EQ(f.t->fn.FailClusterResource(svc), ERROR_RESOURCE_NOT_ONLINE);
    /* offline of a Failed resource: Offline at once, 0 */
    drain(&f, ev, sizeof(ev), 0);
    EQ(f.t->fn.OfflineClusterResource(ip), 0);
    EQ(rstate(&f, "IP"), ClusterResourceOffline);
    /* restart: offline then online again (dependents that were up too) */
    EQ(f.t->fn.OnlineClusterResource(svc), ERROR_IO_PENDING);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(rstate(&f, "SVC"), ClusterResourceOnline);
    drain(&f, ev, sizeof(ev), 0);
    EQ(f.t->fn.RestartClusterResource(ip, 0), ERROR_IO_PENDING);
    for (int i = 0; i < 8; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "IP=130 G:APP=4 NAME=130 SVC=130 SVC=3 SVC=129 NAME=3 NAME=129 IP=3 IP=129 IP=2 NAME=2 SVC=2 G:APP=0");
    /* manual clock knobs */
    EQ(cs_sim_advance(f.id, -1.0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_manual_clock(f.id, 0), 0);
    EQ(cs_sim_advance(f.id, 1.0), ERROR_INVALID_STATE);
    EQ(cs_sim_get_manual_clock(f.id), 0);
    f.t->fn.CloseClusterResource(ip);
    f.t->fn.CloseClusterResource(svc);
    teardown(&f);
}

/* Outcomes: fail takes dependents down; hang stays pending until cancelled */
static void outcomes(void)
{
    fixture f;
    char ev[1024];
    HGROUP app;
    setup(&f, 1);
    app = f.t->fn.OpenClusterGroup(f.c, W("APP"));
    EQ(cs_sim_set_resource_outcome(f.id, W("NOPE"), SIM_OUTCOME_FAIL, NULL), ERROR_RESOURCE_NOT_FOUND);
    EQ(cs_sim_set_resource_outcome(f.id, W("NAME"), 4, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_resource_outcome(f.id, W("NAME"), SIM_OUTCOME_FAIL, W("NODE9")), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_set_resource_outcome(f.id, W("NAME"), SIM_OUTCOME_FAIL, NULL), 0);
    EQ(f.t->fn.OfflineClusterGroup(app), ERROR_IO_PENDING);
    for (int i = 0; i < 4; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupOffline);
    EQ(f.t->fn.CancelClusterGroupOperation(app, 0), ERROR_INVALID_STATE);
    EQ(f.t->fn.CancelClusterGroupOperation(app, 1), ERROR_INVALID_PARAMETER);
    drain(&f, ev, sizeof(ev), 0);
    EQ(f.t->fn.OnlineClusterGroup(app, NULL), ERROR_IO_PENDING);
    for (int i = 0; i < 4; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "IP=129 G:APP=4 NAME=129 SVC=129 IP=2 NAME=4 G:APP=2 SVC=3");
    EQ(rstate(&f, "SVC"), ClusterResourceOffline);
    /* hang: pending until cancelled; cancel brings it back (0), then 5023 */
    EQ(cs_sim_set_resource_outcome(f.id, W("NAME"), SIM_OUTCOME_HANG, NULL), 0);
    EQ(f.t->fn.OnlineClusterGroup(app, NULL), ERROR_IO_PENDING);
    for (int i = 0; i < 10; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(rstate(&f, "NAME"), ClusterResourceOnlinePending);
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupPending);
    EQ(f.t->fn.CancelClusterGroupOperation(app, 0), 0);
    EQ(rstate(&f, "NAME"), ClusterResourceFailed);     /* back to the state it left */
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupFailed);
    EQ(f.t->fn.CancelClusterGroupOperation(app, 0), ERROR_INVALID_STATE);
    /* cancel of a phase under way: 997, the phase ends on its own */
    EQ(cs_sim_set_resource_outcome(f.id, W("NAME"), SIM_OUTCOME_SUCCEED, NULL), 0);
    EQ(f.t->fn.OnlineClusterGroup(app, NULL), ERROR_IO_PENDING);
    EQ(rstate(&f, "NAME"), ClusterResourceOnlinePending);
    EQ(f.t->fn.CancelClusterGroupOperation(app, 0), ERROR_IO_PENDING);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(rstate(&f, "NAME"), ClusterResourceOnline);
    EQ(rstate(&f, "SVC"), ClusterResourceOffline);     /* cancelled: not brought online */
    f.t->fn.CloseClusterGroup(app);
    teardown(&f);
}

/* Moves: order of events, targets, the cluster's choice, return to source */
static void moves(void)
{
    fixture f;
    char ev[2048], owner[64];
    HGROUP app, empty, ro;
    HNODE n1, n2, n3, n4, n5, n6;
    setup(&f, 1);
    app = f.t->fn.OpenClusterGroup(f.c, W("APP"));
    empty = f.t->fn.OpenClusterGroup(f.c, W("EMPTY"));
    n1 = f.t->fn.OpenClusterNode(f.c, W("NODE1"));
    n2 = f.t->fn.OpenClusterNode(f.c, W("NODE2"));
    n3 = f.t->fn.OpenClusterNode(f.c, W("NODE3"));
    n4 = f.t->fn.OpenClusterNode(f.c, W("NODE4"));
    n5 = f.t->fn.OpenClusterNode(f.c, W("NODE5"));
    n6 = f.t->fn.OpenClusterNode(f.c, W("NODE6"));
    /* refused targets */
    EQ(f.t->fn.MoveClusterGroup(app, n6), ERROR_NODE_CANT_HOST_RESOURCE);
    EQ(f.t->fn.MoveClusterGroup(app, n4), ERROR_NODE_CANT_HOST_RESOURCE);     /* not a possible owner either */
    EQ(f.t->fn.MoveClusterGroup(empty, n4), ERROR_HOST_NODE_NOT_AVAILABLE);
    EQ(f.t->fn.MoveClusterGroup(empty, n5), ERROR_HOST_NODE_NOT_AVAILABLE);
    EQ(f.t->fn.MoveClusterGroup(app, (HNODE)app), ERROR_INVALID_HANDLE);
    EQ(f.t->fn.MoveClusterGroupEx(app, n2, 0x40, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.MoveClusterGroupEx(app, n2, 0x1 | 0x4, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.MoveClusterGroup(app, n1), 0);                   /* already there */
    drain(&f, ev, sizeof(ev), 0);
    CHECK(ev[0] == 0);
    /* a move: offline on the source (dependents first), owner, online on the target */
    EQ(f.t->fn.MoveClusterGroup(app, n2), ERROR_IO_PENDING);
    EQ(f.t->fn.MoveClusterGroup(app, n3), ERROR_CLUSTER_GROUP_MOVING);
    for (int i = 0; i < 6; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "IP=130 G:APP=4 NAME=130 SVC=130 SVC=3 NAME=3 IP=3 G:APP=1 G:APP>2 IP=129 G:APP=4 NAME=129 SVC=129 IP=2 NAME=2 "
            "SVC=2 G:APP=0");
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    /* the cluster's choice: the first preferred owner that can take it */
    EQ(f.t->fn.MoveClusterGroup(app, NULL), ERROR_IO_PENDING);
    for (int i = 0; i < 6; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE3") == 0);
    /* no preferred owners: the next Up node after the owner (NODE2 -> NODE3) */
    EQ(f.t->fn.MoveClusterGroup(empty, NULL), ERROR_IO_PENDING);
    EQ(gstate(&f, "EMPTY", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE3") == 0);
    /* return to source: SVC fails on NODE1 only */
    EQ(cs_sim_set_resource_outcome(f.id, W("SVC"), SIM_OUTCOME_FAIL, W("NODE1")), 0);
    drain(&f, ev, sizeof(ev), 0);
    EQ(f.t->fn.MoveClusterGroupEx(app, n1, 0x2, NULL, 0), ERROR_IO_PENDING);
    for (int i = 0; i < 20; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    drain(&f, ev, sizeof(ev), 0);
    CHECK(strstr(ev, "G:APP>1") != NULL && strstr(ev, "SVC=4 G:APP=2") != NULL);
    CHECK(strstr(ev, "G:APP>3") != NULL);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE3") == 0);
    /* without the flag it stays Failed on the target */
    EQ(f.t->fn.MoveClusterGroup(app, n1), ERROR_IO_PENDING);
    for (int i = 0; i < 20; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupFailed);
    CHECK(strcmp(owner, "NODE1") == 0);
    /* online on a given node moves it there, everything online */
    EQ(cs_sim_set_resource_outcome(f.id, W("SVC"), SIM_OUTCOME_SUCCEED, NULL), 0);
    EQ(f.t->fn.OnlineClusterGroup(app, n2), ERROR_IO_PENDING);
    for (int i = 0; i < 20; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    /* a read-only handle: access denied for every action */
    ro = f.t->fn.OpenClusterGroupEx(f.c, W("APP"), RA, NULL);
    CHECK(ro != NULL);
    EQ(f.t->fn.MoveClusterGroup(ro, n1), ERROR_ACCESS_DENIED);
    EQ(f.t->fn.OnlineClusterGroup(ro, NULL), ERROR_ACCESS_DENIED);
    EQ(f.t->fn.OfflineClusterGroup(ro), ERROR_ACCESS_DENIED);
    EQ(f.t->fn.CancelClusterGroupOperation(ro, 0), ERROR_ACCESS_DENIED);
    f.t->fn.CloseClusterGroup(ro);
    {
        HRESOURCE rr = f.t->fn.OpenClusterResourceEx(f.c, W("IP"), RA, NULL);
        EQ(f.t->fn.OfflineClusterResource(rr), ERROR_ACCESS_DENIED);
        EQ(f.t->fn.FailClusterResource(rr), ERROR_ACCESS_DENIED);
        EQ(f.t->fn.RestartClusterResource(rr, 0), ERROR_ACCESS_DENIED);
        f.t->fn.CloseClusterResource(rr);
    }
    f.t->fn.CloseClusterNode(n1);
    f.t->fn.CloseClusterNode(n2);
    f.t->fn.CloseClusterNode(n3);
    f.t->fn.CloseClusterNode(n4);
    f.t->fn.CloseClusterNode(n5);
    f.t->fn.CloseClusterNode(n6);
    f.t->fn.CloseClusterGroup(app);
    f.t->fn.CloseClusterGroup(empty);
    teardown(&f);
}

/* Real time: a waiter on a port gets the events as phases end; SYNCHRONOUS */
static void real_time(void)
{
    fixture f;
    char ev[1024];
    HGROUP app;
    double t0;
    setup(&f, 0);
    EQ(cs_sim_set_action_seconds(f.id, -1.0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_action_seconds(f.id, 0.02), 0);
    CHECK(cs_sim_get_action_seconds(f.id) == 0.02);
    app = f.t->fn.OpenClusterGroup(f.c, W("APP"));
    EQ(f.t->fn.OfflineClusterGroupEx(app, 0x2, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.OfflineClusterGroupEx(app, 0x1, NULL, 0), ERROR_IO_PENDING);
    t0 = now_s();
    while (gstate(&f, "APP", NULL, 0) != ClusterGroupOffline && now_s() - t0 < 5.0) {
        drain(&f, ev, sizeof(ev), 1000);        /* wakes when a phase ends */
    }
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupOffline);
    CHECK(now_s() - t0 >= 0.05);
    CHECK(now_s() - t0 < 2.0);
    /* SYNCHRONOUS: returns 0 once the group is Online */
    EQ(f.t->fn.OnlineClusterGroupEx(app, NULL, 0x10, NULL, 0), ERROR_INVALID_PARAMETER);
    EQ(f.t->fn.OnlineClusterGroupEx(app, NULL, 0x2, NULL, 0), 0);
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupOnline);
    EQ(f.t->fn.OnlineClusterGroupEx(app, NULL, 0x2, NULL, 0), 0);      /* nothing to do */
    /* action_seconds 0: the phases pass on the next look, events still in order */
    EQ(cs_sim_set_action_seconds(f.id, 0.0), 0);
    drain(&f, ev, sizeof(ev), 0);
    EQ(f.t->fn.OfflineClusterGroup(app), ERROR_IO_PENDING);
    drain(&f, ev, sizeof(ev), 0);
    SEQ(ev, "IP=130 G:APP=4 NAME=130 SVC=130 SVC=3 NAME=3 IP=3 G:APP=1");
    /* a synchronous online that fails */
    EQ(cs_sim_set_resource_outcome(f.id, W("IP"), SIM_OUTCOME_FAIL, NULL), 0);
    EQ(f.t->fn.OnlineClusterGroupEx(app, NULL, 0x2, NULL, 0), ERROR_RESMON_ONLINE_FAILED);
    EQ(gstate(&f, "APP", NULL, 0), ClusterGroupFailed);
    f.t->fn.CloseClusterGroup(app);
    teardown(&f);
}

/* Deleting what an action holds: a target node, a resource in a phase */
static void deletions(void)
{
    fixture f;
    HGROUP app;
    HNODE n2;
    setup(&f, 1);
    app = f.t->fn.OpenClusterGroup(f.c, W("APP"));
    n2 = f.t->fn.OpenClusterNode(f.c, W("NODE2"));
    EQ(cs_sim_set_resource_outcome(f.id, W("SVC"), SIM_OUTCOME_HANG, W("NODE2")), 0);
    EQ(f.t->fn.MoveClusterGroup(app, n2), ERROR_IO_PENDING);
    EQ(cs_sim_delete(f.id, CS_KIND_NODE, W("NODE2")), 0);
    for (int i = 0; i < 10; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(f.t->fn.MoveClusterGroup(app, n2), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_delete(f.id, CS_KIND_RESOURCE, W("IP")), 0);
    EQ(f.t->fn.OnlineClusterGroup(app, NULL), ERROR_IO_PENDING);
    EQ(cs_sim_delete(f.id, CS_KIND_GROUP, W("APP")), 0);
    EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(f.t->fn.OnlineClusterGroup(app, NULL), ERROR_GROUP_NOT_FOUND);
    f.t->fn.CloseClusterNode(n2);
    f.t->fn.CloseClusterGroup(app);
    teardown(&f);
}

/* The move queue (QUEUE_ENABLED over parallel_moves), locked mode, a veto */
static void queue_lock_veto(void)
{
    fixture f;
    char owner[64];
    HGROUP app, empty;
    HNODE n1, n2, n3;
    setup(&f, 1);
    app = f.t->fn.OpenClusterGroup(f.c, W("APP"));
    empty = f.t->fn.OpenClusterGroup(f.c, W("EMPTY"));
    n1 = f.t->fn.OpenClusterNode(f.c, W("NODE1"));
    n2 = f.t->fn.OpenClusterNode(f.c, W("NODE2"));
    n3 = f.t->fn.OpenClusterNode(f.c, W("NODE3"));
    EQ(cs_sim_set_parallel_moves(f.id, -1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_group_locked(f.id, W("NOPE"), 1), ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_set_parallel_moves(f.id, 1), 0);
    EQ(cs_sim_get_parallel_moves(f.id), 1);
    EQ(f.t->fn.MoveClusterGroup(app, n2), ERROR_IO_PENDING);
    EQ(f.t->fn.MoveClusterGroupEx(empty, n3, 0x4, NULL, 0), ERROR_IO_PENDING);     /* queued */
    EQ(gstate(&f, "EMPTY", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    EQ(f.t->fn.MoveClusterGroup(empty, n1), ERROR_CLUSTER_GROUP_QUEUED);
    EQ(f.t->fn.OfflineClusterGroup(empty), ERROR_CLUSTER_GROUP_QUEUED);
    EQ(f.t->fn.CancelClusterGroupOperation(empty, 0), 0);                         /* out of the queue */
    EQ(f.t->fn.CancelClusterGroupOperation(empty, 0), ERROR_INVALID_STATE);
    EQ(f.t->fn.MoveClusterGroupEx(empty, n3, 0x4, NULL, 0), ERROR_IO_PENDING);
    for (int i = 0; i < 8; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE2") == 0);
    EQ(gstate(&f, "EMPTY", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE3") == 0);                                           /* its turn came */
    /* locked mode: refused unless IGNORE_RESOURCE_STATUS */
    EQ(cs_sim_set_group_locked(f.id, W("APP"), 1), 0);
    EQ(f.t->fn.MoveClusterGroup(app, n1), ERROR_CLUSTER_RESOURCE_LOCKED_STATUS);
    EQ(f.t->fn.OfflineClusterGroup(app), ERROR_CLUSTER_RESOURCE_LOCKED_STATUS);
    EQ(f.t->fn.MoveClusterGroupEx(app, n1, 0x1, NULL, 0), ERROR_IO_PENDING);
    for (int i = 0; i < 8; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(cs_sim_set_group_locked(f.id, W("APP"), 0), 0);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE1") == 0);
    /* a veto on the target: back on the source, nothing failed */
    EQ(cs_sim_set_resource_outcome(f.id, W("SVC"), SIM_OUTCOME_VETO, W("NODE3")), 0);
    EQ(f.t->fn.MoveClusterGroup(app, n3), ERROR_IO_PENDING);
    for (int i = 0; i < 16; i++)
        EQ(cs_sim_advance(f.id, 1.0), 0);
    EQ(gstate(&f, "APP", owner, sizeof(owner)), ClusterGroupOnline);
    CHECK(strcmp(owner, "NODE1") == 0);
    EQ(rstate(&f, "SVC"), ClusterResourceOnline);
    f.t->fn.CloseClusterNode(n1);
    f.t->fn.CloseClusterNode(n2);
    f.t->fn.CloseClusterNode(n3);
    f.t->fn.CloseClusterGroup(empty);
    f.t->fn.CloseClusterGroup(app);
    teardown(&f);
}

void test_actions(void)
{
    queue_lock_veto();
    resource_actions();
    outcomes();
    moves();
    real_time();
    deletions();
}
