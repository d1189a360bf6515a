/*
 * tests/windows/simdll/sdk_surface.h - which of the SDK's 284 clusapi.h
 * functions (sdk_functions.h) the simulated clusapi.dll models, and which
 * it exports in each build.
 *
 * THE list: one `#define SIMDLL_MODELLED_<name> SIMDLL_YES` per function
 * that has a hand-written export (simdll.c, simdll_more.c, simdll_create.c).  Every other
 * function gets a stub from sdk_stubs.c that fails the documented way for
 * "not supported" (ERROR_CALL_NOT_IMPLEMENTED; see gen_sdk_functions.py,
 * FAIL).  To model one more function: write its export and add its line
 * here -- forgetting the line is a duplicate definition, adding a line
 * without an export is a missing export (build.sh fails on both).
 * Not modelled yet, kept as stubs on purpose: the registry's write batches,
 * notifications and *Ex writes, ClusterRegGetKeySecurity,
 * ClusterRegCloseReadBatchEx, ClusterRegSyncDatabase; the *Ex / *Ex2
 * create and delete variants.
 *
 * The 2008 build (-DCS_SIMDLL_LEVEL_2008) exports only the functions whose
 * SDK version is 0x0600 (ungated): SIMDLL_EXPORTED(version).
 *
 * SIMDLL_IS(x): 1 when x expands to SIMDLL_YES, else 0 (x an undefined
 * identifier) -- the preprocessor's way to test membership in a list.
 */
#ifndef SIMDLL_SDK_SURFACE_H
#define SIMDLL_SDK_SURFACE_H

#include "sdk_types.h"
#include "sdk_functions.h"

#define SIMDLL_YES ~, 1
#define SIMDLL_SECOND_(a, b, ...) b
#define SIMDLL_SECOND(...) SIMDLL_SECOND_(__VA_ARGS__)
#define SIMDLL_IS(x) SIMDLL_SECOND(x, 0, ~)
#define SIMDLL_CAT3_(a, b, c) a##b##c
#define SIMDLL_CAT3(a, b, c) SIMDLL_CAT3_(a, b, c)

/* 1 when the function has a hand-written export. */
#define SIMDLL_MODELLED(name) SIMDLL_IS(SIMDLL_MODELLED_##name)

/* 1 when this build exports a function of that SDK version. */
#define SIMDLL_V2008_0x0600 SIMDLL_YES
#ifdef CS_SIMDLL_LEVEL_2008
#define SIMDLL_EXPORTED(version) SIMDLL_IS(SIMDLL_V2008_##version)
#else
#define SIMDLL_EXPORTED(version) 1
#endif

/* SIMDLL_SDK_FUNCTIONS(SIMDLL_DECLARE_MODELLED): declares every modelled
 * function with the SDK's signature; in the file that defines one, a
 * definition that differs is a conflicting-types error. */
#define SIMDLL_CAT_(a, b) a##b
#define SIMDLL_CAT(a, b) SIMDLL_CAT_(a, b)
#define SIMDLL_DECL_0(ret, name, params)
#define SIMDLL_DECL_1(ret, name, params) ret WINAPI name params;
#define SIMDLL_DECLARE_MODELLED(ret, fail, name, version, mingw, params, zeros) \
    SIMDLL_CAT(SIMDLL_DECL_, SIMDLL_MODELLED(name))(ret, name, params)

/* ---- the modelled functions ----------------------------------------------------------------- */
/* The backend table (CS_CLUSAPI_FUNCTIONS, core/cs_backend.h): simdll.c. */
#define SIMDLL_MODELLED_OpenCluster SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterEx SIMDLL_YES
#define SIMDLL_MODELLED_CloseCluster SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterInformation SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterQuorumResource SIMDLL_YES
#define SIMDLL_MODELLED_ClusterOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterCloseEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterOpenEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterCloseEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterNode SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterNodeEx SIMDLL_YES
#define SIMDLL_MODELLED_CloseClusterNode SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNodeState SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNodeId SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNodeOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNodeEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNodeCloseEnum SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterGroupEx SIMDLL_YES
#define SIMDLL_MODELLED_CloseClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterGroupState SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupCloseEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupOpenEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupCloseEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupControl SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterResourceEx SIMDLL_YES
#define SIMDLL_MODELLED_CloseClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterResourceState SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceCloseEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceOpenEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceCloseEnumEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceControl SIMDLL_YES
#define SIMDLL_MODELLED_OnlineClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_OfflineClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_MoveClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_OnlineClusterGroupEx SIMDLL_YES
#define SIMDLL_MODELLED_OfflineClusterGroupEx SIMDLL_YES
#define SIMDLL_MODELLED_MoveClusterGroupEx SIMDLL_YES
#define SIMDLL_MODELLED_CancelClusterGroupOperation SIMDLL_YES
#define SIMDLL_MODELLED_OnlineClusterGroupEx2 SIMDLL_YES
#define SIMDLL_MODELLED_OfflineClusterGroupEx2 SIMDLL_YES
#define SIMDLL_MODELLED_MoveClusterGroupEx2 SIMDLL_YES
#define SIMDLL_MODELLED_OnlineClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_OfflineClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_OnlineClusterResourceEx SIMDLL_YES
#define SIMDLL_MODELLED_OfflineClusterResourceEx SIMDLL_YES
#define SIMDLL_MODELLED_OnlineClusterResourceEx2 SIMDLL_YES
#define SIMDLL_MODELLED_OfflineClusterResourceEx2 SIMDLL_YES
#define SIMDLL_MODELLED_FailClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_RestartClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_SetClusterGroupNodeList SIMDLL_YES
#define SIMDLL_MODELLED_SetClusterResourceDependencyExpression SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterResourceDependencyExpression SIMDLL_YES
#define SIMDLL_MODELLED_PauseClusterNode SIMDLL_YES
#define SIMDLL_MODELLED_ResumeClusterNode SIMDLL_YES
#define SIMDLL_MODELLED_PauseClusterNodeEx SIMDLL_YES
#define SIMDLL_MODELLED_ResumeClusterNodeEx SIMDLL_YES
#define SIMDLL_MODELLED_PauseClusterNodeEx2 SIMDLL_YES
#define SIMDLL_MODELLED_ResumeClusterNodeEx2 SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterNetwork SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterNetworkEx SIMDLL_YES
#define SIMDLL_MODELLED_CloseClusterNetwork SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNetworkState SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNetworkId SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetworkOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetworkEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetworkCloseEnum SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterNetInterface SIMDLL_YES
#define SIMDLL_MODELLED_OpenClusterNetInterfaceEx SIMDLL_YES
#define SIMDLL_MODELLED_CloseClusterNetInterface SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNetInterfaceState SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNetInterface SIMDLL_YES
#define SIMDLL_MODELLED_ClusterControl SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNodeControl SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetworkControl SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetInterfaceControl SIMDLL_YES
#define SIMDLL_MODELLED_CreateClusterNotifyPort SIMDLL_YES
#define SIMDLL_MODELLED_RegisterClusterNotify SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNotify SIMDLL_YES
#define SIMDLL_MODELLED_CloseClusterNotifyPort SIMDLL_YES
#define SIMDLL_MODELLED_CreateClusterNotifyPortV2 SIMDLL_YES
#define SIMDLL_MODELLED_RegisterClusterNotifyV2 SIMDLL_YES
#define SIMDLL_MODELLED_GetNotifyEventHandle SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNotifyV2 SIMDLL_YES

/* Beyond the table: simdll_more.c. */
#define SIMDLL_MODELLED_ClusterGetEnumCount SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGetEnumCountEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNodeGetEnumCount SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupGetEnumCount SIMDLL_YES
#define SIMDLL_MODELLED_ClusterGroupGetEnumCountEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceGetEnumCount SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceGetEnumCountEx SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetworkGetEnumCount SIMDLL_YES
#define SIMDLL_MODELLED_GetNodeClusterState SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceTypeOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceTypeEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceTypeCloseEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceTypeGetEnumCount SIMDLL_YES
#define SIMDLL_MODELLED_ClusterResourceTypeControl SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetInterfaceOpenEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetInterfaceEnum SIMDLL_YES
#define SIMDLL_MODELLED_ClusterNetInterfaceCloseEnum SIMDLL_YES

/* The cluster registry: simdll_registry.c. */
#define SIMDLL_MODELLED_GetClusterKey SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterGroupKey SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterResourceKey SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNodeKey SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNetworkKey SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterNetInterfaceKey SIMDLL_YES
#define SIMDLL_MODELLED_GetClusterResourceTypeKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegOpenKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegCloseKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegQueryValue SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegEnumKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegEnumValue SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegQueryInfoKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegSetValue SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegCreateKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegDeleteValue SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegDeleteKey SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegSetKeySecurity SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegCreateBatch SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegCreateReadBatch SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegReadBatchAddCommand SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegCloseReadBatch SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegReadBatchReplyNextCommand SIMDLL_YES
#define SIMDLL_MODELLED_ClusterRegCloseReadBatchReply SIMDLL_YES
/* Creating and deleting groups and resources: simdll_create.c. */
#define SIMDLL_MODELLED_CreateClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_DeleteClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_DestroyClusterGroup SIMDLL_YES
#define SIMDLL_MODELLED_CreateClusterResource SIMDLL_YES
#define SIMDLL_MODELLED_DeleteClusterResource SIMDLL_YES

#endif /* SIMDLL_SDK_SURFACE_H */
