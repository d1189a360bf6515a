/*
 * tests/windows/simdll/test_surface.c - the simulated clusapi.dll's whole
 * export surface, as any client sees it: the DLL loaded from System32 by
 * LoadLibraryExW, every one of the SDK's 284 clusapi.h functions resolved
 * by name with GetProcAddress, each function the DLL does not model called
 * with harmless (zero) arguments and expected to fail the documented way
 * for "not supported" (ERROR_CALL_NOT_IMPLEMENTED, 120: returned, or
 * NULL / FALSE / 0 / -1 with GetLastError() == 120), and the modelled
 * functions beyond the backend table (simdll_more.c) called for real.
 * No shim: plain Win32 calls through typed function pointers, as a C
 * client would make them.  Built with mingw-w64 (this file alone), run
 * under Wine by tests/windows/simdll/stage.sh:
 *
 *   test_surface.exe full    the full DLL: all 284 exported
 *   test_surface.exe 2008    the Server 2008 build: exactly the SDK's
 *                            ungated functions exported
 *
 * Output: "ok - ..." / "not ok - ..." lines and "N passed, M failed".
 */
#include "win_harness.h"
#include "sdk_surface.h"

/* ---- the table: index, row and function-pointer type of every SDK function ------------------ */
#define SURF_INDEX(ret, fail, name, version, mingw, params, zeros) SURF_##name,
enum { SIMDLL_SDK_FUNCTIONS(SURF_INDEX) SURF_COUNT };

#define SURF_TYPE(ret, fail, name, version, mingw, params, zeros) typedef ret(WINAPI *surf_##name##_fn) params;
SIMDLL_SDK_FUNCTIONS(SURF_TYPE)

enum { FAIL_CODE, FAIL_NULL, FAIL_FALSE, FAIL_ZERO, FAIL_STATE };
static const char *const fail_names[] = {"returns 120", "NULL + last error 120", "FALSE + last error 120",
                                         "0 + last error 120", "-1 + last error 120"};

typedef struct surf_row {
    const char *name;
    unsigned version;
    int modelled;
    int fail;
} surf_row;

#define SURF_ROW(ret, fail, name, version, mingw, params, zeros) {#name, version, SIMDLL_MODELLED(name), fail},
static const surf_row rows[SURF_COUNT] = {SIMDLL_SDK_FUNCTIONS(SURF_ROW)};

static FARPROC fns[SURF_COUNT];
#define FN(name) ((surf_##name##_fn)(void (*)(void))fns[SURF_##name])

/* Whether a result is the documented "not supported" of its kind. */
#define SURF_OK_FAIL_CODE(r) ((DWORD)(r) == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_NULL(r) ((r) == NULL && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_FALSE(r) ((r) == FALSE && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_ZERO(r) ((r) == 0 && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)
#define SURF_OK_FAIL_STATE(r) ((int)(r) == -1 && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED)

/* Calls function i with zero arguments: 1 when it failed with 120 as its kind documents. */
#define SURF_CASE(ret, fail, name, version, mingw, params, zeros) \
    case SURF_##name: { \
        ret r; \
        SetLastError(0); \
        r = FN(name) zeros; \
        return SURF_OK_##fail(r); \
    }
static int call_with_zeros(int i)
{
    switch (i) {
        SIMDLL_SDK_FUNCTIONS(SURF_CASE)
    default:
        return 0;
    }
}

/* ---- the surface ------------------------------------------------------------------------------ */
static HMODULE load(int level)
{
    int from_system32 = 0;
    HMODULE dll = LoadLibraryExW(L"clusapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    typedef int (*level_fn)(void);
    level_fn lv;
    check(dll != NULL, "LoadLibraryExW(clusapi.dll, LOAD_LIBRARY_SEARCH_SYSTEM32) (error %lu)",
          dll ? 0ul : (unsigned long)GetLastError());
    if (dll == NULL)
        return NULL;
    harness_clusapi_module(&from_system32);
    check(from_system32, "it is System32's clusapi.dll");
    lv = HARNESS_PROC(level_fn, dll, "cs_simdll_level");
    check(lv != NULL && lv() == (level == 2008 ? 2008 : 1), "it is the simulated one, level %d", level == 2008 ? 2008 : 1);
    return dll;
}

static void test_exports(HMODULE dll, int level)
{
    int i, resolved = 0, wrong = 0, stubs = 0, stub_ok = 0, modelled = 0;
    for (i = 0; i < SURF_COUNT; i++) {
        int want = level != 2008 || rows[i].version == 0x0600;
        fns[i] = GetProcAddress(dll, rows[i].name);
        resolved += fns[i] != NULL;
        if ((fns[i] != NULL) != want) {
            wrong++;
            info("%s: GetProcAddress %s, expected %s", rows[i].name, fns[i] ? "found it" : "NULL",
                 want ? "found" : "NULL");
        }
    }
    if (level == 2008)
        check(wrong == 0, "2008 build: GetProcAddress finds exactly the SDK's ungated functions (%d of %d)", resolved,
              SURF_COUNT);
    else
        check(wrong == 0 && resolved == SURF_COUNT, "GetProcAddress finds all %d SDK functions by name (%d)",
              SURF_COUNT, resolved);

    for (i = 0; i < SURF_COUNT; i++) {
        int ok;
        if (rows[i].modelled) {
            modelled += fns[i] != NULL;
            continue;
        }
        if (fns[i] == NULL)
            continue;
        stubs++;
        ok = call_with_zeros(i);
        stub_ok += ok;
        if (!ok)
            check(0, "%s(0, ...): expected %s (last error %lu)", rows[i].name, fail_names[rows[i].fail],
                  (unsigned long)GetLastError());
    }
    check(stubs > 0 && stub_ok == stubs,
          "each of the %d unmodelled exports, called with zero arguments, fails with ERROR_CALL_NOT_IMPLEMENTED "
          "its documented way (%d did); %d modelled exports not called here", stubs, stub_ok, modelled);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "full";
    int level = strcmp(mode, "2008") == 0 ? 2008 : 1;
    HMODULE dll;
    harness_begin(" (in a clusapi.dll export)");
    info("test_surface %s: the SDK's %d clusapi.h functions through the simulated clusapi.dll, %d-bit", mode,
         SURF_COUNT, (int)(sizeof(void *) * 8));
    dll = load(level);
    if (dll != NULL) {
        test_exports(dll, level);
        FreeLibrary(dll);
    }
    return harness_end();
}
