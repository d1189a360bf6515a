/*
 * tests/windows/simdll/test_surface.c - the simulated clusapi.dll's whole
 * export surface, as any client sees it: the DLL loaded from System32 by
 * LoadLibraryExW, every one of the SDK's 284 clusapi.h functions resolved
 * by name with GetProcAddress, each function the DLL does not model called
 * with harmless (zero) arguments and expected to fail the documented way
 * for "not supported" (ERROR_CALL_NOT_IMPLEMENTED, 120: returned, or
 * NULL / FALSE / 0 / -1 with GetLastError() == 120), and the modelled
 * functions beyond the backend table (simdll_more.c) called for real.
 * No shim: plain Win32 calls through typed function pointers, as a C
 * client would make them.  Built with mingw-w64 (this file alone), run
 * under Wine by tests/windows/simdll/stage.sh:
 *
 *   test_surface.exe full    the full DLL: all 284 exported
 *   test_surface.exe 2008    the Server 2008 build: exactly the SDK's
 *                            ungated functions exported
 *   test_surface.exe csv     CLUSAPI_SIMDLL_TOPOLOGY names a topology with
 *                            a Cluster Shared Volume (stage.sh writes it)
 *
 * Output: "ok - ..." / "not ok - ..." lines and "N passed, M failed".
 */
#include "win_harness.h"
#include "sdk_surface.h"

/* ---- the table: index, row and function-pointer type of every SDK function ------------------ */
#define SURF_INDEX(ret, fail, name, version, mingw, params, zeros) SURF_##name,
enum { SIMDLL_SDK_FUNCTIONS(SURF_INDEX) SURF_COUNT };

#define SURF_TYPE(ret, fail, name, version, mingw, params, zeros) typedef ret(WINAPI *surf_##name##_fn) params;
SIMDLL_SDK_FUNCTIONS(SURF_TYPE)

enum { FAIL_CODE, FAIL_NULL, FAIL_FALSE, FAIL_ZERO, FAIL_STATE };
static const char *const fail_names[] = {"returns 120", "NULL + last error 120", "FALSE + last error 120",
                                         "0 + last error 120", "-1 + last error 120"};

typedef struct surf_row {
    const char *name;
    unsigned version;
    int modelled;
    int fail;
} surf_row;

#define SURF_ROW(ret, fail, name, version, mingw, params, zeros) {#name, version, SIMDLL_MODELLED(name), fail},
static const surf_row rows[SURF_COUNT] = {SIMDLL_SDK_FUNCTIONS(SURF_ROW)};

static FARPROC fns[SURF_COUNT];
#define FN(name) ((surf_##name##_fn)(void (*)(void))fns[SURF_##name])

/* Whether a result is the documented "not supported" of its kind. */
#define SURF_OK_FAIL_CODE(r) ((DWORD)(r) == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_NULL(r) ((r) == NULL && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_FALSE(r) ((r) == FALSE && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_ZERO(r) ((r) == 0 && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_STATE(r) ((int)(r) == -1 && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)

/* Calls function i with zero arguments: 1 when it failed with 120 as its kind documents. */
#define SURF_CASE(ret, fail, name, version, mingw, params, zeros) \
    case SURF_##name: { \
        ret r; \
        SetLastError(0); \
        r = FN(name) zeros; \
        return SURF_OK_##fail(r); \
    }
static int call_with_zeros(int i)
{
    switch (i) {
        SIMDLL_SDK_FUNCTIONS(SURF_CASE)
    default:
        return 0;
    }
}

/* ---- the surface ------------------------------------------------------------------------------ */
static HMODULE load(int level)
{
    int from_system32 = 0;
    HMODULE dll = LoadLibraryExW(L"clusapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    typedef int (*level_fn)(void);
    level_fn lv;
    check(dll != NULL, "LoadLibraryExW(clusapi.dll, LOAD_LIBRARY_SEARCH_SYSTEM32) (error %lu)",
          dll ? 0ul : (unsigned long)GetLastError());
    if (dll == NULL)
        return NULL;
    harness_clusapi_module(&from_system32);
    check(from_system32, "it is System32's clusapi.dll");
    lv = HARNESS_PROC(level_fn, dll, "cs_simdll_level");
    check(lv != NULL && lv() == (level == 2008 ? 2008 : 1), "it is the simulated one, level %d", level == 2008 ? 2008 : 1);
    return dll;
}

static void test_exports(HMODULE dll, int level)
{
    int i, resolved = 0, wrong = 0, stubs = 0, stub_ok = 0, modelled = 0;
    for (i = 0; i < SURF_COUNT; i++) {
        int want = level != 2008 || rows[i].version == 0x0600;
        fns[i] = GetProcAddress(dll, rows[i].name);
        resolved += fns[i] != NULL;
        if ((fns[i] != NULL) != want) {
            wrong++;
            info("%s: GetProcAddress %s, expected %s", rows[i].name, fns[i] ? "found it" : "NULL",
                 want ? "found" : "NULL");
        }
    }
    if (level == 2008)
        check(wrong == 0, "2008 build: GetProcAddress finds exactly the SDK's ungated functions (%d of %d)", resolved,
              SURF_COUNT);
    else
        check(wrong == 0 && resolved == SURF_COUNT, "GetProcAddress finds all %d SDK functions by name (%d)",
              SURF_COUNT, resolved);

    for (i = 0; i < SURF_COUNT; i++) {
        int ok;
        if (rows[i].modelled) {
            modelled += fns[i] != NULL;
            continue;
        }
        if (fns[i] == NULL)
            continue;
        stubs++;
        ok = call_with_zeros(i);
        stub_ok += ok;
        if (!ok)
            check(0, "%s(0, ...): expected %s (last error %lu)", rows[i].name, fail_names[rows[i].fail],
                  (unsigned long)GetLastError());
    }
    check(stubs > 0 && stub_ok == stubs,
          "each of the %d unmodelled exports, called with zero arguments, fails with ERROR_CALL_NOT_IMPLEMENTED "
          "its documented way (%d did); %d modelled exports not called here", stubs, stub_ok, modelled);
}

/* ---- counts ---------------------------------------------------------------------------------- */
/* The items an enumeration yields, read one by one with its *Enum function until ERROR_NO_MORE_ITEMS. */
#define READ_ALL(enum_fn, e, out) \
    do { \
        WCHAR name_[256]; \
        DWORD type_, cch_, i_, err_ = 0; \
        for (i_ = 0; err_ == 0 && i_ < 10000; i_++) { \
            cch_ = 256; \
            err_ = FN(enum_fn)((e), i_, &type_, name_, &cch_); \
        } \
        (out) = err_ == ERROR_NO_MORE_ITEMS ? i_ - 1 : 0xFFFFFFFFu; \
    } while (0)

/* Count of an enumeration: the function's answer, and the last error it leaves (0 before). */
#define COUNT(count_fn, e, n, le) \
    do { \
        SetLastError(0); \
        (n) = FN(count_fn)(e); \
        (le) = GetLastError(); \
    } while (0)

static void test_counts(HCLUSTER c, int level)
{
    HCLUSENUM ce;
    HNODE node = FN(OpenClusterNode)(c, L"NODE2");
    HGROUP group = FN(OpenClusterGroup)(c, L"SQL Server (MSSQLSERVER)");
    HRESOURCE res = FN(OpenClusterResource)(c, L"SQL Server");
    HNETWORK net = FN(OpenClusterNetwork)(c, L"Cluster Network 1");
    DWORD n, want, le;
    check(node && group && res && net, "OpenClusterNode / Group / Resource / Network through the DLL");
    if (!(node && group && res && net))
        return;

    ce = FN(ClusterOpenEnum)(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE);
    READ_ALL(ClusterEnum, ce, want);
    COUNT(ClusterGetEnumCount, ce, n, le);
    check(ce && n == want && n == 3 + 4 + 13 && le == 0,
          "ClusterGetEnumCount(nodes | groups | resources) == %lu, what ClusterEnum yields (got %lu, last error %lu)",
          (unsigned long)want, (unsigned long)n, (unsigned long)le);
    COUNT(ClusterNodeGetEnumCount, (HNODEENUM)ce, n, le);
    check(n == 0 && le == ERROR_INVALID_HANDLE,
          "ClusterNodeGetEnumCount on a cluster enumeration: 0, last error ERROR_INVALID_HANDLE (got %lu, %lu)",
          (unsigned long)n, (unsigned long)le);
    FN(ClusterCloseEnum)(ce);
    COUNT(ClusterGetEnumCount, ce, n, le);
    check(n == 0 && le == ERROR_INVALID_HANDLE,
          "ClusterGetEnumCount on a closed enumeration: 0, last error ERROR_INVALID_HANDLE (got %lu, %lu)",
          (unsigned long)n, (unsigned long)le);
    COUNT(ClusterGetEnumCount, NULL, n, le);
    check(n == 0 && le == ERROR_INVALID_HANDLE, "ClusterGetEnumCount(NULL): 0, ERROR_INVALID_HANDLE, no crash");

    {
        HNODEENUM e = FN(ClusterNodeOpenEnum)(node, CLUSTER_NODE_ENUM_NETINTERFACES | CLUSTER_NODE_ENUM_GROUPS);
        READ_ALL(ClusterNodeEnum, e, want);
        COUNT(ClusterNodeGetEnumCount, e, n, le);
        check(e && n == want && n >= 2 && le == 0,
              "ClusterNodeGetEnumCount(NODE2: net interfaces | groups) == %lu (got %lu)", (unsigned long)want,
              (unsigned long)n);
        FN(ClusterNodeCloseEnum)(e);
    }
    {
        HGROUPENUM e = FN(ClusterGroupOpenEnum)(group, CLUSTER_GROUP_ENUM_CONTAINS | CLUSTER_GROUP_ENUM_NODES);
        READ_ALL(ClusterGroupEnum, e, want);
        COUNT(ClusterGroupGetEnumCount, e, n, le);
        check(e && n == want && n >= 4 && le == 0, "ClusterGroupGetEnumCount(contains | nodes) == %lu (got %lu)",
              (unsigned long)want, (unsigned long)n);
        FN(ClusterGroupCloseEnum)(e);
    }
    {
        HRESENUM e = FN(ClusterResourceOpenEnum)(res, CLUSTER_RESOURCE_ENUM_DEPENDS | CLUSTER_RESOURCE_ENUM_PROVIDES |
                                                          CLUSTER_RESOURCE_ENUM_NODES);
        READ_ALL(ClusterResourceEnum, e, want);
        COUNT(ClusterResourceGetEnumCount, e, n, le);
        check(e && n == want && n > 0 && le == 0, "ClusterResourceGetEnumCount(depends | provides | nodes) == %lu (got %lu)",
              (unsigned long)want, (unsigned long)n);
        FN(ClusterResourceCloseEnum)(e);
    }
    {
        HNETWORKENUM e = FN(ClusterNetworkOpenEnum)(net, CLUSTER_NETWORK_ENUM_NETINTERFACES);
        READ_ALL(ClusterNetworkEnum, e, want);
        COUNT(ClusterNetworkGetEnumCount, e, n, le);
        check(e && n == want && n == 3 && le == 0, "ClusterNetworkGetEnumCount(net interfaces) == 3 (got %lu)",
              (unsigned long)n);
        FN(ClusterNetworkCloseEnum)(e);
    }
    if (level != 2008) {
        HCLUSENUMEX e = FN(ClusterOpenEnumEx)(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_NETWORK, NULL);
        HGROUPENUMEX ge = FN(ClusterGroupOpenEnumEx)(c, NULL, 0, NULL, 0, 0);
        HRESENUMEX re = FN(ClusterResourceOpenEnumEx)(c, NULL, 0, NULL, 0, 0);
        COUNT(ClusterGetEnumCountEx, e, n, le);
        check(e && n == 3 + 2 && le == 0, "ClusterGetEnumCountEx(nodes | networks) == 5 (got %lu)", (unsigned long)n);
        COUNT(ClusterGroupGetEnumCountEx, ge, n, le);
        check(ge && n == 4 && le == 0, "ClusterGroupGetEnumCountEx == 4 groups (got %lu)", (unsigned long)n);
        COUNT(ClusterResourceGetEnumCountEx, re, n, le);
        check(re && n == 13 && le == 0, "ClusterResourceGetEnumCountEx == 13 resources (got %lu)", (unsigned long)n);
        COUNT(ClusterGroupGetEnumCountEx, (HGROUPENUMEX)re, n, le);
        check(n == 0 && le == ERROR_INVALID_HANDLE, "ClusterGroupGetEnumCountEx on a resource enumeration: 0, 6");
        FN(ClusterCloseEnumEx)(e);
        FN(ClusterGroupCloseEnumEx)(ge);
        FN(ClusterResourceCloseEnumEx)(re);
    }
    FN(CloseClusterNode)(node);
    FN(CloseClusterGroup)(group);
    FN(CloseClusterResource)(res);
    FN(CloseClusterNetwork)(net);
}

/* ---- GetNodeClusterState --------------------------------------------------------------------- */
static void test_node_cluster_state(HMODULE dll)
{
    typedef int (*instance_fn)(void);
    typedef uint32_t (*set_state_fn)(int, int, const WCHAR *, int);
    instance_fn instance = HARNESS_PROC(instance_fn, dll, "cs_simdll_instance");
    set_state_fn set_state = HARNESS_PROC(set_state_fn, dll, "cs_sim_set_state");
    DWORD state = 0xDEAD, err;
    err = FN(GetNodeClusterState)(NULL, &state);
    check(err == 0 && state == 0x13, "GetNodeClusterState(NULL): ClusterStateRunning (0x13) on the local node (got %lu, 0x%lX)",
          (unsigned long)err, (unsigned long)state);
    state = 0xDEAD;
    err = FN(GetNodeClusterState)(L"node3", &state);
    check(err == 0 && state == 0x13, "GetNodeClusterState(\"node3\"): running (names are case-insensitive)");
    err = FN(GetNodeClusterState)(L"NOT-A-NODE", &state);
    check(err == RPC_S_SERVER_UNAVAILABLE, "GetNodeClusterState of a machine that is no node: RPC_S_SERVER_UNAVAILABLE (got %lu)",
          (unsigned long)err);
    err = FN(GetNodeClusterState)(NULL, NULL);
    check(err == ERROR_INVALID_PARAMETER, "GetNodeClusterState(NULL, NULL): ERROR_INVALID_PARAMETER, no crash");
    if (instance != NULL && set_state != NULL && set_state(instance(), CS_KIND_NODE, L"NODE3", 1) == 0) {
        state = 0xDEAD;
        err = FN(GetNodeClusterState)(L"NODE3", &state);
        check(err == 0 && state == 3, "a node that is down: ClusterStateNotRunning (3) (got %lu, 0x%lX)",
              (unsigned long)err, (unsigned long)state);
        set_state(instance(), CS_KIND_NODE, L"NODE3", 0);
    } else {
        check(0, "cs_sim_set_state(NODE3, down) through the DLL's control API");
    }
}

/* ---- resource types ------------------------------------------------------------------------- */
/* Whether the UTF-16 form of an ASCII string occurs in a buffer. */
static int has_wide(const BYTE *p, DWORD n, const char *s)
{
    size_t len = strlen(s), i, k;
    for (i = 0; i + 2 * len <= n; i++) {
        for (k = 0; k < len && p[i + 2 * k] == (BYTE)s[k] && p[i + 2 * k + 1] == 0; k++)
            ;
        if (k == len)
            return 1;
    }
    return 0;
}

static void test_resource_types(HCLUSTER c)
{
    BYTE buf[4096];
    WCHAR name[64];
    DWORD n, want, le, err, cb, cch, type, count, i, all_ok = 1;
    HCLUSENUM types = FN(ClusterOpenEnum)(c, CLUSTER_ENUM_RESTYPE);
    HRESTYPEENUM e = FN(ClusterResourceTypeOpenEnum)(c, L"physical disk", 2);
    READ_ALL(ClusterResourceTypeEnum, e, want);
    COUNT(ClusterResourceTypeGetEnumCount, e, n, le);
    check(e && n == 4 && want == 4 && le == 0,
          "ClusterResourceTypeOpenEnum(\"physical disk\", RESOURCES): 4 resources, counted and enumerated (got %lu, %lu)",
          (unsigned long)n, (unsigned long)want);
    cch = 64;
    err = FN(ClusterResourceTypeEnum)(e, 0, &type, name, &cch);
    check(err == 0 && type == 2 && cch == 14 && memcmp(name, L"Cluster Disk", 12 * sizeof(WCHAR)) == 0,
          "  item 0: type 2 (CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES), \"Cluster Disk 1\" (error %lu, cch %lu)",
          (unsigned long)err, (unsigned long)cch);
    cch = 3;
    err = FN(ClusterResourceTypeEnum)(e, 0, &type, name, &cch);
    check(err == ERROR_MORE_DATA && cch == 14, "  a 3-character buffer: ERROR_MORE_DATA, 14 needed (got %lu, %lu)",
          (unsigned long)err, (unsigned long)cch);
    cch = 64;
    err = FN(ClusterResourceTypeEnum)(e, 4, &type, name, &cch);
    check(err == ERROR_NO_MORE_ITEMS, "  index 4: ERROR_NO_MORE_ITEMS (got %lu)", (unsigned long)err);
    check(FN(ClusterResourceTypeCloseEnum)(e) == 0 && FN(ClusterResourceTypeCloseEnum)(e) == ERROR_INVALID_HANDLE,
          "ClusterResourceTypeCloseEnum: 0, then ERROR_INVALID_HANDLE for the closed handle");
    COUNT(ClusterResourceTypeGetEnumCount, e, n, le);
    check(n == 0 && le == ERROR_INVALID_HANDLE, "  its count after the close: 0, ERROR_INVALID_HANDLE");

    e = FN(ClusterResourceTypeOpenEnum)(c, L"IP Address", 1 | 2);
    COUNT(ClusterResourceTypeGetEnumCount, e, n, le);
    check(e && n == 3 + 3, "ClusterResourceTypeOpenEnum(\"IP Address\", NODES | RESOURCES): 3 nodes + 3 resources (got %lu)",
          (unsigned long)n);
    if (e)
        FN(ClusterResourceTypeCloseEnum)(e);
    SetLastError(0);
    e = FN(ClusterResourceTypeOpenEnum)(c, L"No Such Type", 2);
    check(e == NULL && GetLastError() == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND,
          "an unknown type: NULL, ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (got %lu)", (unsigned long)GetLastError());
    e = FN(ClusterResourceTypeOpenEnum)(c, L"IP Address", 0);
    check(e == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "dwType 0: NULL, ERROR_INVALID_PARAMETER");
    e = FN(ClusterResourceTypeOpenEnum)(NULL, L"IP Address", 1);
    check(e == NULL && GetLastError() == ERROR_INVALID_HANDLE, "a NULL cluster: NULL, ERROR_INVALID_HANDLE");

    /* ClusterResourceTypeControl: the buffer protocol, then the lists. */
    cb = 0;
    err = FN(ClusterResourceTypeControl)(c, L"Physical Disk", NULL, 0x02000059, NULL, 0, NULL, 0, &cb);
    check(err == ERROR_MORE_DATA && cb > 4, "GET_COMMON_PROPERTIES with no buffer: ERROR_MORE_DATA, %lu bytes needed",
          (unsigned long)cb);
    n = 0;
    err = FN(ClusterResourceTypeControl)(c, L"Physical Disk", NULL, 0x02000059, NULL, 0, buf, sizeof(buf), &n);
    memcpy(&count, buf, 4);
    check(err == 0 && n == cb && count == 9 && has_wide(buf, n, "DllName") && has_wide(buf, n, "clusres.dll") &&
              has_wide(buf, n, "Physical Disk") && has_wide(buf, n, "PendingTimeout"),
          "  with one: its common properties, a list of 9 (Name, DllName clusres.dll, ..., PendingTimeout) (error %lu, "
          "count %lu)", (unsigned long)err, (unsigned long)count);
    err = FN(ClusterResourceTypeControl)(c, L"Physical Disk", NULL, 0x02000059, NULL, 0, buf, cb - 1, &n);
    check(err == ERROR_MORE_DATA && n == cb, "  one byte short: ERROR_MORE_DATA");
    err = FN(ClusterResourceTypeControl)(c, L"Physical Disk", NULL, 0x02000081, NULL, 0, buf, sizeof(buf), &n);
    memcpy(&count, buf, 4);
    check(err == 0 && n == 4 && count == 0, "GET_PRIVATE_PROPERTIES: an empty list (error %lu, %lu bytes)",
          (unsigned long)err, (unsigned long)n);
    err = FN(ClusterResourceTypeControl)(c, L"Physical Disk", NULL, 0x01000059, NULL, 0, buf, sizeof(buf), &n);
    check(err == ERROR_INVALID_FUNCTION, "a resource's control code: ERROR_INVALID_FUNCTION (got %lu)", (unsigned long)err);
    err = FN(ClusterResourceTypeControl)(c, L"No Such Type", NULL, 0x02000059, NULL, 0, buf, sizeof(buf), &n);
    check(err == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "an unknown type: ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND");
    err = FN(ClusterResourceTypeControl)(c, L"Physical Disk", (HNODE)(uintptr_t)0x1234, 0x02000059, NULL, 0, buf,
                                         sizeof(buf), &n);
    check(err == ERROR_INVALID_HANDLE, "a forged host node handle: ERROR_INVALID_HANDLE, no crash");

    /* Every type ClusterOpenEnum(RESTYPE) lists has its properties. */
    COUNT(ClusterGetEnumCount, types, n, le);
    for (i = 0; types && i < n; i++) {
        cch = 64;
        err = FN(ClusterEnum)(types, i, &type, name, &cch);
        if (err == 0)
            err = FN(ClusterResourceTypeControl)(c, name, NULL, 0x02000059, NULL, 0, buf, sizeof(buf), &cb);
        if (err != 0 || !has_wide(buf, cb, "LooksAlivePollInterval"))
            all_ok = 0;
    }
    check(types && n == 9 && all_ok, "each of the %lu types ClusterOpenEnum(RESTYPE) lists answers "
          "ClusterResourceTypeControl(GET_COMMON_PROPERTIES)", (unsigned long)n);
    if (types)
        FN(ClusterCloseEnum)(types);
}

/* ---- ClusterNetInterfaceOpenEnum ---------------------------------------------------------------- */
/* The items of a net interface enumeration (ClusterNetInterfaceEnum has no type argument). */
static DWORD netif_items(HNETINTERFACEENUM e, WCHAR *first, DWORD cap)
{
    WCHAR name[256];
    DWORD i, cch, err = 0;
    for (i = 0; err == 0 && i < 10000; i++) {
        cch = 256;
        err = FN(ClusterNetInterfaceEnum)(e, i, name, &cch);
        if (err == 0 && i == 0 && first != NULL && cch < cap)
            memcpy(first, name, (cch + 1) * sizeof(WCHAR));
    }
    return err == ERROR_NO_MORE_ITEMS ? i - 1 : 0xFFFFFFFFu;
}

static void test_netinterfaces(HCLUSTER c)
{
    WCHAR first[64] = {0};
    DWORD n, err, cch = 2;
    WCHAR tiny[2];
    HNETINTERFACEENUM all = FN(ClusterNetInterfaceOpenEnum)(c, NULL, NULL);
    HNETINTERFACEENUM node = FN(ClusterNetInterfaceOpenEnum)(c, L"node3", NULL);
    HNETINTERFACEENUM both = FN(ClusterNetInterfaceOpenEnum)(c, L"NODE3", L"Cluster Network 1");
    n = all ? netif_items(all, NULL, 0) : 0;
    check(all && n == 6, "ClusterNetInterfaceOpenEnum(NULL, NULL): all 6 net interfaces (got %lu)", (unsigned long)n);
    n = node ? netif_items(node, NULL, 0) : 0;
    check(node && n == 2, "ClusterNetInterfaceOpenEnum(\"node3\", NULL): its 2 (got %lu)", (unsigned long)n);
    n = both ? netif_items(both, first, 64) : 0;
    check(both && n == 1 && wcscmp(first, L"NODE3 - Ethernet") == 0,
          "ClusterNetInterfaceOpenEnum(NODE3, Cluster Network 1): NODE3 - Ethernet, as GetClusterNetInterface says");
    err = both ? FN(ClusterNetInterfaceEnum)(both, 0, tiny, &cch) : 0;
    check(err == ERROR_MORE_DATA && cch == 16, "  a 2-character buffer: ERROR_MORE_DATA, 16 needed (got %lu, %lu)",
          (unsigned long)err, (unsigned long)cch);
    err = FN(ClusterResourceTypeEnum)((HRESTYPEENUM)both, 0, NULL, first, &cch);
    check(err == ERROR_INVALID_HANDLE, "  ClusterResourceTypeEnum on it: ERROR_INVALID_HANDLE (got %lu)",
          (unsigned long)err);
    check(FN(ClusterNetInterfaceCloseEnum)(all) == 0 && FN(ClusterNetInterfaceCloseEnum)(node) == 0 &&
              FN(ClusterNetInterfaceCloseEnum)(both) == 0 && FN(ClusterNetInterfaceCloseEnum)(both) == ERROR_INVALID_HANDLE,
          "ClusterNetInterfaceCloseEnum: 0 each, then ERROR_INVALID_HANDLE for a closed one");
    SetLastError(0);
    check(FN(ClusterNetInterfaceOpenEnum)(c, L"NODE9", NULL) == NULL && GetLastError() == ERROR_CLUSTER_NODE_NOT_FOUND,
          "an unknown node: NULL, ERROR_CLUSTER_NODE_NOT_FOUND (got %lu)", (unsigned long)GetLastError());
    check(FN(ClusterNetInterfaceOpenEnum)(c, NULL, L"No Net") == NULL &&
              GetLastError() == ERROR_CLUSTER_NETWORK_NOT_FOUND,
          "an unknown network: NULL, ERROR_CLUSTER_NETWORK_NOT_FOUND (got %lu)", (unsigned long)GetLastError());
}

/* ---- a topology with a Cluster Shared Volume (CLUSAPI_SIMDLL_TOPOLOGY, the flat file's csv line) ---- */
static void test_csv(HCLUSTER c)
{
    BYTE buf[4096];
    WCHAR name[64];
    DWORD n, le, err, cch = 64, type = 0;
    uint64_t total = 0;
    HCLUSENUM e = FN(ClusterOpenEnum)(c, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE);
    HRESOURCE res = FN(OpenClusterResource)(c, L"Cluster Disk 2");
    COUNT(ClusterGetEnumCount, e, n, le);
    err = e ? FN(ClusterEnum)(e, 0, &type, name, &cch) : 0xFFFFFFFFu;
    check(n == 1 && le == 0 && err == 0 && wcscmp(name, L"Cluster Disk 2") == 0,
          "ClusterOpenEnum(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE): the topology's one CSV, Cluster Disk 2 (count %lu, "
          "error %lu)", (unsigned long)n, (unsigned long)err);
    if (e)
        FN(ClusterCloseEnum)(e);
    check(res != NULL, "OpenClusterResource(Cluster Disk 2)");
    if (res == NULL)
        return;
    err = FN(ClusterResourceControl)(res, NULL, 0x01000225, NULL, 0, buf, sizeof(buf), &n);
    check(err == 0 && has_wide(buf, n, "C:\\ClusterStorage\\Volume1"),
          "STORAGE_GET_SHARED_VOLUME_INFO: its path C:\\ClusterStorage\\Volume1 (error %lu)", (unsigned long)err);
    err = FN(ClusterResourceControl)(res, NULL, 0x010001F1, NULL, 0, buf, sizeof(buf), &n);
    if (err == 0 && n >= 8 + 1128)
        memcpy(&total, buf + 8 + 1120, 8);
    check(err == 0 && total == 10995116277760ull,
          "STORAGE_GET_DISK_INFO_EX: its size, 10 TiB (a 64-bit number in the flat file) (error %lu, got %llu)",
          (unsigned long)err, (unsigned long long)total);
    FN(CloseClusterResource)(res);
}

/* ---- the cluster registry (simdll_registry.c) ------------------------------------------------------ */
/* CLUSTER_READ_BATCH_COMMAND as clusapi.h lays it out. */
struct _CLUSTER_READ_BATCH_COMMAND {
    CLUSTER_REG_COMMAND Command;
    DWORD dwOptions;
    LPCWSTR wzSubkeyName, wzValueName;
    const BYTE *lpData;
    DWORD cbData;
};

static DWORD rd32(const BYTE *p)
{
    DWORD v;
    memcpy(&v, p, 4);
    return v;
}

/* Every property of a list is a value of the key: same bytes, type by format; the count or -1. */
static int reg_same_as_list(HKEY key, const BYTE *p, DWORD cb)
{
    static const DWORD types[] = {3, 3, 4, 1, 2, 7, 11, 4, 1, 3, 11};    /* by format 0..10 */
    DWORD count = rd32(p), k, pos = 4;
    for (k = 0; k < count && pos + 8 <= cb; k++) {
        DWORD name_cb = rd32(p + pos + 4), syntax, vcb, type = 0, got_cb = 4096, want;
        WCHAR name[128] = {0};
        BYTE got[4096];
        memcpy(name, p + pos + 8, name_cb < sizeof(name) ? name_cb : sizeof(name) - 2);
        pos += 8 + ((name_cb + 3) & ~3u);
        syntax = rd32(p + pos);
        vcb = rd32(p + pos + 4);
        want = (syntax & 0xFFFF) <= 10 ? types[syntax & 0xFFFF] : 3;
        if (FN(ClusterRegQueryValue)(key, name, &type, got, &got_cb) != 0 || type != want || got_cb != vcb ||
            memcmp(got, p + pos + 8, vcb) != 0) {
            info("value %ls differs from its property (type %lu, %lu bytes)", name, (unsigned long)type,
                 (unsigned long)got_cb);
            return -1;
        }
        while (pos + 4 <= cb && rd32(p + pos) != 0)
            pos += 8 + ((rd32(p + pos + 4) + 3) & ~3u);
        pos += 4;
    }
    return (int)count;
}

/* The subkeys of a key joined by '|'; the enumeration must end with ERROR_NO_MORE_ITEMS (else "?"). */
static void reg_subkeys(HKEY key, WCHAR *out, size_t cap)
{
    WCHAR name[128];
    DWORD i, cch, err = 0;
    FILETIME ft;
    out[0] = 0;
    for (i = 0; err == 0; i++) {
        cch = 128;
        err = FN(ClusterRegEnumKey)(key, i, name, &cch, &ft);
        if (err == 0 && wcslen(out) + cch + 2 < cap) {
            if (i)
                wcscat(out, L"|");
            wcscat(out, name);
        }
    }
    if (err != ERROR_NO_MORE_ITEMS)
        wcscpy(out, L"?");
}

/* An object's key by its handle equals its common (read-write and read-only) properties; its Parameters
 * subkey its private ones. */
static void reg_object(const char *what, HKEY key, DWORD (*control)(HANDLE, DWORD, BYTE *, DWORD, DWORD *),
                       HANDLE h, DWORD object)
{
    static BYTE list[16384];
    DWORD got = 0, err;
    int n_rw, n_ro, n_priv = -1;
    HKEY params = NULL;
    err = control(h, object << 24 | 0x59u, list, sizeof(list), &got);
    n_rw = err ? -1 : reg_same_as_list(key, list, got);
    err = control(h, object << 24 | 0x55u, list, sizeof(list), &got);
    n_ro = err ? -1 : reg_same_as_list(key, list, got);
    if (FN(ClusterRegOpenKey)(key, L"Parameters", KEY_READ, &params) == 0 &&
        control(h, object << 24 | 0x81u, list, sizeof(list), &got) == 0)
        n_priv = reg_same_as_list(params, list, got);
    check(key != NULL && n_rw > 0 && n_ro >= 0 && n_rw + n_ro > 3 && n_priv >= 0,
          "%s key: its values equal GET_COMMON (%d) and GET_RO_COMMON (%d) properties, Parameters GET_PRIVATE (%d)",
          what, n_rw, n_ro, n_priv);
    if (params)
        FN(ClusterRegCloseKey)(params);
}

static DWORD ctl_group(HANDLE h, DWORD code, BYTE *out, DWORD cb, DWORD *got)
{
    return FN(ClusterGroupControl)((HGROUP)h, NULL, code, NULL, 0, out, cb, got);
}
static DWORD ctl_res(HANDLE h, DWORD code, BYTE *out, DWORD cb, DWORD *got)
{
    return FN(ClusterResourceControl)((HRESOURCE)h, NULL, code, NULL, 0, out, cb, got);
}
static DWORD ctl_node(HANDLE h, DWORD code, BYTE *out, DWORD cb, DWORD *got)
{
    return FN(ClusterNodeControl)((HNODE)h, NULL, code, NULL, 0, out, cb, got);
}
static DWORD ctl_net(HANDLE h, DWORD code, BYTE *out, DWORD cb, DWORD *got)
{
    return FN(ClusterNetworkControl)((HNETWORK)h, NULL, code, NULL, 0, out, cb, got);
}
static DWORD ctl_netif(HANDLE h, DWORD code, BYTE *out, DWORD cb, DWORD *got)
{
    return FN(ClusterNetInterfaceControl)((HNETINTERFACE)h, NULL, code, NULL, 0, out, cb, got);
}
static DWORD ctl_cluster(HANDLE h, DWORD code, BYTE *out, DWORD cb, DWORD *got)
{
    return FN(ClusterControl)((HCLUSTER)h, NULL, code, NULL, 0, out, cb, got);
}

static uint32_t reg_open_keys(HMODULE dll)
{
    typedef int (*instance_fn)(void);
    typedef uint32_t (*handles_fn)(int, uint32_t *);
    instance_fn instance = HARNESS_PROC(instance_fn, dll, "cs_simdll_instance");
    handles_fn handles = HARNESS_PROC(handles_fn, dll, "cs_sim_open_handles");
    uint32_t counts[CS_KIND_COUNT] = {0};
    if (instance == NULL || handles == NULL || handles(instance(), counts) != 0)
        return 0xFFFFFFFFu;
    return counts[CS_KIND_ENUM];
}

static void test_registry(HMODULE dll, HCLUSTER c)
{
    typedef int (*instance_fn)(void);
    typedef uint32_t (*delete_fn)(int, int, const WCHAR *);
    instance_fn instance = HARNESS_PROC(instance_fn, dll, "cs_simdll_instance");
    delete_fn del = HARNESS_PROC(delete_fn, dll, "cs_sim_delete");
    uint32_t base = reg_open_keys(dll);
    HGROUP g = FN(OpenClusterGroup)(c, L"SQL Server (MSSQLSERVER)");
    HRESOURCE r = FN(OpenClusterResource)(c, L"SQL Server Agent");
    HNODE node = FN(OpenClusterNode)(c, L"NODE2");
    HNETWORK net = FN(OpenClusterNetwork)(c, L"Cluster Network 2");
    HNETINTERFACE nif = FN(OpenClusterNetInterface)(c, L"NODE3 - Ethernet");
    HKEY root = FN(GetClusterKey)(c, KEY_READ), gk = FN(GetClusterGroupKey)(g, KEY_READ);
    HKEY rk = FN(GetClusterResourceKey)(r, KEY_READ), nk = FN(GetClusterNodeKey)(node, KEY_READ);
    HKEY netk = FN(GetClusterNetworkKey)(net, KEY_READ), nifk = FN(GetClusterNetInterfaceKey)(nif, KEY_READ);
    HKEY k = NULL, k2 = NULL;
    HREGREADBATCH batch = NULL;
    HREGREADBATCHREPLY reply = NULL;
    CLUSTER_READ_BATCH_COMMAND cmd;
    WCHAR names[512], id[64];
    BYTE data[512], list[512];
    DWORD err, type = 0, cb, cch, n_sub = 0, n_val = 0, max_name = 0, i, got = 0, e[4];
    check(root && gk && rk && nk && netk && nifk, "GetCluster{,Group,Resource,Node,Network,NetInterface}Key: a key each");
    check(reg_open_keys(dll) == base + 6, "  counted in the simulator's open handles (enum kind): +6");

    reg_subkeys(root, names, 512);
    check(wcscmp(names, L"Groups|NetworkInterfaces|Networks|Nodes|Parameters|Resources|ResourceTypes") == 0,
          "the root's subkeys, in registry order, then ERROR_NO_MORE_ITEMS: %ls", names);
    reg_object("the root (the cluster)", root, ctl_cluster, c, 7);
    reg_object("a group", gk, ctl_group, g, 3);
    reg_object("a resource", rk, ctl_res, r, 1);
    reg_object("a node", nk, ctl_node, node, 4);
    reg_object("a network", netk, ctl_net, net, 5);
    reg_object("a net interface", nifk, ctl_netif, nif, 6);
    cb = sizeof(data);
    err = FN(ClusterRegQueryValue)(rk, L"Type", &type, data, &cb);
    check(err == 0 && type == REG_SZ && wcscmp((WCHAR *)data, L"SQL Server Agent") == 0,
          "a resource's Type: REG_SZ \"SQL Server Agent\" (what a client reads the type by) (error %lu)", (unsigned long)err);
    cb = sizeof(data);
    err = FN(ClusterRegQueryValue)(gk, L"GroupType", &type, data, &cb);
    check(err == 0 && type == REG_DWORD && cb == 4, "a group's GroupType: REG_DWORD (error %lu)", (unsigned long)err);

    /* the same key by path, from the group's ID */
    cch = 64;
    err = FN(ClusterGroupControl)(g, NULL, 0x03000039, NULL, 0, id, sizeof(id), &got);
    swprintf((WCHAR *)list, 256, L"Groups\\%ls", id);
    err = err ? err : (DWORD)FN(ClusterRegOpenKey)(root, (WCHAR *)list, KEY_READ, &k);
    cb = sizeof(data);
    err = err ? err : (DWORD)FN(ClusterRegQueryValue)(k, L"Name", &type, data, &cb);
    check(err == 0 && wcscmp((WCHAR *)data, L"SQL Server (MSSQLSERVER)") == 0,
          "ClusterRegOpenKey(root, \"Groups\\\\<its ID>\"): the group's key, its Name (error %lu)", (unsigned long)err);
    reg_subkeys(k, names, 512);
    check(wcscmp(names, L"Parameters") == 0, "  its one subkey: Parameters (%ls)", names);
    err = FN(ClusterRegOpenKey)(root, L"ResourceTypes\\sql server", KEY_READ, &k2);
    cb = sizeof(data);
    err = err ? err : (DWORD)FN(ClusterRegQueryValue)(k2, L"DllName", &type, data, &cb);
    check(err == 0 && wcscmp((WCHAR *)data, L"sqsrvres.dll") == 0, "ResourceTypes\\sql server: DllName sqsrvres.dll");
    if (k2)
        FN(ClusterRegCloseKey)(k2);

    /* info, enumeration of values, sizes */
    err = FN(ClusterRegQueryInfoKey)(gk, &n_sub, NULL, &n_val, &max_name, NULL, NULL, NULL);
    for (i = 0, e[0] = 0; e[0] == 0; i++) {
        cch = 128;
        cb = sizeof(data);
        e[0] = FN(ClusterRegEnumValue)(gk, i, names, &cch, &type, data, &cb);
    }
    check(err == 0 && n_sub == 1 && n_val > 10 && e[0] == ERROR_NO_MORE_ITEMS && i - 1 == n_val,
          "ClusterRegQueryInfoKey: 1 subkey, %lu values; ClusterRegEnumValue yields them, then ERROR_NO_MORE_ITEMS",
          (unsigned long)n_val);
    cb = 4;
    err = FN(ClusterRegQueryValue)(gk, L"Name", &type, data, &cb);
    check(err == ERROR_MORE_DATA && cb == 50, "a 4-byte buffer: ERROR_MORE_DATA, 50 bytes needed (got %lu, %lu)",
          (unsigned long)err, (unsigned long)cb);
    cch = 2;
    err = FN(ClusterRegEnumKey)(root, 0, names, &cch, NULL);
    check(err == ERROR_MORE_DATA && cch == 6, "ClusterRegEnumKey, 2 characters: ERROR_MORE_DATA, 6 needed");
    cch = 2;
    cb = sizeof(data);
    err = FN(ClusterRegEnumValue)(gk, 0, names, &cch, &type, data, &cb);
    check(err == ERROR_MORE_DATA && cch == 4, "ClusterRegEnumValue, 2 characters: ERROR_MORE_DATA, 4 needed");
    cb = sizeof(data);
    e[0] = FN(ClusterRegQueryValue)(gk, L"NoSuchValue", &type, data, &cb);
    e[1] = FN(ClusterRegOpenKey)(root, L"Groups\\no-such-id", KEY_READ, &k2);
    check(e[0] == ERROR_FILE_NOT_FOUND && e[1] == ERROR_FILE_NOT_FOUND && k2 == NULL,
          "a missing value, a missing key: ERROR_FILE_NOT_FOUND (%lu, %lu)", (unsigned long)e[0], (unsigned long)e[1]);
    e[0] = FN(ClusterRegSetValue)(gk, L"Name", REG_SZ, (const BYTE *)L"x", 4);
    e[1] = FN(ClusterRegDeleteValue)(gk, L"Name");
    e[2] = FN(ClusterRegCreateKey)(gk, L"New", 0, KEY_ALL_ACCESS, NULL, &k2, NULL);
    e[3] = FN(ClusterRegDeleteKey)(root, L"Groups");
    check(e[0] == 5 && e[1] == 5 && e[2] == 5 && e[3] == 5, "writes: ERROR_ACCESS_DENIED (the database is read-only)");

    /* a property set through the control API shows up at the next read */
    {
        static const WCHAR pname[] = L"Priority";
        DWORD v = 1234, pos = 0, d;
        d = 1; memcpy(list + pos, &d, 4); pos += 4;
        d = CLUSPROP_SYNTAX_NAME; memcpy(list + pos, &d, 4); pos += 4;
        d = sizeof(pname); memcpy(list + pos, &d, 4); pos += 4;
        memcpy(list + pos, pname, sizeof(pname)); pos += (sizeof(pname) + 3) & ~3u;
        d = CLUSPROP_SYNTAX_LIST_VALUE_DWORD; memcpy(list + pos, &d, 4); pos += 4;
        d = 4; memcpy(list + pos, &d, 4); pos += 4;
        memcpy(list + pos, &v, 4); pos += 4;
        d = 0; memcpy(list + pos, &d, 4); pos += 4;
        err = FN(ClusterGroupControl)(g, NULL, 0x0340005E, list, pos, NULL, 0, NULL);
        cb = sizeof(data);
        err = err ? err : (DWORD)FN(ClusterRegQueryValue)(k, L"Priority", &type, data, &cb);
        check(err == 0 && type == REG_DWORD && rd32(data) == 1234,
              "SET_COMMON_PROPERTIES Priority=1234, then the key's Priority: 1234 (error %lu)", (unsigned long)err);
    }

    /* the read batch */
    err = FN(ClusterRegCreateReadBatch)(gk, &batch);
    err = err ? err : (DWORD)FN(ClusterRegReadBatchAddCommand)(batch, NULL, L"Name");
    err = err ? err : (DWORD)FN(ClusterRegReadBatchAddCommand)(batch, NULL, L"Priority");
    err = err ? err : (DWORD)FN(ClusterRegReadBatchAddCommand)(batch, NULL, L"NoSuchValue");
    err = err ? err : (DWORD)FN(ClusterRegReadBatchAddCommand)(batch, L"NoSuchKey", L"Name");
    err = err ? err : (DWORD)FN(ClusterRegCloseReadBatch)(batch, &reply);
    for (i = 0; err == 0 && i < 4; i++) {
        memset(&cmd, 0, sizeof(cmd));
        err = FN(ClusterRegReadBatchReplyNextCommand)(reply, &cmd);
        if (i == 0 && !(cmd.Command == 8 && cmd.dwOptions == REG_SZ && cmd.cbData == 50 &&
                        wcscmp((const WCHAR *)cmd.lpData, L"SQL Server (MSSQLSERVER)") == 0))
            err = 1000 + i;
        if (i == 1 && !(cmd.Command == 8 && cmd.dwOptions == REG_DWORD && rd32(cmd.lpData) == 1234))
            err = 1000 + i;
        if (i >= 2 && !(cmd.Command == 9 && cmd.dwOptions == ERROR_FILE_NOT_FOUND && cmd.lpData == NULL))
            err = 1000 + i;
    }
    e[0] = reply ? FN(ClusterRegReadBatchReplyNextCommand)(reply, &cmd) : 0;
    e[1] = reply ? FN(ClusterRegCloseReadBatchReply)(reply) : 0;
    e[2] = FN(ClusterRegCloseReadBatchReply)(reply);
    check(err == 0 && e[0] == ERROR_NO_MORE_ITEMS && e[1] == 0 && e[2] == ERROR_INVALID_HANDLE,
          "read batch: Name, Priority (CLUSREG_READ_VALUE 8), a missing value and key (CLUSREG_READ_ERROR 9, "
          "ERROR_FILE_NOT_FOUND), then ERROR_NO_MORE_ITEMS; the reply closes once (error %lu)", (unsigned long)err);

    /* closed and forged keys; a deleted object's key */
    e[0] = FN(ClusterRegCloseKey)(k);
    e[1] = FN(ClusterRegCloseKey)(k);
    cb = sizeof(data);
    e[2] = FN(ClusterRegQueryValue)(k, L"Name", &type, data, &cb);
    e[3] = FN(ClusterRegQueryValue)((HKEY)(uintptr_t)0x12345678, L"Name", &type, data, &cb);
    check(e[0] == 0 && e[1] == ERROR_INVALID_HANDLE && e[2] == ERROR_INVALID_HANDLE && e[3] == ERROR_INVALID_HANDLE,
          "ClusterRegCloseKey once: 0, twice: ERROR_INVALID_HANDLE; a closed or forged key: ERROR_INVALID_HANDLE");
    err = del && instance ? del(instance(), CS_KIND_RESOURCE, L"SQL Server Agent") : 1;
    cb = sizeof(data);
    e[0] = FN(ClusterRegQueryValue)(rk, L"Name", &type, data, &cb);
    e[1] = FN(ClusterRegOpenKey)(rk, L"Parameters", KEY_READ, &k2);
    SetLastError(0);
    k2 = FN(GetClusterResourceKey)(r, KEY_READ);
    check(err == 0 && e[0] == 1018 && e[1] == 1018 && k2 == NULL && GetLastError() == ERROR_RESOURCE_NOT_FOUND,
          "a deleted resource's key: ERROR_KEY_DELETED (1018, inferred) (%lu, %lu); its handle gives no key (5007)",
          (unsigned long)e[0], (unsigned long)e[1]);

    FN(ClusterRegCloseKey)(root);
    FN(ClusterRegCloseKey)(gk);
    FN(ClusterRegCloseKey)(rk);
    FN(ClusterRegCloseKey)(nk);
    FN(ClusterRegCloseKey)(netk);
    FN(ClusterRegCloseKey)(nifk);
    check(reg_open_keys(dll) == base, "every key closed: the open handles are back where they were (%lu)",
          (unsigned long)reg_open_keys(dll));
    FN(CloseClusterGroup)(g);
    FN(CloseClusterResource)(r);
    FN(CloseClusterNode)(node);
    FN(CloseClusterNetwork)(net);
    FN(CloseClusterNetInterface)(nif);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "full";
    int level = strcmp(mode, "2008") == 0 ? 2008 : 1, csv = strcmp(mode, "csv") == 0;
    HMODULE dll;
    harness_begin(" (in a clusapi.dll export)");
    info("test_surface %s: the SDK's %d clusapi.h functions through the simulated clusapi.dll, %d-bit", mode,
         SURF_COUNT, (int)(sizeof(void *) * 8));
    dll = load(level);
    if (dll != NULL) {
        HCLUSTER c;
        test_exports(dll, level);
        c = fns[SURF_OpenCluster] ? FN(OpenCluster)(NULL) : NULL;
        check(c != NULL, "OpenCluster(NULL) through the DLL (error %lu)", c ? 0ul : (unsigned long)GetLastError());
        if (c != NULL && csv) {
            test_csv(c);
            check(FN(CloseCluster)(c), "CloseCluster");
        } else if (c != NULL) {
            test_counts(c, level);
            test_node_cluster_state(dll);
            test_resource_types(c);
            test_netinterfaces(c);
            test_registry(dll, c);
            check(FN(CloseCluster)(c), "CloseCluster");
        }
        FreeLibrary(dll);
    }
    return harness_end();
}
