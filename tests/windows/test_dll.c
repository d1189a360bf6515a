/*
 * test_dll.c - the shim's public API (cs_shim.h) against a real clusapi.dll,
 * under the Windows ABI: built with mingw-w64, run under Wine by
 * tests/windows/run.sh.
 *
 * The system backend (CS_SYSTEM_BACKEND, id 1) loads clusapi.dll at run
 * time from System32 only (cs_dll.c); this program links nothing
 * clusapi-related.  Wine 8's clusapi.dll implements OpenCluster (a fake
 * handle), CloseCluster, GetClusterInformation, ClusterOpenEnum /
 * ClusterEnum (always ERROR_NO_MORE_ITEMS) / ClusterCloseEnum and
 * GetNodeClusterState; every other export is a Wine stub that raises an
 * exception when called, and it has no OpenClusterEx and no *Ex at all.
 * So the tests only make calls that end in those functions, and check the
 * shim's fallback (OpenClusterEx missing: GENERIC_ALL -> OpenCluster, any
 * other access -> ERROR_PROC_NOT_FOUND naming OpenClusterEx).
 *
 * UTF-16 pass-through is checked exactly with the simulator backend (the
 * Wine stub ignores names), compiled with the same Windows ABI.
 *
 * Output: one line per check, "ok - ..." or "not ok - ...", lines starting
 * with "#" are information, and a last line "N passed, M failed".  Exit
 * status 1 when a check failed, 2 on an unhandled exception.
 */
#include "win_harness.h"   /* check, info, the crash handler, clusapi.dll's module */

/* (v) the character types are 16-bit UTF-16 code units. */
_Static_assert(sizeof(wchar_t) == 2, "wchar_t is 2 bytes on Windows");
_Static_assert(sizeof(WCHAR) == 2, "WCHAR is 2 bytes");
_Static_assert(sizeof(cs_char) == 2, "cs_char is 2 bytes");
_Static_assert(sizeof(CLUSTERVERSIONINFO) == 284, "CLUSTERVERSIONINFO is 284 bytes");

/* A UTF-16 string as hex code units, into a static buffer. */
static const char *hex16(const cs_char *s, size_t n)
{
    static char buf[1024];
    size_t i, used = 0;
    buf[0] = 0;
    for (i = 0; i < n && used + 8 < sizeof(buf); i++)
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%04X", i ? " " : "", (unsigned)s[i]);
    return buf;
}

static size_t len16(const cs_char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

/* ---- (i) loading clusapi.dll ------------------------------------------------------ */
static void test_loading(void)
{
    int i, n_present = 0, from_system32;
    char present[2048];
    size_t used = 0;

    check(GetModuleHandleW(L"clusapi.dll") == NULL,
          "clusapi.dll is not loaded before the first use (no import-time dependency)");
    check(cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_OpenCluster) == 1,
          "cs_backend_has(system, OpenCluster) == 1: clusapi.dll loaded from System32 and OpenCluster resolved");
    check(cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_OpenClusterEx) == 0,
          "cs_backend_has(system, OpenClusterEx) == 0 (Wine has no OpenClusterEx)");

    harness_clusapi_module(&from_system32);
    check(from_system32, "the loaded clusapi.dll is the System32 one");

    present[0] = 0;
    for (i = 0; i < cs_function_count(); i++) {
        if (cs_backend_has(CS_SYSTEM_BACKEND, i) == 1) {
            n_present++;
            if (used + 64 < sizeof(present))
                used += (size_t)snprintf(present + used, sizeof(present) - used, " %s", cs_function_name(i));
        }
    }
    info("%d of %d table entries resolved:%s", n_present, cs_function_count(), present);
    {
        int any_ex = 0;
        static const int ex_ids[] = { CS_FN_OpenClusterEx, CS_FN_ClusterOpenEnumEx, CS_FN_OpenClusterNodeEx,
                                      CS_FN_OpenClusterGroupEx, CS_FN_ClusterGroupOpenEnumEx,
                                      CS_FN_OpenClusterResourceEx, CS_FN_ClusterResourceOpenEnumEx,
                                      CS_FN_OpenClusterNetworkEx, CS_FN_OpenClusterNetInterfaceEx };
        for (i = 0; i < (int)(sizeof(ex_ids) / sizeof(ex_ids[0])); i++)
            any_ex |= cs_backend_has(CS_SYSTEM_BACKEND, ex_ids[i]) != 0;
        check(!any_ex, "no *Ex entry resolved (NULL table entries for missing exports)");
    }
    check(cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_CloseCluster) == 1 &&
              cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_GetClusterInformation) == 1 &&
              cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_ClusterOpenEnum) == 1 &&
              cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_ClusterEnum) == 1 &&
              cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_ClusterCloseEnum) == 1,
          "CloseCluster, GetClusterInformation, ClusterOpenEnum/Enum/CloseEnum resolved");
    check(cs_backend_has(4242, CS_FN_OpenCluster) == -1, "cs_backend_has(no such backend) == -1");
    check(cs_backend_has(CS_SYSTEM_BACKEND, -1) == 0 && cs_backend_has(CS_SYSTEM_BACKEND, CS_FN_COUNT) == 0,
          "cs_backend_has(bad function id) == 0");
    check(cs_function_count() == CS_FN_COUNT && strcmp(cs_function_name(CS_FN_OpenClusterEx), "OpenClusterEx") == 0 &&
              cs_function_id("OpenClusterEx") == CS_FN_OpenClusterEx && cs_function_id("NoSuchFunction") == -1,
          "function registry: count, name and id agree");
}

/* ---- (ii) OpenClusterEx missing, access other than GENERIC_ALL ------------------------ */
static void test_missing_ex(void)
{
    uint64_t tok;
    static const uint32_t accesses[] = { MAXIMUM_ALLOWED, GENERIC_READ };
    int i;
    for (i = 0; i < 2; i++) {
        tok = cs_open_cluster(CS_SYSTEM_BACKEND, NULL, accesses[i]);
        check(tok == 0 && cs_last_error() == ERROR_PROC_NOT_FOUND && strcmp(cs_last_function(), "OpenClusterEx") == 0,
              "cs_open_cluster(system, NULL, 0x%08X) without OpenClusterEx: 0, ERROR_PROC_NOT_FOUND, \"OpenClusterEx\" "
              "(got token %llu, error %u, function \"%s\")",
              (unsigned)accesses[i], (unsigned long long)tok, (unsigned)cs_last_error(), cs_last_function());
    }
    check(cs_open_token_count() == 0, "no token left behind (count %d)", cs_open_token_count());
}

static void check_closed_token(uint64_t tok, const char *what)
{
    cs_result *r = NULL;
    uint32_t err;
    int state;
    err = cs_close(tok);
    check(err == CS_ERROR_HANDLE_CLOSED, "%s: cs_close -> CS_ERROR_HANDLE_CLOSED (got 0x%08X)", what, (unsigned)err);
    err = cs_list(tok, CLUSTER_ENUM_NODE, &r);
    check(err == CS_ERROR_HANDLE_CLOSED && r == NULL, "%s: cs_list -> CS_ERROR_HANDLE_CLOSED (got 0x%08X)", what,
          (unsigned)err);
    state = cs_state(tok);
    check(state == CS_STATE_FAILED && cs_last_error() == CS_ERROR_HANDLE_CLOSED && cs_last_function()[0] == 0,
          "%s: cs_state -> CS_STATE_FAILED, last error CS_ERROR_HANDLE_CLOSED (got %d, 0x%08X)", what, state,
          (unsigned)cs_last_error());
    err = cs_cluster_info(tok, &r);
    check(err == CS_ERROR_HANDLE_CLOSED && r == NULL, "%s: cs_cluster_info -> CS_ERROR_HANDLE_CLOSED (got 0x%08X)",
          what, (unsigned)err);
}

/* ---- (iii) GENERIC_ALL -> OpenCluster, and what can be done with Wine's handle ------- */
static void test_open_cluster(void)
{
    uint64_t tok, obj;
    cs_result *r = NULL;
    uint32_t err, granted = 0;
    int kind = -1, backend = -1;

    tok = cs_open_cluster(CS_SYSTEM_BACKEND, NULL, GENERIC_ALL);
    check(tok != 0, "cs_open_cluster(system, NULL, GENERIC_ALL) falls back to OpenCluster and returns a token "
                    "(error %u, function \"%s\")", (unsigned)(tok ? 0 : cs_last_error()), tok ? "" : cs_last_function());
    if (tok == 0)
        return;
    check(cs_open_token_count() == 1, "cs_open_token_count() == 1 (got %d)", cs_open_token_count());
    err = cs_handle_info(tok, &kind, &backend, &granted);
    check(err == 0 && kind == CS_KIND_CLUSTER && backend == CS_SYSTEM_BACKEND && granted == (uint32_t)GENERIC_ALL,
          "cs_handle_info: cluster, system backend, granted GENERIC_ALL (got %u: %d, %d, 0x%08X)", (unsigned)err, kind,
          backend, (unsigned)granted);

    err = cs_cluster_info(tok, &r);
    if (err == 0) {
        const cs_char *name = r->text;
        size_t n = len16(name);
        info("cs_cluster_info: name [%s] (%u chars), text_len %u, %u ints:", hex16(name, n), (unsigned)n,
             (unsigned)r->text_len, (unsigned)r->n_ints);
        {
            size_t i;
            for (i = 0; i < r->n_ints; i++)
                info("  ints[%u] = %lld", (unsigned)i, (long long)r->ints[i]);
        }
        check(r->n_ints == 6 && r->text != NULL, "cs_cluster_info succeeded: 3 text fields, 6 ints (got %u ints)",
              (unsigned)r->n_ints);
        cs_result_free(r);
    } else {
        info("cs_cluster_info failed: %u in \"%s\"", (unsigned)err, cs_last_function());
        check(err < 0x20000000u && cs_last_error() == err && strcmp(cs_last_function(), "GetClusterInformation") == 0,
              "cs_cluster_info failed with a Win32 code from GetClusterInformation (%u)", (unsigned)err);
    }

    r = NULL;
    err = cs_list(tok, CLUSTER_ENUM_NODE, &r);
    check(err == 0 && r != NULL && r->text_len == 0 && r->n_ints == 0 && r->bytes == NULL && r->n_bytes == 0,
          "cs_list(CLUSTER_ENUM_NODE): 0 names and no bytes (Wine's ClusterEnum says ERROR_NO_MORE_ITEMS at once) "
          "(got %u, text_len %u, function \"%s\")", (unsigned)err, r ? (unsigned)r->text_len : 0u,
          err ? cs_last_function() : "");
    cs_result_free(r);
    r = NULL;
    err = cs_list(tok, CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE, &r);
    check(err == 0 && r != NULL && r->text_len == 0, "cs_list(GROUP|RESOURCE): 0 names (got %u)", (unsigned)err);
    cs_result_free(r);

    /* No OpenClusterNodeEx: anything but GENERIC_ALL fails without a call
     * (GENERIC_ALL would call Wine's OpenClusterNode stub, which raises). */
    obj = cs_open_object(tok, CS_KIND_NODE, L"node1", GENERIC_READ);
    check(obj == 0 && cs_last_error() == ERROR_PROC_NOT_FOUND && strcmp(cs_last_function(), "OpenClusterNodeEx") == 0,
          "cs_open_object(node, GENERIC_READ) without OpenClusterNodeEx: ERROR_PROC_NOT_FOUND naming it "
          "(got %u, \"%s\")", (unsigned)cs_last_error(), cs_last_function());
    check(cs_open_token_count() == 1, "still exactly one token open (got %d)", cs_open_token_count());
    obj = cs_open_object(tok, 99, L"x", GENERIC_ALL);
    check(obj == 0 && cs_last_error() == ERROR_INVALID_PARAMETER, "cs_open_object(bad kind) -> ERROR_INVALID_PARAMETER "
          "(got %u)", (unsigned)cs_last_error());
    check(cs_state(tok) == CS_STATE_FAILED && cs_last_error() == ERROR_INVALID_HANDLE,
          "cs_state(cluster token) -> CS_STATE_FAILED, ERROR_INVALID_HANDLE (wrong kind, no call)");

    err = cs_close(tok);
    check(err == 0, "cs_close(token) == 0 (got 0x%08X)", (unsigned)err);
    check(cs_open_token_count() == 0, "cs_open_token_count() back to 0 (got %d)", cs_open_token_count());
    check_closed_token(tok, "closed token");
    check_closed_token((uint64_t)0x123456789ull, "forged token 0x123456789");
    check_closed_token(0, "token 0");
    check(cs_open_token_count() == 0, "cs_open_token_count() still 0 (got %d)", cs_open_token_count());
}

/* ---- Windows-only helper ------------------------------------------------------------ */
static void test_format_message(void)
{
    cs_char buf[256];
    uint32_t n;
    memset(buf, 0xAB, sizeof(buf));
    n = cs_format_message(ERROR_ACCESS_DENIED, buf, 256);
    info("cs_format_message(5) = %u chars: \"%ls\"", (unsigned)n, n ? (const wchar_t *)buf : L"");
    check(n > 0 && n < 256 && buf[n] == 0 && buf[n - 1] != L'\n' && buf[n - 1] != L'\r' && buf[n - 1] != L'.',
          "cs_format_message(ERROR_ACCESS_DENIED): FormatMessageW text, trailing newline/period trimmed");
    check(cs_format_message(ERROR_ACCESS_DENIED, buf, 0) == 0 && cs_format_message(ERROR_ACCESS_DENIED, NULL, 10) == 0,
          "cs_format_message with no buffer -> 0");
}

/* ---- (iv) non-ASCII names ---------------------------------------------------------- */
/* N, e acute, U+1F600 as a surrogate pair */
static const cs_char NODE_NAME[] = { 0x004E, 0x00E9, 0xD83D, 0xDE00, 0 };
/* C, e acute, U+1F600, l */
static const cs_char CLUSTER_NAME[] = { 0x0043, 0x00E9, 0xD83D, 0xDE00, 0x006C, 0 };
/* n, an unpaired low surrogate, x: not valid UTF-16, must still pass through unchanged */
static const cs_char ODD_NAME[] = { 0x006E, 0xDC00, 0x0078, 0 };

static void test_unicode_system(void)
{
    uint64_t tok = cs_open_cluster(CS_SYSTEM_BACKEND, NODE_NAME, GENERIC_ALL);
    check(tok != 0, "cs_open_cluster(system, non-ASCII name with a surrogate pair, GENERIC_ALL) -> OpenCluster, token");
    if (tok) {
        check(cs_open_token_count() == 1, "one token open (got %d)", cs_open_token_count());
        check(cs_close(tok) == 0 && cs_open_token_count() == 0, "closed; count back to 0");
    }
}

static void test_unicode_sim(void)
{
    int sim = 0, i;
    uint32_t err, counts[CS_KIND_COUNT], total;
    uint64_t tok, by_name, by_node, node;
    cs_result *r = NULL;

    err = cs_sim_create(&sim);
    check(err == 0 && sim > CS_SYSTEM_BACKEND, "cs_sim_create -> backend id %d (error %u)", sim, (unsigned)err);
    if (err != 0)
        return;
    err = cs_sim_set_cluster(sim, CLUSTER_NAME, NULL, 10, 0, 20348, L"Microsoft(R) Cluster Service", L"", 0x000B0000u,
                             0x000B0000u, 0);
    check(err == 0, "cs_sim_set_cluster(non-ASCII name) (error %u)", (unsigned)err);
    err = cs_sim_add_node(sim, NODE_NAME, L"1", 0 /* ClusterNodeUp */);
    check(err == 0, "cs_sim_add_node(name %s) (error %u)", hex16(NODE_NAME, len16(NODE_NAME)), (unsigned)err);
    err = cs_sim_add_node(sim, ODD_NAME, L"2", 0);
    check(err == 0, "cs_sim_add_node(name %s, unpaired surrogate) (error %u)", hex16(ODD_NAME, len16(ODD_NAME)),
          (unsigned)err);

    tok = cs_open_cluster(sim, NULL, GENERIC_ALL);
    check(tok != 0, "cs_open_cluster(sim, NULL) (error %u in \"%s\")", (unsigned)(tok ? 0 : cs_last_error()),
          tok ? "" : cs_last_function());
    if (tok != 0) {
        size_t n1 = len16(NODE_NAME), n2 = len16(ODD_NAME);
        err = cs_list(tok, 1 /* CLUSTER_ENUM_NODE */, &r);
        check(err == 0 && r != NULL, "cs_list(sim cluster, CLUSTER_ENUM_NODE) (error %u)", (unsigned)err);
        if (err == 0 && r != NULL) {
            info("cs_list text: [%s] (text_len %u)", hex16(r->text, r->text_len), (unsigned)r->text_len);
            check(r->text_len == n1 + 1 + n2 && memcmp(r->text, NODE_NAME, (n1 + 1) * sizeof(cs_char)) == 0 &&
                      memcmp(r->text + n1 + 1, ODD_NAME, (n2 + 1) * sizeof(cs_char)) == 0,
                  "node names come back as the exact UTF-16 code units (surrogate pair and unpaired surrogate kept)");
            cs_result_free(r);
        }
        r = NULL;
        err = cs_cluster_info(tok, &r);
        check(err == 0 && r != NULL && len16(r->text) == len16(CLUSTER_NAME) &&
                  memcmp(r->text, CLUSTER_NAME, sizeof(CLUSTER_NAME)) == 0,
              "cs_cluster_info returns the cluster name code units exactly (error %u, got [%s])", (unsigned)err,
              (err == 0 && r) ? hex16(r->text, len16(r->text)) : "");
        cs_result_free(r);
        r = NULL;

        node = cs_open_object(tok, CS_KIND_NODE, NODE_NAME, GENERIC_ALL);
        check(node != 0, "cs_open_object(node by non-ASCII name) (error %u in \"%s\")",
              (unsigned)(node ? 0 : cs_last_error()), node ? "" : cs_last_function());
        if (node != 0) {
            int state = cs_state(node);
            check(state == 0, "cs_state(node) == ClusterNodeUp (got %d)", state);
            check(cs_close(node) == 0, "cs_close(node)");
        }
        node = cs_open_object(tok, CS_KIND_NODE, ODD_NAME, GENERIC_ALL);
        check(node != 0 && cs_close(node) == 0, "open + close the node named with an unpaired surrogate");
    }

    by_name = cs_open_cluster(sim, CLUSTER_NAME, GENERIC_ALL);
    check(by_name != 0, "cs_open_cluster(sim, non-ASCII cluster name): the name passes through to the backend "
                        "(error %u)", (unsigned)(by_name ? 0 : cs_last_error()));
    by_node = cs_open_cluster(sim, NODE_NAME, GENERIC_ALL);
    check(by_node != 0, "cs_open_cluster(sim, non-ASCII node name) (error %u)",
          (unsigned)(by_node ? 0 : cs_last_error()));
    {
        static const cs_char wrong[] = { 0x0043, 0x00E9, 0xD83D, 0xDE01, 0x006C, 0 };   /* one code unit off */
        uint64_t bad = cs_open_cluster(sim, wrong, GENERIC_ALL);
        check(bad == 0 && cs_last_error() == RPC_S_SERVER_UNAVAILABLE,
              "a name one code unit off is not found: RPC_S_SERVER_UNAVAILABLE (got token %llu, error %u)",
              (unsigned long long)bad, (unsigned)cs_last_error());
        if (bad)
            cs_close(bad);
    }

    if (tok)
        check(cs_close(tok) == 0, "cs_close(sim cluster)");
    if (by_name)
        check(cs_close(by_name) == 0, "cs_close(cluster opened by name)");
    if (by_node)
        check(cs_close(by_node) == 0, "cs_close(cluster opened by node name)");
    check(cs_open_token_count() == 0, "cs_open_token_count() == 0 after the sim tests (got %d)", cs_open_token_count());

    memset(counts, 0xFF, sizeof(counts));
    err = cs_sim_open_handles(sim, counts);
    total = 0;
    for (i = 0; i < CS_KIND_COUNT; i++)
        total += counts[i];
    check(err == 0 && total == 0, "cs_sim_open_handles: all zero (error %u; %u %u %u %u %u %u %u)", (unsigned)err,
          (unsigned)counts[0], (unsigned)counts[1], (unsigned)counts[2], (unsigned)counts[3], (unsigned)counts[4],
          (unsigned)counts[5], (unsigned)counts[6]);
    check(cs_sim_release(sim) == 0, "cs_sim_release");
}

int main(void)
{
    harness_begin(" (a clusapi stub called, or a crash in the shim)");
    info("test_dll: shim API against %s clusapi.dll, %d-bit", "the system's", (int)(sizeof(void *) * 8));

    test_loading();
    test_missing_ex();
    test_open_cluster();
    test_format_message();
    test_unicode_system();
    test_unicode_sim();

    return harness_end();
}
