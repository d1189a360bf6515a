/*
 * dll/cs_dll.h - the system backend's loader: clusapi.dll from System32.
 */
#ifndef CS_DLL_H
#define CS_DLL_H

#include "core/cs_backend.h"

/* Loads clusapi.dll on first use and fills the system backend's table.
 * Returns 0, or ERROR_MOD_NOT_FOUND (or the loader's code) when the DLL
 * cannot be loaded -- always, off Windows. */
uint32_t cs_dll_load(cs_backend *system_backend);

#endif /* CS_DLL_H */
