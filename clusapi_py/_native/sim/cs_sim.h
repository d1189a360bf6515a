/*
 * cs_sim.h - the simulated cluster: the same PCLUSAPI_* entry points as
 * clusapi.dll, over an in-memory cluster, plus the control API that tests
 * use to build and disturb it.
 *
 * The Win32 semantics it follows, as clusapi.dll documents them (this
 * header is their reference; tests/c checks them):
 *   - Open* return NULL and set the thread's last error (read it with
 *     cs_sim_get_last_error(), the simulator's GetLastError); state getters
 *     return the kind's Unknown value (-1) and set it; DWORD functions
 *     return the code.  Close* return TRUE, or FALSE + last error.
 *   - Every handle it hands out is a token (slot + generation) checked on
 *     each call: a closed, stale, forged or wrong-kind handle gets
 *     ERROR_INVALID_HANDLE, never a crash.
 *   - Name buffers (lpcch*: characters): input = capacity including the
 *     NUL; success = length without the NUL; too small = ERROR_MORE_DATA
 *     with the needed length without the NUL, nothing written.  A NULL
 *     buffer with capacity 0 is allowed to ask for the length.  A NULL
 *     count pointer where one is required = ERROR_INVALID_PARAMETER.
 *   - *EnumEx items (cbItem: bytes): the item struct followed by its
 *     strings in the caller's buffer; too small = ERROR_MORE_DATA with
 *     *cbItem = bytes needed; success sets *cbItem to the bytes used.
 *   - Access: OpenClusterEx/Open*Ex grant from the principal's rights
 *     ("all", "read", "none"): MAXIMUM_ALLOWED -> GENERIC_ALL / GENERIC_READ
 *     / denied; GENERIC_ALL by "read" -> ERROR_ACCESS_DENIED; GENERIC_READ by
 *     "read" or "all" -> GENERIC_READ; "none" -> ERROR_ACCESS_DENIED for
 *     everything.  OpenCluster (no Ex) asks GENERIC_ALL.  Access 0 or bits
 *     outside those three -> ERROR_INVALID_PARAMETER.
 *   - OpenCluster*(NULL) opens the local cluster (an LPC handle); a name
 *     must be the cluster's name, one of its aliases, or a node name
 *     (case-insensitive), and the node must not be down, else
 *     RPC_S_SERVER_UNAVAILABLE.
 *   - An enumeration is fetched whole when it is opened (one round trip);
 *     *Enum / *EnumEx read from that copy; index past the end =
 *     ERROR_NO_MORE_ITEMS.
 *   - CloseCluster closes every handle obtained from that cluster handle
 *     (they become invalid), as the documentation says.
 *   - An object deleted while a handle to it is open: calls through that
 *     handle fail with the kind's not-found code (5042, 5013, 5007, 5045,
 *     5047).
 *   - Thread-safe: one lock guards all simulated state; latency is slept
 *     with no lock held.
 *
 * The implementation: sim/cs_sim_int.h (its internal header) lists its
 * files, one concern each.
 */
#ifndef CS_SIM_H
#define CS_SIM_H

#include "api/cs_shim.h"

/* The object kinds are CS_KIND_* (cs_shim.h); CS_KIND_ENUM counts every
 * enumeration handle, plain or Ex. */

/* Rights of the simulated caller: enum cs_sim_rights (api/cs_sim_control.h). */

/*
 * The control API is declared in cs_shim.h (Python calls it through cffi);
 * what each function does:
 *
 * cs_sim_create(&id): a new, empty simulated cluster (no name, no nodes);
 *   its backend is registered with the shim and its id returned.  Ids are
 *   reused: once a simulator is released its id may be handed to the next
 *   one created, and a thread still bound to it (cs_sim_bind_thread) then
 *   opens that one.  The shim binds right before each open, so its callers
 *   never meet a stale binding.
 * cs_sim_release(id): the owner lets go; the simulator is freed once no
 *   handle to it is open.  It must not race with a call that is opening a
 *   cluster on that simulator (the shim holds no reference on a backend
 *   between looking it up and opening): the Python SimulatedCluster is
 *   alive for the whole of an open_cluster() on it, which guarantees that.
 *
 * Building the topology: cs_sim_set_cluster, cs_sim_set_quorum,
 *   cs_sim_add_resource_type, cs_sim_add_node, cs_sim_add_network,
 *   cs_sim_add_netinterface, cs_sim_add_group (owner_node NULL or empty:
 *   no owner), cs_sim_add_resource.  ERROR_INVALID_PARAMETER for a
 *   NULL/empty name or a bad state, ERROR_ALREADY_EXISTS (183) for a
 *   duplicate name (case-insensitive, per kind), the not-found code of the
 *   kind for a reference to a missing node / group / network;
 *   cs_sim_add_resource: ERROR_RESOURCE_TYPE_NOT_FOUND (1813) for a type the
 *   cluster does not list (as CreateClusterResource; add the type first).  `multi_sz`
 *   arguments are NUL-separated lists ending with an empty string (two
 *   NULs), or NULL for an empty list.
 *
 * cs_sim_delete(sim, kind, name): deletes a node, group, resource, network
 *   or net interface.  A group takes its resources with it; a node takes
 *   its net interfaces and its groups move to the first remaining node (or
 *   lose their owner); a network takes its net interfaces.  References in
 *   preferred / possible owner and dependency lists are dropped.  Not
 *   found -> the kind's code.  The quorum resource, and a group holding it,
 *   are core resources: ERROR_CORE_RESOURCE (5026), nothing deleted (as
 *   ApiDeleteResource / ApiDeleteGroup refuse a core resource).
 * cs_sim_set_state(sim, kind, name, state): state must be one of the kind's
 *   documented values, else ERROR_INVALID_PARAMETER.
 * cs_sim_move_group(sim, group, node).
 * cs_sim_delete_after(sim, function_id, after_calls, kind, name): after
 *   `after_calls` more calls of that function on this simulator have
 *   completed, the object is deleted (as cs_sim_delete): a test can delete
 *   an object in the middle of a walk.
 *
 * cs_sim_fail(sim, function_id, error, count): the next `count` calls of
 *   that function fail with `error` (after the call is counted and its
 *   latency spent; nothing else happens, except that a failing Close*
 *   still frees its handle, as the real DLL frees its local state whatever
 *   the server answers).  count 0 clears it.
 * cs_sim_hide(sim, function_id, hidden): the export is missing (its table
 *   entry becomes NULL) while hidden != 0.
 * cs_sim_set_latency / get: seconds slept per round trip (>= 0, finite).
 * cs_sim_set_rights / get: enum cs_sim_rights.
 *
 * cs_sim_calls(sim, function_id): calls made to this simulator's entry
 *   points, of one function or of all (function_id -1).
 *   cs_sim_round_trips: the same, counting only functions that are RPCs in
 *   the real DLL (cs_function_is_rpc).  cs_sim_reset_calls zeroes both.
 * cs_sim_open_handles(sim, counts[CS_KIND_COUNT]): handles handed out and
 *   not yet closed, by kind.
 * cs_sim_get_last_error(): the thread's last error (GetLastError for the
 *   simulator).
 * cs_sim_bind_thread(sim): makes `sim` the cluster that this thread's
 *   OpenCluster / OpenClusterEx calls open (direct callers: the ctypes
 *   benchmark, C tests; the shim binds before each open itself).
 * cs_sim_total_open_handles(counts): all simulators together (the leak
 *   check printed at exit when CLUSAPI_PY_SIM_LEAKCHECK=1).
 *
 * The action calls (Online/Offline/Move/Fail/Restart/Cancel) and their
 * knobs: sim/cs_sim_actions.c says what they do.  cs_sim_set_action_seconds
 *   / get: how long a pending phase lasts (default 0.05 s);
 *   cs_sim_set_manual_clock / get: time moves only through cs_sim_advance
 *   (ERROR_INVALID_STATE without the manual clock); cs_sim_set_resource_outcome:
 *   succeed (0), fail (1) or hang (2), on every node or on one.  The *Ex2
 *   exports are hidden when an instance is created (cs_sim_hide shows them).
 */

/* The backend of a simulator id, or NULL (used by the shim). */
cs_backend *cs_sim_backend(int backend_id);

/* The simulator's entry point for a function, or NULL for a bad index. */
cs_any_fn cs_sim_entry_point(int function_id);

/* Beyond the backend table, for the simulated clusapi.dll
 * (sim/cs_sim_surface.c): local calls, no latency, faults or counting.
 * cs_sim_surface_enum_count: the items of an open enumeration of the
 *   family that open_fn (CS_FN_Cluster*OpenEnum*) opens: 0, or
 *   ERROR_INVALID_HANDLE (closed, forged, other family),
 *   ERROR_INVALID_PARAMETER (no such family, count NULL).
 * cs_sim_surface_node_cluster_state: GetNodeClusterState on sim_id's
 *   cluster: NULL = the local node (the first one); a node that is down:
 *   NOT_RUNNING, any other state: RUNNING; a cluster with no node:
 *   NOT_CONFIGURED; a name that is no node of it: RPC_S_SERVER_UNAVAILABLE. */
#define CS_NODE_CLUSTER_STATE_NOT_CONFIGURED 0x1u
#define CS_NODE_CLUSTER_STATE_NOT_RUNNING 0x3u
#define CS_NODE_CLUSTER_STATE_RUNNING 0x13u
DWORD cs_sim_surface_enum_count(uint64_t token, int open_fn, DWORD *count);
DWORD cs_sim_surface_node_cluster_state(int sim_id, LPCWSTR node_name, DWORD *state);
/* Resource types (sim/cs_sim_types.c), the cluster's types (case-insensitive):
 * ClusterResourceTypeOpenEnum on tokens (what: 1 the nodes that can host
 *   it -- every node --, 2 its resources; 0 or other bits
 *   ERROR_INVALID_PARAMETER); cs_sim_surface_enum_read / _close / _count
 *   with CS_SIM_RESTYPE_ENUM read (the *Enum name-buffer protocol,
 *   ERROR_NO_MORE_ITEMS past the end), close and count one;
 * ClusterResourceTypeControl: GET_COMMON / RO_COMMON / PRIVATE / RO_PRIVATE
 *   _PROPERTIES (0x02000059 / 55 / 81 / 7D) as property lists, the
 *   Cluster*Control buffer protocol; another code ERROR_INVALID_FUNCTION.
 * A type the cluster does not have: ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
 *   (5078); a NULL or empty name: ERROR_INVALID_PARAMETER. */
#define CS_SIM_RESTYPE_ENUM (-2)
/* ClusterNetInterfaceOpenEnum: the net interfaces of a node (NULL: any) on a
 * network (NULL: any), in order; an unknown node ERROR_CLUSTER_NODE_NOT_FOUND,
 * an unknown network ERROR_CLUSTER_NETWORK_NOT_FOUND; read, closed and
 * counted with CS_SIM_NETIF_ENUM (item type 0).  Another family's handle:
 * ERROR_INVALID_HANDLE; another family id: ERROR_INVALID_PARAMETER. */
#define CS_SIM_NETIF_ENUM (-3)
DWORD cs_sim_surface_netif_open_enum(uint64_t cluster, LPCWSTR node, LPCWSTR network, uint64_t *token);
DWORD cs_sim_surface_enum_read(uint64_t token, int open_fn, DWORD index, LPDWORD type, LPWSTR name, LPDWORD cch);
DWORD cs_sim_surface_enum_close(uint64_t token, int open_fn);
DWORD cs_sim_surface_restype_open_enum(uint64_t cluster, LPCWSTR type_name, DWORD what, uint64_t *token);
DWORD cs_sim_surface_restype_control(uint64_t cluster, LPCWSTR type_name, HNODE host, DWORD code, LPVOID out,
                                     DWORD cb_out, LPDWORD bytes_returned);

/* The cluster registry, read side (sim/cs_sim_registry.c): keys, values and
 * read batches on tokens, for GetCluster*Key / ClusterReg* of the simulated
 * clusapi.dll.  The database is laid out as a cluster's:
 *   root (GetClusterKey)   the cluster's common properties as values;
 *                          subkeys Groups, NetworkInterfaces, Networks,
 *                          Nodes, Parameters (its private properties),
 *                          Resources, ResourceTypes
 *   Groups\<id>, Resources\<id>, Nodes\<id>, Networks\<id>,
 *   NetworkInterfaces\<id>   one key per object, named by its ID; values:
 *                          its common properties (read-write, then
 *                          read-only), subkey Parameters: its private ones
 *   ResourceTypes\<name>   likewise for each resource type
 * Values are read from the property engine at each call (a property set
 * shows up at once), typed by format: DWORD / LONG REG_DWORD, SZ REG_SZ,
 * EXPAND_SZ REG_EXPAND_SZ, MULTI_SZ REG_MULTI_SZ, (U)LARGE_INTEGER
 * REG_QWORD, others REG_BINARY.  Subkeys enumerate in the order a registry
 * keeps them (case-insensitive name order), values in the property lists'
 * order.  Names are case-insensitive.  Codes: a closed / forged / other
 * kind of handle ERROR_INVALID_HANDLE; a missing value or key
 * ERROR_FILE_NOT_FOUND; past the end ERROR_NO_MORE_ITEMS; a short buffer
 * ERROR_MORE_DATA with the size needed (names: characters without the
 * NUL; data: bytes); a key whose object was deleted ERROR_KEY_DELETED
 * (1018) for every read.  Key, batch and reply handles count as
 * CS_KIND_ENUM in cs_sim_open_handles and belong to the cluster handle
 * (CloseCluster closes them).  Writes: cs_sim_surface_reg_write says
 * ERROR_ACCESS_DENIED for any valid key (the database is read-only).
 *
 * cs_sim_surface_reg_key: the key of the object behind a handle of `kind`
 *   (CS_KIND_CLUSTER: the root); a deleted object: the kind's not-found code.
 * cs_sim_surface_reg_type_key: a resource type's key (GetClusterResourceTypeKey).
 * cs_sim_surface_reg_open: a subkey path (components separated by '\\';
 *   NULL or "": the same key again).
 * The batch: _batch opens one on a key, _batch_add queues a (subkey, value)
 *   read, _batch_run runs them all and closes the batch (whatever happens)
 *   giving a reply, _reply_next hands out its results in order (pointers
 *   valid until _reply_close), then ERROR_NO_MORE_ITEMS. */
#define CS_SIM_REG_READ_VALUE 8u        /* CLUSREG_READ_VALUE: options = the value's type */
#define CS_SIM_REG_READ_ERROR 9u        /* CLUSREG_READ_ERROR: options = the error */
typedef struct cs_sim_reg_read {
    DWORD command;
    DWORD options;
    const WCHAR *subkey, *value;
    const BYTE *data;
    DWORD cb;
} cs_sim_reg_read;
DWORD cs_sim_surface_reg_key(uint64_t object, int kind, uint64_t *key);
DWORD cs_sim_surface_reg_type_key(uint64_t cluster, LPCWSTR type_name, uint64_t *key);
DWORD cs_sim_surface_reg_open(uint64_t key, LPCWSTR path, uint64_t *out);
DWORD cs_sim_surface_reg_close(uint64_t key);
DWORD cs_sim_surface_reg_value(uint64_t key, LPCWSTR name, LPDWORD type, BYTE *data, LPDWORD cb);
DWORD cs_sim_surface_reg_enum_key(uint64_t key, DWORD index, LPWSTR name, LPDWORD cch, uint64_t *written);
DWORD cs_sim_surface_reg_enum_value(uint64_t key, DWORD index, LPWSTR name, LPDWORD cch, LPDWORD type, BYTE *data,
                                    LPDWORD cb);
/* ClusterRegQueryInfoKey: each pointer optional; lengths without the NUL. */
DWORD cs_sim_surface_reg_info(uint64_t key, LPDWORD subkeys, LPDWORD max_subkey, LPDWORD values,
                              LPDWORD max_value_name, LPDWORD max_value, uint64_t *written);
DWORD cs_sim_surface_reg_write(uint64_t key);
DWORD cs_sim_surface_reg_batch(uint64_t key, uint64_t *batch);
DWORD cs_sim_surface_reg_batch_add(uint64_t batch, LPCWSTR subkey, LPCWSTR value);
DWORD cs_sim_surface_reg_batch_run(uint64_t batch, uint64_t *reply);
DWORD cs_sim_surface_reg_reply_next(uint64_t reply, cs_sim_reg_read *out);
DWORD cs_sim_surface_reg_reply_close(uint64_t reply);
/* Creating and deleting (sim/cs_sim_create.c), for the simulated
 * clusapi.dll's CreateClusterGroup, DeleteClusterGroup, DestroyClusterGroup,
 * CreateClusterResource, DeleteClusterResource.  Each is one call
 * (sim_begin .. sim_end) outside the backend table: not counted, no
 * latency or injected faults; a closed / forged / wrong-kind handle is
 * ERROR_INVALID_HANDLE, a handle without full access ERROR_ACCESS_DENIED
 * (MS-CMRP: "All"), a handle whose object was deleted its kind's
 * not-found code.  Every change posts the events a cluster posts
 * (sim_changed): GROUP_ADDED / RESOURCE_ADDED (v1 and v2), state changes,
 * RESOURCE_DELETED / GROUP_DELETED.  A created object's handle has full
 * access, counts in cs_sim_open_handles and is closed by the caller
 * (Close*); deleting never closes a handle (later calls through it get the
 * not-found code).
 *
 * cs_sim_surface_create_group: a new, empty group, Offline, with a new
 *   GUID-form id, owned by the node the call is served on (MS-CMRP
 *   ApiCreateGroup) -- here the first node that is Up (none Up: no owner);
 *   its handle's token in *token.  NULL or empty name: 87; a name equal to
 *   another group's name or id (case-insensitive):
 *   ERROR_OBJECT_ALREADY_EXISTS (5010, MS-CMRP).
 * cs_sim_surface_delete_group(group, destroy 0): DeleteClusterGroup: a
 *   group with resources ERROR_DIR_NOT_EMPTY (145, MS-CMRP); the quorum's
 *   group ERROR_CORE_RESOURCE (5026, MS-CMRP); inferred: an empty group
 *   that is not Offline or Failed ERROR_INVALID_STATE (5023).
 *   destroy 1: DestroyClusterGroup: any group but the quorum's, a move
 *   under way or not (the move ends): its resources go Offline at once
 *   (dependents first, each with its state event), are deleted, then the
 *   group (MS-CMRP ApiDeleteGroup, force).
 * cs_sim_surface_create_resource: a new resource of a type the cluster
 *   has (as the cluster spells it), Offline, at the end of the group's
 *   list, possible owners every node, a new GUID-form id;
 *   flags 0 or CLUSTER_RESOURCE_SEPARATE_MONITOR (1: its SeparateMonitor
 *   property is 1), other bits 87; NULL or empty name or type 87; inferred:
 *   an unknown type ERROR_RESOURCE_TYPE_NOT_FOUND (1813), a name
 *   equal to another resource's name or id ERROR_OBJECT_ALREADY_EXISTS
 *   (5010).  The group's state is derived again (an Online group gains an
 *   Offline resource: PartialOnline).
 * cs_sim_surface_delete_resource: only an Offline or Failed resource with
 *   no action under way, else ERROR_INVALID_STATE (5023, as Server 2012 and
 *   later; 2008 R2 gave 5019); inferred: a resource another depends on
 *   ERROR_DEPENDENT_RESOURCE_EXISTS (5001); the quorum resource
 *   ERROR_CORE_RESOURCE (MS-CMRP).  It leaves its providers' dependent
 *   lists (it has no dependents); its group's state is derived again. */
DWORD cs_sim_surface_create_group(uint64_t cluster, LPCWSTR name, uint64_t *token);
DWORD cs_sim_surface_delete_group(uint64_t group, int destroy);
DWORD cs_sim_surface_create_resource(uint64_t group, LPCWSTR name, LPCWSTR type, DWORD flags, uint64_t *token);
DWORD cs_sim_surface_delete_resource(uint64_t resource);

#endif /* CS_SIM_H */
