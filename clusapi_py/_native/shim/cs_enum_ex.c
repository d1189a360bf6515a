/*
 * shim/cs_enum_ex.c - the bulk enumerations the snapshot prefers:
 * ClusterOpenEnumEx (name and id of every node / network / ...),
 * ClusterGroupOpenEnumEx (every group's id, state and owner) and
 * ClusterResourceOpenEnumEx (every resource's id and group), each one
 * round trip where the per-object path costs several per object.
 *
 * Each function reads its three exports once; when one is missing it sets
 * *absent, calls nothing and returns 0, and the caller takes the
 * per-object path instead.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>

#define ITEM_CAP 1024     /* first item buffer of a listing (grown on ERROR_MORE_DATA) */

/* The adapters of the three *EnumEx families: one loop reads them all.
 * `next` is the family's *EnumEx export, read once by the caller. */
DWORD shim_next_cluster_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb)
{
    return ((cs_fn_ClusterEnumEx)next)((HCLUSENUMEX)e, index, (PCLUSTER_ENUM_ITEM)item, cb);
}

DWORD shim_next_group_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb)
{
    return ((cs_fn_ClusterGroupEnumEx)next)((HGROUPENUMEX)e, index, (PCLUSTER_GROUP_ENUM_ITEM)item, cb);
}

DWORD shim_next_resource_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb)
{
    return ((cs_fn_ClusterResourceEnumEx)next)((HRESENUMEX)e, index, (PCLUSTER_RESOURCE_ENUM_ITEM)item, cb);
}

/* What the listing takes of each item: the text and state builders. */
typedef struct {
    cs_builder *text;
    cs_builder *states;
} listing;

/* name, id */
static void take_cluster_item(const void *p, void *ctx)
{
    const CLUSTER_ENUM_ITEM *item = (const CLUSTER_ENUM_ITEM *)p;
    listing *out = (listing *)ctx;
    cs_bd_string(out->text, item->lpszName);
    cs_bd_string(out->text, item->lpszId);
}

/* name, id, owner node | state */
static void take_group_item(const void *p, void *ctx)
{
    const CLUSTER_GROUP_ENUM_ITEM *item = (const CLUSTER_GROUP_ENUM_ITEM *)p;
    listing *out = (listing *)ctx;
    cs_bd_string(out->text, item->lpszName);
    cs_bd_string(out->text, item->lpszId);
    cs_bd_string(out->text, item->lpszOwnerNode);
    cs_bd_int(out->states, (int)item->state);
}

/* name, id, group */
static void take_resource_item(const void *p, void *ctx)
{
    const CLUSTER_RESOURCE_ENUM_ITEM *item = (const CLUSTER_RESOURCE_ENUM_ITEM *)p;
    listing *out = (listing *)ctx;
    cs_bd_string(out->text, item->lpszName);
    cs_bd_string(out->text, item->lpszId);
    cs_bd_string(out->text, item->lpszOwnerGroupName);
}

uint32_t shim_read_items(cs_any_fn next_fn, void *e, shim_item_next next, int next_id, DWORD cap,
                         shim_item_take take, void *ctx, int *fn)
{
    DWORD index = 0, err;
    void *item = malloc(cap);
    if (item == NULL) {
        *fn = -1;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (;;) {
        DWORD cb = cap;
        err = next(next_fn, e, index, item, &cb);
        if (err == ERROR_MORE_DATA) {
            void *bigger;
            if (cb <= cap)                       /* asks for no more than it had: do not loop */
                break;
            if ((bigger = realloc(item, cb)) == NULL) {
                err = ERROR_NOT_ENOUGH_MEMORY;
                break;
            }
            item = bigger;
            cap = cb;
            continue;
        }
        if (err != 0)
            break;
        take(item, ctx);
        index++;
    }
    free(item);
    if (err == ERROR_NO_MORE_ITEMS)
        return 0;
    *fn = err == ERROR_NOT_ENOUGH_MEMORY ? -1 : next_id;
    return err;
}

uint32_t shim_enum_ex_cluster(cs_backend *b, HCLUSTER c, DWORD type, cs_builder *pairs, int *absent, int *fn)
{
    cs_fn_ClusterOpenEnumEx open_fn = b->table.fn.ClusterOpenEnumEx;
    cs_fn_ClusterEnumEx next_fn = b->table.fn.ClusterEnumEx;
    cs_fn_ClusterCloseEnumEx close_fn = b->table.fn.ClusterCloseEnumEx;
    HCLUSENUMEX e;
    listing out;
    uint32_t err;
    *absent = !open_fn || !next_fn || !close_fn;
    if (*absent)
        return 0;
    if ((e = open_fn(c, type, NULL)) == NULL) {
        *fn = CS_FN_ClusterOpenEnumEx;
        return shim_backend_error(b);
    }
    out.text = pairs;
    out.states = NULL;
    err = shim_read_items((cs_any_fn)next_fn, e, shim_next_cluster_item, CS_FN_ClusterEnumEx, ITEM_CAP,
                          take_cluster_item, &out, fn);
    close_fn(e);
    return err;
}

uint32_t shim_enum_ex_groups(cs_backend *b, HCLUSTER c, cs_builder *text, cs_builder *states, int *absent,
                             int *fn)
{
    cs_fn_ClusterGroupOpenEnumEx open_fn = b->table.fn.ClusterGroupOpenEnumEx;
    cs_fn_ClusterGroupEnumEx next_fn = b->table.fn.ClusterGroupEnumEx;
    cs_fn_ClusterGroupCloseEnumEx close_fn = b->table.fn.ClusterGroupCloseEnumEx;
    HGROUPENUMEX e;
    listing out;
    uint32_t err;
    *absent = !open_fn || !next_fn || !close_fn;
    if (*absent)
        return 0;
    if ((e = open_fn(c, NULL, 0, NULL, 0, 0)) == NULL) {
        *fn = CS_FN_ClusterGroupOpenEnumEx;
        return shim_backend_error(b);
    }
    out.text = text;
    out.states = states;
    err = shim_read_items((cs_any_fn)next_fn, e, shim_next_group_item, CS_FN_ClusterGroupEnumEx, ITEM_CAP,
                          take_group_item, &out, fn);
    close_fn(e);
    return err;
}

uint32_t shim_enum_ex_resources(cs_backend *b, HCLUSTER c, cs_builder *triples, int *absent, int *fn)
{
    cs_fn_ClusterResourceOpenEnumEx open_fn = b->table.fn.ClusterResourceOpenEnumEx;
    cs_fn_ClusterResourceEnumEx next_fn = b->table.fn.ClusterResourceEnumEx;
    cs_fn_ClusterResourceCloseEnumEx close_fn = b->table.fn.ClusterResourceCloseEnumEx;
    HRESENUMEX e;
    listing out;
    uint32_t err;
    *absent = !open_fn || !next_fn || !close_fn;
    if (*absent)
        return 0;
    if ((e = open_fn(c, NULL, 0, NULL, 0, 0)) == NULL) {
        *fn = CS_FN_ClusterResourceOpenEnumEx;
        return shim_backend_error(b);
    }
    out.text = triples;
    out.states = NULL;
    err = shim_read_items((cs_any_fn)next_fn, e, shim_next_resource_item, CS_FN_ClusterResourceEnumEx, ITEM_CAP,
                          take_resource_item, &out, fn);
    close_fn(e);
    return err;
}
