"""The live view under faults: a port that keeps failing costs a few round
trips (reopened with backoff, no loop of full reads) and the view is current
again once the fault clears; a view that fails to start leaves nothing
open or running; names keyed as the cluster compares them."""
import threading
import time

import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py.events import live

FOREVER = 0xFFFFFFFF


def wait_until(predicate, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def view_threads():
    return [t for t in threading.enumerate() if t.name == "clusapi-live-view" and t.is_alive()]


@pytest.fixture
def fast_policy(monkeypatch):
    """Every backoff figure at 1/20: a minute of fault takes 3 s."""
    policy = live._Policy(scale=0.05)
    monkeypatch.setattr(live, "_POLICY", policy)
    return policy


def test_a_failing_port_is_reopened_with_backoff_not_a_storm_of_full_reads(s, fast_policy):
    s.latency = 0.0
    with clusapi_py.open_cluster(backend=s) as c, c.live_view() as view:
        s.fail("GetClusterNotifyV2", 1722, count=FOREVER)
        trips0 = s.round_trips()
        resyncs0 = view.resyncs
        s.set_node_state("NODE2", "PAUSED")            # the reader's wait returns; its next call fails
        assert wait_until(lambda: view.stale)
        time.sleep(3.0)                                  # a minute of fault at 1/20
        trips = s.round_trips() - trips0
        # Before: ~870 full reads a second.  Now: no full read while the port fails at once,
        # and each reopen is two round trips (the new port, its poll), with backoff.
        assert view.resyncs - resyncs0 <= 10
        assert trips <= 60, trips
        assert view.stale and view.stale_seconds >= 2.5
        assert isinstance(view.last_error, clusapi_py.ClusterUnavailableError)
        assert view.port_reopens == 0            # every attempt failed its poll
        assert s.open_handles()["notify"] == 0   # the failed ports are closed
        s.fail("GetClusterNotifyV2", 1722, count=0)     # the fault clears
        s.set_group_state("FS01", "FAILED")
        assert wait_until(lambda: not view.stale, 5.0)
        assert view.stale_seconds == 0.0 and view.port_reopens == 1
        view.flush()
        assert {g.name: g.state for g in view.snapshot().groups} == {g.name: g.state for g in c.snapshot().groups}
    assert s.open_handles()["notify"] == 0


def test_a_port_that_fails_only_while_waiting_spaces_its_full_reads(s, fast_policy, monkeypatch):
    """The poll of each new port works, the wait fails: each cycle re-reads the cluster,
    and those reads are spaced by their own backoff."""
    real = clusapi_py.NotificationPort._get_batch
    failing = threading.Event()
    failing.set()

    def get_batch(port, limit):
        if failing.is_set():
            time.sleep(0.001)
            raise clusapi_py.ClusterUnavailableError("GetClusterNotifyV2 failed", 1722, "GetClusterNotifyV2")
        return real(port, limit)

    with clusapi_py.open_cluster(backend=s) as c, c.live_view() as view:
        monkeypatch.setattr(clusapi_py.NotificationPort, "_get_batch", get_batch)
        port = view._core.port
        resyncs0 = view.resyncs
        s.set_node_state("NODE2", "PAUSED")            # wakes the reader into the failing get
        assert wait_until(lambda: view.stale)
        time.sleep(3.0)
        assert view.resyncs - resyncs0 <= 10
        failing.clear()
        assert wait_until(lambda: not view.stale and view._core.port is not port, 5.0)


def test_closing_a_view_during_its_backoff_returns_at_once(s):
    with clusapi_py.open_cluster(backend=s) as c:
        view = c.live_view()
        s.fail("GetClusterNotifyV2", 1722, count=FOREVER)
        s.set_node_state("NODE2", "PAUSED")
        assert wait_until(lambda: view.stale)
        t0 = time.monotonic()
        view.close()
        assert time.monotonic() - t0 < 2.0
        assert not view_threads() and s.open_handles()["notify"] == 0


def test_a_view_that_fails_to_start_leaves_nothing_open(s):
    with clusapi_py.open_cluster(backend=s) as c:
        before = s.open_handles()
        s.fail("GetClusterNotifyV2", 1722, count=FOREVER)
        for _ in range(5):
            try:
                view = c.live_view()
            except clusapi_py.ClusterError:
                continue
            view.close()
        s.fail("GetClusterNotifyV2", 1722, count=0)
        for fn in ("ClusterOpenEnumEx", "GetClusterInformation"):
            s.fail(fn, 1722, count=1)
            with pytest.raises(clusapi_py.ClusterError):
                c.live_view()
            s.fail(fn, 1722, count=0)
        assert not view_threads()
        assert s.open_handles() == before


def test_an_interrupt_while_a_view_starts_leaves_nothing_open(s, monkeypatch):
    def interrupted(core):
        raise KeyboardInterrupt

    monkeypatch.setattr(live._Core, "_wait_for_reader", interrupted)
    with clusapi_py.open_cluster(backend=s) as c:
        before = s.open_handles()
        with pytest.raises(KeyboardInterrupt):
            c.live_view()
        assert not view_threads()
        assert s.open_handles() == before


CLASHING = {"groups": ["k", "\u212a", "\u00df", "\u1e9e", "\u0131", "I", "\u017f", "S"]}


def test_names_the_cluster_tells_apart_stay_apart_in_the_view(s):
    topo = s.topology
    node = topo["nodes"][0]["name"]
    with clusapi_py.open_cluster(backend=s) as c, c.live_view() as view:
        for name in CLASHING["groups"]:
            s.add_group(name, owner_node=node)
        view.flush()
        fresh = c.snapshot()
        assert sorted(g.name for g in view.snapshot().groups) == sorted(g.name for g in fresh.groups)
        s.set_group_state("\u212a", "FAILED")
        view.flush()
        states = {g.name: g.state for g in view.snapshot().groups}
        assert states["\u212a"] is clusapi_py.GroupState.FAILED and states["k"] is clusapi_py.GroupState.ONLINE


def test_a_dump_of_such_names_loads_back(s):
    node = s.topology["nodes"][0]["name"]
    for name in CLASHING["groups"]:
        s.add_group(name, owner_node=node)
    again = sim.SimulatedCluster(s.topology)
    assert sorted(g["name"] for g in again.topology["groups"]) == sorted(g["name"] for g in s.topology["groups"])
