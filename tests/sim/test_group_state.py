"""A group's state follows its resources (CLUSTER_GROUP_STATE; the precedence
of MS-CMRP ApiGetGroupState): in the simulator's C side on set_resource_state,
and in the topology loader where a group's state is omitted."""
import itertools

import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py.enums import GroupState, ResourceState
from clusapi_py.events import EventKind as K
from clusapi_py.sim.topology import derived_group_state, normalize_topology

R, G = ResourceState, GroupState
SIMULATED = [R.INHERITED, R.INITIALIZING, R.ONLINE, R.OFFLINE, R.FAILED, R.PENDING, R.ONLINE_PENDING,
             R.OFFLINE_PENDING]


@pytest.mark.parametrize("states, group", [
    ([R.ONLINE, R.ONLINE], G.ONLINE),
    ([R.OFFLINE, R.OFFLINE], G.OFFLINE),
    ([R.ONLINE, R.OFFLINE], G.PARTIAL_ONLINE),
    ([R.ONLINE, R.ONLINE_PENDING], G.PENDING),
    ([R.OFFLINE, R.OFFLINE_PENDING], G.PENDING),
    ([R.ONLINE, R.PENDING], G.PENDING),
    ([R.ONLINE_PENDING, R.FAILED], G.FAILED),          # failed wins over pending
    ([R.ONLINE, R.FAILED], G.FAILED),
    ([R.INITIALIZING, R.OFFLINE], G.OFFLINE),           # none online
    ([R.INHERITED, R.ONLINE], G.PARTIAL_ONLINE),        # not all online
])
def test_the_documented_precedence(states, group):
    assert derived_group_state(states) is group


def test_a_group_without_resources_has_no_derived_state():
    assert derived_group_state([]) is None


def _two_resource_cluster(first, second):
    t = {"cluster": {"name": "C"}, "nodes": [{"name": "N1"}], "groups": [{"name": "G"}],
         "resources": [{"name": "A", "group": "G", "state": first.name},
                       {"name": "B", "group": "G", "state": second.name}]}
    return sim.SimulatedCluster(t)


def test_the_c_rule_agrees_with_the_loader_on_every_pair_of_states():
    # Start from a consistent pair (derived at load), then change one resource at run time:
    # the simulator's C side must land where the Python rule says.
    s = _two_resource_cluster(R.ONLINE, R.ONLINE)
    with clusapi_py.open_cluster(backend=s) as c:
        for first, second in itertools.product(SIMULATED, SIMULATED):
            s.set_resource_state("A", first)
            s.set_resource_state("B", second)
            assert c.snapshot().groups[0].state is derived_group_state([first, second]), (first, second)


def test_set_resource_state_posts_the_groups_event_after_its_own(s, c):
    with c.notifications([K.GROUP_STATE, K.RESOURCE_STATE]) as port:
        s.set_resource_state("SQL Server", "FAILED")
        s.set_resource_state("SQL Server Agent", "FAILED")     # the group stays FAILED: no group event
        s.set_resource_state("SQL Server", "ONLINE")
        s.set_resource_state("SQL Server Agent", "ONLINE")     # back to ONLINE
        events = []
        while True:
            e = port.get(0)
            if e is None:
                break
            events.append((e.kind, e.name, e.state))
    group = "SQL Server (MSSQLSERVER)"
    assert events == [
        (K.RESOURCE_STATE, "SQL Server", R.FAILED), (K.GROUP_STATE, group, G.FAILED),
        (K.RESOURCE_STATE, "SQL Server Agent", R.FAILED),
        (K.RESOURCE_STATE, "SQL Server", R.ONLINE),
        (K.RESOURCE_STATE, "SQL Server Agent", R.ONLINE), (K.GROUP_STATE, group, G.ONLINE),
    ]


def test_set_group_state_still_forces_what_the_cluster_reports(s, c):
    s.set_group_state("FS01", "FAILED")                      # its resources are all ONLINE
    with c.open_group("FS01") as g:
        assert g.state is G.FAILED
    s.set_resource_state("FS01 Name", "OFFLINE")            # the next resource change re-derives
    with c.open_group("FS01") as g:
        assert g.state is G.PARTIAL_ONLINE


def test_a_group_without_resources_keeps_its_own_state():
    t = {"cluster": {"name": "C"}, "nodes": [{"name": "N1"}],
         "groups": [{"name": "Empty", "state": "PENDING"}, {"name": "Full"}],
         "resources": [{"name": "R", "group": "Full", "state": "FAILED"}]}
    s = sim.SimulatedCluster(t)
    s.set_resource_state("R", "ONLINE")
    with clusapi_py.open_cluster(backend=s) as c:
        assert [(g.name, g.state) for g in c.snapshot().groups] == [("Empty", G.PENDING), ("Full", G.ONLINE)]


def test_the_loader_derives_an_omitted_group_state_and_keeps_a_given_one():
    t = normalize_topology({
        "cluster": {"name": "C"}, "nodes": [{"name": "N1"}],
        "groups": [{"name": "Derived"}, {"name": "Given", "state": "ONLINE"}, {"name": "Empty"}],
        "resources": [{"name": "A", "group": "Derived", "state": "OFFLINE"},
                      {"name": "B", "group": "Derived"},
                      {"name": "C", "group": "Given", "state": "FAILED"}]})
    assert [(g["name"], g["state"]) for g in t["groups"]] == [
        ("Derived", "PARTIAL_ONLINE"), ("Given", "ONLINE"), ("Empty", "ONLINE")]


@pytest.mark.parametrize("topology", [sim.default_topology(), sim.generate(4, 30, 3, shared_volumes=2)],
                         ids=["default", "generate"])
def test_the_built_in_topologies_are_consistent(topology):
    t = normalize_topology(topology)
    for g in t["groups"]:
        states = [R[r["state"]] for r in t["resources"] if r["group"] == g["name"]]
        assert derived_group_state(states) in (None, G[g["state"]]), g["name"]
