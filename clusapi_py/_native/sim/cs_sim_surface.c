/*
 * sim/cs_sim_surface.c - the simulator's side of clusapi.h functions
 * outside the backend table (CS_CLUSAPI_FUNCTIONS), which the simulated
 * clusapi.dll (tests/windows/simdll/simdll_more.c) exports: enumeration
 * counts, the cluster service's state on a node, the net interface
 * enumeration (resource types: cs_sim_types.c).  Local calls of the
 * real DLL (no round trip): no latency, no injected faults, not counted.
 * Declared in sim/cs_sim.h.
 */
#include "sim/cs_sim_int.h"

/* The enumeration kind a family's *OpenEnum* function hands out, or -1. */
static int enum_kind_of(int open_fn)
{
    switch (open_fn) {
    case CS_FN_ClusterOpenEnum: return HK_CLUSENUM;
    case CS_FN_ClusterOpenEnumEx: return HK_CLUSENUMEX;
    case CS_FN_ClusterNodeOpenEnum: return HK_NODEENUM;
    case CS_FN_ClusterGroupOpenEnum: return HK_GROUPENUM;
    case CS_FN_ClusterGroupOpenEnumEx: return HK_GROUPENUMEX;
    case CS_FN_ClusterResourceOpenEnum: return HK_RESENUM;
    case CS_FN_ClusterResourceOpenEnumEx: return HK_RESENUMEX;
    case CS_FN_ClusterNetworkOpenEnum: return HK_NETWORKENUM;
    case CS_SIM_RESTYPE_ENUM: return HK_RESTYPEENUM;
    case CS_SIM_NETIF_ENUM: return HK_NETIFENUM;
    default: return -1;
    }
}

DWORD cs_sim_surface_enum_count(uint64_t token, int open_fn, DWORD *count)
{
    int hk = enum_kind_of(open_fn);
    const sim_handle *h;
    DWORD err = 0;
    if (hk < 0 || count == NULL)
        return ERROR_INVALID_PARAMETER;
    cs_mutex_lock(&g_lock);
    h = sim_handle_lookup(token, hk);
    if (h == NULL)
        err = ERROR_INVALID_HANDLE;
    else
        *count = (DWORD)h->n_items;
    cs_mutex_unlock(&g_lock);
    return err;
}

DWORD cs_sim_surface_enum_read(uint64_t token, int open_fn, DWORD index, LPDWORD type, LPWSTR name, LPDWORD cch)
{
    int hk = enum_kind_of(open_fn);
    const sim_handle *h;
    DWORD err;
    if (hk != HK_RESTYPEENUM && hk != HK_NETIFENUM)
        return ERROR_INVALID_PARAMETER;
    cs_mutex_lock(&g_lock);
    h = sim_handle_lookup(token, hk);
    err = h == NULL ? (DWORD)ERROR_INVALID_HANDLE : sim_check_name_buffer(name, cch);
    if (!err && index >= h->n_items)
        err = ERROR_NO_MORE_ITEMS;
    if (!err) {
        const enum_item *it = &h->items[index];
        err = sim_put_name(sim_item_str(h, it, EI_NAME), it->len[EI_NAME], name, cch);
        if (!err && type != NULL)
            *type = it->type;
    }
    cs_mutex_unlock(&g_lock);
    return err;
}

DWORD cs_sim_surface_enum_close(uint64_t token, int open_fn)
{
    int hk = enum_kind_of(open_fn);
    sim_handle *h;
    DWORD err = 0;
    if (hk != HK_RESTYPEENUM && hk != HK_NETIFENUM)
        return ERROR_INVALID_PARAMETER;
    cs_mutex_lock(&g_lock);
    h = sim_handle_lookup(token, hk);
    if (h == NULL) {
        err = ERROR_INVALID_HANDLE;
    } else {
        sim *s = h->s;
        sim_handle_free(h);
        if (sim_unused(s))
            sim_free(s);
    }
    cs_mutex_unlock(&g_lock);
    return err;
}

DWORD cs_sim_surface_node_cluster_state(int sim_id, LPCWSTR node_name, DWORD *state)
{
    const sim_obj *node;
    DWORD err = 0;
    sim *s;
    if (state == NULL)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        node = node_name == NULL ? s->sets[CS_KIND_NODE].head
                                 : sim_set_find(&s->sets[CS_KIND_NODE], node_name, cs_wlen(node_name));
        if (node_name == NULL && node == NULL)
            *state = CS_NODE_CLUSTER_STATE_NOT_CONFIGURED;      /* no node: no cluster here */
        else if (node == NULL || node->deleted)
            err = RPC_S_SERVER_UNAVAILABLE;                     /* not a node of this cluster */
        else
            *state = node->state == ClusterNodeDown ? CS_NODE_CLUSTER_STATE_NOT_RUNNING
                                                    : CS_NODE_CLUSTER_STATE_RUNNING;
    }
    sim_control_end();
    return err;
}

DWORD cs_sim_surface_netif_open_enum(uint64_t cluster, LPCWSTR node_name, LPCWSTR network_name, uint64_t *token)
{
    sim_handle *h;
    const sim_obj *node = NULL, *network = NULL, *o;
    DWORD err = 0;
    if (token == NULL)
        return ERROR_INVALID_PARAMETER;
    cs_mutex_lock(&g_lock);
    h = sim_handle_lookup(cluster, HK_CLUSTER);
    if (h == NULL)
        err = ERROR_INVALID_HANDLE;
    if (!err && node_name != NULL && node_name[0] != 0 &&
        ((node = sim_set_find(&h->s->sets[CS_KIND_NODE], node_name, cs_wlen(node_name))) == NULL || node->deleted))
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err && network_name != NULL && network_name[0] != 0 &&
        ((network = sim_set_find(&h->s->sets[CS_KIND_NETWORK], network_name, cs_wlen(network_name))) == NULL ||
         network->deleted))
        err = ERROR_CLUSTER_NETWORK_NOT_FOUND;
    if (!err) {
        ebuild eb;
        sim_eb_init(&eb);
        for (o = h->s->sets[CS_KIND_NETINTERFACE].head; o; o = o->next)
            if (!o->deleted && (node == NULL || o->node == node) && (network == NULL || o->network == network))
                sim_eb_add(&eb, 0, o->state, &o->name, &o->id, NULL, NULL, NULL);
        err = sim_enum_handle(h->s, HK_NETIFENUM, h, &eb, token);
    }
    cs_mutex_unlock(&g_lock);
    return err;
}
