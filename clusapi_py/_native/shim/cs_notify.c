/*
 * shim/cs_notify.c - notification ports (api/cs_notify.h): opening one on
 * a cluster, the GetClusterNotify(V2) loop with its ERROR_MORE_DATA
 * retries, and a close that ends a wait in progress.
 *
 * A port's payload in the token table is a shim_port, which starts with
 * the cs_handle every token has.  Its lock guards `closing` and `busy`
 * (calls using the HCHANGE right now): a call checks `closing` and counts
 * itself busy before it touches the HCHANGE; the port's close hook
 * (port_closing, the handle's on_close, run by cs_notify_close and
 * cs_close_all) sets `closing` and, when a call is busy, closes the HCHANGE
 * at once -- the documented way to end a GetClusterNotify* wait -- and
 * clears h.raw, so the token's last reference (shim_close_raw) has nothing
 * left to close.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>
#include <string.h>

#define PORT_NO_HANDLE ((HCHANGE)(intptr_t)-1)     /* INVALID_HANDLE_VALUE: "create a new port" */
#define PAYLOAD_STACK 64
#define MAX_ROUNDS 32                              /* ERROR_MORE_DATA answers before giving up */

typedef struct shim_port {
    cs_handle h;                /* first: the token table's payload is a cs_handle */
    cs_mutex lock;
    int version;                /* 1 or 2 */
    int closing;
    int busy;                   /* calls using h.raw */
    int parked;                 /* calls waiting for an event inside the backend */
    uint64_t taken;             /* events handed out */
    int held;                   /* an event a peek took (all its strings and payload empty) */
    DWORD held_type;
    LONGLONG held_flags;
} shim_port;

static void port_closing(cs_handle *h);

/* ---- opening ---------------------------------------------------------------------- */
uint64_t cs_notify_open(uint64_t cluster, int version, const int64_t *filters, uint32_t n_filters,
                        uint32_t v1_filter)
{
    cs_handle *c;
    cs_table *t;
    cs_fn_CreateClusterNotifyPortV2 create_v2;
    cs_fn_CreateClusterNotifyPort create_v1;
    cs_fn_GetClusterNotifyV2 get_v2;
    HCHANGE raw = NULL;
    shim_port *p;
    uint32_t err = 0;
    int fn = -1;
    uint32_t i;
    if (version < 0 || version > 2 || (version != 1 && (filters == NULL || n_filters == 0 || n_filters > 64))) {
        cs_fail(ERROR_INVALID_PARAMETER, -1);
        return 0;
    }
    if ((c = shim_enter(cluster, CS_KIND_CLUSTER)) == NULL)
        return 0;
    t = &c->backend->table;
    create_v2 = t->fn.CreateClusterNotifyPortV2;
    create_v1 = t->fn.CreateClusterNotifyPort;
    get_v2 = t->fn.GetClusterNotifyV2;      /* read once: hide() may change the table meanwhile */
    if (version == 0)
        version = (create_v2 && get_v2) ? 2 : 1;
    if (version == 2) {
        NOTIFY_FILTER_AND_TYPE *f = NULL;
        fn = CS_FN_CreateClusterNotifyPortV2;
        if (!create_v2)
            err = ERROR_PROC_NOT_FOUND;
        else if (!get_v2) {
            err = ERROR_PROC_NOT_FOUND;
            fn = CS_FN_GetClusterNotifyV2;
        } else if ((f = (NOTIFY_FILTER_AND_TYPE *)calloc(n_filters, sizeof(*f))) == NULL) {
            err = ERROR_NOT_ENOUGH_MEMORY;
            fn = -1;
        }
        if (!err) {
            for (i = 0; i < n_filters; i++) {
                f[i].dwObjectType = (DWORD)filters[2 * i];
                f[i].FilterFlags = (LONGLONG)filters[2 * i + 1];
            }
            raw = create_v2(PORT_NO_HANDLE, (HCLUSTER)c->raw, f, (DWORD)n_filters, 0);
            if (raw == NULL)
                err = shim_backend_error(c->backend);
        }
        free(f);
    } else {
        fn = CS_FN_CreateClusterNotifyPort;
        if (!create_v1)
            err = ERROR_PROC_NOT_FOUND;
        else if (!t->fn.GetClusterNotify) {
            err = ERROR_PROC_NOT_FOUND;
            fn = CS_FN_GetClusterNotify;
        } else if ((raw = create_v1(PORT_NO_HANDLE, (HCLUSTER)c->raw, (DWORD)v1_filter, 0)) == NULL) {
            err = shim_backend_error(c->backend);
        }
    }
    if (!err && (p = (shim_port *)calloc(1, sizeof(*p))) == NULL) {
        shim_close_raw(c->backend, CS_KIND_NOTIFY, raw);
        err = ERROR_NOT_ENOUGH_MEMORY;
        fn = -1;
    }
    if (err) {
        shim_leave(cluster);
        cs_fail(err, fn);
        return 0;
    }
    {
        cs_mutex init = CS_MUTEX_INIT;
        p->lock = init;
    }
    p->version = version;
    p->h.kind = CS_KIND_NOTIFY;
    p->h.backend = c->backend;
    p->h.raw = raw;
    p->h.cluster = cluster;     /* the reference shim_enter took now belongs to the port */
    p->h.on_close = port_closing;
    {
        uint64_t token = shim_publish(&p->h);
        if (token == 0) {
            uint32_t saved = cs_last_error();
            shim_leave(cluster);
            cs_fail(saved, -1);
        }
        return token;
    }
}

int cs_notify_version(uint64_t token)
{
    shim_port *p = (shim_port *)shim_enter(token, CS_KIND_NOTIFY);
    int v;
    if (p == NULL)
        return 0;
    v = p->version;
    shim_leave(token);
    return v;
}

/* ---- using the HCHANGE ---------------------------------------------------------------- */
/* Counts a call as busy and gives it the HCHANGE; NULL when closing. */
static HCHANGE port_begin(shim_port *p)
{
    HCHANGE raw = NULL;
    cs_mutex_lock(&p->lock);
    if (!p->closing && p->h.raw != NULL) {
        raw = (HCHANGE)p->h.raw;
        p->busy++;
    }
    cs_mutex_unlock(&p->lock);
    return raw;
}

/* Ends a busy call; returns whether the port was closed meanwhile. */
static int port_end(shim_port *p, int took_event)
{
    int closing;
    cs_mutex_lock(&p->lock);
    p->busy--;
    if (took_event)
        p->taken++;
    closing = p->closing;
    cs_mutex_unlock(&p->lock);
    return closing;
}

/* Grows nb when the backend asked for more than it holds: 1 grown, 0 no
 * need, or the error. */
static uint32_t grow_name(cs_namebuf *nb, DWORD needed, int *grew)
{
    uint32_t r;
    if ((size_t)needed + 1 <= nb->cap)
        return 0;
    r = cs_nb_grow(nb, needed);
    if (r == 0)
        *grew = 1;
    return r;
}

typedef struct event_bufs {
    cs_namebuf str[4];          /* object id, parent id, name, type */
    uint8_t stack[PAYLOAD_STACK];
    uint8_t *payload;
    DWORD cap;
} event_bufs;

static void bufs_init(event_bufs *e)
{
    int i;
    for (i = 0; i < 4; i++)
        cs_nb_init(&e->str[i]);
    e->payload = e->stack;
    e->cap = PAYLOAD_STACK;
}

static void bufs_free(event_bufs *e)
{
    int i;
    for (i = 0; i < 4; i++)
        cs_nb_free(&e->str[i]);
    if (e->payload != e->stack)
        free(e->payload);
}

/* GetClusterNotifyV2 until it answers something other than
 * ERROR_MORE_DATA, every buffer grown to the sizes the answer gives.  The
 * payload has no cap of its own: whatever the cluster sends (a property
 * list can carry a value of any size) is read, or the event would stay
 * first in the queue and every later call would fail the same way.  Only
 * memory bounds it; ERROR_NOT_ENOUGH_MEMORY then, and a new port (what the
 * live view opens after an error) starts with an empty queue. */
static uint32_t get_v2(cs_fn_GetClusterNotifyV2 get, HCHANGE raw, DWORD ms, event_bufs *e,
                       NOTIFY_FILTER_AND_TYPE *ft, DWORD_PTR *key, DWORD *cb)
{
    int round;
    for (round = 0; round < MAX_ROUNDS; round++) {
        DWORD cch[4];
        int i, grew = 0;
        uint32_t err;
        for (i = 0; i < 4; i++)
            cch[i] = e->str[i].cap;
        *cb = e->cap;
        err = get(raw, key, ft, e->payload, cb, e->str[0].p, &cch[0], e->str[1].p, &cch[1], e->str[2].p, &cch[2],
                  e->str[3].p, &cch[3], ms);
        if (err != ERROR_MORE_DATA)
            return err;
        for (i = 0; i < 4; i++) {
            uint32_t r = grow_name(&e->str[i], cch[i], &grew);
            if (r)
                return r;
        }
        if (*cb > e->cap) {
            uint8_t *p;
            if ((p = (uint8_t *)malloc(*cb)) == NULL)
                return ERROR_NOT_ENOUGH_MEMORY;
            if (e->payload != e->stack)
                free(e->payload);
            e->payload = p;
            e->cap = *cb;
            grew = 1;
        }
        if (!grew)
            return ERROR_MORE_DATA;     /* the backend asks for no more than we have: stop */
    }
    return ERROR_MORE_DATA;
}

static uint32_t get_v1(cs_fn_GetClusterNotify get, HCHANGE raw, DWORD ms, cs_namebuf *name, DWORD *filter,
                       DWORD_PTR *key)
{
    int round;
    for (round = 0; round < MAX_ROUNDS; round++) {
        DWORD cch = name->cap;
        uint32_t err = get(raw, key, filter, name->p, &cch, ms);
        int grew = 0;
        if (err != ERROR_MORE_DATA)
            return err;
        if ((err = grow_name(name, cch, &grew)) != 0)
            return err;
        if (!grew)
            return ERROR_MORE_DATA;
    }
    return ERROR_MORE_DATA;
}

/* The kind a version-1 *_STATE filter is about, or -1. */
static int v1_state_kind(DWORD filter)
{
    switch (filter) {
    case CLUSTER_CHANGE_NODE_STATE: return CS_KIND_NODE;
    case CLUSTER_CHANGE_GROUP_STATE: return CS_KIND_GROUP;
    case CLUSTER_CHANGE_RESOURCE_STATE: return CS_KIND_RESOURCE;
    case CLUSTER_CHANGE_NETWORK_STATE: return CS_KIND_NETWORK;
    case CLUSTER_CHANGE_NETINTERFACE_STATE: return CS_KIND_NETINTERFACE;
    default: return -1;
    }
}

/* Version 1 names the object only: its state (and owner, group) is read
 * with one open + Get*State + close on the port's cluster.  -1 in
 * *has_state's stead when that fails (the object may be gone already). */
static int read_v1_state(shim_port *p, int kind, const cs_char *name, cs_namebuf *owner, cs_namebuf *group,
                         int *state)
{
    cs_handle *c = shim_enter(p->h.cluster, CS_KIND_CLUSTER);
    DWORD granted;
    uint32_t err = 0;
    int fn, ok = 0;
    void *raw;
    if (c == NULL)
        return 0;
    raw = shim_open_raw(c->backend, (HCLUSTER)c->raw, kind, name, 0, 1, &granted, &err, &fn);
    if (raw != NULL) {
        if (kind == CS_KIND_GROUP || kind == CS_KIND_RESOURCE)
            *state = shim_status_raw(c->backend, kind, raw, owner, group, &err, &fn);
        else
            *state = shim_state_raw(c->backend, kind, raw, &err, &fn);
        ok = *state != CS_STATE_FAILED;
        shim_close_raw(c->backend, kind, raw);
    }
    shim_leave(p->h.cluster);
    return ok;
}

/* Waits (no lock held) until the backend has an event, with zero-size
 * buffers: ERROR_MORE_DATA says one is there and leaves it queued.  0 means
 * the backend handed over an event with nothing in it (no strings, no
 * payload): *ft / *filter hold it. */
static uint32_t peek(shim_port *p, HCHANGE raw, DWORD ms, NOTIFY_FILTER_AND_TYPE *ft, DWORD *filter)
{
    DWORD_PTR key = 0;
    if (p->version == 2) {
        cs_fn_GetClusterNotifyV2 get = p->h.backend->table.fn.GetClusterNotifyV2;
        DWORD cb = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        return get ? get(raw, &key, ft, NULL, &cb, NULL, &c0, NULL, &c1, NULL, &c2, NULL, &c3, ms)
                   : (uint32_t)ERROR_PROC_NOT_FOUND;
    } else {
        cs_fn_GetClusterNotify get = p->h.backend->table.fn.GetClusterNotify;
        DWORD cch = 0;
        return get ? get(raw, &key, filter, NULL, &cch, ms) : (uint32_t)ERROR_PROC_NOT_FOUND;
    }
}

/* Milliseconds left until `end` (cs_monotonic_seconds), for a finite wait. */
static DWORD ms_left(double end)
{
    double left = end - cs_monotonic_seconds();
    return left <= 0.0 ? 0 : (DWORD)(left * 1000.0) + 1;
}

/* Takes the event at the head of the queue, if any, with a zero timeout,
 * under the port's lock, and counts it there (see take_event). */
static uint32_t take_now(shim_port *p, HCHANGE raw, event_bufs *e, NOTIFY_FILTER_AND_TYPE *ft, DWORD *filter,
                         DWORD_PTR *key, DWORD *cb)
{
    cs_table *t = &p->h.backend->table;
    uint32_t err;
    cs_mutex_lock(&p->lock);
    if (p->closing) {
        err = CS_ERROR_HANDLE_CLOSED;
    } else if (p->version == 2) {
        cs_fn_GetClusterNotifyV2 get = t->fn.GetClusterNotifyV2;
        err = get ? get_v2(get, raw, 0, e, ft, key, cb) : (uint32_t)ERROR_PROC_NOT_FOUND;
    } else {
        cs_fn_GetClusterNotify get = t->fn.GetClusterNotify;
        err = get ? get_v1(get, raw, 0, &e->str[2], filter, key) : (uint32_t)ERROR_PROC_NOT_FOUND;
    }
    if (err == 0)
        p->taken++;
    cs_mutex_unlock(&p->lock);
    return err;
}

/*
 * An event in two steps: wait for one without taking it (peek, no lock),
 * then take it with a zero timeout under the port's lock, counting it in
 * the same breath -- so cs_notify_pending (which peeks under that lock)
 * never sees an event that left the queue and is not counted yet.  Another
 * reader may take the event between the two steps: then wait again, for
 * what is left of the timeout.
 */
static uint32_t take_event(shim_port *p, uint32_t timeout_ms, event_bufs *e, NOTIFY_FILTER_AND_TYPE *ft,
                           DWORD *filter, DWORD_PTR *key, DWORD *cb, int *fn)
{
    double end = timeout_ms == CS_NOTIFY_FOREVER ? 0.0 : cs_monotonic_seconds() + timeout_ms / 1000.0;
    DWORD wait = timeout_ms;
    *fn = p->version == 2 ? CS_FN_GetClusterNotifyV2 : CS_FN_GetClusterNotify;
    for (;;) {
        HCHANGE raw = port_begin(p);
        uint32_t err;
        if (raw == NULL)
            return CS_ERROR_HANDLE_CLOSED;
        if (wait != 0) {
            cs_mutex_lock(&p->lock);
            p->parked++;
            cs_mutex_unlock(&p->lock);
        }
        err = peek(p, raw, wait, ft, filter);
        if (wait != 0) {
            cs_mutex_lock(&p->lock);
            p->parked--;
            cs_mutex_unlock(&p->lock);
        }
        if (err == 0) {                 /* an empty event, taken by the peek itself */
            if (port_end(p, 1))
                return CS_ERROR_HANDLE_CLOSED;
            *cb = 0;
            return 0;
        }
        if (err == ERROR_MORE_DATA)
            err = take_now(p, raw, e, ft, filter, key, cb);
        if (port_end(p, 0) && err)
            return CS_ERROR_HANDLE_CLOSED;  /* the close ended the wait: not a failure */
        if (err != WAIT_TIMEOUT || timeout_ms == 0)
            return err;
        if (timeout_ms != CS_NOTIFY_FOREVER && (wait = ms_left(end)) == 0)
            return WAIT_TIMEOUT;
        /* another reader took it first: wait again */
    }
}

/* One event row appended to bd (CS_EVENT_FIELDS text fields: name, object
 * id, parent id, type, owner, group; CS_EVENT_INTS ints: version, object
 * type, flags, has state, state, key, payload bytes; the payload to the
 * byte channel).  `now`: take only an event that
 * is there already (one call, under the lock), no waiting. */
static uint32_t get_one(shim_port *p, uint32_t timeout_ms, int now, cs_builder *bd, int *fn)
{
    event_bufs e;
    cs_namebuf owner, group;
    NOTIFY_FILTER_AND_TYPE ft;
    DWORD_PTR key = 0;
    DWORD cb = 0, filter = 0;
    uint32_t err;
    int has_state = 0, state = 0;
    ft.dwObjectType = 0;
    ft.FilterFlags = 0;
    bufs_init(&e);
    cs_nb_init(&owner);
    cs_nb_init(&group);
    cs_mutex_lock(&p->lock);
    if (p->held && !p->closing) {       /* an empty event a cs_notify_pending peek took */
        p->held = 0;
        p->taken++;
        ft.dwObjectType = p->held_type;
        ft.FilterFlags = p->held_flags;
        filter = (DWORD)p->held_flags;
        err = 0;
        cs_mutex_unlock(&p->lock);
    } else if (now) {
        HCHANGE raw;
        cs_mutex_unlock(&p->lock);
        *fn = p->version == 2 ? CS_FN_GetClusterNotifyV2 : CS_FN_GetClusterNotify;
        if ((raw = port_begin(p)) == NULL) {
            err = CS_ERROR_HANDLE_CLOSED;
        } else {
            err = take_now(p, raw, &e, &ft, &filter, &key, &cb);
            if (port_end(p, 0) && err)
                err = CS_ERROR_HANDLE_CLOSED;
        }
    } else {
        cs_mutex_unlock(&p->lock);
        err = take_event(p, timeout_ms, &e, &ft, &filter, &key, &cb, fn);
    }
    if (!err && p->version == 1) {
        int kind = v1_state_kind(filter);
        if (kind >= 0)
            has_state = read_v1_state(p, kind, e.str[2].p, &owner, &group, &state);
    }
    if (!err) {
        static const int order[4] = { 2, 0, 1, 3 };     /* name, object id, parent id, type */
        int i;
        if (p->version != 2)
            cb = 0;
        for (i = 0; i < 4; i++)
            cs_bd_string(bd, order[i] == 2 || p->version == 2 ? e.str[order[i]].p : NULL);
        cs_bd_string(bd, owner.p);
        cs_bd_string(bd, group.p);
        cs_bd_int(bd, p->version);
        cs_bd_int(bd, p->version == 2 ? (int64_t)ft.dwObjectType : 0);
        cs_bd_int(bd, p->version == 2 ? (int64_t)ft.FilterFlags : (int64_t)filter);
        cs_bd_int(bd, has_state);
        cs_bd_int(bd, state);
        cs_bd_int(bd, (int64_t)key);
        cs_bd_int(bd, (int64_t)cb);
        cs_bd_bytes(bd, e.payload, cb);
    }
    bufs_free(&e);
    cs_nb_free(&owner);
    cs_nb_free(&group);
    return err;
}

uint32_t cs_notify_get(uint64_t token, uint32_t timeout_ms, cs_result **out)
{
    return cs_notify_get_batch(token, timeout_ms, 1, out);
}

uint32_t cs_notify_get_batch(uint64_t token, uint32_t timeout_ms, uint32_t max_events, cs_result **out)
{
    shim_port *p = (shim_port *)shim_enter(token, CS_KIND_NOTIFY);
    cs_builder bd = CS_BUILDER_INIT, result = CS_BUILDER_INIT;
    uint32_t err, n;
    int fn = -1;
    if (p == NULL)
        return cs_last_error();
    if (max_events == 0) {
        shim_leave(token);
        return cs_fail(ERROR_INVALID_PARAMETER, -1);
    }
    err = get_one(p, timeout_ms, 0, &bd, &fn);
    /* then whatever is queued already, up to max_events, without waiting */
    for (n = 1; !err && n < max_events; n++) {
        uint32_t more = get_one(p, 0, 1, &bd, &fn);
        if (more)
            break;
    }
    /* n: the events in bd (the first, and every one the loop took) */
    shim_leave(token);
    if (err == CS_ERROR_HANDLE_CLOSED) {
        cs_bd_free(&bd);
        return err;
    }
    if (err) {
        cs_bd_free(&bd);
        return cs_fail(err, fn);
    }
    cs_bd_sections_head(&result, CS_SNAPSHOT_FORMAT, 1);
    cs_bd_section_header(&result, CS_SECTION_EVENTS, n, CS_EVENT_FIELDS, CS_EVENT_INTS, bd.n_bytes);
    cs_bd_append(&result, &bd);
    cs_bd_free(&bd);
    return cs_bd_deliver(&result, out);
}

uint32_t cs_notify_pending(uint64_t token, int *pending, uint64_t *taken, int *parked)
{
    shim_port *p = (shim_port *)shim_enter(token, CS_KIND_NOTIFY);
    NOTIFY_FILTER_AND_TYPE ft;
    DWORD filter = 0;
    HCHANGE raw;
    uint32_t err;
    int fn;
    if (p == NULL)
        return cs_last_error();
    *pending = 0;
    *parked = 0;
    if ((raw = port_begin(p)) == NULL) {
        shim_leave(token);
        return CS_ERROR_HANDLE_CLOSED;
    }
    /* Under the lock that takes and counts events: see take_event. */
    cs_mutex_lock(&p->lock);
    err = p->held ? (uint32_t)ERROR_MORE_DATA : peek(p, raw, 0, &ft, &filter);
    if (err == 0) {                     /* an event with nothing in it: keep it for the next get */
        p->held = 1;
        p->held_type = ft.dwObjectType;
        p->held_flags = p->version == 2 ? ft.FilterFlags : (LONGLONG)filter;
    }
    *pending = p->held || err == ERROR_MORE_DATA;
    *taken = p->taken;
    *parked = p->parked;
    cs_mutex_unlock(&p->lock);
    fn = p->version == 2 ? CS_FN_GetClusterNotifyV2 : CS_FN_GetClusterNotify;
    port_end(p, 0);
    shim_leave(token);
    if (err == 0 || err == ERROR_MORE_DATA || err == WAIT_TIMEOUT)
        return 0;
    return cs_fail(err, fn);
}

/* The port's close hook (shim_close_hooked: the token is closed, our
 * reference keeps the payload). */
static void port_closing(cs_handle *h)
{
    shim_port *p = (shim_port *)h;
    cs_mutex_lock(&p->lock);
    p->closing = 1;
    if (p->busy > 0 && p->h.raw != NULL) {
        /* A call is inside GetClusterNotify*: closing the HCHANGE is what
         * ends that wait.  The token's last reference finds raw NULL. */
        shim_close_raw(p->h.backend, CS_KIND_NOTIFY, p->h.raw);
        p->h.raw = NULL;
    }
    cs_mutex_unlock(&p->lock);
}

uint32_t cs_notify_close(uint64_t token)
{
    return shim_close_hooked(token);    /* any kind; a port's hook is port_closing */
}

/* ---- the benchmark floor ------------------------------------------------------------------------- */
double cs_bench_notify_floor(uint64_t token, uint32_t events)
{
    shim_port *p = (shim_port *)shim_enter(token, CS_KIND_NOTIFY);
    cs_fn_GetClusterNotifyV2 get;
    HCHANGE raw;
    double t0, t1;
    uint32_t i, err = 0;
    if (p == NULL)
        return -1.0;
    get = p->h.backend->table.fn.GetClusterNotifyV2;
    if (p->version != 2 || get == NULL || (raw = port_begin(p)) == NULL) {
        shim_leave(token);
        return -1.0;
    }
    t0 = cs_monotonic_seconds();
    for (i = 0; i < events && !err; i++) {
        WCHAR id[256], parent[256], name[256], type[256];
        BYTE payload[256];
        DWORD cb = sizeof(payload), c0 = 256, c1 = 256, c2 = 256, c3 = 256;
        NOTIFY_FILTER_AND_TYPE ft;
        DWORD_PTR key;
        err = get(raw, &key, &ft, payload, &cb, id, &c0, parent, &c1, name, &c2, type, &c3, CS_WAIT_FOREVER);
    }
    t1 = cs_monotonic_seconds();
    port_end(p, 0);
    shim_leave(token);
    return err ? -1.0 : t1 - t0;
}
