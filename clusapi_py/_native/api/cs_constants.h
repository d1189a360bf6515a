/*
 * api/cs_constants.h - the named ClusAPI and Win32 constants Python reads
 * as lib.NAME, with their values taken from the C headers (the SDK's
 * clusapi.h / winerror.h with MSVC, cs_clusapi_compat.h elsewhere), never
 * written twice.
 *
 * The list below is plain C (an X-macro: CS_NAMED_CONSTANTS(X) calls X on
 * every name); build_clusapi.py turns each X(NAME) of it into the cdef line
 * `#define NAME ...`, for which cffi reads the value from the compiler.
 * Adding a name here is all it takes; a name the headers lack fails the
 * extension's build.
 */
#ifndef CS_API_CONSTANTS_H
#define CS_API_CONSTANTS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
#define CS_NAMED_CONSTANTS(X) \
    /* ClusterOpenEnum types, and each object's own enumeration types */ \
    X(CLUSTER_ENUM_NODE) \
    X(CLUSTER_ENUM_RESTYPE) \
    X(CLUSTER_ENUM_RESOURCE) \
    X(CLUSTER_ENUM_GROUP) \
    X(CLUSTER_ENUM_NETWORK) \
    X(CLUSTER_ENUM_NETINTERFACE) \
    X(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE) \
    X(CLUSTER_NODE_ENUM_NETINTERFACES) \
    X(CLUSTER_NODE_ENUM_GROUPS) \
    X(CLUSTER_GROUP_ENUM_CONTAINS) \
    X(CLUSTER_GROUP_ENUM_NODES) \
    X(CLUSTER_RESOURCE_ENUM_DEPENDS) \
    X(CLUSTER_RESOURCE_ENUM_PROVIDES) \
    X(CLUSTER_RESOURCE_ENUM_NODES) \
    X(CLUSTER_NETWORK_ENUM_NETINTERFACES) \
    /* control codes */ \
    X(CLUSCTL_RESOURCE_GET_ID) \
    X(CLUSCTL_GROUP_GET_ID) \
    X(CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES) \
    X(CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES) \
    X(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES) \
    X(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES) \
    X(CLUSCTL_RESOURCE_GET_RESOURCE_TYPE) \
    X(CLUSCTL_RESOURCE_GET_FAILURE_INFO) \
    X(CLUSCTL_RESOURCE_GET_STATE_CHANGE_TIME) \
    X(CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX) \
    X(CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO) \
    X(CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES) \
    X(CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES) \
    X(CLUSCTL_GROUP_GET_COMMON_PROPERTIES) \
    X(CLUSCTL_GROUP_GET_RO_PRIVATE_PROPERTIES) \
    X(CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES) \
    X(CLUSCTL_GROUP_GET_FAILURE_INFO) \
    X(CLUSCTL_GROUP_GET_LAST_MOVE_TIME) \
    X(CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES) \
    X(CLUSCTL_NODE_GET_COMMON_PROPERTIES) \
    X(CLUSCTL_NODE_GET_RO_PRIVATE_PROPERTIES) \
    X(CLUSCTL_NODE_GET_PRIVATE_PROPERTIES) \
    X(CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES) \
    X(CLUSCTL_NETWORK_GET_COMMON_PROPERTIES) \
    X(CLUSCTL_NETWORK_GET_RO_PRIVATE_PROPERTIES) \
    X(CLUSCTL_NETWORK_GET_PRIVATE_PROPERTIES) \
    X(CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES) \
    X(CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES) \
    X(CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES) \
    X(CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES) \
    X(CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES) \
    X(CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES) \
    X(CLUSCTL_CLUSTER_GET_RO_PRIVATE_PROPERTIES) \
    X(CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTIES) \
    /* access rights */ \
    X(GENERIC_READ) \
    X(GENERIC_ALL) \
    X(MAXIMUM_ALLOWED) \
    /* object states */ \
    X(ClusterNodeStateUnknown) \
    X(ClusterNodeUp) \
    X(ClusterNodeDown) \
    X(ClusterNodePaused) \
    X(ClusterNodeJoining) \
    X(ClusterGroupStateUnknown) \
    X(ClusterGroupOnline) \
    X(ClusterGroupOffline) \
    X(ClusterGroupFailed) \
    X(ClusterGroupPartialOnline) \
    X(ClusterGroupPending) \
    X(ClusterResourceStateUnknown) \
    X(ClusterResourceInherited) \
    X(ClusterResourceInitializing) \
    X(ClusterResourceOnline) \
    X(ClusterResourceOffline) \
    X(ClusterResourceFailed) \
    X(ClusterResourcePending) \
    X(ClusterResourceOnlinePending) \
    X(ClusterResourceOfflinePending) \
    X(ClusterNetworkStateUnknown) \
    X(ClusterNetworkUnavailable) \
    X(ClusterNetworkDown) \
    X(ClusterNetworkPartitioned) \
    X(ClusterNetworkUp) \
    X(ClusterNetInterfaceStateUnknown) \
    X(ClusterNetInterfaceUnavailable) \
    X(ClusterNetInterfaceFailed) \
    X(ClusterNetInterfaceUnreachable) \
    X(ClusterNetInterfaceUp) \
    /* Win32 codes */ \
    X(ERROR_INVALID_FUNCTION) \
    X(ERROR_ACCESS_DENIED) \
    X(ERROR_INVALID_HANDLE) \
    X(ERROR_NOT_ENOUGH_MEMORY) \
    X(ERROR_GEN_FAILURE) \
    X(ERROR_INVALID_PARAMETER) \
    X(ERROR_INSUFFICIENT_BUFFER) \
    X(ERROR_MOD_NOT_FOUND) \
    X(ERROR_PROC_NOT_FOUND) \
    X(ERROR_BUSY) \
    X(ERROR_ALREADY_EXISTS) \
    X(ERROR_MORE_DATA) \
    X(WAIT_TIMEOUT) \
    X(ERROR_NO_MORE_ITEMS) \
    X(ERROR_IO_PENDING) \
    X(ERROR_SERVICE_NOT_ACTIVE) \
    X(ERROR_TIMEOUT) \
    X(RPC_S_SERVER_UNAVAILABLE) \
    X(RPC_S_SERVER_TOO_BUSY) \
    X(RPC_S_CALL_FAILED) \
    X(RPC_S_CALL_FAILED_DNE) \
    X(RPC_S_PROCNUM_OUT_OF_RANGE) \
    X(EPT_S_NOT_REGISTERED) \
    X(ERROR_RESOURCE_TYPE_NOT_FOUND) \
    X(ERROR_RESOURCE_NOT_ONLINE) \
    X(ERROR_RESOURCE_NOT_AVAILABLE) \
    X(ERROR_RESOURCE_NOT_FOUND) \
    X(ERROR_SHUTDOWN_CLUSTER) \
    X(ERROR_GROUP_NOT_AVAILABLE) \
    X(ERROR_GROUP_NOT_FOUND) \
    X(ERROR_NODE_NOT_AVAILABLE) \
    X(ERROR_CLUSTER_NODE_NOT_FOUND) \
    X(ERROR_CLUSTER_NETWORK_NOT_FOUND) \
    X(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND) \
    X(ERROR_CLUSTER_INVALID_REQUEST) \
    X(ERROR_CLUSTER_NODE_DOWN) \
    X(ERROR_CLUSTER_NODE_UNREACHABLE) \
    X(ERROR_CLUSTER_NODE_NOT_MEMBER) \
    X(ERROR_CLUSTER_NODE_PAUSED) \
    X(ERROR_CLUSTER_NODE_NOT_READY) \
    X(ERROR_CLUSTER_NODE_SHUTTING_DOWN) \
    X(ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND) \
    X(ERROR_CLUSTER_OLD_VERSION)
/* CDEF-END */

#endif /* CS_API_CONSTANTS_H */
