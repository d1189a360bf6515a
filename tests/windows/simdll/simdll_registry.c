/*
 * tests/windows/simdll/simdll_registry.c - the simulated clusapi.dll's
 * cluster registry: GetCluster*Key, the ClusterReg* reads and the read
 * batch over the simulator's database (sim/cs_sim_registry.c: its layout,
 * values and codes are described in sim/cs_sim.h).  The database is
 * read-only: the writes modelled here (ClusterRegSetValue, CreateKey,
 * DeleteValue, DeleteKey, SetKeySecurity, CreateBatch) answer
 * ERROR_ACCESS_DENIED for a valid key (ERROR_INVALID_HANDLE for another).
 * Each function is listed in sdk_surface.h (SIMDLL_MODELLED_*) and declared
 * from sdk_functions.h, so its signature is the SDK's.
 */
#include "api/cs_shim.h"
#include "sim/cs_sim.h"
#include "sdk_surface.h"

SIMDLL_SDK_FUNCTIONS(SIMDLL_DECLARE_MODELLED)

#define SIMDLL_EXPORT __declspec(dllexport)
#define TOKEN(h) ((uint64_t)(uintptr_t)(h))

/* CLUSTER_READ_BATCH_COMMAND (clusapi.h; sdk_types.h declares it opaque). */
struct _CLUSTER_READ_BATCH_COMMAND {
    CLUSTER_REG_COMMAND Command;
    DWORD dwOptions;
    LPCWSTR wzSubkeyName;
    LPCWSTR wzValueName;
    const BYTE *lpData;
    DWORD cbData;
};

/* A key as the DLL returns it: the handle, or NULL with the error as the last error. */
static HKEY key_of(DWORD err, uint64_t token)
{
    if (err) {
        SetLastError(err);
        return NULL;
    }
    return (HKEY)(uintptr_t)token;
}

static void put_time(PFILETIME ft, uint64_t ticks)
{
    if (ft != NULL) {
        ft->dwLowDateTime = (DWORD)ticks;
        ft->dwHighDateTime = (DWORD)(ticks >> 32);
    }
}

/* ---- the keys of objects ------------------------------------------------------------------------ */
#define SIMDLL_OBJECT_KEY(name, htype, kind) \
    SIMDLL_EXPORT HKEY WINAPI name(htype h, REGSAM samDesired) \
    { \
        uint64_t token = 0; \
        DWORD err; \
        (void)samDesired; \
        err = cs_sim_surface_reg_key(TOKEN(h), kind, &token); \
        return key_of(err, token); \
    }
SIMDLL_OBJECT_KEY(GetClusterKey, HCLUSTER, CS_KIND_CLUSTER)
SIMDLL_OBJECT_KEY(GetClusterGroupKey, HGROUP, CS_KIND_GROUP)
SIMDLL_OBJECT_KEY(GetClusterResourceKey, HRESOURCE, CS_KIND_RESOURCE)
SIMDLL_OBJECT_KEY(GetClusterNodeKey, HNODE, CS_KIND_NODE)
SIMDLL_OBJECT_KEY(GetClusterNetworkKey, HNETWORK, CS_KIND_NETWORK)
SIMDLL_OBJECT_KEY(GetClusterNetInterfaceKey, HNETINTERFACE, CS_KIND_NETINTERFACE)

SIMDLL_EXPORT HKEY WINAPI GetClusterResourceTypeKey(HCLUSTER hCluster, LPCWSTR lpszTypeName, REGSAM samDesired)
{
    uint64_t token = 0;
    DWORD err;
    (void)samDesired;
    err = cs_sim_surface_reg_type_key(TOKEN(hCluster), lpszTypeName, &token);
    return key_of(err, token);
}

/* ---- opening, closing, reading ------------------------------------------------------------------- */
SIMDLL_EXPORT LONG WINAPI ClusterRegOpenKey(HKEY hKey, LPCWSTR lpszSubKey, REGSAM samDesired, PHKEY phkResult)
{
    uint64_t token = 0;
    DWORD err;
    (void)samDesired;
    if (phkResult == NULL)
        return ERROR_INVALID_PARAMETER;
    err = cs_sim_surface_reg_open(TOKEN(hKey), lpszSubKey, &token);
    *phkResult = err ? NULL : (HKEY)(uintptr_t)token;
    return (LONG)err;
}

SIMDLL_EXPORT LONG WINAPI ClusterRegCloseKey(HKEY hKey)
{
    return (LONG)cs_sim_surface_reg_close(TOKEN(hKey));
}

SIMDLL_EXPORT LONG WINAPI ClusterRegQueryValue(HKEY hKey, LPCWSTR lpszValueName, LPDWORD lpdwValueType, LPBYTE lpData,
                                               LPDWORD lpcbData)
{
    return (LONG)cs_sim_surface_reg_value(TOKEN(hKey), lpszValueName, lpdwValueType, lpData, lpcbData);
}

SIMDLL_EXPORT LONG WINAPI ClusterRegEnumKey(HKEY hKey, DWORD dwIndex, LPWSTR lpszName, LPDWORD lpcchName,
                                            PFILETIME lpftLastWriteTime)
{
    uint64_t written = 0;
    DWORD err = cs_sim_surface_reg_enum_key(TOKEN(hKey), dwIndex, lpszName, lpcchName, &written);
    if (!err)
        put_time(lpftLastWriteTime, written);
    return (LONG)err;
}

SIMDLL_EXPORT DWORD WINAPI ClusterRegEnumValue(HKEY hKey, DWORD dwIndex, LPWSTR lpszValueName, LPDWORD lpcchValueName,
                                               LPDWORD lpdwType, LPBYTE lpData, LPDWORD lpcbData)
{
    return cs_sim_surface_reg_enum_value(TOKEN(hKey), dwIndex, lpszValueName, lpcchValueName, lpdwType, lpData,
                                         lpcbData);
}

SIMDLL_EXPORT LONG WINAPI ClusterRegQueryInfoKey(HKEY hKey, LPDWORD lpcSubKeys, LPDWORD lpcchMaxSubKeyLen,
                                                 LPDWORD lpcValues, LPDWORD lpcchMaxValueNameLen,
                                                 LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
                                                 PFILETIME lpftLastWriteTime)
{
    uint64_t written = 0;
    DWORD err = cs_sim_surface_reg_info(TOKEN(hKey), lpcSubKeys, lpcchMaxSubKeyLen, lpcValues, lpcchMaxValueNameLen,
                                        lpcbMaxValueLen, &written);
    if (!err) {
        if (lpcbSecurityDescriptor != NULL)
            *lpcbSecurityDescriptor = 0;        /* the simulator keeps no key security */
        put_time(lpftLastWriteTime, written);
    }
    return (LONG)err;
}

/* ---- writes: refused (the simulated database is read-only) -------------------------------------- */
SIMDLL_EXPORT DWORD WINAPI ClusterRegSetValue(HKEY hKey, LPCWSTR lpszValueName, DWORD dwType, const BYTE *lpData,
                                              DWORD cbData)
{
    (void)lpszValueName;
    (void)dwType;
    (void)lpData;
    (void)cbData;
    return cs_sim_surface_reg_write(TOKEN(hKey));
}

SIMDLL_EXPORT LONG WINAPI ClusterRegCreateKey(HKEY hKey, LPCWSTR lpszSubKey, DWORD dwOptions, REGSAM samDesired,
                                              LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                              LPDWORD lpdwDisposition)
{
    (void)lpszSubKey;
    (void)dwOptions;
    (void)samDesired;
    (void)lpSecurityAttributes;
    (void)lpdwDisposition;
    if (phkResult != NULL)
        *phkResult = NULL;
    return (LONG)cs_sim_surface_reg_write(TOKEN(hKey));
}

SIMDLL_EXPORT DWORD WINAPI ClusterRegDeleteValue(HKEY hKey, LPCWSTR lpszValueName)
{
    (void)lpszValueName;
    return cs_sim_surface_reg_write(TOKEN(hKey));
}

SIMDLL_EXPORT LONG WINAPI ClusterRegDeleteKey(HKEY hKey, LPCWSTR lpszSubKey)
{
    (void)lpszSubKey;
    return (LONG)cs_sim_surface_reg_write(TOKEN(hKey));
}

SIMDLL_EXPORT LONG WINAPI ClusterRegSetKeySecurity(HKEY hKey, SECURITY_INFORMATION SecurityInformation,
                                                   PSECURITY_DESCRIPTOR pSecurityDescriptor)
{
    (void)SecurityInformation;
    (void)pSecurityDescriptor;
    return (LONG)cs_sim_surface_reg_write(TOKEN(hKey));
}

SIMDLL_EXPORT LONG WINAPI ClusterRegCreateBatch(HKEY hKey, HREGBATCH *pHREGBATCH)
{
    if (pHREGBATCH != NULL)
        *pHREGBATCH = NULL;
    return (LONG)cs_sim_surface_reg_write(TOKEN(hKey));
}

/* ---- the read batch ------------------------------------------------------------------------------- */
SIMDLL_EXPORT LONG WINAPI ClusterRegCreateReadBatch(HKEY hKey, HREGREADBATCH *phRegReadBatch)
{
    uint64_t token = 0;
    DWORD err;
    if (phRegReadBatch == NULL)
        return ERROR_INVALID_PARAMETER;
    err = cs_sim_surface_reg_batch(TOKEN(hKey), &token);
    *phRegReadBatch = err ? NULL : (HREGREADBATCH)(uintptr_t)token;
    return (LONG)err;
}

SIMDLL_EXPORT LONG WINAPI ClusterRegReadBatchAddCommand(HREGREADBATCH hRegReadBatch, LPCWSTR wzSubkeyName,
                                                        LPCWSTR wzValueName)
{
    return (LONG)cs_sim_surface_reg_batch_add(TOKEN(hRegReadBatch), wzSubkeyName, wzValueName);
}

SIMDLL_EXPORT LONG WINAPI ClusterRegCloseReadBatch(HREGREADBATCH hRegReadBatch,
                                                   HREGREADBATCHREPLY *phRegReadBatchReply)
{
    uint64_t token = 0;
    DWORD err = cs_sim_surface_reg_batch_run(TOKEN(hRegReadBatch), phRegReadBatchReply ? &token : NULL);
    if (phRegReadBatchReply != NULL)
        *phRegReadBatchReply = err ? NULL : (HREGREADBATCHREPLY)(uintptr_t)token;
    return (LONG)err;
}

SIMDLL_EXPORT LONG WINAPI ClusterRegReadBatchReplyNextCommand(HREGREADBATCHREPLY hRegReadBatchReply,
                                                              CLUSTER_READ_BATCH_COMMAND *pBatchCommand)
{
    cs_sim_reg_read r;
    DWORD err;
    if (pBatchCommand == NULL)
        return ERROR_INVALID_PARAMETER;
    err = cs_sim_surface_reg_reply_next(TOKEN(hRegReadBatchReply), &r);
    if (!err) {
        pBatchCommand->Command = (CLUSTER_REG_COMMAND)r.command;
        pBatchCommand->dwOptions = r.options;
        pBatchCommand->wzSubkeyName = r.subkey;
        pBatchCommand->wzValueName = r.value;
        pBatchCommand->lpData = r.data;
        pBatchCommand->cbData = r.cb;
    }
    return (LONG)err;
}

SIMDLL_EXPORT LONG WINAPI ClusterRegCloseReadBatchReply(HREGREADBATCHREPLY hRegReadBatchReply)
{
    return (LONG)cs_sim_surface_reg_reply_close(TOKEN(hRegReadBatchReply));
}
