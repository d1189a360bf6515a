/*
 * sim/cs_sim_config.c - the simulator's configuration calls: a group's
 * preferred owners (SetClusterGroupNodeList) and a resource's dependency
 * expression (Set/GetClusterResourceDependencyExpression).
 *
 * One representation: a group's preferred owners are its `preferred`
 * nodes (what CLUSTER_GROUP_ENUM_NODES lists and what the cluster's choice
 * of node for a move or failover tries first, cs_sim_actions.c); a
 * resource's dependencies are its `deps` (what CLUSTER_RESOURCE_ENUM_DEPENDS
 * lists and what online/offline ordering follows).  The expression is
 * written from `deps` ("[A] and [B]") and parsed into it.
 *
 * SetClusterGroupNodeList: a handle without full access, ERROR_ACCESS_DENIED;
 * a node handle that is not a live node of this cluster,
 * ERROR_INVALID_HANDLE (a deleted node: ERROR_CLUSTER_NODE_NOT_FOUND);
 * NodeCount without a list or the same node twice, ERROR_INVALID_PARAMETER.
 * The list replaces the old one (order = preference; 0 nodes clears it) and
 * the group's PREFERRED_OWNERS event is posted.
 *
 * SetClusterResourceDependencyExpression (checks in this order):
 *   - a handle without full access: ERROR_ACCESS_DENIED; NULL: 87;
 *   - the grammar: "" or "[name]" joined by "and" (case-insensitive, any
 *     white space).  The simulator models dependencies as an AND list (as
 *     its topology does): "or" and parentheses, which a real cluster
 *     accepts, are refused here with ERROR_INVALID_PARAMETER (87);
 *   - a name that is no resource: ERROR_RESOURCE_NOT_FOUND; the resource
 *     itself or a resource of another group: 87 (MS-CMRP);
 *   - a name twice: ERROR_DEPENDENCY_ALREADY_EXISTS (5003);
 *   - a provider that depends (directly or not) on the resource:
 *     ERROR_CIRCULAR_DEPENDENCY (1059); a chain deeper than 100: 87;
 *   - the resource OnlinePending, or Online while one of the new providers
 *     is not Online: ERROR_RESOURCE_ONLINE (5019) -- an online resource
 *     keeps its providers online (the AND model);
 *   - then the dependencies are replaced and the resource's DEPENDENCIES
 *     event is posted.
 */
#include "sim/cs_sim_int.h"
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 100

/* ---- preferred owners ---------------------------------------------------------------------------- */
DWORD WINAPI sim_SetClusterGroupNodeList(HGROUP hGroup, DWORD NodeCount, HNODE NodeList[])
{
    call c;
    objvec nodes;
    DWORD i, err = sim_begin(&c, CS_FN_SetClusterGroupNodeList, TOKEN_OF(hGroup), HK_GROUP);
    memset(&nodes, 0, sizeof(nodes));
    if (!err && c.h->obj->deleted)
        err = sim_not_found(CS_KIND_GROUP);
    if (!err && (c.h->granted & ACCESS_ALL) == 0)
        err = ERROR_ACCESS_DENIED;
    if (!err && NodeCount != 0 && NodeList == NULL)
        err = ERROR_INVALID_PARAMETER;
    for (i = 0; !err && i < NodeCount; i++) {
        const sim_handle *h = sim_handle_lookup(TOKEN_OF(NodeList[i]), HK_NODE);
        if (h == NULL || h->s != c.s)
            err = ERROR_INVALID_HANDLE;
        else if (h->obj->deleted)
            err = ERROR_CLUSTER_NODE_NOT_FOUND;
        else if (sim_vec_has(&nodes, h->obj))
            err = ERROR_INVALID_PARAMETER;
        else if (sim_vec_push(&nodes, h->obj) != 0)
            err = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (!err) {
        sim_obj *g = c.h->obj;
        sim_vec_free(&g->preferred);
        g->preferred = nodes;
        memset(&nodes, 0, sizeof(nodes));
        sim_changed(c.s, SIM_CHANGE_PREFERRED_OWNERS, g);
    }
    sim_vec_free(&nodes);
    return sim_end(&c, err);
}

/* ---- dependency expressions ---------------------------------------------------------------------- */
static int is_space(WCHAR ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static int lower(WCHAR ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch;
}

/* Parses an AND expression into the resources it names (not yet checked
 * beyond existing and being distinct).  0 or the code. */
static DWORD parse_expression(sim *s, const WCHAR *e, objvec *out)
{
    size_t i = 0;
    for (;;) {
        size_t start;
        sim_obj *r;
        while (is_space(e[i]))
            i++;
        if (e[i] == 0)
            return out->n == 0 ? 0 : ERROR_INVALID_PARAMETER;   /* "" is fine; "[a] and" is not */
        if (e[i] != '[')
            return ERROR_INVALID_PARAMETER;
        start = ++i;
        while (e[i] != 0 && e[i] != ']')
            i++;
        if (e[i] != ']' || i == start)
            return ERROR_INVALID_PARAMETER;
        r = sim_set_find(&s->sets[CS_KIND_RESOURCE], e + start, i - start);
        if (r == NULL || r->deleted)
            return sim_not_found(CS_KIND_RESOURCE);
        if (sim_vec_has(out, r))
            return ERROR_DEPENDENCY_ALREADY_EXISTS;
        if (sim_vec_push(out, r) != 0)
            return ERROR_NOT_ENOUGH_MEMORY;
        i++;
        while (is_space(e[i]))
            i++;
        if (e[i] == 0)
            return 0;
        if (lower(e[i]) != 'a' || lower(e[i + 1]) != 'n' || lower(e[i + 2]) != 'd' ||
            !(is_space(e[i + 3]) || e[i + 3] == '['))
            return ERROR_INVALID_PARAMETER;
        i += 3;
    }
}

/* Whether `from` depends on `target` through its providers: 1, 0, or -1
 * when the chain is deeper than MAX_DEPTH. */
static int reaches(const sim_obj *from, const sim_obj *target)
{
    /* breadth first, each resource visited once (a diamond of dependencies is not walked
     * once per path); -1 also when the work list cannot be allocated */
    typedef struct { const sim_obj *o; int depth; } step;
    step *list;
    size_t n = 1, cap = 16, head, j;
    int found = 0;
    list = (step *)malloc(cap * sizeof(*list));
    if (list == NULL)
        return -1;
    list[0].o = from;
    list[0].depth = 0;
    for (head = 0; head < n && !found; head++) {
        const sim_obj *cur = list[head].o;
        size_t i;
        for (i = 0; i < cur->deps.n && !found; i++) {
            const sim_obj *p = cur->deps.v[i];
            if (p == target) {
                found = 1;
                break;
            }
            if (list[head].depth + 1 > MAX_DEPTH) {
                found = -1;
                break;
            }
            for (j = 0; j < n && list[j].o != p; j++)
                ;
            if (j < n)
                continue;               /* seen */
            if (n == cap) {
                step *grown = (step *)realloc(list, 2 * cap * sizeof(*list));
                if (grown == NULL) {
                    found = -1;
                    break;
                }
                list = grown;
                cap *= 2;
            }
            list[n].o = p;
            list[n].depth = list[head].depth + 1;
            n++;
        }
    }
    free(list);
    return found;
}

static DWORD check_providers(const sim_obj *r, const objvec *deps)
{
    size_t i;
    for (i = 0; i < deps->n; i++) {
        const sim_obj *p = deps->v[i];
        int loop;
        if (p == r || p->group != r->group)
            return ERROR_INVALID_PARAMETER;
        loop = reaches(p, r);
        if (loop < 0)
            return ERROR_INVALID_PARAMETER;
        if (loop > 0)
            return ERROR_CIRCULAR_DEPENDENCY;
    }
    if (r->state == (int)ClusterResourceOnlinePending)
        return ERROR_RESOURCE_ONLINE;
    if (r->state == (int)ClusterResourceOnline)
        for (i = 0; i < deps->n; i++)
            if (deps->v[i]->state != (int)ClusterResourceOnline)
                return ERROR_RESOURCE_ONLINE;
    return 0;
}

/* Replaces r's providers by `deps` (taken over), keeping every provider's
 * list of dependents in step.  0 or ERROR_NOT_ENOUGH_MEMORY (nothing changed). */
static DWORD replace_deps(sim_obj *r, objvec *deps)
{
    size_t i;
    for (i = 0; i < deps->n; i++)
        if (!sim_vec_has(&deps->v[i]->dependents, r) && sim_vec_push(&deps->v[i]->dependents, r) != 0) {
            while (i-- > 0)
                if (!sim_vec_has(&r->deps, deps->v[i]))
                    sim_vec_remove(&deps->v[i]->dependents, r);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    for (i = 0; i < r->deps.n; i++)
        if (!sim_vec_has(deps, r->deps.v[i]))
            sim_vec_remove(&r->deps.v[i]->dependents, r);
    sim_vec_free(&r->deps);
    r->deps = *deps;
    memset(deps, 0, sizeof(*deps));
    return 0;
}

DWORD WINAPI sim_SetClusterResourceDependencyExpression(HRESOURCE hResource, LPCWSTR lpszDependencyExpression)
{
    call c;
    objvec deps;
    DWORD err = sim_begin(&c, CS_FN_SetClusterResourceDependencyExpression, TOKEN_OF(hResource), HK_RESOURCE);
    memset(&deps, 0, sizeof(deps));
    if (!err && c.h->obj->deleted)
        err = sim_not_found(CS_KIND_RESOURCE);
    if (!err && (c.h->granted & ACCESS_ALL) == 0)
        err = ERROR_ACCESS_DENIED;
    if (!err && lpszDependencyExpression == NULL)
        err = ERROR_INVALID_PARAMETER;
    if (!err)
        err = parse_expression(c.s, lpszDependencyExpression, &deps);
    if (!err)
        err = check_providers(c.h->obj, &deps);
    if (!err)
        err = replace_deps(c.h->obj, &deps);
    if (!err)
        sim_changed(c.s, SIM_CHANGE_DEPENDENCIES, c.h->obj);
    sim_vec_free(&deps);
    return sim_end(&c, err);
}

/* "[A] and [B]" from r's providers, in a new buffer (*n characters). */
static WCHAR *write_expression(const sim_obj *r, size_t *n)
{
    static const WCHAR and_[] = { ' ', 'a', 'n', 'd', ' ' };
    size_t i, len = 0, pos = 0;
    WCHAR *e;
    for (i = 0; i < r->deps.n; i++)
        len += r->deps.v[i]->name.n + 2 + (i ? 5 : 0);
    if ((e = (WCHAR *)malloc((len + 1) * sizeof(WCHAR))) == NULL)
        return NULL;
    for (i = 0; i < r->deps.n; i++) {
        const wstr *name = &r->deps.v[i]->name;
        if (i) {
            memcpy(e + pos, and_, sizeof(and_));
            pos += 5;
        }
        e[pos++] = '[';
        memcpy(e + pos, name->p, name->n * sizeof(WCHAR));
        pos += name->n;
        e[pos++] = ']';
    }
    e[pos] = 0;
    *n = pos;
    return e;
}

DWORD WINAPI sim_GetClusterResourceDependencyExpression(HRESOURCE hResource, LPWSTR lpszDependencyExpression,
                                                        LPDWORD lpcchDependencyExpression)
{
    call c;
    WCHAR *e = NULL;
    size_t n = 0;
    DWORD err = sim_begin(&c, CS_FN_GetClusterResourceDependencyExpression, TOKEN_OF(hResource), HK_RESOURCE);
    if (!err && c.h->obj->deleted)
        err = sim_not_found(CS_KIND_RESOURCE);
    if (!err)
        err = sim_check_name_buffer(lpszDependencyExpression, lpcchDependencyExpression);
    if (!err && (e = write_expression(c.h->obj, &n)) == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err)
        err = sim_put_name(e, n, lpszDependencyExpression, lpcchDependencyExpression);
    free(e);
    return sim_end(&c, err);
}
