/*
 * api/cs_control.h - Cluster*Control through a token.  The ERROR_MORE_DATA
 * protocol runs in C: one shim call, one round trip when the first buffer
 * is large enough.  (The simulator's property knobs: api/cs_sim_control.h;
 * the C walk of a property list: api/cs_bench.h.)
 */
#ifndef CS_API_CONTROL_H
#define CS_API_CONTROL_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The retries cs_control allows after ERROR_MORE_DATA (a value that keeps
 * growing between calls fails with ERROR_MORE_DATA after them). */
#define CS_CONTROL_RETRIES 4

/* Runs one control code on any token (cluster, node, group, resource,
 * network, net interface) through that kind's Cluster*Control, with no
 * input: the output data goes to the result's bytes (none for an empty
 * output). */
uint32_t cs_control(uint64_t token, uint32_t code, cs_result **out);
/* Runs one control code that takes an input buffer and has no output
 * (SET_* / VALIDATE_*_PROPERTIES: the input is a property list) on any
 * token.  0, or ERROR_RESOURCE_PROPERTIES_STORED (5024: stored, takes
 * effect at the resource's next online -- a success, not recorded as a
 * failure); any other code is recorded as the thread's failure. */
uint32_t cs_control_in(uint64_t token, uint32_t code, const uint8_t *in, uint32_t cb_in);
/* CDEF-END */

#endif /* CS_API_CONTROL_H */
