"""Property-change events: set_properties on every kind of object queues the
*_PROPERTIES (or *_PRIVATE_PROPERTIES) event with a property list of the
changed values, which ClusterEvent.properties() decodes; version 1 delivers
the kind with no payload."""
import pytest

from clusapi_py import EventKind, properties
from clusapi_py.events.types import PROPERTY_KINDS

from test_port import drain, ids as _ids

K = EventKind


def ids(s):
    return {**_ids(s), **{i["name"]: i["id"] for i in s.topology["netinterfaces"]}}


CASES = [
    ("node", "NODE2", K.NODE_PROPERTIES, {"NodeWeight": 0}),
    ("group", "FS01", K.GROUP_PROPERTIES, {"Priority": 3000, "Description": "file shares"}),
    ("resource", "SQL Server", K.RESOURCE_PROPERTIES, {"RestartThreshold": 7}),
    ("network", "Cluster Network 1", K.NETWORK_PROPERTIES, {"Metric": 12345}),
    ("netinterface", "NODE1 - Ethernet", K.NETINTERFACE_PROPERTIES, {"Description": "team 1"}),
    ("cluster", None, K.CLUSTER_PROPERTIES, {"SameSubnetThreshold": 20}),
]


@pytest.mark.parametrize("kind, name, event_kind, values", CASES, ids=[c[0] for c in CASES])
def test_each_kind_carries_the_changed_values(s, c, kind, name, event_kind, values):
    with c.notifications() as port:
        s.set_properties(kind, name, values)
        events = drain(port)
    assert [e.kind for e in events] == [event_kind] * len(values)    # one event per value set
    got = {}
    for e in events:
        assert e.kind in PROPERTY_KINDS
        assert e.state is None and e.owner_node is None
        got.update(e.properties())
        assert properties.parse(e.payload)                        # the payload is a property list
    assert got == values
    if name is None:
        assert events[0].name == c.name and events[0].id == ""
    else:
        assert events[0].name == name and events[0].id == ids(s)[name]
    if kind == "resource":
        assert events[0].resource_type == next(r["type"] for r in s.topology["resources"] if r["name"] == name)
        group = next(r["group"] for r in s.topology["resources"] if r["name"] == name)
        assert events[0].parent_id == ids(s)[group]


def test_the_values_keep_their_syntax(s, c):
    with c.notifications([K.GROUP_PROPERTIES]) as port:
        s.set_properties("group", "FS01", {"Priority": 1000})
        s.set_properties("group", "FS01", {"NewList": ["a", "b"]})
        s.set_properties("group", "FS01", {"Blob": {"binary": "00ff"}})
        events = drain(port)
    assert [e.properties() for e in events] == [{"Priority": 1000}, {"NewList": ["a", "b"]}, {"Blob": b"\x00\xff"}]
    (p,) = properties.parse(events[0].payload)
    assert p.syntax == properties.Syntax.DWORD


@pytest.mark.parametrize("kind, name, event_kind", [
    ("node", "NODE1", K.NODE_PRIVATE_PROPERTIES), ("group", "FS01", K.GROUP_PRIVATE_PROPERTIES),
    ("resource", "SQL Server", K.RESOURCE_PRIVATE_PROPERTIES),
    ("network", "Cluster Network 1", K.NETWORK_PRIVATE_PROPERTIES),
    ("netinterface", "NODE1 - Ethernet", K.NETINTERFACE_PRIVATE_PROPERTIES),
    ("cluster", None, K.CLUSTER_PRIVATE_PROPERTIES)])
def test_private_properties_have_their_own_kinds(s, c, kind, name, event_kind):
    with c.notifications() as port:
        s.set_properties(kind, name, {"Setting": "x"}, private=True)
        (ev,) = drain(port)
    assert ev.kind is event_kind and ev.properties() == {"Setting": "x"}


def test_a_port_gets_only_the_kinds_it_asked_for(s, c):
    with c.notifications([K.GROUP_PRIVATE_PROPERTIES]) as port:
        s.set_properties("group", "FS01", {"Priority": 1})
        s.set_properties("resource", "SQL Server", {"Setting": 1}, private=True)
        s.set_properties("group", "FS01", {"Setting": 2}, private=True)
        (ev,) = drain(port)
    assert ev.kind is K.GROUP_PRIVATE_PROPERTIES and ev.properties() == {"Setting": 2}


def test_a_refused_value_posts_nothing(s, c):
    with c.notifications() as port:
        with pytest.raises((ValueError, TypeError)):
            s.set_properties("group", "FS01", {"Priority": "not a number"})
        with pytest.raises(Exception):
            s.set_properties("group", "no such group", {"Priority": 1})
        assert drain(port) == []


def test_other_kinds_have_no_properties(s, c):
    with c.notifications([K.GROUP_STATE]) as port:
        s.set_group_state("FS01", "OFFLINE")
        (ev,) = drain(port)
    assert ev.properties() is None


def test_a_malformed_list_is_a_value_error(s, c):
    with c.notifications([K.GROUP_PROPERTIES]) as port:
        s.set_properties("group", "FS01", {"Priority": 1})
        (ev,) = drain(port)
    broken = ev._replace(payload=ev.payload[:-6])
    with pytest.raises(ValueError):
        broken.properties()
    assert ev._replace(payload=b"").properties() is None


def test_version_1_delivers_the_kind_without_a_payload(s, c):
    with c.notifications([K.GROUP_PROPERTIES, K.NETWORK_PROPERTIES, K.NETINTERFACE_PROPERTIES,
                          K.CLUSTER_PROPERTIES], version=1) as port:
        assert port.version == 1
        s.set_properties("group", "FS01", {"Priority": 1})
        s.set_properties("group", "FS01", {"Setting": 1}, private=True)   # v1 has one filter for both
        s.set_properties("network", "Cluster Network 1", {"Metric": 1})
        s.set_properties("netinterface", "NODE1 - Ethernet", {"Description": "x"})
        s.set_properties("cluster", None, {"SameSubnetThreshold": 20})
        s.set_properties("node", "NODE1", {"NodeWeight": 0})      # not asked for
        events = drain(port)
    assert [(e.kind, e.name) for e in events] == [
        (K.GROUP_PROPERTIES, "FS01"), (K.GROUP_PROPERTIES, "FS01"), (K.NETWORK_PROPERTIES, "Cluster Network 1"),
        (K.NETINTERFACE_PROPERTIES, "NODE1 - Ethernet"), (K.CLUSTER_PROPERTIES, c.name)]
    assert all(e.properties() is None and e.payload == b"" for e in events)


def test_private_kinds_do_not_exist_in_version_1(c):
    with pytest.raises(ValueError):
        c.notifications([K.GROUP_PRIVATE_PROPERTIES], version=1)


def test_the_live_view_ignores_property_events(s, c):
    with c.live_view() as view:
        before = view.snapshot()
        s.set_properties("group", "FS01", {"Priority": 1})
        assert view.flush() >= 1
        assert view.snapshot() is before and view.resyncs == 0


def test_a_payload_over_16_mib_is_delivered_and_wedges_no_port(s, c):
    """A property value of 18 MiB: the event is read whole (the shim grows its buffer to
    what the cluster asks), on every port, and the ports go on working."""
    big = "x" * (9 << 20)                       # 9 Mi UTF-16 units: 18 MiB in the payload
    with c.notifications() as port, c.notifications([K.GROUP_PROPERTIES, K.GROUP_STATE]) as other, \
            c.live_view() as view:
        s.set_properties("group", "FS01", {"Description": big})
        s.set_group_state("FS01", "FAILED")
        for p in (port, other):
            ev = p.get(timeout=5)
            assert ev.kind is K.GROUP_PROPERTIES and len(ev.payload) > 16 << 20
            assert ev.properties()["Description"] == big
            ev = p.get(timeout=5)
            assert ev.kind is K.GROUP_STATE and ev.name == "FS01"
        view.flush()
        assert not view.stale and view.port_reopens == 0 and view.last_error is None
        assert next(g for g in view.snapshot().groups if g.name == "FS01").state.name == "FAILED"
