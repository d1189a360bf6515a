/*
 * shim/cs_control_walk.c - cs_bench_walk_properties (api/cs_bench.h): a
 * bounds-checked walk of a property list in C, the floor the Python
 * parser's throughput is compared with.
 */
#include "shim/cs_shim_int.h"
#include "cs_platform.h"
#include <string.h>
#include <time.h>

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);       /* entries are 4-byte aligned only */
    return v;
}

/* The number of properties, or -1 when malformed. */
static long walk(const uint8_t *p, size_t n, uint64_t *checksum)
{
    size_t pos = 4;
    uint32_t count, i;
    if (n < 4)
        return -1;
    count = rd32(p);
    for (i = 0; i < count; i++) {
        uint32_t syntax, cb;
        do {
            if (pos + 4 > n)
                return -1;
            syntax = rd32(p + pos);
            if (syntax == 0) {
                pos += 4;
                break;
            }
            if (pos + 8 > n)
                return -1;
            cb = rd32(p + pos + 4);
            if (cb > n - pos - 8)
                return -1;
            if (cb >= 4)
                *checksum += rd32(p + pos + 8);
            pos += 8 + ((cb + 3u) & ~3u);
        } while (1);
    }
    return (long)count;
}

double cs_bench_walk_properties(const uint8_t *data, size_t n, uint32_t iterations, uint32_t *properties)
{
    volatile uint64_t sink;
    uint64_t checksum = 0;
    long count = 0;
    uint32_t i;
    double t0;
    if (data == NULL)
        return -1.0;
    t0 = cs_monotonic_seconds();
    for (i = 0; i < iterations; i++)
        if ((count = walk(data, n, &checksum)) < 0)
            return -1.0;
    sink = checksum;
    (void)sink;
    if (properties != NULL)
        *properties = (uint32_t)count;
    return cs_monotonic_seconds() - t0;
}
