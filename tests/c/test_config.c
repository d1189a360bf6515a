/*
 * tests/c/test_config.c - the simulator's configuration writes at the
 * entry points: SET/VALIDATE_*_PROPERTIES with well-formed and malformed
 * input (cs_sim_props_write.c), SetClusterGroupNodeList and the dependency
 * expression pair (cs_sim_config.c): refusals, NULLs, forged and closed
 * handles, the name-buffer protocol.
 */
#include "fixture.h"
#include <string.h>

/* NODE1, NODE2 Up; group APP on NODE1 holding IP <- NAME (Online) and DISK
 * (Offline); group OTHER with X. */
static int make_config_sim(void)
{
    static const int nodes[] = {ClusterNodeUp, ClusterNodeUp};
    int id = make_nodes_sim("CFG", "IP Address", nodes, 2);
    uint32_t e = 0;
    e |= cs_sim_add_group(id, W("APP"), W("g-app"), ClusterGroupOnline, W("NODE1"), NULL);
    e |= cs_sim_add_group(id, W("OTHER"), W("g-other"), ClusterGroupOffline, W("NODE2"), NULL);
    e |= cs_sim_add_resource(id, W("IP"), W("r-ip"), W("IP Address"), W("APP"), ClusterResourceOnline, NULL, NULL);
    e |= cs_sim_add_resource(id, W("NAME"), W("r-name"), W("IP Address"), W("APP"), ClusterResourceOnline,
                             MSZ("IP\0"), NULL);
    e |= cs_sim_add_resource(id, W("DISK"), W("r-disk"), W("IP Address"), W("APP"), ClusterResourceOffline, NULL,
                             NULL);
    e |= cs_sim_add_resource(id, W("X"), W("r-x"), W("IP Address"), W("OTHER"), ClusterResourceOffline, NULL, NULL);
    EQ(e, 0);
    return id;
}

/* A one-property list: Priority (DWORD) = v. */
static size_t dword_list(uint8_t *b, const char *name, DWORD syntax, DWORD v)
{
    size_t n = strlen(name), pos = 0, i, cb = (n + 1) * 2;
    DWORD d;
    memset(b, 0, 256);
    d = 1; memcpy(b + pos, &d, 4); pos += 4;
    d = CLUSPROP_SYNTAX_NAME; memcpy(b + pos, &d, 4); pos += 4;
    d = (DWORD)cb; memcpy(b + pos, &d, 4); pos += 4;
    for (i = 0; i < n; i++)
        b[pos + 2 * i] = (uint8_t)name[i];
    pos += (cb + 3) & ~(size_t)3;
    memcpy(b + pos, &syntax, 4); pos += 4;
    d = 4; memcpy(b + pos, &d, 4); pos += 4;
    memcpy(b + pos, &v, 4); pos += 4;
    pos += 4;       /* ENDMARK */
    return pos;
}

#define SET_COMMON(obj) ((DWORD)(obj) << 24 | 0x0040005Eu)
#define VALIDATE_COMMON(obj) ((DWORD)(obj) << 24 | 0x00000061u)
#define SET_PRIVATE(obj) ((DWORD)(obj) << 24 | 0x00400086u)

static DWORD rd(const uint8_t *p)
{
    DWORD v;
    memcpy(&v, p, 4);
    return v;
}

/* The group's Priority, found by walking its common property list. */
static DWORD priority_of(cs_table *t, HGROUP g)
{
    static const char want[] = "Priority";
    uint8_t out[8192];
    DWORD got = 0, count, k;
    size_t pos = 4;
    EQ(t->fn.ClusterGroupControl(g, NULL, 0x03000059u, NULL, 0, out, sizeof(out), &got), 0);
    count = rd(out);
    for (k = 0; k < count && pos + 8 <= got; k++) {
        DWORD cb = rd(out + pos + 4), i;
        int match = cb == sizeof(want) * 2;
        for (i = 0; match && i < sizeof(want); i++)
            match = out[pos + 8 + 2 * i] == (uint8_t)want[i];
        pos += 8 + ((cb + 3) & ~3u);
        if (match)
            return rd(out + pos + 8);
        while (pos + 4 <= got && rd(out + pos) != 0)
            pos += 8 + ((rd(out + pos + 4) + 3) & ~3u);
        pos += 4;
    }
    return 0xFFFFFFFFu;
}

static void property_writes(cs_table *t, HCLUSTER c)
{
    uint8_t b[256];
    size_t n;
    DWORD got = 7;
    HGROUP g = t->fn.OpenClusterGroupEx(c, W("APP"), RW, NULL);
    HGROUP gr = t->fn.OpenClusterGroupEx(c, W("APP"), RA, NULL);
    HRESOURCE ip = t->fn.OpenClusterResourceEx(c, W("IP"), RW, NULL);
    CHECK(g != NULL && gr != NULL && ip != NULL);
    n = dword_list(b, "Priority", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 1234);
    /* validate stores nothing; a read handle may validate, not set */
    EQ(t->fn.ClusterGroupControl(g, NULL, VALIDATE_COMMON(3), b, (DWORD)n, NULL, 0, &got), 0);
    EQ(priority_of(t, g), 2000);
    EQ(t->fn.ClusterGroupControl(gr, NULL, VALIDATE_COMMON(3), b, (DWORD)n, NULL, 0, NULL), 0);
    EQ(t->fn.ClusterGroupControl(gr, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_ACCESS_DENIED);
    EQ(LASTERR(), ERROR_ACCESS_DENIED);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, &got), 0);
    EQ(got, 0);
    EQ(priority_of(t, g), 1234);
    /* malformed: NULL, short, truncated, count too large, wrong value size */
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), NULL, 0, NULL, 0, NULL), ERROR_INVALID_DATA);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), NULL, 64, NULL, 0, NULL), ERROR_INVALID_DATA);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, 3, NULL, 0, NULL), ERROR_INVALID_DATA);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n - 4, NULL, 0, NULL), ERROR_INVALID_DATA);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n - 9, NULL, 0, NULL), ERROR_INVALID_DATA);
    b[0] = 200;
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_DATA);
    b[0] = 1;
    b[n - 12] = 3;          /* the value's byte count */
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_DATA);
    b[8] = 0xFF; b[9] = 0xFF; b[10] = 0xFF; b[11] = 0x7F;     /* the name's byte count overruns */
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_DATA);
    EQ(priority_of(t, g), 1234);
    /* names: read-only, unknown, another syntax */
    n = dword_list(b, "GroupType", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 5);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    n = dword_list(b, "NoSuch", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 5);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    n = dword_list(b, "Priority", CLUSPROP_SYNTAX_LIST_VALUE_LONG, 5);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    /* another object's code number: not a write of this kind */
    n = dword_list(b, "Priority", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 5);
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(1), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_FUNCTION);
    /* an online resource's new private property: stored, 5024 */
    n = dword_list(b, "ProbePort", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 59999);
    EQ(t->fn.ClusterResourceControl(ip, NULL, SET_PRIVATE(1), b, (DWORD)n, NULL, 0, NULL),
       ERROR_RESOURCE_PROPERTIES_STORED);
    CHECK(t->fn.CloseClusterResource(ip));
    CHECK(t->fn.CloseClusterGroup(gr));
    /* a closed handle */
    CHECK(t->fn.CloseClusterGroup(g));
    EQ(t->fn.ClusterGroupControl(g, NULL, SET_COMMON(3), b, (DWORD)n, NULL, 0, NULL), ERROR_INVALID_HANDLE);
}

static void preferred_owners(cs_table *t, HCLUSTER c, int id)
{
    HGROUP g = t->fn.OpenClusterGroupEx(c, W("APP"), RW, NULL);
    HGROUP gr = t->fn.OpenClusterGroupEx(c, W("APP"), RA, NULL);
    HNODE n1 = t->fn.OpenClusterNode(c, W("NODE1")), n2 = t->fn.OpenClusterNode(c, W("NODE2"));
    HNODE list[3];
    int other = make_config_sim();
    HCLUSTER c2;
    HNODE alien;
    CHECK(g && gr && n1 && n2);
    list[0] = n2;
    list[1] = n1;
    EQ(t->fn.SetClusterGroupNodeList(gr, 2, list), ERROR_ACCESS_DENIED);
    EQ(t->fn.SetClusterGroupNodeList(g, 2, NULL), ERROR_INVALID_PARAMETER);
    list[1] = n2;
    EQ(t->fn.SetClusterGroupNodeList(g, 2, list), ERROR_INVALID_PARAMETER);
    list[1] = (HNODE)(uintptr_t)0x7777;
    EQ(t->fn.SetClusterGroupNodeList(g, 2, list), ERROR_INVALID_HANDLE);
    EQ(cs_sim_bind_thread(other), 0);
    c2 = table_of(other)->fn.OpenClusterEx(NULL, RW, NULL);
    alien = table_of(other)->fn.OpenClusterNode(c2, W("NODE1"));
    EQ(cs_sim_bind_thread(id), 0);
    list[1] = alien;
    EQ(t->fn.SetClusterGroupNodeList(g, 2, list), ERROR_INVALID_HANDLE);
    list[1] = n1;
    EQ(t->fn.SetClusterGroupNodeList(g, 2, list), 0);
    EQ(t->fn.SetClusterGroupNodeList(g, 0, NULL), 0);
    CHECK(table_of(other)->fn.CloseClusterNode(alien));
    CHECK(table_of(other)->fn.CloseCluster(c2));
    EQ(cs_sim_release(other), 0);
    CHECK(t->fn.CloseClusterNode(n1));
    CHECK(t->fn.CloseClusterNode(n2));
    CHECK(t->fn.CloseClusterGroup(gr));
    CHECK(t->fn.CloseClusterGroup(g));
    EQ(t->fn.SetClusterGroupNodeList(g, 0, NULL), ERROR_INVALID_HANDLE);
}

static void expression_is(cs_table *t, HRESOURCE r, const char *want)
{
    WCHAR buf[128];
    DWORD cch = 128, i, n = (DWORD)strlen(want);
    EQ(t->fn.GetClusterResourceDependencyExpression(r, buf, &cch), 0);
    EQ(cch, n);
    for (i = 0; i < n && buf[i] == (WCHAR)want[i]; i++)
        ;
    EQ(i, n);
}

static void dependencies(cs_table *t, HCLUSTER c)
{
    HRESOURCE name = t->fn.OpenClusterResourceEx(c, W("NAME"), RW, NULL);
    HRESOURCE ro = t->fn.OpenClusterResourceEx(c, W("NAME"), RA, NULL);
    HRESOURCE ip = t->fn.OpenClusterResourceEx(c, W("IP"), RW, NULL);
    HRESOURCE disk = t->fn.OpenClusterResourceEx(c, W("DISK"), RW, NULL);
    WCHAR small[4];
    DWORD cch = 4;
    CHECK(name && ro && ip && disk);
    expression_is(t, name, "[IP]");
    expression_is(t, disk, "");
    /* the name-buffer protocol: too small -> 234 with the length */
    EQ(t->fn.GetClusterResourceDependencyExpression(name, small, &cch), ERROR_MORE_DATA);
    EQ(cch, 4);
    cch = 0;
    EQ(t->fn.GetClusterResourceDependencyExpression(name, NULL, &cch), ERROR_MORE_DATA);
    EQ(t->fn.GetClusterResourceDependencyExpression(name, small, NULL), ERROR_INVALID_PARAMETER);
    /* refusals */
    EQ(t->fn.SetClusterResourceDependencyExpression(ro, W("")), ERROR_ACCESS_DENIED);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, NULL), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("IP")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[IP] and")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[IP] or [DISK]")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[IP")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[]")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[NOPE]")), ERROR_RESOURCE_NOT_FOUND);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[NAME]")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[X]")), ERROR_INVALID_PARAMETER);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[IP] AND [ip]")), ERROR_DEPENDENCY_ALREADY_EXISTS);
    EQ(t->fn.SetClusterResourceDependencyExpression(ip, W("[NAME]")), ERROR_CIRCULAR_DEPENDENCY);
    EQ(t->fn.SetClusterResourceDependencyExpression(name, W("[IP] and [DISK]")), ERROR_RESOURCE_ONLINE);
    expression_is(t, name, "[IP]");
    /* accepted: an offline resource takes any provider of its group */
    EQ(t->fn.SetClusterResourceDependencyExpression(disk, W("  [ip]and[NAME] ")), 0);
    expression_is(t, disk, "[IP] and [NAME]");
    EQ(t->fn.SetClusterResourceDependencyExpression(disk, W("")), 0);
    expression_is(t, disk, "");
    CHECK(t->fn.CloseClusterResource(disk));
    EQ(t->fn.SetClusterResourceDependencyExpression(disk, W("")), ERROR_INVALID_HANDLE);
    cch = 4;
    EQ(t->fn.GetClusterResourceDependencyExpression(disk, small, &cch), ERROR_INVALID_HANDLE);
    CHECK(t->fn.CloseClusterResource(ip));
    CHECK(t->fn.CloseClusterResource(ro));
    CHECK(t->fn.CloseClusterResource(name));
}

void test_config(void)
{
    int id = make_config_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RW, NULL);
    CHECK(c != NULL);
    property_writes(t, c);
    preferred_owners(t, c, id);
    dependencies(t, c);
    CHECK(t->fn.CloseCluster(c));
    EQ(cs_sim_release(id), 0);
}
