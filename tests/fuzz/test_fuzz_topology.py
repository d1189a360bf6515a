"""Property-based tests over the public inputs: anything either works or raises
a clear ValueError/TypeError (or a ClusterError from the cluster) -- never a
crash, never a leaked handle."""
import gc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clusapi_py
from clusapi_py import sim

S = sim.SimulatedCluster()
NAMES = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=300),
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(min_value=250, max_value=10000)),
    st.sampled_from(["CLUSTER01", "node1", "\0", "a\0b", "\ud800", "\U0001F600" * 200]),
    st.binary(), st.integers(), st.none(), st.floats(),
)
ACCESS = st.one_of(st.integers(min_value=-2**70, max_value=2**70), st.sampled_from([0, 0x80000000, 0x10000000,
                   0x02000000, 0x92000000, 0x100000000, -0x80000000]), st.booleans(), st.text(), st.floats())


def assert_clean():
    gc.collect()
    assert all(v == 0 for v in S.open_handles().values()), S.open_handles()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_any_cluster_name(name):
    try:
        with clusapi_py.open_cluster(name, backend=S) as c:
            assert c.name == "CLUSTER01"
    except (ValueError, TypeError):
        pass
    except clusapi_py.ClusterUnavailableError as exc:
        assert exc.winerror == 1722
    assert_clean()


@settings(max_examples=300, deadline=None)
@given(access=ACCESS)
def test_any_access(access):
    try:
        with clusapi_py.open_cluster(access=access, backend=S) as c:
            assert int(c.granted_access) != 0
    except (ValueError, TypeError):
        pass
    assert_clean()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, opener=st.sampled_from(["open_node", "open_group", "open_resource", "open_network",
                                           "open_netinterface"]))
def test_any_object_name(name, opener):
    with clusapi_py.open_cluster(backend=S) as c:
        try:
            with getattr(c, opener)(name) as obj:
                obj.state
        except (ValueError, TypeError):
            pass
        except clusapi_py.ClusterObjectNotFoundError:
            pass
    assert_clean()


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.floats())
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                       max_leaves=20)
NODE = st.fixed_dictionaries({"name": st.sampled_from(["N1", "N2", "n1", ""])},
                             optional={"state": st.sampled_from(["UP", "DOWN", "BOGUS", 1, 7, -1]),
                                       "id": SCALARS})
GROUP = st.fixed_dictionaries({"name": st.sampled_from(["G1", "G2", "g1", "\0"])},
                              optional={"owner_node": st.sampled_from(["N1", "N2", "N9", "", None]),
                                        "state": st.sampled_from(["ONLINE", "FAILED", "NOPE", 0, 4, 99])})
RESOURCE = st.fixed_dictionaries({"name": st.sampled_from(["R1", "R2", "r1"]), "group": st.sampled_from(["G1", "G2", "X"])},
                                 optional={"dependencies": st.lists(st.sampled_from(["R1", "R2", "R3"]), max_size=2),
                                           "state": st.sampled_from(["ONLINE", "OFFLINE", "PENDING", 5])})
TOPOLOGY = st.fixed_dictionaries(
    {"cluster": st.fixed_dictionaries({"name": st.sampled_from(["C", "", "C\0", "Ç"])}),
     "nodes": st.lists(NODE, max_size=3)},
    optional={"groups": st.lists(GROUP, max_size=3), "resources": st.lists(RESOURCE, max_size=3),
              "quorum": st.one_of(st.none(), st.fixed_dictionaries({"resource": st.sampled_from(["R1", "", "Z"])})),
              "extra": SCALARS})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(topology=st.one_of(TOPOLOGY, JSONISH))
def test_any_topology_builds_or_says_why(topology):
    try:
        s = sim.SimulatedCluster(topology)
    except (ValueError, TypeError) as exc:
        assert str(exc)
        return
    except OSError:
        assert isinstance(topology, str)   # a str is a path to a JSON file
        return
    with clusapi_py.open_cluster(backend=s) as c:
        snap = c.snapshot()
    assert snap == clusapi_py.open_cluster(backend=sim.SimulatedCluster(snap.to_dict())).snapshot()
    assert all(v == 0 for v in s.open_handles().values())
