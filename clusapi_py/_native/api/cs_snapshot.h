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
 *   RESOURCES       name, id, owner node, group | state
 *   NETWORKS        name, id | state
 *   NETINTERFACES   name, node, network | state
 *   RESOURCE_TYPES  name |
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

/* The whole cluster in one call: a consistent reading (what the walks
 * behind it guarantee is in shim/cs_snapshot_walk.c). */
uint32_t cs_snapshot(uint64_t cluster, cs_result **out);
/* CDEF-END */

#endif /* CS_API_SNAPSHOT_H */
