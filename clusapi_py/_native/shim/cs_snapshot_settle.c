/*
 * shim/cs_snapshot_settle.c - CS_SNAPSHOT_SETTLED: the resource states a
 * snapshot need not read, because their group's state settles them.
 *
 * The rule: a group's state is defined by its resources' states
 * (CLUSTER_GROUP_STATE in clusapi.h; MS-CMRP 3.1.4.1.46 ApiGetGroupState
 * gives the precedence: any resource Failed -> Failed; else any pending ->
 * Pending; else some but not all Online -> PartialOnline; all Online ->
 * Online, all Offline -> Offline).  So a resource of an Online group is
 * Online, and no resource of an Offline group is Failed or pending.  Such a
 * resource is not opened: its row says the state its group settles
 * (Online, or Offline) with the group's owner node, and read = 0.
 *
 * Always read: the quorum resource (a health check judges it on its own),
 * a resource whose group the group walk did not see (created meanwhile),
 * every resource on the fallback paths (their listing has no group), and
 * every node and network.
 *
 * Net interfaces (CLUSTER_NETWORK_STATE, CLUSTER_NETINTERFACE_STATE in
 * clusapi.h and their docs pages): a network is Up when all of the nodes
 * on it can communicate; an interface is Unreachable when it cannot reach
 * another live one, Failed when it reaches none, Unavailable when its node
 * is down.  So on an Up network, an interface whose node is Up (or Paused:
 * a paused node stays in the cluster's communication) is Up -- a failed or
 * unreachable one would have made the network Partitioned or Down.  The
 * node walk (after the network walk) lists the interfaces only of nodes
 * that are neither Up nor Paused -- of every node while some network is not
 * Up, so that the interfaces read name their nodes; an interface on an Up
 * network that no node listed is not opened:
 * its row says Up, node "" (not read) and read = 0.  Interfaces of a network
 * that is not Up, or of a node that is down or joining, are read.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>

void shim_settle_free(shim_settle *st)
{
    free(st->slots);
    free(st->groups);
    st->slots = NULL;
    st->groups = NULL;
}

uint32_t shim_settle_groups(shim_settle *st, const shim_rows *groups, const cs_char *quorum)
{
    size_t n_fields = 0, size = 4, i;
    st->quorum = quorum;
    st->group_states = groups->ints.ints;
    if ((st->groups = cs_bd_fields(&groups->text, &n_fields)) == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    st->n_groups = n_fields / 3;
    if (st->n_groups > groups->ints.n_ints)
        st->n_groups = groups->ints.n_ints;
    while (size < 2 * st->n_groups)
        size *= 2;
    if ((st->slots = (size_t *)calloc(size, sizeof(size_t))) == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    st->mask = size - 1;
    for (i = 0; i < st->n_groups; i++) {
        const cs_char *name = st->groups[3 * i];
        size_t at = cs_whash(name, cs_wlen(name)) & st->mask;
        while (st->slots[at] != 0)
            at = (at + 1) & st->mask;
        st->slots[at] = i + 1;      /* 0: an empty slot */
    }
    return 0;
}

/* The row of a group by name (compared as the cluster does), or -1. */
static long group_row(const shim_settle *st, const cs_char *name)
{
    size_t n = cs_wlen(name), at;
    if (st->slots == NULL)
        return -1;
    for (at = cs_whash(name, n) & st->mask; st->slots[at] != 0; at = (at + 1) & st->mask) {
        const cs_char *g = st->groups[3 * (st->slots[at] - 1)];
        if (cs_wieq(g, cs_wlen(g), name, n))
            return (long)(st->slots[at] - 1);
    }
    return -1;
}

int shim_settle_resource(const shim_settle *st, const cs_char *name, const cs_char *group, int *state,
                         const cs_char **owner)
{
    long row = group_row(st, group);
    int64_t group_state;
    if (row < 0)
        return 0;
    if (cs_wieq(name, cs_wlen(name), st->quorum, cs_wlen(st->quorum)))
        return 0;
    group_state = st->group_states[row];
    if (group_state == ClusterGroupOnline)
        *state = ClusterResourceOnline;
    else if (group_state == ClusterGroupOffline)
        *state = ClusterResourceOffline;
    else
        return 0;
    *owner = st->groups[3 * row + 2];
    return 1;
}
