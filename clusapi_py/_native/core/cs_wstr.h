/*
 * core/cs_wstr.h - UTF-16 string helpers shared by the shim and the
 * simulator.  WCHAR is 16-bit on every platform here, so none of the C
 * library's wchar_t functions apply; these are the only ones used.
 *
 * No clusapi call, no Python: header-only (static inline) so that the
 * hot loops in both layers inline them.
 */
#ifndef CS_WSTR_H
#define CS_WSTR_H

#include "clusapi/cs_clusapi.h"   /* WCHAR */

/* Length in code units, without the NUL; 0 for NULL. */
static inline size_t cs_wlen(const WCHAR *s)
{
    size_t n = 0;
    if (s != NULL)
        while (s[n])
            n++;
    return n;
}

/* Length of a fixed-size field that need not end with a NUL: at most max. */
static inline size_t cs_wlen_max(const WCHAR *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

/* NULL or "". */
static inline int cs_wempty(const WCHAR *s)
{
    return s == NULL || s[0] == 0;
}

/* Exact equality of two NUL-terminated strings. */
static inline int cs_wequal(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* The cluster's upper case of one UTF-16 code unit (core/cs_upcase.c): the
 * 1:1 table CompareStringOrdinal uses when it ignores case.  Names compare
 * equal when their units do after this mapping -- the one rule, shared with
 * clusapi_py/names.py. */
unsigned cs_wupper(unsigned c);

/* Equality of two counted names as the cluster compares them. */
static inline int cs_wieq(const WCHAR *a, size_t an, const WCHAR *b, size_t bn)
{
    size_t i;
    if (an != bn)
        return 0;
    for (i = 0; i < an; i++)
        if (a[i] != b[i] && cs_wupper(a[i]) != cs_wupper(b[i]))
            return 0;
    return 1;
}

/* FNV-1a over the upper-cased code units (equal under cs_wieq => equal hash). */
static inline uint32_t cs_whash(const WCHAR *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (uint32_t)cs_wupper(s[i]);
        h *= 16777619u;
    }
    return h;
}

/* multi_sz: NUL-separated strings ending with an empty one. */
static inline const WCHAR *cs_msz_next(const WCHAR *p)
{
    return p + cs_wlen(p) + 1;
}

#endif /* CS_WSTR_H */
