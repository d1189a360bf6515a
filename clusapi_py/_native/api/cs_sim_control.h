/*
 * api/cs_sim_control.h - the simulator's control API, every cs_sim_*
 * function (what each does: sim/cs_sim.h).  Python builds and disturbs
 * simulated clusters through it: objects, states, faults, latency, rights,
 * counts, notifications, properties and shared volumes.
 */
#ifndef CS_API_SIM_CONTROL_H
#define CS_API_SIM_CONTROL_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* Rights of the simulated caller (cs_sim_set_rights / cs_sim_get_rights). */
enum cs_sim_rights { CS_RIGHTS_NONE = 0, CS_RIGHTS_READ = 1, CS_RIGHTS_ALL = 2 };
/* A new simulator: 0 and its backend id in *backend_id; on failure a code,
 * with *backend_id -1 when the backend registry is full (cs_backend_limit()
 * simulators exist) and 0 when memory is short. */
uint32_t cs_sim_create(int *backend_id);
uint32_t cs_sim_release(int backend_id);
uint32_t cs_sim_set_cluster(int sim, const cs_char *name, const cs_char *aliases_multi_sz,
                            uint16_t major, uint16_t minor, uint16_t build, const cs_char *vendor_id,
                            const cs_char *csd_version, uint32_t highest, uint32_t lowest, uint32_t flags);
uint32_t cs_sim_set_quorum(int sim, const cs_char *resource, const cs_char *device, uint32_t max_log_size);
uint32_t cs_sim_add_resource_type(int sim, const cs_char *name);
uint32_t cs_sim_add_node(int sim, const cs_char *name, const cs_char *id, int state);
uint32_t cs_sim_add_network(int sim, const cs_char *name, const cs_char *id, int state);
uint32_t cs_sim_add_netinterface(int sim, const cs_char *name, const cs_char *id, const cs_char *node,
                                 const cs_char *network, int state);
uint32_t cs_sim_add_group(int sim, const cs_char *name, const cs_char *id, int state,
                          const cs_char *owner_node, const cs_char *preferred_owners_multi_sz);
uint32_t cs_sim_add_resource(int sim, const cs_char *name, const cs_char *id, const cs_char *type,
                             const cs_char *group, int state, const cs_char *dependencies_multi_sz,
                             const cs_char *possible_owners_multi_sz);
uint32_t cs_sim_delete(int sim, int kind, const cs_char *name);
uint32_t cs_sim_set_state(int sim, int kind, const cs_char *name, int state);
uint32_t cs_sim_move_group(int sim, const cs_char *group, const cs_char *node);
uint32_t cs_sim_delete_after(int sim, int function_id, uint32_t after_calls, int kind, const cs_char *name);
uint32_t cs_sim_fail(int sim, int function_id, uint32_t error, uint32_t count);
uint32_t cs_sim_hide(int sim, int function_id, int hidden);
uint32_t cs_sim_set_latency(int sim, double seconds);
double cs_sim_get_latency(int sim);
uint32_t cs_sim_set_rights(int sim, int rights);
int cs_sim_get_rights(int sim);
uint64_t cs_sim_calls(int sim, int function_id);
uint64_t cs_sim_round_trips(int sim, int function_id);
uint32_t cs_sim_reset_calls(int sim);
uint32_t cs_sim_open_handles(int sim, uint32_t *counts);
uint32_t cs_sim_get_last_error(void);
uint32_t cs_sim_bind_thread(int sim);
void cs_sim_total_open_handles(uint32_t *counts);
/* The simulator's handle table (one for every instance): how many handles
 * it can hold, and whether the calling thread's last simulator call failed
 * because it was full (that call answered ERROR_NOT_ENOUGH_MEMORY, as a
 * server out of handles does; the package names the limit instead). */
uint32_t cs_sim_handle_limit(void);
int cs_sim_handle_table_was_full(void);

/* Notifications (sim/cs_sim.h describes them): the most events a port's
 * queue holds, and a broken connection for `seconds`. */
uint32_t cs_sim_set_notification_queue_limit(int sim, uint32_t limit);
uint32_t cs_sim_get_notification_queue_limit(int sim);
uint32_t cs_sim_break_connection(int sim, double seconds);

/* The simulator's properties.  kind: CS_KIND_CLUSTER (object ignored) ..
 * CS_KIND_NETINTERFACE.  cs_sim_set_property sets one value (`data`: the
 * value's bytes as a property list carries them, of that syntax): it
 * replaces a default or an earlier value of the same name and privacy, or
 * adds a property (read-write unless a default of that name is read-only).
 * cs_sim_properties copies the list the control codes return (flags: 1
 * read-only, 2 private) into buf: *needed is its size; ERROR_MORE_DATA
 * when cb is smaller (buf may be NULL with cb 0) -- caller-owned memory,
 * so the simulated clusapi.dll exports it too.  cs_sim_set_version sets
 * the cluster's version: the defaults a later build added disappear. */
uint32_t cs_sim_set_property(int sim, int kind, const cs_char *object, const cs_char *name, int private_,
                             uint32_t syntax, const uint8_t *data, size_t cb);
uint32_t cs_sim_properties(int sim, int kind, const cs_char *object, int flags, uint8_t *buf, size_t cb,
                           size_t *needed);
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

/* Actions (Online/Offline/Move/Fail/Restart, sim/cs_sim_actions.c): how
 * long a pending phase lasts (seconds >= 0; default 0.05); a manual clock
 * (time moves only through cs_sim_advance, which needs it: else
 * ERROR_INVALID_STATE); what bringing a resource online does: outcome 0
 * succeed, 1 fail, 2 hang, 3 veto (node NULL or "": on every node, else only
 * there).  Unknown resource 5007, unknown node 5042, bad values 87. */
uint32_t cs_sim_set_action_seconds(int sim, double seconds);
double cs_sim_get_action_seconds(int sim);
uint32_t cs_sim_set_manual_clock(int sim, int manual);
int cs_sim_get_manual_clock(int sim);
uint32_t cs_sim_advance(int sim, double seconds);
uint32_t cs_sim_set_resource_outcome(int sim, const cs_char *resource, int outcome, const cs_char *node);
/* The move queue and locked mode (sim/cs_sim_queue.c): how many moves run at
 * once (0: no limit; a QUEUE_ENABLED move over it is queued, StatusInformation
 * 0x4); a group's CLUSGRP_STATUS_LOCKED_MODE (its actions refused with 5960). */
uint32_t cs_sim_set_parallel_moves(int sim, int moves);
int cs_sim_get_parallel_moves(int sim);
uint32_t cs_sim_set_group_locked(int sim, const cs_char *group, int locked);
/* CDEF-END */

#endif /* CS_API_SIM_CONTROL_H */
