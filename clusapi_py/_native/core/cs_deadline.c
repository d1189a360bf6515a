/* core/cs_deadline.c - the calling thread's bounds (core/cs_deadline.h). */
#include "core/cs_deadline.h"
#include "core/cs_failure.h"
#include "api/cs_errors.h"

CS_THREAD_LOCAL int cs_tls_bounded;
static CS_THREAD_LOCAL double tls_deadline;            /* < 0: none */
static CS_THREAD_LOCAL cs_atomic32 *tls_cancel;        /* NULL: none */
static CS_THREAD_LOCAL uint32_t tls_stopped;           /* why the loop stopped, 0: it did not */

uint32_t cs_deadline_stop_slow(void)
{
    if (tls_cancel != NULL && cs_atomic32_load(tls_cancel) != 0)
        return tls_stopped = ERROR_CANCELLED;
    if (tls_deadline >= 0.0 && cs_monotonic_seconds() >= tls_deadline)
        return tls_stopped = ERROR_TIMEOUT;
    return 0;
}

void cs_deadline_begin(double timeout, int32_t *cancel)
{
    tls_deadline = timeout >= 0.0 ? cs_monotonic_seconds() + timeout : -1.0;
    tls_cancel = (cs_atomic32 *)cancel;
    tls_stopped = 0;
    cs_tls_bounded = timeout >= 0.0 || cancel != NULL;
}

uint32_t cs_deadline_end(uint32_t err)
{
    uint32_t stopped = tls_stopped;
    cs_tls_bounded = 0;
    tls_cancel = NULL;
    tls_stopped = 0;
    if (err != 0 && stopped == ERROR_CANCELLED)
        return cs_fail_condition(CS_COND_CANCELLED, ERROR_CANCELLED);
    if (err != 0 && stopped == ERROR_TIMEOUT)
        return cs_fail(ERROR_TIMEOUT, -1);
    return err;
}
