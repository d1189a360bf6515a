/* core/cs_result.c - the result builder (core/cs_result.h). */
#include "core/cs_result.h"
#include "core/cs_failure.h"
#include "core/cs_wstr.h"
#include <stdlib.h>
#include <string.h>

/* Room for `more` characters after the current text. */
static int reserve_text(cs_builder *bd, size_t more)
{
    size_t cap;
    cs_char *p;
    if (bd->len + more <= bd->cap)
        return 1;
    cap = bd->cap ? bd->cap : 256;
    while (bd->len + more > cap)
        cap *= 2;
    p = (cs_char *)realloc(bd->text, cap * sizeof(cs_char));
    if (p == NULL) {
        bd->oom = 1;
        return 0;
    }
    bd->text = p;
    bd->cap = cap;
    return 1;
}

void cs_bd_text(cs_builder *bd, const cs_char *s, size_t n)
{
    if (bd->oom || !reserve_text(bd, n + 1))
        return;
    if (n)
        memcpy(bd->text + bd->len, s, n * sizeof(cs_char));
    bd->len += n;
    bd->text[bd->len++] = 0;        /* the field separator */
}

void cs_bd_string(cs_builder *bd, const cs_char *s)
{
    cs_bd_text(bd, s, cs_wlen(s));
}

void cs_bd_int(cs_builder *bd, int64_t v)
{
    if (bd->oom)
        return;
    if (bd->n_ints == bd->cap_ints) {
        size_t cap = bd->cap_ints ? bd->cap_ints * 2 : 32;
        int64_t *p = (int64_t *)realloc(bd->ints, cap * sizeof(int64_t));
        if (p == NULL) {
            bd->oom = 1;
            return;
        }
        bd->ints = p;
        bd->cap_ints = cap;
    }
    bd->ints[bd->n_ints++] = v;
}

void cs_bd_bytes(cs_builder *bd, const void *p, size_t n)
{
    if (bd->oom || n == 0)
        return;
    if (n > bd->cap_bytes - bd->n_bytes) {
        size_t cap = bd->cap_bytes ? bd->cap_bytes : 256;
        uint8_t *grown;
        while (n > cap - bd->n_bytes) {
            if (cap > (size_t)-1 / 2) {
                bd->oom = 1;
                return;
            }
            cap *= 2;
        }
        if ((grown = (uint8_t *)realloc(bd->bytes, cap)) == NULL) {
            bd->oom = 1;
            return;
        }
        bd->bytes = grown;
        bd->cap_bytes = cap;
    }
    memcpy(bd->bytes + bd->n_bytes, p, n);
    bd->n_bytes += n;
}

void cs_bd_append(cs_builder *to, const cs_builder *from)
{
    size_t i;
    if (from->oom)
        to->oom = 1;
    if (to->oom)
        return;
    /* from's text is whole fields, each with its separator: one copy */
    if (from->len && reserve_text(to, from->len + 1)) {
        memcpy(to->text + to->len, from->text, from->len * sizeof(cs_char));
        to->len += from->len;
    }
    for (i = 0; i < from->n_ints; i++)
        cs_bd_int(to, from->ints[i]);
    cs_bd_bytes(to, from->bytes, from->n_bytes);
}

size_t cs_bd_count(const cs_builder *bd)
{
    size_t i, n = 0;
    for (i = 0; i < bd->len; i++)
        if (bd->text[i] == 0)
            n++;
    return n;
}

cs_char **cs_bd_fields(const cs_builder *bd, size_t *count)
{
    size_t i, n = cs_bd_count(bd), k = 0;
    cs_char **items = (cs_char **)malloc((n ? n : 1) * sizeof(cs_char *));
    if (items == NULL)
        return NULL;
    if (n) {
        items[k++] = bd->text;
        for (i = 0; i + 1 < bd->len; i++)
            if (bd->text[i] == 0)
                items[k++] = bd->text + i + 1;
    }
    *count = n;
    return items;
}

void cs_bd_free(cs_builder *bd)
{
    free(bd->text);
    free(bd->ints);
    free(bd->bytes);
    memset(bd, 0, sizeof(*bd));
}

uint32_t cs_bd_deliver(cs_builder *bd, cs_result **out)
{
    cs_result *r;
    if (bd->oom || (r = (cs_result *)calloc(1, sizeof(*r))) == NULL) {
        cs_bd_free(bd);
        return cs_fail(ERROR_NOT_ENOUGH_MEMORY, -1);
    }
    r->text = bd->text;
    /* text_len leaves out the separator after the last field */
    r->text_len = bd->len ? bd->len - 1 : 0;
    r->ints = bd->ints;
    r->n_ints = bd->n_ints;
    r->bytes = bd->bytes;
    r->n_bytes = bd->n_bytes;
    memset(bd, 0, sizeof(*bd));
    *out = r;
    return 0;
}

void cs_result_free(cs_result *result)
{
    if (result == NULL)
        return;
    free(result->text);
    free(result->ints);
    free(result->bytes);
    free(result);
}

void cs_bd_sections_head(cs_builder *bd, int format, int count)
{
    cs_bd_int(bd, format);
    cs_bd_int(bd, count);
}

void cs_bd_section_header(cs_builder *bd, int kind, size_t rows, int fields_per_row, int ints_per_row,
                          size_t n_bytes)
{
    cs_bd_int(bd, kind);
    cs_bd_int(bd, (int64_t)rows);
    cs_bd_int(bd, fields_per_row);
    cs_bd_int(bd, ints_per_row);
    cs_bd_int(bd, (int64_t)n_bytes);
}
