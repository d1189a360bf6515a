/*
 * sim/cs_sim_topology.c - the control API that builds and changes the
 * simulated cluster (declared in api/cs_shim.h, described in sim/cs_sim.h):
 * the cluster's name and version, the quorum, resource types, nodes,
 * networks, net interfaces, groups, resources; deleting, states, moves,
 * deletions scheduled after N calls.
 *
 * Every change goes through the model's choke point (sim_model_insert,
 * sim_model_set_state, sim_model_set_owner, sim_obj_delete), which posts
 * its events.
 *
 * Each function checks its arguments and copies what it can without the
 * lock, then works between one sim_control_begin() and one sim_control_end(),
 * and frees whatever it prepared and did not hand over.
 */
#include "sim/cs_sim_int.h"
#include "api/cs_testing.h"
#include <stdlib.h>
#include <string.h>

/* Parses a multi_sz into fresh strings; 0, or ERROR_NOT_ENOUGH_MEMORY. */
static DWORD parse_names(const WCHAR *msz, wstr **out, size_t *count)
{
    const WCHAR *p;
    size_t n = 0, i = 0;
    wstr *v;
    *out = NULL;
    *count = 0;
    if (msz == NULL)
        return 0;
    for (p = msz; *p; p = cs_msz_next(p))
        n++;
    if (n == 0)
        return 0;
    v = (wstr *)calloc(n, sizeof(wstr));
    if (v == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (p = msz; *p; p = cs_msz_next(p), i++) {
        if (sim_w_set(&v[i], p) != 0) {
            while (i > 0)
                sim_w_free(&v[--i]);
            free(v);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    *out = v;
    *count = n;
    return 0;
}

static void free_names(wstr *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        sim_w_free(&v[i]);
    free(v);
}

/* Resolves a multi_sz of names of one kind into a list of objects (no
 * duplicates); the kind's not-found code for a missing one.  g_lock held. */
static DWORD resolve_names(sim *s, int kind, const WCHAR *msz, objvec *out)
{
    const WCHAR *p;
    memset(out, 0, sizeof(*out));
    if (msz == NULL)
        return 0;
    for (p = msz; *p; p = cs_msz_next(p)) {
        sim_obj *o = sim_set_find(&s->sets[kind], p, cs_wlen(p));
        if (o == NULL) {
            sim_vec_free(out);
            return sim_not_found(kind);
        }
        if (!sim_vec_has(out, o) && sim_vec_push(out, o) != 0) {
            sim_vec_free(out);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    return 0;
}

/* The object of that kind and name (NULL or "" name: none), or NULL. */
static sim_obj *find(sim *s, int kind, const WCHAR *name)
{
    return cs_wempty(name) ? NULL : sim_set_find(&s->sets[kind], name, cs_wlen(name));
}

static DWORD copy_fixed(WCHAR dst[64], const WCHAR *src)
{
    size_t n = cs_wlen(src);
    if (n > 63)
        return ERROR_INVALID_PARAMETER;
    memset(dst, 0, 64 * sizeof(WCHAR));
    if (n)
        memcpy(dst, src, n * sizeof(WCHAR));
    return 0;
}

/* ---- the cluster ---------------------------------------------------------------------------------- */
uint32_t cs_sim_set_cluster(int sim_id, const cs_char *name, const cs_char *aliases_multi_sz, uint16_t major,
                            uint16_t minor, uint16_t build, const cs_char *vendor_id, const cs_char *csd_version,
                            uint32_t highest, uint32_t lowest, uint32_t flags)
{
    sim *s;
    wstr new_name, *aliases = NULL;
    size_t n_aliases = 0;
    WCHAR vendor[64], csd[64];
    DWORD err;
    if (cs_wempty(name) || copy_fixed(vendor, vendor_id) != 0 || copy_fixed(csd, csd_version) != 0)
        return ERROR_INVALID_PARAMETER;
    if (sim_w_set(&new_name, name) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = parse_names(aliases_multi_sz, &aliases, &n_aliases);
    if (err) {
        sim_w_free(&new_name);
        return err;
    }
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        wstr old_name = s->name, *old_aliases = s->aliases;
        size_t n_old = s->n_aliases;
        s->name = new_name;
        s->aliases = aliases;
        s->n_aliases = n_aliases;
        s->major = major;
        s->minor = minor;
        s->build = build;
        memcpy(s->vendor, vendor, sizeof(vendor));
        memcpy(s->csd, csd, sizeof(csd));
        s->highest = highest;
        s->lowest = lowest;
        s->flags = flags;
        /* what is freed below is what was replaced */
        new_name = old_name;
        aliases = old_aliases;
        n_aliases = n_old;
    }
    sim_control_end();
    sim_w_free(&new_name);
    free_names(aliases, n_aliases);
    return err;
}

uint32_t cs_sim_set_quorum(int sim_id, const cs_char *resource, const cs_char *device, uint32_t max_log_size)
{
    sim *s;
    wstr res, dev;
    DWORD err;
    if (sim_w_set(&res, resource) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (sim_w_set(&dev, device) != 0) {
        sim_w_free(&res);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        wstr old_res = s->q_res, old_dev = s->q_dev;
        s->q_res = res;
        s->q_dev = dev;
        s->q_max = max_log_size;
        res = old_res;
        dev = old_dev;
    }
    sim_control_end();
    sim_w_free(&res);
    sim_w_free(&dev);
    return err;
}

uint32_t cs_sim_add_resource_type(int sim_id, const cs_char *name)
{
    sim *s;
    size_t i, n;
    DWORD err;
    if (cs_wempty(name))
        return ERROR_INVALID_PARAMETER;
    n = cs_wlen(name);
    s = sim_control_begin(sim_id, &err);
    for (i = 0; s != NULL && i < s->n_restypes; i++)
        if (cs_wieq(s->restypes[i].p, s->restypes[i].n, name, n))
            err = ERROR_ALREADY_EXISTS;
    if (!err) {
        wstr *p = (wstr *)sim_grow_array(s->restypes, &s->cap_restypes, s->n_restypes + 1, sizeof(wstr), 8);
        if (p == NULL)
            err = ERROR_NOT_ENOUGH_MEMORY;
        else
            s->restypes = p;
    }
    if (!err) {
        if (sim_w_set(&s->restypes[s->n_restypes], name) != 0)
            err = ERROR_NOT_ENOUGH_MEMORY;
        else
            s->n_restypes++;
    }
    sim_control_end();
    return err;
}

/* ---- objects ------------------------------------------------------------------------------------- */
/* Nodes and networks: nothing to link. */
static uint32_t add_plain(int sim_id, int kind, const cs_char *name, const cs_char *id, int state)
{
    sim *s;
    sim_obj *o;
    DWORD err;
    if (cs_wempty(name) || !sim_valid_state(kind, state))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err)
        err = sim_new_object(s, kind, name, id, state, &o);
    if (!err)
        sim_model_insert(s, o);
    sim_control_end();
    return err;
}

uint32_t cs_sim_add_node(int sim_id, const cs_char *name, const cs_char *id, int state)
{
    return add_plain(sim_id, CS_KIND_NODE, name, id, state);
}

uint32_t cs_sim_add_network(int sim_id, const cs_char *name, const cs_char *id, int state)
{
    return add_plain(sim_id, CS_KIND_NETWORK, name, id, state);
}

uint32_t cs_sim_add_netinterface(int sim_id, const cs_char *name, const cs_char *id, const cs_char *node,
                                 const cs_char *network, int state)
{
    sim *s;
    sim_obj *o = NULL, *n = NULL, *net = NULL;
    DWORD err;
    if (cs_wempty(name) || cs_wempty(node) || cs_wempty(network) || !sim_valid_state(CS_KIND_NETINTERFACE, state))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && find(s, CS_KIND_NETINTERFACE, name) != NULL)
        err = ERROR_ALREADY_EXISTS;
    if (!err && (n = find(s, CS_KIND_NODE, node)) == NULL)
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err && (net = find(s, CS_KIND_NETWORK, network)) == NULL)
        err = ERROR_CLUSTER_NETWORK_NOT_FOUND;
    if (!err)
        err = sim_new_object(s, CS_KIND_NETINTERFACE, name, id, state, &o);
    if (!err) {
        o->node = n;
        o->network = net;
        sim_model_insert(s, o);
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_add_group(int sim_id, const cs_char *name, const cs_char *id, int state, const cs_char *owner_node,
                          const cs_char *preferred_owners_multi_sz)
{
    sim *s;
    sim_obj *o = NULL, *owner = NULL;
    objvec preferred;
    DWORD err;
    memset(&preferred, 0, sizeof(preferred));
    if (cs_wempty(name) || !sim_valid_state(CS_KIND_GROUP, state))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && find(s, CS_KIND_GROUP, name) != NULL)
        err = ERROR_ALREADY_EXISTS;
    if (!err && !cs_wempty(owner_node) && (owner = find(s, CS_KIND_NODE, owner_node)) == NULL)
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err)
        err = resolve_names(s, CS_KIND_NODE, preferred_owners_multi_sz, &preferred);
    if (!err)
        err = sim_new_object(s, CS_KIND_GROUP, name, id, state, &o);
    if (!err) {
        o->node = owner;
        o->preferred = preferred;
        memset(&preferred, 0, sizeof(preferred));
        sim_model_insert(s, o);
    }
    sim_control_end();
    sim_vec_free(&preferred);
    return err;
}

/* Records r among the dependents of each resource it depends on; on
 * failure undoes what it did.  0 or ERROR_NOT_ENOUGH_MEMORY. */
static DWORD link_dependents(sim_obj *r, const objvec *deps)
{
    size_t i;
    for (i = 0; i < deps->n; i++) {
        if (sim_vec_push(&deps->v[i]->dependents, r) != 0) {
            while (i > 0)
                sim_vec_remove(&deps->v[--i]->dependents, r);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    return 0;
}

/* Appends r to its group's list of resources. */
void sim_join_group(sim_obj *r, sim_obj *g)
{
    r->group = g;
    r->gprev = g->res_tail;
    if (g->res_tail)
        g->res_tail->gnext = r;
    else
        g->res_head = r;
    g->res_tail = r;
}

/* Whether the cluster lists a resource type of that name (compared as names are). */
static int has_resource_type(const sim *s, const WCHAR *type)
{
    size_t i, n = cs_wlen(type);
    for (i = 0; i < s->n_restypes; i++)
        if (cs_wieq(s->restypes[i].p, s->restypes[i].n, type, n))
            return 1;
    return 0;
}

uint32_t cs_sim_add_resource(int sim_id, const cs_char *name, const cs_char *id, const cs_char *type,
                             const cs_char *group, int state, const cs_char *dependencies_multi_sz,
                             const cs_char *possible_owners_multi_sz)
{
    sim *s;
    sim_obj *o = NULL, *g = NULL;
    objvec deps, possible;
    wstr type_copy;
    DWORD err;
    memset(&deps, 0, sizeof(deps));
    memset(&possible, 0, sizeof(possible));
    if (cs_wempty(name) || cs_wempty(group) || !sim_valid_state(CS_KIND_RESOURCE, state))
        return ERROR_INVALID_PARAMETER;
    if (sim_w_set(&type_copy, type) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    s = sim_control_begin(sim_id, &err);
    if (!err && find(s, CS_KIND_RESOURCE, name) != NULL)
        err = ERROR_ALREADY_EXISTS;
    if (!err && (g = find(s, CS_KIND_GROUP, group)) == NULL)
        err = ERROR_GROUP_NOT_FOUND;
    if (!err)
        err = resolve_names(s, CS_KIND_RESOURCE, dependencies_multi_sz, &deps);
    if (!err)
        err = resolve_names(s, CS_KIND_NODE, possible_owners_multi_sz, &possible);
    /* As CreateClusterResource: a type the cluster does not list is refused. */
    if (!err && !has_resource_type(s, type_copy.p))
        err = ERROR_RESOURCE_TYPE_NOT_FOUND;
    if (!err)
        err = sim_new_object(s, CS_KIND_RESOURCE, name, id, state, &o);
    if (!err) {
        err = link_dependents(o, &deps);
        if (err)
            sim_obj_free(o);
    }
    if (!err) {
        sim_w_free(&o->type);
        o->type = type_copy;
        memset(&type_copy, 0, sizeof(type_copy));
        o->deps = deps;
        o->possible = possible;
        memset(&deps, 0, sizeof(deps));
        memset(&possible, 0, sizeof(possible));
        sim_join_group(o, g);
        sim_model_insert(s, o);
    }
    sim_control_end();
    sim_vec_free(&deps);
    sim_vec_free(&possible);
    sim_w_free(&type_copy);
    return err;
}

/* ---- changes ------------------------------------------------------------------------------------- */
/* Whether o is the quorum resource, or a group holding it: a core resource, which
 * a cluster refuses to delete (MS-CMRP ApiDeleteResource / ApiDeleteGroup:
 * ERROR_CORE_RESOURCE); deleting it would leave a quorum naming nothing. */
int sim_holds_quorum(const sim *s, const sim_obj *o)
{
    const sim_obj *r;
    if (s->q_res.p == NULL || s->q_res.n == 0)
        return 0;
    if (o->kind == CS_KIND_RESOURCE)
        return cs_wieq(o->name.p, o->name.n, s->q_res.p, s->q_res.n);
    if (o->kind == CS_KIND_GROUP)
        for (r = o->res_head; r != NULL; r = r->gnext)
            if (cs_wieq(r->name.p, r->name.n, s->q_res.p, s->q_res.n))
                return 1;
    return 0;
}

uint32_t cs_sim_delete(int sim_id, int kind, const cs_char *name)
{
    sim *s;
    sim_obj *o = NULL;
    DWORD err;
    if (!sim_valid_kind(kind) || cs_wempty(name))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && (o = find(s, kind, name)) == NULL)
        err = sim_not_found(kind);
    if (!err && sim_holds_quorum(s, o))
        err = ERROR_CORE_RESOURCE;
    if (!err)
        sim_obj_delete(s, o);
    sim_control_end();
    return err;
}

static uint32_t set_state(int sim_id, int kind, const cs_char *name, int state, int any)
{
    sim *s;
    sim_obj *o = NULL;
    DWORD err;
    if (!sim_valid_kind(kind) || cs_wempty(name) || (!any && !sim_valid_state(kind, state)))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && (o = find(s, kind, name)) == NULL)
        err = sim_not_found(kind);
    if (!err) {
        sim_model_set_state(s, o, state);
        /* A resource's group follows it (CLUSTER_GROUP_STATE), a net
         * interface's network likewise (CLUSTER_NETWORK_STATE); a group's or
         * network's own state set here is what the cluster reports,
         * consistent or not. */
        if (kind == CS_KIND_RESOURCE)
            sim_group_rederive(s, o->group);
        else if (kind == CS_KIND_NETINTERFACE)
            sim_network_rederive(s, o->network);
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_set_state(int sim_id, int kind, const cs_char *name, int state)
{
    return set_state(sim_id, kind, name, state, 0);
}

uint32_t cs_testing_sim_set_any_state(int sim_id, int kind, const cs_char *name, int state)
{
    return set_state(sim_id, kind, name, state, 1);
}

uint32_t cs_sim_move_group(int sim_id, const cs_char *group, const cs_char *node)
{
    sim *s;
    sim_obj *g = NULL, *n = NULL;
    DWORD err;
    if (cs_wempty(group))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && (g = find(s, CS_KIND_GROUP, group)) == NULL)
        err = ERROR_GROUP_NOT_FOUND;
    if (!err && !cs_wempty(node) && (n = find(s, CS_KIND_NODE, node)) == NULL)
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err)
        sim_model_set_owner(s, g, n);
    sim_control_end();
    return err;
}

uint32_t cs_sim_delete_after(int sim_id, int function_id, uint32_t after_calls, int kind, const cs_char *name)
{
    sim *s;
    wstr copy;
    DWORD err;
    if (function_id < 0 || function_id >= CS_FN_COUNT || after_calls == 0 || !sim_valid_kind(kind) || cs_wempty(name))
        return ERROR_INVALID_PARAMETER;
    if (sim_w_set(&copy, name) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    s = sim_control_begin(sim_id, &err);
    if (!err && sim_set_find(&s->sets[kind], copy.p, copy.n) == NULL)
        err = sim_not_found(kind);
    if (!err) {
        sim_pending_delete *p = (sim_pending_delete *)sim_grow_array(s->pending, &s->cap_pending, s->n_pending + 1,
                                                                     sizeof(*p), 4);
        if (p == NULL)
            err = ERROR_NOT_ENOUGH_MEMORY;
        else
            s->pending = p;
    }
    if (!err) {
        sim_pending_delete *p = &s->pending[s->n_pending++];
        p->fn = function_id;
        p->remaining = after_calls;
        p->kind = kind;
        p->name = copy;
        memset(&copy, 0, sizeof(copy));
    }
    sim_control_end();
    sim_w_free(&copy);
    return err;
}
