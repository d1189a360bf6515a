/*
 * tests/windows/simdll/sdk_mingw_check.c - the signatures of
 * sdk_functions.h (the SDK's, as gen_sdk_functions.py extracted them)
 * against mingw-w64's <clusapi.h>, at compile time only:
 *
 *   x86_64-w64-mingw32-gcc -D_WIN32_WINNT=0x0502 -fsyntax-only -Wall -Wextra -Werror \
 *       -Iclusapi_py/_native tests/windows/simdll/sdk_mingw_check.c     (and i686)
 *
 * Every function mingw-w64 declares (MINGW 1: 115 of the 284 with mingw-w64
 * 10) is declared again here from the list, WINAPI included: a different
 * return type, parameter type or count, or calling convention (i686:
 * __stdcall) is a "conflicting types" error.  The stubs (sdk_stubs.c) and
 * the hand-written exports are declared from the same list or checked
 * against the same PCLUSAPI_* types, so what passes here is what the DLL
 * exports.
 */
#include <windows.h>
#include <clusapi.h>
#include "sdk_functions.h"

#define SIMDLL_CAT_(a, b) a##b
#define SIMDLL_CAT(a, b) SIMDLL_CAT_(a, b)
#define SIMDLL_REDECLARE_0(ret, name, params)
#define SIMDLL_REDECLARE_1(ret, name, params) ret WINAPI name params;
#define SIMDLL_REDECLARE(ret, fail, name, version, mingw, params, zeros) \
    SIMDLL_CAT(SIMDLL_REDECLARE_, mingw)(ret, name, params)

SIMDLL_SDK_FUNCTIONS(SIMDLL_REDECLARE)
