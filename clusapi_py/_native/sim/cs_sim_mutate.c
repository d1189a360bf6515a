/*
 * sim/cs_sim_mutate.c - the one choke point of every change to the
 * simulated cluster, and the notification events each change posts.
 *
 * The control API (cs_sim_topology.c) changes the model only through
 * model_insert, model_set_state and model_set_owner, and deletes through
 * obj_delete (cs_sim_model.c); each of them calls sim_changed, which says
 * what happened in the terms of the notification API -- the version-2
 * object type, flag, ids and payload documented for it (MS-CMRP,
 * ApiGetNotifyV2) and the version-1 CLUSTER_CHANGE_* filter -- and hands
 * it to sim_post (cs_sim_notify.c).  g_lock is held throughout.
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

void model_insert(sim *s, sim_obj *o)
{
    set_insert(&s->sets[o->kind], o);
    sim_changed(s, SIM_CHANGE_ADDED, o);
}

void model_set_state(sim *s, sim_obj *o, int state)
{
    o->state = state;
    sim_props_note_state(o);            /* StateChangeTime (CLUSCTL_*_GET_STATE_CHANGE_TIME) */
    sim_changed(s, SIM_CHANGE_STATE, o);
}

void model_set_owner(sim *s, sim_obj *group, sim_obj *node)
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
        model_set_state(s, group, state);
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
        model_set_state(s, network, state);
}

static const WCHAR no_text[1] = { 0 };

static const WCHAR *id_of(const sim_obj *o)
{
    return o ? o->id.p : no_text;
}

/* The version-2 object type and the version-1 filters of one kind:
 * { object type, STATE, ADDED, DELETED } and where ADDED is reported. */
typedef struct kind_events {
    DWORD object_type;
    LONGLONG state_v2, deleted_v2;
    DWORD added_type;           /* the object type an ADDED event is reported on */
    LONGLONG added_v2;
    DWORD state_v1, added_v1, deleted_v1;
} kind_events;

static const kind_events *events_of(int kind)
{
    static const kind_events node = {
        CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_STATE_V2, CLUSTER_CHANGE_NODE_DELETED_V2,
        CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_NODE_ADDED_V2,
        CLUSTER_CHANGE_NODE_STATE, CLUSTER_CHANGE_NODE_ADDED, CLUSTER_CHANGE_NODE_DELETED
    };
    static const kind_events group = {
        CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_STATE_V2, CLUSTER_CHANGE_GROUP_DELETED_V2,
        CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2,
        CLUSTER_CHANGE_GROUP_STATE, CLUSTER_CHANGE_GROUP_ADDED, CLUSTER_CHANGE_GROUP_DELETED
    };
    static const kind_events resource = {
        CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_STATE_V2, CLUSTER_CHANGE_RESOURCE_DELETED_V2,
        CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2,
        CLUSTER_CHANGE_RESOURCE_STATE, CLUSTER_CHANGE_RESOURCE_ADDED, CLUSTER_CHANGE_RESOURCE_DELETED
    };
    static const kind_events network = {
        CLUSTER_OBJECT_TYPE_NETWORK, CLUSTER_CHANGE_NETWORK_STATE_V2, CLUSTER_CHANGE_NETWORK_DELETED_V2,
        CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_NETWORK_ADDED_V2,
        CLUSTER_CHANGE_NETWORK_STATE, CLUSTER_CHANGE_NETWORK_ADDED, CLUSTER_CHANGE_NETWORK_DELETED
    };
    static const kind_events netinterface = {
        CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETINTERFACE_STATE_V2,
        CLUSTER_CHANGE_NETINTERFACE_DELETED_V2,
        CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2,
        CLUSTER_CHANGE_NETINTERFACE_STATE, CLUSTER_CHANGE_NETINTERFACE_ADDED, CLUSTER_CHANGE_NETINTERFACE_DELETED
    };
    switch (kind) {
    case CS_KIND_NODE: return &node;
    case CS_KIND_GROUP: return &group;
    case CS_KIND_RESOURCE: return &resource;
    case CS_KIND_NETWORK: return &network;
    case CS_KIND_NETINTERFACE: return &netinterface;
    default: return NULL;
    }
}

/* The parent id an object's events carry: a group's owner node, a
 * resource's group, a net interface's node. */
static const WCHAR *parent_id_of(const sim_obj *o)
{
    switch (o->kind) {
    case CS_KIND_GROUP: return id_of(o->node);
    case CS_KIND_RESOURCE: return id_of(o->group);
    case CS_KIND_NETINTERFACE: return id_of(o->node);
    default: return no_text;
    }
}

/* The version-2 property flags of an object type: { common, private }, and
 * the version-1 filter. */
static int property_events(int kind, DWORD *object_type, LONGLONG *common, LONGLONG *private_, DWORD *v1)
{
    switch (kind) {
    case CS_KIND_CLUSTER:
        *object_type = CLUSTER_OBJECT_TYPE_CLUSTER;
        *common = CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2;
        *private_ = CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2;
        *v1 = CLUSTER_CHANGE_CLUSTER_PROPERTY;
        return 0;
    case CS_KIND_NODE:
        *object_type = CLUSTER_OBJECT_TYPE_NODE;
        *common = CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2;
        *private_ = CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2;
        *v1 = CLUSTER_CHANGE_NODE_PROPERTY;
        return 0;
    case CS_KIND_GROUP:
        *object_type = CLUSTER_OBJECT_TYPE_GROUP;
        *common = CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2;
        *private_ = CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2;
        *v1 = CLUSTER_CHANGE_GROUP_PROPERTY;
        return 0;
    case CS_KIND_RESOURCE:
        *object_type = CLUSTER_OBJECT_TYPE_RESOURCE;
        *common = CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2;
        *private_ = CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2;
        *v1 = CLUSTER_CHANGE_RESOURCE_PROPERTY;
        return 0;
    case CS_KIND_NETWORK:
        *object_type = CLUSTER_OBJECT_TYPE_NETWORK;
        *common = CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2;
        *private_ = CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2;
        *v1 = CLUSTER_CHANGE_NETWORK_PROPERTY;
        return 0;
    case CS_KIND_NETINTERFACE:
        *object_type = CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE;
        *common = CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2;
        *private_ = CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2;
        *v1 = CLUSTER_CHANGE_NETINTERFACE_PROPERTY;
        return 0;
    default:
        return -1;
    }
}

static void post_change(sim *s, int change, const sim_obj *o);

/* A change that carries data: properties (o NULL: the cluster) or a CSV's state. */
static void post_with_data(sim *s, int change, const sim_obj *o, const void *data, size_t cb)
{
    sim_event_spec ev;
    LONGLONG common, private_;
    if (cb > 0xFFFFFFF0u)
        return;
    ev.id = o ? o->id.p : no_text;
    ev.parent = o ? parent_id_of(o) : no_text;
    ev.name = o ? o->name.p : s->name.p;    /* a cluster event names the cluster */
    ev.type = (o && o->kind == CS_KIND_RESOURCE) ? o->type.p : no_text;
    ev.payload = data;
    ev.cb_payload = (DWORD)cb;
    if (change == SIM_CHANGE_CSV) {
        /* SHARED_VOLUME STATE: version 1 has no shared-volume filter. */
        ev.object_type = CLUSTER_OBJECT_TYPE_SHARED_VOLUME;
        ev.flags = CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2;
        ev.v1_filter = 0;
    } else if (property_events(o ? o->kind : CS_KIND_CLUSTER, &ev.object_type, &common, &private_,
                               &ev.v1_filter) == 0) {
        ev.flags = change == SIM_CHANGE_PRIVATE_PROPERTIES ? private_ : common;
    } else {
        return;
    }
    sim_post(s, &ev);
}

void sim_changed_data(sim *s, int change, const sim_obj *o, const void *data, size_t cb)
{
    if (s->ports == NULL)
        return;
    if (change == SIM_CHANGE_PROPERTIES || change == SIM_CHANGE_PRIVATE_PROPERTIES || change == SIM_CHANGE_CSV) {
        post_with_data(s, change, o, data, cb);
        return;
    }
    if (o != NULL)
        post_change(s, change, o);
}

/* The events of one change of the model. */
static void post_change(sim *s, int change, const sim_obj *o)
{
    const kind_events *k = events_of(o->kind);
    sim_event_spec ev;
    DWORD state = (DWORD)o->state;
    if (k == NULL || s->ports == NULL)
        return;
    ev.object_type = k->object_type;
    ev.id = o->id.p;
    ev.parent = parent_id_of(o);
    ev.name = o->name.p;
    ev.type = o->kind == CS_KIND_RESOURCE ? o->type.p : no_text;
    ev.payload = NULL;
    ev.cb_payload = 0;
    switch (change) {
    case SIM_CHANGE_STATE:
        /* Every *_STATE event's buffer is the new state as a DWORD. */
        ev.flags = k->state_v2;
        ev.v1_filter = k->state_v1;
        ev.payload = &state;
        ev.cb_payload = (DWORD)sizeof(state);
        break;
    case SIM_CHANGE_ADDED:
        ev.object_type = k->added_type;
        ev.flags = k->added_v2;
        ev.v1_filter = k->added_v1;
        if (o->kind == CS_KIND_NODE) {      /* NODE_ADDED: the node's state */
            ev.payload = &state;
            ev.cb_payload = (DWORD)sizeof(state);
        }
        break;
    case SIM_CHANGE_DELETED:
        ev.flags = k->deleted_v2;
        ev.v1_filter = k->deleted_v1;
        if (o->kind == CS_KIND_RESOURCE) {  /* RESOURCE DELETED: the former group's id */
            ev.payload = ev.parent;
            ev.cb_payload = (DWORD)((cs_wlen(ev.parent) + 1) * sizeof(WCHAR));
        }
        break;
    case SIM_CHANGE_OWNER:
        if (o->kind != CS_KIND_GROUP)
            return;
        /* GROUP OWNER_NODE: the new owner node's id, as a string.  Version 1
         * has no owner event: a move shows as a group state change. */
        ev.flags = CLUSTER_CHANGE_GROUP_OWNER_NODE_V2;
        ev.v1_filter = CLUSTER_CHANGE_GROUP_STATE;
        ev.payload = ev.parent;
        ev.cb_payload = (DWORD)((cs_wlen(ev.parent) + 1) * sizeof(WCHAR));
        break;
    default:
        return;
    }
    sim_post(s, &ev);
}

void sim_changed(sim *s, int change, const sim_obj *o)
{
    post_change(s, change, o);
    /* What a CSV's nodes see follows its resource's state, its group's
     * owner and the nodes' states: the CSV's own event after this one
     * (kept current without ports too, so an event says what changed). */
    if ((change == SIM_CHANGE_STATE && (o->kind == CS_KIND_RESOURCE || o->kind == CS_KIND_NODE)) ||
        change == SIM_CHANGE_OWNER)
        sim_csv_changed(s, o);
}
