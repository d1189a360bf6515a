"""Node maintenance against the simulator: pause, drain (its Operation, waited on through
node events), resume with failback, drain_status(), and the refusals as their error classes
with nothing changed."""
from __future__ import annotations

import asyncio
import time

import pytest

import clusapi_py
from clusapi_py import (Access, ClusterAccessDeniedError, ClusterAPIUnavailableError, ClusterDrainTargetUnavailableError,
                        ClusterInvalidDrainTargetError, ClusterNoDrainDestinationError, ClusterNodeNotPausedError,
                        ClusterNodeUnavailableError, ClusterOperationFailedError, DrainStatus, EventKind, Failback,
                        GroupState, NodeDrainStatus, NodeState)

SQL = "SQL Server (MSSQLSERVER)"


def status(c, group):
    with c.open_group(group) as g:
        return g.status()


class _Owners:
    def __init__(self, c):
        self.c = c

    def __getitem__(self, group):
        return status(self.c, group).owner_node


def owners(c):
    """The groups' owners now (s.topology is what the cluster was built from)."""
    return _Owners(c)


def test_the_names_are_exported():
    for name in ("Failback", "NodeDrainStatus", "DrainStatus"):
        assert name in clusapi_py.__all__
    assert [(m.name, m.value) for m in Failback] == [("NONE", 0), ("IMMEDIATE", 1), ("POLICY", 2)]
    assert [m.name for m in NodeDrainStatus] == ["NOT_INITIATED", "IN_PROGRESS", "COMPLETED", "FAILED"]
    assert DrainStatus._fields == ("status", "target", "error")


def test_a_plain_pause_is_one_call_and_done(s, c):
    with c.open_node("NODE3") as n:
        before = s.round_trips()
        op = n.pause()
        assert s.round_trips() - before == 1 and s.calls("PauseClusterNode") == 1
        assert op.done and op.kind == "pause" and not op.pending
        outcome = op.wait(0)
        assert outcome.ok and outcome.state is NodeState.PAUSED and n.state is NodeState.PAUSED
        assert n.drain_status() == DrainStatus(NodeDrainStatus.NOT_INITIATED, None, 0)
        assert owners(c)["FS01"] == "NODE3"        # nothing moved
        assert n.pause().wait(0).ok                 # paused already: nothing to do
        n.resume().wait(0)


def test_a_drain_moves_every_role_and_is_waited_on_through_events(s, c):
    with c.open_node("NODE3") as n3:               # the first owner change reads the nodes' ids once per Cluster
        n3.pause(drain=True).wait(10)
        n3.resume(failback=Failback.IMMEDIATE).wait(0)
    with c.open_node("NODE1") as n:
        before = s.round_trips()
        op = n.pause(drain=True)
        started = s.round_trips() - before
        assert op.pending and op.kind == "drain" and op.target == "NODE1"
        seen = []
        outcome = op.wait(10, on_event=seen.append)
        waited = s.round_trips() - before - started
        assert outcome.ok and outcome.state is NodeState.PAUSED and outcome.roles == ()
        assert started <= 2                         # the port, the call
        assert waited <= 1                          # events only (and the port's close)
        assert s.calls("PauseClusterNodeEx") == 2 and s.calls("PauseClusterNode") == 0
        kinds = {e.kind for e in seen}
        assert {EventKind.NODE_STATE, EventKind.NODE_PROPERTIES, EventKind.GROUP_OWNER_NODE} <= kinds
        assert tuple(seen) == outcome.events
        assert n.group_names() == []
        assert owners(c)["Cluster Group"] != "NODE1" and owners(c)["Available Storage"] != "NODE1"
        assert n.drain_status() == DrainStatus(NodeDrainStatus.COMPLETED, None, 0)
        assert n.properties()["StatusInformation"] == 0x8          # DrainCompleted
        n.resume(failback=Failback.NONE).wait(0)
        assert n.drain_status().status is NodeDrainStatus.NOT_INITIATED


def test_a_drain_honours_preferred_and_possible_owners_and_the_target(s, c):
    s.add_group("G1", "NODE1", preferred_owners=["NODE3", "NODE2"])
    s.add_resource("R1", "G1")
    s.add_group("G2", "NODE1")
    s.add_resource("R2", "G2", possible_owners=["NODE1", "NODE3"])
    with c.open_node("NODE1") as n:
        n.pause(drain=True).wait(10)
    assert owners(c)["G1"] == "NODE3" and owners(c)["G2"] == "NODE3"
    with c.open_node("NODE1") as n1:
        n1.resume(failback=Failback.NONE).wait(0)
    with c.open_node("NODE3") as n3, c.open_node("NODE1") as target:
        op = n3.pause(drain=True, target=target)
        assert n3.drain_status().target == "NODE1"
        op.wait(10)
    assert owners(c)["G1"] == "NODE1" and owners(c)["FS01"] == "NODE1"


def test_a_role_that_cannot_move_stays_and_the_drain_fails_with_the_roles_left(s, c):
    s.add_group("Pinned", "NODE1")
    s.add_resource("PinnedRes", "Pinned", possible_owners=["NODE1"])
    with c.open_node("NODE1") as n:
        with pytest.raises(ClusterOperationFailedError, match="Pinned") as info:
            n.pause(drain=True).wait(10)
        outcome = info.value.outcome
        assert not outcome.ok and outcome.roles == ("Pinned",) and outcome.state is NodeState.PAUSED
        status = n.drain_status()
        assert status.status is NodeDrainStatus.FAILED and status.error == 5071     # NODE_CANT_HOST_RESOURCE
        assert n.properties()["StatusInformation"] == 0x10                        # DrainFailed
        assert owners(c)["Pinned"] == "NODE1" and owners(c)["Cluster Group"] != "NODE1"


def test_a_failing_move_comes_back_unless_forced(s, c):
    s.add_group("App", "NODE1", preferred_owners=["NODE2"])
    s.add_resource("AppRes", "App")
    s.set_resource_outcome("AppRes", "fail", node="NODE2")
    with c.open_node("NODE1") as n:
        with pytest.raises(ClusterOperationFailedError) as info:
            n.pause(drain=True).wait(10)
        assert info.value.outcome.roles == ("App",)
        assert owners(c)["App"] == "NODE1" and n.drain_status().error == 5038
        assert status(c, "App").state is GroupState.ONLINE   # back online there
        outcome = n.pause(drain=True, force=True).wait(10)        # -ForceDrain: moved anyway, failed
        assert outcome.ok and owners(c)["App"] == "NODE2"
        assert status(c, "App").state is GroupState.FAILED
        assert s.calls("PauseClusterNodeEx") == 2


def test_a_second_drain_attaches_to_the_one_under_way(s, c):
    s.manual_clock = True
    with c.open_node("NODE1") as n:
        first = n.pause(drain=True)
        second = n.pause(drain=True)                # 5962: attached, not raised
        assert second.pending and not second.done and n.drain_status().status is NodeDrainStatus.IN_PROGRESS
        s.advance(5)
        assert first.wait(5).ok and second.wait(5).ok


def test_the_drain_refusals_are_their_own_errors_with_nothing_changed(s, c):
    with c.open_node("NODE1") as n, c.open_node("NODE2") as n2:
        with pytest.raises(ClusterInvalidDrainTargetError) as self_target:
            n.pause(drain=True, target=n)
        assert self_target.value.winerror == 114 and isinstance(self_target.value, ValueError)
        s.set_node_state("NODE2", "DOWN")
        with pytest.raises(ClusterDrainTargetUnavailableError) as down_target:
            n.pause(drain=True, target="NODE2")
        assert down_target.value.winerror == 5005 and isinstance(down_target.value, ClusterNodeUnavailableError)
        s.set_node_state("NODE3", "PAUSED")
        with pytest.raises(ClusterNoDrainDestinationError) as nobody:
            n.pause(drain=True)
        assert nobody.value.winerror == 5050
        assert n.state is NodeState.UP and owners(c)["Cluster Group"] == "NODE1"
        assert n.drain_status().status is NodeDrainStatus.NOT_INITIATED
        assert n2.state is NodeState.DOWN


def test_bad_arguments_are_refused_before_any_call(s, c):
    with c.open_node("NODE1") as n:
        before = s.calls()
        with pytest.raises(ValueError, match="drain=True"):
            n.pause(target="NODE2")
        with pytest.raises(ValueError, match="drain=True"):
            n.pause(force=True)
        with pytest.raises(TypeError):
            n.pause(drain=1)                            # type: ignore[arg-type]
        with pytest.raises(TypeError):
            n.resume(failback=True)
        with pytest.raises(ValueError, match="POLICY"):
            n.resume(failback=7)
        with pytest.raises(TypeError):
            n.pause(drain=True, target=3.5)             # type: ignore[arg-type]
        assert s.calls() == before
        with pytest.raises(TypeError, match="cancelled"):
            n.pause().cancel()
        n.resume().wait(0)


def test_a_read_only_handle_is_refused_by_the_backend(s, c):
    with c.open_node("NODE1", Access.GENERIC_READ) as n:
        with pytest.raises(ClusterAccessDeniedError):
            n.pause(drain=True)
        with pytest.raises(ClusterAccessDeniedError):
            n.pause()
        assert n.state is NodeState.UP and n.drain_status().status is NodeDrainStatus.NOT_INITIATED


def test_a_reason_takes_the_ex2_calls_and_is_never_dropped(s, c):
    with c.open_node("NODE3") as n:
        with pytest.raises(ClusterAPIUnavailableError, match="PauseClusterNodeEx2"):
            n.pause(drain=True, reason="patching")
        assert n.state is NodeState.UP
        s.ex2_exports = True
        n.pause(drain=True, reason="patching").wait(10)
        n.resume(reason="patched").wait(0)
        assert s.calls("PauseClusterNodeEx2") == 1 and s.calls("ResumeClusterNodeEx2") == 1
        s.ex2_exports = False
        n.pause().wait(0)
        with pytest.raises(ClusterAPIUnavailableError, match="ResumeClusterNodeEx2"):
            n.resume(reason="patched")
        assert n.state is NodeState.PAUSED
        n.resume().wait(0)


def test_resume_of_a_node_that_is_not_paused_is_5058(s, c):
    with c.open_node("NODE1") as n:
        with pytest.raises(ClusterNodeNotPausedError) as info:
            n.resume()
        assert info.value.winerror == 5058 and isinstance(info.value, clusapi_py.ClusterInvalidStateError)


def _drained_fs01(s, c):
    """FS01 (preferred NODE3, NODE1) drained off NODE3 onto NODE1; NODE3 paused."""
    with c.open_node("NODE3") as n:
        n.pause(drain=True).wait(10)
    assert owners(c)["FS01"] == "NODE1"


def _wait_for_owner(c, group, node):
    end = time.monotonic() + 5
    while owners(c)[group] != node and time.monotonic() < end:
        time.sleep(0.01)
    return owners(c)[group] == node


@pytest.mark.parametrize("failback, expected", [(Failback.NONE, "NODE1"), (Failback.IMMEDIATE, "NODE3"),
                                                (Failback.POLICY, "NODE1")])
def test_resume_fails_back_as_asked(s, c, failback, expected):
    _drained_fs01(s, c)
    with c.open_node("NODE3") as n:
        op = n.resume(failback=failback)
        assert op.done and op.wait(0).state is NodeState.UP
        assert s.calls("ResumeClusterNodeEx") == 1
    assert _wait_for_owner(c, "FS01", expected)


def test_policy_failback_follows_auto_failback_type_and_the_window(s, c):
    hour = time.gmtime().tm_hour
    s.set_properties("group", "FS01", {"AutoFailbackType": 1, "FailbackWindowStart": (hour + 2) % 24,
                                       "FailbackWindowEnd": (hour + 3) % 24})
    _drained_fs01(s, c)
    with c.open_node("NODE3") as n:
        n.resume().wait(0)                          # POLICY: outside the window, nothing moves
        time.sleep(0.2)
        assert owners(c)["FS01"] == "NODE1"
        n.pause(drain=True).wait(10)
        s.set_properties("group", "FS01", {"FailbackWindowStart": hour, "FailbackWindowEnd": hour})
        n.resume().wait(0)                          # inside it: back to its preferred owner
    assert _wait_for_owner(c, "FS01", "NODE3")


def test_a_set_property_overrides_the_machine_and_the_events_carry_its_values(s, c):
    s.set_properties("node", "NODE2", {"NodeDrainStatus": 3})
    with c.open_node("NODE2") as n2, c.open_node("NODE1") as n1:
        assert n2.drain_status().status is NodeDrainStatus.FAILED       # the override wins
        with c.notifications([EventKind.NODE_PROPERTIES]) as port:
            n1.pause(drain=True).wait(10)
            values = []
            event = port.get(1)
            while event is not None:
                values.append(event.properties())
                event = port.get(0.2)
        assert {"NodeDrainStatus": 1, "NodeDrainTarget": "", "DrainErrorCode": 0, "StatusInformation": 4} in values
        assert any(v is not None and v.get("NodeDrainStatus") == 2 for v in values)


def test_a_drain_with_the_manual_clock_and_wait_async(s, c):
    s.manual_clock = True
    with c.open_node("NODE1") as n:
        op = n.pause(drain=True)
        with pytest.raises(clusapi_py.ClusterTimeoutError) as info:
            op.wait(0.05)
        assert info.value.outcome.state is NodeState.PAUSED and not info.value.outcome.ok
        s.advance(5)
        outcome = asyncio.run(op.wait_async(5))
        assert outcome.ok
    assert status(c, "Cluster Group").state is GroupState.ONLINE
