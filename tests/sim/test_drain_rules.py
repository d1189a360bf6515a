"""The simulator's drain rules at their edges (sim/cs_sim_drain.c): the events a drain
posts and their order, a drain interrupted (the node down, resumed, its target deleted),
the properties an older build lacks, and the set_properties override's precedence."""
import pytest

import clusapi_py
from clusapi_py import EventKind, NodeDrainStatus, NodeState


@pytest.fixture
def manual(s):
    s.manual_clock = True
    return s


def drain_events(port):
    out = []
    event = port.get(0)
    while event is not None:
        if event.kind is EventKind.NODE_STATE:
            out.append(("state", event.state))
        elif event.kind is EventKind.NODE_PROPERTIES:
            out.append(("drain", event.properties().get("NodeDrainStatus")))
        event = port.get(0)
    return out


def test_the_events_of_a_drain_in_order(manual, c):
    with c.notifications([EventKind.NODE_STATE, EventKind.NODE_PROPERTIES]) as port, c.open_node("NODE1") as n:
        op = n.pause(drain=True)
        assert drain_events(port) == [("state", NodeState.PAUSED), ("drain", 1)]
        manual.advance(10)
        assert drain_events(port) == [("drain", 2)]
        assert op.wait(1).ok
        n.resume().wait(0)
        assert drain_events(port) == [("state", NodeState.UP), ("drain", 0)]


def test_a_node_that_goes_down_ends_its_drain_failed(manual, c):
    with c.open_node("NODE1") as n:
        op = n.pause(drain=True)
        manual.set_node_state("NODE1", "DOWN")
        manual.advance(1)
        with pytest.raises(clusapi_py.ClusterOperationFailedError, match="went down"):
            op.wait(1)
        status = n.drain_status()
        assert status.status is NodeDrainStatus.FAILED and status.error == 5050


def test_a_resume_during_a_drain_stops_it(manual, c):
    with c.open_node("NODE1") as n:
        op = n.pause(drain=True)
        n.resume(failback=clusapi_py.Failback.NONE).wait(0)
        with pytest.raises(clusapi_py.ClusterOperationFailedError, match="resumed"):
            op.wait(1)
        manual.advance(10)
        assert n.drain_status().status is NodeDrainStatus.NOT_INITIATED and n.state is NodeState.UP


def test_a_deleted_target_is_forgotten(manual, c):
    manual.add_node("NODE9")
    with c.open_node("NODE1") as n:
        op = n.pause(drain=True, target="NODE9")
        assert n.drain_status().target == "NODE9"
        manual.delete_node("NODE9")
        manual.advance(10)
        assert n.drain_status().target is None
        with pytest.raises(clusapi_py.ClusterOperationFailedError) as info:
            op.wait(1)      # the moves toward it ended where they were: the roles stay
        assert set(info.value.outcome.roles) == {"Cluster Group", "Available Storage"}
        assert n.drain_status().status is NodeDrainStatus.FAILED


def test_older_builds_lack_the_newer_drain_properties(s, c):
    s.set_version(build=14393)
    with c.open_node("NODE3") as n:
        assert "DrainErrorCode" not in n.properties()
        n.pause(drain=True).wait(10)
        status = n.drain_status()
        assert status.status is NodeDrainStatus.COMPLETED and status.error is None
        assert n.properties()["StatusInformation"] == 0x8
    s.set_version(build=9600)
    with c.open_node("NODE3") as n:
        assert "StatusInformation" not in n.properties()
        assert n.drain_status().status is NodeDrainStatus.COMPLETED


def test_a_set_value_wins_and_its_name_leaves_the_events(s, c):
    s.set_properties("node", "NODE1", {"NodeDrainStatus": 0, "NodeDrainTarget": "maintenance"})
    with c.notifications([EventKind.NODE_PROPERTIES]) as port, c.open_node("NODE1") as n:
        n.pause(drain=True)             # the override hides the machine: wait() cannot see the end
        status = n.drain_status()
        assert status.status is NodeDrainStatus.NOT_INITIATED and status.target == "maintenance"
        event = port.get(1)
        assert event is not None and set(event.properties()) == {"DrainErrorCode", "StatusInformation"}
