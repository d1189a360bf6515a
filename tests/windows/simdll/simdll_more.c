/*
 * tests/windows/simdll/simdll_more.c - the simulated clusapi.dll's
 * exports beyond the backend table (simdll.c): what the simulator models
 * of the rest of the SDK's clusapi.h.  Each is listed in sdk_surface.h
 * (SIMDLL_MODELLED_*) and declared from sdk_functions.h, so its signature
 * is the SDK's.
 */
#include "api/cs_shim.h"
#include "sdk_surface.h"

SIMDLL_SDK_FUNCTIONS(SIMDLL_DECLARE_MODELLED)

