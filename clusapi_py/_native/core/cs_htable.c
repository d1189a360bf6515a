/* cs_htable.c - see cs_htable.h for the contract. */
#include "core/cs_htable.h"
#include <stdlib.h>

static cs_slot *slot_at(cs_htable *ht, uint32_t index)
{
    cs_slot *chunk = ht->chunks[index / CS_HT_CHUNK_SLOTS];
    return chunk ? &chunk[index % CS_HT_CHUNK_SLOTS] : NULL;
}

/* Splits a token; returns the slot, or NULL for a token that names none. */
static cs_slot *decode(cs_htable *ht, uint64_t token, uint64_t *gen)
{
    uint64_t low = token & ((1ull << CS_HT_INDEX_BITS) - 1);
    uint32_t index;
    if (low == 0)
        return NULL;
    index = (uint32_t)(low - 1);
    if (index >= (uint32_t)cs_atomic32_load(&ht->n_slots))
        return NULL;
    *gen = token >> CS_HT_INDEX_BITS;
    if (*gen > ht->gen_mask)
        return NULL;
    return slot_at(ht, index);
}

static int gen_matches(cs_htable *ht, uint64_t state, uint64_t gen)
{
    return ((state >> CS_HT_GEN_SHIFT) & ht->gen_mask) == gen;
}

void cs_ht_init(cs_htable *ht, unsigned gen_bits)
{
    cs_mutex init = CS_MUTEX_INIT;
    uint32_t i;
    ht->lock = init;
    for (i = 0; i < CS_HT_MAX_CHUNKS; i++)
        ht->chunks[i] = NULL;
    ht->n_slots = 0;
    ht->free_head = 0;
    ht->gen_mask = gen_bits >= 32 ? 0xFFFFFFFFull : ((1ull << gen_bits) - 1);
    ht->live = 0;
    ht->gen_seed = cs_random64();
    ht->max_slots = CS_HT_MAX_SLOTS;
}

/* The first generation of a fresh slot: random per process and per slot,
 * never 0 within the token's generation bits. */
static uint64_t first_generation(cs_htable *ht, uint32_t index)
{
    uint64_t gen = cs_mix64(ht->gen_seed ^ (uint64_t)index) & 0xFFFFFFFFull;
    if ((gen & ht->gen_mask) == 0)
        gen += 1;
    return gen;
}

uint64_t cs_ht_alloc(cs_htable *ht, void *payload, int *full)
{
    uint32_t index;
    cs_slot *slot;
    uint64_t gen;

    if (full != NULL)
        *full = 0;
    cs_mutex_lock(&ht->lock);
    if (ht->free_head) {
        index = ht->free_head - 1;
        slot = slot_at(ht, index);
        ht->free_head = slot->next_free;
    } else {
        uint32_t n = (uint32_t)ht->n_slots;
        if (n >= ht->max_slots || n >= CS_HT_MAX_SLOTS) {
            cs_mutex_unlock(&ht->lock);
            if (full != NULL)
                *full = 1;
            return 0;
        }
        if (ht->chunks[n / CS_HT_CHUNK_SLOTS] == NULL) {
            cs_slot *chunk = (cs_slot *)calloc(CS_HT_CHUNK_SLOTS, sizeof(cs_slot));
            uint32_t j;
            if (chunk == NULL) {
                cs_mutex_unlock(&ht->lock);
                return 0;
            }
            /* A random first generation (never 0, so no valid token is 0); a
             * fresh slot is CLOSED until it is handed out. */
            for (j = 0; j < CS_HT_CHUNK_SLOTS; j++)
                chunk[j].state = (int64_t)((first_generation(ht, n + j) << CS_HT_GEN_SHIFT) | CS_HT_CLOSED);
            ht->chunks[n / CS_HT_CHUNK_SLOTS] = chunk;
        }
        index = n;
        slot = slot_at(ht, index);
        cs_atomic32_store(&ht->n_slots, (int32_t)(n + 1));
    }
    slot->next_free = 0;
    slot->payload = payload;
    gen = ((uint64_t)cs_atomic64_load(&slot->state)) >> CS_HT_GEN_SHIFT;
    /* Publishing the state (open, one reference) makes the payload visible. */
    cs_atomic64_store(&slot->state, (int64_t)((gen << CS_HT_GEN_SHIFT) | 1u));
    cs_atomic32_add(&ht->live, 1);
    cs_mutex_unlock(&ht->lock);
    return ((gen & ht->gen_mask) << CS_HT_INDEX_BITS) | (uint64_t)(index + 1);
}

void *cs_ht_acquire(cs_htable *ht, uint64_t token)
{
    uint64_t gen, state;
    cs_slot *slot = decode(ht, token, &gen);
    if (slot == NULL)
        return NULL;
    for (;;) {
        state = (uint64_t)cs_atomic64_load(&slot->state);
        if (!gen_matches(ht, state, gen) || (state & CS_HT_CLOSED))
            return NULL;
        if ((state & CS_HT_COUNT_MASK) == CS_HT_COUNT_MASK)
            return NULL;                     /* a billion calls in flight: refuse */
        if (cs_atomic64_cas(&slot->state, state, state + 1))
            return slot->payload;
    }
}

void *cs_ht_release(cs_htable *ht, uint64_t token)
{
    uint64_t gen, state;
    cs_slot *slot = decode(ht, token, &gen);
    if (slot == NULL)
        return NULL;
    for (;;) {
        state = (uint64_t)cs_atomic64_load(&slot->state);
        if (!gen_matches(ht, state, gen) || (state & CS_HT_COUNT_MASK) == 0)
            return NULL;                     /* a release with no reference: ignore */
        if (cs_atomic64_cas(&slot->state, state, state - 1))
            return ((state & CS_HT_COUNT_MASK) == 1) ? slot->payload : NULL;
    }
}

int cs_ht_close(cs_htable *ht, uint64_t token, void **last)
{
    uint64_t gen, state;
    cs_slot *slot = decode(ht, token, &gen);
    *last = NULL;
    if (slot == NULL)
        return 0;
    for (;;) {
        state = (uint64_t)cs_atomic64_load(&slot->state);
        if (!gen_matches(ht, state, gen) || (state & CS_HT_CLOSED))
            return 0;
        if (cs_atomic64_cas(&slot->state, state, state | CS_HT_CLOSED))
            break;
    }
    *last = cs_ht_release(ht, token);
    return 1;
}

int cs_ht_detach_idle(cs_htable *ht, uint64_t token, void **last)
{
    uint64_t gen, state;
    cs_slot *slot = decode(ht, token, &gen);
    *last = NULL;
    if (slot == NULL)
        return 0;
    for (;;) {
        state = (uint64_t)cs_atomic64_load(&slot->state);
        if (!gen_matches(ht, state, gen) || (state & CS_HT_CLOSED))
            return 0;
        if ((state & CS_HT_COUNT_MASK) != 1)
            return -1;
        if (cs_atomic64_cas(&slot->state, state, (state & ~CS_HT_COUNT_MASK) | CS_HT_CLOSED | CS_HT_DETACHED)) {
            *last = slot->payload;
            return 1;
        }
    }
}

void cs_ht_abandon_all(cs_htable *ht)
{
    uint32_t n = (uint32_t)cs_atomic32_load(&ht->n_slots), i;
    for (i = 0; i < n; i++) {
        cs_slot *slot = slot_at(ht, i);
        for (;;) {
            uint64_t state = (uint64_t)cs_atomic64_load(&slot->state);
            if (state & CS_HT_CLOSED)
                break;
            if (cs_atomic64_cas(&slot->state, state,
                                (state & ~CS_HT_COUNT_MASK) | CS_HT_CLOSED | CS_HT_DETACHED))
                break;
        }
    }
}

int cs_ht_was_detached(cs_htable *ht, uint64_t token)
{
    uint64_t gen;
    cs_slot *slot = decode(ht, token, &gen);
    return slot != NULL && (((uint64_t)cs_atomic64_load(&slot->state)) & CS_HT_DETACHED) != 0;
}

void cs_ht_recycle(cs_htable *ht, uint64_t token)
{
    uint64_t gen, state, next_gen;
    cs_slot *slot = decode(ht, token, &gen);
    if (slot == NULL)
        return;
    state = (uint64_t)cs_atomic64_load(&slot->state);
    next_gen = ((state >> CS_HT_GEN_SHIFT) + 1) & 0xFFFFFFFFull;
    if ((next_gen & ht->gen_mask) == 0)
        next_gen += 1;                       /* keep generation 0 unused: no token is 0 */
    cs_mutex_lock(&ht->lock);
    slot->payload = NULL;
    cs_atomic64_store(&slot->state, (int64_t)((next_gen << CS_HT_GEN_SHIFT) | CS_HT_CLOSED));
    slot->next_free = ht->free_head;
    ht->free_head = (uint32_t)(token & ((1ull << CS_HT_INDEX_BITS) - 1));
    cs_atomic32_add(&ht->live, -1);
    cs_mutex_unlock(&ht->lock);
}

void *cs_ht_peek(cs_htable *ht, uint64_t token)
{
    uint64_t gen, state;
    cs_slot *slot = decode(ht, token, &gen);
    if (slot == NULL)
        return NULL;
    state = (uint64_t)cs_atomic64_load(&slot->state);
    if (!gen_matches(ht, state, gen) || (state & CS_HT_CLOSED))
        return NULL;
    return slot->payload;
}

void cs_ht_for_each_open(cs_htable *ht, void (*fn)(uint64_t, void *), void *ctx)
{
    uint32_t n = (uint32_t)cs_atomic32_load(&ht->n_slots), i;
    for (i = 0; i < n; i++) {
        cs_slot *slot = slot_at(ht, i);
        uint64_t state = (uint64_t)cs_atomic64_load(&slot->state);
        if (!(state & CS_HT_CLOSED)) {
            uint64_t gen = (state >> CS_HT_GEN_SHIFT) & ht->gen_mask;
            fn((gen << CS_HT_INDEX_BITS) | (uint64_t)(i + 1), ctx);
        }
    }
}
