/*
 * api/cs_backends.h - the functions a backend table holds, and which of
 * them a backend has.  The table itself is core/cs_backend.h; the
 * registry of backends by id is core/cs_registry.h.
 */
#ifndef CS_API_BACKENDS_H
#define CS_API_BACKENDS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
#define CS_SYSTEM_BACKEND 1                  /* clusapi.dll: always backend id 1 */

/* Names and round-trip flags of the functions a backend table holds. */
int cs_function_count(void);
/* The function's name ("OpenClusterEx"), or NULL for an index out of range. */
const char *cs_function_name(int function_id);
/* The index of a function name, or -1. */
int cs_function_id(const char *name);
/* Whether the real DLL makes a round trip for that function. */
int cs_function_is_rpc(int function_id);
/* Whether the backend has that export (loading clusapi.dll if needed):
 * 1 yes, 0 no (or the DLL is missing), -1 no such backend. */
int cs_backend_has(int backend, int function_id);
/* How many simulators (backends besides the system one) can exist at once. */
int cs_backend_limit(void);
/* CDEF-END */

#endif /* CS_API_BACKENDS_H */
