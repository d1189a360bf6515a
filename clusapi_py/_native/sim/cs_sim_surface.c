/*
 * sim/cs_sim_surface.c - the simulator's side of clusapi.h functions
 * outside the backend table (CS_CLUSAPI_FUNCTIONS), which the simulated
 * clusapi.dll (tests/windows/simdll/simdll_more.c) exports: enumeration
 * counts and the cluster service's state on a node (resource types:
 * cs_sim_types.c).  Local calls of the
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
