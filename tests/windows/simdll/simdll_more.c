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
#define SIMDLL_COUNT(name, etype, open_fn) \
    SIMDLL_EXPORT DWORD WINAPI name(etype hEnum) \
    { \
        DWORD count = 0, err = cs_sim_surface_enum_count((uint64_t)(uintptr_t)hEnum, open_fn, &count); \
        if (err) { \
            SetLastError(err); \
            return 0; \
        } \
        return count; \
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
