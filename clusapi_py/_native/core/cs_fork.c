/* core/cs_fork.c - locks usable after fork (core/cs_fork.h). */
#include "core/cs_fork.h"

static cs_mutex *volatile guarded[CS_FORK_RANKS];
static void (*volatile child_hooks[CS_FORK_RANKS])(void);
static cs_atomic32 installed;
static cs_atomic32 generation;

static void before_fork(void)
{
    int i;
    for (i = 0; i < CS_FORK_RANKS; i++)
        if (guarded[i] != NULL)
            cs_mutex_lock(guarded[i]);
}

static void release_all(void)
{
    int i;
    for (i = CS_FORK_RANKS - 1; i >= 0; i--)
        if (guarded[i] != NULL)
            cs_mutex_unlock(guarded[i]);
}

static void in_child(void)
{
    int i;
    release_all();
    cs_atomic32_add(&generation, 1);
    for (i = 0; i < CS_FORK_RANKS; i++)
        if (child_hooks[i] != NULL)
            child_hooks[i]();
}

static void install(void)
{
    if (cs_atomic32_load(&installed))
        return;
    /* Two threads may both get here: a second registration would only run
     * the (idempotent per fork) handlers twice, so let one win. */
    if (cs_atomic32_add(&installed, 1) == 1)
        cs_atfork(before_fork, release_all, in_child);
}

void cs_fork_guard(int rank, cs_mutex *lock)
{
    if (rank < 0 || rank >= CS_FORK_RANKS)
        return;
    install();
    guarded[rank] = lock;
}

void cs_fork_on_child(int rank, void (*fn)(void))
{
    if (rank < 0 || rank >= CS_FORK_RANKS)
        return;
    install();
    child_hooks[rank] = fn;
}

int cs_fork_generation(void)
{
    return (int)cs_atomic32_load(&generation);
}
