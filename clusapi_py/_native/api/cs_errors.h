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

/* FormatMessageW's text for a code into buf (capacity in characters);
 * returns its length, 0 where there is none (always, off Windows). */
uint32_t cs_format_message(uint32_t code, cs_char *buf, uint32_t capacity);
/* CDEF-END */

#endif /* CS_API_ERRORS_H */
