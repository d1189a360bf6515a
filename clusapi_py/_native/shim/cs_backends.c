/* shim/cs_backends.c - the system backend (registered at first use,
 * clusapi.dll loaded when a call needs it) and the backend of a call. */
#include "shim/cs_shim_int.h"
#include "core/cs_fork.h"

static cs_backend system_backend = { CS_BACKEND_SYSTEM, 0, { { 0 } }, NULL, NULL, NULL, 0, 0, NULL };
static cs_atomic32 system_registered;
static cs_mutex system_lock = CS_MUTEX_INIT;

static void register_system_backend(void)
{
    if (cs_atomic32_load(&system_registered))
        return;
    cs_fork_guard(CS_FORK_SYSTEM_BACKEND, &system_lock);
    cs_mutex_lock(&system_lock);
    if (!system_registered) {
        cs_register_backend(&system_backend);
        cs_atomic32_store(&system_registered, 1);
    }
    cs_mutex_unlock(&system_lock);
}

cs_backend *shim_backend_for_call(int backend_id, int function_id)
{
    cs_backend *b;
    register_system_backend();
    b = cs_backend_pin(backend_id);
    if (b == NULL) {
        cs_fail(ERROR_INVALID_PARAMETER, -1);
        return NULL;
    }
    if (b->kind == CS_BACKEND_SYSTEM) {
        uint32_t err = cs_dll_load(b);
        if (err) {
            cs_backend_unpin(b);
            cs_fail(err, function_id);
            return NULL;
        }
    }
    return b;
}

int cs_backend_has(int backend_id, int function_id)
{
    cs_backend *b;
    int has;
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return 0;
    register_system_backend();
    b = cs_backend_pin(backend_id);
    if (b == NULL)
        return -1;
    if (b->kind == CS_BACKEND_SYSTEM && cs_dll_load(b) != 0)
        has = 0;
    else
        has = b->table.slot[function_id] != NULL;
    cs_backend_unpin(b);
    return has;
}

uint32_t shim_backend_error(cs_backend *b)
{
    DWORD (*last_error)(void) = b->last_error;
    uint32_t err = last_error ? (uint32_t)last_error() : 0;
    return err ? err : (uint32_t)ERROR_GEN_FAILURE;     /* failed without saying why */
}
