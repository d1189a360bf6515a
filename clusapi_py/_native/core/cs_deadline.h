/*
 * core/cs_deadline.h - the calling thread's bounds: a deadline, a cancel
 * flag and why a bounded call stopped (api/cs_limits.h says what a bounded
 * call promises).
 *
 * A bounded entry point brackets its work with cs_deadline_begin() and
 * cs_deadline_end(); the loops inside call cs_deadline_stop() between two
 * backend calls.  Generic: no clusapi call, nothing of the shim; the stop
 * reasons are Win32 codes, recorded like any failure (core/cs_failure.h).
 */
#ifndef CS_DEADLINE_H
#define CS_DEADLINE_H

#include "cs_platform.h"

/* Nonzero while the thread runs a bounded call. */
extern CS_THREAD_LOCAL int cs_tls_bounded;

/* Why a bounded call must stop now: ERROR_TIMEOUT, ERROR_CANCELLED, or 0
 * (the reason is kept for cs_deadline_end). */
uint32_t cs_deadline_stop_slow(void);

/* Between two backend calls of a loop: 0 to go on, else the code to stop
 * with (the loop then closes what it opened and returns it, *fn = -1).
 * One thread-local read when the call is not bounded. */
static inline uint32_t cs_deadline_stop(void)
{
    return cs_tls_bounded ? cs_deadline_stop_slow() : 0;
}

/* Starts the thread's bounds: timeout in seconds (< 0: none), cancel a flag
 * another thread may set (NULL: none; read atomically). */
void cs_deadline_begin(double timeout, int32_t *cancel);

/* Ends them; returns `err`, except that when the call failed because it
 * stopped, the stop is recorded as the failure (over the loop's own
 * recording of the same code, to set the condition and drop the function):
 * ERROR_CANCELLED with CS_COND_CANCELLED, or ERROR_TIMEOUT from the shim. */
uint32_t cs_deadline_end(uint32_t err);

#endif /* CS_DEADLINE_H */
