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
/* The backend registered under an id, or NULL.  Lock-free: only for a
 * caller that keeps the backend alive otherwise (its owner, under its own
 * lock); a caller that goes on to use the backend pins it instead. */
cs_backend *cs_backend_by_id(int id);

/* Pins.  A shim call looks its backend up by id and then uses it (its
 * table, bind, ctx, last_error) without any lock, while another thread may
 * unregister and free that backend (a simulator's release).  So the call
 * pins it: cs_backend_pin() finds it and counts a pin under the registry's
 * lock, cs_backend_unpin() drops that pin after the last use.  An owner
 * frees an unregistered backend only when cs_backend_pins() is 0 (read
 * under its own lock), and no new pin can be taken once it is
 * unregistered.  The pin that would be the last of an unregistered backend
 * with a last_unpin hook is not dropped by cs_backend_unpin(): the hook is
 * called instead, and drops it with cs_backend_drop_pin() under the owner's
 * lock -- so that exactly one party, holding that lock, sees the count reach
 * 0 and frees. */
cs_backend *cs_backend_pin(int id);
void cs_backend_unpin(cs_backend *backend);
void cs_backend_drop_pin(cs_backend *backend);
int cs_backend_pins(cs_backend *backend);

#endif /* CS_REGISTRY_H */
