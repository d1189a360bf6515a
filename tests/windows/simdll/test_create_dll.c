/*
 * tests/windows/simdll/test_create_dll.c - CreateClusterGroup,
 * DeleteClusterGroup, DestroyClusterGroup, CreateClusterResource and
 * DeleteClusterResource through the simulated clusapi.dll, as a C client
 * calls them: the DLL loaded from System32, each function resolved by name
 * (typed from sdk_functions.h), plain Win32 calls.  Checks what each
 * creates and deletes (states, owner, enumerations and counts, events on a
 * version-1 port and, in the full build, a version-2 port), the handles of
 * deleted objects, every refusal, and that the DLL's open handles are back
 * to zero at the end.  Built with mingw-w64 (this file alone), run under
 * Wine by tests/windows/simdll/stage.sh over the built-in topology:
 *
 *   test_create_dll.exe full    the full DLL
 *   test_create_dll.exe 2008    the Server 2008 build (all five are
 *                               ungated; no *Ex opens, no version-2 ports)
 *
 * Output: "ok - ..." / "not ok - ..." lines and "N passed, M failed".
 */
#include "win_harness.h"
#include "sdk_surface.h"

#define T_TYPE(ret, fail, name, version, mingw, params, zeros) typedef ret(WINAPI *t_##name##_fn) params;
SIMDLL_SDK_FUNCTIONS(T_TYPE)

static HMODULE dll;
#define FN(name) (HARNESS_PROC(t_##name##_fn, dll, #name))
#define NEW_PORT ((HCHANGE)(intptr_t)-1)
#define SEPARATE_MONITOR 1u      /* CLUSTER_RESOURCE_SEPARATE_MONITOR (ClusApi.h) */

typedef uint32_t (*open_handles_fn)(int, uint32_t *);
typedef int (*instance_fn)(void);

static DWORD last(void)
{
    return GetLastError();
}

/* Items of ClusterOpenEnum(type), by ClusterGetEnumCount. */
static DWORD count_of(HCLUSTER c, DWORD type)
{
    HCLUSENUM e = FN(ClusterOpenEnum)(c, type);
    DWORD n;
    if (e == NULL)
        return 0xFFFFFFFFu;
    n = FN(ClusterGetEnumCount)(e);
    FN(ClusterCloseEnum)(e);
    return n;
}

/* Whether ClusterOpenEnum(type) lists that name. */
static int listed(HCLUSTER c, DWORD type, const WCHAR *name)
{
    HCLUSENUM e = FN(ClusterOpenEnum)(c, type);
    WCHAR buf[256];
    DWORD i, t, cch;
    int found = 0;
    for (i = 0; e != NULL; i++) {
        cch = 256;
        if (FN(ClusterEnum)(e, i, &t, buf, &cch) != 0)
            break;
        found |= wcscmp(buf, name) == 0;
    }
    if (e)
        FN(ClusterCloseEnum)(e);
    return found;
}

/* Every version-1 event queued now: how many of that filter, the last one's name in `name`. */
static int drain_v1(HCHANGE p, DWORD want, WCHAR *name)
{
    WCHAR buf[256];
    DWORD_PTR key;
    DWORD filter, cch = 256;
    int n = 0;
    while (FN(GetClusterNotify)(p, &key, &filter, buf, &cch, 0) == 0) {
        if (filter == want) {
            n++;
            wcscpy(name, buf);
        }
        cch = 256;
    }
    return n;
}

static void test_create(int level)
{
    instance_fn inst = HARNESS_PROC(instance_fn, dll, "cs_simdll_instance");
    open_handles_fn open_handles = HARNESS_PROC(open_handles_fn, dll, "cs_sim_open_handles");
    HCLUSTER c = FN(OpenCluster)(NULL), dead;
    HCHANGE p1, p2 = NULL;
    HGROUP g, fs;
    HRESOURCE a, b, q, fsr;
    WCHAR node[256], grp[256], name[256];
    DWORD err, cch = 256, cch2 = 256, groups, resources;
    uint32_t counts[CS_KIND_COUNT], total = 0;
    int k;
    check(c != NULL && inst != NULL && open_handles != NULL, "OpenCluster(NULL), the control entries");
    if (c == NULL || inst == NULL || open_handles == NULL)
        return;
    groups = count_of(c, CLUSTER_ENUM_GROUP);
    resources = count_of(c, CLUSTER_ENUM_RESOURCE);
    p1 = FN(CreateClusterNotifyPort)(NEW_PORT, c, CLUSTER_CHANGE_GROUP_ADDED | CLUSTER_CHANGE_GROUP_DELETED |
                                                      CLUSTER_CHANGE_RESOURCE_ADDED | CLUSTER_CHANGE_RESOURCE_DELETED, 1);
    check(p1 != NULL, "a version-1 port for GROUP/RESOURCE_ADDED/DELETED");
    if (level != 2008) {
        NOTIFY_FILTER_AND_TYPE f;
        f.dwObjectType = CLUSTER_OBJECT_TYPE_CLUSTER;
        f.FilterFlags = CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2;
        p2 = FN(CreateClusterNotifyPortV2)(NEW_PORT, c, &f, 1, 2);
        check(p2 != NULL, "a version-2 port for CLUSTER_GROUP_ADDED_V2");
    }

    /* CreateClusterGroup: refusals, then a new group */
    SetLastError(0);
    check(FN(CreateClusterGroup)(c, NULL) == NULL && last() == ERROR_INVALID_PARAMETER &&
              FN(CreateClusterGroup)(c, L"") == NULL && last() == ERROR_INVALID_PARAMETER,
          "CreateClusterGroup(NULL or empty name): NULL, ERROR_INVALID_PARAMETER");
    check(FN(CreateClusterGroup)(NULL, L"X") == NULL && last() == ERROR_INVALID_HANDLE,
          "CreateClusterGroup(NULL cluster): ERROR_INVALID_HANDLE");
    check(FN(CreateClusterGroup)(c, L"cluster group") == NULL && last() == ERROR_OBJECT_ALREADY_EXISTS,
          "CreateClusterGroup(an existing name, other case): ERROR_OBJECT_ALREADY_EXISTS");
    g = FN(CreateClusterGroup)(c, L"New Role");
    check(g != NULL, "CreateClusterGroup(New Role): a handle (error %lu)", g ? 0ul : (unsigned long)last());
    if (g == NULL)
        return;
    check(FN(GetClusterGroupState)(g, node, &cch) == ClusterGroupOffline && wcscmp(node, L"NODE1") == 0,
          "  Offline, owned by NODE1 (the first Up node serves the call)");
    check(count_of(c, CLUSTER_ENUM_GROUP) == groups + 1 && listed(c, CLUSTER_ENUM_GROUP, L"New Role"),
          "  ClusterOpenEnum(GROUP) lists it, ClusterGetEnumCount %lu -> %lu", (unsigned long)groups,
          (unsigned long)count_of(c, CLUSTER_ENUM_GROUP));
    check(drain_v1(p1, CLUSTER_CHANGE_GROUP_ADDED, name) == 1 && wcscmp(name, L"New Role") == 0,
          "  a version-1 CLUSTER_CHANGE_GROUP_ADDED event names it");
    if (p2 != NULL) {
        NOTIFY_FILTER_AND_TYPE ft;
        DWORD_PTR key;
        BYTE buf[64];
        WCHAR oid[64], parent[64], type[64];
        DWORD cb = sizeof(buf), c0 = 64, c1 = 64, c2 = 256, c3 = 64;
        HGROUPENUMEX gx = FN(ClusterGroupOpenEnumEx)(c, NULL, 0, NULL, 0, 0);
        err = FN(GetClusterNotifyV2)(p2, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0);
        check(err == 0 && ft.FilterFlags == CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2 && wcscmp(name, L"New Role") == 0 &&
                  c0 == 36,
              "  a version-2 CLUSTER_GROUP_ADDED_V2 event names it, with its GUID id (error %lu)", (unsigned long)err);
        check(gx != NULL && FN(ClusterGroupGetEnumCountEx)(gx) == groups + 1,
              "  ClusterGroupOpenEnumEx (bulk) counts it");
        if (gx)
            FN(ClusterGroupCloseEnumEx)(gx);
        dead = FN(OpenClusterEx)(NULL, GENERIC_READ, NULL);
        SetLastError(0);
        check(dead != NULL && FN(CreateClusterGroup)(dead, L"RO") == NULL && last() == ERROR_ACCESS_DENIED,
              "CreateClusterGroup through a read-only cluster handle: ERROR_ACCESS_DENIED");
        if (dead)
            FN(CloseCluster)(dead);
    }
    check(FN(CreateClusterGroup)(c, L"NEW ROLE") == NULL && last() == ERROR_OBJECT_ALREADY_EXISTS,
          "CreateClusterGroup(New Role) again: ERROR_OBJECT_ALREADY_EXISTS");

    /* CreateClusterResource */
    SetLastError(0);
    check(FN(CreateClusterResource)(g, L"A", L"No Such Type", 0) == NULL &&
              last() == ERROR_RESOURCE_TYPE_NOT_FOUND,
          "CreateClusterResource(unknown type): ERROR_RESOURCE_TYPE_NOT_FOUND");
    check(FN(CreateClusterResource)(g, L"A", NULL, 0) == NULL && last() == ERROR_INVALID_PARAMETER &&
              FN(CreateClusterResource)(g, NULL, L"IP Address", 0) == NULL && last() == ERROR_INVALID_PARAMETER &&
              FN(CreateClusterResource)(g, L"A", L"IP Address", 4) == NULL && last() == ERROR_INVALID_PARAMETER,
          "CreateClusterResource(NULL type / NULL name / flags 4): ERROR_INVALID_PARAMETER");
    check(FN(CreateClusterResource)(g, L"cluster name", L"IP Address", 0) == NULL &&
              last() == ERROR_OBJECT_ALREADY_EXISTS,
          "CreateClusterResource(an existing name): ERROR_OBJECT_ALREADY_EXISTS");
    a = FN(CreateClusterResource)(g, L"Role IP", L"IP Address", 0);
    b = FN(CreateClusterResource)(g, L"Role Service", L"Generic Service", SEPARATE_MONITOR);
    check(a != NULL && b != NULL, "CreateClusterResource x2 (one with CLUSTER_RESOURCE_SEPARATE_MONITOR)");
    if (a == NULL || b == NULL)
        return;
    cch = cch2 = 256;
    check(FN(GetClusterResourceState)(a, node, &cch, grp, &cch2) == ClusterResourceOffline &&
              wcscmp(grp, L"New Role") == 0,
          "  Offline, in New Role");
    check(count_of(c, CLUSTER_ENUM_RESOURCE) == resources + 2 && listed(c, CLUSTER_ENUM_RESOURCE, L"Role Service"),
          "  ClusterOpenEnum(RESOURCE) lists them, the count + 2");
    check(drain_v1(p1, CLUSTER_CHANGE_RESOURCE_ADDED, name) == 2 && wcscmp(name, L"Role Service") == 0,
          "  two CLUSTER_CHANGE_RESOURCE_ADDED events");
    check(FN(SetClusterResourceDependencyExpression)(b, L"[Role IP]") == 0, "Role Service depends on Role IP");

    /* Delete refusals */
    check(FN(DeleteClusterGroup)(g) == ERROR_DIR_NOT_EMPTY, "DeleteClusterGroup(a group with resources): ERROR_DIR_NOT_EMPTY");
    check(FN(DeleteClusterResource)(a) == ERROR_DEPENDENT_RESOURCE_EXISTS,
          "DeleteClusterResource(a resource another depends on): ERROR_DEPENDENT_RESOURCE_EXISTS");
    q = FN(OpenClusterResource)(c, L"Cluster Disk 1");
    check(q != NULL && FN(DeleteClusterResource)(q) == ERROR_CORE_RESOURCE,
          "DeleteClusterResource(the quorum resource): ERROR_CORE_RESOURCE");
    if (q)
        FN(CloseClusterResource)(q);
    fsr = FN(OpenClusterResource)(c, L"IP Address 10.0.0.60");
    check(fsr != NULL && FN(DeleteClusterResource)(fsr) == ERROR_INVALID_STATE,
          "DeleteClusterResource(an online resource): ERROR_INVALID_STATE");
    check(FN(DeleteClusterResource)(NULL) == ERROR_INVALID_HANDLE && FN(DeleteClusterGroup)(NULL) == ERROR_INVALID_HANDLE &&
              FN(DestroyClusterGroup)(NULL) == ERROR_INVALID_HANDLE,
          "Delete*/Destroy*(NULL): ERROR_INVALID_HANDLE");

    /* DeleteClusterResource, then DeleteClusterGroup of the empty group */
    check(FN(DeleteClusterResource)(b) == 0 && FN(DeleteClusterResource)(a) == 0,
          "DeleteClusterResource: the dependent, then its provider");
    check(drain_v1(p1, CLUSTER_CHANGE_RESOURCE_DELETED, name) == 2 && wcscmp(name, L"Role IP") == 0,
          "  two CLUSTER_CHANGE_RESOURCE_DELETED events");
    check(FN(DeleteClusterResource)(a) == ERROR_RESOURCE_NOT_FOUND &&
              FN(GetClusterResourceState)(a, NULL, NULL, NULL, NULL) == ClusterResourceStateUnknown &&
              last() == ERROR_RESOURCE_NOT_FOUND,
          "  its handle stays open and answers ERROR_RESOURCE_NOT_FOUND");
    check(count_of(c, CLUSTER_ENUM_RESOURCE) == resources, "  the resource count is back to %lu", (unsigned long)resources);
    check(FN(CloseClusterResource)(a) && FN(CloseClusterResource)(b), "  CloseClusterResource closes each");
    check(FN(DeleteClusterGroup)(g) == 0, "DeleteClusterGroup(the empty offline group): 0");
    check(drain_v1(p1, CLUSTER_CHANGE_GROUP_DELETED, name) == 1 && wcscmp(name, L"New Role") == 0,
          "  a CLUSTER_CHANGE_GROUP_DELETED event");
    check(FN(DeleteClusterGroup)(g) == ERROR_GROUP_NOT_FOUND && FN(GetClusterGroupState)(g, NULL, NULL) == -1 &&
              last() == ERROR_GROUP_NOT_FOUND,
          "  its handle answers ERROR_GROUP_NOT_FOUND");
    check(FN(CloseClusterGroup)(g) && !FN(CloseClusterGroup)(g) && last() == ERROR_INVALID_HANDLE,
          "  CloseClusterGroup: TRUE, then FALSE + ERROR_INVALID_HANDLE");

    /* DestroyClusterGroup: an online group with four resources */
    fs = FN(OpenClusterGroup)(c, L"FS01");
    check(fs != NULL && FN(DestroyClusterGroup)(fs) == 0, "DestroyClusterGroup(FS01, online, 4 resources): 0");
    check(drain_v1(p1, CLUSTER_CHANGE_RESOURCE_DELETED, name) == 4, "  four CLUSTER_CHANGE_RESOURCE_DELETED events");
    check(count_of(c, CLUSTER_ENUM_GROUP) == groups - 1 && !listed(c, CLUSTER_ENUM_GROUP, L"FS01") &&
              count_of(c, CLUSTER_ENUM_RESOURCE) == resources - 4,
          "  FS01 and its resources leave the enumerations");
    check(fsr != NULL && FN(GetClusterResourceState)(fsr, NULL, NULL, NULL, NULL) == ClusterResourceStateUnknown &&
              last() == ERROR_RESOURCE_NOT_FOUND,
          "  a handle to one of its resources answers ERROR_RESOURCE_NOT_FOUND");
    check(FN(DestroyClusterGroup)(fs) == ERROR_GROUP_NOT_FOUND, "  DestroyClusterGroup again: ERROR_GROUP_NOT_FOUND");
    if (fsr)
        FN(CloseClusterResource)(fsr);
    if (fs)
        FN(CloseClusterGroup)(fs);
    fs = FN(OpenClusterGroup)(c, L"Cluster Group");
    check(fs != NULL && FN(DestroyClusterGroup)(fs) == ERROR_CORE_RESOURCE,
          "DestroyClusterGroup(the quorum's group): ERROR_CORE_RESOURCE");
    if (fs)
        FN(CloseClusterGroup)(fs);

    FN(CloseClusterNotifyPort)(p1);
    if (p2)
        FN(CloseClusterNotifyPort)(p2);
    check(FN(CloseCluster)(c), "CloseCluster");
    err = open_handles(inst(), counts);
    for (k = 0; k < CS_KIND_COUNT; k++)
        total += counts[k];
    check(err == 0 && total == 0, "the DLL's open handles are back to 0 (%lu)", (unsigned long)total);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "full";
    int level = strcmp(mode, "2008") == 0 ? 2008 : 1;
    harness_begin(" (in a clusapi.dll export)");
    info("test_create_dll %s: Create/Delete/DestroyClusterGroup, Create/DeleteClusterResource through the "
         "simulated clusapi.dll, %d-bit", mode, (int)(sizeof(void *) * 8));
    dll = LoadLibraryExW(L"clusapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    check(dll != NULL, "LoadLibraryExW(clusapi.dll) from System32");
    if (dll != NULL) {
        int from_system32 = 0;
        harness_clusapi_module(&from_system32);
        check(from_system32, "it is System32's clusapi.dll");
        check(FN(CreateClusterGroup) != NULL && FN(DeleteClusterGroup) != NULL && FN(DestroyClusterGroup) != NULL &&
                  FN(CreateClusterResource) != NULL && FN(DeleteClusterResource) != NULL,
              "the five exports resolve by name (%s build)", mode);
        test_create(level);
        FreeLibrary(dll);
    }
    return harness_end();
}
