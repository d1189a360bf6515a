/*
 * api/cs_build.h - what the extension was built from.
 */
#ifndef CS_API_BUILD_H
#define CS_API_BUILD_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* The package version the extension was compiled for (clusapi_py/_version.py
 * at build time); clusapi_py._bindings refuses to load a mismatched build.
 * Defined in the extension's preamble (build_clusapi.py), so only the
 * extension has it. */
const char *cs_build_version(void);
/* CDEF-END */

#endif /* CS_API_BUILD_H */
