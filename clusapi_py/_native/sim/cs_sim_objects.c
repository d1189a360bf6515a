/*
 * sim/cs_sim_objects.c - calls on nodes, groups, resources, networks and
 * net interfaces: the generic open / close / state / id / control that the
 * generated entry points forward to (cs_sim_entry.c), and the entry points
 * with a shape of their own: GetClusterGroupState,
 * GetClusterResourceState, GetClusterNetInterface.
 */
#include "sim/cs_sim_int.h"
#include <string.h>

static const WCHAR empty_w[1] = { 0 };

uint64_t sim_open_object(int fn, uint64_t cluster, int kind, LPCWSTR name, int ex, DWORD desired,
                         LPDWORD granted_out)
{
    call c;
    DWORD granted = ACCESS_ALL;
    sim_handle *h = NULL;
    sim_obj *o = NULL;
    uint64_t token = 0;
    DWORD err = sim_begin(&c, fn, cluster, HK_CLUSTER);
    if (!err && cs_wempty(name))
        err = ERROR_INVALID_PARAMETER;
    if (!err && ex)
        err = sim_access_valid(desired);
    if (!err) {
        if (ex)
            err = sim_access_grant(c.s, desired, &granted);
        else if (c.s->rights == CS_RIGHTS_NONE)
            err = ERROR_ACCESS_DENIED;
    }
    if (!err) {
        o = sim_set_find(&c.s->sets[kind], name, cs_wlen(name));
        if (o == NULL)
            err = sim_not_found(kind);
    }
    if (!err)
        err = sim_handle_new(c.s, kind, o, c.h, &h);
    if (!err) {
        token = h->token;
        /* The plain open gets what the principal may have. */
        h->granted = ex ? granted : (c.s->rights == CS_RIGHTS_ALL ? ACCESS_ALL : ACCESS_READ);
    }
    if (sim_end(&c, err))
        return 0;
    if (ex && granted_out)
        *granted_out = granted;
    return token;
}

DWORD sim_close_handle(int fn, uint64_t token, int hk)
{
    call c;
    DWORD err = sim_begin(&c, fn, token, hk);
    if (c.h != NULL) {          /* entered, with or without an injected fault */
        sim_handle_free(c.h);
        c.h = NULL;
    }
    return sim_end(&c, err);
}

int sim_object_state(int fn, uint64_t token, int hk)
{
    call c;
    int state = -1;
    DWORD err = sim_begin(&c, fn, token, hk);
    if (!err && c.h->obj->deleted)
        err = sim_not_found(hk);
    if (!err)
        state = c.h->obj->state;
    return sim_end(&c, err) ? -1 : state;
}

DWORD sim_object_id(int fn, uint64_t token, int hk, LPWSTR buf, LPDWORD cch)
{
    call c;
    const sim_obj *o;
    DWORD err = sim_begin(&c, fn, token, (token == 0 && hk == HK_NODE) ? HK_BOUND : hk);
    if (!err)
        err = sim_check_name_buffer(buf, cch);
    if (!err) {
        o = c.h ? c.h->obj : c.s->sets[CS_KIND_NODE].head;
        if (o == NULL || o->deleted)
            err = sim_not_found(hk);
        else
            err = sim_put_name(o->id.p, o->id.n, buf, cch);
    }
    return sim_end(&c, err);
}

/* The name of a group's owner node ("" for none). */
static const WCHAR *owner_name(const sim_obj *group, size_t *n)
{
    if (group == NULL || group->node == NULL) {
        *n = 0;
        return empty_w;
    }
    *n = group->node->name.n;
    return group->node->name.p;
}

CLUSTER_GROUP_STATE WINAPI sim_GetClusterGroupState(HGROUP hGroup, LPWSTR lpszNodeName, LPDWORD lpcchNodeName)
{
    call c;
    int state = -1;
    DWORD err = sim_begin(&c, CS_FN_GetClusterGroupState, TOKEN_OF(hGroup), HK_GROUP);
    if (!err)
        err = sim_check_optional_buffer(lpszNodeName, lpcchNodeName);
    if (!err && c.h->obj->deleted)
        err = ERROR_GROUP_NOT_FOUND;
    if (!err && lpcchNodeName != NULL) {
        size_t n;
        const WCHAR *owner = owner_name(c.h->obj, &n);
        err = sim_put_name(owner, n, lpszNodeName, lpcchNodeName);
    }
    if (!err)
        state = c.h->obj->state;
    if (sim_end(&c, err))
        return ClusterGroupStateUnknown;
    return (CLUSTER_GROUP_STATE)state;
}

CLUSTER_RESOURCE_STATE WINAPI sim_GetClusterResourceState(HRESOURCE hResource, LPWSTR lpszNodeName,
                                                          LPDWORD lpcchNodeName, LPWSTR lpszGroupName,
                                                          LPDWORD lpcchGroupName)
{
    call c;
    int state = -1;
    DWORD err = sim_begin(&c, CS_FN_GetClusterResourceState, TOKEN_OF(hResource), HK_RESOURCE);
    if (!err)
        err = sim_check_optional_buffer(lpszNodeName, lpcchNodeName);
    if (!err)
        err = sim_check_optional_buffer(lpszGroupName, lpcchGroupName);
    if (!err && c.h->obj->deleted)
        err = ERROR_RESOURCE_NOT_FOUND;
    if (!err) {
        const sim_obj *r = c.h->obj;
        size_t n_node;
        const WCHAR *node = owner_name(r->group, &n_node);
        const wstr *group = &r->group->name;
        if ((lpcchNodeName && !sim_name_fits(n_node, lpcchNodeName)) ||
            (lpcchGroupName && !sim_name_fits(group->n, lpcchGroupName))) {
            if (lpcchNodeName)
                *lpcchNodeName = (DWORD)n_node;
            if (lpcchGroupName)
                *lpcchGroupName = (DWORD)group->n;
            err = ERROR_MORE_DATA;
        } else {
            if (lpcchNodeName)
                sim_name_write(node, n_node, lpszNodeName, lpcchNodeName);
            if (lpcchGroupName)
                sim_name_write(group->p, group->n, lpszGroupName, lpcchGroupName);
            state = r->state;
        }
    }
    if (sim_end(&c, err))
        return ClusterResourceStateUnknown;
    return (CLUSTER_RESOURCE_STATE)state;
}

DWORD WINAPI sim_GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                        LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName)
{
    call c;
    DWORD err = sim_begin(&c, CS_FN_GetClusterNetInterface, TOKEN_OF(hCluster), HK_CLUSTER);
    if (!err && (cs_wempty(lpszNodeName) || cs_wempty(lpszNetworkName)))
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = sim_check_name_buffer(lpszInterfaceName, lpcchInterfaceName);
    if (!err) {
        const objset *sets = c.s->sets;
        const sim_obj *node = sim_set_find(&sets[CS_KIND_NODE], lpszNodeName, cs_wlen(lpszNodeName));
        const sim_obj *net = sim_set_find(&sets[CS_KIND_NETWORK], lpszNetworkName, cs_wlen(lpszNetworkName));
        const sim_obj *x = NULL;
        if (node == NULL) {
            err = ERROR_CLUSTER_NODE_NOT_FOUND;
        } else if (net == NULL) {
            err = ERROR_CLUSTER_NETWORK_NOT_FOUND;
        } else {
            for (x = sets[CS_KIND_NETINTERFACE].head; x; x = x->next)
                if (x->node == node && x->network == net)
                    break;
            if (x == NULL)
                err = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
            else
                err = sim_put_name(x->name.p, x->name.n, lpszInterfaceName, lpcchInterfaceName);
        }
    }
    return sim_end(&c, err);
}
