/*
 * api/cs_notify.h - change notifications: a port is a token (kind
 * CS_KIND_NOTIFY) over an HCHANGE, with the lifetime of every other token
 * (api/cs_handles.h) and a reference on its cluster's token.
 *
 * Waiting.  cs_notify_get runs the whole GetClusterNotify(V2) protocol in
 * C -- every buffer grown to the sizes an ERROR_MORE_DATA answer gives and
 * the call repeated, so the event is never dropped -- and cffi releases the
 * GIL for the length of it; the wait itself is the backend's (a condition
 * variable in the simulator, the DLL's own wait), never a poll.
 *
 * Closing while a call waits.  cs_notify_close marks the port closing and,
 * when a call is inside the backend's wait, closes the HCHANGE at once:
 * CloseClusterNotifyPort is the documented way to end a GetClusterNotify*
 * wait (it returns ERROR_INVALID_HANDLE), and the shim turns that into
 * CS_ERROR_HANDLE_CLOSED.  Otherwise the real close runs when the last
 * call returns, as for every token.  The HCHANGE is closed exactly once.
 * (docs/design.md, "Notification ports", says why and what is left.)
 */
#ifndef CS_API_NOTIFY_H
#define CS_API_NOTIFY_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The notification constants Python reads as lib.NAME (values from the headers). */
#define CS_NOTIFY_CONSTANTS(X) \
    X(CLUSTER_OBJECT_TYPE_CLUSTER) \
    X(CLUSTER_OBJECT_TYPE_GROUP) \
    X(CLUSTER_OBJECT_TYPE_RESOURCE) \
    X(CLUSTER_OBJECT_TYPE_RESOURCE_TYPE) \
    X(CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE) \
    X(CLUSTER_OBJECT_TYPE_NETWORK) \
    X(CLUSTER_OBJECT_TYPE_NODE) \
    X(CLUSTER_OBJECT_TYPE_QUORUM) \
    X(CLUSTER_OBJECT_TYPE_SHARED_VOLUME) \
    X(CLUSTER_CHANGE_CLUSTER_RECONNECT_V2) \
    X(CLUSTER_CHANGE_CLUSTER_STATE_V2) \
    X(CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2) \
    X(CLUSTER_CHANGE_CLUSTER_NETWORK_ADDED_V2) \
    X(CLUSTER_CHANGE_CLUSTER_NODE_ADDED_V2) \
    X(CLUSTER_CHANGE_CLUSTER_RESOURCE_TYPE_ADDED_V2) \
    X(CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2) \
    X(CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2) \
    X(CLUSTER_CHANGE_CLUSTER_LOST_NOTIFICATIONS_V2) \
    X(CLUSTER_CHANGE_CLUSTER_RENAME_V2) \
    X(CLUSTER_CHANGE_CLUSTER_MEMBERSHIP_V2) \
    X(CLUSTER_CHANGE_GROUP_DELETED_V2) \
    X(CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2) \
    X(CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2) \
    X(CLUSTER_CHANGE_GROUP_STATE_V2) \
    X(CLUSTER_CHANGE_GROUP_OWNER_NODE_V2) \
    X(CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2) \
    X(CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2) \
    X(CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2) \
    X(CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2) \
    X(CLUSTER_CHANGE_RESOURCE_STATE_V2) \
    X(CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2) \
    X(CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2) \
    X(CLUSTER_CHANGE_RESOURCE_DELETED_V2) \
    X(CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2) \
    X(CLUSTER_CHANGE_NODE_DELETED_V2) \
    X(CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2) \
    X(CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2) \
    X(CLUSTER_CHANGE_NODE_STATE_V2) \
    X(CLUSTER_CHANGE_NETWORK_DELETED_V2) \
    X(CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2) \
    X(CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2) \
    X(CLUSTER_CHANGE_NETWORK_STATE_V2) \
    X(CLUSTER_CHANGE_NETINTERFACE_DELETED_V2) \
    X(CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2) \
    X(CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2) \
    X(CLUSTER_CHANGE_NETINTERFACE_STATE_V2) \
    X(CLUSTER_CHANGE_QUORUM_STATE_V2) \
    X(CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2) \
    X(CLUSTER_CHANGE_SHARED_VOLUME_ADDED_V2) \
    X(CLUSTER_CHANGE_SHARED_VOLUME_REMOVED_V2) \
    X(CLUSTER_CHANGE_NODE_STATE) \
    X(CLUSTER_CHANGE_NODE_DELETED) \
    X(CLUSTER_CHANGE_NODE_ADDED) \
    X(CLUSTER_CHANGE_NODE_PROPERTY) \
    X(CLUSTER_CHANGE_RESOURCE_STATE) \
    X(CLUSTER_CHANGE_RESOURCE_DELETED) \
    X(CLUSTER_CHANGE_RESOURCE_ADDED) \
    X(CLUSTER_CHANGE_RESOURCE_PROPERTY) \
    X(CLUSTER_CHANGE_GROUP_STATE) \
    X(CLUSTER_CHANGE_GROUP_DELETED) \
    X(CLUSTER_CHANGE_GROUP_ADDED) \
    X(CLUSTER_CHANGE_GROUP_PROPERTY) \
    X(CLUSTER_CHANGE_CLUSTER_RECONNECT) \
    X(CLUSTER_CHANGE_NETWORK_STATE) \
    X(CLUSTER_CHANGE_NETWORK_DELETED) \
    X(CLUSTER_CHANGE_NETWORK_ADDED) \
    X(CLUSTER_CHANGE_NETWORK_PROPERTY) \
    X(CLUSTER_CHANGE_NETINTERFACE_STATE) \
    X(CLUSTER_CHANGE_NETINTERFACE_DELETED) \
    X(CLUSTER_CHANGE_NETINTERFACE_ADDED) \
    X(CLUSTER_CHANGE_NETINTERFACE_PROPERTY) \
    X(CLUSTER_CHANGE_QUORUM_STATE) \
    X(CLUSTER_CHANGE_CLUSTER_STATE) \
    X(CLUSTER_CHANGE_CLUSTER_PROPERTY)

#define CS_NOTIFY_FOREVER 0xFFFFFFFF    /* cs_notify_get: wait with no time limit (INFINITE) */
#define CS_SECTION_EVENTS 20            /* cs_notify_get(_batch)'s one section (kinds 1-13: the snapshot's) */
#define CS_EVENT_FIELDS 6               /* text fields per event row */
#define CS_EVENT_INTS 7                 /* ints per event row */

/* Opens a port on a cluster.  version 2: CreateClusterNotifyPortV2 with
 * n_filters pairs (object type, filter flags) in `filters`; version 1:
 * CreateClusterNotifyPort with v1_filter (CLUSTER_CHANGE_* bits); version
 * 0: 2 where the backend exports CreateClusterNotifyPortV2 and
 * GetClusterNotifyV2, else 1.  A version the backend lacks fails with
 * ERROR_PROC_NOT_FOUND naming the missing function.  Returns a token, or 0. */
uint64_t cs_notify_open(uint64_t cluster, int version, const int64_t *filters, uint32_t n_filters,
                        uint32_t v1_filter);
/* 1 or 2; 0 for a token that is not an open port. */
int cs_notify_version(uint64_t port);
/* The next event, waiting up to timeout_ms (CS_NOTIFY_FOREVER: no limit,
 * 0: a poll).  0 and *out: a sectioned result (the layout of
 * api/cs_snapshot.h, format CS_SNAPSHOT_FORMAT) with one section of kind
 * CS_SECTION_EVENTS, a row per event: text fields name, object id, parent
 * id, type, owner node, group; ints version, object type (0 on version 1),
 * filter flags (version 1: the CLUSTER_CHANGE_* bit), has state, state,
 * key, payload bytes; the section's bytes: the payloads, in row order.  On version 1 a *_STATE event of a node, group,
 * resource, network or net interface also carries the object's state
 * (and for a group its owner, for a resource its owner and group), read in
 * the same call; "has state" is 0 where that read failed.  WAIT_TIMEOUT
 * when nothing came; CS_ERROR_HANDLE_CLOSED (not recorded as a failure)
 * when the port is closed, before or during the wait; else a Win32 code. */
uint32_t cs_notify_get(uint64_t port, uint32_t timeout_ms, cs_result **out);
/* The same, then every event already queued (taken with no wait), up to
 * max_events: one row each in the events section. */
uint32_t cs_notify_get_batch(uint64_t port, uint32_t timeout_ms, uint32_t max_events, cs_result **out);
/* Whether the port holds an event now, without taking it (*pending), how
 * many events cs_notify_get has handed out so far (*taken), and how many
 * calls are waiting for one inside the backend right now (*parked). */
uint32_t cs_notify_pending(uint64_t port, int *pending, uint64_t *taken, int *parked);
/* Closes any token; for a port, also ends a wait in progress (see above).
 * 0, or CS_ERROR_HANDLE_CLOSED (not recorded) when it was not open. */
uint32_t cs_notify_close(uint64_t token);
/* CDEF-END */

#endif /* CS_API_NOTIFY_H */
