"""How an Operation waits: on its own notification port, opened before the action,
judged on state, owner and the queued bit -- driven here by the simulator's state
knobs the way a cluster moves after it accepted an action (the action calls
themselves are the simulator's, tested with them)."""
from __future__ import annotations

import threading
import time

import pytest

import clusapi_py
from clusapi_py import GroupState, ResourceState
from clusapi_py.actions.operation import start
from clusapi_py.errors import ClusterError, ClusterOperationFailedError, ClusterTimeoutError
from clusapi_py.events.types import EventKind

PENDING = 997


@pytest.fixture
def s(s):
    """The conftest's simulator (it checks for leaks) with a group G of two resources, R2 on R."""
    s.add_group("G", owner_node="NODE1", state="OFFLINE")
    s.add_resource("R", "G", state="OFFLINE")
    s.add_resource("R2", "G", state="OFFLINE", dependencies=["R"])
    return s


@pytest.fixture
def c(s):
    with clusapi_py.open_cluster(backend=s) as cluster:
        yield cluster


def later(*steps, gap=0.03):
    """Runs each step after `gap` seconds, in order, on another thread (the cluster at work)."""
    def run():
        for step in steps:
            time.sleep(gap)
            step()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_an_online_is_done_when_the_group_is_online(s, c):
    g = c.open_group("G")
    # as a cluster does it: every resource pending (R2 waits for R), then online in dependency order
    steps = [lambda: s.set_resource_state("R", "ONLINE_PENDING"), lambda: s.set_resource_state("R2", "ONLINE_PENDING"),
             lambda: s.set_resource_state("R", "ONLINE"), lambda: s.set_resource_state("R2", "ONLINE")]
    op = start(g, "online", GroupState.ONLINE, lambda: (later(*steps), PENDING)[1])
    assert op.pending and op.kind == "online" and op.target == "G"
    outcome = op.wait(5)
    assert outcome.ok and outcome.state is GroupState.ONLINE and outcome.owner_node == "NODE1"
    assert not outcome.queued and not outcome.returned_to_source and outcome.elapsed > 0
    assert [e.state for e in outcome.events if e.kind is EventKind.GROUP_STATE][-1] is GroupState.ONLINE
    assert op.done and op.outcome == outcome
    assert op.wait(0) == outcome                  # waiting again answers at once


def test_a_failed_resource_fails_the_online(s, c):
    g = c.open_group("G")
    op = start(g, "online", GroupState.ONLINE,
               lambda: (later(lambda: s.set_resource_state("R", "ONLINE_PENDING"),
                              lambda: s.set_resource_state("R", "FAILED")), PENDING)[1])
    with pytest.raises(ClusterOperationFailedError, match="ended Failed") as caught:
        op.wait(5)
    assert isinstance(caught.value, ClusterError)
    assert caught.value.outcome.state is GroupState.FAILED and not caught.value.outcome.ok
    assert op.done and op.outcome is caught.value.outcome


def test_a_timeout_leaves_the_operation_going(s, c):
    g = c.open_group("G")
    op = start(g, "online", GroupState.ONLINE, lambda: PENDING)
    t0 = time.monotonic()
    with pytest.raises(ClusterTimeoutError) as caught:
        op.wait(0.2)
    assert 0.15 <= time.monotonic() - t0 < 2
    assert caught.value.outcome.state is GroupState.OFFLINE and not op.done
    later(lambda: s.set_resource_state("R2", "ONLINE_PENDING"), lambda: s.set_resource_state("R", "ONLINE"),
          lambda: s.set_resource_state("R2", "ONLINE"))
    assert op.wait(5).state is GroupState.ONLINE


def test_nothing_to_do_is_done_at_once_with_no_wait(s, c):
    s.set_resource_state("R", "ONLINE")
    s.set_resource_state("R2", "ONLINE")
    g = c.open_group("G")
    op = start(g, "online", GroupState.ONLINE, lambda: 0)
    assert op.done and op.outcome.ok and not op.pending


def test_a_refused_call_raises_and_closes_its_port(s, c):
    g = c.open_group("G")
    before = s.open_handles()["notify"]
    s.fail("GetClusterGroupState", 5)           # the seed read is refused
    with pytest.raises(clusapi_py.ClusterAccessDeniedError):
        start(g, "online", GroupState.ONLINE, lambda: PENDING)
    assert s.open_handles()["notify"] == before


def test_a_move_is_judged_on_owner_and_state_not_on_pending(s, c):
    for r in ("R", "R2"):
        s.set_resource_state(r, "ONLINE")
    g = c.open_group("G")
    # The group stays Online on the source for a while (queued, or not started): not done.
    op = start(g, "move", GroupState.ONLINE, lambda: PENDING, requested_node="NODE2")
    assert not op.done
    later(lambda: s.set_resource_state("R2", "OFFLINE_PENDING"), lambda: s.set_resource_state("R2", "OFFLINE"),
          lambda: s.set_resource_state("R", "OFFLINE"), lambda: s.move_group("G", "NODE2"),
          lambda: s.set_resource_state("R", "ONLINE"), lambda: s.set_resource_state("R2", "ONLINE"))
    outcome = op.wait(5)
    assert outcome.ok and outcome.owner_node == "NODE2" and outcome.state is GroupState.ONLINE
    kinds = [e.kind for e in outcome.events]
    assert EventKind.GROUP_OWNER_NODE in kinds


def test_a_move_that_comes_back_to_the_source_fails(s, c):
    for r in ("R", "R2"):
        s.set_resource_state(r, "ONLINE")
    g = c.open_group("G")
    op = start(g, "move", GroupState.ONLINE, lambda: PENDING, requested_node="NODE2")
    later(lambda: s.set_resource_state("R", "OFFLINE"), lambda: s.move_group("G", "NODE2"),
          lambda: s.move_group("G", "NODE1"), lambda: s.set_resource_state("R", "ONLINE"))
    with pytest.raises(ClusterOperationFailedError, match="back on the source") as caught:
        op.wait(5)
    assert caught.value.outcome.returned_to_source and caught.value.outcome.owner_node == "NODE1"


def test_a_resource_restart_passes_through_offline(s, c):
    for r in ("R", "R2"):
        s.set_resource_state(r, "ONLINE")
    r = c.open_resource("R2")
    op = start(r, "restart", ResourceState.ONLINE, lambda: PENDING)
    assert not op.done                              # Online before the restart began: not judged
    later(lambda: s.set_resource_state("R2", "OFFLINE_PENDING"), lambda: s.set_resource_state("R2", "OFFLINE"),
          lambda: s.set_resource_state("R2", "ONLINE_PENDING"), lambda: s.set_resource_state("R2", "ONLINE"))
    assert op.wait(5).state is ResourceState.ONLINE


def test_a_reconnect_re_reads_the_object(s, c):
    g = c.open_group("G")
    op = start(g, "online", GroupState.ONLINE, lambda: PENDING)
    s.notification_queue_limit = 1
    s.reset_calls()
    s.set_resource_state("R2", "ONLINE_PENDING")     # the group goes Pending: queued
    s.set_resource_state("R", "ONLINE")
    s.set_resource_state("R2", "ONLINE")             # Online: the queue is full, the port reports lost events
    outcome = op.wait(5)
    assert outcome.ok and outcome.state is GroupState.ONLINE
    assert s.calls("GetClusterGroupState") == 1      # the one object re-read, once


def test_closing_stops_the_watch_and_the_port(s, c):
    g = c.open_group("G")
    before = s.open_handles()["notify"]
    with start(g, "online", GroupState.ONLINE, lambda: PENDING) as op:
        assert s.open_handles()["notify"] == before + 1
    assert s.open_handles()["notify"] == before
    with pytest.raises(ValueError, match="no longer watched"):
        op.wait()                                   # at once, not forever
    assert not op.done and op.outcome is None


def test_wait_async_lets_the_loop_run_and_ends_with_the_outcome(s, c):
    import asyncio
    g = c.open_group("G")
    op = start(g, "online", GroupState.ONLINE, lambda: PENDING)

    async def main():
        ticks = 0

        async def tick():
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)
        ticker = asyncio.ensure_future(tick())
        later(lambda: s.set_resource_state("R2", "ONLINE_PENDING"), lambda: s.set_resource_state("R", "ONLINE"),
              lambda: s.set_resource_state("R2", "ONLINE"), gap=0.1)
        outcome = await op.wait_async(5)
        ticker.cancel()
        return outcome, ticks
    outcome, ticks = asyncio.run(main())
    assert outcome.ok and ticks >= 5


def test_bad_timeouts_are_refused(s, c):
    op = start(c.open_group("G"), "online", GroupState.ONLINE, lambda: PENDING)
    for bad in (-1, float("nan")):
        with pytest.raises(ValueError):
            op.wait(bad)


def test_operations_cannot_be_made_directly():
    with pytest.raises(TypeError):
        clusapi_py.Operation()
