/*
 * sim/cs_sim_handles.c - the handles the simulator hands out.  Each is a
 * token of one global cs_htable (slot + generation, so a closed, stale or
 * forged one is rejected, never dereferenced) whose payload is a struct
 * sim_handle.  Also the global lock and the open-handle counters.  Every
 * function here is called with g_lock held.
 */
#include "sim/cs_sim_int.h"
#include "core/cs_fork.h"
#include "api/cs_testing.h"
#include <stdlib.h>

cs_mutex g_lock = CS_MUTEX_INIT;
uint32_t g_open[CS_KIND_COUNT];
static int g_ready;
static cs_htable g_handles;
static CS_THREAD_LOCAL int tls_table_was_full;  /* the thread's last call (cs_sim_handle_table_was_full) */

/* The CS_KIND_* a handle kind is counted as. */
static int hk_count_kind(int hk)
{
    if (hk == HK_NOTIFY)
        return CS_KIND_NOTIFY;
    return hk >= HK_CLUSENUM ? CS_KIND_ENUM : hk;
}

/* Sets up the token table on first use. */
void sim_ensure_ready(void)
{
    if (!g_ready) {
        cs_ht_init(&g_handles, sizeof(void *) >= 8 ? 32u : 32u - CS_HT_INDEX_BITS);
        cs_fork_guard(CS_FORK_SIM_HANDLES, &g_handles.lock);
        g_ready = 1;
    }
}

/* The open handle of that token and kind (-1: any), or NULL. */
sim_handle *sim_handle_lookup(uint64_t token, int hk)
{
    sim_handle *h;
    if (token == 0 || !g_ready)
        return NULL;
    h = (sim_handle *)cs_ht_peek(&g_handles, token);
    if (h == NULL || (hk >= 0 && h->hk != hk))
        return NULL;
    return h;
}

/* A new handle; 0 or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_handle_new(sim *s, int hk, sim_obj *obj, sim_handle *parent, sim_handle **out)
{
    int k = hk_count_kind(hk);
    uint64_t token;
    sim_handle *h = (sim_handle *)calloc(1, sizeof(sim_handle));
    if (h == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    h->hk = hk;
    h->s = s;
    h->obj = obj;
    h->parent = parent;
    h->cluster_token = parent ? parent->token : 0;
    h->named = parent ? parent->named : 0;
    token = cs_ht_alloc(&g_handles, h, &tls_table_was_full);
    if (token == 0) {
        free(h);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    h->token = token;
    if (obj)
        obj->refs++;
    if (parent) {
        h->cnext = parent->child_head;
        if (parent->child_head)
            parent->child_head->cprev = h;
        parent->child_head = h;
    }
    s->open[k]++;
    s->open_total++;
    g_open[k]++;
    *out = h;
    return 0;
}

/* Closes a handle (and, for a cluster, every handle obtained from it). */
void sim_handle_free(sim_handle *h)
{
    void *last = NULL;
    int k = hk_count_kind(h->hk);
    sim *s = h->s;
    while (h->child_head)
        sim_handle_free(h->child_head);
    if (h->port)
        sim_port_free(h);
    if (h->parent) {
        if (h->cprev)
            h->cprev->cnext = h->cnext;
        else
            h->parent->child_head = h->cnext;
        if (h->cnext)
            h->cnext->cprev = h->cprev;
    }
    if (cs_ht_close(&g_handles, h->token, &last) && last)
        cs_ht_recycle(&g_handles, h->token);
    s->open[k]--;
    s->open_total--;
    g_open[k]--;
    if (h->obj)
        sim_obj_unref(h->obj);
    free(h->items);
    free(h->pool);
    sim_enum_props_free(h->props);
    sim_reg_free(h->reg);
    free(h);
}


/* ---- the table's limit (api/cs_sim_control.h, api/cs_testing.h) ------------------------ */
void sim_handles_call_begins(void)
{
    tls_table_was_full = 0;
}

int cs_sim_handle_table_was_full(void)
{
    return tls_table_was_full;
}

uint32_t cs_sim_handle_limit(void)
{
    uint32_t limit;
    cs_mutex_lock(&g_lock);
    sim_ensure_ready();
    limit = g_handles.max_slots;
    cs_mutex_unlock(&g_lock);
    return limit;
}

void cs_testing_set_sim_handle_limit(uint32_t limit)
{
    cs_mutex_lock(&g_lock);
    sim_ensure_ready();
    g_handles.max_slots = (limit == 0 || limit > CS_HT_MAX_SLOTS) ? CS_HT_MAX_SLOTS : limit;
    cs_mutex_unlock(&g_lock);
}
