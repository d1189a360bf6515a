"""Types of the compiled extension clusapi_py._clusapi (cffi, out-of-line API mode).

GENERATED from the built extension by `python build_clusapi.py --write-stub`: do not edit by
hand (tests/unit/test_typing.py fails when this file and the api/ headers' cdef disagree).
What each function does is in its header, clusapi_py/_native/api/.  Only clusapi_py._bindings
imports the extension; these types end at the package's own modules and never reach its public
signatures.
"""
from typing import Any, Generic, Literal, Sequence, TypeVar, overload

_T = TypeVar("_T")

class CType(Generic[_T]):
    """A C type (ffi.typeof); _T is what indexing an object of that type gives."""

    cname: str

class Pointer(Generic[_T]):
    """A cffi pointer or array whose items read as _T (str for cs_char, bytes for char, int)."""

    def __getitem__(self, index: int, /) -> _T: ...
    def __setitem__(self, index: int, value: _T, /) -> None: ...
    def __add__(self, offset: int, /) -> Pointer[_T]: ...

class Result:
    """A `cs_result *` (api/cs_types.h): the struct's fields, read through the pointer."""

    text: Pointer[str]
    text_len: int
    ints: Pointer[int]
    n_ints: int
    bytes: Pointer[int]
    n_bytes: int

class Buffer:
    """ffi.buffer(): raw bytes; a slice copies them out."""

    def __getitem__(self, index: slice, /) -> bytes: ...
    def __len__(self) -> int: ...

class FFI:
    NULL: Pointer[Any]
    @overload
    def new(self, cdecl: Literal["int *", "int32_t *", "uint32_t *", "uint64_t *", "size_t *"], /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["uint32_t[]", "uint8_t[]"], init: int, /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["int64_t[]", "uint64_t[]"], init: Sequence[int], /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["cs_char[]"], init: int | str, /) -> Pointer[str]: ...
    @overload
    def new(self, cdecl: Literal["cs_result **"], /) -> Pointer[Result]: ...
    @overload
    def new(self, cdecl: CType[_T], /) -> Pointer[_T]: ...
    def typeof(self, cdecl: str, /) -> CType[Any]: ...
    @overload
    def string(self, cdata: Pointer[bytes], maxlen: int = ..., /) -> bytes: ...
    @overload
    def string(self, cdata: Pointer[str], maxlen: int = ..., /) -> str: ...
    @overload
    def unpack(self, cdata: Pointer[str], length: int, /) -> str: ...
    @overload
    def unpack(self, cdata: Pointer[int], length: int, /) -> list[int]: ...
    def buffer(self, cdata: Pointer[int], size: int, /) -> Buffer: ...

class Lib:
    """The cdef's functions (one method each, arguments positional) and named constants."""

    CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR: int
    CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES: int
    CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTIES: int
    CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES: int
    CLUSCTL_CLUSTER_GET_RO_PRIVATE_PROPERTIES: int
    CLUSCTL_GROUP_GET_COMMON_PROPERTIES: int
    CLUSCTL_GROUP_GET_FAILURE_INFO: int
    CLUSCTL_GROUP_GET_ID: int
    CLUSCTL_GROUP_GET_LAST_MOVE_TIME: int
    CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES: int
    CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES: int
    CLUSCTL_GROUP_GET_RO_PRIVATE_PROPERTIES: int
    CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES: int
    CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES: int
    CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES: int
    CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES: int
    CLUSCTL_NETWORK_GET_COMMON_PROPERTIES: int
    CLUSCTL_NETWORK_GET_PRIVATE_PROPERTIES: int
    CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES: int
    CLUSCTL_NETWORK_GET_RO_PRIVATE_PROPERTIES: int
    CLUSCTL_NODE_GET_COMMON_PROPERTIES: int
    CLUSCTL_NODE_GET_PRIVATE_PROPERTIES: int
    CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES: int
    CLUSCTL_NODE_GET_RO_PRIVATE_PROPERTIES: int
    CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES: int
    CLUSCTL_RESOURCE_GET_FAILURE_INFO: int
    CLUSCTL_RESOURCE_GET_ID: int
    CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES: int
    CLUSCTL_RESOURCE_GET_RESOURCE_TYPE: int
    CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES: int
    CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES: int
    CLUSCTL_RESOURCE_GET_STATE_CHANGE_TIME: int
    CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX: int
    CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO: int
    CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES: int
    CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2: int
    CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2: int
    CLUSTER_CHANGE_CLUSTER_LOST_NOTIFICATIONS_V2: int
    CLUSTER_CHANGE_CLUSTER_MEMBERSHIP_V2: int
    CLUSTER_CHANGE_CLUSTER_NETWORK_ADDED_V2: int
    CLUSTER_CHANGE_CLUSTER_NODE_ADDED_V2: int
    CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2: int
    CLUSTER_CHANGE_CLUSTER_PROPERTY: int
    CLUSTER_CHANGE_CLUSTER_RECONNECT: int
    CLUSTER_CHANGE_CLUSTER_RECONNECT_V2: int
    CLUSTER_CHANGE_CLUSTER_RENAME_V2: int
    CLUSTER_CHANGE_CLUSTER_RESOURCE_TYPE_ADDED_V2: int
    CLUSTER_CHANGE_CLUSTER_STATE: int
    CLUSTER_CHANGE_CLUSTER_STATE_V2: int
    CLUSTER_CHANGE_GROUP_ADDED: int
    CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2: int
    CLUSTER_CHANGE_GROUP_DELETED: int
    CLUSTER_CHANGE_GROUP_DELETED_V2: int
    CLUSTER_CHANGE_GROUP_OWNER_NODE_V2: int
    CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2: int
    CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2: int
    CLUSTER_CHANGE_GROUP_PROPERTY: int
    CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2: int
    CLUSTER_CHANGE_GROUP_STATE: int
    CLUSTER_CHANGE_GROUP_STATE_V2: int
    CLUSTER_CHANGE_NETINTERFACE_ADDED: int
    CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2: int
    CLUSTER_CHANGE_NETINTERFACE_DELETED: int
    CLUSTER_CHANGE_NETINTERFACE_DELETED_V2: int
    CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2: int
    CLUSTER_CHANGE_NETINTERFACE_PROPERTY: int
    CLUSTER_CHANGE_NETINTERFACE_STATE: int
    CLUSTER_CHANGE_NETINTERFACE_STATE_V2: int
    CLUSTER_CHANGE_NETWORK_ADDED: int
    CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2: int
    CLUSTER_CHANGE_NETWORK_DELETED: int
    CLUSTER_CHANGE_NETWORK_DELETED_V2: int
    CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2: int
    CLUSTER_CHANGE_NETWORK_PROPERTY: int
    CLUSTER_CHANGE_NETWORK_STATE: int
    CLUSTER_CHANGE_NETWORK_STATE_V2: int
    CLUSTER_CHANGE_NODE_ADDED: int
    CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2: int
    CLUSTER_CHANGE_NODE_DELETED: int
    CLUSTER_CHANGE_NODE_DELETED_V2: int
    CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2: int
    CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2: int
    CLUSTER_CHANGE_NODE_PROPERTY: int
    CLUSTER_CHANGE_NODE_STATE: int
    CLUSTER_CHANGE_NODE_STATE_V2: int
    CLUSTER_CHANGE_QUORUM_STATE: int
    CLUSTER_CHANGE_QUORUM_STATE_V2: int
    CLUSTER_CHANGE_RESOURCE_ADDED: int
    CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2: int
    CLUSTER_CHANGE_RESOURCE_DELETED: int
    CLUSTER_CHANGE_RESOURCE_DELETED_V2: int
    CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2: int
    CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2: int
    CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2: int
    CLUSTER_CHANGE_RESOURCE_PROPERTY: int
    CLUSTER_CHANGE_RESOURCE_STATE: int
    CLUSTER_CHANGE_RESOURCE_STATE_V2: int
    CLUSTER_CHANGE_SHARED_VOLUME_ADDED_V2: int
    CLUSTER_CHANGE_SHARED_VOLUME_REMOVED_V2: int
    CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2: int
    CLUSTER_ENUM_GROUP: int
    CLUSTER_ENUM_NETINTERFACE: int
    CLUSTER_ENUM_NETWORK: int
    CLUSTER_ENUM_NODE: int
    CLUSTER_ENUM_RESOURCE: int
    CLUSTER_ENUM_RESTYPE: int
    CLUSTER_ENUM_SHARED_VOLUME_RESOURCE: int
    CLUSTER_GROUP_ENUM_CONTAINS: int
    CLUSTER_GROUP_ENUM_NODES: int
    CLUSTER_NETWORK_ENUM_NETINTERFACES: int
    CLUSTER_NODE_ENUM_GROUPS: int
    CLUSTER_NODE_ENUM_NETINTERFACES: int
    CLUSTER_OBJECT_TYPE_CLUSTER: int
    CLUSTER_OBJECT_TYPE_GROUP: int
    CLUSTER_OBJECT_TYPE_NETWORK: int
    CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE: int
    CLUSTER_OBJECT_TYPE_NODE: int
    CLUSTER_OBJECT_TYPE_QUORUM: int
    CLUSTER_OBJECT_TYPE_RESOURCE: int
    CLUSTER_OBJECT_TYPE_RESOURCE_TYPE: int
    CLUSTER_OBJECT_TYPE_SHARED_VOLUME: int
    CLUSTER_RESOURCE_ENUM_DEPENDS: int
    CLUSTER_RESOURCE_ENUM_NODES: int
    CLUSTER_RESOURCE_ENUM_PROVIDES: int
    CS_COND_CANCELLED: int
    CS_COND_CLOSED: int
    CS_COND_CLUSTER_CLOSED: int
    CS_COND_NONE: int
    CS_COND_STATE_VALUE: int
    CS_COND_TABLE_FULL: int
    CS_CONTROL_RETRIES: int
    CS_ERROR_HANDLE_CLOSED: int
    CS_EVENT_FIELDS: int
    CS_EVENT_INTS: int
    CS_KIND_CLUSTER: int
    CS_KIND_COUNT: int
    CS_KIND_ENUM: int
    CS_KIND_FIELD_CLUSCTL_OBJECT: int
    CS_KIND_FIELD_COMMON_PROPERTIES: int
    CS_KIND_FIELD_COUNT: int
    CS_KIND_FIELD_ENUM_TYPE: int
    CS_KIND_FIELD_GET_ID: int
    CS_KIND_FIELD_HAS_STATE: int
    CS_KIND_FIELD_NOT_FOUND: int
    CS_KIND_FIELD_PRIVATE_PROPERTIES: int
    CS_KIND_FIELD_RO_COMMON_PROPERTIES: int
    CS_KIND_FIELD_RO_PRIVATE_PROPERTIES: int
    CS_KIND_FIELD_STATE_MAX: int
    CS_KIND_FIELD_STATE_MIN: int
    CS_KIND_GROUP: int
    CS_KIND_NETINTERFACE: int
    CS_KIND_NETWORK: int
    CS_KIND_NODE: int
    CS_KIND_NOTIFY: int
    CS_KIND_RESOURCE: int
    CS_NOTIFY_FOREVER: int
    CS_RIGHTS_ALL: int
    CS_RIGHTS_NONE: int
    CS_RIGHTS_READ: int
    CS_SECTION_CLUSTER: int
    CS_SECTION_CLUSTER_PROPERTIES: int
    CS_SECTION_EVENTS: int
    CS_SECTION_GROUPS: int
    CS_SECTION_GROUP_PROPERTIES: int
    CS_SECTION_HEADER_INTS: int
    CS_SECTION_NETINTERFACES: int
    CS_SECTION_NETWORKS: int
    CS_SECTION_NETWORK_PROPERTIES: int
    CS_SECTION_NODES: int
    CS_SECTION_NODE_PROPERTIES: int
    CS_SECTION_QUORUM: int
    CS_SECTION_RESOURCES: int
    CS_SECTION_RESOURCE_PROPERTIES: int
    CS_SECTION_RESOURCE_TYPES: int
    CS_SNAPSHOT_FORMAT: int
    CS_SNAPSHOT_PROPERTIES: int
    CS_SNAPSHOT_SETTLED: int
    CS_STATE_FAILED: int
    CS_STATUS_TOO_LONG: int
    CS_SYSTEM_BACKEND: int
    ClusterGroupFailed: int
    ClusterGroupOffline: int
    ClusterGroupOnline: int
    ClusterGroupPartialOnline: int
    ClusterGroupPending: int
    ClusterGroupStateUnknown: int
    ClusterNetInterfaceFailed: int
    ClusterNetInterfaceStateUnknown: int
    ClusterNetInterfaceUnavailable: int
    ClusterNetInterfaceUnreachable: int
    ClusterNetInterfaceUp: int
    ClusterNetworkDown: int
    ClusterNetworkPartitioned: int
    ClusterNetworkStateUnknown: int
    ClusterNetworkUnavailable: int
    ClusterNetworkUp: int
    ClusterNodeDown: int
    ClusterNodeJoining: int
    ClusterNodePaused: int
    ClusterNodeStateUnknown: int
    ClusterNodeUp: int
    ClusterResourceFailed: int
    ClusterResourceInherited: int
    ClusterResourceInitializing: int
    ClusterResourceOffline: int
    ClusterResourceOfflinePending: int
    ClusterResourceOnline: int
    ClusterResourceOnlinePending: int
    ClusterResourcePending: int
    ClusterResourceStateUnknown: int
    EPT_S_NOT_REGISTERED: int
    ERROR_ACCESS_DENIED: int
    ERROR_ALREADY_EXISTS: int
    ERROR_BUSY: int
    ERROR_CIRCULAR_DEPENDENCY: int
    ERROR_CLUSTER_GROUP_BUSY: int
    ERROR_CLUSTER_GROUP_MOVING: int
    ERROR_CLUSTER_GROUP_QUEUED: int
    ERROR_CLUSTER_INVALID_REQUEST: int
    ERROR_CLUSTER_NETINTERFACE_NOT_FOUND: int
    ERROR_CLUSTER_NETWORK_NOT_FOUND: int
    ERROR_CLUSTER_NODE_DOWN: int
    ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS: int
    ERROR_CLUSTER_NODE_NOT_FOUND: int
    ERROR_CLUSTER_NODE_NOT_MEMBER: int
    ERROR_CLUSTER_NODE_NOT_PAUSED: int
    ERROR_CLUSTER_NODE_NOT_READY: int
    ERROR_CLUSTER_NODE_PAUSED: int
    ERROR_CLUSTER_NODE_SHUTTING_DOWN: int
    ERROR_CLUSTER_NODE_UNREACHABLE: int
    ERROR_CLUSTER_OLD_VERSION: int
    ERROR_CLUSTER_RESOURCE_LOCKED_STATUS: int
    ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND: int
    ERROR_DEPENDENCY_ALREADY_EXISTS: int
    ERROR_GEN_FAILURE: int
    ERROR_GROUP_NOT_AVAILABLE: int
    ERROR_GROUP_NOT_FOUND: int
    ERROR_HOST_NODE_NOT_AVAILABLE: int
    ERROR_INSUFFICIENT_BUFFER: int
    ERROR_INVALID_DATA: int
    ERROR_INVALID_FUNCTION: int
    ERROR_INVALID_HANDLE: int
    ERROR_INVALID_PARAMETER: int
    ERROR_INVALID_STATE: int
    ERROR_INVALID_TARGET_HANDLE: int
    ERROR_IO_PENDING: int
    ERROR_MOD_NOT_FOUND: int
    ERROR_MORE_DATA: int
    ERROR_NODE_CANT_HOST_RESOURCE: int
    ERROR_NODE_NOT_AVAILABLE: int
    ERROR_NOT_ENOUGH_MEMORY: int
    ERROR_NO_MORE_ITEMS: int
    ERROR_PROC_NOT_FOUND: int
    ERROR_RESOURCE_FAILED: int
    ERROR_RESOURCE_NOT_AVAILABLE: int
    ERROR_RESOURCE_NOT_FOUND: int
    ERROR_RESOURCE_NOT_ONLINE: int
    ERROR_RESOURCE_ONLINE: int
    ERROR_RESOURCE_PROPERTIES_STORED: int
    ERROR_RESOURCE_TYPE_NOT_FOUND: int
    ERROR_SERVICE_NOT_ACTIVE: int
    ERROR_SHUTDOWN_CLUSTER: int
    ERROR_TIMEOUT: int
    GENERIC_ALL: int
    GENERIC_READ: int
    MAXIMUM_ALLOWED: int
    RPC_S_CALL_FAILED: int
    RPC_S_CALL_FAILED_DNE: int
    RPC_S_PROCNUM_OUT_OF_RANGE: int
    RPC_S_SERVER_TOO_BUSY: int
    RPC_S_SERVER_UNAVAILABLE: int
    WAIT_TIMEOUT: int
    def cs_backend_has(self, a0: int, a1: int, /) -> int: ...
    def cs_backend_limit(self) -> int: ...
    def cs_bench_entry_address(self, a0: int, /) -> int: ...
    def cs_bench_floor(self, a0: int, a1: int, a2: str | Pointer[str], a3: int, /) -> float: ...
    def cs_bench_notify_floor(self, a0: int, a1: int, /) -> float: ...
    def cs_bench_walk_properties(self, a0: bytes | Pointer[int], a1: int, a2: int, a3: Pointer[int], /) -> float: ...
    def cs_build_version(self) -> Pointer[bytes]: ...
    def cs_close(self, a0: int, /) -> int: ...
    def cs_close_all(self) -> None: ...
    def cs_cluster_info(self, a0: int, a1: Pointer[Result], /) -> int: ...
    def cs_control(self, a0: int, a1: int, a2: Pointer[Result], /) -> int: ...
    def cs_control_in(self, a0: int, a1: int, a2: bytes | Pointer[int], a3: int, /) -> int: ...
    def cs_detach(self, a0: int, a1: Pointer[int], /) -> int: ...
    def cs_format_message(self, a0: int, a1: str | Pointer[str], a2: int, /) -> int: ...
    def cs_function_count(self) -> int: ...
    def cs_function_id(self, a0: bytes | Pointer[bytes], /) -> int: ...
    def cs_function_is_rpc(self, a0: int, /) -> int: ...
    def cs_function_name(self, a0: int, /) -> Pointer[bytes]: ...
    def cs_group_cancel(self, a0: int, /) -> int: ...
    def cs_group_move(self, a0: int, a1: int, a2: int, a3: bytes | Pointer[int], a4: int, a5: str | Pointer[str], /) -> int: ...
    def cs_group_offline(self, a0: int, a1: int, a2: bytes | Pointer[int], a3: int, a4: str | Pointer[str], /) -> int: ...
    def cs_group_online(self, a0: int, a1: int, a2: int, a3: bytes | Pointer[int], a4: int, a5: str | Pointer[str], /) -> int: ...
    def cs_group_set_preferred_owners(self, a0: int, a1: Pointer[int], a2: int, /) -> int: ...
    def cs_handle_info(self, a0: int, a1: Pointer[int], a2: Pointer[int], a3: Pointer[int], /) -> int: ...
    def cs_kind_info(self, a0: int, a1: int, a2: Pointer[int], /) -> int: ...
    def cs_kind_name(self, a0: int, /) -> Pointer[bytes]: ...
    def cs_kind_text(self, a0: int, /) -> Pointer[bytes]: ...
    def cs_last_error(self) -> int: ...
    def cs_last_failure(self, a0: Pointer[int], /) -> Pointer[bytes]: ...
    def cs_last_failure_ex(self, a0: Pointer[int], a1: Pointer[int], /) -> Pointer[bytes]: ...
    def cs_last_function(self) -> Pointer[bytes]: ...
    def cs_list(self, a0: int, a1: int, a2: Pointer[Result], /) -> int: ...
    def cs_list_limited(self, a0: int, a1: int, a2: float, a3: Pointer[int], a4: Pointer[Result], /) -> int: ...
    def cs_netinterface_name(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: Pointer[Result], /) -> int: ...
    def cs_node_pause(self, a0: int, a1: int, a2: int, a3: int, a4: str | Pointer[str], /) -> int: ...
    def cs_node_resume(self, a0: int, a1: int, a2: str | Pointer[str], /) -> int: ...
    def cs_notify_close(self, a0: int, /) -> int: ...
    def cs_notify_get(self, a0: int, a1: int, a2: Pointer[Result], /) -> int: ...
    def cs_notify_get_batch(self, a0: int, a1: int, a2: int, a3: Pointer[Result], /) -> int: ...
    def cs_notify_open(self, a0: int, a1: int, a2: Pointer[int], a3: int, a4: int, /) -> int: ...
    def cs_notify_pending(self, a0: int, a1: Pointer[int], a2: Pointer[int], a3: Pointer[int], /) -> int: ...
    def cs_notify_version(self, a0: int, /) -> int: ...
    def cs_object_id(self, a0: int, a1: Pointer[Result], /) -> int: ...
    def cs_open_cluster(self, a0: int, a1: str | Pointer[str], a2: int, /) -> int: ...
    def cs_open_object(self, a0: int, a1: int, a2: str | Pointer[str], a3: int, /) -> int: ...
    def cs_open_token_count(self) -> int: ...
    def cs_quorum(self, a0: int, a1: Pointer[Result], /) -> int: ...
    def cs_reclaim_pending(self) -> int: ...
    def cs_resource_dependency_expression(self, a0: int, a1: Pointer[Result], /) -> int: ...
    def cs_resource_fail(self, a0: int, /) -> int: ...
    def cs_resource_offline(self, a0: int, a1: int, a2: bytes | Pointer[int], a3: int, a4: str | Pointer[str], /) -> int: ...
    def cs_resource_online(self, a0: int, a1: int, a2: bytes | Pointer[int], a3: int, a4: str | Pointer[str], /) -> int: ...
    def cs_resource_restart(self, a0: int, /) -> int: ...
    def cs_resource_set_dependency_expression(self, a0: int, a1: str | Pointer[str], /) -> int: ...
    def cs_result_free(self, a0: Result, /) -> None: ...
    def cs_sim_add_group(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: int, a4: str | Pointer[str], a5: str | Pointer[str], /) -> int: ...
    def cs_sim_add_netinterface(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: str | Pointer[str], a4: str | Pointer[str], a5: int, /) -> int: ...
    def cs_sim_add_network(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: int, /) -> int: ...
    def cs_sim_add_node(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: int, /) -> int: ...
    def cs_sim_add_resource(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: str | Pointer[str], a4: str | Pointer[str], a5: int, a6: str | Pointer[str], a7: str | Pointer[str], /) -> int: ...
    def cs_sim_add_resource_type(self, a0: int, a1: str | Pointer[str], /) -> int: ...
    def cs_sim_advance(self, a0: int, a1: float, /) -> int: ...
    def cs_sim_bind_thread(self, a0: int, /) -> int: ...
    def cs_sim_break_connection(self, a0: int, a1: float, /) -> int: ...
    def cs_sim_calls(self, a0: int, a1: int, /) -> int: ...
    def cs_sim_create(self, a0: Pointer[int], /) -> int: ...
    def cs_sim_delete(self, a0: int, a1: int, a2: str | Pointer[str], /) -> int: ...
    def cs_sim_delete_after(self, a0: int, a1: int, a2: int, a3: int, a4: str | Pointer[str], /) -> int: ...
    def cs_sim_fail(self, a0: int, a1: int, a2: int, a3: int, /) -> int: ...
    def cs_sim_get_action_seconds(self, a0: int, /) -> float: ...
    def cs_sim_get_last_error(self) -> int: ...
    def cs_sim_get_latency(self, a0: int, /) -> float: ...
    def cs_sim_get_manual_clock(self, a0: int, /) -> int: ...
    def cs_sim_get_notification_queue_limit(self, a0: int, /) -> int: ...
    def cs_sim_get_parallel_moves(self, a0: int, /) -> int: ...
    def cs_sim_get_rights(self, a0: int, /) -> int: ...
    def cs_sim_handle_limit(self) -> int: ...
    def cs_sim_handle_table_was_full(self) -> int: ...
    def cs_sim_hide(self, a0: int, a1: int, a2: int, /) -> int: ...
    def cs_sim_move_group(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], /) -> int: ...
    def cs_sim_open_handles(self, a0: int, a1: Pointer[int], /) -> int: ...
    def cs_sim_properties(self, a0: int, a1: int, a2: str | Pointer[str], a3: int, a4: bytes | Pointer[int], a5: int, a6: Pointer[int], /) -> int: ...
    def cs_sim_release(self, a0: int, /) -> int: ...
    def cs_sim_reset_calls(self, a0: int, /) -> int: ...
    def cs_sim_round_trips(self, a0: int, a1: int, /) -> int: ...
    def cs_sim_set_action_seconds(self, a0: int, a1: float, /) -> int: ...
    def cs_sim_set_cluster(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: int, a4: int, a5: int, a6: str | Pointer[str], a7: str | Pointer[str], a8: int, a9: int, a10: int, /) -> int: ...
    def cs_sim_set_group_locked(self, a0: int, a1: str | Pointer[str], a2: int, /) -> int: ...
    def cs_sim_set_latency(self, a0: int, a1: float, /) -> int: ...
    def cs_sim_set_manual_clock(self, a0: int, a1: int, /) -> int: ...
    def cs_sim_set_notification_queue_limit(self, a0: int, a1: int, /) -> int: ...
    def cs_sim_set_parallel_moves(self, a0: int, a1: int, /) -> int: ...
    def cs_sim_set_property(self, a0: int, a1: int, a2: str | Pointer[str], a3: str | Pointer[str], a4: int, a5: int, a6: bytes | Pointer[int], a7: int, /) -> int: ...
    def cs_sim_set_quorum(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: int, /) -> int: ...
    def cs_sim_set_resource_outcome(self, a0: int, a1: str | Pointer[str], a2: int, a3: str | Pointer[str], /) -> int: ...
    def cs_sim_set_rights(self, a0: int, a1: int, /) -> int: ...
    def cs_sim_set_shared_volume(self, a0: int, a1: str | Pointer[str], a2: str | Pointer[str], a3: str | Pointer[str], a4: str | Pointer[str], a5: int, a6: int, a7: int, a8: int, a9: int, /) -> int: ...
    def cs_sim_set_state(self, a0: int, a1: int, a2: str | Pointer[str], a3: int, /) -> int: ...
    def cs_sim_set_version(self, a0: int, a1: int, a2: int, a3: int, /) -> int: ...
    def cs_sim_total_open_handles(self, a0: Pointer[int], /) -> None: ...
    def cs_snapshot(self, a0: int, a1: Pointer[Result], /) -> int: ...
    def cs_snapshot_ex(self, a0: int, a1: int, a2: Pointer[Result], /) -> int: ...
    def cs_snapshot_limited(self, a0: int, a1: int, a2: float, a3: Pointer[int], a4: Pointer[Result], /) -> int: ...
    def cs_state(self, a0: int, /) -> int: ...
    def cs_status(self, a0: int, a1: Pointer[Result], /) -> int: ...
    def cs_status_into(self, a0: int, a1: str | Pointer[str], a2: int, /) -> int: ...
    def cs_testing_result(self, a0: str | Pointer[str], a1: int, a2: Pointer[int], a3: int, a4: bytes | Pointer[int], a5: int, a6: Pointer[Result], /) -> int: ...
    def cs_testing_set_backend_limit(self, a0: int, /) -> None: ...
    def cs_testing_set_sim_handle_limit(self, a0: int, /) -> None: ...
    def cs_testing_set_token_limit(self, a0: int, /) -> None: ...
    def cs_testing_sim_held(self, a0: int, /) -> int: ...
    def cs_testing_sim_hold(self, a0: int, a1: int, /) -> int: ...
    def cs_testing_sim_set_any_state(self, a0: int, a1: int, a2: str | Pointer[str], a3: int, /) -> int: ...
    def cs_testing_sim_steps(self) -> int: ...
    def cs_token_limit(self) -> int: ...
    def cs_wupper(self, a0: int, /) -> int: ...

ffi: FFI
lib: Lib
