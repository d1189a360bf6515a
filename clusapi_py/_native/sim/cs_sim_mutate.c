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

void sim_changed(sim *s, int change, const sim_obj *o)
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
