/*
 * cs_sim.c - the simulated cluster: one WINAPI entry point per clusapi
 * function of the backend table (cs_backend.h), over in-memory clusters,
 * plus the control API (cs_sim_* in cs_shim.h).  Contract: cs_sim.h.
 *
 * Structure.
 *   - Every simulator instance (struct sim) holds its cluster: name,
 *     aliases, version, quorum, resource types and one ordered set per
 *     object kind (insertion-ordered list + case-insensitive hash index).
 *   - Every handle handed out is a token of one global cs_htable whose
 *     payload is a struct sim_handle (its kind, its instance, the cluster
 *     handle it came from, the object, or the items of an enumeration).
 *   - One global lock (g_lock) guards all of it: instances, objects,
 *     handles, counters.  An entry point validates its handle and counts
 *     the call under the lock, sleeps the latency of a round trip with the
 *     lock released, then takes the lock again, validates again and works.
 *   - Objects are reference counted: the instance holds one reference
 *     while the object exists, each handle one more.  A deleted object
 *     stays readable (flagged deleted) until its last handle is closed.
 */
#include "sim/cs_sim.h"
#include "core/cs_htable.h"
#include "core/cs_wstr.h"
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ERROR_INVALID_FUNCTION
#  define ERROR_INVALID_FUNCTION 1L
#endif
#ifndef ERROR_ALREADY_EXISTS
#  define ERROR_ALREADY_EXISTS 183L
#endif

/* The size of CLUSTERVERSIONINFO up to szCSDVersion (the NT4 layout). */
#define CS_NT4_VERSION_INFO_SIZE 268u
typedef char cs_nt4_version_info_size_check
    [offsetof(CLUSTERVERSIONINFO, dwClusterHighestVersion) == CS_NT4_VERSION_INFO_SIZE ? 1 : -1];

/* ---- handle kinds ------------------------------------------------------------
 * The first six are the CS_KIND_* numbers; the enumeration handles are
 * CS_KIND_ENUM for counting, with a sub-kind per family. */
enum sim_hk {
    HK_CLUSTER = CS_KIND_CLUSTER,
    HK_NODE = CS_KIND_NODE,
    HK_GROUP = CS_KIND_GROUP,
    HK_RESOURCE = CS_KIND_RESOURCE,
    HK_NETWORK = CS_KIND_NETWORK,
    HK_NETINTERFACE = CS_KIND_NETINTERFACE,
    HK_CLUSENUM = 6,
    HK_CLUSENUMEX,
    HK_NODEENUM,
    HK_GROUPENUM,
    HK_GROUPENUMEX,
    HK_RESENUM,
    HK_RESENUMEX,
    HK_NETWORKENUM
};

static int hk_count_kind(int hk)
{
    return hk >= HK_CLUSENUM ? CS_KIND_ENUM : hk;
}

/* ---- owned strings (the UTF-16 helpers are core/cs_wstr.h) -------------------- */
typedef struct wstr {
    WCHAR *p;                   /* always allocated, NUL-terminated */
    size_t n;                   /* length without the NUL */
} wstr;

static const WCHAR empty_w[1] = { 0 };

/* A copy of s (NULL = ""); 0, or -1 when memory is short. */
static int w_set(wstr *out, const WCHAR *s)
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

static void w_free(wstr *s)
{
    free(s->p);
    s->p = NULL;
    s->n = 0;
}

/* ---- objects ------------------------------------------------------------------- */
typedef struct objvec {
    struct sim_obj **v;
    size_t n, cap;
} objvec;

typedef struct sim_obj {
    int kind;                   /* CS_KIND_NODE .. CS_KIND_NETINTERFACE */
    int refs;                   /* 1 while it exists + 1 per open handle */
    int deleted;
    wstr name, id, type;        /* type: resources only */
    uint32_t hash;
    int state;
    struct sim_obj *prev, *next;        /* the kind's insertion order */
    struct sim_obj *hnext;              /* hash chain */
    struct sim_obj *node;               /* group: owner (or NULL); netinterface: its node */
    struct sim_obj *network;            /* netinterface: its network */
    struct sim_obj *group;              /* resource: its group */
    struct sim_obj *res_head, *res_tail;    /* group: its resources, in order */
    struct sim_obj *gprev, *gnext;          /* resource: links in that list */
    objvec preferred;           /* group: preferred owners (nodes) */
    objvec deps;                /* resource: resources it depends on */
    objvec dependents;          /* resource: resources that depend on it */
    objvec possible;            /* resource: possible owners (nodes) */
} sim_obj;

typedef struct objset {
    sim_obj *head, *tail;
    size_t count;
    sim_obj **buckets;
    size_t nbuckets;            /* a power of two, or 0 */
} objset;

static int vec_has(const objvec *v, const sim_obj *o)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->v[i] == o)
            return 1;
    return 0;
}

static int vec_push(objvec *v, sim_obj *o)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        sim_obj **p = (sim_obj **)realloc(v->v, cap * sizeof(sim_obj *));
        if (p == NULL)
            return -1;
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = o;
    return 0;
}

/* Removes o, keeping the order of the rest. */
static void vec_remove(objvec *v, const sim_obj *o)
{
    size_t i, j = 0;
    for (i = 0; i < v->n; i++)
        if (v->v[i] != o)
            v->v[j++] = v->v[i];
    v->n = j;
}

static void vec_free(objvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

static sim_obj *set_find(const objset *set, const WCHAR *name, size_t n)
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
static int set_reserve(objset *set)
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

/* Appends an object (set_reserve() must have succeeded). */
static void set_insert(objset *set, sim_obj *o)
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

static void obj_free(sim_obj *o)
{
    w_free(&o->name);
    w_free(&o->id);
    w_free(&o->type);
    vec_free(&o->preferred);
    vec_free(&o->deps);
    vec_free(&o->dependents);
    vec_free(&o->possible);
    free(o);
}

static void obj_unref(sim_obj *o)
{
    if (--o->refs == 0)
        obj_free(o);
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
    if (w_set(&o->name, name) != 0 || w_set(&o->id, id) != 0 || w_set(&o->type, NULL) != 0) {
        obj_free(o);
        return NULL;
    }
    o->hash = cs_whash(o->name.p, o->name.n);
    return o;
}

/* The not-found code of each kind. */
static DWORD not_found(int kind)
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
static int valid_state(int kind, int state)
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

/* ---- simulator instances ---------------------------------------------------------- */
typedef struct sim_pending_delete {
    int fn;
    uint32_t remaining;
    int kind;
    wstr name;
} sim_pending_delete;

typedef struct sim {
    cs_backend backend;         /* registered with the shim; ctx = this */
    int id;                     /* 0 until registered */
    int released;
    struct sim *next_sim;
    uint32_t open[CS_KIND_COUNT];
    uint32_t open_total;
    /* the cluster */
    wstr name;
    wstr *aliases;
    size_t n_aliases;
    WORD major, minor, build;
    WCHAR vendor[64], csd[64];
    DWORD highest, lowest, flags;
    wstr q_res, q_dev;
    DWORD q_max;
    wstr *restypes;
    size_t n_restypes, cap_restypes;
    objset sets[CS_KIND_ENUM];  /* indexed by CS_KIND_NODE .. CS_KIND_NETINTERFACE */
    /* knobs and counters */
    uint64_t calls[CS_FN_COUNT], trips[CS_FN_COUNT];
    DWORD fail_error[CS_FN_COUNT];
    uint32_t fail_count[CS_FN_COUNT];
    sim_pending_delete *pending;
    size_t n_pending, cap_pending;
    double latency;
    int rights;
} sim;

/* ---- handles ------------------------------------------------------------------------ */
typedef struct enum_item {
    DWORD type;
    int state;
    size_t off[5];              /* into the pool: name, id, owner node, group name, group id */
    DWORD len[5];               /* characters, without the NUL */
} enum_item;

enum { EI_NAME, EI_ID, EI_OWNER, EI_GNAME, EI_GID };

typedef struct sim_handle {
    int hk;                     /* enum sim_hk */
    uint64_t token;
    sim *s;
    sim_obj *obj;               /* object handles: a reference to the object */
    uint64_t cluster_token;     /* the cluster handle it was obtained from (0 for a cluster) */
    struct sim_handle *parent;  /* ... its payload */
    struct sim_handle *child_head;      /* cluster handles: handles obtained from it */
    struct sim_handle *cprev, *cnext;   /* links in the parent's list */
    enum_item *items;           /* enumerations: the copy taken at open */
    size_t n_items;
    WCHAR *pool;
} sim_handle;

/* ---- global state -------------------------------------------------------------------- */
static cs_mutex g_lock = CS_MUTEX_INIT;
static int g_ready;
static cs_htable g_handles;
static sim *g_sims;                     /* every instance not yet freed */
static uint32_t g_open[CS_KIND_COUNT];  /* open handles of all instances */
static int g_leakcheck_done;

static CS_THREAD_LOCAL DWORD tls_last_error;
static CS_THREAD_LOCAL int tls_bound;

/* Called with g_lock held. */
static void ensure_ready(void)
{
    if (!g_ready) {
        cs_ht_init(&g_handles, sizeof(void *) >= 8 ? 32u : 32u - CS_HT_INDEX_BITS);
        g_ready = 1;
    }
}

static void set_error(DWORD code)
{
    tls_last_error = code;
}

static DWORD sim_last_error(void)
{
    return tls_last_error;
}

static void sim_bind(void *ctx)
{
    tls_bound = ((sim *)ctx)->backend.id;
}

#define TOKEN_OF(h) ((uint64_t)(uintptr_t)(h))
#define HANDLE_OF(type, token) ((type)(uintptr_t)(token))

/* The live (not released) instance with that id, or NULL.  g_lock held. */
static sim *sim_by_id(int id)
{
    sim *s;
    if (id <= 0)
        return NULL;
    for (s = g_sims; s; s = s->next_sim)
        if (s->id == id && !s->released)
            return s;
    return NULL;
}

/* The open handle of that token and kind (-1: any), or NULL.  g_lock held. */
static sim_handle *handle_lookup(uint64_t token, int hk)
{
    sim_handle *h;
    if (token == 0 || !g_ready)
        return NULL;
    h = (sim_handle *)cs_ht_peek(&g_handles, token);
    if (h == NULL || (hk >= 0 && h->hk != hk))
        return NULL;
    return h;
}

/* ---- deleting objects (g_lock held) ----------------------------------------------------- */
static void obj_delete(sim *s, sim_obj *o);

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
        vec_remove(&r->deps.v[i]->dependents, r);
    for (i = 0; i < r->dependents.n; i++)
        vec_remove(&r->dependents.v[i]->deps, r);
    vec_free(&r->deps);
    vec_free(&r->dependents);
    vec_free(&r->possible);
}

/* Deletes an existing object and what goes with it (cs_sim_delete). */
static void obj_delete(sim *s, sim_obj *o)
{
    sim_obj *x, *next;
    set_remove(&s->sets[o->kind], o);
    switch (o->kind) {
    case CS_KIND_NODE:
        for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = next) {
            next = x->next;
            if (x->node == o)
                obj_delete(s, x);
        }
        for (x = s->sets[CS_KIND_GROUP].head; x; x = x->next) {
            if (x->node == o)
                x->node = s->sets[CS_KIND_NODE].head;   /* the first remaining node, or none */
            vec_remove(&x->preferred, o);
        }
        for (x = s->sets[CS_KIND_RESOURCE].head; x; x = x->next)
            vec_remove(&x->possible, o);
        break;
    case CS_KIND_GROUP:
        while (o->res_head)
            obj_delete(s, o->res_head);
        o->node = NULL;
        vec_free(&o->preferred);
        break;
    case CS_KIND_RESOURCE:
        resource_unlink(o);
        break;
    case CS_KIND_NETWORK:
        for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = next) {
            next = x->next;
            if (x->network == o)
                obj_delete(s, x);
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
    obj_unref(o);
}

/* Frees an instance with no open handle (g_lock held). */
static void sim_free(sim *s)
{
    sim **pp;
    size_t i;
    int k;
    for (pp = &g_sims; *pp; pp = &(*pp)->next_sim) {
        if (*pp == s) {
            *pp = s->next_sim;
            break;
        }
    }
    for (k = CS_KIND_NODE; k < CS_KIND_ENUM; k++) {
        sim_obj *o = s->sets[k].head, *next;
        for (; o; o = next) {
            next = o->next;
            obj_free(o);
        }
        free(s->sets[k].buckets);
    }
    w_free(&s->name);
    for (i = 0; i < s->n_aliases; i++)
        w_free(&s->aliases[i]);
    free(s->aliases);
    for (i = 0; i < s->n_restypes; i++)
        w_free(&s->restypes[i]);
    free(s->restypes);
    w_free(&s->q_res);
    w_free(&s->q_dev);
    for (i = 0; i < s->n_pending; i++)
        w_free(&s->pending[i].name);
    free(s->pending);
    free(s);
}

/* ---- handles (g_lock held) ---------------------------------------------------------------- */
static DWORD handle_new(sim *s, int hk, sim_obj *obj, sim_handle *parent, sim_handle **out)
{
    int k = hk_count_kind(hk);
    uint64_t token;
    sim_handle *h = (sim_handle *)calloc(1, sizeof(sim_handle));
    if (h == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    h->hk = hk;
    h->s = s;
    h->obj = obj;
    h->parent = parent;
    h->cluster_token = parent ? parent->token : 0;
    token = cs_ht_alloc(&g_handles, h);
    if (token == 0) {
        free(h);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    h->token = token;
    if (obj)
        obj->refs++;
    if (parent) {
        h->cnext = parent->child_head;
        if (parent->child_head)
            parent->child_head->cprev = h;
        parent->child_head = h;
    }
    s->open[k]++;
    s->open_total++;
    g_open[k]++;
    *out = h;
    return 0;
}

/* Closes a handle (and, for a cluster, every handle obtained from it). */
static void handle_free(sim_handle *h)
{
    void *last = NULL;
    int k = hk_count_kind(h->hk);
    sim *s = h->s;
    while (h->child_head)
        handle_free(h->child_head);
    if (h->parent) {
        if (h->cprev)
            h->cprev->cnext = h->cnext;
        else
            h->parent->child_head = h->cnext;
        if (h->cnext)
            h->cnext->cprev = h->cprev;
    }
    if (cs_ht_close(&g_handles, h->token, &last) && last)
        cs_ht_recycle(&g_handles, h->token);
    s->open[k]--;
    s->open_total--;
    g_open[k]--;
    if (h->obj)
        obj_unref(h->obj);
    free(h->items);
    free(h->pool);
    free(h);
}

/* ---- the life of a call ---------------------------------------------------------------------- */
typedef struct call {
    int fn;
    sim *s;                     /* the instance, once the handle is validated */
    sim_handle *h;
} call;

static void count_call(sim *s, int fn)
{
    s->calls[fn]++;
    if (cs_function_is_rpc(fn))
        s->trips[fn]++;
}

/* The next injected failure of fn, or 0. */
static DWORD take_fault(sim *s, int fn)
{
    if (s->fail_count[fn] == 0)
        return 0;
    s->fail_count[fn]--;
    return s->fail_error[fn];
}

/* Validates a handle of kind hk, counts the call on its instance and, for
 * a round trip, spends the latency with no lock held and validates again.
 * Returns 0 with g_lock held, or ERROR_INVALID_HANDLE with it released. */
static DWORD enter(call *c, int fn, uint64_t token, int hk)
{
    c->fn = fn;
    c->s = NULL;
    cs_mutex_lock(&g_lock);
    c->h = handle_lookup(token, hk);
    if (c->h == NULL) {
        cs_mutex_unlock(&g_lock);
        return ERROR_INVALID_HANDLE;
    }
    c->s = c->h->s;
    count_call(c->s, fn);
    if (cs_function_is_rpc(fn) && c->s->latency > 0.0) {
        double latency = c->s->latency;
        cs_mutex_unlock(&g_lock);
        cs_sleep_seconds(latency);
        cs_mutex_lock(&g_lock);
        c->h = handle_lookup(token, hk);
        if (c->h == NULL) {
            c->s = NULL;
            cs_mutex_unlock(&g_lock);
            return ERROR_INVALID_HANDLE;
        }
        c->s = c->h->s;
    }
    return 0;
}

/* The same for a call that names no handle: the instance bound to this
 * thread.  RPC_S_SERVER_UNAVAILABLE when there is none. */
static DWORD enter_bound(call *c, int fn)
{
    int id = tls_bound;
    c->fn = fn;
    c->h = NULL;
    cs_mutex_lock(&g_lock);
    ensure_ready();
    c->s = sim_by_id(id);
    if (c->s == NULL) {
        cs_mutex_unlock(&g_lock);
        return RPC_S_SERVER_UNAVAILABLE;
    }
    count_call(c->s, fn);
    if (cs_function_is_rpc(fn) && c->s->latency > 0.0) {
        double latency = c->s->latency;
        cs_mutex_unlock(&g_lock);
        cs_sleep_seconds(latency);
        cs_mutex_lock(&g_lock);
        c->s = sim_by_id(id);
        if (c->s == NULL) {
            cs_mutex_unlock(&g_lock);
            return RPC_S_SERVER_UNAVAILABLE;
        }
    }
    return 0;
}

/* Pending cs_sim_delete_after() deletions: one more call of fn completed. */
static void run_pending(sim *s, int fn)
{
    size_t i = 0;
    while (i < s->n_pending) {
        sim_pending_delete *p = &s->pending[i];
        if (p->fn == fn && --p->remaining == 0) {
            sim_obj *o = set_find(&s->sets[p->kind], p->name.p, p->name.n);
            w_free(&p->name);
            memmove(p, p + 1, (s->n_pending - i - 1) * sizeof(*p));
            s->n_pending--;
            if (o)
                obj_delete(s, o);
            continue;
        }
        i++;
    }
}

/* Ends a call entered with enter()/enter_bound(): completes it (pending
 * deletions, freeing a released instance whose last handle went) and
 * releases g_lock. */
static void leave(call *c)
{
    sim *s = c->s;
    if (s != NULL) {
        if (s->n_pending)
            run_pending(s, c->fn);
        if (s->released && s->open_total == 0)
            sim_free(s);
    }
    c->s = NULL;
    c->h = NULL;
    cs_mutex_unlock(&g_lock);
}

/* ---- buffers ------------------------------------------------------------------------------------ */
/* Checks a (buffer, count) pair: a count is required; a NULL buffer only
 * with capacity 0 (a length query). */
static DWORD check_name_buffer(LPWSTR buf, LPDWORD cch)
{
    if (cch == NULL)
        return ERROR_INVALID_PARAMETER;
    if (buf == NULL && *cch != 0)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

static int name_fits(size_t n, const DWORD *cch)
{
    return (size_t)*cch >= n + 1;
}

static void name_write(const WCHAR *s, size_t n, LPWSTR buf, LPDWORD cch)
{
    if (n)
        memcpy(buf, s, n * sizeof(WCHAR));
    buf[n] = 0;
    *cch = (DWORD)n;
}

/* The name-buffer protocol for one string. */
static DWORD put_name(const WCHAR *s, size_t n, LPWSTR buf, LPDWORD cch)
{
    DWORD err = check_name_buffer(buf, cch);
    if (err)
        return err;
    if (!name_fits(n, cch)) {
        *cch = (DWORD)n;
        return ERROR_MORE_DATA;
    }
    name_write(s, n, buf, cch);
    return 0;
}

/* ---- enumeration copies ------------------------------------------------------------------------ */
typedef struct ebuild {
    enum_item *items;
    size_t n, cap;
    WCHAR *pool;
    size_t plen, pcap;
    int oom;
} ebuild;

static void eb_init(ebuild *eb)
{
    memset(eb, 0, sizeof(*eb));
    eb->pool = (WCHAR *)malloc(64 * sizeof(WCHAR));
    if (eb->pool == NULL) {
        eb->oom = 1;
        return;
    }
    eb->pcap = 64;
    eb->pool[0] = 0;            /* offset 0: the empty string */
    eb->plen = 1;
}

static void eb_free(ebuild *eb)
{
    free(eb->items);
    free(eb->pool);
    memset(eb, 0, sizeof(*eb));
}

static void eb_str(ebuild *eb, enum_item *it, int which, const wstr *s)
{
    if (eb->oom || s == NULL || s->n == 0)
        return;
    if (eb->plen + s->n + 1 > eb->pcap) {
        size_t cap = eb->pcap;
        WCHAR *p;
        while (eb->plen + s->n + 1 > cap)
            cap *= 2;
        p = (WCHAR *)realloc(eb->pool, cap * sizeof(WCHAR));
        if (p == NULL) {
            eb->oom = 1;
            return;
        }
        eb->pool = p;
        eb->pcap = cap;
    }
    memcpy(eb->pool + eb->plen, s->p, s->n * sizeof(WCHAR));
    it->off[which] = eb->plen;
    it->len[which] = (DWORD)s->n;
    eb->plen += s->n;
    eb->pool[eb->plen++] = 0;
}

/* Appends an item; the strings may be NULL (empty). */
static void eb_add(ebuild *eb, DWORD type, int state, const wstr *name, const wstr *id, const wstr *owner,
                   const wstr *gname, const wstr *gid)
{
    enum_item *it;
    if (eb->oom)
        return;
    if (eb->n == eb->cap) {
        size_t cap = eb->cap ? eb->cap * 2 : 16;
        enum_item *p = (enum_item *)realloc(eb->items, cap * sizeof(enum_item));
        if (p == NULL) {
            eb->oom = 1;
            return;
        }
        eb->items = p;
        eb->cap = cap;
    }
    it = &eb->items[eb->n++];
    memset(it, 0, sizeof(*it));
    it->type = type;
    it->state = state;
    eb_str(eb, it, EI_NAME, name);
    eb_str(eb, it, EI_ID, id);
    eb_str(eb, it, EI_OWNER, owner);
    eb_str(eb, it, EI_GNAME, gname);
    eb_str(eb, it, EI_GID, gid);
}

/* A new enumeration handle holding the copy (which it takes over, or frees
 * on failure); returns its token in *token. */
static DWORD enum_handle(sim *s, int hk, sim_handle *parent, ebuild *eb, uint64_t *token)
{
    sim_handle *h = NULL;
    DWORD err = eb->oom ? (DWORD)ERROR_NOT_ENOUGH_MEMORY : handle_new(s, hk, NULL, parent, &h);
    if (err) {
        eb_free(eb);
        return err;
    }
    h->items = eb->items;
    h->n_items = eb->n;
    h->pool = eb->pool;
    memset(eb, 0, sizeof(*eb));
    *token = h->token;
    return 0;
}

/* The item strings of an enumeration copy. */
static const WCHAR *item_str(const sim_handle *h, const enum_item *it, int which)
{
    return h->pool + it->off[which];
}

/* ---- access ------------------------------------------------------------------------------------ */
#define ACCESS_READ ((DWORD)GENERIC_READ)
#define ACCESS_ALL ((DWORD)GENERIC_ALL)
#define ACCESS_MAX ((DWORD)MAXIMUM_ALLOWED)

/* dwDesiredAccess: a nonzero combination of the three documented bits. */
static DWORD access_valid(DWORD desired)
{
    if (desired == 0 || (desired & ~(ACCESS_READ | ACCESS_ALL | ACCESS_MAX)) != 0)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

/* What the principal's rights grant for a (valid) request. */
static DWORD access_grant(const sim *s, DWORD desired, DWORD *granted)
{
    DWORD g;
    if (s->rights == CS_RIGHTS_NONE)
        return ERROR_ACCESS_DENIED;
    if ((desired & ACCESS_ALL) && s->rights != CS_RIGHTS_ALL)
        return ERROR_ACCESS_DENIED;
    g = desired & (ACCESS_READ | ACCESS_ALL);
    if (desired & ACCESS_MAX)
        g |= s->rights == CS_RIGHTS_ALL ? ACCESS_ALL : ACCESS_READ;
    *granted = g;
    return 0;
}

/* ---- cluster --------------------------------------------------------------------------------- */
/* A cluster name: NULL or "" (the local cluster), the cluster's name, an
 * alias, or a node that is not down. */
static DWORD resolve_cluster_name(const sim *s, LPCWSTR name)
{
    size_t n, i;
    const sim_obj *node;
    if (cs_wempty(name))
        return 0;
    n = cs_wlen(name);
    if (s->name.n && cs_wieq(s->name.p, s->name.n, name, n))
        return 0;
    for (i = 0; i < s->n_aliases; i++)
        if (cs_wieq(s->aliases[i].p, s->aliases[i].n, name, n))
            return 0;
    node = set_find(&s->sets[CS_KIND_NODE], name, n);
    if (node != NULL && node->state != (int)ClusterNodeDown)
        return 0;
    return RPC_S_SERVER_UNAVAILABLE;
}

static HCLUSTER open_cluster(int fn, LPCWSTR name, DWORD desired, LPDWORD granted_out)
{
    call c;
    DWORD err, granted = 0;
    sim_handle *h = NULL;
    uint64_t token = 0;
    err = enter_bound(&c, fn);
    if (err) {
        set_error(err);
        return NULL;
    }
    err = take_fault(c.s, fn);
    if (!err)
        err = access_valid(desired);
    if (!err)
        err = resolve_cluster_name(c.s, name);
    if (!err)
        err = access_grant(c.s, desired, &granted);
    if (!err)
        err = handle_new(c.s, HK_CLUSTER, NULL, NULL, &h);
    if (!err)
        token = h->token;
    leave(&c);
    if (err) {
        set_error(err);
        return NULL;
    }
    if (granted_out)
        *granted_out = granted;
    return HANDLE_OF(HCLUSTER, token);
}

static HCLUSTER WINAPI sim_OpenCluster(LPCWSTR lpszClusterName)
{
    return open_cluster(CS_FN_OpenCluster, lpszClusterName, ACCESS_ALL, NULL);
}

static HCLUSTER WINAPI sim_OpenClusterEx(LPCWSTR lpszClusterName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess)
{
    return open_cluster(CS_FN_OpenClusterEx, lpszClusterName, dwDesiredAccess, lpdwGrantedAccess);
}

/* Close*: the handle goes whatever happens (an injected failure is still
 * reported).  Returns 0 or the code; the caller sets the last error. */
static DWORD close_handle(int fn, uint64_t token, int hk)
{
    call c;
    DWORD err = enter(&c, fn, token, hk);
    if (err)
        return err;
    err = take_fault(c.s, fn);
    handle_free(c.h);
    c.h = NULL;
    leave(&c);
    return err;
}

static BOOL close_bool(int fn, uint64_t token, int hk)
{
    DWORD err = close_handle(fn, token, hk);
    if (err) {
        set_error(err);
        return FALSE;
    }
    return TRUE;
}

static DWORD close_dword(int fn, uint64_t token, int hk)
{
    DWORD err = close_handle(fn, token, hk);
    if (err)
        set_error(err);
    return err;
}

static BOOL WINAPI sim_CloseCluster(HCLUSTER hCluster)
{
    return close_bool(CS_FN_CloseCluster, TOKEN_OF(hCluster), HK_CLUSTER);
}

static DWORD WINAPI sim_GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
                                              LPCLUSTERVERSIONINFO lpClusterInfo)
{
    call c;
    DWORD err = enter(&c, CS_FN_GetClusterInformation, TOKEN_OF(hCluster), HK_CLUSTER);
    if (err) {
        set_error(err);
        return err;
    }
    err = take_fault(c.s, c.fn);
    if (!err)
        err = check_name_buffer(lpszClusterName, lpcchClusterName);
    if (!err && lpClusterInfo != NULL && lpClusterInfo->dwVersionInfoSize < CS_NT4_VERSION_INFO_SIZE)
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = put_name(c.s->name.p, c.s->name.n, lpszClusterName, lpcchClusterName);
    if (!err && lpClusterInfo != NULL) {
        sim *s = c.s;
        lpClusterInfo->MajorVersion = s->major;
        lpClusterInfo->MinorVersion = s->minor;
        lpClusterInfo->BuildNumber = s->build;
        memcpy(lpClusterInfo->szVendorId, s->vendor, sizeof(s->vendor));
        memcpy(lpClusterInfo->szCSDVersion, s->csd, sizeof(s->csd));
        if (lpClusterInfo->dwVersionInfoSize >= (DWORD)sizeof(CLUSTERVERSIONINFO)) {
            lpClusterInfo->dwClusterHighestVersion = s->highest;
            lpClusterInfo->dwClusterLowestVersion = s->lowest;
            lpClusterInfo->dwFlags = s->flags;
            lpClusterInfo->dwReserved = 0;
        }
    }
    leave(&c);
    if (err)
        set_error(err);
    return err;
}

static DWORD WINAPI sim_GetClusterQuorumResource(HCLUSTER hCluster, LPWSTR lpszResourceName,
                                                 LPDWORD lpcchResourceName, LPWSTR lpszDeviceName,
                                                 LPDWORD lpcchDeviceName, LPDWORD lpdwMaxQuorumLogSize)
{
    call c;
    DWORD err = enter(&c, CS_FN_GetClusterQuorumResource, TOKEN_OF(hCluster), HK_CLUSTER);
    if (err) {
        set_error(err);
        return err;
    }
    err = take_fault(c.s, c.fn);
    if (!err)
        err = check_name_buffer(lpszResourceName, lpcchResourceName);
    if (!err)
        err = check_name_buffer(lpszDeviceName, lpcchDeviceName);
    if (!err && lpdwMaxQuorumLogSize == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err) {
        const wstr *res = &c.s->q_res, *dev = &c.s->q_dev;
        if (!name_fits(res->n, lpcchResourceName) || !name_fits(dev->n, lpcchDeviceName)) {
            *lpcchResourceName = (DWORD)res->n;
            *lpcchDeviceName = (DWORD)dev->n;
            err = ERROR_MORE_DATA;
        } else {
            name_write(res->p, res->n, lpszResourceName, lpcchResourceName);
            name_write(dev->p, dev->n, lpszDeviceName, lpcchDeviceName);
            *lpdwMaxQuorumLogSize = c.s->q_max;
        }
    }
    leave(&c);
    if (err)
        set_error(err);
    return err;
}

/* ---- cluster enumerations --------------------------------------------------------------------- */
#define CLUSTER_ENUM_VALID 0x3Fu

/* Every object of the types in `type`, by type bit, then in insertion order. */
static void build_cluster_enum(const sim *s, DWORD type, ebuild *eb)
{
    static const int kind_of_bit[6] = { CS_KIND_NODE, -1, CS_KIND_RESOURCE, CS_KIND_GROUP, CS_KIND_NETWORK,
                                        CS_KIND_NETINTERFACE };
    int bit;
    for (bit = 0; bit < 6; bit++) {
        DWORD t = (DWORD)1 << bit;
        if (!(type & t))
            continue;
        if (kind_of_bit[bit] < 0) {
            size_t i;
            for (i = 0; i < s->n_restypes; i++)
                eb_add(eb, t, 0, &s->restypes[i], &s->restypes[i], NULL, NULL, NULL);
        } else {
            const sim_obj *o;
            for (o = s->sets[kind_of_bit[bit]].head; o; o = o->next)
                eb_add(eb, t, o->state, &o->name, &o->id, NULL, NULL, NULL);
        }
    }
}

static uint64_t open_cluster_enum(int fn, HCLUSTER hCluster, DWORD type, int hk)
{
    call c;
    ebuild eb;
    uint64_t token = 0;
    DWORD err = enter(&c, fn, TOKEN_OF(hCluster), HK_CLUSTER);
    if (err) {
        set_error(err);
        return 0;
    }
    err = take_fault(c.s, fn);
    if (!err && (type == 0 || (type & ~CLUSTER_ENUM_VALID) != 0))
        err = ERROR_INVALID_PARAMETER;
    if (!err) {
        eb_init(&eb);
        build_cluster_enum(c.s, type, &eb);
        err = enum_handle(c.s, hk, c.h, &eb, &token);
    }
    leave(&c);
    if (err) {
        set_error(err);
        return 0;
    }
    return token;
}

static HCLUSENUM WINAPI sim_ClusterOpenEnum(HCLUSTER hCluster, DWORD dwType)
{
    return HANDLE_OF(HCLUSENUM, open_cluster_enum(CS_FN_ClusterOpenEnum, hCluster, dwType, HK_CLUSENUM));
}

static HCLUSENUMEX WINAPI sim_ClusterOpenEnumEx(HCLUSTER hCluster, DWORD dwType, PVOID pOptions)
{
    (void)pOptions;
    return HANDLE_OF(HCLUSENUMEX, open_cluster_enum(CS_FN_ClusterOpenEnumEx, hCluster, dwType, HK_CLUSENUMEX));
}

/* Cluster/Node/Group/Resource/NetworkEnum: one name of the copy. */
static DWORD enum_read(int fn, uint64_t token, int hk, DWORD index, LPDWORD lpdwType, LPWSTR lpszName,
                       LPDWORD lpcchName)
{
    call c;
    DWORD err = enter(&c, fn, token, hk);
    if (err) {
        set_error(err);
        return err;
    }
    err = take_fault(c.s, fn);
    if (!err)
        err = check_name_buffer(lpszName, lpcchName);
    if (!err && index >= c.h->n_items)
        err = ERROR_NO_MORE_ITEMS;
    if (!err) {
        const enum_item *it = &c.h->items[index];
        err = put_name(item_str(c.h, it, EI_NAME), it->len[EI_NAME], lpszName, lpcchName);
        if (!err && lpdwType != NULL)
            *lpdwType = it->type;
    }
    leave(&c);
    if (err)
        set_error(err);
    return err;
}

static DWORD WINAPI sim_ClusterEnum(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                    LPDWORD lpcchName)
{
    return enum_read(CS_FN_ClusterEnum, TOKEN_OF(hEnum), HK_CLUSENUM, dwIndex, lpdwType, lpszName, lpcchName);
}

static DWORD WINAPI sim_ClusterCloseEnum(HCLUSENUM hEnum)
{
    return close_dword(CS_FN_ClusterCloseEnum, TOKEN_OF(hEnum), HK_CLUSENUM);
}

/* *EnumEx: checks (pItem, cbItem) against the bytes an item needs.  Returns
 * 0 when the item fits. */
static DWORD check_item_buffer(const void *item, LPDWORD cb, size_t needed)
{
    if (cb == NULL)
        return ERROR_INVALID_PARAMETER;
    if (item == NULL && *cb != 0)
        return ERROR_INVALID_PARAMETER;
    if ((size_t)*cb < needed) {
        *cb = (DWORD)needed;
        return ERROR_MORE_DATA;
    }
    return 0;
}

/* Bytes of an item string with its NUL. */
static size_t item_bytes(const enum_item *it, int which)
{
    return ((size_t)it->len[which] + 1) * sizeof(WCHAR);
}

/* Copies one string of the item to base + *pos; returns where it went. */
static LPWSTR pack(BYTE *base, size_t *pos, const sim_handle *h, const enum_item *it, int which, DWORD *cb)
{
    LPWSTR dst = (LPWSTR)(void *)(base + *pos);
    size_t n = it->len[which];
    if (n)
        memcpy(dst, item_str(h, it, which), n * sizeof(WCHAR));
    dst[n] = 0;
    *cb = (DWORD)((n + 1) * sizeof(WCHAR));
    *pos += *cb;
    return dst;
}

/* The common start of the *EnumEx entry points: the handle, an injected
 * fault, the size pointer and the index.  On success the call is entered
 * (leave() it) and *item is the item; on failure nothing is held. */
static DWORD enter_item(call *c, int fn, uint64_t token, int hk, DWORD index, LPDWORD cbItem,
                        const enum_item **item)
{
    DWORD err = enter(c, fn, token, hk);
    if (err)
        return err;
    err = take_fault(c->s, c->fn);
    if (!err && cbItem == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err && index >= c->h->n_items)
        err = ERROR_NO_MORE_ITEMS;
    if (err) {
        leave(c);
        return err;
    }
    *item = &c->h->items[index];
    return 0;
}

/* Where the strings start after an item struct: aligned to 2. */
#define ITEM_HEAD(type) ((sizeof(type) + 1u) & ~(size_t)1u)

static DWORD WINAPI sim_ClusterEnumEx(HCLUSENUMEX hClusterEnum, DWORD dwIndex, PCLUSTER_ENUM_ITEM pItem,
                                      LPDWORD cbItem)
{
    call c;
    const enum_item *it;
    DWORD err = enter_item(&c, CS_FN_ClusterEnumEx, TOKEN_OF(hClusterEnum), HK_CLUSENUMEX, dwIndex, cbItem, &it);
    if (!err) {
        size_t pos = ITEM_HEAD(CLUSTER_ENUM_ITEM);
        size_t needed = pos + item_bytes(it, EI_ID) + item_bytes(it, EI_NAME);
        err = check_item_buffer(pItem, cbItem, needed);
        if (!err) {
            BYTE *base = (BYTE *)pItem;
            memset(pItem, 0, sizeof(*pItem));
            pItem->dwVersion = CLUSTER_ENUM_ITEM_VERSION_1;
            pItem->dwType = it->type;
            pItem->lpszId = pack(base, &pos, c.h, it, EI_ID, &pItem->cbId);
            pItem->lpszName = pack(base, &pos, c.h, it, EI_NAME, &pItem->cbName);
            *cbItem = (DWORD)pos;
        }
        leave(&c);
    }
    if (err)
        set_error(err);
    return err;
}

static DWORD WINAPI sim_ClusterCloseEnumEx(HCLUSENUMEX hClusterEnum)
{
    return close_dword(CS_FN_ClusterCloseEnumEx, TOKEN_OF(hClusterEnum), HK_CLUSENUMEX);
}

/* ---- objects: open, close, state ------------------------------------------------------------ */
/* Open*(Ex): the object of that kind and name.  `ex`: the Ex variant with
 * its access rules; the plain one needs read or all rights. */
static uint64_t open_object(int fn, HCLUSTER hCluster, int kind, LPCWSTR name, int ex, DWORD desired,
                            LPDWORD granted_out)
{
    call c;
    DWORD err, granted = ACCESS_ALL;
    sim_handle *h = NULL;
    sim_obj *o = NULL;
    uint64_t token = 0;
    err = enter(&c, fn, TOKEN_OF(hCluster), HK_CLUSTER);
    if (err) {
        set_error(err);
        return 0;
    }
    err = take_fault(c.s, fn);
    if (!err && cs_wempty(name))
        err = ERROR_INVALID_PARAMETER;
    if (!err && ex)
        err = access_valid(desired);
    if (!err) {
        if (ex)
            err = access_grant(c.s, desired, &granted);
        else if (c.s->rights == CS_RIGHTS_NONE)
            err = ERROR_ACCESS_DENIED;
    }
    if (!err) {
        o = set_find(&c.s->sets[kind], name, cs_wlen(name));
        if (o == NULL)
            err = not_found(kind);
    }
    if (!err)
        err = handle_new(c.s, kind, o, c.h, &h);
    if (!err)
        token = h->token;
    leave(&c);
    if (err) {
        set_error(err);
        return 0;
    }
    if (ex && granted_out)
        *granted_out = granted;
    return token;
}

/* Get*State: the object's state, or -1 with the last error set. */
static int object_state(int fn, uint64_t token, int hk)
{
    call c;
    int state = -1;
    DWORD err = enter(&c, fn, token, hk);
    if (!err) {
        err = take_fault(c.s, fn);
        if (!err && c.h->obj->deleted)
            err = not_found(hk);
        if (!err)
            state = c.h->obj->state;
        leave(&c);
    }
    if (err) {
        set_error(err);
        return -1;
    }
    return state;
}

/* GetClusterNodeId / GetClusterNetworkId; hk NODE with token 0: the first
 * node of the cluster bound to this thread. */
static DWORD object_id(int fn, uint64_t token, int hk, LPWSTR buf, LPDWORD cch)
{
    call c;
    const sim_obj *o;
    DWORD err = (token == 0 && hk == HK_NODE) ? enter_bound(&c, fn) : enter(&c, fn, token, hk);
    if (err) {
        set_error(err);
        return err;
    }
    err = take_fault(c.s, fn);
    if (!err)
        err = check_name_buffer(buf, cch);
    if (!err) {
        o = c.h ? c.h->obj : c.s->sets[CS_KIND_NODE].head;
        if (o == NULL || o->deleted)
            err = not_found(hk);
        else
            err = put_name(o->id.p, o->id.n, buf, cch);
    }
    leave(&c);
    if (err)
        set_error(err);
    return err;
}

/* ---- object enumerations ---------------------------------------------------------------------- */
static int sub_enum_valid(int kind, DWORD type)
{
    DWORD valid = kind == CS_KIND_NODE ? 0x3u : kind == CS_KIND_GROUP ? 0x3u
                : kind == CS_KIND_RESOURCE ? 0x7u : kind == CS_KIND_NETWORK ? 0x1u : 0u;
    return type != 0 && (type & ~valid) == 0;
}

static void add_names(ebuild *eb, DWORD t, const objvec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        eb_add(eb, t, v->v[i]->state, &v->v[i]->name, &v->v[i]->id, NULL, NULL, NULL);
}

/* The items of a node / group / resource / network enumeration, by type
 * bit, then in order. */
static void build_sub_enum(const sim *s, const sim_obj *o, DWORD type, ebuild *eb)
{
    const sim_obj *x;
    switch (o->kind) {
    case CS_KIND_NODE:
        if (type & CLUSTER_NODE_ENUM_NETINTERFACES)
            for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = x->next)
                if (x->node == o)
                    eb_add(eb, CLUSTER_NODE_ENUM_NETINTERFACES, x->state, &x->name, &x->id, NULL, NULL, NULL);
        if (type & CLUSTER_NODE_ENUM_GROUPS)
            for (x = s->sets[CS_KIND_GROUP].head; x; x = x->next)
                if (x->node == o)
                    eb_add(eb, CLUSTER_NODE_ENUM_GROUPS, x->state, &x->name, &x->id, NULL, NULL, NULL);
        break;
    case CS_KIND_GROUP:
        if (type & CLUSTER_GROUP_ENUM_CONTAINS)
            for (x = o->res_head; x; x = x->gnext)
                eb_add(eb, CLUSTER_GROUP_ENUM_CONTAINS, x->state, &x->name, &x->id, NULL, NULL, NULL);
        if (type & CLUSTER_GROUP_ENUM_NODES)
            add_names(eb, CLUSTER_GROUP_ENUM_NODES, &o->preferred);
        break;
    case CS_KIND_RESOURCE:
        if (type & CLUSTER_RESOURCE_ENUM_DEPENDS)
            add_names(eb, CLUSTER_RESOURCE_ENUM_DEPENDS, &o->deps);
        if (type & CLUSTER_RESOURCE_ENUM_PROVIDES)
            add_names(eb, CLUSTER_RESOURCE_ENUM_PROVIDES, &o->dependents);
        if (type & CLUSTER_RESOURCE_ENUM_NODES)
            add_names(eb, CLUSTER_RESOURCE_ENUM_NODES, &o->possible);
        break;
    case CS_KIND_NETWORK:
        if (type & CLUSTER_NETWORK_ENUM_NETINTERFACES)
            for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = x->next)
                if (x->network == o)
                    eb_add(eb, CLUSTER_NETWORK_ENUM_NETINTERFACES, x->state, &x->name, &x->id, NULL, NULL, NULL);
        break;
    default:
        break;
    }
}

static uint64_t open_sub_enum(int fn, uint64_t token, int hk_obj, int hk_enum, DWORD type)
{
    call c;
    ebuild eb;
    uint64_t out = 0;
    DWORD err = enter(&c, fn, token, hk_obj);
    if (err) {
        set_error(err);
        return 0;
    }
    err = take_fault(c.s, fn);
    if (!err && !sub_enum_valid(hk_obj, type))
        err = ERROR_INVALID_PARAMETER;
    if (!err && c.h->obj->deleted)
        err = not_found(hk_obj);
    if (!err) {
        eb_init(&eb);
        build_sub_enum(c.s, c.h->obj, type, &eb);
        err = enum_handle(c.s, hk_enum, c.h->parent, &eb, &out);
    }
    leave(&c);
    if (err) {
        set_error(err);
        return 0;
    }
    return out;
}

/* ---- nodes --------------------------------------------------------------------------------------- */
static HNODE WINAPI sim_OpenClusterNode(HCLUSTER hCluster, LPCWSTR lpszNodeName)
{
    return HANDLE_OF(HNODE, open_object(CS_FN_OpenClusterNode, hCluster, CS_KIND_NODE, lpszNodeName, 0, 0, NULL));
}

static HNODE WINAPI sim_OpenClusterNodeEx(HCLUSTER hCluster, LPCWSTR lpszNodeName, DWORD dwDesiredAccess,
                                          LPDWORD lpdwGrantedAccess)
{
    return HANDLE_OF(HNODE, open_object(CS_FN_OpenClusterNodeEx, hCluster, CS_KIND_NODE, lpszNodeName, 1,
                                        dwDesiredAccess, lpdwGrantedAccess));
}

static BOOL WINAPI sim_CloseClusterNode(HNODE hNode)
{
    return close_bool(CS_FN_CloseClusterNode, TOKEN_OF(hNode), HK_NODE);
}

static CLUSTER_NODE_STATE WINAPI sim_GetClusterNodeState(HNODE hNode)
{
    return (CLUSTER_NODE_STATE)object_state(CS_FN_GetClusterNodeState, TOKEN_OF(hNode), HK_NODE);
}

static DWORD WINAPI sim_GetClusterNodeId(HNODE hNode, LPWSTR lpszNodeId, LPDWORD lpcchName)
{
    return object_id(CS_FN_GetClusterNodeId, TOKEN_OF(hNode), HK_NODE, lpszNodeId, lpcchName);
}

static HNODEENUM WINAPI sim_ClusterNodeOpenEnum(HNODE hNode, DWORD dwType)
{
    return HANDLE_OF(HNODEENUM, open_sub_enum(CS_FN_ClusterNodeOpenEnum, TOKEN_OF(hNode), HK_NODE, HK_NODEENUM,
                                              dwType));
}

static DWORD WINAPI sim_ClusterNodeEnum(HNODEENUM hNodeEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                        LPDWORD lpcchName)
{
    return enum_read(CS_FN_ClusterNodeEnum, TOKEN_OF(hNodeEnum), HK_NODEENUM, dwIndex, lpdwType, lpszName,
                     lpcchName);
}

static DWORD WINAPI sim_ClusterNodeCloseEnum(HNODEENUM hNodeEnum)
{
    return close_dword(CS_FN_ClusterNodeCloseEnum, TOKEN_OF(hNodeEnum), HK_NODEENUM);
}

/* ---- groups ------------------------------------------------------------------------------------- */
static HGROUP WINAPI sim_OpenClusterGroup(HCLUSTER hCluster, LPCWSTR lpszGroupName)
{
    return HANDLE_OF(HGROUP, open_object(CS_FN_OpenClusterGroup, hCluster, CS_KIND_GROUP, lpszGroupName, 0, 0,
                                         NULL));
}

static HGROUP WINAPI sim_OpenClusterGroupEx(HCLUSTER hCluster, LPCWSTR lpszGroupName, DWORD dwDesiredAccess,
                                            LPDWORD lpdwGrantedAccess)
{
    return HANDLE_OF(HGROUP, open_object(CS_FN_OpenClusterGroupEx, hCluster, CS_KIND_GROUP, lpszGroupName, 1,
                                         dwDesiredAccess, lpdwGrantedAccess));
}

static BOOL WINAPI sim_CloseClusterGroup(HGROUP hGroup)
{
    return close_bool(CS_FN_CloseClusterGroup, TOKEN_OF(hGroup), HK_GROUP);
}

/* An optional (buffer, count) pair: both NULL = not wanted; a buffer
 * without its count is an error. */
static DWORD check_optional_buffer(LPWSTR buf, LPDWORD cch)
{
    if (cch == NULL)
        return buf == NULL ? 0 : (DWORD)ERROR_INVALID_PARAMETER;
    return check_name_buffer(buf, cch);
}

static const WCHAR *owner_name(const sim_obj *group, size_t *n)
{
    if (group == NULL || group->node == NULL) {
        *n = 0;
        return empty_w;
    }
    *n = group->node->name.n;
    return group->node->name.p;
}

static CLUSTER_GROUP_STATE WINAPI sim_GetClusterGroupState(HGROUP hGroup, LPWSTR lpszNodeName,
                                                           LPDWORD lpcchNodeName)
{
    call c;
    int state = -1;
    DWORD err = enter(&c, CS_FN_GetClusterGroupState, TOKEN_OF(hGroup), HK_GROUP);
    if (!err) {
        const sim_obj *g = c.h->obj;
        err = take_fault(c.s, c.fn);
        if (!err)
            err = check_optional_buffer(lpszNodeName, lpcchNodeName);
        if (!err && g->deleted)
            err = ERROR_GROUP_NOT_FOUND;
        if (!err && lpcchNodeName != NULL) {
            size_t n;
            const WCHAR *owner = owner_name(g, &n);
            err = put_name(owner, n, lpszNodeName, lpcchNodeName);
        }
        if (!err)
            state = g->state;
        leave(&c);
    }
    if (err) {
        set_error(err);
        return ClusterGroupStateUnknown;
    }
    return (CLUSTER_GROUP_STATE)state;
}

static HGROUPENUM WINAPI sim_ClusterGroupOpenEnum(HGROUP hGroup, DWORD dwType)
{
    return HANDLE_OF(HGROUPENUM, open_sub_enum(CS_FN_ClusterGroupOpenEnum, TOKEN_OF(hGroup), HK_GROUP,
                                               HK_GROUPENUM, dwType));
}

static DWORD WINAPI sim_ClusterGroupEnum(HGROUPENUM hGroupEnum, DWORD dwIndex, LPDWORD lpdwType,
                                         LPWSTR lpszResourceName, LPDWORD lpcchName)
{
    return enum_read(CS_FN_ClusterGroupEnum, TOKEN_OF(hGroupEnum), HK_GROUPENUM, dwIndex, lpdwType,
                     lpszResourceName, lpcchName);
}

static DWORD WINAPI sim_ClusterGroupCloseEnum(HGROUPENUM hGroupEnum)
{
    return close_dword(CS_FN_ClusterGroupCloseEnum, TOKEN_OF(hGroupEnum), HK_GROUPENUM);
}

/* Cluster{Group,Resource}OpenEnumEx: every group (id, name, state, owner)
 * or resource (id, name, group name, group id).  The property lists are
 * accepted and ignored; dwFlags is reserved (0). */
static uint64_t open_bulk_enum(int fn, HCLUSTER hCluster, DWORD dwFlags, int hk)
{
    call c;
    ebuild eb;
    uint64_t token = 0;
    DWORD err = enter(&c, fn, TOKEN_OF(hCluster), HK_CLUSTER);
    if (err) {
        set_error(err);
        return 0;
    }
    err = take_fault(c.s, fn);
    if (!err && dwFlags != 0)
        err = ERROR_INVALID_PARAMETER;
    if (!err) {
        const sim_obj *o;
        eb_init(&eb);
        if (hk == HK_GROUPENUMEX) {
            for (o = c.s->sets[CS_KIND_GROUP].head; o; o = o->next)
                eb_add(&eb, CLUSTER_ENUM_GROUP, o->state, &o->name, &o->id, o->node ? &o->node->name : NULL,
                       NULL, NULL);
        } else {
            for (o = c.s->sets[CS_KIND_RESOURCE].head; o; o = o->next)
                eb_add(&eb, CLUSTER_ENUM_RESOURCE, o->state, &o->name, &o->id, NULL, &o->group->name,
                       &o->group->id);
        }
        err = enum_handle(c.s, hk, c.h, &eb, &token);
    }
    leave(&c);
    if (err) {
        set_error(err);
        return 0;
    }
    return token;
}

static HGROUPENUMEX WINAPI sim_ClusterGroupOpenEnumEx(HCLUSTER hCluster, LPCWSTR lpszProperties, DWORD cbProperties,
                                                      LPCWSTR lpszRoProperties, DWORD cbRoProperties, DWORD dwFlags)
{
    (void)lpszProperties;
    (void)cbProperties;
    (void)lpszRoProperties;
    (void)cbRoProperties;
    return HANDLE_OF(HGROUPENUMEX, open_bulk_enum(CS_FN_ClusterGroupOpenEnumEx, hCluster, dwFlags, HK_GROUPENUMEX));
}

static DWORD WINAPI sim_ClusterGroupEnumEx(HGROUPENUMEX hGroupEnumEx, DWORD dwIndex, PCLUSTER_GROUP_ENUM_ITEM pItem,
                                           LPDWORD cbItem)
{
    call c;
    const enum_item *it;
    DWORD err = enter_item(&c, CS_FN_ClusterGroupEnumEx, TOKEN_OF(hGroupEnumEx), HK_GROUPENUMEX, dwIndex, cbItem, &it);
    if (!err) {
        size_t pos = ITEM_HEAD(CLUSTER_GROUP_ENUM_ITEM);
        size_t needed = pos + item_bytes(it, EI_ID) + item_bytes(it, EI_NAME) + item_bytes(it, EI_OWNER);
        err = check_item_buffer(pItem, cbItem, needed);
        if (!err) {
            BYTE *base = (BYTE *)pItem;
            memset(pItem, 0, sizeof(*pItem));
            pItem->dwVersion = CLUSTER_GROUP_ENUM_ITEM_VERSION_1;
            pItem->lpszId = pack(base, &pos, c.h, it, EI_ID, &pItem->cbId);
            pItem->lpszName = pack(base, &pos, c.h, it, EI_NAME, &pItem->cbName);
            pItem->state = (CLUSTER_GROUP_STATE)it->state;
            pItem->lpszOwnerNode = pack(base, &pos, c.h, it, EI_OWNER, &pItem->cbOwnerNode);
            pItem->dwFlags = 0;
            pItem->cbProperties = 0;
            pItem->pProperties = NULL;
            pItem->cbRoProperties = 0;
            pItem->pRoProperties = NULL;
            *cbItem = (DWORD)pos;
        }
        leave(&c);
    }
    if (err)
        set_error(err);
    return err;
}

static DWORD WINAPI sim_ClusterGroupCloseEnumEx(HGROUPENUMEX hGroupEnumEx)
{
    return close_dword(CS_FN_ClusterGroupCloseEnumEx, TOKEN_OF(hGroupEnumEx), HK_GROUPENUMEX);
}

/* Cluster{Group,Resource}Control: only CLUSCTL_*_GET_ID (sizes in bytes). */
static DWORD control_get_id(int fn, uint64_t token, int hk, HNODE hHostNode, DWORD code, DWORD id_code,
                            LPVOID lpOutBuffer, DWORD cbOutBufferSize, LPDWORD lpBytesReturned)
{
    call c;
    DWORD err = enter(&c, fn, token, hk);
    if (err) {
        set_error(err);
        return err;
    }
    err = take_fault(c.s, fn);
    if (!err && hHostNode != NULL) {
        const sim_handle *host = handle_lookup(TOKEN_OF(hHostNode), HK_NODE);
        if (host == NULL || host->s != c.s)
            err = ERROR_INVALID_HANDLE;
    }
    if (!err && c.h->obj->deleted)
        err = not_found(hk);
    if (!err && code != id_code)
        err = ERROR_INVALID_FUNCTION;
    if (!err) {
        const wstr *id = &c.h->obj->id;
        DWORD needed = (DWORD)((id->n + 1) * sizeof(WCHAR));
        if (lpBytesReturned != NULL)
            *lpBytesReturned = needed;
        if (lpOutBuffer == NULL || cbOutBufferSize < needed)
            err = ERROR_MORE_DATA;
        else
            memcpy(lpOutBuffer, id->p, needed);
    }
    leave(&c);
    if (err)
        set_error(err);
    return err;
}

static DWORD WINAPI sim_ClusterGroupControl(HGROUP hGroup, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                                            DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                                            LPDWORD lpBytesReturned)
{
    (void)lpInBuffer;
    (void)nInBufferSize;
    return control_get_id(CS_FN_ClusterGroupControl, TOKEN_OF(hGroup), HK_GROUP, hHostNode, dwControlCode,
                          (DWORD)CLUSCTL_GROUP_GET_ID, lpOutBuffer, nOutBufferSize, lpBytesReturned);
}

/* ---- resources ------------------------------------------------------------------------------------ */
static HRESOURCE WINAPI sim_OpenClusterResource(HCLUSTER hCluster, LPCWSTR lpszResourceName)
{
    return HANDLE_OF(HRESOURCE, open_object(CS_FN_OpenClusterResource, hCluster, CS_KIND_RESOURCE,
                                            lpszResourceName, 0, 0, NULL));
}

static HRESOURCE WINAPI sim_OpenClusterResourceEx(HCLUSTER hCluster, LPCWSTR lpszResourceName,
                                                  DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess)
{
    return HANDLE_OF(HRESOURCE, open_object(CS_FN_OpenClusterResourceEx, hCluster, CS_KIND_RESOURCE,
                                            lpszResourceName, 1, dwDesiredAccess, lpdwGrantedAccess));
}

static BOOL WINAPI sim_CloseClusterResource(HRESOURCE hResource)
{
    return close_bool(CS_FN_CloseClusterResource, TOKEN_OF(hResource), HK_RESOURCE);
}

static CLUSTER_RESOURCE_STATE WINAPI sim_GetClusterResourceState(HRESOURCE hResource, LPWSTR lpszNodeName,
                                                                 LPDWORD lpcchNodeName, LPWSTR lpszGroupName,
                                                                 LPDWORD lpcchGroupName)
{
    call c;
    int state = -1;
    DWORD err = enter(&c, CS_FN_GetClusterResourceState, TOKEN_OF(hResource), HK_RESOURCE);
    if (!err) {
        const sim_obj *r = c.h->obj;
        err = take_fault(c.s, c.fn);
        if (!err)
            err = check_optional_buffer(lpszNodeName, lpcchNodeName);
        if (!err)
            err = check_optional_buffer(lpszGroupName, lpcchGroupName);
        if (!err && r->deleted)
            err = ERROR_RESOURCE_NOT_FOUND;
        if (!err) {
            size_t n_node;
            const WCHAR *node = owner_name(r->group, &n_node);
            const wstr *group = &r->group->name;
            if ((lpcchNodeName && !name_fits(n_node, lpcchNodeName)) ||
                (lpcchGroupName && !name_fits(group->n, lpcchGroupName))) {
                if (lpcchNodeName)
                    *lpcchNodeName = (DWORD)n_node;
                if (lpcchGroupName)
                    *lpcchGroupName = (DWORD)group->n;
                err = ERROR_MORE_DATA;
            } else {
                if (lpcchNodeName)
                    name_write(node, n_node, lpszNodeName, lpcchNodeName);
                if (lpcchGroupName)
                    name_write(group->p, group->n, lpszGroupName, lpcchGroupName);
                state = r->state;
            }
        }
        leave(&c);
    }
    if (err) {
        set_error(err);
        return ClusterResourceStateUnknown;
    }
    return (CLUSTER_RESOURCE_STATE)state;
}

static HRESENUM WINAPI sim_ClusterResourceOpenEnum(HRESOURCE hResource, DWORD dwType)
{
    return HANDLE_OF(HRESENUM, open_sub_enum(CS_FN_ClusterResourceOpenEnum, TOKEN_OF(hResource), HK_RESOURCE,
                                             HK_RESENUM, dwType));
}

static DWORD WINAPI sim_ClusterResourceEnum(HRESENUM hResEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                            LPDWORD lpcchName)
{
    return enum_read(CS_FN_ClusterResourceEnum, TOKEN_OF(hResEnum), HK_RESENUM, dwIndex, lpdwType, lpszName,
                     lpcchName);
}

static DWORD WINAPI sim_ClusterResourceCloseEnum(HRESENUM hResEnum)
{
    return close_dword(CS_FN_ClusterResourceCloseEnum, TOKEN_OF(hResEnum), HK_RESENUM);
}

static HRESENUMEX WINAPI sim_ClusterResourceOpenEnumEx(HCLUSTER hCluster, LPCWSTR lpszProperties,
                                                       DWORD cbProperties, LPCWSTR lpszRoProperties,
                                                       DWORD cbRoProperties, DWORD dwFlags)
{
    (void)lpszProperties;
    (void)cbProperties;
    (void)lpszRoProperties;
    (void)cbRoProperties;
    return HANDLE_OF(HRESENUMEX, open_bulk_enum(CS_FN_ClusterResourceOpenEnumEx, hCluster, dwFlags, HK_RESENUMEX));
}

static DWORD WINAPI sim_ClusterResourceEnumEx(HRESENUMEX hResourceEnumEx, DWORD dwIndex,
                                              PCLUSTER_RESOURCE_ENUM_ITEM pItem, LPDWORD cbItem)
{
    call c;
    const enum_item *it;
    DWORD err = enter_item(&c, CS_FN_ClusterResourceEnumEx, TOKEN_OF(hResourceEnumEx), HK_RESENUMEX, dwIndex, cbItem, &it);
    if (!err) {
        size_t pos = ITEM_HEAD(CLUSTER_RESOURCE_ENUM_ITEM);
        size_t needed = pos + item_bytes(it, EI_ID) + item_bytes(it, EI_NAME) + item_bytes(it, EI_GNAME) +
                        item_bytes(it, EI_GID);
        err = check_item_buffer(pItem, cbItem, needed);
        if (!err) {
            BYTE *base = (BYTE *)pItem;
            memset(pItem, 0, sizeof(*pItem));
            pItem->dwVersion = CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1;
            pItem->lpszId = pack(base, &pos, c.h, it, EI_ID, &pItem->cbId);
            pItem->lpszName = pack(base, &pos, c.h, it, EI_NAME, &pItem->cbName);
            pItem->lpszOwnerGroupName = pack(base, &pos, c.h, it, EI_GNAME, &pItem->cbOwnerGroupName);
            pItem->lpszOwnerGroupId = pack(base, &pos, c.h, it, EI_GID, &pItem->cbOwnerGroupId);
            pItem->cbProperties = 0;
            pItem->pProperties = NULL;
            pItem->cbRoProperties = 0;
            pItem->pRoProperties = NULL;
            *cbItem = (DWORD)pos;
        }
        leave(&c);
    }
    if (err)
        set_error(err);
    return err;
}

static DWORD WINAPI sim_ClusterResourceCloseEnumEx(HRESENUMEX hResourceEnumEx)
{
    return close_dword(CS_FN_ClusterResourceCloseEnumEx, TOKEN_OF(hResourceEnumEx), HK_RESENUMEX);
}

static DWORD WINAPI sim_ClusterResourceControl(HRESOURCE hResource, HNODE hHostNode, DWORD dwControlCode,
                                               LPVOID lpInBuffer, DWORD cbInBufferSize, LPVOID lpOutBuffer,
                                               DWORD cbOutBufferSize, LPDWORD lpBytesReturned)
{
    (void)lpInBuffer;
    (void)cbInBufferSize;
    return control_get_id(CS_FN_ClusterResourceControl, TOKEN_OF(hResource), HK_RESOURCE, hHostNode,
                          dwControlCode, (DWORD)CLUSCTL_RESOURCE_GET_ID, lpOutBuffer, cbOutBufferSize,
                          lpBytesReturned);
}

/* ---- networks ------------------------------------------------------------------------------------- */
static HNETWORK WINAPI sim_OpenClusterNetwork(HCLUSTER hCluster, LPCWSTR lpszNetworkName)
{
    return HANDLE_OF(HNETWORK, open_object(CS_FN_OpenClusterNetwork, hCluster, CS_KIND_NETWORK, lpszNetworkName,
                                           0, 0, NULL));
}

static HNETWORK WINAPI sim_OpenClusterNetworkEx(HCLUSTER hCluster, LPCWSTR lpszNetworkName, DWORD dwDesiredAccess,
                                                LPDWORD lpdwGrantedAccess)
{
    return HANDLE_OF(HNETWORK, open_object(CS_FN_OpenClusterNetworkEx, hCluster, CS_KIND_NETWORK, lpszNetworkName,
                                           1, dwDesiredAccess, lpdwGrantedAccess));
}

static BOOL WINAPI sim_CloseClusterNetwork(HNETWORK hNetwork)
{
    return close_bool(CS_FN_CloseClusterNetwork, TOKEN_OF(hNetwork), HK_NETWORK);
}

static CLUSTER_NETWORK_STATE WINAPI sim_GetClusterNetworkState(HNETWORK hNetwork)
{
    return (CLUSTER_NETWORK_STATE)object_state(CS_FN_GetClusterNetworkState, TOKEN_OF(hNetwork), HK_NETWORK);
}

static DWORD WINAPI sim_GetClusterNetworkId(HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchName)
{
    return object_id(CS_FN_GetClusterNetworkId, TOKEN_OF(hNetwork), HK_NETWORK, lpszNetworkId, lpcchName);
}

static HNETWORKENUM WINAPI sim_ClusterNetworkOpenEnum(HNETWORK hNetwork, DWORD dwType)
{
    return HANDLE_OF(HNETWORKENUM, open_sub_enum(CS_FN_ClusterNetworkOpenEnum, TOKEN_OF(hNetwork), HK_NETWORK,
                                                 HK_NETWORKENUM, dwType));
}

static DWORD WINAPI sim_ClusterNetworkEnum(HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType,
                                           LPWSTR lpszName, LPDWORD lpcchName)
{
    return enum_read(CS_FN_ClusterNetworkEnum, TOKEN_OF(hNetworkEnum), HK_NETWORKENUM, dwIndex, lpdwType, lpszName,
                     lpcchName);
}

static DWORD WINAPI sim_ClusterNetworkCloseEnum(HNETWORKENUM hNetworkEnum)
{
    return close_dword(CS_FN_ClusterNetworkCloseEnum, TOKEN_OF(hNetworkEnum), HK_NETWORKENUM);
}

/* ---- network interfaces ------------------------------------------------------------------------------ */
static HNETINTERFACE WINAPI sim_OpenClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszInterfaceName)
{
    return HANDLE_OF(HNETINTERFACE, open_object(CS_FN_OpenClusterNetInterface, hCluster, CS_KIND_NETINTERFACE,
                                                lpszInterfaceName, 0, 0, NULL));
}

static HNETINTERFACE WINAPI sim_OpenClusterNetInterfaceEx(HCLUSTER hCluster, LPCWSTR lpszNetInterfaceName,
                                                          DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess)
{
    return HANDLE_OF(HNETINTERFACE, open_object(CS_FN_OpenClusterNetInterfaceEx, hCluster, CS_KIND_NETINTERFACE,
                                                lpszNetInterfaceName, 1, dwDesiredAccess, lpdwGrantedAccess));
}

static BOOL WINAPI sim_CloseClusterNetInterface(HNETINTERFACE hNetInterface)
{
    return close_bool(CS_FN_CloseClusterNetInterface, TOKEN_OF(hNetInterface), HK_NETINTERFACE);
}

static CLUSTER_NETINTERFACE_STATE WINAPI sim_GetClusterNetInterfaceState(HNETINTERFACE hNetInterface)
{
    return (CLUSTER_NETINTERFACE_STATE)object_state(CS_FN_GetClusterNetInterfaceState, TOKEN_OF(hNetInterface),
                                                    HK_NETINTERFACE);
}

static DWORD WINAPI sim_GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                               LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName)
{
    call c;
    DWORD err = enter(&c, CS_FN_GetClusterNetInterface, TOKEN_OF(hCluster), HK_CLUSTER);
    if (err) {
        set_error(err);
        return err;
    }
    err = take_fault(c.s, c.fn);
    if (!err && (cs_wempty(lpszNodeName) || cs_wempty(lpszNetworkName)))
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = check_name_buffer(lpszInterfaceName, lpcchInterfaceName);
    if (!err) {
        const sim_obj *node = set_find(&c.s->sets[CS_KIND_NODE], lpszNodeName, cs_wlen(lpszNodeName));
        const sim_obj *net = set_find(&c.s->sets[CS_KIND_NETWORK], lpszNetworkName, cs_wlen(lpszNetworkName));
        const sim_obj *x = NULL;
        if (node == NULL) {
            err = ERROR_CLUSTER_NODE_NOT_FOUND;
        } else if (net == NULL) {
            err = ERROR_CLUSTER_NETWORK_NOT_FOUND;
        } else {
            for (x = c.s->sets[CS_KIND_NETINTERFACE].head; x; x = x->next)
                if (x->node == node && x->network == net)
                    break;
            if (x == NULL)
                err = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
            else
                err = put_name(x->name.p, x->name.n, lpszInterfaceName, lpcchInterfaceName);
        }
    }
    leave(&c);
    if (err)
        set_error(err);
    return err;
}

/* ---- the entry points by index -------------------------------------------------------------------------- */
static const cs_any_fn entry_points[CS_FN_COUNT] = {
#define CS_X_ENTRY(name, type, rpc) (cs_any_fn)sim_##name,
    CS_CLUSAPI_FUNCTIONS(CS_X_ENTRY)
#undef CS_X_ENTRY
};

cs_any_fn cs_sim_entry_point(int function_id)
{
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return NULL;
    return entry_points[function_id];
}

/* Fills a backend table with the entry points; the assignments check each
 * entry point against its PCLUSAPI_* type. */
static void fill_table(cs_table *t)
{
#define CS_X_ASSIGN(name, type, rpc) t->fn.name = sim_##name;
    CS_CLUSAPI_FUNCTIONS(CS_X_ASSIGN)
#undef CS_X_ASSIGN
}

/* ---- leak check --------------------------------------------------------------------------------------- */
static void leak_report(void)
{
    /* Read without the lock: at exit no simulator call should be running,
     * and a thread stuck in one must not hang the process. */
    uint32_t c[CS_KIND_COUNT], total = 0;
    int k;
    for (k = 0; k < CS_KIND_COUNT; k++) {
        c[k] = g_open[k];
        total += c[k];
    }
    fprintf(stderr,
            "clusapi_py simulator leak check: cluster=%u node=%u group=%u resource=%u network=%u "
            "netinterface=%u enum=%u total=%u\n",
            (unsigned)c[CS_KIND_CLUSTER], (unsigned)c[CS_KIND_NODE], (unsigned)c[CS_KIND_GROUP],
            (unsigned)c[CS_KIND_RESOURCE], (unsigned)c[CS_KIND_NETWORK], (unsigned)c[CS_KIND_NETINTERFACE],
            (unsigned)c[CS_KIND_ENUM], (unsigned)total);
    fflush(stderr);
}

/* CLUSAPI_PY_SIM_LEAKCHECK=1 in the environment. */
static int leakcheck_requested(void)
{
#ifdef _MSC_VER
    char *value = NULL;
    size_t n = 0;
    int on;
    if (_dupenv_s(&value, &n, "CLUSAPI_PY_SIM_LEAKCHECK") != 0 || value == NULL)
        return 0;
    on = strcmp(value, "1") == 0;
    free(value);
    return on;
#else
    const char *value = getenv("CLUSAPI_PY_SIM_LEAKCHECK");
    return value != NULL && strcmp(value, "1") == 0;
#endif
}

/* ---- the control API ---------------------------------------------------------------------------------- */
/* Takes g_lock and finds a live instance; on failure releases the lock. */
static sim *control_enter(int id)
{
    sim *s;
    cs_mutex_lock(&g_lock);
    ensure_ready();
    s = sim_by_id(id);
    if (s == NULL)
        cs_mutex_unlock(&g_lock);
    return s;
}

static int valid_kind(int kind)
{
    return kind >= CS_KIND_NODE && kind <= CS_KIND_NETINTERFACE;
}

uint32_t cs_sim_create(int *backend_id)
{
    sim *s;
    int id, k;
    if (backend_id == NULL)
        return ERROR_INVALID_PARAMETER;
    s = (sim *)calloc(1, sizeof(sim));
    if (s == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (w_set(&s->name, NULL) != 0 || w_set(&s->q_res, NULL) != 0 || w_set(&s->q_dev, NULL) != 0) {
        w_free(&s->name);
        w_free(&s->q_res);
        w_free(&s->q_dev);
        free(s);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (k = 0; k < CS_KIND_ENUM; k++)
        memset(&s->sets[k], 0, sizeof(objset));
    s->rights = CS_RIGHTS_ALL;
    s->latency = 0.0;
    s->backend.kind = CS_BACKEND_SIM;
    fill_table(&s->backend.table);
    s->backend.bind = sim_bind;
    s->backend.ctx = s;
    s->backend.last_error = sim_last_error;

    cs_mutex_lock(&g_lock);
    ensure_ready();
    if (!g_leakcheck_done) {
        g_leakcheck_done = 1;
        if (leakcheck_requested())
            atexit(leak_report);
    }
    s->next_sim = g_sims;       /* id 0: not findable until registered */
    g_sims = s;
    cs_mutex_unlock(&g_lock);

    id = cs_register_backend(&s->backend);

    cs_mutex_lock(&g_lock);
    if (id <= 0) {
        sim_free(s);
        cs_mutex_unlock(&g_lock);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->id = id;
    cs_mutex_unlock(&g_lock);
    *backend_id = id;
    return 0;
}

uint32_t cs_sim_release(int sim_id)
{
    sim *s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    s->released = 1;
    cs_unregister_backend(s->id);
    if (s->open_total == 0)
        sim_free(s);
    cs_mutex_unlock(&g_lock);
    return 0;
}

cs_backend *cs_sim_backend(int backend_id)
{
    cs_backend *b = cs_backend_by_id(backend_id);
    if (b == NULL || b->kind != CS_BACKEND_SIM)
        return NULL;
    return b;
}

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
        if (w_set(&v[i], p) != 0) {
            while (i > 0)
                w_free(&v[--i]);
            free(v);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    *out = v;
    *count = n;
    return 0;
}

/* Resolves a multi_sz of names of one kind into a list of objects (no
 * duplicates); the kind's not-found code for a missing one. */
static DWORD resolve_names(sim *s, int kind, const WCHAR *msz, objvec *out)
{
    const WCHAR *p;
    memset(out, 0, sizeof(*out));
    if (msz == NULL)
        return 0;
    for (p = msz; *p; p = cs_msz_next(p)) {
        sim_obj *o = set_find(&s->sets[kind], p, cs_wlen(p));
        if (o == NULL) {
            vec_free(out);
            return not_found(kind);
        }
        if (!vec_has(out, o) && vec_push(out, o) != 0) {
            vec_free(out);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    return 0;
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

uint32_t cs_sim_set_cluster(int sim_id, const cs_char *name, const cs_char *aliases_multi_sz, uint16_t major,
                            uint16_t minor, uint16_t build, const cs_char *vendor_id, const cs_char *csd_version,
                            uint32_t highest, uint32_t lowest, uint32_t flags)
{
    sim *s;
    wstr new_name, *aliases = NULL;
    size_t n_aliases = 0, i;
    WCHAR vendor[64], csd[64];
    DWORD err;
    if (cs_wempty(name) || copy_fixed(vendor, vendor_id) != 0 || copy_fixed(csd, csd_version) != 0)
        return ERROR_INVALID_PARAMETER;
    if (w_set(&new_name, name) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = parse_names(aliases_multi_sz, &aliases, &n_aliases);
    if (err) {
        w_free(&new_name);
        return err;
    }
    s = control_enter(sim_id);
    if (s == NULL) {
        w_free(&new_name);
        for (i = 0; i < n_aliases; i++)
            w_free(&aliases[i]);
        free(aliases);
        return ERROR_INVALID_PARAMETER;
    }
    w_free(&s->name);
    s->name = new_name;
    for (i = 0; i < s->n_aliases; i++)
        w_free(&s->aliases[i]);
    free(s->aliases);
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
    cs_mutex_unlock(&g_lock);
    return 0;
}

uint32_t cs_sim_set_quorum(int sim_id, const cs_char *resource, const cs_char *device, uint32_t max_log_size)
{
    sim *s;
    wstr res, dev;
    if (w_set(&res, resource) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (w_set(&dev, device) != 0) {
        w_free(&res);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s = control_enter(sim_id);
    if (s == NULL) {
        w_free(&res);
        w_free(&dev);
        return ERROR_INVALID_PARAMETER;
    }
    w_free(&s->q_res);
    w_free(&s->q_dev);
    s->q_res = res;
    s->q_dev = dev;
    s->q_max = max_log_size;
    cs_mutex_unlock(&g_lock);
    return 0;
}

uint32_t cs_sim_add_resource_type(int sim_id, const cs_char *name)
{
    sim *s;
    size_t i, n;
    DWORD err = 0;
    if (cs_wempty(name))
        return ERROR_INVALID_PARAMETER;
    n = cs_wlen(name);
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i < s->n_restypes; i++)
        if (cs_wieq(s->restypes[i].p, s->restypes[i].n, name, n))
            err = ERROR_ALREADY_EXISTS;
    if (!err && s->n_restypes == s->cap_restypes) {
        size_t cap = s->cap_restypes ? s->cap_restypes * 2 : 8;
        wstr *p = (wstr *)realloc(s->restypes, cap * sizeof(wstr));
        if (p == NULL) {
            err = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            s->restypes = p;
            s->cap_restypes = cap;
        }
    }
    if (!err) {
        if (w_set(&s->restypes[s->n_restypes], name) != 0)
            err = ERROR_NOT_ENOUGH_MEMORY;
        else
            s->n_restypes++;
    }
    cs_mutex_unlock(&g_lock);
    return err;
}

/* A new object of a kind, not yet inserted: ERROR_ALREADY_EXISTS for a
 * duplicate name; room in the index is reserved.  g_lock held. */
static DWORD new_object(sim *s, int kind, const WCHAR *name, const WCHAR *id, int state, sim_obj **out)
{
    *out = NULL;
    if (set_find(&s->sets[kind], name, cs_wlen(name)) != NULL)
        return ERROR_ALREADY_EXISTS;
    if (set_reserve(&s->sets[kind]) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    *out = obj_new(kind, name, id, state);
    return *out ? 0 : (DWORD)ERROR_NOT_ENOUGH_MEMORY;
}

/* Nodes and networks: nothing to link. */
static uint32_t add_plain(int sim_id, int kind, const cs_char *name, const cs_char *id, int state)
{
    sim *s;
    sim_obj *o;
    DWORD err;
    if (cs_wempty(name) || !valid_state(kind, state))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    err = new_object(s, kind, name, id, state, &o);
    if (!err)
        set_insert(&s->sets[kind], o);
    cs_mutex_unlock(&g_lock);
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
    DWORD err = 0;
    if (cs_wempty(name) || cs_wempty(node) || cs_wempty(network) || !valid_state(CS_KIND_NETINTERFACE, state))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    if (set_find(&s->sets[CS_KIND_NETINTERFACE], name, cs_wlen(name)) != NULL)
        err = ERROR_ALREADY_EXISTS;
    if (!err && (n = set_find(&s->sets[CS_KIND_NODE], node, cs_wlen(node))) == NULL)
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err && (net = set_find(&s->sets[CS_KIND_NETWORK], network, cs_wlen(network))) == NULL)
        err = ERROR_CLUSTER_NETWORK_NOT_FOUND;
    if (!err)
        err = new_object(s, CS_KIND_NETINTERFACE, name, id, state, &o);
    if (!err) {
        o->node = n;
        o->network = net;
        set_insert(&s->sets[CS_KIND_NETINTERFACE], o);
    }
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_add_group(int sim_id, const cs_char *name, const cs_char *id, int state, const cs_char *owner_node,
                          const cs_char *preferred_owners_multi_sz)
{
    sim *s;
    sim_obj *o = NULL, *owner = NULL;
    objvec preferred;
    DWORD err = 0;
    memset(&preferred, 0, sizeof(preferred));
    if (cs_wempty(name) || !valid_state(CS_KIND_GROUP, state))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    if (set_find(&s->sets[CS_KIND_GROUP], name, cs_wlen(name)) != NULL)
        err = ERROR_ALREADY_EXISTS;
    if (!err && !cs_wempty(owner_node) &&
        (owner = set_find(&s->sets[CS_KIND_NODE], owner_node, cs_wlen(owner_node))) == NULL)
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err)
        err = resolve_names(s, CS_KIND_NODE, preferred_owners_multi_sz, &preferred);
    if (!err)
        err = new_object(s, CS_KIND_GROUP, name, id, state, &o);
    if (!err) {
        o->node = owner;
        o->preferred = preferred;
        memset(&preferred, 0, sizeof(preferred));
        set_insert(&s->sets[CS_KIND_GROUP], o);
    }
    vec_free(&preferred);
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_add_resource(int sim_id, const cs_char *name, const cs_char *id, const cs_char *type,
                             const cs_char *group, int state, const cs_char *dependencies_multi_sz,
                             const cs_char *possible_owners_multi_sz)
{
    sim *s;
    sim_obj *o = NULL, *g = NULL;
    objvec deps, possible;
    wstr type_copy;
    size_t i;
    DWORD err = 0;
    memset(&deps, 0, sizeof(deps));
    memset(&possible, 0, sizeof(possible));
    if (cs_wempty(name) || cs_wempty(group) || !valid_state(CS_KIND_RESOURCE, state))
        return ERROR_INVALID_PARAMETER;
    if (w_set(&type_copy, type) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    s = control_enter(sim_id);
    if (s == NULL) {
        w_free(&type_copy);
        return ERROR_INVALID_PARAMETER;
    }
    if (set_find(&s->sets[CS_KIND_RESOURCE], name, cs_wlen(name)) != NULL)
        err = ERROR_ALREADY_EXISTS;
    if (!err && (g = set_find(&s->sets[CS_KIND_GROUP], group, cs_wlen(group))) == NULL)
        err = ERROR_GROUP_NOT_FOUND;
    if (!err)
        err = resolve_names(s, CS_KIND_RESOURCE, dependencies_multi_sz, &deps);
    if (!err)
        err = resolve_names(s, CS_KIND_NODE, possible_owners_multi_sz, &possible);
    if (!err)
        err = new_object(s, CS_KIND_RESOURCE, name, id, state, &o);
    for (i = 0; !err && i < deps.n; i++) {
        if (vec_push(&deps.v[i]->dependents, o) != 0) {
            while (i > 0)
                vec_remove(&deps.v[--i]->dependents, o);
            obj_free(o);
            o = NULL;
            err = ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    if (!err) {
        w_free(&o->type);
        o->type = type_copy;
        memset(&type_copy, 0, sizeof(type_copy));
        o->deps = deps;
        o->possible = possible;
        memset(&deps, 0, sizeof(deps));
        memset(&possible, 0, sizeof(possible));
        o->group = g;
        o->gprev = g->res_tail;
        if (g->res_tail)
            g->res_tail->gnext = o;
        else
            g->res_head = o;
        g->res_tail = o;
        set_insert(&s->sets[CS_KIND_RESOURCE], o);
    }
    vec_free(&deps);
    vec_free(&possible);
    w_free(&type_copy);
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_delete(int sim_id, int kind, const cs_char *name)
{
    sim *s;
    sim_obj *o;
    DWORD err = 0;
    if (!valid_kind(kind) || cs_wempty(name))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    o = set_find(&s->sets[kind], name, cs_wlen(name));
    if (o == NULL)
        err = not_found(kind);
    else
        obj_delete(s, o);
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_set_state(int sim_id, int kind, const cs_char *name, int state)
{
    sim *s;
    sim_obj *o;
    DWORD err = 0;
    if (!valid_kind(kind) || cs_wempty(name) || !valid_state(kind, state))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    o = set_find(&s->sets[kind], name, cs_wlen(name));
    if (o == NULL)
        err = not_found(kind);
    else
        o->state = state;
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_move_group(int sim_id, const cs_char *group, const cs_char *node)
{
    sim *s;
    sim_obj *g, *n = NULL;
    DWORD err = 0;
    if (cs_wempty(group))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    g = set_find(&s->sets[CS_KIND_GROUP], group, cs_wlen(group));
    if (g == NULL)
        err = ERROR_GROUP_NOT_FOUND;
    if (!err && !cs_wempty(node) && (n = set_find(&s->sets[CS_KIND_NODE], node, cs_wlen(node))) == NULL)
        err = ERROR_CLUSTER_NODE_NOT_FOUND;
    if (!err)
        g->node = n;
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_delete_after(int sim_id, int function_id, uint32_t after_calls, int kind, const cs_char *name)
{
    sim *s;
    wstr copy;
    DWORD err = 0;
    if (function_id < 0 || function_id >= CS_FN_COUNT || after_calls == 0 || !valid_kind(kind) || cs_wempty(name))
        return ERROR_INVALID_PARAMETER;
    if (w_set(&copy, name) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    s = control_enter(sim_id);
    if (s == NULL) {
        w_free(&copy);
        return ERROR_INVALID_PARAMETER;
    }
    if (set_find(&s->sets[kind], copy.p, copy.n) == NULL)
        err = not_found(kind);
    if (!err && s->n_pending == s->cap_pending) {
        size_t cap = s->cap_pending ? s->cap_pending * 2 : 4;
        sim_pending_delete *p = (sim_pending_delete *)realloc(s->pending, cap * sizeof(*p));
        if (p == NULL) {
            err = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            s->pending = p;
            s->cap_pending = cap;
        }
    }
    if (!err) {
        sim_pending_delete *p = &s->pending[s->n_pending++];
        p->fn = function_id;
        p->remaining = after_calls;
        p->kind = kind;
        p->name = copy;
        memset(&copy, 0, sizeof(copy));
    }
    w_free(&copy);
    cs_mutex_unlock(&g_lock);
    return err;
}

uint32_t cs_sim_fail(int sim_id, int function_id, uint32_t error, uint32_t count)
{
    sim *s;
    if (function_id < 0 || function_id >= CS_FN_COUNT || (count != 0 && error == 0))
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    s->fail_error[function_id] = count ? error : 0;
    s->fail_count[function_id] = count;
    cs_mutex_unlock(&g_lock);
    return 0;
}

uint32_t cs_sim_hide(int sim_id, int function_id, int hidden)
{
    sim *s;
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    s->backend.table.slot[function_id] = hidden ? NULL : entry_points[function_id];
    cs_mutex_unlock(&g_lock);
    return 0;
}

uint32_t cs_sim_set_latency(int sim_id, double seconds)
{
    sim *s;
    if (!(seconds >= 0.0) || seconds > DBL_MAX)
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    s->latency = seconds;
    cs_mutex_unlock(&g_lock);
    return 0;
}

double cs_sim_get_latency(int sim_id)
{
    double v;
    sim *s = control_enter(sim_id);
    if (s == NULL)
        return 0.0;
    v = s->latency;
    cs_mutex_unlock(&g_lock);
    return v;
}

uint32_t cs_sim_set_rights(int sim_id, int rights)
{
    sim *s;
    if (rights != CS_RIGHTS_NONE && rights != CS_RIGHTS_READ && rights != CS_RIGHTS_ALL)
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    s->rights = rights;
    cs_mutex_unlock(&g_lock);
    return 0;
}

int cs_sim_get_rights(int sim_id)
{
    int v;
    sim *s = control_enter(sim_id);
    if (s == NULL)
        return -1;
    v = s->rights;
    cs_mutex_unlock(&g_lock);
    return v;
}

static uint64_t read_counter(int sim_id, int function_id, int trips)
{
    uint64_t v = 0;
    sim *s;
    int i;
    if (function_id < -1 || function_id >= CS_FN_COUNT)
        return 0;
    s = control_enter(sim_id);
    if (s == NULL)
        return 0;
    for (i = 0; i < CS_FN_COUNT; i++)
        if (function_id == -1 || function_id == i)
            v += trips ? s->trips[i] : s->calls[i];
    cs_mutex_unlock(&g_lock);
    return v;
}

uint64_t cs_sim_calls(int sim_id, int function_id)
{
    return read_counter(sim_id, function_id, 0);
}

uint64_t cs_sim_round_trips(int sim_id, int function_id)
{
    return read_counter(sim_id, function_id, 1);
}

uint32_t cs_sim_reset_calls(int sim_id)
{
    sim *s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    memset(s->calls, 0, sizeof(s->calls));
    memset(s->trips, 0, sizeof(s->trips));
    cs_mutex_unlock(&g_lock);
    return 0;
}

uint32_t cs_sim_open_handles(int sim_id, uint32_t *counts)
{
    sim *s;
    int k;
    if (counts == NULL)
        return ERROR_INVALID_PARAMETER;
    s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    for (k = 0; k < CS_KIND_COUNT; k++)
        counts[k] = s->open[k];
    cs_mutex_unlock(&g_lock);
    return 0;
}

uint32_t cs_sim_get_last_error(void)
{
    return tls_last_error;
}

uint32_t cs_sim_bind_thread(int sim_id)
{
    sim *s = control_enter(sim_id);
    if (s == NULL)
        return ERROR_INVALID_PARAMETER;
    tls_bound = s->id;
    cs_mutex_unlock(&g_lock);
    return 0;
}

void cs_sim_total_open_handles(uint32_t *counts)
{
    int k;
    if (counts == NULL)
        return;
    cs_mutex_lock(&g_lock);
    for (k = 0; k < CS_KIND_COUNT; k++)
        counts[k] = g_open[k];
    cs_mutex_unlock(&g_lock);
}
