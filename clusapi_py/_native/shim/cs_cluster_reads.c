/* shim/cs_cluster_reads.c - reads of the cluster itself (cs_cluster_info,
 * cs_quorum, cs_netinterface_name: api/cs_reads.h). */
#include "shim/cs_shim_int.h"
#include <string.h>

uint32_t shim_info_raw(cs_backend *b, HCLUSTER c, cs_builder *bd, int *fn)
{
    cs_fn_GetClusterInformation get = b->table.fn.GetClusterInformation;
    CLUSTERVERSIONINFO info;
    cs_namebuf nb;
    uint32_t err;
    *fn = CS_FN_GetClusterInformation;
    if (!get)
        return ERROR_PROC_NOT_FOUND;
    cs_nb_init(&nb);
    memset(&info, 0, sizeof(info));
    info.dwVersionInfoSize = (DWORD)sizeof(info);
    CS_CALL_WITH_NAME(&nb, get(c, nb.p, cchp_, &info), err)
    if (err == 0) {
        /* the fixed-size strings need not end with a NUL */
        cs_bd_string(bd, nb.p);
        cs_bd_text(bd, info.szVendorId, cs_wlen_max(info.szVendorId, sizeof(info.szVendorId) / sizeof(cs_char)));
        cs_bd_text(bd, info.szCSDVersion, cs_wlen_max(info.szCSDVersion, sizeof(info.szCSDVersion) / sizeof(cs_char)));
        cs_bd_int(bd, info.MajorVersion);
        cs_bd_int(bd, info.MinorVersion);
        cs_bd_int(bd, info.BuildNumber);
        cs_bd_int(bd, info.dwClusterHighestVersion);
        cs_bd_int(bd, info.dwClusterLowestVersion);
        cs_bd_int(bd, info.dwFlags);
    }
    cs_nb_free(&nb);
    return err;
}

uint32_t shim_quorum_raw(cs_backend *b, HCLUSTER c, cs_builder *bd, int *fn)
{
    cs_fn_GetClusterQuorumResource get = b->table.fn.GetClusterQuorumResource;
    cs_namebuf res, dev;
    uint32_t err;
    DWORD max_log = 0;
    *fn = CS_FN_GetClusterQuorumResource;
    if (!get)
        return ERROR_PROC_NOT_FOUND;
    cs_nb_init(&res);
    cs_nb_init(&dev);
    for (;;) {
        DWORD cch_res = res.cap, cch_dev = dev.cap;
        err = get(c, res.p, &cch_res, dev.p, &cch_dev, &max_log);
        if (err != ERROR_MORE_DATA)
            break;
        if ((err = cs_nb_grow2(&res, cch_res, &dev, cch_dev)) != 0)
            break;
    }
    if (err == 0) {
        cs_bd_string(bd, res.p);
        cs_bd_string(bd, dev.p);
        cs_bd_int(bd, max_log);
    }
    cs_nb_free(&res);
    cs_nb_free(&dev);
    return err;
}

/* Runs one cluster-level read (shim_info_raw, shim_quorum_raw) on a cluster token. */
typedef uint32_t (*cluster_reader)(cs_backend *b, HCLUSTER c, cs_builder *bd, int *fn);

static uint32_t read_cluster(uint64_t cluster, cluster_reader reader, cs_result **out)
{
    cs_builder bd = CS_BUILDER_INIT;
    uint32_t err;
    int fn = -1;
    cs_handle *h = shim_enter(cluster, CS_KIND_CLUSTER);
    if (h == NULL)
        return cs_last_error();
    err = reader(h->backend, (HCLUSTER)h->raw, &bd, &fn);
    shim_leave(cluster);
    if (err) {
        cs_bd_free(&bd);
        return cs_fail(err, fn);
    }
    return cs_bd_deliver(&bd, out);
}

uint32_t cs_cluster_info(uint64_t cluster, cs_result **out)
{
    return read_cluster(cluster, shim_info_raw, out);
}

uint32_t cs_quorum(uint64_t cluster, cs_result **out)
{
    return read_cluster(cluster, shim_quorum_raw, out);
}

/* GetClusterNetInterface's arguments besides the cluster. */
typedef struct netinterface_of {
    const cs_char *node, *network;
} netinterface_of;

static uint32_t netinterface_reader(cs_handle *h, const void *arg, cs_namebuf *nb, int *fn)
{
    const netinterface_of *a = (const netinterface_of *)arg;
    uint32_t err;
    cs_fn_GetClusterNetInterface get = h->backend->table.fn.GetClusterNetInterface;
    *fn = CS_FN_GetClusterNetInterface;
    if (!get)
        return ERROR_PROC_NOT_FOUND;
    CS_CALL_WITH_NAME(nb, get((HCLUSTER)h->raw, a->node, a->network, nb->p, cchp_), err)
    return err;
}

uint32_t cs_netinterface_name(uint64_t cluster, const cs_char *node, const cs_char *network, cs_result **out)
{
    netinterface_of a;
    a.node = node;
    a.network = network;
    return shim_read_name(cluster, CS_KIND_CLUSTER, netinterface_reader, &a, out);
}
