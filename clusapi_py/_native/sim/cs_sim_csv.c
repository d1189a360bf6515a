/*
 * sim/cs_sim_csv.c - Cluster Shared Volumes of the simulator: a Physical
 * Disk resource made a CSV carries one volume (path, volume name,
 * partition, volume label, sizes, fault and backup state).  Served through
 * ClusterOpenEnum(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE) and the resource
 * control codes STORAGE_GET_SHARED_VOLUME_INFO (a value list of
 * CLUS_CSV_VOLUME_INFO, 640 bytes) and STORAGE_GET_DISK_INFO_EX (a value
 * list of CLUS_PARTITION_INFO_EX, 1160 bytes); layouts: the facts file's
 * offsets for x64 (no pointers inside, so the same on x86).
 *
 * Per-node states: a SHARED_VOLUME STATE event (and the resource control
 * STORAGE_GET_SHARED_VOLUME_STATES, which the live view reads at a resync)
 * carries a property list of BINARY CLUSTER_SHARED_VOLUME_STATE_INFO_EX
 * values (1584 bytes), one per node, named by the node.  The simulator's
 * rule: a CSV whose resource is not online, or a node that is down or
 * joining, is Unavailable there; NoAccess or Dismounted: Unavailable;
 * InMaintenance: Paused; NoDirectIO: ActiveRedirected (file-system
 * redirected, RedirectedIOReason UserRequest 0x1); else Active.  Posted on
 * every change of the volume (cs_sim_set_shared_volume: fill, fault state),
 * of its resource's state, of its group's owner and of a node's state.
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

#define CSV_INFO_SIZE 640u
#define PARTITION_INFO_SIZE 1160u
#define CSV_PATH_CHARS 260u
#define CSV_VOLUME_CHARS 50u

static const WCHAR PHYSICAL_DISK[] = {'P', 'h', 'y', 's', 'i', 'c', 'a', 'l', ' ', 'D', 'i', 's', 'k', 0};

struct sim_csv {
    WCHAR path[CSV_PATH_CHARS];
    WCHAR volume[CSV_VOLUME_CHARS];
    WCHAR label[CSV_PATH_CHARS];    /* the file system's volume label (CLUS_PARTITION_INFO_EX.szVolumeLabel) */
    DWORD partition, fault, backup;
    uint64_t total, free_bytes;
    uint8_t *posted;            /* the state list of the last SHARED_VOLUME STATE event (or NULL) */
    size_t n_posted;
};

void sim_csv_free(struct sim_csv *v)
{
    if (v != NULL)
        free(v->posted);
    free(v);
}

int sim_csv_is(const sim_obj *o)
{
    return o != NULL && o->kind == CS_KIND_RESOURCE && o->props != NULL && o->props->csv != NULL;
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* A value list of one value: {syntax, cb, data, padding}, ENDMARK. */
static DWORD value_list(DWORD syntax, const uint8_t *value, size_t cb, uint8_t **data, size_t *n)
{
    size_t padded = (cb + 3u) & ~(size_t)3u, total = 8 + padded + 4;
    uint8_t *p = (uint8_t *)calloc(1, total);
    if (p == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    put32(p, syntax);
    put32(p + 4, (uint32_t)cb);
    memcpy(p + 8, value, cb);
    *data = p;
    *n = total;
    return 0;
}

DWORD sim_csv_control(const sim_obj *o, DWORD function, uint8_t **data, size_t *n)
{
    const struct sim_csv *v;
    uint8_t buf[PARTITION_INFO_SIZE];
    if (!sim_csv_is(o))
        return ERROR_INVALID_FUNCTION;          /* the resource holds no CSV */
    v = o->props->csv;
    memset(buf, 0, sizeof(buf));
    if (function == 0x000225) {                 /* STORAGE_GET_SHARED_VOLUME_INFO */
        if (o->state != ClusterResourceOnline)
            return ERROR_RESOURCE_NOT_ONLINE;
        put64(buf, 0);                          /* VolumeOffset */
        put32(buf + 8, v->partition);
        put32(buf + 12, v->fault);
        put32(buf + 16, v->backup);
        memcpy(buf + 20, v->path, sizeof(v->path));
        memcpy(buf + 540, v->volume, sizeof(v->volume));
        return value_list(CLUSPROP_SYNTAX_LIST_VALUE_BINARY, buf, CSV_INFO_SIZE, data, n);
    }
    /* STORAGE_GET_DISK_INFO_EX: the fields after the device name only while online */
    put32(buf, 0);
    memcpy(buf + 4, v->volume, sizeof(v->volume));
    if (o->state == ClusterResourceOnline) {
        memcpy(buf + 524, v->label, sizeof(v->label));
        put64(buf + 1120, v->total);
        put64(buf + 1128, v->free_bytes);
        put32(buf + 1140, v->partition);
    }
    return value_list(CLUSPROP_SYNTAX_PARTITION_INFO_EX, buf, PARTITION_INFO_SIZE, data, n);
}

#define STATE_INFO_EX_SIZE 1584u

/* The CLUSTER_SHARED_VOLUME_STATE on one node (see the rule above), and the
 * redirected-I/O reason. */
static DWORD node_state(const sim_obj *res, const sim_obj *node, uint64_t *reason)
{
    DWORD fault = res->props->csv->fault;
    *reason = 0;
    if (res->state != ClusterResourceOnline || node->state == ClusterNodeDown || node->state == ClusterNodeJoining)
        return 0;                               /* Unavailable */
    if (fault & 0xAu)                           /* NoAccess, Dismounted */
        return 0;
    if (fault & 0x4u)                           /* InMaintenance */
        return 1;                               /* Paused */
    if (fault & 0x1u) {                         /* NoDirectIO */
        *reason = 0x1;                          /* RedirectedIOReasonUserRequest */
        return 3;                               /* ActiveRedirected */
    }
    return 2;                                   /* Active */
}

/* The per-node state list of a CSV resource, in a new buffer. */
DWORD sim_csv_states(sim *s, const sim_obj *res, uint8_t **data, size_t *n)
{
    const sim_obj *node;
    uint8_t info[STATE_INFO_EX_SIZE];
    plw w;
    DWORD err;
    *data = NULL;
    *n = 0;
    if (!sim_csv_is(res))
        return ERROR_INVALID_FUNCTION;
    sim_plw_init(&w);
    for (node = s->sets[CS_KIND_NODE].head; node; node = node->next) {
        uint64_t reason;
        size_t chars;
        if (node->deleted)
            continue;
        memset(info, 0, sizeof(info));
        memcpy(info, res->props->csv->volume, sizeof(res->props->csv->volume));
        chars = node->name.n < CSV_PATH_CHARS - 1 ? node->name.n : CSV_PATH_CHARS - 1;
        memcpy(info + 520, node->name.p, chars * sizeof(WCHAR));
        put32(info + 1040, node_state(res, node, &reason));
        memcpy(info + 1044, res->props->csv->path, sizeof(res->props->csv->path));
        put64(info + 1568, reason);
        put64(info + 1576, 0);
        sim_plw_property(&w, node->name.p, node->name.n, CLUSPROP_SYNTAX_LIST_VALUE_BINARY, info, sizeof(info));
    }
    err = sim_plw_finish(&w);
    if (err) {
        sim_plw_free(&w);
        return err;
    }
    *data = w.p;
    *n = w.n;
    return 0;
}

/* One CSV resource's SHARED_VOLUME STATE event: always (`force`: the
 * volume itself or its owner changed), else only when a node's state in
 * it differs from the last list (a resource or node state change).  The
 * last list is kept whether or not a port listens, so that an event means
 * a change. */
static void post_states(sim *s, const sim_obj *res, int force)
{
    struct sim_csv *v = res->props->csv;
    uint8_t *data;
    size_t n;
    if (sim_csv_states(s, res, &data, &n) != 0)
        return;
    if (!force && v->posted != NULL && v->n_posted == n && memcmp(v->posted, data, n) == 0) {
        free(data);
        return;
    }
    if (s->ports != NULL && (force || v->posted != NULL))
        sim_changed_data(s, SIM_CHANGE_CSV, res, data, n);
    free(v->posted);
    v->posted = data;
    v->n_posted = n;
}

void sim_csv_changed(sim *s, const sim_obj *o)
{
    const sim_obj *r;
    if (o == NULL)
        return;
    if (o->kind == CS_KIND_RESOURCE) {
        if (sim_csv_is(o))
            post_states(s, o, 0);
    } else if (o->kind == CS_KIND_GROUP) {       /* a move */
        for (r = o->res_head; r; r = r->gnext)
            if (sim_csv_is(r) && !r->deleted)
                post_states(s, r, 1);
    } else if (o->kind == CS_KIND_NODE) {
        for (r = s->sets[CS_KIND_RESOURCE].head; r; r = r->next)
            if (sim_csv_is(r) && !r->deleted)
                post_states(s, r, 0);
    }
}

static int copy_text(WCHAR *dst, size_t cap, const cs_char *src)
{
    size_t n = src ? cs_wlen_max(src, cap) : 0;
    if (n >= cap)
        return -1;
    memset(dst, 0, cap * sizeof(WCHAR));
    if (n)
        memcpy(dst, src, n * sizeof(WCHAR));
    return 0;
}

uint32_t cs_sim_set_shared_volume(int sim_id, const cs_char *resource, const cs_char *path,
                                  const cs_char *volume_name, const cs_char *label, uint32_t partition,
                                  uint64_t total_bytes, uint64_t free_bytes, uint32_t fault_state,
                                  uint32_t backup_state)
{
    sim *s;
    sim_obj *o = NULL;
    struct sim_props *p;
    struct sim_csv v;
    DWORD err;
    if (cs_wempty(resource) || cs_wempty(path) || free_bytes > total_bytes || (fault_state & ~0xFu) != 0 ||
        backup_state > 1 || copy_text(v.path, CSV_PATH_CHARS, path) != 0 ||
        copy_text(v.volume, CSV_VOLUME_CHARS, volume_name) != 0 || copy_text(v.label, CSV_PATH_CHARS, label) != 0)
        return ERROR_INVALID_PARAMETER;
    v.partition = partition;
    v.total = total_bytes;
    v.free_bytes = free_bytes;
    v.fault = fault_state;
    v.backup = backup_state;
    v.posted = NULL;
    v.n_posted = 0;
    s = sim_control_begin(sim_id, &err);
    if (!err) {
        o = sim_set_find(&s->sets[CS_KIND_RESOURCE], resource, cs_wlen(resource));
        if (o == NULL || o->deleted)
            err = ERROR_RESOURCE_NOT_FOUND;
    }
    /* Only storage (a Physical Disk resource) can be a Cluster Shared Volume; any
     * other resource's DLL does not implement the storage control codes. */
    if (!err && !cs_wieq(o->type.p, o->type.n, PHYSICAL_DISK, sizeof(PHYSICAL_DISK) / sizeof(WCHAR) - 1))
        err = ERROR_INVALID_FUNCTION;
    if (!err && (p = sim_props_of(s, o)) == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err && p->csv == NULL && (p->csv = (struct sim_csv *)calloc(1, sizeof(struct sim_csv))) == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err) {
        v.posted = p->csv->posted;              /* kept: NULL for a new one (calloc) */
        v.n_posted = p->csv->n_posted;
        *p->csv = v;
        post_states(s, o, 1);
    }
    sim_control_end();
    return err;
}
