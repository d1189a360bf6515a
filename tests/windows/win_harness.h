/*
 * tests/windows/win_harness.h - what the Windows C test programs share:
 * test_dll.c (the shim against Wine's clusapi.dll) and simdll/test_simdll.c
 * (the shim against the simulated clusapi.dll).  Each is one program built
 * from the native sources and its own .c file, with -Itests/windows
 * (tests/windows/run.sh, tests/windows/simdll/stage.sh); this header is
 * included by that one file only, so its definitions are static.
 *
 * Output: one line per check, "ok - ..." or "not ok - ...", lines starting
 * with "#" are information, and a last line "N passed, M failed"
 * (harness_end).  Exit status 1 when a check failed, 2 on an unhandled
 * exception (harness_begin installs the handler).
 *
 * The DLL-loading scaffolding: whether clusapi.dll is loaded, and from
 * where (harness_clusapi_module), and typed GetProcAddress (HARNESS_PROC).
 */
#ifndef TESTS_WINDOWS_WIN_HARNESS_H
#define TESTS_WINDOWS_WIN_HARNESS_H

#include "api/cs_shim.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int passed, failed;

static void check(int cond, const char *fmt, ...)
{
    va_list ap;
    printf("%s - ", cond ? "ok" : "not ok");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (cond)
        passed++;
    else
        failed++;
}

static void info(const char *fmt, ...)
{
    va_list ap;
    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* What the crash line adds after the exception's code and address ("" or " (why)"). */
static const char *harness_crash_note = "";

static LONG WINAPI harness_on_crash(EXCEPTION_POINTERS *ep)
{
    printf("not ok - unhandled exception 0x%08lX at %p%s\n", (unsigned long)ep->ExceptionRecord->ExceptionCode,
           ep->ExceptionRecord->ExceptionAddress, harness_crash_note);
    printf("%d passed, %d failed\n", passed, failed + 1);
    fflush(stdout);
    ExitProcess(2);
    return EXCEPTION_EXECUTE_HANDLER;
}

/* Unbuffered output (every line is out before a crash) and the crash handler. */
static void harness_begin(const char *crash_note)
{
    harness_crash_note = crash_note;
    setvbuf(stdout, NULL, _IONBF, 0);
    SetUnhandledExceptionFilter(harness_on_crash);
}

/* The last line; main's exit status. */
static int harness_end(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

/* The clusapi.dll this process has loaded (NULL when none): says where it came from ("# clusapi.dll
 * loaded from PATH") and sets *from_system32 when that is System32's (case-insensitive). */
static HMODULE harness_clusapi_module(int *from_system32)
{
    wchar_t path[MAX_PATH], lower[MAX_PATH];
    HMODULE dll = GetModuleHandleW(L"clusapi.dll");
    size_t k;
    path[0] = 0;
    if (dll == NULL || GetModuleFileNameW(dll, path, MAX_PATH) == 0)
        path[0] = 0;
    for (k = 0; path[k] && k + 1 < MAX_PATH; k++)
        lower[k] = (path[k] >= L'A' && path[k] <= L'Z') ? (wchar_t)(path[k] - L'A' + L'a') : path[k];
    lower[k] = 0;
    info("clusapi.dll loaded from %ls", path);
    *from_system32 = dll != NULL && wcsstr(lower, L"\\system32\\clusapi.dll") != NULL;
    return dll;
}

/* GetProcAddress as a pointer of the function type TYPE (through a generic function pointer: no
 * cast warning from FARPROC). */
#define HARNESS_PROC(type, dll, name) ((type)(void (*)(void))GetProcAddress((dll), (name)))

#endif /* TESTS_WINDOWS_WIN_HARNESS_H */
