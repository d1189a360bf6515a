/*
 * cs_clusapi.h - the ClusAPI declarations the shim is compiled against.
 *
 * With MSVC (the Windows wheels) this is the Windows SDK's own clusapi.h.
 * Everywhere else -- gcc/clang on Linux and macOS, and mingw-w64, whose
 * clusapi.h dates from 2012 (CLUSAPI_VERSION 0x0500, no *Ex functions) and
 * does not compile at its default _WIN32_WINNT -- it is
 * cs_clusapi_compat.h, this project's own declarations of the same types,
 * constants and PCLUSAPI_* function-pointer types with the SDK's
 * signatures.  tests/windows/compat_check.c holds the two side by side and checks
 * them against each other with static assertions.
 *
 * Define CS_USE_COMPAT_CLUSAPI to use the compat header with MSVC too.
 */
#ifndef CS_CLUSAPI_H
#define CS_CLUSAPI_H

#if defined(_MSC_VER) && !defined(CS_USE_COMPAT_CLUSAPI)
#  ifndef CLUSAPI_VERSION
#    define CLUSAPI_VERSION 0x00000701   /* Windows 8 / Server 2012: ClusterGroupOpenEnumEx */
#  endif
#  include "cs_platform.h"
#  include <clusapi.h>
#  define CS_HAVE_SDK_CLUSAPI 1
#else
#  include "cs_clusapi_compat.h"
#endif

#endif /* CS_CLUSAPI_H */
