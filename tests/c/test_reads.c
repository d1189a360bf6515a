/*
 * tests/c/test_reads.c - cluster-level reads (GetClusterInformation, the
 * quorum, GetClusterNetInterface); states, ids and control codes.
 */
#include "check.h"

/* ---- cluster-level reads ---------------------------------------------------------------------------- */
void test_cluster_info(void)
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
/* ---- states, ids, control codes ---------------------------------------------------------------------- */
/* Group state and owner: buffer sizes, an unowned group, moves */
static void group_state_and_owner(cs_table *t, int id, HGROUP core, HGROUP vm1)
{
    WCHAR buf[64];
    DWORD cch;
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
}

/* Resource state: owner node (its group's) and group */
static void resource_state(cs_table *t, int id, HRESOURCE rname)
{
    WCHAR buf[64], buf2[64];
    DWORD cch, cch2;
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
}

/* Node and network ids */
static void ids(cs_table *t, HNODE n3, HNETWORK net2)
{
    WCHAR buf[64];
    DWORD cch;
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
}

/* GetClusterNetInterface */
static void net_interface_of(cs_table *t, HCLUSTER c)
{
    WCHAR buf[64];
    DWORD cch;
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
}

/* CLUSCTL_*_GET_ID: bytes, NUL included */
static void get_id_controls(cs_table *t, HNODE n1, HGROUP core, HRESOURCE rdisk)
{
    WCHAR buf[64];
    DWORD ret;
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
}

void test_states(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HNODE n1, n3;
    HGROUP core, vm1;
    HRESOURCE rname, rdisk;
    HNETWORK net2;
    HNETINTERFACE nif2;
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
    group_state_and_owner(t, id, core, vm1);
    resource_state(t, id, rname);
    ids(t, n3, net2);
    net_interface_of(t, c);
    get_id_controls(t, n1, core, rdisk);

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
