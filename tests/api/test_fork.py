"""fork() while other threads are inside calls: the child does not hang,
its inherited handles are unusable and never closed (the parent's stay
open), and it can open its own."""
import os
import signal
import threading
import time
import traceback

import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import lib

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")

CHILD_SECONDS = 15      # a child that has not exited by then is hung: the test stops there


def _child(s, c, g):
    """Runs in the child; returns its exit code (0: all held)."""
    closes = s.calls("CloseCluster") + s.calls("CloseClusterGroup")
    for use in (c.node_names, g.status, c.snapshot, lambda: c.open_group("Cluster Group")):
        try:
            use()
        except ValueError:
            pass
        else:
            return 2                      # an inherited handle answered
    c.close()
    g.close()
    if s.calls("CloseCluster") + s.calls("CloseClusterGroup") != closes:
        return 3                          # an inherited handle was really closed
    with clusapi_py.open_cluster(backend=s) as mine:
        with mine.open_group("Cluster Group") as group:
            if group.status().state.name != "ONLINE":
                return 4
        if len(mine.snapshot().groups) < 1:
            return 5
    other = sim.SimulatedCluster()
    with clusapi_py.open_cluster(backend=other) as theirs:
        theirs.node_names()
    return 0


def _wait(pid):
    """The child's exit status, or None when it did not exit in time (then killed)."""
    deadline = time.monotonic() + CHILD_SECONDS
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.002)                  # polling a child, not synchronising with it
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def _fork_and_check(c, g, s):
    """Forks once; the child runs _child. The child's exit status, or None if it hung."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = _child(s, c, g)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return _wait(pid)


def _run_forks(s, before_fork=None, after_fork=None):
    """Sixty forks while three threads call the simulator through shared
    handles; asserts that no child hung or failed and the parent's handles
    are intact. The handles are closed whatever happens (no leftovers for
    the tests that follow)."""
    c = clusapi_py.open_cluster(backend=s)
    g = c.open_group("Cluster Group")
    stop = threading.Event()
    errors = []

    def worker():
        try:
            while not stop.is_set():
                with c.open_group("Cluster Group") as h:
                    h.status()
                c.node_names()
                c.snapshot()
        except BaseException as exc:      # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    results = []
    try:
        for t in threads:
            t.start()
        for _ in range(60):
            if before_fork is not None:
                before_fork()
            try:
                results.append(_fork_and_check(c, g, s))
            finally:
                if after_fork is not None:
                    after_fork()
            if results[-1] is None:
                break
    finally:
        stop.set()
        if after_fork is not None:
            after_fork()
        for t in threads:
            t.join(30)
        try:
            hung = results.count(None)
            failed = [os.waitstatus_to_exitcode(r) for r in results
                      if r is not None and os.waitstatus_to_exitcode(r) != 0]
            assert hung == 0 and failed == [], (hung, failed)
            assert not errors
            # The parent's handles were never closed by a child.
            assert not c.closed and g.status().state.name == "ONLINE"
        finally:
            g.close()
            c.close()


# AddressSanitizer runtimes that register no fork handler (GCC 12's libasan, LLVM before 18)
# leave their allocator's locks held in the child when another thread was inside malloc or
# free at fork(): the child hangs in the runtime, whatever the program does
# (tests/sanitize/run.sh says when the runtime it preloads is one).  The test below
# forks at random points of the threads' calls, so it cannot run there; the one after it
# forks while the threads are certainly inside calls but not in the allocator, and runs
# everywhere.
_ALLOCATOR_NOT_FORK_SAFE = os.environ.get("CLUSAPI_PY_TEST_ALLOCATOR_NOT_FORK_SAFE") == "1"


@pytest.mark.skipif(_ALLOCATOR_NOT_FORK_SAFE, reason="this process's malloc (a sanitizer runtime without "
                    "fork handlers) is not fork-safe while other threads allocate")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_sixty_forks_with_threads_in_calls(s):
    """Forks at whatever point the three threads are: inside the shim, the
    simulator, holding or waiting for their locks, between calls."""
    _run_forks(s)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_sixty_forks_with_threads_held_inside_round_trips(s):
    """Each fork happens while all three threads are stopped inside a
    simulated round trip (the simulator's test hold), so they are in calls
    at the fork for certain -- with their handles in use and the shim's
    results half built -- and none is inside malloc."""
    def hold():
        assert lib.cs_testing_sim_hold(s._id, 1) == 0
        deadline = time.monotonic() + 30
        while lib.cs_testing_sim_held(s._id) < 3:
            assert time.monotonic() < deadline, "the threads never reached the hold"
            time.sleep(0.001)              # polling a counter, not synchronising on time

    def release():
        lib.cs_testing_sim_hold(s._id, 0)

    _run_forks(s, hold, release)


def test_a_hold_stops_round_trips_until_released_and_not_in_a_child(s):
    """The hook the test above relies on: a held round trip waits inside the
    call, is released by hold=0, and does not stop a child's calls."""
    c = clusapi_py.open_cluster(backend=s)
    try:
        assert lib.cs_testing_sim_hold(s._id, 1) == 0
        done = threading.Event()
        t = threading.Thread(target=lambda: (c.node_names(), done.set()))
        t.start()
        deadline = time.monotonic() + 30
        while lib.cs_testing_sim_held(s._id) < 1 and time.monotonic() < deadline:
            time.sleep(0.001)
        assert lib.cs_testing_sim_held(s._id) == 1 and not done.is_set()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                with clusapi_py.open_cluster(backend=s) as mine:
                    mine.node_names()          # would wait forever if the hold applied here
                code = 0
            finally:
                os._exit(code)
        status = _wait(pid)
        lib.cs_testing_sim_hold(s._id, 0)
        t.join(30)
        assert done.is_set() and lib.cs_testing_sim_held(s._id) == 0
        assert status is not None and os.waitstatus_to_exitcode(status) == 0
    finally:
        lib.cs_testing_sim_hold(s._id, 0)
        c.close()
    assert lib.cs_testing_sim_hold(0, 1) == 87 and lib.cs_testing_sim_held(0) == 0


def test_an_inherited_notification_port_raises_value_error_in_the_child(s, c):
    """Like every inherited handle: get(), with or without a timeout, and
    iteration raise ValueError / end (not None as for a port closed while
    waiting); closing it closes nothing of the parent's."""
    port = c.notifications()
    try:
        s.set_group_state("Cluster Group", "OFFLINE")      # an event waits in the parent's port
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = 0
                for timeout in (0, 0.01, None):
                    try:
                        port.get(timeout=timeout)
                    except ValueError:
                        pass
                    else:
                        code = 2
                if list(port) != []:
                    code = 3
                port.close()
            except BaseException:
                traceback.print_exc()
                code = 4
            finally:
                os._exit(code)
        status = _wait(pid)
        assert status is not None and os.waitstatus_to_exitcode(status) == 0
        event = port.get(timeout=5)                         # the parent's port is intact
        assert event is not None and event.name == "Cluster Group"
    finally:
        port.close()
