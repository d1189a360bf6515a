/*
 * tests/c/test_htable.c - the token table's hardening: random first
 * generations (a token from another table -- another process -- is
 * rejected), the limit reported as "full", and abandoning every open slot
 * (what a child does after fork).
 */
#include "check.h"
#include "core/cs_htable.h"

void test_htable(void)
{
    static cs_htable a, b;
    int payload = 1, full = -1, i;
    uint64_t ta, tb, t;
    void *last = NULL;
    cs_ht_init(&a, 32);
    cs_ht_init(&b, 32);
    ta = cs_ht_alloc(&a, &payload, &full);
    tb = cs_ht_alloc(&b, &payload, NULL);
    CHECK(ta != 0 && full == 0);
    CHECK(ta != tb);
    CHECK(cs_ht_acquire(&b, ta) == NULL);
    CHECK(cs_ht_close(&b, ta, &last) == 0);
    CHECK(cs_ht_acquire(&a, ta) == &payload);
    cs_ht_release(&a, ta);

    /* The limit: slots ever created. */
    a.max_slots = 4;
    for (i = 0; i < 3; i++)
        CHECK(cs_ht_alloc(&a, &payload, &full) != 0);
    t = cs_ht_alloc(&a, &payload, &full);
    CHECK(t == 0 && full == 1);

    /* Abandon: open slots become closed and detached, and are never finished. */
    cs_ht_abandon_all(&a);
    CHECK(cs_ht_acquire(&a, ta) == NULL);
    CHECK(cs_ht_close(&a, ta, &last) == 0 && last == NULL);
    CHECK(cs_ht_was_detached(&a, ta));
    CHECK(cs_ht_close(&b, tb, &last) == 1 && last == &payload);
    cs_ht_recycle(&b, tb);
}
