/*
 * tests/c/test_notify.c - notification ports: the simulator's entry points
 * (filters, payloads, the ERROR_MORE_DATA protocol, timeouts, overflow, a
 * broken connection, close while waiting) and the shim's ports over them.
 */
#include "check.h"

#ifndef _WIN32
#  include <pthread.h>
#endif

#define NEW_PORT ((HCHANGE)(intptr_t)-1)

/* ints[] index of the k-th int of a one-event result's row (after the head and one header) */
#define EVENT_INT(k) (2 + CS_SECTION_HEADER_INTS + (k))

/* ---- the simulator's entry points ------------------------------------------------------------ */
static void notify_entry_points(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER c;
    HCHANGE p, p1;
    NOTIFY_FILTER_AND_TYPE f[2], ft;
    DWORD_PTR key = 0;
    BYTE buf[64];
    WCHAR oid[64], parent[64], name[64], type[64];
    DWORD cb, c0, c1, c2, c3, filter = 0, state;
    EQ(cs_sim_bind_thread(id), 0);
    c = t->fn.OpenClusterEx(NULL, RM, NULL);
    CHECK(c != NULL);
    f[0].dwObjectType = CLUSTER_OBJECT_TYPE_GROUP;
    f[0].FilterFlags = CLUSTER_CHANGE_GROUP_STATE_V2 | CLUSTER_CHANGE_GROUP_OWNER_NODE_V2;
    f[1].dwObjectType = 99;
    f[1].FilterFlags = 1;
    /* bad filters */
    CHECK(t->fn.CreateClusterNotifyPortV2(NEW_PORT, c, f, 2, 7) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.CreateClusterNotifyPortV2(NEW_PORT, c, f, 0, 7) == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    CHECK(t->fn.CreateClusterNotifyPortV2(NEW_PORT, NULL, f, 1, 7) == NULL);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    p = t->fn.CreateClusterNotifyPortV2(NEW_PORT, c, f, 1, 7);
    CHECK(p != NULL);
    EQ(open_of_kind(id, CS_KIND_NOTIFY), 1);
    /* nothing yet: a poll times out */
    cb = sizeof(buf);
    c0 = c1 = c2 = c3 = 64;
    EQ(t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0), WAIT_TIMEOUT);
    EQ(t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 30),
       WAIT_TIMEOUT);
    /* a node change is not for this port; a group state change is */
    EQ(cs_sim_set_state(id, CS_KIND_NODE, W("NODE2"), ClusterNodePaused), 0);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("VM1"), ClusterGroupFailed), 0);
    /* too small: every size needed, and the event stays */
    cb = 2;
    c0 = c1 = c2 = c3 = 1;
    EQ(t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0),
       ERROR_MORE_DATA);
    EQ(cb, 4);
    EQ(c0, 5);                  /* "g-vm1" */
    EQ(c1, 0);                  /* VM1 has no owner */
    EQ(c2, 3);
    EQ(c3, 0);
    cb = sizeof(buf);
    c0 = c1 = c2 = c3 = 64;
    EQ(t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0), 0);
    EQ(key, 7);
    EQ(ft.dwObjectType, CLUSTER_OBJECT_TYPE_GROUP);
    EQ(ft.FilterFlags, CLUSTER_CHANGE_GROUP_STATE_V2);
    EQ(cb, 4);
    memcpy(&state, buf, 4);
    EQ(state, ClusterGroupFailed);
    CHECK(weqa(oid, "g-vm1") && weqa(name, "VM1") && weqa(parent, "") && weqa(type, ""));
    EQ(c2, 3);
    /* a move: OWNER_NODE with the new owner's id */
    EQ(cs_sim_move_group(id, W("VM1"), W("NODE2")), 0);
    cb = sizeof(buf);
    c0 = c1 = c2 = c3 = 64;
    EQ(t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0), 0);
    EQ(ft.FilterFlags, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2);
    EQ(cb, 4);
    CHECK(weqa((const WCHAR *)buf, "2") && weqa(parent, "2"));
    /* version-1 port on the same cluster */
    p1 = t->fn.CreateClusterNotifyPort(NEW_PORT, c, 0, 1);
    CHECK(p1 == NULL);
    EQ(LASTERR(), ERROR_INVALID_PARAMETER);
    p1 = t->fn.CreateClusterNotifyPort(NEW_PORT, c, CLUSTER_CHANGE_RESOURCE_STATE, 1);
    CHECK(p1 != NULL);
    CHECK(t->fn.CreateClusterNotifyPort(p1, c, CLUSTER_CHANGE_GROUP_DELETED, 1) == p1);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceOnline), 0);
    c2 = 3;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, name, &c2, 0), ERROR_MORE_DATA);
    EQ(c2, 12);
    c2 = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, name, &c2, 0), 0);
    EQ(filter, CLUSTER_CHANGE_RESOURCE_STATE);
    CHECK(weqa(name, "Cluster Name"));
    EQ(key, 1);
    /* a version-2 call on a version-1 port, and the reverse */
    EQ(t->fn.GetClusterNotify(p, &key, &filter, name, &c2, 0), ERROR_INVALID_HANDLE);
    EQ(t->fn.GetClusterNotifyV2(p1, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0),
       ERROR_INVALID_HANDLE);
    /* the simulator has no event handle to give */
    {
        HANDLE ev = NULL;
        EQ(t->fn.GetNotifyEventHandle(p, &ev), ERROR_INVALID_FUNCTION);
    }
    /* overflow: the queue is dropped, one LOST_NOTIFICATIONS (v1: RECONNECT) is kept */
    EQ(cs_sim_set_notification_queue_limit(id, 0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_set_notification_queue_limit(id, 2), 0);
    EQ(cs_sim_get_notification_queue_limit(id), 2);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceFailed), 0);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceOnline), 0);
    EQ(cs_sim_set_state(id, CS_KIND_RESOURCE, W("Cluster Name"), ClusterResourceFailed), 0);
    c2 = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, name, &c2, 0), 0);
    EQ(filter, CLUSTER_CHANGE_CLUSTER_RECONNECT);
    CHECK(weqa(name, "TESTCLUSTER"));
    c2 = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, name, &c2, 0), WAIT_TIMEOUT);
    /* closing */
    EQ(t->fn.CloseClusterNotifyPort(p1), TRUE);
    EQ(t->fn.CloseClusterNotifyPort(p1), FALSE);
    EQ(LASTERR(), ERROR_INVALID_HANDLE);
    c2 = 64;
    EQ(t->fn.GetClusterNotify(p1, &key, &filter, name, &c2, 0), ERROR_INVALID_HANDLE);
    /* CloseCluster takes its ports with it */
    EQ(t->fn.CloseCluster(c), TRUE);
    EQ(open_of_kind(id, CS_KIND_NOTIFY), 0);
    cb = sizeof(buf);
    EQ(t->fn.GetClusterNotifyV2(p, &key, &ft, buf, &cb, oid, &c0, parent, &c1, name, &c2, type, &c3, 0),
       ERROR_INVALID_HANDLE);
    EQ(cs_sim_release(id), 0);
}

/* ---- close while another thread waits ------------------------------------------------------------ */
typedef struct waiter_arg {
    uint64_t port;
    uint32_t result;
    double waited;
} waiter_arg;

static void waiter(waiter_arg *a)
{
    cs_result *r = NULL;
    double t0 = now_s();
    a->result = cs_notify_get(a->port, CS_NOTIFY_FOREVER, &r);
    a->waited = now_s() - t0;
    cs_result_free(r);
}

#ifdef _WIN32
static DWORD WINAPI waiter_main(LPVOID p)
{
    waiter((waiter_arg *)p);
    return 0;
}
#else
static void *waiter_main(void *p)
{
    waiter((waiter_arg *)p);
    return NULL;
}
#endif

static void sleep_ms(int ms)
{
#ifdef _WIN32
    Sleep((DWORD)ms);
#else
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
#endif
}

static void notify_shim(void)
{
    int id = make_sim(), i;
    uint64_t c, port;
    int64_t filters[2];
    cs_result *r = NULL;
    WCHAR long_name[700];
    waiter_arg arg;
    int pending = 0, parked = -1;
    uint64_t taken = 0;
    c = cs_open_cluster(id, NULL, (uint32_t)GENERIC_ALL);
    CHECK(c != 0);
    filters[0] = CLUSTER_OBJECT_TYPE_CLUSTER;
    filters[1] = CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2;
    port = cs_notify_open(c, 0, filters, 1, 0);
    CHECK(port != 0);
    EQ(cs_notify_version(port), 2);
    EQ(cs_notify_version(c), 0);            /* not a port */
    /* a name longer than every stack buffer: grown, never dropped */
    for (i = 0; i < 699; i++)
        long_name[i] = (WCHAR)('a' + i % 26);
    long_name[699] = 0;
    EQ(cs_sim_add_group(id, long_name, long_name, ClusterGroupOnline, W("NODE1"), NULL), 0);
    EQ(cs_notify_pending(port, &pending, &taken, &parked), 0);
    EQ(pending, 1);
    EQ(taken, 0);
    EQ(cs_notify_get(port, 0, &r), 0);
    if (r != NULL) {
        CHECK(r->text_len >= 2 * 699);
        CHECK(memcmp(r->text, long_name, 699 * sizeof(WCHAR)) == 0);
        /* one events section of one row: head, header, the row's ints */
        EQ(r->n_ints, 2 + CS_SECTION_HEADER_INTS + CS_EVENT_INTS);
        EQ(r->ints[0], CS_SNAPSHOT_FORMAT);
        EQ(r->ints[1], 1);
        EQ(r->ints[2], CS_SECTION_EVENTS);
        EQ(r->ints[3], 1);
        EQ(r->ints[4], CS_EVENT_FIELDS);
        EQ(r->ints[5], CS_EVENT_INTS);
        EQ(r->ints[6], (int64_t)r->n_bytes);
        EQ(r->ints[EVENT_INT(0)], 2);
        EQ(r->ints[EVENT_INT(1)], CLUSTER_OBJECT_TYPE_CLUSTER);
        EQ(r->ints[EVENT_INT(2)], CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2);
    }
    cs_result_free(r);
    r = NULL;
    EQ(cs_notify_pending(port, &pending, &taken, &parked), 0);
    EQ(pending, 0);
    EQ(taken, 1);
    EQ(parked, 0);
    EQ(cs_notify_get(port, 20, &r), WAIT_TIMEOUT);
    CHECK(r == NULL);
    /* a waiter blocked with no time limit ends when another thread closes the port */
    arg.port = port;
    arg.result = 12345;
    arg.waited = 0;
    {
#ifdef _WIN32
        HANDLE th = CreateThread(NULL, 0, waiter_main, &arg, 0, NULL);
        CHECK(th != NULL);
        sleep_ms(100);
        EQ(cs_notify_close(port), 0);
        WaitForSingleObject(th, INFINITE);
        CloseHandle(th);
#else
        pthread_t th;
        EQ(pthread_create(&th, NULL, waiter_main, &arg), 0);
        sleep_ms(100);
        EQ(cs_notify_close(port), 0);
        pthread_join(th, NULL);
#endif
    }
    EQ(arg.result, CS_ERROR_HANDLE_CLOSED);
    CHECK(arg.waited >= 0.05);
    EQ(cs_notify_close(port), CS_ERROR_HANDLE_CLOSED);
    EQ(cs_notify_get(port, 0, &r), CS_ERROR_HANDLE_CLOSED);
    EQ(open_of_kind(id, CS_KIND_NOTIFY), 0);
    EQ(cs_sim_calls(id, CS_FN_CloseClusterNotifyPort), 1);
    /* version 1, with the state read in the same call */
    port = cs_notify_open(c, 1, NULL, 0, CLUSTER_CHANGE_GROUP_STATE);
    CHECK(port != 0);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("VM1"), ClusterGroupFailed), 0);
    EQ(cs_sim_move_group(id, W("VM1"), W("NODE1")), 0);
    EQ(cs_notify_get(port, 0, &r), 0);
    if (r != NULL) {
        EQ(r->ints[EVENT_INT(0)], 1);
        EQ(r->ints[EVENT_INT(2)], CLUSTER_CHANGE_GROUP_STATE);
        EQ(r->ints[EVENT_INT(3)], 1);           /* has state */
        EQ(r->ints[EVENT_INT(4)], ClusterGroupFailed);
    }
    cs_result_free(r);
    r = NULL;
    /* a version the backend lacks */
    EQ(cs_sim_hide(id, CS_FN_CreateClusterNotifyPortV2, 1), 0);
    EQ(cs_notify_open(c, 2, filters, 1, 0), 0);
    EQ(cs_last_error(), ERROR_PROC_NOT_FOUND);
    EQ(cs_notify_open(c, 3, filters, 1, 0), 0);
    EQ(cs_last_error(), ERROR_INVALID_PARAMETER);
    /* the cluster's real close waits for its port */
    EQ(cs_close(c), 0);
    EQ(open_of_kind(id, CS_KIND_CLUSTER), 1);
    EQ(cs_notify_close(port), 0);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

/* ---- a broken connection ---------------------------------------------------------------------------- */
static void notify_break(void)
{
    int id = make_sim();
    cs_table *t = table_of(id);
    HCLUSTER named, local;
    HCHANGE p;
    DWORD filter = 0, c2;
    DWORD_PTR key;
    WCHAR name[64];
    double t0;
    EQ(cs_sim_bind_thread(id), 0);
    named = t->fn.OpenClusterEx(W("TESTCLUSTER"), RM, NULL);
    local = t->fn.OpenClusterEx(NULL, RM, NULL);
    CHECK(named != NULL && local != NULL);
    p = t->fn.CreateClusterNotifyPort(NEW_PORT, named, CLUSTER_CHANGE_GROUP_STATE, 0);
    CHECK(p != NULL);
    EQ(cs_sim_break_connection(id, 0), ERROR_INVALID_PARAMETER);
    EQ(cs_sim_break_connection(id, 0.2), 0);
    CHECK(t->fn.OpenClusterEx(W("TESTCLUSTER"), RM, NULL) == NULL);
    EQ(LASTERR(), RPC_S_SERVER_UNAVAILABLE);
    c2 = 64;
    EQ(t->fn.GetClusterInformation(named, name, &c2, NULL), RPC_S_SERVER_UNAVAILABLE);
    c2 = 64;
    EQ(t->fn.GetClusterInformation(local, name, &c2, NULL), 0);
    EQ(cs_sim_set_state(id, CS_KIND_GROUP, W("VM1"), ClusterGroupFailed), 0);     /* lost */
    t0 = now_s();
    c2 = 64;
    EQ(t->fn.GetClusterNotify(p, &key, &filter, name, &c2, 5000), 0);
    CHECK(now_s() - t0 >= 0.1);
    EQ(filter, CLUSTER_CHANGE_CLUSTER_RECONNECT);
    c2 = 64;
    EQ(t->fn.GetClusterNotify(p, &key, &filter, name, &c2, 0), WAIT_TIMEOUT);
    c2 = 64;
    EQ(t->fn.GetClusterInformation(named, name, &c2, NULL), 0);
    EQ(t->fn.CloseCluster(named), TRUE);
    EQ(t->fn.CloseCluster(local), TRUE);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}

void test_notify(void)
{
    notify_entry_points();
    notify_shim();
    notify_break();
}
