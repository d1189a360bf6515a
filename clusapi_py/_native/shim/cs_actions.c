/*
 * shim/cs_actions.c - the actions of api/cs_actions.h: which export each
 * call takes (plain, *Ex, *Ex2), read once from the handle's backend table,
 * and the 997 rule (accepted is not a failure).
 */
#include "shim/cs_shim_int.h"

/* The common end of an action: 0 and 997 pass, anything else is recorded. */
static uint32_t answered(uint32_t err, int fn)
{
    if (err == 0 || err == ERROR_IO_PENDING)
        return err;
    return cs_fail(err, fn);
}

/* Which form a call takes. */
enum { PLAIN, EX, EX2 };

static int form_of(uint32_t flags, uint32_t n_instructions, const cs_char *reason)
{
    if (reason != NULL)
        return EX2;
    return (flags != 0 || n_instructions != 0) ? EX : PLAIN;
}

/* The node of a move or online: 0 = none (NULL); else a node token opened
 * on the same cluster connection as the group, with a reference held until
 * release_node.  -1 (failure recorded) when it is not. */
static int enter_node(uint64_t node, const cs_handle *group, HNODE *raw)
{
    cs_handle *n;
    *raw = NULL;
    if (node == 0)
        return 0;
    if ((n = shim_enter(node, CS_KIND_NODE)) == NULL)
        return -1;
    if (n->backend != group->backend || n->cluster != group->cluster) {
        shim_leave(node);
        cs_fail(ERROR_INVALID_PARAMETER, -1);
        return -1;
    }
    *raw = (HNODE)n->raw;
    return 0;
}

static void release_node(uint64_t node)
{
    if (node != 0)
        shim_leave(node);
}

/* The bytes of an *Ex call's instruction list (NULL when there are none). */
#define INSTRUCTIONS(p, n) ((n) ? (PBYTE)(p) : NULL), (DWORD)(n)

/* ---- groups: online, offline, move ------------------------------------------------ */
typedef enum { G_ONLINE, G_OFFLINE, G_MOVE } group_action;

static uint32_t group_call(cs_table *t, group_action what, int form, HGROUP g, HNODE node, uint32_t flags,
                           const uint8_t *in, uint32_t n, const cs_char *reason, int *fn)
{
    switch (what) {
    case G_ONLINE:
        if (form == PLAIN) {
            cs_fn_OnlineClusterGroup f = t->fn.OnlineClusterGroup;
            *fn = CS_FN_OnlineClusterGroup;
            return f ? f(g, node) : ERROR_PROC_NOT_FOUND;
        } else if (form == EX) {
            cs_fn_OnlineClusterGroupEx f = t->fn.OnlineClusterGroupEx;
            *fn = CS_FN_OnlineClusterGroupEx;
            return f ? f(g, node, flags, INSTRUCTIONS(in, n)) : ERROR_PROC_NOT_FOUND;
        } else {
            cs_fn_OnlineClusterGroupEx2 f = t->fn.OnlineClusterGroupEx2;
            *fn = CS_FN_OnlineClusterGroupEx2;
            return f ? f(g, node, flags, INSTRUCTIONS(in, n), reason) : ERROR_PROC_NOT_FOUND;
        }
    case G_OFFLINE:
        if (form == PLAIN) {
            cs_fn_OfflineClusterGroup f = t->fn.OfflineClusterGroup;
            *fn = CS_FN_OfflineClusterGroup;
            return f ? f(g) : ERROR_PROC_NOT_FOUND;
        } else if (form == EX) {
            cs_fn_OfflineClusterGroupEx f = t->fn.OfflineClusterGroupEx;
            *fn = CS_FN_OfflineClusterGroupEx;
            return f ? f(g, flags, INSTRUCTIONS(in, n)) : ERROR_PROC_NOT_FOUND;
        } else {
            cs_fn_OfflineClusterGroupEx2 f = t->fn.OfflineClusterGroupEx2;
            *fn = CS_FN_OfflineClusterGroupEx2;
            return f ? f(g, flags, INSTRUCTIONS(in, n), reason) : ERROR_PROC_NOT_FOUND;
        }
    default:
        if (form == PLAIN) {
            cs_fn_MoveClusterGroup f = t->fn.MoveClusterGroup;
            *fn = CS_FN_MoveClusterGroup;
            return f ? f(g, node) : ERROR_PROC_NOT_FOUND;
        } else if (form == EX) {
            cs_fn_MoveClusterGroupEx f = t->fn.MoveClusterGroupEx;
            *fn = CS_FN_MoveClusterGroupEx;
            return f ? f(g, node, flags, INSTRUCTIONS(in, n)) : ERROR_PROC_NOT_FOUND;
        } else {
            cs_fn_MoveClusterGroupEx2 f = t->fn.MoveClusterGroupEx2;
            *fn = CS_FN_MoveClusterGroupEx2;
            return f ? f(g, node, flags, INSTRUCTIONS(in, n), reason) : ERROR_PROC_NOT_FOUND;
        }
    }
}

static uint32_t group_action_of(uint64_t group, uint64_t node, group_action what, uint32_t flags,
                                const uint8_t *in, uint32_t n, const cs_char *reason)
{
    cs_handle *h;
    HNODE raw_node;
    uint32_t err;
    int fn = -1;
    if (n != 0 && in == NULL)
        return cs_fail(ERROR_INVALID_PARAMETER, -1);
    if ((h = shim_enter(group, CS_KIND_GROUP)) == NULL)
        return cs_last_error();
    if (enter_node(node, h, &raw_node) != 0) {
        shim_leave(group);
        return cs_last_error();
    }
    err = group_call(&h->backend->table, what, form_of(flags, n, reason), (HGROUP)h->raw, raw_node, flags, in, n,
                     reason, &fn);
    release_node(node);
    shim_leave(group);
    return answered(err, fn);
}

uint32_t cs_group_online(uint64_t group, uint64_t node, uint32_t flags, const uint8_t *instructions,
                         uint32_t n_instructions, const cs_char *reason)
{
    return group_action_of(group, node, G_ONLINE, flags, instructions, n_instructions, reason);
}

uint32_t cs_group_offline(uint64_t group, uint32_t flags, const uint8_t *instructions, uint32_t n_instructions,
                          const cs_char *reason)
{
    return group_action_of(group, 0, G_OFFLINE, flags, instructions, n_instructions, reason);
}

uint32_t cs_group_move(uint64_t group, uint64_t node, uint32_t flags, const uint8_t *instructions,
                       uint32_t n_instructions, const cs_char *reason)
{
    return group_action_of(group, node, G_MOVE, flags, instructions, n_instructions, reason);
}

uint32_t cs_group_cancel(uint64_t group)
{
    cs_handle *h = shim_enter(group, CS_KIND_GROUP);
    cs_fn_CancelClusterGroupOperation cancel;
    uint32_t err;
    if (h == NULL)
        return cs_last_error();
    cancel = h->backend->table.fn.CancelClusterGroupOperation;
    err = cancel ? cancel((HGROUP)h->raw, 0) : ERROR_PROC_NOT_FOUND;
    shim_leave(group);
    return answered(err, CS_FN_CancelClusterGroupOperation);
}

/* ---- resources: online, offline, fail, restart --------------------------------------- */
static uint32_t resource_call(cs_table *t, int online, int form, HRESOURCE r, uint32_t flags, const uint8_t *in,
                              uint32_t n, const cs_char *reason, int *fn)
{
    if (online) {
        if (form == PLAIN) {
            cs_fn_OnlineClusterResource f = t->fn.OnlineClusterResource;
            *fn = CS_FN_OnlineClusterResource;
            return f ? f(r) : ERROR_PROC_NOT_FOUND;
        } else if (form == EX) {
            cs_fn_OnlineClusterResourceEx f = t->fn.OnlineClusterResourceEx;
            *fn = CS_FN_OnlineClusterResourceEx;
            return f ? f(r, flags, INSTRUCTIONS(in, n)) : ERROR_PROC_NOT_FOUND;
        } else {
            cs_fn_OnlineClusterResourceEx2 f = t->fn.OnlineClusterResourceEx2;
            *fn = CS_FN_OnlineClusterResourceEx2;
            return f ? f(r, flags, INSTRUCTIONS(in, n), reason) : ERROR_PROC_NOT_FOUND;
        }
    }
    if (form == PLAIN) {
        cs_fn_OfflineClusterResource f = t->fn.OfflineClusterResource;
        *fn = CS_FN_OfflineClusterResource;
        return f ? f(r) : ERROR_PROC_NOT_FOUND;
    } else if (form == EX) {
        cs_fn_OfflineClusterResourceEx f = t->fn.OfflineClusterResourceEx;
        *fn = CS_FN_OfflineClusterResourceEx;
        return f ? f(r, flags, INSTRUCTIONS(in, n)) : ERROR_PROC_NOT_FOUND;
    } else {
        cs_fn_OfflineClusterResourceEx2 f = t->fn.OfflineClusterResourceEx2;
        *fn = CS_FN_OfflineClusterResourceEx2;
        return f ? f(r, flags, INSTRUCTIONS(in, n), reason) : ERROR_PROC_NOT_FOUND;
    }
}

static uint32_t resource_action_of(uint64_t resource, int online, uint32_t flags, const uint8_t *in, uint32_t n,
                                   const cs_char *reason)
{
    cs_handle *h;
    uint32_t err;
    int fn = -1;
    if (n != 0 && in == NULL)
        return cs_fail(ERROR_INVALID_PARAMETER, -1);
    if ((h = shim_enter(resource, CS_KIND_RESOURCE)) == NULL)
        return cs_last_error();
    err = resource_call(&h->backend->table, online, form_of(flags, n, reason), (HRESOURCE)h->raw, flags, in, n,
                        reason, &fn);
    shim_leave(resource);
    return answered(err, fn);
}

uint32_t cs_resource_online(uint64_t resource, uint32_t flags, const uint8_t *instructions, uint32_t n_instructions,
                            const cs_char *reason)
{
    return resource_action_of(resource, 1, flags, instructions, n_instructions, reason);
}

uint32_t cs_resource_offline(uint64_t resource, uint32_t flags, const uint8_t *instructions,
                             uint32_t n_instructions, const cs_char *reason)
{
    return resource_action_of(resource, 0, flags, instructions, n_instructions, reason);
}

uint32_t cs_resource_fail(uint64_t resource)
{
    cs_handle *h = shim_enter(resource, CS_KIND_RESOURCE);
    cs_fn_FailClusterResource fail;
    uint32_t err;
    if (h == NULL)
        return cs_last_error();
    fail = h->backend->table.fn.FailClusterResource;
    err = fail ? fail((HRESOURCE)h->raw) : ERROR_PROC_NOT_FOUND;
    shim_leave(resource);
    return answered(err, CS_FN_FailClusterResource);
}

uint32_t cs_resource_restart(uint64_t resource)
{
    cs_handle *h = shim_enter(resource, CS_KIND_RESOURCE);
    cs_fn_RestartClusterResource restart;
    uint32_t err;
    if (h == NULL)
        return cs_last_error();
    restart = h->backend->table.fn.RestartClusterResource;
    err = restart ? restart((HRESOURCE)h->raw, 0) : ERROR_PROC_NOT_FOUND;
    shim_leave(resource);
    return answered(err, CS_FN_RestartClusterResource);
}

/* ---- nodes: pause (drain), resume ------------------------------------------------------ */
uint32_t cs_node_pause(uint64_t node, int drain, uint32_t flags, uint64_t target, const cs_char *reason)
{
    cs_handle *h;
    HNODE raw_target;
    cs_table *t;
    uint32_t err;
    int fn;
    if ((h = shim_enter(node, CS_KIND_NODE)) == NULL)
        return cs_last_error();
    if (enter_node(target, h, &raw_target) != 0) {
        shim_leave(node);
        return cs_last_error();
    }
    t = &h->backend->table;
    if (reason != NULL) {
        cs_fn_PauseClusterNodeEx2 f = t->fn.PauseClusterNodeEx2;
        fn = CS_FN_PauseClusterNodeEx2;
        err = f ? f((HNODE)h->raw, drain ? TRUE : FALSE, flags, raw_target, reason) : ERROR_PROC_NOT_FOUND;
    } else if (drain || flags != 0 || target != 0) {
        cs_fn_PauseClusterNodeEx f = t->fn.PauseClusterNodeEx;
        fn = CS_FN_PauseClusterNodeEx;
        err = f ? f((HNODE)h->raw, drain ? TRUE : FALSE, flags, raw_target) : ERROR_PROC_NOT_FOUND;
    } else {
        cs_fn_PauseClusterNode f = t->fn.PauseClusterNode;
        fn = CS_FN_PauseClusterNode;
        err = f ? f((HNODE)h->raw) : ERROR_PROC_NOT_FOUND;
    }
    release_node(target);
    shim_leave(node);
    return answered(err, fn);
}

uint32_t cs_node_resume(uint64_t node, uint32_t failback, const cs_char *reason)
{
    cs_handle *h;
    cs_table *t;
    uint32_t err;
    int fn;
    if ((h = shim_enter(node, CS_KIND_NODE)) == NULL)
        return cs_last_error();
    t = &h->backend->table;
    if (reason != NULL) {
        cs_fn_ResumeClusterNodeEx2 f = t->fn.ResumeClusterNodeEx2;
        fn = CS_FN_ResumeClusterNodeEx2;
        err = f ? f((HNODE)h->raw, (CLUSTER_NODE_RESUME_FAILBACK_TYPE)failback, 0, reason) : ERROR_PROC_NOT_FOUND;
    } else {
        cs_fn_ResumeClusterNodeEx f = t->fn.ResumeClusterNodeEx;
        cs_fn_ResumeClusterNode plain = f ? NULL : t->fn.ResumeClusterNode;
        fn = CS_FN_ResumeClusterNodeEx;
        if (f) {
            err = f((HNODE)h->raw, (CLUSTER_NODE_RESUME_FAILBACK_TYPE)failback, 0);
        } else if (failback == 0 && plain) {
            /* A clusapi.dll before Windows Server 2012: the first call, which
             * resumes without failing any group back (DoNotFailbackGroups). */
            fn = CS_FN_ResumeClusterNode;
            err = plain((HNODE)h->raw);
        } else {
            err = ERROR_PROC_NOT_FOUND;
        }
    }
    shim_leave(node);
    return answered(err, fn);
}
