"""The live view's node statuses: drain status and StatusInformation kept current from
events (property events' values with no call; a NODE_STATE event, or a version-1
property event, re-reads the one node), and when a drain was first seen in progress."""
import time

import pytest

from clusapi_py.records import NodeStatus


def reads(s):
    """(node opens, node control calls) so far."""
    return s.calls("OpenClusterNodeEx"), s.calls("ClusterNodeControl")


def test_a_healthy_cluster_reads_no_node_status(s, c):
    before = reads(s)
    with c.live_view() as view:
        assert view.node_status == {}
        assert reads(s)[1] == before[1]                      # no control call on a node


def test_the_first_read_reads_the_nodes_that_are_not_up(s, c):
    s.set_properties("node", "NODE3", {"NodeDrainStatus": 2, "StatusInformation": 0x8})
    s.set_node_state("NODE3", "PAUSED")
    s.set_properties("node", "NODE2", {"NodeDrainStatus": 1})
    s.set_node_state("NODE2", "PAUSED")
    opens, controls = reads(s)
    start = time.time()
    with c.live_view() as view:
        status = view.node_status
        assert set(status) == {"NODE2", "NODE3"}
        assert status["NODE3"] == NodeStatus(2, 8, 0xB0004, 0xB0004, None)
        assert status["NODE2"].drain_status == 1 and start <= status["NODE2"].drain_started <= time.time()
        assert reads(s)[1] == controls + 2                   # one control call a node, on a handle kept
        assert sorted(view._core.node_handles) == ["NODE2", "NODE3"]
    assert s.open_handles().get("node", 0) == 0              # the view's node handles closed with it


def test_property_events_update_the_status_without_a_call(s, c):
    s.set_node_state("NODE1", "PAUSED")
    with c.live_view() as view:
        assert view.node_status["NODE1"].drain_status == 0
        view.flush()
        before, snap = reads(s), view.snapshot()
        s.set_properties("node", "NODE1", {"NodeDrainStatus": 1, "StatusInformation": 0x4})
        view.flush()
        got = view.node_status["NODE1"]
        assert (got.drain_status, got.status_information) == (1, 4) and got.drain_started is not None
        assert reads(s) == before                            # the events carried the values
        assert view.snapshot() is not snap                   # a new snapshot (the exporter rebuilds)
        started = got.drain_started
        s.set_properties("node", "NODE1", {"StatusInformation": 0x4 | 0x20})
        view.flush()
        assert view.node_status["NODE1"].drain_started == started      # the same drain
        s.set_properties("node", "NODE1", {"NodeDrainStatus": 2, "StatusInformation": 0x8})
        view.flush()
        assert view.node_status["NODE1"] == NodeStatus(2, 8, 0xB0004, 0xB0004, None)
        snap = view.snapshot()
        s.set_properties("node", "NODE1", {"NodeWeight": 0})          # not a status property
        view.flush()
        assert view.snapshot() is snap and reads(s) == before


def test_a_node_state_event_reads_that_node_once_its_handle_is_open(s, c):
    with c.live_view() as view:
        view.flush()
        opens, controls = reads(s)
        s.set_properties("node", "NODE2", {"NodeDrainStatus": 3})
        s.set_node_state("NODE2", "PAUSED")
        view.flush()
        assert view.node_status["NODE2"].drain_status == 3
        assert reads(s) == (opens + 1, controls + 1)
        s.set_node_state("NODE2", "UP")
        view.flush()
        assert reads(s) == (opens + 1, controls + 2)         # the handle kept: one round trip
        s.set_node_state("NODE3", "UP")                      # Up, never read: no call
        s.set_node_state("NODE3", "UP")
        view.flush()
        assert reads(s) == (opens + 1, controls + 2)


def test_version_1_property_events_read_the_node(s, c):
    s.set_node_state("NODE1", "PAUSED")
    with c.live_view(version=1) as view:
        view.flush()
        opens, controls = reads(s)
        s.set_properties("node", "NODE1", {"NodeDrainStatus": 2})
        view.flush()
        assert view.node_status["NODE1"].drain_status == 2
        assert reads(s) == (opens, controls + 1)


def test_a_deleted_node_leaves_the_statuses(s, c):
    s.set_node_state("NODE3", "PAUSED")
    for group in [g["name"] for g in s.topology["groups"] if g["owner_node"] == "NODE3"]:
        s.move_group(group, "NODE1")
    for nif in [i["name"] for i in s.topology["netinterfaces"] if i["node"] == "NODE3"]:
        s.delete_netinterface(nif)
    with c.live_view() as view:
        assert "NODE3" in view.node_status
        s.delete_node("NODE3")
        view.flush()
        assert view.node_status == {}
    assert s.open_handles().get("node", 0) == 0


def test_a_resync_keeps_a_drains_start(s, c):
    s.set_properties("node", "NODE1", {"NodeDrainStatus": 1})
    s.set_node_state("NODE1", "PAUSED")
    s.notification_queue_limit = 2
    with c.live_view() as view:
        started = view.node_status["NODE1"].drain_started
        with view._core.lock:       # the reader waits: the port's queue overflows (lost notifications)
            for state in ("FAILED", "OFFLINE", "ONLINE") * 3:
                s.set_group_state("FS01", state)
            s.set_properties("node", "NODE2", {"NodeDrainStatus": 2})
            s.set_node_state("NODE2", "PAUSED")
        view.flush()
        assert view.resyncs >= 1
        assert view.node_status["NODE1"].drain_started == started
        assert view.node_status["NODE2"] == NodeStatus(2, 0, 0xB0004, 0xB0004, None)


def test_a_closed_view_refuses(s, c):
    view = c.live_view()
    view.close()
    with pytest.raises(ValueError):
        view.node_status


@pytest.mark.parametrize("code", [5050, 1359])
def test_a_node_read_that_fails_leaves_that_node_out_and_the_view_current(s, c, code):
    s.set_node_state("NODE3", "PAUSED")
    s.fail("ClusterNodeControl", code)
    with c.live_view() as view:
        assert view.node_status == {} and not view.stale
        assert view.last_error is not None and view.last_error.winerror == code
        s.set_node_state("NODE3", "DOWN")        # read again: it works now
        view.flush()
        assert view.node_status["NODE3"].drain_status == 0 and view.resyncs == 0
