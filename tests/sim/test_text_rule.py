"""One rule for every text field of a topology (exact str, no NUL, valid
UTF-16, a length limit), and dependency chains of any length."""
import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py.sim.topology import normalize_topology

LONE = "bad\udc80"


def _topo(**cluster_version):
    return {"cluster": {"name": "C", "version": cluster_version}, "nodes": [{"name": "N"}]}


@pytest.mark.parametrize("field", ["vendor_id", "csd_version"])
def test_version_text_refuses_lone_surrogates(field):
    with pytest.raises(ValueError, match=r"topology.cluster.version.%s: contains a lone surrogate" % field):
        normalize_topology(_topo(**{field: LONE}))


def test_ids_and_quorum_device_refuse_lone_surrogates():
    t = {"cluster": {"name": "C"}, "nodes": [{"name": "N", "id": LONE}]}
    with pytest.raises(ValueError, match=r"nodes\[0\].id: contains a lone surrogate"):
        normalize_topology(t)
    t = {"cluster": {"name": "C"}, "nodes": [{"name": "N"}], "groups": [{"name": "G"}],
         "resources": [{"name": "R", "group": "G"}], "quorum": {"resource": "R", "device": LONE}}
    with pytest.raises(ValueError, match=r"quorum.device: contains a lone surrogate"):
        normalize_topology(t)
    s = sim.SimulatedCluster()
    with pytest.raises(ValueError, match="lone surrogate"):
        s.add_node("N9", id=LONE)


class _Sneaky(str):
    def __contains__(self, item):
        return False


def test_text_fields_take_a_str_subclass_as_the_text_it_holds():
    with pytest.raises(ValueError, match="NUL"):
        normalize_topology(_topo(vendor_id=_Sneaky("a\0b")))
    norm = normalize_topology({"cluster": {"name": _Sneaky("C")}, "nodes": [{"name": _Sneaky("N"), "id": _Sneaky("7")}]})
    assert type(norm["cluster"]["name"]) is str and type(norm["nodes"][0]["id"]) is str


def test_a_long_dependency_chain_listed_dependents_first_loads():
    n = 1000
    resources = [{"name": "R%04d" % i, "group": "G", "dependencies": ["R%04d" % (i + 1)] if i + 1 < n else []}
                 for i in range(n)]
    s = sim.SimulatedCluster({"cluster": {"name": "C"}, "nodes": [{"name": "N"}], "groups": [{"name": "G"}],
                              "resources": resources})
    with clusapi_py.open_cluster(backend=s) as c:
        with c.open_resource("R0000") as r:
            assert r.dependency_names() == ["R0001"]
        snap = c.snapshot()
    assert len(snap.resources) == n
    again = sim.SimulatedCluster(snap.to_dict())
    with clusapi_py.open_cluster(backend=again) as c2:
        assert len(c2.snapshot().resources) == n


def test_a_dependency_cycle_is_still_found():
    resources = [{"name": "A", "group": "G", "dependencies": ["B"]}, {"name": "B", "group": "G", "dependencies": ["C"]},
                 {"name": "C", "group": "G", "dependencies": ["A"]}]
    with pytest.raises(ValueError, match="dependency cycle"):
        sim.SimulatedCluster({"cluster": {"name": "C"}, "nodes": [{"name": "N"}], "groups": [{"name": "G"}],
                              "resources": resources})
