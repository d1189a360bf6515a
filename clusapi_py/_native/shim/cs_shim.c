/*
 * cs_shim.c - the shim: tokens over raw handles, the in-flight counting
 * that makes close safe, and the loops (enumerations, buffer retries, the
 * snapshot) that run in C so that Python makes one call for each.
 * Contract: cs_shim.h.
 */
#include "api/cs_shim.h"
#include "core/cs_htable.h"
#include "sim/cs_sim.h"
#include <stdlib.h>
#include <string.h>

/* ---- per-thread last failure ------------------------------------------------ */
static CS_THREAD_LOCAL uint32_t tls_error;
static CS_THREAD_LOCAL int tls_function = -1;

/* Records a failure (code first, as captured) and returns the code. */
static uint32_t fail(uint32_t code, int function_id)
{
    tls_error = code;
    tls_function = function_id;
    return code;
}

uint32_t cs_last_error(void)
{
    return tls_error;
}

const char *cs_last_function(void)
{
    const char *name = cs_function_name(tls_function);
    return name ? name : "";
}

const char *cs_last_failure(uint32_t *code)
{
    *code = tls_error;
    return cs_last_function();
}

/* ---- the system backend: registered at load, clusapi.dll loaded at use --- */
static cs_backend system_backend = { CS_BACKEND_SYSTEM, 0, { { 0 } }, NULL, NULL, NULL };
static cs_atomic32 system_registered;
static cs_mutex system_lock = CS_MUTEX_INIT;

static void register_system_backend(void)
{
    if (cs_atomic32_load(&system_registered))
        return;
    cs_mutex_lock(&system_lock);
    if (!system_registered) {
        cs_register_backend(&system_backend);
        cs_atomic32_store(&system_registered, 1);
    }
    cs_mutex_unlock(&system_lock);
}

/* The backend for an id, with clusapi.dll loaded for the system one.
 * On failure records the error against `function_id` and returns NULL. */
static cs_backend *backend_for_call(int backend_id, int function_id)
{
    cs_backend *b;
    register_system_backend();
    b = cs_backend_by_id(backend_id);
    if (b == NULL) {
        fail(ERROR_INVALID_PARAMETER, -1);
        return NULL;
    }
    if (b->kind == CS_BACKEND_SYSTEM) {
        uint32_t err = cs_dll_load(b);
        if (err) {
            fail(err, function_id);
            return NULL;
        }
    }
    return b;
}

int cs_backend_has(int backend_id, int function_id)
{
    cs_backend *b;
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return 0;
    register_system_backend();
    b = cs_backend_by_id(backend_id);
    if (b == NULL)
        return -1;
    if (b->kind == CS_BACKEND_SYSTEM && cs_dll_load(b) != 0)
        return 0;
    return b->table.slot[function_id] != NULL;
}

/* The thread's last error after a failed call that reports it that way. */
static uint32_t backend_error(cs_backend *b)
{
    uint32_t err = b->last_error ? (uint32_t)b->last_error() : 0;
    return err ? err : 31u;     /* ERROR_GEN_FAILURE: failed without saying why */
}

/* ---- tokens ----------------------------------------------------------------- */
typedef struct cs_handle {
    int kind;                   /* CS_KIND_* */
    cs_backend *backend;
    void *raw;                  /* HCLUSTER, HNODE, ... */
    uint64_t cluster;           /* object handles: the cluster token we hold a reference on */
    uint32_t granted;
} cs_handle;

static cs_htable tokens;
static cs_atomic32 tokens_ready;
static cs_mutex tokens_init_lock = CS_MUTEX_INIT;

static cs_htable *token_table(void)
{
    if (!cs_atomic32_load(&tokens_ready)) {
        cs_mutex_lock(&tokens_init_lock);
        if (!tokens_ready) {
            cs_ht_init(&tokens, 32);
            cs_atomic32_store(&tokens_ready, 1);
        }
        cs_mutex_unlock(&tokens_init_lock);
    }
    return &tokens;
}

/* The raw Close* for a handle; its result is not an error anyone can act on
 * (the handle is gone either way), so it is dropped. */
static void close_raw(cs_backend *b, int kind, void *raw)
{
    cs_table *t = &b->table;
    switch (kind) {
    case CS_KIND_CLUSTER:
        if (t->fn.CloseCluster) t->fn.CloseCluster((HCLUSTER)raw);
        break;
    case CS_KIND_NODE:
        if (t->fn.CloseClusterNode) t->fn.CloseClusterNode((HNODE)raw);
        break;
    case CS_KIND_GROUP:
        if (t->fn.CloseClusterGroup) t->fn.CloseClusterGroup((HGROUP)raw);
        break;
    case CS_KIND_RESOURCE:
        if (t->fn.CloseClusterResource) t->fn.CloseClusterResource((HRESOURCE)raw);
        break;
    case CS_KIND_NETWORK:
        if (t->fn.CloseClusterNetwork) t->fn.CloseClusterNetwork((HNETWORK)raw);
        break;
    case CS_KIND_NETINTERFACE:
        if (t->fn.CloseClusterNetInterface) t->fn.CloseClusterNetInterface((HNETINTERFACE)raw);
        break;
    default:
        break;
    }
}

/* The last reference to a token is gone: really close it (unless it was
 * detached), recycle the slot, and let go of the cluster it came from --
 * which may in turn be the last reference to that cluster. */
static void finish(uint64_t token, cs_handle *h)
{
    while (h != NULL) {
        uint64_t parent = h->cluster;
        if (!cs_ht_was_detached(&tokens, token))
            close_raw(h->backend, h->kind, h->raw);
        cs_ht_recycle(&tokens, token);
        free(h);
        h = NULL;
        if (parent) {
            h = (cs_handle *)cs_ht_release(&tokens, parent);
            token = parent;
        }
    }
}

/* Takes a reference on a token of the given kind (-1: any object kind
 * except cluster; -2: any kind) for the length of a call. */
static cs_handle *enter(uint64_t token, int kind)
{
    cs_handle *h = (cs_handle *)cs_ht_acquire(token_table(), token);
    if (h == NULL) {
        fail(CS_ERROR_HANDLE_CLOSED, -1);
        return NULL;
    }
    if (kind == -2 || h->kind == kind || (kind == -1 && h->kind != CS_KIND_CLUSTER))
        return h;
    {
        cs_handle *last = (cs_handle *)cs_ht_release(&tokens, token);
        if (last) finish(token, last);
    }
    fail(ERROR_INVALID_HANDLE, -1);
    return NULL;
}

static void leave(uint64_t token)
{
    cs_handle *last = (cs_handle *)cs_ht_release(&tokens, token);
    if (last)
        finish(token, last);
}

/* Wraps a freshly opened raw handle in a token.  On failure the raw handle
 * is closed again and 0 returned (the caller still owns `cluster`'s
 * reference in that case). */
static uint64_t adopt(cs_backend *b, int kind, void *raw, uint64_t cluster, uint32_t granted)
{
    cs_handle *h = (cs_handle *)calloc(1, sizeof(*h));
    uint64_t token = 0;
    if (h != NULL) {
        h->kind = kind;
        h->backend = b;
        h->raw = raw;
        h->cluster = cluster;
        h->granted = granted;
        token = cs_ht_alloc(token_table(), h);
    }
    if (token == 0) {
        free(h);
        close_raw(b, kind, raw);
        fail(ERROR_NOT_ENOUGH_MEMORY, -1);
    }
    return token;
}

uint32_t cs_close(uint64_t token)
{
    void *last = NULL;
    if (!cs_ht_close(token_table(), token, &last))
        return CS_ERROR_HANDLE_CLOSED;
    if (last)
        finish(token, (cs_handle *)last);
    return 0;
}

uint32_t cs_detach(uint64_t token, uint64_t *raw)
{
    /* Only an idle handle can be given away: a call in flight would go on
     * using the raw handle after its new owner closed it, and an object
     * handle holds a reference on its cluster's slot, so one check covers
     * both. */
    void *last = NULL;
    int r = cs_ht_detach_idle(token_table(), token, &last);
    uint64_t value;
    if (r == 0)
        return fail(CS_ERROR_HANDLE_CLOSED, -1);
    if (r < 0)
        return fail(ERROR_BUSY, -1);
    value = (uint64_t)(uintptr_t)((cs_handle *)last)->raw;
    finish(token, (cs_handle *)last);
    *raw = value;
    return 0;
}

uint32_t cs_handle_info(uint64_t token, int *kind, int *backend, uint32_t *granted)
{
    cs_handle *h = enter(token, -2);
    if (h == NULL)
        return tls_error;
    *kind = h->kind;
    *backend = h->backend->id;
    *granted = h->granted;
    leave(token);
    return 0;
}

int cs_open_token_count(void)
{
    return (int)cs_atomic32_load(&token_table()->live);
}

static void close_one(uint64_t token, void *ctx)
{
    (void)ctx;
    cs_close(token);
}

void cs_close_all(void)
{
    /* Order does not matter: a cluster's real close waits for its objects. */
    cs_ht_for_each_open(token_table(), close_one, NULL);
}

/* ---- results ------------------------------------------------------------------ */
typedef struct builder {
    cs_char *text;
    size_t len, cap;            /* in cs_char */
    int64_t *ints;
    size_t n_ints, cap_ints;
    int oom;
} builder;

static void add_text(builder *bd, const cs_char *s, size_t n)
{
    if (bd->oom)
        return;
    if (bd->len + n + 1 > bd->cap) {
        size_t cap = bd->cap ? bd->cap : 256;
        cs_char *p;
        while (bd->len + n + 1 > cap)
            cap *= 2;
        p = (cs_char *)realloc(bd->text, cap * sizeof(cs_char));
        if (p == NULL) {
            bd->oom = 1;
            return;
        }
        bd->text = p;
        bd->cap = cap;
    }
    if (n)
        memcpy(bd->text + bd->len, s, n * sizeof(cs_char));
    bd->len += n;
    bd->text[bd->len++] = 0;        /* the field separator */
}

static size_t wlen(const cs_char *s)
{
    size_t n = 0;
    if (s)
        while (s[n])
            n++;
    return n;
}

static void add_string(builder *bd, const cs_char *s)
{
    add_text(bd, s, wlen(s));
}

static void add_int(builder *bd, int64_t v)
{
    if (bd->oom)
        return;
    if (bd->n_ints == bd->cap_ints) {
        size_t cap = bd->cap_ints ? bd->cap_ints * 2 : 32;
        int64_t *p = (int64_t *)realloc(bd->ints, cap * sizeof(int64_t));
        if (p == NULL) {
            bd->oom = 1;
            return;
        }
        bd->ints = p;
        bd->cap_ints = cap;
    }
    bd->ints[bd->n_ints++] = v;
}

static void builder_free(builder *bd)
{
    free(bd->text);
    free(bd->ints);
    memset(bd, 0, sizeof(*bd));
}

/* Hands the builder's contents over as a cs_result. */
static uint32_t deliver(builder *bd, cs_result **out)
{
    cs_result *r;
    if (bd->oom || (r = (cs_result *)calloc(1, sizeof(*r))) == NULL) {
        builder_free(bd);
        return fail(ERROR_NOT_ENOUGH_MEMORY, -1);
    }
    r->text = bd->text;
    /* text_len leaves out the separator after the last field */
    r->text_len = bd->len ? bd->len - 1 : 0;
    r->ints = bd->ints;
    r->n_ints = bd->n_ints;
    memset(bd, 0, sizeof(*bd));
    *out = r;
    return 0;
}

void cs_result_free(cs_result *result)
{
    if (result == NULL)
        return;
    free(result->text);
    free(result->ints);
    free(result);
}

/* A growable name buffer for the "size in characters, ERROR_MORE_DATA"
 * protocol: starts on the stack, grows on the heap. */
#define NAME_STACK 260
typedef struct namebuf {
    cs_char stack[NAME_STACK];
    cs_char *p;
    DWORD cap;
} namebuf;

static void nb_init(namebuf *nb)
{
    nb->p = nb->stack;
    nb->cap = NAME_STACK;
    nb->stack[0] = 0;           /* an empty name until a call writes one */
}

/* No name the cluster service returns comes near this (in characters). */
#define NAME_MAX_CHARS (1u << 20)

/* After ERROR_MORE_DATA asking for `needed` characters (without the NUL):
 * makes room for them plus the NUL, at least doubling the buffer, so that a
 * backend that keeps answering ERROR_MORE_DATA without a larger size (or
 * leaves the count untouched) ends the loop within a few rounds.  Returns 0;
 * ERROR_MORE_DATA itself when the backend asks for no more than the buffer
 * holds or when the buffer would pass NAME_MAX_CHARS (the caller stops and
 * reports the backend's answer); ERROR_NOT_ENOUGH_MEMORY when malloc fails. */
static uint32_t nb_grow(namebuf *nb, DWORD needed)
{
    cs_char *p;
    size_t chars = (size_t)needed + 1;
    if (chars <= nb->cap || nb->cap >= NAME_MAX_CHARS)
        return ERROR_MORE_DATA;
    if (chars < (size_t)nb->cap * 2)
        chars = (size_t)nb->cap * 2;
    if (chars > NAME_MAX_CHARS)
        chars = NAME_MAX_CHARS;
    p = (cs_char *)malloc(chars * sizeof(cs_char));
    if (p == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    p[0] = 0;
    if (nb->p != nb->stack)
        free(nb->p);
    nb->p = p;
    nb->cap = (DWORD)chars;
    return 0;
}

/* The same for a call with two name buffers: progress when either grows. */
static uint32_t nb_grow2(namebuf *a, DWORD a_needed, namebuf *b, DWORD b_needed)
{
    uint32_t ea = nb_grow(a, a_needed), eb = nb_grow(b, b_needed);
    if (ea == ERROR_NOT_ENOUGH_MEMORY || eb == ERROR_NOT_ENOUGH_MEMORY)
        return ERROR_NOT_ENOUGH_MEMORY;
    return (ea == 0 || eb == 0) ? 0 : ERROR_MORE_DATA;
}

static void nb_free(namebuf *nb)
{
    if (nb->p != nb->stack)
        free(nb->p);
    nb->p = nb->stack;
}

/* The raw-API helpers below return a Win32 code and, on failure, the id
 * of the function that failed in *fn. */

/* Runs one X(name-buffer) call, growing the buffer on ERROR_MORE_DATA. */
#define CALL_WITH_NAME(nb, call_expr, result_var)                          \
    for (;;) {                                                             \
        DWORD cch_ = (nb)->cap;                                            \
        DWORD *cchp_ = &cch_;                                              \
        (void)cchp_;                                                       \
        result_var = (call_expr);                                          \
        if (result_var != ERROR_MORE_DATA)                                 \
            break;                                                         \
        if ((result_var = nb_grow((nb), cch_)) != 0)                       \
            break;                                                         \
    }

/* ---- enumerations by name ---------------------------------------------------- */
/* One loop per enumeration family, all alike: open (one round trip), read
 * every index from the fetched copy, growing the buffer on
 * ERROR_MORE_DATA, close.  The first failure is captured before the close. */
#define DEFINE_NAME_ENUM(fname, HOBJ, HENUM, OpenF, EnumF, CloseF)                     \
    static uint32_t fname(cs_backend *b, HOBJ obj, DWORD type, builder *bd, int *fn)  \
    {                                                                                  \
        HENUM e;                                                                       \
        DWORD index, err = 0;                                                          \
        namebuf nb;                                                                    \
        if (!b->table.fn.OpenF || !b->table.fn.EnumF || !b->table.fn.CloseF) {         \
            *fn = !b->table.fn.OpenF ? CS_FN_##OpenF                                   \
                : !b->table.fn.EnumF ? CS_FN_##EnumF : CS_FN_##CloseF;                 \
            return ERROR_PROC_NOT_FOUND;                                               \
        }                                                                              \
        e = b->table.fn.OpenF(obj, type);                                              \
        if (e == NULL) {                                                               \
            *fn = CS_FN_##OpenF;                                                       \
            return backend_error(b);                                                   \
        }                                                                              \
        nb_init(&nb);                                                                  \
        for (index = 0;; index++) {                                                    \
            DWORD item_type = 0, cch;                                                  \
            for (;;) {                                                                 \
                cch = nb.cap;                                                          \
                err = b->table.fn.EnumF(e, index, &item_type, nb.p, &cch);             \
                if (err != ERROR_MORE_DATA)                                            \
                    break;                                                             \
                if ((err = nb_grow(&nb, cch)) != 0)                                    \
                    break;                                                             \
            }                                                                          \
            if (err != 0)                                                              \
                break;                                                                 \
            add_text(bd, nb.p, cch);                                                   \
        }                                                                              \
        nb_free(&nb);                                                                  \
        if (err == ERROR_NO_MORE_ITEMS)                                                \
            err = 0;                                                                   \
        else if (err != ERROR_NOT_ENOUGH_MEMORY)                                       \
            *fn = CS_FN_##EnumF;                                                       \
        else                                                                           \
            *fn = -1;                                                                  \
        b->table.fn.CloseF(e);                                                         \
        return err;                                                                    \
    }

DEFINE_NAME_ENUM(enum_cluster, HCLUSTER, HCLUSENUM, ClusterOpenEnum, ClusterEnum, ClusterCloseEnum)
DEFINE_NAME_ENUM(enum_node, HNODE, HNODEENUM, ClusterNodeOpenEnum, ClusterNodeEnum, ClusterNodeCloseEnum)
DEFINE_NAME_ENUM(enum_group, HGROUP, HGROUPENUM, ClusterGroupOpenEnum, ClusterGroupEnum, ClusterGroupCloseEnum)
DEFINE_NAME_ENUM(enum_resource, HRESOURCE, HRESENUM, ClusterResourceOpenEnum, ClusterResourceEnum,
                 ClusterResourceCloseEnum)
DEFINE_NAME_ENUM(enum_network, HNETWORK, HNETWORKENUM, ClusterNetworkOpenEnum, ClusterNetworkEnum,
                 ClusterNetworkCloseEnum)

static uint32_t list_raw(cs_handle *h, DWORD type, builder *bd, int *fn)
{
    switch (h->kind) {
    case CS_KIND_CLUSTER: return enum_cluster(h->backend, (HCLUSTER)h->raw, type, bd, fn);
    case CS_KIND_NODE: return enum_node(h->backend, (HNODE)h->raw, type, bd, fn);
    case CS_KIND_GROUP: return enum_group(h->backend, (HGROUP)h->raw, type, bd, fn);
    case CS_KIND_RESOURCE: return enum_resource(h->backend, (HRESOURCE)h->raw, type, bd, fn);
    case CS_KIND_NETWORK: return enum_network(h->backend, (HNETWORK)h->raw, type, bd, fn);
    default:
        *fn = -1;
        return ERROR_INVALID_PARAMETER;
    }
}

uint32_t cs_list(uint64_t token, uint32_t type, cs_result **out)
{
    builder bd;
    int fn = -1;
    uint32_t err;
    cs_handle *h = enter(token, -2);
    if (h == NULL)
        return tls_error;
    memset(&bd, 0, sizeof(bd));
    err = list_raw(h, type, &bd, &fn);
    leave(token);
    if (err) {
        builder_free(&bd);
        return fail(err, fn);
    }
    return deliver(&bd, out);
}

/* ---- opening ------------------------------------------------------------------- */
static const uint32_t access_all = (uint32_t)GENERIC_ALL;

uint64_t cs_open_cluster(int backend_id, const cs_char *name, uint32_t access)
{
    cs_backend *b = backend_for_call(backend_id, CS_FN_OpenClusterEx);
    HCLUSTER raw;
    DWORD granted = 0;
    int fn;
    if (b == NULL)
        return 0;
    if (b->bind)
        b->bind(b->ctx);
    if (b->table.fn.OpenClusterEx) {
        fn = CS_FN_OpenClusterEx;
        raw = b->table.fn.OpenClusterEx(name, access, &granted);
    } else if (access == access_all && b->table.fn.OpenCluster) {
        fn = CS_FN_OpenCluster;
        raw = b->table.fn.OpenCluster(name);
        granted = access_all;
    } else {
        fail(ERROR_PROC_NOT_FOUND, CS_FN_OpenClusterEx);
        return 0;
    }
    if (raw == NULL) {
        fail(backend_error(b), fn);
        return 0;
    }
    return adopt(b, CS_KIND_CLUSTER, raw, 0, (uint32_t)granted);
}

/* Opens an object with the Ex function when there is one, else (for
 * GENERIC_ALL) the plain one.  Returns the raw handle or NULL with *err and
 * *fn set. */
static void *open_raw(cs_backend *b, HCLUSTER c, int kind, const cs_char *name, uint32_t access,
                      DWORD *granted, uint32_t *err, int *fn)
{
    cs_table *t = &b->table;
    void *raw = NULL;
    int use_ex;
    *granted = 0;
#define OPEN_KIND(ExF, PlainF)                                                 \
    use_ex = t->fn.ExF != NULL;                                                \
    if (!use_ex && (access != access_all || t->fn.PlainF == NULL)) {           \
        *fn = CS_FN_##ExF;                                                     \
        *err = ERROR_PROC_NOT_FOUND;                                           \
        return NULL;                                                           \
    }                                                                          \
    *fn = use_ex ? CS_FN_##ExF : CS_FN_##PlainF;                               \
    if (use_ex) {                                                              \
        raw = (void *)t->fn.ExF(c, name, access, granted);                     \
    } else {                                                                   \
        raw = (void *)t->fn.PlainF(c, name);                                   \
        *granted = access_all;                                                 \
    }
    switch (kind) {
    case CS_KIND_NODE: OPEN_KIND(OpenClusterNodeEx, OpenClusterNode) break;
    case CS_KIND_GROUP: OPEN_KIND(OpenClusterGroupEx, OpenClusterGroup) break;
    case CS_KIND_RESOURCE: OPEN_KIND(OpenClusterResourceEx, OpenClusterResource) break;
    case CS_KIND_NETWORK: OPEN_KIND(OpenClusterNetworkEx, OpenClusterNetwork) break;
    case CS_KIND_NETINTERFACE: OPEN_KIND(OpenClusterNetInterfaceEx, OpenClusterNetInterface) break;
    default:
        *fn = -1;
        *err = ERROR_INVALID_PARAMETER;
        return NULL;
    }
#undef OPEN_KIND
    if (raw == NULL)
        *err = backend_error(b);
    return raw;
}

/* For reading: Ex with GENERIC_READ where there is Ex, else the plain open. */
static void *open_for_read(cs_backend *b, HCLUSTER c, int kind, const cs_char *name, uint32_t *err, int *fn)
{
    static const int ex_of[CS_KIND_COUNT] = { -1, CS_FN_OpenClusterNodeEx, CS_FN_OpenClusterGroupEx,
        CS_FN_OpenClusterResourceEx, CS_FN_OpenClusterNetworkEx, CS_FN_OpenClusterNetInterfaceEx, -1 };
    DWORD granted;
    uint32_t access = (kind > 0 && kind < CS_KIND_ENUM && b->table.slot[ex_of[kind]] != NULL)
        ? (uint32_t)GENERIC_READ : access_all;
    return open_raw(b, c, kind, name, access, &granted, err, fn);
}

uint64_t cs_open_object(uint64_t cluster, int kind, const cs_char *name, uint32_t access)
{
    cs_handle *c = enter(cluster, CS_KIND_CLUSTER);
    DWORD granted;
    uint32_t err = 0;
    int fn = -1;
    void *raw;
    uint64_t token;
    if (c == NULL)
        return 0;
    raw = open_raw(c->backend, (HCLUSTER)c->raw, kind, name, access, &granted, &err, &fn);
    if (raw == NULL) {
        leave(cluster);
        fail(err, fn);
        return 0;
    }
    /* The reference taken by enter() now belongs to the new object. */
    token = adopt(c->backend, kind, raw, cluster, (uint32_t)granted);
    if (token == 0) {
        uint32_t saved = tls_error;
        leave(cluster);
        fail(saved, -1);
    }
    return token;
}

/* ---- states and status ------------------------------------------------------------ */
static void clear_last_error(cs_backend *b)
{
#ifdef _WIN32
    if (b->kind == CS_BACKEND_SYSTEM)
        SetLastError(0);
#else
    (void)b;
#endif
}

/* The raw state call for a handle; CS_STATE_FAILED with *err, *fn set. */
static int state_raw(cs_backend *b, int kind, void *raw, uint32_t *err, int *fn)
{
    cs_table *t = &b->table;
    int state;
    switch (kind) {
#define STATE_KIND(K, F, H)                                                   \
    case K:                                                                   \
        *fn = CS_FN_##F;                                                      \
        if (!t->fn.F) {                                                       \
            *err = ERROR_PROC_NOT_FOUND;                                      \
            return CS_STATE_FAILED;                                           \
        }                                                                     \
        clear_last_error(b);                                                  \
        state = (int)t->fn.F((H)raw);                                         \
        break;
    STATE_KIND(CS_KIND_NODE, GetClusterNodeState, HNODE)
    STATE_KIND(CS_KIND_NETWORK, GetClusterNetworkState, HNETWORK)
    STATE_KIND(CS_KIND_NETINTERFACE, GetClusterNetInterfaceState, HNETINTERFACE)
#undef STATE_KIND
    case CS_KIND_GROUP:
        *fn = CS_FN_GetClusterGroupState;
        if (!t->fn.GetClusterGroupState) {
            *err = ERROR_PROC_NOT_FOUND;
            return CS_STATE_FAILED;
        }
        clear_last_error(b);
        state = (int)t->fn.GetClusterGroupState((HGROUP)raw, NULL, NULL);
        break;
    case CS_KIND_RESOURCE:
        *fn = CS_FN_GetClusterResourceState;
        if (!t->fn.GetClusterResourceState) {
            *err = ERROR_PROC_NOT_FOUND;
            return CS_STATE_FAILED;
        }
        clear_last_error(b);
        state = (int)t->fn.GetClusterResourceState((HRESOURCE)raw, NULL, NULL, NULL, NULL);
        break;
    default:
        *fn = -1;
        *err = ERROR_INVALID_HANDLE;
        return CS_STATE_FAILED;
    }
    if (state == -1) {
        uint32_t e = b->last_error ? (uint32_t)b->last_error() : 0;
        if (e != 0) {
            *err = e;
            return CS_STATE_FAILED;
        }
    }
    return state;
}

int cs_state(uint64_t token)
{
    uint32_t err = 0;
    int fn = -1, state;
    cs_handle *h = enter(token, -1);
    if (h == NULL)
        return CS_STATE_FAILED;
    state = state_raw(h->backend, h->kind, h->raw, &err, &fn);
    leave(token);
    if (state == CS_STATE_FAILED)
        fail(err, fn);
    return state;
}

/* GetClusterGroupState with its owner node; state or CS_STATE_FAILED. */
static int group_status_raw(cs_backend *b, HGROUP g, namebuf *owner, uint32_t *err)
{
    int state;
    if (!b->table.fn.GetClusterGroupState) {
        *err = ERROR_PROC_NOT_FOUND;
        return CS_STATE_FAILED;
    }
    for (;;) {
        DWORD cch = owner->cap;
        clear_last_error(b);
        state = (int)b->table.fn.GetClusterGroupState(g, owner->p, &cch);
        if (state != -1)
            return state;
        *err = b->last_error ? (uint32_t)b->last_error() : 0;
        if (*err != ERROR_MORE_DATA)
            break;
        if ((*err = nb_grow(owner, cch)) != 0)
            break;
    }
    if (*err == 0) {
        owner->p[0] = 0;        /* Unknown, and nothing went wrong: the DLL wrote no name */
        return -1;
    }
    return CS_STATE_FAILED;
}

static int resource_status_raw(cs_backend *b, HRESOURCE r, namebuf *owner, namebuf *group, uint32_t *err)
{
    int state;
    if (!b->table.fn.GetClusterResourceState) {
        *err = ERROR_PROC_NOT_FOUND;
        return CS_STATE_FAILED;
    }
    for (;;) {
        DWORD cch_owner = owner->cap, cch_group = group->cap;
        clear_last_error(b);
        state = (int)b->table.fn.GetClusterResourceState(r, owner->p, &cch_owner, group->p, &cch_group);
        if (state != -1)
            return state;
        *err = b->last_error ? (uint32_t)b->last_error() : 0;
        if (*err != ERROR_MORE_DATA)
            break;
        if ((*err = nb_grow2(owner, cch_owner, group, cch_group)) != 0)
            break;
    }
    if (*err == 0) {
        owner->p[0] = 0;
        group->p[0] = 0;
        return -1;
    }
    return CS_STATE_FAILED;
}

/* The status of a group or resource token: its state (CS_STATE_FAILED with
 * *err, *fn set), its owner node and, for a resource, its group.  Also
 * returns the kind in *kind. */
/* Get{Group,Resource}State on a raw handle: the state (CS_STATE_FAILED with
 * *err, *fn set), the owner node and, for a resource, its group. */
static int status_raw(cs_backend *b, int kind, void *raw, namebuf *owner, namebuf *group, uint32_t *err, int *fn)
{
    if (kind == CS_KIND_GROUP) {
        *fn = CS_FN_GetClusterGroupState;
        return group_status_raw(b, (HGROUP)raw, owner, err);
    }
    if (kind == CS_KIND_RESOURCE) {
        *fn = CS_FN_GetClusterResourceState;
        return resource_status_raw(b, (HRESOURCE)raw, owner, group, err);
    }
    *fn = -1;
    *err = ERROR_INVALID_HANDLE;
    return CS_STATE_FAILED;
}

static int status_of(uint64_t token, namebuf *owner, namebuf *group, int *kind, uint32_t *err, int *fn)
{
    int state;
    cs_handle *h = enter(token, -1);
    if (h == NULL) {
        *err = tls_error;
        *fn = -1;
        return CS_STATE_FAILED;
    }
    *kind = h->kind;
    state = status_raw(h->backend, h->kind, h->raw, owner, group, err, fn);
    leave(token);
    return state;
}

uint32_t cs_status(uint64_t token, cs_result **out)
{
    builder bd;
    namebuf owner, group;
    uint32_t err = 0;
    int state, fn, kind = -1;
    memset(&bd, 0, sizeof(bd));
    nb_init(&owner);
    nb_init(&group);
    state = status_of(token, &owner, &group, &kind, &err, &fn);
    if (state != CS_STATE_FAILED) {
        add_int(&bd, state);
        add_string(&bd, owner.p);
        if (kind == CS_KIND_RESOURCE)
            add_string(&bd, group.p);
    }
    nb_free(&owner);
    nb_free(&group);
    if (state == CS_STATE_FAILED) {
        builder_free(&bd);
        return fail(err, fn);
    }
    return deliver(&bd, out);
}

/* Copies a NUL-terminated name into a caller's field; 0 when it does not fit. */
static int copy_field(cs_char *field, uint32_t capacity, const cs_char *text)
{
    size_t n = wlen(text);
    if (n >= capacity)
        return 0;
    memcpy(field, text, (n + 1) * sizeof(cs_char));
    return 1;
}

int cs_status_into(uint64_t token, cs_char *buf, uint32_t field_capacity)
{
    namebuf owner, group;
    uint32_t err = 0;
    int state, fn, kind = -1;
    if (buf == NULL || field_capacity == 0) {
        fail(ERROR_INVALID_PARAMETER, -1);
        return CS_STATE_FAILED;
    }
    nb_init(&owner);
    nb_init(&group);
    buf[0] = 0;
    buf[field_capacity] = 0;
    state = status_of(token, &owner, &group, &kind, &err, &fn);
    if (state != CS_STATE_FAILED &&
        (!copy_field(buf, field_capacity, owner.p) ||
         (kind == CS_KIND_RESOURCE && !copy_field(buf + field_capacity, field_capacity, group.p))))
        state = CS_STATUS_TOO_LONG;
    nb_free(&owner);
    nb_free(&group);
    if (state == CS_STATE_FAILED)
        fail(err, fn);
    return state;
}

/* ---- ids ----------------------------------------------------------------------------- */
/* CLUSCTL_*_GET_ID through Cluster{Group,Resource}Control: bytes, not characters. */
#define CONTROL_ID(fname, HOBJ, ControlF, code)                                            \
    static uint32_t fname(cs_backend *b, HOBJ obj, namebuf *nb, int *fn)                   \
    {                                                                                      \
        uint32_t err;                                                                      \
        *fn = CS_FN_##ControlF;                                                            \
        if (!b->table.fn.ControlF)                                                         \
            return ERROR_PROC_NOT_FOUND;                                                   \
        for (;;) {                                                                         \
            DWORD returned = 0;                                                            \
            err = b->table.fn.ControlF(obj, NULL, (DWORD)(code), NULL, 0, nb->p,           \
                                       nb->cap * (DWORD)sizeof(cs_char), &returned);       \
            if (err != ERROR_MORE_DATA)                                                    \
                break;                                                                     \
            if ((err = nb_grow(nb, returned / (DWORD)sizeof(cs_char))) != 0)              \
                return err;                                                                \
        }                                                                                  \
        if (err == 0)                                                                      \
            nb->p[nb->cap - 1] = 0;                                                        \
        return err;                                                                        \
    }
CONTROL_ID(group_id_raw, HGROUP, ClusterGroupControl, 0x03000039)        /* CLUSCTL_GROUP_GET_ID */
CONTROL_ID(resource_id_raw, HRESOURCE, ClusterResourceControl, 0x01000039) /* CLUSCTL_RESOURCE_GET_ID */

static uint32_t node_id_raw(cs_backend *b, HNODE node, namebuf *nb, int *fn)
{
    uint32_t err;
    *fn = CS_FN_GetClusterNodeId;
    if (!b->table.fn.GetClusterNodeId)
        return ERROR_PROC_NOT_FOUND;
    CALL_WITH_NAME(nb, b->table.fn.GetClusterNodeId(node, nb->p, cchp_), err)
    return err;
}

static uint32_t network_id_raw(cs_backend *b, HNETWORK net, namebuf *nb, int *fn)
{
    uint32_t err;
    *fn = CS_FN_GetClusterNetworkId;
    if (!b->table.fn.GetClusterNetworkId)
        return ERROR_PROC_NOT_FOUND;
    CALL_WITH_NAME(nb, b->table.fn.GetClusterNetworkId(net, nb->p, cchp_), err)
    return err;
}

static uint32_t id_raw(cs_backend *b, int kind, void *raw, namebuf *nb, int *fn)
{
    switch (kind) {
    case CS_KIND_NODE: return node_id_raw(b, (HNODE)raw, nb, fn);
    case CS_KIND_NETWORK: return network_id_raw(b, (HNETWORK)raw, nb, fn);
    case CS_KIND_GROUP: return group_id_raw(b, (HGROUP)raw, nb, fn);
    case CS_KIND_RESOURCE: return resource_id_raw(b, (HRESOURCE)raw, nb, fn);
    default:
        *fn = -1;
        return ERROR_INVALID_HANDLE;
    }
}

uint32_t cs_object_id(uint64_t token, cs_result **out)
{
    builder bd;
    namebuf nb;
    uint32_t err;
    int fn = -1;
    cs_handle *h = enter(token, -1);
    if (h == NULL)
        return tls_error;
    memset(&bd, 0, sizeof(bd));
    nb_init(&nb);
    err = id_raw(h->backend, h->kind, h->raw, &nb, &fn);
    leave(token);
    if (err == 0)
        add_string(&bd, nb.p);
    nb_free(&nb);
    if (err) {
        builder_free(&bd);
        return fail(err, fn);
    }
    return deliver(&bd, out);
}

/* ---- cluster-level reads ---------------------------------------------------------------- */
static uint32_t info_raw(cs_backend *b, HCLUSTER c, builder *bd, int *fn)
{
    CLUSTERVERSIONINFO info;
    namebuf nb;
    uint32_t err;
    *fn = CS_FN_GetClusterInformation;
    if (!b->table.fn.GetClusterInformation)
        return ERROR_PROC_NOT_FOUND;
    nb_init(&nb);
    memset(&info, 0, sizeof(info));
    info.dwVersionInfoSize = (DWORD)sizeof(info);
    CALL_WITH_NAME(&nb, b->table.fn.GetClusterInformation(c, nb.p, cchp_, &info), err)
    if (err == 0) {
        cs_char vendor[65], csd[65];
        memcpy(vendor, info.szVendorId, sizeof(info.szVendorId));
        memcpy(csd, info.szCSDVersion, sizeof(info.szCSDVersion));
        vendor[64] = 0;
        csd[64] = 0;
        add_string(bd, nb.p);
        add_string(bd, vendor);
        add_string(bd, csd);
        add_int(bd, info.MajorVersion);
        add_int(bd, info.MinorVersion);
        add_int(bd, info.BuildNumber);
        add_int(bd, info.dwClusterHighestVersion);
        add_int(bd, info.dwClusterLowestVersion);
        add_int(bd, info.dwFlags);
    }
    nb_free(&nb);
    return err;
}


static uint32_t quorum_raw(cs_backend *b, HCLUSTER c, builder *bd, int *fn)
{
    namebuf res, dev;
    uint32_t err;
    DWORD max_log = 0;
    *fn = CS_FN_GetClusterQuorumResource;
    if (!b->table.fn.GetClusterQuorumResource)
        return ERROR_PROC_NOT_FOUND;
    nb_init(&res);
    nb_init(&dev);
    for (;;) {
        DWORD cch_res = res.cap, cch_dev = dev.cap;
        err = b->table.fn.GetClusterQuorumResource(c, res.p, &cch_res, dev.p, &cch_dev, &max_log);
        if (err != ERROR_MORE_DATA)
            break;
        if ((err = nb_grow2(&res, cch_res, &dev, cch_dev)) != 0)
            break;
    }
    if (err == 0) {
        add_string(bd, res.p);
        add_string(bd, dev.p);
        add_int(bd, max_log);
    }
    nb_free(&res);
    nb_free(&dev);
    return err;
}

/* Runs one cluster-level read (info_raw, quorum_raw) on a cluster token. */
typedef uint32_t (*cluster_reader)(cs_backend *b, HCLUSTER c, builder *bd, int *fn);

static uint32_t read_cluster(uint64_t cluster, cluster_reader reader, cs_result **out)
{
    builder bd;
    uint32_t err;
    int fn = -1;
    cs_handle *h = enter(cluster, CS_KIND_CLUSTER);
    if (h == NULL)
        return tls_error;
    memset(&bd, 0, sizeof(bd));
    err = reader(h->backend, (HCLUSTER)h->raw, &bd, &fn);
    leave(cluster);
    if (err) {
        builder_free(&bd);
        return fail(err, fn);
    }
    return deliver(&bd, out);
}

uint32_t cs_cluster_info(uint64_t cluster, cs_result **out)
{
    return read_cluster(cluster, info_raw, out);
}

uint32_t cs_quorum(uint64_t cluster, cs_result **out)
{
    return read_cluster(cluster, quorum_raw, out);
}

uint32_t cs_netinterface_name(uint64_t cluster, const cs_char *node, const cs_char *network, cs_result **out)
{
    builder bd;
    namebuf nb;
    uint32_t err;
    cs_handle *h = enter(cluster, CS_KIND_CLUSTER);
    cs_backend *b;
    if (h == NULL)
        return tls_error;
    b = h->backend;
    memset(&bd, 0, sizeof(bd));
    nb_init(&nb);
    if (!b->table.fn.GetClusterNetInterface) {
        err = ERROR_PROC_NOT_FOUND;
    } else {
        CALL_WITH_NAME(&nb, b->table.fn.GetClusterNetInterface((HCLUSTER)h->raw, node, network, nb.p, cchp_), err)
    }
    leave(cluster);
    if (err == 0)
        add_string(&bd, nb.p);
    nb_free(&nb);
    if (err) {
        builder_free(&bd);
        return fail(err, err == ERROR_NOT_ENOUGH_MEMORY ? -1 : CS_FN_GetClusterNetInterface);
    }
    return deliver(&bd, out);
}


/* ---- Windows messages --------------------------------------------------------------------- */
uint32_t cs_format_message(uint32_t code, cs_char *buf, uint32_t capacity)
{
#ifdef _WIN32
    DWORD n;
    if (buf == NULL || capacity == 0)
        return 0;
    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code, 0,
                       (LPWSTR)buf, capacity, NULL);
    while (n > 0 && (buf[n - 1] == L'\n' || buf[n - 1] == L'\r' || buf[n - 1] == L' ' || buf[n - 1] == L'.'))
        buf[--n] = 0;
    return n;
#else
    (void)code;
    (void)buf;
    (void)capacity;
    return 0;
#endif
}

/* ---- benchmarks ---------------------------------------------------------------------------------- */
uintptr_t cs_sim_entry_address(int function_id)
{
    return (uintptr_t)cs_sim_entry_point(function_id);
}


/* ---- the snapshot ------------------------------------------------------------------------ */
/*
 * cs_snapshot() layout.
 * text, in order: cluster name, vendor id, CSD version, quorum resource,
 *   quorum device; then for each node: name, id; each group: name, id,
 *   owner node; each resource: name, id, owner node, group; each network:
 *   name, id; each net interface: name, node, network; each resource type:
 *   name.
 * ints: major, minor, build, highest version, lowest version, flags,
 *   quorum max log size, then the counts of nodes, groups, resources,
 *   networks, net interfaces, resource types, then the states of the
 *   nodes, groups, resources, networks and net interfaces in that order.
 *
 * Paths: ClusterGroupOpenEnumEx gives every group's id, state and owner in
 * one round trip; ClusterResourceOpenEnumEx every resource's id and group;
 * ClusterOpenEnumEx the ids of nodes and networks.  Where an export is
 * missing the walk falls back to per-object calls.  An object deleted
 * between the listing and its own calls (a *_NOT_FOUND code) is skipped.
 */

/* One kind's part of a snapshot: its text fields and its states. */
typedef struct part {
    builder text;
    builder states;             /* states in .ints */
    size_t n;
} part;

static int is_not_found(uint32_t err)
{
    return err == ERROR_CLUSTER_NODE_NOT_FOUND || err == ERROR_GROUP_NOT_FOUND ||
           err == ERROR_RESOURCE_NOT_FOUND || err == ERROR_CLUSTER_NETWORK_NOT_FOUND ||
           err == ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
}

/* The fields of a builder, as pointers into its text. */
static cs_char **split_fields(builder *bd, size_t *count)
{
    size_t i, n = 0, k = 0;
    cs_char **items;
    for (i = 0; i < bd->len; i++)
        if (bd->text[i] == 0)
            n++;
    items = (cs_char **)malloc((n ? n : 1) * sizeof(cs_char *));
    if (items == NULL)
        return NULL;
    if (n) {
        items[k++] = bd->text;
        for (i = 0; i + 1 < bd->len; i++)
            if (bd->text[i] == 0)
                items[k++] = bd->text + i + 1;
    }
    *count = n;
    return items;
}

static int wequal(const cs_char *a, const cs_char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* The three *EnumEx families (cluster, group, resource) differ only in their
 * handle and item types: adapters let one loop read them all. */
typedef DWORD (*item_next_fn)(cs_backend *b, void *e, DWORD index, void *item, LPDWORD cb);
typedef void (*item_take_fn)(const void *item, builder *text, builder *states);

static DWORD next_cluster_item(cs_backend *b, void *e, DWORD index, void *item, LPDWORD cb)
{
    return b->table.fn.ClusterEnumEx((HCLUSENUMEX)e, index, (PCLUSTER_ENUM_ITEM)item, cb);
}

static DWORD next_group_item(cs_backend *b, void *e, DWORD index, void *item, LPDWORD cb)
{
    return b->table.fn.ClusterGroupEnumEx((HGROUPENUMEX)e, index, (PCLUSTER_GROUP_ENUM_ITEM)item, cb);
}

static DWORD next_resource_item(cs_backend *b, void *e, DWORD index, void *item, LPDWORD cb)
{
    return b->table.fn.ClusterResourceEnumEx((HRESENUMEX)e, index, (PCLUSTER_RESOURCE_ENUM_ITEM)item, cb);
}

/* name, id */
static void take_cluster_item(const void *p, builder *text, builder *states)
{
    const CLUSTER_ENUM_ITEM *item = (const CLUSTER_ENUM_ITEM *)p;
    (void)states;
    add_string(text, item->lpszName);
    add_string(text, item->lpszId);
}

/* name, id, owner node | state */
static void take_group_item(const void *p, builder *text, builder *states)
{
    const CLUSTER_GROUP_ENUM_ITEM *item = (const CLUSTER_GROUP_ENUM_ITEM *)p;
    add_string(text, item->lpszName);
    add_string(text, item->lpszId);
    add_string(text, item->lpszOwnerNode);
    add_int(states, (int)item->state);
}

/* name, id, group */
static void take_resource_item(const void *p, builder *text, builder *states)
{
    const CLUSTER_RESOURCE_ENUM_ITEM *item = (const CLUSTER_RESOURCE_ENUM_ITEM *)p;
    (void)states;
    add_string(text, item->lpszName);
    add_string(text, item->lpszId);
    add_string(text, item->lpszOwnerGroupName);
}

/* Reads every item of an open *EnumEx enumeration, growing the item buffer
 * to the byte count ERROR_MORE_DATA asks for. */
static uint32_t read_items(cs_backend *b, void *e, item_next_fn next, int next_id, item_take_fn take,
                           builder *text, builder *states, int *fn)
{
    DWORD index = 0, err, cap = 1024;
    void *item = malloc(cap);
    if (item == NULL) {
        *fn = -1;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (;;) {
        DWORD cb = cap;
        err = next(b, e, index, item, &cb);
        if (err == ERROR_MORE_DATA) {
            void *bigger;
            if (cb <= cap)                       /* asks for no more than it had: do not loop */
                break;
            if ((bigger = realloc(item, cb)) == NULL) {
                err = ERROR_NOT_ENOUGH_MEMORY;
                break;
            }
            item = bigger;
            cap = cb;
            continue;
        }
        if (err != 0)
            break;
        take(item, text, states);
        index++;
    }
    free(item);
    if (err == ERROR_NO_MORE_ITEMS)
        return 0;
    *fn = err == ERROR_NOT_ENOUGH_MEMORY ? -1 : next_id;
    return err;
}

/* ClusterOpenEnumEx: name and id of every object of one type, as pairs. */
static uint32_t enum_ex_cluster(cs_backend *b, HCLUSTER c, DWORD type, builder *pairs, int *fn)
{
    uint32_t err;
    HCLUSENUMEX e = b->table.fn.ClusterOpenEnumEx(c, type, NULL);
    if (e == NULL) {
        *fn = CS_FN_ClusterOpenEnumEx;
        return backend_error(b);
    }
    err = read_items(b, e, next_cluster_item, CS_FN_ClusterEnumEx, take_cluster_item, pairs, NULL, fn);
    b->table.fn.ClusterCloseEnumEx(e);
    return err;
}

/* Names (and ids when `with_ids`) of every object of a CLUSTER_ENUM type:
 * from ClusterOpenEnumEx where the backend has it, else ClusterOpenEnum
 * (then *with_ids is set to 0 and ids must be read per object). */
static uint32_t list_objects(cs_backend *b, HCLUSTER c, DWORD type, builder *out, int *with_ids, int *fn)
{
    cs_table *t = &b->table;
    if (*with_ids && t->fn.ClusterOpenEnumEx && t->fn.ClusterEnumEx && t->fn.ClusterCloseEnumEx)
        return enum_ex_cluster(b, c, type, out, fn);
    *with_ids = 0;
    return enum_cluster(b, c, type, out, fn);
}

#define WALK_FAIL(e, f) do { err = (e); *fn = (f); goto done; } while (0)

/* The net interfaces of a node or a network (both enum types are 1:
 * CLUSTER_NODE_ENUM_NETINTERFACES, CLUSTER_NETWORK_ENUM_NETINTERFACES). */
static uint32_t list_interfaces(cs_backend *b, int kind, void *raw, builder *out, int *fn)
{
    if (kind == CS_KIND_NODE)
        return enum_node(b, (HNODE)raw, 0x1, out, fn);
    return enum_network(b, (HNETWORK)raw, 0x1, out, fn);
}

/* Nodes or networks: name, id, state of each, and for each of its net
 * interfaces a pair (interface, owner) in *nif_owner. */
static uint32_t snap_with_interfaces(cs_backend *b, HCLUSTER c, int kind, part *out, builder *nif_owner, int *fn)
{
    builder list;
    cs_char **items = NULL;
    size_t count = 0, i, step;
    int with_ids = 1;
    uint32_t err;
    namebuf id;
    memset(&list, 0, sizeof(list));
    nb_init(&id);
    err = list_objects(b, c, kind == CS_KIND_NODE ? 0x1 /* CLUSTER_ENUM_NODE */ : 0x10 /* CLUSTER_ENUM_NETWORK */,
                       &list, &with_ids, fn);
    if (err)
        goto done;
    if ((items = split_fields(&list, &count)) == NULL)
        WALK_FAIL(ERROR_NOT_ENOUGH_MEMORY, -1);
    step = with_ids ? 2 : 1;
    for (i = 0; i + step <= count; i += step) {
        const cs_char *name = items[i];
        uint32_t e = 0;
        int f = -1, state;
        builder nifs;
        void *raw = open_for_read(b, c, kind, name, &e, &f);
        if (raw == NULL) {
            if (is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        state = state_raw(b, kind, raw, &e, &f);
        if (state != CS_STATE_FAILED && !with_ids)
            e = id_raw(b, kind, raw, &id, &f);
        memset(&nifs, 0, sizeof(nifs));
        if (state != CS_STATE_FAILED && e == 0)
            e = list_interfaces(b, kind, raw, &nifs, &f);
        close_raw(b, kind, raw);
        if (state == CS_STATE_FAILED || e != 0) {
            builder_free(&nifs);
            if (is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        {
            size_t n_nifs = 0, j;
            cs_char **nif_names = split_fields(&nifs, &n_nifs);
            if (nif_names == NULL) {
                builder_free(&nifs);
                WALK_FAIL(ERROR_NOT_ENOUGH_MEMORY, -1);
            }
            for (j = 0; j < n_nifs; j++) {
                add_string(nif_owner, nif_names[j]);
                add_string(nif_owner, name);
            }
            free(nif_names);
            builder_free(&nifs);
        }
        add_string(&out->text, name);
        add_string(&out->text, with_ids ? items[i + 1] : id.p);
        add_int(&out->states, state);
        out->n++;
    }
    err = 0;
done:
    free(items);
    builder_free(&list);
    nb_free(&id);
    return err;
}

static uint32_t snap_groups_bulk(cs_backend *b, HCLUSTER c, part *groups, int *fn)
{
    uint32_t err;
    HGROUPENUMEX e = b->table.fn.ClusterGroupOpenEnumEx(c, NULL, 0, NULL, 0, 0);
    if (e == NULL) {
        *fn = CS_FN_ClusterGroupOpenEnumEx;
        return backend_error(b);
    }
    err = read_items(b, e, next_group_item, CS_FN_ClusterGroupEnumEx, take_group_item, &groups->text,
                     &groups->states, fn);
    b->table.fn.ClusterGroupCloseEnumEx(e);
    groups->n = groups->states.n_ints;
    return err;
}

/* The per-object part of the group (fallback) and resource walks: for
 * every listed object (name, then its id when step >= 2), open it, read its
 * status -- and its id when the listing had none (step 1) -- and close it;
 * append name, id, owner[, group] and the state.  Objects gone meanwhile are
 * skipped. */
static uint32_t snap_statuses(cs_backend *b, HCLUSTER c, int kind, cs_char **items, size_t count, size_t step,
                              part *out, int *fn)
{
    uint32_t err = 0;
    size_t i;
    namebuf id, owner, group;
    nb_init(&id);
    nb_init(&owner);
    nb_init(&group);
    for (i = 0; i + step <= count; i += step) {
        uint32_t e = 0;
        int f = -1, state;
        void *raw = open_for_read(b, c, kind, items[i], &e, &f);
        if (raw == NULL) {
            if (is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        state = status_raw(b, kind, raw, &owner, &group, &e, &f);
        if (state != CS_STATE_FAILED && step == 1)
            e = id_raw(b, kind, raw, &id, &f);
        close_raw(b, kind, raw);
        if (state == CS_STATE_FAILED || e != 0) {
            if (is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        add_string(&out->text, items[i]);
        add_string(&out->text, step == 1 ? id.p : items[i + 1]);
        add_string(&out->text, owner.p);
        if (kind == CS_KIND_RESOURCE)
            add_string(&out->text, group.p);
        add_int(&out->states, state);
        out->n++;
    }
done:
    nb_free(&id);
    nb_free(&owner);
    nb_free(&group);
    return err;
}

static uint32_t snap_groups(cs_backend *b, HCLUSTER c, part *groups, int *fn)
{
    builder list;
    cs_char **items = NULL;
    size_t count = 0;
    int with_ids = 1;
    uint32_t err;
    cs_table *t = &b->table;
    if (t->fn.ClusterGroupOpenEnumEx && t->fn.ClusterGroupEnumEx && t->fn.ClusterGroupCloseEnumEx)
        return snap_groups_bulk(b, c, groups, fn);
    memset(&list, 0, sizeof(list));
    err = list_objects(b, c, 0x8 /* CLUSTER_ENUM_GROUP */, &list, &with_ids, fn);
    if (err == 0 && (items = split_fields(&list, &count)) == NULL) {
        err = ERROR_NOT_ENOUGH_MEMORY;
        *fn = -1;
    }
    if (err == 0)
        err = snap_statuses(b, c, CS_KIND_GROUP, items, count, with_ids ? 2 : 1, groups, fn);
    free(items);
    builder_free(&list);
    return err;
}

/* ClusterResourceOpenEnumEx: name, id and group of every resource, as triples. */
static uint32_t enum_ex_resources(cs_backend *b, HCLUSTER c, builder *triples, int *fn)
{
    uint32_t err;
    HRESENUMEX e = b->table.fn.ClusterResourceOpenEnumEx(c, NULL, 0, NULL, 0, 0);
    if (e == NULL) {
        *fn = CS_FN_ClusterResourceOpenEnumEx;
        return backend_error(b);
    }
    err = read_items(b, e, next_resource_item, CS_FN_ClusterResourceEnumEx, take_resource_item, triples, NULL, fn);
    b->table.fn.ClusterResourceCloseEnumEx(e);
    return err;
}

static uint32_t snap_resources(cs_backend *b, HCLUSTER c, part *resources, int *fn)
{
    builder list;
    cs_char **items = NULL;
    size_t count = 0, step;
    int with_ids = 1;
    uint32_t err;
    cs_table *t = &b->table;
    memset(&list, 0, sizeof(list));
    if (t->fn.ClusterResourceOpenEnumEx && t->fn.ClusterResourceEnumEx && t->fn.ClusterResourceCloseEnumEx) {
        err = enum_ex_resources(b, c, &list, fn);
        step = 3;                     /* name, id, group: the group is read again with the state */
    } else {
        err = list_objects(b, c, 0x4 /* CLUSTER_ENUM_RESOURCE */, &list, &with_ids, fn);
        step = with_ids ? 2 : 1;
    }
    if (err == 0 && (items = split_fields(&list, &count)) == NULL) {
        err = ERROR_NOT_ENOUGH_MEMORY;
        *fn = -1;
    }
    if (err == 0)
        err = snap_statuses(b, c, CS_KIND_RESOURCE, items, count, step, resources, fn);
    free(items);
    builder_free(&list);
    return err;
}

/* The second field of the pair whose first field is `name`, or "". */
static const cs_char *pair_lookup(cs_char **pairs, size_t n, const cs_char *name)
{
    static const cs_char empty[1] = { 0 };
    size_t i;
    for (i = 0; i + 1 < n; i += 2)
        if (wequal(pairs[i], name))
            return pairs[i + 1];
    return empty;
}

static uint32_t snap_netinterfaces(cs_backend *b, HCLUSTER c, part *nifs, builder *nif_node,
                                   builder *nif_network, int *fn)
{
    builder list;
    cs_char **items = NULL, **by_node = NULL, **by_network = NULL;
    size_t count = 0, n_node = 0, n_network = 0, i;
    uint32_t err;
    memset(&list, 0, sizeof(list));
    err = enum_cluster(b, c, 0x20 /* CLUSTER_ENUM_NETINTERFACE */, &list, fn);
    if (err)
        goto done;
    items = split_fields(&list, &count);
    by_node = split_fields(nif_node, &n_node);
    by_network = split_fields(nif_network, &n_network);
    if (items == NULL || by_node == NULL || by_network == NULL)
        WALK_FAIL(ERROR_NOT_ENOUGH_MEMORY, -1);
    for (i = 0; i < count; i++) {
        uint32_t e = 0;
        int f = -1, state;
        HNETINTERFACE nif = (HNETINTERFACE)open_for_read(b, c, CS_KIND_NETINTERFACE, items[i], &e, &f);
        if (nif == NULL) {
            if (is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        state = state_raw(b, CS_KIND_NETINTERFACE, nif, &e, &f);
        b->table.fn.CloseClusterNetInterface(nif);
        if (state == CS_STATE_FAILED) {
            if (is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        add_string(&nifs->text, items[i]);
        add_string(&nifs->text, pair_lookup(by_node, n_node, items[i]));
        add_string(&nifs->text, pair_lookup(by_network, n_network, items[i]));
        add_int(&nifs->states, state);
        nifs->n++;
    }
    err = 0;
done:
    free(items);
    free(by_node);
    free(by_network);
    builder_free(&list);
    return err;
}

/* Appends one builder's text fields and ints to another. */
static void append(builder *to, builder *from)
{
    size_t i;
    if (from->len) {
        /* from->text is NUL-separated fields: copy them all at once */
        if (to->len + from->len + 1 > to->cap) {
            size_t cap = to->cap ? to->cap : 256;
            cs_char *p;
            while (to->len + from->len + 1 > cap)
                cap *= 2;
            p = (cs_char *)realloc(to->text, cap * sizeof(cs_char));
            if (p == NULL) {
                to->oom = 1;
                return;
            }
            to->text = p;
            to->cap = cap;
        }
        memcpy(to->text + to->len, from->text, from->len * sizeof(cs_char));
        to->len += from->len;
    }
    for (i = 0; i < from->n_ints; i++)
        add_int(to, from->ints[i]);
    if (from->oom)
        to->oom = 1;
}

uint32_t cs_snapshot(uint64_t cluster, cs_result **out)
{
    enum { NODES, GROUPS, RESOURCES, NETWORKS, NETIFS, N_PARTS };
    part parts[N_PARTS];
    builder head, quorum, restypes, nif_node, nif_network, result;
    cs_backend *b;
    HCLUSTER c;
    uint32_t err;
    int fn = -1, i;
    cs_handle *h = enter(cluster, CS_KIND_CLUSTER);
    if (h == NULL)
        return tls_error;
    b = h->backend;
    c = (HCLUSTER)h->raw;
    memset(parts, 0, sizeof(parts));
    memset(&head, 0, sizeof(head));
    memset(&quorum, 0, sizeof(quorum));
    memset(&restypes, 0, sizeof(restypes));
    memset(&nif_node, 0, sizeof(nif_node));
    memset(&nif_network, 0, sizeof(nif_network));
    memset(&result, 0, sizeof(result));

    if (!b->table.fn.CloseClusterNode || !b->table.fn.CloseClusterGroup || !b->table.fn.CloseClusterResource ||
        !b->table.fn.CloseClusterNetwork || !b->table.fn.CloseClusterNetInterface) {
        err = ERROR_PROC_NOT_FOUND;
        fn = !b->table.fn.CloseClusterNode ? CS_FN_CloseClusterNode
           : !b->table.fn.CloseClusterGroup ? CS_FN_CloseClusterGroup
           : !b->table.fn.CloseClusterResource ? CS_FN_CloseClusterResource
           : !b->table.fn.CloseClusterNetwork ? CS_FN_CloseClusterNetwork : CS_FN_CloseClusterNetInterface;
        goto done;
    }
    if ((err = info_raw(b, c, &head, &fn)) != 0) goto done;
    if ((err = quorum_raw(b, c, &quorum, &fn)) != 0) goto done;
    if ((err = snap_with_interfaces(b, c, CS_KIND_NODE, &parts[NODES], &nif_node, &fn)) != 0) goto done;
    if ((err = snap_groups(b, c, &parts[GROUPS], &fn)) != 0) goto done;
    if ((err = snap_resources(b, c, &parts[RESOURCES], &fn)) != 0) goto done;
    if ((err = snap_with_interfaces(b, c, CS_KIND_NETWORK, &parts[NETWORKS], &nif_network, &fn)) != 0) goto done;
    if ((err = snap_netinterfaces(b, c, &parts[NETIFS], &nif_node, &nif_network, &fn)) != 0) goto done;
    if ((err = enum_cluster(b, c, 0x2 /* CLUSTER_ENUM_RESTYPE */, &restypes, &fn)) != 0) goto done;

    /* head: name, vendor, csd | major minor build highest lowest flags */
    append(&result, &head);
    {
        /* quorum: resource, device | max log */
        builder q_text = quorum;
        q_text.n_ints = 0;
        append(&result, &q_text);
        add_int(&result, quorum.n_ints ? quorum.ints[0] : 0);
    }
    for (i = 0; i < N_PARTS; i++)
        add_int(&result, (int64_t)parts[i].n);
    {
        size_t n_restypes = 0, k;
        for (k = 0; k < restypes.len; k++)
            if (restypes.text[k] == 0)
                n_restypes++;
        add_int(&result, (int64_t)n_restypes);
    }
    for (i = 0; i < N_PARTS; i++) {
        builder states_only = parts[i].states;
        append(&result, &parts[i].text);
        states_only.len = 0;
        append(&result, &states_only);
    }
    {
        builder names_only = restypes;
        names_only.n_ints = 0;
        append(&result, &names_only);
    }
done:
    leave(cluster);
    builder_free(&head);
    builder_free(&quorum);
    builder_free(&restypes);
    builder_free(&nif_node);
    builder_free(&nif_network);
    for (i = 0; i < N_PARTS; i++) {
        builder_free(&parts[i].text);
        builder_free(&parts[i].states);
    }
    if (err) {
        builder_free(&result);
        return fail(err, fn);
    }
    return deliver(&result, out);
}

/* ---- benchmarks: the C floor ----------------------------------------------------------------- */
static double now_seconds(void)
{
#ifdef _WIN32
    LARGE_INTEGER freq, count;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&count);
    return (double)count.QuadPart / (double)freq.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
}

double cs_bench_floor(int backend_id, int which, const cs_char *group, uint32_t iterations)
{
    cs_backend *b = backend_for_call(backend_id, CS_FN_OpenClusterEx);
    cs_table *t;
    double start;
    uint32_t i;
    if (b == NULL)
        return -1.0;
    t = &b->table;
    if (!t->fn.OpenClusterEx || !t->fn.CloseCluster ||
        (which == 1 && (!t->fn.OpenClusterGroupEx || !t->fn.GetClusterGroupState || !t->fn.CloseClusterGroup)))
        return -1.0;
    start = now_seconds();
    for (i = 0; i < iterations; i++) {
        DWORD granted = 0;
        HCLUSTER c;
        if (b->bind)
            b->bind(b->ctx);
        c = t->fn.OpenClusterEx(NULL, (DWORD)MAXIMUM_ALLOWED, &granted);
        if (c == NULL)
            return -1.0;
        if (which == 1) {
            cs_char owner[NAME_STACK];
            DWORD cch = NAME_STACK;
            HGROUP g = t->fn.OpenClusterGroupEx(c, group, (DWORD)MAXIMUM_ALLOWED, &granted);
            if (g == NULL) {
                t->fn.CloseCluster(c);
                return -1.0;
            }
            t->fn.GetClusterGroupState(g, owner, &cch);
            t->fn.CloseClusterGroup(g);
        }
        t->fn.CloseCluster(c);
    }
    return now_seconds() - start;
}
