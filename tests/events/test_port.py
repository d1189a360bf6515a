"""Notification ports against the simulator: every kind and its payload on
version 2 and version 1, timeouts, closing from another thread, the handle
lifetime, overflow, a broken connection, asyncio."""
import asyncio
import copy
import gc
import pickle
import struct
import threading
import time

import pytest

import clusapi_py
from clusapi_py import ClusterEvent, EventKind, GroupState, NodeState, ResourceState, NetworkState, NetInterfaceState
from clusapi_py import sim
from clusapi_py._bindings import lib

K = EventKind


def drain(port):
    events = []
    while True:
        ev = port.get(timeout=0)
        if ev is None:
            return events
        events.append(ev)


def ids(s):
    t = s.topology
    return {o["name"]: o["id"] for kind in ("nodes", "groups", "resources", "networks") for o in t[kind]}


# ---- version 2: each kind, each payload ------------------------------------------------------
def test_version_2_is_the_default_where_the_backend_has_it(c):
    with c.notifications() as port:
        assert isinstance(port, clusapi_py.NotificationPort)
        assert port.version == 2
        assert port.cluster is c


def test_state_events_carry_the_new_state_as_a_dword(s, c):
    i = ids(s)
    with c.notifications() as port:
        s.set_node_state("NODE2", "PAUSED")
        s.set_group_state("FS01", "FAILED")
        s.set_resource_state("SQL Server", "OFFLINE_PENDING")
        s.set_network_state("Cluster Network 1", "PARTITIONED")
        s.set_netinterface_state("NODE1 - Ethernet", "FAILED")
        events = drain(port)
    # The resource's change is followed by its group's: PENDING, derived from its resources.
    assert [e.kind for e in events] == [K.NODE_STATE, K.GROUP_STATE, K.RESOURCE_STATE, K.GROUP_STATE,
                                        K.NETWORK_STATE, K.NETINTERFACE_STATE]
    node, group, res, derived, net, nif = events
    assert node == ClusterEvent(K.NODE_STATE, "NODE2", i["NODE2"], "", NodeState.PAUSED, None, None,
                                struct.pack("<I", 2))
    assert group.name == "FS01" and group.id == i["FS01"] and group.state is GroupState.FAILED
    owner = next(g["owner_node"] for g in s.topology["groups"] if g["name"] == "FS01")
    assert group.parent_id == i[owner]                        # the hosting node
    assert res.state is ResourceState.OFFLINE_PENDING and res.payload == struct.pack("<I", 130)
    sql_group = next(r["group"] for r in s.topology["resources"] if r["name"] == "SQL Server")
    assert res.parent_id == i[sql_group] and res.resource_type == next(
        r["type"] for r in s.topology["resources"] if r["name"] == "SQL Server")
    assert derived.name == sql_group and derived.state is GroupState.PENDING and derived.payload == struct.pack("<I", 4)
    assert net.state is NetworkState.PARTITIONED
    assert nif.state is NetInterfaceState.FAILED and nif.name == "NODE1 - Ethernet"


def test_owner_node_event_carries_the_new_owners_id_and_resolves_its_name(s, c):
    i = ids(s)
    with c.notifications([K.GROUP_OWNER_NODE]) as port:
        s.move_group("FS01", "NODE3")
        (ev,) = drain(port)
    assert ev.kind is K.GROUP_OWNER_NODE and ev.name == "FS01"
    assert ev.payload == (i["NODE3"] + "\0").encode("utf-16-le")
    assert ev.owner_node == "NODE3" and ev.parent_id == i["NODE3"]
    assert ev.state is None


def test_additions_and_deletions(s, c):
    i = ids(s)
    with c.notifications() as port:
        s.add_node("NODE4", state="DOWN")
        s.add_group("G9", owner_node="NODE1")
        s.add_resource("R9", "G9", type="IP Address")
        s.delete_resource("R9")
        s.delete_group("G9")
        s.delete_node("NODE4")
        events = drain(port)
    kinds = [e.kind for e in events]
    assert kinds == [K.NODE_ADDED, K.GROUP_ADDED, K.RESOURCE_ADDED, K.RESOURCE_DELETED, K.GROUP_DELETED,
                     K.NODE_DELETED]
    node_added, group_added, res_added, res_deleted, group_deleted, node_deleted = events
    assert node_added.name == "NODE4" and node_added.state is NodeState.DOWN
    assert node_added.payload == struct.pack("<I", 1)
    assert group_added.name == "G9" and group_added.id
    assert res_added.name == "R9" and res_added.parent_id == group_added.id
    assert res_added.resource_type == "IP Address"
    # RESOURCE DELETED: the buffer is the former group's id
    assert res_deleted.payload == (group_added.id + "\0").encode("utf-16-le")
    assert group_deleted.id == group_added.id and node_deleted.name == "NODE4"
    assert i  # (the topology's ids are stable)


def test_deleting_a_node_reports_its_net_interfaces_and_the_moves_of_its_groups(s, c):
    with c.notifications() as port:
        s.delete_node("NODE1")
        events = drain(port)
    assert events[0].kind is K.NODE_DELETED
    assert {e.name for e in events if e.kind is K.NETINTERFACE_DELETED} == {n["name"] for n in s.topology["netinterfaces"] if n["node"] == "NODE1"}
    moves = [e for e in events if e.kind is K.GROUP_OWNER_NODE]
    assert moves and all(e.owner_node == "NODE2" for e in moves)


def test_a_port_only_gets_the_kinds_it_asked_for(s, c):
    with c.notifications([K.RESOURCE_STATE]) as port:
        s.set_group_state("FS01", "FAILED")
        s.set_resource_state("SQL Server", "FAILED")
        events = drain(port)
    assert [e.kind for e in events] == [K.RESOURCE_STATE]


def test_two_ports_each_get_every_event(s, c):
    with c.notifications() as a, c.notifications() as b:
        s.set_group_state("FS01", "FAILED")
        assert [e.kind for e in drain(a)] == [K.GROUP_STATE]
        assert [e.kind for e in drain(b)] == [K.GROUP_STATE]


def test_long_names_and_payloads_grow_every_buffer_and_lose_nothing(s, c):
    long_name = "G" * 255
    s.add_resource_type("T" * 255)     # a resource's type must be listed
    with c.notifications() as port:
        s.add_group(long_name, owner_node="NODE1", id="I" * 250)
        s.add_resource("R" * 255, long_name, type="T" * 255, id="J" * 250)
        s.delete_resource("R" * 255)           # payload: the group's id, 502 bytes
        events = drain(port)
    assert [e.kind for e in events] == [K.GROUP_ADDED, K.RESOURCE_ADDED, K.RESOURCE_DELETED]
    assert events[0].name == long_name and events[0].id == "I" * 250
    assert events[1].parent_id == "I" * 250 and events[1].resource_type == "T" * 255
    assert events[2].name == "R" * 255 and events[2].payload == ("I" * 250 + "\0").encode("utf-16-le")


# ---- version 1 ----------------------------------------------------------------------------------
def test_version_1_is_used_where_version_2_is_missing(s, c):
    s.hide("CreateClusterNotifyPortV2")
    with c.notifications() as port:
        assert port.version == 1
        s.set_group_state("FS01", "FAILED")
        s.move_group("FS01", "NODE2")
        s.set_resource_state("SQL Server", "OFFLINE")
        s.add_group("G9")
        s.delete_group("G9")
        events = drain(port)
    # the resource's change, then its group's (PARTIAL_ONLINE, derived)
    assert [e.kind for e in events] == [K.GROUP_STATE, K.GROUP_STATE, K.RESOURCE_STATE, K.GROUP_STATE,
                                        K.GROUP_ADDED, K.GROUP_DELETED]
    first = events[0]
    assert first.name == "FS01" and first.id == "" and first.payload == b""
    # the state is read with the event (the cluster's current one), and the owner with it
    assert first.state is GroupState.FAILED and first.owner_node == "NODE2"
    assert events[2].state is ResourceState.OFFLINE
    assert events[3].name == "SQL Server (MSSQLSERVER)" and events[3].state is GroupState.PARTIAL_ONLINE
    assert events[4].state is None


def test_version_1_on_request_and_version_2_refused_without_its_export(s, c):
    with c.notifications(version=1) as port:
        assert port.version == 1
    s.hide("GetClusterNotifyV2")
    with pytest.raises(clusapi_py.ClusterAPIUnavailableError) as info:
        c.notifications(version=2)
    assert info.value.function == "GetClusterNotifyV2"
    s.hide("CreateClusterNotifyPortV2")
    with pytest.raises(clusapi_py.ClusterAPIUnavailableError) as info:
        c.notifications(version=2)
    assert info.value.function == "CreateClusterNotifyPortV2"
    assert s.open_handles()["notify"] == 0


def test_bad_arguments_raise_before_any_call(s, c):
    before = s.calls()
    with pytest.raises(ValueError):
        c.notifications(version=3)
    with pytest.raises(TypeError):
        c.notifications(["GROUP_STATE"])
    with pytest.raises(ValueError):
        c.notifications([])
    with pytest.raises(ValueError):
        c.notifications([K.GROUP_OWNER_NODE], version=1)      # version 1 has no such filter
    assert s.calls() == before
    with c.notifications() as port:
        with pytest.raises(ValueError):
            port.get(timeout=-1)
        with pytest.raises(TypeError):
            port.get(timeout="1")


# ---- waiting, timeouts, closing from another thread ------------------------------------------------
def test_get_times_out_with_none(c):
    with c.notifications() as port:
        t0 = time.monotonic()
        assert port.get(timeout=0) is None
        assert port.get(timeout=0.1) is None
        assert 0.09 <= time.monotonic() - t0 < 2


def test_a_waiter_wakes_for_an_event_posted_from_another_thread(s, c):
    with c.notifications() as port:
        threading.Timer(0.1, s.set_group_state, ("FS01", "FAILED")).start()
        t0 = time.monotonic()
        ev = port.get(timeout=5)
        assert ev.kind is K.GROUP_STATE and time.monotonic() - t0 < 2


@pytest.mark.parametrize("version", [1, 2])
def test_close_from_another_thread_ends_a_blocked_waiter_and_iteration(s, c, version):
    port = c.notifications(version=version)
    seen, ended = [], threading.Event()

    def consume():
        for ev in port:
            seen.append(ev)
        ended.set()

    t = threading.Thread(target=consume)
    t.start()
    s.set_group_state("FS01", "FAILED")
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)               # the consumer is blocked in the wait again
    port.close()
    assert ended.wait(5), "iteration did not end when the port was closed"
    t.join()
    assert [e.kind for e in seen] == [K.GROUP_STATE]
    assert s.open_handles()["notify"] == 0
    assert s.calls("CloseClusterNotifyPort") == 1


def test_get_after_close_raises_value_error_and_makes_no_call(s, c):
    port = c.notifications()
    port.close()
    port.close()
    before = s.calls()
    with pytest.raises(ValueError):
        port.get(timeout=0)
    with pytest.raises(ValueError):
        with port:
            pass
    assert list(port) == []
    assert s.calls() == before
    assert port.closed


# ---- lifetime ------------------------------------------------------------------------------------
def test_ports_count_as_notify_handles_and_the_last_reference_closes(s, c):
    port = c.notifications()
    assert s.open_handles()["notify"] == 1
    del port
    gc.collect()
    assert s.open_handles()["notify"] == 0
    assert s.calls("CloseClusterNotifyPort") == 1


def test_a_port_keeps_its_cluster_alive(s):
    c = clusapi_py.open_cluster(backend=s)
    port = c.notifications()
    c.close()
    assert s.open_handles()["cluster"] == 1          # the real CloseCluster waits for the port
    s.set_group_state("FS01", "FAILED")
    assert port.get(timeout=0).kind is K.GROUP_STATE
    port.close()
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


def test_a_port_refuses_copy_and_pickle(c):
    with c.notifications() as port:
        for attempt in (lambda: copy.copy(port), lambda: copy.deepcopy(port), lambda: pickle.dumps(port)):
            with pytest.raises(TypeError, match="cannot be copied or pickled.*connection"):
                attempt()


def test_handle_classes_cannot_be_made_directly():
    with pytest.raises(TypeError):
        clusapi_py.NotificationPort()
    with pytest.raises(TypeError):
        clusapi_py.LiveView()


# ---- overflow and a broken connection ---------------------------------------------------------------
def test_queue_overflow_drops_the_queue_and_delivers_lost_notifications(s, c):
    assert s.notification_queue_limit >= 100000
    s.notification_queue_limit = 3
    with c.notifications() as port:
        for state in ("FAILED", "OFFLINE", "ONLINE", "FAILED"):
            s.set_group_state("FS01", state)
        s.set_node_state("NODE2", "PAUSED")
        events = drain(port)
    assert [e.kind for e in events] == [K.CLUSTER_LOST_NOTIFICATIONS, K.NODE_STATE]
    assert events[0].name == "CLUSTER01"
    with pytest.raises(ValueError):
        s.notification_queue_limit = 0
    with pytest.raises(TypeError):
        s.notification_queue_limit = 1.5


def test_break_connection_fails_named_opens_drops_events_then_reconnects(s):
    with clusapi_py.open_cluster("CLUSTER01", backend=s) as c, clusapi_py.open_cluster(backend=s) as local:
        named_port, local_port = c.notifications(), local.notifications()
        s.break_connection(0.3)
        with pytest.raises(clusapi_py.ClusterUnavailableError) as info:
            c.group_names()
        assert info.value.winerror == 1722
        with pytest.raises(clusapi_py.ClusterUnavailableError):
            clusapi_py.open_cluster("NODE1", backend=s)
        assert local.group_names()                   # the local (LPC) handle is not affected
        s.set_group_state("FS01", "FAILED")          # not delivered on the broken connection
        assert named_port.get(timeout=0) is None
        ev = named_port.get(timeout=5)               # delivered when the break is over
        assert ev.kind is K.CLUSTER_RECONNECT
        assert named_port.get(timeout=0) is None
        assert c.group_names()
        assert [e.kind for e in drain(local_port)] == [K.GROUP_STATE]
        named_port.close()
        local_port.close()
    with pytest.raises(ValueError):
        s.break_connection(0)


# ---- asyncio -----------------------------------------------------------------------------------------
def test_async_for_does_not_block_the_loop_and_cancelling_leaks_nothing(s, c):
    port = c.notifications()

    async def main():
        got = []
        ticks = 0

        async def consume():
            async for ev in port:
                got.append(ev)
                if len(got) == 2:
                    return

        async def ticker():
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        tick = asyncio.ensure_future(ticker())
        task = asyncio.ensure_future(consume())
        await asyncio.sleep(0.1)
        s.set_group_state("FS01", "FAILED")
        s.set_group_state("FS01", "ONLINE")
        await asyncio.wait_for(task, 5)
        # a second consumer, cancelled while it waits
        waiting = asyncio.ensure_future(consume())
        await asyncio.sleep(0.1)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        tick.cancel()
        return got, ticks

    got, ticks = asyncio.run(main())
    assert [e.state for e in got] == [GroupState.FAILED, GroupState.ONLINE]
    assert ticks >= 10                   # the loop kept running while the consumer waited
    time.sleep(0.2)                      # the helper call of the cancelled task has returned
    assert threading.active_count() <= 2 or all(not t.name.startswith("clusapi") for t in threading.enumerate())
    port.close()
    assert s.open_handles()["notify"] == 0


def _events_result(rows, fields=6, ints=7):
    """A cs_notify_get_batch-shaped result, written independently of the C encoder."""
    text, values, data = [], [], b""
    for row_text, row_ints, payload in rows:
        text += row_text
        values += row_ints
        data += payload
    head = [lib.CS_SNAPSHOT_FORMAT, 1, lib.CS_SECTION_EVENTS, len(rows), fields, ints, len(data)]
    return text, head + values, data


def test_a_batch_is_one_events_section_decoded_by_columns(c):
    from clusapi_py.events.types import V2_FILTERS
    object_type, flag = V2_FILTERS[clusapi_py.EventKind.GROUP_STATE]
    state = struct.pack("<i", int(clusapi_py.GroupState.FAILED))
    with c.notifications() as port:
        rows = [(["VM1", "id-1", "", "", "", ""], [2, object_type, flag, 0, 0, 0, len(state)], state),
                (["VM2", "id-2", "", "", "", ""], [2, object_type, flag, 0, 0, 0, len(state)], state)]
        events = port._decode(*_events_result(rows))
        assert [(e.kind, e.name, e.id, e.state) for e in events] == \
            [(clusapi_py.EventKind.GROUP_STATE, n, i, clusapi_py.GroupState.FAILED) for n, i in (("VM1", "id-1"),
                                                                                                 ("VM2", "id-2"))]
        with pytest.raises(ValueError, match="the reader needs at least 6 and 7"):
            port._decode(*_events_result([(r[0], r[1][:5], b"") for r in rows], ints=5))
        with pytest.raises(ValueError, match="no section of kind %d" % lib.CS_SECTION_EVENTS):
            port._decode([], [lib.CS_SNAPSHOT_FORMAT, 0], b"")
