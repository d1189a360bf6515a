/*
 * sim/cs_sim_notify.c - notification ports: each a handle (HK_NOTIFY) of
 * the cluster handle it was created on, holding a FIFO queue of events;
 * the entry points CreateClusterNotifyPort(V2), RegisterClusterNotify(V2),
 * GetClusterNotify(V2), CloseClusterNotifyPort, GetNotifyEventHandle.
 *
 * Posting (sim_post, from the model's choke point): an event goes to every
 * port of the instance whose filters take it.  A queue at its limit drops
 * what it holds and keeps one CLUSTER_LOST_NOTIFICATIONS (version 1: a
 * CLUSTER_RECONNECT, the only "re-read everything" it has).  While
 * cs_sim_break_connection is in force, ports of named opens get nothing;
 * afterwards each gets one CLUSTER_RECONNECT before anything newer.
 *
 * Waiting: GetClusterNotify* sleep on one condition variable (g_notify_cond,
 * with g_lock) that every post, every port close and every break wakes;
 * after each wake they find their handle again by token -- a port closed
 * meanwhile (CloseClusterNotifyPort from another thread, or its cluster's
 * CloseCluster) ends the wait with ERROR_INVALID_HANDLE, as clusapi.dll
 * documents.  The instance outlives its waiters (sim->waiters).
 *
 * Buffers: the ERROR_MORE_DATA protocol of every string (characters) and
 * of the payload (bytes): when any is too small, all the sizes needed are
 * reported and the event stays queued.
 */
#include "sim/cs_sim_int.h"
#include <stdlib.h>
#include <string.h>

cs_cond g_notify_cond = CS_COND_INIT;

/* In a child after fork() (core/cs_fork.h; g_lock is free and no other
 * thread exists): the threads that were waiting are gone, so the condition
 * variable's waiter state and every instance's count of waiters describe
 * nothing -- start both afresh, or a broadcast could block and a released
 * instance would never be freed. */
void sim_notify_after_fork_in_child(void)
{
    static const cs_cond fresh = CS_COND_INIT;
    sim *s;
    memcpy(&g_notify_cond, &fresh, sizeof(fresh));
    for (s = g_sims; s != NULL; s = s->next_sim)
        s->waiters = 0;
}

#define N_OBJECT_TYPES 16

typedef struct sim_event {
    struct sim_event *next;
    DWORD object_type;
    LONGLONG flags;
    DWORD v1_filter;
    WCHAR *str[4];              /* id, parent, name, type: into the same block */
    DWORD len[4];               /* characters, without the NUL */
    BYTE *payload;
    DWORD cb_payload;
} sim_event;

enum { EV_ID, EV_PARENT, EV_NAME, EV_TYPE };

typedef struct sim_port {
    struct sim_port *next;      /* s->ports */
    sim_handle *h;
    int version;                /* 1 or 2 */
    DWORD v1_filter;
    LONGLONG v2_mask[N_OBJECT_TYPES];   /* by CLUSTER_OBJECT_TYPE */
    DWORD_PTR key;
    sim_event *head, *tail;
    uint32_t count;
    int reconnect_pending;      /* owes a CLUSTER_RECONNECT once the break is over */
} sim_port;

/* ---- events ------------------------------------------------------------------ */
static sim_event *event_new(const sim_event_spec *spec)
{
    const WCHAR *src[4];
    size_t n[4], total = sizeof(sim_event), i;
    sim_event *e;
    WCHAR *w;
    src[EV_ID] = spec->id;
    src[EV_PARENT] = spec->parent;
    src[EV_NAME] = spec->name;
    src[EV_TYPE] = spec->type;
    for (i = 0; i < 4; i++) {
        n[i] = cs_wlen(src[i]);
        total += (n[i] + 1) * sizeof(WCHAR);
    }
    total += spec->cb_payload;
    e = (sim_event *)malloc(total);
    if (e == NULL)
        return NULL;
    e->next = NULL;
    e->object_type = spec->object_type;
    e->flags = spec->flags;
    e->v1_filter = spec->v1_filter;
    w = (WCHAR *)(e + 1);
    for (i = 0; i < 4; i++) {
        e->str[i] = w;
        e->len[i] = (DWORD)n[i];
        if (n[i])
            memcpy(w, src[i], n[i] * sizeof(WCHAR));
        w[n[i]] = 0;
        w += n[i] + 1;
    }
    e->payload = (BYTE *)w;
    e->cb_payload = spec->cb_payload;
    if (spec->cb_payload)
        memcpy(e->payload, spec->payload, spec->cb_payload);
    return e;
}

static void queue_clear(sim_port *p)
{
    sim_event *e = p->head, *next;
    for (; e; e = next) {
        next = e->next;
        free(e);
    }
    p->head = p->tail = NULL;
    p->count = 0;
}

static void enqueue(sim_port *p, sim_event *e)
{
    if (p->tail)
        p->tail->next = e;
    else
        p->head = e;
    p->tail = e;
    p->count++;
}

/* A cluster-level event (RECONNECT, LOST_NOTIFICATIONS) for one port; it
 * names the cluster, so that no event is all empty strings. */
static void post_cluster_event(sim *s, sim_port *p, LONGLONG flag_v2, DWORD filter_v1)
{
    sim_event_spec spec;
    sim_event *e;
    memset(&spec, 0, sizeof(spec));
    spec.object_type = CLUSTER_OBJECT_TYPE_CLUSTER;
    spec.flags = flag_v2;
    spec.v1_filter = filter_v1;
    spec.name = s->name.p;
    e = event_new(&spec);
    if (e != NULL)
        enqueue(p, e);
}

static int takes(const sim_port *p, const sim_event_spec *ev)
{
    if (p->version == 1)
        return (p->v1_filter & ev->v1_filter) != 0;
    return ev->object_type < N_OBJECT_TYPES && (p->v2_mask[ev->object_type] & ev->flags) != 0;
}

int sim_broken(const sim *s, const sim_handle *h)
{
    if (s->broken_until <= 0.0 || (h != NULL && !h->named))
        return 0;
    if (cs_monotonic_seconds() < s->broken_until)
        return 1;
    return 0;
}

/* The break is over: the RECONNECT it owes goes first. */
static void settle_reconnect(sim *s, sim_port *p)
{
    if (p->reconnect_pending && !sim_broken(s, p->h)) {
        p->reconnect_pending = 0;
        post_cluster_event(s, p, CLUSTER_CHANGE_CLUSTER_RECONNECT_V2, CLUSTER_CHANGE_CLUSTER_RECONNECT);
    }
}

void sim_post(sim *s, const sim_event_spec *ev)
{
    sim_port *p;
    int posted = 0;
    for (p = s->ports; p; p = p->next) {
        sim_event *e;
        if (!takes(p, ev))
            continue;
        if (p->h->named && sim_broken(s, p->h)) {
            p->reconnect_pending = 1;       /* lost on the broken connection */
            continue;
        }
        settle_reconnect(s, p);
        if (p->count >= s->queue_limit) {
            /* Overflow: what was queued is dropped; the client learns it. */
            queue_clear(p);
            post_cluster_event(s, p, CLUSTER_CHANGE_CLUSTER_LOST_NOTIFICATIONS_V2,
                               CLUSTER_CHANGE_CLUSTER_RECONNECT);
            posted = 1;
            continue;
        }
        e = event_new(ev);
        if (e == NULL) {
            queue_clear(p);
            post_cluster_event(s, p, CLUSTER_CHANGE_CLUSTER_LOST_NOTIFICATIONS_V2,
                               CLUSTER_CHANGE_CLUSTER_RECONNECT);
        } else {
            enqueue(p, e);
        }
        posted = 1;
    }
    if (posted)
        cs_cond_broadcast(&g_notify_cond);
}

void sim_port_free(sim_handle *h)
{
    sim_port *p = h->port, **pp;
    for (pp = &h->s->ports; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    queue_clear(p);
    free(p);
    h->port = NULL;
    cs_cond_broadcast(&g_notify_cond);      /* a waiter on it ends now */
}

/* ---- creating and registering ---------------------------------------------------------- */
/* Adds version-2 filters to a port: ERROR_INVALID_PARAMETER for an
 * unknown object type or no flags. */
static DWORD add_filters(sim_port *p, const NOTIFY_FILTER_AND_TYPE *f, DWORD count)
{
    DWORD i;
    if (f == NULL || count == 0)
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i < count; i++)
        if (f[i].dwObjectType == 0 || f[i].dwObjectType >= N_OBJECT_TYPES || f[i].FilterFlags == 0)
            return ERROR_INVALID_PARAMETER;
    for (i = 0; i < count; i++)
        p->v2_mask[f[i].dwObjectType] |= f[i].FilterFlags;
    return 0;
}

/* A new port on the cluster handle of call c. */
static DWORD port_new(call *c, int version, DWORD_PTR key, sim_port **out)
{
    sim_handle *h = NULL;
    sim_port *p = (sim_port *)calloc(1, sizeof(sim_port));
    DWORD err;
    if (p == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = sim_handle_new(c->s, HK_NOTIFY, NULL, c->h, &h);
    if (err) {
        free(p);
        return err;
    }
    p->h = h;
    p->version = version;
    p->key = key;
    h->port = p;
    p->next = c->s->ports;
    c->s->ports = p;
    *out = p;
    return 0;
}

static HCHANGE create_port(int fn, HCHANGE hChange, HCLUSTER hCluster, int version, DWORD v1_filter,
                           const NOTIFY_FILTER_AND_TYPE *filters, DWORD count, DWORD_PTR key)
{
    call c;
    sim_port *p = NULL;
    uint64_t token = 0;
    DWORD err;
    int existing = hChange != (HCHANGE)(intptr_t)-1;     /* INVALID_HANDLE_VALUE: a new port */
    if (existing)
        err = sim_begin(&c, fn, TOKEN_OF(hChange), HK_NOTIFY);
    else
        err = sim_begin(&c, fn, TOKEN_OF(hCluster), HK_CLUSTER);
    if (!err && version == 1 && v1_filter == 0)
        err = ERROR_INVALID_PARAMETER;
    if (!err && existing) {
        p = c.h->port;
        if (p->version != version)
            err = ERROR_INVALID_PARAMETER;
    }
    if (!err && !existing)
        err = port_new(&c, version, key, &p);
    if (!err) {
        if (version == 1)
            p->v1_filter |= v1_filter;
        else if ((err = add_filters(p, filters, count)) != 0 && !existing)
            sim_handle_free(p->h);
    }
    if (!err)
        token = p->h->token;
    if (sim_end(&c, err))
        return NULL;
    return HANDLE_OF(HCHANGE, token);
}

HCHANGE WINAPI sim_CreateClusterNotifyPort(HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter,
                                           DWORD_PTR dwNotifyKey)
{
    return create_port(CS_FN_CreateClusterNotifyPort, hChange, hCluster, 1, dwFilter, NULL, 0, dwNotifyKey);
}

HCHANGE WINAPI sim_CreateClusterNotifyPortV2(HCHANGE hChange, HCLUSTER hCluster, NOTIFY_FILTER_AND_TYPE *Filters,
                                             DWORD dwFilterCount, DWORD_PTR dwNotifyKey)
{
    return create_port(CS_FN_CreateClusterNotifyPortV2, hChange, hCluster, 2, 0, Filters, dwFilterCount,
                       dwNotifyKey);
}

/* Register*: the filter is added for the whole cluster (the simulator does
 * not scope it to hObject, which must still be a handle of this cluster). */
static DWORD register_filter(int fn, HCHANGE hChange, int version, DWORD v1_filter,
                             const NOTIFY_FILTER_AND_TYPE *filter, HANDLE hObject)
{
    call c;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hChange), HK_NOTIFY);
    if (!err) {
        const sim_handle *obj = sim_handle_lookup(TOKEN_OF(hObject), -1);
        if (obj == NULL || obj->s != c.s || obj->hk == HK_NOTIFY)
            err = ERROR_INVALID_HANDLE;
        else if (c.h->port->version != version)
            err = ERROR_INVALID_PARAMETER;
    }
    if (!err) {
        if (version == 1) {
            if (v1_filter == 0)
                err = ERROR_INVALID_PARAMETER;
            else
                c.h->port->v1_filter |= v1_filter;
        } else {
            err = add_filters(c.h->port, filter, 1);
        }
    }
    return sim_end(&c, err);
}

DWORD WINAPI sim_RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject, DWORD_PTR dwNotifyKey)
{
    (void)dwNotifyKey;
    return register_filter(CS_FN_RegisterClusterNotify, hChange, 1, dwFilterType, NULL, hObject);
}

DWORD WINAPI sim_RegisterClusterNotifyV2(HCHANGE hChange, NOTIFY_FILTER_AND_TYPE Filter, HANDLE hObject,
                                         DWORD_PTR dwNotifyKey)
{
    (void)dwNotifyKey;
    return register_filter(CS_FN_RegisterClusterNotifyV2, hChange, 2, 0, &Filter, hObject);
}

/* The simulator has no Win32 event to hand out: a waiter uses
 * GetClusterNotify* with a timeout instead. */
DWORD WINAPI sim_GetNotifyEventHandle(HCHANGE hChange, LPHANDLE lphTargetEvent)
{
    call c;
    DWORD err = sim_begin(&c, CS_FN_GetNotifyEventHandle, TOKEN_OF(hChange), HK_NOTIFY);
    if (!err)
        err = lphTargetEvent == NULL ? (DWORD)ERROR_INVALID_PARAMETER : (DWORD)ERROR_INVALID_FUNCTION;
    return sim_end(&c, err);
}

/* ---- waiting ------------------------------------------------------------------------------------ */
/* Waits (g_lock held, the call entered) until the port of call c has an
 * event: 0; WAIT_TIMEOUT after `ms`; ERROR_INVALID_HANDLE when the port is
 * closed meanwhile. */
static DWORD wait_for_event(call *c, DWORD ms)
{
    double deadline = ms == CS_WAIT_FOREVER ? 0.0 : cs_monotonic_seconds() + ms / 1000.0;
    for (;;) {
        sim_port *p = c->h->port;
        double now, until;
        uint32_t slice = CS_WAIT_FOREVER;
        sim_actions_tick(c->s);         /* a pending phase that ended posts its events */
        settle_reconnect(c->s, p);
        if (p->head)
            return 0;
        if (ms == 0)
            return WAIT_TIMEOUT;
        now = cs_monotonic_seconds();
        if (ms != CS_WAIT_FOREVER) {
            if (now >= deadline)
                return WAIT_TIMEOUT;
            slice = (uint32_t)((deadline - now) * 1000.0) + 1;
        }
        /* A RECONNECT falls due when the break ends: wake for it. */
        until = c->s->broken_until;
        if (p->reconnect_pending && until > now) {
            uint32_t to_end = (uint32_t)((until - now) * 1000.0) + 1;
            if (to_end < slice)
                slice = to_end;
        }
        /* ... and wake when the next pending phase ends. */
        until = c->s->next_deadline;
        if (until > 0.0) {
            uint32_t to_end = until > now ? (uint32_t)((until - now) * 1000.0) + 1 : 1;
            if (to_end < slice)
                slice = to_end;
        }
        c->s->waiters++;
        cs_cond_wait_ms(&g_notify_cond, &g_lock, slice);
        c->s->waiters--;
        c->h = sim_handle_lookup(c->token, HK_NOTIFY);
        if (c->h == NULL)
            return ERROR_INVALID_HANDLE;    /* closed while we waited */
    }
}

/* A Get call of one version on a port: the wrong version's port is not a
 * handle it takes; then the wait. */
static DWORD wait_on(call *c, int version, DWORD ms)
{
    if (c->h->port->version != version)
        return ERROR_INVALID_HANDLE;
    return wait_for_event(c, ms);
}

/* A (buffer, count) pair of the event: fits, or records the size needed. */
static int fits(LPDWORD cch, DWORD len)
{
    return cch == NULL || *cch > len;
}

static void put(LPWSTR buf, LPDWORD cch, const WCHAR *s, DWORD len)
{
    if (cch == NULL)
        return;
    if (buf != NULL)
        memcpy(buf, s, ((size_t)len + 1) * sizeof(WCHAR));
    *cch = len;
}

static void dequeue(sim_port *p)
{
    sim_event *e = p->head;
    p->head = e->next;
    if (p->head == NULL)
        p->tail = NULL;
    p->count--;
    free(e);
}

DWORD WINAPI sim_GetClusterNotifyV2(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, PNOTIFY_FILTER_AND_TYPE pFilterAndType,
                                    BYTE *buffer, LPDWORD lpbBufferSize, LPWSTR lpszObjectId,
                                    LPDWORD lpcchObjectId, LPWSTR lpszParentId, LPDWORD lpcchParentId,
                                    LPWSTR lpszName, LPDWORD lpcchName, LPWSTR lpszType, LPDWORD lpcchType,
                                    DWORD dwMilliseconds)
{
    call c;
    LPWSTR bufs[4];
    LPDWORD cchs[4];
    DWORD err = sim_begin(&c, CS_FN_GetClusterNotifyV2, TOKEN_OF(hChange), HK_NOTIFY);
    int i;
    bufs[EV_ID] = lpszObjectId;
    cchs[EV_ID] = lpcchObjectId;
    bufs[EV_PARENT] = lpszParentId;
    cchs[EV_PARENT] = lpcchParentId;
    bufs[EV_NAME] = lpszName;
    cchs[EV_NAME] = lpcchName;
    bufs[EV_TYPE] = lpszType;
    cchs[EV_TYPE] = lpcchType;
    for (i = 0; !err && i < 4; i++)
        if (cchs[i] != NULL)
            err = sim_check_name_buffer(bufs[i], cchs[i]);
    if (!err && pFilterAndType == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err && lpbBufferSize != NULL && buffer == NULL && *lpbBufferSize != 0)
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = wait_on(&c, 2, dwMilliseconds);
    if (!err) {
        sim_port *p = c.h->port;
        sim_event *e = p->head;
        int room = lpbBufferSize == NULL || *lpbBufferSize >= e->cb_payload;
        for (i = 0; i < 4; i++)
            room = room && fits(cchs[i], e->len[i]);
        if (!room) {
            /* Every size needed, and the event stays first in the queue. */
            for (i = 0; i < 4; i++)
                if (cchs[i] != NULL)
                    *cchs[i] = e->len[i];
            if (lpbBufferSize != NULL)
                *lpbBufferSize = e->cb_payload;
            err = ERROR_MORE_DATA;
        } else {
            for (i = 0; i < 4; i++)
                put(bufs[i], cchs[i], e->str[i], e->len[i]);
            if (lpbBufferSize != NULL) {
                if (e->cb_payload)
                    memcpy(buffer, e->payload, e->cb_payload);
                *lpbBufferSize = e->cb_payload;
            }
            pFilterAndType->dwObjectType = e->object_type;
            pFilterAndType->FilterFlags = e->flags;
            if (lpdwNotifyKey != NULL)
                *lpdwNotifyKey = p->key;
            dequeue(p);
        }
    }
    return sim_end(&c, err);
}

DWORD WINAPI sim_GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
                                  LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds)
{
    call c;
    DWORD err = sim_begin(&c, CS_FN_GetClusterNotify, TOKEN_OF(hChange), HK_NOTIFY);
    if (!err)
        err = sim_check_name_buffer(lpszName, lpcchName);
    if (!err && lpdwFilterType == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = wait_on(&c, 1, dwMilliseconds);
    if (!err) {
        sim_port *p = c.h->port;
        sim_event *e = p->head;
        if (!fits(lpcchName, e->len[EV_NAME])) {
            *lpcchName = e->len[EV_NAME];
            err = ERROR_MORE_DATA;
        } else {
            put(lpszName, lpcchName, e->str[EV_NAME], e->len[EV_NAME]);
            *lpdwFilterType = e->v1_filter;
            if (lpdwNotifyKey != NULL)
                *lpdwNotifyKey = p->key;
            dequeue(p);
        }
    }
    return sim_end(&c, err);
}

BOOL WINAPI sim_CloseClusterNotifyPort(HCHANGE hChange)
{
    return sim_close_handle(CS_FN_CloseClusterNotifyPort, TOKEN_OF(hChange), HK_NOTIFY) == 0 ? TRUE : FALSE;
}

/* ---- the control API's knobs (api/cs_sim_control.h) ----------------------------------------------- */
uint32_t cs_sim_set_notification_queue_limit(int sim_id, uint32_t limit)
{
    DWORD err;
    sim *s;
    if (limit == 0)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        s->queue_limit = limit;
    sim_control_end();
    return err;
}

uint32_t cs_sim_get_notification_queue_limit(int sim_id)
{
    DWORD err;
    uint32_t v = 0;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        v = s->queue_limit;
    sim_control_end();
    return v;
}

uint32_t cs_sim_break_connection(int sim_id, double seconds)
{
    DWORD err;
    sim *s;
    if (!(seconds > 0.0) || seconds > 3600.0)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        sim_port *p;
        double until = cs_monotonic_seconds() + seconds;
        if (until > s->broken_until)
            s->broken_until = until;
        for (p = s->ports; p; p = p->next)
            if (p->h->named)
                p->reconnect_pending = 1;
        cs_cond_broadcast(&g_notify_cond);  /* waiters re-time their waits to the end of the break */
    }
    sim_control_end();
    return err;
}
