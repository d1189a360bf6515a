/*
 * api/cs_config.h - configuration writes that are calls of their own (the
 * property writes are control codes: api/cs_control.h): a group's
 * preferred owners and a resource's dependency expression.  Each is one
 * backend call (one round trip), synchronous; a write needs a token opened
 * with full access (the cluster answers ERROR_ACCESS_DENIED otherwise).
 * Any code but 0 is recorded as the thread's failure (function: the export
 * that answered), nothing changed.
 */
#ifndef CS_API_CONFIG_H
#define CS_API_CONFIG_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* SetClusterGroupNodeList: `nodes` are node tokens of the group's cluster
 * connection (ERROR_INVALID_PARAMETER for one that is not), most preferred
 * first; count 0 clears the list (nodes may be NULL then). */
uint32_t cs_group_set_preferred_owners(uint64_t group, const uint64_t *nodes, uint32_t count);
/* SetClusterResourceDependencyExpression: "" clears every dependency. */
uint32_t cs_resource_set_dependency_expression(uint64_t resource, const cs_char *expression);
/* GetClusterResourceDependencyExpression: the expression in the result's
 * first field ("" when the resource depends on nothing). */
uint32_t cs_resource_dependency_expression(uint64_t resource, cs_result **out);
/* CDEF-END */

#endif /* CS_API_CONFIG_H */
