/*
 * api/cs_bench.h - hooks for bench/run.py.
 */
#ifndef CS_API_BENCH_H
#define CS_API_BENCH_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* Address of the simulator's entry point for a function (for a ctypes
 * binding of the same simulator), 0 for a bad index (sim/cs_sim_bench.c). */
uintptr_t cs_bench_entry_address(int function_id);
/* The C floor: `iterations` cycles straight through a backend's table
 * (which 0: OpenClusterEx + CloseCluster; 1: OpenClusterEx +
 * OpenClusterGroupEx(group) + GetClusterGroupState + both closes).
 * Returns the seconds taken, or a negative value on failure. */
double cs_bench_floor(int backend, int which, const cs_char *group, uint32_t iterations);
/* CDEF-END */

#endif /* CS_API_BENCH_H */
