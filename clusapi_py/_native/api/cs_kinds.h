/*
 * api/cs_kinds.h - the object kinds' table as Python may read it: per
 * CS_KIND_* (cluster .. net interface), the SDK facts the shim uses for
 * that kind (core/cs_kinds.h holds the rows).  clusapi_py/kinds.py keeps
 * its own rows; tests/unit/test_kinds.py holds the two equal.
 */
#ifndef CS_API_KINDS_H
#define CS_API_KINDS_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The fields of cs_kind_info. */
#define CS_KIND_FIELD_NOT_FOUND 0            /* ERROR_*_NOT_FOUND of a missing object; 0: none */
#define CS_KIND_FIELD_ENUM_TYPE 1            /* the CLUSTER_ENUM_* that lists the kind; 0: none */
#define CS_KIND_FIELD_CLUSCTL_OBJECT 2       /* the CLUS_OBJECT_* number of its control codes */
#define CS_KIND_FIELD_COMMON_PROPERTIES 3    /* CLUSCTL_*_GET_COMMON_PROPERTIES */
#define CS_KIND_FIELD_RO_COMMON_PROPERTIES 4
#define CS_KIND_FIELD_PRIVATE_PROPERTIES 5
#define CS_KIND_FIELD_RO_PRIVATE_PROPERTIES 6
#define CS_KIND_FIELD_GET_ID 7               /* CLUSCTL_*_GET_ID; 0: Get*Id or no id */
#define CS_KIND_FIELD_HAS_STATE 8            /* 1: Get*State answers for it */
#define CS_KIND_FIELD_STATE_MIN 9            /* its state enum's lowest and highest value */
#define CS_KIND_FIELD_STATE_MAX 10
#define CS_KIND_FIELD_COUNT 11

/* One field of an object kind's row into *value: 1, or 0 (nothing
 * written) for a kind that is no object (enum, notify) or an unknown field. */
int cs_kind_info(int kind, int field, int64_t *value);
/* The kind's name ("netinterface") and its text for messages ("net
 * interface"); NULL for a kind that is no object. */
const char *cs_kind_name(int kind);
const char *cs_kind_text(int kind);
/* CDEF-END */

#endif /* CS_API_KINDS_H */
