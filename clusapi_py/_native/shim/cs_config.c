/*
 * shim/cs_config.c - the configuration calls of api/cs_config.h: preferred
 * owners and dependency expressions, each read once from the handle's
 * backend table.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>

/* The most nodes a cluster has (Windows Server: 64); a longer list is refused before any call. */
#define MAX_PREFERRED 1024u

uint32_t cs_group_set_preferred_owners(uint64_t group, const uint64_t *nodes, uint32_t count)
{
    cs_handle *g;
    HNODE *raw = NULL;
    uint32_t i, entered = 0, err = 0;
    cs_fn_SetClusterGroupNodeList set;
    if ((count != 0 && nodes == NULL) || count > MAX_PREFERRED)
        return cs_fail(ERROR_INVALID_PARAMETER, -1);
    if ((g = shim_enter(group, CS_KIND_GROUP)) == NULL)
        return cs_last_error();
    if (count != 0 && (raw = (HNODE *)calloc(count, sizeof(HNODE))) == NULL) {
        shim_leave(group);
        return cs_fail(ERROR_NOT_ENOUGH_MEMORY, -1);
    }
    /* Each node token is held (entered) until the call returns. */
    for (i = 0; i < count && err == 0; i++) {
        cs_handle *n = shim_enter(nodes[i], CS_KIND_NODE);
        if (n == NULL) {
            err = cs_last_error();
            break;
        }
        entered++;
        if (n->backend != g->backend || n->cluster != g->cluster)
            err = cs_fail(ERROR_INVALID_PARAMETER, -1);
        else
            raw[i] = (HNODE)n->raw;
    }
    if (err == 0) {
        set = g->backend->table.fn.SetClusterGroupNodeList;
        err = set ? set((HGROUP)g->raw, count, raw) : ERROR_PROC_NOT_FOUND;
        if (err)
            err = cs_fail(err, CS_FN_SetClusterGroupNodeList);
    }
    for (i = 0; i < entered; i++)
        shim_leave(nodes[i]);
    free(raw);
    shim_leave(group);
    return err;
}

uint32_t cs_resource_set_dependency_expression(uint64_t resource, const cs_char *expression)
{
    cs_handle *h;
    uint32_t err;
    cs_fn_SetClusterResourceDependencyExpression set;
    if (expression == NULL)
        return cs_fail(ERROR_INVALID_PARAMETER, -1);
    if ((h = shim_enter(resource, CS_KIND_RESOURCE)) == NULL)
        return cs_last_error();
    set = h->backend->table.fn.SetClusterResourceDependencyExpression;
    err = set ? set((HRESOURCE)h->raw, expression) : ERROR_PROC_NOT_FOUND;
    shim_leave(resource);
    return err ? cs_fail(err, CS_FN_SetClusterResourceDependencyExpression) : 0;
}

static uint32_t expression_reader(cs_handle *h, const void *arg, cs_namebuf *nb, int *fn)
{
    uint32_t err;
    cs_fn_GetClusterResourceDependencyExpression get = h->backend->table.fn.GetClusterResourceDependencyExpression;
    (void)arg;
    *fn = CS_FN_GetClusterResourceDependencyExpression;
    if (get == NULL)
        return ERROR_PROC_NOT_FOUND;
    CS_CALL_WITH_NAME(nb, get((HRESOURCE)h->raw, nb->p, cchp_), err)
    return err;
}

uint32_t cs_resource_dependency_expression(uint64_t resource, cs_result **out)
{
    return shim_read_name(resource, CS_KIND_RESOURCE, expression_reader, NULL, out);
}
