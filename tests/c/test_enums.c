/*
 * tests/c/test_enums.c - enumerations: OpenEnum, Enum and EnumEx, the copy
 * taken at open, buffer sizes.
 */
#include "check.h"

/* ClusterOpenEnum's flags, ClusterEnum's items and types, its buffer edges, a filtered enumeration */
static void cluster_enum(cs_table *t, HCLUSTER c)
{
    HCLUSENUM e;
    char s[1024];
    DWORD types[32], cch, type;
    WCHAR buf[64];

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
}

/* ClusterEnumEx: the item, then its strings, in the caller's buffer */
static void cluster_enum_ex(cs_table *t, HCLUSTER c)
{
    HCLUSENUMEX ex;
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
}

static void node_enum(cs_table *t, HNODE n1)
{
    char s[1024];
    DWORD types[32];
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

static void group_enum(cs_table *t, HGROUP core)
{
    char s[1024];
    DWORD types[32];
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

static void resource_enum(cs_table *t, HRESOURCE rname, HRESOURCE rip)
{
    char s[1024];
    DWORD types[32];
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

static void network_enum(cs_table *t, HNETWORK net1)
{
    char s[1024];
    DWORD types[32];
    HNETWORKENUM we = t->fn.ClusterNetworkOpenEnum(net1, CLUSTER_NETWORK_ENUM_NETINTERFACES);
    NAMES(t->fn.ClusterNetworkEnum, we, s, types);
    CHECK(strcmp(s, "NODE1 - Ethernet|NODE2 - Ethernet") == 0);
    EQ(types[1], CLUSTER_NETWORK_ENUM_NETINTERFACES);
    EQ(t->fn.ClusterNetworkCloseEnum(we), 0);
    CHECK(t->fn.ClusterNetworkOpenEnum(net1, 2) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
}

/* ClusterGroupEnumEx: every group's item, its sizes; no property lists unless asked */
static void group_enum_ex(cs_table *t, HCLUSTER c)
{
    DWORD i;
    CHECK(t->fn.ClusterGroupOpenEnumEx(c, NULL, 0, NULL, 0, 1) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    {
        HGROUPENUMEX gx = t->fn.ClusterGroupOpenEnumEx(c, NULL, 0, NULL, 0, 0);  /* no property lists asked: none returned */
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
}

/* ClusterResourceEnumEx: an item with its group's name and id */
static void resource_enum_ex(cs_table *t, HCLUSTER c)
{
    CHECK(t->fn.ClusterResourceOpenEnumEx(c, NULL, 0, NULL, 0, 2) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    {
        HRESENUMEX rx = t->fn.ClusterResourceOpenEnumEx(c, NULL, 0, NULL, 0, 0);
        union { CLUSTER_RESOURCE_ENUM_ITEM item; BYTE bytes[512]; } u;
        DWORD cb = 0, need = (DWORD)(sizeof(CLUSTER_RESOURCE_ENUM_ITEM) + 2 * (13 + 7 + 14 + 7));
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
}

void test_enums(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HNODE n1;
    HGROUP core;
    HRESOURCE rname, rip;
    HNETWORK net1;
    if (t == NULL)
        return;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    cluster_enum(t, c);
    cluster_enum_ex(t, c);

    /* node, group, resource and network enumerations */
    n1 = t->fn.OpenClusterNode(c, W("NODE1"));
    core = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    rname = t->fn.OpenClusterResource(c, W("Cluster Name"));
    rip = t->fn.OpenClusterResource(c, W("Cluster IP Address"));
    net1 = t->fn.OpenClusterNetwork(c, W("Cluster Network 1"));
    CHECK(n1 && core && rname && rip && net1);
    node_enum(t, n1);
    group_enum(t, core);
    resource_enum(t, rname, rip);
    network_enum(t, net1);

    /* ClusterGroupEnumEx / ClusterResourceEnumEx */
    group_enum_ex(t, c);
    resource_enum_ex(t, c);
    EQ(t->fn.CloseClusterNode(n1), TRUE);
    EQ(t->fn.CloseClusterGroup(core), TRUE);
    EQ(t->fn.CloseClusterResource(rname), TRUE);
    EQ(t->fn.CloseClusterResource(rip), TRUE);
    EQ(t->fn.CloseClusterNetwork(net1), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}
