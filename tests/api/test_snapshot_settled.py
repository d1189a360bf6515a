"""snapshot(settled=True): a resource's state is read only where its group's
state does not settle it (CLUSTER_GROUP_STATE: Online = all online, Offline =
none failed or pending); the quorum resource is always read.  A net interface's
state is read only where its network is not Up or its node is neither Up nor
Paused (CLUSTER_NETWORK_STATE: on an Up network every node can communicate)."""
import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py.enums import GroupState, NetInterfaceState, NetworkState, ResourceState


def _reads(s, c, **kwargs):
    """(snapshot, round trips, GetClusterResourceState calls) of one snapshot."""
    s.reset_calls()
    snap = c.snapshot(**kwargs)
    return snap, s.round_trips(), s.calls("GetClusterResourceState")


def _cluster(nodes, groups):
    s = sim.SimulatedCluster(sim.generate(nodes, groups))
    return s, clusapi_py.open_cluster(backend=s)


def test_a_healthy_cluster_costs_the_same_whatever_its_number_of_resources():
    costs = []
    for groups in (10, 200):
        s, c = _cluster(4, groups)
        with c:
            snap, trips, states = _reads(s, c, settled=True)
            assert states == 1                                  # the quorum resource alone
            assert len(snap.resources) == groups * 3 + 3
            costs.append(trips)
    assert costs[0] == costs[1]


def test_settled_rows_say_what_their_group_settles_and_are_named():
    s, c = _cluster(2, 4)
    s.set_resource_state("Virtual Machine VM00001", "FAILED")          # its group: FAILED
    s.set_resource_state("IP Address VM00002", "OFFLINE")              # PARTIAL_ONLINE
    for r in ("Virtual Machine VM00003", "Virtual Machine Configuration VM00003", "IP Address VM00003"):
        s.set_resource_state(r, "OFFLINE")                              # OFFLINE
    with c:
        full = c.snapshot()
        snap, _, states = _reads(s, c, settled=True)
    read = {r.name for r in snap.resources} - snap.settled_resources
    assert read == {r.name for r in full.resources if r.group in ("VM00001", "VM00002")} | {"Cluster Disk Witness"}
    assert states == len(read)
    by_name = {r.name: r for r in snap.resources}
    groups = {g.name: g for g in snap.groups}
    for name in snap.settled_resources:
        row = by_name[name]
        group = groups[row.group]
        assert group.state in (GroupState.ONLINE, GroupState.OFFLINE)
        assert row.state is (ResourceState.ONLINE if group.state is GroupState.ONLINE else ResourceState.OFFLINE)
        assert row.owner_node == group.owner_node
    # Every row that was read is what the full reading says.
    assert all(by_name[r.name] == r for r in full.resources if r.name in read)
    assert full.settled_resources == frozenset()


def test_the_quorum_resource_is_read_even_in_an_online_group(s, c):
    s.set_group_state("Cluster Group", "ONLINE")
    s.set_resource_state("Cluster IP Address", "ONLINE")
    snap = c.snapshot(settled=True)
    assert "Cluster Disk 1" not in snap.settled_resources
    assert {"Cluster IP Address", "Cluster Name"} <= snap.settled_resources


def test_a_forced_group_state_is_trusted(s, c):
    # A group reported ONLINE over a FAILED resource (no cluster reports that): the settled
    # reading does not read the resource, and says so.
    s.set_resource_state("FS01 Name", "FAILED")
    s.set_group_state("FS01", "ONLINE")
    snap = c.snapshot(settled=True)
    assert "FS01 Name" in snap.settled_resources
    assert next(r for r in snap.resources if r.name == "FS01 Name").state is ResourceState.ONLINE
    assert next(r for r in c.snapshot().resources if r.name == "FS01 Name").state is ResourceState.FAILED


def test_without_the_bulk_listing_every_resource_is_read(s, c):
    s.hide("ClusterResourceOpenEnumEx")
    snap, _, states = _reads(s, c, settled=True)
    assert snap.settled_resources == frozenset() and states == len(snap.resources)
    full = c.snapshot()
    assert snap.resources == full.resources and snap.groups == full.groups and snap.nodes == full.nodes
    assert _unsettled(snap) == full.netinterfaces


def _unsettled(snap):
    """The net interface rows with the node a full reading gives (found by name: "<node> - <adapter>")."""
    nodes = {n.name for n in snap.nodes}
    rows = []
    for row in snap.netinterfaces:
        if row.node == "":
            assert row.name in snap.settled_netinterfaces
            row = row._replace(node=next(n for n in nodes if row.name.startswith(n + " - ")))
        rows.append(row)
    return tuple(rows)


def _nif_reads(s, c):
    """(snapshot, net interface states read, node interface listings) of one settled snapshot."""
    s.reset_calls()
    snap = c.snapshot(settled=True)
    return snap, s.calls("GetClusterNetInterfaceState"), s.calls("ClusterNodeOpenEnum")


def test_a_healthy_cluster_reads_no_net_interface():
    s, c = _cluster(4, 10)
    with c:
        full = c.snapshot()
        snap, states, listings = _nif_reads(s, c)
        assert (states, listings) == (0, 0) and len(full.netinterfaces) == 8
        assert snap.settled_netinterfaces == {n.name for n in full.netinterfaces}
        assert all(n.state is NetInterfaceState.UP and n.node == "" for n in snap.netinterfaces)
        assert _unsettled(snap) == full.netinterfaces           # same names, networks and states
        assert full.settled_netinterfaces == frozenset()


def test_a_healthy_cluster_costs_the_same_whatever_its_number_of_interfaces():
    costs = []
    for networks in (1, 3):
        t = sim.generate(4, 10)
        t["networks"] = [{"name": "Net %d" % i} for i in range(networks)]
        t["netinterfaces"] = [{"name": "%s - Ethernet %d" % (n["name"], i), "node": n["name"], "network": "Net %d" % i}
                              for n in t["nodes"] for i in range(networks)]
        s = sim.SimulatedCluster(t)
        with clusapi_py.open_cluster(backend=s) as c:
            s.reset_calls()
            snap = c.snapshot(settled=True)
            assert len(snap.netinterfaces) == 4 * networks and len(snap.settled_netinterfaces) == 4 * networks
            # per network: open, state, list of interfaces, close
            costs.append(s.round_trips() - 4 * networks)
    assert costs[0] == costs[1]


def test_a_failed_interface_partitions_its_network_whose_interfaces_are_then_read():
    s, c = _cluster(4, 2)
    network = s.topology["netinterfaces"][0]["network"]
    failed = s.topology["netinterfaces"][0]["name"]
    s.set_netinterface_state(failed, "FAILED")
    with c:
        full = c.snapshot()
        snap, states, _ = _nif_reads(s, c)
    assert next(n for n in full.networks if n.name == network).state is NetworkState.PARTITIONED
    on_network = {n.name for n in full.netinterfaces if n.network == network}
    assert states == len(on_network) and not (on_network & snap.settled_netinterfaces)
    assert snap.settled_netinterfaces == {n.name for n in full.netinterfaces} - on_network
    row = next(n for n in snap.netinterfaces if n.name == failed)
    assert row == next(n for n in full.netinterfaces if n.name == failed)        # with its node
    assert row.state is NetInterfaceState.FAILED
    # every node's interfaces were listed (a network is not Up): every row names its node
    assert snap.netinterfaces == full.netinterfaces


def test_the_interfaces_of_a_node_that_is_down_are_read():
    s, c = _cluster(4, 2)
    down = s.topology["nodes"][1]["name"]
    s.set_node_state(down, "DOWN")
    with c:
        full = c.snapshot()
        snap, states, listings = _nif_reads(s, c)
    on_node = {n.name for n in full.netinterfaces if n.node == down}
    assert listings == 1 and states == len(on_node) > 0
    assert snap.settled_netinterfaces == {n.name for n in full.netinterfaces} - on_node
    assert [n for n in snap.netinterfaces if n.name in on_node] == [n for n in full.netinterfaces if n.name in on_node]


def test_a_paused_node_settles_like_an_up_one():
    s, c = _cluster(4, 2)
    s.set_node_state(s.topology["nodes"][1]["name"], "PAUSED")
    with c:
        snap, states, listings = _nif_reads(s, c)
    assert (states, listings) == (0, 0) and len(snap.settled_netinterfaces) == len(snap.netinterfaces)


def test_a_forced_network_state_is_trusted(s, c):
    # An interface FAILED on a network reported UP (no cluster reports that): not read, and said so.
    nif = s.topology["netinterfaces"][0]
    s.set_netinterface_state(nif["name"], "FAILED")
    s.set_network_state(nif["network"], "UP")
    snap = c.snapshot(settled=True)
    assert nif["name"] in snap.settled_netinterfaces
    assert next(n for n in snap.netinterfaces if n.name == nif["name"]).state is NetInterfaceState.UP
    assert next(n for n in c.snapshot().netinterfaces if n.name == nif["name"]).state is NetInterfaceState.FAILED


def test_settled_and_properties_together(s, c):
    snap = c.snapshot(properties=True, settled=True)
    assert snap.resource_properties is not None and snap.settled_resources


@pytest.mark.parametrize("flags", [4, 0x80])
def test_an_unknown_snapshot_flag_is_refused(c, flags):
    from clusapi_py import _bindings as b
    with pytest.raises(clusapi_py.ClusterError) as info:
        b.call_limited(b.lib.cs_snapshot_limited, c._tok(), flags, timeout=b.timeout_arg(None),
                       waits=lambda: False, what="cluster", name=None)
    assert info.value.winerror == 87
