/* shim/cs_testing.c - test hooks (api/cs_testing.h). */
#include "shim/cs_shim_int.h"
#include "api/cs_testing.h"

uint32_t cs_testing_result(const cs_char *fields, size_t n_fields, const int64_t *ints, size_t n_ints,
                           const uint8_t *bytes, size_t n_bytes, cs_result **out)
{
    cs_builder bd = CS_BUILDER_INIT, tail = CS_BUILDER_INIT;
    size_t i, half = n_bytes / 2;
    const cs_char *p = fields;
    for (i = 0; i < n_fields && p != NULL; i++) {
        cs_bd_string(&bd, p);
        p = cs_msz_next(p);
    }
    for (i = 0; i < n_ints && ints != NULL; i++)
        cs_bd_int(&bd, ints[i]);
    if (bytes != NULL) {
        cs_bd_bytes(&bd, bytes, half);
        cs_bd_bytes(&tail, bytes + half, n_bytes - half);
        cs_bd_append(&bd, &tail);
    }
    cs_bd_free(&tail);
    return cs_bd_deliver(&bd, out);
}
