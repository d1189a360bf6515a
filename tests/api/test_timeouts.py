"""Bounded waits: snapshot() and the listings take a timeout, checked
between backend calls; Ctrl-C during a long walk takes effect within one
backend call; whatever the walk opened is closed either way."""
import _thread
import threading
import time

import pytest

import clusapi_py
from clusapi_py import errors

LATENCY = 0.02


def _only_the_cluster_open(s):
    return {k: v for k, v in s.open_handles().items() if v} == {"cluster": 1}


def test_snapshot_timeout_raises_and_closes_what_it_opened(s, c):
    full = c.snapshot()
    s.latency = LATENCY
    start = time.monotonic()
    with pytest.raises(clusapi_py.ClusterTimeoutError) as info:
        c.snapshot(timeout=3 * LATENCY)
    elapsed = time.monotonic() - start
    s.latency = 0
    exc = info.value
    assert exc.winerror == 1460 and isinstance(exc, TimeoutError) and isinstance(exc, clusapi_py.ClusterError)
    assert elapsed < 3 * LATENCY + 4 * LATENCY + 1.0      # the deadline, plus the call in flight
    assert _only_the_cluster_open(s), s.open_handles()
    assert c.snapshot(timeout=60) == full


def test_listing_timeout(s, c):
    s.latency = LATENCY
    with pytest.raises(clusapi_py.ClusterTimeoutError):
        c.node_names(timeout=0)
    s.latency = 0
    assert _only_the_cluster_open(s)
    assert c.node_names(timeout=5) == ["NODE1", "NODE2", "NODE3"]
    with c.open_group("Cluster Group") as g:
        with pytest.raises(clusapi_py.ClusterTimeoutError):
            s.latency = LATENCY
            g.resource_names(timeout=0)
        s.latency = 0
        assert g.resource_names(timeout=None)


@pytest.mark.parametrize("bad,exc", [(-1, ValueError), (float("nan"), ValueError), ("1", TypeError),
                                     (True, TypeError)])
def test_timeout_argument_is_checked(c, bad, exc):
    with pytest.raises(exc):
        c.snapshot(timeout=bad)
    with pytest.raises(exc):
        c.group_names(timeout=bad)


def test_infinite_timeout_is_none(c):
    assert c.snapshot(timeout=float("inf")) == c.snapshot()


def test_timeout_error_pickles():
    import pickle
    exc = errors.error_for(1460, "", name="CLUSTER01")
    assert type(pickle.loads(pickle.dumps(exc))) is clusapi_py.ClusterTimeoutError


def test_ctrl_c_during_a_long_snapshot_takes_effect_within_a_call(s, c):
    s.latency = 0.05
    calls_whole = None
    # A whole snapshot at this latency takes dozens of round trips (seconds).
    s.reset_calls()
    fired = []

    def interrupt():
        fired.append(time.monotonic())
        _thread.interrupt_main()

    timer = threading.Timer(0.2, interrupt)
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            c.snapshot()
            calls_whole = s.round_trips()
    finally:
        timer.cancel()
    landed = time.monotonic()
    s.latency = 0
    assert calls_whole is None
    assert fired and landed - fired[0] < 0.05 * 3 + 0.5, landed - fired[0]
    assert landed - start < 2.0
    assert _only_the_cluster_open(s), s.open_handles()
    assert len(c.snapshot().groups) >= 1            # the cluster handle still works
