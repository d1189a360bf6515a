/*
 * shim/cs_handles.c - tokens over raw handles (api/cs_handles.h): the
 * token table, entering and leaving a call, the real close when the last
 * reference goes, and opening clusters and objects.
 */
#include "shim/cs_shim_int.h"
#include "api/cs_testing.h"
#include "core/cs_fork.h"
#include <stdlib.h>

static cs_htable tokens;
static cs_atomic32 tokens_ready;
/* The token the last cs_open_* on this thread handed out (0: it failed),
 * until Python has it stored (see cs_reclaim_pending). */
static CS_THREAD_LOCAL uint64_t tls_pending;
static cs_mutex tokens_init_lock = CS_MUTEX_INIT;

/* In a child after fork: the inherited tokens are the parent's handles.
 * They are abandoned -- marked closed and detached, never finished -- so the
 * child can neither use them (CS_COND_CLOSED) nor close them (which would
 * close the parent's server-side handles, or free what another, vanished,
 * thread was using). */
static void abandon_inherited_tokens(void)
{
    if (cs_atomic32_load(&tokens_ready))
        cs_ht_abandon_all(&tokens);
}

static cs_htable *token_table(void)
{
    if (!cs_atomic32_load(&tokens_ready)) {
        cs_fork_guard(CS_FORK_TOKENS_INIT, &tokens_init_lock);
        cs_mutex_lock(&tokens_init_lock);
        if (!tokens_ready) {
            cs_ht_init(&tokens, 32);
            cs_fork_guard(CS_FORK_TOKENS, &tokens.lock);
            cs_fork_on_child(CS_FORK_TOKENS, abandon_inherited_tokens);
            cs_atomic32_store(&tokens_ready, 1);
        }
        cs_mutex_unlock(&tokens_init_lock);
    }
    return &tokens;
}

void shim_close_raw(cs_backend *b, int kind, void *raw)
{
    cs_table *t = &b->table;
    switch (kind) {
#define CLOSE_KIND(K, F, H)                                                   \
    case K: {                                                                 \
        cs_fn_##F close_fn = t->fn.F;                                         \
        if (close_fn && raw)                                                  \
            close_fn((H)raw);                                                 \
        break;                                                                \
    }
    CLOSE_KIND(CS_KIND_CLUSTER, CloseCluster, HCLUSTER)
    CLOSE_KIND(CS_KIND_NODE, CloseClusterNode, HNODE)
    CLOSE_KIND(CS_KIND_GROUP, CloseClusterGroup, HGROUP)
    CLOSE_KIND(CS_KIND_RESOURCE, CloseClusterResource, HRESOURCE)
    CLOSE_KIND(CS_KIND_NETWORK, CloseClusterNetwork, HNETWORK)
    CLOSE_KIND(CS_KIND_NETINTERFACE, CloseClusterNetInterface, HNETINTERFACE)
    CLOSE_KIND(CS_KIND_NOTIFY, CloseClusterNotifyPort, HCHANGE)
#undef CLOSE_KIND
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
            shim_close_raw(h->backend, h->kind, h->raw);
        cs_ht_recycle(&tokens, token);
        free(h);
        h = NULL;
        if (parent) {
            h = (cs_handle *)cs_ht_release(&tokens, parent);
            token = parent;
        }
    }
}

cs_handle *shim_enter(uint64_t token, int kind)
{
    cs_handle *h = (cs_handle *)cs_ht_acquire(token_table(), token);
    if (h == NULL) {
        cs_fail_condition(CS_COND_CLOSED, CS_ERROR_HANDLE_CLOSED);
        return NULL;
    }
    if (kind == SHIM_ANY_KIND || h->kind == kind || (kind == SHIM_ANY_OBJECT && h->kind != CS_KIND_CLUSTER))
        return h;
    shim_leave(token);
    cs_fail(ERROR_INVALID_HANDLE, -1);
    return NULL;
}

cs_handle *shim_acquire(uint64_t token)
{
    return (cs_handle *)cs_ht_acquire(token_table(), token);
}

void shim_leave(uint64_t token)
{
    cs_handle *last = (cs_handle *)cs_ht_release(&tokens, token);
    if (last)
        finish(token, last);
}

uint64_t shim_publish(cs_handle *h)
{
    int full = 0;
    uint64_t token = cs_ht_alloc(token_table(), h, &full);
    if (token == 0) {
        shim_close_raw(h->backend, h->kind, h->raw);
        free(h);
        if (full)
            cs_fail_condition(CS_COND_TABLE_FULL, ERROR_NOT_ENOUGH_MEMORY);
        else
            cs_fail(ERROR_NOT_ENOUGH_MEMORY, -1);
    }
    return token;
}

/* Wraps a freshly opened raw handle in a token.  On failure the raw handle
 * is closed again and 0 returned (the caller still owns `cluster`'s
 * reference in that case). */
static uint64_t adopt(cs_backend *b, int kind, void *raw, uint64_t cluster, uint32_t granted)
{
    cs_handle *h = (cs_handle *)calloc(1, sizeof(*h));
    if (h == NULL) {
        shim_close_raw(b, kind, raw);
        cs_fail(ERROR_NOT_ENOUGH_MEMORY, -1);
        return 0;
    }
    h->kind = kind;
    h->backend = b;
    h->raw = raw;
    h->cluster = cluster;
    h->granted = granted;
    return shim_publish(h);
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
    int r;
    uint64_t value;
    cs_handle *h = shim_enter(token, SHIM_ANY_KIND);
    if (h == NULL)
        return cs_last_error();
    /* An object whose Cluster is closed holds the cluster's last reference:
     * detaching it would run the real CloseCluster and hand out a raw
     * handle already invalid.  (The object's reference keeps the cluster's
     * slot from being recycled while we look at it.) */
    r = h->cluster != 0 && cs_ht_peek(&tokens, h->cluster) == NULL;
    shim_leave(token);
    if (r)
        return cs_fail_condition(CS_COND_CLUSTER_CLOSED, ERROR_INVALID_HANDLE);
    r = cs_ht_detach_idle(token_table(), token, &last);
    if (r == 0)
        return cs_fail_condition(CS_COND_CLOSED, CS_ERROR_HANDLE_CLOSED);
    if (r < 0)
        return cs_fail(ERROR_BUSY, -1);
    value = (uint64_t)(uintptr_t)((cs_handle *)last)->raw;
    finish(token, (cs_handle *)last);
    *raw = value;
    return 0;
}

uint32_t cs_handle_info(uint64_t token, int *kind, int *backend, uint32_t *granted)
{
    cs_handle *h = shim_enter(token, SHIM_ANY_KIND);
    if (h == NULL)
        return cs_last_error();
    *kind = h->kind;
    *backend = h->backend->id;
    *granted = h->granted;
    shim_leave(token);
    return 0;
}

int cs_token_limit(void)
{
    return (int)token_table()->max_slots;
}

void cs_testing_set_token_limit(uint32_t limit)
{
    cs_htable *ht = token_table();
    cs_mutex_lock(&ht->lock);
    ht->max_slots = (limit == 0 || limit > CS_HT_MAX_SLOTS) ? CS_HT_MAX_SLOTS : limit;
    cs_mutex_unlock(&ht->lock);
}

int cs_open_token_count(void)
{
    return (int)cs_atomic32_load(&token_table()->live);
}

uint32_t shim_close_hooked(uint64_t token)
{
    cs_handle *h = shim_acquire(token);     /* ours: the payload stays while we look at it */
    if (h == NULL)
        return CS_ERROR_HANDLE_CLOSED;
    if (cs_close(token) != 0) {     /* someone else closed it first */
        shim_leave(token);
        return CS_ERROR_HANDLE_CLOSED;
    }
    if (h->on_close != NULL)
        h->on_close(h);
    shim_leave(token);
    return 0;
}

static void close_one(uint64_t token, void *ctx)
{
    (void)ctx;
    shim_close_hooked(token);   /* any kind; a port's hook wakes its waiters */
}

void cs_close_all(void)
{
    /* Order does not matter: a cluster's real close waits for its objects. */
    cs_ht_for_each_open(token_table(), close_one, NULL);
}

/* ---- opening ------------------------------------------------------------------- */
uint32_t cs_reclaim_pending(void)
{
    uint64_t token = tls_pending;
    tls_pending = 0;
    return token ? cs_close(token) : CS_ERROR_HANDLE_CLOSED;
}

static uint64_t open_cluster(int backend_id, const cs_char *name, uint32_t access);

uint64_t cs_open_cluster(int backend_id, const cs_char *name, uint32_t access)
{
    return tls_pending = open_cluster(backend_id, name, access);
}

static uint64_t open_with(cs_backend *b, const cs_char *name, uint32_t access);

/* The backend stays pinned until the open is over: a release of the
 * simulator on another thread cannot free it under the open (a handle
 * opened keeps the instance alive from then on). */
static uint64_t open_cluster(int backend_id, const cs_char *name, uint32_t access)
{
    cs_backend *b = shim_backend_for_call(backend_id, CS_FN_OpenClusterEx);
    uint64_t token;
    if (b == NULL)
        return 0;
    token = open_with(b, name, access);
    cs_backend_unpin(b);
    return token;
}

static uint64_t open_with(cs_backend *b, const cs_char *name, uint32_t access)
{
    cs_fn_OpenClusterEx open_ex;
    cs_fn_OpenCluster open_plain;
    void (*bind)(void *);
    HCLUSTER raw;
    DWORD granted = 0;
    int fn;
    if ((bind = b->bind) != NULL)
        bind(b->ctx);
    open_ex = b->table.fn.OpenClusterEx;
    open_plain = b->table.fn.OpenCluster;
    if (open_ex) {
        fn = CS_FN_OpenClusterEx;
        raw = open_ex(name, access, &granted);
    } else if (access == SHIM_ACCESS_ALL && open_plain) {
        fn = CS_FN_OpenCluster;
        raw = open_plain(name);
        granted = SHIM_ACCESS_ALL;
    } else {
        cs_fail(ERROR_PROC_NOT_FOUND, CS_FN_OpenClusterEx);
        return 0;
    }
    if (raw == NULL) {
        cs_fail(shim_backend_error(b), fn);
        return 0;
    }
    return adopt(b, CS_KIND_CLUSTER, raw, 0, (uint32_t)granted);
}

void *shim_open_raw(cs_backend *b, HCLUSTER c, int kind, const cs_char *name, uint32_t access, int for_read,
                    DWORD *granted, uint32_t *err, int *fn)
{
    cs_table *t = &b->table;
    void *raw = NULL;
    *granted = 0;
    /* Each pointer is read once: the one checked is the one called. */
#define OPEN_KIND(ExF, PlainF)                                                  \
    {                                                                           \
        cs_fn_##ExF ex = t->fn.ExF;                                             \
        cs_fn_##PlainF plain = ex ? NULL : t->fn.PlainF;                        \
        if (for_read)                                                           \
            access = ex ? (uint32_t)GENERIC_READ : SHIM_ACCESS_ALL;             \
        if (!ex && (access != SHIM_ACCESS_ALL || plain == NULL)) {              \
            *fn = CS_FN_##ExF;                                                  \
            *err = ERROR_PROC_NOT_FOUND;                                        \
            return NULL;                                                        \
        }                                                                       \
        if (ex) {                                                               \
            *fn = CS_FN_##ExF;                                                  \
            raw = (void *)ex(c, name, access, granted);                         \
        } else {                                                                \
            *fn = CS_FN_##PlainF;                                               \
            raw = (void *)plain(c, name);                                       \
            *granted = SHIM_ACCESS_ALL;                                         \
        }                                                                       \
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
        *err = shim_backend_error(b);
    return raw;
}

static uint64_t open_object(uint64_t cluster, int kind, const cs_char *name, uint32_t access);

uint64_t cs_open_object(uint64_t cluster, int kind, const cs_char *name, uint32_t access)
{
    return tls_pending = open_object(cluster, kind, name, access);
}

static uint64_t open_object(uint64_t cluster, int kind, const cs_char *name, uint32_t access)
{
    cs_handle *c = shim_enter(cluster, CS_KIND_CLUSTER);
    DWORD granted;
    uint32_t err = 0;
    int fn = -1;
    void *raw;
    uint64_t token;
    if (c == NULL)
        return 0;
    raw = shim_open_raw(c->backend, (HCLUSTER)c->raw, kind, name, access, 0, &granted, &err, &fn);
    if (raw == NULL) {
        shim_leave(cluster);
        cs_fail(err, fn);
        return 0;
    }
    /* The reference taken by shim_enter() now belongs to the new object. */
    token = adopt(c->backend, kind, raw, cluster, (uint32_t)granted);
    if (token == 0)
        shim_leave(cluster);            /* records nothing: adopt()'s failure stands */
    return token;
}
