"""snapshot(settled=True): a resource's state is read only where its group's
state does not settle it (CLUSTER_GROUP_STATE: Online = all online, Offline =
none failed or pending); the quorum resource is always read."""
import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py.enums import GroupState, ResourceState


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
    assert snap == c.snapshot()


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
