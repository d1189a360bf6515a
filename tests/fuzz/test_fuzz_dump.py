"""A lossless dump (issue 21): for generated topologies, `dump` -> `--sim FILE`
-> `dump` is the identity, and the first dump already holds what the topology
gave -- resource types (without --properties too), dependencies, possible and
preferred owners, Cluster Shared Volumes, the quorum, and properties when
asked."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusapi_py import open_cluster, sim
from clusapi_py.cli._common import Context
from clusapi_py.cli.dump import topology_of

NODE_NAMES = ["NODE1", "Knoten-Ä", "节点三", "node 4 🚀"]
TYPES = ["Physical Disk", "IP Address", "Network Name", "Generic Service", "Virtual Machine", "Cloud Witness"]
RESOURCE_STATES = ["ONLINE", "OFFLINE", "FAILED", "PENDING", "ONLINE_PENDING"]


@st.composite
def topologies(draw):
    nodes = NODE_NAMES[:draw(st.integers(1, len(NODE_NAMES)))]
    subset = st.lists(st.sampled_from(nodes), unique=True, max_size=len(nodes))
    t = {"cluster": {"name": "FUZZ"},
         "nodes": [{"name": n, "state": draw(st.sampled_from(["UP", "DOWN", "PAUSED"]))} for n in nodes],
         "resource_types": draw(st.lists(st.sampled_from(TYPES), unique=True, min_size=1)),
         "groups": [], "resources": [], "shared_volumes": []}
    for g in range(draw(st.integers(1, 4))):
        t["groups"].append({"name": "Group %d" % g, "owner_node": draw(st.sampled_from(nodes + [""])),
                            "preferred_owners": draw(subset)})
    names = []
    for r in range(draw(st.integers(0, 8))):
        name = "Res %d" % r
        resource = {"name": name, "group": draw(st.sampled_from(t["groups"]))["name"],
                    "type": draw(st.sampled_from(TYPES)), "state": draw(st.sampled_from(RESOURCE_STATES)),
                    "dependencies": draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else [],
                    "possible_owners": draw(subset)}
        if draw(st.booleans()):
            resource["properties"] = {"Description": draw(st.text(max_size=8).filter(lambda s: "\0" not in s)),
                                      "RestartThreshold": draw(st.integers(0, 10))}
        t["resources"].append(resource)
        names.append(name)
    disks = [r for r in t["resources"] if r["type"] == "Physical Disk"]
    for i, disk in enumerate(draw(st.lists(st.sampled_from(disks), unique_by=lambda r: r["name"]))
                             if disks else []):
        disk["state"] = "ONLINE"            # an offline disk has no volume to read
        total = draw(st.integers(1, 2 ** 50))
        t["shared_volumes"].append({"resource": disk["name"], "path": "C:\\ClusterStorage\\Volume%d" % (i + 1),
                                    "total_bytes": total, "free_bytes": draw(st.integers(0, total)),
                                    "fault_state": draw(st.integers(0, 15)), "backup_state": draw(st.integers(0, 1))})
    if names and draw(st.booleans()):
        t["quorum"] = {"resource": draw(st.sampled_from(names)), "device": "Q:\\", "max_log_size": 4096}
    return t


def dump(topology, properties):
    """`clusapi --sim FILE dump [--properties]`, as JSON text read back."""
    s = sim.SimulatedCluster(json.loads(json.dumps(topology)))
    with open_cluster(backend=s) as c:
        return json.loads(json.dumps(topology_of(Context(c, True), properties)))


def by_name(objects):
    return {o["name"]: o for o in objects}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(t=topologies(), properties=st.booleans())
def test_dump_load_dump_is_the_identity(t, properties):
    first = dump(t, properties)
    assert dump(first, properties) == first
    # ... and the first dump holds what the topology gave
    given_ = sim.normalize_topology(t)
    resources, groups = by_name(first["resources"]), by_name(first["groups"])
    for r in given_["resources"]:
        got = resources[r["name"]]
        assert got["type"] == r["type"] and got["group"] == r["group"] and got["state"] == r["state"]
        assert got["dependencies"] == r["dependencies"] and got["possible_owners"] == r["possible_owners"]
        assert ("properties" in got) == properties
        if properties and "properties" in r:
            assert {k: got["properties"][k] for k in r["properties"]} == r["properties"]
    for g in given_["groups"]:
        assert groups[g["name"]]["preferred_owners"] == g["preferred_owners"]
        assert groups[g["name"]]["owner_node"] == g["owner_node"]
    assert sorted(first["resource_types"]) == sorted(given_["resource_types"])
    assert sorted(first["shared_volumes"], key=lambda v: v["resource"]) == \
        sorted(given_["shared_volumes"], key=lambda v: v["resource"])
    assert first["quorum"] == given_["quorum"]
    assert [n["name"] for n in first["nodes"]] == [n["name"] for n in given_["nodes"]]
