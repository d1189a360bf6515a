/*
 * shim/cs_snapshot.c - cs_snapshot (api/cs_snapshot.h, which describes the
 * sectioned result): runs the walks of cs_snapshot_walk.c and lays their
 * rows out as sections; its bounded form, cs_snapshot_limited
 * (api/cs_limits.h).
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>
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

/* The sections, in the order they appear, with their row shapes. */
enum { S_CLUSTER, S_QUORUM, S_NODES, S_GROUPS, S_RESOURCES, S_NETWORKS, S_NETIFS, S_RESTYPES, N_SECTIONS,
       S_GROUP_PROPS = N_SECTIONS, S_RESOURCE_PROPS, S_NODE_PROPS, S_NETWORK_PROPS, S_CLUSTER_PROPS, N_ALL };

static const struct section_shape {
    int kind;
    int fields_per_row, ints_per_row;
} shapes[N_ALL] = {
    { CS_SECTION_CLUSTER, 3, 6 },
    { CS_SECTION_QUORUM, 2, 1 },
    { CS_SECTION_NODES, 2, 1 },
    { CS_SECTION_GROUPS, 3, 1 },
    { CS_SECTION_RESOURCES, 4, 2 },
    { CS_SECTION_NETWORKS, 2, 1 },
    { CS_SECTION_NETINTERFACES, 3, 2 },
    { CS_SECTION_RESOURCE_TYPES, 1, 0 },
    /* with CS_SNAPSHOT_PROPERTIES (cs_snapshot_props.c) */
    { CS_SECTION_GROUP_PROPERTIES, 1, 2 },
    { CS_SECTION_RESOURCE_PROPERTIES, 1, 2 },
    { CS_SECTION_NODE_PROPERTIES, 1, 2 },
    { CS_SECTION_NETWORK_PROPERTIES, 1, 2 },
    { CS_SECTION_CLUSTER_PROPERTIES, 1, 2 },
};

/* Runs every walk; each section's rows go to sections[...] (a section's
 * text and ints may sit in either of its two builders: the order within
 * each channel is what counts). */
static uint32_t walk_all(cs_backend *b, HCLUSTER c, uint32_t flags, shim_rows *sections, int *fn)
{
    cs_builder nif_node = CS_BUILDER_INIT, nif_network = CS_BUILDER_INIT;
    shim_settle settle = SHIM_SETTLE_INIT;
    const shim_settle *settled = (flags & CS_SNAPSHOT_SETTLED) ? &settle : NULL;
    cs_char **quorum = NULL;
    size_t n_quorum = 0;
    uint32_t err;
    if ((*fn = missing_close(b)) >= 0)
        return ERROR_PROC_NOT_FOUND;
    if ((err = shim_info_raw(b, c, &sections[S_CLUSTER].text, fn)) != 0) goto done;
    sections[S_CLUSTER].n = 1;
    if ((err = shim_quorum_raw(b, c, &sections[S_QUORUM].text, fn)) != 0) goto done;
    sections[S_QUORUM].n = 1;
    /* Networks first: with `settled`, the nodes' interfaces are listed only
     * where they can matter (cs_snapshot_settle.c) -- a node that is not Up
     * or Paused, or every node while some network is not Up (then its
     * interfaces are read, and their rows name their nodes). */
    if ((err = shim_walk_with_interfaces(b, c, CS_KIND_NETWORK, settled != NULL, &sections[S_NETWORKS],
                                         &nif_network, fn)) != 0)
        goto done;
    if ((err = shim_walk_with_interfaces(b, c, CS_KIND_NODE,
                                         settled != NULL && shim_all_up(&sections[S_NETWORKS]),
                                         &sections[S_NODES], &nif_node, fn)) != 0)
        goto done;
    if ((err = shim_walk_groups(b, c, &sections[S_GROUPS], fn)) != 0) goto done;
    if (settled != NULL) {
        *fn = -1;
        if ((quorum = cs_bd_fields(&sections[S_QUORUM].text, &n_quorum)) == NULL || n_quorum < 1) {
            err = ERROR_NOT_ENOUGH_MEMORY;
            goto done;
        }
        if ((err = shim_settle_groups(&settle, &sections[S_GROUPS], quorum[0])) != 0) goto done;
    }
    if ((err = shim_walk_resources(b, c, &sections[S_RESOURCES], settled, fn)) != 0) goto done;
    if ((err = shim_walk_netinterfaces(b, c, &sections[S_NETIFS], &nif_node, &nif_network, &sections[S_NODES],
                                       &sections[S_NETWORKS],
                                       settled != NULL, fn)) != 0)
        goto done;
    err = shim_list_raw(b, CS_KIND_CLUSTER, c, (DWORD)CLUSTER_ENUM_RESTYPE, &sections[S_RESTYPES].text, fn);
    sections[S_RESTYPES].n = cs_bd_count(&sections[S_RESTYPES].text);
    if (err || !(flags & CS_SNAPSHOT_PROPERTIES))
        goto done;
    if ((err = shim_walk_bulk_properties(b, c, CS_KIND_GROUP, &sections[S_GROUP_PROPS], fn)) != 0) goto done;
    if ((err = shim_walk_bulk_properties(b, c, CS_KIND_RESOURCE, &sections[S_RESOURCE_PROPS], fn)) != 0) goto done;
    if ((err = shim_walk_object_properties(b, c, CS_KIND_NODE, &sections[S_NODE_PROPS], fn)) != 0) goto done;
    if ((err = shim_walk_object_properties(b, c, CS_KIND_NETWORK, &sections[S_NETWORK_PROPS], fn)) != 0) goto done;
    err = shim_walk_object_properties(b, c, CS_KIND_CLUSTER, &sections[S_CLUSTER_PROPS], fn);
done:
    shim_settle_free(&settle);
    free(quorum);
    cs_bd_free(&nif_node);
    cs_bd_free(&nif_network);
    return err;
}

/* The format head, the section headers, then every section's data. */
static void lay_out(shim_rows *sections, int count, cs_builder *result)
{
    int i;
    cs_bd_sections_head(result, CS_SNAPSHOT_FORMAT, count);
    for (i = 0; i < count; i++)
        cs_bd_section_header(result, shapes[i].kind, sections[i].n, shapes[i].fields_per_row,
                             shapes[i].ints_per_row, sections[i].text.n_bytes + sections[i].ints.n_bytes);
    for (i = 0; i < count; i++) {
        cs_bd_append(result, &sections[i].text);
        cs_bd_append(result, &sections[i].ints);
    }
}

uint32_t cs_snapshot(uint64_t cluster, cs_result **out)
{
    return cs_snapshot_ex(cluster, 0, out);
}

uint32_t cs_snapshot_ex(uint64_t cluster, uint32_t flags, cs_result **out)
{
    shim_rows sections[N_ALL];
    cs_builder result = CS_BUILDER_INIT;
    uint32_t err;
    int fn = -1, i;
    cs_handle *h = shim_enter(cluster, CS_KIND_CLUSTER);
    if (h == NULL)
        return cs_last_error();
    memset(sections, 0, sizeof(sections));
    if (flags & ~(uint32_t)(CS_SNAPSHOT_PROPERTIES | CS_SNAPSHOT_SETTLED))
        err = ERROR_INVALID_PARAMETER;
    else
        err = walk_all(h->backend, (HCLUSTER)h->raw, flags, sections, &fn);
    shim_leave(cluster);
    if (err == 0)
        lay_out(sections, (flags & CS_SNAPSHOT_PROPERTIES) ? N_ALL : N_SECTIONS, &result);
    for (i = 0; i < N_ALL; i++) {
        cs_bd_free(&sections[i].text);
        cs_bd_free(&sections[i].ints);
    }
    if (err) {
        cs_bd_free(&result);
        return cs_fail(err, fn);
    }
    return cs_bd_deliver(&result, out);
}

/* Bounded (api/cs_limits.h): the walks check the thread's deadline and
 * cancel flag between backend calls (core/cs_deadline.h). */
uint32_t cs_snapshot_limited(uint64_t cluster, uint32_t flags, double timeout, int32_t *cancel, cs_result **out)
{
    cs_deadline_begin(timeout, cancel);
    return cs_deadline_end(cs_snapshot_ex(cluster, flags, out));
}
