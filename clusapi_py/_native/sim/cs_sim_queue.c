/*
 * sim/cs_sim_queue.c - the move queue and a group's StatusInformation.
 *
 * A cluster runs a limited number of moves (live migrations) at once; a
 * move made with CLUSAPI_GROUP_MOVE_QUEUE_ENABLED while that many run is
 * queued: MoveClusterGroupEx answers 997, the group stays where it is, in
 * its state, with CLUSGRP_STATUS_WAITING_IN_QUEUE_FOR_MOVE (0x4) in its
 * StatusInformation, until a move ends and it starts (the bit cleared
 * first).  HIGH_PRIORITY_START puts a move before the others.  The limit
 * is the instance's parallel_moves (0, the default: none).  What is
 * inferred: moves made without QUEUE_ENABLED are counted but never wait
 * (the documentation names queueing only for the flag); a queued move
 * whose destination cannot host the group when its turn comes waits on
 * (it is not moved elsewhere); acting on a queued group is refused with
 * ERROR_CLUSTER_GROUP_QUEUED (5959), cancelling it takes it out (0).
 *
 * Locked mode (CLUSGRP_STATUS_LOCKED_MODE, 0x1) is set by the control API
 * (cs_sim_set_group_locked): the actions refuse a locked group's work with
 * ERROR_CLUSTER_RESOURCE_LOCKED_STATUS (5960) unless the call's flags
 * carry IGNORE_RESOURCE_STATUS (cs_sim_actions.c).
 *
 * Every change of the bits posts the group's common-property event with a
 * property list of StatusInformation alone, as a cluster's
 * CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2 carries the changed values.
 */
#include "sim/cs_sim_int.h"
#include "sim/cs_sim_props.h"

static int moves_running(const sim *s)
{
    const sim_obj *g;
    int n = 0;
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next)
        if (!g->deleted && g->op == SIM_OP_MOVE && g->op_stage > 0)
            n++;
    return n;
}

void sim_group_set_status(sim *s, sim_obj *g, uint64_t bits)
{
    static const WCHAR name[] = { 'S','t','a','t','u','s','I','n','f','o','r','m','a','t','i','o','n',0 };
    plw w;
    if (g->status_bits == bits)
        return;
    g->status_bits = bits;
    sim_plw_init(&w);
    sim_plw_property(&w, name, sizeof(name) / sizeof(name[0]) - 1, CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER,
                     &bits, sizeof(bits));
    if (sim_plw_finish(&w) == 0)
        sim_changed_data(s, SIM_CHANGE_PROPERTIES, g, w.p, w.n);
    sim_plw_free(&w);       /* out of memory: the bits changed, the event is not posted */
}

int sim_queue_must_wait(const sim *s)
{
    return s->parallel_moves > 0 && moves_running(s) >= s->parallel_moves;
}

void sim_queue_move(sim *s, sim_obj *g, sim_obj *dst, DWORD flags)
{
    g->op = SIM_OP_MOVE;
    g->op_stage = 0;
    g->op_flags = flags;
    g->op_online_all = 0;
    g->op_returned = 0;
    g->op_vetoed = 0;
    g->op_src = g->node;
    g->op_dst = dst;
    g->queue_seq = (flags & SIM_MOVE_HIGH_PRIORITY_START) ? --s->queue_first : ++s->queue_last;
    sim_group_set_status(s, g, g->status_bits | SIM_GROUP_WAITING_IN_QUEUE);
    s->actions_active = 1;
}

/* The first queued group whose destination can take it now (NULL: none). */
static sim_obj *next_in_queue(sim *s)
{
    sim_obj *g, *best = NULL;
    for (g = s->sets[CS_KIND_GROUP].head; g; g = g->next)
        if (!g->deleted && g->op == SIM_OP_MOVE && g->op_stage == 0 && g->op_dst != NULL &&
            sim_can_host_now(g, g->op_dst) && (best == NULL || g->queue_seq < best->queue_seq))
            best = g;
    return best;
}

int sim_queue_start(sim *s)
{
    int started = 0;
    sim_obj *g;
    while ((s->parallel_moves == 0 || moves_running(s) < s->parallel_moves) && (g = next_in_queue(s)) != NULL) {
        sim_group_set_status(s, g, g->status_bits & ~(uint64_t)SIM_GROUP_WAITING_IN_QUEUE);
        sim_start_move(s, g, g->op_dst, g->op_flags, 0);
        started = 1;
    }
    return started;
}

void sim_queue_cancel(sim *s, sim_obj *g)
{
    g->op = 0;
    g->op_stage = 0;
    sim_group_set_status(s, g, g->status_bits & ~(uint64_t)SIM_GROUP_WAITING_IN_QUEUE);
}

/* ---- the control API (api/cs_sim_control.h) ------------------------------------------------- */
uint32_t cs_sim_set_parallel_moves(int sim_id, int moves)
{
    DWORD err;
    sim *s;
    if (moves < 0 || moves > 1000000)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        s->parallel_moves = moves;
        s->actions_active = 1;          /* a higher limit starts queued moves at once */
        sim_actions_tick(s);
        cs_cond_broadcast(&g_notify_cond);
    }
    sim_control_end();
    return err;
}

int cs_sim_get_parallel_moves(int sim_id)
{
    DWORD err;
    int v = -1;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        v = s->parallel_moves;
    sim_control_end();
    return v;
}

uint32_t cs_sim_set_group_locked(int sim_id, const cs_char *group, int locked)
{
    DWORD err;
    sim *s;
    sim_obj *g = NULL;
    if (cs_wempty((const WCHAR *)group))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        g = sim_set_find(&s->sets[CS_KIND_GROUP], (const WCHAR *)group, cs_wlen((const WCHAR *)group));
        if (g == NULL || g->deleted)
            err = ERROR_GROUP_NOT_FOUND;
    }
    if (s != NULL && !err) {
        uint64_t bits = locked ? (g->status_bits | SIM_GROUP_LOCKED_MODE)
                               : (g->status_bits & ~(uint64_t)SIM_GROUP_LOCKED_MODE);
        sim_group_set_status(s, g, bits);
        cs_cond_broadcast(&g_notify_cond);
    }
    sim_control_end();
    return err;
}
