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
#include "cs_sim.h"
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

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
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
        DWORD cb = 0, need = (DWORD)(sizeof(CLUSTER_RESOURCE_ENUM_ITEM) + 2 * (13 + 5 + 14 + 7));
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
