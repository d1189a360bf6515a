/*
 * api/cs_snapshot.h - the whole cluster in one call, as a sectioned result.
 *
 * The result describes itself, so a section can be added (or a column
 * appended to one) without moving anything a reader already uses:
 *   ints:  CS_SNAPSHOT_FORMAT, the number of sections S, then S headers of
 *          CS_SECTION_HEADER_INTS ints each:
 *            kind (CS_SECTION_*), rows, text fields per row, ints per row,
 *            bytes (in all);
 *          then the sections' ints, section after section, row after row;
 *   text:  the sections' text fields, section after section, row after row;
 *   bytes: the sections' bytes, section after section.
 * A reader skips the kinds it does not know, and reads the first columns
 * of a row it knows (later columns may be added).
 *
 * The sections cs_snapshot() makes, in this order (text | ints per row):
 *   CLUSTER         1 row: name, vendor id, CSD version | major, minor,
 *                   build, highest version, lowest version, flags
 *   QUORUM          1 row: resource, device | max log size
 *   NODES           name, id | state
 *   GROUPS          name, id, owner node | state
 *   RESOURCES       name, id, owner node, group | state, read
 *   NETWORKS        name, id | state
 *   NETINTERFACES   name, node, network | state, read
 *   RESOURCE_TYPES  name |
 * and with CS_SNAPSHOT_PROPERTIES (cs_snapshot_ex), each row
 * name | bytes of the read-write common list, bytes of the read-only
 * common list, the lists in the section's bytes in row order:
 *   GROUP_PROPERTIES, RESOURCE_PROPERTIES   from the bulk enumerations
 *                   asked with "*" (per-object control calls without them)
 *   NODE_PROPERTIES, NETWORK_PROPERTIES     per-object control calls
 *   CLUSTER_PROPERTIES                      1 row, name ""
 * A resource's `read` is 1 where its state was read.  With
 * CS_SNAPSHOT_SETTLED it is 0 where its state was not read because its
 * group's state settles it (the rule: shim/cs_snapshot_settle.c): a
 * resource of an Online group is Online, one of an Offline group Offline
 * (the quorum resource is always read); the row says that state, and its
 * owner is its group's.  A net interface's `read` likewise: with
 * CS_SNAPSHOT_SETTLED it is 0 where the interface is on an Up network and
 * not on a node that is down (or joining): its state is Up, and its node,
 * not read, is "".
 */
#ifndef CS_API_SNAPSHOT_H
#define CS_API_SNAPSHOT_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
#define CS_SNAPSHOT_FORMAT 1
#define CS_SECTION_HEADER_INTS 5

#define CS_SECTION_CLUSTER 1
#define CS_SECTION_QUORUM 2
#define CS_SECTION_NODES 3
#define CS_SECTION_GROUPS 4
#define CS_SECTION_RESOURCES 5
#define CS_SECTION_NETWORKS 6
#define CS_SECTION_NETINTERFACES 7
#define CS_SECTION_RESOURCE_TYPES 8
#define CS_SECTION_GROUP_PROPERTIES 9
#define CS_SECTION_RESOURCE_PROPERTIES 10
#define CS_SECTION_NODE_PROPERTIES 11
#define CS_SECTION_NETWORK_PROPERTIES 12
#define CS_SECTION_CLUSTER_PROPERTIES 13

#define CS_SNAPSHOT_PROPERTIES 1      /* cs_snapshot_ex flag: add the property sections */
#define CS_SNAPSHOT_SETTLED 2         /* cs_snapshot_ex flag: skip the resource states groups settle */

/* The whole cluster in one call: a consistent reading (what the walks
 * behind it guarantee is in shim/cs_snapshot_walk.c). */
uint32_t cs_snapshot(uint64_t cluster, cs_result **out);
/* The same with flags (CS_SNAPSHOT_PROPERTIES, CS_SNAPSHOT_SETTLED; others: 87). */
uint32_t cs_snapshot_ex(uint64_t cluster, uint32_t flags, cs_result **out);
/* CDEF-END */

#endif /* CS_API_SNAPSHOT_H */
