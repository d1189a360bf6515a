/*
 * sim/cs_sim_buffers.c - what the entry points write into the caller's
 * memory, and the enumeration copies they read from:
 *   - name buffers (lpcch*: characters, see cs_sim.h);
 *   - the copy of an enumeration taken when it is opened: items whose
 *     strings live in one pool, owned by the enumeration handle;
 *   - *EnumEx item buffers (cbItem: bytes): the struct, then its strings.
 */
#include "sim/cs_sim_int.h"
#include <stdlib.h>
#include <string.h>

/* ---- name buffers ------------------------------------------------------------------------------- */
/* Checks a (buffer, count) pair: a count is required; a NULL buffer only
 * with capacity 0 (a length query). */
DWORD sim_check_name_buffer(LPWSTR buf, LPDWORD cch)
{
    if (cch == NULL)
        return ERROR_INVALID_PARAMETER;
    if (buf == NULL && *cch != 0)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

int sim_name_fits(size_t n, const DWORD *cch)
{
    return (size_t)*cch >= n + 1;
}

void sim_name_write(const WCHAR *s, size_t n, LPWSTR buf, LPDWORD cch)
{
    if (n)
        memcpy(buf, s, n * sizeof(WCHAR));
    buf[n] = 0;
    *cch = (DWORD)n;
}

/* The name-buffer protocol for one string. */
DWORD sim_put_name(const WCHAR *s, size_t n, LPWSTR buf, LPDWORD cch)
{
    DWORD err = sim_check_name_buffer(buf, cch);
    if (err)
        return err;
    if (!sim_name_fits(n, cch)) {
        *cch = (DWORD)n;
        return ERROR_MORE_DATA;
    }
    sim_name_write(s, n, buf, cch);
    return 0;
}

/* An optional (buffer, count) pair: both NULL = not wanted; a buffer
 * without its count is an error. */
DWORD sim_check_optional_buffer(LPWSTR buf, LPDWORD cch)
{
    if (cch == NULL)
        return buf == NULL ? 0 : (DWORD)ERROR_INVALID_PARAMETER;
    return sim_check_name_buffer(buf, cch);
}

/* ---- enumeration copies ------------------------------------------------------------------------ */
void sim_eb_init(ebuild *eb)
{
    memset(eb, 0, sizeof(*eb));
    eb->pool = (WCHAR *)malloc(64 * sizeof(WCHAR));
    if (eb->pool == NULL) {
        eb->oom = 1;
        return;
    }
    eb->pcap = 64;
    eb->pool[0] = 0;            /* offset 0: the empty string */
    eb->plen = 1;
}

static void eb_free(ebuild *eb)
{
    free(eb->items);
    free(eb->pool);
    memset(eb, 0, sizeof(*eb));
}

static void eb_str(ebuild *eb, enum_item *it, int which, const wstr *s)
{
    WCHAR *pool;
    if (eb->oom || s == NULL || s->n == 0)
        return;
    pool = (WCHAR *)sim_grow_array(eb->pool, &eb->pcap, eb->plen + s->n + 1, sizeof(WCHAR), 64);
    if (pool == NULL) {
        eb->oom = 1;
        return;
    }
    eb->pool = pool;
    memcpy(eb->pool + eb->plen, s->p, s->n * sizeof(WCHAR));
    it->off[which] = eb->plen;
    it->len[which] = (DWORD)s->n;
    eb->plen += s->n;
    eb->pool[eb->plen++] = 0;
}

/* Appends an item; the strings may be NULL (empty). */
void sim_eb_add(ebuild *eb, DWORD type, int state, const wstr *name, const wstr *id, const wstr *owner,
                const wstr *gname, const wstr *gid)
{
    enum_item *it;
    if (eb->oom)
        return;
    it = (enum_item *)sim_grow_array(eb->items, &eb->cap, eb->n + 1, sizeof(enum_item), 16);
    if (it == NULL) {
        eb->oom = 1;
        return;
    }
    eb->items = it;
    it = &eb->items[eb->n++];
    memset(it, 0, sizeof(*it));
    it->type = type;
    it->state = state;
    eb_str(eb, it, EI_NAME, name);
    eb_str(eb, it, EI_ID, id);
    eb_str(eb, it, EI_OWNER, owner);
    eb_str(eb, it, EI_GNAME, gname);
    eb_str(eb, it, EI_GID, gid);
}

/* A new enumeration handle holding the copy (which it takes over, or frees
 * on failure); returns its token in *token. */
DWORD sim_enum_handle(sim *s, int hk, sim_handle *parent, ebuild *eb, uint64_t *token)
{
    sim_handle *h = NULL;
    DWORD err = eb->oom ? (DWORD)ERROR_NOT_ENOUGH_MEMORY : sim_handle_new(s, hk, NULL, parent, &h);
    if (err) {
        eb_free(eb);
        return err;
    }
    h->items = eb->items;
    h->n_items = eb->n;
    h->pool = eb->pool;
    memset(eb, 0, sizeof(*eb));
    *token = h->token;
    return 0;
}

/* The item strings of an enumeration copy. */
const WCHAR *sim_item_str(const sim_handle *h, const enum_item *it, int which)
{
    return h->pool + it->off[which];
}

/* ---- *EnumEx item buffers ---------------------------------------------------------------------- */
/* *EnumEx: checks (pItem, cbItem) against the bytes an item needs.  Returns
 * 0 when the item fits. */
DWORD sim_check_item_buffer(const void *item, LPDWORD cb, size_t needed)
{
    if (cb == NULL)
        return ERROR_INVALID_PARAMETER;
    if (item == NULL && *cb != 0)
        return ERROR_INVALID_PARAMETER;
    if ((size_t)*cb < needed) {
        *cb = (DWORD)needed;
        return ERROR_MORE_DATA;
    }
    return 0;
}

/* Bytes of an item string with its NUL. */
size_t sim_item_bytes(const enum_item *it, int which)
{
    return ((size_t)it->len[which] + 1) * sizeof(WCHAR);
}

/* Copies one string of the item to base + *pos; returns where it went. */
LPWSTR sim_pack(BYTE *base, size_t *pos, const sim_handle *h, const enum_item *it, int which, DWORD *cb)
{
    LPWSTR dst = (LPWSTR)(void *)(base + *pos);
    size_t n = it->len[which];
    if (n)
        memcpy(dst, sim_item_str(h, it, which), n * sizeof(WCHAR));
    dst[n] = 0;
    *cb = (DWORD)((n + 1) * sizeof(WCHAR));
    *pos += *cb;
    return dst;
}

/* ---- Cluster*Control output ------------------------------------------------------------------------- */
DWORD sim_control_output(const uint8_t *data, size_t n, LPVOID out, DWORD cb_out, LPDWORD bytes_returned)
{
    if (n > 0xFFFFFFFFu)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (bytes_returned != NULL)
        *bytes_returned = (DWORD)n;
    if (out == NULL || cb_out < n)
        return ERROR_MORE_DATA;
    if (n > 0)
        memcpy(out, data, n);
    return 0;
}
