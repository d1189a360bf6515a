"""The live view: registered first, then one snapshot, then events applied
on a background thread; zero backend calls per snapshot(); resync on
RECONNECT / LOST_NOTIFICATIONS; the invariant, held by hypothesis over
random sequences of changes on both notification versions and both
snapshot paths."""
import copy
import gc
import pickle
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clusapi_py
from clusapi_py import GroupState, sim

BULK = ("ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx", "ClusterOpenEnumEx")


def same(view_snap, fresh):
    """The same nodes, groups, resources, networks and net interfaces, by name."""
    for kind in ("nodes", "groups", "resources", "networks", "netinterfaces"):
        a = sorted(getattr(view_snap, kind))
        b = sorted(getattr(fresh, kind))
        assert a == b, "%s differ: view-only %s, cluster-only %s" % (kind, set(a) - set(b), set(b) - set(a))


def test_a_live_view_starts_equal_to_a_snapshot_and_costs_no_call_while_quiet(s, c):
    with c.live_view() as view:
        assert isinstance(view, clusapi_py.LiveView)
        assert view.version == 2 and view.resyncs == 0 and not view.stale
        same(view.snapshot(), c.snapshot())
        calls, trips = s.calls(), s.round_trips()
        for _ in range(100):
            snap = view.snapshot()
        assert s.calls() == calls and s.round_trips() == trips
        assert snap is view.snapshot()          # nothing changed: the same object
    assert s.open_handles()["notify"] == 0


def test_a_change_is_applied_and_the_old_snapshot_does_not_change(s, c):
    with c.live_view() as view:
        before = view.snapshot()
        s.set_group_state("FS01", "FAILED")
        s.move_group("FS01", "NODE1")
        assert view.flush() == 3       # state, owner, and the SHARED_VOLUME_STATE of its CSV (Cluster Disk 4)
        after = view.snapshot()
        assert after is not before
        fs01 = next(g for g in after.groups if g.name == "FS01")
        assert fs01.state is GroupState.FAILED and fs01.owner_node == "NODE1"
        assert all(r.owner_node == "NODE1" for r in after.resources if r.group == "FS01")
        old = next(g for g in before.groups if g.name == "FS01")
        assert old.state is GroupState.ONLINE
        assert view.events_applied == 3
        same(after, c.snapshot())


def test_the_background_thread_applies_without_flush(s, c):
    with c.live_view() as view:
        s.set_group_state("FS01", "FAILED")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if any(g.name == "FS01" and g.state is GroupState.FAILED for g in view.snapshot().groups):
                break
            time.sleep(0.005)
        else:
            pytest.fail("the change never reached the view")


@pytest.mark.parametrize("version", [1, 2])
def test_lost_notifications_make_the_view_resync(s, c, version):
    s.notification_queue_limit = 2
    with c.live_view(version=version) as view:
        s.latency = 0.0
        # Hold the view's lock while changing: its reader takes at most the first few events
        # and then waits to apply them, so the port's queue must overflow (without the lock
        # a fast reader may drain the queue between changes, and nothing is lost).
        with view._core.lock:       # type: ignore[union-attr]
            for state in ("FAILED", "OFFLINE", "ONLINE", "FAILED") * 3:
                s.set_group_state("FS01", state)
            s.set_node_state("NODE2", "PAUSED")
        view.flush()
        assert view.resyncs >= 1 and not view.stale
        same(view.snapshot(), c.snapshot())


def test_reconnect_after_a_broken_connection_makes_the_view_resync(s):
    with clusapi_py.open_cluster("CLUSTER01", backend=s) as c, c.live_view() as view:
        s.break_connection(0.3)
        s.set_group_state("FS01", "FAILED")          # lost on the broken connection
        s.delete_resource("SQL Server")
        deadline = time.monotonic() + 10
        while view.resyncs == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        view.flush()
        assert view.resyncs >= 1 and not view.stale
        same(view.snapshot(), c.snapshot())


def test_closing_stops_the_thread_and_use_after_close_raises(s, c):
    view = c.live_view()
    thread = view._core.thread
    view.close()
    view.close()
    assert view.closed and not thread.is_alive()
    for use in (view.snapshot, view.flush, lambda: view.stale, lambda: view.resyncs, lambda: view.events_applied):
        with pytest.raises(ValueError):
            use()
    assert s.open_handles()["notify"] == 0


def test_an_unreferenced_view_is_closed_by_its_finalizer(s, c):
    view = c.live_view()
    thread = view._core.thread
    del view
    gc.collect()
    thread.join(5)
    assert not thread.is_alive()
    assert s.open_handles()["notify"] == 0


def test_a_view_refuses_copy_and_pickle(c):
    with c.live_view() as view:
        for attempt in (lambda: copy.copy(view), lambda: copy.deepcopy(view), lambda: pickle.dumps(view)):
            with pytest.raises(TypeError, match="cannot be copied or pickled.*connection"):
                attempt()


def test_snapshot_is_thread_safe_while_changes_stream(s, c):
    errors = []
    with c.live_view() as view:
        stop = threading.Event()

        def reader():
            try:
                while not stop.is_set():
                    snap = view.snapshot()
                    assert len(snap.groups) >= 4
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        readers = [threading.Thread(target=reader) for _ in range(3)]
        for t in readers:
            t.start()
        for i in range(300):
            s.set_group_state("FS01", ("FAILED", "ONLINE")[i % 2])
        view.flush()
        stop.set()
        for t in readers:
            t.join()
        same(view.snapshot(), c.snapshot())
    assert not errors


# ---- the invariant ------------------------------------------------------------------------------
NODES = ["NODE1", "NODE2", "NODE3", "NODE4"]
GROUPS = ["FS01", "G1", "G2"]
RESOURCES = ["R1", "R2", "R3"]

change = st.one_of(
    st.tuples(st.just("node_state"), st.sampled_from(NODES), st.sampled_from(["UP", "DOWN", "PAUSED"])),
    st.tuples(st.just("group_state"), st.sampled_from(GROUPS), st.sampled_from(["ONLINE", "OFFLINE", "FAILED"])),
    st.tuples(st.just("resource_state"), st.sampled_from(RESOURCES),
              st.sampled_from(["ONLINE", "OFFLINE", "FAILED", "ONLINE_PENDING"])),
    st.tuples(st.just("move"), st.sampled_from(GROUPS), st.sampled_from(NODES)),
    st.tuples(st.just("add_node"), st.sampled_from(NODES), st.just(None)),
    st.tuples(st.just("add_group"), st.sampled_from(GROUPS), st.sampled_from(NODES)),
    st.tuples(st.just("add_resource"), st.sampled_from(RESOURCES), st.sampled_from(GROUPS)),
    st.tuples(st.just("delete_node"), st.sampled_from(NODES), st.just(None)),
    st.tuples(st.just("delete_group"), st.sampled_from(GROUPS), st.just(None)),
    st.tuples(st.just("delete_resource"), st.sampled_from(RESOURCES), st.just(None)),
)


def apply(s, op, name, arg):
    """One change; one that the cluster refuses (not found, exists) is just skipped."""
    try:
        if op == "node_state":
            s.set_node_state(name, arg)
        elif op == "group_state":
            s.set_group_state(name, arg)
        elif op == "resource_state":
            s.set_resource_state(name, arg)
        elif op == "move":
            s.move_group(name, arg)
        elif op == "add_node":
            s.add_node(name)
        elif op == "add_group":
            s.add_group(name, owner_node=arg)
        elif op == "add_resource":
            s.add_resource(name, arg)
        elif op == "delete_node":
            s.delete_node(name)
        elif op == "delete_group":
            s.delete_group(name)
        elif op == "delete_resource":
            s.delete_resource(name)
    except (clusapi_py.ClusterError, ValueError):
        pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(version=st.sampled_from([1, 2]), bulk=st.booleans(), changes=st.lists(change, max_size=25),
       flush_every=st.integers(1, 8))
def test_after_flush_the_view_equals_a_fresh_snapshot(version, bulk, changes, flush_every):
    s = sim.SimulatedCluster()
    if not bulk:
        for f in BULK:
            s.hide(f)
    with clusapi_py.open_cluster(backend=s) as c, c.live_view(version=version) as view:
        assert view.version == version
        for i, (op, name, arg) in enumerate(changes):
            apply(s, op, name, arg)
            if (i + 1) % flush_every == 0:
                view.flush()
                same(view.snapshot(), c.snapshot())
        view.flush()
        same(view.snapshot(), c.snapshot())
    assert s.open_handles()["notify"] == 0


def test_a_read_that_fails_during_a_break_makes_the_view_resync_not_die(s):
    with clusapi_py.open_cluster("CLUSTER01", backend=s) as c, c.live_view(version=1) as view:
        s.fail("OpenClusterGroupEx", 1722, count=1)     # the read a version-1 GROUP_ADDED needs
        s.add_group("G9", owner_node="NODE1")
        view.flush()
        assert view._core.thread.is_alive()
        assert view.resyncs == 1 and not view.stale
        same(view.snapshot(), c.snapshot())
