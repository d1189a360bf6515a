/*
 * tests/c/check.h - what the simulator's C tests share: the checks, UTF-16
 * strings from ASCII literals, the test cluster, and the test groups that
 * main.c runs.
 *
 * The tests drive the simulator through its backend table:
 * cs_sim_create + cs_sim_backend(id), then b->table.fn.X, with
 * cs_sim_bind_thread(id) before opens (test_shim.c drives the shim over it).
 * A failed check prints one line ("FAIL file:line: ..."); main prints
 * "N passed, M failed" last and exits non-zero when a check failed.
 */
#ifndef TESTS_C_CHECK_H
#define TESTS_C_CHECK_H

#define __USE_MINGW_ANSI_STDIO 1
#include "sim/cs_sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- checks ------------------------------------------------------------------ */
extern int n_pass, n_fail;

void check_at(int ok, const char *expr, const char *file, int line);
void check_eq_at(long long a, long long b, const char *ea, const char *eb, const char *file, int line);

#define CHECK(e) check_at((e) ? 1 : 0, #e, __FILE__, __LINE__)
#define EQ(a, b) check_eq_at((long long)(a), (long long)(b), #a, #b, __FILE__, __LINE__)
#define LASTERR() ((long long)cs_sim_get_last_error())

/* ---- UTF-16 strings from ASCII literals (main thread only) ----------------------- */
/* A UTF-16 copy of s in one of 64 rotating buffers. */
const WCHAR *W(const char *s);
/* "a\0b\0" -> a UTF-16 multi_sz, in one of 16 rotating buffers. */
const WCHAR *MSZ(const char *s);
int weq(const WCHAR *a, const WCHAR *b);
int weqa(const WCHAR *a, const char *b);
/* A monotonic clock, in seconds. */
double now_s(void);

/* ---- the test cluster -------------------------------------------------------------- */
#define RA ((DWORD)GENERIC_READ)
#define RW ((DWORD)GENERIC_ALL)
#define RM ((DWORD)MAXIMUM_ALLOWED)

/* Open handles of a simulator: all of them, or of one kind (0xFFFFFFFF
 * when the simulator is gone). */
uint32_t total_open(int sim);
uint32_t open_of_kind(int sim, int kind);
/* TESTCLUSTER: 3 nodes (NODE3 down), 2 networks, 3 interfaces, 4 resource
 * types, 3 groups (VM1 unowned), 4 resources, a quorum.  Returns its id. */
int make_sim(void);
cs_table *table_of(int id);

/* Reads a whole *Enum enumeration: names joined by '|' (non-ASCII as '?')
 * into out, their types into types (if not NULL); checks it ends with
 * ERROR_NO_MORE_ITEMS. */
typedef DWORD (WINAPI *enum_fn)(void *, DWORD, LPDWORD, LPWSTR, LPDWORD);
void names_of(enum_fn f, void *e, char *out, size_t cap, DWORD *types);
#define NAMES(F, e, out, types) names_of((enum_fn)(void *)(F), (void *)(e), out, sizeof(out), types)

/* ---- the groups (one file each, or two to a file by concern) ----------------------- */
void test_control(void);         /* test_control.c */
void test_group_state(void);     /* test_control.c */
void test_refusals(void);        /* test_control.c */
void test_opens(void);           /* test_opens.c */
void test_bad_handles(void);     /* test_opens.c */
void test_cluster_info(void);    /* test_reads.c */
void test_enums(void);           /* test_enums.c */
void test_states(void);          /* test_reads.c */
void test_knobs(void);           /* test_knobs.c */
void test_delete(void);          /* test_lifetime.c */
void test_close_cluster(void);   /* test_lifetime.c */
void test_unicode(void);         /* test_names.c */
void test_release(void);         /* test_lifetime.c */
void test_threads(void);         /* test_threads.c */
void test_cond_wait(void);       /* test_threads.c */
void test_big(void);             /* test_names.c */
void test_shim(void);            /* test_shim.c */
void test_htable(void);          /* test_htable.c */
void test_actions(void);         /* test_actions.c */
void test_drain(void);           /* test_drain.c */
void test_notify(void);          /* test_notify.c */
void test_props(void);           /* test_props.c */
void test_config(void);          /* test_config.c */
void test_registry(void);        /* test_registry.c */
void test_create(void);          /* test_create.c */

#endif /* TESTS_C_CHECK_H */
