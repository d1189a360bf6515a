/*
 * core/cs_backend.h - a backend is a table of PCLUSAPI_* function pointers.
 *
 * The shim never calls a clusapi function by name: it calls through the
 * table of the backend a handle belongs to.  There are two kinds of table:
 *   - the system one (dll/cs_dll.c): clusapi.dll loaded from System32 at first
 *     use, every entry resolved with GetProcAddress (NULL where the DLL
 *     lacks that export);
 *   - one per simulated cluster (sim/cs_sim_entry.c): the simulator's entry points,
 *     with the exports the test has hidden set to NULL.
 * A NULL entry means "this clusapi.dll does not export that function".
 */
#ifndef CS_BACKEND_H
#define CS_BACKEND_H

#include "clusapi/cs_clusapi.h"

/* Every clusapi function the shim may call: X(name, pointer type, RPC?).
 * The third column says whether the real DLL makes a round trip to the
 * cluster service for the call (1) or answers from memory (0: walking an
 * enumeration it already fetched, freeing it); the simulator charges its
 * latency and counts round trips by it. */
#define CS_CLUSAPI_FUNCTIONS(X) \
    X(OpenCluster, PCLUSAPI_OPEN_CLUSTER, 1) \
    X(OpenClusterEx, PCLUSAPI_OPEN_CLUSTER_EX, 1) \
    X(CloseCluster, PCLUSAPI_CLOSE_CLUSTER, 1) \
    X(GetClusterInformation, PCLUSAPI_GET_CLUSTER_INFORMATION, 1) \
    X(GetClusterQuorumResource, PCLUSAPI_GET_CLUSTER_QUORUM_RESOURCE, 1) \
    X(ClusterOpenEnum, PCLUSAPI_CLUSTER_OPEN_ENUM, 1) \
    X(ClusterEnum, PCLUSAPI_CLUSTER_ENUM, 0) \
    X(ClusterCloseEnum, PCLUSAPI_CLUSTER_CLOSE_ENUM, 0) \
    X(ClusterOpenEnumEx, PCLUSAPI_CLUSTER_OPEN_ENUM_EX, 1) \
    X(ClusterEnumEx, PCLUSAPI_CLUSTER_ENUM_EX, 0) \
    X(ClusterCloseEnumEx, PCLUSAPI_CLUSTER_CLOSE_ENUM_EX, 0) \
    X(OpenClusterNode, PCLUSAPI_OPEN_CLUSTER_NODE, 1) \
    X(OpenClusterNodeEx, PCLUSAPI_OPEN_CLUSTER_NODE_EX, 1) \
    X(CloseClusterNode, PCLUSAPI_CLOSE_CLUSTER_NODE, 1) \
    X(GetClusterNodeState, PCLUSAPI_GET_CLUSTER_NODE_STATE, 1) \
    X(GetClusterNodeId, PCLUSAPI_GET_CLUSTER_NODE_ID, 1) \
    X(ClusterNodeOpenEnum, PCLUSAPI_CLUSTER_NODE_OPEN_ENUM, 1) \
    X(ClusterNodeEnum, PCLUSAPI_CLUSTER_NODE_ENUM, 0) \
    X(ClusterNodeCloseEnum, PCLUSAPI_CLUSTER_NODE_CLOSE_ENUM, 0) \
    X(OpenClusterGroup, PCLUSAPI_OPEN_CLUSTER_GROUP, 1) \
    X(OpenClusterGroupEx, PCLUSAPI_OPEN_CLUSTER_GROUP_EX, 1) \
    X(CloseClusterGroup, PCLUSAPI_CLOSE_CLUSTER_GROUP, 1) \
    X(GetClusterGroupState, PCLUSAPI_GET_CLUSTER_GROUP_STATE, 1) \
    X(ClusterGroupOpenEnum, PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM, 1) \
    X(ClusterGroupEnum, PCLUSAPI_CLUSTER_GROUP_ENUM, 0) \
    X(ClusterGroupCloseEnum, PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM, 0) \
    X(ClusterGroupOpenEnumEx, PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM_EX, 1) \
    X(ClusterGroupEnumEx, PCLUSAPI_CLUSTER_GROUP_ENUM_EX, 0) \
    X(ClusterGroupCloseEnumEx, PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM_EX, 0) \
    X(ClusterGroupControl, PCLUSAPI_CLUSTER_GROUP_CONTROL, 1) \
    X(OpenClusterResource, PCLUSAPI_OPEN_CLUSTER_RESOURCE, 1) \
    X(OpenClusterResourceEx, PCLUSAPI_OPEN_CLUSTER_RESOURCE_EX, 1) \
    X(CloseClusterResource, PCLUSAPI_CLOSE_CLUSTER_RESOURCE, 1) \
    X(GetClusterResourceState, PCLUSAPI_GET_CLUSTER_RESOURCE_STATE, 1) \
    X(ClusterResourceOpenEnum, PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM, 1) \
    X(ClusterResourceEnum, PCLUSAPI_CLUSTER_RESOURCE_ENUM, 0) \
    X(ClusterResourceCloseEnum, PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM, 0) \
    X(ClusterResourceOpenEnumEx, PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM_EX, 1) \
    X(ClusterResourceEnumEx, PCLUSAPI_CLUSTER_RESOURCE_ENUM_EX, 0) \
    X(ClusterResourceCloseEnumEx, PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM_EX, 0) \
    X(ClusterResourceControl, PCLUSAPI_CLUSTER_RESOURCE_CONTROL, 1) \
    CS_CLUSAPI_ACTION_FUNCTIONS(X) \
    CS_CLUSAPI_CONFIG_FUNCTIONS(X) \
    X(OpenClusterNetwork, PCLUSAPI_OPEN_CLUSTER_NETWORK, 1) \
    X(OpenClusterNetworkEx, PCLUSAPI_OPEN_CLUSTER_NETWORK_EX, 1) \
    X(CloseClusterNetwork, PCLUSAPI_CLOSE_CLUSTER_NETWORK, 1) \
    X(GetClusterNetworkState, PCLUSAPI_GET_CLUSTER_NETWORK_STATE, 1) \
    X(GetClusterNetworkId, PCLUSAPI_GET_CLUSTER_NETWORK_ID, 1) \
    X(ClusterNetworkOpenEnum, PCLUSAPI_CLUSTER_NETWORK_OPEN_ENUM, 1) \
    X(ClusterNetworkEnum, PCLUSAPI_CLUSTER_NETWORK_ENUM, 0) \
    X(ClusterNetworkCloseEnum, PCLUSAPI_CLUSTER_NETWORK_CLOSE_ENUM, 0) \
    X(OpenClusterNetInterface, PCLUSAPI_OPEN_CLUSTER_NET_INTERFACE, 1) \
    X(OpenClusterNetInterfaceEx, PCLUSAPI_OPEN_CLUSTER_NETINTERFACE_EX, 1) \
    X(CloseClusterNetInterface, PCLUSAPI_CLOSE_CLUSTER_NET_INTERFACE, 1) \
    X(GetClusterNetInterfaceState, PCLUSAPI_GET_CLUSTER_NET_INTERFACE_STATE, 1) \
    X(GetClusterNetInterface, PCLUSAPI_GET_CLUSTER_NET_INTERFACE, 1) \
    X(ClusterControl, PCLUSAPI_CLUSTER_CONTROL, 1) \
    X(ClusterNodeControl, PCLUSAPI_CLUSTER_NODE_CONTROL, 1) \
    X(ClusterNetworkControl, PCLUSAPI_CLUSTER_NETWORK_CONTROL, 1) \
    X(ClusterNetInterfaceControl, PCLUSAPI_CLUSTER_NET_INTERFACE_CONTROL, 1) \
    CS_CLUSAPI_NOTIFY_FUNCTIONS(X)

/* Actions on groups, resources and nodes (pause / resume): each is a round trip; the *Ex2 ones
 * (with a reason) exist only in the newest clusapi.dll. */
#define CS_CLUSAPI_ACTION_FUNCTIONS(X) \
    X(OnlineClusterGroup, PCLUSAPI_ONLINE_CLUSTER_GROUP, 1) \
    X(OfflineClusterGroup, PCLUSAPI_OFFLINE_CLUSTER_GROUP, 1) \
    X(MoveClusterGroup, PCLUSAPI_MOVE_CLUSTER_GROUP, 1) \
    X(OnlineClusterGroupEx, PCLUSAPI_ONLINE_CLUSTER_GROUP_EX, 1) \
    X(OfflineClusterGroupEx, PCLUSAPI_OFFLINE_CLUSTER_GROUP_EX, 1) \
    X(MoveClusterGroupEx, PCLUSAPI_MOVE_CLUSTER_GROUP_EX, 1) \
    X(CancelClusterGroupOperation, PCLUSAPI_CANCEL_CLUSTER_GROUP_OPERATION, 1) \
    X(OnlineClusterGroupEx2, PCLUSAPI_ONLINE_CLUSTER_GROUP_EX2, 1) \
    X(OfflineClusterGroupEx2, PCLUSAPI_OFFLINE_CLUSTER_GROUP_EX2, 1) \
    X(MoveClusterGroupEx2, PCLUSAPI_MOVE_CLUSTER_GROUP_EX2, 1) \
    X(OnlineClusterResource, PCLUSAPI_ONLINE_CLUSTER_RESOURCE, 1) \
    X(OfflineClusterResource, PCLUSAPI_OFFLINE_CLUSTER_RESOURCE, 1) \
    X(OnlineClusterResourceEx, PCLUSAPI_ONLINE_CLUSTER_RESOURCE_EX, 1) \
    X(OfflineClusterResourceEx, PCLUSAPI_OFFLINE_CLUSTER_RESOURCE_EX, 1) \
    X(OnlineClusterResourceEx2, PCLUSAPI_ONLINE_CLUSTER_RESOURCE_EX2, 1) \
    X(OfflineClusterResourceEx2, PCLUSAPI_OFFLINE_CLUSTER_RESOURCE_EX2, 1) \
    X(FailClusterResource, PCLUSAPI_FAIL_CLUSTER_RESOURCE, 1) \
    X(RestartClusterResource, PCLUSAPI_RESTART_CLUSTER_RESOURCE, 1) \
    X(PauseClusterNode, PCLUSAPI_PAUSE_CLUSTER_NODE, 1) \
    X(ResumeClusterNode, PCLUSAPI_RESUME_CLUSTER_NODE, 1) \
    X(PauseClusterNodeEx, PCLUSAPI_PAUSE_CLUSTER_NODE_EX, 1) \
    X(ResumeClusterNodeEx, PCLUSAPI_RESUME_CLUSTER_NODE_EX, 1) \
    X(PauseClusterNodeEx2, PCLUSAPI_PAUSE_CLUSTER_NODE_EX2, 1) \
    X(ResumeClusterNodeEx2, PCLUSAPI_RESUME_CLUSTER_NODE_EX2, 1)

/* Configuration calls (shim/cs_config.c): a group's preferred owners, a
 * resource's dependency expression (Server 2008 and later). */
#define CS_CLUSAPI_CONFIG_FUNCTIONS(X) \
    X(SetClusterGroupNodeList, PCLUSAPI_SET_CLUSTER_GROUP_NODE_LIST, 1) \
    X(SetClusterResourceDependencyExpression, PCLUSAPI_SET_CLUSTER_RESOURCE_DEPENDENCY_EXPRESSION, 1) \
    X(GetClusterResourceDependencyExpression, PCLUSAPI_GET_CLUSTER_RESOURCE_DEPENDENCY_EXPRESSION, 1)

/* Change notifications (shim/cs_notify.c).  Waiting for an event is local
 * (0): clusapi.dll fetches events on its own connection and GetClusterNotify*
 * reads the queue it fills; GetNotifyEventHandle hands out that queue's
 * event.  (The DLL exports GetNotifyEventHandle; its pointer type is
 * PCLUSAPI_GET_NOTIFY_EVENT_HANDLE_V2.) */
#define CS_CLUSAPI_NOTIFY_FUNCTIONS(X) \
    X(CreateClusterNotifyPort, PCLUSAPI_CREATE_CLUSTER_NOTIFY_PORT, 1) \
    X(RegisterClusterNotify, PCLUSAPI_REGISTER_CLUSTER_NOTIFY, 1) \
    X(GetClusterNotify, PCLUSAPI_GET_CLUSTER_NOTIFY, 0) \
    X(CloseClusterNotifyPort, PCLUSAPI_CLOSE_CLUSTER_NOTIFY_PORT, 1) \
    X(CreateClusterNotifyPortV2, PCLUSAPI_CREATE_CLUSTER_NOTIFY_PORT_V2, 1) \
    X(RegisterClusterNotifyV2, PCLUSAPI_REGISTER_CLUSTER_NOTIFY_V2, 1) \
    X(GetNotifyEventHandle, PCLUSAPI_GET_NOTIFY_EVENT_HANDLE_V2, 0) \
    X(GetClusterNotifyV2, PCLUSAPI_GET_CLUSTER_NOTIFY_V2, 0)

/* CS_FN_OpenCluster, CS_FN_OpenClusterEx, ...: an index per function. */
enum cs_function_id {
#define CS_X_ENUM(name, type, rpc) CS_FN_##name,
    CS_CLUSAPI_FUNCTIONS(CS_X_ENUM)
#undef CS_X_ENUM
    CS_FN_COUNT
};

/* cs_fn_OpenCluster, ...: the pointer type of each function by its name,
 * so that macros can declare a local copy of a table entry. */
#define CS_X_TYPEDEF(name, type, rpc) typedef type cs_fn_##name;
CS_CLUSAPI_FUNCTIONS(CS_X_TYPEDEF)
#undef CS_X_TYPEDEF

/* A generic function pointer, for walking the table as an array. */
typedef void (*cs_any_fn)(void);

/* The table: one typed member per function, overlaid on an array so that
 * the loader and hide() can address entries by index. */
typedef union cs_table {
    struct {
#define CS_X_MEMBER(name, type, rpc) type name;
        CS_CLUSAPI_FUNCTIONS(CS_X_MEMBER)
#undef CS_X_MEMBER
    } fn;
    cs_any_fn slot[CS_FN_COUNT];
} cs_table;

/* Names and round-trip flags by index: cs_function_name / cs_function_id /
 * cs_function_is_rpc (api/cs_backends.h, core/cs_registry.c). */

enum cs_backend_kind { CS_BACKEND_SYSTEM = 1, CS_BACKEND_SIM = 2 };

typedef struct cs_backend {
    int kind;                   /* cs_backend_kind */
    int id;                     /* the number Python knows it by */
    cs_table table;             /* what the shim calls */
    /* The simulator needs to know which simulated cluster an OpenCluster*
     * call is for (the Win32 signature has no room for it): the shim
     * calls bind(ctx) on the calling thread right before an open. */
    void (*bind)(void *ctx);
    void *ctx;
    /* Reads the calling thread's last error the way GetLastError would,
     * for the calls that report failure through it. */
    DWORD (*last_error)(void);
    /* Pins (core/cs_registry.h; the registry's lock): calls using the
     * backend now, and whether it was unregistered. */
    int pins;
    int unregistered;
    /* Called instead of dropping the last pin of an unregistered backend
     * (NULL: the pin is just dropped). */
    void (*last_unpin)(struct cs_backend *backend);
} cs_backend;

#endif /* CS_BACKEND_H */
