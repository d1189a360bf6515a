/*
 * cs_platform.h - every platform difference the shim has, in one place.
 *
 * The shim is compiled by MSVC (Windows wheels, C mode), by mingw-w64 (the
 * Wine test run) and by gcc/clang (Linux, macOS).  Everything that differs
 * between them -- atomics, thread-local storage, locks, sleeping, the
 * 16-bit character type -- is wrapped here so that no other file needs an
 * #ifdef for it.
 */
#ifndef CS_PLATFORM_H
#define CS_PLATFORM_H

/* nanosleep() under strict -std=c99 builds (include this header first). */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L
#endif
/* ... which hides macOS's own extensions (pthread_cond_timedwait_relative_np). */
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#  define _DARWIN_C_SOURCE 1
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* MSVC's C compiler spells it __inline outside /std:c11. */
#if defined(_MSC_VER) && !defined(__cplusplus) && !defined(inline)
#  define inline __inline
#endif

#ifdef _WIN32
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  include <windows.h>
#else
#  include <pthread.h>
#  include <time.h>
#  include <errno.h>
#  include <fcntl.h>
#  include <unistd.h>
#endif

/* ---- atomics: 32-bit and 64-bit counters -------------------------------- */
#ifdef _WIN32
typedef volatile LONG cs_atomic32;
typedef volatile LONGLONG cs_atomic64;
static inline LONG cs_atomic32_load(cs_atomic32 *p) { return InterlockedCompareExchange(p, 0, 0); }
static inline LONG cs_atomic32_add(cs_atomic32 *p, LONG v) { return InterlockedExchangeAdd(p, v) + v; }
static inline void cs_atomic32_store(cs_atomic32 *p, LONG v) { InterlockedExchange(p, v); }
static inline LONGLONG cs_atomic64_load(cs_atomic64 *p) { return InterlockedCompareExchange64(p, 0, 0); }
static inline LONGLONG cs_atomic64_add(cs_atomic64 *p, LONGLONG v) { return InterlockedExchangeAdd64(p, v) + v; }
static inline void cs_atomic64_store(cs_atomic64 *p, LONGLONG v) { InterlockedExchange64(p, v); }
/* Returns nonzero when *p held `expected` and now holds `desired`. */
static inline int cs_atomic64_cas(cs_atomic64 *p, LONGLONG expected, LONGLONG desired)
{
    return InterlockedCompareExchange64(p, desired, expected) == expected;
}
#else
typedef volatile int32_t cs_atomic32;
typedef volatile int64_t cs_atomic64;
#  define cs_atomic32_load(p)       __atomic_load_n((p), __ATOMIC_ACQUIRE)
#  define cs_atomic32_add(p, v)     __atomic_add_fetch((p), (v), __ATOMIC_ACQ_REL)
#  define cs_atomic32_store(p, v)   __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#  define cs_atomic64_load(p)       __atomic_load_n((p), __ATOMIC_ACQUIRE)
#  define cs_atomic64_add(p, v)     __atomic_add_fetch((p), (v), __ATOMIC_ACQ_REL)
#  define cs_atomic64_store(p, v)   __atomic_store_n((p), (v), __ATOMIC_RELEASE)
static inline int cs_atomic64_cas_impl(cs_atomic64 *p, int64_t expected, int64_t desired)
{
    return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
#  define cs_atomic64_cas(p, expected, desired) cs_atomic64_cas_impl((p), (int64_t)(expected), (int64_t)(desired))
#endif

/* A pointer read with acquire order (one written under a lock elsewhere). */
#ifdef _WIN32
#  define cs_atomic_ptr_load(p) InterlockedCompareExchangePointer((PVOID volatile *)(p), NULL, NULL)
#else
#  define cs_atomic_ptr_load(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#endif

/* ---- thread-local storage ----------------------------------------------- */
#if defined(_MSC_VER)
#  define CS_THREAD_LOCAL __declspec(thread)
#elif defined(__GNUC__) || defined(__clang__)
#  define CS_THREAD_LOCAL __thread
#else
#  define CS_THREAD_LOCAL _Thread_local
#endif

/* ---- a plain (non-recursive) mutex -------------------------------------- */
#ifdef _WIN32
typedef SRWLOCK cs_mutex;
#  define CS_MUTEX_INIT SRWLOCK_INIT
#  define cs_mutex_lock(m)   AcquireSRWLockExclusive(m)
#  define cs_mutex_unlock(m) ReleaseSRWLockExclusive(m)
#else
typedef pthread_mutex_t cs_mutex;
#  define CS_MUTEX_INIT PTHREAD_MUTEX_INITIALIZER
#  define cs_mutex_lock(m)   pthread_mutex_lock(m)
#  define cs_mutex_unlock(m) pthread_mutex_unlock(m)
#endif

/* ---- a condition variable paired with a cs_mutex ---------------------------
 * (the simulator's notification waits; never used without its mutex held;
 * timed waits measured on a monotonic clock). */
#define CS_WAIT_FOREVER 0xFFFFFFFFu
#if defined(_WIN32) && defined(_WIN32_WINNT) && _WIN32_WINNT < 0x0600
/* Before Vista's headers (tests/windows/compat_check.c compiles the compat
 * header against mingw-w64's at 0x0502): no condition variables; nothing
 * compiled that way waits. */
#elif defined(_WIN32)
typedef CONDITION_VARIABLE cs_cond;
#  define CS_COND_INIT CONDITION_VARIABLE_INIT
#  define cs_cond_broadcast(c) WakeAllConditionVariable(c)
/* Waits until woken or `ms` milliseconds pass (CS_WAIT_FOREVER: no limit);
 * spurious wake-ups happen: callers re-check their condition. */
static inline void cs_cond_wait_ms(cs_cond *c, cs_mutex *m, uint32_t ms)
{
    SleepConditionVariableSRW(c, m, ms == CS_WAIT_FOREVER ? INFINITE : ms, 0);
}
#else
/* POSIX: timed waits run on the monotonic clock, so a change of the wall
 * clock neither ends a wait early nor stretches it.  A statically
 * initialized condition variable waits on CLOCK_REALTIME, so the first wait
 * (every use is under the mutex) makes it again with CLOCK_MONOTONIC; a
 * broadcast before that has no waiter to wake.
 * macOS has no pthread_condattr_setclock: its relative timed wait does not
 * follow the wall clock either. */
typedef struct cs_cond {
    pthread_cond_t cond;
    int ready;                  /* initialized for the monotonic clock (under the mutex) */
} cs_cond;
#  define CS_COND_INIT { PTHREAD_COND_INITIALIZER, 0 }
static inline void cs_cond_ready(cs_cond *c)
{
#  if !defined(__APPLE__)
    pthread_condattr_t attr;
    if (c->ready)
        return;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_destroy(&c->cond);         /* the static one: no waiter yet */
    pthread_cond_init(&c->cond, &attr);
    pthread_condattr_destroy(&attr);
#  endif
    c->ready = 1;
}
static inline void cs_cond_broadcast(cs_cond *c)
{
    if (c->ready)
        pthread_cond_broadcast(&c->cond);
}
static inline void cs_cond_wait_ms(cs_cond *c, cs_mutex *m, uint32_t ms)
{
    struct timespec ts;
    cs_cond_ready(c);
    if (ms == CS_WAIT_FOREVER) {
        pthread_cond_wait(&c->cond, m);
        return;
    }
#  if defined(__APPLE__)
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    pthread_cond_timedwait_relative_np(&c->cond, m, &ts);
#  else
    clock_gettime(CLOCK_MONOTONIC, &ts);    /* the clock cs_cond_ready gave the cond */
    ts.tv_sec += (time_t)(ms / 1000u);
    ts.tv_nsec += (long)(ms % 1000u) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec += 1;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&c->cond, m, &ts);
#  endif
}
#endif
/* cs_monotonic_seconds(): below, with the bounded calls' deadlines. */

/* ---- sleeping (the simulator's latency; never called with a lock held) --- */
static inline void cs_sleep_seconds(double seconds)
{
    if (!(seconds > 0.0))
        return;
#ifdef _WIN32
    {
        /* Sleep() has millisecond granularity; round up so that a 0.5 ms
         * latency still costs something. */
        DWORD ms = (DWORD)(seconds * 1000.0 + 0.999);
        Sleep(ms);
    }
#else
    {
        struct timespec ts;
        ts.tv_sec = (time_t)seconds;
        ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
        while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
        }
    }
#endif
}

/* ---- a monotonic clock, in seconds (deadlines of bounded calls) -------- */
static inline double cs_monotonic_seconds(void)
{
#ifdef _WIN32
    LARGE_INTEGER t, f;
    QueryPerformanceCounter(&t);
    QueryPerformanceFrequency(&f);
    return (double)t.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
}

/* ---- the wall clock as a FILETIME value (100 ns units since 1601, UTC) --- */
static inline uint64_t cs_filetime_now(void)
{
#ifdef _WIN32
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
#else
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + 11644473600ull) * 10000000ull + (uint64_t)ts.tv_nsec / 100u;
#endif
}

/* ---- the thread's Win32 last error: cleared (nothing to do elsewhere) --- */
static inline void cs_clear_last_error(void)
{
#ifdef _WIN32
    SetLastError(0);
#endif
}

/* ---- an environment variable equal to a value (MSVC deprecates getenv) --- */
static inline int cs_env_equals(const char *name, const char *value)
{
#ifdef _MSC_VER
    char *got = NULL;
    size_t n = 0;
    int same;
    if (_dupenv_s(&got, &n, name) != 0 || got == NULL)
        return 0;
    same = strcmp(got, value) == 0;
    free(got);
    return same;
#else
    const char *got = getenv(name);
    return got != NULL && strcmp(got, value) == 0;
#endif
}

/* ---- fork handlers (POSIX; Windows has no fork, so nothing to do) ------- */
#ifdef _WIN32
static inline int cs_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
    (void)prepare;
    (void)parent;
    (void)child;
    return 0;
}
#else
static inline int cs_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
    return pthread_atfork(prepare, parent, child);
}
#endif

/* ---- a random 64-bit value (not guessable by another process) ----------
 * Seeds the token tables' generations, so a token from another process (or
 * forged) names no slot here.  Kernel randomness where it can be read, mixed
 * with the clock, the process id and an ASLR address either way. */
static inline uint64_t cs_mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static inline uint64_t cs_random64(void)
{
    uint64_t x = cs_mix64((uint64_t)(uintptr_t)&x);
#ifdef _WIN32
    {
        LARGE_INTEGER t;
        QueryPerformanceCounter(&t);
        x = cs_mix64(x ^ (uint64_t)t.QuadPart);
        x = cs_mix64(x ^ (uint64_t)GetCurrentProcessId() ^ ((uint64_t)GetCurrentThreadId() << 32));
        x = cs_mix64(x ^ (uint64_t)GetTickCount());
    }
#else
    {
        struct timespec ts;
        uint64_t k = 0;
        int fd = open("/dev/urandom", O_RDONLY);
        if (fd >= 0) {
            if (read(fd, &k, sizeof(k)) != (ssize_t)sizeof(k))
                k = 0;
            close(fd);
        }
        clock_gettime(CLOCK_REALTIME, &ts);
        x = cs_mix64(x ^ k);
        x = cs_mix64(x ^ ((uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec));
        x = cs_mix64(x ^ (uint64_t)getpid());
    }
#endif
    return x;
}

/* ---- the function attribute for "unused on this platform" --------------- */
#if defined(__GNUC__) || defined(__clang__)
#  define CS_MAYBE_UNUSED __attribute__((unused))
#else
#  define CS_MAYBE_UNUSED
#endif

#endif /* CS_PLATFORM_H */
