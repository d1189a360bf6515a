/* core/cs_registry.c - the function names and round-trip flags of the
 * backend table (the one copy: the DLL loader resolves its exports by these
 * names too), and the registry of backends by id (core/cs_registry.h). */
#include "core/cs_registry.h"
#include "api/cs_backends.h"
#include "api/cs_testing.h"
#include "core/cs_fork.h"
#include <string.h>

static const char *const function_names[CS_FN_COUNT] = {
#define CS_X_NAME(name, type, rpc) #name,
    CS_CLUSAPI_FUNCTIONS(CS_X_NAME)
#undef CS_X_NAME
};

static const unsigned char function_rpc[CS_FN_COUNT] = {
#define CS_X_RPC(name, type, rpc) rpc,
    CS_CLUSAPI_FUNCTIONS(CS_X_RPC)
#undef CS_X_RPC
};

int cs_function_count(void)
{
    return CS_FN_COUNT;
}

const char *cs_function_name(int function_id)
{
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return NULL;
    return function_names[function_id];
}

int cs_function_id(const char *name)
{
    int i;
    if (name == NULL)
        return -1;
    for (i = 0; i < CS_FN_COUNT; i++)
        if (strcmp(function_names[i], name) == 0)
            return i;
    return -1;
}

int cs_function_is_rpc(int function_id)
{
    if (function_id < 0 || function_id >= CS_FN_COUNT)
        return 0;
    return function_rpc[function_id];
}

/* ---- the registry ---------------------------------------------------------- */
#define CS_MAX_BACKENDS 65536

static cs_mutex registry_lock = CS_MUTEX_INIT;
static cs_backend *volatile registry[CS_MAX_BACKENDS];
static int next_id = 2;                 /* 1 is the system backend */
static int max_backends = CS_MAX_BACKENDS;  /* lowered only by a test hook */

/* Ids are handed out in order, then reused once the first pass is spent:
 * an id is free again once its backend is unregistered (a handle keeps its
 * backend by pointer, never by id, so reuse cannot mix them up). */
int cs_register_backend(cs_backend *backend)
{
    int id = -1, i;
    cs_fork_guard(CS_FORK_REGISTRY, &registry_lock);
    cs_mutex_lock(&registry_lock);
    if (backend->kind == CS_BACKEND_SYSTEM) {
        id = CS_SYSTEM_BACKEND;
    } else if (next_id < max_backends) {
        id = next_id++;
    } else {
        for (i = 2; i < max_backends; i++)
            if (registry[i] == NULL) {
                id = i;
                break;
            }
    }
    if (id > 0) {
        backend->id = id;
        registry[id] = backend;
    }
    cs_mutex_unlock(&registry_lock);
    return id;
}

int cs_backend_limit(void)
{
    return max_backends - 2;            /* ids 2 .. max-1 */
}

void cs_testing_set_backend_limit(int limit)
{
    cs_mutex_lock(&registry_lock);
    max_backends = (limit <= 0 || limit > CS_MAX_BACKENDS - 2) ? CS_MAX_BACKENDS : limit + 2;
    cs_mutex_unlock(&registry_lock);
}

void cs_unregister_backend(int id)
{
    if (id <= 0 || id >= CS_MAX_BACKENDS)
        return;
    cs_mutex_lock(&registry_lock);
    if (registry[id] != NULL)
        registry[id]->unregistered = 1;
    registry[id] = NULL;
    cs_mutex_unlock(&registry_lock);
}

cs_backend *cs_backend_pin(int id)
{
    cs_backend *b;
    if (id <= 0 || id >= CS_MAX_BACKENDS)
        return NULL;
    cs_fork_guard(CS_FORK_REGISTRY, &registry_lock);
    cs_mutex_lock(&registry_lock);
    b = registry[id];
    if (b != NULL)
        b->pins++;
    cs_mutex_unlock(&registry_lock);
    return b;
}

void cs_backend_unpin(cs_backend *backend)
{
    void (*hook)(cs_backend *) = NULL;
    cs_mutex_lock(&registry_lock);
    if (backend->pins == 1 && backend->unregistered && backend->last_unpin != NULL)
        hook = backend->last_unpin;     /* it drops the pin, under the owner's lock */
    else
        backend->pins--;
    cs_mutex_unlock(&registry_lock);
    if (hook != NULL)
        hook(backend);
}

void cs_backend_drop_pin(cs_backend *backend)
{
    cs_mutex_lock(&registry_lock);
    backend->pins--;
    cs_mutex_unlock(&registry_lock);
}

int cs_backend_pins(cs_backend *backend)
{
    int n;
    cs_mutex_lock(&registry_lock);
    n = backend->pins;
    cs_mutex_unlock(&registry_lock);
    return n;
}

/* Lock-free: every call looks its backend up, and an entry is one pointer
 * written under the lock (a release on the way out of the mutex). */
cs_backend *cs_backend_by_id(int id)
{
    if (id <= 0 || id >= CS_MAX_BACKENDS)
        return NULL;
    return (cs_backend *)cs_atomic_ptr_load(&registry[id]);
}
