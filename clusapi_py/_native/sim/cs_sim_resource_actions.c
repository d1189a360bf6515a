/*
 * sim/cs_sim_resource_actions.c - the resource actions: Online/OfflineClusterResource
 * (*Ex, *Ex2), FailClusterResource, RestartClusterResource, over the
 * per-resource state machine of cs_sim_actions.c (its model, time and
 * return codes are described there).
 */
#include "sim/cs_sim_int.h"

#define RESOURCE_ONLINE_FLAGS 0x2Fu         /* IGNORE_RESOURCE_STATUS, DO_NOT_UPDATE_PERSISTENT_STATE, NECESSARY_FOR_QUORUM, BEST_POSSIBLE_NODE, IGNORE_AFFINITY_RULE */
#define RESOURCE_OFFLINE_FLAGS 0x7u         /* IGNORE_RESOURCE_STATUS, FORCE_WITH_TERMINATION, DO_NOT_UPDATE_PERSISTENT_STATE */
#define IGNORE_RESOURCE_STATUS 0x1u

/* ---- resources ----------------------------------------------------------------------------------- */
static DWORD resource_action(int fn, HRESOURCE hResource, DWORD flags, PBYTE buf, DWORD cb, int online)
{
    call c;
    sim_obj *r;
    int target = online ? ClusterResourceOnline : ClusterResourceOffline;
    DWORD err = sim_begin(&c, fn, TOKEN_OF(hResource), HK_RESOURCE);
    if (!err)
        err = sim_action_check(&c, flags, online ? RESOURCE_ONLINE_FLAGS : RESOURCE_OFFLINE_FLAGS, buf, cb);
    if (err)
        return sim_end(&c, err);
    r = c.h->obj;
    if (r->group != NULL && (r->group->status_bits & SIM_GROUP_LOCKED_MODE) && !(flags & IGNORE_RESOURCE_STATUS))
        return sim_end(&c, ERROR_CLUSTER_RESOURCE_LOCKED_STATUS);
    if (r->state == target && !r->want)
        return sim_end(&c, 0);
    if (online)
        sim_want_online(r, 0);
    else
        sim_want_offline(r, 0, 0);
    c.s->actions_active = 1;
    sim_actions_tick(c.s);
    /* A Failed resource with nothing depending on it is Offline at once. */
    return sim_end(&c, (r->state == target && !r->want) ? 0 : (DWORD)ERROR_IO_PENDING);
}

/* sim_<Verb>ClusterResource, ...Ex, ...Ex2 (the reason is not read). */
#define SIM_DEFINE_RESOURCE_ACTION(verb, online) \
    DWORD WINAPI sim_##verb##ClusterResource(HRESOURCE hResource) \
    { \
        return resource_action(CS_FN_##verb##ClusterResource, hResource, 0, NULL, 0, online); \
    } \
    DWORD WINAPI sim_##verb##ClusterResourceEx(HRESOURCE hResource, DWORD dwFlags, PBYTE lpInBuffer, \
                                                DWORD cbInBufferSize) \
    { \
        return resource_action(CS_FN_##verb##ClusterResourceEx, hResource, dwFlags, lpInBuffer, cbInBufferSize, \
                               online); \
    } \
    DWORD WINAPI sim_##verb##ClusterResourceEx2(HRESOURCE hResource, DWORD dwFlags, PBYTE lpInBuffer, \
                                                 DWORD cbInBufferSize, LPCWSTR lpszReason) \
    { \
        (void)lpszReason; \
        return resource_action(CS_FN_##verb##ClusterResourceEx2, hResource, dwFlags, lpInBuffer, cbInBufferSize, \
                               online); \
    }
SIM_DEFINE_RESOURCE_ACTION(Online, 1)
SIM_DEFINE_RESOURCE_ACTION(Offline, 0)

/* Online -> Failed at once (5004 otherwise); dependents go down.  The
 * restart / failover policy that follows on a real cluster is not modelled. */
DWORD WINAPI sim_FailClusterResource(HRESOURCE hResource)
{
    call c;
    sim_obj *r;
    DWORD err = sim_begin(&c, CS_FN_FailClusterResource, TOKEN_OF(hResource), HK_RESOURCE);
    if (!err)
        err = sim_action_check(&c, 0, 0, NULL, 0);
    if (!err && c.h->obj->group != NULL && (c.h->obj->group->status_bits & SIM_GROUP_LOCKED_MODE))
        err = ERROR_CLUSTER_RESOURCE_LOCKED_STATUS;
    if (!err && c.h->obj->state != ClusterResourceOnline)
        err = ERROR_RESOURCE_NOT_ONLINE;
    if (err)
        return sim_end(&c, err);
    r = c.h->obj;
    r->want = SIM_WANT_NONE;
    r->restart = 0;
    r->phase_state = 0;
    sim_set_rstate(c.s, r, ClusterResourceFailed);
    sim_take_down_dependents(c.s, r, 0);
    return sim_end(&c, 0);
}

/* Offline (with the dependents that are up), then back online.  dwFlags is
 * not interpreted (no flag is documented for it). */
DWORD WINAPI sim_RestartClusterResource(HRESOURCE hResource, DWORD dwFlags)
{
    call c;
    sim_obj *r;
    DWORD err = sim_begin(&c, CS_FN_RestartClusterResource, TOKEN_OF(hResource), HK_RESOURCE);
    (void)dwFlags;
    if (!err)
        err = sim_action_check(&c, 0, 0, NULL, 0);
    if (!err && c.h->obj->group != NULL && (c.h->obj->group->status_bits & SIM_GROUP_LOCKED_MODE))
        err = ERROR_CLUSTER_RESOURCE_LOCKED_STATUS;
    if (err)
        return sim_end(&c, err);
    r = c.h->obj;
    if (r->state == ClusterResourceOffline)
        sim_want_online(r, 0);
    else
        sim_want_offline(r, 1, 0);
    c.s->actions_active = 1;
    sim_actions_tick(c.s);
    return sim_end(&c, ERROR_IO_PENDING);
}

