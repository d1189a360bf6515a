/*
 * api/cs_control.h - Cluster*Control through a token, and the simulator's
 * property knobs.  The ERROR_MORE_DATA protocol runs in C: one shim call,
 * one round trip when the first buffer is large enough.
 */
#ifndef CS_API_CONTROL_H
#define CS_API_CONTROL_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The retries cs_control allows after ERROR_MORE_DATA (a value that keeps
 * growing between calls fails with ERROR_MORE_DATA after them). */
#define CS_CONTROL_RETRIES 4

/* Runs one control code on any token (cluster, node, group, resource,
 * network, net interface) through that kind's Cluster*Control, with no
 * input: the output data goes to the result's bytes (none for an empty
 * output). */
uint32_t cs_control(uint64_t token, uint32_t code, cs_result **out);

/* The simulator's properties.  kind: CS_KIND_CLUSTER (object ignored) ..
 * CS_KIND_NETINTERFACE.  cs_sim_set_property sets one value (`data`: the
 * value's bytes as a property list carries them, of that syntax): it
 * replaces a default or an earlier value of the same name and privacy, or
 * adds a property (read-write unless a default of that name is read-only).
 * cs_sim_properties reads the list the control codes return (flags: 1
 * read-only, 2 private) into the result's bytes.  cs_sim_set_version sets
 * the cluster's version: the defaults a later build added disappear. */
uint32_t cs_sim_set_property(int sim, int kind, const cs_char *object, const cs_char *name, int private_,
                             uint32_t syntax, const uint8_t *data, size_t cb);
uint32_t cs_sim_properties(int sim, int kind, const cs_char *object, int flags, cs_result **out);
uint32_t cs_sim_set_version(int sim, uint16_t major, uint16_t minor, uint16_t build);

/* Makes a resource a Cluster Shared Volume, or changes its volume: path
 * (< 260 characters), volume name (< 50), volume label (< 260; NULL or ""
 * for none; served in STORAGE_GET_DISK_INFO_EX while online), partition,
 * sizes (free <= total), fault state (CsvFaultState bits 0..3), backup
 * state (0 or 1).  Only a "Physical Disk" resource can be one: another type
 * is ERROR_INVALID_FUNCTION (its resource DLL has no storage control codes). */
uint32_t cs_sim_set_shared_volume(int sim, const cs_char *resource, const cs_char *path,
                                  const cs_char *volume_name, const cs_char *label, uint32_t partition,
                                  uint64_t total_bytes, uint64_t free_bytes, uint32_t fault_state,
                                  uint32_t backup_state);

/* Benchmark hook (bench/props_bench.py): walks the property list `data`
 * `iterations` times in C, reading every entry header (the floor of a
 * parser); the seconds taken, or a negative value for a malformed list.
 * *properties: the properties in one walk. */
double cs_bench_walk_properties(const uint8_t *data, size_t n, uint32_t iterations, uint32_t *properties);
/* CDEF-END */

#endif /* CS_API_CONTROL_H */
