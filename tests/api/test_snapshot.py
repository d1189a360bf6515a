"""The one-call snapshot: contents, round trips, fallbacks, deletions mid-walk, round trip
through the topology format, consistency under concurrent changes."""
import json
import threading

import pytest

import clusapi_py
from clusapi_py import GroupState, NodeState, sim

BULK = ["ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx", "ClusterOpenEnumEx"]


def snap(s):
    with clusapi_py.open_cluster(backend=s) as c:
        return c.snapshot()


def test_snapshot_contents(s):
    sn = snap(s)
    assert sn.cluster_name == "CLUSTER01"
    assert sn.version.build == 20348
    assert [n.name for n in sn.nodes] == ["NODE1", "NODE2", "NODE3"]
    assert [n.id for n in sn.nodes] == ["1", "2", "3"]
    assert all(n.state is NodeState.UP for n in sn.nodes)
    sql = [g for g in sn.groups if g.name == "SQL Server (MSSQLSERVER)"][0]
    assert sql == clusapi_py.GroupInfo("SQL Server (MSSQLSERVER)", "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
                                       GroupState.ONLINE, "NODE2")
    agent = [r for r in sn.resources if r.name == "SQL Server Agent"][0]
    assert agent.owner_node == "NODE2" and agent.group == "SQL Server (MSSQLSERVER)"
    assert len(sn.resources) == 13 and len(sn.netinterfaces) == 6
    nif = [i for i in sn.netinterfaces if i.name == "NODE2 - Ethernet 2"][0]
    assert (nif.node, nif.network) == ("NODE2", "Cluster Network 2")
    assert sn.quorum.resource_name == "Cluster Disk 1"
    assert "Physical Disk" in sn.resource_types


def test_snapshot_is_one_shim_call_and_leaves_nothing_open(s, monkeypatch):
    from clusapi_py import _bindings
    calls = []
    real_lib = _bindings.lib

    class Spy:
        def __getattr__(self, name):
            attr = getattr(real_lib, name)
            if name.startswith("cs_") and callable(attr):
                def wrapper(*a):
                    calls.append(name)
                    return attr(*a)
                return wrapper
            return attr

    import clusapi_py.handles.cluster as handles
    with clusapi_py.open_cluster(backend=s) as c:
        monkeypatch.setattr(handles, "lib", Spy())
        monkeypatch.setattr(_bindings, "lib", Spy())
        c.snapshot()
        monkeypatch.undo()
    assert calls.count("cs_snapshot_limited") == 1      # the bounded form (api/cs_limits.h)
    assert [n for n in calls if n not in ("cs_result_free",)] == ["cs_snapshot_limited"]


def test_snapshot_equals_fallback_snapshot(s):
    bulk = snap(s)
    for f in BULK:
        s.hide(f)
    s.reset_calls()
    fallback = snap(s)
    assert fallback == bulk
    assert s.calls("ClusterGroupOpenEnumEx") == 0
    assert s.calls("GetClusterGroupState") == len(bulk.groups)
    assert s.calls("ClusterGroupControl") == len(bulk.groups)   # ids via CLUSCTL_GROUP_GET_ID


def group_round_trips(s):
    return sum(s.round_trips(f) for f in ("ClusterGroupOpenEnumEx", "ClusterGroupEnumEx", "ClusterGroupCloseEnumEx",
                                          "OpenClusterGroup", "OpenClusterGroupEx", "GetClusterGroupState",
                                          "CloseClusterGroup", "ClusterGroupControl", "ClusterGroupOpenEnum"))


def test_group_round_trips_do_not_grow_with_groups_on_the_bulk_path():
    small = sim.SimulatedCluster(sim.generate(nodes=4, groups=10, resources_per_group=1))
    large = sim.SimulatedCluster(sim.generate(nodes=4, groups=1000, resources_per_group=1))
    for s in (small, large):
        snap(s)
    assert group_round_trips(small) == group_round_trips(large) == 1
    # ... and the state calls per group are gone entirely.
    assert large.calls("GetClusterGroupState") == 0
    # The fallback path does grow: that is what the bulk path saves.
    for s in (small, large):
        s.hide("ClusterGroupOpenEnumEx")
        s.reset_calls()
        snap(s)
    assert group_round_trips(large) > 100 * group_round_trips(small) / 10


def test_large_snapshot_is_complete_and_consistent():
    s = sim.SimulatedCluster(sim.generate(nodes=64, groups=2000, resources_per_group=3))
    sn = snap(s)
    assert len(sn.nodes) == 64 and len(sn.groups) == 2002 and len(sn.resources) == 6003
    nodes = {n.name for n in sn.nodes}
    groups = {g.name for g in sn.groups}
    assert all(g.owner_node in nodes for g in sn.groups)
    assert all(r.group in groups and r.owner_node in nodes for r in sn.resources)
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


@pytest.mark.parametrize("hidden", [[], BULK])
@pytest.mark.parametrize("kind,name,function", [
    ("group", "FS01", "OpenClusterGroupEx"),
    ("resource", "Cluster Disk 4", "OpenClusterResourceEx"),
    ("node", "NODE3", "OpenClusterNodeEx"),
])
def test_objects_deleted_mid_walk_are_skipped(s, hidden, kind, name, function):
    for f in hidden:
        s.hide(f)
    if kind == "group" and not hidden:
        function = "OpenClusterResourceEx"       # bulk path: groups are read before resources are opened
    s.delete_after(function, 1, kind, name)
    sn = snap(s)
    names = {"group": [g.name for g in sn.groups], "resource": [r.name for r in sn.resources],
             "node": [n.name for n in sn.nodes]}[kind]
    if kind == "group" and not hidden:
        # The group was read, then deleted with its resources before they were opened.
        assert all(r.group != "FS01" for r in sn.resources)
    else:
        assert name not in names
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


def test_a_failing_call_mid_snapshot_raises_and_leaves_nothing_open(s):
    s.fail("GetClusterResourceState", 1726)
    with clusapi_py.open_cluster(backend=s) as c:
        with pytest.raises(clusapi_py.ClusterUnavailableError) as info:
            c.snapshot()
        assert info.value.function == "GetClusterResourceState"
        assert s.open_handles()["resource"] == 0
        assert c.snapshot().cluster_name == "CLUSTER01"


def test_round_trip_through_the_topology_format(s):
    s.set_group_state("FS01", "PARTIAL_ONLINE")
    s.set_resource_state("Cluster Disk 4", "FAILED")
    s.set_node_state("NODE2", "PAUSED")
    first = snap(s)
    data = json.loads(first.to_json())
    assert data == first.to_dict()
    again = snap(sim.SimulatedCluster(data))
    assert again == first
    assert again.to_dict() == data


def test_snapshot_to_dict_is_a_valid_topology_for_a_generated_cluster():
    s = sim.SimulatedCluster(sim.generate(nodes=8, groups=50))
    first = snap(s)
    assert snap(sim.SimulatedCluster(first.to_dict())) == first


def test_readers_snapshot_while_a_writer_changes_the_cluster():
    s = sim.SimulatedCluster(sim.generate(nodes=8, groups=200, resources_per_group=2))
    stop = threading.Event()
    problems = []
    nodes = ["HV%02d" % i for i in range(1, 9)]

    def writer():
        i = 0
        while not stop.is_set():
            group = "VM%05d" % (i % 200 + 1)
            s.move_group(group, nodes[i % 8])
            s.set_group_state(group, ["ONLINE", "OFFLINE", "PENDING"][i % 3])
            s.set_node_state(nodes[i % 8], ["UP", "PAUSED"][i % 2])
            i += 1

    def reader():
        try:
            for _ in range(15):
                with clusapi_py.open_cluster(backend=s) as c:
                    sn = c.snapshot()
                node_names = {n.name for n in sn.nodes}
                group_names = {g.name for g in sn.groups}
                assert len(sn.groups) == 202
                assert all(g.owner_node in node_names for g in sn.groups)
                assert all(r.group in group_names for r in sn.resources)
        except Exception as exc:  # pragma: no cover - reported below
            problems.append(exc)

    w = threading.Thread(target=writer)
    readers = [threading.Thread(target=reader) for _ in range(3)]
    w.start()
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    stop.set()
    w.join()
    assert not problems, problems
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


def test_net_interfaces_of_a_node_deleted_mid_walk_are_left_out(s):
    # The node goes after the nodes were read, before the interfaces are.
    s.delete_after("ClusterNetworkOpenEnum", 1, "node", "NODE3")
    sn = snap(s)
    nodes = {n.name for n in sn.nodes}
    networks = {n.name for n in sn.networks}
    assert all(i.node in nodes and i.network in networks for i in sn.netinterfaces)
    assert snap(sim.SimulatedCluster(sn.to_dict())).netinterfaces == sn.netinterfaces


def test_a_state_value_the_enums_do_not_know_comes_back_as_an_int():
    from clusapi_py.snapshot import Snapshot
    # One node in state 42 (say, a newer cluster's state), nothing else.
    fields = ["C", "vendor", "", "", "", "N1", "1"]
    ints = [1, 8,  # the sectioned layout (api/cs_snapshot.h): format, sections; kind, rows, fields, ints, bytes
            1, 1, 3, 6, 0, 2, 1, 2, 1, 0, 3, 1, 2, 1, 0, 4, 0, 3, 1, 0,
            5, 0, 4, 1, 0, 6, 0, 2, 1, 0, 7, 0, 3, 1, 0, 8, 0, 1, 0, 0,
            10, 0, 1, 0, 0, 0, 0, 42]  # cluster version, quorum max log, the node's state
    snap = Snapshot._from_shim(fields, ints)
    assert snap.nodes[0].state == 42 and type(snap.nodes[0].state) is int
    assert snap.to_dict()["nodes"][0]["state"] == 42
