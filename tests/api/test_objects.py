"""Nodes, groups, resources, networks, net interfaces: listing, opening, states."""
import gc
import threading
import time

import pytest

import clusapi_py
from clusapi_py import (Access, GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState)

GROUPS = ["Cluster Group", "Available Storage", "SQL Server (MSSQLSERVER)", "FS01"]


def test_listings_in_cluster_order(c):
    assert c.node_names() == ["NODE1", "NODE2", "NODE3"]
    assert c.group_names() == GROUPS
    assert c.network_names() == ["Cluster Network 1", "Cluster Network 2"]
    assert c.netinterface_names() == ["NODE1 - Ethernet", "NODE1 - Ethernet 2", "NODE2 - Ethernet",
                                      "NODE2 - Ethernet 2", "NODE3 - Ethernet", "NODE3 - Ethernet 2"]
    assert c.resource_names()[:3] == ["Cluster IP Address", "Cluster Name", "Cluster Disk 1"]
    assert len(c.resource_names()) == 13
    assert "SQL Server" in c.resource_type_names() and "Physical Disk" in c.resource_type_names()


def test_a_listing_is_one_round_trip(s, c):
    s.reset_calls()
    c.group_names()
    assert s.round_trips() == 1
    assert s.calls("ClusterOpenEnum") == 1 and s.calls("ClusterCloseEnum") == 1
    assert s.calls("ClusterEnum") == len(GROUPS) + 1   # the last one says ERROR_NO_MORE_ITEMS


def test_long_names_grow_the_buffer(s):
    long_name = "G" * 255
    s.add_group(long_name, "NODE1")
    with clusapi_py.open_cluster(backend=s) as c:
        assert long_name in c.group_names()
        with c.open_group(long_name) as g:
            assert g.name == long_name
            assert g.status() == (GroupState.ONLINE, "NODE1")


def test_node(c):
    with c.open_node("NODE2") as n:
        assert n.name == "NODE2" and n.cluster is c
        assert n.id == "2"
        assert n.state is NodeState.UP
        assert n.group_names() == ["SQL Server (MSSQLSERVER)"]
        assert n.netinterface_names() == ["NODE2 - Ethernet", "NODE2 - Ethernet 2"]
        assert n.granted_access == Access.GENERIC_ALL


def test_group(s, c):
    with c.open_group("SQL Server (MSSQLSERVER)") as g:
        assert g.state is GroupState.ONLINE
        assert g.owner_node == "NODE2"
        assert g.status() == clusapi_py.GroupStatus(GroupState.ONLINE, "NODE2")
        assert g.resource_names() == ["SQL IP Address 1 (SQLCLU01)", "SQL Network Name (SQLCLU01)",
                                      "Cluster Disk 2", "SQL Server", "SQL Server Agent"]
        assert g.preferred_owner_names() == ["NODE2", "NODE3"]
        assert g.id == "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
        s.reset_calls()
        g.status()
        assert s.calls() == 1 and s.calls("GetClusterGroupState") == 1


def test_resource(s, c):
    with c.open_resource("SQL Server") as r:
        assert r.state is ResourceState.ONLINE
        assert r.status() == clusapi_py.ResourceStatus(ResourceState.ONLINE, "NODE2", "SQL Server (MSSQLSERVER)")
        assert r.owner_node == "NODE2" and r.group_name == "SQL Server (MSSQLSERVER)"
        assert r.dependency_names() == ["SQL Network Name (SQLCLU01)", "Cluster Disk 2"]
        assert r.possible_owner_names() == ["NODE2", "NODE3"]
        assert len(r.id) == 36
        s.reset_calls()
        r.status()
        assert s.calls() == 1 and s.calls("GetClusterResourceState") == 1


def test_network_and_netinterface(c):
    with c.open_network("Cluster Network 2") as net:
        assert net.state is NetworkState.UP
        assert net.id == "2c4e6a8b-0d1f-4a3c-9e5b-7f1a3c5e7a9b"
        assert net.netinterface_names() == ["NODE1 - Ethernet 2", "NODE2 - Ethernet 2", "NODE3 - Ethernet 2"]
        with c.open_netinterface("NODE3 - Ethernet 2") as nif:
            assert nif.state is NetInterfaceState.UP
        assert c.netinterface_name("NODE3", "Cluster Network 2") == "NODE3 - Ethernet 2"
        with c.open_node("NODE3") as node:
            assert c.netinterface_name(node, net) == "NODE3 - Ethernet 2"


def test_quorum(c):
    q = c.quorum()
    assert q == clusapi_py.Quorum("Cluster Disk 1", "\\\\?\\Volume{3f2d1c4b-8e7a-4b6c-9d5e-0a1b2c3d4e5f}\\", 4194304)


@pytest.mark.parametrize("opener,code", [
    ("open_node", 5042), ("open_group", 5013), ("open_resource", 5007), ("open_network", 5045),
    ("open_netinterface", 5047),
])
def test_unknown_names_raise_not_found_with_the_documented_code(s, c, opener, code):
    with pytest.raises(clusapi_py.ClusterObjectNotFoundError) as info:
        getattr(c, opener)("does not exist")
    assert info.value.winerror == code
    assert isinstance(info.value, LookupError)
    assert sum(s.open_handles().values()) == 1   # just the cluster


def test_netinterface_name_not_found_codes(c):
    for node, network, code in (("NOPE", "Cluster Network 1", 5042), ("NODE1", "NOPE", 5045)):
        with pytest.raises(clusapi_py.ClusterObjectNotFoundError) as info:
            c.netinterface_name(node, network)
        assert info.value.winerror == code


@pytest.mark.parametrize("opener", ["open_node", "open_group", "open_resource", "open_network", "open_netinterface"])
@pytest.mark.parametrize("name,exc", [("", ValueError), ("a\0b", ValueError), ("x" * 256, ValueError),
                                      (None, TypeError), (7, TypeError)])
def test_object_names_are_validated_like_cluster_names(s, c, opener, name, exc):
    before = s.calls()
    with pytest.raises(exc):
        getattr(c, opener)(name)
    assert s.calls() == before


def test_object_access(s, c):
    with c.open_group("FS01", access=Access.GENERIC_READ) as g:
        assert g.granted_access == Access.GENERIC_READ
    s.principal_rights = "read"
    with pytest.raises(clusapi_py.ClusterAccessDeniedError):
        c.open_group("FS01", access=Access.GENERIC_ALL)
    with pytest.raises(ValueError):
        c.open_group("FS01", access=0)


def test_object_open_falls_back_without_ex(s, c):
    s.hide("OpenClusterGroupEx")
    with c.open_group("FS01", access=Access.GENERIC_ALL) as g:
        assert g.state is GroupState.ONLINE
    assert s.calls("OpenClusterGroup") == 1
    with pytest.raises(clusapi_py.ClusterAPIUnavailableError) as info:
        c.open_group("FS01")
    assert info.value.winerror == 127 and info.value.function == "OpenClusterGroupEx"


def test_states_follow_the_simulator(s, c):
    s.set_node_state("NODE3", NodeState.PAUSED)
    s.set_resource_state("Cluster Disk 4", ResourceState.OFFLINE_PENDING)     # its group follows: PENDING
    s.set_group_state("FS01", "FAILED")                                         # forced, as a fault
    s.set_network_state("Cluster Network 2", "PARTITIONED")
    s.set_netinterface_state("NODE1 - Ethernet", NetInterfaceState.UNREACHABLE)
    s.move_group("FS01", "NODE1")
    with c.open_node("NODE3") as n:
        assert n.state is NodeState.PAUSED
    with c.open_group("FS01") as g:
        assert g.status() == (GroupState.FAILED, "NODE1")
    with c.open_resource("Cluster Disk 4") as r:
        assert r.status() == (ResourceState.OFFLINE_PENDING, "NODE1", "FS01")
    with c.open_network("Cluster Network 2") as net:
        assert net.state is NetworkState.PARTITIONED
    with c.open_netinterface("NODE1 - Ethernet") as nif:
        assert nif.state is NetInterfaceState.UNREACHABLE


def test_simulator_control_rejects_bad_input(s):
    with pytest.raises(ValueError):
        s.set_group_state("FS01", "SIDEWAYS")
    with pytest.raises(ValueError):
        s.set_node_state("NODE1", 42)
    with pytest.raises(clusapi_py.ClusterObjectNotFoundError):
        s.set_group_state("NOPE", "ONLINE")
    with pytest.raises(clusapi_py.ClusterObjectNotFoundError):
        s.move_group("FS01", "NODE9")
    with pytest.raises(ValueError):
        s.add_node("NODE1")
    with c_open(s) as c:
        with c.open_group("FS01") as g:
            assert g.status() == (GroupState.ONLINE, "NODE3")


def c_open(s):
    return clusapi_py.open_cluster(backend=s)


def test_state_failure_raises_instead_of_unknown(s, c):
    with c.open_group("FS01") as g:
        s.fail("GetClusterGroupState", 1726)
        with pytest.raises(clusapi_py.ClusterUnavailableError) as info:
            g.state
        assert info.value.function == "GetClusterGroupState"
        s.delete_group("FS01")
        with pytest.raises(clusapi_py.ClusterObjectNotFoundError) as info:
            g.state
        assert info.value.winerror == 5013


def test_deleting_a_node_moves_its_groups(s, c):
    s.delete_node("NODE3")
    assert c.node_names() == ["NODE1", "NODE2"]
    with c.open_group("FS01") as g:
        assert g.owner_node == "NODE1"
    assert "NODE3 - Ethernet" not in c.netinterface_names()


# ---- lifetime of object handles ----------------------------------------------------------------
def test_objects_keep_their_cluster_alive(s):
    c = clusapi_py.open_cluster(backend=s)
    g = c.open_group("FS01")
    n = c.open_node("NODE1")
    c.close()
    assert c.closed
    with pytest.raises(ValueError):
        c.group_names()
    with pytest.raises(ValueError):
        c.open_group("FS01")
    # The real CloseCluster waits for the objects.
    assert s.open_handles()["cluster"] == 1
    assert g.status() == (GroupState.ONLINE, "NODE3")
    g.close()
    assert s.open_handles()["cluster"] == 1
    assert n.state is NodeState.UP
    del n
    assert s.open_handles() == {k: 0 for k in s.open_handles()}
    assert s.calls("CloseCluster") == 1


def test_object_lifetime_contract(s, c):
    g = c.open_group("FS01")
    assert repr(g) == "<Group 'FS01' open>"
    g.close()
    g.close()
    assert g.closed and repr(g) == "<Group 'FS01' closed>"
    before = s.calls()
    for use in (lambda: g.state, g.status, g.resource_names, lambda: g.id, g.detach):
        with pytest.raises(ValueError):
            use()
    assert s.calls() == before
    r = c.open_resource("FS01 Name")
    del r
    gc.collect()
    assert s.open_handles()["resource"] == 0


def test_cluster_with_open_objects_cannot_be_detached(s, c):
    g = c.open_group("FS01")
    with pytest.raises(ValueError):
        c.detach()
    assert not c.closed
    g.close()


def test_object_detach(s, c):
    g = c.open_group("FS01")
    raw = g.detach()
    assert raw and g.closed
    assert s.open_handles()["group"] == 1
    import ctypes
    from conftest import sim_entry
    close = sim_entry("CloseClusterGroup", ctypes.c_int, ctypes.c_void_p)
    assert close(raw) == 1


def test_handles_from_another_cluster_are_rejected(s):
    with clusapi_py.open_cluster(backend=s) as c1, clusapi_py.open_cluster(backend=s) as c2:
        with c2.open_node("NODE1") as node, c2.open_network("Cluster Network 1") as net:
            with pytest.raises(ValueError, match="different Cluster"):
                c1.netinterface_name(node, "Cluster Network 1")
            with pytest.raises(ValueError, match="different Cluster"):
                c1.netinterface_name("NODE1", net)
            assert c2.netinterface_name(node, net) == "NODE1 - Ethernet"
            with pytest.raises(TypeError):
                c2.netinterface_name(net, node)


def test_object_close_races_calls_in_flight(s):
    s.latency = 0.03
    c = clusapi_py.open_cluster(backend=s)
    g = c.open_group("FS01")
    seen = []

    def reader():
        try:
            seen.append(g.status())
        except ValueError:
            seen.append("closed")

    threads = [threading.Thread(target=reader) for _ in range(5)]
    for t in threads:
        t.start()
    time.sleep(0.01)
    g.close()
    c.close()
    for t in threads:
        t.join()
    s.latency = 0
    assert len(seen) == 5
    assert s.open_handles() == {k: 0 for k in s.open_handles()}
    assert s.calls("CloseClusterGroup") == 1 and s.calls("CloseCluster") == 1


def test_status_with_names_longer_than_the_per_thread_buffer(s):
    # Python refuses names over 255 UTF-16 units, but a cluster may hold longer
    # ones: put one in through the simulator's C API directly.
    from clusapi_py._bindings import ffi, lib
    long_group = "G" * 300
    assert lib.cs_sim_add_group(s._id, long_group, "gid", 0, "NODE2", ffi.NULL) == 0
    assert lib.cs_sim_add_resource(s._id, "R-long", "rid", "Generic Service", long_group, 2,
                                   ffi.NULL, ffi.NULL) == 0
    with clusapi_py.open_cluster(backend=s) as c:
        with c.open_resource("R-long") as r:
            assert r.status() == (ResourceState.ONLINE, "NODE2", long_group)
        assert long_group in c.group_names()
