/* core/cs_namebuf.c - growing name buffers (core/cs_namebuf.h). */
#include "core/cs_namebuf.h"
#include <stdlib.h>

void cs_nb_release_heap(cs_namebuf *nb)
{
    if (nb->p != nb->stack)
        free(nb->p);
    nb->p = nb->stack;
    nb->cap = CS_NAME_STACK;
}

uint32_t cs_nb_grow(cs_namebuf *nb, DWORD needed)
{
    cs_char *p;
    size_t chars = (size_t)needed + 1;
    if (chars <= nb->cap || nb->cap >= CS_NAME_MAX_CHARS)
        return ERROR_MORE_DATA;
    if (chars < (size_t)nb->cap * 2)
        chars = (size_t)nb->cap * 2;
    if (chars > CS_NAME_MAX_CHARS)
        chars = CS_NAME_MAX_CHARS;
    p = (cs_char *)malloc(chars * sizeof(cs_char));
    if (p == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    p[0] = 0;
    if (nb->p != nb->stack)
        free(nb->p);
    nb->p = p;
    nb->cap = (DWORD)chars;
    return 0;
}

uint32_t cs_nb_grow2(cs_namebuf *a, DWORD a_needed, cs_namebuf *b, DWORD b_needed)
{
    uint32_t ea = cs_nb_grow(a, a_needed), eb = cs_nb_grow(b, b_needed);
    if (ea == ERROR_NOT_ENOUGH_MEMORY || eb == ERROR_NOT_ENOUGH_MEMORY)
        return ERROR_NOT_ENOUGH_MEMORY;
    return (ea == 0 || eb == 0) ? 0 : ERROR_MORE_DATA;
}
