/*
 * shim/cs_limits.c - bounded calls (api/cs_limits.h): the calling thread's
 * deadline and cancel flag, checked by the loops between backend calls.
 */
#include "shim/cs_shim_int.h"
#include "api/cs_limits.h"

CS_THREAD_LOCAL int shim_tls_limited;
static CS_THREAD_LOCAL double tls_deadline;            /* < 0: none */
static CS_THREAD_LOCAL cs_atomic32 *tls_cancel;        /* NULL: none */
static CS_THREAD_LOCAL uint32_t tls_stopped;           /* why the loop stopped, 0: it did not */

#ifndef ERROR_CANCELLED
#  define ERROR_CANCELLED 1223L
#endif

uint32_t shim_stop_slow(void)
{
    if (tls_cancel != NULL && cs_atomic32_load(tls_cancel) != 0)
        return tls_stopped = ERROR_CANCELLED;
    if (tls_deadline >= 0.0 && cs_monotonic_seconds() >= tls_deadline)
        return tls_stopped = ERROR_TIMEOUT;
    return 0;
}

static void begin(double timeout, int32_t *cancel)
{
    tls_deadline = timeout >= 0.0 ? cs_monotonic_seconds() + timeout : -1.0;
    tls_cancel = (cs_atomic32 *)cancel;
    tls_stopped = 0;
    shim_tls_limited = timeout >= 0.0 || cancel != NULL;
}

/* Ends the limits; a stop is recorded as the failure (over the loop's own
 * recording of the same code, to set the condition and drop the function). */
static uint32_t end(uint32_t err)
{
    uint32_t stopped = tls_stopped;
    shim_tls_limited = 0;
    tls_cancel = NULL;
    tls_stopped = 0;
    if (err != 0 && stopped == ERROR_CANCELLED)
        return cs_fail_condition(CS_COND_CANCELLED, ERROR_CANCELLED);
    if (err != 0 && stopped == ERROR_TIMEOUT)
        return cs_fail(ERROR_TIMEOUT, -1);
    return err;
}

uint32_t cs_snapshot_limited(uint64_t cluster, uint32_t flags, double timeout, int32_t *cancel, cs_result **out)
{
    begin(timeout, cancel);
    return end(cs_snapshot_ex(cluster, flags, out));
}

uint32_t cs_list_limited(uint64_t token, uint32_t type, double timeout, int32_t *cancel, cs_result **out)
{
    begin(timeout, cancel);
    return end(cs_list(token, type, out));
}
