/*
 * api/cs_bench.h - every benchmark hook (bench/): the floors in C that the
 * package's calls are measured against, and the simulator's entry points
 * for a ctypes binding.
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
/* The C floor of reading a port (bench/notify.py): `events`
 * GetClusterNotifyV2 calls on the port's raw handle with fixed buffers.
 * Seconds, or < 0 (shim/cs_notify.c). */
double cs_bench_notify_floor(uint64_t port, uint32_t events);
/* The floor of a property-list parser (bench/props_bench.py): walks the
 * list `data` `iterations` times in C, reading every entry header; the
 * seconds taken, or a negative value for a malformed list.  *properties:
 * the properties in one walk (shim/cs_control_walk.c). */
double cs_bench_walk_properties(const uint8_t *data, size_t n, uint32_t iterations, uint32_t *properties);
/* CDEF-END */

#endif /* CS_API_BENCH_H */
