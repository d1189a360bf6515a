/*
 * tests/c/test_threads.c - threads: concurrent opens, states and closes
 * against changes.
 */
#include "check.h"

#ifndef _WIN32
#  include <pthread.h>
#endif

/* ---- threads: concurrent opens / states / closes against changes ------------------------------------------- */
#define MT_WORKERS 4
#define MT_ITERATIONS 250
#define MT_GROUPS 6

typedef struct mt_arg {
    int sim;
    cs_table *t;
    int unexpected;
    int ops;
} mt_arg;

static cs_mutex mt_lock = CS_MUTEX_INIT;
static int mt_done;

static int mt_is_done(void)
{
    int v;
    cs_mutex_lock(&mt_lock);
    v = mt_done;
    cs_mutex_unlock(&mt_lock);
    return v;
}

static void mt_set_done(int v)
{
    cs_mutex_lock(&mt_lock);
    mt_done = v;
    cs_mutex_unlock(&mt_lock);
}
static WCHAR mt_group[MT_GROUPS][8];
static WCHAR mt_res[MT_GROUPS][8];
static WCHAR mt_node[2][8];
static WCHAR mt_type[8];

static void mt_worker(mt_arg *a)
{
    cs_table *t = a->t;
    int i;
    if (cs_sim_bind_thread(a->sim) != 0) {
        a->unexpected++;
        return;
    }
    for (i = 0; i < MT_ITERATIONS; i++) {
        HCLUSTER c = t->fn.OpenClusterEx(NULL, RM, NULL);
        HGROUP g;
        HRESOURCE r;
        HCLUSENUM e;
        WCHAR buf[32];
        DWORD cch, type, k, err;
        if (c == NULL) {
            a->unexpected++;
            continue;
        }
        g = t->fn.OpenClusterGroup(c, mt_group[i % MT_GROUPS]);
        if (g != NULL) {
            cch = 32;
            if (t->fn.GetClusterGroupState(g, buf, &cch) == ClusterGroupStateUnknown &&
                cs_sim_get_last_error() != ERROR_GROUP_NOT_FOUND)
                a->unexpected++;
            if (i % 4 != 0 && !t->fn.CloseClusterGroup(g))      /* else CloseCluster closes it */
                a->unexpected++;
        } else if (cs_sim_get_last_error() != ERROR_GROUP_NOT_FOUND) {
            a->unexpected++;
        }
        r = t->fn.OpenClusterResourceEx(c, mt_res[(i + 1) % MT_GROUPS], RA, NULL);
        if (r != NULL) {
            cch = 32;
            if (t->fn.GetClusterResourceState(r, buf, &cch, NULL, NULL) == ClusterResourceStateUnknown &&
                cs_sim_get_last_error() != ERROR_RESOURCE_NOT_FOUND)
                a->unexpected++;
            if (!t->fn.CloseClusterResource(r))
                a->unexpected++;
        } else if (cs_sim_get_last_error() != ERROR_RESOURCE_NOT_FOUND) {
            a->unexpected++;
        }
        e = t->fn.ClusterOpenEnum(c, CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE);
        if (e == NULL) {
            a->unexpected++;
        } else {
            for (k = 0;; k++) {
                cch = 32;
                err = t->fn.ClusterEnum(e, k, &type, buf, &cch);
                if (err != 0)
                    break;
            }
            if (err != ERROR_NO_MORE_ITEMS)
                a->unexpected++;
            if (i % 3 != 0 && t->fn.ClusterCloseEnum(e) != 0)
                a->unexpected++;
        }
        if (!t->fn.CloseCluster(c))
            a->unexpected++;
        a->ops++;
    }
}

static void mt_mutator(mt_arg *a)
{
    int i = 0;
    while (!mt_is_done()) {
        const WCHAR *name = mt_group[i % MT_GROUPS];
        cs_sim_set_state(a->sim, CS_KIND_GROUP, name, i % 5);
        cs_sim_move_group(a->sim, name, mt_node[i & 1]);
        cs_sim_set_state(a->sim, CS_KIND_RESOURCE, mt_res[i % MT_GROUPS], 2 + (i & 1));
        if (i % 5 == 0) {
            cs_sim_delete(a->sim, CS_KIND_GROUP, name);
            if (cs_sim_add_group(a->sim, name, name, ClusterGroupOnline, mt_node[0], NULL) != 0)
                a->unexpected++;
            if (cs_sim_add_resource(a->sim, mt_res[i % MT_GROUPS], mt_res[i % MT_GROUPS], mt_type, name,
                                    ClusterResourceOnline, NULL, NULL) != 0)
                a->unexpected++;
        }
        i++;
        a->ops++;
    }
}

#ifdef _WIN32
static DWORD WINAPI worker_main(LPVOID p)
{
    mt_worker((mt_arg *)p);
    return 0;
}
static DWORD WINAPI mutator_main(LPVOID p)
{
    mt_mutator((mt_arg *)p);
    return 0;
}
#else
static void *worker_main(void *p)
{
    mt_worker((mt_arg *)p);
    return NULL;
}
static void *mutator_main(void *p)
{
    mt_mutator((mt_arg *)p);
    return NULL;
}
#endif

void test_threads(void)
{
    int id = 0, i, started = 0;
    mt_arg args[MT_WORKERS + 1];
#ifdef _WIN32
    HANDLE th[MT_WORKERS + 1];
#else
    pthread_t th[MT_WORKERS + 1];
#endif
    EQ(cs_sim_create(&id), 0);
    for (i = 0; i < MT_GROUPS; i++) {
        mt_group[i][0] = 'G';
        mt_group[i][1] = (WCHAR)('0' + i);
        mt_group[i][2] = 0;
        mt_res[i][0] = 'R';
        mt_res[i][1] = (WCHAR)('0' + i);
        mt_res[i][2] = 0;
    }
    memcpy(mt_node[0], W("N1"), 3 * sizeof(WCHAR));
    memcpy(mt_node[1], W("N2"), 3 * sizeof(WCHAR));
    memcpy(mt_type, W("T"), 2 * sizeof(WCHAR));
    EQ(cs_sim_add_resource_type(id, mt_type), 0);   /* a resource's type must be listed */
    EQ(cs_sim_add_node(id, mt_node[0], W("1"), 0), 0);
    EQ(cs_sim_add_node(id, mt_node[1], W("2"), 0), 0);
    for (i = 0; i < MT_GROUPS; i++) {
        EQ(cs_sim_add_group(id, mt_group[i], mt_group[i], 0, mt_node[i & 1], NULL), 0);
        EQ(cs_sim_add_resource(id, mt_res[i], mt_res[i], mt_type, mt_group[i], 2, NULL, NULL), 0);
    }
    EQ(cs_sim_set_latency(id, 0.0002), 0);
    mt_set_done(0);
    for (i = 0; i <= MT_WORKERS; i++) {
        args[i].sim = id;
        args[i].t = table_of(id);
        args[i].unexpected = 0;
        args[i].ops = 0;
    }
    for (i = 0; i <= MT_WORKERS; i++) {
#ifdef _WIN32
        th[i] = CreateThread(NULL, 0, i == MT_WORKERS ? mutator_main : worker_main, &args[i], 0, NULL);
        if (th[i] == NULL)
            break;
#else
        if (pthread_create(&th[i], NULL, i == MT_WORKERS ? mutator_main : worker_main, &args[i]) != 0)
            break;
#endif
        started++;
    }
    EQ(started, MT_WORKERS + 1);
    for (i = 0; i < started && i < MT_WORKERS; i++) {
#ifdef _WIN32
        WaitForSingleObject(th[i], INFINITE);
        CloseHandle(th[i]);
#else
        pthread_join(th[i], NULL);
#endif
    }
    mt_set_done(1);
    if (started == MT_WORKERS + 1) {
#ifdef _WIN32
        WaitForSingleObject(th[MT_WORKERS], INFINITE);
        CloseHandle(th[MT_WORKERS]);
#else
        pthread_join(th[MT_WORKERS], NULL);
#endif
    }
    for (i = 0; i <= MT_WORKERS; i++) {
        EQ(args[i].unexpected, 0);
        CHECK(args[i].ops > 0);
    }
    for (i = 0; i < MT_WORKERS; i++)
        EQ(args[i].ops, MT_ITERATIONS);
    EQ(total_open(id), 0);
    /* every worker call was counted: 4 workers x 250 x (open, close) at least */
    CHECK(cs_sim_calls(id, CS_FN_OpenClusterEx) == (uint64_t)MT_WORKERS * MT_ITERATIONS);
    CHECK(cs_sim_calls(id, CS_FN_CloseCluster) == (uint64_t)MT_WORKERS * MT_ITERATIONS);
    EQ(cs_sim_release(id), 0);
}

/* cs_cond_wait_ms measures its limit on a monotonic clock (cs_platform.h):
 * a deadline taken from one clock and waited for on another would end at
 * once or never.  A broadcast before the first wait has no one to wake. */
void test_cond_wait(void)
{
    cs_mutex m = CS_MUTEX_INIT;
    cs_cond c = CS_COND_INIT;
    double t0, waited;
    int round;
    cs_mutex_lock(&m);
    cs_cond_broadcast(&c);
    for (round = 0; round < 2; round++) {   /* the first wait prepares the cond, the second reuses it */
        t0 = cs_monotonic_seconds();
        cs_cond_wait_ms(&c, &m, 50);
        waited = cs_monotonic_seconds() - t0;
        CHECK(waited >= 0.040);
        CHECK(waited < 5.0);
    }
    cs_cond_broadcast(&c);
    cs_mutex_unlock(&m);
}
