/*
 * sim/cs_sim_drain.c - node maintenance: PauseClusterNode(Ex, Ex2) with and
 * without a drain, ResumeClusterNode(Ex, Ex2) with failback.
 *
 * The model (documented Win32 semantics; what is inferred says so):
 *   - PauseClusterNode / PauseClusterNodeEx without a drain: an Up node
 *     becomes Paused (0); a paused node stays so (0); any other state is
 *     ERROR_CLUSTER_NODE_DOWN (inferred).  The pause flags are ignored
 *     without a drain (as documented).
 *   - PauseClusterNodeEx with a drain, checked in this order: a handle
 *     without full access 5; flags outside REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR
 *     | AVOID_PLACEMENT | RETRY_DRAIN_ON_FAILURE 87; a drain of this node under
 *     way 5962 (ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS); the node Down (or
 *     Joining) 5050; the target is the node itself 114
 *     (ERROR_INVALID_TARGET_HANDLE); the target not Up 5005; no other Up node
 *     5050.  Then the node is Paused, NodeDrainStatus goes IN_PROGRESS (1)
 *     and the call answers ERROR_IO_PENDING (997).
 *   - the drain moves every role (group) the node owns, as a move with no
 *     node given does (the cluster's choice: preferred owners first,
 *     possible owners honoured) or to the target.  Every move starts at
 *     once, in the groups' order; a role with an action under way is waited
 *     for first (a move onto the node, a failback say, lands and is then
 *     moved off again).  A move's resources fail or succeed by their outcomes
 *     (cs_sim_set_resource_outcome).  With REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR
 *     a move is made with RETURN_TO_SOURCE_NODE_ON_ERROR: a role that fails
 *     on its new node comes back and stays on the paused node.  Without it
 *     (PowerShell's -ForceDrain) the role stays where it failed.
 *   - the drain ends when every move it started has ended: COMPLETED (2)
 *     when the node owns no role, else FAILED
 *     (3) with DrainErrorCode: ERROR_NODE_CANT_HOST_RESOURCE (5071) when no Up
 *     node can host a role (or the target cannot), ERROR_HOST_NODE_NOT_AVAILABLE
 *     (5005) when the target went away, ERROR_RESOURCE_FAILED (5038) when a
 *     move failed and the role came back (the codes are inferred: the docs
 *     name none).
 *   - ResumeClusterNode(Ex): a node that is not Paused 5058
 *     (ERROR_CLUSTER_NODE_NOT_PAUSED); a failback type > 2 or reserved flags
 *     outside the header's CLUSAPI_NODE_RESUME_FAILBACK_* 87.  The node is Up,
 *     a drain under way stops (moves already started finish), and the drain
 *     status goes back to NOT_INITIATED (0) with no target and no error.
 *     Failback (ResumeClusterNode: none): NONE moves nothing; IMMEDIATE moves
 *     back every role whose first preferred owner is this node; POLICY does
 *     so for the roles whose AutoFailbackType is 1 (allow) and whose failback
 *     window is open now: FailbackWindowStart/End, hours 0-23, inclusive,
 *     wrapping past midnight; either one 0xFFFFFFFF = no window, failback at
 *     once.  The simulator reads the hour in UTC (a cluster uses the node's
 *     local time) and does not defer a failback until a window opens.
 *   - the node's read-only common properties NodeDrainStatus,
 *     NodeDrainTarget, DrainErrorCode and the drain bits of StatusInformation
 *     (DrainInProgress 0x4, DrainCompleted 0x8, DrainFailed 0x10) report
 *     these fields, unless the control API set a value of that name (the set
 *     value wins: cs_sim_set_property).  Each change posts the node's
 *     COMMON_PROPERTY event with the values changed (those not overridden).
 */
#include "sim/cs_sim_props.h"
#include <time.h>

#define PAUSE_FLAGS 0x7u            /* REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR, AVOID_PLACEMENT, RETRY_DRAIN_ON_FAILURE */
#define PAUSE_REMAIN 0x1u
#define RESUME_FLAGS 0xFu           /* CLUSAPI_NODE_RESUME_FAILBACK_STORAGE .. _VMS_FORCEFULLY (header) */
#define MOVE_RETURN_TO_SOURCE 0x2u
#define NO_HOUR 0xFFFFFFFFu

enum { DRAIN_NOT_INITIATED = 0, DRAIN_IN_PROGRESS = 1, DRAIN_COMPLETED = 2, DRAIN_FAILED = 3 };
enum { V_STATUS = 0, V_TARGET = 1, V_ERROR = 2, V_BITS = 3 };

uint64_t sim_drain_value(const sim_obj *node, int which, const wstr **name)
{
    switch (which) {
    case V_STATUS: return (uint64_t)node->drain_status;
    case V_TARGET:
        *name = node->drain_target ? &node->drain_target->name : NULL;
        return 0;
    case V_ERROR: return node->drain_error;
    default:
        return node->drain_status == DRAIN_IN_PROGRESS ? 0x4u : node->drain_status == DRAIN_COMPLETED ? 0x8u
             : node->drain_status == DRAIN_FAILED ? 0x10u : 0u;
    }
}

/* Whether the control API set a common property of that name on the node. */
static int overridden(const sim_obj *n, const WCHAR *name, size_t len)
{
    size_t i;
    for (i = 0; n->props && i < n->props->n; i++)
        if (!(n->props->v[i].flags & PF_PRIVATE) && cs_wieq(n->props->v[i].name, n->props->v[i].n, name, len))
            return 1;
    return 0;
}

static size_t widen(const char *a, WCHAR *out)
{
    size_t k = 0;
    for (; a[k]; k++)
        out[k] = (WCHAR)(unsigned char)a[k];
    out[k] = 0;
    return k;
}

/* Posts the node's COMMON_PROPERTY event with the drain's values (the ones
 * no set value overrides); nothing when all are overridden. */
static void drain_changed(sim *s, sim_obj *n)
{
    static const char *const names[] = { "NodeDrainStatus", "NodeDrainTarget", "DrainErrorCode",
                                         "StatusInformation" };
    static const WCHAR empty[1] = { 0 };
    WCHAR name[32];
    plw w;
    int i;
    sim_plw_init(&w);
    for (i = 0; i < 4; i++) {
        size_t len = widen(names[i], name);
        const wstr *target = NULL;
        uint64_t v = sim_drain_value(n, i, &target);
        uint8_t b[8];
        int k;
        if (overridden(n, name, len) || (i == V_BITS && s->build < 14393) ||
            (i == V_ERROR && s->build < 20348))
            continue;
        if (i == V_TARGET) {
            if (target != NULL)
                sim_plw_property(&w, name, len, CLUSPROP_SYNTAX_LIST_VALUE_SZ, target->p,
                                 (target->n + 1) * sizeof(WCHAR));
            else
                sim_plw_property(&w, name, len, CLUSPROP_SYNTAX_LIST_VALUE_SZ, empty, sizeof(WCHAR));
            continue;
        }
        for (k = 0; k < 8; k++)
            b[k] = (uint8_t)(v >> (8 * k));
        sim_plw_property(&w, name, len, i == V_BITS ? CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER
                                                    : CLUSPROP_SYNTAX_LIST_VALUE_DWORD, b, i == V_BITS ? 8 : 4);
    }
    if (w.count > 0 && sim_plw_finish(&w) == 0)
        sim_changed_data(s, SIM_CHANGE_PROPERTIES, n, w.p, w.n);
    sim_plw_free(&w);
}

static void set_drain(sim *s, sim_obj *n, int status, DWORD error)
{
    n->drain_status = status;
    n->drain_error = error;
    drain_changed(s, n);
}

/* ---- the drain's steps ---------------------------------------------------------------------- */
/* Starts the move of a role off n, or says why it cannot move (0: started). */
static DWORD drain_one(sim *s, sim_obj *n, sim_obj *g)
{
    sim_obj *dst = n->drain_target;
    g->drain_of = n;
    g->drain_why = 0;
    if (dst != NULL) {
        if (dst->deleted || dst->state != ClusterNodeUp)
            g->drain_why = ERROR_HOST_NODE_NOT_AVAILABLE;
        else if (!sim_action_can_host(g, dst))
            g->drain_why = ERROR_NODE_CANT_HOST_RESOURCE;
    } else if ((dst = sim_action_choose_node(s, g)) == NULL) {
        g->drain_why = ERROR_NODE_CANT_HOST_RESOURCE;
    }
    if (g->drain_why == 0)
        sim_start_move(s, g, dst, (n->drain_flags & PAUSE_REMAIN) ? MOVE_RETURN_TO_SOURCE : 0, 0);
    return g->drain_why;
}

/* One step of one node's drain; 1 when something changed. */
static int drain_node(sim *s, sim_obj *n)
{
    sim_obj *g;
    int busy = 0, stuck = 0, changed = 0;
    DWORD error = 0;
    if (n->deleted || n->state != ClusterNodePaused) {     /* deleted, or down meanwhile: it ends */
        n->drain_active = 0;
        if (!n->deleted)
            set_drain(s, n, DRAIN_FAILED, ERROR_CLUSTER_NODE_DOWN);
        return 1;
    }
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next) {
        DWORD why;
        if (g->deleted || (g->node != n && g->drain_of != n && !(g->op && g->op_dst == n)))
            continue;               /* neither on n, nor moved off by this drain, nor moving onto n */
        if (g->node != n && g->op && g->op_stage == 0) {
            sim_queue_cancel(s, g);         /* queued to move onto the paused node: it never will */
            changed = 1;
            continue;
        }
        if (sim_action_group_busy(g)) {     /* a move of this drain (or an action) under way */
            busy = 1;
            continue;
        }
        if (g->node != n)                   /* moved off */
            continue;
        if (g->drain_of == n) {             /* its move ended (or never started) and it is still here */
            stuck = 1;
            if (!error)
                error = g->drain_why ? g->drain_why : (DWORD)ERROR_RESOURCE_FAILED;
            continue;
        }
        why = drain_one(s, n, g);
        changed = 1;
        if (why) {
            stuck = 1;
            if (!error)
                error = why;
        } else {
            busy = 1;
        }
    }
    if (busy)
        return changed;
    n->drain_active = 0;
    if (stuck)
        set_drain(s, n, DRAIN_FAILED, error);
    else
        set_drain(s, n, DRAIN_COMPLETED, 0);
    return 1;
}

int sim_drain_step(sim *s, int *active)
{
    sim_obj *n;
    int changed = 0;
    for (n = s->sets[CS_KIND_NODE].head; n; n = n->next)
        if (n->drain_active) {
            changed |= drain_node(s, n);
            if (n->drain_active)
                *active = 1;
        }
    return changed;
}

void sim_drain_forget(sim *s, const sim_obj *node)
{
    sim_obj *o;
    for (o = s->sets[CS_KIND_NODE].head; o; o = o->next)
        if (o->drain_target == node)
            o->drain_target = NULL;
    for (o = s->sets[CS_KIND_GROUP].head; o; o = o->next)
        if (o->drain_of == node)
            o->drain_of = NULL;
}

/* ---- the entry points ------------------------------------------------------------------------ */
/* The checks of every node call on its handle. */
static DWORD check_node_call(const call *c)
{
    if (c->h->obj->deleted)
        return ERROR_CLUSTER_NODE_NOT_FOUND;
    if ((c->h->granted & ACCESS_ALL) == 0)
        return ERROR_ACCESS_DENIED;
    return 0;
}

static DWORD pause_plain(sim *s, sim_obj *n)
{
    if (n->state == ClusterNodePaused)
        return 0;
    if (n->state != ClusterNodeUp)
        return ERROR_CLUSTER_NODE_DOWN;
    sim_model_set_state(s, n, ClusterNodePaused);
    return 0;
}

static DWORD start_drain(sim *s, sim_obj *n, DWORD flags, sim_obj *target)
{
    sim_obj *o, *g;
    int others = 0;
    if (n->drain_active)
        return ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS;
    if (n->state != ClusterNodeUp && n->state != ClusterNodePaused)
        return ERROR_CLUSTER_NODE_DOWN;
    if (target == n)
        return ERROR_INVALID_TARGET_HANDLE;
    if (target != NULL && target->state != ClusterNodeUp)
        return ERROR_HOST_NODE_NOT_AVAILABLE;
    for (o = s->sets[CS_KIND_NODE].head; o; o = o->next)
        if (o != n && !o->deleted && o->state == ClusterNodeUp)
            others = 1;
    if (!others)
        return ERROR_CLUSTER_NODE_DOWN;
    if (n->state != ClusterNodePaused)
        sim_model_set_state(s, n, ClusterNodePaused);
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next)
        if (g->drain_of == n)
            g->drain_of = NULL;
    n->drain_flags = flags;
    n->drain_target = target;
    n->drain_active = 1;
    set_drain(s, n, DRAIN_IN_PROGRESS, 0);
    s->actions_active = 1;
    sim_actions_tick(s);
    return ERROR_IO_PENDING;
}

static DWORD node_pause(int fn, HNODE hNode, BOOL drain, DWORD flags, HNODE hTarget)
{
    call c;
    sim_obj *target = NULL;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hNode), HK_NODE);
    if (!err)
        err = check_node_call(&c);
    if (!err && drain && (flags & ~PAUSE_FLAGS) != 0)
        err = ERROR_INVALID_PARAMETER;
    if (!err && drain)
        err = sim_dest_node(&c, hTarget, &target);
    if (err)
        return sim_end(&c, err);
    if (!drain)
        return sim_end(&c, pause_plain(c.s, c.h->obj));
    return sim_end(&c, start_drain(c.s, c.h->obj, flags, target));
}

DWORD WINAPI sim_PauseClusterNode(HNODE hNode)
{
    return node_pause(CS_FN_PauseClusterNode, hNode, FALSE, 0, NULL);
}

DWORD WINAPI sim_PauseClusterNodeEx(HNODE hNode, BOOL bDrainNode, DWORD dwPauseFlags, HNODE hNodeDrainTarget)
{
    return node_pause(CS_FN_PauseClusterNodeEx, hNode, bDrainNode, dwPauseFlags, hNodeDrainTarget);
}

DWORD WINAPI sim_PauseClusterNodeEx2(HNODE hNode, BOOL bDrainNode, DWORD dwPauseFlags, HNODE hNodeDrainTarget,
                                     LPCWSTR lpszReason)
{
    (void)lpszReason;
    return node_pause(CS_FN_PauseClusterNodeEx2, hNode, bDrainNode, dwPauseFlags, hNodeDrainTarget);
}

/* Whether the failback window of a group is open now (see the top). */
static int window_open(sim *s, sim_obj *g)
{
    DWORD start = sim_props_dword(s, g, "FailbackWindowStart", NO_HOUR);
    DWORD end = sim_props_dword(s, g, "FailbackWindowEnd", NO_HOUR);
    DWORD hour = (DWORD)(((uint64_t)time(NULL) % 86400u) / 3600u);
    if (start == NO_HOUR || end == NO_HOUR)
        return 1;
    return start <= end ? (hour >= start && hour <= end) : (hour >= start || hour <= end);
}

static void failback(sim *s, sim_obj *n, int type)
{
    sim_obj *g;
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next) {
        if (g->deleted || g->node == n || g->preferred.n == 0 || g->preferred.v[0] != n)
            continue;
        if (sim_action_group_busy(g) || !sim_action_can_host(g, n))
            continue;
        if (type == FailbackGroupsPerPolicy &&
            (sim_props_dword(s, g, "AutoFailbackType", 0) != 1 || !window_open(s, g)))
            continue;
        sim_start_move(s, g, n, 0, 0);
    }
    sim_actions_tick(s);
}

static DWORD node_resume(int fn, HNODE hNode, int type, DWORD flags)
{
    call c;
    sim_obj *n;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hNode), HK_NODE);
    if (!err)
        err = check_node_call(&c);
    if (!err && (type < DoNotFailbackGroups || type > FailbackGroupsPerPolicy || (flags & ~RESUME_FLAGS) != 0))
        err = ERROR_INVALID_PARAMETER;
    if (!err && c.h->obj->state != ClusterNodePaused)
        err = ERROR_CLUSTER_NODE_NOT_PAUSED;
    if (err)
        return sim_end(&c, err);
    n = c.h->obj;
    sim_model_set_state(c.s, n, ClusterNodeUp);
    n->drain_active = 0;
    if (n->drain_status != DRAIN_NOT_INITIATED || n->drain_target != NULL || n->drain_error != 0) {
        n->drain_target = NULL;
        set_drain(c.s, n, DRAIN_NOT_INITIATED, 0);
    }
    if (type != DoNotFailbackGroups)
        failback(c.s, n, type);
    return sim_end(&c, 0);
}

DWORD WINAPI sim_ResumeClusterNode(HNODE hNode)
{
    return node_resume(CS_FN_ResumeClusterNode, hNode, DoNotFailbackGroups, 0);
}

DWORD WINAPI sim_ResumeClusterNodeEx(HNODE hNode, CLUSTER_NODE_RESUME_FAILBACK_TYPE eResumeFailbackType,
                                     DWORD dwResumeFlagsReserved)
{
    return node_resume(CS_FN_ResumeClusterNodeEx, hNode, (int)eResumeFailbackType, dwResumeFlagsReserved);
}

DWORD WINAPI sim_ResumeClusterNodeEx2(HNODE hNode, CLUSTER_NODE_RESUME_FAILBACK_TYPE eResumeFailbackType,
                                      DWORD dwResumeFlagsReserved, LPCWSTR lpszReason)
{
    (void)lpszReason;
    return node_resume(CS_FN_ResumeClusterNodeEx2, hNode, (int)eResumeFailbackType, dwResumeFlagsReserved);
}
