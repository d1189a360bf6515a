/*
 * sim/cs_sim_actions.c - the action calls: Online/Offline/MoveClusterGroup
 * (and their *Ex / *Ex2 forms), CancelClusterGroupOperation,
 * Online/OfflineClusterResource (*Ex, *Ex2), FailClusterResource and
 * RestartClusterResource, over a per-resource state machine (the resource
 * entry points are in cs_sim_resource_actions.c, the move queue in
 * cs_sim_queue.c, node drains in cs_sim_drain.c).
 *
 * The model (documented Win32 semantics; what is inferred says so):
 *   - a resource goes Offline -> OnlinePending -> Online (or Failed, by its
 *     outcome: cs_sim_set_resource_outcome, optionally on one node only)
 *     and Online -> OfflinePending -> Offline; a pending phase lasts the
 *     instance's action_seconds on its clock (real, or manual: it moves
 *     only through cs_sim_advance).  "hang" keeps it pending until the
 *     operation is cancelled (then it goes back to the state it left).
 *   - providers come online before their dependents, dependents go offline
 *     first; a resource that fails takes every dependent down (Offline).
 *   - a group's state is derived from its resources (sim_group_state,
 *     cs_sim_mutate.c) after every resource change.
 *   - a move: the group's resources go offline on the source, the owner
 *     changes, the resources that were online come online on the target;
 *     with RETURN_TO_SOURCE_NODE_ON_ERROR a failure there sends the group
 *     back (offline, owner change, online on the source).
 *   - every change goes through sim_model_set_state / sim_model_set_owner,
 *     so it posts the same events as the control API's changes, in order
 *     (pending states included).
 *
 * Time without a thread: sim_actions_tick runs on entry into every call
 * of the instance (sim_begin), in every notification wait (which also
 * wakes at the next phase end: s->next_deadline) and in cs_sim_advance;
 * so whoever looks at the cluster sees every phase that has ended, and a
 * waiter on a port gets the events when they fall due.
 *
 * Queued moves (QUEUE_ENABLED over the instance's parallel_moves limit) and
 * locked mode are in cs_sim_queue.c.  A "veto" outcome makes a resource
 * refuse to come online on a move's target: it goes back Offline without
 * failing and the group returns to the source (whatever the flags), as
 * the MoveClusterGroupEx remarks describe a veto; outside a move it is not
 * consulted (the online succeeds).
 *
 * Return codes: ERROR_IO_PENDING (997) once work has started, 0 when there
 * is nothing to do; OnlineClusterGroupEx with CLUSAPI_GROUP_ONLINE_SYNCHRONOUS
 * returns when the group is done (0 Online; ERROR_RESMON_ONLINE_FAILED when
 * it ended otherwise: inferred).  A handle without GENERIC_ALL:
 * ERROR_ACCESS_DENIED; flags outside the documented ones, a buffer size
 * without a buffer, IGNORE_RESOURCE_STATUS with QUEUE_ENABLED:
 * ERROR_INVALID_PARAMETER; a queued group ERROR_CLUSTER_GROUP_QUEUED, one
 * moving ERROR_CLUSTER_GROUP_MOVING, a locked one (without
 * IGNORE_RESOURCE_STATUS) ERROR_CLUSTER_RESOURCE_LOCKED_STATUS.  The property list of the *Ex calls and the
 * reason of the *Ex2 calls are accepted and not interpreted.
 */
#include "sim/cs_sim_int.h"
#include <float.h>

/* Flags (ClusApi.h). */
#define GROUP_ONLINE_FLAGS 0xFu             /* IGNORE_RESOURCE_STATUS, SYNCHRONOUS, BEST_POSSIBLE_NODE, IGNORE_AFFINITY_RULE */
#define GROUP_ONLINE_SYNCHRONOUS 0x2u
#define GROUP_OFFLINE_FLAGS 0x1u            /* IGNORE_RESOURCE_STATUS */
#define MOVE_FLAGS 0x3Fu
#define MOVE_IGNORE_RESOURCE_STATUS 0x1u
#define MOVE_RETURN_TO_SOURCE 0x2u
#define MOVE_QUEUE_ENABLED SIM_MOVE_QUEUE_ENABLED
#define IGNORE_RESOURCE_STATUS 0x1u         /* the same bit in every action's flags */

#define OP_MOVE SIM_OP_MOVE

int sim_is_ex2(int function_id)
{
    return function_id == CS_FN_OnlineClusterGroupEx2 || function_id == CS_FN_OfflineClusterGroupEx2 ||
           function_id == CS_FN_MoveClusterGroupEx2 || function_id == CS_FN_OnlineClusterResourceEx2 ||
           function_id == CS_FN_OfflineClusterResourceEx2 || function_id == CS_FN_PauseClusterNodeEx2 ||
           function_id == CS_FN_ResumeClusterNodeEx2;
}

double sim_action_now(const sim *s)
{
    return s->manual_clock ? s->clock : cs_monotonic_seconds();
}

/* A resource's state changes; its group's state follows. */
void sim_set_rstate(sim *s, sim_obj *r, int state)
{
    sim_model_set_state(s, r, state);
    sim_group_rederive(s, r->group);
}

static const sim_obj *owner_of(const sim_obj *r)
{
    return r->group ? r->group->node : NULL;
}

static int outcome_here(const sim_obj *r, int outcome)
{
    return r->outcome == outcome && (r->outcome_node == NULL || r->outcome_node == owner_of(r));
}

/* Whether r's phase never ends: an online under a "hang" outcome (the
 * outcome is what bringing it online does; going offline always ends). */
static int hangs(const sim_obj *r)
{
    return r->phase_state == ClusterResourceOnlinePending && outcome_here(r, SIM_OUTCOME_HANG);
}

/* A failed provider takes its dependents down (depth-bounded: the topology
 * refuses cycles, the bound is only a guard). */
void sim_take_down_dependents(sim *s, sim_obj *r, int depth)
{
    size_t i;
    if (depth > 64)
        return;
    for (i = 0; i < r->dependents.n; i++) {
        sim_obj *d = r->dependents.v[i];
        if (d->deleted)
            continue;
        d->want = SIM_WANT_NONE;
        d->restart = 0;
        d->phase_state = 0;
        if (d->state != ClusterResourceOffline && d->state != ClusterResourceFailed)
            sim_set_rstate(s, d, ClusterResourceOffline);
        sim_take_down_dependents(s, d, depth + 1);
    }
}

/* A resource that waits for its providers (to come online) or for its
 * dependents (to go offline) already shows the pending state it is headed
 * for, as a cluster shows it: its group stays Pending, never PartialOnline,
 * until the whole operation ends.  phase_from keeps where it came from. */
static int wait_pending(sim *s, sim_obj *r, int pending)
{
    if (r->state == pending)
        return 0;
    r->phase_from = r->state;
    sim_set_rstate(s, r, pending);
    return 1;
}

/* Whether r shows a pending state while it waits (no phase of its own yet). */
static int is_waiting(const sim_obj *r)
{
    return r->want && !r->phase_state &&
           (r->state == ClusterResourceOnlinePending || r->state == ClusterResourceOfflinePending);
}

static void start_phase(sim *s, sim_obj *r, int pending, double now)
{
    r->phase_state = pending;
    r->phase_end = now + s->action_seconds;
    if (r->state == pending)            /* it waited showing it: phase_from is set, nothing changes */
        return;
    r->phase_from = r->state;
    sim_set_rstate(s, r, pending);
}

/* One step of one resource; 1 when something changed. */
static int step_resource(sim *s, sim_obj *r, double now)
{
    size_t i;
    if (r->phase_state && r->state != r->phase_state)
        r->phase_state = 0;             /* changed by the control API meanwhile */
    if (r->phase_state) {
        if (hangs(r) || now < r->phase_end)
            return 0;
        if (r->phase_state == ClusterResourceOnlinePending) {
            sim_obj *g = r->group;
            r->phase_state = 0;
            if (outcome_here(r, SIM_OUTCOME_VETO) && g != NULL && g->op == OP_MOVE && g->op_stage == 2 &&
                !g->op_returned && g->op_src != NULL && g->op_src != g->node) {
                /* the resource refuses this node: it does not fail, the move goes back */
                r->want = SIM_WANT_NONE;
                g->op_vetoed = 1;
                sim_set_rstate(s, r, ClusterResourceOffline);
                return 1;
            }
            if (outcome_here(r, SIM_OUTCOME_FAIL)) {
                r->want = SIM_WANT_NONE;
                r->restart = 0;
                sim_set_rstate(s, r, ClusterResourceFailed);
                sim_take_down_dependents(s, r, 0);
                return 1;
            }
            if (r->want == SIM_WANT_ONLINE)
                r->want = SIM_WANT_NONE;
            sim_set_rstate(s, r, ClusterResourceOnline);
            return 1;
        }
        r->phase_state = 0;
        if (r->want == SIM_WANT_OFFLINE)
            r->want = r->restart ? SIM_WANT_ONLINE : SIM_WANT_NONE;
        r->restart = 0;
        sim_set_rstate(s, r, ClusterResourceOffline);
        return 1;
    }
    if (r->want == SIM_WANT_ONLINE) {
        if (r->state == ClusterResourceOnline) {
            r->want = SIM_WANT_NONE;
            return 1;
        }
        if (r->state == ClusterResourceOfflinePending && r->phase_from == ClusterResourceOnline) {
            /* it showed OfflinePending while it waited for its dependents, never left Online */
            r->want = SIM_WANT_NONE;
            sim_set_rstate(s, r, ClusterResourceOnline);
            return 1;
        }
        for (i = 0; i < r->deps.n; i++) {
            const sim_obj *p = r->deps.v[i];
            if (p->deleted || p->state == ClusterResourceOnline)
                continue;
            if (p->want != SIM_WANT_ONLINE && !p->phase_state) {
                if (is_waiting(r))
                    sim_set_rstate(s, r, r->phase_from);
                r->want = SIM_WANT_NONE;        /* its provider will not come online */
                return 1;
            }
            return wait_pending(s, r, ClusterResourceOnlinePending);   /* wait for the provider */
        }
        start_phase(s, r, ClusterResourceOnlinePending, now);
        return 1;
    }
    if (r->want == SIM_WANT_OFFLINE) {
        if (r->state == ClusterResourceOnlinePending && r->phase_from == ClusterResourceOffline && !r->restart) {
            /* it showed OnlinePending while it waited for its providers, never left Offline */
            r->want = SIM_WANT_NONE;
            sim_set_rstate(s, r, ClusterResourceOffline);
            return 1;
        }
        if (r->state == ClusterResourceOffline || r->state == ClusterResourceFailed) {
            r->want = r->restart ? SIM_WANT_ONLINE : SIM_WANT_NONE;
            r->restart = 0;
            if (r->state == ClusterResourceFailed)
                sim_set_rstate(s, r, ClusterResourceOffline);
            return 1;
        }
        for (i = 0; i < r->dependents.n; i++) {
            const sim_obj *d = r->dependents.v[i];
            if (!d->deleted && d->state != ClusterResourceOffline && d->state != ClusterResourceFailed)
                return wait_pending(s, r, ClusterResourceOfflinePending);   /* dependents go offline first */
        }
        start_phase(s, r, ClusterResourceOfflinePending, now);
        return 1;
    }
    return 0;
}

static int group_busy(const sim_obj *g)
{
    const sim_obj *r;
    if (g->op)
        return 1;
    for (r = g->res_head; r; r = r->gnext)
        if (r->want || r->phase_state)
            return 1;
    return 0;
}

static int resources_busy(const sim_obj *g)
{
    const sim_obj *r;
    for (r = g->res_head; r; r = r->gnext)
        if (r->want || r->phase_state)
            return 1;
    return 0;
}

/* One step of a group's move; 1 when something changed. */
static int step_group(sim *s, sim_obj *g)
{
    sim_obj *r;
    int failed = 0;
    if (g->op != OP_MOVE || g->op_stage == 0 || resources_busy(g))
        return 0;               /* queued (cs_sim_queue.c), or its resources are at work */
    if (g->op_dst == NULL) {            /* its target was deleted */
        g->op = 0;
        return 1;
    }
    if (g->op_stage == 1) {
        if (g->node != g->op_dst)
            sim_model_set_owner(s, g, g->op_dst);
        g->op_stage = 2;
        for (r = g->res_head; r; r = r->gnext)
            if (g->op_online_all || r->was_online)
                r->want = SIM_WANT_ONLINE;
        return 1;
    }
    for (r = g->res_head; r; r = r->gnext)
        if (r->state == ClusterResourceFailed)
            failed = 1;
    if ((g->op_vetoed || (failed && (g->op_flags & MOVE_RETURN_TO_SOURCE))) && !g->op_returned &&
        g->op_src != NULL && g->op_src != g->node) {
        g->op_returned = 1;
        g->op_vetoed = 0;
        g->op_dst = g->op_src;
        g->op_stage = 1;
        for (r = g->res_head; r; r = r->gnext)
            if (r->state != ClusterResourceOffline)
                r->want = SIM_WANT_OFFLINE;
        return 1;
    }
    g->op = 0;
    for (r = g->res_head; r; r = r->gnext)
        r->was_online = 0;
    return 1;
}

double sim_next_phase_end(const sim *s)
{
    const sim_obj *g, *r;
    double next = 0.0;
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next)
        for (r = g->res_head; r; r = r->gnext)
            if (r->phase_state && !hangs(r) && (next == 0.0 || r->phase_end < next))
                next = r->phase_end;
    return next;
}

void sim_actions_tick(sim *s)
{
    double now, next = 0.0;
    int changed = 1, rounds = 0, active = 0;
    sim_obj *g, *r;
    if (s == NULL || !s->actions_active)
        return;
    now = sim_action_now(s);
    while (changed && rounds++ < 100000) {
        changed = 0;
        for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next) {
            for (r = g->res_head; r; r = r->gnext)
                changed |= step_resource(s, r, now);
            changed |= step_group(s, g);
        }
        changed |= sim_queue_start(s);
        changed |= sim_drain_step(s, &active);      /* drains start moves as the earlier ones end */
    }
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next)
        if (group_busy(g))
            active = 1;
    next = sim_next_phase_end(s);
    s->actions_active = active;
    /* Waits use the real clock: with the manual one, cs_sim_advance wakes them. */
    s->next_deadline = s->manual_clock ? 0.0 : next;
    if (rounds > 1)
        cs_cond_broadcast(&g_notify_cond);      /* a synchronous online waiting for this */
}

void sim_actions_forget(sim *s, const sim_obj *node)
{
    sim_obj *g, *r;
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next) {
        if (g->op_src == node)
            g->op_src = NULL;
        if (g->op_dst == node)
            g->op_dst = NULL;
    }
    for (r = s->sets[CS_KIND_RESOURCE].head; r; r = r->next)
        if (r->outcome_node == node) {
            r->outcome_node = NULL;
            r->outcome = SIM_OUTCOME_SUCCEED;
        }
    sim_drain_forget(s, node);
}

/* ---- starting work ------------------------------------------------------------------------------- */
void sim_want_online(sim_obj *r, int depth)
{
    size_t i;
    if (depth > 64)
        return;
    r->want = SIM_WANT_ONLINE;
    r->restart = 0;
    for (i = 0; i < r->deps.n; i++)
        if (!r->deps.v[i]->deleted && r->deps.v[i]->state != ClusterResourceOnline)
            sim_want_online(r->deps.v[i], depth + 1);
}

void sim_want_offline(sim_obj *r, int restart, int depth)
{
    size_t i;
    if (depth > 64)
        return;
    r->want = SIM_WANT_OFFLINE;
    r->restart = restart;
    for (i = 0; i < r->dependents.n; i++) {
        sim_obj *d = r->dependents.v[i];
        if (!d->deleted && (d->state != ClusterResourceOffline || d->want == SIM_WANT_ONLINE))
            sim_want_offline(d, restart && d->state != ClusterResourceOffline && d->state != ClusterResourceFailed,
                         depth + 1);
    }
}

/* Whether a node can host a group: possible owner of every resource that
 * lists possible owners. */
static int can_host(const sim_obj *g, const sim_obj *n)
{
    const sim_obj *r;
    for (r = g->res_head; r; r = r->gnext)
        if (r->possible.n > 0 && !sim_vec_has(&r->possible, n))
            return 0;
    return 1;
}

static int node_usable(const sim_obj *n)
{
    return !n->deleted && n->state == ClusterNodeUp;
}

int sim_can_host_now(const sim_obj *g, const sim_obj *n)
{
    return node_usable(n) && can_host(g, n);
}

/* The cluster's choice: the preferred owners in order, else the next Up
 * node after the current owner (in the nodes' order); NULL when none. */
static sim_obj *choose_node(sim *s, const sim_obj *g)
{
    size_t i;
    sim_obj *n, *start;
    for (i = 0; i < g->preferred.n; i++) {
        n = g->preferred.v[i];
        if (n != g->node && node_usable(n) && can_host(g, n))
            return n;
    }
    start = (g->node && !g->node->deleted) ? g->node->next : s->sets[CS_KIND_NODE].head;
    for (n = start; n; n = n->next)
        if (n != g->node && node_usable(n) && can_host(g, n))
            return n;
    for (n = s->sets[CS_KIND_NODE].head; n && n != start; n = n->next)
        if (n != g->node && node_usable(n) && can_host(g, n))
            return n;
    return NULL;
}

DWORD sim_dest_node(const call *c, HNODE node, sim_obj **out)
{
    sim_handle *h;
    *out = NULL;
    if (node == NULL)
        return 0;
    h = sim_handle_lookup(TOKEN_OF(node), HK_NODE);
    if (h == NULL || h->s != c->s)
        return ERROR_INVALID_HANDLE;
    if (h->obj->deleted)
        return ERROR_CLUSTER_NODE_NOT_FOUND;
    *out = h->obj;
    return 0;
}

static DWORD check_target(const sim_obj *g, const sim_obj *n)
{
    if (!can_host(g, n))
        return ERROR_NODE_CANT_HOST_RESOURCE;
    if (!node_usable(n))
        return ERROR_HOST_NODE_NOT_AVAILABLE;
    return 0;
}

/* Why a group's work is refused now: queued (5959), moving (5908), locked
 * (5960 unless the call ignores the resources' status); 0 when it is not. */
static DWORD group_refusal(const sim_obj *g, DWORD flags)
{
    if (g->op == OP_MOVE && g->op_stage == 0)
        return ERROR_CLUSTER_GROUP_QUEUED;
    if (g->op)
        return ERROR_CLUSTER_GROUP_MOVING;
    if ((g->status_bits & SIM_GROUP_LOCKED_MODE) && !(flags & IGNORE_RESOURCE_STATUS))
        return ERROR_CLUSTER_RESOURCE_LOCKED_STATUS;
    return 0;
}

/* The checks every action makes on its handle, in that order. */
DWORD sim_action_check(const call *c, DWORD flags, DWORD allowed, const PBYTE buf, DWORD cb)
{
    if (c->h->obj->deleted)
        return sim_not_found(c->hk);
    if ((c->h->granted & ACCESS_ALL) == 0)
        return ERROR_ACCESS_DENIED;
    if ((flags & ~allowed) != 0 || (buf == NULL && cb != 0))
        return ERROR_INVALID_PARAMETER;
    return 0;
}

void sim_start_move(sim *s, sim_obj *g, sim_obj *dst, DWORD flags, int online_all)
{
    sim_obj *r;
    g->op = OP_MOVE;
    g->op_stage = 1;
    g->op_flags = flags;
    g->op_online_all = online_all;
    g->op_returned = 0;
    g->op_vetoed = 0;
    g->op_src = g->node;
    g->op_dst = dst;
    for (r = g->res_head; r; r = r->gnext) {
        r->was_online = r->state == ClusterResourceOnline || r->state == ClusterResourceOnlinePending ||
                        r->want == SIM_WANT_ONLINE;
        if (r->state != ClusterResourceOffline || r->want)
            sim_want_offline(r, 0, 0);
    }
    s->actions_active = 1;
}

/* Waits (g_lock held) until the group of call c has no action left. */
static DWORD wait_group(call *c)
{
    for (;;) {
        sim *s = c->s;
        uint32_t slice = CS_WAIT_FOREVER;
        sim_actions_tick(s);
        if (!group_busy(c->h->obj))
            return c->h->obj->state == ClusterGroupOnline ? 0 : (DWORD)ERROR_RESMON_ONLINE_FAILED;
        if (s->released)
            return RPC_S_SERVER_UNAVAILABLE;
        if (s->next_deadline > 0.0) {
            double now = cs_monotonic_seconds();
            slice = s->next_deadline > now ? (uint32_t)((s->next_deadline - now) * 1000.0) + 1 : 1;
        }
        s->waiters++;
        cs_cond_wait_ms(&g_notify_cond, &g_lock, slice);
        s->waiters--;
        c->h = sim_handle_lookup(c->token, HK_GROUP);
        if (c->h == NULL)
            return ERROR_INVALID_HANDLE;
        if (c->h->obj->deleted)
            return ERROR_GROUP_NOT_FOUND;
    }
}

/* ---- groups -------------------------------------------------------------------------------------- */
static DWORD group_online(int fn, HGROUP hGroup, HNODE node, DWORD flags, PBYTE buf, DWORD cb)
{
    call c;
    sim_obj *g, *dst = NULL, *r;
    int all_online = 1;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hGroup), HK_GROUP);
    if (!err)
        err = sim_action_check(&c, flags, GROUP_ONLINE_FLAGS, buf, cb);
    if (!err)
        err = sim_dest_node(&c, node, &dst);
    if (err)
        return sim_end(&c, err);
    g = c.h->obj;
    err = group_refusal(g, flags);
    if (err)
        return sim_end(&c, err);
    if (dst == NULL && g->node == NULL)
        dst = choose_node(c.s, g);
    if (dst != NULL && dst != g->node) {
        err = check_target(g, dst);
        if (err)
            return sim_end(&c, err);
        sim_start_move(c.s, g, dst, 0, 1);
    } else {
        for (r = g->res_head; r; r = r->gnext)
            if (r->state != ClusterResourceOnline || r->want)
                all_online = 0;
        if (all_online)
            return sim_end(&c, 0);
        for (r = g->res_head; r; r = r->gnext)
            sim_want_online(r, 0);
        c.s->actions_active = 1;
    }
    sim_actions_tick(c.s);
    err = (flags & GROUP_ONLINE_SYNCHRONOUS) ? wait_group(&c) : (DWORD)ERROR_IO_PENDING;
    return sim_end(&c, err);
}

static DWORD group_offline(int fn, HGROUP hGroup, DWORD flags, PBYTE buf, DWORD cb)
{
    call c;
    sim_obj *g, *r;
    int all_offline = 1;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hGroup), HK_GROUP);
    if (!err)
        err = sim_action_check(&c, flags, GROUP_OFFLINE_FLAGS, buf, cb);
    if (err)
        return sim_end(&c, err);
    g = c.h->obj;
    err = group_refusal(g, flags);
    if (err)
        return sim_end(&c, err);
    for (r = g->res_head; r; r = r->gnext)
        if (r->state != ClusterResourceOffline || r->want)
            all_offline = 0;
    if (all_offline)
        return sim_end(&c, 0);
    for (r = g->res_head; r; r = r->gnext)
        sim_want_offline(r, 0, 0);
    c.s->actions_active = 1;
    sim_actions_tick(c.s);
    return sim_end(&c, ERROR_IO_PENDING);
}

static DWORD group_move(int fn, HGROUP hGroup, HNODE node, DWORD flags, PBYTE buf, DWORD cb)
{
    call c;
    sim_obj *g, *dst = NULL;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hGroup), HK_GROUP);
    if (!err)
        err = sim_action_check(&c, flags, MOVE_FLAGS, buf, cb);
    if (!err && (flags & MOVE_IGNORE_RESOURCE_STATUS) && (flags & MOVE_QUEUE_ENABLED))
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = sim_dest_node(&c, node, &dst);
    if (err)
        return sim_end(&c, err);
    g = c.h->obj;
    err = group_refusal(g, flags);
    if (err)
        return sim_end(&c, err);
    if (dst == NULL) {
        dst = choose_node(c.s, g);
        if (dst == NULL)
            return sim_end(&c, ERROR_HOST_NODE_NOT_AVAILABLE);
    }
    err = check_target(g, dst);
    if (err)
        return sim_end(&c, err);
    if (dst == g->node)
        return sim_end(&c, 0);
    if ((flags & MOVE_QUEUE_ENABLED) && sim_queue_must_wait(c.s))
        sim_queue_move(c.s, g, dst, flags);
    else
        sim_start_move(c.s, g, dst, flags, 0);
    sim_actions_tick(c.s);
    return sim_end(&c, ERROR_IO_PENDING);
}

DWORD WINAPI sim_CancelClusterGroupOperation(HGROUP hGroup, DWORD dwCancelFlags_RESERVED)
{
    call c;
    sim_obj *g, *r;
    DWORD err = sim_begin(&c, CS_FN_CancelClusterGroupOperation, TOKEN_OF(hGroup), HK_GROUP);
    if (!err)
        err = sim_action_check(&c, dwCancelFlags_RESERVED, 0, NULL, 0);
    if (err)
        return sim_end(&c, err);
    g = c.h->obj;
    if (!group_busy(g))
        return sim_end(&c, ERROR_INVALID_STATE);
    if (g->op == OP_MOVE && g->op_stage == 0) {
        sim_queue_cancel(c.s, g);           /* never started: out of the queue, nothing else */
        return sim_end(&c, 0);
    }
    g->op = 0;
    for (r = g->res_head; r; r = r->gnext) {
        int waited = is_waiting(r);
        r->want = SIM_WANT_NONE;
        r->restart = 0;
        r->was_online = 0;
        if (waited)
            sim_set_rstate(c.s, r, r->phase_from);  /* it never started: back where it was */
        if (hangs(r)) {
            r->phase_state = 0;
            sim_set_rstate(c.s, r, r->phase_from);
        }
    }
    err = 0;
    for (r = g->res_head; r; r = r->gnext)
        if (r->phase_state)
            err = ERROR_IO_PENDING;     /* a phase under way ends on its own */
    sim_actions_tick(c.s);
    return sim_end(&c, err);
}

/* sim_<Verb>ClusterGroup, ...Ex, ...Ex2 for the two that take a node (the
 * reason is not read). */
#define SIM_DEFINE_GROUP_NODE_ACTION(verb, impl) \
    DWORD WINAPI sim_##verb##ClusterGroup(HGROUP hGroup, HNODE hDestinationNode) \
    { \
        return impl(CS_FN_##verb##ClusterGroup, hGroup, hDestinationNode, 0, NULL, 0); \
    } \
    DWORD WINAPI sim_##verb##ClusterGroupEx(HGROUP hGroup, HNODE hDestinationNode, DWORD dwFlags, \
                                             PBYTE lpInBuffer, DWORD cbInBufferSize) \
    { \
        return impl(CS_FN_##verb##ClusterGroupEx, hGroup, hDestinationNode, dwFlags, lpInBuffer, cbInBufferSize); \
    } \
    DWORD WINAPI sim_##verb##ClusterGroupEx2(HGROUP hGroup, HNODE hDestinationNode, DWORD dwFlags, \
                                              PBYTE lpInBuffer, DWORD cbInBufferSize, LPCWSTR lpszReason) \
    { \
        (void)lpszReason; \
        return impl(CS_FN_##verb##ClusterGroupEx2, hGroup, hDestinationNode, dwFlags, lpInBuffer, cbInBufferSize); \
    }
SIM_DEFINE_GROUP_NODE_ACTION(Online, group_online)
SIM_DEFINE_GROUP_NODE_ACTION(Move, group_move)

DWORD WINAPI sim_OfflineClusterGroup(HGROUP hGroup)
{
    return group_offline(CS_FN_OfflineClusterGroup, hGroup, 0, NULL, 0);
}

DWORD WINAPI sim_OfflineClusterGroupEx(HGROUP hGroup, DWORD dwOfflineFlags, PBYTE lpInBuffer, DWORD cbInBufferSize)
{
    return group_offline(CS_FN_OfflineClusterGroupEx, hGroup, dwOfflineFlags, lpInBuffer, cbInBufferSize);
}

DWORD WINAPI sim_OfflineClusterGroupEx2(HGROUP hGroup, DWORD dwOfflineFlags, PBYTE lpInBuffer, DWORD cbInBufferSize,
                                        LPCWSTR lpszReason)
{
    (void)lpszReason;
    return group_offline(CS_FN_OfflineClusterGroupEx2, hGroup, dwOfflineFlags, lpInBuffer, cbInBufferSize);
}

/* ---- for the drains (cs_sim_drain.c) ------------------------------------------------------------ */
sim_obj *sim_action_choose_node(sim *s, const sim_obj *group)
{
    return choose_node(s, group);
}

int sim_action_can_host(const sim_obj *group, const sim_obj *node)
{
    return can_host(group, node);
}

int sim_action_group_busy(const sim_obj *group)
{
    return group_busy(group);
}
