/*
 * sim/cs_sim_enum_read.c - reading an enumeration's copy: the generic
 * *Enum read (one name; the entry points are generated in cs_sim_entry.c)
 * and the three *EnumEx entry points, each with its own item struct.
 * An index past the end is ERROR_NO_MORE_ITEMS.
 */
#include "sim/cs_sim_int.h"
#include <string.h>

DWORD sim_enum_read(int fn, uint64_t token, int hk, DWORD index, LPDWORD type, LPWSTR name, LPDWORD cch)
{
    call c;
    DWORD err = sim_begin(&c, fn, token, hk);
    if (!err)
        err = sim_check_name_buffer(name, cch);
    if (!err && index >= c.h->n_items)
        err = ERROR_NO_MORE_ITEMS;
    if (!err) {
        const enum_item *it = &c.h->items[index];
        err = sim_put_name(sim_item_str(c.h, it, EI_NAME), it->len[EI_NAME], name, cch);
        if (!err && type != NULL)
            *type = it->type;
    }
    return sim_end(&c, err);
}

/* The common start of the *EnumEx entry points: sim_begin, then the size
 * pointer and the index.  On success *item is the item.  Either way the
 * caller ends the call with sim_end. */
static DWORD begin_item(call *c, int fn, uint64_t token, int hk, DWORD index, LPDWORD cbItem,
                        const enum_item **item)
{
    DWORD err = sim_begin(c, fn, token, hk);
    if (!err && cbItem == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err && index >= c->h->n_items)
        err = ERROR_NO_MORE_ITEMS;
    if (!err)
        *item = &c->h->items[index];
    return err;
}

DWORD WINAPI sim_ClusterEnumEx(HCLUSENUMEX hClusterEnum, DWORD dwIndex, PCLUSTER_ENUM_ITEM pItem, LPDWORD cbItem)
{
    call c;
    const enum_item *it = NULL;
    size_t pos = ITEM_HEAD(CLUSTER_ENUM_ITEM);
    DWORD err = begin_item(&c, CS_FN_ClusterEnumEx, TOKEN_OF(hClusterEnum), HK_CLUSENUMEX, dwIndex, cbItem, &it);
    if (!err)
        err = sim_check_item_buffer(pItem, cbItem, pos + sim_item_bytes(it, EI_ID) + sim_item_bytes(it, EI_NAME));
    if (!err) {
        BYTE *base = (BYTE *)pItem;
        memset(pItem, 0, sizeof(*pItem));
        pItem->dwVersion = CLUSTER_ENUM_ITEM_VERSION_1;
        pItem->dwType = it->type;
        pItem->lpszId = sim_pack(base, &pos, c.h, it, EI_ID, &pItem->cbId);
        pItem->lpszName = sim_pack(base, &pos, c.h, it, EI_NAME, &pItem->cbName);
        *cbItem = (DWORD)pos;
    }
    return sim_end(&c, err);
}

DWORD WINAPI sim_ClusterGroupEnumEx(HGROUPENUMEX hGroupEnumEx, DWORD dwIndex, PCLUSTER_GROUP_ENUM_ITEM pItem,
                                    LPDWORD cbItem)
{
    call c;
    const enum_item *it = NULL;
    size_t pos = ITEM_HEAD(CLUSTER_GROUP_ENUM_ITEM);
    DWORD err = begin_item(&c, CS_FN_ClusterGroupEnumEx, TOKEN_OF(hGroupEnumEx), HK_GROUPENUMEX, dwIndex, cbItem,
                           &it);
    if (!err)
        err = sim_check_item_buffer(pItem, cbItem,
                                    sim_enum_props_end(c.h, dwIndex,
                                                       pos + sim_item_bytes(it, EI_ID) + sim_item_bytes(it, EI_NAME) +
                                                           sim_item_bytes(it, EI_OWNER)));
    if (!err) {
        BYTE *base = (BYTE *)pItem;
        memset(pItem, 0, sizeof(*pItem));
        pItem->dwVersion = CLUSTER_GROUP_ENUM_ITEM_VERSION_1;
        pItem->lpszId = sim_pack(base, &pos, c.h, it, EI_ID, &pItem->cbId);
        pItem->lpszName = sim_pack(base, &pos, c.h, it, EI_NAME, &pItem->cbName);
        pItem->state = (CLUSTER_GROUP_STATE)it->state;
        pItem->lpszOwnerNode = sim_pack(base, &pos, c.h, it, EI_OWNER, &pItem->cbOwnerNode);
        pItem->dwFlags = 0;
        sim_enum_props_pack(c.h, dwIndex, base, &pos, &pItem->cbProperties, &pItem->pProperties,
                            &pItem->cbRoProperties, &pItem->pRoProperties);
        *cbItem = (DWORD)pos;
    }
    return sim_end(&c, err);
}

DWORD WINAPI sim_ClusterResourceEnumEx(HRESENUMEX hResourceEnumEx, DWORD dwIndex,
                                       PCLUSTER_RESOURCE_ENUM_ITEM pItem, LPDWORD cbItem)
{
    call c;
    const enum_item *it = NULL;
    size_t pos = ITEM_HEAD(CLUSTER_RESOURCE_ENUM_ITEM);
    DWORD err = begin_item(&c, CS_FN_ClusterResourceEnumEx, TOKEN_OF(hResourceEnumEx), HK_RESENUMEX, dwIndex,
                           cbItem, &it);
    if (!err)
        err = sim_check_item_buffer(pItem, cbItem,
                                    sim_enum_props_end(c.h, dwIndex,
                                                       pos + sim_item_bytes(it, EI_ID) + sim_item_bytes(it, EI_NAME) +
                                                           sim_item_bytes(it, EI_GNAME) + sim_item_bytes(it, EI_GID)));
    if (!err) {
        BYTE *base = (BYTE *)pItem;
        memset(pItem, 0, sizeof(*pItem));
        pItem->dwVersion = CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1;
        pItem->lpszId = sim_pack(base, &pos, c.h, it, EI_ID, &pItem->cbId);
        pItem->lpszName = sim_pack(base, &pos, c.h, it, EI_NAME, &pItem->cbName);
        pItem->lpszOwnerGroupName = sim_pack(base, &pos, c.h, it, EI_GNAME, &pItem->cbOwnerGroupName);
        pItem->lpszOwnerGroupId = sim_pack(base, &pos, c.h, it, EI_GID, &pItem->cbOwnerGroupId);
        sim_enum_props_pack(c.h, dwIndex, base, &pos, &pItem->cbProperties, &pItem->pProperties,
                            &pItem->cbRoProperties, &pItem->pRoProperties);
        *cbItem = (DWORD)pos;
    }
    return sim_end(&c, err);
}
