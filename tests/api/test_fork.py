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


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_sixty_forks_with_threads_in_calls(s):
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
    for t in threads:
        t.start()
    results = []
    try:
        for _ in range(60):
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    code = _child(s, c, g)
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(code)
            results.append(_wait(pid))
            if results[-1] is None:
                break
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    hung = results.count(None)
    failed = [os.waitstatus_to_exitcode(r) for r in results if r is not None and os.waitstatus_to_exitcode(r) != 0]
    assert hung == 0 and failed == [], (hung, failed)
    assert not errors
    # The parent's handles were never closed by a child.
    assert not c.closed and g.status().state.name == "ONLINE"
    g.close()
    c.close()
