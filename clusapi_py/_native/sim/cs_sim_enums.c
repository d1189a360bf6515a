/*
 * sim/cs_sim_enums.c - opening enumerations.  As in the real DLL, an
 * enumeration is fetched whole when it is opened (one round trip): the
 * items are copied into the new enumeration handle, and *Enum / *EnumEx
 * read that copy (cs_sim_enum_read.c).  The *OpenEnum entry points are
 * generated in cs_sim_entry.c; ClusterOpenEnumEx, with its extra argument,
 * is here.
 */
#include "sim/cs_sim_int.h"

/* Every CLUSTER_ENUM_* bit ClusterOpenEnum(Ex) accepts. */
#define CLUSTER_ENUM_VALID (0x3Fu | (DWORD)CLUSTER_ENUM_SHARED_VOLUME_RESOURCE)

/* Every object of the types in `type`, by type bit, then in insertion order. */
static void build_cluster_enum(const sim *s, DWORD type, ebuild *eb)
{
    static const int kind_of_bit[6] = { CS_KIND_NODE, -1, CS_KIND_RESOURCE, CS_KIND_GROUP, CS_KIND_NETWORK,
                                        CS_KIND_NETINTERFACE };
    int bit;
    for (bit = 0; bit < 6; bit++) {
        DWORD t = (DWORD)1 << bit;
        if (!(type & t))
            continue;
        if (kind_of_bit[bit] < 0) {
            size_t i;
            for (i = 0; i < s->n_restypes; i++)
                sim_eb_add(eb, t, 0, &s->restypes[i], &s->restypes[i], NULL, NULL, NULL);
        } else {
            const sim_obj *o;
            for (o = s->sets[kind_of_bit[bit]].head; o; o = o->next)
                sim_eb_add(eb, t, o->state, &o->name, &o->id, NULL, NULL, NULL);
        }
    }
    if (type & (DWORD)CLUSTER_ENUM_SHARED_VOLUME_RESOURCE) {
        const sim_obj *o;
        for (o = s->sets[CS_KIND_RESOURCE].head; o; o = o->next)
            if (sim_csv_is(o))
                sim_eb_add(eb, (DWORD)CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, o->state, &o->name, &o->id, NULL, NULL,
                           NULL);
    }
}

/* Whether `type` is a valid dwType for an enumeration on a handle of kind hk. */
static int enum_type_valid(int hk, DWORD type)
{
    DWORD valid = hk == HK_CLUSTER ? CLUSTER_ENUM_VALID
                : hk == HK_NODE ? 0x3u : hk == HK_GROUP ? 0x3u
                : hk == HK_RESOURCE ? 0x7u : hk == HK_NETWORK ? 0x1u : 0u;
    return type != 0 && (type & ~valid) == 0;
}

static void add_names(ebuild *eb, DWORD t, const objvec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        sim_eb_add(eb, t, v->v[i]->state, &v->v[i]->name, &v->v[i]->id, NULL, NULL, NULL);
}

/* The items of a node / group / resource / network enumeration, by type
 * bit, then in order. */
static void build_object_enum(const sim *s, const sim_obj *o, DWORD type, ebuild *eb)
{
    const sim_obj *x;
    switch (o->kind) {
    case CS_KIND_NODE:
        if (type & CLUSTER_NODE_ENUM_NETINTERFACES)
            for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = x->next)
                if (x->node == o)
                    sim_eb_add(eb, CLUSTER_NODE_ENUM_NETINTERFACES, x->state, &x->name, &x->id, NULL, NULL, NULL);
        if (type & CLUSTER_NODE_ENUM_GROUPS)
            for (x = s->sets[CS_KIND_GROUP].head; x; x = x->next)
                if (x->node == o)
                    sim_eb_add(eb, CLUSTER_NODE_ENUM_GROUPS, x->state, &x->name, &x->id, NULL, NULL, NULL);
        break;
    case CS_KIND_GROUP:
        if (type & CLUSTER_GROUP_ENUM_CONTAINS)
            for (x = o->res_head; x; x = x->gnext)
                sim_eb_add(eb, CLUSTER_GROUP_ENUM_CONTAINS, x->state, &x->name, &x->id, NULL, NULL, NULL);
        if (type & CLUSTER_GROUP_ENUM_NODES)
            add_names(eb, CLUSTER_GROUP_ENUM_NODES, &o->preferred);
        break;
    case CS_KIND_RESOURCE:
        if (type & CLUSTER_RESOURCE_ENUM_DEPENDS)
            add_names(eb, CLUSTER_RESOURCE_ENUM_DEPENDS, &o->deps);
        if (type & CLUSTER_RESOURCE_ENUM_PROVIDES)
            add_names(eb, CLUSTER_RESOURCE_ENUM_PROVIDES, &o->dependents);
        if (type & CLUSTER_RESOURCE_ENUM_NODES)
            add_names(eb, CLUSTER_RESOURCE_ENUM_NODES, &o->possible);
        break;
    case CS_KIND_NETWORK:
        if (type & CLUSTER_NETWORK_ENUM_NETINTERFACES)
            for (x = s->sets[CS_KIND_NETINTERFACE].head; x; x = x->next)
                if (x->network == o)
                    sim_eb_add(eb, CLUSTER_NETWORK_ENUM_NETINTERFACES, x->state, &x->name, &x->id, NULL, NULL, NULL);
        break;
    default:
        break;
    }
}

uint64_t sim_open_enum(int fn, uint64_t token, int hk_obj, int hk_enum, DWORD type)
{
    call c;
    ebuild eb;
    uint64_t out = 0;
    DWORD err = sim_begin(&c, fn, token, hk_obj);
    if (!err && !enum_type_valid(hk_obj, type))
        err = ERROR_INVALID_PARAMETER;
    if (!err && hk_obj != HK_CLUSTER && c.h->obj->deleted)
        err = sim_not_found(hk_obj);
    if (!err) {
        sim_eb_init(&eb);
        if (hk_obj == HK_CLUSTER)
            build_cluster_enum(c.s, type, &eb);
        else
            build_object_enum(c.s, c.h->obj, type, &eb);
        /* The enumeration belongs to the cluster handle it came through. */
        err = sim_enum_handle(c.s, hk_enum, hk_obj == HK_CLUSTER ? c.h : c.h->parent, &eb, &out);
    }
    return sim_end(&c, err) ? 0 : out;
}

HCLUSENUMEX WINAPI sim_ClusterOpenEnumEx(HCLUSTER hCluster, DWORD dwType, PVOID pOptions)
{
    (void)pOptions;
    return HANDLE_OF(HCLUSENUMEX, sim_open_enum(CS_FN_ClusterOpenEnumEx, TOKEN_OF(hCluster), HK_CLUSTER,
                                                HK_CLUSENUMEX, dwType));
}

/* Cluster{Group,Resource}OpenEnumEx: every group (id, name, state, owner)
 * or resource (id, name, group name, group id).  The property lists are
 * accepted and ignored (by the generated entry points); dwFlags is
 * reserved (0). */
uint64_t sim_open_bulk_enum(int fn, uint64_t cluster, LPCWSTR props, DWORD cb_props, LPCWSTR ro_props,
                            DWORD cb_ro, DWORD flags, int hk_enum)
{
    call c;
    ebuild eb;
    uint64_t token = 0;
    DWORD err = sim_begin(&c, fn, cluster, HK_CLUSTER);
    if (!err && flags != 0)
        err = ERROR_INVALID_PARAMETER;
    if (!err) {
        const sim_obj *o;
        sim_eb_init(&eb);
        if (hk_enum == HK_GROUPENUMEX) {
            for (o = c.s->sets[CS_KIND_GROUP].head; o; o = o->next)
                sim_eb_add(&eb, CLUSTER_ENUM_GROUP, o->state, &o->name, &o->id, o->node ? &o->node->name : NULL,
                           NULL, NULL);
        } else {
            for (o = c.s->sets[CS_KIND_RESOURCE].head; o; o = o->next)
                sim_eb_add(&eb, CLUSTER_ENUM_RESOURCE, o->state, &o->name, &o->id, NULL, &o->group->name,
                           &o->group->id);
        }
        err = sim_enum_handle(c.s, hk_enum, c.h, &eb, &token);
        if (!err) {
            sim_handle *e = sim_handle_lookup(token, hk_enum);
            err = sim_enum_props_attach(c.s, e, hk_enum == HK_GROUPENUMEX ? CS_KIND_GROUP : CS_KIND_RESOURCE, props,
                                        cb_props, ro_props, cb_ro);
            if (err)
                sim_handle_free(e);
        }
    }
    return sim_end(&c, err) ? 0 : token;
}
