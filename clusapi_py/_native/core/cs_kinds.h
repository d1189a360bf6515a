/*
 * core/cs_kinds.h - one row per object kind (CS_KIND_CLUSTER ..
 * CS_KIND_NETINTERFACE) with what the SDK fixes for it: the code a missing
 * object gives, the enumeration types that list it, the CLUSCTL object
 * number and the property control codes, the GET_ID control, the state
 * range.  The shim looks these up instead of switching on the kind; a
 * switch stays only where each kind calls a different PCLUSAPI_* function
 * (the compiler's check on every call).  The simulator keeps its own
 * encoding of the same facts (sim/), so the two check each other.
 * No clusapi calls, no Python.
 */
#ifndef CS_CORE_KINDS_H
#define CS_CORE_KINDS_H

#include "api/cs_kinds.h"

/* A control code's object number sits in its top byte (the SDK's CLUSCTL_OBJECT_SHIFT). */
#define CS_CLUSCTL_OBJECT_SHIFT 24

typedef struct cs_kind_row {
    int kind;                   /* CS_KIND_*: also the row's index */
    const char *name;           /* "netinterface": clusapi_py/kinds.py's name */
    const char *text;           /* "net interface": for messages */
    uint32_t not_found;         /* ERROR_*_NOT_FOUND; 0: none */
    uint32_t enum_type;         /* ClusterOpenEnum's CLUSTER_ENUM_* for the kind; 0: none */
    uint32_t interfaces_enum;   /* its own CLUSTER_*_ENUM_NETINTERFACES; 0: none */
    uint32_t clusctl_object;    /* CLUS_OBJECT_*: the top byte of its control codes */
    uint32_t common, ro_common; /* CLUSCTL_*_GET_[RO_]COMMON_PROPERTIES */
    uint32_t priv, ro_priv;     /* CLUSCTL_*_GET_[RO_]PRIVATE_PROPERTIES */
    uint32_t get_id;            /* CLUSCTL_*_GET_ID; 0: Get*Id (node, network) or no id */
    int has_state;              /* Get*State answers for it */
    int state_min, state_max;   /* its CLUSTER_*_STATE range, Unknown (-1) included */
} cs_kind_row;

/* The row of an object kind, NULL for any other kind (enum, notify, ...). */
const cs_kind_row *cs_kind_row_of(int kind);

/* Whether a code is some kind's not-found code (the object was deleted
 * while a walk ran). */
int cs_kind_is_not_found(uint32_t err);

#endif /* CS_CORE_KINDS_H */
