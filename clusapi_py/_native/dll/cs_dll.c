/*
 * dll/cs_dll.c - the system backend: clusapi.dll, loaded at first use.
 *
 * Only from System32 (LOAD_LIBRARY_SEARCH_SYSTEM32), never from the
 * current directory or PATH, and with no link-time dependency on
 * ClusAPI.lib: the extension imports on machines without the clustering
 * tools (and on Linux), and a missing DLL is reported when it is used.
 * Every table entry is resolved with GetProcAddress; an export the DLL
 * lacks (OpenClusterEx on old or re-implemented DLLs) stays NULL, and the
 * shim reports ERROR_PROC_NOT_FOUND naming it when it is needed.
 */
#include "dll/cs_dll.h"
#include "api/cs_backends.h"

#ifdef _WIN32

#ifndef LOAD_LIBRARY_SEARCH_SYSTEM32
#  define LOAD_LIBRARY_SEARCH_SYSTEM32 0x00000800
#endif

static cs_mutex load_lock = CS_MUTEX_INIT;
static cs_atomic32 load_state;          /* 0 not tried, 1 loaded, 2 failed */
static DWORD load_error;

static DWORD plain_last_error(void)
{
    return GetLastError();
}

uint32_t cs_dll_load(cs_backend *b)
{
    LONG state = cs_atomic32_load(&load_state);
    if (state == 1)
        return 0;
    if (state == 2)
        return load_error;
    cs_mutex_lock(&load_lock);
    if (load_state == 0) {
        HMODULE dll = LoadLibraryExW(L"clusapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
        if (dll == NULL) {
            load_error = GetLastError();     /* captured before anything else runs */
            if (load_error == 0)
                load_error = ERROR_MOD_NOT_FOUND;
            cs_atomic32_store(&load_state, 2);
        } else {
            int i;
            for (i = 0; i < CS_FN_COUNT; i++)
                b->table.slot[i] = (cs_any_fn)GetProcAddress(dll, cs_function_name(i));
            b->last_error = plain_last_error;
            /* The DLL stays loaded for the life of the process: handles from
             * it may be closed at interpreter exit. */
            cs_atomic32_store(&load_state, 1);
        }
    }
    state = load_state;
    cs_mutex_unlock(&load_lock);
    return state == 1 ? 0 : load_error;
}

#else /* not Windows: there is no clusapi.dll */

uint32_t cs_dll_load(cs_backend *b)
{
    (void)b;
    return ERROR_MOD_NOT_FOUND;
}

#endif
