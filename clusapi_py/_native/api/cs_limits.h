/*
 * api/cs_limits.h - bounded calls: the long walks (a snapshot, a listing)
 * with a timeout and a cancel flag.
 *
 * The loop checks, between backend calls (never during one), whether the
 * deadline has passed or *cancel has become nonzero; if so it closes what
 * it opened, frees what it built and fails:
 *   - timeout: ERROR_TIMEOUT (1460), function "" (the shim's own);
 *   - cancel:  ERROR_CANCELLED with condition CS_COND_CANCELLED.
 * timeout < 0 means none; cancel NULL means none.  The flag is written by
 * another thread (Python's calling thread, when Ctrl-C reaches it while a
 * worker thread runs the walk), so the loop reads it atomically.
 */
#ifndef CS_API_LIMITS_H
#define CS_API_LIMITS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* flags: as cs_snapshot_ex's (CS_SNAPSHOT_PROPERTIES). */
uint32_t cs_snapshot_limited(uint64_t cluster, uint32_t flags, double timeout, int32_t *cancel, cs_result **out);
uint32_t cs_list_limited(uint64_t token, uint32_t type, double timeout, int32_t *cancel, cs_result **out);
/* CDEF-END */

#endif /* CS_API_LIMITS_H */
