/* shim/cs_ids.c - object ids (cs_object_id, api/cs_reads.h): Get*Id for
 * nodes and networks, the CLUSCTL_*_GET_ID control for groups and
 * resources. */
#include "shim/cs_shim_int.h"

/* CLUSCTL_*_GET_ID through Cluster{Group,Resource}Control: sizes in bytes,
 * not characters; the id is NUL-terminated in the buffer. */
#define CONTROL_ID(fname, HOBJ, ControlF, code)                                            \
    static uint32_t fname(cs_backend *b, HOBJ obj, cs_namebuf *nb, int *fn)                \
    {                                                                                      \
        cs_fn_##ControlF control = b->table.fn.ControlF;                                   \
        uint32_t err;                                                                      \
        *fn = CS_FN_##ControlF;                                                            \
        if (!control)                                                                      \
            return ERROR_PROC_NOT_FOUND;                                                   \
        for (;;) {                                                                         \
            DWORD returned = 0;                                                            \
            err = control(obj, NULL, (DWORD)(code), NULL, 0, nb->p,                        \
                          nb->cap * (DWORD)sizeof(cs_char), &returned);                    \
            if (err != ERROR_MORE_DATA)                                                    \
                break;                                                                     \
            if ((err = cs_nb_grow(nb, returned / (DWORD)sizeof(cs_char))) != 0)            \
                return err;                                                                \
        }                                                                                  \
        if (err == 0)                                                                      \
            nb->p[nb->cap - 1] = 0;                                                        \
        return err;                                                                        \
    }
CONTROL_ID(group_id_raw, HGROUP, ClusterGroupControl, cs_kind_row_of(CS_KIND_GROUP)->get_id)
CONTROL_ID(resource_id_raw, HRESOURCE, ClusterResourceControl, cs_kind_row_of(CS_KIND_RESOURCE)->get_id)

/* Get{Node,Network}Id: sizes in characters. */
#define GET_ID(fname, HOBJ, GetF)                                                          \
    static uint32_t fname(cs_backend *b, HOBJ obj, cs_namebuf *nb, int *fn)                \
    {                                                                                      \
        cs_fn_##GetF get = b->table.fn.GetF;                                               \
        uint32_t err;                                                                      \
        *fn = CS_FN_##GetF;                                                                \
        if (!get)                                                                          \
            return ERROR_PROC_NOT_FOUND;                                                   \
        CS_CALL_WITH_NAME(nb, get(obj, nb->p, cchp_), err)                                 \
        return err;                                                                        \
    }
GET_ID(node_id_raw, HNODE, GetClusterNodeId)
GET_ID(network_id_raw, HNETWORK, GetClusterNetworkId)

uint32_t shim_id_raw(cs_backend *b, int kind, void *raw, cs_namebuf *nb, int *fn)
{
    switch (kind) {
    case CS_KIND_NODE: return node_id_raw(b, (HNODE)raw, nb, fn);
    case CS_KIND_NETWORK: return network_id_raw(b, (HNETWORK)raw, nb, fn);
    case CS_KIND_GROUP: return group_id_raw(b, (HGROUP)raw, nb, fn);
    case CS_KIND_RESOURCE: return resource_id_raw(b, (HRESOURCE)raw, nb, fn);
    default:
        *fn = -1;
        return ERROR_INVALID_HANDLE;
    }
}

static uint32_t id_reader(cs_handle *h, const void *arg, cs_namebuf *nb, int *fn)
{
    (void)arg;
    return shim_id_raw(h->backend, h->kind, h->raw, nb, fn);
}

uint32_t cs_object_id(uint64_t token, cs_result **out)
{
    return shim_read_name(token, SHIM_ANY_OBJECT, id_reader, NULL, out);
}

uint32_t shim_read_name(uint64_t token, int kind, shim_name_reader reader, const void *arg, cs_result **out)
{
    cs_namebuf nb;
    uint32_t err;
    int fn = -1;
    cs_handle *h = shim_enter(token, kind);
    if (h == NULL)
        return cs_last_error();
    cs_nb_init(&nb);
    err = reader(h, arg, &nb, &fn);
    shim_leave(token);
    return shim_deliver_name(err, &nb, fn, out);
}

uint32_t shim_deliver_name(uint32_t err, cs_namebuf *nb, int fn, cs_result **out)
{
    cs_builder bd = CS_BUILDER_INIT;
    if (err == 0)
        cs_bd_string(&bd, nb->p);
    cs_nb_free(nb);
    if (err) {
        cs_bd_free(&bd);
        return cs_fail(err, err == ERROR_NOT_ENOUGH_MEMORY ? -1 : fn);
    }
    return cs_bd_deliver(&bd, out);
}
