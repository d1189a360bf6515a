/*
 * sim/cs_sim_mutate.c - the one choke point of every change to the
 * simulated cluster, and the notification events each change posts.
 *
 * The control API (cs_sim_topology.c) changes the model only through
 * sim_model_insert, sim_model_set_state and sim_model_set_owner, and
 * deletes through sim_obj_delete (cs_sim_model.c); each of them calls
 * sim_changed, which says what happened in the terms of the notification
 * API -- the version-2 object type, flag, ids and payload documented for
 * it (MS-CMRP, ApiGetNotifyV2) and the version-1 CLUSTER_CHANGE_* filter,
 * one row per event in the table `events` -- and hands it to sim_post
 * (cs_sim_notify.c).  g_lock is held throughout.
 *
 * Changes that carry data come through sim_changed_data: a property change
 * (props_changed, cs_sim_props.c) posts *_COMMON_PROPERTY or
 * *_PRIVATE_PROPERTY with the property list of the changed values (version
 * 1: CLUSTER_CHANGE_*_PROPERTY for both); a CSV's change (cs_sim_csv.c)
 * posts SHARED_VOLUME STATE with its per-node state list.  A state change
 * of a CSV resource, a move of a group holding one and a node's state
 * change are followed here by the CSV's own event.
 */
#include "sim/cs_sim_int.h"

void sim_model_insert(sim *s, sim_obj *o)
{
    sim_set_insert(&s->sets[o->kind], o);
    sim_changed(s, SIM_CHANGE_ADDED, o);
}

void sim_model_set_state(sim *s, sim_obj *o, int state)
{
    o->state = state;
    sim_props_note_state(o);            /* StateChangeTime (CLUSCTL_*_GET_STATE_CHANGE_TIME) */
    sim_changed(s, SIM_CHANGE_STATE, o);
}

void sim_model_set_owner(sim *s, sim_obj *group, sim_obj *node)
{
    group->node = node;
    sim_props_note_move(group);         /* the group's last move time */
    sim_changed(s, SIM_CHANGE_OWNER, group);
}

/* The group state the cluster reports for a group's resources, by the
 * documented order of precedence (CLUSTER_GROUP_STATE in clusapi.h, and
 * MS-CMRP 3.1.4.1.46 ApiGetGroupState): any resource Failed -> Failed;
 * else any pending (Pending, OnlinePending, OfflinePending) -> Pending;
 * else all Online -> Online; some Online -> PartialOnline; none Online ->
 * Offline.  Returns 0 with *state set, or -1 for a group with no
 * resources (the documentation says Offline; the simulator keeps the state
 * the group was given, so that an empty group can stand for any role). */
int sim_group_state(const sim_obj *group, int *state)
{
    const sim_obj *r;
    size_t total = 0, online = 0;
    int failed = 0, pending = 0;
    for (r = group->res_head; r; r = r->gnext) {
        total++;
        switch (r->state) {
        case ClusterResourceFailed: failed = 1; break;
        case ClusterResourcePending:
        case ClusterResourceOnlinePending:
        case ClusterResourceOfflinePending: pending = 1; break;
        case ClusterResourceOnline: online++; break;
        default: break;
        }
    }
    if (total == 0)
        return -1;
    if (failed)
        *state = ClusterGroupFailed;
    else if (pending)
        *state = ClusterGroupPending;
    else if (online == total)
        *state = ClusterGroupOnline;
    else if (online > 0)
        *state = ClusterGroupPartialOnline;
    else
        *state = ClusterGroupOffline;
    return 0;
}

void sim_group_rederive(sim *s, sim_obj *group)
{
    int state;
    if (group != NULL && !group->deleted && sim_group_state(group, &state) == 0 && state != group->state)
        sim_model_set_state(s, group, state);
}

/* The network state the cluster reports for a network's interfaces
 * (CLUSTER_NETWORK_STATE and CLUSTER_NETINTERFACE_STATE in clusapi.h and
 * their docs pages): Up when every interface that can take part (not
 * Unavailable: its node is down) is Up; Down when none of them is Up;
 * Partitioned when some are Up and some Failed or Unreachable; Unavailable
 * when every interface is Unavailable.  Returns 0 with *state set, or -1
 * for a network with no interfaces (the simulator keeps the state it was
 * given). */
int sim_network_state(const sim *s, const sim_obj *network, int *state)
{
    const sim_obj *n;
    size_t total = 0, taking_part = 0, up = 0;
    for (n = s->sets[CS_KIND_NETINTERFACE].head; n; n = n->next) {
        if (n->deleted || n->network != network)
            continue;
        total++;
        if (n->state == ClusterNetInterfaceUnavailable)
            continue;
        taking_part++;
        if (n->state == ClusterNetInterfaceUp)
            up++;
    }
    if (total == 0)
        return -1;
    if (taking_part == 0)
        *state = ClusterNetworkUnavailable;
    else if (up == taking_part)
        *state = ClusterNetworkUp;
    else if (up == 0)
        *state = ClusterNetworkDown;
    else
        *state = ClusterNetworkPartitioned;
    return 0;
}

void sim_network_rederive(sim *s, sim_obj *network)
{
    int state;
    if (network != NULL && !network->deleted && sim_network_state(s, network, &state) == 0 &&
        state != network->state)
        sim_model_set_state(s, network, state);
}

static const WCHAR no_text[1] = { 0 };

static const WCHAR *id_of(const sim_obj *o)
{
    return o ? o->id.p : no_text;
}

/* What an event's buffer holds. */
enum event_payload {
    PAYLOAD_NONE,
    PAYLOAD_STATE,              /* the object's (new) state, a DWORD */
    PAYLOAD_PARENT_ID,          /* the parent id (parent_id_of), a string with its NUL */
    PAYLOAD_DATA                /* the change's data (sim_changed_data) */
};

/* One event the simulator posts: the change of an object of one kind, its
 * version-1 filter and its version-2 object type and flag (MS-CMRP,
 * ApiGetNotifyV2), and its buffer.  A change with no row posts nothing. */
typedef struct event_row {
    int kind;                   /* CS_KIND_* of the changed object (CLUSTER: o NULL) */
    int change;                 /* SIM_CHANGE_* */
    DWORD v1_filter;            /* CLUSTER_CHANGE_* (0: version 1 has none) */
    DWORD object_type;          /* CLUSTER_OBJECT_TYPE_* the version-2 event is reported on */
    LONGLONG v2_flag;           /* CLUSTER_CHANGE_*_V2 */
    enum event_payload payload;
} event_row;

/* An object's ADDED event is reported on its parent's type (the cluster, a
 * resource's group, a net interface's node).  Version 1 has no owner
 * event (a group's move shows as a group state change) and no shared-volume
 * filter; a property change is one version-1 filter for both common and
 * private properties. */
static const event_row events[] = {
    { CS_KIND_CLUSTER, SIM_CHANGE_PROPERTIES, CLUSTER_CHANGE_CLUSTER_PROPERTY,
      CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_CLUSTER, SIM_CHANGE_PRIVATE_PROPERTIES, CLUSTER_CHANGE_CLUSTER_PROPERTY,
      CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2, PAYLOAD_DATA },

    { CS_KIND_NODE, SIM_CHANGE_STATE, CLUSTER_CHANGE_NODE_STATE,
      CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_STATE_V2, PAYLOAD_STATE },
    { CS_KIND_NODE, SIM_CHANGE_ADDED, CLUSTER_CHANGE_NODE_ADDED,
      CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_NODE_ADDED_V2, PAYLOAD_STATE },
    { CS_KIND_NODE, SIM_CHANGE_DELETED, CLUSTER_CHANGE_NODE_DELETED,
      CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_DELETED_V2, PAYLOAD_NONE },
    { CS_KIND_NODE, SIM_CHANGE_PROPERTIES, CLUSTER_CHANGE_NODE_PROPERTY,
      CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_NODE, SIM_CHANGE_PRIVATE_PROPERTIES, CLUSTER_CHANGE_NODE_PROPERTY,
      CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2, PAYLOAD_DATA },

    { CS_KIND_GROUP, SIM_CHANGE_STATE, CLUSTER_CHANGE_GROUP_STATE,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_STATE_V2, PAYLOAD_STATE },
    { CS_KIND_GROUP, SIM_CHANGE_ADDED, CLUSTER_CHANGE_GROUP_ADDED,
      CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2, PAYLOAD_NONE },
    { CS_KIND_GROUP, SIM_CHANGE_DELETED, CLUSTER_CHANGE_GROUP_DELETED,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_DELETED_V2, PAYLOAD_NONE },
    { CS_KIND_GROUP, SIM_CHANGE_OWNER, CLUSTER_CHANGE_GROUP_STATE,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2, PAYLOAD_PARENT_ID },
    { CS_KIND_GROUP, SIM_CHANGE_PROPERTIES, CLUSTER_CHANGE_GROUP_PROPERTY,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_GROUP, SIM_CHANGE_PRIVATE_PROPERTIES, CLUSTER_CHANGE_GROUP_PROPERTY,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_GROUP, SIM_CHANGE_PREFERRED_OWNERS, CLUSTER_CHANGE_GROUP_PROPERTY,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2, PAYLOAD_NONE },

    { CS_KIND_RESOURCE, SIM_CHANGE_STATE, CLUSTER_CHANGE_RESOURCE_STATE,
      CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_STATE_V2, PAYLOAD_STATE },
    { CS_KIND_RESOURCE, SIM_CHANGE_ADDED, CLUSTER_CHANGE_RESOURCE_ADDED,
      CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2, PAYLOAD_NONE },
    { CS_KIND_RESOURCE, SIM_CHANGE_DELETED, CLUSTER_CHANGE_RESOURCE_DELETED,
      CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_DELETED_V2, PAYLOAD_PARENT_ID },
    { CS_KIND_RESOURCE, SIM_CHANGE_PROPERTIES, CLUSTER_CHANGE_RESOURCE_PROPERTY,
      CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_RESOURCE, SIM_CHANGE_PRIVATE_PROPERTIES, CLUSTER_CHANGE_RESOURCE_PROPERTY,
      CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_RESOURCE, SIM_CHANGE_DEPENDENCIES, CLUSTER_CHANGE_RESOURCE_PROPERTY,
      CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2, PAYLOAD_NONE },
    { CS_KIND_RESOURCE, SIM_CHANGE_CSV, 0,
      CLUSTER_OBJECT_TYPE_SHARED_VOLUME, CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2, PAYLOAD_DATA },

    { CS_KIND_NETWORK, SIM_CHANGE_STATE, CLUSTER_CHANGE_NETWORK_STATE,
      CLUSTER_OBJECT_TYPE_NETWORK, CLUSTER_CHANGE_NETWORK_STATE_V2, PAYLOAD_STATE },
    { CS_KIND_NETWORK, SIM_CHANGE_ADDED, CLUSTER_CHANGE_NETWORK_ADDED,
      CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_NETWORK_ADDED_V2, PAYLOAD_NONE },
    { CS_KIND_NETWORK, SIM_CHANGE_DELETED, CLUSTER_CHANGE_NETWORK_DELETED,
      CLUSTER_OBJECT_TYPE_NETWORK, CLUSTER_CHANGE_NETWORK_DELETED_V2, PAYLOAD_NONE },
    { CS_KIND_NETWORK, SIM_CHANGE_PROPERTIES, CLUSTER_CHANGE_NETWORK_PROPERTY,
      CLUSTER_OBJECT_TYPE_NETWORK, CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_NETWORK, SIM_CHANGE_PRIVATE_PROPERTIES, CLUSTER_CHANGE_NETWORK_PROPERTY,
      CLUSTER_OBJECT_TYPE_NETWORK, CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2, PAYLOAD_DATA },

    { CS_KIND_NETINTERFACE, SIM_CHANGE_STATE, CLUSTER_CHANGE_NETINTERFACE_STATE,
      CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETINTERFACE_STATE_V2, PAYLOAD_STATE },
    { CS_KIND_NETINTERFACE, SIM_CHANGE_ADDED, CLUSTER_CHANGE_NETINTERFACE_ADDED,
      CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2, PAYLOAD_NONE },
    { CS_KIND_NETINTERFACE, SIM_CHANGE_DELETED, CLUSTER_CHANGE_NETINTERFACE_DELETED,
      CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETINTERFACE_DELETED_V2, PAYLOAD_NONE },
    { CS_KIND_NETINTERFACE, SIM_CHANGE_PROPERTIES, CLUSTER_CHANGE_NETINTERFACE_PROPERTY,
      CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2, PAYLOAD_DATA },
    { CS_KIND_NETINTERFACE, SIM_CHANGE_PRIVATE_PROPERTIES, CLUSTER_CHANGE_NETINTERFACE_PROPERTY,
      CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2, PAYLOAD_DATA },
};

static const event_row *event_of(int kind, int change)
{
    size_t i;
    for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
        if (events[i].kind == kind && events[i].change == change)
            return &events[i];
    return NULL;
}

/* The parent id an object's events carry: a group's owner node, a
 * resource's group, a net interface's node. */
static const WCHAR *parent_id_of(const sim_obj *o)
{
    if (o == NULL)
        return no_text;
    switch (o->kind) {
    case CS_KIND_GROUP: return id_of(o->node);
    case CS_KIND_RESOURCE: return id_of(o->group);
    case CS_KIND_NETINTERFACE: return id_of(o->node);
    default: return no_text;
    }
}

/* Posts the event of one change of o (NULL: the cluster), with its data
 * when its row's buffer is the change's data. */
static void post_event(sim *s, int change, const sim_obj *o, const void *data, size_t cb)
{
    const event_row *row = event_of(o ? o->kind : CS_KIND_CLUSTER, change);
    sim_event_spec ev;
    DWORD state;
    if (row == NULL || s->ports == NULL)
        return;
    ev.object_type = row->object_type;
    ev.flags = row->v2_flag;
    ev.v1_filter = row->v1_filter;
    ev.id = id_of(o);
    ev.parent = parent_id_of(o);
    ev.name = o ? o->name.p : s->name.p;    /* a cluster event names the cluster */
    ev.type = (o && o->kind == CS_KIND_RESOURCE) ? o->type.p : no_text;
    ev.payload = NULL;
    ev.cb_payload = 0;
    switch (row->payload) {
    case PAYLOAD_NONE:
        break;
    case PAYLOAD_STATE:
        state = (DWORD)o->state;
        ev.payload = &state;
        ev.cb_payload = (DWORD)sizeof(state);
        break;
    case PAYLOAD_PARENT_ID:
        ev.payload = ev.parent;
        ev.cb_payload = (DWORD)((cs_wlen(ev.parent) + 1) * sizeof(WCHAR));
        break;
    case PAYLOAD_DATA:
        if (cb > 0xFFFFFFF0u)
            return;
        ev.payload = data;
        ev.cb_payload = (DWORD)cb;
        break;
    }
    sim_post(s, &ev);
}

void sim_changed_data(sim *s, int change, const sim_obj *o, const void *data, size_t cb)
{
    post_event(s, change, o, data, cb);
}

void sim_changed(sim *s, int change, const sim_obj *o)
{
    post_event(s, change, o, NULL, 0);
    /* What a CSV's nodes see follows its resource's state, its group's
     * owner and the nodes' states: the CSV's own event after this one
     * (kept current without ports too, so an event says what changed). */
    if ((change == SIM_CHANGE_STATE && (o->kind == CS_KIND_RESOURCE || o->kind == CS_KIND_NODE)) ||
        change == SIM_CHANGE_OWNER)
        sim_csv_changed(s, o);
}
