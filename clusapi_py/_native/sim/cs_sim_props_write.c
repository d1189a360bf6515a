/*
 * sim/cs_sim_props_write.c - SET_* and VALIDATE_*_PROPERTIES of every
 * object kind (cs_sim_props.h).  The rules, in the order they are checked
 * (the write-access rule, ERROR_ACCESS_DENIED for a SET through a handle
 * without full access, is cs_sim_props_control.c's, checked before these):
 *   - the input is a property list (api: CLUSPROP): a NULL buffer with a
 *     size, a count its bytes cannot hold, an entry running past the end, a
 *     property without a NAME entry, a value or an ENDMARK, a value whose
 *     size does not fit its syntax: ERROR_INVALID_DATA (13);
 *   - each name must be a property the object has now: a read-only one, or
 *     an unknown common one, is ERROR_INVALID_PARAMETER (87, what the
 *     cluster's property tables answer for a name they refuse); an unknown
 *     private name is stored as a new property (what resource DLLs do with
 *     ResUtilSetUnknownProperties);
 *   - a value must keep the property's current syntax: else 87;
 *   - VALIDATE stops here: 0, nothing stored, no event;
 *   - SET stores every value and posts one *_COMMON_PROPERTY /
 *     *_PRIVATE_PROPERTY event whose buffer is a property list of the
 *     values that changed (none changed: no event).  A resource's private properties are read by its DLL when
 *     it comes online: a SET of private properties of a resource that is
 *     Online or OnlinePending answers ERROR_RESOURCE_PROPERTIES_STORED
 *     (5024: stored, effective at the next online), as MS-CMRP describes.
 *     Common properties are the cluster's policy and take effect at once.
 * A refused list stores nothing: every property is checked first.
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

enum {
    F_SET_COMMON = 0x40005E,
    F_VALIDATE_COMMON = 0x000061,
    F_SET_PRIVATE = 0x400086,
    F_VALIDATE_PRIVATE = 0x000089
};

#define MAX_NAME 256        /* characters: longer names are no property's */

typedef struct item {
    WCHAR name[MAX_NAME + 1];
    size_t n;
    DWORD syntax;
    const uint8_t *data;
    size_t cb;
    int changed;            /* differs from the value the object has (or is new) */
} item;

int sim_props_is_write(DWORD function)
{
    return function == F_SET_COMMON || function == F_VALIDATE_COMMON || function == F_SET_PRIVATE ||
           function == F_VALIDATE_PRIVATE;
}

static DWORD rd32(const uint8_t *p)
{
    return (DWORD)p[0] | (DWORD)p[1] << 8 | (DWORD)p[2] << 16 | (DWORD)p[3] << 24;
}

static size_t pad4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* Parses a property list into a new array (*out, *count): the first value
 * of each property.  0 or ERROR_INVALID_DATA (ERROR_NOT_ENOUGH_MEMORY). */
static DWORD parse(const uint8_t *p, size_t cb, item **out, size_t *count)
{
    size_t pos = 4, i, k, n;
    item *v;
    *out = NULL;
    *count = 0;
    if (p == NULL || cb < 4)
        return ERROR_INVALID_DATA;
    n = rd32(p);
    if (n > (cb - 4) / 24)      /* a property takes 24 bytes at least */
        return ERROR_INVALID_DATA;
    v = (item *)calloc(n ? n : 1, sizeof(item));
    if (v == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < n; i++) {
        DWORD syntax, len;
        int values = 0;
        if (cb - pos < 8 || rd32(p + pos) != CLUSPROP_SYNTAX_NAME)
            goto bad;
        len = rd32(p + pos + 4);
        pos += 8;
        if (len < 2 || len % 2 || len > cb - pos || len / 2 - 1 > MAX_NAME || p[pos + len - 1] || p[pos + len - 2])
            goto bad;
        v[i].n = len / 2 - 1;
        for (k = 0; k < v[i].n; k++)
            v[i].name[k] = (WCHAR)(p[pos + 2 * k] | p[pos + 2 * k + 1] << 8);
        if (v[i].n == 0 || cs_wlen_max(v[i].name, v[i].n) != v[i].n)   /* empty, or a NUL inside */
            goto bad;
        if (pad4(len) > cb - pos)
            goto bad;
        pos += pad4(len);
        for (;;) {
            if (cb - pos < 4)
                goto bad;
            syntax = rd32(p + pos);
            if (syntax == CLUSPROP_SYNTAX_ENDMARK) {
                pos += 4;
                break;
            }
            if (cb - pos < 8)
                goto bad;
            len = rd32(p + pos + 4);
            pos += 8;
            if (len > cb - pos || pad4(len) > cb - pos || !sim_props_valid_value(syntax, p + pos, len))
                goto bad;
            if (values++ == 0) {
                v[i].syntax = syntax;
                v[i].data = p + pos;
                v[i].cb = len;
            }
            pos += pad4(len);
        }
        if (values == 0)
            goto bad;
    }
    *out = v;
    *count = n;
    return 0;
bad:
    free(v);
    return ERROR_INVALID_DATA;
}

/* Whether the object's list with these flags has that name: 1 (its
 * syntax in *syntax; it->changed set from the value), 0, or -1 when memory
 * is short. */
static int has_property(sim *s, sim_obj *o, int flags, item *it, DWORD *syntax)
{
    uint8_t *list;
    size_t cb, count, i;
    item *v;
    int found = 0;
    if (sim_props_list(s, o, flags, &list, &cb) != 0)
        return -1;
    if (parse(list, cb, &v, &count) != 0) {
        free(list);
        return -1;
    }
    for (i = 0; i < count && !found; i++)
        if (cs_wieq(v[i].name, v[i].n, it->name, it->n)) {
            *syntax = v[i].syntax;
            it->changed = v[i].syntax != it->syntax || v[i].cb != it->cb ||
                          (it->cb != 0 && memcmp(v[i].data, it->data, it->cb) != 0);
            found = 1;
        }
    free(v);
    free(list);
    return found;
}

/* The check of one property against what the object has. */
static DWORD check_item(sim *s, sim_obj *o, int private_, item *it)
{
    DWORD syntax = 0;
    int base = private_ ? PF_PRIVATE : 0;
    int found = has_property(s, o, base | PF_RO, it, &syntax);
    if (found < 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (found)
        return ERROR_INVALID_PARAMETER;         /* read-only */
    found = has_property(s, o, base, it, &syntax);
    if (found < 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!found) {
        it->changed = 1;        /* a new private property */
        return private_ ? 0 : ERROR_INVALID_PARAMETER;
    }
    return syntax == it->syntax ? 0 : ERROR_INVALID_PARAMETER;
}

/* The event of a SET: the values that changed (none: no event). */
static void post_event(sim *s, sim_obj *o, int private_, const item *v, size_t count)
{
    plw w;
    size_t i;
    sim_plw_init(&w);
    for (i = 0; i < count; i++)
        if (v[i].changed)
            sim_plw_property(&w, v[i].name, v[i].n, v[i].syntax, v[i].data, v[i].cb);
    if (w.count > 0 && sim_plw_finish(&w) == 0)
        sim_changed_data(s, private_ ? SIM_CHANGE_PRIVATE_PROPERTIES : SIM_CHANGE_PROPERTIES, o, w.p, w.n);
    sim_plw_free(&w);
}

DWORD sim_props_write(sim *s, sim_obj *o, DWORD function, const uint8_t *in, size_t cb_in)
{
    int private_ = function == F_SET_PRIVATE || function == F_VALIDATE_PRIVATE;
    int set = function == F_SET_COMMON || function == F_SET_PRIVATE;
    item *v;
    size_t count, i;
    DWORD err;
    err = parse(in, cb_in, &v, &count);
    for (i = 0; !err && i < count; i++)
        err = check_item(s, o, private_, &v[i]);
    if (!err && set) {
        size_t stored = 0;      /* out of memory part-way: the event reports what was stored */
        for (i = 0; !err && i < count; i++) {
            err = sim_props_set(s, o, v[i].name, v[i].n, private_, v[i].syntax, v[i].data, v[i].cb);
            if (!err)
                stored++;
        }
        if (stored > 0)
            post_event(s, o, private_, v, stored);
        if (!err && private_ && o != NULL && o->kind == CS_KIND_RESOURCE && count > 0 &&
            (o->state == (int)ClusterResourceOnline || o->state == (int)ClusterResourceOnlinePending))
            err = ERROR_RESOURCE_PROPERTIES_STORED;
    }
    free(v);
    return err;
}
