"""The topology format: the default cluster, generate(), and validation errors."""
import json

import pytest

import clusapi_py
from clusapi_py import sim


def test_default_topology_is_a_fresh_realistic_cluster():
    t = sim.default_topology()
    t["nodes"].clear()
    t2 = sim.default_topology()
    assert [n["name"] for n in t2["nodes"]] == ["NODE1", "NODE2", "NODE3"]
    names = [g["name"] for g in t2["groups"]]
    assert names == ["Cluster Group", "Available Storage", "SQL Server (MSSQLSERVER)", "FS01"]
    assert t2["quorum"]["resource"] == "Cluster Disk 1"
    assert len(t2["networks"]) == 2 and len(t2["netinterfaces"]) == 6


def test_topology_from_a_json_file(tmp_path):
    t = sim.default_topology()
    t["cluster"]["name"] = "FILECLUSTER"
    p = tmp_path / "topo.json"
    p.write_text(json.dumps(t), encoding="utf-8")
    s = sim.SimulatedCluster(str(p))
    with clusapi_py.open_cluster(backend=s) as c:
        assert c.name == "FILECLUSTER"
    s2 = sim.SimulatedCluster(p)
    with clusapi_py.open_cluster(backend=s2) as c:
        assert c.name == "FILECLUSTER"


def test_minimal_topology_gets_defaults():
    s = sim.SimulatedCluster({"cluster": {"name": "MINI"}, "nodes": [{"name": "N1"}]})
    with clusapi_py.open_cluster(backend=s) as c:
        assert c.node_names() == ["N1"] and c.group_names() == []
        assert c.quorum() == clusapi_py.Quorum("", "", 0)
        sn = c.snapshot()
    assert sn.nodes[0].id == "1"


def mutate(fn):
    t = sim.default_topology()
    fn(t)
    return t


@pytest.mark.parametrize("change,where", [
    (lambda t: t.pop("cluster"), "topology: missing key(s) 'cluster'"),
    (lambda t: t.update(extra=1), "topology: unknown key(s) 'extra'"),
    (lambda t: t["nodes"].clear(), "topology.nodes: a cluster needs at least one node"),
    (lambda t: t["groups"][2].update(owner_node="NODE9"), "topology.groups[2].owner_node: 'NODE9' is not a node"),
    (lambda t: t["resources"][0].update(group="Nope"), "topology.resources[0].group: 'Nope' is not a group"),
    (lambda t: t["resources"][1].update(dependencies=["Ghost"]), "topology.resources[1].dependencies[0]"),
    (lambda t: t["nodes"][1].update(name="node1"), "topology.nodes[1].name: duplicate node name"),
    (lambda t: t["nodes"][0].update(state="EXPLODED"), "topology.nodes[0].state"),
    (lambda t: t["nodes"][0].update(state="UNKNOWN"), "topology.nodes[0].state"),
    (lambda t: t["groups"][0].update(name=""), "topology.groups[0].name"),
    (lambda t: t["groups"][0].update(name="a\0b"), "topology.groups[0].name"),
    (lambda t: t["netinterfaces"][0].update(network="Nope"), "topology.netinterfaces[0].network"),
    (lambda t: t["quorum"].update(resource="Nope"), "topology.quorum.resource"),
    (lambda t: t["quorum"].update(max_log_size=-1), "topology.quorum.max_log_size"),
    (lambda t: t["cluster"]["version"].update(major=70000), "topology.cluster.version.major"),
    (lambda t: t.update(nodes="NODE1"), "topology.nodes: must be a list"),
    (lambda t: t["resources"][0].update(dependencies=["Cluster Name"]) or
     t["resources"][1].update(dependencies=["Cluster IP Address"]), "dependency cycle"),
])
def test_invalid_topologies_say_what_and_where(change, where):
    with pytest.raises(ValueError) as info:
        sim.SimulatedCluster(mutate(change))
    assert where in str(info.value)


def test_topology_must_be_a_dict():
    with pytest.raises(ValueError, match="must be an object"):
        sim.SimulatedCluster([1, 2])


@pytest.mark.parametrize("kwargs,exc", [({"nodes": 0}, ValueError), ({"nodes": 65}, ValueError),
                                        ({"groups": -1}, ValueError), ({"groups": "3"}, TypeError),
                                        ({"resources_per_group": 0}, ValueError)])
def test_generate_validates(kwargs, exc):
    with pytest.raises(exc):
        sim.generate(**kwargs)


def test_generate_shape():
    t = sim.generate(nodes=4, groups=10, resources_per_group=3)
    assert len(t["nodes"]) == 4 and len(t["groups"]) == 12 and len(t["resources"]) == 33
    s = sim.SimulatedCluster(t)
    with clusapi_py.open_cluster(backend=s) as c:
        assert len(c.group_names()) == 12
