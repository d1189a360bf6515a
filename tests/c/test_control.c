/*
 * tests/c/test_control.c - the control API: building a cluster, and the
 * checks of every cs_sim_* argument.
 */
#include "check.h"
#include <string.h>

/* ---- control API ------------------------------------------------------------------------ */
/* The simulator's backend: its kind and id, its table (every entry point
 * but the *Ex2 ones, hidden by default), its lookup */
static int is_ex2(int i)
{
    const char *name = cs_function_name(i);
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, "Ex2") == 0;
}

static void backend_of(int id, cs_backend *b)
{
    int i;
    EQ(b->kind, CS_BACKEND_SIM);
    EQ(b->id, id);
    CHECK(b->bind != NULL && b->last_error != NULL);
    for (i = 0; i < CS_FN_COUNT; i++) {
        if (cs_sim_entry_point(i) == NULL)
            break;
        if (is_ex2(i) ? b->table.slot[i] != NULL : b->table.slot[i] != cs_sim_entry_point(i))
            break;
    }
    EQ(i, CS_FN_COUNT);
    CHECK(cs_sim_entry_point(-1) == NULL);
    CHECK(cs_sim_entry_point(CS_FN_COUNT) == NULL);
    CHECK(cs_sim_backend(CS_SYSTEM_BACKEND) == NULL);
    CHECK(cs_sim_backend(0) == NULL);
    CHECK(cs_sim_backend(60000) == NULL);
    CHECK(cs_backend_by_id(id) == b);
}

/* Objects the model refuses: duplicates, missing references, bad names and states */
static void refused_objects(int id)
{
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
}

/* Changes and knobs refused on a good sim id; the knobs' values read back */
static void refused_changes(int id)
{
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
}

/* An invalid sim id: every control function refuses */
static void invalid_sim_id(void)
{
    uint32_t counts[CS_KIND_COUNT];
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

void test_control(void)
{
    int id = make_sim();
    cs_backend *b = cs_sim_backend(id);
    CHECK(b != NULL);
    if (b == NULL)
        return;
    backend_of(id, b);
    refused_objects(id);
    refused_changes(id);
    invalid_sim_id();
    EQ(cs_sim_release(id), 0);
    CHECK(cs_sim_backend(id) == NULL);
    EQ(cs_sim_release(id), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_add_node(id, W("n"), W("1"), 0), ERROR_INVALID_PARAMETER);
}

/* ---- a group's state follows its resources (sim_group_state, cs_sim_mutate.c) ----------------- */
static int group_state(cs_table *t, HCLUSTER c, const char *name)
{
    HGROUP g = t->fn.OpenClusterGroup(c, W(name));
    int state = (int)t->fn.GetClusterGroupState(g, NULL, NULL);
    t->fn.CloseClusterGroup(g);
    return state;
}

void test_group_state(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RA, NULL);
    CHECK(c != NULL);
    /* "Cluster Group": Cluster IP Address Online, Cluster Name OnlinePending; made Online */
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupOnline);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceOnline), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupOnline);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster IP Address"), ClusterResourceOffline), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupPartialOnline);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster IP Address"), ClusterResourceOfflinePending), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupPending);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceFailed), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupFailed);          /* failed over pending */
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceInitializing), 0);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster IP Address"), ClusterResourceOffline), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupOffline);         /* none online */
    EQ(cs_testing_sim_set_any_state(id, CS_KIND_RESOURCE, W("Cluster Name"), 77), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupOffline);         /* an unknown state: not online */
    /* the group's own state is forced, consistent or not, until a resource changes */
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("Cluster Group"), ClusterGroupOnline), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupOnline);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceOnline), 0);
    EQ(group_state(t, c, "Cluster Group"), ClusterGroupPartialOnline);
    /* a group without resources keeps its state */
    EQ(cs_sim_add_group(id, W("Empty"), W("g-empty"), ClusterGroupPending, NULL, NULL), 0);
    EQ(cs_sim_set_quorum(id, W(""), W(""), 0), 0);     /* the quorum resource cannot be deleted */
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("Cluster Disk 1")), 0);
    EQ(group_state(t, c, "Empty"), ClusterGroupPending);
    EQ(group_state(t, c, "Available Storage"), ClusterGroupOffline);
    t->fn.CloseCluster(c);
    EQ(total_open(id), 0);
}

/* ---- what a real cluster refuses (issue 23 item 12) ---------------------------------------- */
void test_refusals(void)
{
    int id = make_sim();
    uint32_t before[CS_KIND_COUNT];
    /* The quorum resource ("Cluster Disk 1", in "Available Storage") is a core resource: neither it nor
     * its group can be deleted, and nothing is. */
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("Cluster Disk 1")), ERROR_CORE_RESOURCE);
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("cluster disk 1")), ERROR_CORE_RESOURCE);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("AVAILABLE STORAGE")), ERROR_CORE_RESOURCE);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Disk 1"), ClusterResourceOffline), 0);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("Available Storage"), ClusterGroupOffline), 0);
    /* once another resource is the quorum, both can go */
    EQ(cs_sim_set_quorum(id, W("Cluster Name"), W(""), 0), 0);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("Cluster Group")), ERROR_CORE_RESOURCE);
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("Cluster Disk 1")), 0);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("Available Storage")), 0);
    /* a cluster without a quorum resource refuses nothing for it */
    EQ(cs_sim_set_quorum(id, W(""), W(""), 0), 0);
    EQ(cs_sim_delete(id, CS_KIND_RESOURCE, W("VM1 Service")), 0);

    /* a resource of a type the cluster does not list: refused as CreateClusterResource does */
    EQ(cs_sim_open_handles(id, before), 0);
    EQ(cs_sim_add_resource(id, W("R-new"), W("x"), W("No Such Type"), W("VM1"), ClusterResourceOnline, NULL, NULL),
       ERROR_RESOURCE_TYPE_NOT_FOUND);
    EQ(cs_sim_add_resource(id, W("R-new"), W("x"), W("generic service"), W("VM1"), ClusterResourceOnline, NULL,
                           NULL), 0);
    EQ(cs_sim_add_resource_type(id, W("No Such Type")), 0);
    EQ(cs_sim_add_resource(id, W("R-new-2"), W("y"), W("NO SUCH TYPE"), W("VM1"), ClusterResourceOnline, NULL,
                           NULL), 0);

    /* only a Physical Disk can be a Cluster Shared Volume */
    EQ(cs_sim_set_shared_volume(id, W("Cluster Name"), W("C:\\ClusterStorage\\Volume1"), W("vol"), NULL, 2, 1000, 10, 0, 0),
       ERROR_INVALID_FUNCTION);
    EQ(cs_sim_set_shared_volume(id, W("R-new"), W("C:\\ClusterStorage\\Volume1"), W("vol"), NULL, 2, 1000, 10, 0, 0),
       ERROR_INVALID_FUNCTION);
    EQ(cs_sim_add_resource(id, W("Disk 9"), W("z"), W("physical disk"), W("VM1"), ClusterResourceOnline, NULL,
                           NULL), 0);
    EQ(cs_sim_set_shared_volume(id, W("Disk 9"), W("C:\\ClusterStorage\\Volume1"), W("vol"), NULL, 2, 1000, 10, 0, 0), 0);
    EQ(cs_sim_release(id), 0);
}
