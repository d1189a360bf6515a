"""Waiting through a live view that is already open: the action's own call is the only
round trip (no port, no seed read), the outcome is the same as through a port, and the
wait survives the view's resync and its close (then it watches on a port of its own)."""
from __future__ import annotations

import threading

import pytest

from clusapi_py import ClusterOperationFailedError, EventKind, GroupState, ResourceState
from clusapi_py._bindings import FUNCTION_NAMES
from clusapi_py.events.feed import ViewFeed

SQL = "SQL Server (MSSQLSERVER)"


def test_a_move_through_an_open_view_costs_only_its_call(s, c):
    with c.live_view() as view, c.open_group(SQL) as g, c.open_node("NODE3") as node:
        view.flush()
        before = s.round_trips()
        op = g.move(node)
        assert isinstance(op._port, ViewFeed)
        outcome = op.wait(10)
        view.flush()                                # the reader's next call is parked, not in flight
        assert s.round_trips() - before == 1        # MoveClusterGroup, nothing else
        assert s.calls("MoveClusterGroup") == 1
        assert outcome.ok and outcome.owner_node == "NODE3" and outcome.state is GroupState.ONLINE
        assert [g.owner_node for g in view.snapshot().groups if g.name == SQL] == ["NODE3"]


def test_the_same_outcome_through_a_view_as_through_a_port(s, c):
    with c.open_group(SQL) as g:
        alone = g.move("NODE3").wait(10)
        with c.live_view():
            viewed = g.move("NODE2").wait(10)
    assert alone.ok and viewed.ok and viewed.owner_node == "NODE2"
    kinds = [e.kind for e in alone.events]
    assert [e.kind for e in viewed.events] == kinds        # the same events, in the same order


def test_a_resource_failure_through_a_view(s, c):
    s.set_resource_outcome("SQL Server Agent", "fail")
    with c.live_view(), c.open_resource("SQL Server Agent") as r:
        op = r.restart()
        assert isinstance(op._port, ViewFeed)
        with pytest.raises(ClusterOperationFailedError) as caught:
            op.wait(10)
    assert caught.value.outcome.state is ResourceState.FAILED


def test_closing_the_view_mid_wait_falls_back_to_a_port(s, c):
    s.manual_clock = True
    view = c.live_view()
    with c.open_group(SQL) as g:
        op = g.move("NODE3")
        assert isinstance(op._port, ViewFeed)
        view.close()
        assert not op.done                         # looked, fell back to a port of its own
        assert not isinstance(op._port, ViewFeed) and op._port is not None
        s.advance(60)
        assert op.wait(10).owner_node == "NODE3"


def test_a_resync_of_the_view_re_reads_from_its_model(s, c):
    s.manual_clock = True
    s.notification_queue_limit = 2
    with c.live_view() as view, c.open_group(SQL) as g:
        op = g.move("NODE3")
        with view._core.lock:                     # the reader cannot drain: the port overflows
            s.advance(60)                         # the whole move happens, its events are lost
            for state in ("FAILED", "ONLINE") * 3:
                s.set_group_state("FS01", state)
        outcome = op.wait(10)                     # the view's full read tells the wait the end
        view.flush()
        assert outcome.ok and outcome.owner_node == "NODE3"
        assert view.resyncs >= 1


def test_a_stale_view_is_not_used(s, c):
    with c.live_view() as view, c.open_group(SQL) as g:
        view._core.stale = True                   # as while it re-reads: its model may be old
        op = g.move("NODE3")
        assert not isinstance(op._port, ViewFeed)
        assert op.wait(10).ok
        view._core.stale = False


def test_many_operations_wait_on_one_view_from_threads(s, c):
    names = [g.name for g in c.snapshot().groups if g.state is GroupState.ONLINE][:4]
    results: dict = {}
    with c.live_view() as view:
        def act(name: str) -> None:
            with c.open_group(name) as g:
                results[name] = g.offline().wait(10)
        threads = [threading.Thread(target=act, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        assert all(results[n].ok and results[n].state is GroupState.OFFLINE for n in names)
        assert not view._core.feeds                # every feed unregistered when its wait ended


def test_a_feed_unregisters_when_the_operation_is_closed(s, c):
    s.manual_clock = True
    with c.live_view() as view, c.open_group(SQL) as g:
        op = g.move("NODE3")
        assert len(view._core.feeds) == 1
        op.close()
        assert view._core.feeds == []
        with pytest.raises(ValueError, match="no longer watched"):
            op.wait(0)


def test_a_move_to_the_node_it_is_on_is_done_at_once(s, c):
    with c.open_group(SQL) as g:
        here = g.status().owner_node
        op = g.move(here)
        assert not op.pending and op.done and op.outcome.ok and op.outcome.owner_node == here
        with c.live_view():
            again = g.move(here)
        assert again.done and again.outcome.ok


def test_a_drain_through_an_open_view_costs_only_its_call(s, c):
    from clusapi_py import EventKind, NodeDrainStatus, NodeState
    with c.live_view() as view, c.open_node("NODE1") as n:
        view.flush()
        before = {f: s.round_trips(f) for f in FUNCTION_NAMES}
        op = n.pause(drain=True)
        assert isinstance(op._port, ViewFeed)
        seen = []
        outcome = op.wait(10, on_event=seen.append)
        view.flush()
        spent = {f: s.round_trips(f) - before[f] for f in FUNCTION_NAMES if s.round_trips(f) != before[f]}
        # PauseClusterNodeEx; the rest is the view's own upkeep (it re-reads a node whose state
        # changed: the node opened once and kept, then ClusterNodeControl), with or without a waiter
        assert spent.pop("PauseClusterNodeEx") == 1
        assert set(spent) <= {"OpenClusterNodeEx", "ClusterNodeControl"}, spent
        assert outcome.ok and outcome.state is NodeState.PAUSED
        kinds = {e.kind for e in seen}
        assert {EventKind.NODE_STATE, EventKind.NODE_PROPERTIES, EventKind.GROUP_OWNER_NODE} <= kinds
        assert n.drain_status().status is NodeDrainStatus.COMPLETED
        assert not view._core.feeds
        n.resume().wait(0)


def test_a_view_closed_mid_drain_hands_over_to_a_port(s, c):
    s.manual_clock = True
    view = c.live_view()
    with c.open_node("NODE1") as n:
        op = n.pause(drain=True)
        assert isinstance(op._port, ViewFeed)
        view.close()
        assert not op.done
        assert op._port is not None and not isinstance(op._port, ViewFeed)
        s.advance(600)
        assert op.wait(10).ok
        n.resume().wait(0)


def test_a_resource_named_like_its_group_does_not_confuse_the_groups_wait(s, c):
    s.add_group("APP", owner_node="NODE1", state="ONLINE")
    s.add_resource("APP", "APP", state="ONLINE")             # a network name named after its role
    s.add_resource("APP disk", "APP", state="ONLINE")
    with c.live_view() as view, c.open_group("APP") as g:
        view.flush()
        outcome = g.offline().wait(10)
        assert outcome.ok and outcome.state is GroupState.OFFLINE
        assert all(e.kind in (EventKind.GROUP_STATE, EventKind.GROUP_OWNER_NODE, EventKind.GROUP_PROPERTIES)
                   for e in outcome.events)


def test_an_operation_dropped_without_a_wait_leaves_the_view(s, c):
    import gc
    s.manual_clock = True
    with c.live_view() as view, c.open_group(SQL) as g:
        g.move("NODE3")                                        # never waited on, never closed
        gc.collect()
        assert view._core.feeds == []
        s.advance(60)
