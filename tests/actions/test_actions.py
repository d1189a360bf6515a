"""The actions on handles against the simulator: which export each call takes, 997 as
acceptance, refusals as their error classes with nothing changed, and the waits."""
from __future__ import annotations

import asyncio

import pytest

import clusapi_py
from clusapi_py import (Access, ClusterAccessDeniedError, ClusterAPIUnavailableError, ClusterInvalidStateError,
                        ClusterNodeUnavailableError, ClusterOperationFailedError, GroupMoveFlags, GroupOnlineFlags,
                        GroupState, ResourceOfflineFlags, ResourceState)

SQL = "SQL Server (MSSQLSERVER)"


@pytest.fixture
def c(s):
    with clusapi_py.open_cluster(backend=s) as cluster:
        yield cluster


def test_a_move_waits_on_events_and_costs_three_round_trips_to_start(s, c):
    with c.open_group(SQL) as g:
        g.move("NODE3").wait(10)        # the first owner change reads the nodes' ids once per Cluster
        before = s.round_trips()
        op = g.move("NODE2")
        started = s.round_trips() - before
        outcome = op.wait(10)
        waited = s.round_trips() - before - started
    assert op.pending and op.kind == "move" and op.target == SQL
    assert outcome.ok and outcome.owner_node == "NODE2" and outcome.state is GroupState.ONLINE
    assert started <= 5                 # open the node by name + close, port, seed read, the call
    assert waited <= 1                  # events only (and the port's close at the end)
    assert s.calls("MoveClusterGroup") == 2 and s.calls("MoveClusterGroupEx") == 0


def test_a_node_handle_costs_no_open(s, c):
    with c.open_group(SQL) as g, c.open_node("NODE3") as node:
        before = s.round_trips()
        op = g.move(node)
        assert s.round_trips() - before <= 3      # port, seed read, the call
        assert op.wait(10).owner_node == "NODE3"


def test_flags_take_the_ex_call_and_a_reason_the_ex2_call(s, c):
    with c.open_group(SQL) as g:
        g.move("NODE3", flags=GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR).wait(10)
        assert s.calls("MoveClusterGroupEx") == 1
        with pytest.raises(ClusterAPIUnavailableError, match="MoveClusterGroupEx2"):
            g.move("NODE2", reason="patching")     # never dropped silently
        s.ex2_exports = True
        g.move("NODE2", reason="patching").wait(10)
        assert s.calls("MoveClusterGroupEx2") == 1


def test_refused_flags_are_a_value_error_before_any_call(s, c):
    with c.open_group(SQL) as g:
        before = s.calls()
        with pytest.raises(ValueError, match="87"):
            g.move("NODE3", flags=GroupMoveFlags.IGNORE_RESOURCE_STATUS | GroupMoveFlags.QUEUE_ENABLED)
        with pytest.raises(TypeError):
            g.online(flags=ResourceOfflineFlags.FORCE_WITH_TERMINATION)     # another action's flag type
        with pytest.raises(ValueError):
            g.online(flags=GroupOnlineFlags(0x4000))
        assert s.calls() == before
        assert g.status() == (GroupState.ONLINE, "NODE2")


def test_a_read_only_handle_is_refused_by_the_backend(s, c):
    with c.open_group(SQL, Access.GENERIC_READ) as g:
        with pytest.raises(ClusterAccessDeniedError):
            g.offline()
        assert g.status().state is GroupState.ONLINE


def test_a_down_node_is_refused_with_its_class(s, c):
    s.set_node_state("NODE3", "DOWN")
    with c.open_group(SQL) as g:
        with pytest.raises(ClusterNodeUnavailableError):
            g.move("NODE3")
        assert g.status() == (GroupState.ONLINE, "NODE2")
    assert s.open_handles()["notify"] == 0          # the port opened for the wait is closed again


def test_a_node_of_another_cluster_object_is_refused(s, c):
    with clusapi_py.open_cluster(backend=s) as other, other.open_node("NODE3") as node, c.open_group(SQL) as g:
        with pytest.raises(ValueError, match="another Cluster"):
            g.move(node)
        with pytest.raises(TypeError):
            g.move(42)


def test_resource_offline_online_fail_restart(s, c):
    with c.open_resource("SQL Server Agent") as r:
        assert r.offline().wait(10).state is ResourceState.OFFLINE
        assert r.online().wait(10).state is ResourceState.ONLINE
        assert r.restart().wait(10).state is ResourceState.ONLINE
        outcome = r.fail().wait(10)
        assert outcome.ok and outcome.state is ResourceState.FAILED
        with pytest.raises(clusapi_py.ClusterError) as caught:
            r.fail()                                 # not online
        assert caught.value.winerror == 5004


def test_a_failing_resource_fails_the_group_online(s, c):
    s.set_resource_outcome("SQL Server", "fail")
    with c.open_group(SQL) as g:
        g.offline().wait(10)
        with pytest.raises(ClusterOperationFailedError) as caught:
            g.online().wait(10)
    assert caught.value.outcome.state is GroupState.FAILED


def test_return_to_source_is_reported(s, c):
    s.set_resource_outcome("SQL Server", "fail", node="NODE3")
    with c.open_group(SQL) as g:
        op = g.move("NODE3", flags=GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR)
        with pytest.raises(ClusterOperationFailedError) as caught:
            op.wait(10)
    outcome = caught.value.outcome
    assert outcome.owner_node in ("NODE2", "NODE3")
    assert not outcome.ok


def test_cancel_a_hanging_online(s, c):
    s.set_resource_outcome("SQL Server", "hang")
    with c.open_group(SQL) as g:
        g.offline().wait(10)
        op = g.online()
        with pytest.raises(clusapi_py.ClusterTimeoutError) as caught:
            op.wait(0.5)
        assert caught.value.outcome.state is GroupState.PENDING and not op.done
        assert op.cancel() is True                  # the hanging resource goes back where it was
        with pytest.raises(ClusterInvalidStateError):
            op.cancel()                             # nothing left to cancel: 5023
        op.close()
        with c.open_resource("SQL Server") as r:
            assert r.status().state is ResourceState.OFFLINE
    with c.open_resource("SQL Server Agent") as r:
        with pytest.raises(TypeError, match="group"):
            r.online().cancel()                     # a resource's operation has no cancel


def test_the_manual_clock_holds_a_wait_until_time_moves(s, c):
    s.manual_clock = True
    with c.open_group(SQL) as g:
        op = g.offline()
        assert not op.done
        s.advance(60)
        assert op.wait(1).state is GroupState.OFFLINE


def test_wait_async(s, c):
    with c.open_group(SQL) as g:
        outcome = asyncio.run(g.move("NODE3").wait_async(10))
    assert outcome.ok and outcome.owner_node == "NODE3"


def test_live_migrate_uses_the_documented_flags_and_instructions(s, c):
    with c.open_group(SQL) as g:
        outcome = g.live_migrate("NODE3").wait(10)
    assert outcome.ok and s.calls("MoveClusterGroupEx") == 1
