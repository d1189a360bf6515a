"""set_properties() on every object kind, against the simulator: types checked
before any call, read-only and unknown names refused, VALIDATE then SET,
validate_only stores nothing, 5024 as needs_restart, access rights, events."""
import datetime

import pytest

import clusapi_py
from clusapi_py import Access, ClusterAccessDeniedError, EventKind, SetResult
from clusapi_py import _bindings as b
from clusapi_py.properties import Syntax, build
from clusapi_py.properties.writes import write_codes
from clusapi_py.sim import SimulatedCluster

FN = {"cluster": "ClusterControl", "node": "ClusterNodeControl", "group": "ClusterGroupControl",
      "resource": "ClusterResourceControl", "network": "ClusterNetworkControl",
      "netinterface": "ClusterNetInterfaceControl"}
CASES = [
    ("cluster", None, "SameSubnetThreshold", 20),
    ("node", "NODE1", "NodeWeight", 0),
    ("group", "Cluster Group", "Priority", 3000),
    ("resource", "SQL Server", "RestartThreshold", 7),
    ("network", "Cluster Network 1", "Metric", 12345),
    ("netinterface", "NODE1 - Ethernet", "Description", "team 1"),
]


@pytest.fixture
def sim():
    return SimulatedCluster()


def opened(c, kind, name, access=Access.MAXIMUM_ALLOWED):
    return c if kind == "cluster" else getattr(c, "open_" + kind)(name, access)


def test_the_write_codes_are_the_sdk_ones():
    from clusapi_py import kinds
    table = {  # ClusApi.h CLUSCTL_*_{VALIDATE,SET}_{COMMON,PRIVATE}_PROPERTIES
        "resource": (0x01000061, 0x0140005E, 0x01000089, 0x01400086),
        "group": (0x03000061, 0x0340005E, 0x03000089, 0x03400086),
        "node": (0x04000061, 0x0440005E, 0x04000089, 0x04400086),
        "network": (0x05000061, 0x0540005E, 0x05000089, 0x05400086),
        "netinterface": (0x06000061, 0x0640005E, 0x06000089, 0x06400086),
        "cluster": (0x07000061, 0x0740005E, 0x07000089, 0x07400086),
    }
    for name, codes in table.items():
        kind = kinds.BY_NAME[name].id
        assert write_codes(kind, False) + write_codes(kind, True) == codes


@pytest.mark.parametrize("kind, name, prop, value", CASES, ids=[c[0] for c in CASES])
def test_every_kind_validates_then_sets(sim, kind, name, prop, value):
    with clusapi_py.open_cluster(backend=sim) as c:
        obj = opened(c, kind, name)
        old = obj.properties()[prop]
        with c.notifications() as port:
            # validate_only: the cluster's check, nothing stored, no event
            assert obj.set_properties({prop: value}, validate_only=True) == SetResult(False, False,
                                                                                    {prop: (old, value)})
            assert port.get(timeout=0) is None and obj.properties()[prop] == old
            sim.reset_calls()
            obj.property_list()
            reads = sim.calls(FN[kind])     # 2, or 3 where the list outgrows the first buffer
            sim.reset_calls()
            result = obj.set_properties({prop: value})
            calls = sim.calls(FN[kind])
            events = list(iter(lambda: port.get(timeout=0), None))
        assert result == SetResult(True, False, {prop: (old, value)})
        assert isinstance(result, tuple) and result.stored and not result.needs_restart
        # read-write + read-only list, VALIDATE, SET
        assert calls == reads + 2
        assert obj.properties()[prop] == value
        assert [e.properties() for e in events] == [{prop: value}]
        assert events[0].kind.name.endswith("_PROPERTIES") and "PRIVATE" not in events[0].kind.name


def test_changed_lists_only_what_differs(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        g = c.open_group("Cluster Group")
        same = g.properties()["Priority"]
        with c.notifications([EventKind.GROUP_PROPERTIES]) as port:
            result = g.set_properties({"priority": same, "Description": "core"})    # names are case-insensitive
            assert [e.properties() for e in iter(lambda: port.get(timeout=0), None)] == [{"Description": "core"}]
            assert g.set_properties({"Priority": same}).stored                # nothing changed: no event
            assert port.get(timeout=0) is None
        assert result.changed == {"Description": ("", "core")} and result.stored
        assert g.set_properties({}) == SetResult(False, False, {})


def test_types_follow_the_current_syntax(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        g = c.open_group("Cluster Group")
        before = g.property_list()
        sim.reset_calls()
        for bad in ({"Priority": "3000"}, {"Priority": True}, {"Priority": 1.5}, {"Description": 5},
                    {"Description": b"x"}):
            with pytest.raises(TypeError, match="Cluster Group"):
                g.set_properties(bad)
        with pytest.raises(ValueError, match="out of range"):
            g.set_properties({"Priority": 2 ** 32})
        with pytest.raises(ValueError, match="read-only"):
            g.set_properties({"GroupType": 100})
        with pytest.raises(ValueError, match="no common property 'Priorty'.*Priority"):
            g.set_properties({"Priorty": 1})
        with pytest.raises(ValueError, match="twice"):
            g.set_properties({"Priority": 1, "PRIORITY": 2})
        with pytest.raises(TypeError, match="dict"):
            g.set_properties([("Priority", 1)])
        # only reads went out; nothing changed
        assert g.property_list() == before
        assert sim.calls("ClusterGroupControl") == 2 * 9 + 2      # every refusal read the two lists once
        # a valid value in the same call as a bad one is not set either
        with pytest.raises(TypeError):
            g.set_properties({"Description": "ok", "Priority": "bad"})
        assert g.properties()["Description"] == ""


def test_multi_sz_binary_and_private_values(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        r = c.open_resource("Cluster IP Address")
        private = {p.name: p for p in r.property_list(private=True)}
        assert private, "the IP Address type has private properties"
        name = next(p.name for p in private.values() if p.syntax == Syntax.SZ and not p.read_only)
        with pytest.raises(ValueError, match="no private property"):
            r.set_properties({"NoSuch": "x"}, private=True)
        result = r.set_properties({name: "10.0.0.99"}, private=True)
        assert result.stored and r.private_properties()[name] == "10.0.0.99"
        sim.set_properties("group", "Cluster Group", {"Tags": ["a"]})
        g = c.open_group("Cluster Group")
        assert g.set_properties({"Tags": ("b", "c")}).changed == {"Tags": (["a"], ["b", "c"])}
        assert g.properties()["Tags"] == ["b", "c"]
        with pytest.raises(TypeError, match="list of str"):
            g.set_properties({"Tags": "b"})
        sim.set_properties("group", "Cluster Group", {"Blob": {"binary": "00ff"}})
        assert g.set_properties({"Blob": bytearray(b"\x01")}).changed == {"Blob": (b"\x00\xff", b"\x01")}
        with pytest.raises(TypeError, match="bytes"):
            g.set_properties({"Blob": "01"})


def test_an_online_resources_private_change_needs_a_restart(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        r = c.open_resource("Cluster IP Address")
        assert r.state == clusapi_py.ResourceState.ONLINE
        name = next(p.name for p in r.property_list(private=True) if p.syntax == Syntax.SZ and not p.read_only)
        result = r.set_properties({name: "10.0.0.98"}, private=True)
        assert result.stored and result.needs_restart
        assert r.private_properties()[name] == "10.0.0.98"
        # a common property takes effect at once; validate_only never says "restart"
        assert not r.set_properties({"RestartThreshold": 2}).needs_restart
        assert r.set_properties({name: "10.0.0.97"}, private=True, validate_only=True) == SetResult(
            False, False, {name: ("10.0.0.98", "10.0.0.97")})
        r.offline().wait(10)
        assert not r.set_properties({name: "10.0.0.96"}, private=True).needs_restart


@pytest.mark.parametrize("kind, name, prop, value", CASES, ids=[c[0] for c in CASES])
def test_a_read_handle_is_refused_by_the_cluster(sim, kind, name, prop, value):
    with clusapi_py.open_cluster(backend=sim, access=Access.GENERIC_READ) as c:
        obj = opened(c, kind, name, Access.GENERIC_READ)
        old = obj.properties()[prop]
        assert obj.set_properties({prop: value}, validate_only=True).stored is False    # VALIDATE reads only
        with pytest.raises(ClusterAccessDeniedError) as e:
            obj.set_properties({prop: value})
        assert e.value.winerror == 5 and e.value.function == FN[kind]
        assert obj.properties()[prop] == old


def test_the_cluster_refuses_what_python_would_have(sim):
    """The simulator's own checks, through the raw control call."""
    with clusapi_py.open_cluster(backend=sim) as c:
        g = c.open_group("Cluster Group")
        tok = g._tok()
        validate, set_code = write_codes(clusapi_py.kinds.GROUP.id, False)

        def call(code, data):
            return int(b.lib.cs_control_in(tok, code, data, len(data)))

        assert call(set_code, build([("GroupType", 5, Syntax.DWORD)])) == 87        # read-only
        assert call(set_code, build([("NoSuch", 5, Syntax.DWORD)])) == 87           # unknown common name
        assert call(set_code, build([("Priority", "x", Syntax.SZ)])) == 87          # not its syntax
        good = build([("Priority", 1234, Syntax.DWORD)])
        for malformed in (b"", b"\x01\x00\x00\x00", good[:-4], good[:12], b"\x01\x00\x00\x00" + b"\x00" * 24,
                          build([("Priority", b"\x01\x02", Syntax.BINARY)]).replace(
                              b"\x01\x00\x01\x00\x02\x00\x00\x00", b"\x02\x00\x01\x00\x02\x00\x00\x00")):
            assert call(set_code, malformed) == 13
        assert call(validate, good) == 0
        assert g.properties()["Priority"] == 2000
        assert call(set_code, good) == 0
        assert g.properties()["Priority"] == 1234
        assert call(set_code, b"\x00\x00\x00\x00") == 0                 # an empty list: nothing to do


def test_group_type_is_read_only_and_set_by_the_topology():
    t = SimulatedCluster().topology
    t["groups"].append({"name": "VM1", "owner_node": "NODE1", "state": "OFFLINE", "preferred_owners": [],
                        "properties": {"GroupType": 111}})
    sim = SimulatedCluster(t)
    with clusapi_py.open_cluster(backend=sim) as c:
        vm = {p.name: p for p in c.open_group("VM1").property_list()}["GroupType"]
        assert vm.value == 111 and vm.read_only
        assert c.open_group("Cluster Group").properties()["GroupType"] == 1
        assert c.open_group("Available Storage").properties()["GroupType"] == 2


def test_a_roles_group_type_defaults_from_its_resources_types(s, c):
    """What an outside client lists roles by (os-win: virtual machines are GroupType 111)."""
    assert c.open_group("FS01").properties()["GroupType"] == 100            # a File Server resource
    assert c.open_group("SQL Server (MSSQLSERVER)").properties()["GroupType"] == 9999   # no type names a role
    s.add_group("VM2", owner_node="NODE1", state="OFFLINE")
    assert c.open_group("VM2").properties()["GroupType"] == 9999            # empty: unknown
    s.add_resource("Virtual Machine VM2", "VM2", type="Virtual Machine", state="OFFLINE")
    with c.open_group("VM2") as g:
        assert g.properties()["GroupType"] == 111
        with pytest.raises(ValueError, match="read-only"):
            g.set_properties({"GroupType": 100})                             # still read-only
    s.delete_resource("Virtual Machine VM2")
    assert c.open_group("VM2").properties()["GroupType"] == 9999


def test_top_level_export():
    assert clusapi_py.SetResult is SetResult and "SetResult" in clusapi_py.__all__
    assert SetResult._fields == ("stored", "needs_restart", "changed")
    assert EventKind.GROUP_PROPERTIES
    assert datetime


def test_closed_and_forged_tokens_and_bad_buffers(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        g = c.open_group("Cluster Group")
        tok = g._tok()
        validate, set_code = write_codes(clusapi_py.kinds.GROUP.id, False)
        assert b.lib.cs_control_in(tok, set_code, b.ffi.NULL, 8) == 87
        g.close()
        with pytest.raises(ValueError, match="closed"):
            g.set_properties({"Priority": 1})
        assert b.lib.cs_control_in(tok, set_code, b"\0\0\0\0", 4) != 0          # a closed token
        assert b.lib.cs_control_in(0xDEADBEEF, set_code, b"\0\0\0\0", 4) != 0   # a forged one
    with pytest.raises(ValueError, match="closed"):
        c.set_properties({"Description": "x"})
