/*
 * tests/windows/simdll/simdll.c - the simulator as a Windows DLL named
 * clusapi.dll: every function of the backend table (CS_CLUSAPI_FUNCTIONS,
 * core/cs_backend.h) exported under its clusapi name, WINAPI, over one
 * simulated cluster that the DLL creates at first use.
 *
 * Built by tests/windows/simdll/build.sh from the one source list
 * (build_clusapi.py --print-sources) minus dll/ (the system backend: the
 * DLL does not load itself) plus this file; never part of the extension
 * (it is outside _native/).
 *
 * Exports:
 *   - the clusapi functions: thin WINAPI functions that forward to the
 *     simulator's entry point for the same function (cs_sim_entry_point),
 *     and move the simulator's last error to the thread's Win32 last error
 *     (SetLastError) where the function reports failure through it: NULL
 *     handles, FALSE, a state of -1.  The table at the end assigns every
 *     export to its PCLUSAPI_* type, so the compiler checks each signature
 *     (compat_check.c checks those types against the SDK's);
 *   - the control API (cs_sim_*, api/cs_sim_control.h), through the .def
 *     file build.sh writes from that header, and cs_simdll_instance() /
 *     cs_simdll_status() below: a test drives the DLL's cluster with them;
 *   - with -DCS_SIMDLL_LEVEL_2008: only what a Windows Server 2008
 *     clusapi.dll exports (no OpenClusterEx / Open*Ex, no *EnumEx, no
 *     notification v2 functions), so that
 *     GetProcAddress really fails for them and the shim takes its
 *     fallback paths.
 *
 * The topology: the file named by CLUSAPI_SIMDLL_TOPOLOGY (the flat form
 * written by flatten_topology.py from any topology JSON), else the
 * built-in one (the same file, compiled in as default_topology.h).  It is
 * read at first use (not in DllMain: no file I/O under the loader lock);
 * if it cannot be read, every OpenCluster* fails with the error (and
 * cs_simdll_status says which line and why).
 */
#include "api/cs_shim.h"
#include "core/cs_backend.h"
#include "sim/cs_sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "default_topology.h"   /* generated into the build directory */
#include "sdk_surface.h"

/* Every export below has the SDK's signature (sdk_functions.h). */
SIMDLL_SDK_FUNCTIONS(SIMDLL_DECLARE_MODELLED)

#define SIMDLL_EXPORT __declspec(dllexport)

/* ---- the instance -------------------------------------------------------------------------------- */
static cs_mutex g_init_lock = CS_MUTEX_INIT;
static int g_state;                 /* 0 not tried, 1 ready, 2 failed; under g_init_lock */
static int g_sim_id;
static DWORD g_error;
static char g_message[200];

static void set_message(const char *what, unsigned line, const char *why)
{
    snprintf(g_message, sizeof(g_message), "%s: line %u: %s", what, line, why);
}

/* ---- the flat topology reader --------------------------------------------------------------------
 * Safe on any input: every field is bounded by the buffer, numbers must be
 * all digits and in range, text must be valid UTF-8, a line must have
 * exactly its kind's field count; the first error stops the load. */
#define MAX_FIELDS 12
#define MAX_FILE (16u * 1024u * 1024u)

typedef struct line_fields {
    char *f[MAX_FIELDS];
    int n;
} line_fields;

/* UTF-8 -> a new NUL-terminated UTF-16 string; in a list field, U+001F
 * separators become NULs and the result ends with two (a multi_sz).
 * NULL on invalid UTF-8 or no memory. */
static WCHAR *to_wide(const char *s, int multi_sz)
{
    int len = (int)strlen(s), n, i;
    WCHAR *w;
    if (len == 0) {
        w = (WCHAR *)calloc(2, sizeof(WCHAR));
        return w;
    }
    n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, len, NULL, 0);
    if (n <= 0)
        return NULL;
    w = (WCHAR *)calloc((size_t)n + 2, sizeof(WCHAR));
    if (w == NULL)
        return NULL;
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, len, w, n) != n) {
        free(w);
        return NULL;
    }
    if (multi_sz)
        for (i = 0; i < n; i++)
            if (w[i] == 0x1F)
                w[i] = 0;
    return w;
}

static int to_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s == 0)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
            return 0;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 1;
}

static int to_u32(const char *s, uint32_t *out)
{
    uint64_t v = 0;
    if (!to_u64(s, &v) || v > 0xFFFFFFFFu)
        return 0;
    *out = (uint32_t)v;
    return 1;
}

/* A field of hex digit pairs as bytes (malloc'd; "" is none). */
static int from_hex(const char *s, uint8_t **out, size_t *cb)
{
    size_t n = strlen(s), i;
    uint8_t *b;
    if (n % 2 || (b = malloc(n / 2 + 1)) == NULL)
        return 0;
    for (i = 0; i < n / 2; i++) {
        unsigned v = 0;
        int j;
        for (j = 0; j < 2; j++) {
            char ch = s[2 * i + j];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
            if (d < 0) {
                free(b);
                return 0;
            }
            v = v * 16 + (unsigned)d;
        }
        b[i] = (uint8_t)v;
    }
    *out = b;
    *cb = n / 2;
    return 1;
}

/* One line: its kind, its field count, and the add call. */
static DWORD add_line(int sim, line_fields *lf, const char **why)
{
    /* Each kind, and its fields: c the kind, t text, l a list, u a number, U a 64-bit one. */
    static const struct { const char *kind; const char *shape; } kinds[] = {
        {"cluster", "ctluuuttuuu"}, {"type", "ct"}, {"node", "cttu"}, {"network", "cttu"},
        {"netif", "cttttu"}, {"group", "cttutl"}, {"resource", "cttttull"}, {"quorum", "cttu"},
        {"csv", "cttttuUUuu"}, {"prop", "cututuh"},
    };
    WCHAR *w[MAX_FIELDS] = {0};
    uint32_t u[MAX_FIELDS] = {0};
    uint64_t big[MAX_FIELDS] = {0};
    uint8_t *bytes = NULL;
    size_t cb = 0;
    DWORD err = 0;
    int k, i;
    for (k = 0; k < (int)(sizeof(kinds) / sizeof(kinds[0])); k++)
        if (strcmp(lf->f[0], kinds[k].kind) == 0)
            break;
    if (k == (int)(sizeof(kinds) / sizeof(kinds[0]))) {
        *why = "unknown line kind";
        return ERROR_BAD_FORMAT;
    }
    if (lf->n != (int)strlen(kinds[k].shape)) {
        *why = "wrong number of fields for its kind";
        return ERROR_BAD_FORMAT;
    }
    for (i = 1; i < lf->n && !err; i++) {
        char shape = kinds[k].shape[i];
        if (shape == 'h') {
            if (!from_hex(lf->f[i], &bytes, &cb)) {
                *why = "a bytes field is not hex digits in pairs (or no memory)";
                err = ERROR_BAD_FORMAT;
            }
        } else if (shape == 'U') {
            if (!to_u64(lf->f[i], &big[i])) {
                *why = "a number field is not a decimal number below 2^64";
                err = ERROR_BAD_FORMAT;
            }
        } else if (shape == 'u') {
            if (!to_u32(lf->f[i], &u[i])) {
                *why = "a number field is not a decimal number below 2^32";
                err = ERROR_BAD_FORMAT;
            }
        } else if ((w[i] = to_wide(lf->f[i], shape == 'l')) == NULL) {
            *why = "text that is not UTF-8 (or no memory)";
            err = ERROR_BAD_FORMAT;
        }
    }
    if (!err) {
        *why = "the simulator refused it (see the error code)";
        switch (k) {
        case 0:
            if (u[3] > 0xFFFF || u[4] > 0xFFFF || u[5] > 0xFFFF) {
                *why = "a version number above 65535";
                err = ERROR_BAD_FORMAT;
            } else {
                err = cs_sim_set_cluster(sim, w[1], w[2], (uint16_t)u[3], (uint16_t)u[4], (uint16_t)u[5], w[6],
                                         w[7], u[8], u[9], u[10]);
            }
            break;
        case 1:
            err = cs_sim_add_resource_type(sim, w[1]);
            break;
        case 2:
            err = cs_sim_add_node(sim, w[1], w[2], (int)u[3]);
            break;
        case 3:
            err = cs_sim_add_network(sim, w[1], w[2], (int)u[3]);
            break;
        case 4:
            err = cs_sim_add_netinterface(sim, w[1], w[2], w[3], w[4], (int)u[5]);
            break;
        case 5:
            err = cs_sim_add_group(sim, w[1], w[2], (int)u[3], w[4][0] ? w[4] : NULL, w[5]);
            break;
        case 6:
            err = cs_sim_add_resource(sim, w[1], w[2], w[3], w[4], (int)u[5], w[6], w[7]);
            break;
        case 7:
            err = cs_sim_set_quorum(sim, w[1], w[2], u[3]);
            break;
        case 8:
            err = cs_sim_set_shared_volume(sim, w[1], w[2], w[3], w[4][0] ? w[4] : NULL, u[5], big[6], big[7], u[8],
                                           u[9]);
            break;
        default:    /* prop KIND OBJECT PRIVATE NAME SYNTAX BYTES: as SimulatedCluster.set_properties */
            err = cs_sim_set_property(sim, (int)u[1], w[2][0] ? w[2] : NULL, w[4], (int)u[3], u[5], bytes, cb);
            break;
        }
    }
    for (i = 0; i < MAX_FIELDS; i++)
        free(w[i]);
    free(bytes);
    return err;
}

/* Loads the flat text (NUL-terminated, modified in place) into sim. */
static DWORD load_flat(int sim, char *text, const char *source)
{
    unsigned line_no = 0;
    char *p = text;
    int saw_cluster = 0;
    while (*p) {
        char *end = strchr(p, '\n');
        char *next = end ? end + 1 : p + strlen(p);
        line_fields lf;
        const char *why = "";
        DWORD err;
        char *q;
        if (end)
            *end = 0;
        if (end > p && end[-1] == '\r')
            end[-1] = 0;
        line_no++;
        if (line_no == 1) {
            if (strcmp(p, "clusapi-sim-flat 1") != 0) {
                set_message(source, line_no, "not a flat topology (first line must be 'clusapi-sim-flat 1')");
                return ERROR_BAD_FORMAT;
            }
            p = next;
            continue;
        }
        if (*p == 0) {              /* blank lines are allowed */
            p = next;
            continue;
        }
        lf.n = 0;
        q = p;
        for (;;) {
            char *tab = strchr(q, '\t');
            if (lf.n == MAX_FIELDS) {
                set_message(source, line_no, "too many fields");
                return ERROR_BAD_FORMAT;
            }
            lf.f[lf.n++] = q;
            if (tab == NULL)
                break;
            *tab = 0;
            q = tab + 1;
        }
        if (line_no == 2 && strcmp(lf.f[0], "cluster") != 0) {
            set_message(source, line_no, "the first object must be the cluster line");
            return ERROR_BAD_FORMAT;
        }
        saw_cluster = 1;
        err = add_line(sim, &lf, &why);
        if (err) {
            set_message(source, line_no, why);
            return err;
        }
        p = next;
    }
    if (!saw_cluster) {
        set_message(source, line_no, "no cluster line");
        return ERROR_BAD_FORMAT;
    }
    return 0;
}

/* The text of CLUSAPI_SIMDLL_TOPOLOGY's file, NUL-terminated (caller frees),
 * or NULL with *err set. */
static char *read_topology_file(const WCHAR *path, DWORD *err)
{
    HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    LARGE_INTEGER size;
    char *text = NULL;
    DWORD got = 0;
    if (f == INVALID_HANDLE_VALUE) {
        *err = GetLastError();
        return NULL;
    }
    if (!GetFileSizeEx(f, &size)) {
        *err = GetLastError();
    } else if (size.QuadPart < 0 || (uint64_t)size.QuadPart > MAX_FILE) {
        *err = ERROR_BAD_FORMAT;
    } else if ((text = (char *)malloc((size_t)size.QuadPart + 1)) == NULL) {
        *err = ERROR_NOT_ENOUGH_MEMORY;
    } else if (!ReadFile(f, text, (DWORD)size.QuadPart, &got, NULL) || got != (DWORD)size.QuadPart) {
        *err = GetLastError() ? GetLastError() : ERROR_BAD_FORMAT;
        free(text);
        text = NULL;
    } else {
        text[got] = 0;
        if (strlen(text) != got) {  /* a NUL inside: not text */
            *err = ERROR_BAD_FORMAT;
            free(text);
            text = NULL;
        }
    }
    CloseHandle(f);
    return text;
}

static void init_locked(void)
{
    WCHAR path[1024];
    DWORD n = GetEnvironmentVariableW(L"CLUSAPI_SIMDLL_TOPOLOGY", path, sizeof(path) / sizeof(path[0]));
    char *text = NULL;
    const char *source = "CLUSAPI_SIMDLL_TOPOLOGY";
    DWORD err = 0;
    int id = 0;
    if (n >= sizeof(path) / sizeof(path[0])) {
        err = ERROR_FILENAME_EXCED_RANGE;
        set_message(source, 0, "the path is too long");
    } else if (n > 0) {
        text = read_topology_file(path, &err);
        if (text == NULL)
            set_message(source, 0, "the file cannot be read (see the error code)");
    } else {
        source = "the built-in topology";
        text = (char *)malloc(sizeof(simdll_default_topology));
        if (text == NULL)
            err = ERROR_NOT_ENOUGH_MEMORY;
        else
            memcpy(text, simdll_default_topology, sizeof(simdll_default_topology));
    }
    if (!err)
        err = cs_sim_create(&id);
    if (!err) {
        err = load_flat(id, text, source);
        if (err) {
            cs_sim_release(id);
            id = 0;
        }
    }
    free(text);
    g_sim_id = id;
    g_error = err;
    g_state = err ? 2 : 1;
}

/* 0 once the instance is ready, else the error every OpenCluster* reports. */
static DWORD ready(void)
{
    DWORD err;
    cs_mutex_lock(&g_init_lock);
    if (g_state == 0)
        init_locked();
    err = g_error;
    cs_mutex_unlock(&g_init_lock);
    return err;
}

/* Makes this thread's OpenCluster* (and GetClusterNodeId(NULL)) calls go to
 * the DLL's instance; the error when there is none. */
static DWORD bind_here(void)
{
    DWORD err = ready();
    if (!err)
        err = cs_sim_bind_thread(g_sim_id);
    return err;
}

/* The simulator's last error becomes the thread's Win32 last error, as the
 * real DLL's failures leave it for GetLastError. */
static void pass_error(int failed)
{
    if (failed)
        SetLastError(cs_sim_get_last_error());
}

#define ENTRY(name) ((cs_fn_##name)cs_sim_entry_point(CS_FN_##name))

/* CHECKED(type, function, (parameters), (arguments), failed): an export
 * that forwards and, when `failed` holds of the result r_, leaves the
 * simulator's error for GetLastError (pass_error). */
#define CHECKED(type, name, params, args, failed) \
    SIMDLL_EXPORT type WINAPI name params \
    { \
        type r_ = ENTRY(name) args; \
        pass_error(failed); \
        return r_; \
    }

/* ---- the control entries ------------------------------------------------------------------------- */
/* The simulator id of the DLL's cluster (for the cs_sim_* exports), or 0
 * when its topology did not load. */
SIMDLL_EXPORT int cs_simdll_instance(void)
{
    return ready() ? 0 : g_sim_id;
}

/* 0 when the topology loaded, else its error code, with the reason as
 * ASCII text in message (at most cch bytes with the NUL; may be NULL). */
SIMDLL_EXPORT uint32_t cs_simdll_status(char *message, uint32_t cch)
{
    DWORD err = ready();
    if (message != NULL && cch > 0) {
        size_t n = strlen(g_message);
        if (n >= cch)
            n = cch - 1;
        memcpy(message, g_message, n);
        message[n] = 0;
    }
    return err;
}

/* Throws the DLL's cluster away and builds it again from its topology
 * (re-read): a test's changes do not reach the next test.  Fails with
 * ERROR_BUSY while a handle to the old one is open.  0, or the error. */
SIMDLL_EXPORT uint32_t cs_simdll_reset(void)
{
    DWORD err = 0;
    uint32_t counts[CS_KIND_COUNT];
    int k;
    cs_mutex_lock(&g_init_lock);
    if (g_state == 1) {
        if (cs_sim_open_handles(g_sim_id, counts) == 0)
            for (k = 0; k < CS_KIND_COUNT; k++)
                if (counts[k] != 0)
                    err = ERROR_BUSY;
        if (!err)
            cs_sim_release(g_sim_id);
    }
    if (!err) {
        g_state = 0;
        g_sim_id = 0;
        g_error = 0;
        g_message[0] = 0;
        init_locked();
        err = g_error;
    }
    cs_mutex_unlock(&g_init_lock);
    return err;
}

/* 1 for the full export set, 2008 for the Windows Server 2008 one. */
SIMDLL_EXPORT int cs_simdll_level(void)
{
#ifdef CS_SIMDLL_LEVEL_2008
    return 2008;
#else
    return 1;
#endif
}

/* ---- the clusapi exports -------------------------------------------------------------------------- */
SIMDLL_EXPORT HCLUSTER WINAPI OpenCluster(LPCWSTR lpszClusterName)
{
    HCLUSTER h;
    DWORD err = bind_here();
    if (err) {
        SetLastError(err);
        return NULL;
    }
    h = ENTRY(OpenCluster)(lpszClusterName);
    pass_error(h == NULL);
    return h;
}

CHECKED(BOOL, CloseCluster, (HCLUSTER hCluster), (hCluster), !r_)

SIMDLL_EXPORT DWORD WINAPI GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
                                                 LPCLUSTERVERSIONINFO lpClusterInfo)
{
    return ENTRY(GetClusterInformation)(hCluster, lpszClusterName, lpcchClusterName, lpClusterInfo);
}

SIMDLL_EXPORT DWORD WINAPI GetClusterQuorumResource(HCLUSTER hCluster, LPWSTR lpszResourceName,
                                                    LPDWORD lpcchResourceName, LPWSTR lpszDeviceName,
                                                    LPDWORD lpcchDeviceName, LPDWORD lpdwMaxQuorumLogSize)
{
    return ENTRY(GetClusterQuorumResource)(hCluster, lpszResourceName, lpcchResourceName, lpszDeviceName,
                                           lpcchDeviceName, lpdwMaxQuorumLogSize);
}

/* Open<Object>(hCluster, name) -> handle */
#define SIMDLL_OPEN(name, htype) \
    CHECKED(htype, name, (HCLUSTER hCluster, LPCWSTR lpszName), (hCluster, lpszName), r_ == NULL)
SIMDLL_OPEN(OpenClusterNode, HNODE)
SIMDLL_OPEN(OpenClusterGroup, HGROUP)
SIMDLL_OPEN(OpenClusterResource, HRESOURCE)
SIMDLL_OPEN(OpenClusterNetwork, HNETWORK)
SIMDLL_OPEN(OpenClusterNetInterface, HNETINTERFACE)

/* Close<Object>(handle) -> BOOL */
#define SIMDLL_CLOSE(name, htype) CHECKED(BOOL, name, (htype handle), (handle), !r_)
SIMDLL_CLOSE(CloseClusterNode, HNODE)
SIMDLL_CLOSE(CloseClusterGroup, HGROUP)
SIMDLL_CLOSE(CloseClusterResource, HRESOURCE)
SIMDLL_CLOSE(CloseClusterNetwork, HNETWORK)
SIMDLL_CLOSE(CloseClusterNetInterface, HNETINTERFACE)

/* Get<Object>State(handle) -> state, -1 on failure */
#define SIMDLL_STATE(name, htype, stype) CHECKED(stype, name, (htype handle), (handle), (int)r_ == -1)
SIMDLL_STATE(GetClusterNodeState, HNODE, CLUSTER_NODE_STATE)
SIMDLL_STATE(GetClusterNetworkState, HNETWORK, CLUSTER_NETWORK_STATE)
SIMDLL_STATE(GetClusterNetInterfaceState, HNETINTERFACE, CLUSTER_NETINTERFACE_STATE)

CHECKED(CLUSTER_GROUP_STATE, GetClusterGroupState, (HGROUP hGroup, LPWSTR lpszNodeName, LPDWORD lpcchNodeName),
        (hGroup, lpszNodeName, lpcchNodeName), (int)r_ == -1)
CHECKED(CLUSTER_RESOURCE_STATE, GetClusterResourceState,
        (HRESOURCE hResource, LPWSTR lpszNodeName, LPDWORD lpcchNodeName, LPWSTR lpszGroupName,
         LPDWORD lpcchGroupName),
        (hResource, lpszNodeName, lpcchNodeName, lpszGroupName, lpcchGroupName), (int)r_ == -1)

SIMDLL_EXPORT DWORD WINAPI GetClusterNodeId(HNODE hNode, LPWSTR lpszNodeId, LPDWORD lpcchName)
{
    if (hNode == NULL) {            /* the local node: of the DLL's cluster */
        DWORD err = bind_here();
        if (err)
            return err;
    }
    return ENTRY(GetClusterNodeId)(hNode, lpszNodeId, lpcchName);
}

SIMDLL_EXPORT DWORD WINAPI GetClusterNetworkId(HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchName)
{
    return ENTRY(GetClusterNetworkId)(hNetwork, lpszNetworkId, lpcchName);
}

/* *OpenEnum(handle, type) -> enumeration */
#define SIMDLL_OPEN_ENUM(name, htype, etype) \
    CHECKED(etype, name, (htype handle, DWORD dwType), (handle, dwType), r_ == NULL)
SIMDLL_OPEN_ENUM(ClusterOpenEnum, HCLUSTER, HCLUSENUM)
SIMDLL_OPEN_ENUM(ClusterNodeOpenEnum, HNODE, HNODEENUM)
SIMDLL_OPEN_ENUM(ClusterGroupOpenEnum, HGROUP, HGROUPENUM)
SIMDLL_OPEN_ENUM(ClusterResourceOpenEnum, HRESOURCE, HRESENUM)
SIMDLL_OPEN_ENUM(ClusterNetworkOpenEnum, HNETWORK, HNETWORKENUM)

/* *Enum(enumeration, index, type, name buffer) -> DWORD */
#define SIMDLL_ENUM(name, etype) \
    SIMDLL_EXPORT DWORD WINAPI name(etype hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, \
                                    LPDWORD lpcchName) \
    { \
        return ENTRY(name)(hEnum, dwIndex, lpdwType, lpszName, lpcchName); \
    }
SIMDLL_ENUM(ClusterEnum, HCLUSENUM)
SIMDLL_ENUM(ClusterNodeEnum, HNODEENUM)
SIMDLL_ENUM(ClusterGroupEnum, HGROUPENUM)
SIMDLL_ENUM(ClusterResourceEnum, HRESENUM)
SIMDLL_ENUM(ClusterNetworkEnum, HNETWORKENUM)

/* *CloseEnum / *CloseEnumEx(enumeration) -> DWORD */
#define SIMDLL_CLOSE_ENUM(name, etype) \
    SIMDLL_EXPORT DWORD WINAPI name(etype hEnum) \
    { \
        return ENTRY(name)(hEnum); \
    }
SIMDLL_CLOSE_ENUM(ClusterCloseEnum, HCLUSENUM)
SIMDLL_CLOSE_ENUM(ClusterNodeCloseEnum, HNODEENUM)
SIMDLL_CLOSE_ENUM(ClusterGroupCloseEnum, HGROUPENUM)
SIMDLL_CLOSE_ENUM(ClusterResourceCloseEnum, HRESENUM)
SIMDLL_CLOSE_ENUM(ClusterNetworkCloseEnum, HNETWORKENUM)

/* Cluster*Control (properties, ids) -> DWORD */
#define SIMDLL_CONTROL(name, htype) \
    SIMDLL_EXPORT DWORD WINAPI name(htype handle, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer, \
                                    DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize, \
                                    LPDWORD lpBytesReturned) \
    { \
        return ENTRY(name)(handle, hHostNode, dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, \
                           nOutBufferSize, lpBytesReturned); \
    }
SIMDLL_CONTROL(ClusterGroupControl, HGROUP)
SIMDLL_CONTROL(ClusterResourceControl, HRESOURCE)
SIMDLL_CONTROL(ClusterControl, HCLUSTER)
SIMDLL_CONTROL(ClusterNodeControl, HNODE)
SIMDLL_CONTROL(ClusterNetworkControl, HNETWORK)
SIMDLL_CONTROL(ClusterNetInterfaceControl, HNETINTERFACE)

SIMDLL_EXPORT DWORD WINAPI GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                                  LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName)
{
    return ENTRY(GetClusterNetInterface)(hCluster, lpszNodeName, lpszNetworkName, lpszInterfaceName,
                                         lpcchInterfaceName);
}

/* ---- change notifications (v1: every version) ------------------------------------------------- */
CHECKED(HCHANGE, CreateClusterNotifyPort, (HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter, DWORD_PTR dwNotifyKey),
        (hChange, hCluster, dwFilter, dwNotifyKey), r_ == NULL)

SIMDLL_EXPORT DWORD WINAPI RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject,
                                                 DWORD_PTR dwNotifyKey)
{
    return ENTRY(RegisterClusterNotify)(hChange, dwFilterType, hObject, dwNotifyKey);
}

SIMDLL_EXPORT DWORD WINAPI GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
                                            LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds)
{
    return ENTRY(GetClusterNotify)(hChange, lpdwNotifyKey, lpdwFilterType, lpszName, lpcchName, dwMilliseconds);
}

CHECKED(BOOL, CloseClusterNotifyPort, (HCHANGE hChange), (hChange), !r_)

/* ---- actions (Windows Server 2008) ----------------------------------------------------------------
 * FORWARD(function, (parameters), (arguments)): a DWORD export that only forwards. */
#define FORWARD(name, params, args) \
    SIMDLL_EXPORT DWORD WINAPI name params \
    { \
        return ENTRY(name) args; \
    }
FORWARD(OnlineClusterGroup, (HGROUP hGroup, HNODE hNode), (hGroup, hNode))
FORWARD(OfflineClusterGroup, (HGROUP hGroup), (hGroup))
FORWARD(MoveClusterGroup, (HGROUP hGroup, HNODE hNode), (hGroup, hNode))
FORWARD(OnlineClusterResource, (HRESOURCE hResource), (hResource))
FORWARD(OfflineClusterResource, (HRESOURCE hResource), (hResource))
FORWARD(FailClusterResource, (HRESOURCE hResource), (hResource))
FORWARD(SetClusterGroupNodeList, (HGROUP g, DWORD n, HNODE *nodes), (g, n, nodes))
FORWARD(SetClusterResourceDependencyExpression, (HRESOURCE h, LPCWSTR e), (h, e))
FORWARD(GetClusterResourceDependencyExpression, (HRESOURCE h, LPWSTR e, LPDWORD cch), (h, e, cch))
FORWARD(PauseClusterNode, (HNODE n), (n))
FORWARD(ResumeClusterNode, (HNODE n), (n))

#ifndef CS_SIMDLL_LEVEL_2008
/* ---- actions (Windows Server 2012; the *Ex2 ones: the newest SDK) ------------------------------------ */
FORWARD(OnlineClusterGroupEx, (HGROUP g, HNODE n, DWORD f, PBYTE b, DWORD cb), (g, n, f, b, cb))
FORWARD(OfflineClusterGroupEx, (HGROUP g, DWORD f, PBYTE b, DWORD cb), (g, f, b, cb))
FORWARD(MoveClusterGroupEx, (HGROUP g, HNODE n, DWORD f, PBYTE b, DWORD cb), (g, n, f, b, cb))
FORWARD(CancelClusterGroupOperation, (HGROUP g, DWORD f), (g, f))
FORWARD(OnlineClusterGroupEx2, (HGROUP g, HNODE n, DWORD f, PBYTE b, DWORD cb, LPCWSTR r), (g, n, f, b, cb, r))
FORWARD(OfflineClusterGroupEx2, (HGROUP g, DWORD f, PBYTE b, DWORD cb, LPCWSTR r), (g, f, b, cb, r))
FORWARD(MoveClusterGroupEx2, (HGROUP g, HNODE n, DWORD f, PBYTE b, DWORD cb, LPCWSTR r), (g, n, f, b, cb, r))
FORWARD(OnlineClusterResourceEx, (HRESOURCE h, DWORD f, PBYTE b, DWORD cb), (h, f, b, cb))
FORWARD(OfflineClusterResourceEx, (HRESOURCE h, DWORD f, PBYTE b, DWORD cb), (h, f, b, cb))
FORWARD(OnlineClusterResourceEx2, (HRESOURCE h, DWORD f, PBYTE b, DWORD cb, LPCWSTR r), (h, f, b, cb, r))
FORWARD(OfflineClusterResourceEx2, (HRESOURCE h, DWORD f, PBYTE b, DWORD cb, LPCWSTR r), (h, f, b, cb, r))
FORWARD(RestartClusterResource, (HRESOURCE h, DWORD f), (h, f))
FORWARD(PauseClusterNodeEx, (HNODE n, BOOL d, DWORD f, HNODE t), (n, d, f, t))
FORWARD(ResumeClusterNodeEx, (HNODE n, CLUSTER_NODE_RESUME_FAILBACK_TYPE k, DWORD f), (n, k, f))
FORWARD(PauseClusterNodeEx2, (HNODE n, BOOL d, DWORD f, HNODE t, LPCWSTR r), (n, d, f, t, r))
FORWARD(ResumeClusterNodeEx2, (HNODE n, CLUSTER_NODE_RESUME_FAILBACK_TYPE k, DWORD f, LPCWSTR r), (n, k, f, r))

/* ---- Windows Server 2008 R2 and later ------------------------------------------------------------- */
SIMDLL_EXPORT HCLUSTER WINAPI OpenClusterEx(LPCWSTR lpszClusterName, DWORD dwDesiredAccess,
                                            LPDWORD lpdwGrantedAccess)
{
    HCLUSTER h;
    DWORD err = bind_here();
    if (err) {
        SetLastError(err);
        return NULL;
    }
    h = ENTRY(OpenClusterEx)(lpszClusterName, dwDesiredAccess, lpdwGrantedAccess);
    pass_error(h == NULL);
    return h;
}

#define SIMDLL_OPEN_EX(name, htype) \
    CHECKED(htype, name, (HCLUSTER hCluster, LPCWSTR lpszName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess), \
            (hCluster, lpszName, dwDesiredAccess, lpdwGrantedAccess), r_ == NULL)
SIMDLL_OPEN_EX(OpenClusterNodeEx, HNODE)
SIMDLL_OPEN_EX(OpenClusterGroupEx, HGROUP)
SIMDLL_OPEN_EX(OpenClusterResourceEx, HRESOURCE)
SIMDLL_OPEN_EX(OpenClusterNetworkEx, HNETWORK)
SIMDLL_OPEN_EX(OpenClusterNetInterfaceEx, HNETINTERFACE)

CHECKED(HCLUSENUMEX, ClusterOpenEnumEx, (HCLUSTER hCluster, DWORD dwType, PVOID pOptions), (hCluster, dwType, pOptions),
        r_ == NULL)

SIMDLL_EXPORT DWORD WINAPI ClusterEnumEx(HCLUSENUMEX hClusterEnum, DWORD dwIndex, PCLUSTER_ENUM_ITEM pItem,
                                         LPDWORD cbItem)
{
    return ENTRY(ClusterEnumEx)(hClusterEnum, dwIndex, pItem, cbItem);
}

SIMDLL_CLOSE_ENUM(ClusterCloseEnumEx, HCLUSENUMEX)

/* ---- Windows Server 2012 and later: the bulk enumerations, notifications v2 ---------------------------------------------------------------- */
#define SIMDLL_OPEN_BULK(name, etype) \
    CHECKED(etype, name, (HCLUSTER hCluster, LPCWSTR lpszProperties, DWORD cbProperties, LPCWSTR lpszRoProperties, \
                          DWORD cbRoProperties, DWORD dwFlags), \
            (hCluster, lpszProperties, cbProperties, lpszRoProperties, cbRoProperties, dwFlags), r_ == NULL)
SIMDLL_OPEN_BULK(ClusterGroupOpenEnumEx, HGROUPENUMEX)
SIMDLL_OPEN_BULK(ClusterResourceOpenEnumEx, HRESENUMEX)

SIMDLL_EXPORT DWORD WINAPI ClusterGroupEnumEx(HGROUPENUMEX hGroupEnumEx, DWORD dwIndex,
                                              PCLUSTER_GROUP_ENUM_ITEM pItem, LPDWORD cbItem)
{
    return ENTRY(ClusterGroupEnumEx)(hGroupEnumEx, dwIndex, pItem, cbItem);
}

SIMDLL_EXPORT DWORD WINAPI ClusterResourceEnumEx(HRESENUMEX hResourceEnumEx, DWORD dwIndex,
                                                 PCLUSTER_RESOURCE_ENUM_ITEM pItem, LPDWORD cbItem)
{
    return ENTRY(ClusterResourceEnumEx)(hResourceEnumEx, dwIndex, pItem, cbItem);
}

SIMDLL_CLOSE_ENUM(ClusterGroupCloseEnumEx, HGROUPENUMEX)
SIMDLL_CLOSE_ENUM(ClusterResourceCloseEnumEx, HRESENUMEX)

/* change notifications v2 (Windows Server 2012 and later) */
CHECKED(HCHANGE, CreateClusterNotifyPortV2,
        (HCHANGE hChange, HCLUSTER hCluster, NOTIFY_FILTER_AND_TYPE *Filters, DWORD dwFilterCount,
         DWORD_PTR dwNotifyKey),
        (hChange, hCluster, Filters, dwFilterCount, dwNotifyKey), r_ == NULL)

SIMDLL_EXPORT DWORD WINAPI RegisterClusterNotifyV2(HCHANGE hChange, NOTIFY_FILTER_AND_TYPE Filter, HANDLE hObject,
                                                   DWORD_PTR dwNotifyKey)
{
    return ENTRY(RegisterClusterNotifyV2)(hChange, Filter, hObject, dwNotifyKey);
}

SIMDLL_EXPORT DWORD WINAPI GetNotifyEventHandle(HCHANGE hChange, LPHANDLE lphTargetEvent)
{
    return ENTRY(GetNotifyEventHandle)(hChange, lphTargetEvent);
}

SIMDLL_EXPORT DWORD WINAPI GetClusterNotifyV2(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey,
                                              PNOTIFY_FILTER_AND_TYPE pFilterAndType, BYTE *buffer,
                                              LPDWORD lpbBufferSize, LPWSTR lpszObjectId, LPDWORD lpcchObjectId,
                                              LPWSTR lpszParentId, LPDWORD lpcchParentId, LPWSTR lpszName,
                                              LPDWORD lpcchName, LPWSTR lpszType, LPDWORD lpcchType,
                                              DWORD dwMilliseconds)
{
    return ENTRY(GetClusterNotifyV2)(hChange, lpdwNotifyKey, pFilterAndType, buffer, lpbBufferSize, lpszObjectId,
                                     lpcchObjectId, lpszParentId, lpcchParentId, lpszName, lpcchName, lpszType,
                                     lpcchType, dwMilliseconds);
}

/* Every export of the table, assigned to its PCLUSAPI_* member: a
 * signature or calling convention that differs from the SDK's type fails
 * the build (-Werror); and every function of the table has an export
 * (a missing one is an undeclared identifier). */
#define CS_X_ASSIGN(name, type, rpc) t->fn.name = name;
void cs_simdll_check_signatures(cs_table *t);
void cs_simdll_check_signatures(cs_table *t)
{
    CS_CLUSAPI_FUNCTIONS(CS_X_ASSIGN)
}
#undef CS_X_ASSIGN
#endif /* !CS_SIMDLL_LEVEL_2008 */
