/*
 * api/cs_reads.h - reading one thing through a token: enumerations by
 * name, states and status, ids, and the cluster-level reads.
 */
#ifndef CS_API_READS_H
#define CS_API_READS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* text: name, vendor id, CSD version; ints: major, minor, build,
 * highest version, lowest version, flags. */
uint32_t cs_cluster_info(uint64_t cluster, cs_result **out);
/* Every name of one enumeration, in the backend's order (text: names).
 * On a cluster token `type` is a CLUSTER_ENUM_* value; on a node / group /
 * resource / network token it is that object's enum type
 * (CLUSTER_NODE_ENUM_*, CLUSTER_GROUP_ENUM_*, ...). */
uint32_t cs_list(uint64_t token, uint32_t type, cs_result **out);
/* State of a node / group / resource / network / net interface; returns
 * CS_STATE_FAILED on failure (the Unknown value with an error set counts
 * as failure). */
int cs_state(uint64_t token);
/* Group: ints state; text owner node.  Resource: ints state; text owner
 * node, group.  One Get*State call each. */
uint32_t cs_status(uint64_t token, cs_result **out);
/* The same without allocating a result, for the monitoring hot path: the
 * owner node goes to buf[0 ..] and, for a resource, the group to
 * buf[field_capacity ..] (buf holds 2 * field_capacity characters), each
 * NUL-terminated.  Returns the state, CS_STATE_FAILED on failure, or
 * CS_STATUS_TOO_LONG when a name does not fit (use cs_status then).  The
 * buffer is the caller's, so nothing else on the thread (a signal handler,
 * a finalizer) can change it between the call and its reading. */
int cs_status_into(uint64_t token, cs_char *buf, uint32_t field_capacity);
/* The object's id (text): node, network (Get*Id), group, resource
 * (CLUSCTL_*_GET_ID). */
uint32_t cs_object_id(uint64_t token, cs_result **out);
/* text: resource name, device name; ints: max log size. */
uint32_t cs_quorum(uint64_t cluster, cs_result **out);
/* GetClusterNetInterface: text: the interface name. */
uint32_t cs_netinterface_name(uint64_t cluster, const cs_char *node, const cs_char *network,
                              cs_result **out);
/* CDEF-END */

#endif /* CS_API_READS_H */
