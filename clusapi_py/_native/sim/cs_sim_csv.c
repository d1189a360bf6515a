/*
 * sim/cs_sim_csv.c - Cluster Shared Volumes of the simulator: a Physical
 * Disk resource made a CSV carries one volume (path, volume name,
 * partition, sizes, fault and backup state).  Served through
 * ClusterOpenEnum(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE) and the resource
 * control codes STORAGE_GET_SHARED_VOLUME_INFO (a value list of
 * CLUS_CSV_VOLUME_INFO, 640 bytes) and STORAGE_GET_DISK_INFO_EX (a value
 * list of CLUS_PARTITION_INFO_EX, 1160 bytes); layouts: the facts file's
 * offsets for x64 (no pointers inside, so the same on x86).
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

#define CSV_INFO_SIZE 640u
#define PARTITION_INFO_SIZE 1160u
#define CSV_PATH_CHARS 260u
#define CSV_VOLUME_CHARS 50u

struct sim_csv {
    WCHAR path[CSV_PATH_CHARS];
    WCHAR volume[CSV_VOLUME_CHARS];
    DWORD partition, fault, backup;
    uint64_t total, free_bytes;
};

void sim_csv_free(struct sim_csv *v)
{
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
        put64(buf + 1120, v->total);
        put64(buf + 1128, v->free_bytes);
        put32(buf + 1140, v->partition);
    }
    return value_list(CLUSPROP_SYNTAX_PARTITION_INFO_EX, buf, PARTITION_INFO_SIZE, data, n);
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
                                  const cs_char *volume_name, uint32_t partition, uint64_t total_bytes,
                                  uint64_t free_bytes, uint32_t fault_state, uint32_t backup_state)
{
    sim *s;
    sim_obj *o = NULL;
    struct sim_props *p;
    struct sim_csv v;
    DWORD err;
    if (cs_wempty(resource) || cs_wempty(path) || free_bytes > total_bytes || (fault_state & ~0xFu) != 0 ||
        backup_state > 1 || copy_text(v.path, CSV_PATH_CHARS, path) != 0 ||
        copy_text(v.volume, CSV_VOLUME_CHARS, volume_name) != 0)
        return ERROR_INVALID_PARAMETER;
    v.partition = partition;
    v.total = total_bytes;
    v.free_bytes = free_bytes;
    v.fault = fault_state;
    v.backup = backup_state;
    s = control_begin(sim_id, &err);
    if (!err) {
        o = set_find(&s->sets[CS_KIND_RESOURCE], resource, cs_wlen(resource));
        if (o == NULL || o->deleted)
            err = ERROR_RESOURCE_NOT_FOUND;
    }
    if (!err && (p = props_of(s, o)) == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err && p->csv == NULL && (p->csv = (struct sim_csv *)malloc(sizeof(struct sim_csv))) == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err)
        *p->csv = v;
    control_end();
    return err;
}
