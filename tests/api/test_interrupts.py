"""An exception from a signal handler at any point of open_*, listings,
status() and snapshot() loses nothing: no handle stays open in the
simulator, no token in the shim (and, under LSan, no result buffer)."""
import _thread
import gc
import random
import signal
import threading
import time

import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import lib

INTERRUPTS = 300


class Alarm(Exception):
    pass


def _cycle(s):
    c = clusapi_py.open_cluster(backend=s)
    g = c.open_group("Cluster Group")
    g.status()
    c.node_names()
    r = c.open_resource("Cluster Name")
    r.status()
    g.resource_names()
    c.snapshot()
    r.close()
    g.close()
    c.close()


# The handlers raise only while a cycle runs (inside its try), so that the
# exception always lands in the code under test, never in the test's loop.
armed = [False]


def _handler(signum, frame):
    if armed[0]:
        armed[0] = False
        raise Alarm()


def _run(s, arm):
    """Runs cycles until INTERRUPTS exceptions were caught (bounded in time)."""
    got = 0
    deadline = time.monotonic() + 60
    while got < INTERRUPTS and time.monotonic() < deadline:
        arm()
        try:
            armed[0] = True
            _cycle(s)
            armed[0] = False
        except Alarm:
            got += 1
    armed[0] = False
    return got


def _assert_nothing_left(s, tokens_before):
    gc.collect()
    assert all(v == 0 for v in s.open_handles().values()), s.open_handles()
    assert lib.cs_open_token_count() == tokens_before


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_interrupt_main_at_random_points_leaks_nothing():
    s = sim.SimulatedCluster()
    gc.collect()                    # earlier tests' garbage goes now, not while the count is compared
    tokens_before = lib.cs_open_token_count()
    stop = threading.Event()
    rng = random.Random(1234)

    def interrupter():
        while not stop.is_set():
            time.sleep(rng.uniform(0, 0.0004))     # the stimulus: when the interrupt lands
            _thread.interrupt_main()               # runs the SIGINT handler in the main thread

    old = signal.signal(signal.SIGINT, _handler)
    t = threading.Thread(target=interrupter)
    t.start()
    got = 0
    try:
        got = _run(s, lambda: None)
    finally:
        stop.set()
        t.join(30)
        signal.signal(signal.SIGINT, old)
    assert got >= 50
    _assert_nothing_left(s, tokens_before)


# A handler may also fire as a closed handle's __del__ starts (its token is
# already 0 then): reported as unraisable, harmless.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers")
def test_sigalrm_raising_at_random_points_leaks_nothing():
    s = sim.SimulatedCluster()
    gc.collect()                    # earlier tests' garbage goes now, not while the count is compared
    tokens_before = lib.cs_open_token_count()
    rng = random.Random(99)

    old = signal.signal(signal.SIGALRM, _handler)
    try:
        got = _run(s, lambda: signal.setitimer(signal.ITIMER_REAL, rng.uniform(0.00001, 0.0015)))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert got >= 50
    _assert_nothing_left(s, tokens_before)


def _finalize_with_a_signal_pending(holder, signum):
    """Drops the last reference to the handle in `holder` with `signum` already
    pending for this thread, and no Python code in between: pthread_kill
    through ctypes (which, unlike the signal module, does not run the handler
    on its way back), then list.clear, both called from C by deque(map(...)).
    So the handler runs at the first check for pending signals after that:
    the first line of a Python __del__, if the finalizer has one."""
    import collections
    import ctypes
    import functools
    import operator

    libc = ctypes.CDLL(None, use_errno=True)
    libc.pthread_self.restype = ctypes.c_ulong
    libc.pthread_kill.argtypes = [ctypes.c_ulong, ctypes.c_int]
    me = libc.pthread_self()
    steps = [functools.partial(libc.pthread_kill, me, signum), holder.clear]
    collections.deque(map(operator.methodcaller("__call__"), steps), maxlen=0)


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="POSIX threads and signals")
@pytest.mark.parametrize("kind,close", [("cluster", "CloseCluster"), ("group", "CloseClusterGroup")])
def test_a_signal_raising_as_a_handle_is_finalized_still_closes_it_once(s, kind, close):
    c = clusapi_py.open_cluster(backend=s)
    holder = [c.open_group("Cluster Group") if kind == "group" else c]
    if kind == "cluster":
        del c
    closes = s.calls(close)
    gc.collect()
    tokens = lib.cs_open_token_count()
    fired = []

    def handler(signum, frame):
        fired.append(signum)
        raise Alarm()

    old = signal.signal(signal.SIGUSR1, handler)
    try:
        with pytest.raises(Alarm):      # raised here, after the finalizer: not inside it
            _finalize_with_a_signal_pending(holder, signal.SIGUSR1)
    finally:
        signal.signal(signal.SIGUSR1, old)
    assert fired == [signal.SIGUSR1]
    assert s.calls(close) == closes + 1                     # closed, once
    assert lib.cs_open_token_count() == tokens - 1
    if kind == "group":
        c.close()
