/*
 * sim/cs_sim_entry.c - the simulator's entry points, one per function of
 * the backend table (CS_CLUSAPI_FUNCTIONS, core/cs_backend.h), each named
 * sim_<Function>.
 *
 * Where sim_<Function> is defined:
 *   - the ones that only forward to a generic implementation are generated
 *     below, from one list per signature shape: search this file for the
 *     function's name;
 *   - the ones with a body of their own are declared in cs_sim_int.h
 *     ("written by hand") and defined in cs_sim_cluster.c, cs_sim_objects.c,
 *     cs_sim_enums.c or cs_sim_enum_read.c.
 * sim_fill_table() assigns every sim_<Function> to its PCLUSAPI_* member,
 * so the compiler checks each generated signature against the SDK's type
 * (-Werror: a mismatch fails the build).
 */
#include "sim/cs_sim_int.h"

/* ---- Open<Object>: X(function, handle type, kind) -------------------------------------------- */
#define SIM_OPEN_OBJECT_FUNCTIONS(X) \
    X(OpenClusterNode, HNODE, CS_KIND_NODE) \
    X(OpenClusterGroup, HGROUP, CS_KIND_GROUP) \
    X(OpenClusterResource, HRESOURCE, CS_KIND_RESOURCE) \
    X(OpenClusterNetwork, HNETWORK, CS_KIND_NETWORK) \
    X(OpenClusterNetInterface, HNETINTERFACE, CS_KIND_NETINTERFACE)

#define SIM_DEFINE_OPEN_OBJECT(name, htype, kind) \
    static htype WINAPI sim_##name(HCLUSTER hCluster, LPCWSTR lpszName) \
    { \
        return HANDLE_OF(htype, sim_open_object(CS_FN_##name, TOKEN_OF(hCluster), kind, lpszName, 0, 0, NULL)); \
    }
SIM_OPEN_OBJECT_FUNCTIONS(SIM_DEFINE_OPEN_OBJECT)

/* ---- Open<Object>Ex: X(function, handle type, kind) ------------------------------------------ */
#define SIM_OPEN_OBJECT_EX_FUNCTIONS(X) \
    X(OpenClusterNodeEx, HNODE, CS_KIND_NODE) \
    X(OpenClusterGroupEx, HGROUP, CS_KIND_GROUP) \
    X(OpenClusterResourceEx, HRESOURCE, CS_KIND_RESOURCE) \
    X(OpenClusterNetworkEx, HNETWORK, CS_KIND_NETWORK) \
    X(OpenClusterNetInterfaceEx, HNETINTERFACE, CS_KIND_NETINTERFACE)

#define SIM_DEFINE_OPEN_OBJECT_EX(name, htype, kind) \
    static htype WINAPI sim_##name(HCLUSTER hCluster, LPCWSTR lpszName, DWORD dwDesiredAccess, \
                                   LPDWORD lpdwGrantedAccess) \
    { \
        return HANDLE_OF(htype, sim_open_object(CS_FN_##name, TOKEN_OF(hCluster), kind, lpszName, 1, \
                                                dwDesiredAccess, lpdwGrantedAccess)); \
    }
SIM_OPEN_OBJECT_EX_FUNCTIONS(SIM_DEFINE_OPEN_OBJECT_EX)

/* ---- Close<Object> (BOOL): X(function, handle type, handle kind) ------------------------------- */
#define SIM_CLOSE_BOOL_FUNCTIONS(X) \
    X(CloseCluster, HCLUSTER, HK_CLUSTER) \
    X(CloseClusterNode, HNODE, HK_NODE) \
    X(CloseClusterGroup, HGROUP, HK_GROUP) \
    X(CloseClusterResource, HRESOURCE, HK_RESOURCE) \
    X(CloseClusterNetwork, HNETWORK, HK_NETWORK) \
    X(CloseClusterNetInterface, HNETINTERFACE, HK_NETINTERFACE)

#define SIM_DEFINE_CLOSE_BOOL(name, htype, hk) \
    static BOOL WINAPI sim_##name(htype handle) \
    { \
        return sim_close_handle(CS_FN_##name, TOKEN_OF(handle), hk) == 0 ? TRUE : FALSE; \
    }
SIM_CLOSE_BOOL_FUNCTIONS(SIM_DEFINE_CLOSE_BOOL)

/* ---- *CloseEnum / *CloseEnumEx (DWORD): X(function, handle type, handle kind) ------------------ */
#define SIM_CLOSE_ENUM_FUNCTIONS(X) \
    X(ClusterCloseEnum, HCLUSENUM, HK_CLUSENUM) \
    X(ClusterCloseEnumEx, HCLUSENUMEX, HK_CLUSENUMEX) \
    X(ClusterNodeCloseEnum, HNODEENUM, HK_NODEENUM) \
    X(ClusterGroupCloseEnum, HGROUPENUM, HK_GROUPENUM) \
    X(ClusterGroupCloseEnumEx, HGROUPENUMEX, HK_GROUPENUMEX) \
    X(ClusterResourceCloseEnum, HRESENUM, HK_RESENUM) \
    X(ClusterResourceCloseEnumEx, HRESENUMEX, HK_RESENUMEX) \
    X(ClusterNetworkCloseEnum, HNETWORKENUM, HK_NETWORKENUM)

#define SIM_DEFINE_CLOSE_ENUM(name, htype, hk) \
    static DWORD WINAPI sim_##name(htype handle) \
    { \
        return sim_close_handle(CS_FN_##name, TOKEN_OF(handle), hk); \
    }
SIM_CLOSE_ENUM_FUNCTIONS(SIM_DEFINE_CLOSE_ENUM)

/* ---- Get<Object>State with no buffers: X(function, handle type, state type, handle kind) -------
 * (GetClusterGroupState and GetClusterResourceState: cs_sim_objects.c) */
#define SIM_GET_STATE_FUNCTIONS(X) \
    X(GetClusterNodeState, HNODE, CLUSTER_NODE_STATE, HK_NODE) \
    X(GetClusterNetworkState, HNETWORK, CLUSTER_NETWORK_STATE, HK_NETWORK) \
    X(GetClusterNetInterfaceState, HNETINTERFACE, CLUSTER_NETINTERFACE_STATE, HK_NETINTERFACE)

#define SIM_DEFINE_GET_STATE(name, htype, stype, hk) \
    static stype WINAPI sim_##name(htype handle) \
    { \
        return (stype)sim_object_state(CS_FN_##name, TOKEN_OF(handle), hk); \
    }
SIM_GET_STATE_FUNCTIONS(SIM_DEFINE_GET_STATE)

/* ---- Get<Object>Id: X(function, handle type, handle kind) ----------------------------------------- */
#define SIM_GET_ID_FUNCTIONS(X) \
    X(GetClusterNodeId, HNODE, HK_NODE) \
    X(GetClusterNetworkId, HNETWORK, HK_NETWORK)

#define SIM_DEFINE_GET_ID(name, htype, hk) \
    static DWORD WINAPI sim_##name(htype handle, LPWSTR lpszId, LPDWORD lpcchName) \
    { \
        return sim_object_id(CS_FN_##name, TOKEN_OF(handle), hk, lpszId, lpcchName); \
    }
SIM_GET_ID_FUNCTIONS(SIM_DEFINE_GET_ID)

/* ---- *OpenEnum: X(function, handle type, enum type, handle kind, enum kind) ---------------------- */
#define SIM_OPEN_ENUM_FUNCTIONS(X) \
    X(ClusterOpenEnum, HCLUSTER, HCLUSENUM, HK_CLUSTER, HK_CLUSENUM) \
    X(ClusterNodeOpenEnum, HNODE, HNODEENUM, HK_NODE, HK_NODEENUM) \
    X(ClusterGroupOpenEnum, HGROUP, HGROUPENUM, HK_GROUP, HK_GROUPENUM) \
    X(ClusterResourceOpenEnum, HRESOURCE, HRESENUM, HK_RESOURCE, HK_RESENUM) \
    X(ClusterNetworkOpenEnum, HNETWORK, HNETWORKENUM, HK_NETWORK, HK_NETWORKENUM)

#define SIM_DEFINE_OPEN_ENUM(name, htype, etype, hk, hk_enum) \
    static etype WINAPI sim_##name(htype handle, DWORD dwType) \
    { \
        return HANDLE_OF(etype, sim_open_enum(CS_FN_##name, TOKEN_OF(handle), hk, hk_enum, dwType)); \
    }
SIM_OPEN_ENUM_FUNCTIONS(SIM_DEFINE_OPEN_ENUM)

/* ---- *Enum: X(function, enum type, enum kind) ---------------------------------------------------- */
#define SIM_ENUM_FUNCTIONS(X) \
    X(ClusterEnum, HCLUSENUM, HK_CLUSENUM) \
    X(ClusterNodeEnum, HNODEENUM, HK_NODEENUM) \
    X(ClusterGroupEnum, HGROUPENUM, HK_GROUPENUM) \
    X(ClusterResourceEnum, HRESENUM, HK_RESENUM) \
    X(ClusterNetworkEnum, HNETWORKENUM, HK_NETWORKENUM)

#define SIM_DEFINE_ENUM(name, etype, hk_enum) \
    static DWORD WINAPI sim_##name(etype hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, \
                                   LPDWORD lpcchName) \
    { \
        return sim_enum_read(CS_FN_##name, TOKEN_OF(hEnum), hk_enum, dwIndex, lpdwType, lpszName, lpcchName); \
    }
SIM_ENUM_FUNCTIONS(SIM_DEFINE_ENUM)

/* ---- Cluster{Group,Resource}OpenEnumEx: X(function, enum type, enum kind) ---------------------------
 * The property lists: cs_sim_props_enum.c. */
#define SIM_OPEN_BULK_ENUM_FUNCTIONS(X) \
    X(ClusterGroupOpenEnumEx, HGROUPENUMEX, HK_GROUPENUMEX) \
    X(ClusterResourceOpenEnumEx, HRESENUMEX, HK_RESENUMEX)

#define SIM_DEFINE_OPEN_BULK_ENUM(name, etype, hk_enum) \
    static etype WINAPI sim_##name(HCLUSTER hCluster, LPCWSTR lpszProperties, DWORD cbProperties, \
                                   LPCWSTR lpszRoProperties, DWORD cbRoProperties, DWORD dwFlags) \
    { \
        return HANDLE_OF(etype, sim_open_bulk_enum(CS_FN_##name, TOKEN_OF(hCluster), lpszProperties, cbProperties, \
                                                   lpszRoProperties, cbRoProperties, dwFlags, hk_enum)); \
    }
SIM_OPEN_BULK_ENUM_FUNCTIONS(SIM_DEFINE_OPEN_BULK_ENUM)

/* ---- Cluster*Control: X(function, handle type, handle kind) -----------------------------------------
 * (cs_sim_props_control.c); the input buffer is read by the property writes. */
#define SIM_CONTROL_FUNCTIONS(X) \
    X(ClusterControl, HCLUSTER, HK_CLUSTER) \
    X(ClusterNodeControl, HNODE, HK_NODE) \
    X(ClusterGroupControl, HGROUP, HK_GROUP) \
    X(ClusterResourceControl, HRESOURCE, HK_RESOURCE) \
    X(ClusterNetworkControl, HNETWORK, HK_NETWORK) \
    X(ClusterNetInterfaceControl, HNETINTERFACE, HK_NETINTERFACE)

#define SIM_DEFINE_CONTROL(name, htype, hk) \
    static DWORD WINAPI sim_##name(htype handle, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer, \
                                   DWORD cbInBufferSize, LPVOID lpOutBuffer, DWORD cbOutBufferSize, \
                                   LPDWORD lpBytesReturned) \
    { \
        return sim_control(CS_FN_##name, TOKEN_OF(handle), hk, hHostNode, dwControlCode, lpInBuffer, \
                           cbInBufferSize, lpOutBuffer, cbOutBufferSize, lpBytesReturned); \
    }
SIM_CONTROL_FUNCTIONS(SIM_DEFINE_CONTROL)

/* ---- the table ------------------------------------------------------------------------------------- */
static const cs_any_fn entry_points[CS_FN_COUNT] = {
#define CS_X_ENTRY(name, type, rpc) (cs_any_fn)sim_##name,
    CS_CLUSAPI_FUNCTIONS(CS_X_ENTRY)
#undef CS_X_ENTRY
};

cs_any_fn cs_sim_entry_point(int function_id)
{
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return NULL;
    return entry_points[function_id];
}

/* The assignments check each entry point against its PCLUSAPI_* type. */
void sim_fill_table(cs_table *t)
{
#define CS_X_ASSIGN(name, type, rpc) t->fn.name = sim_##name;
    CS_CLUSAPI_FUNCTIONS(CS_X_ASSIGN)
#undef CS_X_ASSIGN
}
