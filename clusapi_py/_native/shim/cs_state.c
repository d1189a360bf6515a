/* shim/cs_state.c - states and status (cs_state, cs_status,
 * cs_status_into: api/cs_reads.h). */
#include "shim/cs_shim_int.h"
#include <string.h>

/* A state getter answered Unknown (-1): a failure when the thread's last
 * error says so (*err set), else the state really is Unknown. */
static int unknown_or_failed(cs_backend *b, uint32_t *err)
{
    DWORD (*last_error)(void) = b->last_error;
    uint32_t e = last_error ? (uint32_t)last_error() : 0;
    if (e == 0)
        return -1;
    *err = e;
    return CS_STATE_FAILED;
}

int shim_state_raw(cs_backend *b, int kind, void *raw, uint32_t *err, int *fn)
{
    cs_table *t = &b->table;
    int state;
    switch (kind) {
#define STATE_KIND(K, F, CALL_ARGS)                                           \
    case K: {                                                                 \
        cs_fn_##F get = t->fn.F;                                              \
        *fn = CS_FN_##F;                                                      \
        if (!get) {                                                           \
            *err = ERROR_PROC_NOT_FOUND;                                      \
            return CS_STATE_FAILED;                                           \
        }                                                                     \
        shim_clear_last_error(b);                                             \
        state = (int)get CALL_ARGS;                                           \
        break;                                                                \
    }
    STATE_KIND(CS_KIND_NODE, GetClusterNodeState, ((HNODE)raw))
    STATE_KIND(CS_KIND_NETWORK, GetClusterNetworkState, ((HNETWORK)raw))
    STATE_KIND(CS_KIND_NETINTERFACE, GetClusterNetInterfaceState, ((HNETINTERFACE)raw))
    STATE_KIND(CS_KIND_GROUP, GetClusterGroupState, ((HGROUP)raw, NULL, NULL))
    STATE_KIND(CS_KIND_RESOURCE, GetClusterResourceState, ((HRESOURCE)raw, NULL, NULL, NULL, NULL))
#undef STATE_KIND
    default:
        *fn = -1;
        *err = ERROR_INVALID_HANDLE;
        return CS_STATE_FAILED;
    }
    return state == -1 ? unknown_or_failed(b, err) : state;
}

int cs_state(uint64_t token)
{
    uint32_t err = 0;
    int fn = -1, state;
    cs_handle *h = shim_enter(token, SHIM_ANY_OBJECT);
    if (h == NULL)
        return CS_STATE_FAILED;
    state = shim_state_raw(h->backend, h->kind, h->raw, &err, &fn);
    shim_leave(token);
    if (err != 0) {
        cs_fail(err, fn);
        return CS_STATE_FAILED;
    }
    if (state == CS_STATE_FAILED)           /* the backend's own value: say so beside it */
        cs_fail_condition(CS_COND_STATE_VALUE, 0);
    return state;
}

/* GetClusterGroupState with its owner node; state or CS_STATE_FAILED. */
static int group_status_raw(cs_backend *b, HGROUP g, cs_namebuf *owner, uint32_t *err)
{
    cs_fn_GetClusterGroupState get = b->table.fn.GetClusterGroupState;
    int state;
    if (!get) {
        *err = ERROR_PROC_NOT_FOUND;
        return CS_STATE_FAILED;
    }
    for (;;) {
        DWORD cch = owner->cap;
        shim_clear_last_error(b);
        state = (int)get(g, owner->p, &cch);
        if (state != -1)
            return state;
        if ((state = unknown_or_failed(b, err)) == -1)
            break;
        if (*err != ERROR_MORE_DATA || (*err = cs_nb_grow(owner, cch)) != 0)
            return CS_STATE_FAILED;
    }
    owner->p[0] = 0;            /* Unknown, and nothing went wrong: the DLL wrote no name */
    return -1;
}

static int resource_status_raw(cs_backend *b, HRESOURCE r, cs_namebuf *owner, cs_namebuf *group, uint32_t *err)
{
    cs_fn_GetClusterResourceState get = b->table.fn.GetClusterResourceState;
    int state;
    if (!get) {
        *err = ERROR_PROC_NOT_FOUND;
        return CS_STATE_FAILED;
    }
    for (;;) {
        DWORD cch_owner = owner->cap, cch_group = group->cap;
        shim_clear_last_error(b);
        state = (int)get(r, owner->p, &cch_owner, group->p, &cch_group);
        if (state != -1)
            return state;
        if ((state = unknown_or_failed(b, err)) == -1)
            break;
        if (*err != ERROR_MORE_DATA || (*err = cs_nb_grow2(owner, cch_owner, group, cch_group)) != 0)
            return CS_STATE_FAILED;
    }
    owner->p[0] = 0;
    group->p[0] = 0;
    return -1;
}

int shim_status_raw(cs_backend *b, int kind, void *raw, cs_namebuf *owner, cs_namebuf *group, uint32_t *err,
                    int *fn)
{
    if (kind == CS_KIND_GROUP) {
        *fn = CS_FN_GetClusterGroupState;
        return group_status_raw(b, (HGROUP)raw, owner, err);
    }
    if (kind == CS_KIND_RESOURCE) {
        *fn = CS_FN_GetClusterResourceState;
        return resource_status_raw(b, (HRESOURCE)raw, owner, group, err);
    }
    *fn = -1;
    *err = ERROR_INVALID_HANDLE;
    return CS_STATE_FAILED;
}

/* The status of a group or resource token; also its kind in *kind. */
static int status_of(uint64_t token, cs_namebuf *owner, cs_namebuf *group, int *kind, uint32_t *err, int *fn)
{
    int state;
    cs_handle *h = shim_enter(token, SHIM_ANY_OBJECT);
    if (h == NULL) {
        *err = cs_last_error();
        *fn = SHIM_RECORDED;                /* with its condition: not to be recorded again */
        return CS_STATE_FAILED;
    }
    *kind = h->kind;
    state = shim_status_raw(h->backend, h->kind, h->raw, owner, group, err, fn);
    shim_leave(token);
    return state;
}

uint32_t cs_status(uint64_t token, cs_result **out)
{
    cs_builder bd = CS_BUILDER_INIT;
    cs_namebuf owner, group;
    uint32_t err = 0;
    int state, fn, kind = -1;
    cs_nb_init(&owner);
    cs_nb_init(&group);
    state = status_of(token, &owner, &group, &kind, &err, &fn);
    if (err == 0) {
        cs_bd_int(&bd, state);
        cs_bd_string(&bd, owner.p);
        if (kind == CS_KIND_RESOURCE)
            cs_bd_string(&bd, group.p);
    }
    cs_nb_free(&owner);
    cs_nb_free(&group);
    if (err != 0) {
        cs_bd_free(&bd);
        return fn == SHIM_RECORDED ? err : cs_fail(err, fn);
    }
    return cs_bd_deliver(&bd, out);
}

/* Copies a NUL-terminated name into a caller's field; 0 when it does not fit. */
static int copy_field(cs_char *field, uint32_t capacity, const cs_char *text)
{
    size_t n = cs_wlen(text);
    if (n >= capacity)
        return 0;
    memcpy(field, text, (n + 1) * sizeof(cs_char));
    return 1;
}

int cs_status_into(uint64_t token, cs_char *buf, uint32_t field_capacity)
{
    cs_namebuf owner, group;
    uint32_t err = 0;
    int state, fn, kind = -1;
    if (buf == NULL || field_capacity == 0) {
        cs_fail(ERROR_INVALID_PARAMETER, -1);
        return CS_STATE_FAILED;
    }
    cs_nb_init(&owner);
    cs_nb_init(&group);
    buf[0] = 0;
    buf[field_capacity] = 0;
    state = status_of(token, &owner, &group, &kind, &err, &fn);
    /* A backend state equal to one of the markers goes the allocating way
     * (cs_status carries it in the ints channel, beside nothing). */
    if (err == 0 && (state == CS_STATE_FAILED || state == CS_STATUS_TOO_LONG ||
                     !copy_field(buf, field_capacity, owner.p) ||
                     (kind == CS_KIND_RESOURCE && !copy_field(buf + field_capacity, field_capacity, group.p))))
        state = CS_STATUS_TOO_LONG;
    cs_nb_free(&owner);
    cs_nb_free(&group);
    if (err != 0) {
        if (fn != SHIM_RECORDED)
            cs_fail(err, fn);
        return CS_STATE_FAILED;
    }
    return state;
}
