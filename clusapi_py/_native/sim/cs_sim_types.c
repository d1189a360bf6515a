/*
 * sim/cs_sim_types.c - resource types beyond ClusterOpenEnum(RESTYPE), for
 * the simulated clusapi.dll (tests/windows/simdll/simdll_more.c):
 * ClusterResourceTypeOpenEnum (the nodes that can host a type, the
 * resources of a type; read and closed by cs_sim_surface.c) and ClusterResourceTypeControl (a type's
 * common and private property lists, by the simulator's property-list
 * writer).  The types are the cluster's (cs_sim_add_resource_type: every
 * type its resources use is one).  Local to this file: no latency, no
 * injected faults, not counted.  Declared in sim/cs_sim.h.
 */
#include "sim/cs_sim_props.h"
#include <stdlib.h>
#include <string.h>

/* ClusterResourceTypeOpenEnum's dwType bits. */
#define RESTYPE_ENUM_NODES 0x1u
#define RESTYPE_ENUM_RESOURCES 0x2u

/* The cluster's type of that name (case-insensitive), or NULL. */
static const wstr *find_type(const sim *s, LPCWSTR name)
{
    size_t i, n;
    if (name == NULL)
        return NULL;
    n = cs_wlen(name);
    for (i = 0; i < s->n_restypes; i++)
        if (cs_wieq(s->restypes[i].p, s->restypes[i].n, name, n))
            return &s->restypes[i];
    return NULL;
}

/* g_lock held: the cluster handle and the type it names, or the code. */
static DWORD find_cluster_type(uint64_t cluster, LPCWSTR name, sim_handle **h, const wstr **type)
{
    *h = sim_handle_lookup(cluster, HK_CLUSTER);
    if (*h == NULL)
        return ERROR_INVALID_HANDLE;
    if (name == NULL || name[0] == 0)
        return ERROR_INVALID_PARAMETER;
    *type = find_type((*h)->s, name);
    return *type ? 0 : (DWORD)ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND;
}

DWORD cs_sim_surface_restype_open_enum(uint64_t cluster, LPCWSTR type_name, DWORD what, uint64_t *token)
{
    sim_handle *h = NULL;
    const wstr *type = NULL;
    DWORD err;
    if (token == NULL || what == 0 || (what & ~(RESTYPE_ENUM_NODES | RESTYPE_ENUM_RESOURCES)) != 0)
        return ERROR_INVALID_PARAMETER;
    cs_mutex_lock(&g_lock);
    err = find_cluster_type(cluster, type_name, &h, &type);
    if (!err) {
        const sim *s = h->s;
        const sim_obj *o;
        ebuild eb;
        sim_eb_init(&eb);
        if (what & RESTYPE_ENUM_NODES)          /* every node can host every type here */
            for (o = s->sets[CS_KIND_NODE].head; o; o = o->next)
                if (!o->deleted)
                    sim_eb_add(&eb, RESTYPE_ENUM_NODES, o->state, &o->name, &o->id, NULL, NULL, NULL);
        if (what & RESTYPE_ENUM_RESOURCES)
            for (o = s->sets[CS_KIND_RESOURCE].head; o; o = o->next)
                if (!o->deleted && cs_wieq(o->type.p, o->type.n, type->p, type->n))
                    sim_eb_add(&eb, RESTYPE_ENUM_RESOURCES, o->state, &o->name, &o->id, NULL, NULL, NULL);
        err = sim_enum_handle(h->s, HK_RESTYPEENUM, h, &eb, token);
    }
    cs_mutex_unlock(&g_lock);
    return err;
}

/* ---- ClusterResourceTypeControl --------------------------------------------------------------- */
/* The module a type's resource DLL would be (the Windows Server ones), or "" for another type. */
static const char *dll_of(const wstr *type)
{
    static const struct { const char *type, *dll; } known[] = {
        {"Physical Disk", "clusres.dll"}, {"IP Address", "clusres.dll"}, {"IPv6 Address", "clusres.dll"},
        {"Network Name", "clusres.dll"}, {"Distributed Network Name", "clusres.dll"},
        {"File Server", "clusres.dll"}, {"Generic Service", "clusres.dll"},
        {"Generic Application", "clusres.dll"}, {"Generic Script", "clusres.dll"},
        {"Virtual Machine", "vmclusres.dll"}, {"SQL Server", "sqsrvres.dll"}, {"SQL Server Agent", "sqagtres.dll"},
    };
    size_t i, k;
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        const char *t = known[i].type;
        for (k = 0; k < type->n && t[k] && type->p[k] == (WCHAR)(unsigned char)t[k]; k++)
            ;
        if (k == type->n && t[k] == 0)
            return known[i].dll;
    }
    return "";
}

/* One property with an ASCII name and an SZ (value != NULL: ASCII; wvalue: UTF-16) or DWORD value. */
static void put(plw *w, const char *name, const char *value, const wstr *wvalue, DWORD dword, DWORD syntax)
{
    WCHAR n[64], v[64];
    size_t k, len = strlen(name) < 63 ? strlen(name) : 63;
    for (k = 0; k < len; k++)
        n[k] = (WCHAR)(unsigned char)name[k];
    n[len] = 0;
    if (syntax == CLUSPROP_SYNTAX_LIST_VALUE_DWORD) {
        sim_plw_property(w, n, len, syntax, &dword, sizeof(dword));
    } else if (wvalue != NULL) {
        sim_plw_property(w, n, len, syntax, wvalue->p, (wvalue->n + 1) * sizeof(WCHAR));
    } else {
        size_t vl = strlen(value) < 62 ? strlen(value) : 62;
        for (k = 0; k < vl; k++)
            v[k] = (WCHAR)(unsigned char)value[k];
        v[vl] = v[vl + 1] = 0;
        if (syntax == CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ) {     /* an empty list: two NULs */
            v[0] = v[1] = 0;
            vl = 1;
        }
        sim_plw_property(w, n, len, syntax, v, (vl + 1) * sizeof(WCHAR));
    }
}

/* The type's property list for one of the four GET_*_PROPERTIES codes (also the
 * cluster registry's ResourceTypes keys, cs_sim_registry.c). */
DWORD sim_restype_properties(const wstr *type, DWORD function, uint8_t **data, size_t *n)
{
    plw w;
    DWORD err;
    sim_plw_init(&w);
    if (function == 0x59) {                     /* GET_COMMON_PROPERTIES: the read-write ones */
        put(&w, "Name", NULL, type, 0, CLUSPROP_SYNTAX_LIST_VALUE_SZ);
        put(&w, "DllName", dll_of(type), NULL, 0, CLUSPROP_SYNTAX_LIST_VALUE_SZ);
        put(&w, "Description", "", NULL, 0, CLUSPROP_SYNTAX_LIST_VALUE_SZ);
        put(&w, "DebugPrefix", "", NULL, 0, CLUSPROP_SYNTAX_LIST_VALUE_SZ);
        put(&w, "AdminExtensions", "", NULL, 0, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ);
        put(&w, "LooksAlivePollInterval", NULL, NULL, 5000, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
        put(&w, "IsAlivePollInterval", NULL, NULL, 60000, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
        put(&w, "PendingTimeout", NULL, NULL, 180000, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
        put(&w, "DeadlockTimeout", NULL, NULL, 300000, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
    }
    /* GET_RO_COMMON, GET_PRIVATE, GET_RO_PRIVATE: empty lists (a count of 0). */
    err = sim_plw_finish(&w);
    if (!err) {
        *data = w.p;
        *n = w.n;
        w.p = NULL;
    }
    sim_plw_free(&w);
    return err;
}

DWORD cs_sim_surface_restype_control(uint64_t cluster, LPCWSTR type_name, HNODE host, DWORD code, LPVOID out,
                                     DWORD cb_out, LPDWORD bytes_returned)
{
    sim_handle *h = NULL;
    const wstr *type = NULL;
    uint8_t *data = NULL;
    size_t n = 0;
    DWORD err, function = code & 0x00FFFFFFu;
    cs_mutex_lock(&g_lock);
    err = find_cluster_type(cluster, type_name, &h, &type);
    if (!err && host != NULL) {
        const sim_handle *node = sim_handle_lookup(TOKEN_OF(host), HK_NODE);
        if (node == NULL || node->s != h->s)
            err = ERROR_INVALID_HANDLE;
    }
    if (!err && ((code >> 24) != 2 || (function != 0x55 && function != 0x59 && function != 0x7D && function != 0x81)))
        err = ERROR_INVALID_FUNCTION;
    if (!err)
        err = sim_restype_properties(type, function, &data, &n);
    if (!err)
        err = sim_control_output(data, n, out, cb_out, bytes_returned);
    free(data);
    cs_mutex_unlock(&g_lock);
    return err;
}
