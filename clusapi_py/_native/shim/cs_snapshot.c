/*
 * shim/cs_snapshot.c - cs_snapshot (api/cs_snapshot.h): the whole cluster
 * in one call, from the walks in cs_snapshot_walk.c.
 *
 * Layout of the result.
 * text, in order: cluster name, vendor id, CSD version, quorum resource,
 *   quorum device; then for each node: name, id; each group: name, id,
 *   owner node; each resource: name, id, owner node, group; each network:
 *   name, id; each net interface: name, node, network; each resource type:
 *   name.
 * ints: major, minor, build, highest version, lowest version, flags,
 *   quorum max log size, then the counts of nodes, groups, resources,
 *   networks, net interfaces, resource types, then the states of the
 *   nodes, groups, resources, networks and net interfaces in that order.
 */
#include "shim/cs_shim_int.h"
#include <string.h>

/* The first Close* export the backend lacks, or -1.  The walks close every
 * object they open, so without one of them they cannot run. */
static int missing_close(cs_backend *b)
{
    static const int closes[] = { CS_FN_CloseClusterNode, CS_FN_CloseClusterGroup, CS_FN_CloseClusterResource,
                                  CS_FN_CloseClusterNetwork, CS_FN_CloseClusterNetInterface };
    size_t i;
    for (i = 0; i < sizeof(closes) / sizeof(closes[0]); i++)
        if (b->table.slot[closes[i]] == NULL)
            return closes[i];
    return -1;
}

uint32_t cs_snapshot(uint64_t cluster, cs_result **out)
{
    enum { NODES, GROUPS, RESOURCES, NETWORKS, NETIFS, N_PARTS };
    shim_rows parts[N_PARTS];
    cs_builder head = CS_BUILDER_INIT, quorum = CS_BUILDER_INIT, restypes = CS_BUILDER_INIT;
    cs_builder nif_node = CS_BUILDER_INIT, nif_network = CS_BUILDER_INIT, result = CS_BUILDER_INIT;
    cs_backend *b;
    HCLUSTER c;
    uint32_t err;
    int fn = -1, i;
    cs_handle *h = shim_enter(cluster, CS_KIND_CLUSTER);
    if (h == NULL)
        return cs_last_error();
    b = h->backend;
    c = (HCLUSTER)h->raw;
    memset(parts, 0, sizeof(parts));

    if ((fn = missing_close(b)) >= 0) {
        err = ERROR_PROC_NOT_FOUND;
        goto done;
    }
    if ((err = shim_info_raw(b, c, &head, &fn)) != 0) goto done;
    if ((err = shim_quorum_raw(b, c, &quorum, &fn)) != 0) goto done;
    if ((err = shim_walk_with_interfaces(b, c, CS_KIND_NODE, &parts[NODES], &nif_node, &fn)) != 0) goto done;
    if ((err = shim_walk_groups(b, c, &parts[GROUPS], &fn)) != 0) goto done;
    if ((err = shim_walk_resources(b, c, &parts[RESOURCES], &fn)) != 0) goto done;
    if ((err = shim_walk_with_interfaces(b, c, CS_KIND_NETWORK, &parts[NETWORKS], &nif_network, &fn)) != 0)
        goto done;
    if ((err = shim_walk_netinterfaces(b, c, &parts[NETIFS], &nif_node, &nif_network, &fn)) != 0) goto done;
    if ((err = shim_list_raw(b, CS_KIND_CLUSTER, c, (DWORD)CLUSTER_ENUM_RESTYPE, &restypes, &fn)) != 0) goto done;

    /* head: name, vendor, csd | major minor build highest lowest flags */
    cs_bd_append(&result, &head);
    {
        /* quorum: resource, device | max log */
        cs_builder q_text = quorum;
        q_text.n_ints = 0;
        cs_bd_append(&result, &q_text);
        cs_bd_int(&result, quorum.n_ints ? quorum.ints[0] : 0);
    }
    for (i = 0; i < N_PARTS; i++)
        cs_bd_int(&result, (int64_t)parts[i].n);
    cs_bd_int(&result, (int64_t)cs_bd_count(&restypes));
    for (i = 0; i < N_PARTS; i++) {
        cs_bd_append(&result, &parts[i].text);
        cs_bd_append(&result, &parts[i].ints);
    }
    cs_bd_append(&result, &restypes);
done:
    shim_leave(cluster);
    cs_bd_free(&head);
    cs_bd_free(&quorum);
    cs_bd_free(&restypes);
    cs_bd_free(&nif_node);
    cs_bd_free(&nif_network);
    for (i = 0; i < N_PARTS; i++) {
        cs_bd_free(&parts[i].text);
        cs_bd_free(&parts[i].ints);
    }
    if (err) {
        cs_bd_free(&result);
        return cs_fail(err, fn);
    }
    return cs_bd_deliver(&result, out);
}
