/*
 * tests/c/fixture.c - see fixture.h.
 */
#include "fixture.h"

int make_nodes_sim(const char *cluster, const char *type, const int *node_states, int n)
{
    int id = 0, i;
    uint32_t e = 0;
    EQ(cs_sim_create(&id), 0);
    e |= cs_sim_set_cluster(id, W(cluster), NULL, 10, 0, 20348, W("v"), W(""), 1, 1, 0);
    e |= cs_sim_add_resource_type(id, W(type));
    for (i = 0; i < n; i++) {
        char name[24], nid[16];
        snprintf(name, sizeof(name), "NODE%d", i + 1);
        snprintf(nid, sizeof(nid), "%d", i + 1);
        e |= cs_sim_add_node(id, W(name), W(nid), node_states[i]);
    }
    EQ(e, 0);
    return id;
}

int group_state(cs_table *t, HCLUSTER c, const char *group, char *owner, size_t cap)
{
    HGROUP g = t->fn.OpenClusterGroup(c, W(group));
    WCHAR buf[64];
    DWORD cch = 64, i;
    int s = (int)t->fn.GetClusterGroupState(g, buf, &cch);
    t->fn.CloseClusterGroup(g);
    if (owner && cap) {
        for (i = 0; s != -1 && i < cch && i < 63 && i + 1 < cap; i++)    /* a failed read: "" */
            owner[i] = (char)buf[i];
        owner[i] = 0;
    }
    return s;
}
