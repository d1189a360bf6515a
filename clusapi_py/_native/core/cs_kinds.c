/* core/cs_kinds.c - the object kinds' rows (core/cs_kinds.h) and their
 * reading for Python (api/cs_kinds.h). */
#include "core/cs_kinds.h"

#define PROPERTY_CODES(OBJ)                                                             \
    (uint32_t)CLUSCTL_##OBJ##_GET_COMMON_PROPERTIES, (uint32_t)CLUSCTL_##OBJ##_GET_RO_COMMON_PROPERTIES, \
    (uint32_t)CLUSCTL_##OBJ##_GET_PRIVATE_PROPERTIES, (uint32_t)CLUSCTL_##OBJ##_GET_RO_PRIVATE_PROPERTIES

/* Indexed by CS_KIND_*.  CLUS_OBJECT_* numbers: the SDK's CLUS_OBJECT_TYPE. */
static const cs_kind_row rows[] = {
    { CS_KIND_CLUSTER, "cluster", "cluster", 0, 0, 0, 7, PROPERTY_CODES(CLUSTER), 0, 0, 0, 0 },
    { CS_KIND_NODE, "node", "node", (uint32_t)ERROR_CLUSTER_NODE_NOT_FOUND, (uint32_t)CLUSTER_ENUM_NODE,
      (uint32_t)CLUSTER_NODE_ENUM_NETINTERFACES, 4, PROPERTY_CODES(NODE), 0, 1, ClusterNodeStateUnknown,
      ClusterNodeJoining },
    { CS_KIND_GROUP, "group", "group", (uint32_t)ERROR_GROUP_NOT_FOUND, (uint32_t)CLUSTER_ENUM_GROUP, 0, 3,
      PROPERTY_CODES(GROUP), (uint32_t)CLUSCTL_GROUP_GET_ID, 1, ClusterGroupStateUnknown, ClusterGroupPending },
    { CS_KIND_RESOURCE, "resource", "resource", (uint32_t)ERROR_RESOURCE_NOT_FOUND, (uint32_t)CLUSTER_ENUM_RESOURCE,
      0, 1, PROPERTY_CODES(RESOURCE), (uint32_t)CLUSCTL_RESOURCE_GET_ID, 1, ClusterResourceStateUnknown,
      ClusterResourceOfflinePending },
    { CS_KIND_NETWORK, "network", "network", (uint32_t)ERROR_CLUSTER_NETWORK_NOT_FOUND, (uint32_t)CLUSTER_ENUM_NETWORK,
      (uint32_t)CLUSTER_NETWORK_ENUM_NETINTERFACES, 5, PROPERTY_CODES(NETWORK), 0, 1, ClusterNetworkStateUnknown,
      ClusterNetworkUp },
    { CS_KIND_NETINTERFACE, "netinterface", "net interface", (uint32_t)ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
      (uint32_t)CLUSTER_ENUM_NETINTERFACE, 0, 6, PROPERTY_CODES(NETINTERFACE), 0, 1, ClusterNetInterfaceStateUnknown,
      ClusterNetInterfaceUp },
};
#define N_ROWS (sizeof rows / sizeof rows[0])

/* The rows cover the object kinds, in CS_KIND_* order, and nothing else. */
typedef char cs_kinds_rows_cover_the_object_kinds[(N_ROWS == CS_KIND_NETINTERFACE + 1) ? 1 : -1];

const cs_kind_row *cs_kind_row_of(int kind)
{
    if (kind < 0 || (size_t)kind >= N_ROWS)
        return NULL;
    return &rows[kind];
}

int cs_kind_is_not_found(uint32_t err)
{
    size_t i;
    for (i = 0; i < N_ROWS; i++)
        if (rows[i].not_found != 0 && rows[i].not_found == err)
            return 1;
    return 0;
}

int cs_kind_info(int kind, int field, int64_t *value)
{
    const cs_kind_row *r = cs_kind_row_of(kind);
    int64_t v;
    if (r == NULL)
        return 0;
    switch (field) {
    case CS_KIND_FIELD_NOT_FOUND: v = r->not_found; break;
    case CS_KIND_FIELD_ENUM_TYPE: v = r->enum_type; break;
    case CS_KIND_FIELD_CLUSCTL_OBJECT: v = r->clusctl_object; break;
    case CS_KIND_FIELD_COMMON_PROPERTIES: v = r->common; break;
    case CS_KIND_FIELD_RO_COMMON_PROPERTIES: v = r->ro_common; break;
    case CS_KIND_FIELD_PRIVATE_PROPERTIES: v = r->priv; break;
    case CS_KIND_FIELD_RO_PRIVATE_PROPERTIES: v = r->ro_priv; break;
    case CS_KIND_FIELD_GET_ID: v = r->get_id; break;
    case CS_KIND_FIELD_HAS_STATE: v = r->has_state; break;
    case CS_KIND_FIELD_STATE_MIN: v = r->state_min; break;
    case CS_KIND_FIELD_STATE_MAX: v = r->state_max; break;
    default: return 0;
    }
    *value = v;
    return 1;
}

const char *cs_kind_name(int kind)
{
    const cs_kind_row *r = cs_kind_row_of(kind);
    return r ? r->name : NULL;
}

const char *cs_kind_text(int kind)
{
    const cs_kind_row *r = cs_kind_row_of(kind);
    return r ? r->text : NULL;
}
