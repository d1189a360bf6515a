/*
 * sim/cs_sim_props.h - the simulator's properties: what cs_sim_props*.c
 * share.  Every object (and the cluster) has common and private
 * properties, read-write or read-only: Windows Server 2022 defaults
 * (cs_sim_props_defaults.c) that the cluster's build can hide, and the
 * values set through the control API, which replace a default of the same
 * name or add a property.  The property lists are written here, by the
 * simulator's own writer, independent of the Python codec.
 * Everything is called with g_lock held.
 */
#ifndef CS_SIM_PROPS_H
#define CS_SIM_PROPS_H

#include "sim/cs_sim_int.h"

#define PF_RO 1                 /* read-only */
#define PF_PRIVATE 2            /* private (else common) */

/* ---- a property list being written ------------------------------------------ */
typedef struct plw {
    uint8_t *p;
    size_t n, cap;
    size_t count;               /* properties written */
    int oom;
} plw;

void sim_plw_init(plw *w);          /* reserves the count DWORD */
void sim_plw_free(plw *w);
/* One property with one value (data of cb bytes). */
void sim_plw_property(plw *w, const WCHAR *name, size_t n, DWORD syntax, const void *data, size_t cb);
/* Patches the count in; 0 or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_plw_finish(plw *w);

/* ---- values set through the control API ---------------------------------------- */
typedef struct sim_prop {
    WCHAR *name;
    size_t n;
    DWORD syntax;
    int flags;                  /* PF_* */
    uint8_t *data;
    size_t cb;
} sim_prop;

struct sim_props {
    sim_prop *v;
    size_t n, cap;
    uint64_t state_time, move_time;     /* FILETIME ticks; 0 = the instance's creation */
    struct sim_csv *csv;                /* a resource that is a Cluster Shared Volume (cs_sim_csv.c) */
};

/* ---- Cluster Shared Volumes (cs_sim_csv.c) ------------------------------------------ */
void sim_csv_free(struct sim_csv *v);
/* The output of STORAGE_GET_SHARED_VOLUME_INFO (function 0x225) or
 * STORAGE_GET_DISK_INFO_EX (0x1F1) of a resource, in a new buffer. */
DWORD sim_csv_control(const sim_obj *o, DWORD function, uint8_t **data, size_t *n);
/* The per-node state list of a CSV resource (a property list of BINARY
 * CLUSTER_SHARED_VOLUME_STATE_INFO_EX values, one per node), in a new
 * buffer: what a SHARED_VOLUME STATE event and STORAGE_GET_SHARED_VOLUME_STATES
 * return.  ERROR_INVALID_FUNCTION when the resource holds no CSV. */
DWORD sim_csv_states(sim *s, const sim_obj *res, uint8_t **data, size_t *n);

/* The object's (o != NULL) or the cluster's (o == NULL) storage, created
 * on first use; NULL when memory is short. */
struct sim_props *sim_props_of(sim *s, sim_obj *o);

/* ---- defaults (cs_sim_props_defaults.c) ------------------------------------------ */
/* Appends the defaults of an object (o == NULL: the cluster) with these
 * flags that the cluster's build has, in their order; a default that `set`
 * holds a value for (same name and privacy) is written with that value. */
void sim_props_write_defaults(plw *w, const sim *s, const sim_obj *o, int flags, const struct sim_props *set);
/* The flags of a default of that name and privacy, or -1 (also when the
 * cluster's build hides it). */
int sim_props_default_flags(const sim *s, const sim_obj *o, const WCHAR *name, size_t n, int private_);
/* A DWORD default or set value by name (for failure info), or `fallback`. */
DWORD sim_props_dword(sim *s, sim_obj *o, const char *name, DWORD fallback);

/* ---- lists (cs_sim_props.c) ---------------------------------------------------------- */
/* The property list of an object (o == NULL: the cluster) with these flags:
 * a new buffer in *out (*cb bytes) the caller frees.  0 or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_props_list(sim *s, sim_obj *o, int flags, uint8_t **out, size_t *cb);

/* Sets one value (a copy) of an object (o == NULL: the cluster), whatever
 * its flags; 0 or ERROR_NOT_ENOUGH_MEMORY.  No event (the caller posts it). */
DWORD sim_props_set(sim *s, sim_obj *o, const WCHAR *name, size_t n, int private_, DWORD syntax,
                    const uint8_t *data, size_t cb);

/* Whether a value's data is well formed for its syntax (the checks a
 * cluster's SET_*_PROPERTIES makes on sizes). */
int sim_props_valid_value(DWORD syntax, const uint8_t *data, size_t cb);

/* ---- writes through Cluster*Control (cs_sim_props_write.c) ------------------------- */
/* Whether a control function (code & 0x00FFFFFF) is a SET or VALIDATE of
 * common or private properties. */
int sim_props_is_write(DWORD function);
/* SET_* / VALIDATE_*_PROPERTIES on an object (o == NULL: the cluster) with
 * the input property list (the handle's access was checked by the caller).
 * 0, ERROR_RESOURCE_PROPERTIES_STORED, or the refusal (nothing stored). */
DWORD sim_props_write(sim *s, sim_obj *o, DWORD function, const uint8_t *in, size_t cb_in);

/* ---- resource types (cs_sim_types.c) ------------------------------------------------ */
/* A type's property list for GET_COMMON (0x59), GET_RO_COMMON (0x55),
 * GET_PRIVATE (0x81) or GET_RO_PRIVATE (0x7D): a new buffer. */
DWORD sim_restype_properties(const wstr *type, DWORD function, uint8_t **data, size_t *n);

#endif /* CS_SIM_PROPS_H */
