/*
 * sim/cs_sim_cluster.c - the cluster-level entry points: OpenCluster,
 * OpenClusterEx, GetClusterInformation, GetClusterQuorumResource.
 * (CloseCluster is generated in cs_sim_entry.c.)
 */
#include "sim/cs_sim_int.h"
#include <stddef.h>
#include <string.h>

/* The size of CLUSTERVERSIONINFO up to szCSDVersion (the NT4 layout). */
#define CS_NT4_VERSION_INFO_SIZE 268u
typedef char cs_nt4_version_info_size_check
    [offsetof(CLUSTERVERSIONINFO, dwClusterHighestVersion) == CS_NT4_VERSION_INFO_SIZE ? 1 : -1];

/* A cluster name: NULL or "" (the local cluster), the cluster's name, an
 * alias, or a node that is not down. */
static DWORD resolve_cluster_name(const sim *s, LPCWSTR name)
{
    size_t n, i;
    const sim_obj *node;
    if (cs_wempty(name))
        return 0;
    n = cs_wlen(name);
    if (s->name.n && cs_wieq(s->name.p, s->name.n, name, n))
        return 0;
    for (i = 0; i < s->n_aliases; i++)
        if (cs_wieq(s->aliases[i].p, s->aliases[i].n, name, n))
            return 0;
    node = sim_set_find(&s->sets[CS_KIND_NODE], name, n);
    if (node != NULL && node->state != (int)ClusterNodeDown)
        return 0;
    return RPC_S_SERVER_UNAVAILABLE;
}

/* OpenCluster / OpenClusterEx on the instance bound to this thread. */
static HCLUSTER open_cluster(int fn, LPCWSTR name, DWORD desired, LPDWORD granted_out)
{
    call c;
    DWORD granted = 0;
    sim_handle *h = NULL;
    uint64_t token = 0;
    DWORD err = sim_begin(&c, fn, 0, HK_BOUND);
    if (!err)
        err = sim_access_valid(desired);
    if (!err)
        err = resolve_cluster_name(c.s, name);
    if (!err && !cs_wempty(name) && sim_broken(c.s, NULL))
        err = RPC_S_SERVER_UNAVAILABLE;     /* cs_sim_break_connection: the network is down */
    if (!err)
        err = sim_access_grant(c.s, desired, &granted);
    if (!err)
        err = sim_handle_new(c.s, HK_CLUSTER, NULL, NULL, &h);
    if (!err) {
        h->named = !cs_wempty(name);
        h->granted = granted;   /* the write-access control codes check it */
        token = h->token;       /* read under the lock: h may go once it is released */
    }
    if (sim_end(&c, err))
        return NULL;
    if (granted_out)
        *granted_out = granted;
    return HANDLE_OF(HCLUSTER, token);
}

HCLUSTER WINAPI sim_OpenCluster(LPCWSTR lpszClusterName)
{
    return open_cluster(CS_FN_OpenCluster, lpszClusterName, ACCESS_ALL, NULL);
}

HCLUSTER WINAPI sim_OpenClusterEx(LPCWSTR lpszClusterName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess)
{
    return open_cluster(CS_FN_OpenClusterEx, lpszClusterName, dwDesiredAccess, lpdwGrantedAccess);
}

/* The version fields the caller's dwVersionInfoSize has room for. */
static void write_version(const sim *s, LPCLUSTERVERSIONINFO info)
{
    info->MajorVersion = s->major;
    info->MinorVersion = s->minor;
    info->BuildNumber = s->build;
    memcpy(info->szVendorId, s->vendor, sizeof(s->vendor));
    memcpy(info->szCSDVersion, s->csd, sizeof(s->csd));
    if (info->dwVersionInfoSize >= (DWORD)sizeof(CLUSTERVERSIONINFO)) {
        info->dwClusterHighestVersion = s->highest;
        info->dwClusterLowestVersion = s->lowest;
        info->dwFlags = s->flags;
        info->dwReserved = 0;
    }
}

DWORD WINAPI sim_GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
                                       LPCLUSTERVERSIONINFO lpClusterInfo)
{
    call c;
    DWORD err = sim_begin(&c, CS_FN_GetClusterInformation, TOKEN_OF(hCluster), HK_CLUSTER);
    if (!err)
        err = sim_check_name_buffer(lpszClusterName, lpcchClusterName);
    if (!err && lpClusterInfo != NULL && lpClusterInfo->dwVersionInfoSize < CS_NT4_VERSION_INFO_SIZE)
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = sim_put_name(c.s->name.p, c.s->name.n, lpszClusterName, lpcchClusterName);
    if (!err && lpClusterInfo != NULL)
        write_version(c.s, lpClusterInfo);
    return sim_end(&c, err);
}

DWORD WINAPI sim_GetClusterQuorumResource(HCLUSTER hCluster, LPWSTR lpszResourceName, LPDWORD lpcchResourceName,
                                          LPWSTR lpszDeviceName, LPDWORD lpcchDeviceName,
                                          LPDWORD lpdwMaxQuorumLogSize)
{
    call c;
    DWORD err = sim_begin(&c, CS_FN_GetClusterQuorumResource, TOKEN_OF(hCluster), HK_CLUSTER);
    if (!err)
        err = sim_check_name_buffer(lpszResourceName, lpcchResourceName);
    if (!err)
        err = sim_check_name_buffer(lpszDeviceName, lpcchDeviceName);
    if (!err && lpdwMaxQuorumLogSize == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err) {
        const wstr *res = &c.s->q_res, *dev = &c.s->q_dev;
        if (!sim_name_fits(res->n, lpcchResourceName) || !sim_name_fits(dev->n, lpcchDeviceName)) {
            *lpcchResourceName = (DWORD)res->n;
            *lpcchDeviceName = (DWORD)dev->n;
            err = ERROR_MORE_DATA;
        } else {
            sim_name_write(res->p, res->n, lpszResourceName, lpcchResourceName);
            sim_name_write(dev->p, dev->n, lpszDeviceName, lpcchDeviceName);
            *lpdwMaxQuorumLogSize = c.s->q_max;
        }
    }
    return sim_end(&c, err);
}
