/* core/cs_failure.c - the per-thread last failure (core/cs_failure.h). */
#include "core/cs_failure.h"
#include "api/cs_errors.h"
#include "api/cs_backends.h"

static CS_THREAD_LOCAL uint32_t tls_error;
static CS_THREAD_LOCAL int tls_function = -1;
static CS_THREAD_LOCAL int tls_condition;

uint32_t cs_fail(uint32_t code, int function_id)
{
    tls_error = code;
    tls_function = function_id;
    tls_condition = CS_COND_NONE;
    return code;
}

uint32_t cs_fail_condition(int condition, uint32_t code)
{
    tls_error = code;
    tls_function = -1;
    tls_condition = condition;
    return code;
}

uint32_t cs_last_error(void)
{
    return tls_error;
}

const char *cs_last_function(void)
{
    const char *name = cs_function_name(tls_function);
    return name ? name : "";
}

const char *cs_last_failure(uint32_t *code)
{
    *code = tls_error;
    return cs_last_function();
}

const char *cs_last_failure_ex(uint32_t *code, int *condition)
{
    *code = tls_error;
    *condition = tls_condition;
    return cs_last_function();
}
