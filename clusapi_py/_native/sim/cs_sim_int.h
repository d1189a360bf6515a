/*
 * sim/cs_sim_int.h - the simulator's internal header: its data model, the
 * global state and the functions its files share.  Nothing outside sim/
 * includes it; the public contract is sim/cs_sim.h.
 *
 * Structure (one file per concern):
 *   cs_sim_model.c     objects, ordered sets, instances, deleting
 *   cs_sim_handles.c   the handles handed out (tokens of one cs_htable)
 *   cs_sim_call.c      the life of a call: sim_begin / sim_end
 *   cs_sim_buffers.c   name buffers, enumeration copies, item buffers
 *   cs_sim_access.c    dwDesiredAccess against the principal's rights
 *   cs_sim_cluster.c   OpenCluster*, GetClusterInformation, quorum
 *   cs_sim_objects.c   open / close / state / id / control of objects
 *   cs_sim_enums.c     opening enumerations (the copy taken at open)
 *   cs_sim_enum_read.c *Enum / *EnumEx reads of that copy
 *   cs_sim_entry.c     the entry points: generated from lists by shape,
 *                      the table by function id, fill_table
 *   cs_sim_topology.c  the control API that builds and changes the cluster
 *   cs_sim_control.c   the rest of the control API (life, knobs, counters)
 *   cs_sim_leakcheck.c the open-handle report printed at exit
 *   cs_sim_mutate.c    the one choke point of every change to the model
 *                      (sim_changed) and the events each change posts
 *   cs_sim_notify.c    notification ports: their queues, the entry points
 *                      (Create/Register/Get/CloseClusterNotify*), waits, and
 *                      the knobs: queue limit, a broken connection
 *   cs_sim_actions.c   Online/Offline/Move/Fail/Restart/Cancel: the per-resource
 *                      state machine, pending phases on the instance's clock
 *   cs_sim_drain.c     Pause/ResumeClusterNode(Ex): drains and failback
 *   cs_sim_props*.c    properties: storage, defaults, the property-list
 *                      writer, Cluster*Control, SET/VALIDATE (cs_sim_props.h)
 *   cs_sim_config.c    preferred owners, dependency expressions
 *   cs_sim_registry.c  the cluster registry, read side (keys over the
 *                      property engine, read batches)
 *   cs_sim_create.c    Create/Delete/DestroyClusterGroup, Create/DeleteClusterResource
 *
 * Locking.  One global lock (g_lock) guards all of it: instances, objects,
 * handles, counters.  An entry point validates its handle and counts the
 * call under the lock, sleeps the latency of a round trip with the lock
 * released, then takes the lock again, validates again and works
 * (sim_begin); sim_end completes the call and releases the lock.  A
 * control function on one instance takes it in sim_control_begin and
 * releases it in sim_control_end (cs_sim_create and cs_sim_total_open_handles,
 * which name no instance, lock it themselves).
 * Everything else declared here that touches shared state -- the model,
 * the handles, the enumeration copies -- is called with g_lock held and
 * never takes it (sim_w_set, sim_grow_array and the buffer checks touch none).
 *
 * Objects are reference counted: the instance holds one reference while
 * the object exists, each handle one more.  A deleted object stays
 * readable (flagged deleted) until its last handle is closed.
 */
#ifndef CS_SIM_INT_H
#define CS_SIM_INT_H

#include "sim/cs_sim.h"
#include "core/cs_htable.h"
#include "core/cs_wstr.h"

/* ---- handle kinds -----------------------------------------------------------
 * The first six are the CS_KIND_* numbers; the enumeration handles are
 * CS_KIND_ENUM for counting, with a sub-kind per family.  HK_BOUND is no
 * handle: the call names none and works on the instance bound to the
 * calling thread (OpenCluster*, GetClusterNodeId(NULL)). */
enum sim_hk {
    HK_BOUND = -2,
    HK_CLUSTER = CS_KIND_CLUSTER,
    HK_NODE = CS_KIND_NODE,
    HK_GROUP = CS_KIND_GROUP,
    HK_RESOURCE = CS_KIND_RESOURCE,
    HK_NETWORK = CS_KIND_NETWORK,
    HK_NETINTERFACE = CS_KIND_NETINTERFACE,
    HK_CLUSENUM = 6,
    HK_CLUSENUMEX,
    HK_NODEENUM,
    HK_GROUPENUM,
    HK_GROUPENUMEX,
    HK_RESENUM,
    HK_RESENUMEX,
    HK_NETWORKENUM,
    HK_NOTIFY,                  /* a notification port, counted as CS_KIND_NOTIFY */
    HK_RESTYPEENUM,             /* ClusterResourceTypeOpenEnum (cs_sim_types.c) */
    HK_NETIFENUM,               /* ClusterNetInterfaceOpenEnum (cs_sim_surface.c) */
    HK_REGKEY,                  /* a cluster registry key (cs_sim_registry.c) */
    HK_REGBATCH,                /* a read batch being built (cs_sim_registry.c) */
    HK_REGREPLY                 /* a read batch's reply (cs_sim_registry.c) */
};

#define TOKEN_OF(h) ((uint64_t)(uintptr_t)(h))
#define HANDLE_OF(type, token) ((type)(uintptr_t)(token))

/* ---- owned strings (the UTF-16 helpers are core/cs_wstr.h) -------------------- */
typedef struct wstr {
    WCHAR *p;                   /* always allocated, NUL-terminated */
    size_t n;                   /* length without the NUL */
} wstr;

/* A copy of s (NULL = ""); 0, or -1 when memory is short. */
int sim_w_set(wstr *out, const WCHAR *s);
void sim_w_free(wstr *s);

/* Room for `need` elements of `size` bytes in `array` (capacity *cap,
 * doubled from `first` as often as needed): returns the array, moved or
 * not, with *cap updated; NULL when memory is short (then `array` and *cap
 * are unchanged). */
void *sim_grow_array(void *array, size_t *cap, size_t need, size_t size, size_t first);

/* ---- objects ------------------------------------------------------------------- */
typedef struct objvec {
    struct sim_obj **v;
    size_t n, cap;
} objvec;

typedef struct sim_obj {
    int kind;                   /* CS_KIND_NODE .. CS_KIND_NETINTERFACE */
    int refs;                   /* 1 while it exists + 1 per open handle */
    int deleted;
    wstr name, id, type;        /* type: resources only */
    uint32_t hash;
    int state;
    struct sim_obj *prev, *next;        /* the kind's insertion order */
    struct sim_obj *hnext;              /* hash chain */
    struct sim_obj *node;               /* group: owner (or NULL); netinterface: its node */
    struct sim_obj *network;            /* netinterface: its network */
    struct sim_obj *group;              /* resource: its group */
    struct sim_obj *res_head, *res_tail;    /* group: its resources, in order */
    struct sim_obj *gprev, *gnext;          /* resource: links in that list */
    objvec preferred;           /* group: preferred owners (nodes) */
    objvec deps;                /* resource: resources it depends on */
    objvec dependents;          /* resource: resources that depend on it */
    objvec possible;            /* resource: possible owners (nodes) */
    struct sim_props *props;    /* properties set, times (cs_sim_props.h); NULL until used */
    /* actions (cs_sim_actions.c).  Resources: */
    int want;                   /* SIM_WANT_*: where an action is taking it */
    int restart;                /* RestartClusterResource: back online once offline */
    int phase_state;            /* the pending state an action set (0: none) */
    int phase_from;             /* the state before it (a cancelled hang goes back to it) */
    double phase_end;           /* sim_action_now() when the phase ends */
    int outcome;                /* SIM_OUTCOME_* of bringing it online */
    struct sim_obj *outcome_node;   /* ... only on that node (NULL: on every node) */
    int was_online;             /* a move: online before it (brought online on the target) */
    /* Groups: a move in progress (0: none). */
    int op;
    int op_stage;               /* 1: going offline on the current node, 2: coming online */
    DWORD op_flags;             /* CLUSAPI_GROUP_MOVE_* */
    int op_online_all;          /* OnlineClusterGroup(node): every resource comes online */
    int op_returned;            /* RETURN_TO_SOURCE_NODE_ON_ERROR has sent it back */
    int op_vetoed;              /* a resource vetoed coming online on the target: back to the source */
    struct sim_obj *op_src, *op_dst;
    int64_t queue_seq;          /* op_stage 0 (queued): its place in the move queue */
    uint64_t status_bits;       /* CLUSGRP_STATUS_* the simulator sets (StatusInformation) */
    struct sim_obj *drain_of;   /* group: the node whose drain has started its move (NULL: none) */
    DWORD drain_why;            /* group: why that drain could not start its move (0: it started) */
    /* Nodes: a drain (cs_sim_drain.c).  drain_status: CLUSTER_NODE_DRAIN_STATUS. */
    int drain_status;
    int drain_active;           /* moving its roles now */
    DWORD drain_flags;          /* CLUSAPI_NODE_PAUSE_* */
    DWORD drain_error;          /* why the drain failed (0: it did not) */
    struct sim_obj *drain_target;   /* the node named by PauseClusterNodeEx (NULL: the cluster's choice) */
} sim_obj;

enum { SIM_WANT_NONE = 0, SIM_WANT_ONLINE = 1, SIM_WANT_OFFLINE = 2 };
enum { SIM_OUTCOME_SUCCEED = 0, SIM_OUTCOME_FAIL = 1, SIM_OUTCOME_HANG = 2, SIM_OUTCOME_VETO = 3 };
#define SIM_OP_MOVE 1
#define SIM_MOVE_QUEUE_ENABLED 0x4u
#define SIM_MOVE_HIGH_PRIORITY_START 0x8u
#define SIM_GROUP_LOCKED_MODE 0x1u          /* CLUSGRP_STATUS_LOCKED_MODE */
#define SIM_GROUP_WAITING_IN_QUEUE 0x4u     /* CLUSGRP_STATUS_WAITING_IN_QUEUE_FOR_MOVE */

/* The objects of one kind: insertion-ordered list + case-insensitive hash
 * index by name. */
typedef struct objset {
    sim_obj *head, *tail;
    size_t count;
    sim_obj **buckets;
    size_t nbuckets;            /* a power of two, or 0 */
} objset;

int sim_vec_has(const objvec *v, const sim_obj *o);
int sim_vec_push(objvec *v, sim_obj *o);
void sim_vec_remove(objvec *v, const sim_obj *o);  /* keeps the order of the rest */
void sim_vec_free(objvec *v);

sim_obj *sim_set_find(const objset *set, const WCHAR *name, size_t n);
int sim_set_reserve(objset *set);                   /* room for one more: 0 or -1 */
void sim_set_insert(objset *set, sim_obj *o);       /* sim_set_reserve() must have succeeded */

void sim_obj_free(sim_obj *o);
/* Drops a reference; the last one frees the object. */
void sim_obj_unref(sim_obj *o);
/* The not-found code of each kind (ERROR_INVALID_PARAMETER for others). */
DWORD sim_not_found(int kind);
/* Whether a state is one of the kind's documented values (not Unknown). */
int sim_valid_state(int kind, int state);
/* CS_KIND_NODE .. CS_KIND_NETINTERFACE. */
int sim_valid_kind(int kind);

/* ---- simulator instances ---------------------------------------------------------- */
typedef struct sim_pending_delete {
    int fn;
    uint32_t remaining;
    int kind;
    wstr name;
} sim_pending_delete;

typedef struct sim {
    cs_backend backend;         /* registered with the shim; ctx = this */
    int id;                     /* 0 until registered */
    int released;
    struct sim *next_sim, *prev_sim;    /* g_sims: unlinked in O(1) */
    uint32_t open[CS_KIND_COUNT];
    uint32_t open_total;
    /* the cluster */
    wstr name;
    wstr *aliases;
    size_t n_aliases;
    WORD major, minor, build;
    WCHAR vendor[64], csd[64];
    DWORD highest, lowest, flags;
    wstr q_res, q_dev;
    DWORD q_max;
    wstr *restypes;
    size_t n_restypes, cap_restypes;
    objset sets[CS_KIND_ENUM];  /* indexed by CS_KIND_NODE .. CS_KIND_NETINTERFACE */
    /* knobs and counters */
    uint64_t calls[CS_FN_COUNT], trips[CS_FN_COUNT];
    DWORD fail_error[CS_FN_COUNT];
    uint32_t fail_count[CS_FN_COUNT];
    sim_pending_delete *pending;
    size_t n_pending, cap_pending;
    double latency;
    int rights;
    /* notifications (cs_sim_notify.c) */
    struct sim_port *ports;     /* every open port of this instance */
    uint32_t queue_limit;       /* events a port holds before it overflows */
    double broken_until;        /* cs_monotonic_seconds(): named handles fail until then */
    int waiters;                /* calls waiting in GetClusterNotify* or held: the instance outlives them */
    int hold_generation;        /* cs_testing_sim_hold: cs_fork_generation() + 1 of the holder, or 0 */
    uint32_t held;              /* round trips stopped by that hold now */
    struct sim_props *cluster_props;    /* the cluster's properties set (cs_sim_props.h) */
    uint64_t created;                   /* FILETIME ticks of cs_sim_create */
    /* actions (cs_sim_actions.c) */
    double action_seconds;      /* how long a pending phase lasts */
    int manual_clock;           /* time moves only through cs_sim_advance */
    double clock;               /* the manual clock's now */
    int actions_active;         /* some resource or group is in an action: tick */
    int parallel_moves;         /* moves that may run at once (0: no limit); queue-enabled ones wait */
    int64_t queue_first, queue_last;    /* the move queue's places: high priority before, others after */
    double next_deadline;       /* the earliest phase end on the real clock (0: none) */
} sim;

extern sim *g_sims;             /* every instance not yet freed (g_lock) */
extern uint64_t g_sim_steps;    /* instances examined to find or unlink one (g_lock; cs_testing_sim_steps) */

/* The live (not released) instance with that id, or NULL: O(1), through
 * the backend registry (an instance is registered until it is released,
 * and freed only after that, under g_lock).  g_lock held. */
sim *sim_by_id(int id);
/* Whether a released instance can be freed now: no open handle, no call
 * waiting inside it, no shim call pinning its backend (core/cs_registry.h).
 * g_lock held. */
int sim_unused(sim *s);
/* Frees an instance with no open handle.  g_lock held. */
void sim_free(sim *s);
/* A new object of a kind, not yet inserted: ERROR_ALREADY_EXISTS for a
 * duplicate name; room in its set's index is reserved.  g_lock held. */
DWORD sim_new_object(sim *s, int kind, const WCHAR *name, const WCHAR *id, int state, sim_obj **out);
/* Deletes an existing object and what goes with it.  g_lock held. */
void sim_obj_delete(sim *s, sim_obj *o);
/* Whether o is the quorum resource or the group holding it: a core
 * resource, which the cluster refuses to delete (ERROR_CORE_RESOURCE;
 * cs_sim_topology.c).  g_lock held. */
int sim_holds_quorum(const sim *s, const sim_obj *o);

/* ---- handles ------------------------------------------------------------------------ */
typedef struct enum_item {
    DWORD type;
    int state;
    size_t off[5];              /* into the pool: name, id, owner node, group name, group id */
    DWORD len[5];               /* characters, without the NUL */
} enum_item;

enum { EI_NAME, EI_ID, EI_OWNER, EI_GNAME, EI_GID };

typedef struct sim_handle {
    int hk;                     /* enum sim_hk */
    uint64_t token;
    sim *s;
    sim_obj *obj;               /* object handles: a reference to the object */
    uint64_t cluster_token;     /* the cluster handle it was obtained from (0 for a cluster) */
    struct sim_handle *parent;  /* ... its payload */
    struct sim_handle *child_head;      /* cluster handles: handles obtained from it */
    struct sim_handle *cprev, *cnext;   /* links in the parent's list */
    int named;                  /* obtained through a cluster opened by name (RPC) */
    struct sim_port *port;      /* HK_NOTIFY: the port (cs_sim_notify.c) */
    enum_item *items;           /* enumerations: the copy taken at open */
    size_t n_items;
    WCHAR *pool;
    struct sim_enum_props *props;   /* *EnumEx: the property lists asked for (cs_sim_props_enum.c) */
    DWORD granted;              /* object handles: the access granted (GENERIC_ALL / GENERIC_READ) */
    struct sim_reg *reg;        /* HK_REG*: the key, batch or reply (cs_sim_registry.c) */
} sim_handle;

extern cs_mutex g_lock;
extern uint32_t g_open[CS_KIND_COUNT];  /* open handles of all instances (g_lock) */

/* Sets up the handle table on first use.  g_lock held. */
void sim_ensure_ready(void);
/* The open handle of that token and kind (-1: any), or NULL.  g_lock held. */
sim_handle *sim_handle_lookup(uint64_t token, int hk);
/* A new handle of kind hk (obj: referenced; parent: the cluster handle it
 * is obtained from).  0 or ERROR_NOT_ENOUGH_MEMORY.  g_lock held. */
DWORD sim_handle_new(sim *s, int hk, sim_obj *obj, sim_handle *parent, sim_handle **out);
/* Closes a handle (and, for a cluster, every handle obtained from it).
 * g_lock held. */
void sim_handle_free(sim_handle *h);
/* A call of the calling thread begins: forgets that its last one met a full
 * handle table (cs_sim_handle_table_was_full). */
void sim_handles_call_begins(void);

/* ---- the life of a call (cs_sim_call.c) ---------------------------------------------- */
typedef struct call {
    int fn;                     /* CS_FN_* */
    uint64_t token;             /* the handle named by the call */
    int hk;                     /* its kind, or HK_BOUND */
    sim *s;                     /* the instance: non-NULL exactly while g_lock is held */
    sim_handle *h;              /* the handle (NULL for HK_BOUND) */
} call;

/*
 * sim_begin: starts an entry point's call of function fn on the handle
 * `token` of kind hk (HK_BOUND: on the instance bound to this thread).
 *   1. takes g_lock and finds the handle (or instance): a missing one is
 *      ERROR_INVALID_HANDLE (RPC_S_SERVER_UNAVAILABLE for HK_BOUND), and
 *      the call is not entered;
 *   2. counts the call; for a round trip with latency, sleeps it with the
 *      lock released, takes it again and finds the handle again (it may
 *      have been closed meanwhile: then as in 1);
 *   3. takes the next injected fault of fn, if any.
 * Returns 0 or the code.  Whenever c->s is non-NULL the call is entered
 * (g_lock held, c->h the handle) -- even with an injected fault, so that a
 * failing Close* can still free its handle.  Every sim_begin is followed
 * by exactly one sim_end.
 */
DWORD sim_begin(call *c, int fn, uint64_t token, int hk);
/* The fn of a call to a function outside the backend table (the simulated
 * clusapi.dll's extra exports, cs_sim_create.c): not counted, no latency,
 * no injected faults; everything else as above. */
#define SIM_FN_SURFACE (-1)
/* sim_end: ends the call.  If entered: runs the pending deletions of fn,
 * frees a released instance whose last handle went, releases g_lock.
 * Then, if err != 0, sets the thread's last error to it.  Returns err. */
DWORD sim_end(call *c, DWORD err);

/* The backend's bind and last_error hooks (cs_backend.h), and the id of
 * the instance bound to this thread. */
void sim_bind(void *ctx);
DWORD sim_last_error(void);
void sim_bind_id(int id);

/* ---- buffers and enumeration copies (cs_sim_buffers.c) ------------------------------- */
/* A (buffer, count) pair: a count is required; a NULL buffer only with
 * capacity 0 (a length query). */
DWORD sim_check_name_buffer(LPWSTR buf, LPDWORD cch);
/* An optional pair: both NULL = not wanted; a buffer without its count is
 * an error. */
DWORD sim_check_optional_buffer(LPWSTR buf, LPDWORD cch);
int sim_name_fits(size_t n, const DWORD *cch);
void sim_name_write(const WCHAR *s, size_t n, LPWSTR buf, LPDWORD cch);
/* The name-buffer protocol for one string. */
DWORD sim_put_name(const WCHAR *s, size_t n, LPWSTR buf, LPDWORD cch);

/* An enumeration copy being built; any allocation failure sets oom and
 * makes the rest no-ops. */
typedef struct ebuild {
    enum_item *items;
    size_t n, cap;
    WCHAR *pool;
    size_t plen, pcap;
    int oom;
} ebuild;

void sim_eb_init(ebuild *eb);
/* Appends an item; the strings may be NULL (empty). */
void sim_eb_add(ebuild *eb, DWORD type, int state, const wstr *name, const wstr *id, const wstr *owner,
                const wstr *gname, const wstr *gid);
/* A new enumeration handle holding the copy (which it takes over, or frees
 * on failure); returns its token in *token.  g_lock held. */
DWORD sim_enum_handle(sim *s, int hk, sim_handle *parent, ebuild *eb, uint64_t *token);
/* One string of an item of the copy. */
const WCHAR *sim_item_str(const sim_handle *h, const enum_item *it, int which);
/* *EnumEx: (pItem, cbItem) against the bytes an item needs; 0 when it fits. */
DWORD sim_check_item_buffer(const void *item, LPDWORD cb, size_t needed);
/* Bytes of an item string with its NUL. */
size_t sim_item_bytes(const enum_item *it, int which);
/* Copies one string of the item to base + *pos; returns where it went. */
LPWSTR sim_pack(BYTE *base, size_t *pos, const sim_handle *h, const enum_item *it, int which, DWORD *cb);

/* The Cluster*Control output protocol: *bytes_returned (when given) gets the
 * data's size; a NULL or short buffer is ERROR_MORE_DATA, nothing written;
 * else the data is copied.  0 or the code. */
DWORD sim_control_output(const uint8_t *data, size_t n, LPVOID out, DWORD cb_out, LPDWORD bytes_returned);

/* Where the strings start after an item struct: aligned to 2. */
#define ITEM_HEAD(type) ((sizeof(type) + 1u) & ~(size_t)1u)

/* ---- access (cs_sim_access.c) ---------------------------------------------------------- */
#define ACCESS_READ ((DWORD)GENERIC_READ)
#define ACCESS_ALL ((DWORD)GENERIC_ALL)
#define ACCESS_MAX ((DWORD)MAXIMUM_ALLOWED)

/* dwDesiredAccess: a nonzero combination of the three documented bits. */
DWORD sim_access_valid(DWORD desired);
/* What the principal's rights grant for a (valid) request. */
DWORD sim_access_grant(const sim *s, DWORD desired, DWORD *granted);

/* ---- generic implementations behind the generated entry points --------------------------
 * Each runs one whole call (sim_begin ... sim_end: the last error is set
 * on failure). */
/* Open*(Ex): the object's handle token, or 0.  `ex`: the Ex variant with
 * its access rules; the plain one needs read or all rights. */
uint64_t sim_open_object(int fn, uint64_t cluster, int kind, LPCWSTR name, int ex, DWORD desired,
                         LPDWORD granted_out);
/* Close*: the handle goes whatever happens (an injected failure is still
 * reported).  0 or the code. */
DWORD sim_close_handle(int fn, uint64_t token, int hk);
/* Get*State: the object's state, or -1. */
int sim_object_state(int fn, uint64_t token, int hk);
/* GetClusterNodeId / GetClusterNetworkId; a NULL node handle: the first
 * node of the cluster bound to this thread. */
DWORD sim_object_id(int fn, uint64_t token, int hk, LPWSTR buf, LPDWORD cch);
/* Cluster*Control: ids, property lists, type, failure info, times, and
 * the property writes, which read `in` (cs_sim_props_control.c). */
DWORD sim_control(int fn, uint64_t token, int hk, HNODE host, DWORD code, LPVOID in, DWORD cb_in, LPVOID out,
                  DWORD cb_out, LPDWORD bytes_returned);
/* Cluster/Node/Group/Resource/NetworkOpenEnum and ClusterOpenEnumEx: the
 * new enumeration's token, or 0.  hk_obj: the kind of the handle named
 * (HK_CLUSTER for the cluster enumerations). */
uint64_t sim_open_enum(int fn, uint64_t token, int hk_obj, int hk_enum, DWORD type);
/* Cluster{Group,Resource}OpenEnumEx: the token, or 0. */
uint64_t sim_open_bulk_enum(int fn, uint64_t cluster, LPCWSTR props, DWORD cb_props, LPCWSTR ro_props,
                            DWORD cb_ro, DWORD flags, int hk_enum);
/* Cluster/Node/Group/Resource/NetworkEnum: one name of the copy. */
DWORD sim_enum_read(int fn, uint64_t token, int hk, DWORD index, LPDWORD type, LPWSTR name, LPDWORD cch);

/* ---- the entry points written by hand (the others: cs_sim_entry.c) -------------------- */
HCLUSTER WINAPI sim_OpenCluster(LPCWSTR lpszClusterName);
HCLUSTER WINAPI sim_OpenClusterEx(LPCWSTR lpszClusterName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
DWORD WINAPI sim_GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
                                       LPCLUSTERVERSIONINFO lpClusterInfo);
DWORD WINAPI sim_GetClusterQuorumResource(HCLUSTER hCluster, LPWSTR lpszResourceName, LPDWORD lpcchResourceName,
                                          LPWSTR lpszDeviceName, LPDWORD lpcchDeviceName,
                                          LPDWORD lpdwMaxQuorumLogSize);
CLUSTER_GROUP_STATE WINAPI sim_GetClusterGroupState(HGROUP hGroup, LPWSTR lpszNodeName, LPDWORD lpcchNodeName);
CLUSTER_RESOURCE_STATE WINAPI sim_GetClusterResourceState(HRESOURCE hResource, LPWSTR lpszNodeName,
                                                          LPDWORD lpcchNodeName, LPWSTR lpszGroupName,
                                                          LPDWORD lpcchGroupName);
DWORD WINAPI sim_GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                        LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName);
HCLUSENUMEX WINAPI sim_ClusterOpenEnumEx(HCLUSTER hCluster, DWORD dwType, PVOID pOptions);
DWORD WINAPI sim_ClusterEnumEx(HCLUSENUMEX hClusterEnum, DWORD dwIndex, PCLUSTER_ENUM_ITEM pItem, LPDWORD cbItem);
DWORD WINAPI sim_ClusterGroupEnumEx(HGROUPENUMEX hGroupEnumEx, DWORD dwIndex, PCLUSTER_GROUP_ENUM_ITEM pItem,
                                    LPDWORD cbItem);
DWORD WINAPI sim_ClusterResourceEnumEx(HRESENUMEX hResourceEnumEx, DWORD dwIndex,
                                       PCLUSTER_RESOURCE_ENUM_ITEM pItem, LPDWORD cbItem);

/* The notification entry points (cs_sim_notify.c). */
HCHANGE WINAPI sim_CreateClusterNotifyPort(HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter,
                                           DWORD_PTR dwNotifyKey);
DWORD WINAPI sim_RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject, DWORD_PTR dwNotifyKey);
DWORD WINAPI sim_GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
                                  LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds);
BOOL WINAPI sim_CloseClusterNotifyPort(HCHANGE hChange);
HCHANGE WINAPI sim_CreateClusterNotifyPortV2(HCHANGE hChange, HCLUSTER hCluster, NOTIFY_FILTER_AND_TYPE *Filters,
                                             DWORD dwFilterCount, DWORD_PTR dwNotifyKey);
DWORD WINAPI sim_RegisterClusterNotifyV2(HCHANGE hChange, NOTIFY_FILTER_AND_TYPE Filter, HANDLE hObject,
                                         DWORD_PTR dwNotifyKey);
DWORD WINAPI sim_GetNotifyEventHandle(HCHANGE hChange, LPHANDLE lphTargetEvent);
DWORD WINAPI sim_GetClusterNotifyV2(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, PNOTIFY_FILTER_AND_TYPE pFilterAndType,
                                    BYTE *buffer, LPDWORD lpbBufferSize, LPWSTR lpszObjectId,
                                    LPDWORD lpcchObjectId, LPWSTR lpszParentId, LPDWORD lpcchParentId,
                                    LPWSTR lpszName, LPDWORD lpcchName, LPWSTR lpszType, LPDWORD lpcchType,
                                    DWORD dwMilliseconds);
/* How long a new instance's pending phases last (cs_sim_set_action_seconds). */
#define CS_SIM_DEFAULT_ACTION_SECONDS 0.05
/* What a new instance's ports hold before they overflow. */
#define CS_SIM_DEFAULT_QUEUE_LIMIT 1000000u

/* ---- the control API's lock (cs_sim_control.c) ------------------------------------------- */
/* sim_control_begin takes g_lock and finds the live instance sim_id: returns
 * it with *err = 0, or NULL with *err = ERROR_INVALID_PARAMETER.  The lock
 * is held either way; sim_control_end releases it.  A control function calls
 * each exactly once, with no return in between. */
sim *sim_control_begin(int sim_id, DWORD *err);
void sim_control_end(void);

/* ---- changes and notifications (cs_sim_mutate.c, cs_sim_notify.c) -----------------------
 * Every change to the model goes through these, which post its events:
 * sim_model_insert (a new object), sim_model_set_state,
 * sim_model_set_owner (a group's node), and sim_obj_delete (cs_sim_model.c)
 * for deletions.  sim_changed is the one choke point they all call. */
enum sim_change { SIM_CHANGE_ADDED, SIM_CHANGE_DELETED, SIM_CHANGE_STATE, SIM_CHANGE_OWNER,
                  SIM_CHANGE_PROPERTIES, SIM_CHANGE_PRIVATE_PROPERTIES, SIM_CHANGE_CSV,
                  SIM_CHANGE_PREFERRED_OWNERS, SIM_CHANGE_DEPENDENCIES };
void sim_changed(sim *s, int change, const sim_obj *o);
/* The same with the change's data: for SIM_CHANGE_(PRIVATE_)PROPERTIES a
 * property list of the changed values (o NULL: the cluster's), for
 * SIM_CHANGE_CSV the per-node CLUSTER_SHARED_VOLUME_STATE_INFO_EX list of a
 * CSV resource (cs_sim_csv.c builds it). */
void sim_changed_data(sim *s, int change, const sim_obj *o, const void *data, size_t cb);
/* Posts a CSV resource's SHARED_VOLUME_STATE event, or for a group / node
 * every CSV it hosts (cs_sim_csv.c); nothing without ports or CSVs. */
void sim_csv_changed(sim *s, const sim_obj *o);
void sim_model_insert(sim *s, sim_obj *o);
void sim_model_set_state(sim *s, sim_obj *o, int state);
void sim_model_set_owner(sim *s, sim_obj *group, sim_obj *node);
/* A group's state as its resources define it (sim_group_state), and the
 * change of a group to that state with its event (sim_group_rederive:
 * nothing when it is already there, or when the group has no resources:
 * such a group keeps the state it was given). */
int sim_group_state(const sim_obj *group, int *state);
void sim_group_rederive(sim *s, sim_obj *group);
/* Likewise a network's state as its interfaces define it, and its change
 * to that state with its event (cs_sim_mutate.c). */
int sim_network_state(const sim *s, const sim_obj *network, int *state);
void sim_network_rederive(sim *s, sim_obj *network);

/* One event as the entry points deliver it (strings NULL = empty). */
typedef struct sim_event_spec {
    DWORD object_type;          /* CLUSTER_OBJECT_TYPE_* (version 2) */
    LONGLONG flags;             /* the type's CLUSTER_CHANGE_*_V2 flag */
    DWORD v1_filter;            /* the CLUSTER_CHANGE_* flag for version-1 ports (0: none) */
    const WCHAR *id, *parent, *name, *type;
    const void *payload;
    DWORD cb_payload;
} sim_event_spec;
/* Queues an event on every port of s registered for it (cs_sim_notify.c). */
void sim_post(sim *s, const sim_event_spec *ev);
/* Frees a port handle's port (sim_handle_free), waking its waiters. */
void sim_port_free(sim_handle *h);
/* Whether calls through h fail now because of cs_sim_break_connection. */
int sim_broken(const sim *s, const sim_handle *h);
/* Appends a resource to a group's list of resources (cs_sim_topology.c). */
void sim_join_group(sim_obj *r, sim_obj *g);
/* Woken whenever an event is queued or a port closes (with g_lock). */
extern cs_cond g_notify_cond;
/* The child hook of the simulator's fork handling (cs_sim_notify.c). */
void sim_notify_after_fork_in_child(void);
/* Properties (cs_sim_props.c): frees an object's or the cluster's storage
 * (NULL is ignored); records a state change / group move time; FILETIME
 * ticks now. */
void sim_props_free(struct sim_props *p);
void sim_props_note_state(sim_obj *o);
void sim_props_note_move(sim_obj *o);
uint64_t sim_props_now(void);
/* The property lists of a bulk enumeration (cs_sim_props_enum.c): attach
 * the lists asked for to a new enumeration handle (0, or the code that
 * fails the open); where an item's buffer ends when its lists follow its
 * strings, which end at pos; packing
 * them there; freeing them (NULL ignored). */
DWORD sim_enum_props_attach(sim *s, sim_handle *h, int kind, LPCWSTR props, DWORD cb_props, LPCWSTR ro_props,
                            DWORD cb_ro);
size_t sim_enum_props_end(const sim_handle *h, DWORD index, size_t pos);
void sim_enum_props_pack(const sim_handle *h, DWORD index, BYTE *base, size_t *pos, DWORD *cb, PVOID *p,
                         DWORD *cb_ro, PVOID *p_ro);
void sim_enum_props_free(struct sim_enum_props *e);
/* Frees what a registry handle holds (cs_sim_registry.c; NULL ignored). */
void sim_reg_free(struct sim_reg *r);
/* Whether a resource is a Cluster Shared Volume (cs_sim_csv.c). */
int sim_csv_is(const sim_obj *o);

/* ---- actions (cs_sim_actions.c) -------------------------------------------------------------
 * sim_actions_tick advances every pending phase that has ended (g_lock
 * held; called on entry into every call and by waits); sim_action_now is
 * the instance's clock; sim_actions_forget drops what an action holds of a
 * node being deleted. */
void sim_actions_tick(sim *s);
double sim_action_now(const sim *s);
/* The earliest end of a phase under way (a hanging one never ends), or 0. */
double sim_next_phase_end(const sim *s);
void sim_actions_forget(sim *s, const sim_obj *node);
/* Starts a move of g to dst (its resources go offline first; cs_sim_actions.c). */
void sim_start_move(sim *s, sim_obj *g, sim_obj *dst, DWORD flags, int online_all);
/* Whether n is up and a possible owner of every resource of g. */
int sim_can_host_now(const sim_obj *g, const sim_obj *n);
/* The move queue (cs_sim_queue.c): whether a queue-enabled move must wait;
 * queue g (997 follows); start what the limit lets start (1 when something
 * did); take g out (a cancel); set g's StatusInformation bits, posting the
 * common-property event the cluster posts. */
int sim_queue_must_wait(const sim *s);
void sim_queue_move(sim *s, sim_obj *g, sim_obj *dst, DWORD flags);
int sim_queue_start(sim *s);
void sim_queue_cancel(sim *s, sim_obj *g);
void sim_group_set_status(sim *s, sim_obj *g, uint64_t bits);
/* Whether a function is one of the *Ex2 exports hidden by default. */
int sim_is_ex2(int function_id);
/* What cs_sim_drain.c takes from the actions: the cluster's choice of a
 * node for a group (NULL: none), whether a node can host a group (possible
 * owners), starting a move (CLUSAPI_GROUP_MOVE_* flags), and whether a group
 * has an action under way. */
/* The state machine's steps the action files share (cs_sim_actions.c): a
 * resource's state (its group's follows), a failed provider's dependents
 * down, where an action takes a resource (providers / dependents too), and
 * the checks every action makes on its handle (deleted, access, flags). */
void sim_set_rstate(sim *s, sim_obj *r, int state);
void sim_take_down_dependents(sim *s, sim_obj *r, int depth);
void sim_want_online(sim_obj *r, int depth);
void sim_want_offline(sim_obj *r, int restart, int depth);
DWORD sim_action_check(const call *c, DWORD flags, DWORD allowed, const PBYTE buf, DWORD cb);
/* A destination node handle a call names (a move's, a drain's target):
 * NULL (none, *out NULL), or a live node of the call's instance. */
DWORD sim_dest_node(const call *c, HNODE node, sim_obj **out);
sim_obj *sim_action_choose_node(sim *s, const sim_obj *group);
int sim_action_can_host(const sim_obj *group, const sim_obj *node);
int sim_action_group_busy(const sim_obj *group);

/* ---- node maintenance (cs_sim_drain.c) ------------------------------------------------------
 * sim_drain_step advances every drain under way (1 when something changed)
 * and says through *active whether one still is; sim_drain_forget drops
 * what a drain holds of a node being deleted; sim_drain_value is what the
 * node's read-only NodeDrainStatus (0), NodeDrainTarget's node (1: the
 * name, through *name), DrainErrorCode (2) and StatusInformation's drain
 * bits (3) report when nothing overrides them. */
int sim_drain_step(sim *s, int *active);
void sim_drain_forget(sim *s, const sim_obj *node);
uint64_t sim_drain_value(const sim_obj *node, int which, const wstr **name);
DWORD WINAPI sim_PauseClusterNode(HNODE hNode);
DWORD WINAPI sim_ResumeClusterNode(HNODE hNode);
DWORD WINAPI sim_PauseClusterNodeEx(HNODE hNode, BOOL bDrainNode, DWORD dwPauseFlags, HNODE hNodeDrainTarget);
DWORD WINAPI sim_PauseClusterNodeEx2(HNODE hNode, BOOL bDrainNode, DWORD dwPauseFlags, HNODE hNodeDrainTarget,
                                     LPCWSTR lpszReason);
DWORD WINAPI sim_ResumeClusterNodeEx(HNODE hNode, CLUSTER_NODE_RESUME_FAILBACK_TYPE eResumeFailbackType,
                                     DWORD dwResumeFlagsReserved);
DWORD WINAPI sim_ResumeClusterNodeEx2(HNODE hNode, CLUSTER_NODE_RESUME_FAILBACK_TYPE eResumeFailbackType,
                                      DWORD dwResumeFlagsReserved, LPCWSTR lpszReason);
DWORD WINAPI sim_OnlineClusterGroup(HGROUP hGroup, HNODE hDestinationNode);
DWORD WINAPI sim_OfflineClusterGroup(HGROUP hGroup);
DWORD WINAPI sim_MoveClusterGroup(HGROUP hGroup, HNODE hDestinationNode);
DWORD WINAPI sim_OnlineClusterGroupEx(HGROUP hGroup, HNODE hDestinationNode, DWORD dwOnlineFlags, PBYTE lpInBuffer,
                                      DWORD cbInBufferSize);
DWORD WINAPI sim_OfflineClusterGroupEx(HGROUP hGroup, DWORD dwOfflineFlags, PBYTE lpInBuffer, DWORD cbInBufferSize);
DWORD WINAPI sim_MoveClusterGroupEx(HGROUP hGroup, HNODE hDestinationNode, DWORD dwMoveFlags, PBYTE lpInBuffer,
                                    DWORD cbInBufferSize);
DWORD WINAPI sim_CancelClusterGroupOperation(HGROUP hGroup, DWORD dwCancelFlags_RESERVED);
DWORD WINAPI sim_OnlineClusterGroupEx2(HGROUP hGroup, HNODE hDestinationNode, DWORD dwOnlineFlags, PBYTE lpInBuffer,
                                       DWORD cbInBufferSize, LPCWSTR lpszReason);
DWORD WINAPI sim_OfflineClusterGroupEx2(HGROUP hGroup, DWORD dwOfflineFlags, PBYTE lpInBuffer, DWORD cbInBufferSize,
                                        LPCWSTR lpszReason);
DWORD WINAPI sim_MoveClusterGroupEx2(HGROUP hGroup, HNODE hDestinationNode, DWORD dwMoveFlags, PBYTE lpInBuffer,
                                     DWORD cbInBufferSize, LPCWSTR lpszReason);
DWORD WINAPI sim_OnlineClusterResource(HRESOURCE hResource);
DWORD WINAPI sim_OfflineClusterResource(HRESOURCE hResource);
DWORD WINAPI sim_OnlineClusterResourceEx(HRESOURCE hResource, DWORD dwOnlineFlags, PBYTE lpInBuffer,
                                         DWORD cbInBufferSize);
DWORD WINAPI sim_OfflineClusterResourceEx(HRESOURCE hResource, DWORD dwOfflineFlags, PBYTE lpInBuffer,
                                          DWORD cbInBufferSize);
DWORD WINAPI sim_OnlineClusterResourceEx2(HRESOURCE hResource, DWORD dwOnlineFlags, PBYTE lpInBuffer,
                                          DWORD cbInBufferSize, LPCWSTR lpszReason);
DWORD WINAPI sim_OfflineClusterResourceEx2(HRESOURCE hResource, DWORD dwOfflineFlags, PBYTE lpInBuffer,
                                           DWORD cbInBufferSize, LPCWSTR lpszReason);
DWORD WINAPI sim_FailClusterResource(HRESOURCE hResource);
DWORD WINAPI sim_RestartClusterResource(HRESOURCE hResource, DWORD dwFlags);
/* Configuration calls (cs_sim_config.c): preferred owners, dependency expressions. */
DWORD WINAPI sim_SetClusterGroupNodeList(HGROUP hGroup, DWORD NodeCount, HNODE NodeList[]);
DWORD WINAPI sim_SetClusterResourceDependencyExpression(HRESOURCE hResource, LPCWSTR lpszDependencyExpression);
DWORD WINAPI sim_GetClusterResourceDependencyExpression(HRESOURCE hResource, LPWSTR lpszDependencyExpression,
                                                        LPDWORD lpcchDependencyExpression);

/* A backend table filled with the entry points (cs_sim_entry.c). */
void sim_fill_table(cs_table *t);

/* Arms the exit-time report once, if CLUSAPI_PY_SIM_LEAKCHECK=1
 * (cs_sim_leakcheck.c).  g_lock held. */
void sim_leakcheck_arm(void);

#endif /* CS_SIM_INT_H */
