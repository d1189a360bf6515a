/*
 * core/cs_failure.h - the calling thread's last failure: a Win32 code and
 * the id of the clusapi function that failed (-1: the shim itself).
 *
 * Recorded by cs_fail(); read through cs_last_error() / cs_last_function()
 * / cs_last_failure() (api/cs_errors.h).  Per thread, so concurrent calls
 * never see each other's failures.
 */
#ifndef CS_FAILURE_H
#define CS_FAILURE_H

#include "cs_platform.h"

/* Records a failure (the code as captured right after the failing call,
 * before any cleanup call) and returns the code. */
uint32_t cs_fail(uint32_t code, int function_id);

/* Records one of the shim's own conditions (CS_COND_*, api/cs_errors.h)
 * with the code its callers return; the condition travels beside the code,
 * so no backend code is ever taken for it.  Returns the code. */
uint32_t cs_fail_condition(int condition, uint32_t code);

#endif /* CS_FAILURE_H */
