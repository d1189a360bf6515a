/*
 * core/cs_registry.h - backends by id.
 *
 * The system backend (clusapi.dll) is always id 1 (CS_SYSTEM_BACKEND);
 * simulators get 2, 3, ... in order.  Once every id has been handed out,
 * the ids of unregistered backends are handed out again: a handle keeps
 * its backend by pointer, never by id, so reuse cannot mix them up.
 * The function names and round-trip flags of the table are declared in
 * api/cs_backends.h (Python reads them too).
 */
#ifndef CS_REGISTRY_H
#define CS_REGISTRY_H

#include "core/cs_backend.h"

/* Registers a backend and returns its id (also stored in backend->id), or
 * -1 when every id is taken. */
int cs_register_backend(cs_backend *backend);
/* Forgets an id (its backend is no longer found by cs_backend_by_id). */
void cs_unregister_backend(int id);
/* The backend registered under an id, or NULL.  Lock-free. */
cs_backend *cs_backend_by_id(int id);

#endif /* CS_REGISTRY_H */
