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

/* The three *EnumEx families differ only in their handle and item types:
 * an adapter per family lets one loop read them all.  `next` is the
 * family's *EnumEx export, read once by the caller. */
typedef DWORD (*item_next_fn)(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb);
typedef void (*item_take_fn)(const void *item, cs_builder *text, cs_builder *states);

static DWORD next_cluster_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb)
{
    return ((cs_fn_ClusterEnumEx)next)((HCLUSENUMEX)e, index, (PCLUSTER_ENUM_ITEM)item, cb);
}

static DWORD next_group_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb)
{
    return ((cs_fn_ClusterGroupEnumEx)next)((HGROUPENUMEX)e, index, (PCLUSTER_GROUP_ENUM_ITEM)item, cb);
}

static DWORD next_resource_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb)
{
    return ((cs_fn_ClusterResourceEnumEx)next)((HRESENUMEX)e, index, (PCLUSTER_RESOURCE_ENUM_ITEM)item, cb);
}

/* name, id */
static void take_cluster_item(const void *p, cs_builder *text, cs_builder *states)
{
    const CLUSTER_ENUM_ITEM *item = (const CLUSTER_ENUM_ITEM *)p;
    (void)states;
    cs_bd_string(text, item->lpszName);
    cs_bd_string(text, item->lpszId);
}

/* name, id, owner node | state */
static void take_group_item(const void *p, cs_builder *text, cs_builder *states)
{
    const CLUSTER_GROUP_ENUM_ITEM *item = (const CLUSTER_GROUP_ENUM_ITEM *)p;
    cs_bd_string(text, item->lpszName);
    cs_bd_string(text, item->lpszId);
    cs_bd_string(text, item->lpszOwnerNode);
    cs_bd_int(states, (int)item->state);
}

/* name, id, group */
static void take_resource_item(const void *p, cs_builder *text, cs_builder *states)
{
    const CLUSTER_RESOURCE_ENUM_ITEM *item = (const CLUSTER_RESOURCE_ENUM_ITEM *)p;
    (void)states;
    cs_bd_string(text, item->lpszName);
    cs_bd_string(text, item->lpszId);
    cs_bd_string(text, item->lpszOwnerGroupName);
}

/* Reads every item of an open *EnumEx enumeration, growing the item buffer
 * to the byte count ERROR_MORE_DATA asks for. */
static uint32_t read_items(cs_any_fn next_fn, void *e, item_next_fn next, int next_id, item_take_fn take,
                           cs_builder *text, cs_builder *states, int *fn)
{
    DWORD index = 0, err, cap = 1024;
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
        take(item, text, states);
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
    uint32_t err;
    *absent = !open_fn || !next_fn || !close_fn;
    if (*absent)
        return 0;
    if ((e = open_fn(c, type, NULL)) == NULL) {
        *fn = CS_FN_ClusterOpenEnumEx;
        return shim_backend_error(b);
    }
    err = read_items((cs_any_fn)next_fn, e, next_cluster_item, CS_FN_ClusterEnumEx, take_cluster_item, pairs,
                     NULL, fn);
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
    uint32_t err;
    *absent = !open_fn || !next_fn || !close_fn;
    if (*absent)
        return 0;
    if ((e = open_fn(c, NULL, 0, NULL, 0, 0)) == NULL) {
        *fn = CS_FN_ClusterGroupOpenEnumEx;
        return shim_backend_error(b);
    }
    err = read_items((cs_any_fn)next_fn, e, next_group_item, CS_FN_ClusterGroupEnumEx, take_group_item, text,
                     states, fn);
    close_fn(e);
    return err;
}

uint32_t shim_enum_ex_resources(cs_backend *b, HCLUSTER c, cs_builder *triples, int *absent, int *fn)
{
    cs_fn_ClusterResourceOpenEnumEx open_fn = b->table.fn.ClusterResourceOpenEnumEx;
    cs_fn_ClusterResourceEnumEx next_fn = b->table.fn.ClusterResourceEnumEx;
    cs_fn_ClusterResourceCloseEnumEx close_fn = b->table.fn.ClusterResourceCloseEnumEx;
    HRESENUMEX e;
    uint32_t err;
    *absent = !open_fn || !next_fn || !close_fn;
    if (*absent)
        return 0;
    if ((e = open_fn(c, NULL, 0, NULL, 0, 0)) == NULL) {
        *fn = CS_FN_ClusterResourceOpenEnumEx;
        return shim_backend_error(b);
    }
    err = read_items((cs_any_fn)next_fn, e, next_resource_item, CS_FN_ClusterResourceEnumEx, take_resource_item,
                     triples, NULL, fn);
    close_fn(e);
    return err;
}
