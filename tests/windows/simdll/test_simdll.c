/*
 * test_simdll.c - the shim's system backend end to end against the
 * simulated clusapi.dll (simdll.c) installed in the Wine prefix's System32:
 * the System32-only load, GetProcAddress of every export, objects, states,
 * ids, quorum, the snapshot, error mapping through SetLastError /
 * GetLastError.  Built with mingw-w64 from the one source list + this file;
 * run under Wine by tests/windows/run.sh (stage d).
 *
 *   test_simdll.exe full SNAPSHOT_OUT   the full DLL (bulk *EnumEx paths)
 *   test_simdll.exe 2008 SNAPSHOT_OUT   the Windows Server 2008 export set
 *                                       (no *Ex: the fallback paths)
 *   test_simdll.exe custom              CLUSAPI_SIMDLL_TOPOLOGY names a
 *                                       topology with non-ASCII names
 *   test_simdll.exe bad                 CLUSAPI_SIMDLL_TOPOLOGY names a
 *                                       malformed file
 * SNAPSHOT_OUT receives the snapshot's text and ints: run.sh compares the
 * bulk and the fallback ones, which must be identical.
 *
 * The DLL's own cluster is driven through its exported control API
 * (cs_simdll_instance, cs_sim_fail, cs_sim_calls, cs_sim_open_handles),
 * resolved with GetProcAddress on the module the shim loaded.
 *
 * Output: "ok - ..." / "not ok - ..." lines, "# ..." information, and a
 * last line "N passed, M failed"; exit status 1 when a check failed.
 */
#include "win_harness.h"   /* check, info, the crash handler, clusapi.dll's module */

/* The DLL's control API, as it exports it. */
typedef int (*instance_fn)(void);
typedef uint32_t (*status_fn)(char *, uint32_t);
typedef uint32_t (*fail_fn)(int, int, uint32_t, uint32_t);
typedef uint64_t (*calls_fn)(int, int);
typedef uint32_t (*handles_fn)(int, uint32_t *);
typedef uint32_t (*reset_fn)(int);
static struct {
    instance_fn instance;
    status_fn status;
    instance_fn level;
    fail_fn fail;
    calls_fn calls;
    handles_fn open_handles;
    reset_fn reset_calls;
} ctl;
static int sim_id;

/* The cs_char string of an ASCII literal, into a static buffer. */
static const cs_char *W(const char *s)
{
    static cs_char buf[4][256];
    static int next;
    cs_char *b = buf[next++ % 4];
    size_t i;
    for (i = 0; s[i] && i + 1 < 256; i++)
        b[i] = (cs_char)(unsigned char)s[i];
    b[i] = 0;
    return b;
}

/* The n-th NUL-separated field of a result's text, as ASCII ('?' for others). */
static const char *field(const cs_result *r, size_t n)
{
    static char out[4][512];
    static int next;
    char *o = out[next++ % 4];
    size_t i = 0, k = 0, f = 0;
    o[0] = 0;
    if (r == NULL || r->text == NULL)
        return o;
    while (i <= r->text_len && f < n) {
        if (r->text[i] == 0)
            f++;
        i++;
    }
    if (f < n)
        return o;
    while (i < r->text_len && r->text[i] && k + 1 < 512) {
        o[k++] = r->text[i] < 128 ? (char)r->text[i] : '?';
        i++;
    }
    o[k] = 0;
    return o;
}

static uint32_t dll_open_total(void)
{
    uint32_t counts[CS_KIND_COUNT], total = 0;
    int k;
    if (ctl.open_handles(sim_id, counts) != 0)
        return 0xFFFFFFFFu;
    for (k = 0; k < CS_KIND_COUNT; k++)
        total += counts[k];
    return total;
}

/* ---- loading -------------------------------------------------------------------------- */
static int test_loading(int level)
{
    HMODULE dll;
    int i, agree = 1, resolved = 0, ex_absent = 1, others_present = 1, from_system32;
    char msg[200];

    check(GetModuleHandleW(L"clusapi.dll") == NULL, "clusapi.dll is not loaded before the first use");
    check(cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_OpenCluster) == 1,
          "the system backend loaded clusapi.dll (LOAD_LIBRARY_SEARCH_SYSTEM32) and resolved OpenCluster");
    dll = harness_clusapi_module(&from_system32);
    check(from_system32, "it is the System32 clusapi.dll");
    if (dll == NULL)
        return 0;
    ctl.instance = HARNESS_PROC(instance_fn, dll, "cs_simdll_instance");
    ctl.status = HARNESS_PROC(status_fn, dll, "cs_simdll_status");
    ctl.level = HARNESS_PROC(instance_fn, dll, "cs_simdll_level");
    ctl.fail = HARNESS_PROC(fail_fn, dll, "cs_sim_fail");
    ctl.calls = HARNESS_PROC(calls_fn, dll, "cs_sim_calls");
    ctl.open_handles = HARNESS_PROC(handles_fn, dll, "cs_sim_open_handles");
    ctl.reset_calls = HARNESS_PROC(reset_fn, dll, "cs_sim_reset_calls");
    check(ctl.instance && ctl.status && ctl.level && ctl.fail && ctl.calls && ctl.open_handles && ctl.reset_calls,
          "it is the simulated clusapi.dll: its control entries resolve (not Wine's built-in stub)");
    if (!(ctl.instance && ctl.status && ctl.level && ctl.fail && ctl.calls && ctl.open_handles && ctl.reset_calls))
        return 0;
    check(ctl.level() == (level == 2008 ? 2008 : 1), "cs_simdll_level() == %d (got %d)", level == 2008 ? 2008 : 1,
          ctl.level());

    for (i = 0; i < cs_function_count(); i++) {
        const char *name = cs_function_name(i);
        int present = GetProcAddress(dll, name) != NULL;
        size_t n = strlen(name);
        /* After Windows Server 2008: the *Ex functions, notifications v2, the
         * 2012 actions CancelClusterGroupOperation and RestartClusterResource
         * and the *Ex2 ones. */
        int is_ex = (n > 2 && (strcmp(name + n - 2, "Ex") == 0 || strcmp(name + n - 2, "V2") == 0)) ||
                    (n > 3 && strcmp(name + n - 3, "Ex2") == 0) || strcmp(name, "GetNotifyEventHandle") == 0 ||
                    strcmp(name, "CancelClusterGroupOperation") == 0 || strcmp(name, "RestartClusterResource") == 0;
        resolved += present;
        if (cs_backend_has(CS_SYSTEM_BACKEND, i) != present) {
            agree = 0;
            info("%s: GetProcAddress %s, the shim's table %d", name, present ? "found" : "NULL",
                 cs_backend_has(CS_SYSTEM_BACKEND, i));
        }
        if (is_ex && present)
            ex_absent = 0;
        if (!is_ex && !present)
            others_present = 0;
    }
    check(agree, "GetProcAddress of every one of the %d table functions agrees with the shim's table",
          cs_function_count());
    if (level == 2008)
        check(ex_absent && others_present, "2008 export set: every later export (*Ex, *V2, GetNotifyEventHandle) missing, every other present (%d resolved)",
              resolved);
    else
        check(resolved == cs_function_count(), "every table function is exported (%d of %d)", resolved,
              cs_function_count());

    msg[0] = 0;
    check(ctl.status(msg, sizeof(msg)) == 0, "cs_simdll_status() == 0: the topology loaded (%s)", msg);
    sim_id = ctl.instance();
    check(sim_id > 0, "cs_simdll_instance() -> the DLL's simulator %d", sim_id);
    return sim_id > 0;
}

/* ---- objects, states, ids, quorum ---------------------------------------------------------- */
static void test_objects(uint64_t c, uint32_t access)
{
    cs_result *r = NULL;
    uint64_t node, group, res, net;
    uint32_t err;
    int state;

    err = cs_cluster_info(c, &r);
    check(err == 0 && strcmp(field(r, 0), "CLUSTER01") == 0 && r->n_ints == 6 && r->ints[0] == 10 &&
              r->ints[2] == 20348,
          "cs_cluster_info: CLUSTER01, version 10.0.20348 (error %u, got %s)", (unsigned)err, field(r, 0));
    cs_result_free(r);
    r = NULL;
    err = cs_list(c, CLUSTER_ENUM_NODE, &r);
    check(err == 0 && r->text_len == 17 && strcmp(field(r, 0), "NODE1") == 0 && strcmp(field(r, 2), "NODE3") == 0,
          "cs_list(CLUSTER_ENUM_NODE): NODE1 NODE2 NODE3 (error %u)", (unsigned)err);
    cs_result_free(r);
    r = NULL;
    err = cs_list(c, CLUSTER_ENUM_GROUP, &r);
    check(err == 0 && strcmp(field(r, 2), "SQL Server (MSSQLSERVER)") == 0 && strcmp(field(r, 3), "FS01") == 0,
          "cs_list(CLUSTER_ENUM_GROUP): the four groups in topology order (error %u)", (unsigned)err);
    cs_result_free(r);
    r = NULL;

    node = cs_open_object(c, CS_KIND_NODE, W("node2"), access);
    check(node != 0, "cs_open_object(node \"node2\"): names are case-insensitive (error %u in %s)",
          (unsigned)(node ? 0 : cs_last_error()), node ? "" : cs_last_function());
    if (node) {
        state = cs_state(node);
        check(state == 0, "cs_state(NODE2) == ClusterNodeUp (got %d)", state);
        err = cs_object_id(node, &r);
        check(err == 0 && strcmp(field(r, 0), "2") == 0, "cs_object_id(NODE2) == \"2\" (GetClusterNodeId; got %s)",
              field(r, 0));
        cs_result_free(r);
        r = NULL;
        check(cs_close(node) == 0, "cs_close(node)");
    }
    group = cs_open_object(c, CS_KIND_GROUP, W("SQL Server (MSSQLSERVER)"), access);
    check(group != 0, "cs_open_object(group)");
    if (group) {
        err = cs_status(group, &r);
        check(err == 0 && r->n_ints >= 1 && r->ints[0] == 0 && strcmp(field(r, 0), "NODE2") == 0,
              "cs_status(group): ClusterGroupOnline on NODE2 (error %u, owner %s)", (unsigned)err, field(r, 0));
        cs_result_free(r);
        r = NULL;
        err = cs_object_id(group, &r);
        check(err == 0 && strcmp(field(r, 0), "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e") == 0,
              "cs_object_id(group): its id through ClusterGroupControl(CLUSCTL_GROUP_GET_ID) (got %s)", field(r, 0));
        cs_result_free(r);
        r = NULL;
        err = cs_list(group, CLUSTER_GROUP_ENUM_CONTAINS, &r);
        check(err == 0 && strcmp(field(r, 0), "SQL IP Address 1 (SQLCLU01)") == 0,
              "cs_list(group, CONTAINS): its resources (error %u, first %s)", (unsigned)err, field(r, 0));
        cs_result_free(r);
        r = NULL;
        check(cs_close(group) == 0, "cs_close(group)");
    }
    res = cs_open_object(c, CS_KIND_RESOURCE, W("SQL Server"), access);
    check(res != 0, "cs_open_object(resource)");
    if (res) {
        err = cs_status(res, &r);
        check(err == 0 && r->ints[0] == 2 && strcmp(field(r, 0), "NODE2") == 0 &&
                  strcmp(field(r, 1), "SQL Server (MSSQLSERVER)") == 0,
              "cs_status(resource): ClusterResourceOnline, NODE2, its group (error %u)", (unsigned)err);
        cs_result_free(r);
        r = NULL;
        check(cs_close(res) == 0, "cs_close(resource)");
    }
    net = cs_open_object(c, CS_KIND_NETWORK, W("Cluster Network 2"), access);
    check(net != 0 && cs_state(net) == 3, "network: open, state ClusterNetworkUp");
    if (net) {
        err = cs_object_id(net, &r);
        check(err == 0 && strcmp(field(r, 0), "2c4e6a8b-0d1f-4a3c-9e5b-7f1a3c5e7a9b") == 0,
              "cs_object_id(network) (GetClusterNetworkId; got %s)", field(r, 0));
        cs_result_free(r);
        r = NULL;
        check(cs_close(net) == 0, "cs_close(network)");
    }
    err = cs_netinterface_name(c, W("NODE3"), W("Cluster Network 1"), &r);
    check(err == 0 && strcmp(field(r, 0), "NODE3 - Ethernet") == 0, "cs_netinterface_name: NODE3 - Ethernet (got %s)",
          field(r, 0));
    cs_result_free(r);
    r = NULL;
    err = cs_quorum(c, &r);
    check(err == 0 && strcmp(field(r, 0), "Cluster Disk 1") == 0 && r->n_ints >= 1 && r->ints[0] == 4194304,
          "cs_quorum: Cluster Disk 1, max log 4194304 (error %u)", (unsigned)err);
    cs_result_free(r);
}

/* ---- the snapshot, on the bulk or the fallback path ---------------------------------------------- */
static void test_snapshot(uint64_t c, int level, const char *out_path)
{
    cs_result *r = NULL;
    uint32_t err;
    uint64_t bulk, per_group_state;
    FILE *f;

    ctl.reset_calls(sim_id);
    err = cs_snapshot(c, &r);
    check(err == 0 && r != NULL && r->n_ints > 2 && r->ints[0] == CS_SNAPSHOT_FORMAT,
          "cs_snapshot through clusapi.dll (error %u in %s)", (unsigned)err, err ? cs_last_function() : "");
    if (err != 0 || r == NULL)
        return;
    bulk = ctl.calls(sim_id, CS_FN_ClusterGroupOpenEnumEx) + ctl.calls(sim_id, CS_FN_ClusterResourceOpenEnumEx) +
           ctl.calls(sim_id, CS_FN_ClusterOpenEnumEx);
    per_group_state = ctl.calls(sim_id, CS_FN_GetClusterGroupState);
    info("snapshot: %llu calls into the DLL, %llu bulk opens, %llu GetClusterGroupState",
         (unsigned long long)ctl.calls(sim_id, -1), (unsigned long long)bulk, (unsigned long long)per_group_state);
    if (level == 2008)
        check(bulk == 0 && per_group_state == 4, "fallback path: no *EnumEx call, GetClusterGroupState per group (4)");
    else
        check(ctl.calls(sim_id, CS_FN_ClusterGroupOpenEnumEx) == 1 &&
                  ctl.calls(sim_id, CS_FN_ClusterResourceOpenEnumEx) == 1 && per_group_state == 0,
              "bulk path: ClusterGroupOpenEnumEx and ClusterResourceOpenEnumEx once each, no GetClusterGroupState");
    f = out_path ? fopen(out_path, "wb") : NULL;
    if (f != NULL) {
        int ok = fwrite(r->text, sizeof(cs_char), r->text_len, f) == r->text_len &&
                 fwrite(r->ints, sizeof(int64_t), r->n_ints, f) == r->n_ints;
        ok = (fclose(f) == 0) && ok;
        check(ok, "snapshot written to %s for the bulk/fallback comparison", out_path);
    }
    cs_result_free(r);
}

/* ---- error mapping: the DLL's failures reach the shim through GetLastError / return codes ---------- */
static void test_errors(uint64_t c, int level)
{
    cs_result *r = NULL;
    uint64_t t;
    uint32_t err, before;
    int state;
    const char *open_node = level == 2008 ? "OpenClusterNode" : "OpenClusterNodeEx";
    int open_node_fn = level == 2008 ? CS_FN_OpenClusterNode : CS_FN_OpenClusterNodeEx;
    uint32_t access = level == 2008 ? GENERIC_ALL : GENERIC_READ;

    t = cs_open_object(c, CS_KIND_NODE, W("NODE9"), access);
    check(t == 0 && cs_last_error() == ERROR_CLUSTER_NODE_NOT_FOUND && strcmp(cs_last_function(), open_node) == 0,
          "a missing node: ERROR_CLUSTER_NODE_NOT_FOUND from %s (got %u from %s)", open_node,
          (unsigned)cs_last_error(), cs_last_function());
    t = cs_open_object(c, CS_KIND_GROUP, W("No Such Group"), access);
    check(t == 0 && cs_last_error() == ERROR_GROUP_NOT_FOUND, "a missing group: ERROR_GROUP_NOT_FOUND (got %u)",
          (unsigned)cs_last_error());

    check(ctl.fail(sim_id, open_node_fn, ERROR_ACCESS_DENIED, 1) == 0, "inject: %s fails once with 5", open_node);
    t = cs_open_object(c, CS_KIND_NODE, W("NODE1"), access);
    check(t == 0 && cs_last_error() == ERROR_ACCESS_DENIED && strcmp(cs_last_function(), open_node) == 0,
          "  -> NULL + SetLastError(5) in the DLL reaches the shim as ERROR_ACCESS_DENIED from %s (got %u)", open_node,
          (unsigned)cs_last_error());

    t = cs_open_object(c, CS_KIND_NODE, W("NODE1"), access);
    check(t != 0, "the next open succeeds");
    if (t) {
        ctl.fail(sim_id, CS_FN_GetClusterNodeState, RPC_S_CALL_FAILED, 1);
        state = cs_state(t);
        check(state == CS_STATE_FAILED && cs_last_error() == RPC_S_CALL_FAILED &&
                  strcmp(cs_last_function(), "GetClusterNodeState") == 0,
              "  a state call failing (ClusterNodeStateUnknown + last error 1726) -> CS_STATE_FAILED, 1726 (got %d, %u)",
              state, (unsigned)cs_last_error());
        ctl.fail(sim_id, CS_FN_CloseClusterNode, RPC_S_SERVER_UNAVAILABLE, 1);
        before = dll_open_total();
        err = cs_close(t);
        check(err == 0 && dll_open_total() == before - 1,
              "  CloseClusterNode FALSE + last error 1722: cs_close still 0 (a close cannot be retried) and the DLL "
              "freed its handle, as the real one frees its local state (got %u, %u open)", (unsigned)err,
              (unsigned)dll_open_total());
    }
    ctl.fail(sim_id, CS_FN_ClusterOpenEnum, ERROR_NOT_ENOUGH_MEMORY, 1);
    err = cs_list(c, CLUSTER_ENUM_NODE, &r);
    check(err == ERROR_NOT_ENOUGH_MEMORY && r == NULL && strcmp(cs_last_function(), "ClusterOpenEnum") == 0,
          "ClusterOpenEnum NULL + last error 8 -> cs_list 8 (got %u)", (unsigned)err);
    ctl.fail(sim_id, CS_FN_GetClusterResourceState, RPC_S_SERVER_UNAVAILABLE, 1);
    before = dll_open_total();
    err = cs_snapshot(c, &r);
    check(err == RPC_S_SERVER_UNAVAILABLE && r == NULL && strcmp(cs_last_function(), "GetClusterResourceState") == 0,
          "a snapshot failing half-way: 1722 from GetClusterResourceState (got %u from %s)", (unsigned)err,
          cs_last_function());
    check(dll_open_total() == before, "  every handle the snapshot opened in the DLL was closed (%u open)",
          (unsigned)dll_open_total());
    t = cs_open_cluster(CS_SYSTEM_BACKEND, W("NOSUCHCLUSTER"), GENERIC_ALL);
    check(t == 0 && cs_last_error() == RPC_S_SERVER_UNAVAILABLE, "a cluster name the DLL does not serve: "
          "RPC_S_SERVER_UNAVAILABLE (got %u)", (unsigned)cs_last_error());
    if (t)
        cs_close(t);
}

static int run_full(int level, const char *snapshot_out)
{
    uint64_t c;
    uint32_t granted = 0;
    int kind, backend;
    if (!test_loading(level))
        return 0;
    if (level == 2008) {
        c = cs_open_cluster(CS_SYSTEM_BACKEND, NULL, MAXIMUM_ALLOWED);
        check(c == 0 && cs_last_error() == ERROR_PROC_NOT_FOUND && strcmp(cs_last_function(), "OpenClusterEx") == 0,
              "2008: MAXIMUM_ALLOWED without OpenClusterEx -> ERROR_PROC_NOT_FOUND naming it");
        c = cs_open_cluster(CS_SYSTEM_BACKEND, NULL, GENERIC_ALL);
    } else {
        c = cs_open_cluster(CS_SYSTEM_BACKEND, NULL, MAXIMUM_ALLOWED);
    }
    check(c != 0, "cs_open_cluster(system, local cluster) (error %u in %s)", (unsigned)(c ? 0 : cs_last_error()),
          c ? "" : cs_last_function());
    if (c == 0)
        return 0;
    check(cs_handle_info(c, &kind, &backend, &granted) == 0 && backend == CS_SYSTEM_BACKEND &&
              granted == (uint32_t)GENERIC_ALL,
          "the token is the system backend's, granted GENERIC_ALL (got 0x%08X)", (unsigned)granted);
    test_objects(c, level == 2008 ? GENERIC_ALL : GENERIC_READ);
    test_snapshot(c, level, snapshot_out);
    test_errors(c, level);
    check(cs_close(c) == 0, "cs_close(cluster)");
    check(cs_open_token_count() == 0, "no token left open (got %d)", cs_open_token_count());
    check(dll_open_total() == 0, "no handle left open in the DLL (got %u)", (unsigned)dll_open_total());
    return 1;
}

/* CLUSAPI_SIMDLL_TOPOLOGY: a cluster "Clüster-😀" (Description "Désc-😀") with nodes "Nöde1" and "N😀2". */
static int contains(const uint8_t *hay, size_t n, const void *needle, size_t m)
{
    size_t i;
    for (i = 0; hay != NULL && i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

static void run_custom(void)
{
    static const cs_char desc[] = { 'D', 0x00E9, 's', 'c', '-', 0xD83D, 0xDE00, 0 };
    static const cs_char cluster[] = { 'C', 'l', 0x00FC, 's', 't', 'e', 'r', '-', 0xD83D, 0xDE00, 0 };
    static const cs_char node2[] = { 'N', 0xD83D, 0xDE00, '2', 0 };
    cs_result *r = NULL;
    uint64_t c;
    uint32_t err;
    if (!test_loading(1))
        return;
    c = cs_open_cluster(CS_SYSTEM_BACKEND, cluster, GENERIC_READ);
    check(c != 0, "cs_open_cluster by the topology's non-ASCII cluster name (error %u)",
          (unsigned)(c ? 0 : cs_last_error()));
    if (c == 0)
        return;
    err = cs_cluster_info(c, &r);
    check(err == 0 && memcmp(r->text, cluster, sizeof(cluster)) == 0,
          "cs_cluster_info: the name's UTF-16 code units exactly (UTF-8 file -> UTF-16, astral kept)");
    cs_result_free(r);
    r = NULL;
    err = cs_list(c, CLUSTER_ENUM_NODE, &r);
    check(err == 0 && r->text_len == 6 + 4 && memcmp(r->text + 6, node2, sizeof(node2)) == 0,
          "cs_list(nodes): the second node's name exactly (error %u, text_len %u)", (unsigned)err,
          r ? (unsigned)r->text_len : 0u);
    cs_result_free(r);
    r = NULL;
    /* The topology's cluster property (a `prop` line): its UTF-16 value in the common properties. */
    err = cs_control(c, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, &r);
    check(err == 0 && r != NULL && contains(r->bytes, r->n_bytes, desc, sizeof(desc)),
          "CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES: Description as the topology's `prop` line set it (error %u)",
          (unsigned)err);
    cs_result_free(r);
    check(cs_close(c) == 0 && dll_open_total() == 0, "closed; nothing left open in the DLL");
}

static void run_bad(void)
{
    char msg[200];
    uint64_t c = cs_open_cluster(CS_SYSTEM_BACKEND, NULL, GENERIC_ALL);
    HMODULE dll = GetModuleHandleW(L"clusapi.dll");
    status_fn status = dll ? HARNESS_PROC(status_fn, dll, "cs_simdll_status") : NULL;
    uint32_t err;
    check(c == 0 && cs_last_error() == ERROR_BAD_FORMAT && strcmp(cs_last_function(), "OpenClusterEx") == 0,
          "a malformed CLUSAPI_SIMDLL_TOPOLOGY: OpenClusterEx fails with ERROR_BAD_FORMAT, no crash (got %u)",
          (unsigned)cs_last_error());
    if (c)
        cs_close(c);
    msg[0] = 0;
    err = status ? status(msg, sizeof(msg)) : 0;
    check(err == ERROR_BAD_FORMAT && strstr(msg, "line ") != NULL, "cs_simdll_status says where: %s", msg);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "full";
    harness_begin("");
    info("test_simdll %s: the system backend against the simulated clusapi.dll, %d-bit", mode,
         (int)(sizeof(void *) * 8));
    if (strcmp(mode, "full") == 0)
        run_full(1, argc > 2 ? argv[2] : NULL);
    else if (strcmp(mode, "2008") == 0)
        run_full(2008, argc > 2 ? argv[2] : NULL);
    else if (strcmp(mode, "custom") == 0)
        run_custom();
    else if (strcmp(mode, "bad") == 0)
        run_bad();
    else
        check(0, "unknown mode %s", mode);
    return harness_end();
}
