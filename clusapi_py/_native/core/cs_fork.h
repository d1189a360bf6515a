/*
 * core/cs_fork.h - keeping the shim's and the simulator's locks usable in a
 * child after fork().
 *
 * fork() copies only the calling thread: a lock another thread held at
 * that moment would stay held forever in the child, and the child's first
 * call would hang.  So every lock of the shim and the simulator is
 * registered here with a rank (the order in which code may nest them); a
 * pthread_atfork handler takes them all in rank order before the fork and
 * releases them in both processes after it, so the child starts with every
 * lock free and every structure consistent.  Then the child hooks run (the
 * shim's: the inherited tokens are abandoned -- see api/cs_handles.h).
 * On Windows there is no fork and all of this does nothing.
 */
#ifndef CS_FORK_H
#define CS_FORK_H

#include "cs_platform.h"

/* Ranks: a lock may be taken while holding only locks of a lower rank. */
enum cs_fork_rank {
    CS_FORK_SIM = 0,            /* the simulator's g_lock */
    CS_FORK_SIM_HANDLES,        /* the simulator's handle table (taken under g_lock) */
    CS_FORK_SYSTEM_BACKEND,     /* registering the system backend (takes the registry's) */
    CS_FORK_REGISTRY,           /* the backend registry (taken under g_lock by cs_sim_release) */
    CS_FORK_TOKENS_INIT,        /* the shim token table's first use */
    CS_FORK_TOKENS,             /* the shim token table's free list */
    CS_FORK_RANKS
};

/* Registers the lock of a rank (idempotent; call before the lock is first
 * taken) and installs the fork handlers once. */
void cs_fork_guard(int rank, cs_mutex *lock);

/* Runs fn in the child after a fork, after the locks are released (one
 * hook per rank; used by the shim's token table). */
void cs_fork_on_child(int rank, void (*fn)(void));

/* How many forks this process has seen as the child (0 in the original
 * process). */
int cs_fork_generation(void);

#endif /* CS_FORK_H */
