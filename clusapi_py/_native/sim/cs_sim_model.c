/*
 * sim/cs_sim_model.c - the simulated cluster's data: owned strings, object
 * lists, the ordered sets of objects (insertion order + case-insensitive
 * index), objects and their reference counts, instances, and deleting an
 * object with what goes with it.  No locking here: every caller holds
 * g_lock (cs_sim_int.h).
 */
#include "sim/cs_sim_int.h"
#include <stdlib.h>
#include <string.h>

sim *g_sims;
uint64_t g_sim_steps;

/* ---- owned strings ------------------------------------------------------------- */
/* A copy of s (NULL = ""); 0, or -1 when memory is short. */
int sim_w_set(wstr *out, const WCHAR *s)
{
    size_t n = cs_wlen(s);
    WCHAR *p = (WCHAR *)malloc((n + 1) * sizeof(WCHAR));
    if (p == NULL)
        return -1;
    if (n)
        memcpy(p, s, n * sizeof(WCHAR));
    p[n] = 0;
    out->p = p;
    out->n = n;
    return 0;
}

void sim_w_free(wstr *s)
{
    free(s->p);
    s->p = NULL;
    s->n = 0;
}

/* ---- objects ------------------------------------------------------------------- */
int sim_vec_has(const objvec *v, const sim_obj *o)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->v[i] == o)
            return 1;
    return 0;
}

void *sim_grow_array(void *array, size_t *cap, size_t need, size_t size, size_t first)
{
    size_t n = *cap ? *cap : first;
    void *p;
    if (need <= *cap)
        return array;
    while (n < need)
        n *= 2;
    p = realloc(array, n * size);
    if (p != NULL)
        *cap = n;
    return p;
}

int sim_vec_push(objvec *v, sim_obj *o)
{
    sim_obj **p = (sim_obj **)sim_grow_array(v->v, &v->cap, v->n + 1, sizeof(*p), 4);
    if (p == NULL)
        return -1;
    v->v = p;
    v->v[v->n++] = o;
    return 0;
}

/* Removes o, keeping the order of the rest. */
void sim_vec_remove(objvec *v, const sim_obj *o)
{
    size_t i, j = 0;
    for (i = 0; i < v->n; i++)
        if (v->v[i] != o)
            v->v[j++] = v->v[i];
    v->n = j;
}

void sim_vec_free(objvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

sim_obj *sim_set_find(const objset *set, const WCHAR *name, size_t n)
{
    uint32_t h;
    sim_obj *o;
    if (set->nbuckets == 0)
        return NULL;
    h = cs_whash(name, n);
    for (o = set->buckets[h & (set->nbuckets - 1)]; o; o = o->hnext)
        if (o->hash == h && cs_wieq(o->name.p, o->name.n, name, n))
            return o;
    return NULL;
}

/* Makes room for one more object in the index; 0 or -1. */
int sim_set_reserve(objset *set)
{
    size_t nb, i;
    sim_obj **b, *o;
    if (set->count + 1 <= set->nbuckets)
        return 0;
    nb = set->nbuckets ? set->nbuckets * 2 : 16;
    b = (sim_obj **)calloc(nb, sizeof(sim_obj *));
    if (b == NULL)
        return -1;
    for (o = set->head; o; o = o->next) {
        i = o->hash & (nb - 1);
        o->hnext = b[i];
        b[i] = o;
    }
    free(set->buckets);
    set->buckets = b;
    set->nbuckets = nb;
    return 0;
}

/* Appends an object (sim_set_reserve() must have succeeded). */
void sim_set_insert(objset *set, sim_obj *o)
{
    size_t i = o->hash & (set->nbuckets - 1);
    o->hnext = set->buckets[i];
    set->buckets[i] = o;
    o->prev = set->tail;
    o->next = NULL;
    if (set->tail)
        set->tail->next = o;
    else
        set->head = o;
    set->tail = o;
    set->count++;
}

static void set_remove(objset *set, sim_obj *o)
{
    sim_obj **pp = &set->buckets[o->hash & (set->nbuckets - 1)];
    while (*pp && *pp != o)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = o->hnext;
    o->hnext = NULL;
    if (o->prev)
        o->prev->next = o->next;
    else
        set->head = o->next;
    if (o->next)
        o->next->prev = o->prev;
    else
        set->tail = o->prev;
    o->prev = o->next = NULL;
    set->count--;
}

void sim_obj_free(sim_obj *o)
{
    sim_w_free(&o->name);
    sim_w_free(&o->id);
    sim_w_free(&o->type);
    sim_vec_free(&o->preferred);
    sim_vec_free(&o->deps);
    sim_vec_free(&o->dependents);
    sim_vec_free(&o->possible);
    sim_props_free(o->props);
    free(o);
}

void sim_obj_unref(sim_obj *o)
{
    if (--o->refs == 0)
        sim_obj_free(o);
}

/* A new object (not yet in any set); NULL when memory is short. */
static sim_obj *obj_new(int kind, const WCHAR *name, const WCHAR *id, int state)
{
    sim_obj *o = (sim_obj *)calloc(1, sizeof(sim_obj));
    if (o == NULL)
        return NULL;
    o->kind = kind;
    o->refs = 1;
    o->state = state;
    if (sim_w_set(&o->name, name) != 0 || sim_w_set(&o->id, id) != 0 || sim_w_set(&o->type, NULL) != 0) {
        sim_obj_free(o);
        return NULL;
    }
    o->hash = cs_whash(o->name.p, o->name.n);
    return o;
}

/* A new object of a kind, not yet inserted: ERROR_ALREADY_EXISTS for a
 * duplicate name; room in the index is reserved. */
DWORD sim_new_object(sim *s, int kind, const WCHAR *name, const WCHAR *id, int state, sim_obj **out)
{
    *out = NULL;
    if (sim_set_find(&s->sets[kind], name, cs_wlen(name)) != NULL)
        return ERROR_ALREADY_EXISTS;
    if (sim_set_reserve(&s->sets[kind]) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    *out = obj_new(kind, name, id, state);
    return *out ? 0 : (DWORD)ERROR_NOT_ENOUGH_MEMORY;
}

/* The not-found code of each kind. */
DWORD sim_not_found(int kind)
{
    switch (kind) {
    case CS_KIND_NODE: return ERROR_CLUSTER_NODE_NOT_FOUND;
    case CS_KIND_GROUP: return ERROR_GROUP_NOT_FOUND;
    case CS_KIND_RESOURCE: return ERROR_RESOURCE_NOT_FOUND;
    case CS_KIND_NETWORK: return ERROR_CLUSTER_NETWORK_NOT_FOUND;
    case CS_KIND_NETINTERFACE: return ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
    default: return ERROR_INVALID_PARAMETER;
    }
}

/* Whether a state is one of the kind's documented values (not Unknown). */
int sim_valid_state(int kind, int state)
{
    switch (kind) {
    case CS_KIND_NODE: return state >= 0 && state <= 3;
    case CS_KIND_GROUP: return state >= 0 && state <= 4;
    case CS_KIND_RESOURCE: return (state >= 0 && state <= 4) || (state >= 128 && state <= 130);
    case CS_KIND_NETWORK: return state >= 0 && state <= 3;
    case CS_KIND_NETINTERFACE: return state >= 0 && state <= 3;
    default: return 0;
    }
}
int sim_valid_kind(int kind)
{
    return kind >= CS_KIND_NODE && kind <= CS_KIND_NETINTERFACE;
}

/* ---- instances ------------------------------------------------------------------- */
/* The live (not released) instance with that id, or NULL. */
sim *sim_by_id(int id)
{
    sim *s;
    cs_backend *b = cs_backend_by_id(id);
    if (b == NULL || b->kind != CS_BACKEND_SIM)
        return NULL;
    s = (sim *)b->ctx;
    g_sim_steps++;
    return (s->id == id && !s->released) ? s : NULL;
}


/* ---- deleting objects ------------------------------------------------------------------ */
static void resource_unlink(sim_obj *r)
{
    sim_obj *g = r->group;
    size_t i;
    if (g != NULL) {
        if (r->gprev)
            r->gprev->gnext = r->gnext;
        else
            g->res_head = r->gnext;
        if (r->gnext)
            r->gnext->gprev = r->gprev;
        else
            g->res_tail = r->gprev;
    }
    r->gprev = r->gnext = NULL;
    r->group = NULL;
    for (i = 0; i < r->deps.n; i++)
        sim_vec_remove(&r->deps.v[i]->dependents, r);
    for (i = 0; i < r->dependents.n; i++)
        sim_vec_remove(&r->dependents.v[i]->deps, r);
    sim_vec_free(&r->deps);
    sim_vec_free(&r->dependents);
    sim_vec_free(&r->possible);
}

/* Deletes an existing object and what goes with it (cs_sim_delete). */
void sim_obj_delete(sim *s, sim_obj *o)
{
    sim_obj *x, *next;
    size_t i = 0;
    sim_changed(s, SIM_CHANGE_DELETED, o);      /* posted while its links still name its parents */
    set_remove(&s->sets[o->kind], o);
    while (i < s->n_pending) {                  /* a cs_sim_delete_after() of it: gone with it, so */
        sim_pending_delete *p = &s->pending[i]; /* a new object of that name is not deleted later */
        if (p->kind == o->kind && cs_wieq(p->name.p, p->name.n, o->name.p, o->name.n)) {
            sim_w_free(&p->name);
            memmove(p, p + 1, (s->n_pending - i - 1) * sizeof(*p));
            s->n_pending--;
            continue;
        }
        i++;
    }
    switch (o->kind) {
    case CS_KIND_NODE:
        sim_actions_forget(s, o);
        for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = next) {
            next = x->next;
            if (x->node == o)
                sim_obj_delete(s, x);
        }
        for (x = s->sets[CS_KIND_GROUP].head; x; x = x->next) {
            if (x->node == o)
                sim_model_set_owner(s, x, s->sets[CS_KIND_NODE].head);  /* the first remaining node, or none */
            sim_vec_remove(&x->preferred, o);
        }
        for (x = s->sets[CS_KIND_RESOURCE].head; x; x = x->next)
            sim_vec_remove(&x->possible, o);
        break;
    case CS_KIND_GROUP:
        while (o->res_head)
            sim_obj_delete(s, o->res_head);
        o->node = NULL;
        sim_vec_free(&o->preferred);
        break;
    case CS_KIND_RESOURCE:
        resource_unlink(o);
        break;
    case CS_KIND_NETWORK:
        for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = next) {
            next = x->next;
            if (x->network == o)
                sim_obj_delete(s, x);
        }
        break;
    case CS_KIND_NETINTERFACE:
        o->node = NULL;
        o->network = NULL;
        break;
    default:
        break;
    }
    o->deleted = 1;
    sim_obj_unref(o);
}

int sim_unused(sim *s)
{
    return s->released && s->open_total == 0 && s->waiters == 0 && cs_backend_pins(&s->backend) == 0;
}

/* Frees an instance with no open handle. */
void sim_free(sim *s)
{
    size_t i;
    int k;
    g_sim_steps++;
    if (s->prev_sim != NULL)
        s->prev_sim->next_sim = s->next_sim;
    else if (g_sims == s)
        g_sims = s->next_sim;
    if (s->next_sim != NULL)
        s->next_sim->prev_sim = s->prev_sim;
    s->next_sim = s->prev_sim = NULL;
    for (k = CS_KIND_NODE; k < CS_KIND_ENUM; k++) {
        sim_obj *o = s->sets[k].head, *next;
        for (; o; o = next) {
            next = o->next;
            sim_obj_free(o);
        }
        free(s->sets[k].buckets);
    }
    sim_w_free(&s->name);
    for (i = 0; i < s->n_aliases; i++)
        sim_w_free(&s->aliases[i]);
    free(s->aliases);
    for (i = 0; i < s->n_restypes; i++)
        sim_w_free(&s->restypes[i]);
    free(s->restypes);
    sim_w_free(&s->q_res);
    sim_w_free(&s->q_dev);
    for (i = 0; i < s->n_pending; i++)
        sim_w_free(&s->pending[i].name);
    free(s->pending);
    sim_props_free(s->cluster_props);
    free(s);
}
