/* shim/cs_enums.c - enumerations by name (cs_list, api/cs_reads.h; its
 * bounded form cs_list_limited, api/cs_limits.h). */
#include "shim/cs_shim_int.h"

/* One loop per enumeration family, all alike: open (one round trip), read
 * every index from the fetched copy, growing the buffer on
 * ERROR_MORE_DATA, close.  The first failure is captured before the close. */
#define DEFINE_NAME_ENUM(fname, HOBJ, HENUM, OpenF, EnumF, CloseF)                     \
    static uint32_t fname(cs_backend *b, HOBJ obj, DWORD type, cs_builder *bd, int *fn) \
    {                                                                                  \
        cs_fn_##OpenF open_fn = b->table.fn.OpenF;                                     \
        cs_fn_##EnumF enum_fn = b->table.fn.EnumF;                                     \
        cs_fn_##CloseF close_fn = b->table.fn.CloseF;                                  \
        HENUM e;                                                                       \
        DWORD index, err = 0;                                                          \
        cs_namebuf nb;                                                                 \
        if (!open_fn || !enum_fn || !close_fn) {                                       \
            *fn = !open_fn ? CS_FN_##OpenF : !enum_fn ? CS_FN_##EnumF : CS_FN_##CloseF; \
            return ERROR_PROC_NOT_FOUND;                                               \
        }                                                                              \
        e = open_fn(obj, type);                                                        \
        if (e == NULL) {                                                               \
            *fn = CS_FN_##OpenF;                                                       \
            return shim_backend_error(b);                                              \
        }                                                                              \
        cs_nb_init(&nb);                                                               \
        for (index = 0;; index++) {                                                    \
            DWORD item_type = 0, cch;                                                  \
            if ((err = shim_stop()) != 0)                                              \
                break;                                                                 \
            for (;;) {                                                                 \
                cch = nb.cap;                                                          \
                err = enum_fn(e, index, &item_type, nb.p, &cch);                       \
                if (err != ERROR_MORE_DATA)                                            \
                    break;                                                             \
                if ((err = cs_nb_grow(&nb, cch)) != 0)                                 \
                    break;                                                             \
            }                                                                          \
            if (err != 0)                                                              \
                break;                                                                 \
            cs_bd_text(bd, nb.p, cch);                                                 \
        }                                                                              \
        cs_nb_free(&nb);                                                               \
        if (err == ERROR_NO_MORE_ITEMS)                                                \
            err = 0;                                                                   \
        else if (err != ERROR_NOT_ENOUGH_MEMORY)                                       \
            *fn = CS_FN_##EnumF;                                                       \
        else                                                                           \
            *fn = -1;                                                                  \
        close_fn(e);                                                                   \
        return err;                                                                    \
    }

DEFINE_NAME_ENUM(enum_cluster, HCLUSTER, HCLUSENUM, ClusterOpenEnum, ClusterEnum, ClusterCloseEnum)
DEFINE_NAME_ENUM(enum_node, HNODE, HNODEENUM, ClusterNodeOpenEnum, ClusterNodeEnum, ClusterNodeCloseEnum)
DEFINE_NAME_ENUM(enum_group, HGROUP, HGROUPENUM, ClusterGroupOpenEnum, ClusterGroupEnum, ClusterGroupCloseEnum)
DEFINE_NAME_ENUM(enum_resource, HRESOURCE, HRESENUM, ClusterResourceOpenEnum, ClusterResourceEnum,
                 ClusterResourceCloseEnum)
DEFINE_NAME_ENUM(enum_network, HNETWORK, HNETWORKENUM, ClusterNetworkOpenEnum, ClusterNetworkEnum,
                 ClusterNetworkCloseEnum)

uint32_t shim_list_raw(cs_backend *b, int kind, void *raw, DWORD type, cs_builder *bd, int *fn)
{
    switch (kind) {
    case CS_KIND_CLUSTER: return enum_cluster(b, (HCLUSTER)raw, type, bd, fn);
    case CS_KIND_NODE: return enum_node(b, (HNODE)raw, type, bd, fn);
    case CS_KIND_GROUP: return enum_group(b, (HGROUP)raw, type, bd, fn);
    case CS_KIND_RESOURCE: return enum_resource(b, (HRESOURCE)raw, type, bd, fn);
    case CS_KIND_NETWORK: return enum_network(b, (HNETWORK)raw, type, bd, fn);
    default:
        *fn = -1;
        return ERROR_INVALID_PARAMETER;
    }
}

uint32_t cs_list(uint64_t token, uint32_t type, cs_result **out)
{
    cs_builder bd = CS_BUILDER_INIT;
    int fn = -1;
    uint32_t err;
    cs_handle *h = shim_enter(token, SHIM_ANY_KIND);
    if (h == NULL)
        return cs_last_error();
    err = shim_list_raw(h->backend, h->kind, h->raw, type, &bd, &fn);
    shim_leave(token);
    if (err) {
        cs_bd_free(&bd);
        return cs_fail(err, fn);
    }
    return cs_bd_deliver(&bd, out);
}

/* Bounded (api/cs_limits.h): the loops check the thread's deadline and
 * cancel flag between backend calls (core/cs_deadline.h). */
uint32_t cs_list_limited(uint64_t token, uint32_t type, double timeout, int32_t *cancel, cs_result **out)
{
    cs_deadline_begin(timeout, cancel);
    return cs_deadline_end(cs_list(token, type, out));
}
