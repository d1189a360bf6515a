/*
 * shim/cs_shim_int.h - what the shim's files share and nothing else sees.
 *
 * The shim: tokens over raw handles, the in-flight counting that makes
 * close safe, and the loops (enumerations, buffer retries, the snapshot)
 * that run in C so that Python makes one call for each.  Contract: the
 * api/ headers.  Files, one concern each:
 *   cs_backends.c       the system backend's registration; a backend for a call
 *   cs_handles.c        tokens: open, close, detach, info, close_all
 *   cs_enums.c          enumerations by name (cs_list, bounded: cs_list_limited)
 *   cs_state.c          states and status
 *   cs_ids.c            object ids
 *   cs_cluster_reads.c  cluster information, quorum, net interface name
 *   cs_message.c        FormatMessage
 *   cs_enum_ex.c        the bulk *EnumEx enumerations the snapshot prefers
 *   cs_snapshot_walk.c  the snapshot's walks, one per object kind
 *   cs_snapshot_props.c the snapshot's property sections
 *   cs_snapshot_settle.c the states a settled snapshot need not read
 *   cs_snapshot.c       cs_snapshot: the walks laid out as sections (bounded too)
 *   cs_control.c        Cluster*Control of any kind, the MORE_DATA loop
 *   cs_control_walk.c   a C walk of a property list (benchmark floor)
 *   cs_bench.c          the benchmark hooks
 *   cs_testing.c        test hooks (api/cs_testing.h)
 *   cs_notify.c         notification ports: open, the wait loop, close that
 *                       wakes a waiter, the C floor of reading a port
 *
 * The *_raw helpers work on a raw handle of a backend the caller already
 * holds; they return a Win32 code (or a state) and, on failure, the id of
 * the clusapi function that failed in *fn (-1: the shim itself), without
 * recording anything -- the public function records the failure once.
 * Each reads a table entry once into a local: the pointer checked is the
 * pointer called, even if the simulator hides that export meanwhile.
 *
 * Everything here is internal: the extension is built with
 * -fvisibility=hidden, and Python sees only the api/ headers.
 */
#ifndef CS_SHIM_INT_H
#define CS_SHIM_INT_H

#include "api/cs_shim.h"
#include "core/cs_deadline.h"
#include "core/cs_failure.h"
#include "core/cs_kinds.h"
#include "core/cs_namebuf.h"
#include "core/cs_result.h"
#include "core/cs_wstr.h"

/* What a plain (non-Ex) open is documented to grant. */
#define SHIM_ACCESS_ALL ((uint32_t)GENERIC_ALL)

/* ---- cs_backends.c ----------------------------------------------------------- */
/* The backend for an id, pinned (core/cs_registry.h: the caller unpins it
 * after its last use), with clusapi.dll loaded for the system one.  On
 * failure records the error against `function_id` and returns NULL. */
cs_backend *shim_backend_for_call(int backend_id, int function_id);

/* The thread's last error after a failed call that reports it that way
 * (ERROR_GEN_FAILURE when the backend says nothing). */
uint32_t shim_backend_error(cs_backend *b);

/* Before a state call, whose Unknown answer is a failure only when the
 * thread's last error is set: clears it (the real DLL's; the simulator
 * sets its own on every call). */
static inline void shim_clear_last_error(cs_backend *b)
{
    if (b->kind == CS_BACKEND_SYSTEM)
        cs_clear_last_error();
}

/* ---- cs_handles.c -------------------------------------------------------------- */
typedef struct cs_handle {
    int kind;                   /* CS_KIND_* */
    cs_backend *backend;
    void *raw;                  /* HCLUSTER, HNODE, ... */
    uint64_t cluster;           /* object handles: the cluster token we hold a reference on */
    uint32_t granted;
    /* Optional: run by shim_close_hooked once the token is marked closed, with
     * a reference held (so the payload is still there); a notification port
     * sets it to end a wait in progress.  NULL for plain handles. */
    void (*on_close)(struct cs_handle *h);
} cs_handle;

/* Publishes a filled handle (a cs_handle, or a larger struct starting with
 * one, from malloc) as a new token; on failure closes its raw handle,
 * frees it and returns 0 (ERROR_NOT_ENOUGH_MEMORY recorded). */
uint64_t shim_publish(cs_handle *h);

/* Kinds shim_enter() accepts besides one CS_KIND_*. */
#define SHIM_ANY_OBJECT -1      /* any kind but a cluster */
#define SHIM_ANY_KIND -2

/* A *fn value: the failure is already recorded (by shim_enter, with its
 * condition), so the public function must not record it again. */
#define SHIM_RECORDED -2

/* Takes a reference on a token of the given kind for the length of a call;
 * NULL (failure recorded: CS_ERROR_HANDLE_CLOSED, or ERROR_INVALID_HANDLE
 * for the wrong kind) when it is not open. */
cs_handle *shim_enter(uint64_t token, int kind);
/* Takes a reference on any open token without recording a failure; NULL
 * when it is not open. */
cs_handle *shim_acquire(uint64_t token);
/* Gives the call's reference back (the real close runs here when the
 * token was closed meanwhile and this was the last reference). */
void shim_leave(uint64_t token);

/* cs_close, then the handle's on_close hook (if any) while a reference
 * keeps its payload: CS_ERROR_HANDLE_CLOSED when the token was not open or
 * another close came first (the hook then runs there, not here). */
uint32_t shim_close_hooked(uint64_t token);

/* The raw Close* for a kind; its result is dropped (the handle is gone
 * either way, and no one can act on the code). */
void shim_close_raw(cs_backend *b, int kind, void *raw);

/* Open*Ex when the backend has it, else (for GENERIC_ALL) the plain Open*.
 * With for_read, asks GENERIC_READ of Open*Ex and GENERIC_ALL of the plain
 * one (`access` is then ignored).  Returns the raw handle, or NULL with
 * *err and *fn set. */
void *shim_open_raw(cs_backend *b, HCLUSTER c, int kind, const cs_char *name, uint32_t access, int for_read,
                    DWORD *granted, uint32_t *err, int *fn);

/* ---- bounded calls (core/cs_deadline.h) ------------------------------------------ */
/* Between two backend calls of a loop: 0 to go on, else the code to stop
 * with (the loop then closes what it opened and returns it, *fn = -1). */
static inline uint32_t shim_stop(void)
{
    return cs_deadline_stop();
}

/* ---- cs_enums.c ---------------------------------------------------------------- */
/* Appends every name of one enumeration of a cluster / node / group /
 * resource / network raw handle to bd, one field each. */
uint32_t shim_list_raw(cs_backend *b, int kind, void *raw, DWORD type, cs_builder *bd, int *fn);

/* ---- cs_state.c ---------------------------------------------------------------- */
/* The state of any object kind; CS_STATE_FAILED with *err, *fn set. */
int shim_state_raw(cs_backend *b, int kind, void *raw, uint32_t *err, int *fn);
/* Get{Group,Resource}State: the state (CS_STATE_FAILED with *err, *fn
 * set), the owner node and, for a resource, its group. */
int shim_status_raw(cs_backend *b, int kind, void *raw, cs_namebuf *owner, cs_namebuf *group, uint32_t *err,
                    int *fn);

/* ---- cs_ids.c ------------------------------------------------------------------ */
/* The id of a node, group, resource or network into nb. */
uint32_t shim_id_raw(cs_backend *b, int kind, void *raw, cs_namebuf *nb, int *fn);
/* The end of a call that read one string into nb (cs_ids.c): err 0 delivers
 * it as the result's one field; any other code is recorded as the thread's
 * failure, of function fn (none for ERROR_NOT_ENOUGH_MEMORY: the buffer's).
 * nb is freed either way.  Returns what the api function returns. */
uint32_t shim_deliver_name(uint32_t err, cs_namebuf *nb, int fn, cs_result **out);
/* A call that reads one string of the object behind a token (cs_ids.c):
 * enters token (kind: its CS_KIND_*, or SHIM_ANY_OBJECT), has `reader` fill
 * nb through the handle's backend (arg: the reader's own arguments; *fn:
 * the function it called, -1 before), leaves, then shim_deliver_name. */
typedef uint32_t (*shim_name_reader)(cs_handle *h, const void *arg, cs_namebuf *nb, int *fn);
uint32_t shim_read_name(uint64_t token, int kind, shim_name_reader reader, const void *arg, cs_result **out);

/* ---- cs_cluster_reads.c ---------------------------------------------------------- */
/* text: name, vendor id, CSD version; ints: major, minor, build, highest,
 * lowest, flags. */
uint32_t shim_info_raw(cs_backend *b, HCLUSTER c, cs_builder *bd, int *fn);
/* text: resource, device; ints: max log size. */
uint32_t shim_quorum_raw(cs_backend *b, HCLUSTER c, cs_builder *bd, int *fn);

/* ---- cs_enum_ex.c ------------------------------------------------------------- */
/* One *EnumEx item: `next` is the family's export (read once by the caller). */
typedef DWORD (*shim_item_next)(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb);
/* What a reader does with each item it read. */
typedef void (*shim_item_take)(const void *item, void *ctx);
DWORD shim_next_cluster_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb);
DWORD shim_next_group_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb);
DWORD shim_next_resource_item(cs_any_fn next, void *e, DWORD index, void *item, LPDWORD cb);
/* Every item of an open *EnumEx enumeration, in order, to take(item, ctx); the
 * item buffer starts at cap bytes and grows to what ERROR_MORE_DATA asks for
 * (an ask for no more than it had ends the read with that error).  0 at the
 * end of the items; else the error, *fn = next_id (-1 when out of memory). */
uint32_t shim_read_items(cs_any_fn next_fn, void *e, shim_item_next next, int next_id, DWORD cap,
                         shim_item_take take, void *ctx, int *fn);
/* The bulk enumerations.  Each reads its three exports once; when one is
 * missing it sets *absent, calls nothing and returns 0. */
/* ClusterOpenEnumEx of a CLUSTER_ENUM type: name, id of each object. */
uint32_t shim_enum_ex_cluster(cs_backend *b, HCLUSTER c, DWORD type, cs_builder *pairs, int *absent, int *fn);
/* ClusterGroupOpenEnumEx: text name, id, owner node; states: the state. */
uint32_t shim_enum_ex_groups(cs_backend *b, HCLUSTER c, cs_builder *text, cs_builder *states, int *absent,
                             int *fn);
/* ClusterResourceOpenEnumEx: name, id, group of each resource. */
uint32_t shim_enum_ex_resources(cs_backend *b, HCLUSTER c, cs_builder *triples, int *absent, int *fn);

/* ---- cs_control.c -------------------------------------------------------------- */
/* One Cluster*Control call (no input) on a raw handle of any kind. */
uint32_t shim_control_raw(cs_backend *b, int kind, void *raw, DWORD code, void *out, DWORD cap, DWORD *returned,
                          int *fn);
/* The code's output appended to bd's bytes, growing the buffer on
 * ERROR_MORE_DATA at most CS_CONTROL_RETRIES times. */
uint32_t shim_control_bytes(cs_backend *b, int kind, void *raw, DWORD code, cs_builder *bd, int *fn);

/* ---- cs_snapshot_walk.c ----------------------------------------------------------- */
/* Rows of one kind: n rows of text fields (in .text) and ints (in .ints). */
typedef struct shim_rows {
    cs_builder text;
    cs_builder ints;
    size_t n;
} shim_rows;

/* ---- cs_snapshot_props.c ---------------------------------------------------------- */
/* Whether a code says the object is gone (deleted while a walk ran). */
static inline int shim_is_not_found(uint32_t err)
{
    return cs_kind_is_not_found(err);
}
/* Property rows (name | bytes of the read-write list, of the read-only
 * list; the lists in the bytes) of every object of a kind by per-object
 * control calls, or of the cluster (one row, name ""). */
uint32_t shim_walk_object_properties(cs_backend *b, HCLUSTER c, int kind, shim_rows *rows, int *fn);
/* The same for groups or resources from their bulk enumeration asked with
 * "*" (one round trip), per object where it is missing. */
uint32_t shim_walk_bulk_properties(cs_backend *b, HCLUSTER c, int kind, shim_rows *rows, int *fn);

/* Nodes or networks: rows name, id | state; and for each of their net
 * interfaces a pair (interface, node or network) in *nif_owner -- with
 * `settled`, only the interfaces of nodes that are neither Up nor Paused
 * (every network's always: the caller passes `settled` for nodes only
 * while every network is Up). */
uint32_t shim_walk_with_interfaces(cs_backend *b, HCLUSTER c, int kind, int settled, shim_rows *out,
                                   cs_builder *nif_owner, int *fn);
/* Rows name, id, owner node | state. */
uint32_t shim_walk_groups(cs_backend *b, HCLUSTER c, shim_rows *groups, int *fn);
/* ---- cs_snapshot_settle.c (CS_SNAPSHOT_SETTLED; the rule is there) ------------------ */
typedef struct shim_settle {
    cs_char **groups;               /* the group rows' fields: name, id, owner node */
    const int64_t *group_states;
    size_t n_groups;
    size_t *slots, mask;            /* hash index of the group rows by name: row + 1, 0 = empty */
    const cs_char *quorum;          /* the quorum resource ("": none) */
} shim_settle;
#define SHIM_SETTLE_INIT { NULL, NULL, 0, NULL, 0, NULL }

/* Indexes the rows of the group walk (they must outlive st). */
uint32_t shim_settle_groups(shim_settle *st, const shim_rows *groups, const cs_char *quorum);
void shim_settle_free(shim_settle *st);
/* 1 when the resource's state is settled by its group's: *state and
 * *owner (the group's owner node) set; 0 when it must be read. */
int shim_settle_resource(const shim_settle *st, const cs_char *name, const cs_char *group, int *state,
                         const cs_char **owner);

/* Rows name, id, owner node, group | state, read (1; 0 when `settle` is
 * given and the group's state settled it). */
uint32_t shim_walk_resources(cs_backend *b, HCLUSTER c, shim_rows *resources, const shim_settle *settle, int *fn);
/* 1 when every network row (rows name, id | state) is Up. */
int shim_all_up(const shim_rows *networks);
/* Rows name, node, network | state, read (node and network from the pairs
 * the node and network walks gathered, "" when neither listed it).  With
 * `settled`, an interface on an Up network (`networks`: that walk's rows)
 * whose node is Up or Paused (`nodes`), or was not listed, is not read: Up,
 * read 0 (the rule: cs_snapshot_settle.c). */
uint32_t shim_walk_netinterfaces(cs_backend *b, HCLUSTER c, shim_rows *nifs, const cs_builder *nif_node,
                                 const cs_builder *nif_network, const shim_rows *nodes, const shim_rows *networks,
                                 int settled, int *fn);

#endif /* CS_SHIM_INT_H */
