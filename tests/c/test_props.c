/*
 * tests/c/test_props.c - the simulator's properties through its backend
 * table: Cluster*Control buffer protocol and codes, the property lists of
 * the bulk enumerations, the control API, version hiding.  The lists are
 * walked here in C (an independent reader of the simulator's writer).
 */
#include "check.h"

static uint32_t rd32(const BYTE *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Walks a property list: the count of properties, -1 when malformed; the
 * DWORD value of `want` (if found) in *value. */
static long walk(const BYTE *p, size_t cb, const char *want, uint32_t *value, uint32_t *syntax)
{
    size_t pos = 4;
    uint32_t n, i;
    if (cb < 4)
        return -1;
    n = rd32(p);
    for (i = 0; i < n; i++) {
        uint32_t ncb, vcb, vsyn;
        if (pos + 8 > cb || rd32(p + pos) != CLUSPROP_SYNTAX_NAME)
            return -1;
        ncb = rd32(p + pos + 4);
        if (ncb < 2 || ncb % 2 || pos + 8 + ncb > cb)
            return -1;
        if (want && weqa((const WCHAR *)(const void *)(p + pos + 8), want)) {
            vsyn = rd32(p + pos + 8 + ((ncb + 3) & ~3u));
            if (syntax)
                *syntax = vsyn;
            if (value)
                *value = rd32(p + pos + 8 + ((ncb + 3) & ~3u) + 8);
        }
        pos += 8 + ((ncb + 3) & ~3u);
        if (pos + 8 > cb)
            return -1;
        vcb = rd32(p + pos + 4);
        pos += 8 + ((vcb + 3) & ~3u);
        if (pos + 4 > cb || rd32(p + pos) != 0)
            return -1;
        pos += 4;
    }
    return pos == cb ? (long)n : -1;
}

/* What the Cluster*Control reads fill in (one buffer for every test below). */
static BYTE buf[65536];

/* Cluster*Control: the buffer protocol, an empty private list, codes refused, group and cluster reads */
static void control_codes(cs_table *t, HCLUSTER c, HNODE n1, HGROUP g)
{
    DWORD ret = 0, need;
    uint32_t v = 0, syn = 0;

    /* the buffer protocol: the size needed, nothing written to a short buffer */
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_NODE_GET_COMMON_PROPERTIES, NULL, 0, NULL, 0, &ret), ERROR_MORE_DATA);
    need = ret;
    CHECK(need > 4 && need % 4 == 0);
    memset(buf, 0x55, sizeof(buf));
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_NODE_GET_COMMON_PROPERTIES, NULL, 0, buf, need - 1, &ret),
       ERROR_MORE_DATA);
    EQ(ret, need);
    EQ(buf[0], 0x55);
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_NODE_GET_COMMON_PROPERTIES, NULL, 0, buf, need, &ret), 0);
    EQ(ret, need);
    CHECK(walk(buf, need, "NodeWeight", &v, &syn) >= 3);
    EQ(v, 1);
    EQ(syn, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret), 0);
    CHECK(walk(buf, ret, "DynamicWeight", &v, NULL) > 0);
    /* private: an empty list is a count of 0 */
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_NODE_GET_PRIVATE_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret), 0);
    EQ(ret, 4);
    EQ(walk(buf, ret, NULL, NULL, NULL), 0);
    /* another object's code, an unknown code, a forged host node */
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret),
       ERROR_INVALID_FUNCTION);
    EQ(t->fn.ClusterNodeControl(n1, NULL, 0x04000FFD, NULL, 0, buf, sizeof(buf), &ret), ERROR_INVALID_FUNCTION);
    EQ(t->fn.ClusterGroupControl(g, (HNODE)c, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret),
       ERROR_INVALID_HANDLE);
    EQ(t->fn.ClusterNodeControl((HNODE)g, NULL, CLUSCTL_NODE_GET_COMMON_PROPERTIES, NULL, 0, buf, 64, &ret),
       ERROR_INVALID_HANDLE);
    /* group: failure info, last move time; cluster */
    EQ(t->fn.ClusterGroupControl(g, NULL, CLUSCTL_GROUP_GET_FAILURE_INFO, NULL, 0, buf, sizeof(buf), &ret), 0);
    EQ(ret, 12);
    EQ(rd32(buf), 1);
    EQ(t->fn.ClusterGroupControl(g, NULL, CLUSCTL_GROUP_GET_LAST_MOVE_TIME, NULL, 0, buf, sizeof(buf), &ret), 0);
    EQ(ret, 8);
    EQ(t->fn.ClusterControl(c, NULL, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret), 0);
    CHECK(walk(buf, ret, "SameSubnetThreshold", &v, NULL) > 60);
    EQ(v, 10);
}

/* The control API: a value set, then hidden defaults */
static void control_api(cs_table *t, int id, HCLUSTER c, HNODE n1)
{
    DWORD ret = 0, need;
    uint32_t v = 0;
    BYTE seven[4] = { 7, 0, 0, 0 }, odd[4] = { 7, 0, 7, 0 };
    EQ(cs_sim_set_property(id, CS_KIND_NODE, W("NODE1"), W("NodeWeight"), 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
                           seven, 4), 0);
    EQ(cs_sim_set_property(id, CS_KIND_NODE, W("NODE1"), W("Bad"), 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, seven, 3),
       ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_property(id, CS_KIND_NODE, W("NODE1"), W("Bad"), 0, CLUSPROP_SYNTAX_LIST_VALUE_SZ, odd, 4),
       ERROR_INVALID_PARAMETER);          /* not NUL-terminated */
    EQ(cs_sim_set_property(id, CS_KIND_NODE, W("NOPE"), W("X"), 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, seven, 4),
       ERROR_CLUSTER_NODE_NOT_FOUND);
    EQ(cs_sim_set_property(id, 9, W("NODE1"), W("X"), 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, seven, 4),
       ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_property(id, CS_KIND_NODE, W("NODE1"), W("X"), 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, NULL, 4),
       ERROR_INVALID_PARAMETER);
    EQ(t->fn.ClusterNodeControl(n1, NULL, CLUSCTL_NODE_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret), 0);
    CHECK(walk(buf, ret, "NodeWeight", &v, NULL) >= 3);
    EQ(v, 7);
    EQ(t->fn.ClusterControl(c, NULL, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret), 0);
    need = (DWORD)walk(buf, ret, NULL, NULL, NULL);
    EQ(cs_sim_set_version(id, 10, 0, 14393), 0);
    EQ(t->fn.ClusterControl(c, NULL, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret), 0);
    CHECK(walk(buf, ret, NULL, NULL, NULL) < (long)need);
    EQ(cs_sim_set_version(id + 1000, 10, 0, 14393), ERROR_INVALID_PARAMETER);
}

/* The bulk enumerations' property lists */
static void bulk_property_lists(cs_table *t, HCLUSTER c)
{
    DWORD need;
    uint32_t v = 0;
    union { CLUSTER_GROUP_ENUM_ITEM item; BYTE bytes[16384]; } u;
    HGROUPENUMEX gx = t->fn.ClusterGroupOpenEnumEx(c, MSZ("*\0"), 6, MSZ("*\0"), 6, 0);
    DWORD cb = 0;
    CHECK(gx != NULL);
    EQ(t->fn.ClusterGroupEnumEx(gx, 0, NULL, &cb), ERROR_MORE_DATA);
    CHECK(cb > 1000);
    need = cb;
    EQ(t->fn.ClusterGroupEnumEx(gx, 0, &u.item, &cb), 0);
    EQ(cb, need);
    CHECK(u.item.pProperties != NULL && u.item.pRoProperties != NULL);
    CHECK((BYTE *)u.item.pProperties >= u.bytes && (BYTE *)u.item.pProperties + u.item.cbProperties <= u.bytes + cb);
    EQ(((uintptr_t)u.item.pProperties) % 4, 0);
    CHECK(walk((BYTE *)u.item.pProperties, u.item.cbProperties, "Priority", &v, NULL) > 5);
    EQ(v, 2000);
    CHECK(walk((BYTE *)u.item.pRoProperties, u.item.cbRoProperties, NULL, NULL, NULL) >= 1);
    EQ(t->fn.ClusterGroupCloseEnumEx(gx), 0);
    /* named properties only; the read-only list not asked */
    gx = t->fn.ClusterGroupOpenEnumEx(c, MSZ("Priority\0name\0"), 30, NULL, 0, 0);
    CHECK(gx != NULL);
    cb = sizeof(u);
    EQ(t->fn.ClusterGroupEnumEx(gx, 1, &u.item, &cb), 0);
    EQ(walk((BYTE *)u.item.pProperties, u.item.cbProperties, "Name", NULL, NULL), 2);
    CHECK(u.item.pRoProperties == NULL && u.item.cbRoProperties == 0);
    EQ(t->fn.ClusterGroupCloseEnumEx(gx), 0);
    /* a list whose final empty string is left out: read within its byte count */
    gx = t->fn.ClusterGroupOpenEnumEx(c, MSZ("Priority\0"), 18, NULL, 0, 0);
    CHECK(gx != NULL);
    cb = sizeof(u);
    EQ(t->fn.ClusterGroupEnumEx(gx, 0, &u.item, &cb), 0);
    EQ(walk((BYTE *)u.item.pProperties, u.item.cbProperties, "Priority", &v, NULL), 1);
    EQ(t->fn.ClusterGroupCloseEnumEx(gx), 0);
    /* a name no group has; malformed lists */
    CHECK(t->fn.ClusterGroupOpenEnumEx(c, MSZ("NoSuchProperty\0"), 32, NULL, 0, 0) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterGroupOpenEnumEx(c, MSZ("*\0"), 5, NULL, 0, 0) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterGroupOpenEnumEx(c, NULL, 8, NULL, 0, 0) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.ClusterResourceOpenEnumEx(c, W("Type"), 8, NULL, 0, 0) == NULL);   /* no final NUL */
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    {
        union { CLUSTER_RESOURCE_ENUM_ITEM item; BYTE bytes[16384]; } r;
        HRESENUMEX rx = t->fn.ClusterResourceOpenEnumEx(c, NULL, 0, MSZ("Type\0"), 12, 0);
        CHECK(rx != NULL);
        cb = sizeof(r);
        EQ(t->fn.ClusterResourceEnumEx(rx, 0, &r.item, &cb), 0);
        EQ(walk((BYTE *)r.item.pRoProperties, r.item.cbRoProperties, NULL, NULL, NULL), 1);
        CHECK(r.item.pProperties == NULL);
        EQ(t->fn.ClusterResourceCloseEnumEx(rx), 0);
    }
}

/* Cluster Shared Volumes: the enumeration and the storage codes */
static void shared_volumes(cs_table *t, int id, HCLUSTER c)
{
    DWORD ret = 0;
    HRESOURCE disk = t->fn.OpenClusterResource(c, W("Cluster Disk 1"));
    HCLUSENUM e;
    DWORD type = 0, cch = 64;
    WCHAR name[64];
    CHECK(disk != NULL);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Disk 1"), ClusterResourceOnline), 0);
    EQ(t->fn.ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO, NULL, 0, buf,
                                    sizeof(buf), &ret), ERROR_INVALID_FUNCTION);
    EQ(cs_sim_set_shared_volume(id, W("Cluster Disk 1"), W("C:\\ClusterStorage\\Volume1"), W("vol"), W("Data"), 2, 1000, 1001, 0, 0),
       ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_shared_volume(id, W("Cluster Disk 1"), W("C:\\ClusterStorage\\Volume1"), W("vol"), W("Data"), 2, 1000, 10, 16, 0),
       ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_shared_volume(id, W("Nope"), W("C:\\X"), W("vol"), W("Data"), 2, 1000, 10, 0, 0), ERROR_RESOURCE_NOT_FOUND);
    EQ(cs_sim_set_shared_volume(id, W("Cluster Disk 1"), W("C:\\ClusterStorage\\Volume1"), W("vol"), W("Data"), 2, 1000, 10, 1, 0), 0);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE);
    CHECK(e != NULL);
    EQ(t->fn.ClusterEnum(e, 0, &type, name, &cch), 0);
    CHECK(weqa(name, "Cluster Disk 1"));
    EQ(type, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE);
    cch = 64;
    EQ(t->fn.ClusterEnum(e, 1, &type, name, &cch), ERROR_NO_MORE_ITEMS);
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO, NULL, 0, buf,
                                    sizeof(buf), &ret), 0);
    EQ(ret, 8 + 640 + 4);
    EQ(rd32(buf), CLUSPROP_SYNTAX_LIST_VALUE_BINARY);
    EQ(rd32(buf + 4), 640);
    EQ(rd32(buf + 8 + 12), 1);                      /* FaultState: NoDirectIO */
    CHECK(weqa((const WCHAR *)(const void *)(buf + 8 + 20), "C:\\ClusterStorage\\Volume1"));
    EQ(t->fn.ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, NULL, 0, buf,
                                    sizeof(buf), &ret), 0);
    EQ(ret, 8 + 1160 + 4);
    EQ(rd32(buf), CLUSPROP_SYNTAX_PARTITION_INFO_EX);
    EQ(rd32(buf + 8 + 1120), 1000);                 /* TotalSizeInBytes (low DWORD) */
    EQ(rd32(buf + 8 + 1128), 10);
    CHECK(weqa((const WCHAR *)(const void *)(buf + 8 + 524), "Data"));   /* szVolumeLabel */
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Disk 1"), ClusterResourceOffline), 0);
    EQ(t->fn.ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO, NULL, 0, buf,
                                    sizeof(buf), &ret), ERROR_RESOURCE_NOT_ONLINE);
    t->fn.CloseClusterResource(disk);
}

/* A deleted object */
static void deleted_object(cs_table *t, int id, HCLUSTER c)
{
    DWORD ret = 0;
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("VM1")), 0);
    {
        HGROUP vm = t->fn.OpenClusterGroup(c, W("Available Storage"));
        EQ(cs_sim_set_quorum(id, W(""), W(""), 0), 0);    /* it holds the quorum disk, a core resource */
        EQ(cs_sim_delete(id, CS_KIND_GROUP, W("Available Storage")), 0);
        EQ(t->fn.ClusterGroupControl(vm, NULL, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, NULL, 0, buf, sizeof(buf), &ret),
           ERROR_GROUP_NOT_FOUND);
        t->fn.CloseClusterGroup(vm);
    }
}

void test_props(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HNODE n1;
    HGROUP g;
    cs_sim_bind_thread(id);
    c = t->fn.OpenCluster(NULL);
    n1 = t->fn.OpenClusterNode(c, W("NODE1"));
    g = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    CHECK(c && n1 && g);
    control_codes(t, c, n1, g);
    control_api(t, id, c, n1);
    bulk_property_lists(t, c);
    shared_volumes(t, id, c);
    deleted_object(t, id, c);
    t->fn.CloseClusterGroup(g);
    t->fn.CloseClusterNode(n1);
    t->fn.CloseCluster(c);
    EQ(cs_sim_release(id), 0);
}
