"""SHARED_VOLUME_STATE events and LiveView.shared_volume_states: the simulator
posts a CSV's per-node states when its volume changes (fault state, free
space), when its group moves and when its resource's or a node's state
changes what the nodes see; the view reads them at (re)sync and keeps them
current."""
import struct

import pytest

from clusapi_py import CsvFaultState, CsvNodeState, EventKind
from clusapi_py.shared_volumes import CsvVolumeState, csv_node_states

from test_port import drain

K = EventKind
S = CsvVolumeState
CSVS = ("Cluster Disk 3", "Cluster Disk 4")


def nodes(s):
    return [n["name"] for n in s.topology["nodes"]]


def states_of(ev):
    return {n.node: n for n in csv_node_states(ev.payload)}


def test_a_fault_state_posts_the_per_node_states(s, c):
    with c.notifications([K.SHARED_VOLUME_STATE]) as port:
        s.set_csv_fault_state("Cluster Disk 3", CsvFaultState.NO_DIRECT_IO)
        s.set_csv_fault_state("Cluster Disk 3", CsvFaultState.IN_MAINTENANCE)
        s.set_csv_fault_state("Cluster Disk 3", CsvFaultState.NO_ACCESS)
        s.set_csv_fault_state("Cluster Disk 3", 0)
        events = drain(port)
    assert [(e.kind, e.name) for e in events] == [(K.SHARED_VOLUME_STATE, "Cluster Disk 3")] * 4
    res = next(r for r in s.topology["resources"] if r["name"] == "Cluster Disk 3")
    assert events[0].id == res["id"] and events[0].resource_type == res["type"]
    redirected, paused, no_access, healthy = [states_of(e) for e in events]
    assert sorted(redirected) == sorted(nodes(s))
    assert all(n.state is S.ACTIVE_REDIRECTED and n.redirected_reason == 1 for n in redirected.values())
    assert all(n.state is S.PAUSED for n in paused.values())
    assert all(n.state is S.UNAVAILABLE for n in no_access.values())
    assert all(n == CsvNodeState(n.node, S.ACTIVE, 0, 0) for n in healthy.values())


def test_fill_volume_posts_and_the_payload_is_a_list_of_state_info_ex(s, c):
    with c.notifications([K.SHARED_VOLUME_STATE]) as port:
        s.fill_volume("Cluster Disk 4", 0)
        (ev,) = drain(port)
    assert ev.name == "Cluster Disk 4"
    assert struct.unpack_from("<I", ev.payload)[0] == len(nodes(s))     # one BINARY value per node
    assert ev.properties() is None                                       # not a property kind
    assert all(n.state is S.ACTIVE for n in csv_node_states(ev.payload))


def test_moving_the_csvs_group_posts_after_the_owner_event(s, c):
    with c.notifications([K.GROUP_OWNER_NODE, K.SHARED_VOLUME_STATE]) as port:
        s.move_group("FS01", "NODE1")          # FS01 holds Cluster Disk 4
        events = drain(port)
    assert [(e.kind, e.name) for e in events] == [(K.GROUP_OWNER_NODE, "FS01"),
                                                  (K.SHARED_VOLUME_STATE, "Cluster Disk 4")]


def test_resource_and_node_state_post_only_what_changes_a_nodes_view(s, c):
    down = nodes(s)[1]
    with c.notifications([K.SHARED_VOLUME_STATE]) as port:
        s.set_node_state(down, "PAUSED")          # a paused node still has the volume: nothing
        assert drain(port) == []
        s.set_node_state(down, "DOWN")            # every CSV changes on that node
        events = drain(port)
        assert sorted(e.name for e in events) == sorted(CSVS)
        assert all(states_of(e)[down].state is S.UNAVAILABLE for e in events)
        assert all(states_of(e)[nodes(s)[0]].state is S.ACTIVE for e in events)
        s.set_resource_state("Cluster Disk 3", "OFFLINE")
        (ev,) = drain(port)
        assert ev.name == "Cluster Disk 3" and all(n.state is S.UNAVAILABLE for n in states_of(ev).values())
        s.set_resource_state("SQL Server", "OFFLINE")     # not a CSV
        s.set_group_state("FS01", "ONLINE")               # group states do not change a CSV's nodes
        assert drain(port) == []


def test_version_1_has_no_shared_volume_events(s, c):
    with c.notifications(version=1) as port:
        s.set_csv_fault_state("Cluster Disk 3", 1)
        assert drain(port) == []


def test_the_live_view_reads_the_states_and_keeps_them_current(s, c):
    with c.live_view() as view:
        first = view.shared_volume_states
        assert sorted(first) == sorted(CSVS)
        for name in CSVS:
            assert sorted(n.node for n in first[name]) == sorted(nodes(s))
            assert all(isinstance(n, CsvNodeState) and n.state is S.ACTIVE for n in first[name])
        calls = s.calls()
        assert view.shared_volume_states == first and s.calls() == calls     # no backend call
        s.set_csv_fault_state("Cluster Disk 4", CsvFaultState.NO_DIRECT_IO)
        view.flush()
        now = view.shared_volume_states
        assert all(n.state is S.ACTIVE_REDIRECTED for n in now["Cluster Disk 4"])
        assert now["Cluster Disk 3"] == first["Cluster Disk 3"]
        assert first["Cluster Disk 4"][0].state is S.ACTIVE                  # a copy: the old dict kept
        s.delete_resource("Cluster Disk 3")
        view.flush()
        assert sorted(view.shared_volume_states) == ["Cluster Disk 4"]


def test_after_a_resync_the_states_are_read_again(s, c):
    s.notification_queue_limit = 2
    with c.live_view() as view:
        # The port overflows: LOST_NOTIFICATIONS, then a resync.  The view's lock is held while
        # changing (as in test_live.py), so its reader cannot drain the queue between changes.
        with view._core.lock:       # type: ignore[union-attr]
            for _ in range(3):
                s.set_group_state("FS01", "OFFLINE")
                s.set_group_state("FS01", "ONLINE")
            s.set_csv_fault_state("Cluster Disk 3", CsvFaultState.IN_MAINTENANCE)
        view.flush()
        assert view.resyncs >= 1 and not view.stale
        assert all(n.state is S.PAUSED for n in view.shared_volume_states["Cluster Disk 3"])
        assert all(n.state is S.ACTIVE for n in view.shared_volume_states["Cluster Disk 4"])


def test_a_resync_after_a_broken_connection_reads_the_states(s):
    import clusapi_py
    with clusapi_py.open_cluster("CLUSTER01", backend=s) as c, c.live_view() as view:
        s.break_connection(0.2)
        s.set_csv_fault_state("Cluster Disk 4", CsvFaultState.DISMOUNTED)   # not delivered: broken
        import time
        deadline = time.monotonic() + 10
        while view.resyncs == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        view.flush()
        assert view.resyncs >= 1
        assert all(n.state is S.UNAVAILABLE for n in view.shared_volume_states["Cluster Disk 4"])


def test_a_cluster_without_csvs_has_none():
    import clusapi_py
    from clusapi_py import sim
    t = sim.SimulatedCluster().topology
    t["shared_volumes"] = []
    s2 = sim.SimulatedCluster(t)
    with clusapi_py.open_cluster(backend=s2) as c2, c2.live_view() as view:
        assert view.shared_volume_states == {}


def test_a_malformed_payload_leaves_the_states(s, c):
    with c.live_view() as view:
        before = view.shared_volume_states
        core = view._core
        from clusapi_py.events.types import ClusterEvent
        core.apply_one(ClusterEvent(K.SHARED_VOLUME_STATE, "Cluster Disk 3", "", "", None, None, None, b"\x01\0"))
        assert view.shared_volume_states == before
        assert isinstance(core.error, ValueError)


def test_the_control_code_answers_what_the_event_carries(s, c):
    from clusapi_py import _consts as k
    from clusapi_py.properties.controls import control_bytes
    with c.notifications([K.SHARED_VOLUME_STATE]) as port:
        s.fill_volume("Cluster Disk 3", 1)
        (ev,) = drain(port)
    with c.open_resource("Cluster Disk 3") as r:
        assert control_bytes(r._tok(), k.CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES, "resource") == ev.payload
    with c.open_resource("SQL Server") as r, pytest.raises(Exception):
        control_bytes(r._tok(), k.CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES, "resource")
