/*
 * cs_shim.h - the shim's contract: everything Python may call.
 *
 * Layers:   Python handle classes (clusapi_py/_handles.py)
 *             -> thin bindings (clusapi_py/_bindings.py: validate, call, raise)
 *             -> this API (cs_shim.c: tokens, in-flight counting, loops in C)
 *             -> a backend's table of PCLUSAPI_* pointers (cs_backend.h)
 *             -> clusapi.dll (cs_dll.c) or the simulator (cs_sim.c).
 *
 * Ownership.  Python never holds a raw HCLUSTER/HGROUP/...: it holds a
 * *token* (cs_htable.h) naming a shim slot that owns the raw handle, its
 * backend and, for an object handle, a reference to its cluster's slot.
 *   - Every call below that takes a token first acquires the slot (a
 *     closed, stale or forged token fails with CS_ERROR_HANDLE_CLOSED and
 *     no backend call), and releases it when the call returns.
 *   - cs_close() marks the slot closed at once (no new call can start) and
 *     drops the owner's reference; the real Close* runs when the last
 *     reference goes -- right away, or when the last in-flight call on
 *     another thread returns.  It runs exactly once.
 *   - An object handle holds a reference to its cluster slot, so the real
 *     CloseCluster (which would invalidate the object's handle) runs only
 *     after the last object handle from that cluster is closed.
 *   - cs_detach() gives up ownership: the raw handle is returned and never
 *     closed by the shim.
 *
 * Errors.  Functions return a Win32 code (0 = success) or, where they
 * return a token / state, a failure marker; either way the code and the
 * clusapi function that failed are kept per thread for cs_last_error() and
 * cs_last_function().  The code is the one captured right after the failing
 * call, before any cleanup call can change the thread's last error.
 *
 * Strings are UTF-16 (cs_char is 16-bit everywhere).  Results of variable
 * size come back as a cs_result the caller frees with cs_result_free().
 * Every function may be called from any thread; none holds the GIL (cffi
 * releases it around each call).
 */
#ifndef CS_SHIM_H
#define CS_SHIM_H

#include "core/cs_backend.h"

typedef WCHAR cs_char;

/* Backends register here; ids are never reused.  The system backend
 * (clusapi.dll) is always id 1. */
int cs_register_backend(cs_backend *backend);
void cs_unregister_backend(int id);
cs_backend *cs_backend_by_id(int id);

/* System backend (cs_dll.c): loads clusapi.dll on first use.  Returns 0,
 * or ERROR_MOD_NOT_FOUND when the DLL cannot be loaded (always, off
 * Windows). */
uint32_t cs_dll_load(cs_backend *system_backend);

/* CDEF-BEGIN: the declarations below are also the cffi cdef (build_clusapi.py) */
#define CS_ERROR_HANDLE_CLOSED 0x20000001   /* customer bit set: not a Win32 code */
#define CS_STATE_FAILED -2147483647          /* a state call failed: see cs_last_error() */
#define CS_SYSTEM_BACKEND 1

/* Object kinds (the simulator counts its handles by these too). */
#define CS_KIND_CLUSTER 0
#define CS_KIND_NODE 1
#define CS_KIND_GROUP 2
#define CS_KIND_RESOURCE 3
#define CS_KIND_NETWORK 4
#define CS_KIND_NETINTERFACE 5
#define CS_KIND_ENUM 6
#define CS_KIND_COUNT 7

typedef struct cs_result {
    cs_char *text;          /* fields separated by NUL, see each function */
    size_t text_len;        /* in cs_char, without the final NUL */
    int64_t *ints;
    size_t n_ints;
} cs_result;

void cs_result_free(cs_result *result);

/* The calling thread's last failure: its Win32 code and the name of the
 * clusapi function that failed ("" when the shim itself refused). */
uint32_t cs_last_error(void);
const char *cs_last_function(void);
/* Both at once (*code, and the function's name as the result), so the pair
 * is never torn by another failing call in between. */
const char *cs_last_failure(uint32_t *code);

/* Names and round-trip flags of the functions a backend table holds. */
int cs_function_count(void);
const char *cs_function_name(int function_id);
int cs_function_id(const char *name);
int cs_function_is_rpc(int function_id);
/* Whether the backend has that export (loading clusapi.dll if needed):
 * 1 yes, 0 no (or the DLL is missing), -1 no such backend. */
int cs_backend_has(int backend, int function_id);

/* ---- handles --------------------------------------------------------------- */
/* Opens a cluster: name NULL = the local cluster (LPC), else by name (RPC).
 * OpenClusterEx when the backend has it; without it, access GENERIC_ALL
 * uses OpenCluster (documented as the same) and any other access fails
 * with ERROR_PROC_NOT_FOUND naming OpenClusterEx.  Returns a token, or 0. */
uint64_t cs_open_cluster(int backend, const cs_char *name, uint32_t access);

/* Opens a node / group / resource / network / net interface of a cluster
 * by name (Open*Ex, with the same fallback).  Returns a token, or 0. */
uint64_t cs_open_object(uint64_t cluster, int kind, const cs_char *name, uint32_t access);

/* 0 when this call closed it; CS_ERROR_HANDLE_CLOSED when it was not open
 * (not recorded as the thread's last failure: closing twice is not one). */
uint32_t cs_close(uint64_t token);
/* Gives up ownership: *raw receives the raw handle value, which the shim
 * will never close.  A cluster with object handles still open cannot be
 * detached (ERROR_INVALID_PARAMETER): closing it would invalidate them. */
uint32_t cs_detach(uint64_t token, uint64_t *raw);
/* Kind, backend id and granted access of an open token. */
uint32_t cs_handle_info(uint64_t token, int *kind, int *backend, uint32_t *granted);
/* Tokens handed out and not yet finished, all kinds (a closed cluster
 * still waiting for its objects counts until its real close). */
int cs_open_token_count(void);
/* Closes every open token (interpreter exit). */
void cs_close_all(void);

/* ---- reading ----------------------------------------------------------------- */
/* text: name, vendor id, CSD version; ints: major, minor, build,
 * highest version, lowest version, flags. */
uint32_t cs_cluster_info(uint64_t cluster, cs_result **out);
/* Every name of one enumeration, in the backend's order (text: names).
 * On a cluster token `type` is a CLUSTER_ENUM_* value; on a node / group /
 * resource / network token it is that object's enum type
 * (CLUSTER_NODE_ENUM_*, CLUSTER_GROUP_ENUM_*, ...). */
uint32_t cs_list(uint64_t token, uint32_t type, cs_result **out);
/* State of a node / group / resource / network / net interface; returns
 * CS_STATE_FAILED on failure (the Unknown value with an error set counts
 * as failure). */
int cs_state(uint64_t token);
/* Group: ints state; text owner node.  Resource: ints state; text owner
 * node, group.  One Get*State call each. */
uint32_t cs_status(uint64_t token, cs_result **out);
/* The same without allocating a result, for the monitoring hot path: the
 * owner node goes to buf[0 ..] and, for a resource, the group to
 * buf[field_capacity ..] (buf holds 2 * field_capacity characters), each
 * NUL-terminated.  Returns the state, CS_STATE_FAILED on failure, or
 * CS_STATUS_TOO_LONG when a name does not fit (use cs_status then).  The
 * buffer is the caller's, so nothing else on the thread (a signal handler,
 * a finalizer) can change it between the call and its reading. */
#define CS_STATUS_TOO_LONG -2147483646
int cs_status_into(uint64_t token, cs_char *buf, uint32_t field_capacity);
/* The object's id (text): node, network (Get*Id), group, resource
 * (CLUSCTL_*_GET_ID). */
uint32_t cs_object_id(uint64_t token, cs_result **out);
/* text: resource name, device name; ints: max log size. */
uint32_t cs_quorum(uint64_t cluster, cs_result **out);
/* GetClusterNetInterface: text: the interface name. */
uint32_t cs_netinterface_name(uint64_t cluster, const cs_char *node, const cs_char *network,
                              cs_result **out);
/* The whole cluster in one call; layout in cs_shim.c above cs_snapshot(). */
uint32_t cs_snapshot(uint64_t cluster, cs_result **out);

/* ---- Windows ---------------------------------------------------------------- */
/* FormatMessageW's text for a code into buf (capacity in characters);
 * returns its length, 0 where there is none (always, off Windows). */
uint32_t cs_format_message(uint32_t code, cs_char *buf, uint32_t capacity);

/* ---- simulator control (cs_sim.h has the details) ---------------------------- */
uint32_t cs_sim_create(int *backend_id);
uint32_t cs_sim_release(int backend_id);
uint32_t cs_sim_set_cluster(int sim, const cs_char *name, const cs_char *aliases_multi_sz,
                            uint16_t major, uint16_t minor, uint16_t build, const cs_char *vendor_id,
                            const cs_char *csd_version, uint32_t highest, uint32_t lowest, uint32_t flags);
uint32_t cs_sim_set_quorum(int sim, const cs_char *resource, const cs_char *device, uint32_t max_log_size);
uint32_t cs_sim_add_resource_type(int sim, const cs_char *name);
uint32_t cs_sim_add_node(int sim, const cs_char *name, const cs_char *id, int state);
uint32_t cs_sim_add_network(int sim, const cs_char *name, const cs_char *id, int state);
uint32_t cs_sim_add_netinterface(int sim, const cs_char *name, const cs_char *id, const cs_char *node,
                                 const cs_char *network, int state);
uint32_t cs_sim_add_group(int sim, const cs_char *name, const cs_char *id, int state,
                          const cs_char *owner_node, const cs_char *preferred_owners_multi_sz);
uint32_t cs_sim_add_resource(int sim, const cs_char *name, const cs_char *id, const cs_char *type,
                             const cs_char *group, int state, const cs_char *dependencies_multi_sz,
                             const cs_char *possible_owners_multi_sz);
uint32_t cs_sim_delete(int sim, int kind, const cs_char *name);
uint32_t cs_sim_set_state(int sim, int kind, const cs_char *name, int state);
uint32_t cs_sim_move_group(int sim, const cs_char *group, const cs_char *node);
uint32_t cs_sim_delete_after(int sim, int function_id, uint32_t after_calls, int kind, const cs_char *name);
uint32_t cs_sim_fail(int sim, int function_id, uint32_t error, uint32_t count);
uint32_t cs_sim_hide(int sim, int function_id, int hidden);
uint32_t cs_sim_set_latency(int sim, double seconds);
double cs_sim_get_latency(int sim);
uint32_t cs_sim_set_rights(int sim, int rights);
int cs_sim_get_rights(int sim);
uint64_t cs_sim_calls(int sim, int function_id);
uint64_t cs_sim_round_trips(int sim, int function_id);
uint32_t cs_sim_reset_calls(int sim);
uint32_t cs_sim_open_handles(int sim, uint32_t *counts);
uint32_t cs_sim_get_last_error(void);
uint32_t cs_sim_bind_thread(int sim);
void cs_sim_total_open_handles(uint32_t *counts);

/* ---- benchmarks --------------------------------------------------------------- */
/* Address of the simulator's entry point for a function (for a ctypes
 * binding of the same simulator), 0 for a bad index. */
uintptr_t cs_sim_entry_address(int function_id);
/* The C floor: `iterations` cycles straight through a backend's table
 * (which 0: OpenClusterEx + CloseCluster; 1: OpenClusterEx +
 * OpenClusterGroupEx(group) + GetClusterGroupState + both closes).
 * Returns the seconds taken, or a negative value on failure. */
double cs_bench_floor(int backend, int which, const cs_char *group, uint32_t iterations);
/* CDEF-END */

#endif /* CS_SHIM_H */
