/*
 * shim/cs_snapshot_props.c - the property sections of cs_snapshot_ex
 * (api/cs_snapshot.h): every group's and resource's common and read-only
 * common properties from Cluster{Group,Resource}OpenEnumEx asked with "*"
 * (one round trip each), per-object control calls where those exports are
 * missing, and the per-object lists of nodes, networks and the cluster.
 * Rows: name | bytes of the read-write list, bytes of the read-only list;
 * the lists themselves go to the rows' bytes, in row order.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>
#include <string.h>

static const WCHAR all_names[3] = { '*', 0, 0 };    /* MULTI_SZ: "*" alone */
#define LISTS_CAP 8192    /* first item buffer of the bulk walk: an item carries two property lists */

static void add_row(shim_rows *rows, const cs_char *name, const void *rw, size_t n_rw, const void *ro, size_t n_ro)
{
    cs_bd_string(&rows->text, name);
    cs_bd_int(&rows->ints, (int64_t)n_rw);
    cs_bd_int(&rows->ints, (int64_t)n_ro);
    cs_bd_bytes(&rows->ints, rw, n_rw);
    cs_bd_bytes(&rows->ints, ro, n_ro);
    rows->n++;
}

/* The read-write and read-only lists of one raw handle (a code the object
 * does not support gives an empty list). */
static uint32_t lists_of(cs_backend *b, int kind, void *raw, DWORD rw_code, DWORD ro_code, cs_builder *rw,
                         cs_builder *ro, int *fn)
{
    uint32_t err = shim_control_bytes(b, kind, raw, rw_code, rw, fn);
    if (err == ERROR_INVALID_FUNCTION)
        err = 0;
    if (err == 0) {
        err = shim_control_bytes(b, kind, raw, ro_code, ro, fn);
        if (err == ERROR_INVALID_FUNCTION)
            err = 0;
    }
    return err;
}

uint32_t shim_walk_object_properties(cs_backend *b, HCLUSTER c, int kind, shim_rows *rows, int *fn)
{
    cs_builder names = CS_BUILDER_INIT;
    cs_char **fields = NULL;
    size_t n = 0, i;
    const cs_kind_row *row = cs_kind_row_of(kind);
    DWORD rw_code, ro_code;
    uint32_t err;
    if (row == NULL) {
        *fn = -1;
        return ERROR_INVALID_PARAMETER;
    }
    rw_code = row->common;
    ro_code = row->ro_common;
    if (kind == CS_KIND_CLUSTER) {
        cs_builder rw = CS_BUILDER_INIT, ro = CS_BUILDER_INIT;
        err = lists_of(b, CS_KIND_CLUSTER, c, rw_code, ro_code, &rw, &ro, fn);
        if (err == 0)
            add_row(rows, NULL, rw.bytes, rw.n_bytes, ro.bytes, ro.n_bytes);
        cs_bd_free(&rw);
        cs_bd_free(&ro);
        return err;
    }
    err = shim_list_raw(b, CS_KIND_CLUSTER, c, row->enum_type, &names, fn);
    if (err == 0 && (fields = cs_bd_fields(&names, &n)) == NULL && cs_bd_count(&names) != 0) {
        *fn = -1;
        err = ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; err == 0 && i < n; i++) {
        cs_builder rw = CS_BUILDER_INIT, ro = CS_BUILDER_INIT;
        DWORD granted;
        uint32_t open_err = 0, list_err;
        void *raw;
        if ((err = shim_stop()) != 0) {     /* a bounded snapshot's deadline or cancel */
            *fn = -1;
            break;
        }
        raw = shim_open_raw(b, c, kind, fields[i], 0, 1, &granted, &open_err, fn);
        if (raw == NULL) {
            /* deleted since it was listed: left out, as the other walks do */
            if (!shim_is_not_found(open_err))
                err = open_err;
            continue;
        }
        list_err = lists_of(b, kind, raw, rw_code, ro_code, &rw, &ro, fn);
        shim_close_raw(b, kind, raw);
        if (list_err == 0)
            add_row(rows, fields[i], rw.bytes, rw.n_bytes, ro.bytes, ro.n_bytes);
        else if (!shim_is_not_found(list_err))
            err = list_err;
        cs_bd_free(&rw);
        cs_bd_free(&ro);
    }
    free(fields);
    cs_bd_free(&names);
    return err;
}

/* One bulk item's name and lists into the rows. */
static void take_group_lists(const void *item, void *rows)
{
    const CLUSTER_GROUP_ENUM_ITEM *g = (const CLUSTER_GROUP_ENUM_ITEM *)item;
    add_row((shim_rows *)rows, g->lpszName, g->pProperties, g->pProperties ? g->cbProperties : 0,
            g->pRoProperties, g->pRoProperties ? g->cbRoProperties : 0);
}

static void take_resource_lists(const void *item, void *rows)
{
    const CLUSTER_RESOURCE_ENUM_ITEM *r = (const CLUSTER_RESOURCE_ENUM_ITEM *)item;
    add_row((shim_rows *)rows, r->lpszName, r->pProperties, r->pProperties ? r->cbProperties : 0,
            r->pRoProperties, r->pRoProperties ? r->cbRoProperties : 0);
}

uint32_t shim_walk_bulk_properties(cs_backend *b, HCLUSTER c, int kind, shim_rows *rows, int *fn)
{
    cs_fn_ClusterGroupOpenEnumEx gopen = b->table.fn.ClusterGroupOpenEnumEx;
    cs_fn_ClusterGroupEnumEx gnext = b->table.fn.ClusterGroupEnumEx;
    cs_fn_ClusterGroupCloseEnumEx gclose = b->table.fn.ClusterGroupCloseEnumEx;
    cs_fn_ClusterResourceOpenEnumEx ropen = b->table.fn.ClusterResourceOpenEnumEx;
    cs_fn_ClusterResourceEnumEx rnext = b->table.fn.ClusterResourceEnumEx;
    cs_fn_ClusterResourceCloseEnumEx rclose = b->table.fn.ClusterResourceCloseEnumEx;
    uint32_t err;
    if (kind == CS_KIND_GROUP) {
        HGROUPENUMEX e;
        if (!gopen || !gnext || !gclose)
            return shim_walk_object_properties(b, c, kind, rows, fn);
        if ((e = gopen(c, all_names, sizeof(all_names), all_names, sizeof(all_names), 0)) == NULL) {
            *fn = CS_FN_ClusterGroupOpenEnumEx;
            return shim_backend_error(b);
        }
        err = shim_read_items((cs_any_fn)gnext, e, shim_next_group_item, CS_FN_ClusterGroupEnumEx, LISTS_CAP,
                              take_group_lists, rows, fn);
        gclose(e);
    } else {
        HRESENUMEX e;
        if (!ropen || !rnext || !rclose)
            return shim_walk_object_properties(b, c, kind, rows, fn);
        if ((e = ropen(c, all_names, sizeof(all_names), all_names, sizeof(all_names), 0)) == NULL) {
            *fn = CS_FN_ClusterResourceOpenEnumEx;
            return shim_backend_error(b);
        }
        err = shim_read_items((cs_any_fn)rnext, e, shim_next_resource_item, CS_FN_ClusterResourceEnumEx, LISTS_CAP,
                              take_resource_lists, rows, fn);
        rclose(e);
    }
    return err;
}
