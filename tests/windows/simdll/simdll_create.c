/*
 * tests/windows/simdll/simdll_create.c - the simulated clusapi.dll's
 * exports that create and delete groups and resources: CreateClusterGroup,
 * DeleteClusterGroup, DestroyClusterGroup, CreateClusterResource,
 * DeleteClusterResource (all SDK-ungated: in the 2008 build too).  Each is
 * listed in sdk_surface.h and declared from sdk_functions.h, so its
 * signature is the SDK's; the simulator's side, and the codes, are
 * sim/cs_sim_create.c (described in sim/cs_sim.h).
 *
 * Handles are the simulator's tokens, as everywhere in the DLL: a created
 * group or resource is closed with CloseClusterGroup / CloseClusterResource,
 * and deleting one never closes a handle (the docs: "does not close the
 * handle").  Create* return NULL with the error as the thread's last
 * error; Delete* / Destroy* return the code.
 */
#include "api/cs_shim.h"
#include "sim/cs_sim.h"
#include "sdk_surface.h"

SIMDLL_SDK_FUNCTIONS(SIMDLL_DECLARE_MODELLED)

#define SIMDLL_EXPORT __declspec(dllexport)
#define TOKEN(h) ((uint64_t)(uintptr_t)(h))

/* A create's result as the DLL returns it: the handle, or NULL with the error as the last error. */
static void *created(DWORD err, uint64_t token)
{
    if (err) {
        SetLastError(err);
        return NULL;
    }
    return (void *)(uintptr_t)token;
}

SIMDLL_EXPORT HGROUP WINAPI CreateClusterGroup(HCLUSTER hCluster, LPCWSTR lpszGroupName)
{
    uint64_t token = 0;
    DWORD err = cs_sim_surface_create_group(TOKEN(hCluster), lpszGroupName, &token);
    return (HGROUP)created(err, token);
}

SIMDLL_EXPORT DWORD WINAPI DeleteClusterGroup(HGROUP hGroup)
{
    return cs_sim_surface_delete_group(TOKEN(hGroup), 0);
}

SIMDLL_EXPORT DWORD WINAPI DestroyClusterGroup(HGROUP hGroup)
{
    return cs_sim_surface_delete_group(TOKEN(hGroup), 1);
}

SIMDLL_EXPORT HRESOURCE WINAPI CreateClusterResource(HGROUP hGroup, LPCWSTR lpszResourceName,
                                                      LPCWSTR lpszResourceType, DWORD dwFlags)
{
    uint64_t token = 0;
    DWORD err = cs_sim_surface_create_resource(TOKEN(hGroup), lpszResourceName, lpszResourceType, dwFlags, &token);
    return (HRESOURCE)created(err, token);
}

SIMDLL_EXPORT DWORD WINAPI DeleteClusterResource(HRESOURCE hResource)
{
    return cs_sim_surface_delete_resource(TOKEN(hResource));
}
