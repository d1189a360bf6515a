/*
 * tests/windows/simdll/sdk_types.h - the SDK clusapi.h types that the
 * shim's compat header (clusapi/cs_clusapi_compat.h) and mingw-w64's
 * <windows.h> do not declare and sdk_functions.h's signatures name: the
 * simulated DLL's stubs (sdk_stubs.c) and its surface test
 * (test_surface.c) compile against them.
 *
 * Only what the ABI needs: opaque handles and structures (always passed by
 * pointer here), the enumerations as int (an enum argument is an int in
 * the Windows x86 / x64 calling conventions), the callbacks as function
 * pointers (a stub never calls one).  The real signatures of the functions
 * mingw-w64 declares are checked against its header by sdk_mingw_check.c.
 */
#ifndef SIMDLL_SDK_TYPES_H
#define SIMDLL_SDK_TYPES_H

#include "clusapi/cs_clusapi.h"

typedef struct _HNETINTERFACEENUM *HNETINTERFACEENUM;
typedef struct _HRESTYPEENUM *HRESTYPEENUM;
typedef struct _HREGBATCH *HREGBATCH;
typedef struct _HREGBATCHPORT *HREGBATCHPORT;
typedef struct _HREGBATCHNOTIFICATION *HREGBATCHNOTIFICATION;
typedef struct _HREGREADBATCH *HREGREADBATCH;
typedef struct _HREGREADBATCHREPLY *HREGREADBATCHREPLY;
typedef struct _HGROUPSET *HGROUPSET;
typedef struct _HGROUPSETENUM *HGROUPSETENUM;

typedef int CLUSTER_REG_COMMAND;
typedef int CLUSTER_MGMT_POINT_RESTYPE;
typedef int CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE;
typedef int CLUS_AFFINITY_RULE_TYPE;
typedef int CLUSTER_CLOUD_TYPE, *PCLUSTER_CLOUD_TYPE;

typedef struct _CLUSTER_BATCH_COMMAND CLUSTER_BATCH_COMMAND;
typedef struct _CLUSTER_READ_BATCH_COMMAND CLUSTER_READ_BATCH_COMMAND;
typedef struct _CLUSTER_AVAILABILITY_SET_CONFIG *PCLUSTER_AVAILABILITY_SET_CONFIG;
typedef struct _CLUSTER_CREATE_GROUP_INFO *PCLUSTER_CREATE_GROUP_INFO;
typedef struct _CLUSTER_SET_PASSWORD_STATUS *PCLUSTER_SET_PASSWORD_STATUS;
typedef struct _CREATE_CLUSTER_CONFIG *PCREATE_CLUSTER_CONFIG;
typedef struct _CREATE_CLUSTER_NAME_ACCOUNT *PCREATE_CLUSTER_NAME_ACCOUNT;
typedef struct _REPAIR_CLUSTER_NAME_ACCOUNT_CONFIG *PREPAIR_CLUSTER_NAME_ACCOUNT_CONFIG;

typedef void (WINAPI *PCLUSTER_SETUP_PROGRESS_CALLBACK)(void);
typedef void (WINAPI *PCLUSTER_UPGRADE_PROGRESS_CALLBACK)(void);
typedef void (WINAPI *PCLUSAPI_REASON_HANDLER)(void);

#endif /* SIMDLL_SDK_TYPES_H */
