"""snapshot(properties=True): the bulk property sections, the per-object fallback,
and the dump/replay round trip with properties and types."""
import datetime
import json

import pytest

import clusapi_py
import clusapi_py.properties
from clusapi_py.properties import Syntax
from clusapi_py.sim import SimulatedCluster
from clusapi_py.sim.generate import generate as generate_topology

UTC = datetime.timezone.utc


def snap_of(sim, **kw):
    with clusapi_py.open_cluster(backend=sim) as c:
        return c.snapshot(**kw)


def test_properties_match_the_per_object_reads():
    sim = SimulatedCluster()
    snap = snap_of(sim, properties=True)
    with clusapi_py.open_cluster(backend=sim) as c:
        for g in snap.groups:
            assert snap.group_properties[g.name] == c.open_group(g.name).properties()
        for r in snap.resources:
            assert snap.resource_properties[r.name] == c.open_resource(r.name).properties()
        for n in snap.nodes:
            assert snap.node_properties[n.name] == c.open_node(n.name).properties()
        for n in snap.networks:
            assert snap.network_properties[n.name] == c.open_network(n.name).properties()
        assert snap.cluster_properties == c.properties()


def test_without_properties_nothing_changes_in_cost():
    sim = SimulatedCluster()
    sim.reset_calls()
    plain = snap_of(sim)
    trips = sim.round_trips()
    assert plain.group_properties is None and plain.cluster_properties is None
    assert sim.calls("ClusterNodeControl") == sim.calls("ClusterControl") == 0
    sim.reset_calls()
    snap_of(sim)
    assert sim.round_trips() == trips


def test_bulk_round_trips_do_not_grow_with_groups_and_resources():
    def extra(topology):
        sim = SimulatedCluster(topology)
        sim.reset_calls()
        snap_of(sim)
        base = sim.round_trips()
        sim.reset_calls()
        snap_of(sim, properties=True)
        return sim.round_trips() - base, sim

    small, _ = extra(generate_topology(nodes=2, groups=4, resources_per_group=2))
    large, sim = extra(generate_topology(nodes=2, groups=40, resources_per_group=5))
    assert small == large
    assert sim.calls("ClusterGroupControl") == sim.calls("ClusterResourceControl") == 0


def test_fallback_without_bulk_enumerations_gives_the_same_result():
    sim = SimulatedCluster()
    bulk = snap_of(sim, properties=True)
    sim.hide("ClusterGroupOpenEnumEx")
    sim.hide("ClusterResourceOpenEnumEx")
    sim.reset_calls()
    per_object = snap_of(sim, properties=True)
    assert per_object == bulk
    assert sim.calls("ClusterResourceControl") >= 2 * len(bulk.resources)


def test_round_trip_with_properties_is_exact():
    sim = SimulatedCluster()
    sim.set_properties("group", "FS01", {"Priority": 3000, "Blob": b"\x01\x02", "When": datetime.datetime(
        2023, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)})
    sim.set_properties("resource", "SQL Server", {"StatusInformation": 0x100, "Big": 2**40, "Neg": -5,
                                                 "Exp": {"syntax": int(Syntax.EXPAND_SZ), "value": "%X%"}})
    snap = snap_of(sim, properties=True)
    dumped = json.loads(snap.to_json())
    assert dumped["resources"][0]["type"] == "IP Address"
    assert dumped["groups"][3]["properties"]["When"] == {"filetime": "2023-03-04T05:06:07.123456+00:00"}
    replay = SimulatedCluster(dumped)
    assert snap_of(replay, properties=True) == snap
    assert snap_of(replay, properties=True).resource_properties["SQL Server"]["Exp"] == "%X%"


@pytest.mark.parametrize("types", [["Physical Disk"], ["Physical Disk", "File Server"], []])
def test_round_trip_without_generic_service(types):
    topology = {"cluster": {"name": "C"}, "nodes": [{"name": "N1"}], "resource_types": types,
                "groups": [{"name": "G"}],
                "resources": [{"name": "R1", "group": "G", "type": "Physical Disk"},
                              {"name": "R2", "group": "G", "type": "Physical Disk"}]}
    sim = SimulatedCluster(topology)
    for props in (False, True):
        snap = snap_of(sim, properties=props)
        assert "Generic Service" not in snap.resource_types
        again = snap_of(SimulatedCluster(snap.to_dict()), properties=props)
        assert again == snap
    with clusapi_py.open_cluster(backend=SimulatedCluster(snap_of(sim).to_dict())) as c:
        assert c.open_resource("R1").resource_type == "Physical Disk"


def test_replay_of_generated_cluster_with_properties():
    sim = SimulatedCluster(generate_topology(nodes=3, groups=6, resources_per_group=3))
    snap = snap_of(sim, properties=True)
    assert snap_of(SimulatedCluster(snap.to_dict()), properties=True) == snap


@pytest.mark.parametrize("bad,words", [
    ({"properties": []}, "must be an object"),
    ({"properties": {"": 1}}, "non-empty"),
    ({"properties": {"T": {"filetime": "nope"}}}, "ISO 8601"),
    ({"properties": {"X": {"syntax": 0x10002, "value": "s"}}}, "int"),
    ({"private_properties": {"M": ["a", ""]}}, "empty string"),
])
def test_topology_properties_are_checked(bad, words):
    topology = {"cluster": {"name": "C"}, "nodes": [dict({"name": "N1"}, **bad)]}
    with pytest.raises(ValueError, match=words):
        SimulatedCluster(topology)


def test_topology_private_properties_and_cluster_properties():
    topology = {"cluster": {"name": "C", "properties": {"SameSubnetThreshold": 20}},
                "nodes": [{"name": "N1"}], "groups": [{"name": "G"}],
                "resources": [{"name": "IP", "group": "G", "type": "IP Address",
                               "private_properties": {"Address": "192.168.1.10", "ProbePort": 59999}}]}
    sim = SimulatedCluster(topology)
    with clusapi_py.open_cluster(backend=sim) as c:
        assert c.properties()["SameSubnetThreshold"] == 20
        private = c.open_resource("IP").private_properties()
        assert private["Address"] == "192.168.1.10" and private["ProbePort"] == 59999
        assert private["SubnetMask"] == "255.255.255.0"


def test_snapshot_rejects_unknown_flags_and_closed_cluster():
    sim = SimulatedCluster()
    c = clusapi_py.open_cluster(backend=sim)
    c.close()
    with pytest.raises(ValueError, match="closed"):
        c.snapshot(properties=True)


def test_property_tables_decode_on_first_read_and_report_malformed_lists():
    from clusapi_py.snapshot import PropertyTable
    good = clusapi_py.properties.build([("A", 1, Syntax.DWORD)])
    table = PropertyTable(good + b"\x01\0\0\0", {"x": (0, len(good), 0), "bad": (len(good), 4, 0)})
    assert len(table) == 2 and list(table) == ["x", "bad"]
    assert table["x"] == {"A": 1} and table.syntaxes("x") == {"A": Syntax.DWORD}
    with pytest.raises(ValueError, match="promises more"):
        table["bad"]
    with pytest.raises(KeyError):
        table["missing"]
    snap = snap_of(SimulatedCluster(), properties=True)
    assert isinstance(snap.group_properties, PropertyTable)
    assert dict(snap.group_properties)["FS01"]["Name"] == "FS01"
