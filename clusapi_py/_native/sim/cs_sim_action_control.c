/*
 * sim/cs_sim_action_control.c - the control API of the simulator's actions
 * (api/cs_sim_control.h): how long a pending phase lasts, the manual clock
 * and advancing it, and what bringing a resource online does
 * (cs_sim_actions.c runs the actions themselves).
 */
#include "sim/cs_sim_int.h"

uint32_t cs_sim_set_action_seconds(int sim_id, double seconds)
{
    DWORD err;
    sim *s;
    if (!(seconds >= 0.0) || seconds > 1e9)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        s->action_seconds = seconds;
    sim_control_end();
    return err;
}

double cs_sim_get_action_seconds(int sim_id)
{
    DWORD err;
    double v = -1.0;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        v = s->action_seconds;
    sim_control_end();
    return v;
}

uint32_t cs_sim_set_manual_clock(int sim_id, int manual)
{
    DWORD err;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL && (manual != 0) != s->manual_clock) {
        double real = cs_monotonic_seconds();
        sim_obj *r;
        sim_actions_tick(s);            /* what ended on the old clock */
        if (manual) {
            s->clock = real;            /* phases keep their ends */
        } else {
            /* back to real time: what remained of each phase remains */
            for (r = s->sets[CS_KIND_RESOURCE].head; r; r = r->next)
                if (r->phase_state)
                    r->phase_end += real - s->clock;
        }
        s->manual_clock = manual != 0;
        s->actions_active = 1;
        sim_actions_tick(s);            /* the waiters' deadline on the clock now in force */
        cs_cond_broadcast(&g_notify_cond);
    }
    sim_control_end();
    return err;
}

int cs_sim_get_manual_clock(int sim_id)
{
    DWORD err;
    int v = -1;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        v = s->manual_clock;
    sim_control_end();
    return v;
}

uint32_t cs_sim_advance(int sim_id, double seconds)
{
    DWORD err;
    sim *s;
    if (!(seconds >= 0.0) || seconds > 1e9)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL && !s->manual_clock)
        err = ERROR_INVALID_STATE;
    if (s != NULL && !err) {
        /* Time moves phase end by phase end, so that a chain of phases that
         * fits in `seconds` (a provider, then its dependent, then a move's
         * other half) runs to its end, each step at its own time. */
        double target = s->clock + seconds, next;
        int steps = 0;
        sim_actions_tick(s);
        while ((next = sim_next_phase_end(s)) > 0.0 && next <= target && steps++ < 1000000) {
            s->clock = next;
            sim_actions_tick(s);
        }
        s->clock = target;
        sim_actions_tick(s);
        cs_cond_broadcast(&g_notify_cond);
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_set_resource_outcome(int sim_id, const cs_char *resource, int outcome, const cs_char *node)
{
    DWORD err;
    sim *s;
    sim_obj *r = NULL, *n = NULL;
    if (cs_wempty((const WCHAR *)resource) || outcome < SIM_OUTCOME_SUCCEED || outcome > SIM_OUTCOME_VETO)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        r = sim_set_find(&s->sets[CS_KIND_RESOURCE], (const WCHAR *)resource, cs_wlen((const WCHAR *)resource));
        if (r == NULL)
            err = ERROR_RESOURCE_NOT_FOUND;
    }
    if (s != NULL && !err && !cs_wempty((const WCHAR *)node)) {
        n = sim_set_find(&s->sets[CS_KIND_NODE], (const WCHAR *)node, cs_wlen((const WCHAR *)node));
        if (n == NULL)
            err = ERROR_CLUSTER_NODE_NOT_FOUND;
    }
    if (s != NULL && !err) {
        r->outcome = outcome;
        r->outcome_node = n;
        s->actions_active = 1;          /* a hang that ends now ends on the next tick */
        sim_actions_tick(s);
    }
    sim_control_end();
    return err;
}
