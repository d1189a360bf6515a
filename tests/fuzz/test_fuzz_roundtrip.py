"""The snapshot round trip is exact for every valid topology:
SimulatedCluster(snap.to_dict()) reads back as snap.

(Resource types: until the dump carries each resource's type, every
topology here lists "Generic Service" -- the type a resource without one
gets -- so that a re-read cluster has the same type list.)"""
import clusapi_py
from clusapi_py import sim
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Valid names: any text of 1..40 characters but NUL and lone surrogates.
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")
NAME = st.text(CHARS, min_size=1, max_size=40)
TEXT = st.text(CHARS, max_size=30)
NODE_STATES = st.sampled_from(["UP", "DOWN", "PAUSED", "JOINING"])
GROUP_STATES = st.sampled_from(["ONLINE", "OFFLINE", "FAILED", "PARTIAL_ONLINE", "PENDING"])
RES_STATES = st.sampled_from(["ONLINE", "OFFLINE", "FAILED", "ONLINE_PENDING", "OFFLINE_PENDING", "INITIALIZING"])


def _unique(names):
    seen, out = set(), []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


@st.composite
def topologies(draw):
    nodes = _unique(draw(st.lists(NAME, min_size=1, max_size=4)))
    groups = _unique(draw(st.lists(NAME, max_size=4)))
    resources = _unique(draw(st.lists(NAME, max_size=5))) if groups else []
    networks = _unique(draw(st.lists(NAME, max_size=2)))
    topo = {
        "cluster": {"name": draw(NAME), "version": {"vendor_id": draw(TEXT), "csd_version": draw(TEXT),
                                                     "build": draw(st.integers(0, 0xFFFF))}},
        "nodes": [{"name": n, "id": draw(NAME), "state": draw(NODE_STATES)} for n in nodes],
        "networks": [{"name": n, "id": draw(NAME)} for n in networks],
        "groups": [{"name": g, "id": draw(NAME), "state": draw(GROUP_STATES),
                    "owner_node": draw(st.sampled_from(nodes + [""]))} for g in groups],
        "resources": [{"name": r, "id": draw(NAME), "group": draw(st.sampled_from(groups)),
                       "state": draw(RES_STATES)} for r in resources],
        "resource_types": ["Generic Service"],
    }
    if resources and draw(st.booleans()):
        topo["quorum"] = {"resource": draw(st.sampled_from(resources)), "device": draw(TEXT),
                          "max_log_size": draw(st.integers(0, 0xFFFFFFFF))}
    return topo


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(topology=topologies())
def test_the_round_trip_is_exact(topology):
    s = sim.SimulatedCluster(topology)
    with clusapi_py.open_cluster(backend=s) as c:
        snap = c.snapshot()
    again = sim.SimulatedCluster(snap.to_dict())
    with clusapi_py.open_cluster(backend=again) as c2:
        assert c2.snapshot() == snap
