/*
 * sim/cs_sim_registry.c - the cluster registry, read side: the cluster
 * database as a tree of keys over the simulator's objects, whose values are
 * read from the property engine (cs_sim_props*.c) at each call, so the
 * database and the property controls never disagree.  Key, read-batch and
 * reply handles are tokens of the simulator's handle table (HK_REGKEY,
 * HK_REGBATCH, HK_REGREPLY).  The layout and the codes: sim/cs_sim.h.
 * Local calls like the rest of the surface (cs_sim_surface.c): each takes
 * g_lock, advances the instance's pending actions, and works; no latency,
 * no injected faults, not counted.
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

#define KEY_DELETED 1018u           /* ERROR_KEY_DELETED */
#define FILE_NOT_FOUND 2u           /* ERROR_FILE_NOT_FOUND */
#define T_SZ 1u                     /* REG_SZ */
#define T_EXPAND_SZ 2u
#define T_BINARY 3u
#define T_DWORD 4u
#define T_MULTI_SZ 7u
#define T_QWORD 11u

enum { L_ROOT, L_COLL, L_OBJ, L_PARAMS };
#define N_COLL 6
#define C_TYPES 5                   /* the collection of resource types */

/* A place in the tree: root, a collection, an object's (or a type's, or with
 * coll -1 the cluster's) key, or its Parameters. */
typedef struct pos {
    int level, coll;
    sim_obj *obj;
    const WCHAR *type;
    size_t type_n;
} pos;

struct sim_reg {
    int level, coll;
    wstr type;                      /* a resource type's key: its name */
    WCHAR **cmds;                   /* a batch: subkey, value pairs (NULL: none) */
    size_t n_cmds, cap_cmds;        /* pairs */
    cs_sim_reg_read *items;         /* a reply: its results, owning their strings and data */
    size_t n_items, next;
};

/* ---- names ----------------------------------------------------------------------------------- */
static const WCHAR W_GROUPS[] = {'G', 'r', 'o', 'u', 'p', 's', 0};
static const WCHAR W_RESOURCES[] = {'R', 'e', 's', 'o', 'u', 'r', 'c', 'e', 's', 0};
static const WCHAR W_NODES[] = {'N', 'o', 'd', 'e', 's', 0};
static const WCHAR W_NETWORKS[] = {'N', 'e', 't', 'w', 'o', 'r', 'k', 's', 0};
static const WCHAR W_NETIFS[] = {'N', 'e', 't', 'w', 'o', 'r', 'k', 'I', 'n', 't', 'e', 'r', 'f', 'a', 'c', 'e', 's', 0};
static const WCHAR W_TYPES[] = {'R', 'e', 's', 'o', 'u', 'r', 'c', 'e', 'T', 'y', 'p', 'e', 's', 0};
static const WCHAR W_PARAMS[] = {'P', 'a', 'r', 'a', 'm', 'e', 't', 'e', 'r', 's', 0};
static const WCHAR *const coll_names[N_COLL] = {W_GROUPS, W_RESOURCES, W_NODES, W_NETWORKS, W_NETIFS, W_TYPES};
static const int coll_kinds[N_COLL] = {CS_KIND_GROUP, CS_KIND_RESOURCE, CS_KIND_NODE, CS_KIND_NETWORK,
                                       CS_KIND_NETINTERFACE, -1};

static int coll_of_kind(int kind)
{
    int i;
    for (i = 0; i < C_TYPES; i++)
        if (coll_kinds[i] == kind)
            return i;
    return -1;
}

static const wstr *find_type(const sim *s, const WCHAR *name, size_t n)
{
    size_t i;
    for (i = 0; name != NULL && i < s->n_restypes; i++)
        if (cs_wieq(s->restypes[i].p, s->restypes[i].n, name, n))
            return &s->restypes[i];
    return NULL;
}

/* 0, or ERROR_KEY_DELETED when the key's object (or type) is gone. */
static DWORD pos_live(const sim *s, const pos *p)
{
    if (p->obj != NULL && p->obj->deleted)
        return KEY_DELETED;
    if (p->type != NULL && find_type(s, p->type, p->type_n) == NULL)
        return KEY_DELETED;
    return 0;
}

/* ---- subkeys ---------------------------------------------------------------------------------- */
typedef struct child {
    pos at;
    const WCHAR *name;
    size_t n;
} child;

static int child_cmp(const void *a, const void *b)
{
    const child *x = (const child *)a, *y = (const child *)b;
    size_t i;
    for (i = 0; i < x->n && i < y->n; i++) {
        unsigned cx = cs_wupper(x->name[i]), cy = cs_wupper(y->name[i]);
        if (cx != cy)
            return cx < cy ? -1 : 1;
    }
    return x->n < y->n ? -1 : x->n > y->n;
}

/* The subkeys of a key, in the registry's order: a new array (NULL when there are none). */
static DWORD children(const sim *s, const pos *p, child **out, size_t *n)
{
    size_t cap = 0, k = 0;
    child *v = NULL;
    const sim_obj *o;
    int i;
    *out = NULL;
    *n = 0;
    if (p->level == L_ROOT)
        cap = N_COLL + 1;
    else if (p->level == L_COLL && p->coll == C_TYPES)
        cap = s->n_restypes;
    else if (p->level == L_COLL)
        cap = s->sets[coll_kinds[p->coll]].count;
    else if (p->level == L_OBJ)
        cap = 1;
    if (cap == 0)
        return 0;
    v = (child *)calloc(cap, sizeof(child));
    if (v == NULL)
        return ERROR_OUTOFMEMORY;
    if (p->level == L_ROOT) {
        for (i = 0; i < N_COLL; i++) {
            v[k].at.level = L_COLL;
            v[k].at.coll = i;
            v[k].name = coll_names[i];
            v[k++].n = cs_wlen(coll_names[i]);
        }
        v[k].at.level = L_PARAMS;
        v[k].at.coll = -1;
        v[k].name = W_PARAMS;
        v[k++].n = cs_wlen(W_PARAMS);
    } else if (p->level == L_COLL && p->coll == C_TYPES) {
        for (k = 0; k < s->n_restypes; k++) {
            v[k].at.level = L_OBJ;
            v[k].at.coll = C_TYPES;
            v[k].at.type = v[k].name = s->restypes[k].p;
            v[k].at.type_n = v[k].n = s->restypes[k].n;
        }
    } else if (p->level == L_COLL) {
        for (o = s->sets[coll_kinds[p->coll]].head; o != NULL && k < cap; o = o->next)
            if (!o->deleted) {
                v[k].at.level = L_OBJ;
                v[k].at.coll = p->coll;
                v[k].at.obj = (sim_obj *)o;
                v[k].name = o->id.p;
                v[k++].n = o->id.n;
            }
    } else {
        v[k].at = *p;
        v[k].at.level = L_PARAMS;
        v[k].name = W_PARAMS;
        v[k++].n = cs_wlen(W_PARAMS);
    }
    qsort(v, k, sizeof(child), child_cmp);
    *out = v;
    *n = k;
    return 0;
}

/* Follows a path of '\'-separated names from p (empty components are skipped). */
static DWORD resolve(const sim *s, pos *p, const WCHAR *path)
{
    DWORD err = pos_live(s, p);
    while (!err && path != NULL && *path) {
        size_t len = 0, n = 0, i;
        child *v = NULL;
        while (path[len] && path[len] != '\\')
            len++;
        if (len > 0) {
            err = children(s, p, &v, &n);
            for (i = 0; !err && i < n && !cs_wieq(v[i].name, v[i].n, path, len); i++)
                ;
            if (!err && i == n)
                err = FILE_NOT_FOUND;
            if (!err)
                *p = v[i].at;
            free(v);
        }
        path += len;
        if (*path == '\\')
            path++;
    }
    return err;
}

/* ---- values ----------------------------------------------------------------------------------- */
typedef struct val {
    const WCHAR *name;
    size_t n;
    DWORD type;
    const uint8_t *data;
    size_t cb;
} val;

typedef struct vals {
    uint8_t *list[2];
    val *v;
    size_t n, cap;
} vals;

static DWORD rd32(const uint8_t *p)
{
    return (DWORD)p[0] | (DWORD)p[1] << 8 | (DWORD)p[2] << 16 | (DWORD)p[3] << 24;
}

static size_t pad4(size_t n)
{
    return (n + 3u) & ~(size_t)3u;
}

/* The registry type of a property value's syntax (its format, the low word). */
static DWORD reg_type(DWORD syntax)
{
    switch (syntax & 0xFFFFu) {
    case 2: case 7: return T_DWORD;             /* DWORD, LONG */
    case 3: case 8: return T_SZ;                /* SZ, EXPANDED_SZ */
    case 4: return T_EXPAND_SZ;
    case 5: return T_MULTI_SZ;
    case 6: case 10: return T_QWORD;            /* ULARGE_INTEGER, LARGE_INTEGER */
    default: return T_BINARY;
    }
}

/* Appends the properties of a list (the first value of each) not already there. */
static DWORD add_list(vals *out, const uint8_t *p, size_t cb)
{
    size_t pos = 4, i, k, count = cb >= 4 ? rd32(p) : 0;
    for (i = 0; i < count && pos + 16 <= cb; i++) {
        size_t name_cb = rd32(p + pos + 4), value_pos, n;
        const WCHAR *name = (const WCHAR *)(const void *)(p + pos + 8);
        DWORD syntax;
        if (rd32(p + pos) != CLUSPROP_SYNTAX_NAME || name_cb < sizeof(WCHAR) || pos + 8 + pad4(name_cb) + 8 > cb)
            break;
        value_pos = pos + 8 + pad4(name_cb);
        syntax = rd32(p + value_pos);
        n = name_cb / sizeof(WCHAR) - 1;
        if (syntax == CLUSPROP_SYNTAX_ENDMARK || value_pos + 8 + rd32(p + value_pos + 4) > cb)
            break;
        for (k = 0; k < out->n && !cs_wieq(out->v[k].name, out->v[k].n, name, n); k++)
            ;
        if (k == out->n) {
            val *v = (val *)sim_grow_array(out->v, &out->cap, out->n + 1, sizeof(val), 32);
            if (v == NULL)
                return ERROR_OUTOFMEMORY;
            out->v = v;
            v[out->n].name = name;
            v[out->n].n = n;
            v[out->n].type = reg_type(syntax);
            v[out->n].data = p + value_pos + 8;
            v[out->n++].cb = rd32(p + value_pos + 4);
        }
        pos = value_pos;                        /* past every value, then the ENDMARK */
        while (pos + 8 <= cb && rd32(p + pos) != CLUSPROP_SYNTAX_ENDMARK)
            pos += 8 + pad4(rd32(p + pos + 4));
        pos += 4;
    }
    return 0;
}

static void vals_free(vals *v)
{
    free(v->list[0]);
    free(v->list[1]);
    free(v->v);
    memset(v, 0, sizeof(*v));
}

/* The values of a key, read now: read-write properties first, then read-only ones. */
static DWORD values_of(sim *s, const pos *p, vals *out)
{
    size_t cb[2] = {0, 0};
    DWORD err = 0;
    int i;
    memset(out, 0, sizeof(*out));
    if (p->level == L_ROOT || p->level == L_OBJ || p->level == L_PARAMS) {
        int priv = p->level == L_PARAMS ? PF_PRIVATE : 0;
        if (p->type != NULL) {
            wstr t;
            t.p = (WCHAR *)p->type;
            t.n = p->type_n;
            err = sim_restype_properties(&t, priv ? 0x81u : 0x59u, &out->list[0], &cb[0]);
        } else {
            sim_obj *o = p->level == L_ROOT || p->coll < 0 ? NULL : p->obj;
            err = sim_props_list(s, o, priv, &out->list[0], &cb[0]);
            if (!err)
                err = sim_props_list(s, o, priv | PF_RO, &out->list[1], &cb[1]);
        }
    }
    for (i = 0; !err && i < 2; i++)
        if (out->list[i] != NULL)
            err = add_list(out, out->list[i], cb[i]);
    if (err)
        vals_free(out);
    return err;
}

static const val *find_val(const vals *v, const WCHAR *name)
{
    size_t i, n = name ? cs_wlen(name) : 0;
    for (i = 0; n > 0 && i < v->n; i++)
        if (cs_wieq(v->v[i].name, v->v[i].n, name, n))
            return &v->v[i];
    return NULL;
}

/* The data protocol of a registry read: (data, cb) optional, data needs cb; a NULL
 * buffer asks for the size; a short one is ERROR_MORE_DATA with the size. */
static DWORD put_data(const val *v, BYTE *data, LPDWORD cb)
{
    if (cb == NULL)
        return 0;
    if (data != NULL && *cb < v->cb) {
        *cb = (DWORD)v->cb;
        return ERROR_MORE_DATA;
    }
    if (data != NULL && v->cb)
        memcpy(data, v->data, v->cb);
    *cb = (DWORD)v->cb;
    return 0;
}

/* ---- handles ---------------------------------------------------------------------------------- */
/* Takes g_lock and finds the handle (NULL: *err = ERROR_INVALID_HANDLE). */
static sim_handle *enter(uint64_t token, int hk, DWORD *err)
{
    sim_handle *h;
    cs_mutex_lock(&g_lock);
    h = sim_handle_lookup(token, hk);
    *err = h ? 0 : (DWORD)ERROR_INVALID_HANDLE;
    if (h != NULL)
        sim_actions_tick(h->s);
    return h;
}

/* enter() for a call that is a round trip in clusapi.dll: through a cluster opened by name
 * while cs_sim_break_connection holds, NULL with RPC_S_SERVER_UNAVAILABLE (g_lock held). */
static sim_handle *enter_rpc(uint64_t token, int hk, DWORD *err)
{
    sim_handle *h = enter(token, hk, err);
    if (h != NULL && h->named && sim_broken(h->s, h)) {
        *err = RPC_S_SERVER_UNAVAILABLE;
        return NULL;
    }
    return h;
}

/* Frees a released instance that has no handle left, releases g_lock. */
static DWORD leave(sim *s, DWORD err)
{
    if (s != NULL && sim_unused(s))
        sim_free(s);
    cs_mutex_unlock(&g_lock);
    return err;
}

static pos pos_of(const sim_handle *h)
{
    pos p;
    p.level = h->reg->level;
    p.coll = h->reg->coll;
    p.obj = h->obj;
    p.type = h->reg->type.n ? h->reg->type.p : NULL;
    p.type_n = h->reg->type.n;
    return p;
}

/* A new key, batch or reply handle at p, obtained through the cluster handle `cluster`. */
static DWORD new_handle(sim *s, int hk, const pos *p, sim_handle *cluster, uint64_t *token)
{
    sim_handle *h = NULL;
    struct sim_reg *r = (struct sim_reg *)calloc(1, sizeof(*r));
    DWORD err = r ? 0 : (DWORD)ERROR_OUTOFMEMORY;
    if (!err && sim_w_set(&r->type, NULL) != 0)
        err = ERROR_OUTOFMEMORY;
    if (!err && p->type != NULL) {
        WCHAR *t = (WCHAR *)malloc((p->type_n + 1) * sizeof(WCHAR));
        if (t == NULL) {
            err = ERROR_OUTOFMEMORY;
        } else {
            memcpy(t, p->type, p->type_n * sizeof(WCHAR));
            t[p->type_n] = 0;
            sim_w_free(&r->type);
            r->type.p = t;
            r->type.n = p->type_n;
        }
    }
    if (!err) {
        r->level = p->level;
        r->coll = p->coll;
        err = sim_handle_new(s, hk, p->obj, cluster, &h);
    }
    if (err) {
        sim_reg_free(r);
        return err;
    }
    h->reg = r;
    *token = h->token;
    return 0;
}

void sim_reg_free(struct sim_reg *r)
{
    size_t i;
    if (r == NULL)
        return;
    sim_w_free(&r->type);
    for (i = 0; i < 2 * r->n_cmds; i++)
        free(r->cmds[i]);
    free(r->cmds);
    for (i = 0; i < r->n_items; i++) {
        free((void *)r->items[i].subkey);
        free((void *)r->items[i].value);
        free((void *)r->items[i].data);
    }
    free(r->items);
    free(r);
}

/* The cluster handle a handle belongs to (itself for a cluster). */
static sim_handle *cluster_of(sim_handle *h)
{
    return h->hk == HK_CLUSTER ? h : h->parent;
}

/* ---- the keys ------------------------------------------------------------------------------------ */
DWORD cs_sim_surface_reg_key(uint64_t object, int kind, uint64_t *key)
{
    sim_handle *h;
    DWORD err;
    pos p;
    if (key == NULL || !(kind == CS_KIND_CLUSTER || coll_of_kind(kind) >= 0))
        return ERROR_INVALID_PARAMETER;
    h = enter_rpc(object, kind, &err);
    if (h == NULL)
        return leave(NULL, err);
    memset(&p, 0, sizeof(p));
    p.level = kind == CS_KIND_CLUSTER ? L_ROOT : L_OBJ;
    p.coll = kind == CS_KIND_CLUSTER ? -1 : coll_of_kind(kind);
    p.obj = h->obj;
    if (h->obj != NULL && h->obj->deleted)
        err = sim_not_found(kind);
    if (!err)
        err = new_handle(h->s, HK_REGKEY, &p, cluster_of(h), key);
    return leave(h->s, err);
}

DWORD cs_sim_surface_reg_type_key(uint64_t cluster, LPCWSTR type_name, uint64_t *key)
{
    sim_handle *h;
    const wstr *t;
    DWORD err;
    pos p;
    if (key == NULL)
        return ERROR_INVALID_PARAMETER;
    h = enter_rpc(cluster, HK_CLUSTER, &err);
    if (h == NULL)
        return leave(NULL, err);
    if (type_name == NULL || type_name[0] == 0)
        return leave(h->s, ERROR_INVALID_PARAMETER);
    t = find_type(h->s, type_name, cs_wlen(type_name));
    if (t == NULL)
        return leave(h->s, ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    memset(&p, 0, sizeof(p));
    p.level = L_OBJ;
    p.coll = C_TYPES;
    p.type = t->p;
    p.type_n = t->n;
    return leave(h->s, new_handle(h->s, HK_REGKEY, &p, h, key));
}

DWORD cs_sim_surface_reg_open(uint64_t key, LPCWSTR path, uint64_t *out)
{
    sim_handle *h;
    DWORD err;
    pos p;
    if (out == NULL)
        return ERROR_INVALID_PARAMETER;
    h = enter_rpc(key, HK_REGKEY, &err);
    if (h == NULL)
        return leave(NULL, err);
    p = pos_of(h);
    err = resolve(h->s, &p, path);
    if (!err)
        err = new_handle(h->s, HK_REGKEY, &p, h->parent, out);
    return leave(h->s, err);
}

/* Closes a handle of kind hk. */
static DWORD close_of(uint64_t token, int hk)
{
    DWORD err;
    sim_handle *h = enter(token, hk, &err);
    sim *s = h ? h->s : NULL;
    if (h != NULL)
        sim_handle_free(h);
    return leave(s, err);
}

DWORD cs_sim_surface_reg_close(uint64_t key)
{
    return close_of(key, HK_REGKEY);
}

DWORD cs_sim_surface_reg_write(uint64_t key)
{
    DWORD err;
    sim_handle *h = enter_rpc(key, HK_REGKEY, &err);
    return leave(h ? h->s : NULL, h ? (DWORD)ERROR_ACCESS_DENIED : err);
}

/* ---- reads ---------------------------------------------------------------------------------------- */
DWORD cs_sim_surface_reg_value(uint64_t key, LPCWSTR name, LPDWORD type, BYTE *data, LPDWORD cb)
{
    sim_handle *h;
    vals v;
    const val *it;
    DWORD err;
    pos p;
    if (data != NULL && cb == NULL)
        return ERROR_INVALID_PARAMETER;
    h = enter_rpc(key, HK_REGKEY, &err);
    if (h == NULL)
        return leave(NULL, err);
    p = pos_of(h);
    err = pos_live(h->s, &p);
    if (!err)
        err = values_of(h->s, &p, &v);
    if (!err) {
        it = find_val(&v, name);
        if (it == NULL) {
            err = FILE_NOT_FOUND;
        } else {
            if (type != NULL)
                *type = it->type;
            err = put_data(it, data, cb);
        }
        vals_free(&v);
    }
    return leave(h->s, err);
}

DWORD cs_sim_surface_reg_enum_key(uint64_t key, DWORD index, LPWSTR name, LPDWORD cch, uint64_t *written)
{
    sim_handle *h;
    child *v = NULL;
    size_t n = 0;
    DWORD err;
    pos p;
    h = enter_rpc(key, HK_REGKEY, &err);
    if (h == NULL)
        return leave(NULL, err);
    p = pos_of(h);
    err = sim_check_name_buffer(name, cch);
    if (!err)
        err = pos_live(h->s, &p);
    if (!err)
        err = children(h->s, &p, &v, &n);
    if (!err && index >= n)
        err = ERROR_NO_MORE_ITEMS;
    if (!err)
        err = sim_put_name(v[index].name, v[index].n, name, cch);
    if (!err && written != NULL)
        *written = h->s->created;
    free(v);
    return leave(h->s, err);
}

DWORD cs_sim_surface_reg_enum_value(uint64_t key, DWORD index, LPWSTR name, LPDWORD cch, LPDWORD type, BYTE *data,
                                    LPDWORD cb)
{
    sim_handle *h;
    vals v;
    DWORD err;
    pos p;
    if (data != NULL && cb == NULL)
        return ERROR_INVALID_PARAMETER;
    h = enter_rpc(key, HK_REGKEY, &err);
    if (h == NULL)
        return leave(NULL, err);
    p = pos_of(h);
    err = sim_check_name_buffer(name, cch);
    if (!err)
        err = pos_live(h->s, &p);
    if (!err && (err = values_of(h->s, &p, &v)) == 0) {
        if (index >= v.n) {
            err = ERROR_NO_MORE_ITEMS;
        } else {
            const val *it = &v.v[index];
            int name_fits = sim_name_fits(it->n, cch);
            int data_fits = data == NULL || *cb >= it->cb;
            if (!name_fits || !data_fits) {     /* nothing written: the sizes needed */
                if (!name_fits)
                    *cch = (DWORD)it->n;
                if (cb != NULL)
                    *cb = (DWORD)it->cb;
                err = ERROR_MORE_DATA;
            } else {
                sim_name_write(it->name, it->n, name, cch);
                if (type != NULL)
                    *type = it->type;
                err = put_data(it, data, cb);
            }
        }
        vals_free(&v);
    }
    return leave(h->s, err);
}

DWORD cs_sim_surface_reg_info(uint64_t key, LPDWORD subkeys, LPDWORD max_subkey, LPDWORD values,
                              LPDWORD max_value_name, LPDWORD max_value, uint64_t *written)
{
    sim_handle *h;
    child *c = NULL;
    size_t n = 0, i, m;
    vals v;
    DWORD err;
    pos p;
    h = enter_rpc(key, HK_REGKEY, &err);
    if (h == NULL)
        return leave(NULL, err);
    p = pos_of(h);
    err = pos_live(h->s, &p);
    if (!err)
        err = children(h->s, &p, &c, &n);
    if (!err && (err = values_of(h->s, &p, &v)) == 0) {
        if (subkeys != NULL)
            *subkeys = (DWORD)n;
        for (i = 0, m = 0; i < n; i++)
            m = c[i].n > m ? c[i].n : m;
        if (max_subkey != NULL)
            *max_subkey = (DWORD)m;
        if (values != NULL)
            *values = (DWORD)v.n;
        for (i = 0, m = 0; i < v.n; i++)
            m = v.v[i].n > m ? v.v[i].n : m;
        if (max_value_name != NULL)
            *max_value_name = (DWORD)m;
        for (i = 0, m = 0; i < v.n; i++)
            m = v.v[i].cb > m ? v.v[i].cb : m;
        if (max_value != NULL)
            *max_value = (DWORD)m;
        if (written != NULL)
            *written = h->s->created;
        vals_free(&v);
    }
    free(c);
    return leave(h->s, err);
}

/* ---- the read batch ------------------------------------------------------------------------------- */
DWORD cs_sim_surface_reg_batch(uint64_t key, uint64_t *batch)
{
    sim_handle *h;
    DWORD err;
    pos p;
    if (batch == NULL)
        return ERROR_INVALID_PARAMETER;
    h = enter(key, HK_REGKEY, &err);            /* made locally: the round trip is the close */
    if (h == NULL)
        return leave(NULL, err);
    p = pos_of(h);
    err = pos_live(h->s, &p);
    if (!err)
        err = new_handle(h->s, HK_REGBATCH, &p, h->parent, batch);
    return leave(h->s, err);
}

/* A copy of a string (NULL stays NULL); 0 or -1 when memory is short. */
static int dup_opt(const WCHAR *s, WCHAR **out)
{
    size_t n;
    *out = NULL;
    if (s == NULL)
        return 0;
    n = cs_wlen(s);
    *out = (WCHAR *)malloc((n + 1) * sizeof(WCHAR));
    if (*out == NULL)
        return -1;
    memcpy(*out, s, (n + 1) * sizeof(WCHAR));
    return 0;
}

DWORD cs_sim_surface_reg_batch_add(uint64_t batch, LPCWSTR subkey, LPCWSTR value)
{
    DWORD err;
    sim_handle *h = enter(batch, HK_REGBATCH, &err);
    struct sim_reg *r;
    WCHAR **v;
    if (h == NULL)
        return leave(NULL, err);
    r = h->reg;
    v = (WCHAR **)sim_grow_array(r->cmds, &r->cap_cmds, 2 * (r->n_cmds + 1), sizeof(WCHAR *), 8);
    if (v == NULL)
        return leave(h->s, ERROR_OUTOFMEMORY);
    r->cmds = v;
    if (dup_opt(subkey, &v[2 * r->n_cmds]) != 0 || dup_opt(value, &v[2 * r->n_cmds + 1]) != 0) {
        free(v[2 * r->n_cmds]);
        return leave(h->s, ERROR_OUTOFMEMORY);
    }
    r->n_cmds++;
    return leave(h->s, 0);
}

/* One command of a batch into its reply item: the value, or the error reading it. */
static DWORD run_one(sim *s, const pos *at, WCHAR *subkey, WCHAR *value, cs_sim_reg_read *item)
{
    pos p = *at;
    vals v;
    const val *it = NULL;
    DWORD err = resolve(s, &p, subkey);
    item->subkey = subkey;
    item->value = value;
    if (!err && (err = values_of(s, &p, &v)) == 0) {
        it = find_val(&v, value);
        if (it == NULL) {
            err = FILE_NOT_FOUND;
        } else if (it->cb > 0 && (item->data = (const BYTE *)malloc(it->cb)) == NULL) {
            err = ERROR_OUTOFMEMORY;
        } else {
            if (it->cb)
                memcpy((void *)item->data, it->data, it->cb);
            item->cb = (DWORD)it->cb;
            item->command = CS_SIM_REG_READ_VALUE;
            item->options = it->type;
        }
        vals_free(&v);
    }
    if (err == ERROR_OUTOFMEMORY)
        return err;
    if (err) {
        item->command = CS_SIM_REG_READ_ERROR;
        item->options = err;
    }
    return 0;
}

DWORD cs_sim_surface_reg_batch_run(uint64_t batch, uint64_t *reply)
{
    DWORD err;
    sim_handle *h = enter(batch, HK_REGBATCH, &err), *rh = NULL;
    struct sim_reg *r;
    size_t i;
    pos p;
    sim *s;
    if (h == NULL)
        return leave(NULL, err);
    s = h->s;
    p = pos_of(h);
    if (reply == NULL)
        err = ERROR_INVALID_PARAMETER;
    else if (h->named && sim_broken(s, h))    /* the round trip; the batch closes all the same */
        err = RPC_S_SERVER_UNAVAILABLE;
    if (!err)
        err = new_handle(s, HK_REGREPLY, &p, h->parent, reply);
    if (!err) {
        rh = sim_handle_lookup(*reply, HK_REGREPLY);
        r = rh->reg;
        r->items = (cs_sim_reg_read *)calloc(h->reg->n_cmds ? h->reg->n_cmds : 1, sizeof(cs_sim_reg_read));
        if (r->items == NULL)
            err = ERROR_OUTOFMEMORY;
        for (i = 0; !err && i < h->reg->n_cmds; i++) {     /* the reply takes over the strings */
            err = run_one(s, &p, h->reg->cmds[2 * i], h->reg->cmds[2 * i + 1], &r->items[i]);
            h->reg->cmds[2 * i] = h->reg->cmds[2 * i + 1] = NULL;
            r->n_items++;
        }
        if (err) {
            sim_handle_free(rh);
            *reply = 0;
        }
    }
    sim_handle_free(h);                 /* the batch is closed whatever happened */
    return leave(s, err);
}

DWORD cs_sim_surface_reg_reply_next(uint64_t reply, cs_sim_reg_read *out)
{
    DWORD err;
    sim_handle *h;
    if (out == NULL)
        return ERROR_INVALID_PARAMETER;
    h = enter(reply, HK_REGREPLY, &err);
    if (h == NULL)
        return leave(NULL, err);
    if (h->reg->next >= h->reg->n_items)
        return leave(h->s, ERROR_NO_MORE_ITEMS);
    *out = h->reg->items[h->reg->next++];
    return leave(h->s, 0);
}

DWORD cs_sim_surface_reg_reply_close(uint64_t reply)
{
    return close_of(reply, HK_REGREPLY);
}
