"""What a real cluster refuses, the simulator refuses too (issue 23 item 12),
with the cluster's codes, and nothing changes: deleting the quorum resource
or its group (a core resource: 5026 ERROR_CORE_RESOURCE), a resource of a
type the cluster does not list (1813 ERROR_RESOURCE_TYPE_NOT_FOUND, as
CreateClusterResource), a Cluster Shared Volume that is not a Physical Disk
(1 ERROR_INVALID_FUNCTION from the C control API, tests/c/test_control.c;
a ValueError from a topology or add_shared_volume)."""
import pytest

from clusapi_py import errors, open_cluster, sim

QUORUM, QUORUM_GROUP = "Cluster Disk 1", "Cluster Group"


def test_the_quorum_resource_and_its_group_cannot_be_deleted():
    s = sim.SimulatedCluster()
    assert s.topology["quorum"]["resource"] == QUORUM
    with open_cluster(backend=s) as c:
        before = c.snapshot()
        for delete, name in ((s.delete_resource, QUORUM), (s.delete_resource, QUORUM.upper()),
                             (s.delete_group, QUORUM_GROUP)):
            with pytest.raises(errors.ClusterError) as info:
                delete(name)
            assert info.value.winerror == 5026
        assert c.snapshot() == before
        # and so a dump still loads back
        assert sim.SimulatedCluster(c.snapshot().to_dict()).topology["quorum"]["resource"] == QUORUM


def test_other_resources_and_groups_still_delete():
    s = sim.SimulatedCluster()
    s.delete_resource("SQL Server Agent")
    s.delete_group("FS01")
    with open_cluster(backend=s) as c:
        names = {r.name for r in c.snapshot().resources}
    assert "SQL Server Agent" not in names and "File Server (\\\\FS01)" not in names


def test_a_resource_of_an_unlisted_type_is_refused_until_the_type_is_listed():
    s = sim.SimulatedCluster()
    with pytest.raises(errors.ClusterError) as info:
        s.add_resource("Witness 2", "FS01", type="Cloud Witness")
    assert info.value.winerror == 1813
    with open_cluster(backend=s) as c:
        assert "Witness 2" not in {r.name for r in c.snapshot().resources}
        s.add_resource_type("Cloud Witness")
        s.add_resource("Witness 2", "FS01", type="cloud witness")    # names compare case-insensitively
        snap = c.snapshot(properties=True)
    assert "Cloud Witness" in snap.resource_types
    assert snap.resource_properties["Witness 2"]["Type"] == "cloud witness"


def test_a_duplicate_resource_type_is_refused():
    s = sim.SimulatedCluster()
    with pytest.raises(ValueError, match="already exists"):
        s.add_resource_type("physical disk")


def test_only_a_physical_disk_can_be_a_shared_volume():
    s = sim.SimulatedCluster()
    for resource in ("Cluster Name", "SQL Server", "Cluster IP Address"):
        with pytest.raises(ValueError, match="only a 'Physical Disk' resource can be a Cluster Shared Volume"):
            s.add_shared_volume(resource, "C:\\ClusterStorage\\Volume9", 1000)
    with open_cluster(backend=s) as c:
        assert sorted(v.name for v in c.shared_volumes()) == ["Cluster Disk 3", "Cluster Disk 4"]
    s.add_shared_volume("Cluster Disk 2", "C:\\ClusterStorage\\Volume9", 1000)


def test_a_topology_making_a_network_name_a_shared_volume_is_refused():
    t = sim.default_topology()
    t["shared_volumes"].append({"resource": "Cluster Name", "path": "C:\\ClusterStorage\\Volume9",
                                "total_bytes": 1000})
    with pytest.raises(ValueError, match=r"topology.shared_volumes\[2\].resource: 'Cluster Name' is a "
                                         r"'Network Name' resource; only a 'Physical Disk' resource can be a "
                                         r"Cluster Shared Volume"):
        sim.SimulatedCluster(t)
