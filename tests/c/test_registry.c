/*
 * tests/c/test_registry.c - the cluster registry, read side
 * (sim/cs_sim_registry.c, cs_sim_surface_reg_*): the layout, values equal
 * to the property lists, enumeration order and ends, buffer sizes, missing
 * values and keys, closed / forged handles, a deleted object's key, values
 * following a property set, the read batch, and every handle closed.
 */
#include "check.h"

#define T(h) ((uint64_t)(uintptr_t)(h))
#define GET_COMMON(obj) ((DWORD)(obj) << 24 | 0x00000059u)
#define GET_RO_COMMON(obj) ((DWORD)(obj) << 24 | 0x00000055u)
#define GET_PRIVATE(obj) ((DWORD)(obj) << 24 | 0x00000081u)

static DWORD rd(const uint8_t *p)
{
    DWORD v;
    memcpy(&v, p, 4);
    return v;
}

/* The registry type a property list's value syntax maps to. */
static DWORD want_type(DWORD syntax)
{
    switch (syntax & 0xFFFFu) {
    case 2: case 7: return 4;
    case 3: case 8: return 1;
    case 4: return 2;
    case 5: return 7;
    case 6: case 10: return 11;
    default: return 3;
    }
}

/* Every property of a list is a value of the key with the same bytes and the mapped type;
 * returns how many were compared (0 on the first mismatch, reported). */
static int same_as_list(uint64_t key, const uint8_t *p, DWORD cb)
{
    size_t pos = 4;
    DWORD count = rd(p), k;
    for (k = 0; k < count && pos + 8 <= cb; k++) {
        DWORD name_cb = rd(p + pos + 4), syntax, vcb, type = 0, got_cb = 4096;
        WCHAR name[128];
        uint8_t got[4096];
        memcpy(name, p + pos + 8, name_cb < sizeof(name) ? name_cb : sizeof(name) - 2);
        pos += 8 + ((name_cb + 3) & ~3u);
        syntax = rd(p + pos);
        vcb = rd(p + pos + 4);
        if (cs_sim_surface_reg_value(key, name, &type, got, &got_cb) != 0 || type != want_type(syntax) ||
            got_cb != vcb || memcmp(got, p + pos + 8, vcb) != 0) {
            CHECK(!"a property's registry value differs from its property list value");
            return 0;
        }
        while (pos + 4 <= cb && rd(p + pos) != 0)
            pos += 8 + ((rd(p + pos + 4) + 3) & ~3u);
        pos += 4;
    }
    return (int)count;
}

/* The subkey names of a key joined by '|', checking the enumeration ends with ERROR_NO_MORE_ITEMS. */
static void subkeys_of(uint64_t key, char *out, size_t cap)
{
    DWORD i, err;
    size_t k = 0;
    out[0] = 0;
    for (i = 0;; i++) {
        WCHAR buf[64];
        DWORD cch = 64, j;
        err = cs_sim_surface_reg_enum_key(key, i, buf, &cch, NULL);
        if (err)
            break;
        if (i && k + 1 < cap)
            out[k++] = '|';
        for (j = 0; j < cch && k + 1 < cap; j++)
            out[k++] = (char)buf[j];
        out[k] = 0;
    }
    EQ(err, ERROR_NO_MORE_ITEMS);
}

static void test_layout(cs_table *t, HCLUSTER c)
{
    uint64_t root = 0, g = 0, gp = 0, res = 0, type = 0, k = 0;
    uint8_t list[8192], data[256];
    DWORD got = 0, vt = 0, cb, n_sub = 0, max_sub = 0, n_val = 0, max_name = 0, max_val = 0, cch, i, err;
    char names[512];
    WCHAR name[64];
    HGROUP hg = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    HRESOURCE hr = t->fn.OpenClusterResource(c, W("Cluster IP Address"));
    CHECK(hg != NULL && hr != NULL);

    EQ(cs_sim_surface_reg_key(T(c), CS_KIND_CLUSTER, &root), 0);
    subkeys_of(root, names, sizeof(names));
    CHECK(strcmp(names, "Groups|NetworkInterfaces|Networks|Nodes|Parameters|Resources|ResourceTypes") == 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(root, W("name"), &vt, data, &cb), 0);          /* names are case-insensitive */
    EQ(vt, 1);
    EQ(cb, 12 * sizeof(WCHAR));
    CHECK(weqa((const WCHAR *)(const void *)data, "TESTCLUSTER"));
    EQ(t->fn.ClusterControl(c, NULL, GET_COMMON(7), NULL, 0, list, sizeof(list), &got), 0);
    CHECK(same_as_list(root, list, got) > 5);

    /* a group: its key by handle and by path are the same values; Parameters = private */
    EQ(cs_sim_surface_reg_key(T(hg), CS_KIND_GROUP, &g), 0);
    EQ(t->fn.ClusterGroupControl(hg, NULL, GET_COMMON(3), NULL, 0, list, sizeof(list), &got), 0);
    CHECK(same_as_list(g, list, got) > 5);
    EQ(t->fn.ClusterGroupControl(hg, NULL, GET_RO_COMMON(3), NULL, 0, list, sizeof(list), &got), 0);
    CHECK(same_as_list(g, list, got) > 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(g, W("GroupType"), &vt, data, &cb), 0);
    EQ(vt, 4);
    EQ(cb, 4);
    EQ(cs_sim_surface_reg_open(root, W("Groups\\G-CORE\\Parameters"), &gp), 0);
    EQ(t->fn.ClusterGroupControl(hg, NULL, GET_PRIVATE(3), NULL, 0, list, sizeof(list), &got), 0);
    CHECK(same_as_list(gp, list, got) >= 0);
    subkeys_of(g, names, sizeof(names));
    CHECK(strcmp(names, "Parameters") == 0);
    subkeys_of(gp, names, sizeof(names));
    CHECK(strcmp(names, "") == 0);
    EQ(cs_sim_surface_reg_open(root, W("Groups"), &k), 0);
    subkeys_of(k, names, sizeof(names));
    CHECK(strcmp(names, "g-core|g-storage|g-vm1") == 0);                        /* by ID, sorted */
    EQ(cs_sim_surface_reg_close(k), 0);

    /* a resource: Name and Type; its private properties under Parameters */
    EQ(cs_sim_surface_reg_key(T(hr), CS_KIND_RESOURCE, &res), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(res, W("Type"), &vt, data, &cb), 0);
    CHECK(vt == 1 && weqa((const WCHAR *)(const void *)data, "IP Address"));
    EQ(t->fn.ClusterResourceControl(hr, NULL, GET_COMMON(1), NULL, 0, list, sizeof(list), &got), 0);
    CHECK(same_as_list(res, list, got) > 5);
    EQ(cs_sim_surface_reg_open(res, W("Parameters"), &k), 0);
    EQ(t->fn.ClusterResourceControl(hr, NULL, GET_PRIVATE(1), NULL, 0, list, sizeof(list), &got), 0);
    CHECK(same_as_list(k, list, got) > 0);
    EQ(cs_sim_surface_reg_close(k), 0);

    /* the other collections, each by ID; the resource types by name */
    EQ(cs_sim_surface_reg_open(root, W("Nodes\\2"), &k), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(k, W("NodeName"), &vt, data, &cb), 0);
    CHECK(weqa((const WCHAR *)(const void *)data, "NODE2"));
    EQ(cs_sim_surface_reg_close(k), 0);
    EQ(cs_sim_surface_reg_open(root, W("Networks\\net-2"), &k), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(k, W("Name"), &vt, data, &cb), 0);
    CHECK(weqa((const WCHAR *)(const void *)data, "Cluster Network 2"));
    EQ(cs_sim_surface_reg_close(k), 0);
    EQ(cs_sim_surface_reg_open(root, W("NetworkInterfaces\\nif-3"), &k), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(k, W("Name"), &vt, data, &cb), 0);
    CHECK(weqa((const WCHAR *)(const void *)data, "NODE1 - Ethernet 2"));
    EQ(cs_sim_surface_reg_close(k), 0);
    EQ(cs_sim_surface_reg_type_key(T(c), W("ip address"), &type), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(type, W("DllName"), &vt, data, &cb), 0);
    CHECK(weqa((const WCHAR *)(const void *)data, "clusres.dll"));
    EQ(cs_sim_surface_reg_type_key(T(c), W("No Such Type"), &k), ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    EQ(cs_sim_surface_reg_open(root, W("ResourceTypes"), &k), 0);
    subkeys_of(k, names, sizeof(names));
    CHECK(strcmp(names, "Generic Service|IP Address|Network Name|Physical Disk") == 0);
    EQ(cs_sim_surface_reg_close(k), 0);

    /* info, then every value enumerated in order up to ERROR_NO_MORE_ITEMS */
    EQ(cs_sim_surface_reg_info(g, &n_sub, &max_sub, &n_val, &max_name, &max_val, NULL), 0);
    EQ(n_sub, 1);
    EQ(max_sub, 10);
    CHECK(n_val > 10 && max_name > 5 && max_val >= 4);
    for (i = 0, err = 0; err == 0; i++) {
        cch = 64;
        cb = sizeof(data);
        err = cs_sim_surface_reg_enum_value(g, i, name, &cch, &vt, data, &cb);
        if (i == 0)
            CHECK(err == 0 && weqa(name, "Name") && vt == 1);
    }
    EQ(err, ERROR_NO_MORE_ITEMS);
    EQ(i - 1, n_val);

    /* buffers: ERROR_MORE_DATA with the size needed, nothing written; a NULL buffer asks the size */
    cb = 2;
    data[0] = 0xAB;
    EQ(cs_sim_surface_reg_value(g, W("Name"), &vt, data, &cb), ERROR_MORE_DATA);
    EQ(cb, 14 * sizeof(WCHAR));
    EQ(data[0], 0xAB);
    cb = 0;
    EQ(cs_sim_surface_reg_value(g, W("Name"), NULL, NULL, &cb), 0);
    EQ(cb, 14 * sizeof(WCHAR));
    EQ(cs_sim_surface_reg_value(g, W("Name"), NULL, data, NULL), ERROR_INVALID_PARAMETER);
    cch = 3;
    EQ(cs_sim_surface_reg_enum_key(root, 0, name, &cch, NULL), ERROR_MORE_DATA);
    EQ(cch, 6);
    cch = 2;
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_enum_value(g, 0, name, &cch, &vt, data, &cb), ERROR_MORE_DATA);
    EQ(cch, 4);
    EQ(cb, 14 * sizeof(WCHAR));
    cch = 64;
    cb = 3;
    EQ(cs_sim_surface_reg_enum_value(g, 0, name, &cch, &vt, data, &cb), ERROR_MORE_DATA);
    EQ(cb, 14 * sizeof(WCHAR));

    /* missing values and keys */
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(g, W("NoSuchValue"), &vt, data, &cb), 2);
    EQ(cs_sim_surface_reg_value(g, NULL, &vt, data, &cb), 2);
    EQ(cs_sim_surface_reg_open(root, W("Groups\\no-such-id"), &k), 2);
    EQ(cs_sim_surface_reg_open(gp, W("Deeper"), &k), 2);
    EQ(cs_sim_surface_reg_open(root, W("Groups"), NULL), ERROR_INVALID_PARAMETER);

    /* the database is read-only */
    EQ(cs_sim_surface_reg_write(g), ERROR_ACCESS_DENIED);
    EQ(cs_sim_surface_reg_write(0x1234), ERROR_INVALID_HANDLE);

    EQ(cs_sim_surface_reg_close(type), 0);
    EQ(cs_sim_surface_reg_close(res), 0);
    EQ(cs_sim_surface_reg_close(gp), 0);
    EQ(cs_sim_surface_reg_close(g), 0);
    EQ(cs_sim_surface_reg_close(root), 0);
    t->fn.CloseClusterGroup(hg);
    t->fn.CloseClusterResource(hr);
}

static void test_live_and_handles(int id, cs_table *t, HCLUSTER c)
{
    uint64_t g = 0, vm = 0, k = 0, batch = 0, reply = 0;
    uint8_t data[64];
    DWORD v = 4321, vt = 0, cb = sizeof(data), base = open_of_kind(id, CS_KIND_ENUM);
    HGROUP hg = t->fn.OpenClusterGroup(c, W("Cluster Group"));
    HGROUP hvm = t->fn.OpenClusterGroup(c, W("VM1"));
    cs_sim_reg_read r;
    EQ(cs_sim_surface_reg_key(T(hg), CS_KIND_GROUP, &g), 0);
    EQ(open_of_kind(id, CS_KIND_ENUM), base + 1);

    /* a property set shows up at the next read */
    EQ(cs_sim_set_property(id, CS_KIND_GROUP, W("Cluster Group"), W("Priority"), 0, CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
                           (const uint8_t *)&v, 4), 0);
    EQ(cs_sim_surface_reg_value(g, W("Priority"), &vt, data, &cb), 0);
    EQ(rd(data), 4321);
    v = 0x77;
    EQ(cs_sim_set_property(id, CS_KIND_GROUP, W("Cluster Group"), W("MyKnob"), 1, CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
                           (const uint8_t *)&v, 4), 0);
    EQ(cs_sim_surface_reg_open(g, W("Parameters"), &k), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(k, W("MyKnob"), &vt, data, &cb), 0);
    EQ(rd(data), 0x77);
    EQ(cs_sim_surface_reg_close(k), 0);

    /* the read batch: values, a missing value, a missing key, in the order added */
    EQ(cs_sim_surface_reg_batch(g, &batch), 0);
    EQ(cs_sim_surface_reg_batch_add(batch, NULL, W("Name")), 0);
    EQ(cs_sim_surface_reg_batch_add(batch, W("Parameters"), W("MyKnob")), 0);
    EQ(cs_sim_surface_reg_batch_add(batch, NULL, W("NoSuchValue")), 0);
    EQ(cs_sim_surface_reg_batch_add(batch, W("NoSuchKey"), W("Name")), 0);
    EQ(cs_sim_surface_reg_batch_run(batch, &reply), 0);
    EQ(cs_sim_surface_reg_batch_add(batch, NULL, W("Name")), ERROR_INVALID_HANDLE);    /* closed by the run */
    EQ(cs_sim_surface_reg_reply_next(reply, &r), 0);
    CHECK(r.command == 8 && r.options == 1 && r.subkey == NULL && weqa(r.value, "Name") && r.cb == 28 &&
          weqa((const WCHAR *)(const void *)r.data, "Cluster Group"));
    EQ(cs_sim_surface_reg_reply_next(reply, &r), 0);
    CHECK(r.command == 8 && r.options == 4 && weqa(r.subkey, "Parameters") && r.cb == 4 && rd(r.data) == 0x77);
    EQ(cs_sim_surface_reg_reply_next(reply, &r), 0);
    CHECK(r.command == 9 && r.options == 2 && weqa(r.value, "NoSuchValue") && r.cb == 0);
    EQ(cs_sim_surface_reg_reply_next(reply, &r), 0);
    CHECK(r.command == 9 && r.options == 2 && weqa(r.subkey, "NoSuchKey"));
    EQ(cs_sim_surface_reg_reply_next(reply, &r), ERROR_NO_MORE_ITEMS);
    EQ(cs_sim_surface_reg_reply_next(reply, NULL), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_surface_reg_reply_close(reply), 0);
    EQ(cs_sim_surface_reg_reply_close(reply), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_reg_batch(g, &batch), 0);
    EQ(cs_sim_surface_reg_batch_run(batch, NULL), ERROR_INVALID_PARAMETER);         /* still closes it */
    EQ(cs_sim_surface_reg_batch_run(batch, &reply), ERROR_INVALID_HANDLE);

    /* a deleted object's key: every read ERROR_KEY_DELETED; its handle gives no new key */
    EQ(cs_sim_surface_reg_key(T(hvm), CS_KIND_GROUP, &vm), 0);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("VM1")), 0);
    cb = sizeof(data);
    EQ(cs_sim_surface_reg_value(vm, W("Name"), &vt, data, &cb), 1018);
    cb = 0;
    EQ(cs_sim_surface_reg_enum_key(vm, 0, NULL, &cb, NULL), 1018);
    EQ(cs_sim_surface_reg_info(vm, NULL, NULL, NULL, NULL, NULL, NULL), 1018);
    EQ(cs_sim_surface_reg_open(vm, W("Parameters"), &k), 1018);
    EQ(cs_sim_surface_reg_batch(vm, &batch), 1018);
    EQ(cs_sim_surface_reg_key(T(hvm), CS_KIND_GROUP, &k), ERROR_GROUP_NOT_FOUND);
    EQ(cs_sim_surface_reg_open(g, W("..\\g-vm1"), &k), 2);
    EQ(cs_sim_surface_reg_close(vm), 0);

    /* closed, forged and other-kind handles: ERROR_INVALID_HANDLE, no crash */
    EQ(cs_sim_surface_reg_close(g), 0);
    EQ(cs_sim_surface_reg_close(g), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_reg_value(g, W("Name"), &vt, data, &cb), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_reg_value(0xDEADBEEF, W("Name"), &vt, data, &cb), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_reg_enum_key(0, 0, NULL, &cb, NULL), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_reg_close(T(hg)), ERROR_INVALID_HANDLE);                     /* a group handle is no key */
    EQ(cs_sim_surface_reg_key(T(hg), CS_KIND_RESOURCE, &k), ERROR_INVALID_HANDLE);
    EQ(cs_sim_surface_reg_key(T(hg), 99, &k), ERROR_INVALID_PARAMETER);
    EQ(open_of_kind(id, CS_KIND_ENUM), base);

    /* CloseCluster closes the keys obtained through it */
    EQ(cs_sim_surface_reg_key(T(hg), CS_KIND_GROUP, &g), 0);
    t->fn.CloseClusterGroup(hg);
    t->fn.CloseClusterGroup(hvm);
}

void test_registry(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    cs_sim_bind_thread(id);
    c = t->fn.OpenCluster(NULL);
    CHECK(c != NULL);
    test_layout(t, c);
    test_live_and_handles(id, t, c);
    t->fn.CloseCluster(c);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}
