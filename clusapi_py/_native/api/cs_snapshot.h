/*
 * api/cs_snapshot.h - the whole cluster in one call.
 */
#ifndef CS_API_SNAPSHOT_H
#define CS_API_SNAPSHOT_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The whole cluster in one call; layout in shim/cs_snapshot.c above cs_snapshot(). */
uint32_t cs_snapshot(uint64_t cluster, cs_result **out);
/* CDEF-END */

#endif /* CS_API_SNAPSHOT_H */
