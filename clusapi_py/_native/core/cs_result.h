/*
 * core/cs_result.h - building a cs_result (api/cs_types.h) piece by piece.
 *
 * A builder grows its text (NUL-separated fields), its ints and its bytes
 * on the heap.  A failed allocation does not stop the caller: the builder just
 * remembers it (oom), ignores everything added after, and
 * cs_bd_deliver() then reports ERROR_NOT_ENOUGH_MEMORY -- one check at the
 * end instead of one per field.  A zeroed builder (CS_BUILDER_INIT or
 * memset) is empty and ready.
 */
#ifndef CS_RESULT_H
#define CS_RESULT_H

#include "api/cs_types.h"

typedef struct cs_builder {
    cs_char *text;
    size_t len, cap;            /* in cs_char */
    int64_t *ints;
    size_t n_ints, cap_ints;
    uint8_t *bytes;
    size_t n_bytes, cap_bytes;
    int oom;
} cs_builder;

#define CS_BUILDER_INIT { NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, 0 }

/* Appends one text field of n characters (need not be NUL-terminated). */
void cs_bd_text(cs_builder *bd, const cs_char *s, size_t n);
/* Appends a NUL-terminated string as one field (NULL: an empty field). */
void cs_bd_string(cs_builder *bd, const cs_char *s);
void cs_bd_int(cs_builder *bd, int64_t v);
/* Appends n bytes to the byte channel. */
void cs_bd_bytes(cs_builder *bd, const void *p, size_t n);
/* Appends every field, int and byte of `from` to `to`. */
void cs_bd_append(cs_builder *to, const cs_builder *from);
/* The number of text fields. */
size_t cs_bd_count(const cs_builder *bd);
/* The fields as pointers into bd's text (valid while bd is unchanged), in
 * an array the caller frees; NULL when memory is short.  *count: how many. */
cs_char **cs_bd_fields(const cs_builder *bd, size_t *count);
/* Frees what the builder holds and empties it. */
void cs_bd_free(cs_builder *bd);
/* The head of a sectioned result (api/cs_snapshot.h): its format number and
 * how many section headers follow. */
void cs_bd_sections_head(cs_builder *bd, int format, int count);
/* One section's header: kind, rows, text fields and ints per row, bytes. */
void cs_bd_section_header(cs_builder *bd, int kind, size_t rows, int fields_per_row, int ints_per_row,
                          size_t n_bytes);
/* Hands the contents over as a new cs_result in *out and empties the
 * builder; returns 0, or ERROR_NOT_ENOUGH_MEMORY (recorded as the thread's
 * failure, the builder freed). */
uint32_t cs_bd_deliver(cs_builder *bd, cs_result **out);

#endif /* CS_RESULT_H */
