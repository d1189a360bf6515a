/*
 * tests/c/test_lifetime.c - lifetimes: deletion with handles open, CloseCluster
 * closing what came from it, release with handles open.
 */
#include "check.h"

/* ---- deletion with open handles ----------------------------------------------------------------------- */
/* A resource: dependency lists drop it, an enumeration opened before keeps its copy, the name
 * names a new object once added again (*rnamep: a handle to that one). */
static void delete_resource(cs_table *t, int id, HCLUSTER c, HRESOURCE *rnamep, HRESOURCE rip, HRESOURCE rvm,
                            HCLUSENUM e)
{
    HRESOURCE rname = *rnamep;
    HRESENUM re;
    WCHAR buf[64];
    DWORD cch;
    char s[512];

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
    *rnamep = rname;
}

/* A group takes its resources with it (e: the enumeration opened before, closed here). */
static void delete_group(cs_table *t, int id, HCLUSTER c, HGROUP core, HRESOURCE rip, HRESOURCE rname, HCLUSENUM e)
{
    char s[512];

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
}

/* A node: its interfaces go, its groups move to the first remaining node */
static void delete_node(cs_table *t, int id, HGROUP storage, HNODE n1, HNETINTERFACE nif1, HNETINTERFACE nif2)
{
    WCHAR buf[64];
    DWORD cch;

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
}

/* A network */
static void delete_network(cs_table *t, int id, HCLUSTER c, HNETWORK net1)
{
    HCLUSENUM e;
    WCHAR buf[64];
    DWORD cch;
    char s[512];

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
}

/* delete_after: the object goes after the N-th completed call */
static void delete_after(void)
{
    int id = make_sim();
    cs_table *t;
    HCLUSTER c;
    HGROUP core;
    HCLUSENUM e;
    WCHAR buf[64];
    DWORD cch, type;

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

void test_delete(void)
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
    delete_resource(t, id, c, &rname, rip, rvm, e);
    delete_group(t, id, c, core, rip, rname, e);
    delete_node(t, id, storage, n1, nif1, nif2);
    delete_network(t, id, c, net1);

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
    EQ(cs_sim_release(id), 0);
    delete_after();
}

/* ---- CloseCluster closes what was obtained from it --------------------------------------------------------- */
void test_close_cluster(void)
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

/* ---- release with handles still open ------------------------------------------------------------------------ */
void test_release(void)
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
