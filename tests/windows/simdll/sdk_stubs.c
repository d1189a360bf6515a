/*
 * tests/windows/simdll/sdk_stubs.c - the rest of the SDK's clusapi.h
 * surface: an export for every function of sdk_functions.h that the
 * simulated clusapi.dll does not model (sdk_surface.h) and this build
 * exports (the 2008 build: only the SDK's ungated ones).  Each has the
 * SDK's signature, WINAPI, and fails the documented way for "not
 * supported", ERROR_CALL_NOT_IMPLEMENTED (120):
 *   CODE   a DWORD / LONG status: returns 120;
 *   NULL   a handle or pointer: NULL, GetLastError() == 120;
 *   FALSE  a BOOL: FALSE, GetLastError() == 120;
 *   ZERO   a *GetEnumCount*: 0 (no objects), GetLastError() == 120 (the
 *          count functions document no failure value: 0 with the last
 *          error set is what a caller can test);
 *   STATE  a state: -1 (the *StateUnknown value), GetLastError() == 120.
 * A stub touches none of its arguments: any argument is harmless, nothing
 * changes, nothing crashes.
 */
#include "api/cs_shim.h"
#include "sdk_surface.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

#define SIMDLL_FAIL_CODE(ret) return ERROR_CALL_NOT_IMPLEMENTED;
#define SIMDLL_FAIL_NULL(ret) SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return NULL;
#define SIMDLL_FAIL_FALSE(ret) SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return FALSE;
#define SIMDLL_FAIL_ZERO(ret) SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return 0;
#define SIMDLL_FAIL_STATE(ret) SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return (ret)-1;

/* SIMDLL_STUB_<modelled><exported>: only 01 writes a stub. */
#define SIMDLL_STUB_00(ret, fail, name, params)
#define SIMDLL_STUB_10(ret, fail, name, params)
#define SIMDLL_STUB_11(ret, fail, name, params)
#define SIMDLL_STUB_01(ret, fail, name, params) \
    __declspec(dllexport) ret WINAPI name params; \
    __declspec(dllexport) ret WINAPI name params \
    { \
        SIMDLL_##fail(ret) \
    }
#define SIMDLL_STUB(ret, fail, name, version, mingw, params, zeros) \
    SIMDLL_CAT3(SIMDLL_STUB_, SIMDLL_MODELLED(name), SIMDLL_EXPORTED(version))(ret, fail, name, params)

SIMDLL_SDK_FUNCTIONS(SIMDLL_STUB)
