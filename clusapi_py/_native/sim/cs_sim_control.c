/*
 * sim/cs_sim_control.c - the control API (declared in api/cs_shim.h,
 * described in sim/cs_sim.h) apart from building the topology
 * (cs_sim_topology.c): the life of an instance, faults, hidden exports,
 * latency, rights, counters, open handles, binding a thread.
 *
 * Every function that works on an instance runs between one
 * sim_control_begin() and one sim_control_end(): the lock is taken and
 * released there only, and nothing returns in between.
 */
#include "sim/cs_sim_int.h"
#include "core/cs_fork.h"
#include "api/cs_testing.h"
#include <float.h>
#include <stdlib.h>
#include <string.h>

sim *sim_control_begin(int sim_id, DWORD *err)
{
    sim *s;
    cs_mutex_lock(&g_lock);
    sim_ensure_ready();
    s = sim_by_id(sim_id);
    *err = s ? 0 : (DWORD)ERROR_INVALID_PARAMETER;
    return s;
}

void sim_control_end(void)
{
    cs_mutex_unlock(&g_lock);
}

/* ---- life --------------------------------------------------------------------------------------------- */
/* The last pin of a released instance's backend (core/cs_registry.h): an
 * open that was under way when it was released has ended. */
static void last_unpin(cs_backend *b)
{
    sim *s = (sim *)b->ctx;
    cs_mutex_lock(&g_lock);
    cs_backend_drop_pin(b);
    if (sim_unused(s))
        sim_free(s);
    cs_mutex_unlock(&g_lock);
}

uint32_t cs_sim_create(int *backend_id)
{
    sim *s;
    int id;
    if (backend_id == NULL)
        return ERROR_INVALID_PARAMETER;
    *backend_id = 0;
    s = (sim *)calloc(1, sizeof(sim));
    if (s == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (sim_w_set(&s->name, NULL) != 0 || sim_w_set(&s->q_res, NULL) != 0 || sim_w_set(&s->q_dev, NULL) != 0) {
        sim_w_free(&s->name);
        sim_w_free(&s->q_res);
        sim_w_free(&s->q_dev);
        free(s);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->rights = CS_RIGHTS_ALL;
    s->queue_limit = CS_SIM_DEFAULT_QUEUE_LIMIT;
    s->latency = 0.0;
    s->created = sim_props_now();
    s->backend.kind = CS_BACKEND_SIM;
    sim_fill_table(&s->backend.table);
    for (id = 0; id < CS_FN_COUNT; id++)     /* the *Ex2 exports: only the newest clusapi.dll has them */
        if (sim_is_ex2(id))
            s->backend.table.slot[id] = NULL;
    s->action_seconds = CS_SIM_DEFAULT_ACTION_SECONDS;
    s->backend.bind = sim_bind;
    s->backend.ctx = s;
    s->backend.last_error = sim_last_error;
    s->backend.last_unpin = last_unpin;
    cs_fork_guard(CS_FORK_SIM, &g_lock);
    cs_fork_on_child(CS_FORK_SIM, sim_notify_after_fork_in_child);

    /* Listed (id 0: not findable until registered), then registered with
     * the shim without the lock (the registry has its own), then given
     * its id -- or freed if registration failed. */
    cs_mutex_lock(&g_lock);
    sim_ensure_ready();
    sim_leakcheck_arm();
    s->next_sim = g_sims;
    if (g_sims != NULL)
        g_sims->prev_sim = s;
    g_sims = s;
    cs_mutex_unlock(&g_lock);

    id = cs_register_backend(&s->backend);

    cs_mutex_lock(&g_lock);
    if (id <= 0)
        sim_free(s);
    else
        s->id = id;
    cs_mutex_unlock(&g_lock);
    if (id <= 0) {
        *backend_id = -1;               /* out of band: the registry is full */
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *backend_id = id;
    return 0;
}

uint32_t cs_sim_release(int sim_id)
{
    DWORD err;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        s->released = 1;
        s->hold_generation = 0;     /* a held round trip ends (and fails: the instance is gone) */
        cs_cond_broadcast(&g_notify_cond);
        cs_unregister_backend(s->id);
        if (sim_unused(s))
            sim_free(s);            /* else the last handle, waiter or pin frees it */
    }
    sim_control_end();
    return err;
}

cs_backend *cs_sim_backend(int backend_id)
{
    cs_backend *b = cs_backend_by_id(backend_id);
    if (b == NULL || b->kind != CS_BACKEND_SIM)
        return NULL;
    return b;
}

/* ---- knobs -------------------------------------------------------------------------------------------- */
uint32_t cs_sim_fail(int sim_id, int function_id, uint32_t error, uint32_t count)
{
    DWORD err;
    sim *s;
    if (function_id < 0 || function_id >= CS_FN_COUNT || (count != 0 && error == 0))
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        s->fail_error[function_id] = count ? error : 0;
        s->fail_count[function_id] = count;
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_hide(int sim_id, int function_id, int hidden)
{
    DWORD err;
    sim *s;
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        s->backend.table.slot[function_id] = hidden ? NULL : cs_sim_entry_point(function_id);
    sim_control_end();
    return err;
}

uint32_t cs_sim_set_latency(int sim_id, double seconds)
{
    DWORD err;
    sim *s;
    if (!(seconds >= 0.0) || seconds > DBL_MAX)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        s->latency = seconds;
    sim_control_end();
    return err;
}

double cs_sim_get_latency(int sim_id)
{
    DWORD err;
    double v = 0.0;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        v = s->latency;
    sim_control_end();
    return v;
}

uint32_t cs_sim_set_rights(int sim_id, int rights)
{
    DWORD err;
    sim *s;
    if (rights != CS_RIGHTS_NONE && rights != CS_RIGHTS_READ && rights != CS_RIGHTS_ALL)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        s->rights = rights;
    sim_control_end();
    return err;
}

int cs_sim_get_rights(int sim_id)
{
    DWORD err;
    int v = -1;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        v = s->rights;
    sim_control_end();
    return v;
}

/* ---- counters ----------------------------------------------------------------------------------------- */
static uint64_t read_counter(int sim_id, int function_id, int trips)
{
    DWORD err;
    uint64_t v = 0;
    sim *s;
    int i;
    if (function_id < -1 || function_id >= CS_FN_COUNT)
        return 0;
    s = sim_control_begin(sim_id, &err);
    for (i = 0; s != NULL && i < CS_FN_COUNT; i++)
        if (function_id == -1 || function_id == i)
            v += trips ? s->trips[i] : s->calls[i];
    sim_control_end();
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
    DWORD err;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        memset(s->calls, 0, sizeof(s->calls));
        memset(s->trips, 0, sizeof(s->trips));
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_open_handles(int sim_id, uint32_t *counts)
{
    DWORD err;
    sim *s;
    int k;
    if (counts == NULL)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    for (k = 0; s != NULL && k < CS_KIND_COUNT; k++)
        counts[k] = s->open[k];
    sim_control_end();
    return err;
}

void cs_sim_total_open_handles(uint32_t *counts)
{
    int k;
    if (counts == NULL)
        return;
    cs_fork_guard(CS_FORK_SIM, &g_lock);
    cs_fork_on_child(CS_FORK_SIM, sim_notify_after_fork_in_child);
    cs_mutex_lock(&g_lock);
    for (k = 0; k < CS_KIND_COUNT; k++)
        counts[k] = g_open[k];
    cs_mutex_unlock(&g_lock);
}

/* ---- binding a thread --------------------------------------------------------------------------------- */
uint32_t cs_sim_bind_thread(int sim_id)
{
    DWORD err;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        sim_bind_id(s->id);
    sim_control_end();
    return err;
}

/* ---- holding round trips (api/cs_testing.h) ---------------------------------------------------------- */
uint32_t cs_testing_sim_hold(int sim_id, int hold)
{
    DWORD err;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL) {
        s->hold_generation = hold ? cs_fork_generation() + 1 : 0;
        if (!hold)
            cs_cond_broadcast(&g_notify_cond);
    }
    sim_control_end();
    return err;
}

uint32_t cs_testing_sim_held(int sim_id)
{
    DWORD err;
    uint32_t n = 0;
    sim *s = sim_control_begin(sim_id, &err);
    if (s != NULL)
        n = s->held;
    sim_control_end();
    return n;
}

uint64_t cs_testing_sim_steps(void)
{
    uint64_t n;
    cs_fork_guard(CS_FORK_SIM, &g_lock);
    cs_mutex_lock(&g_lock);
    n = g_sim_steps;
    cs_mutex_unlock(&g_lock);
    return n;
}
