/*
 * tests/windows/simdll/simdll_more.c - the simulated clusapi.dll's
 * exports beyond the backend table (simdll.c): what the simulator models
 * of the rest of the SDK's clusapi.h.  Each is listed in sdk_surface.h
 * (SIMDLL_MODELLED_*) and declared from sdk_functions.h, so its signature
 * is the SDK's.
 */
#include "api/cs_shim.h"
#include "sim/cs_sim.h"
#include "sdk_surface.h"

SIMDLL_SDK_FUNCTIONS(SIMDLL_DECLARE_MODELLED)

#define SIMDLL_EXPORT __declspec(dllexport)

/* simdll.c: the DLL's instance (0 when its topology failed) and its load error. */
int cs_simdll_instance(void);
uint32_t cs_simdll_status(char *message, uint32_t cch);

/* ---- counts: Cluster*GetEnumCount* -------------------------------------------------------------
 * The items of the enumeration (the copy taken when it was opened); a
 * closed, forged or other family's handle: 0 with GetLastError() ==
 * ERROR_INVALID_HANDLE (the functions document no failure value). */
static DWORD enum_count(void *e, int open_fn)
{
    DWORD count = 0, err = cs_sim_surface_enum_count((uint64_t)(uintptr_t)e, open_fn, &count);
    if (err)
        SetLastError(err);
    return err ? 0 : count;
}
#define SIMDLL_COUNT(name, etype, open_fn) \
    SIMDLL_EXPORT DWORD WINAPI name(etype hEnum) \
    { \
        return enum_count(hEnum, open_fn); \
    }
SIMDLL_COUNT(ClusterGetEnumCount, HCLUSENUM, CS_FN_ClusterOpenEnum)
SIMDLL_COUNT(ClusterNodeGetEnumCount, HNODEENUM, CS_FN_ClusterNodeOpenEnum)
SIMDLL_COUNT(ClusterGroupGetEnumCount, HGROUPENUM, CS_FN_ClusterGroupOpenEnum)
SIMDLL_COUNT(ClusterResourceGetEnumCount, HRESENUM, CS_FN_ClusterResourceOpenEnum)
SIMDLL_COUNT(ClusterNetworkGetEnumCount, HNETWORKENUM, CS_FN_ClusterNetworkOpenEnum)
#ifndef CS_SIMDLL_LEVEL_2008
SIMDLL_COUNT(ClusterGetEnumCountEx, HCLUSENUMEX, CS_FN_ClusterOpenEnumEx)
SIMDLL_COUNT(ClusterGroupGetEnumCountEx, HGROUPENUMEX, CS_FN_ClusterGroupOpenEnumEx)
SIMDLL_COUNT(ClusterResourceGetEnumCountEx, HRESENUMEX, CS_FN_ClusterResourceOpenEnumEx)
#endif

/* ---- GetNodeClusterState ------------------------------------------------------------------------
 * Of the DLL's cluster (cs_sim_surface_node_cluster_state says how); the
 * topology's load error when it did not load; ERROR_INVALID_PARAMETER
 * without pdwClusterState. */
SIMDLL_EXPORT DWORD WINAPI GetNodeClusterState(LPCWSTR lpszNodeName, LPDWORD pdwClusterState)
{
    DWORD err;
    if (pdwClusterState == NULL)
        return ERROR_INVALID_PARAMETER;
    err = cs_simdll_status(NULL, 0);
    if (err)
        return err;
    return cs_sim_surface_node_cluster_state(cs_simdll_instance(), lpszNodeName, pdwClusterState);
}

/* An open's result as the DLL returns it: the handle, or NULL with the error as the last error. */
static void *handle_of(DWORD err, uint64_t token)
{
    if (err) {
        SetLastError(err);
        return NULL;
    }
    return (void *)(uintptr_t)token;
}

/* ---- resource types (sim/cs_sim_types.c) --------------------------------------------------------
 * The cluster's types; a type it does not have:
 * ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078). */
SIMDLL_EXPORT HRESTYPEENUM WINAPI ClusterResourceTypeOpenEnum(HCLUSTER hCluster, LPCWSTR lpszResourceTypeName,
                                                              DWORD dwType)
{
    uint64_t token = 0;
    DWORD err = cs_sim_surface_restype_open_enum((uint64_t)(uintptr_t)hCluster, lpszResourceTypeName, dwType, &token);
    return (HRESTYPEENUM)handle_of(err, token);
}

SIMDLL_EXPORT DWORD WINAPI ClusterResourceTypeEnum(HRESTYPEENUM hResTypeEnum, DWORD dwIndex, LPDWORD lpdwType,
                                                   LPWSTR lpszName, LPDWORD lpcchName)
{
    return cs_sim_surface_enum_read((uint64_t)(uintptr_t)hResTypeEnum, CS_SIM_RESTYPE_ENUM, dwIndex, lpdwType, lpszName,
                                    lpcchName);
}

SIMDLL_EXPORT DWORD WINAPI ClusterResourceTypeCloseEnum(HRESTYPEENUM hResTypeEnum)
{
    return cs_sim_surface_enum_close((uint64_t)(uintptr_t)hResTypeEnum, CS_SIM_RESTYPE_ENUM);
}

SIMDLL_COUNT(ClusterResourceTypeGetEnumCount, HRESTYPEENUM, CS_SIM_RESTYPE_ENUM)

SIMDLL_EXPORT DWORD WINAPI ClusterResourceTypeControl(HCLUSTER hCluster, LPCWSTR lpszResourceTypeName,
                                                      HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                                                      DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                                                      LPDWORD lpBytesReturned)
{
    (void)lpInBuffer;
    (void)nInBufferSize;
    return cs_sim_surface_restype_control((uint64_t)(uintptr_t)hCluster, lpszResourceTypeName, hHostNode,
                                          dwControlCode, lpOutBuffer, nOutBufferSize, lpBytesReturned);
}

/* ---- ClusterNetInterfaceOpenEnum / Enum / CloseEnum (sim/cs_sim_surface.c) ----------------------
 * The net interfaces of a node (NULL: any) on a network (NULL: any). */
SIMDLL_EXPORT HNETINTERFACEENUM WINAPI ClusterNetInterfaceOpenEnum(HCLUSTER hCluster, LPCWSTR lpszNodeName,
                                                                   LPCWSTR lpszNetworkName)
{
    uint64_t token = 0;
    DWORD err = cs_sim_surface_netif_open_enum((uint64_t)(uintptr_t)hCluster, lpszNodeName, lpszNetworkName, &token);
    return (HNETINTERFACEENUM)handle_of(err, token);
}

SIMDLL_EXPORT DWORD WINAPI ClusterNetInterfaceEnum(HNETINTERFACEENUM hNetInterfaceEnum, DWORD dwIndex, LPWSTR lpszName,
                                                   LPDWORD lpcchName)
{
    return cs_sim_surface_enum_read((uint64_t)(uintptr_t)hNetInterfaceEnum, CS_SIM_NETIF_ENUM, dwIndex, NULL, lpszName,
                                    lpcchName);
}

SIMDLL_EXPORT DWORD WINAPI ClusterNetInterfaceCloseEnum(HNETINTERFACEENUM hNetInterfaceEnum)
{
    return cs_sim_surface_enum_close((uint64_t)(uintptr_t)hNetInterfaceEnum, CS_SIM_NETIF_ENUM);
}
