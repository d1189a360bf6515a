/*
 * shim/cs_snapshot_walk.c - the snapshot's walks, one per object kind:
 * each lists the objects, reads what the bulk enumeration did not give
 * (opening, reading and closing each object), and appends one row per
 * object to a shim_rows (text fields, and the state as its int).
 *
 * Paths: ClusterGroupOpenEnumEx gives every group's id, state and owner in
 * one round trip; ClusterResourceOpenEnumEx every resource's id and group;
 * ClusterOpenEnumEx the ids of nodes and networks.  Where an export is
 * missing the walk falls back to per-object calls.  An object deleted
 * between the listing and its own calls (a *_NOT_FOUND code) is skipped.
 * Every raw handle a walk opens is closed before its answers are looked at.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>

/* Names (and ids when *with_ids) of every object of a CLUSTER_ENUM type:
 * from ClusterOpenEnumEx where the backend has it, else ClusterOpenEnum
 * (then *with_ids is 0 and ids must be read per object). */
static uint32_t list_objects(cs_backend *b, HCLUSTER c, DWORD type, cs_builder *out, int *with_ids, int *fn)
{
    int absent;
    uint32_t err = shim_enum_ex_cluster(b, c, type, out, &absent, fn);
    *with_ids = !absent;
    if (!absent)
        return err;
    return shim_list_raw(b, CS_KIND_CLUSTER, c, type, out, fn);
}

#define WALK_FAIL(e, f) do { err = (e); *fn = (f); goto done; } while (0)

/* The net interfaces of a node or a network. */
static uint32_t list_interfaces(cs_backend *b, int kind, void *raw, cs_builder *out, int *fn)
{
    return shim_list_raw(b, kind, raw, cs_kind_row_of(kind)->interfaces_enum, out, fn);
}

/* Appends (interface, owner) for each name in nifs. */
static int add_owner_pairs(const cs_builder *nifs, const cs_char *owner, cs_builder *nif_owner)
{
    size_t n_nifs = 0, j;
    cs_char **nif_names = cs_bd_fields(nifs, &n_nifs);
    if (nif_names == NULL)
        return 0;
    for (j = 0; j < n_nifs; j++) {
        cs_bd_string(nif_owner, nif_names[j]);
        cs_bd_string(nif_owner, owner);
    }
    free(nif_names);
    return 1;
}

/* With `settled`, a node that is Up or Paused is not asked for its
 * interfaces (cs_snapshot_settle.c: their states are settled by their
 * networks'); every other node and every network is. */
static int lists_interfaces(int kind, int state, int settled)
{
    if (!settled || kind != CS_KIND_NODE)
        return 1;
    return state != ClusterNodeUp && state != ClusterNodePaused;
}

uint32_t shim_walk_with_interfaces(cs_backend *b, HCLUSTER c, int kind, int settled, shim_rows *out,
                                   cs_builder *nif_owner, int *fn)
{
    cs_builder list = CS_BUILDER_INIT;
    cs_char **items = NULL;
    size_t count = 0, i, step;
    int with_ids;
    uint32_t err;
    cs_namebuf id;
    cs_nb_init(&id);
    err = list_objects(b, c, cs_kind_row_of(kind)->enum_type, &list, &with_ids, fn);
    if (err)
        goto done;
    if ((items = cs_bd_fields(&list, &count)) == NULL)
        WALK_FAIL(ERROR_NOT_ENOUGH_MEMORY, -1);
    step = with_ids ? 2 : 1;
    for (i = 0; i + step <= count; i += step) {
        const cs_char *name = items[i];
        uint32_t e = 0;
        int f = -1, state, paired;
        DWORD granted;
        cs_builder nifs = CS_BUILDER_INIT;
        void *raw;
        if ((e = shim_stop()) != 0)
            WALK_FAIL(e, -1);
        raw = shim_open_raw(b, c, kind, name, 0, 1, &granted, &e, &f);
        if (raw == NULL) {
            if (shim_is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        state = shim_state_raw(b, kind, raw, &e, &f);
        /* Failure is e != 0, never the state's value: a backend may answer any value. */
        if (e == 0 && !with_ids)
            e = shim_id_raw(b, kind, raw, &id, &f);
        if (e == 0 && lists_interfaces(kind, state, settled))
            e = list_interfaces(b, kind, raw, &nifs, &f);
        shim_close_raw(b, kind, raw);
        if (e != 0) {
            cs_bd_free(&nifs);
            if (shim_is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        paired = add_owner_pairs(&nifs, name, nif_owner);
        cs_bd_free(&nifs);
        if (!paired)
            WALK_FAIL(ERROR_NOT_ENOUGH_MEMORY, -1);
        cs_bd_string(&out->text, name);
        cs_bd_string(&out->text, with_ids ? items[i + 1] : id.p);
        cs_bd_int(&out->ints, state);
        out->n++;
    }
    err = 0;
done:
    free(items);
    cs_bd_free(&list);
    cs_nb_free(&id);
    return err;
}

/* The per-object part of the group (fallback) and resource walks: for
 * every listed object (name, then its id when step >= 2), open it, read its
 * status -- and its id when the listing had none (step 1) -- and close it;
 * append name, id, owner[, group] and the state.  Objects gone meanwhile are
 * skipped. */
static uint32_t walk_statuses(cs_backend *b, HCLUSTER c, int kind, cs_char **items, size_t count, size_t step,
                              const shim_settle *settle, shim_rows *out, int *fn)
{
    uint32_t err = 0;
    size_t i;
    cs_namebuf id, owner, group;
    cs_nb_init(&id);
    cs_nb_init(&owner);
    cs_nb_init(&group);
    for (i = 0; i + step <= count; i += step) {
        uint32_t e = 0;
        int f = -1, state;
        DWORD granted;
        void *raw;
        const cs_char *settled_owner = NULL;
        if ((e = shim_stop()) != 0)
            WALK_FAIL(e, -1);
        if (settle != NULL && step == 3 && shim_settle_resource(settle, items[i], items[i + 2], &state,
                                                                &settled_owner)) {
            cs_bd_string(&out->text, items[i]);
            cs_bd_string(&out->text, items[i + 1]);
            cs_bd_string(&out->text, settled_owner);
            cs_bd_string(&out->text, items[i + 2]);
            cs_bd_int(&out->ints, state);
            cs_bd_int(&out->ints, 0);
            out->n++;
            continue;
        }
        raw = shim_open_raw(b, c, kind, items[i], 0, 1, &granted, &e, &f);
        if (raw == NULL) {
            if (shim_is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        state = shim_status_raw(b, kind, raw, &owner, &group, &e, &f);
        if (e == 0 && step == 1)
            e = shim_id_raw(b, kind, raw, &id, &f);
        shim_close_raw(b, kind, raw);
        if (e != 0) {
            if (shim_is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        cs_bd_string(&out->text, items[i]);
        cs_bd_string(&out->text, step == 1 ? id.p : items[i + 1]);
        cs_bd_string(&out->text, owner.p);
        if (kind == CS_KIND_RESOURCE)
            cs_bd_string(&out->text, group.p);
        cs_bd_int(&out->ints, state);
        if (kind == CS_KIND_RESOURCE)
            cs_bd_int(&out->ints, 1);
        out->n++;
    }
done:
    cs_nb_free(&id);
    cs_nb_free(&owner);
    cs_nb_free(&group);
    return err;
}

/* Runs walk_statuses over a listing of `step` fields per object. */
static uint32_t walk_listed(cs_backend *b, HCLUSTER c, int kind, cs_builder *list, size_t step,
                            const shim_settle *settle, shim_rows *out, int *fn)
{
    size_t count = 0;
    uint32_t err;
    cs_char **items = cs_bd_fields(list, &count);
    if (items == NULL) {
        *fn = -1;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    err = walk_statuses(b, c, kind, items, count, step, settle, out, fn);
    free(items);
    return err;
}

uint32_t shim_walk_groups(cs_backend *b, HCLUSTER c, shim_rows *groups, int *fn)
{
    cs_builder list = CS_BUILDER_INIT;
    int absent, with_ids;
    uint32_t err = shim_enum_ex_groups(b, c, &groups->text, &groups->ints, &absent, fn);
    if (!absent) {
        groups->n = groups->ints.n_ints;
        return err;
    }
    err = list_objects(b, c, (DWORD)CLUSTER_ENUM_GROUP, &list, &with_ids, fn);
    if (err == 0)
        err = walk_listed(b, c, CS_KIND_GROUP, &list, with_ids ? 2 : 1, NULL, groups, fn);
    cs_bd_free(&list);
    return err;
}

uint32_t shim_walk_resources(cs_backend *b, HCLUSTER c, shim_rows *resources, const shim_settle *settle, int *fn)
{
    cs_builder list = CS_BUILDER_INIT;
    size_t step = 3;                  /* name, id, group: the group is read again with the state */
    int absent, with_ids;
    uint32_t err = shim_enum_ex_resources(b, c, &list, &absent, fn);
    if (absent) {
        err = list_objects(b, c, (DWORD)CLUSTER_ENUM_RESOURCE, &list, &with_ids, fn);
        step = with_ids ? 2 : 1;
    }
    if (err == 0)
        err = walk_listed(b, c, CS_KIND_RESOURCE, &list, step, settle, resources, fn);
    cs_bd_free(&list);
    return err;
}

/* The second field of the pair whose first field is `name`, or "". */
static const cs_char *pair_lookup(cs_char **pairs, size_t n, const cs_char *name)
{
    static const cs_char empty[1] = { 0 };
    size_t i;
    for (i = 0; i + 1 < n; i += 2)
        if (cs_wequal(pairs[i], name))
            return pairs[i + 1];
    return empty;
}

int shim_all_up(const shim_rows *networks)
{
    size_t i;
    for (i = 0; i < networks->ints.n_ints; i++)
        if (networks->ints.ints[i] != ClusterNetworkUp)
            return 0;
    return 1;
}

/* The state of the node or network row named `name` (rows name, id |
 * state; `fields`: their text fields), or -1. */
static int64_t row_state(const shim_rows *rows, cs_char **fields, const cs_char *name)
{
    size_t i;
    for (i = 0; i < rows->n && i < rows->ints.n_ints; i++)
        if (cs_wequal(fields[2 * i], name))
            return rows->ints.ints[i];
    return -1;
}

/* Whether an interface's state is settled (cs_snapshot_settle.c): on an Up
 * network, on a node that is Up or Paused -- or whose interfaces were not
 * listed (node "": only such nodes go unlisted). */
static int nif_settled(const shim_rows *nodes, cs_char **node_fields, const cs_char *node,
                       const shim_rows *networks, cs_char **network_fields, const cs_char *network)
{
    int64_t node_state;
    if (network[0] == 0 || row_state(networks, network_fields, network) != ClusterNetworkUp)
        return 0;
    if (node[0] == 0)
        return 1;
    node_state = row_state(nodes, node_fields, node);
    return node_state == ClusterNodeUp || node_state == ClusterNodePaused;
}

uint32_t shim_walk_netinterfaces(cs_backend *b, HCLUSTER c, shim_rows *nifs, const cs_builder *nif_node,
                                 const cs_builder *nif_network, const shim_rows *nodes, const shim_rows *networks,
                                 int settled, int *fn)
{
    cs_builder list = CS_BUILDER_INIT;
    cs_char **items = NULL, **by_node = NULL, **by_network = NULL, **node_fields = NULL, **network_fields = NULL;
    size_t count = 0, n_node = 0, n_network = 0, n_fields = 0, i;
    uint32_t err;
    err = shim_list_raw(b, CS_KIND_CLUSTER, c, (DWORD)CLUSTER_ENUM_NETINTERFACE, &list, fn);
    if (err)
        goto done;
    items = cs_bd_fields(&list, &count);
    by_node = cs_bd_fields(nif_node, &n_node);
    by_network = cs_bd_fields(nif_network, &n_network);
    node_fields = cs_bd_fields(&nodes->text, &n_fields);
    network_fields = cs_bd_fields(&networks->text, &n_fields);
    if (items == NULL || by_node == NULL || by_network == NULL || node_fields == NULL || network_fields == NULL)
        WALK_FAIL(ERROR_NOT_ENOUGH_MEMORY, -1);
    for (i = 0; i < count; i++) {
        uint32_t e = 0;
        int f = -1, state;
        DWORD granted;
        void *nif;
        const cs_char *node = pair_lookup(by_node, n_node, items[i]);
        const cs_char *network = pair_lookup(by_network, n_network, items[i]);
        if ((e = shim_stop()) != 0)
            WALK_FAIL(e, -1);
        if (settled && nif_settled(nodes, node_fields, node, networks, network_fields, network)) {
            /* Up; its node "" when the node walk did not list it (the
             * reading that would say it is the one skipped). */
            cs_bd_string(&nifs->text, items[i]);
            cs_bd_string(&nifs->text, node);
            cs_bd_string(&nifs->text, network);
            cs_bd_int(&nifs->ints, ClusterNetInterfaceUp);
            cs_bd_int(&nifs->ints, 0);
            nifs->n++;
            continue;
        }
        nif = shim_open_raw(b, c, CS_KIND_NETINTERFACE, items[i], 0, 1, &granted, &e, &f);
        if (nif == NULL) {
            if (shim_is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        state = shim_state_raw(b, CS_KIND_NETINTERFACE, nif, &e, &f);
        shim_close_raw(b, CS_KIND_NETINTERFACE, nif);
        if (e != 0) {
            if (shim_is_not_found(e)) continue;
            WALK_FAIL(e, f);
        }
        cs_bd_string(&nifs->text, items[i]);
        cs_bd_string(&nifs->text, node);
        cs_bd_string(&nifs->text, network);
        cs_bd_int(&nifs->ints, state);
        cs_bd_int(&nifs->ints, 1);
        nifs->n++;
    }
    err = 0;
done:
    free(node_fields);
    free(network_fields);
    free(items);
    free(by_node);
    free(by_network);
    cs_bd_free(&list);
    return err;
}
