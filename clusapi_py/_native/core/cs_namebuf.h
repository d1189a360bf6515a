/*
 * core/cs_namebuf.h - name buffers for the Win32 "size in characters,
 * ERROR_MORE_DATA" protocol, and the loop that retries a call with a
 * larger buffer.
 *
 * A cs_namebuf starts on the stack (room for a MAX_PATH name, which is
 * every name a cluster normally has) and grows on the heap only when a
 * call answers ERROR_MORE_DATA.
 */
#ifndef CS_NAMEBUF_H
#define CS_NAMEBUF_H

#include "api/cs_types.h"

#define CS_NAME_STACK 260
/* No name the cluster service returns comes near this (in characters). */
#define CS_NAME_MAX_CHARS (1u << 20)

typedef struct cs_namebuf {
    cs_char stack[CS_NAME_STACK];
    cs_char *p;                 /* stack, or the heap once grown */
    DWORD cap;                  /* in characters */
} cs_namebuf;

/* An empty name until a call writes one. */
static inline void cs_nb_init(cs_namebuf *nb)
{
    nb->p = nb->stack;
    nb->cap = CS_NAME_STACK;
    nb->stack[0] = 0;
}

void cs_nb_release_heap(cs_namebuf *nb);

static inline void cs_nb_free(cs_namebuf *nb)
{
    if (nb->p != nb->stack)
        cs_nb_release_heap(nb);
}

/* After ERROR_MORE_DATA asking for `needed` characters (without the NUL):
 * makes room for them plus the NUL, at least doubling the buffer, so that
 * a backend that keeps answering ERROR_MORE_DATA without a larger size (or
 * leaves the count untouched) ends the loop within a few rounds.  Returns
 * 0; ERROR_MORE_DATA itself when the backend asks for no more than the
 * buffer holds or when the buffer would pass CS_NAME_MAX_CHARS (the caller
 * stops and reports the backend's answer); ERROR_NOT_ENOUGH_MEMORY when
 * malloc fails.  The contents are not kept. */
uint32_t cs_nb_grow(cs_namebuf *nb, DWORD needed);

/* The same for a call with two name buffers: progress when either grows. */
uint32_t cs_nb_grow2(cs_namebuf *a, DWORD a_needed, cs_namebuf *b, DWORD b_needed);

/* Runs `call_expr` -- a call that takes the buffer (nb)->p and the count
 * pointer `cchp_` (in: capacity, out: length or the size needed) -- until
 * it answers something other than ERROR_MORE_DATA, growing the buffer in
 * between; `result_var` receives the last answer (or cs_nb_grow's). */
#define CS_CALL_WITH_NAME(nb, call_expr, result_var)                       \
    for (;;) {                                                             \
        DWORD cch_ = (nb)->cap;                                            \
        DWORD *cchp_ = &cch_;                                              \
        (void)cchp_;                                                       \
        result_var = (call_expr);                                          \
        if (result_var != ERROR_MORE_DATA)                                 \
            break;                                                         \
        if ((result_var = cs_nb_grow((nb), cch_)) != 0)                    \
            break;                                                         \
    }

#endif /* CS_NAMEBUF_H */
