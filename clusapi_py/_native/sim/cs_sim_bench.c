/* sim/cs_sim_bench.c - the simulator's benchmark hook (api/cs_bench.h):
 * the address of an entry point, for a ctypes binding of the same
 * simulator (bench/ctypes_clusapi.py, tests/conftest.py). */
#include "sim/cs_sim.h"

uintptr_t cs_bench_entry_address(int function_id)
{
    return (uintptr_t)cs_sim_entry_point(function_id);
}
