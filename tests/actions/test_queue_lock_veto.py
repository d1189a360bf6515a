"""The move queue, locked mode and vetoes: what the simulator does (as a cluster does it:
StatusInformation bits with their property events, the documented refusals) and what an
Operation makes of it (queued is never done, a veto is a failure back on the source)."""
from __future__ import annotations

import pytest

from clusapi_py import (ClusterGroupQueuedError, ClusterObjectNotFoundError, ClusterOperationFailedError,
                        ClusterResourceLockedError, ClusterTimeoutError, GroupMoveFlags, GroupOnlineFlags,
                        GroupState, ResourceOfflineFlags, ResourceOnlineFlags, ResourceState)
from clusapi_py.events.types import EventKind

SQL = "SQL Server (MSSQLSERVER)"
FS = "FS01"
QUEUE = GroupMoveFlags.QUEUE_ENABLED
QUEUED_BIT = 0x4
LOCKED_BIT = 0x1


def status_information(c, name):
    with c.open_group(name) as g:
        return g.properties()["StatusInformation"]


def elsewhere(c, name):
    """A node the group can move to: not its owner, and one its resources can live on."""
    with c.open_group(name) as g:
        owner = g.status().owner_node
    return "NODE3" if owner != "NODE3" else "NODE2"


@pytest.fixture
def queue(s):
    s.manual_clock = True
    s.parallel_moves = 1
    return s


def test_a_queue_enabled_move_over_the_limit_waits_online_on_the_source(queue, c):
    s = queue
    with c.open_group(SQL) as a, c.open_group(FS) as b:
        a_target, b_target, b_source = elsewhere(c, SQL), elsewhere(c, FS), b.status().owner_node
        first = a.move(a_target)
        second = b.move(b_target, flags=QUEUE)
        assert second.pending                                   # 997: accepted, queued
        assert b.status() == (GroupState.ONLINE, b_source)      # still where it was
        assert status_information(c, FS) & QUEUED_BIT
        with pytest.raises(ClusterTimeoutError) as caught:
            second.wait(0.2)
        assert caught.value.outcome.queued and caught.value.outcome.owner_node == b_source
        with pytest.raises(ClusterGroupQueuedError):
            b.online()                                          # acting on a queued group: 5959
        with pytest.raises(ClusterGroupQueuedError):
            b.move(b_source)
        s.advance(60)                                           # the first move ends, the second runs
        assert first.wait(5).owner_node == a_target
        outcome = second.wait(5)
    assert outcome.ok and outcome.owner_node == b_target and not outcome.queued
    assert status_information(c, FS) & QUEUED_BIT == 0
    bits = [ev.properties()["StatusInformation"] for ev in outcome.events if ev.kind is EventKind.GROUP_PROPERTIES]
    assert bits == [QUEUED_BIT, 0]                              # set when queued, cleared when it starts


def test_without_queue_enabled_the_limit_does_not_hold_a_move(queue, c):
    with c.open_group(SQL) as a, c.open_group(FS) as b:
        a.move(elsewhere(c, SQL))
        op = b.move(elsewhere(c, FS))
        assert status_information(c, FS) & QUEUED_BIT == 0
        queue.advance(60)
        assert op.wait(5).ok


def test_high_priority_start_goes_first(queue, c):
    s = queue
    s.add_group("G3", owner_node="NODE1")
    s.add_resource("R3", "G3", state="ONLINE")
    with c.open_group(SQL) as a, c.open_group(FS) as b, c.open_group("G3") as g3:
        first = a.move(elsewhere(c, SQL))
        normal = b.move(elsewhere(c, FS), flags=QUEUE)
        urgent = g3.move("NODE2", flags=QUEUE | GroupMoveFlags.HIGH_PRIORITY_START)
        while not first.done:                                   # step by step to the first move's end
            s.advance(s.action_seconds)
        assert status_information(c, "G3") & QUEUED_BIT == 0   # started before the older one
        assert status_information(c, FS) & QUEUED_BIT
        s.advance(60)
        assert urgent.wait(5).ok and normal.wait(5).ok


def test_cancelling_a_queued_move_ends_it_where_it_was(queue, c):
    with c.open_group(SQL) as a, c.open_group(FS) as b:
        a.move(elsewhere(c, SQL))
        source = b.status().owner_node
        op = b.move(elsewhere(c, FS), flags=QUEUE)
        assert op.cancel() is True                              # out of the queue: 0
        with pytest.raises(ClusterOperationFailedError, match="cancelled") as caught:
            op.wait(1)
        assert caught.value.outcome.owner_node == source and caught.value.outcome.state is GroupState.ONLINE
        assert status_information(c, FS) & QUEUED_BIT == 0
        queue.advance(60)
        assert b.status().owner_node == source                  # never moved


def test_raising_the_limit_starts_queued_moves(queue, c):
    with c.open_group(SQL) as a, c.open_group(FS) as b:
        a.move(elsewhere(c, SQL))
        op = b.move(elsewhere(c, FS), flags=QUEUE)
        queue.parallel_moves = 0                                # no limit any more
        assert status_information(c, FS) & QUEUED_BIT == 0
        queue.advance(60)
        assert op.wait(5).ok


def test_a_locked_group_refuses_its_actions_unless_told_to_ignore_it(s, c):
    s.set_group_locked(SQL)
    assert status_information(c, SQL) & LOCKED_BIT
    with c.open_group(SQL) as g, c.open_resource("SQL Server Agent") as r:
        before = g.status()
        for act in (lambda: g.move(elsewhere(c, SQL)), g.offline, lambda: g.online(),
                    r.offline, r.fail, r.restart):
            with pytest.raises(ClusterResourceLockedError):
                act()
        assert g.status() == before                             # nothing changed
        op = g.online(flags=GroupOnlineFlags.IGNORE_RESOURCE_STATUS)
        assert op.wait(10).ok                                   # already online: done at once
        assert r.offline(flags=ResourceOfflineFlags.IGNORE_RESOURCE_STATUS).wait(10).state is ResourceState.OFFLINE
    s.set_group_locked(SQL, False)
    assert status_information(c, SQL) & LOCKED_BIT == 0
    with c.open_resource("SQL Server Agent") as r:
        assert r.online(flags=ResourceOnlineFlags(0)).wait(10).state is ResourceState.ONLINE


def test_a_veto_on_the_target_brings_the_group_back_without_a_failure(s, c):
    target = elsewhere(c, SQL)
    s.set_resource_outcome("SQL Server", "veto", node=target)
    with c.open_group(SQL) as g:
        source = g.status().owner_node
        with pytest.raises(ClusterOperationFailedError) as caught:
            g.move(target).wait(10)
    outcome = caught.value.outcome
    assert outcome.returned_to_source and outcome.owner_node == source and outcome.state is GroupState.ONLINE
    states = [ev.state for ev in outcome.events if ev.kind is EventKind.GROUP_STATE]
    assert GroupState.FAILED not in states                      # a veto is no failure
    with c.open_resource("SQL Server") as r:
        assert r.status().state is ResourceState.ONLINE


def test_a_veto_elsewhere_lets_an_online_succeed(s, c):
    s.set_resource_outcome("SQL Server", "veto")
    with c.open_group(SQL) as g:
        g.offline().wait(10)
        assert g.online().wait(10).state is GroupState.ONLINE


def test_the_knobs_refuse_bad_values(s):
    with pytest.raises(TypeError):
        s.parallel_moves = True
    with pytest.raises(TypeError):
        s.parallel_moves = "2"
    with pytest.raises(ValueError):
        s.parallel_moves = -1
    assert s.parallel_moves == 0
    with pytest.raises(ClusterObjectNotFoundError):
        s.set_group_locked("no such group")
    with pytest.raises(TypeError):
        s.set_group_locked(SQL, "yes")
    with pytest.raises(ValueError):
        s.set_resource_outcome("SQL Server", "refuse")


def test_a_drain_takes_a_move_queued_onto_its_node_out_of_the_queue(queue, c):
    s = queue
    with c.open_group(SQL) as a, c.open_group(FS) as b, c.open_node("NODE1") as n1:
        a.move(elsewhere(c, SQL))                               # the one move that may run
        b_source = b.status().owner_node
        queued = b.move("NODE1", flags=QUEUE)
        assert status_information(c, FS) & QUEUED_BIT
        drain = n1.pause(drain=True)
        s.advance(600)
        assert drain.wait(10).ok                                # not held by a move that can never start
        assert status_information(c, FS) & QUEUED_BIT == 0
        assert b.status().owner_node == b_source
        queued.close()
        n1.resume().wait(0)
