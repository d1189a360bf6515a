/*
 * api/cs_errors.h - the calling thread's last failure, and the system's
 * text for a code.
 *
 * Functions return a Win32 code (0 = success) or, where they return a
 * token / state, a failure marker; either way the code and the clusapi
 * function that failed are kept per thread (core/cs_failure.c).  The code
 * is the one captured right after the failing call, before any cleanup
 * call can change the thread's last error.
 */
#ifndef CS_API_ERRORS_H
#define CS_API_ERRORS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The calling thread's last failure: its Win32 code and the name of the
 * clusapi function that failed ("" when the shim itself refused). */
uint32_t cs_last_error(void);
const char *cs_last_function(void);
/* Both at once (*code, and the function's name as the result), so the pair
 * is never torn by another failing call in between. */
const char *cs_last_failure(uint32_t *code);

/* The shim's own conditions, reported beside the code and never in it: a
 * backend may return any 32-bit code, so a marker in the code channel could
 * be mistaken for one (CS_COND_NONE: the code is the backend's, or a Win32
 * code of the shim's own checks). */
#define CS_COND_NONE 0
#define CS_COND_CLOSED 1        /* the token is not open: closed, stale, forged or inherited */
#define CS_COND_TABLE_FULL 2    /* the token table is full (cs_token_limit() handles open) */
#define CS_COND_STATE_VALUE 5    /* cs_state: CS_STATE_FAILED is the backend's own state value, no failure */
#define CS_COND_CANCELLED 4      /* a limited call saw its cancel flag set (cs_limits.h) */
#define CS_COND_CLUSTER_CLOSED 3 /* cs_detach: the object's cluster is closed (its raw handle would be invalid) */
/* Code, condition and function at once. */
const char *cs_last_failure_ex(uint32_t *code, int *condition);

/* FormatMessageW's text for a code into buf (capacity in characters);
 * returns its length, 0 where there is none (always, off Windows). */
uint32_t cs_format_message(uint32_t code, cs_char *buf, uint32_t capacity);
/* CDEF-END */

#endif /* CS_API_ERRORS_H */
