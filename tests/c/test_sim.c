/*
 * test_sim.c - C-level tests of the simulated cluster (cs_sim.c), through
 * its backend table: cs_sim_create + cs_sim_backend(id), then
 * b->table.fn.X, with cs_sim_bind_thread(id) before opens.  A few checks
 * at the end drive the shim (cs_shim.c) over the simulator as well.
 *
 * Prints one line per failed check, then "N passed, M failed"; exits
 * non-zero when a check failed.  Built and run by tests/c/build_and_run.sh.
 */
#define __USE_MINGW_ANSI_STDIO 1
#include "sim/cs_sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef _WIN32
#  include <pthread.h>
#endif

#ifndef ERROR_ALREADY_EXISTS
#  define ERROR_ALREADY_EXISTS 183L
#endif
#ifndef ERROR_INVALID_FUNCTION
#  define ERROR_INVALID_FUNCTION 1L
#endif

/* ---- checks ------------------------------------------------------------------ */
static int n_pass, n_fail;

static void check_at(int ok, const char *expr, int line)
{
    if (ok) {
        n_pass++;
    } else {
        n_fail++;
        printf("FAIL test_sim.c:%d: %s\n", line, expr);
    }
}

static void check_eq_at(long long a, long long b, const char *ea, const char *eb, int line)
{
    if (a == b) {
        n_pass++;
    } else {
        n_fail++;
        printf("FAIL test_sim.c:%d: %s == %s (got %lld, expected %lld)\n", line, ea, eb, a, b);
    }
}

#define CHECK(e) check_at((e) ? 1 : 0, #e, __LINE__)
#define EQ(a, b) check_eq_at((long long)(a), (long long)(b), #a, #b, __LINE__)
#define LASTERR() ((long long)cs_sim_get_last_error())

/* ---- UTF-16 strings from ASCII literals (main thread only) ----------------------- */
#define N_WBUF 64
static const WCHAR *W(const char *s)
{
    static WCHAR bufs[N_WBUF][256];
    static int next;
    WCHAR *b = bufs[next++ % N_WBUF];
    size_t i;
    for (i = 0; s[i] && i < 255; i++)
        b[i] = (WCHAR)(unsigned char)s[i];
    b[i] = 0;
    return b;
}

/* "a\0b\0" -> a UTF-16 multi_sz */
static const WCHAR *MSZ(const char *s)
{
    static WCHAR bufs[16][512];
    static int next;
    WCHAR *b = bufs[next++ % 16];
    size_t k = 0;
    const char *p = s;
    while (*p) {
        size_t n = strlen(p), i;
        for (i = 0; i <= n; i++)
            b[k++] = (WCHAR)(unsigned char)p[i];
        p += n + 1;
    }
    b[k] = 0;
    return b;
}

static int weq(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int weqa(const WCHAR *a, const char *b)
{
    return a != NULL && weq(a, W(b));
}

static double now_s(void)
{
#ifdef _WIN32
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
}

/* ---- the test cluster -------------------------------------------------------------- */
#define RA ((DWORD)GENERIC_READ)
#define RW ((DWORD)GENERIC_ALL)
#define RM ((DWORD)MAXIMUM_ALLOWED)

static uint32_t total_open(int sim)
{
    uint32_t c[CS_KIND_COUNT], t = 0;
    int k;
    if (cs_sim_open_handles(sim, c) != 0)
        return 0xFFFFFFFFu;
    for (k = 0; k < CS_KIND_COUNT; k++)
        t += c[k];
    return t;
}

static uint32_t open_of_kind(int sim, int kind)
{
    uint32_t c[CS_KIND_COUNT];
    if (cs_sim_open_handles(sim, c) != 0)
        return 0xFFFFFFFFu;
    return c[kind];
}

/* TESTCLUSTER: 3 nodes (NODE3 down), 2 networks, 3 interfaces, 4 resource
 * types, 3 groups (VM1 unowned), 4 resources, a quorum. */
static int make_sim(void)
{
    int id = 0;
    uint32_t e = 0;
    EQ(cs_sim_create(&id), 0);
    CHECK(id > 1);
    e |= cs_sim_set_cluster(id, W("TESTCLUSTER"), MSZ("testcluster.contoso.local\0TC-ALIAS\0"), 10, 0, 20348,
                            W("Microsoft(R) Cluster Service"), W("SP1"), 0x000B0004, 0x000A0001, 1);
    e |= cs_sim_add_resource_type(id, W("Physical Disk"));
    e |= cs_sim_add_resource_type(id, W("IP Address"));
    e |= cs_sim_add_resource_type(id, W("Network Name"));
    e |= cs_sim_add_resource_type(id, W("Generic Service"));
    e |= cs_sim_add_node(id, W("NODE1"), W("1"), ClusterNodeUp);
    e |= cs_sim_add_node(id, W("NODE2"), W("2"), ClusterNodeUp);
    e |= cs_sim_add_node(id, W("NODE3"), W("3"), ClusterNodeDown);
    e |= cs_sim_add_network(id, W("Cluster Network 1"), W("net-1"), ClusterNetworkUp);
    e |= cs_sim_add_network(id, W("Cluster Network 2"), W("net-2"), ClusterNetworkPartitioned);
    e |= cs_sim_add_netinterface(id, W("NODE1 - Ethernet"), W("nif-1"), W("NODE1"), W("Cluster Network 1"),
                                 ClusterNetInterfaceUp);
    e |= cs_sim_add_netinterface(id, W("NODE2 - Ethernet"), W("nif-2"), W("node2"), W("cluster network 1"),
                                 ClusterNetInterfaceUnreachable);
    e |= cs_sim_add_netinterface(id, W("NODE1 - Ethernet 2"), W("nif-3"), W("NODE1"), W("Cluster Network 2"),
                                 ClusterNetInterfaceFailed);
    e |= cs_sim_add_group(id, W("Cluster Group"), W("g-core"), ClusterGroupOnline, W("NODE1"),
                          MSZ("NODE2\0NODE1\0"));
    e |= cs_sim_add_group(id, W("Available Storage"), W("g-storage"), ClusterGroupOffline, W("NODE2"), NULL);
    e |= cs_sim_add_group(id, W("VM1"), W("g-vm1"), ClusterGroupPartialOnline, NULL, NULL);
    e |= cs_sim_add_resource(id, W("Cluster IP Address"), W("r-ip"), W("IP Address"), W("Cluster Group"),
                             ClusterResourceOnline, NULL, NULL);
    e |= cs_sim_add_resource(id, W("Cluster Name"), W("r-name"), W("Network Name"), W("Cluster Group"),
                             ClusterResourceOnlinePending, MSZ("Cluster IP Address\0"), MSZ("NODE1\0NODE2\0"));
    e |= cs_sim_add_resource(id, W("Cluster Disk 1"), W("r-disk"), W("Physical Disk"), W("Available Storage"),
                             ClusterResourceOffline, NULL, NULL);
    e |= cs_sim_add_resource(id, W("VM1 Service"), W("r-vm1"), W("Generic Service"), W("VM1"),
                             ClusterResourceFailed, MSZ("Cluster Name\0"), NULL);
    e |= cs_sim_set_quorum(id, W("Cluster Disk 1"), W("\\\\?\\Volume{1}\\"), 4096);
    EQ(e, 0);
    return id;
}

static cs_table *table_of(int id)
{
    cs_backend *b = cs_sim_backend(id);
    return b ? &b->table : NULL;
}

/* ---- control API ------------------------------------------------------------------------ */
static void test_control(void)
{
    int id = make_sim(), i;
    cs_backend *b = cs_sim_backend(id);
    uint32_t counts[CS_KIND_COUNT];
    CHECK(b != NULL);
    if (b == NULL)
        return;
    EQ(b->kind, CS_BACKEND_SIM);
    EQ(b->id, id);
    CHECK(b->bind != NULL && b->last_error != NULL);
    for (i = 0; i < CS_FN_COUNT; i++) {
        if (b->table.slot[i] == NULL || b->table.slot[i] != cs_sim_entry_point(i))
            break;
    }
    EQ(i, CS_FN_COUNT);
    CHECK(cs_sim_entry_point(-1) == NULL);
    CHECK(cs_sim_entry_point(CS_FN_COUNT) == NULL);
    CHECK(cs_sim_backend(CS_SYSTEM_BACKEND) == NULL);
    CHECK(cs_sim_backend(0) == NULL);
    CHECK(cs_sim_backend(60000) == NULL);
    CHECK(cs_backend_by_id(id) == b);

    /* duplicates and references */
    EQ(cs_sim_add_node(id, W("node1"), W("9"), ClusterNodeUp), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_group(id, W("cluster GROUP"), W("x"), ClusterGroupOnline, NULL, NULL), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_resource(id, W("CLUSTER NAME"), W("x"), W("t"), W("VM1"), ClusterResourceOnline, NULL, NULL),
       ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_network(id, W("CLUSTER NETWORK 2"), W("x"), ClusterNetworkUp), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_netinterface(id, W("node1 - ethernet"), W("x"), W("NODE1"), W("Cluster Network 1"),
                               ClusterNetInterfaceUp), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_resource_type(id, W("physical disk")), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_group(id, W("G2"), W("x"), ClusterGroupOnline, W("NODE9"), NULL), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_add_group(id, W("G2"), W("x"), ClusterGroupOnline, NULL, MSZ("NODE1\0NODE9\0")),
       ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_add_resource(id, W("R2"), W("x"), W("t"), W("NOGROUP"), ClusterResourceOnline, NULL, NULL),
       ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_add_resource(id, W("R2"), W("x"), W("t"), W("VM1"), ClusterResourceOnline, MSZ("NORES\0"), NULL),
       ERROR_RESOURCE_NOT_FOUND);
    EQ(cs_sim_add_resource(id, W("R2"), W("x"), W("t"), W("VM1"), ClusterResourceOnline, NULL, MSZ("N9\0")),
       ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_add_netinterface(id, W("NIF"), W("x"), W("NODE9"), W("Cluster Network 1"), 3),
       ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_add_netinterface(id, W("NIF"), W("x"), W("NODE1"), W("Net9"), 3), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    /* bad names and states */
    EQ(cs_sim_add_node(id, NULL, W("9"), ClusterNodeUp), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_node(id, W(""), W("9"), ClusterNodeUp), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_node(id, W("N4"), W("9"), -1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_node(id, W("N4"), W("9"), 4), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_group(id, W("G2"), W("x"), 5, NULL, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_resource(id, W("R2"), W("x"), W("t"), W("VM1"), 5, NULL, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_resource(id, W("R2"), W("x"), W("t"), W("VM1"), 127, NULL, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_resource(id, W("R2"), W("x"), W("t"), NULL, 2, NULL, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_network(id, W("N"), W("x"), 4), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_resource_type(id, W("")), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_cluster(id, NULL, NULL, 1, 2, 3, NULL, NULL, 0, 0, 0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_cluster(id, W("X"), NULL, 1, 2, 3,
                          W("0123456789012345678901234567890123456789012345678901234567890123"), NULL, 0, 0, 0),
       ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("VM1"), -1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("VM1 Service"), 129), 0);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("VM1 Service"), 131), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE4"), 0), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_set_state(id, CS_KIND_ENUM, W("NODE1"), 0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_state(id, CS_KIND_CLUSTER, W("NODE1"), 0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_delete(id, CS_KIND_NETWORK, W("nonet")), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    EQ(cs_sim_delete(id, CS_KIND_NETINTERFACE, W("nonif")), ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("nores")), ERROR_RESOURCE_NOT_FOUND);
    EQ(cs_sim_delete(id, 7, W("x")), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_move_group(id, W("nogroup"), W("NODE1")), ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_move_group(id, W("VM1"), W("NODE9")), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_delete_after(id, CS_FN_OpenCluster, 0, CS_KIND_GROUP, W("VM1")), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_delete_after(id, CS_FN_COUNT, 1, CS_KIND_GROUP, W("VM1")), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_delete_after(id, CS_FN_OpenCluster, 1, CS_KIND_GROUP, W("nogroup")), ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_fail(id, -1, 5, 1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_fail(id, CS_FN_OpenCluster, 0, 1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_fail(id, CS_FN_OpenCluster, 0, 0), 0);
    EQ(cs_sim_hide(id, CS_FN_COUNT, 1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_latency(id, -0.5), ERROR_INVALID_PARAMETER);
    {
        volatile double zero = 0.0;
        EQ(cs_sim_set_latency(id, zero / zero), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_set_latency(id, 1.0 / zero), ERROR_INVALID_PARAMETER);
    }
    EQ(cs_sim_set_latency(id, 0.25), 0);
    CHECK(cs_sim_get_latency(id) == 0.25);
    EQ(cs_sim_set_latency(id, 0.0), 0);
    EQ(cs_sim_get_rights(id), CS_RIGHTS_ALL);
    EQ(cs_sim_set_rights(id, 3), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_rights(id, -1), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_rights(id, CS_RIGHTS_READ), 0);
    EQ(cs_sim_get_rights(id), CS_RIGHTS_READ);
    EQ(cs_sim_open_handles(id, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_calls(id, CS_FN_COUNT), 0);
    EQ(cs_sim_calls(id, -2), 0);

    /* an invalid sim id: every control function refuses */
    {
        int bad = 60000;
        EQ(cs_sim_release(bad), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_set_cluster(bad, W("X"), NULL, 1, 2, 3, NULL, NULL, 0, 0, 0), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_set_quorum(bad, W("x"), W("y"), 1), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_add_resource_type(bad, W("t")), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_add_node(bad, W("n"), W("1"), 0), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_add_network(bad, W("n"), W("1"), 0), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_add_netinterface(bad, W("n"), W("1"), W("a"), W("b"), 0), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_add_group(bad, W("g"), W("1"), 0, NULL, NULL), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_add_resource(bad, W("r"), W("1"), W("t"), W("g"), 0, NULL, NULL), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_delete(bad, CS_KIND_NODE, W("n")), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_set_state(bad, CS_KIND_NODE, W("n"), 0), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_move_group(bad, W("g"), W("n")), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_delete_after(bad, 0, 1, CS_KIND_NODE, W("n")), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_fail(bad, 0, 5, 1), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_hide(bad, 0, 1), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_set_latency(bad, 0.0), ERROR_INVALID_PARAMETER);
        CHECK(cs_sim_get_latency(bad) == 0.0);
        EQ(cs_sim_set_rights(bad, 2), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_get_rights(bad), -1);
        EQ(cs_sim_calls(bad, -1), 0);
        EQ(cs_sim_round_trips(bad, -1), 0);
        EQ(cs_sim_reset_calls(bad), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_open_handles(bad, counts), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_bind_thread(bad), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_bind_thread(0), ERROR_INVALID_PARAMETER);
        EQ(cs_sim_bind_thread(CS_SYSTEM_BACKEND), ERROR_INVALID_PARAMETER);
    }
    EQ(cs_sim_release(id), 0);
    CHECK(cs_sim_backend(id) == NULL);
    EQ(cs_sim_release(id), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_node(id, W("n"), W("1"), 0), ERROR_INVALID_PARAMETER);
}

/* ---- opening and access ---------------------------------------------------------------------- */
static void test_opens(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c, c2;
    HGROUP g;
    DWORD granted;
    static const struct {
        int rights;
        DWORD access;
        DWORD err;
        DWORD granted;
    } matrix[] = {
        { CS_RIGHTS_ALL, RA, 0, RA },
        { CS_RIGHTS_ALL, RW, 0, RW },
        { CS_RIGHTS_ALL, RM, 0, RW },
        { CS_RIGHTS_ALL, RA | RM, 0, RA | RW },
        { CS_RIGHTS_ALL, RA | RW, 0, RA | RW },
        { CS_RIGHTS_ALL, RA | RW | RM, 0, RA | RW },
        { CS_RIGHTS_READ, RA, 0, RA },
        { CS_RIGHTS_READ, RW, ERROR_ACCESS_DENIED, 0 },
        { CS_RIGHTS_READ, RM, 0, RA },
        { CS_RIGHTS_READ, RA | RM, 0, RA },
        { CS_RIGHTS_READ, RA | RW, ERROR_ACCESS_DENIED, 0 },
        { CS_RIGHTS_NONE, RA, ERROR_ACCESS_DENIED, 0 },
        { CS_RIGHTS_NONE, RW, ERROR_ACCESS_DENIED, 0 },
        { CS_RIGHTS_NONE, RM, ERROR_ACCESS_DENIED, 0 },
        { CS_RIGHTS_ALL, 0, ERROR_INVALID_PARAMETER, 0 },
        { CS_RIGHTS_ALL, 0x40000000u /* GENERIC_WRITE */, ERROR_INVALID_PARAMETER, 0 },
        { CS_RIGHTS_ALL, RA | 1u, ERROR_INVALID_PARAMETER, 0 },
        { CS_RIGHTS_READ, 0x20000000u, ERROR_INVALID_PARAMETER, 0 },
        { CS_RIGHTS_NONE, 0, ERROR_INVALID_PARAMETER, 0 },
    };
    size_t i;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);

    /* the access matrix: OpenClusterEx and every Open*Ex */
    c2 = t->fn.OpenCluster(NULL);
    CHECK(c2 != NULL);
    for (i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
        void *h[6];
        int k;
        EQ(cs_sim_set_rights(id, matrix[i].rights), 0);
        for (k = 0; k < 6; k++) {
            granted = 0xDEADBEEFu;
            switch (k) {
            case 0: h[k] = (void *)t->fn.OpenClusterEx(NULL, matrix[i].access, &granted); break;
            case 1: h[k] = (void *)t->fn.OpenClusterNodeEx(c2, W("NODE1"), matrix[i].access, &granted); break;
            case 2: h[k] = (void *)t->fn.OpenClusterGroupEx(c2, W("VM1"), matrix[i].access, &granted); break;
            case 3: h[k] = (void *)t->fn.OpenClusterResourceEx(c2, W("Cluster Name"), matrix[i].access, &granted);
                break;
            case 4: h[k] = (void *)t->fn.OpenClusterNetworkEx(c2, W("Cluster Network 1"), matrix[i].access, &granted);
                break;
            default: h[k] = (void *)t->fn.OpenClusterNetInterfaceEx(c2, W("NODE1 - Ethernet"), matrix[i].access,
                                                                    &granted);
                break;
            }
            if (matrix[i].err == 0) {
                if (h[k] == NULL || granted != matrix[i].granted)
                    printf("  (access matrix row %u, open %d: err %u granted 0x%x)\n", (unsigned)i, k,
                           (unsigned)cs_sim_get_last_error(), (unsigned)granted);
                CHECK(h[k] != NULL);
                EQ(granted, matrix[i].granted);
            } else {
                if (h[k] != NULL || cs_sim_get_last_error() != matrix[i].err)
                    printf("  (access matrix row %u, open %d)\n", (unsigned)i, k);
                CHECK(h[k] == NULL);
                EQ(LASTERR(), matrix[i].err);
                EQ(granted, 0xDEADBEEFu);
            }
        }
        if (h[0]) EQ(t->fn.CloseCluster((HCLUSTER)h[0]), TRUE);
        if (h[1]) EQ(t->fn.CloseClusterNode((HNODE)h[1]), TRUE);
        if (h[2]) EQ(t->fn.CloseClusterGroup((HGROUP)h[2]), TRUE);
        if (h[3]) EQ(t->fn.CloseClusterResource((HRESOURCE)h[3]), TRUE);
        if (h[4]) EQ(t->fn.CloseClusterNetwork((HNETWORK)h[4]), TRUE);
        if (h[5]) EQ(t->fn.CloseClusterNetInterface((HNETINTERFACE)h[5]), TRUE);
    }
    /* OpenCluster asks GENERIC_ALL; the plain object opens need read */
    EQ(cs_sim_set_rights(id, CS_RIGHTS_READ), 0);
    CHECK(t->fn.OpenCluster(NULL) == NULL);
    EQ(LASTERR(), ERROR_ACCESS_DENIED);
    g = t->fn.OpenClusterGroup(c2, W("VM1"));
    CHECK(g != NULL);
    EQ(t->fn.CloseClusterGroup(g), TRUE);
    EQ(cs_sim_set_rights(id, CS_RIGHTS_NONE), 0);
    CHECK(t->fn.OpenClusterGroup(c2, W("VM1")) == NULL);
    EQ(LASTERR(), ERROR_ACCESS_DENIED);
    CHECK(t->fn.OpenClusterNode(c2, W("NODE1")) == NULL);
    EQ(LASTERR(), ERROR_ACCESS_DENIED);
    EQ(cs_sim_set_rights(id, CS_RIGHTS_ALL), 0);
    /* granted pointer is optional */
    c = t->fn.OpenClusterEx(NULL, RM, NULL);
    CHECK(c != NULL);
    g = t->fn.OpenClusterGroupEx(c, W("vm1"), RM, NULL);
    CHECK(g != NULL);
    EQ(t->fn.CloseClusterGroup(g), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);

    /* named cluster opens */
    {
        static const char *good[] = { "TESTCLUSTER", "testcluster", "TestCluster", "testcluster.contoso.local",
                                      "TC-ALIAS", "tc-alias", "NODE1", "node2", "" };
        static const char *bad[] = { "NODE3", "node3", "OTHER", "TESTCLUSTER2", "TC" };
        for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
            c = t->fn.OpenClusterEx(W(good[i]), RA, &granted);
            CHECK(c != NULL);
            if (c == NULL)
                printf("  (named open of '%s')\n", good[i]);
            else
                EQ(t->fn.CloseCluster(c), TRUE);
        }
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            c = t->fn.OpenCluster(W(bad[i]));
            CHECK(c == NULL);
            EQ(LASTERR(), RPC_S_SERVER_UNAVAILABLE);
        }
        /* a node that comes back up can be opened by name */
        EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE3"), ClusterNodePaused), 0);
        c = t->fn.OpenCluster(W("NODE3"));
        CHECK(c != NULL);
        if (c) EQ(t->fn.CloseCluster(c), TRUE);
        EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE3"), ClusterNodeDown), 0);
    }

    /* object opens: not found, bad names */
    CHECK(t->fn.OpenClusterNode(c2, W("NODE9")) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK(t->fn.OpenClusterGroupEx(c2, W("nogroup"), RA, NULL) == NULL);
    EQ(LASTERR(), ERROR_GROUP_NOT_FOUND);
    CHECK(t->fn.OpenClusterResource(c2, W("nores")) == NULL);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    CHECK(t->fn.OpenClusterNetworkEx(c2, W("nonet"), RM, NULL) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    CHECK(t->fn.OpenClusterNetInterface(c2, W("nonif")) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
    CHECK(t->fn.OpenClusterGroup(c2, NULL) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.OpenClusterGroupEx(c2, W(""), RA, NULL) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.OpenClusterResource(c2, W("Cluster Group")) == NULL);   /* a group is not a resource */
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);

    EQ(t->fn.CloseCluster(c2), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* ---- handle validation --------------------------------------------------------------------------- */
static void test_bad_handles(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c, closed_c;
    HGROUP g, closed_g;
    HCLUSENUM e;
    HGROUPENUM ge;
    WCHAR buf[64];
    DWORD cch, type, granted;
    size_t i;
    void *forged[4];
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RA, &granted);
    g = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    closed_c = t->fn.OpenCluster(NULL);
    closed_g = t->fn.OpenClusterGroup(c, W("VM1"));
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP);
    ge = t->fn.ClusterGroupOpenEnum(g, CLUSTER_GROUP_ENUM_CONTAINS);
    CHECK(c && g && closed_c && closed_g && e && ge);
    EQ(t->fn.CloseCluster(closed_c), TRUE);
    EQ(t->fn.CloseClusterGroup(closed_g), TRUE);
    EQ(total_open(id), 4);
    forged[0] = NULL;
    forged[1] = (void *)(uintptr_t)1;
    forged[2] = (void *)(uintptr_t)0x12345678u;
    forged[3] = (void *)~(uintptr_t)0;
    cs_sim_reset_calls(id);
    for (i = 0; i < 4; i++) {
        void *h = forged[i];
        EQ(t->fn.CloseCluster((HCLUSTER)h), FALSE);
        EQ(LASTERR(), ERROR_INVALID_HANDLE);
        EQ(t->fn.CloseClusterGroup((HGROUP)h), FALSE);
        EQ(LASTERR(), ERROR_INVALID_HANDLE);
        EQ(t->fn.GetClusterGroupState((HGROUP)h, NULL, NULL), ClusterGroupStateUnknown);
        EQ(LASTERR(), ERROR_INVALID_HANDLE);
        EQ(t->fn.GetClusterNodeState((HNODE)h), ClusterNodeStateUnknown);
        EQ(LASTERR(), ERROR_INVALID_HANDLE);
        CHECK(t->fn.OpenClusterGroup((HCLUSTER)h, W("VM1")) == NULL);
        EQ(LASTERR(), ERROR_INVALID_HANDLE);
        cch = 64;
        EQ(t->fn.ClusterEnum((HCLUSENUM)h, 0, &type, buf, &cch), ERROR_INVALID_HANDLE);
        EQ(t->fn.ClusterCloseEnum((HCLUSENUM)h), ERROR_INVALID_HANDLE);
        EQ(t->fn.ClusterGroupCloseEnumEx((HGROUPENUMEX)h), ERROR_INVALID_HANDLE);
        cch = 64;
        EQ(t->fn.GetClusterInformation((HCLUSTER)h, buf, &cch, NULL), ERROR_INVALID_HANDLE);
        EQ(t->fn.GetClusterNetworkId((HNETWORK)h, buf, &cch), ERROR_INVALID_HANDLE);
    }
    /* closed handles */
    EQ(t->fn.CloseCluster(closed_c), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.CloseClusterGroup(closed_g), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.GetClusterGroupState(closed_g, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    CHECK(t->fn.ClusterOpenEnum(closed_c, CLUSTER_ENUM_NODE) == NULL);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    /* wrong kinds */
    EQ(t->fn.GetClusterGroupState((HGROUP)c, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.GetClusterResourceState((HRESOURCE)g, NULL, NULL, NULL, NULL), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    CHECK(t->fn.OpenClusterNode((HCLUSTER)g, W("NODE1")) == NULL);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.CloseCluster((HCLUSTER)g), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.CloseClusterNode((HNODE)g), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    cch = 64;
    EQ(t->fn.ClusterGroupEnum((HGROUPENUM)e, 0, &type, buf, &cch), ERROR_INVALID_HANDLE);
    cch = 64;
    EQ(t->fn.ClusterEnum((HCLUSENUM)ge, 0, &type, buf, &cch), ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterCloseEnumEx((HCLUSENUMEX)e), ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterNodeCloseEnum((HNODEENUM)ge), ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterCloseEnum((HCLUSENUM)c), ERROR_INVALID_HANDLE);
    cch = 64;
    EQ(t->fn.GetClusterNodeId((HNODE)g, buf, &cch), ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterResourceControl((HRESOURCE)g, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, buf, 128, NULL),
       ERROR_INVALID_HANDLE);
    /* nothing of that was counted, nothing was closed */
    EQ(cs_sim_calls(id, -1), 0);
    EQ(total_open(id), 4);
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.ClusterGroupCloseEnum(ge), 0);
    EQ(t->fn.ClusterGroupCloseEnum(ge), ERROR_INVALID_HANDLE);
    EQ(t->fn.CloseClusterGroup(g), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_calls(id, CS_FN_CloseCluster), 1);
    EQ(cs_sim_release(id), 0);
}

/* ---- cluster-level reads ---------------------------------------------------------------------------- */
static void test_cluster_info(void)
{
    int id = make_sim(), empty_id = 0;
    cs_table *t = table_of(id);
    HCLUSTER c;
    WCHAR buf[64], dev[64];
    DWORD cch, cch2, maxlog;
    CLUSTERVERSIONINFO info;
    const DWORD name_len = 11;  /* TESTCLUSTER */
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    CHECK(c != NULL);

    /* name buffer protocol */
    cch = name_len;
    buf[0] = 0x7777;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, NULL), ERROR_MORE_DATA);
    EQ(cch, name_len);
    EQ(buf[0], 0x7777);                 /* nothing written */
    cch = name_len + 1;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, NULL), 0);
    EQ(cch, name_len);
    CHECK(weqa(buf, "TESTCLUSTER"));
    cch = 0;
    EQ(t->fn.GetClusterInformation(c, NULL, &cch, NULL), ERROR_MORE_DATA);
    EQ(cch, name_len);
    cch = 5;
    EQ(t->fn.GetClusterInformation(c, NULL, &cch, NULL), ERROR_INVALID_PARAMETER);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    EQ(t->fn.GetClusterInformation(c, buf, NULL, NULL), ERROR_INVALID_PARAMETER);
    /* version info */
    memset(&info, 0x55, sizeof(info));
    info.dwVersionInfoSize = sizeof(info);
    cch = 64;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, &info), 0);
    EQ(info.MajorVersion, 10);
    EQ(info.MinorVersion, 0);
    EQ(info.BuildNumber, 20348);
    CHECK(weqa(info.szVendorId, "Microsoft(R) Cluster Service"));
    CHECK(weqa(info.szCSDVersion, "SP1"));
    EQ(info.dwClusterHighestVersion, 0x000B0004);
    EQ(info.dwClusterLowestVersion, 0x000A0001);
    EQ(info.dwFlags, 1);
    EQ(info.dwVersionInfoSize, sizeof(info));
    memset(&info, 0x55, sizeof(info));
    info.dwVersionInfoSize = 268;       /* the NT4 layout: no version range, no flags */
    cch = 64;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, &info), 0);
    EQ(info.BuildNumber, 20348);
    CHECK(weqa(info.szCSDVersion, "SP1"));
    EQ(info.dwClusterHighestVersion, 0x55555555u);
    EQ(info.dwFlags, 0x55555555u);
    info.dwVersionInfoSize = 267;
    cch = 64;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, &info), ERROR_INVALID_PARAMETER);
    info.dwVersionInfoSize = 0;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, &info), ERROR_INVALID_PARAMETER);

    /* quorum */
    cch = 64;
    cch2 = 64;
    maxlog = 0;
    EQ(t->fn.GetClusterQuorumResource(c, buf, &cch, dev, &cch2, &maxlog), 0);
    CHECK(weqa(buf, "Cluster Disk 1"));
    CHECK(weqa(dev, "\\\\?\\Volume{1}\\"));
    EQ(cch, 14);
    EQ(cch2, 14);
    EQ(maxlog, 4096);
    cch = 14;                           /* resource too small, device fine */
    cch2 = 64;
    EQ(t->fn.GetClusterQuorumResource(c, buf, &cch, dev, &cch2, &maxlog), ERROR_MORE_DATA);
    EQ(cch, 14);
    EQ(cch2, 14);
    cch = 15;
    cch2 = 14;                          /* device too small */
    EQ(t->fn.GetClusterQuorumResource(c, buf, &cch, dev, &cch2, &maxlog), ERROR_MORE_DATA);
    EQ(cch, 14);
    EQ(cch2, 14);
    cch = 0;
    cch2 = 0;
    EQ(t->fn.GetClusterQuorumResource(c, NULL, &cch, NULL, &cch2, &maxlog), ERROR_MORE_DATA);
    EQ(cch, 14);
    EQ(cch2, 14);
    cch = 15;
    cch2 = 15;
    EQ(t->fn.GetClusterQuorumResource(c, buf, &cch, dev, &cch2, &maxlog), 0);
    EQ(t->fn.GetClusterQuorumResource(c, buf, NULL, dev, &cch2, &maxlog), ERROR_INVALID_PARAMETER);
    EQ(t->fn.GetClusterQuorumResource(c, buf, &cch, dev, NULL, &maxlog), ERROR_INVALID_PARAMETER);
    EQ(t->fn.CloseCluster(c), TRUE);

    /* an empty simulator: no name, no quorum */
    EQ(cs_sim_create(&empty_id), 0);
    EQ(cs_sim_bind_thread(empty_id), 0);
    t = table_of(empty_id);
    c = t->fn.OpenCluster(NULL);
    CHECK(c != NULL);
    cch = 1;
    buf[0] = 0x7777;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, NULL), 0);
    EQ(cch, 0);
    EQ(buf[0], 0);
    cch = 1;
    cch2 = 1;
    maxlog = 99;
    EQ(t->fn.GetClusterQuorumResource(c, buf, &cch, dev, &cch2, &maxlog), 0);
    EQ(cch, 0);
    EQ(cch2, 0);
    EQ(maxlog, 0);
    CHECK(t->fn.OpenCluster(W("TESTCLUSTER")) == NULL);
    EQ(LASTERR(), RPC_S_SERVER_UNAVAILABLE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(cs_sim_release(empty_id), 0);
    EQ(cs_sim_release(id), 0);
}

/* Reads every name of a plain enumeration into "a|b|c" (ASCII only). */
typedef DWORD (WINAPI *enum_fn)(void *, DWORD, LPDWORD, LPWSTR, LPDWORD);

static void names_of(enum_fn f, void *e, char *out, size_t cap, DWORD *types)
{
    DWORD i, err;
    size_t k = 0;
    out[0] = 0;
    for (i = 0;; i++) {
        WCHAR buf[128];
        DWORD cch = 128, type = 0xFFFF, j;
        err = f(e, i, &type, buf, &cch);
        if (err)
            break;
        if (types)
            types[i] = type;
        if (i && k + 1 < cap)
            out[k++] = '|';
        for (j = 0; j < cch && k + 1 < cap; j++)
            out[k++] = buf[j] < 128 ? (char)buf[j] : '?';
        out[k] = 0;
    }
    EQ(err, ERROR_NO_MORE_ITEMS);
}

#define NAMES(F, e, out, types) names_of((enum_fn)(void *)(F), (void *)(e), out, sizeof(out), types)

static void test_enums(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HCLUSENUM e;
    HCLUSENUMEX ex;
    HNODE n1;
    HGROUP core;
    HRESOURCE rname, rip;
    HNETWORK net1;
    char s[1024];
    DWORD types[32], cch, type, i;
    WCHAR buf[64];
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);

    CHECK(t->fn.ClusterOpenEnum(c, 0) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterOpenEnum(c, 0x40) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterOpenEnum(c, 0x80000000u) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterOpenEnumEx(c, 0, NULL) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);

    e = t->fn.ClusterOpenEnum(c, 0x3F);
    CHECK(e != NULL);
    NAMES(t->fn.ClusterEnum, e, s, types);
    CHECK(strcmp(s, "NODE1|NODE2|NODE3|Physical Disk|IP Address|Network Name|Generic Service|"
                    "Cluster IP Address|Cluster Name|Cluster Disk 1|VM1 Service|"
                    "Cluster Group|Available Storage|VM1|Cluster Network 1|Cluster Network 2|"
                    "NODE1 - Ethernet|NODE2 - Ethernet|NODE1 - Ethernet 2") == 0);
    EQ(types[0], CLUSTER_ENUM_NODE);
    EQ(types[3], CLUSTER_ENUM_RESTYPE);
    EQ(types[7], CLUSTER_ENUM_RESOURCE);
    EQ(types[11], CLUSTER_ENUM_GROUP);
    EQ(types[14], CLUSTER_ENUM_NETWORK);
    EQ(types[18], CLUSTER_ENUM_NETINTERFACE);
    /* buffer edges on an item ("NODE1", 5) */
    cch = 5;
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, &cch), ERROR_MORE_DATA);
    EQ(cch, 5);
    cch = 6;
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, &cch), 0);
    EQ(cch, 5);
    cch = 0;
    EQ(t->fn.ClusterEnum(e, 0, &type, NULL, &cch), ERROR_MORE_DATA);
    EQ(cch, 5);
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, NULL), ERROR_INVALID_PARAMETER);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 19, &type, buf, &cch), ERROR_NO_MORE_ITEMS);
    EQ(t->fn.ClusterEnum(e, 0xFFFFFFFFu, &type, buf, &cch), ERROR_NO_MORE_ITEMS);
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.ClusterCloseEnum(e), ERROR_INVALID_HANDLE);

    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_GROUP);
    NAMES(t->fn.ClusterEnum, e, s, NULL);
    CHECK(strcmp(s, "Cluster Group|Available Storage|VM1|Cluster Network 1|Cluster Network 2") == 0);
    EQ(t->fn.ClusterCloseEnum(e), 0);

    /* ClusterEnumEx: the item, then its strings, in the caller's buffer */
    ex = t->fn.ClusterOpenEnumEx(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_RESTYPE, NULL);
    CHECK(ex != NULL);
    {
        union { CLUSTER_ENUM_ITEM item; BYTE bytes[512]; } u;
        DWORD cb, need = (DWORD)(sizeof(CLUSTER_ENUM_ITEM) + 2 * 2 + 6 * 2);   /* "1", "NODE1" */
        cb = 0;
        EQ(t->fn.ClusterEnumEx(ex, 0, NULL, &cb), ERROR_MORE_DATA);
        EQ(cb, need);
        cb = need - 1;
        EQ(t->fn.ClusterEnumEx(ex, 0, &u.item, &cb), ERROR_MORE_DATA);
        EQ(cb, need);
        cb = 16;
        EQ(t->fn.ClusterEnumEx(ex, 0, NULL, &cb), ERROR_INVALID_PARAMETER);
        EQ(t->fn.ClusterEnumEx(ex, 0, &u.item, NULL), ERROR_INVALID_PARAMETER);
        cb = need;
        memset(&u, 0xAA, sizeof(u));
        EQ(t->fn.ClusterEnumEx(ex, 0, &u.item, &cb), 0);
        EQ(cb, need);
        EQ(u.item.dwVersion, CLUSTER_ENUM_ITEM_VERSION_1);
        EQ(u.item.dwType, CLUSTER_ENUM_NODE);
        EQ(u.item.cbId, 4);
        EQ(u.item.cbName, 12);
        CHECK(weqa(u.item.lpszId, "1"));
        CHECK(weqa(u.item.lpszName, "NODE1"));
        CHECK((BYTE *)u.item.lpszId >= u.bytes + sizeof(CLUSTER_ENUM_ITEM) &&
              (BYTE *)u.item.lpszName + u.item.cbName <= u.bytes + need);
        CHECK(((uintptr_t)u.item.lpszId & 1) == 0 && ((uintptr_t)u.item.lpszName & 1) == 0);
        cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 3, &u.item, &cb), 0);   /* a resource type: the name is its id */
        EQ(u.item.dwType, CLUSTER_ENUM_RESTYPE);
        CHECK(weqa(u.item.lpszName, "Physical Disk"));
        CHECK(weqa(u.item.lpszId, "Physical Disk"));
        EQ(u.item.cbId, 28);
        EQ(cb, sizeof(CLUSTER_ENUM_ITEM) + 28 + 28);
        cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 7, &u.item, &cb), ERROR_NO_MORE_ITEMS);
    }
    CHECK(t->fn.ClusterCloseEnum((HCLUSENUM)ex) != 0);
    EQ(t->fn.ClusterCloseEnumEx(ex), 0);

    /* node, group, resource and network enumerations */
    n1 = t->fn.OpenClusterNode(c, W("NODE1"));
    core = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    rname = t->fn.OpenClusterResource(c, W("Cluster Name"));
    rip = t->fn.OpenClusterResource(c, W("Cluster IP Address"));
    net1 = t->fn.OpenClusterNetwork(c, W("Cluster Network 1"));
    CHECK(n1 && core && rname && rip && net1);
    {
        HNODEENUM ne = t->fn.ClusterNodeOpenEnum(n1, CLUSTER_NODE_ENUM_NETINTERFACES | CLUSTER_NODE_ENUM_GROUPS);
        NAMES(t->fn.ClusterNodeEnum, ne, s, types);
        CHECK(strcmp(s, "NODE1 - Ethernet|NODE1 - Ethernet 2|Cluster Group") == 0);
        EQ(types[0], CLUSTER_NODE_ENUM_NETINTERFACES);
        EQ(types[2], CLUSTER_NODE_ENUM_GROUPS);
        EQ(t->fn.ClusterNodeCloseEnum(ne), 0);
        CHECK(t->fn.ClusterNodeOpenEnum(n1, 4) == NULL);
        EQ(LASTERR(), ERROR_INVALID_PARAMETER);
        CHECK(t->fn.ClusterNodeOpenEnum(n1, 0) == NULL);
        EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    }
    {
        HGROUPENUM ge = t->fn.ClusterGroupOpenEnum(core, CLUSTER_GROUP_ENUM_CONTAINS);
        NAMES(t->fn.ClusterGroupEnum, ge, s, types);
        CHECK(strcmp(s, "Cluster IP Address|Cluster Name") == 0);
        EQ(types[1], CLUSTER_GROUP_ENUM_CONTAINS);
        EQ(t->fn.ClusterGroupCloseEnum(ge), 0);
        ge = t->fn.ClusterGroupOpenEnum(core, CLUSTER_GROUP_ENUM_NODES);
        NAMES(t->fn.ClusterGroupEnum, ge, s, types);
        CHECK(strcmp(s, "NODE2|NODE1") == 0);                 /* preference order */
        EQ(types[0], CLUSTER_GROUP_ENUM_NODES);
        EQ(t->fn.ClusterGroupCloseEnum(ge), 0);
        CHECK(t->fn.ClusterGroupOpenEnum(core, 4) == NULL);
        EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    }
    {
        HRESENUM re = t->fn.ClusterResourceOpenEnum(rname, 0x7);
        NAMES(t->fn.ClusterResourceEnum, re, s, types);
        CHECK(strcmp(s, "Cluster IP Address|VM1 Service|NODE1|NODE2") == 0);
        EQ(types[0], CLUSTER_RESOURCE_ENUM_DEPENDS);
        EQ(types[1], CLUSTER_RESOURCE_ENUM_PROVIDES);
        EQ(types[2], CLUSTER_RESOURCE_ENUM_NODES);
        EQ(t->fn.ClusterResourceCloseEnum(re), 0);
        re = t->fn.ClusterResourceOpenEnum(rip, CLUSTER_RESOURCE_ENUM_PROVIDES);
        NAMES(t->fn.ClusterResourceEnum, re, s, NULL);
        CHECK(strcmp(s, "Cluster Name") == 0);
        EQ(t->fn.ClusterResourceCloseEnum(re), 0);
        re = t->fn.ClusterResourceOpenEnum(rip, CLUSTER_RESOURCE_ENUM_DEPENDS);
        NAMES(t->fn.ClusterResourceEnum, re, s, NULL);
        CHECK(strcmp(s, "") == 0);
        EQ(t->fn.ClusterResourceCloseEnum(re), 0);
        CHECK(t->fn.ClusterResourceOpenEnum(rip, 8) == NULL);
        EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    }
    {
        HNETWORKENUM we = t->fn.ClusterNetworkOpenEnum(net1, CLUSTER_NETWORK_ENUM_NETINTERFACES);
        NAMES(t->fn.ClusterNetworkEnum, we, s, types);
        CHECK(strcmp(s, "NODE1 - Ethernet|NODE2 - Ethernet") == 0);
        EQ(types[1], CLUSTER_NETWORK_ENUM_NETINTERFACES);
        EQ(t->fn.ClusterNetworkCloseEnum(we), 0);
        CHECK(t->fn.ClusterNetworkOpenEnum(net1, 2) == NULL);
        EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    }

    /* ClusterGroupEnumEx / ClusterResourceEnumEx */
    CHECK(t->fn.ClusterGroupOpenEnumEx(c, NULL, 0, NULL, 0, 1) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterResourceOpenEnumEx(c, NULL, 0, NULL, 0, 2) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    {
        HGROUPENUMEX gx = t->fn.ClusterGroupOpenEnumEx(c, W("Name"), 10, NULL, 0, 0);
        union { CLUSTER_GROUP_ENUM_ITEM item; BYTE bytes[512]; } u;
        DWORD cb, need;
        static const char *names[3] = { "Cluster Group", "Available Storage", "VM1" };
        static const char *ids[3] = { "g-core", "g-storage", "g-vm1" };
        static const char *owners[3] = { "NODE1", "NODE2", "" };
        static const int states[3] = { ClusterGroupOnline, ClusterGroupOffline, ClusterGroupPartialOnline };
        CHECK(gx != NULL);
        for (i = 0; i < 3; i++) {
            need = (DWORD)(sizeof(CLUSTER_GROUP_ENUM_ITEM) + 2 * (strlen(names[i]) + 1 + strlen(ids[i]) + 1 +
                                                                   strlen(owners[i]) + 1));
            cb = 0;
            EQ(t->fn.ClusterGroupEnumEx(gx, i, NULL, &cb), ERROR_MORE_DATA);
            EQ(cb, need);
            cb = need - 1;
            EQ(t->fn.ClusterGroupEnumEx(gx, i, &u.item, &cb), ERROR_MORE_DATA);
            EQ(cb, need);
            cb = need;
            memset(&u, 0xAA, sizeof(u));
            EQ(t->fn.ClusterGroupEnumEx(gx, i, &u.item, &cb), 0);
            EQ(cb, need);
            EQ(u.item.dwVersion, CLUSTER_GROUP_ENUM_ITEM_VERSION_1);
            CHECK(weqa(u.item.lpszName, names[i]));
            CHECK(weqa(u.item.lpszId, ids[i]));
            CHECK(weqa(u.item.lpszOwnerNode, owners[i]));
            EQ(u.item.cbName, 2 * (strlen(names[i]) + 1));
            EQ(u.item.cbOwnerNode, 2 * (strlen(owners[i]) + 1));
            EQ(u.item.state, states[i]);
            EQ(u.item.dwFlags, 0);
            EQ(u.item.cbProperties, 0);
            CHECK(u.item.pProperties == NULL && u.item.pRoProperties == NULL);
            EQ(u.item.cbRoProperties, 0);
        }
        cb = sizeof(u);
        EQ(t->fn.ClusterGroupEnumEx(gx, 3, &u.item, &cb), ERROR_NO_MORE_ITEMS);
        EQ(t->fn.ClusterGroupCloseEnumEx(gx), 0);
    }
    {
        HRESENUMEX rx = t->fn.ClusterResourceOpenEnumEx(c, NULL, 0, NULL, 0, 0);
        union { CLUSTER_RESOURCE_ENUM_ITEM item; BYTE bytes[512]; } u;
        DWORD cb = 0, need = (DWORD)(sizeof(CLUSTER_RESOURCE_ENUM_ITEM) + 2 * (13 + 7 + 14 + 7));
        CHECK(rx != NULL);
        EQ(t->fn.ClusterResourceEnumEx(rx, 1, NULL, &cb), ERROR_MORE_DATA);
        EQ(cb, need);
        cb = sizeof(u);
        EQ(t->fn.ClusterResourceEnumEx(rx, 1, &u.item, &cb), 0);
        EQ(cb, need);
        EQ(u.item.dwVersion, CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1);
        CHECK(weqa(u.item.lpszName, "Cluster Name"));
        CHECK(weqa(u.item.lpszId, "r-name"));
        CHECK(weqa(u.item.lpszOwnerGroupName, "Cluster Group"));
        CHECK(weqa(u.item.lpszOwnerGroupId, "g-core"));
        EQ(u.item.cbOwnerGroupId, 14);
        EQ(u.item.cbOwnerGroupName, 28);
        cb = sizeof(u);
        EQ(t->fn.ClusterResourceEnumEx(rx, 3, &u.item, &cb), 0);
        CHECK(weqa(u.item.lpszName, "VM1 Service"));
        EQ(t->fn.ClusterResourceEnumEx(rx, 4, &u.item, &cb), ERROR_NO_MORE_ITEMS);
        EQ(t->fn.ClusterResourceCloseEnumEx(rx), 0);
        EQ(t->fn.ClusterResourceCloseEnumEx(rx), ERROR_INVALID_HANDLE);
    }
    EQ(t->fn.CloseClusterNode(n1), TRUE);
    EQ(t->fn.CloseClusterGroup(core), TRUE);
    EQ(t->fn.CloseClusterResource(rname), TRUE);
    EQ(t->fn.CloseClusterResource(rip), TRUE);
    EQ(t->fn.CloseClusterNetwork(net1), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* ---- states, ids, control codes ---------------------------------------------------------------------- */
static void test_states(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HNODE n1, n3;
    HGROUP core, vm1;
    HRESOURCE rname, rdisk;
    HNETWORK net2;
    HNETINTERFACE nif2;
    WCHAR buf[64], buf2[64];
    DWORD cch, cch2, ret;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    n1 = t->fn.OpenClusterNode(c, W("node1"));
    n3 = t->fn.OpenClusterNodeEx(c, W("NODE3"), RA, NULL);
    core = t->fn.OpenClusterGroup(c, W("CLUSTER GROUP"));
    vm1 = t->fn.OpenClusterGroup(c, W("VM1"));
    rname = t->fn.OpenClusterResource(c, W("Cluster Name"));
    rdisk = t->fn.OpenClusterResource(c, W("cluster disk 1"));
    net2 = t->fn.OpenClusterNetwork(c, W("Cluster Network 2"));
    nif2 = t->fn.OpenClusterNetInterface(c, W("NODE2 - Ethernet"));
    CHECK(c && n1 && n3 && core && vm1 && rname && rdisk && net2 && nif2);

    EQ(t->fn.GetClusterNodeState(n1), ClusterNodeUp);
    EQ(t->fn.GetClusterNodeState(n3), ClusterNodeDown);
    EQ(t->fn.GetClusterNetworkState(net2), ClusterNetworkPartitioned);
    EQ(t->fn.GetClusterNetInterfaceState(nif2), ClusterNetInterfaceUnreachable);
    EQ(cs_sim_set_state(id, CS_KIND_NETINTERFACE, W("node2 - ethernet"), ClusterNetInterfaceUp), 0);
    EQ(t->fn.GetClusterNetInterfaceState(nif2), ClusterNetInterfaceUp);

    /* group state and owner */
    EQ(t->fn.GetClusterGroupState(core, NULL, NULL), ClusterGroupOnline);
    cch = 5;                            /* "NODE1": too small */
    buf[0] = 0x7777;
    EQ(t->fn.GetClusterGroupState(core, buf, &cch), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_MORE_DATA);
    EQ(cch, 5);
    EQ(buf[0], 0x7777);
    cch = 6;
    EQ(t->fn.GetClusterGroupState(core, buf, &cch), ClusterGroupOnline);
    EQ(cch, 5);
    CHECK(weqa(buf, "NODE1"));
    cch = 0;
    EQ(t->fn.GetClusterGroupState(core, NULL, &cch), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_MORE_DATA);
    EQ(cch, 5);
    EQ(t->fn.GetClusterGroupState(core, buf, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    cch = 1;                            /* an unowned group: empty owner */
    buf[0] = 0x7777;
    EQ(t->fn.GetClusterGroupState(vm1, buf, &cch), ClusterGroupPartialOnline);
    EQ(cch, 0);
    EQ(buf[0], 0);
    EQ(cs_sim_move_group(id, W("vm1"), W("node2")), 0);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(vm1, buf, &cch), ClusterGroupPartialOnline);
    CHECK(weqa(buf, "NODE2"));
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("VM1"), ClusterGroupFailed), 0);
    EQ(t->fn.GetClusterGroupState(vm1, NULL, NULL), ClusterGroupFailed);
    EQ(cs_sim_move_group(id, W("VM1"), NULL), 0);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(vm1, buf, &cch), ClusterGroupFailed);
    EQ(cch, 0);

    /* resource state: owner node (its group's) and group */
    EQ(t->fn.GetClusterResourceState(rname, NULL, NULL, NULL, NULL), ClusterResourceOnlinePending);
    cch = 64;
    cch2 = 64;
    EQ(t->fn.GetClusterResourceState(rname, buf, &cch, buf2, &cch2), ClusterResourceOnlinePending);
    CHECK(weqa(buf, "NODE1"));
    CHECK(weqa(buf2, "Cluster Group"));
    EQ(cch, 5);
    EQ(cch2, 13);
    cch = 64;
    cch2 = 13;                          /* group too small */
    EQ(t->fn.GetClusterResourceState(rname, buf, &cch, buf2, &cch2), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_MORE_DATA);
    EQ(cch, 5);
    EQ(cch2, 13);
    cch = 5;                            /* node too small */
    cch2 = 64;
    EQ(t->fn.GetClusterResourceState(rname, buf, &cch, buf2, &cch2), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_MORE_DATA);
    EQ(cch, 5);
    EQ(cch2, 13);
    cch2 = 14;
    EQ(t->fn.GetClusterResourceState(rname, NULL, NULL, buf2, &cch2), ClusterResourceOnlinePending);
    CHECK(weqa(buf2, "Cluster Group"));
    EQ(t->fn.GetClusterResourceState(rname, buf, NULL, NULL, NULL), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_move_group(id, W("Cluster Group"), W("NODE2")), 0);
    cch = 64;
    EQ(t->fn.GetClusterResourceState(rname, buf, &cch, NULL, NULL), ClusterResourceOnlinePending);
    CHECK(weqa(buf, "NODE2"));

    /* ids */
    cch = 1;
    EQ(t->fn.GetClusterNodeId(n3, buf, &cch), ERROR_MORE_DATA);
    EQ(cch, 1);
    cch = 2;
    EQ(t->fn.GetClusterNodeId(n3, buf, &cch), 0);
    CHECK(weqa(buf, "3"));
    cch = 64;
    EQ(t->fn.GetClusterNodeId(NULL, buf, &cch), 0);     /* the local node: the first one */
    CHECK(weqa(buf, "1"));
    cch = 64;
    EQ(t->fn.GetClusterNetworkId(net2, buf, &cch), 0);
    CHECK(weqa(buf, "net-2"));
    EQ(cch, 5);
    EQ(t->fn.GetClusterNetworkId(net2, buf, NULL), ERROR_INVALID_PARAMETER);

    /* GetClusterNetInterface */
    cch = 64;
    EQ(t->fn.GetClusterNetInterface(c, W("node1"), W("CLUSTER NETWORK 2"), buf, &cch), 0);
    CHECK(weqa(buf, "NODE1 - Ethernet 2"));
    EQ(cch, 18);
    cch = 18;
    EQ(t->fn.GetClusterNetInterface(c, W("NODE1"), W("Cluster Network 2"), buf, &cch), ERROR_MORE_DATA);
    EQ(cch, 18);
    cch = 64;
    EQ(t->fn.GetClusterNetInterface(c, W("NODE9"), W("Cluster Network 2"), buf, &cch), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(t->fn.GetClusterNetInterface(c, W("NODE1"), W("Net 9"), buf, &cch), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    EQ(t->fn.GetClusterNetInterface(c, W("NODE2"), W("Cluster Network 2"), buf, &cch),
       ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
    EQ(t->fn.GetClusterNetInterface(c, NULL, W("Cluster Network 2"), buf, &cch), ERROR_INVALID_PARAMETER);
    EQ(t->fn.GetClusterNetInterface(c, W("NODE1"), W("Cluster Network 2"), buf, NULL), ERROR_INVALID_PARAMETER);

    /* CLUSCTL_*_GET_ID: bytes, NUL included */
    ret = 0;
    EQ(t->fn.ClusterGroupControl(core, NULL, CLUSCTL_GROUP_GET_ID, NULL, 0, NULL, 0, &ret), ERROR_MORE_DATA);
    EQ(ret, 14);                        /* "g-core" + NUL */
    ret = 0;
    EQ(t->fn.ClusterGroupControl(core, NULL, CLUSCTL_GROUP_GET_ID, NULL, 0, buf, 13, &ret), ERROR_MORE_DATA);
    EQ(ret, 14);
    ret = 0;
    EQ(t->fn.ClusterGroupControl(core, NULL, CLUSCTL_GROUP_GET_ID, NULL, 0, buf, 14, &ret), 0);
    EQ(ret, 14);
    CHECK(weqa(buf, "g-core"));
    EQ(t->fn.ClusterGroupControl(core, n1, CLUSCTL_GROUP_GET_ID, NULL, 0, buf, 128, NULL), 0);
    EQ(t->fn.ClusterGroupControl(core, (HNODE)core, CLUSCTL_GROUP_GET_ID, NULL, 0, buf, 128, NULL),
       ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterGroupControl(core, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, buf, 128, &ret),
       ERROR_INVALID_FUNCTION);
    EQ(t->fn.ClusterGroupControl(core, NULL, 0x03000001, NULL, 0, buf, 128, &ret), ERROR_INVALID_FUNCTION);
    ret = 0;
    EQ(t->fn.ClusterResourceControl(rdisk, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, buf, 128, &ret), 0);
    EQ(ret, 14);                        /* "r-disk" */
    CHECK(weqa(buf, "r-disk"));
    EQ(t->fn.ClusterResourceControl(rdisk, NULL, CLUSCTL_GROUP_GET_ID, NULL, 0, buf, 128, &ret),
       ERROR_INVALID_FUNCTION);

    EQ(t->fn.CloseClusterNode(n1), TRUE);
    EQ(t->fn.CloseClusterNode(n3), TRUE);
    EQ(t->fn.CloseClusterGroup(core), TRUE);
    EQ(t->fn.CloseClusterGroup(vm1), TRUE);
    EQ(t->fn.CloseClusterResource(rname), TRUE);
    EQ(t->fn.CloseClusterResource(rdisk), TRUE);
    EQ(t->fn.CloseClusterNetwork(net2), TRUE);
    EQ(t->fn.CloseClusterNetInterface(nif2), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* ---- faults, hiding, counters, latency ------------------------------------------------------------------- */
static void test_knobs(void)
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

/* ---- deletion with open handles ----------------------------------------------------------------------- */
static void test_delete(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HGROUP core, storage;
    HRESOURCE rname, rip, rvm;
    HNODE n1;
    HNETWORK net1;
    HNETINTERFACE nif1, nif2;
    HCLUSENUM e;
    HRESENUM re;
    WCHAR buf[64];
    DWORD cch, type;
    char s[512];
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    core = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    storage = t->fn.OpenClusterGroup(c, W("Available Storage"));
    rname = t->fn.OpenClusterResource(c, W("Cluster Name"));
    rip = t->fn.OpenClusterResource(c, W("Cluster IP Address"));
    rvm = t->fn.OpenClusterResource(c, W("VM1 Service"));
    n1 = t->fn.OpenClusterNode(c, W("NODE1"));
    net1 = t->fn.OpenClusterNetwork(c, W("Cluster Network 1"));
    nif1 = t->fn.OpenClusterNetInterface(c, W("NODE1 - Ethernet"));
    nif2 = t->fn.OpenClusterNetInterface(c, W("NODE2 - Ethernet"));
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_RESOURCE);
    CHECK(c && core && storage && rname && rip && rvm && n1 && net1 && nif1 && nif2 && e);

    /* a resource: dependency lists drop it */
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("cluster name")), 0);
    EQ(t->fn.GetClusterResourceState(rname, NULL, NULL, NULL, NULL), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    EQ(t->fn.ClusterResourceControl(rname, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, buf, 128, NULL),
       ERROR_RESOURCE_NOT_FOUND);
    CHECK(t->fn.ClusterResourceOpenEnum(rname, CLUSTER_RESOURCE_ENUM_DEPENDS) == NULL);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    CHECK(t->fn.OpenClusterResource(c, W("Cluster Name")) == NULL);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    re = t->fn.ClusterResourceOpenEnum(rip, CLUSTER_RESOURCE_ENUM_PROVIDES);
    NAMES(t->fn.ClusterResourceEnum, re, s, NULL);
    CHECK(strcmp(s, "") == 0);
    EQ(t->fn.ClusterResourceCloseEnum(re), 0);
    re = t->fn.ClusterResourceOpenEnum(rvm, CLUSTER_RESOURCE_ENUM_DEPENDS);
    NAMES(t->fn.ClusterResourceEnum, re, s, NULL);
    CHECK(strcmp(s, "") == 0);
    EQ(t->fn.ClusterResourceCloseEnum(re), 0);
    /* the enumeration opened before still has its copy */
    NAMES(t->fn.ClusterEnum, e, s, NULL);
    CHECK(strcmp(s, "Cluster IP Address|Cluster Name|Cluster Disk 1|VM1 Service") == 0);
    EQ(t->fn.CloseClusterResource(rname), TRUE);
    /* the name can be used again: a new object */
    EQ(cs_sim_add_resource(id, W("Cluster Name"), W("r-name-2"), W("Network Name"), W("Cluster Group"),
                           ClusterResourceOnline, NULL, NULL), 0);
    rname = t->fn.OpenClusterResource(c, W("Cluster Name"));
    cch = 64;
    EQ(t->fn.ClusterResourceControl(rname, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, buf, 128, &cch), 0);
    CHECK(weqa(buf, "r-name-2"));

    /* a group takes its resources with it */
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("CLUSTER GROUP")), 0);
    EQ(t->fn.GetClusterGroupState(core, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_GROUP_NOT_FOUND);
    CHECK(t->fn.ClusterGroupOpenEnum(core, CLUSTER_GROUP_ENUM_CONTAINS) == NULL);
    EQ(LASTERR(), ERROR_GROUP_NOT_FOUND);
    EQ(t->fn.GetClusterResourceState(rip, NULL, NULL, NULL, NULL), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    EQ(t->fn.GetClusterResourceState(rname, NULL, NULL, NULL, NULL), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    e = (t->fn.ClusterCloseEnum(e), t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_RESOURCE | CLUSTER_ENUM_GROUP));
    NAMES(t->fn.ClusterEnum, e, s, NULL);
    CHECK(strcmp(s, "Cluster Disk 1|VM1 Service|Available Storage|VM1") == 0);   /* order kept */
    EQ(t->fn.ClusterCloseEnum(e), 0);

    /* a node: its interfaces go, its groups move to the first remaining node */
    EQ(cs_sim_move_group(id, W("VM1"), W("NODE2")), 0);
    EQ(cs_sim_delete(id, CS_KIND_NODE, W("NODE2")), 0);
    EQ(t->fn.GetClusterNetInterfaceState(nif2), ClusterNetInterfaceStateUnknown);
    EQ(LASTERR(), ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(storage, buf, &cch), ClusterGroupOffline);
    CHECK(weqa(buf, "NODE1"));
    EQ(cs_sim_delete(id, CS_KIND_NODE, W("NODE1")), 0);
    EQ(t->fn.GetClusterNodeState(n1), ClusterNodeStateUnknown);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    cch = 64;
    EQ(t->fn.GetClusterNodeId(n1, buf, &cch), ERROR_CLUSTER_NODE_NOT_FOUND);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(storage, buf, &cch), ClusterGroupOffline);
    CHECK(weqa(buf, "NODE3"));
    EQ(cs_sim_delete(id, CS_KIND_NODE, W("NODE3")), 0);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(storage, buf, &cch), ClusterGroupOffline);
    EQ(cch, 0);                         /* no node left: no owner */
    cch = 64;
    EQ(t->fn.GetClusterNodeId(NULL, buf, &cch), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(t->fn.GetClusterNetInterfaceState(nif1), ClusterNetInterfaceStateUnknown);
    EQ(LASTERR(), ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);

    /* a network */
    EQ(cs_sim_delete(id, CS_KIND_NETWORK, W("Cluster Network 1")), 0);
    EQ(t->fn.GetClusterNetworkState(net1), ClusterNetworkStateUnknown);
    EQ(LASTERR(), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    cch = 64;
    EQ(t->fn.GetClusterNetworkId(net1, buf, &cch), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    CHECK(t->fn.ClusterNetworkOpenEnum(net1, 1) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_NETINTERFACE | CLUSTER_ENUM_NODE | CLUSTER_ENUM_NETWORK);
    NAMES(t->fn.ClusterEnum, e, s, NULL);
    CHECK(strcmp(s, "Cluster Network 2") == 0);
    EQ(t->fn.ClusterCloseEnum(e), 0);

    /* deleted or not, handles close normally */
    EQ(total_open(id), 10);
    EQ(t->fn.CloseClusterGroup(core), TRUE);
    EQ(t->fn.CloseClusterGroup(storage), TRUE);
    EQ(t->fn.CloseClusterResource(rname), TRUE);
    EQ(t->fn.CloseClusterResource(rip), TRUE);
    EQ(t->fn.CloseClusterResource(rvm), TRUE);
    EQ(t->fn.CloseClusterNode(n1), TRUE);
    EQ(t->fn.CloseClusterNetwork(net1), TRUE);
    EQ(t->fn.CloseClusterNetInterface(nif1), TRUE);
    EQ(t->fn.CloseClusterNetInterface(nif2), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    (void)type;

    /* delete_after: the object goes after the N-th completed call */
    EQ(cs_sim_release(id), 0);
    id = make_sim();
    t = table_of(id);
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    core = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    EQ(cs_sim_delete_after(id, CS_FN_GetClusterGroupState, 2, CS_KIND_GROUP, W("cluster group")), 0);
    EQ(cs_sim_delete_after(id, CS_FN_ClusterEnum, 1, CS_KIND_NODE, W("NODE3")), 0);
    EQ(t->fn.GetClusterGroupState(core, NULL, NULL), ClusterGroupOnline);
    EQ(t->fn.GetClusterGroupState(core, NULL, NULL), ClusterGroupOnline);
    EQ(t->fn.GetClusterGroupState(core, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_GROUP_NOT_FOUND);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_NODE);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 0, &type, buf, &cch), 0);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 2, &type, buf, &cch), 0);  /* the copy still has NODE3 */
    CHECK(weqa(buf, "NODE3"));
    EQ(t->fn.ClusterCloseEnum(e), 0);
    CHECK(t->fn.OpenClusterNode(c, W("NODE3")) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(t->fn.CloseClusterGroup(core), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(cs_sim_release(id), 0);
}

/* ---- CloseCluster closes what was obtained from it --------------------------------------------------------- */
static void test_close_cluster(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c, other;
    HGROUP g, g_other;
    HRESOURCE r;
    HNODE n;
    HNODEENUM ne;
    HCLUSENUM e;
    HGROUPENUMEX gx;
    uint32_t all[CS_KIND_COUNT], before[CS_KIND_COUNT];
    int k;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    cs_sim_total_open_handles(before);
    c = t->fn.OpenCluster(NULL);
    other = t->fn.OpenCluster(NULL);
    g = t->fn.OpenClusterGroup(c, W("VM1"));
    g_other = t->fn.OpenClusterGroup(other, W("VM1"));
    r = t->fn.OpenClusterResourceEx(c, W("VM1 Service"), RA, NULL);
    n = t->fn.OpenClusterNode(c, W("NODE1"));
    ne = t->fn.ClusterNodeOpenEnum(n, CLUSTER_NODE_ENUM_GROUPS);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_NODE);
    gx = t->fn.ClusterGroupOpenEnumEx(c, NULL, 0, NULL, 0, 0);
    CHECK(c && other && g && g_other && r && n && ne && e && gx);
    EQ(open_of_kind(id, CS_KIND_CLUSTER), 2);
    EQ(open_of_kind(id, CS_KIND_GROUP), 2);
    EQ(open_of_kind(id, CS_KIND_ENUM), 3);
    cs_sim_total_open_handles(all);
    EQ(all[CS_KIND_ENUM], before[CS_KIND_ENUM] + 3);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(open_of_kind(id, CS_KIND_CLUSTER), 1);
    EQ(open_of_kind(id, CS_KIND_GROUP), 1);
    EQ(open_of_kind(id, CS_KIND_RESOURCE), 0);
    EQ(open_of_kind(id, CS_KIND_NODE), 0);
    EQ(open_of_kind(id, CS_KIND_ENUM), 0);
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.CloseClusterGroup(g), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.CloseClusterResource(r), FALSE);
    EQ(t->fn.ClusterNodeCloseEnum(ne), ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterCloseEnum(e), ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterGroupCloseEnumEx(gx), ERROR_INVALID_HANDLE);
    EQ(t->fn.GetClusterNodeState(n), ClusterNodeStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    EQ(t->fn.GetClusterGroupState(g_other, NULL, NULL), ClusterGroupPartialOnline);   /* other cluster: fine */
    /* a failing CloseCluster still closes it and its children */
    EQ(cs_sim_fail(id, CS_FN_CloseCluster, RPC_S_CALL_FAILED, 1), 0);
    EQ(t->fn.CloseCluster(other), FALSE);
    EQ(LASTERR(), RPC_S_CALL_FAILED);
    EQ(total_open(id), 0);
    EQ(t->fn.GetClusterGroupState(g_other, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    cs_sim_total_open_handles(all);
    for (k = 0; k < CS_KIND_COUNT; k++)
        EQ(all[k], before[k]);
    EQ(cs_sim_release(id), 0);
}

/* ---- non-ASCII names ------------------------------------------------------------------------------------- */
static void test_unicode(void)
{
    /* "Nöde-Ω😀" with the emoji as a surrogate pair, and its case variants */
    static const WCHAR node[] = { 0x004E, 0x00F6, 0x0064, 0x0065, 0x002D, 0x03A9, 0xD83D, 0xDE00, 0 };
    static const WCHAR node_upper[] = { 0x004E, 0x00D6, 0x0044, 0x0045, 0x002D, 0x03A9, 0xD83D, 0xDE00, 0 };
    static const WCHAR node_lower[] = { 0x006E, 0x00F6, 0x0064, 0x0065, 0x002D, 0x03C9, 0xD83D, 0xDE00, 0 };
    static const WCHAR node_other_emoji[] = { 0x004E, 0x00F6, 0x0064, 0x0065, 0x002D, 0x03A9, 0xD83D, 0xDE01, 0 };
    /* Cyrillic "Группа-Ё" / "группа-ё" */
    static const WCHAR group[] = { 0x0413, 0x0440, 0x0443, 0x043F, 0x043F, 0x0430, 0x002D, 0x0401, 0 };
    static const WCHAR group_lower[] = { 0x0433, 0x0440, 0x0443, 0x043F, 0x043F, 0x0430, 0x002D, 0x0451, 0 };
    /* a lone surrogate and the multiplication sign (not folded to the division sign) */
    static const WCHAR odd[] = { 0x0048, 0xD800, 0x00D7, 0 };
    static const WCHAR odd_fold[] = { 0x0068, 0xD800, 0x00F7, 0 };
    static const WCHAR id_w[] = { 0x0048, 0xD83D, 0xDE00, 0 };
    int id = 0;
    cs_table *t;
    HCLUSTER c;
    HNODE n;
    HGROUP g;
    HCLUSENUMEX ex;
    WCHAR buf[64];
    DWORD cch;
    EQ(cs_sim_create(&id), 0);
    t = table_of(id);
    EQ(cs_sim_set_cluster(id, node_upper, NULL, 1, 0, 1, NULL, NULL, 0, 0, 0), 0);
    EQ(cs_sim_add_node(id, node, id_w, ClusterNodeUp), 0);
    EQ(cs_sim_add_node(id, node_lower, W("2"), ClusterNodeUp), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_node(id, odd, W("3"), ClusterNodeUp), 0);
    EQ(cs_sim_add_group(id, group, W("g"), ClusterGroupOnline, node_upper, NULL), 0);
    EQ(cs_sim_add_group(id, group_lower, W("g2"), ClusterGroupOnline, NULL, NULL), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(node_lower);  /* by node name, folded */
    CHECK(c != NULL);
    n = t->fn.OpenClusterNode(c, node_upper);
    CHECK(n != NULL);
    CHECK(t->fn.OpenClusterNode(c, node_other_emoji) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK(t->fn.OpenClusterNode(c, odd_fold) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    g = t->fn.OpenClusterGroup(c, group_lower);
    CHECK(g != NULL);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(g, buf, &cch), ClusterGroupOnline);
    CHECK(weq(buf, node));              /* the stored spelling, unchanged */
    EQ(cch, 8);
    cch = 8;
    EQ(t->fn.GetClusterGroupState(g, buf, &cch), ClusterGroupStateUnknown);
    EQ(cch, 8);
    cch = 64;
    EQ(t->fn.GetClusterNodeId(n, buf, &cch), 0);
    CHECK(weq(buf, id_w));
    EQ(cch, 3);
    cch = 64;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, NULL), 0);
    CHECK(weq(buf, node_upper));
    ex = t->fn.ClusterOpenEnumEx(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP, NULL);
    {
        union { CLUSTER_ENUM_ITEM item; BYTE bytes[512]; } u;
        DWORD cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 0, &u.item, &cb), 0);
        CHECK(weq(u.item.lpszName, node));
        CHECK(weq(u.item.lpszId, id_w));
        EQ(u.item.cbName, 18);
        EQ(u.item.cbId, 8);
        cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 1, &u.item, &cb), 0);
        CHECK(weq(u.item.lpszName, odd));
        cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 2, &u.item, &cb), 0);
        CHECK(weq(u.item.lpszName, group));
        EQ(u.item.dwType, CLUSTER_ENUM_GROUP);
    }
    EQ(t->fn.ClusterCloseEnumEx(ex), 0);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, group_lower), 0);
    EQ(cs_sim_delete(id, CS_KIND_NODE, node_lower), 0);
    CHECK(t->fn.OpenClusterNode(c, node) == NULL);
    EQ(t->fn.CloseClusterGroup(g), TRUE);
    EQ(t->fn.CloseClusterNode(n), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(cs_sim_release(id), 0);
}

/* ---- release with handles still open ------------------------------------------------------------------------ */
static void test_release(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HGROUP g;
    HCLUSENUM e;
    WCHAR buf[64];
    DWORD cch, type;
    uint32_t all[CS_KIND_COUNT], before[CS_KIND_COUNT];
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    cs_sim_total_open_handles(before);
    c = t->fn.OpenCluster(NULL);
    g = t->fn.OpenClusterGroup(c, W("Available Storage"));
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP);
    EQ(cs_sim_release(id), 0);
    CHECK(cs_sim_backend(id) == NULL);
    CHECK(cs_backend_by_id(id) == NULL);
    EQ(cs_sim_open_handles(id, all), ERROR_INVALID_PARAMETER);
    /* the bound instance is gone for new opens */
    CHECK(t->fn.OpenCluster(NULL) == NULL);
    EQ(LASTERR(), RPC_S_SERVER_UNAVAILABLE);
    cch = 64;
    EQ(t->fn.GetClusterNodeId(NULL, buf, &cch), RPC_S_SERVER_UNAVAILABLE);
    /* ... but its handles still work */
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupOffline);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 2, &type, buf, &cch), 0);
    CHECK(weqa(buf, "VM1"));
    cs_sim_total_open_handles(all);
    EQ(all[CS_KIND_CLUSTER], before[CS_KIND_CLUSTER] + 1);
    EQ(t->fn.CloseClusterGroup(g), TRUE);
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.CloseCluster(c), TRUE);    /* the last one: the instance is freed */
    cs_sim_total_open_handles(all);
    EQ(all[CS_KIND_CLUSTER], before[CS_KIND_CLUSTER]);
    EQ(all[CS_KIND_ENUM], before[CS_KIND_ENUM]);
    EQ(t == NULL, 0);
}

/* ---- threads: concurrent opens / states / closes against changes ------------------------------------------- */
#define MT_WORKERS 4
#define MT_ITERATIONS 250
#define MT_GROUPS 6

typedef struct mt_arg {
    int sim;
    cs_table *t;
    int unexpected;
    int ops;
} mt_arg;

static cs_mutex mt_lock = CS_MUTEX_INIT;
static int mt_done;

static int mt_is_done(void)
{
    int v;
    cs_mutex_lock(&mt_lock);
    v = mt_done;
    cs_mutex_unlock(&mt_lock);
    return v;
}

static void mt_set_done(int v)
{
    cs_mutex_lock(&mt_lock);
    mt_done = v;
    cs_mutex_unlock(&mt_lock);
}
static WCHAR mt_group[MT_GROUPS][8];
static WCHAR mt_res[MT_GROUPS][8];
static WCHAR mt_node[2][8];
static WCHAR mt_type[8];

static void mt_worker(mt_arg *a)
{
    cs_table *t = a->t;
    int i;
    if (cs_sim_bind_thread(a->sim) != 0) {
        a->unexpected++;
        return;
    }
    for (i = 0; i < MT_ITERATIONS; i++) {
        HCLUSTER c = t->fn.OpenClusterEx(NULL, RM, NULL);
        HGROUP g;
        HRESOURCE r;
        HCLUSENUM e;
        WCHAR buf[32];
        DWORD cch, type, k, err;
        if (c == NULL) {
            a->unexpected++;
            continue;
        }
        g = t->fn.OpenClusterGroup(c, mt_group[i % MT_GROUPS]);
        if (g != NULL) {
            cch = 32;
            if (t->fn.GetClusterGroupState(g, buf, &cch) == ClusterGroupStateUnknown &&
                cs_sim_get_last_error() != ERROR_GROUP_NOT_FOUND)
                a->unexpected++;
            if (i % 4 != 0 && !t->fn.CloseClusterGroup(g))      /* else CloseCluster closes it */
                a->unexpected++;
        } else if (cs_sim_get_last_error() != ERROR_GROUP_NOT_FOUND) {
            a->unexpected++;
        }
        r = t->fn.OpenClusterResourceEx(c, mt_res[(i + 1) % MT_GROUPS], RA, NULL);
        if (r != NULL) {
            cch = 32;
            if (t->fn.GetClusterResourceState(r, buf, &cch, NULL, NULL) == ClusterResourceStateUnknown &&
                cs_sim_get_last_error() != ERROR_RESOURCE_NOT_FOUND)
                a->unexpected++;
            if (!t->fn.CloseClusterResource(r))
                a->unexpected++;
        } else if (cs_sim_get_last_error() != ERROR_RESOURCE_NOT_FOUND) {
            a->unexpected++;
        }
        e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE);
        if (e == NULL) {
            a->unexpected++;
        } else {
            for (k = 0;; k++) {
                cch = 32;
                err = t->fn.ClusterEnum(e, k, &type, buf, &cch);
                if (err != 0)
                    break;
            }
            if (err != ERROR_NO_MORE_ITEMS)
                a->unexpected++;
            if (i % 3 != 0 && t->fn.ClusterCloseEnum(e) != 0)
                a->unexpected++;
        }
        if (!t->fn.CloseCluster(c))
            a->unexpected++;
        a->ops++;
    }
}

static void mt_mutator(mt_arg *a)
{
    int i = 0;
    while (!mt_is_done()) {
        const WCHAR *name = mt_group[i % MT_GROUPS];
        cs_sim_set_state(a->sim, CS_KIND_GROUP, name, i % 5);
        cs_sim_move_group(a->sim, name, mt_node[i & 1]);
        cs_sim_set_state(a->sim, CS_KIND_RESOURCE, mt_res[i % MT_GROUPS], 2 + (i & 1));
        if (i % 5 == 0) {
            cs_sim_delete(a->sim, CS_KIND_GROUP, name);
            if (cs_sim_add_group(a->sim, name, name, ClusterGroupOnline, mt_node[0], NULL) != 0)
                a->unexpected++;
            if (cs_sim_add_resource(a->sim, mt_res[i % MT_GROUPS], mt_res[i % MT_GROUPS], mt_type, name,
                                    ClusterResourceOnline, NULL, NULL) != 0)
                a->unexpected++;
        }
        i++;
        a->ops++;
    }
}

#ifdef _WIN32
static DWORD WINAPI worker_main(LPVOID p)
{
    mt_worker((mt_arg *)p);
    return 0;
}
static DWORD WINAPI mutator_main(LPVOID p)
{
    mt_mutator((mt_arg *)p);
    return 0;
}
#else
static void *worker_main(void *p)
{
    mt_worker((mt_arg *)p);
    return NULL;
}
static void *mutator_main(void *p)
{
    mt_mutator((mt_arg *)p);
    return NULL;
}
#endif

static void test_threads(void)
{
    int id = 0, i, started = 0;
    mt_arg args[MT_WORKERS + 1];
#ifdef _WIN32
    HANDLE th[MT_WORKERS + 1];
#else
    pthread_t th[MT_WORKERS + 1];
#endif
    EQ(cs_sim_create(&id), 0);
    for (i = 0; i < MT_GROUPS; i++) {
        mt_group[i][0] = 'G';
        mt_group[i][1] = (WCHAR)('0' + i);
        mt_group[i][2] = 0;
        mt_res[i][0] = 'R';
        mt_res[i][1] = (WCHAR)('0' + i);
        mt_res[i][2] = 0;
    }
    memcpy(mt_node[0], W("N1"), 3 * sizeof(WCHAR));
    memcpy(mt_node[1], W("N2"), 3 * sizeof(WCHAR));
    memcpy(mt_type, W("T"), 2 * sizeof(WCHAR));
    EQ(cs_sim_add_node(id, mt_node[0], W("1"), 0), 0);
    EQ(cs_sim_add_node(id, mt_node[1], W("2"), 0), 0);
    for (i = 0; i < MT_GROUPS; i++) {
        EQ(cs_sim_add_group(id, mt_group[i], mt_group[i], 0, mt_node[i & 1], NULL), 0);
        EQ(cs_sim_add_resource(id, mt_res[i], mt_res[i], mt_type, mt_group[i], 2, NULL, NULL), 0);
    }
    EQ(cs_sim_set_latency(id, 0.0002), 0);
    mt_set_done(0);
    for (i = 0; i <= MT_WORKERS; i++) {
        args[i].sim = id;
        args[i].t = table_of(id);
        args[i].unexpected = 0;
        args[i].ops = 0;
    }
    for (i = 0; i <= MT_WORKERS; i++) {
#ifdef _WIN32
        th[i] = CreateThread(NULL, 0, i == MT_WORKERS ? mutator_main : worker_main, &args[i], 0, NULL);
        if (th[i] == NULL)
            break;
#else
        if (pthread_create(&th[i], NULL, i == MT_WORKERS ? mutator_main : worker_main, &args[i]) != 0)
            break;
#endif
        started++;
    }
    EQ(started, MT_WORKERS + 1);
    for (i = 0; i < started && i < MT_WORKERS; i++) {
#ifdef _WIN32
        WaitForSingleObject(th[i], INFINITE);
        CloseHandle(th[i]);
#else
        pthread_join(th[i], NULL);
#endif
    }
    mt_set_done(1);
    if (started == MT_WORKERS + 1) {
#ifdef _WIN32
        WaitForSingleObject(th[MT_WORKERS], INFINITE);
        CloseHandle(th[MT_WORKERS]);
#else
        pthread_join(th[MT_WORKERS], NULL);
#endif
    }
    for (i = 0; i <= MT_WORKERS; i++) {
        EQ(args[i].unexpected, 0);
        CHECK(args[i].ops > 0);
    }
    for (i = 0; i < MT_WORKERS; i++)
        EQ(args[i].ops, MT_ITERATIONS);
    EQ(total_open(id), 0);
    /* every worker call was counted: 4 workers x 250 x (open, close) at least */
    CHECK(cs_sim_calls(id, CS_FN_OpenClusterEx) == (uint64_t)MT_WORKERS * MT_ITERATIONS);
    CHECK(cs_sim_calls(id, CS_FN_CloseCluster) == (uint64_t)MT_WORKERS * MT_ITERATIONS);
    EQ(cs_sim_release(id), 0);
}

/* ---- a large cluster: name lookups stay fast, deletes keep the order --------------------------------------- */
static void test_big(void)
{
    enum { N_NODES = 16, N_GROUPS = 3000, PER_GROUP = 3 };
    int id = 0, i, j, missing = 0, bad_state = 0;
    char name[64];
    cs_table *t;
    HCLUSTER c;
    HCLUSENUM e;
    WCHAR buf[64];
    DWORD cch, type;
    uint32_t err = 0;
    double t0, dt;
    EQ(cs_sim_create(&id), 0);
    t = table_of(id);
    for (i = 0; i < N_NODES; i++) {
        sprintf(name, "HV%02d", i + 1);
        err |= cs_sim_add_node(id, W(name), W(name + 2), ClusterNodeUp);
    }
    t0 = now_s();
    for (i = 0; i < N_GROUPS; i++) {
        char owner[16];
        sprintf(name, "VM-%05d", i);
        sprintf(owner, "hv%02d", i % N_NODES + 1);
        err |= cs_sim_add_group(id, W(name), W(name), ClusterGroupOnline, W(owner), NULL);
        for (j = 0; j < PER_GROUP; j++) {
            char res[64];
            sprintf(res, "VM-%05d-R%d", i, j);
            err |= cs_sim_add_resource(id, W(res), W(res), W("Virtual Machine"), W(name), ClusterResourceOnline,
                                       j ? MSZ("") : NULL, NULL);
        }
    }
    EQ(err, 0);
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    for (i = 0; i < N_GROUPS * PER_GROUP; i++) {
        HRESOURCE r;
        sprintf(name, "vm-%05d-r%d", i / PER_GROUP, i % PER_GROUP);
        r = t->fn.OpenClusterResourceEx(c, W(name), RA, NULL);
        if (r == NULL) {
            missing++;
            continue;
        }
        cch = 64;
        if (t->fn.GetClusterResourceState(r, buf, &cch, NULL, NULL) != ClusterResourceOnline)
            bad_state++;
        t->fn.CloseClusterResource(r);
    }
    dt = now_s() - t0;
    EQ(missing, 0);
    EQ(bad_state, 0);
    CHECK(dt < 60.0);
    /* delete every other group: the rest keep their order */
    for (i = 0; i < N_GROUPS; i += 2) {
        sprintf(name, "VM-%05d", i);
        err |= cs_sim_delete(id, CS_KIND_GROUP, W(name));
    }
    EQ(err, 0);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE);
    for (i = 0;; i++) {
        cch = 64;
        if (t->fn.ClusterEnum(e, (DWORD)i, &type, buf, &cch) != 0)
            break;
        if (i == 0)
            CHECK(weqa(buf, "VM-00001-R0"));
        if (i == (N_GROUPS / 2) * PER_GROUP)
            CHECK(weqa(buf, "VM-00001"));
        if (i == (N_GROUPS / 2) * PER_GROUP + 1)
            CHECK(weqa(buf, "VM-00003"));
    }
    EQ(i, (N_GROUPS / 2) * (PER_GROUP + 1));
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* ---- the shim over the simulator ---------------------------------------------------------------------------- */
static void test_shim(void)
{
    int id = make_sim();
    uint64_t c, g;
    cs_result *a = NULL, *b = NULL, *r = NULL;
    EQ(cs_backend_has(id, CS_FN_ClusterGroupOpenEnumEx), 1);
    c = cs_open_cluster(id, NULL, (uint32_t)GENERIC_ALL);
    CHECK(c != 0);
    EQ(cs_snapshot(c, &a), 0);
    /* sectioned (api/cs_snapshot.h): format, 8 sections, their headers
     * (kind, rows, fields, ints, bytes), then cluster ints, quorum ints, ... */
    if (a != NULL && a->n_ints >= 2 + 8 * CS_SECTION_HEADER_INTS + 7) {
        const int64_t *hdr = a->ints + 2, *data = a->ints + 2 + 8 * CS_SECTION_HEADER_INTS;
        EQ(a->ints[0], CS_SNAPSHOT_FORMAT);
        EQ(a->ints[1], 8);
        EQ(hdr[0], CS_SECTION_CLUSTER);
        EQ(data[0], 10);
        EQ(data[2], 20348);
        EQ(data[6], 4096);              /* quorum: max log size */
        EQ(hdr[2 * CS_SECTION_HEADER_INTS + 1], 3);     /* nodes */
        EQ(hdr[3 * CS_SECTION_HEADER_INTS + 1], 3);     /* groups */
        EQ(hdr[4 * CS_SECTION_HEADER_INTS + 1], 4);     /* resources */
        EQ(hdr[5 * CS_SECTION_HEADER_INTS + 1], 2);     /* networks */
        EQ(hdr[6 * CS_SECTION_HEADER_INTS + 1], 3);     /* net interfaces */
        EQ(hdr[7 * CS_SECTION_HEADER_INTS + 1], 4);     /* resource types */
        CHECK(weqa(a->text, "TESTCLUSTER"));
    } else {
        CHECK(a != NULL && a->n_ints >= 2 + 8 * CS_SECTION_HEADER_INTS + 7);
    }
    /* the same snapshot through the fallbacks (no bulk enumerations, no Ex opens) */
    EQ(cs_sim_hide(id, CS_FN_ClusterOpenEnumEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_ClusterGroupOpenEnumEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_ClusterResourceOpenEnumEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_OpenClusterGroupEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_OpenClusterResourceEx, 1), 0);
    EQ(cs_snapshot(c, &b), 0);
    if (a != NULL && b != NULL) {
        EQ(a->text_len, b->text_len);
        EQ(a->n_ints, b->n_ints);
        CHECK(a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len * sizeof(cs_char)) == 0);
        CHECK(a->n_ints == b->n_ints && memcmp(a->ints, b->ints, a->n_ints * sizeof(int64_t)) == 0);
    }
    cs_result_free(a);
    cs_result_free(b);
    g = cs_open_object(c, CS_KIND_GROUP, W("cluster group"), (uint32_t)GENERIC_ALL);
    CHECK(g != 0);
    EQ(cs_state(g), ClusterGroupOnline);
    EQ(cs_list(g, CLUSTER_GROUP_ENUM_CONTAINS, &r), 0);
    if (r != NULL) {
        CHECK(weqa(r->text, "Cluster IP Address"));
        CHECK(r->text_len == 18 + 1 + 12 && weqa(r->text + 19, "Cluster Name"));
    }
    cs_result_free(r);
    r = NULL;
    EQ(cs_object_id(g, &r), 0);
    if (r != NULL)
        CHECK(weqa(r->text, "g-core"));
    cs_result_free(r);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("Cluster Group")), 0);
    EQ(cs_state(g), CS_STATE_FAILED);
    EQ(cs_last_error(), ERROR_GROUP_NOT_FOUND);
    CHECK(strcmp(cs_last_function(), "GetClusterGroupState") == 0);
    EQ(cs_close(g), 0);
    EQ(cs_close(c), 0);
    EQ(cs_open_token_count(), 0);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

int main(void)
{
    uint32_t all[CS_KIND_COUNT];
    int k;
    test_control();
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
    test_big();
    test_shim();
    cs_sim_total_open_handles(all);
    for (k = 0; k < CS_KIND_COUNT; k++)
        EQ(all[k], 0);
    printf("%d passed, %d failed\n", n_pass, n_fail);
    fflush(stdout);
    return n_fail ? 1 : 0;
}
