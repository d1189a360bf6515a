/*
 * api/cs_shim.h - the shim's whole contract in one include: everything
 * Python may call (the api/ headers, one per concern) and what the
 * simulator and the DLL backend build on (core/, dll/).
 *
 * Layers:   Python handle classes
 *             -> thin bindings (clusapi_py/_bindings.py: validate, call, raise)
 *             -> the api/ functions (shim/: tokens, in-flight counting, loops in C)
 *             -> a backend's table of PCLUSAPI_* pointers (core/cs_backend.h)
 *             -> clusapi.dll (dll/cs_dll.c) or the simulator (sim/cs_sim_entry.c).
 *
 * The cffi cdef is the CDEF-BEGIN / CDEF-END block of each api/ header,
 * concatenated in the order build_clusapi.py lists them; this umbrella has
 * no block of its own.  Every function may be called from any thread; none
 * holds the GIL (cffi releases it around each call).
 */
#ifndef CS_SHIM_H
#define CS_SHIM_H

#include "api/cs_types.h"
#include "api/cs_constants.h"
#include "api/cs_kinds.h"
#include "api/cs_build.h"
#include "api/cs_errors.h"
#include "api/cs_backends.h"
#include "api/cs_handles.h"
#include "api/cs_reads.h"
#include "api/cs_snapshot.h"
#include "api/cs_notify.h"
#include "api/cs_control.h"
#include "api/cs_limits.h"
#include "api/cs_actions.h"
#include "api/cs_config.h"
#include "api/cs_sim_control.h"
#include "api/cs_bench.h"
#include "api/cs_testing.h"

#include "core/cs_backend.h"
#include "core/cs_registry.h"
#include "core/cs_htable.h"
#include "dll/cs_dll.h"

#endif /* CS_SHIM_H */
