/*
 * api/cs_actions.h - acting on groups and resources: online, offline, move,
 * cancel, fail, restart; pausing (draining) and resuming nodes.  Each is one
 * backend call (one round trip) on a token opened with full access.
 *
 * What a call returns:
 *   - 0: done already (or nothing to do), as the backend answered;
 *   - ERROR_IO_PENDING (997): accepted, the work goes on in the cluster --
 *     not a failure, and not recorded as one;
 *   - any other code: refused, recorded as the thread's failure (function:
 *     the export that answered), nothing changed.
 * Which export is called: the plain one when flags are 0 and there are no
 * instructions and no reason; the *Ex one (with the flags and the
 * instructions, a property list of per-resource-type values) otherwise;
 * the *Ex2 one whenever a reason is given.  A missing export is
 * ERROR_PROC_NOT_FOUND naming it: a reason is never dropped silently.
 * node: a node token of the same cluster, or 0 (the cluster's choice).
 *
 * Nodes: cs_node_pause takes PauseClusterNode when it neither drains nor
 * names a target or flags, PauseClusterNodeEx otherwise (a drain answers
 * 997: the roles move in the background), *Ex2 with a reason;
 * cs_node_resume takes ResumeClusterNodeEx (failback: 0 none, 1 immediate,
 * 2 per policy), *Ex2 with a reason; without ResumeClusterNodeEx (a
 * Windows Server 2008 clusapi.dll) failback 0 takes ResumeClusterNode, the
 * others are ERROR_PROC_NOT_FOUND naming the Ex call.  target: a node
 * token or 0.
 */
#ifndef CS_API_ACTIONS_H
#define CS_API_ACTIONS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
uint32_t cs_group_online(uint64_t group, uint64_t node, uint32_t flags, const uint8_t *instructions,
                         uint32_t n_instructions, const cs_char *reason);
uint32_t cs_group_offline(uint64_t group, uint32_t flags, const uint8_t *instructions, uint32_t n_instructions,
                          const cs_char *reason);
uint32_t cs_group_move(uint64_t group, uint64_t node, uint32_t flags, const uint8_t *instructions,
                       uint32_t n_instructions, const cs_char *reason);
/* CancelClusterGroupOperation: 0 cancelled, 997 cancelling, 5023 nothing to cancel. */
uint32_t cs_group_cancel(uint64_t group);
uint32_t cs_resource_online(uint64_t resource, uint32_t flags, const uint8_t *instructions, uint32_t n_instructions,
                            const cs_char *reason);
uint32_t cs_resource_offline(uint64_t resource, uint32_t flags, const uint8_t *instructions,
                             uint32_t n_instructions, const cs_char *reason);
uint32_t cs_resource_fail(uint64_t resource);
uint32_t cs_resource_restart(uint64_t resource);
uint32_t cs_node_pause(uint64_t node, int drain, uint32_t flags, uint64_t target, const cs_char *reason);
uint32_t cs_node_resume(uint64_t node, uint32_t failback, const cs_char *reason);
/* CDEF-END */

#endif /* CS_API_ACTIONS_H */
