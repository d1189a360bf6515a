/*
 * cs_htable.h - a table of reference-counted slots addressed by tokens.
 *
 * Both the shim (the handles Python holds) and the simulator (the raw
 * HCLUSTER/HGROUP/... values it hands out) identify their objects by a
 * token instead of a pointer.  A token names a slot and the generation the
 * slot had when it was handed out, so:
 *   - a closed, stale or forged token is *rejected* (never dereferenced):
 *     slots are never freed, only recycled with a new generation;
 *   - acquiring a slot for a call and closing it race safely: one 64-bit
 *     word holds the generation, the CLOSED/DETACHED flags and the number
 *     of references, and every change to it is a compare-and-swap.
 *
 * Life of a slot: cs_ht_alloc() gives it one reference (the owner's).
 * Each call takes one more with cs_ht_acquire() and gives it back with
 * cs_ht_release().  cs_ht_close() sets CLOSED (new acquires now fail) and
 * gives back the owner's reference.  Whoever gives back the *last*
 * reference gets the payload back from cs_ht_release() and must finish
 * the object (the real Close* call) and then call cs_ht_recycle().
 *
 * A fresh slot's first generation is drawn from a per-process random seed
 * (cs_random64), so tokens are not guessable: a token made by another
 * process -- pickled, passed on a pipe -- names no open slot here and is
 * rejected, never taken for one of this process's handles.
 */
#ifndef CS_HTABLE_H
#define CS_HTABLE_H

#include "cs_platform.h"

#define CS_HT_INDEX_BITS 22u                       /* 4 194 303 slots at most */
#define CS_HT_CHUNK_SLOTS 1024u
#define CS_HT_MAX_CHUNKS ((1u << CS_HT_INDEX_BITS) / CS_HT_CHUNK_SLOTS)

/* Bits of a slot's state word. */
#define CS_HT_COUNT_MASK  0x3FFFFFFFull
#define CS_HT_CLOSED      0x40000000ull
#define CS_HT_DETACHED    0x80000000ull
#define CS_HT_GEN_SHIFT   32

typedef struct cs_slot {
    cs_atomic64 state;          /* generation:32 | DETACHED | CLOSED | refs:30 */
    void *payload;              /* set before the slot is published */
    uint32_t next_free;         /* free-list link: index + 1, 0 = end */
} cs_slot;

typedef struct cs_htable {
    cs_mutex lock;              /* guards growth and the free list only */
    cs_slot *volatile chunks[CS_HT_MAX_CHUNKS];
    cs_atomic32 n_slots;        /* slots ever created */
    uint32_t free_head;         /* index + 1 of the first free slot, 0 = none */
    uint64_t gen_mask;          /* how many generation bits fit in a token */
    cs_atomic32 live;           /* slots handed out and not yet recycled */
    uint64_t gen_seed;          /* per-process random: a fresh slot's first generation */
    uint32_t max_slots;         /* the table's limit (CS_HT_MAX_SLOTS unless lowered for a test) */
} cs_htable;

#define CS_HT_MAX_SLOTS ((1u << CS_HT_INDEX_BITS) - 1u)

/* gen_bits: how many bits of generation a token carries (32 for 64-bit
 * tokens; fewer where a token must fit in a 32-bit pointer). */
void cs_ht_init(cs_htable *ht, unsigned gen_bits);

/* A new slot holding payload, with one reference; returns its token, or 0
 * when the table is full (*full set to 1) or memory is short (*full 0).
 * full may be NULL. */
uint64_t cs_ht_alloc(cs_htable *ht, void *payload, int *full);

/* Takes a reference for a call.  Returns the payload, or NULL when the
 * token is not an open slot (closed, stale, forged, or 0). */
void *cs_ht_acquire(cs_htable *ht, uint64_t token);

/* Gives back a reference.  Returns the payload when it was the last one
 * (the caller now owns the object and must finish it, then recycle the
 * slot), else NULL. */
void *cs_ht_release(cs_htable *ht, uint64_t token);

/* Marks the slot closed and gives back the owner's reference.  Returns 1
 * when this call closed it -- the caller then gets the payload in *last when
 * that was the last reference -- and 0 when the token was not open (already
 * closed, stale or forged). */
int cs_ht_close(cs_htable *ht, uint64_t token, void **last);

/* Detaches a slot only if nothing else holds it: one CAS from "open, one
 * reference" (the owner's) to "closed, detached, none".  Returns 1 and the
 * payload in *last (the caller finishes it), 0 when the token is not open,
 * -1 when it is busy (calls in flight, or -- for a cluster -- object
 * handles holding references on it). */
int cs_ht_detach_idle(cs_htable *ht, uint64_t token, void **last);

/* Marks every open slot closed and detached with no references, without
 * finishing anything (after fork, in the child: the handles belong to the
 * parent, so the child must neither use nor close them).  The slots are
 * never recycled. */
void cs_ht_abandon_all(cs_htable *ht);

/* Whether the (closed, finished) slot was detached rather than closed. */
int cs_ht_was_detached(cs_htable *ht, uint64_t token);

/* Returns a slot whose last reference is gone to the free list, with a new
 * generation so that every old token for it is rejected from now on. */
void cs_ht_recycle(cs_htable *ht, uint64_t token);

/* The payload of an open slot without taking a reference (only safe where
 * the caller's own lock keeps the slot from closing), or NULL. */
void *cs_ht_peek(cs_htable *ht, uint64_t token);

/* Calls fn(token, ctx) for every slot that is open (not CLOSED) at the
 * time it is looked at (the payload is not offered: without a reference it
 * may change under the caller). */
void cs_ht_for_each_open(cs_htable *ht, void (*fn)(uint64_t, void *), void *ctx);

#endif /* CS_HTABLE_H */
