/*
 * tests/c/test_opens.c - OpenCluster, OpenClusterEx and the object opens:
 * names, access rights; closed, stale, forged and wrong-kind handles.
 */
#include "check.h"

/* ---- opening and access ---------------------------------------------------------------------- */
/* The access matrix: OpenClusterEx and every Open*Ex, under each rights setting */
static void access_matrix(cs_table *t, int id, HCLUSTER c2)
{
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
}

/* The plain opens: OpenCluster asks GENERIC_ALL, the object opens need read; the granted pointer
 * of the *Ex opens is optional */
static void plain_opens(cs_table *t, int id, HCLUSTER c2)
{
    HCLUSTER c;
    HGROUP g;
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
}

/* Named cluster opens: the cluster's names and aliases, its nodes that are up */
static void named_opens(cs_table *t, int id)
{
    HCLUSTER c;
    DWORD granted;
    size_t i;
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

/* Object opens: not found, bad names */
static void object_open_errors(cs_table *t, HCLUSTER c2)
{
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
}

void test_opens(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c2;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);

    /* the access matrix: OpenClusterEx and every Open*Ex */
    c2 = t->fn.OpenCluster(NULL);
    CHECK(c2 != NULL);
    access_matrix(t, id, c2);
    plain_opens(t, id, c2);
    named_opens(t, id);
    object_open_errors(t, c2);

    EQ(t->fn.CloseCluster(c2), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* ---- handle validation --------------------------------------------------------------------------- */
void test_bad_handles(void)
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
