/*
 * sim/cs_sim_props.c - the simulator's property-list writer, the values set
 * through the control API, and the lists the control codes return
 * (cs_sim_props.h).
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the writer ------------------------------------------------------------------ */
static void plw_reserve(plw *w, size_t more)
{
    size_t need;
    uint8_t *p;
    if (w->oom)
        return;
    need = w->n + more;
    if (need <= w->cap)
        return;
    p = (uint8_t *)sim_grow_array(w->p, &w->cap, need, 1, 256);
    if (p == NULL)
        w->oom = 1;
    else
        w->p = p;
}

static void plw_bytes(plw *w, const void *d, size_t n)
{
    plw_reserve(w, n);
    if (w->oom)
        return;
    if (n)
        memcpy(w->p + w->n, d, n);
    w->n += n;
}

static void plw_dword(plw *w, DWORD v)
{
    uint8_t b[4];
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
    plw_bytes(w, b, 4);
}

/* An entry: syntax, byte count, data, zeros up to a multiple of 4. */
static void plw_entry(plw *w, DWORD syntax, const void *data, size_t cb, int with_nul)
{
    static const uint8_t zeros[4] = { 0, 0, 0, 0 };
    size_t total = cb + (with_nul ? sizeof(WCHAR) : 0);
    if (total > 0xFFFFFFF0u) {
        w->oom = 1;
        return;
    }
    plw_dword(w, syntax);
    plw_dword(w, (DWORD)total);
    plw_bytes(w, data, cb);
    if (with_nul)
        plw_bytes(w, zeros, sizeof(WCHAR));
    plw_bytes(w, zeros, (4 - total % 4) % 4);
}

void sim_plw_init(plw *w)
{
    memset(w, 0, sizeof(*w));
    plw_dword(w, 0);
}

void sim_plw_free(plw *w)
{
    free(w->p);
    memset(w, 0, sizeof(*w));
}

void sim_plw_property(plw *w, const WCHAR *name, size_t n, DWORD syntax, const void *data, size_t cb)
{
    plw_entry(w, CLUSPROP_SYNTAX_NAME, name, n * sizeof(WCHAR), 1);
    plw_entry(w, syntax, data, cb, 0);
    plw_dword(w, CLUSPROP_SYNTAX_ENDMARK);
    w->count++;
}

DWORD sim_plw_finish(plw *w)
{
    if (w->oom || w->count > 0xFFFFFFFFu)
        return ERROR_NOT_ENOUGH_MEMORY;
    w->p[0] = (uint8_t)w->count;
    w->p[1] = (uint8_t)(w->count >> 8);
    w->p[2] = (uint8_t)(w->count >> 16);
    w->p[3] = (uint8_t)(w->count >> 24);
    return 0;
}

/* ---- storage ---------------------------------------------------------------------- */
struct sim_props *sim_props_of(sim *s, sim_obj *o)
{
    struct sim_props **slot = o ? &o->props : &s->cluster_props;
    if (*slot == NULL)
        *slot = (struct sim_props *)calloc(1, sizeof(struct sim_props));
    return *slot;
}

void sim_props_free(struct sim_props *p)
{
    size_t i;
    if (p == NULL)
        return;
    for (i = 0; i < p->n; i++) {
        free(p->v[i].name);
        free(p->v[i].data);
    }
    free(p->v);
    sim_csv_free(p->csv);
    free(p);
}

uint64_t sim_props_now(void)
{
    return cs_filetime_now();
}

void sim_props_note_state(sim_obj *o)
{
    struct sim_props *p = sim_props_of(NULL, o);
    if (p)
        p->state_time = sim_props_now();
}

void sim_props_note_move(sim_obj *o)
{
    struct sim_props *p = sim_props_of(NULL, o);
    if (p)
        p->move_time = sim_props_now();
}

/* ---- lists ------------------------------------------------------------------------------ */
DWORD sim_props_list(sim *s, sim_obj *o, int flags, uint8_t **out, size_t *cb)
{
    plw w;
    DWORD err;
    size_t i;
    const struct sim_props *p = o ? o->props : s->cluster_props;
    *out = NULL;
    *cb = 0;
    sim_plw_init(&w);
    sim_props_write_defaults(&w, s, o, flags, p);
    /* then the values no (visible) default has, in the order they were first set */
    for (i = 0; p && i < p->n; i++)
        if (p->v[i].flags == flags &&
            sim_props_default_flags(s, o, p->v[i].name, p->v[i].n, (flags & PF_PRIVATE) != 0) < 0)
            sim_plw_property(&w, p->v[i].name, p->v[i].n, p->v[i].syntax, p->v[i].data, p->v[i].cb);
    err = sim_plw_finish(&w);
    if (err) {
        sim_plw_free(&w);
        return err;
    }
    *out = w.p;
    *cb = w.n;
    return 0;
}

DWORD sim_props_set(sim *s, sim_obj *o, const WCHAR *name, size_t n, int private_, DWORD syntax,
                       const uint8_t *data, size_t cb)
{
    struct sim_props *p = sim_props_of(s, o);
    sim_prop *slot = NULL;
    uint8_t *copy;
    size_t i;
    int flags;
    if (p == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    copy = (uint8_t *)malloc(cb ? cb : 1);
    if (copy == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (cb)
        memcpy(copy, data, cb);
    for (i = 0; i < p->n; i++)
        if ((p->v[i].flags & PF_PRIVATE) == (private_ ? PF_PRIVATE : 0) && cs_wieq(p->v[i].name, p->v[i].n, name, n))
            slot = &p->v[i];
    if (slot == NULL) {
        sim_prop *v = (sim_prop *)sim_grow_array(p->v, &p->cap, p->n + 1, sizeof(sim_prop), 8);
        WCHAR *nm = (WCHAR *)malloc((n + 1) * sizeof(WCHAR));
        if (v == NULL || nm == NULL) {
            if (v != NULL)
                p->v = v;
            free(nm);
            free(copy);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        p->v = v;
        memcpy(nm, name, n * sizeof(WCHAR));
        nm[n] = 0;
        slot = &p->v[p->n++];
        memset(slot, 0, sizeof(*slot));
        slot->name = nm;
        slot->n = n;
        flags = sim_props_default_flags(s, o, name, n, private_);
        slot->flags = flags >= 0 ? flags : (private_ ? PF_PRIVATE : 0);
    }
    free(slot->data);
    slot->data = copy;
    slot->cb = cb;
    slot->syntax = syntax;
    return 0;
}

/* The one place a property change of the simulator is reported: `list`
 * is a property list of the changed values, which the *_COMMON_PROPERTY /
 * *_PRIVATE_PROPERTY event carries (posted by the choke point,
 * cs_sim_mutate.c).  g_lock held. */
static void props_changed(sim *s, sim_obj *o, int private_, const uint8_t *list, size_t cb)
{
    sim_changed_data(s, private_ ? SIM_CHANGE_PRIVATE_PROPERTIES : SIM_CHANGE_PROPERTIES, o, list, cb);
}

static sim_obj *find_object(sim *s, int kind, const cs_char *name)
{
    sim_obj *o = sim_set_find(&s->sets[kind], name, cs_wlen(name));
    return (o && !o->deleted) ? o : NULL;
}

int sim_props_valid_value(DWORD syntax, const uint8_t *data, size_t cb)
{
    switch (syntax) {
    case CLUSPROP_SYNTAX_LIST_VALUE_DWORD:
    case CLUSPROP_SYNTAX_LIST_VALUE_LONG:
        return cb == 4;
    case CLUSPROP_SYNTAX_LIST_VALUE_WORD:
        return cb == 2;
    case CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER:
    case CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER:
    case CLUSPROP_SYNTAX_LIST_VALUE_FILETIME:
        return cb == 8;
    case CLUSPROP_SYNTAX_LIST_VALUE_SZ:
    case CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ:
    case CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ:
    case CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ:
        return cb >= 2 && cb % 2 == 0 && data[cb - 1] == 0 && data[cb - 2] == 0;
    case CLUSPROP_SYNTAX_ENDMARK:
    case CLUSPROP_SYNTAX_NAME:
        return 0;
    default:
        return 1;
    }
}

uint32_t cs_sim_set_property(int sim_id, int kind, const cs_char *object, const cs_char *name, int private_,
                             uint32_t syntax, const uint8_t *data, size_t cb)
{
    sim *s;
    sim_obj *o = NULL;
    DWORD err;
    if ((kind != CS_KIND_CLUSTER && (!sim_valid_kind(kind) || cs_wempty(object))) || cs_wempty(name) ||
        (data == NULL && cb) || !sim_props_valid_value(syntax, data, cb) || cb > 0x7FFFFFF0u)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && kind != CS_KIND_CLUSTER && (o = find_object(s, kind, object)) == NULL)
        err = sim_not_found(kind);
    if (!err)
        err = sim_props_set(s, o, name, cs_wlen(name), private_ != 0, syntax, data, cb);
    if (!err) {
        plw w;
        sim_plw_init(&w);
        sim_plw_property(&w, name, cs_wlen(name), syntax, data, cb);
        if (sim_plw_finish(&w) == 0)
            props_changed(s, o, private_ != 0, w.p, w.n);
        sim_plw_free(&w);
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_set_version(int sim_id, uint16_t major, uint16_t minor, uint16_t build)
{
    sim *s;
    DWORD err;
    s = sim_control_begin(sim_id, &err);
    if (!err) {
        s->major = major;
        s->minor = minor;
        s->build = build;
    }
    sim_control_end();
    return err;
}

uint32_t cs_sim_properties(int sim_id, int kind, const cs_char *object, int flags, uint8_t *buf, size_t cb,
                           size_t *needed)
{
    sim *s;
    sim_obj *o = NULL;
    uint8_t *list = NULL;
    size_t size = 0;
    DWORD err;
    if (needed == NULL || (buf == NULL && cb != 0) ||
        (kind != CS_KIND_CLUSTER && (!sim_valid_kind(kind) || cs_wempty(object))) ||
        (flags & ~(PF_RO | PF_PRIVATE)) != 0)
        return ERROR_INVALID_PARAMETER;
    s = sim_control_begin(sim_id, &err);
    if (!err && kind != CS_KIND_CLUSTER && (o = find_object(s, kind, object)) == NULL)
        err = sim_not_found(kind);
    if (!err)
        err = sim_props_list(s, o, flags, &list, &size);
    sim_control_end();
    if (err)
        return err;
    *needed = size;
    if (size > cb)
        err = ERROR_MORE_DATA;
    else if (size)
        memcpy(buf, list, size);
    free(list);
    return err;
}
