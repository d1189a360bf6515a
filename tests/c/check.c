/*
 * tests/c/check.c - the shared helpers of the simulator's C tests
 * (check.h): the checks and their counts, UTF-16 literals, the test
 * cluster, reading a whole enumeration.
 */
#include "check.h"
#include <time.h>

/* ---- checks ------------------------------------------------------------------ */
int n_pass, n_fail;

void check_at(int ok, const char *expr, const char *file, int line)
{
    if (ok) {
        n_pass++;
    } else {
        n_fail++;
        printf("FAIL %s:%d: %s\n", file, line, expr);
    }
}

void check_eq_at(long long a, long long b, const char *ea, const char *eb, const char *file, int line)
{
    if (a == b) {
        n_pass++;
    } else {
        n_fail++;
        printf("FAIL %s:%d: %s == %s (got %lld, expected %lld)\n", file, line, ea, eb, a, b);
    }
}

/* ---- UTF-16 strings from ASCII literals (main thread only) ----------------------- */
#define N_WBUF 64

const WCHAR *W(const char *s)
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
const WCHAR *MSZ(const char *s)
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

int weq(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int weqa(const WCHAR *a, const char *b)
{
    return a != NULL && weq(a, W(b));
}

double now_s(void)
{
    return cs_monotonic_seconds();
}

/* ---- the test cluster -------------------------------------------------------------- */
uint32_t total_open(int sim)
{
    uint32_t c[CS_KIND_COUNT], t = 0;
    int k;
    if (cs_sim_open_handles(sim, c) != 0)
        return 0xFFFFFFFFu;
    for (k = 0; k < CS_KIND_COUNT; k++)
        t += c[k];
    return t;
}

uint32_t open_of_kind(int sim, int kind)
{
    uint32_t c[CS_KIND_COUNT];
    if (cs_sim_open_handles(sim, c) != 0)
        return 0xFFFFFFFFu;
    return c[kind];
}

/* TESTCLUSTER: 3 nodes (NODE3 down), 2 networks, 3 interfaces, 4 resource
 * types, 3 groups (VM1 unowned), 4 resources, a quorum. */
int make_sim(void)
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

cs_table *table_of(int id)
{
    cs_backend *b = cs_sim_backend(id);
    return b ? &b->table : NULL;
}

/* ---- enumerations ----------------------------------------------------------------- */
void names_of(enum_fn f, void *e, char *out, size_t cap, DWORD *types)
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
