/*
 * sim/cs_sim_call.c - the life of a call: every entry point runs
 *
 *     call c;
 *     DWORD err = sim_begin(&c, CS_FN_x, TOKEN_OF(handle), HK_x);
 *     if (!err)
 *         err = ...the work, with g_lock held...;
 *     return sim_end(&c, err);
 *
 * and nothing else takes g_lock for it or sets its last error.  Also the
 * per-thread state of the Win32 contract: the last error and the instance
 * an OpenCluster* call is for.
 */
#include "sim/cs_sim_int.h"
#include "core/cs_fork.h"
#include <string.h>

static CS_THREAD_LOCAL DWORD tls_last_error;
static CS_THREAD_LOCAL int tls_bound;

DWORD sim_last_error(void)
{
    return tls_last_error;
}

uint32_t cs_sim_get_last_error(void)
{
    return tls_last_error;
}

void sim_bind(void *ctx)
{
    tls_bound = ((sim *)ctx)->backend.id;
}

void sim_bind_id(int id)
{
    tls_bound = id;
}

static void count_call(sim *s, int fn)
{
    if (fn < 0 || fn >= CS_FN_COUNT)
        return;                         /* SIM_FN_SURFACE: outside the table, not counted */
    s->calls[fn]++;
    if (cs_function_is_rpc(fn))
        s->trips[fn]++;
}

/* The next injected failure of fn, or 0. */
static DWORD take_fault(sim *s, int fn)
{
    if (fn < 0 || fn >= CS_FN_COUNT || s->fail_count[fn] == 0)
        return 0;
    s->fail_count[fn]--;
    return s->fail_error[fn];
}

/* Finds what the call names, g_lock held: sets c->s and c->h, or leaves
 * both NULL and returns the code for "not there". */
static DWORD find_target(call *c, int bound_id)
{
    c->h = NULL;
    c->s = NULL;
    if (c->hk == HK_BOUND) {
        c->s = sim_by_id(bound_id);
        return c->s ? 0 : (DWORD)RPC_S_SERVER_UNAVAILABLE;
    }
    c->h = sim_handle_lookup(c->token, c->hk);
    if (c->h == NULL)
        return ERROR_INVALID_HANDLE;
    c->s = c->h->s;
    return 0;
}

/* cs_testing_sim_hold: whether round trips of s stop now (only in the
 * process that set the hold: a child after fork() has a new generation). */
static int sim_holds(const sim *s)
{
    return s->hold_generation != 0 && s->hold_generation == cs_fork_generation() + 1;
}

/* Waits, g_lock held (released while waiting), until the hold ends; the
 * instance outlives the wait (counted in waiters), and the target is found
 * again after it, as after a latency (it may have been closed meanwhile). */
static DWORD wait_out_hold(call *c, int bound_id)
{
    sim *s = c->s;
    DWORD err;
    s->waiters++;
    s->held++;
    while (sim_holds(s))
        cs_cond_wait_ms(&g_notify_cond, &g_lock, 100);
    s->held--;
    s->waiters--;
    err = find_target(c, bound_id);
    if (err && sim_unused(s))
        sim_free(s);
    return err;
}

DWORD sim_begin(call *c, int fn, uint64_t token, int hk)
{
    int bound_id = tls_bound;
    DWORD err;
    c->fn = fn;
    c->token = token;
    c->hk = hk;
    sim_handles_call_begins();
    cs_mutex_lock(&g_lock);
    if (hk == HK_BOUND)
        sim_ensure_ready();
    err = find_target(c, bound_id);
    if (!err) {
        count_call(c->s, fn);
        if (cs_function_is_rpc(fn) && c->s->latency > 0.0) {
            double latency = c->s->latency;
            cs_mutex_unlock(&g_lock);
            cs_sleep_seconds(latency);
            cs_mutex_lock(&g_lock);
            err = find_target(c, bound_id);
        }
        if (!err && cs_function_is_rpc(fn) && sim_holds(c->s))
            err = wait_out_hold(c, bound_id);
    }
    if (err) {
        cs_mutex_unlock(&g_lock);
        return err;
    }
    sim_actions_tick(c->s);             /* pending phases that ended meanwhile */
    err = take_fault(c->s, fn);
    /* cs_sim_break_connection: round trips through a named open fail (the
     * surface's calls beyond the table -- create, delete -- are RPCs too). */
    if (!err && c->h != NULL && c->h->named && (fn == SIM_FN_SURFACE || cs_function_is_rpc(fn)) &&
        sim_broken(c->s, c->h))
        err = RPC_S_SERVER_UNAVAILABLE;
    return err;
}

/* Pending cs_sim_delete_after() deletions: one more call of fn completed.  Counted first,
 * then each that is due is taken out and done, one at a time: a deletion drops the entries
 * of what it deletes (sim_obj_delete), so the list is searched again after each. */
static void run_pending(sim *s, int fn)
{
    size_t i;
    for (i = 0; i < s->n_pending; i++)
        if (s->pending[i].fn == fn && s->pending[i].remaining > 0)
            s->pending[i].remaining--;
    for (;;) {
        sim_pending_delete *p;
        sim_obj *o;
        for (i = 0; i < s->n_pending && s->pending[i].remaining != 0; i++)
            ;
        if (i == s->n_pending)
            return;
        p = &s->pending[i];
        o = sim_set_find(&s->sets[p->kind], p->name.p, p->name.n);
        sim_w_free(&p->name);
        memmove(p, p + 1, (s->n_pending - i - 1) * sizeof(*p));
        s->n_pending--;
        if (o)
            sim_obj_delete(s, o);
    }
}

DWORD sim_end(call *c, DWORD err)
{
    sim *s = c->s;
    if (s != NULL) {
        if (s->n_pending)
            run_pending(s, c->fn);
        if (sim_unused(s))
            sim_free(s);
        c->s = NULL;
        c->h = NULL;
        cs_mutex_unlock(&g_lock);
    }
    if (err)
        tls_last_error = err;
    return err;
}
