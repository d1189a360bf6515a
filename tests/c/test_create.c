/*
 * tests/c/test_create.c - creating and deleting groups and resources
 * (sim/cs_sim_create.c, the simulated clusapi.dll's Create/Delete/
 * DestroyClusterGroup and Create/DeleteClusterResource): states, owners,
 * ids, enumerations and counts, events on version-1 and version-2 ports,
 * handles of deleted objects, every refusal, handle counts back to zero.
 */
#include "check.h"

#define NEW_PORT ((HCHANGE)(intptr_t)-1)
#define TOK(h) ((uint64_t)(uintptr_t)(h))
#define CTL_GROUP_GET_ID 0x03000039u
#define CTL_RESOURCE_GET_ID 0x01000039u
#define CTL_RESOURCE_GET_TYPE 0x0100002Du
#define CTL_RESOURCE_GET_COMMON 0x01000059u

static HGROUP create_group(HCLUSTER c, const char *name, DWORD *err)
{
    uint64_t tok = 0;
    *err = cs_sim_surface_create_group(TOK(c), name ? W(name) : NULL, &tok);
    return (HGROUP)(uintptr_t)tok;
}

static HRESOURCE create_resource(HGROUP g, const char *name, const char *type, DWORD flags, DWORD *err)
{
    uint64_t tok = 0;
    *err = cs_sim_surface_create_resource(TOK(g), name ? W(name) : NULL, type ? W(type) : NULL, flags, &tok);
    return (HRESOURCE)(uintptr_t)tok;
}

/* The next version-2 event: its flag, and its object's name in `name` (0 when there is none). */
static LONGLONG next_v2(cs_table *t, HCHANGE p, char *name, size_t cap)
{
    NOTIFY_FILTER_AND_TYPE ft;
    DWORD_PTR key;
    BYTE buf[256];
    WCHAR oid[64], parent[64], wname[64], type[64];
    DWORD cb = sizeof(buf), c0 = 64, c1 = 64, c2 = 64, c3 = 64, i;
    if (t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, wname, &c2, type, &c3, 0) != 0)
        return 0;
    for (i = 0; i < c2 && i + 1 < cap; i++)
        name[i] = wname[i] < 128 ? (char)wname[i] : '?';
    name[i] = 0;
    return ft.FilterFlags;
}

/* The object id a Cluster*Control GET_ID returns, checked for the GUID form. */
static int guid_id(DWORD err, const WCHAR *id, DWORD cb)
{
    int i;
    if (err != 0 || cb != 37 * sizeof(WCHAR))
        return 0;
    for (i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        int hex = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f');
        if (dash ? id[i] != '-' : !hex)
            return 0;
    }
    return id[36] == 0;
}

/* A DWORD property's value in a property list (the name's entry, then the value's: syntax, size, data). */
static long dword_prop(const BYTE *list, DWORD n, const char *name)
{
    size_t len = strlen(name), nb = (len + 1) * 2, pad = (nb + 3) & ~(size_t)3, i, k;
    for (i = 0; i + nb + pad + 12 <= n; i += 2) {
        for (k = 0; k <= len; k++)
            if (((const WCHAR *)(list + i))[k] != (WCHAR)(k < len ? name[k] : 0))
                break;
        if (k > len) {
            DWORD v;
            memcpy(&v, list + i + pad + 8, 4);
            return (long)v;
        }
    }
    return -1;
}

static void create_groups(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c, ro;
    HCHANGE p2, p1;
    HGROUP g, g2;
    HCLUSENUM e;
    HGROUPENUMEX gx;
    NOTIFY_FILTER_AND_TYPE f[2];
    WCHAR node[64], gid[64];
    char names[512], ev[64];
    DWORD err, cch = 64, cb = 0, n = 0, filter = 0;
    DWORD_PTR key = 0;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RM, NULL);
    ro = t->fn.OpenClusterEx(NULL, RA, NULL);
    CHECK(c != NULL && ro != NULL);
    f[0].dwObjectType = CLUSTER_OBJECT_TYPE_CLUSTER;
    f[0].FilterFlags = CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2;
    f[1].dwObjectType = CLUSTER_OBJECT_TYPE_GROUP;
    f[1].FilterFlags = CLUSTER_CHANGE_GROUP_DELETED_V2 | CLUSTER_CHANGE_GROUP_STATE_V2;
    p2 = t->fn.CreateClusterNotifyPortV2(NEW_PORT, c, f, 2, 2);
    p1 = t->fn.CreateClusterNotifyPort(NEW_PORT, c, CLUSTER_CHANGE_GROUP_ADDED | CLUSTER_CHANGE_GROUP_DELETED, 1);
    CHECK(p2 != NULL && p1 != NULL);

    /* refusals: nothing created, no event */
    CHECK(create_group(NULL, "X", &err) == NULL);
    EQ(err, ERROR_INVALID_HANDLE);
    CHECK(create_group((HCLUSTER)(uintptr_t)0x5151, "X", &err) == NULL);
    EQ(err, ERROR_INVALID_HANDLE);
    CHECK(create_group(c, NULL, &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    CHECK(create_group(c, "", &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    EQ(cs_sim_surface_create_group(TOK(c), W("X"), NULL), ERROR_INVALID_PARAMETER);
    CHECK(create_group(ro, "X", &err) == NULL);
    EQ(err, ERROR_ACCESS_DENIED);
    CHECK(create_group(c, "cluster group", &err) == NULL);     /* another group's name, any case */
    EQ(err, ERROR_OBJECT_ALREADY_EXISTS);
    CHECK(create_group(c, "G-CORE", &err) == NULL);            /* another group's id */
    EQ(err, ERROR_OBJECT_ALREADY_EXISTS);
    EQ(next_v2(t, p2, ev, sizeof(ev)), 0);
    EQ(open_of_kind(id, CS_KIND_GROUP), 0);

    /* a new group: Offline, owned by the first Up node, a GUID id, in every enumeration */
    g = create_group(c, "New Role", &err);
    EQ(err, 0);
    CHECK(g != NULL);
    EQ(open_of_kind(id, CS_KIND_GROUP), 1);
    EQ(t->fn.GetClusterGroupState(g, node, &cch), ClusterGroupOffline);
    CHECK(weqa(node, "NODE1"));
    cb = sizeof(gid);
    err = t->fn.ClusterGroupControl(g, NULL, CTL_GROUP_GET_ID, NULL, 0, gid, cb, &cb);
    CHECK(guid_id(err, gid, cb));
    EQ(next_v2(t, p2, ev, sizeof(ev)), CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2);
    CHECK(strcmp(ev, "New Role") == 0);
    cch = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, node, &cch, 0), 0);
    EQ(filter, CLUSTER_CHANGE_GROUP_ADDED);
    CHECK(weqa(node, "New Role"));
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP);
    NAMES(t->fn.ClusterEnum, e, names, NULL);
    CHECK(strcmp(names, "Cluster Group|Available Storage|VM1|New Role") == 0);
    t->fn.ClusterCloseEnum(e);
    gx = t->fn.ClusterGroupOpenEnumEx(c, NULL, 0, NULL, 0, 0);
    EQ(cs_sim_surface_enum_count(TOK(gx), CS_FN_ClusterGroupOpenEnumEx, &n), 0);
    EQ(n, 4);
    t->fn.ClusterGroupCloseEnumEx(gx);
    g2 = t->fn.OpenClusterGroup(c, W("new role"));          /* opened by name like any other */
    CHECK(g2 != NULL);
    CHECK(create_group(c, "NEW ROLE", &err) == NULL);
    EQ(err, ERROR_OBJECT_ALREADY_EXISTS);

    /* no Up node: no owner */
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE1"), ClusterNodeDown), 0);
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE2"), ClusterNodePaused), 0);
    {
        HGROUP g3 = create_group(c, "Orphan", &err);
        EQ(err, 0);
        cch = 64;
        EQ(t->fn.GetClusterGroupState(g3, node, &cch), ClusterGroupOffline);
        EQ(cch, 0);
        EQ(cs_sim_surface_delete_group(TOK(g3), 0), 0);
        CHECK(t->fn.CloseClusterGroup(g3));
    }
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE1"), ClusterNodeUp), 0);
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE2"), ClusterNodeUp), 0);
    while (next_v2(t, p2, ev, sizeof(ev)) != 0)
        ;
    for (cch = 64; t->fn.GetClusterNotify(p1, &key, &filter, node, &cch, 0) == 0; cch = 64)
        ;

    /* DeleteClusterGroup: read-only handle, then the empty offline group goes; its handles say 5013 */
    {
        HGROUP rog = t->fn.OpenClusterGroupEx(ro, W("New Role"), RA, NULL);
        CHECK(rog != NULL);
        EQ(cs_sim_surface_delete_group(TOK(rog), 0), ERROR_ACCESS_DENIED);
        EQ(cs_sim_surface_delete_group(TOK(rog), 1), ERROR_ACCESS_DENIED);
        CHECK(t->fn.CloseClusterGroup(rog));
    }
    EQ(cs_sim_surface_delete_group(TOK(NULL), 0), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_delete_group(TOK(c), 0), ERROR_INVALID_HANDLE);      /* another kind's handle */
    EQ(cs_sim_surface_delete_group(TOK(g), 0), 0);
    EQ(next_v2(t, p2, ev, sizeof(ev)), CLUSTER_CHANGE_GROUP_DELETED_V2);
    CHECK(strcmp(ev, "New Role") == 0);
    cch = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, node, &cch, 0), 0);
    EQ(filter, CLUSTER_CHANGE_GROUP_DELETED);
    EQ(cs_sim_surface_delete_group(TOK(g), 0), ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_surface_delete_group(TOK(g2), 1), ERROR_GROUP_NOT_FOUND);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(g2, node, &cch), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_GROUP_NOT_FOUND);
    CHECK(t->fn.OpenClusterGroup(c, W("New Role")) == NULL);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP);
    NAMES(t->fn.ClusterEnum, e, names, NULL);
    CHECK(strcmp(names, "Cluster Group|Available Storage|VM1") == 0);
    t->fn.ClusterCloseEnum(e);
    EQ(open_of_kind(id, CS_KIND_GROUP), 2);                 /* deleting closes no handle */
    CHECK(t->fn.CloseClusterGroup(g));
    CHECK(t->fn.CloseClusterGroup(g2));
    CHECK(!t->fn.CloseClusterGroup(g));
    EQ(LASTERR(), ERROR_INVALID_HANDLE);

    /* the name is free again; an empty group that is not offline is refused, a non-empty one too */
    g = create_group(c, "New Role", &err);
    EQ(err, 0);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("New Role"), ClusterGroupOnline), 0);
    EQ(cs_sim_surface_delete_group(TOK(g), 0), ERROR_INVALID_STATE);
    g2 = t->fn.OpenClusterGroup(c, W("VM1"));
    EQ(cs_sim_surface_delete_group(TOK(g2), 0), ERROR_DIR_NOT_EMPTY);
    CHECK(t->fn.CloseClusterGroup(g2));
    g2 = t->fn.OpenClusterGroup(c, W("Available Storage"));     /* holds the quorum resource */
    EQ(cs_sim_surface_delete_group(TOK(g2), 0), ERROR_CORE_RESOURCE);
    EQ(cs_sim_surface_delete_group(TOK(g2), 1), ERROR_CORE_RESOURCE);
    CHECK(t->fn.CloseClusterGroup(g2));
    EQ(cs_sim_surface_delete_group(TOK(g), 1), 0);          /* Destroy takes an online empty group */
    CHECK(t->fn.CloseClusterGroup(g));
    /* a group being moved (its online resource going offline on the manual clock): DestroyClusterGroup
     * ends the move and deletes it; nothing of the move runs afterwards */
    EQ(cs_sim_set_manual_clock(id, 1), 0);
    g = create_group(c, "Moving", &err);
    g2 = t->fn.OpenClusterGroup(c, W("Moving"));
    {
        HNODE n2 = t->fn.OpenClusterNode(c, W("NODE2"));
        HRESOURCE r = create_resource(g, "Moving IP", "IP Address", 0, &err);
        EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Moving IP"), ClusterResourceOnline), 0);
        EQ(t->fn.MoveClusterGroup(g2, n2), ERROR_IO_PENDING);
        EQ(cs_sim_surface_delete_group(TOK(g), 0), ERROR_DIR_NOT_EMPTY);
        EQ(cs_sim_surface_delete_resource(TOK(r)), ERROR_INVALID_STATE);     /* going offline: an action under way */
        EQ(cs_sim_surface_delete_group(TOK(g), 1), 0);
        EQ(cs_sim_advance(id, 10.0), 0);
        EQ(t->fn.GetClusterResourceState(r, NULL, NULL, NULL, NULL), ClusterResourceStateUnknown);
        CHECK(t->fn.CloseClusterResource(r) && t->fn.CloseClusterNode(n2));
    }
    EQ(t->fn.GetClusterGroupState(g2, NULL, NULL), ClusterGroupStateUnknown);
    CHECK(t->fn.CloseClusterGroup(g) && t->fn.CloseClusterGroup(g2));

    CHECK(t->fn.CloseClusterNotifyPort(p1) && t->fn.CloseClusterNotifyPort(p2));
    CHECK(t->fn.CloseCluster(ro) && t->fn.CloseCluster(c));
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

static void create_resources(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HCHANGE p2, p1;
    HGROUP g;
    HRESOURCE a, b, q, ro;
    HRESENUMEX rx;
    NOTIFY_FILTER_AND_TYPE f[2];
    WCHAR node[64], grp[64], rid[64];
    BYTE list[4096];
    char names[512], ev[64];
    DWORD err, cch = 64, cch2 = 64, cb, n = 0, filter = 0;
    DWORD_PTR key = 0;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RM, NULL);
    g = create_group(c, "App", &err);
    EQ(err, 0);
    f[0].dwObjectType = CLUSTER_OBJECT_TYPE_GROUP;
    f[0].FilterFlags = CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2;
    f[1].dwObjectType = CLUSTER_OBJECT_TYPE_RESOURCE;
    f[1].FilterFlags = CLUSTER_CHANGE_RESOURCE_DELETED_V2 | CLUSTER_CHANGE_RESOURCE_STATE_V2;
    p2 = t->fn.CreateClusterNotifyPortV2(NEW_PORT, c, f, 2, 2);
    p1 = t->fn.CreateClusterNotifyPort(NEW_PORT, c, CLUSTER_CHANGE_RESOURCE_ADDED | CLUSTER_CHANGE_RESOURCE_DELETED,
                                       1);
    CHECK(p2 != NULL && p1 != NULL);

    /* refusals */
    CHECK(create_resource(NULL, "A", "IP Address", 0, &err) == NULL);
    EQ(err, ERROR_INVALID_HANDLE);
    CHECK(create_resource((HGROUP)c, "A", "IP Address", 0, &err) == NULL);
    EQ(err, ERROR_INVALID_HANDLE);
    CHECK(create_resource(g, NULL, "IP Address", 0, &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    CHECK(create_resource(g, "", "IP Address", 0, &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    CHECK(create_resource(g, "A", NULL, 0, &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    CHECK(create_resource(g, "A", "", 0, &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    CHECK(create_resource(g, "A", "IP Address", 2, &err) == NULL);
    EQ(err, ERROR_INVALID_PARAMETER);
    CHECK(create_resource(g, "A", "No Such Type", 0, &err) == NULL);
    EQ(err, ERROR_RESOURCE_TYPE_NOT_FOUND);
    CHECK(create_resource(g, "cluster ip address", "IP Address", 0, &err) == NULL);
    EQ(err, ERROR_OBJECT_ALREADY_EXISTS);
    CHECK(create_resource(g, "r-ip", "IP Address", 0, &err) == NULL);     /* another resource's id */
    EQ(err, ERROR_OBJECT_ALREADY_EXISTS);
    EQ(open_of_kind(id, CS_KIND_RESOURCE), 0);
    EQ(next_v2(t, p2, ev, sizeof(ev)), 0);
    {
        HGROUP rog = t->fn.OpenClusterGroupEx(c, W("App"), RA, NULL);
        CHECK(create_resource(rog, "A", "IP Address", 0, &err) == NULL);
        EQ(err, ERROR_ACCESS_DENIED);
        CHECK(t->fn.CloseClusterGroup(rog));
    }

    /* two resources: Offline in the group, the type as the cluster spells it, a GUID id, events */
    a = create_resource(g, "App IP", "ip address", 0, &err);
    EQ(err, 0);
    b = create_resource(g, "App Service", "Generic Service", 1, &err);
    EQ(err, 0);
    CHECK(a != NULL && b != NULL);
    EQ(open_of_kind(id, CS_KIND_RESOURCE), 2);
    EQ(t->fn.GetClusterResourceState(a, node, &cch, grp, &cch2), ClusterResourceOffline);
    CHECK(weqa(grp, "App") && weqa(node, "NODE1"));
    cb = sizeof(rid);
    EQ(t->fn.ClusterResourceControl(a, NULL, CTL_RESOURCE_GET_TYPE, NULL, 0, rid, cb, &cb), 0);
    CHECK(weqa(rid, "IP Address"));
    cb = sizeof(rid);
    err = t->fn.ClusterResourceControl(b, NULL, CTL_RESOURCE_GET_ID, NULL, 0, rid, cb, &cb);
    CHECK(guid_id(err, rid, cb));
    cb = sizeof(list);
    EQ(t->fn.ClusterResourceControl(b, NULL, CTL_RESOURCE_GET_COMMON, NULL, 0, list, cb, &cb), 0);
    EQ(dword_prop(list, cb, "SeparateMonitor"), 1);
    cb = sizeof(list);
    EQ(t->fn.ClusterResourceControl(a, NULL, CTL_RESOURCE_GET_COMMON, NULL, 0, list, cb, &cb), 0);
    EQ(dword_prop(list, cb, "SeparateMonitor"), 0);
    EQ(next_v2(t, p2, ev, sizeof(ev)), CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2);
    CHECK(strcmp(ev, "App IP") == 0);
    EQ(next_v2(t, p2, ev, sizeof(ev)), CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2);
    CHECK(strcmp(ev, "App Service") == 0);
    EQ(next_v2(t, p2, ev, sizeof(ev)), 0);
    cch = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, node, &cch, 0), 0);
    EQ(filter, CLUSTER_CHANGE_RESOURCE_ADDED);
    CHECK(weqa(node, "App IP"));
    {
        HGROUPENUM ge = t->fn.ClusterGroupOpenEnum(g, CLUSTER_GROUP_ENUM_CONTAINS);
        NAMES(t->fn.ClusterGroupEnum, ge, names, NULL);
        CHECK(strcmp(names, "App IP|App Service") == 0);
        t->fn.ClusterGroupCloseEnum(ge);
    }
    rx = t->fn.ClusterResourceOpenEnumEx(c, NULL, 0, NULL, 0, 0);
    EQ(cs_sim_surface_enum_count(TOK(rx), CS_FN_ClusterResourceOpenEnumEx, &n), 0);
    EQ(n, 6);
    t->fn.ClusterResourceCloseEnumEx(rx);
    CHECK(create_resource(g, "APP IP", "IP Address", 0, &err) == NULL);
    EQ(err, ERROR_OBJECT_ALREADY_EXISTS);

    /* an online group gaining an offline resource: partially online (its state derived again) */
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("App IP"), ClusterResourceOnline), 0);
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupPartialOnline);

    /* DeleteClusterResource: online -> 5023; a dependent -> 5001; quorum -> 5026; read-only -> 5 */
    EQ(t->fn.SetClusterResourceDependencyExpression(b, W("[App IP]")), 0);
    EQ(cs_sim_surface_delete_resource(TOK(a)), ERROR_INVALID_STATE);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("App IP"), ClusterResourceOffline), 0);
    EQ(cs_sim_surface_delete_resource(TOK(a)), ERROR_DEPENDENT_RESOURCE_EXISTS);
    q = t->fn.OpenClusterResource(c, W("Cluster Disk 1"));
    EQ(cs_sim_surface_delete_resource(TOK(q)), ERROR_CORE_RESOURCE);
    CHECK(t->fn.CloseClusterResource(q));
    ro = t->fn.OpenClusterResourceEx(c, W("App IP"), RA, NULL);
    EQ(cs_sim_surface_delete_resource(TOK(ro)), ERROR_ACCESS_DENIED);
    EQ(cs_sim_surface_delete_resource(TOK(NULL)), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_delete_resource(TOK(g)), ERROR_INVALID_HANDLE);
    while (next_v2(t, p2, ev, sizeof(ev)) != 0)
        ;
    /* the dependent goes (Failed is deletable too), then its provider; the provider's handles say 5007 */
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("App Service"), ClusterResourceFailed), 0);
    while (next_v2(t, p2, ev, sizeof(ev)) != 0)
        ;
    EQ(cs_sim_surface_delete_resource(TOK(b)), 0);
    EQ(next_v2(t, p2, ev, sizeof(ev)), CLUSTER_CHANGE_RESOURCE_DELETED_V2);
    CHECK(strcmp(ev, "App Service") == 0);
    cch = 64;
    while (t->fn.GetClusterNotify(p1, &key, &filter, node, &cch, 0) == 0 && filter != CLUSTER_CHANGE_RESOURCE_DELETED)
        cch = 64;
    EQ(filter, CLUSTER_CHANGE_RESOURCE_DELETED);
    CHECK(weqa(node, "App Service"));
    cch = 64;
    EQ(t->fn.GetClusterResourceDependencyExpression(a, node, &cch), 0);
    EQ(cch, 0);
    EQ(cs_sim_surface_delete_resource(TOK(a)), 0);
    EQ(cs_sim_surface_delete_resource(TOK(a)), ERROR_RESOURCE_NOT_FOUND);
    EQ(cs_sim_surface_delete_resource(TOK(ro)), ERROR_RESOURCE_NOT_FOUND);
    cch = cch2 = 64;
    EQ(t->fn.GetClusterResourceState(a, node, &cch, grp, &cch2), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    CHECK(t->fn.OpenClusterResource(c, W("App IP")) == NULL);
    EQ(open_of_kind(id, CS_KIND_RESOURCE), 3);
    CHECK(t->fn.CloseClusterResource(a) && t->fn.CloseClusterResource(b) && t->fn.CloseClusterResource(ro));
    EQ(open_of_kind(id, CS_KIND_RESOURCE), 0);
    /* the group is empty again: DeleteClusterGroup takes it */
    EQ(cs_sim_surface_delete_group(TOK(g), 0), 0);
    CHECK(t->fn.CloseClusterGroup(g));

    /* a resource handle from a group handle belongs to the same cluster handle: CloseCluster closes it */
    g = create_group(c, "Second", &err);
    a = create_resource(g, "Second IP", "IP Address", 0, &err);
    EQ(err, 0);
    CHECK(t->fn.CloseClusterNotifyPort(p1) && t->fn.CloseClusterNotifyPort(p2));
    CHECK(t->fn.CloseCluster(c));
    EQ(total_open(id), 0);
    EQ(cs_sim_surface_delete_resource(TOK(a)), ERROR_INVALID_HANDLE);
    EQ(cs_sim_release(id), 0);
}

static void destroy_group(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HCHANGE p2;
    HGROUP g;
    HRESOURCE a, b, held;
    NOTIFY_FILTER_AND_TYPE f[3];
    char ev[64], seq[512];
    LONGLONG flag;
    DWORD err;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RM, NULL);
    g = create_group(c, "Doomed", &err);
    a = create_resource(g, "Doomed Disk", "Physical Disk", 0, &err);
    b = create_resource(g, "Doomed App", "Generic Service", 0, &err);
    EQ(err, 0);
    EQ(t->fn.SetClusterResourceDependencyExpression(b, W("[Doomed Disk]")), 0);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Doomed Disk"), ClusterResourceOnline), 0);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Doomed App"), ClusterResourceOnline), 0);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("Doomed"), ClusterGroupOnline), 0);
    held = t->fn.OpenClusterResource(c, W("Doomed App"));
    CHECK(held != NULL);
    EQ(cs_sim_surface_delete_group(TOK(g), 0), ERROR_DIR_NOT_EMPTY);
    f[0].dwObjectType = CLUSTER_OBJECT_TYPE_RESOURCE;
    f[0].FilterFlags = CLUSTER_CHANGE_RESOURCE_DELETED_V2 | CLUSTER_CHANGE_RESOURCE_STATE_V2;
    f[1].dwObjectType = CLUSTER_OBJECT_TYPE_GROUP;
    f[1].FilterFlags = CLUSTER_CHANGE_GROUP_DELETED_V2 | CLUSTER_CHANGE_GROUP_STATE_V2;
    f[2].dwObjectType = CLUSTER_OBJECT_TYPE_CLUSTER;
    f[2].FilterFlags = CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2;
    p2 = t->fn.CreateClusterNotifyPortV2(NEW_PORT, c, f, 3, 2);
    CHECK(p2 != NULL);
    /* online resources: offline (the dependent first), deleted, then the group */
    EQ(cs_sim_surface_delete_group(TOK(g), 1), 0);
    seq[0] = 0;
    while ((flag = next_v2(t, p2, ev, sizeof(ev))) != 0) {
        const char *what = flag == CLUSTER_CHANGE_RESOURCE_STATE_V2 ? "state" :
                           flag == CLUSTER_CHANGE_RESOURCE_DELETED_V2 ? "deleted" :
                           flag == CLUSTER_CHANGE_GROUP_STATE_V2 ? "gstate" :
                           flag == CLUSTER_CHANGE_GROUP_DELETED_V2 ? "gdeleted" : "?";
        snprintf(seq + strlen(seq), sizeof(seq) - strlen(seq), "%s %s|", what, ev);
    }
    CHECK(strcmp(seq, "state Doomed App|state Doomed Disk|gstate Doomed|deleted Doomed Disk|deleted Doomed App|"
                      "gdeleted Doomed|") == 0);
    if (strcmp(seq, "state Doomed App|state Doomed Disk|gstate Doomed|deleted Doomed Disk|deleted Doomed App|"
                    "gdeleted Doomed|") != 0)
        printf("  events: %s\n", seq);
    EQ(t->fn.GetClusterResourceState(held, NULL, NULL, NULL, NULL), ClusterResourceStateUnknown);
    EQ(LASTERR(), ERROR_RESOURCE_NOT_FOUND);
    EQ(t->fn.GetClusterGroupState(g, NULL, NULL), ClusterGroupStateUnknown);
    EQ(LASTERR(), ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_surface_delete_group(TOK(g), 1), ERROR_GROUP_NOT_FOUND);
    CHECK(create_resource(g, "Late", "Physical Disk", 0, &err) == NULL);
    EQ(err, ERROR_GROUP_NOT_FOUND);
    CHECK(t->fn.OpenClusterGroup(c, W("Doomed")) == NULL);
    CHECK(t->fn.CloseClusterResource(held) && t->fn.CloseClusterResource(a) && t->fn.CloseClusterResource(b));
    CHECK(t->fn.CloseClusterGroup(g));
    CHECK(t->fn.CloseClusterNotifyPort(p2));
    CHECK(t->fn.CloseCluster(c));
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* Refusals found in review: a destroy that would orphan a dependent in another group; the
 * surface's calls through a cluster opened by name while the connection is broken; a pending
 * cs_sim_delete_after() of a destroyed group that must not delete its namesake. */
static void review_refusals(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c, named;
    HGROUP a, b, x;
    HRESOURCE ra, rb;
    HCHANGE port;
    uint64_t key = 0, tok = 1;
    DWORD_PTR nkey;
    DWORD err, filter, cch;
    WCHAR name[64];
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RM, NULL);
    a = create_group(c, "Provider Role", &err);
    b = create_group(c, "Consumer Role", &err);
    ra = create_resource(a, "Provider Disk", "Physical Disk", 0, &err);
    EQ(err, 0);
    /* SetClusterResourceDependencyExpression keeps dependencies inside a group (87); a
     * topology may link groups (the control API), and a destroy must not orphan the link */
    EQ(t->fn.SetClusterResourceDependencyExpression(ra, W("[Cluster Name]")), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_resource(id, W("Consumer App"), W("consumer-app"), W("Generic Service"), W("Consumer Role"),
                           ClusterResourceOffline, MSZ("Provider Disk\0"), NULL), 0);
    rb = t->fn.OpenClusterResource(c, W("Consumer App"));
    CHECK(rb != NULL);
    EQ(cs_sim_surface_delete_group(TOK(a), 1), ERROR_DEPENDENT_RESOURCE_EXISTS);
    EQ(t->fn.GetClusterResourceState(ra, NULL, NULL, NULL, NULL), ClusterResourceOffline);     /* untouched */
    EQ(cs_sim_surface_delete_group(TOK(b), 1), 0);      /* the dependent's own group may go */
    EQ(cs_sim_surface_delete_group(TOK(a), 1), 0);      /* then the provider's */
    /* a pending deletion of "Phoenix" goes with it: its namesake created later stays */
    x = create_group(c, "Phoenix", &err);
    EQ(cs_sim_delete_after(id, CS_FN_GetClusterGroupState, 1, CS_KIND_GROUP, W("Phoenix")), 0);
    EQ(cs_sim_surface_delete_group(TOK(x), 1), 0);
    CHECK(t->fn.CloseClusterGroup(x));
    x = create_group(c, "Phoenix", &err);
    EQ(err, 0);
    EQ(t->fn.GetClusterGroupState(x, NULL, NULL), ClusterGroupOffline);
    EQ(t->fn.GetClusterGroupState(x, NULL, NULL), ClusterGroupOffline);
    /* a broken connection: the calls through a named open fail as RPCs do, the LPC handle's work */
    named = t->fn.OpenClusterEx(W("TESTCLUSTER"), RM, NULL);
    CHECK(named != NULL);
    port = t->fn.CreateClusterNotifyPort(NEW_PORT, named, CLUSTER_CHANGE_GROUP_STATE, 0);
    CHECK(port != NULL);
    EQ(cs_sim_break_connection(id, 0.3), 0);
    CHECK(create_group(named, "Unreachable", &err) == NULL);
    EQ(err, RPC_S_SERVER_UNAVAILABLE);
    EQ(cs_sim_surface_reg_key(TOK(named), CS_KIND_CLUSTER, &key), RPC_S_SERVER_UNAVAILABLE);
    EQ(cs_sim_surface_reg_key(TOK(c), CS_KIND_CLUSTER, &key), 0);
    EQ(cs_sim_surface_reg_close(key), 0);
    tok = 1;
    EQ(cs_sim_surface_create_group(TOK(c), W("Reachable"), &tok), 0);
    CHECK(t->fn.CloseClusterGroup((HGROUP)(uintptr_t)tok));
    cch = 64;                          /* the break's end: the port's RECONNECT */
    EQ(t->fn.GetClusterNotify(port, &nkey, &filter, name, &cch, 5000), 0);
    EQ(filter, CLUSTER_CHANGE_CLUSTER_RECONNECT);
    tok = 1;
    EQ(cs_sim_surface_create_group(TOK(named), W("Reachable again"), &tok), 0);
    CHECK(t->fn.CloseClusterGroup((HGROUP)(uintptr_t)tok));
    CHECK(t->fn.CloseClusterNotifyPort(port));
    CHECK(t->fn.CloseClusterGroup(x) && t->fn.CloseClusterGroup(a) && t->fn.CloseClusterGroup(b));
    CHECK(t->fn.CloseClusterResource(ra) && t->fn.CloseClusterResource(rb));
    CHECK(t->fn.CloseCluster(named) && t->fn.CloseCluster(c));
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

void test_create(void)
{
    create_groups();
    create_resources();
    destroy_group();
    review_refusals();
}
