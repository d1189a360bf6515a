/*
 * sim/cs_sim_create.c - creating and deleting groups and resources through
 * the API, as the simulated clusapi.dll exports it
 * (tests/windows/simdll/simdll_create.c): CreateClusterGroup,
 * DeleteClusterGroup, DestroyClusterGroup, CreateClusterResource,
 * DeleteClusterResource.  Declared in sim/cs_sim.h, which says what each
 * does and which codes are documented and which inferred.
 *
 * Every call runs sim_begin .. sim_end (SIM_FN_SURFACE: these functions are
 * outside the backend table, so they are not counted and take no latency
 * or injected fault); every change goes through the model's choke point
 * (sim_model_insert, sim_model_set_state, sim_obj_delete), which posts the
 * events a cluster posts for it.
 */
#include "sim/cs_sim_props.h"
#include <stdio.h>
#include <string.h>

/* ---- ids ------------------------------------------------------------------------------------------ */
static uint64_t g_id_seq;       /* ids handed out (g_lock) */

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* Whether an object of the kind has that id or that name (compared as the cluster compares names). */
static int name_or_id_taken(const sim *s, int kind, const WCHAR *text, size_t n)
{
    const sim_obj *o;
    if (sim_set_find(&s->sets[kind], text, n) != NULL)
        return 1;
    for (o = s->sets[kind].head; o; o = o->next)
        if (cs_wieq(o->id.p, o->id.n, text, n))
            return 1;
    return 0;
}

/* A new id in the GUID form MS-CMRP recommends (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, version 4
 * bits), unique among the kind's names and ids. */
static void new_id(const sim *s, int kind, const WCHAR *name, WCHAR out[37])
{
    char text[40];
    size_t i;
    do {
        uint64_t a = mix64(++g_id_seq ^ ((uint64_t)cs_whash(name, cs_wlen(name)) << 17) ^ sim_props_now());
        uint64_t b = mix64(a ^ (uint64_t)(uintptr_t)s);
        snprintf(text, sizeof(text), "%08lx-%04lx-4%03lx-%04lx-%012llx", (unsigned long)(a >> 32),
                 (unsigned long)((a >> 16) & 0xFFFFu), (unsigned long)(a & 0xFFFu),
                 (unsigned long)(0x8000u | ((b >> 48) & 0x3FFFu)), (unsigned long long)(b & 0xFFFFFFFFFFFFull));
        for (i = 0; i < 36; i++)
            out[i] = (WCHAR)(unsigned char)text[i];
        out[36] = 0;
    } while (name_or_id_taken(s, kind, out, 36));
}

/* A new object of the kind with a fresh id and a handle to it (full access) obtained from the
 * cluster handle `parent`; the object is not inserted yet.  0 or ERROR_NOT_ENOUGH_MEMORY (nothing
 * left behind). */
static DWORD new_with_handle(sim *s, int kind, const WCHAR *name, int state, sim_handle *parent, sim_obj **o,
                             sim_handle **h)
{
    WCHAR id[37];
    DWORD err;
    new_id(s, kind, name, id);
    err = sim_new_object(s, kind, name, id, state, o);
    if (err)
        return err == ERROR_ALREADY_EXISTS ? (DWORD)ERROR_OBJECT_ALREADY_EXISTS : err;
    err = sim_handle_new(s, kind, *o, parent, h);
    if (err) {
        sim_obj_free(*o);
        *o = NULL;
        return err;
    }
    (*h)->granted = ACCESS_ALL;         /* MS-CMRP: the new object's context has "All" access */
    return 0;
}

/* The checks of a call on an object handle that changes the cluster: the object still exists,
 * the handle has full access (MS-CMRP: "All"). */
static DWORD check_writable(const call *c)
{
    if (c->h->obj->deleted)
        return sim_not_found(c->hk);
    if ((c->h->granted & ACCESS_ALL) == 0)
        return ERROR_ACCESS_DENIED;
    return 0;
}

/* The node a new group is owned by: the node the call is served on (MS-CMRP ApiCreateGroup:
 * "hosted on the node to which the current RPC connection was made"); the simulator serves
 * every call on the first node that is Up; none Up: no owner. */
static sim_obj *serving_node(sim *s)
{
    sim_obj *n;
    for (n = s->sets[CS_KIND_NODE].head; n; n = n->next)
        if (n->state == ClusterNodeUp)
            return n;
    return NULL;
}

/* ---- groups ------------------------------------------------------------------------------------------ */
DWORD cs_sim_surface_create_group(uint64_t cluster, LPCWSTR name, uint64_t *token)
{
    call c;
    sim_obj *g = NULL;
    sim_handle *h = NULL;
    DWORD err;
    if (token == NULL)
        return ERROR_INVALID_PARAMETER;
    *token = 0;
    err = sim_begin(&c, SIM_FN_SURFACE, cluster, HK_CLUSTER);
    if (!err && cs_wempty(name))
        err = ERROR_INVALID_PARAMETER;
    if (!err && (c.h->granted & ACCESS_ALL) == 0)
        err = ERROR_ACCESS_DENIED;
    if (!err && name_or_id_taken(c.s, CS_KIND_GROUP, name, cs_wlen(name)))
        err = ERROR_OBJECT_ALREADY_EXISTS;
    if (!err)
        err = new_with_handle(c.s, CS_KIND_GROUP, name, ClusterGroupOffline, c.h, &g, &h);
    if (!err) {
        g->node = serving_node(c.s);
        sim_model_insert(c.s, g);       /* GROUP_ADDED */
        *token = h->token;
    }
    return sim_end(&c, err);
}

/* Takes the resources of a group offline at once, dependents before what they depend on (each
 * change posts its RESOURCE_STATE event), ending any action under way on them. */
static void take_offline_now(sim *s, sim_obj *g)
{
    sim_obj *r;
    int changed = 1;
    for (r = g->res_head; r; r = r->gnext) {
        r->want = SIM_WANT_NONE;
        r->restart = 0;
        r->phase_state = 0;
    }
    while (changed) {
        changed = 0;
        for (r = g->res_head; r; r = r->gnext) {
            size_t i;
            int dependents_down = 1;
            if (r->state == ClusterResourceOffline || r->state == ClusterResourceFailed)
                continue;
            for (i = 0; i < r->dependents.n; i++) {
                const sim_obj *d = r->dependents.v[i];
                if (!d->deleted && d->group == g && d->state != ClusterResourceOffline &&
                    d->state != ClusterResourceFailed)
                    dependents_down = 0;
            }
            if (dependents_down) {
                sim_model_set_state(s, r, ClusterResourceOffline);
                changed = 1;
            }
        }
    }
    for (r = g->res_head; r; r = r->gnext)     /* a dependency loop the walk above cannot order */
        if (r->state != ClusterResourceOffline && r->state != ClusterResourceFailed)
            sim_model_set_state(s, r, ClusterResourceOffline);
    sim_group_rederive(s, g);
}

/* Whether a resource of another group depends on one of g's (the simulator's topologies may
 * link groups so; a cluster keeps dependencies inside a group). */
static int depended_on_from_outside(const sim_obj *g)
{
    const sim_obj *r;
    size_t i;
    for (r = g->res_head; r; r = r->gnext)
        for (i = 0; i < r->dependents.n; i++)
            if (!r->dependents.v[i]->deleted && r->dependents.v[i]->group != g)
                return 1;
    return 0;
}

DWORD cs_sim_surface_delete_group(uint64_t group, int destroy)
{
    call c;
    sim_obj *g;
    DWORD err = sim_begin(&c, SIM_FN_SURFACE, group, HK_GROUP);
    if (!err)
        err = check_writable(&c);
    if (err)
        return sim_end(&c, err);
    g = c.h->obj;
    if (sim_holds_quorum(c.s, g))
        err = ERROR_CORE_RESOURCE;                      /* MS-CMRP ApiDeleteGroup */
    else if (!destroy && g->res_head != NULL)
        err = ERROR_DIR_NOT_EMPTY;                      /* MS-CMRP ApiDeleteGroup */
    else if (!destroy && g->state != ClusterGroupOffline && g->state != ClusterGroupFailed)
        err = ERROR_INVALID_STATE;                      /* inferred: "removes an offline and empty group" */
    else if (destroy && depended_on_from_outside(g))
        err = ERROR_DEPENDENT_RESOURCE_EXISTS;          /* as DeleteClusterResource of each (inferred) */
    if (err)
        return sim_end(&c, err);
    if (destroy) {
        /* MS-CMRP ApiDeleteGroup with force: resources to Offline or Failed, deleted, then the group. */
        g->op = 0;
        g->op_stage = 0;
        g->status_bits &= ~(uint64_t)SIM_GROUP_WAITING_IN_QUEUE;
        take_offline_now(c.s, g);
        while (g->res_head != NULL)
            sim_obj_delete(c.s, g->res_head);           /* RESOURCE_DELETED each */
    }
    sim_obj_delete(c.s, g);                             /* GROUP_DELETED */
    return sim_end(&c, 0);
}

/* ---- resources ------------------------------------------------------------------------------------- */
/* CreateClusterResource's dwFlags: CLUSTER_RESOURCE_DEFAULT_MONITOR 0, _SEPARATE_MONITOR 1. */
#define SEPARATE_MONITOR 0x1u

/* The cluster's resource type of that name (case-insensitive), or NULL. */
static const wstr *find_type(const sim *s, LPCWSTR name)
{
    size_t i, n = cs_wlen(name);
    for (i = 0; i < s->n_restypes; i++)
        if (cs_wieq(s->restypes[i].p, s->restypes[i].n, name, n))
            return &s->restypes[i];
    return NULL;
}

DWORD cs_sim_surface_create_resource(uint64_t group, LPCWSTR name, LPCWSTR type, DWORD flags, uint64_t *token)
{
    call c;
    sim_obj *r = NULL, *g;
    sim_handle *h = NULL;
    const wstr *t = NULL;
    wstr type_copy;
    DWORD err;
    if (token == NULL)
        return ERROR_INVALID_PARAMETER;
    *token = 0;
    err = sim_begin(&c, SIM_FN_SURFACE, group, HK_GROUP);
    if (!err)
        err = check_writable(&c);
    if (!err && (cs_wempty(name) || cs_wempty(type) || (flags & ~SEPARATE_MONITOR) != 0))
        err = ERROR_INVALID_PARAMETER;
    if (!err && (t = find_type(c.s, type)) == NULL)
        err = ERROR_RESOURCE_TYPE_NOT_FOUND;    /* 1813, as cs_sim_add_resource (inferred) */
    if (!err && name_or_id_taken(c.s, CS_KIND_RESOURCE, name, cs_wlen(name)))
        err = ERROR_OBJECT_ALREADY_EXISTS;              /* inferred, as ApiCreateGroup */
    if (!err && sim_w_set(&type_copy, t->p) != 0)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (err)
        return sim_end(&c, err);
    g = c.h->obj;
    err = new_with_handle(c.s, CS_KIND_RESOURCE, name, ClusterResourceOffline, c.h->parent, &r, &h);
    if (!err && (flags & SEPARATE_MONITOR)) {
        static const WCHAR prop[] = {'S', 'e', 'p', 'a', 'r', 'a', 't', 'e', 'M', 'o', 'n', 'i', 't', 'o', 'r', 0};
        DWORD one = 1;
        err = sim_props_set(c.s, r, prop, 15, 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, (const uint8_t *)&one,
                            sizeof(one));
        if (err) {
            sim_handle_free(h);         /* drops its reference ... */
            sim_obj_unref(r);           /* ... and this one, never inserted, frees it */
            r = NULL;
        }
    }
    if (err) {
        sim_w_free(&type_copy);
        return sim_end(&c, err);
    }
    sim_w_free(&r->type);
    r->type = type_copy;                /* the type as the cluster spells it */
    sim_join_group(r, g);               /* at the end of its group's list */
    sim_model_insert(c.s, r);           /* RESOURCE_ADDED */
    sim_group_rederive(c.s, g);         /* e.g. an online group with an offline resource: partially online */
    *token = h->token;
    return sim_end(&c, 0);
}

DWORD cs_sim_surface_delete_resource(uint64_t resource)
{
    call c;
    sim_obj *r, *g;
    size_t i;
    DWORD err = sim_begin(&c, SIM_FN_SURFACE, resource, HK_RESOURCE);
    if (!err)
        err = check_writable(&c);
    if (err)
        return sim_end(&c, err);
    r = c.h->obj;
    if (sim_holds_quorum(c.s, r))
        err = ERROR_CORE_RESOURCE;                      /* MS-CMRP ApiDeleteResource: a core resource */
    else if ((r->state != ClusterResourceOffline && r->state != ClusterResourceFailed) || r->want != SIM_WANT_NONE)
        err = ERROR_INVALID_STATE;                      /* not Offline or Failed (5023 from Server 2012) */
    for (i = 0; !err && i < r->dependents.n; i++)
        if (!r->dependents.v[i]->deleted)
            err = ERROR_DEPENDENT_RESOURCE_EXISTS;      /* inferred: a resource depends on it */
    if (err)
        return sim_end(&c, err);
    g = r->group;
    sim_obj_delete(c.s, r);                             /* RESOURCE_DELETED; out of its providers' lists */
    sim_group_rederive(c.s, g);
    return sim_end(&c, 0);
}
