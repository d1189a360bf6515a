/*
 * sim/cs_sim_props_control.c - Cluster*Control of the simulator: the control
 * codes of every object kind that read ids, property lists, a resource's
 * type, failure info and times.  One generic implementation behind the six
 * generated entry points (cs_sim_entry.c).  The output buffer protocol:
 * *lpBytesReturned gets the size of the data; a NULL or short buffer is
 * ERROR_MORE_DATA (nothing written); an unknown code ERROR_INVALID_FUNCTION.
 * The property writes are cs_sim_props_write.c's; a SET (its access bits,
 * code & 3, are CLUS_ACCESS_WRITE) through a handle opened without full
 * access is ERROR_ACCESS_DENIED, as on a cluster.
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

/* The object number of a control code (bits 24..31) for a handle kind. */
static DWORD object_number(int hk)
{
    switch (hk) {
    case HK_RESOURCE: return 1;
    case HK_GROUP: return 3;
    case HK_NODE: return 4;
    case HK_NETWORK: return 5;
    case HK_NETINTERFACE: return 6;
    case HK_CLUSTER: return 7;
    default: return 0;
    }
}

/* The low 24 bits of the codes handled (the same for every object). */
enum {
    C_GET_FAILURE_INFO = 0x000019,
    C_GET_RESOURCE_TYPE = 0x00002D,
    C_GET_ID = 0x000039,
    C_GET_RO_COMMON = 0x000055,
    C_GET_COMMON = 0x000059,
    C_GET_RO_PRIVATE = 0x00007D,
    C_GET_PRIVATE = 0x000081,
    C_GET_LAST_MOVE_TIME = 0x0002D9,
    C_GET_STATE_CHANGE_TIME = 0x002D5D,
    C_STORAGE_GET_DISK_INFO_EX = 0x0001F1,
    C_STORAGE_GET_SHARED_VOLUME_INFO = 0x000225,
    C_STORAGE_GET_SHARED_VOLUME_STATES = 0x4002A2
};

static DWORD copy_out(const void *p, size_t cb, uint8_t **data, size_t *n)
{
    *data = (uint8_t *)malloc(cb ? cb : 1);
    if (*data == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(*data, p, cb);
    *n = cb;
    return 0;
}

static DWORD filetime_out(uint64_t t, uint8_t **data, size_t *n)
{
    uint8_t b[8];
    int k;
    for (k = 0; k < 8; k++)
        b[k] = (uint8_t)(t >> (8 * k));
    return copy_out(b, 8, data, n);
}

static DWORD failure_info(sim *s, sim_obj *o, uint8_t **data, size_t *n)
{
    /* {dwVersion = 1; attempts remaining; period remaining}: no failure has
     * been counted, so every attempt remains and no period is running. */
    DWORD v[3];
    v[0] = 1;
    v[1] = o->kind == CS_KIND_RESOURCE ? sim_props_dword(s, o, "RestartThreshold", 1)
                                       : sim_props_dword(s, o, "FailoverThreshold", 0xFFFFFFFFu);
    v[2] = 0;
    return copy_out(v, sizeof(v), data, n);
}

/* The data a code returns, in a new buffer. */
static DWORD control_data(sim *s, sim_obj *o, int hk, DWORD code, uint8_t **data, size_t *n)
{
    const struct sim_props *p;
    if ((code >> 24) != object_number(hk))
        return ERROR_INVALID_FUNCTION;
    switch (code & 0x00FFFFFFu) {
    case C_GET_RO_COMMON: return sim_props_list(s, o, PF_RO, data, n);
    case C_GET_COMMON: return sim_props_list(s, o, 0, data, n);
    case C_GET_RO_PRIVATE: return sim_props_list(s, o, PF_RO | PF_PRIVATE, data, n);
    case C_GET_PRIVATE: return sim_props_list(s, o, PF_PRIVATE, data, n);
    case C_GET_ID:
        if (o == NULL)
            break;
        return copy_out(o->id.p, (o->id.n + 1) * sizeof(WCHAR), data, n);
    case C_GET_RESOURCE_TYPE:
        if (hk != HK_RESOURCE)
            break;
        return copy_out(o->type.p, (o->type.n + 1) * sizeof(WCHAR), data, n);
    case C_GET_FAILURE_INFO:
        if (hk != HK_RESOURCE && hk != HK_GROUP)
            break;
        return failure_info(s, o, data, n);
    case C_GET_STATE_CHANGE_TIME:
        if (hk != HK_RESOURCE)
            break;
        p = o->props;
        return filetime_out(p && p->state_time ? p->state_time : s->created, data, n);
    case C_STORAGE_GET_DISK_INFO_EX:
    case C_STORAGE_GET_SHARED_VOLUME_INFO:
        if (hk != HK_RESOURCE)
            break;
        return sim_csv_control(o, code & 0x00FFFFFFu, data, n);
    case C_STORAGE_GET_SHARED_VOLUME_STATES:
        if (hk != HK_RESOURCE)
            break;
        return sim_csv_states(s, o, data, n);
    case C_GET_LAST_MOVE_TIME:
        if (hk != HK_GROUP)
            break;
        p = o->props;
        return filetime_out(p && p->move_time ? p->move_time : s->created, data, n);
    default:
        break;
    }
    return ERROR_INVALID_FUNCTION;
}

/* The access bits of a control code (low two bits) that need a handle with full access. */
#define CODE_ACCESS_MASK 3u
#define CODE_ACCESS_WRITE 2u

DWORD sim_control(int fn, uint64_t token, int hk, HNODE host, DWORD code, LPVOID in, DWORD cb_in, LPVOID out,
                  DWORD cb_out, LPDWORD bytes_returned)
{
    call c;
    uint8_t *data = NULL;
    size_t n = 0;
    DWORD err = sim_begin(&c, fn, token, hk);
    if (!err && host != NULL) {
        const sim_handle *node = sim_handle_lookup(TOKEN_OF(host), HK_NODE);
        if (node == NULL || node->s != c.s)
            err = ERROR_INVALID_HANDLE;
    }
    if (!err && hk != HK_CLUSTER && c.h->obj->deleted)
        err = sim_not_found(hk);
    if (!err && (code >> 24) == object_number(hk) && sim_props_is_write(code & 0x00FFFFFFu)) {
        if ((code & CODE_ACCESS_MASK) == CODE_ACCESS_WRITE && (c.h->granted & ACCESS_ALL) == 0)
            return sim_end(&c, ERROR_ACCESS_DENIED);
        err = sim_props_write(c.s, hk == HK_CLUSTER ? NULL : c.h->obj, code & 0x00FFFFFFu, (const uint8_t *)in,
                              in == NULL ? 0 : cb_in);
        if (bytes_returned != NULL && (err == 0 || err == ERROR_RESOURCE_PROPERTIES_STORED))
            *bytes_returned = 0;
        return sim_end(&c, err);
    }
    if (!err)
        err = control_data(c.s, hk == HK_CLUSTER ? NULL : c.h->obj, hk, code, &data, &n);
    if (!err)
        err = sim_control_output(data, n, out, cb_out, bytes_returned);
    free(data);
    return sim_end(&c, err);
}
