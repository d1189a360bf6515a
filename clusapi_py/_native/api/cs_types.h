/*
 * api/cs_types.h - what every other api/ header builds on: the character
 * type, the shim's own codes and markers, the object kinds, and the
 * variable-size result.
 *
 * Strings are UTF-16 (cs_char is 16-bit everywhere).  Results of variable
 * size come back as a cs_result the caller frees with cs_result_free():
 * three channels -- text fields, 64-bit ints and raw bytes -- each
 * function saying what it puts in which.
 */
#ifndef CS_API_TYPES_H
#define CS_API_TYPES_H

#include "clusapi/cs_clusapi.h"

/* For cffi, build_clusapi.py declares cs_char itself: wchar_t on Windows,
 * char16_t elsewhere -- the same 16 bits as WCHAR. */
typedef WCHAR cs_char;

/* CDEF-BEGIN */
#define CS_ERROR_HANDLE_CLOSED 0x20000001   /* customer bit set: not a Win32 code */
#define CS_STATE_FAILED -2147483647          /* a state call failed: see cs_last_error() */
#define CS_STATUS_TOO_LONG -2147483646       /* cs_status_into: a name does not fit */

/* Object kinds (the simulator counts its handles by these too). */
#define CS_KIND_CLUSTER 0
#define CS_KIND_NODE 1
#define CS_KIND_GROUP 2
#define CS_KIND_RESOURCE 3
#define CS_KIND_NETWORK 4
#define CS_KIND_NETINTERFACE 5
#define CS_KIND_ENUM 6
#define CS_KIND_NOTIFY 7          /* a change notification port (HCHANGE) */
#define CS_KIND_COUNT 8

typedef struct cs_result {
    cs_char *text;          /* fields separated by NUL, see each function */
    size_t text_len;        /* in cs_char, without the final NUL */
    int64_t *ints;
    size_t n_ints;
    uint8_t *bytes;         /* opaque data (property lists, structures), NULL when none */
    size_t n_bytes;
} cs_result;

/* Frees a result and everything it holds; NULL is ignored. */
void cs_result_free(cs_result *result);
/* CDEF-END */

#endif /* CS_API_TYPES_H */
