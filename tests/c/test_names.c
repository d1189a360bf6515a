/*
 * tests/c/test_names.c - names: non-ASCII names and case folding; a large
 * cluster (fast lookups, order kept after deletes).
 */
#include "check.h"

/* ---- non-ASCII names ------------------------------------------------------------------------------------- */
void test_unicode(void)
{
    /* "Nöde-Ω😀" with the emoji as a surrogate pair, and its case variants */
    static const WCHAR node[] = { 0x004E, 0x00F6, 0x0064, 0x0065, 0x002D, 0x03A9, 0xD83D, 0xDE00, 0 };
    static const WCHAR node_upper[] = { 0x004E, 0x00D6, 0x0044, 0x0045, 0x002D, 0x03A9, 0xD83D, 0xDE00, 0 };
    static const WCHAR node_lower[] = { 0x006E, 0x00F6, 0x0064, 0x0065, 0x002D, 0x03C9, 0xD83D, 0xDE00, 0 };
    static const WCHAR node_other_emoji[] = { 0x004E, 0x00F6, 0x0064, 0x0065, 0x002D, 0x03A9, 0xD83D, 0xDE01, 0 };
    /* Cyrillic "Группа-Ё" / "группа-ё" */
    static const WCHAR group[] = { 0x0413, 0x0440, 0x0443, 0x043F, 0x043F, 0x0430, 0x002D, 0x0401, 0 };
    static const WCHAR group_lower[] = { 0x0433, 0x0440, 0x0443, 0x043F, 0x043F, 0x0430, 0x002D, 0x0451, 0 };
    /* a lone surrogate and the multiplication sign (not folded to the division sign) */
    static const WCHAR odd[] = { 0x0048, 0xD800, 0x00D7, 0 };
    static const WCHAR odd_fold[] = { 0x0068, 0xD800, 0x00F7, 0 };
    static const WCHAR id_w[] = { 0x0048, 0xD83D, 0xDE00, 0 };
    int id = 0;
    cs_table *t;
    HCLUSTER c;
    HNODE n;
    HGROUP g;
    HCLUSENUMEX ex;
    WCHAR buf[64];
    DWORD cch;
    EQ(cs_sim_create(&id), 0);
    t = table_of(id);
    EQ(cs_sim_set_cluster(id, node_upper, NULL, 1, 0, 1, NULL, NULL, 0, 0, 0), 0);
    EQ(cs_sim_add_node(id, node, id_w, ClusterNodeUp), 0);
    EQ(cs_sim_add_node(id, node_lower, W("2"), ClusterNodeUp), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_add_node(id, odd, W("3"), ClusterNodeUp), 0);
    EQ(cs_sim_add_group(id, group, W("g"), ClusterGroupOnline, node_upper, NULL), 0);
    EQ(cs_sim_add_group(id, group_lower, W("g2"), ClusterGroupOnline, NULL, NULL), ERROR_ALREADY_EXISTS);
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(node_lower);  /* by node name, folded */
    CHECK(c != NULL);
    n = t->fn.OpenClusterNode(c, node_upper);
    CHECK(n != NULL);
    CHECK(t->fn.OpenClusterNode(c, node_other_emoji) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK(t->fn.OpenClusterNode(c, odd_fold) == NULL);
    EQ(LASTERR(), ERROR_CLUSTER_NODE_NOT_FOUND);
    g = t->fn.OpenClusterGroup(c, group_lower);
    CHECK(g != NULL);
    cch = 64;
    EQ(t->fn.GetClusterGroupState(g, buf, &cch), ClusterGroupOnline);
    CHECK(weq(buf, node));              /* the stored spelling, unchanged */
    EQ(cch, 8);
    cch = 8;
    EQ(t->fn.GetClusterGroupState(g, buf, &cch), ClusterGroupStateUnknown);
    EQ(cch, 8);
    cch = 64;
    EQ(t->fn.GetClusterNodeId(n, buf, &cch), 0);
    CHECK(weq(buf, id_w));
    EQ(cch, 3);
    cch = 64;
    EQ(t->fn.GetClusterInformation(c, buf, &cch, NULL), 0);
    CHECK(weq(buf, node_upper));
    ex = t->fn.ClusterOpenEnumEx(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP, NULL);
    {
        union { CLUSTER_ENUM_ITEM item; BYTE bytes[512]; } u;
        DWORD cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 0, &u.item, &cb), 0);
        CHECK(weq(u.item.lpszName, node));
        CHECK(weq(u.item.lpszId, id_w));
        EQ(u.item.cbName, 18);
        EQ(u.item.cbId, 8);
        cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 1, &u.item, &cb), 0);
        CHECK(weq(u.item.lpszName, odd));
        cb = sizeof(u);
        EQ(t->fn.ClusterEnumEx(ex, 2, &u.item, &cb), 0);
        CHECK(weq(u.item.lpszName, group));
        EQ(u.item.dwType, CLUSTER_ENUM_GROUP);
    }
    EQ(t->fn.ClusterCloseEnumEx(ex), 0);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, group_lower), 0);
    EQ(cs_sim_delete(id, CS_KIND_NODE, node_lower), 0);
    CHECK(t->fn.OpenClusterNode(c, node) == NULL);
    EQ(t->fn.CloseClusterGroup(g), TRUE);
    EQ(t->fn.CloseClusterNode(n), TRUE);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(cs_sim_release(id), 0);
}

/* ---- a large cluster: name lookups stay fast, deletes keep the order --------------------------------------- */
void test_big(void)
{
    enum { N_NODES = 16, N_GROUPS = 3000, PER_GROUP = 3 };
    int id = 0, i, j, missing = 0, bad_state = 0;
    char name[64];
    cs_table *t;
    HCLUSTER c;
    HCLUSENUM e;
    WCHAR buf[64];
    DWORD cch, type;
    uint32_t err = 0;
    double t0, dt;
    EQ(cs_sim_create(&id), 0);
    t = table_of(id);
    err |= cs_sim_add_resource_type(id, W("Virtual Machine"));     /* a resource's type must be listed */
    for (i = 0; i < N_NODES; i++) {
        sprintf(name, "HV%02d", i + 1);
        err |= cs_sim_add_node(id, W(name), W(name + 2), ClusterNodeUp);
    }
    t0 = now_s();
    for (i = 0; i < N_GROUPS; i++) {
        char owner[16];
        sprintf(name, "VM-%05d", i);
        sprintf(owner, "hv%02d", i % N_NODES + 1);
        err |= cs_sim_add_group(id, W(name), W(name), ClusterGroupOnline, W(owner), NULL);
        for (j = 0; j < PER_GROUP; j++) {
            char res[64];
            sprintf(res, "VM-%05d-R%d", i, j);
            err |= cs_sim_add_resource(id, W(res), W(res), W("Virtual Machine"), W(name), ClusterResourceOnline,
                                       j ? MSZ("") : NULL, NULL);
        }
    }
    EQ(err, 0);
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenCluster(NULL);
    for (i = 0; i < N_GROUPS * PER_GROUP; i++) {
        HRESOURCE r;
        sprintf(name, "vm-%05d-r%d", i / PER_GROUP, i % PER_GROUP);
        r = t->fn.OpenClusterResourceEx(c, W(name), RA, NULL);
        if (r == NULL) {
            missing++;
            continue;
        }
        cch = 64;
        if (t->fn.GetClusterResourceState(r, buf, &cch, NULL, NULL) != ClusterResourceOnline)
            bad_state++;
        t->fn.CloseClusterResource(r);
    }
    dt = now_s() - t0;
    EQ(missing, 0);
    EQ(bad_state, 0);
    CHECK(dt < 60.0);
    /* delete every other group: the rest keep their order */
    for (i = 0; i < N_GROUPS; i += 2) {
        sprintf(name, "VM-%05d", i);
        err |= cs_sim_delete(id, CS_KIND_GROUP, W(name));
    }
    EQ(err, 0);
    e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE);
    for (i = 0;; i++) {
        cch = 64;
        if (t->fn.ClusterEnum(e, (DWORD)i, &type, buf, &cch) != 0)
            break;
        if (i == 0)
            CHECK(weqa(buf, "VM-00001-R0"));
        if (i == (N_GROUPS / 2) * PER_GROUP)
            CHECK(weqa(buf, "VM-00001"));
        if (i == (N_GROUPS / 2) * PER_GROUP + 1)
            CHECK(weqa(buf, "VM-00003"));
    }
    EQ(i, (N_GROUPS / 2) * (PER_GROUP + 1));
    EQ(t->fn.ClusterCloseEnum(e), 0);
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}
