/*
 * sim/cs_sim_props_enum.c - the property lists of Cluster{Group,Resource}
 * OpenEnumEx: lpszProperties / lpszRoProperties are MULTI_SZ lists of
 * names ("*" alone: every common, resp. read-only common, property); each
 * item of the copy taken at open carries its two lists, which
 * Cluster{Group,Resource}EnumEx returns through pProperties /
 * pRoProperties inside the caller's item buffer.  A name the object does
 * not have fails the open with ERROR_INVALID_PARAMETER.
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

struct sim_enum_props {
    size_t n;
    uint8_t **list[2];          /* [0] read-write, [1] read-only: one list per item (NULL: none asked) */
    size_t *cb[2];
};

void sim_enum_props_free(struct sim_enum_props *e)
{
    size_t i;
    int k;
    if (e == NULL)
        return;
    for (k = 0; k < 2; k++) {
        for (i = 0; e->list[k] && i < e->n; i++)
            free(e->list[k][i]);
        free(e->list[k]);
        free(e->cb[k]);
    }
    free(e);
}

/* The names of a MULTI_SZ of cb bytes: 0 with *count names (0 for none),
 * *all when it is "*" alone; ERROR_INVALID_PARAMETER when malformed. */
static DWORD read_names(LPCWSTR names, DWORD cb, size_t *count, int *all)
{
    size_t n = cb / sizeof(WCHAR), i, start = 0;
    *count = 0;
    *all = 0;
    if (names == NULL)
        return cb == 0 ? 0 : (DWORD)ERROR_INVALID_PARAMETER;
    if (cb % sizeof(WCHAR) != 0)
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i < n; i++) {
        if (names[i] != 0)
            continue;
        if (i == start)
            break;                                      /* the list's final NUL */
        if (i - start == 1 && names[start] == '*')
            *all = 1;
        (*count)++;
        start = i + 1;
    }
    if (i == n && n != 0 && start != n)
        return ERROR_INVALID_PARAMETER;                 /* a name without its NUL */
    if (*all && *count != 1)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

/* Whether `name` is one of the names (a MULTI_SZ of `chars` characters,
 * checked by read_names: every name ends with a NUL within it; the final
 * empty string may be missing). */
static int named(LPCWSTR names, size_t chars, const WCHAR *name, size_t n)
{
    size_t pos = 0;
    while (pos < chars && names[pos] != 0) {
        size_t len = cs_wlen_max(names + pos, chars - pos);
        if (cs_wieq(names + pos, len, name, n))
            return 1;
        pos += len + 1;
    }
    return 0;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The properties of `full` (a list this simulator wrote) whose names are
 * listed, as a new list; ERROR_INVALID_PARAMETER when a listed name is
 * missing. */
static DWORD select_named(const uint8_t *full, size_t cb, LPCWSTR names, size_t chars, size_t count,
                          uint8_t **out, size_t *out_cb)
{
    plw w;
    size_t pos = 4, i, found = 0;
    DWORD err;
    uint32_t total = rd32(full);
    WCHAR name[256];
    sim_plw_init(&w);
    for (i = 0; i < total && pos + 8 <= cb; i++) {
        uint32_t name_cb = rd32(full + pos + 4);
        size_t nn = name_cb / sizeof(WCHAR) - 1, vpos = pos + 8 + ((name_cb + 3u) & ~3u);
        uint32_t syntax = rd32(full + vpos), value_cb = rd32(full + vpos + 4);
        if (nn >= 256)
            nn = 255;
        memcpy(name, full + pos + 8, nn * sizeof(WCHAR));
        name[nn] = 0;
        if (named(names, chars, name, nn)) {
            sim_plw_property(&w, name, nn, syntax, full + vpos + 8, value_cb);
            found++;
        }
        pos = vpos + 8 + ((value_cb + 3u) & ~3u) + 4;   /* the value, then the ENDMARK */
    }
    err = sim_plw_finish(&w);
    if (!err && found != count)
        err = ERROR_INVALID_PARAMETER;
    if (err) {
        sim_plw_free(&w);
        return err;
    }
    *out = w.p;
    *out_cb = w.n;
    return 0;
}

DWORD sim_enum_props_attach(sim *s, sim_handle *h, int kind, LPCWSTR props, DWORD cb_props, LPCWSTR ro_props,
                            DWORD cb_ro)
{
    struct sim_enum_props *e;
    LPCWSTR names[2];
    size_t count[2], chars[2], i;
    int all[2], k;
    DWORD err;
    names[0] = props;
    names[1] = ro_props;
    chars[0] = cb_props / sizeof(WCHAR);
    chars[1] = cb_ro / sizeof(WCHAR);
    if ((err = read_names(props, cb_props, &count[0], &all[0])) != 0 ||
        (err = read_names(ro_props, cb_ro, &count[1], &all[1])) != 0)
        return err;
    if (count[0] == 0 && count[1] == 0)
        return 0;
    e = (struct sim_enum_props *)calloc(1, sizeof(*e));
    if (e == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    h->props = e;                               /* freed with the handle, whatever happens below */
    e->n = h->n_items;
    for (k = 0; k < 2; k++) {
        if (count[k] == 0)
            continue;
        e->list[k] = (uint8_t **)calloc(e->n ? e->n : 1, sizeof(uint8_t *));
        e->cb[k] = (size_t *)calloc(e->n ? e->n : 1, sizeof(size_t));
        if (e->list[k] == NULL || e->cb[k] == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        for (i = 0; i < e->n; i++) {
            const enum_item *it = &h->items[i];
            sim_obj *o = sim_set_find(&s->sets[kind], sim_item_str(h, it, EI_NAME), it->len[EI_NAME]);
            uint8_t *full = NULL;
            size_t full_cb = 0;
            if (o == NULL)
                return ERROR_INVALID_PARAMETER;         /* cannot happen: the copy was taken under the lock */
            if ((err = sim_props_list(s, o, k ? PF_RO : 0, &full, &full_cb)) != 0)
                return err;
            if (all[k]) {
                e->list[k][i] = full;
                e->cb[k][i] = full_cb;
            } else {
                err = select_named(full, full_cb, names[k], chars[k], count[k], &e->list[k][i], &e->cb[k][i]);
                free(full);
                if (err)
                    return err;
            }
        }
    }
    return 0;
}

size_t sim_enum_props_end(const sim_handle *h, DWORD index, size_t pos)
{
    const struct sim_enum_props *e = h->props;
    int k;
    if (e == NULL || index >= e->n)
        return pos;
    for (k = 0; k < 2; k++)
        if (e->list[k])
            pos = ((pos + 7u) & ~(size_t)7u) + e->cb[k][index];     /* each list aligned to 8 */
    return pos;
}

void sim_enum_props_pack(const sim_handle *h, DWORD index, BYTE *base, size_t *pos, DWORD *cb, PVOID *p,
                         DWORD *cb_ro, PVOID *p_ro)
{
    const struct sim_enum_props *e = h->props;
    DWORD *cbs[2];
    PVOID *ps[2];
    int k;
    cbs[0] = cb;
    cbs[1] = cb_ro;
    ps[0] = p;
    ps[1] = p_ro;
    for (k = 0; k < 2; k++) {
        *cbs[k] = 0;
        *ps[k] = NULL;
        if (e == NULL || index >= e->n || e->list[k] == NULL)
            continue;
        *pos = (*pos + 7u) & ~(size_t)7u;
        memcpy(base + *pos, e->list[k][index], e->cb[k][index]);
        *ps[k] = base + *pos;
        *cbs[k] = (DWORD)e->cb[k][index];
        *pos += e->cb[k][index];
    }
}
