"""Properties through the handles, against the simulator's own lists and writer."""
import datetime
import threading
import time

import pytest

import clusapi_py
from clusapi_py import errors
from clusapi_py.properties import Property, Syntax
from clusapi_py.records import FailureInfo
from clusapi_py.sim import SimulatedCluster

UTC = datetime.timezone.utc
OBJECTS = [("cluster", None), ("node", "NODE1"), ("group", "Cluster Group"), ("resource", "Cluster IP Address"),
           ("resource", "Cluster Name"), ("resource", "Cluster Disk 1"), ("resource", "SQL Server"),
           ("network", "Cluster Network 1"), ("netinterface", "NODE1 - Ethernet")]


@pytest.fixture
def sim():
    return SimulatedCluster()


def opened(c, kind, name):
    return c if kind == "cluster" else getattr(c, "open_" + kind)(name)


@pytest.mark.parametrize("kind,name", OBJECTS)
@pytest.mark.parametrize("private", [False, True])
def test_every_object_reads_what_the_simulator_serves(sim, kind, name, private):
    with clusapi_py.open_cluster(backend=sim) as c:
        obj = opened(c, kind, name)
        got = obj.property_list(private=private)
        assert got == sim.property_list(kind, name, private)
        as_dict = obj.private_properties() if private else obj.properties()
        assert as_dict == {p.name: p.value for p in got}
        if not private:
            assert got and any(p.read_only for p in got) and any(not p.read_only for p in got)


def test_documented_names_and_types(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        node = {p.name: p for p in c.open_node("NODE1").property_list()}
        assert node["NodeWeight"] == Property("NodeWeight", 1, Syntax.DWORD, False)
        assert node["DynamicWeight"].read_only and node["NodeDrainStatus"].read_only
        assert node["BuildNumber"].value == 20348
        group = c.open_group("Cluster Group").properties()
        assert group["Priority"] == 2000 and group["GroupType"] == 1 and group["FailoverPeriod"] == 6
        res = {p.name: p for p in c.open_resource("SQL Server").property_list()}
        assert res["Type"] == Property("Type", "SQL Server", Syntax.SZ, True)
        assert res["StatusInformation"].syntax == Syntax.ULARGE_INTEGER
        for name in ("RestartAction", "RestartDelay", "RestartPeriod", "RestartThreshold", "PendingTimeout",
                     "DeadlockTimeout", "IsAlivePollInterval", "LooksAlivePollInterval", "MonitorProcessId"):
            assert res[name].syntax == Syntax.DWORD
        assert c.open_network("Cluster Network 1").properties()["Role"] == 3
        cluster = c.properties()
        assert len(cluster) >= 70 and cluster["Name"] == "CLUSTER01"
        assert cluster["RecentEventsResetTime"] == datetime.datetime(2024, 1, 1, tzinfo=UTC)
        ip = c.open_resource("Cluster IP Address").private_properties()
        assert ip["SubnetMask"] == "255.255.255.0"


def test_one_round_trip_per_list_and_sizes_beyond_the_first_buffer(sim):
    sim.set_properties("node", "NODE1", {"Big": b"x" * 10000})
    with clusapi_py.open_cluster(backend=sim) as c:
        node = c.open_node("NODE1")
        sim.reset_calls()
        assert node.properties()["Big"] == b"x" * 10000
        # read-write list: 4 KiB first, then the size asked for; read-only: one call
        assert sim.calls("ClusterNodeControl") == 3
        sim.reset_calls()
        node.properties()["NodeWeight"]
        assert sim.round_trips() == 3


def test_older_version_hides_newer_properties(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        assert "DetectManagedEvents" in c.properties()
        sim.set_version(build=14393)
        props = c.properties()
        assert "DetectManagedEvents" not in props and "AccelNetManagement" not in props
        assert "S2DEnabled" in props and props["ClusterFunctionalLevel"] == 11
        sim.set_version(build=9600)
        assert "S2DEnabled" not in c.properties()
        node = c.open_node("NODE1").properties()
        assert "StatusInformation" not in node and "FaultDomainId" not in node
        assert node["BuildNumber"] == 9600
        # an explicitly set value shows whatever the version
        sim.set_properties("node", "NODE1", {"FaultDomainId": "rack1"})
        assert c.open_node("NODE1").properties()["FaultDomainId"] == "rack1"
        sim.set_version(build=20348)
        assert c.open_node("NODE1").properties()["FaultDomainId"] == "rack1"
    assert sim.topology["cluster"]["version"]["build"] == 20348


def test_set_properties_keeps_syntax_and_order(sim):
    before = [p.name for p in sim.property_list("resource", "SQL Server")]
    sim.set_properties("resource", "SQL Server", {"StatusInformation": 0x40, "restartthreshold": 5,
                                                  "Custom": ["a", "b"], "When": datetime.datetime(2025, 1, 2,
                                                                                                tzinfo=UTC)})
    after = {p.name: p for p in sim.property_list("resource", "SQL Server")}
    assert after["StatusInformation"] == Property("StatusInformation", 0x40, Syntax.ULARGE_INTEGER, True)
    assert after["RestartThreshold"].value == 5
    assert after["Custom"] == Property("Custom", ["a", "b"], Syntax.MULTI_SZ, False)
    assert after["When"].syntax == Syntax.FILETIME
    assert [n for n in after if n in before] == before      # defaults keep their places
    with clusapi_py.open_cluster(backend=sim) as c:
        assert c.open_resource("SQL Server").failure_info() == FailureInfo(5, 0)


def test_typed_json_values(sim):
    sim.set_properties("cluster", None, {"Blob": {"binary": "00ff"}, "T": {"filetime": "2024-05-01T10:00:00Z"},
                                         "Q": {"syntax": int(Syntax.ULARGE_INTEGER), "value": 7},
                                         "X": {"syntax": int(Syntax.EXPAND_SZ), "value": "%TEMP%"}})
    got = {p.name: p for p in sim.property_list("cluster")}
    assert got["Blob"].value == b"\x00\xff"
    assert got["T"].value == datetime.datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert (got["Q"].syntax, got["Q"].value) == (Syntax.ULARGE_INTEGER, 7)
    assert (got["X"].syntax, got["X"].value) == (Syntax.EXPAND_SZ, "%TEMP%")


@pytest.mark.parametrize("values,exc", [
    ({"NodeWeight": "heavy"}, TypeError),
    ({"NodeWeight": -1}, ValueError),
    ({"NodeWeight": True}, TypeError),
    ({"": 1}, ValueError),
    ({"A\0B": 1}, ValueError),
    ({"T": {"filetime": "yesterday"}}, ValueError),
    ({"T": {"filetime": "2024-01-01T00:00:00"}}, ValueError),
    ({"B": {"binary": "zz"}}, ValueError),
    ({"S": {"syntax": "DWORD", "value": 1}}, TypeError),
    ({"S": {"syntax": 0x10002, "value": 1, "extra": 0}}, ValueError),
    ({"M": ["a", ""]}, ValueError),
    ({"O": object()}, TypeError),
])
def test_bad_values_change_nothing(sim, values, exc):
    before = sim.property_list("node", "NODE1")
    with pytest.raises(exc):
        sim.set_properties("node", "NODE1", dict({"Description": "changed"}, **values))
    assert sim.property_list("node", "NODE1") == before


def test_bad_targets(sim):
    with pytest.raises(ValueError, match="kind"):
        sim.set_properties("disk", "x", {"A": 1})
    with pytest.raises(ValueError, match="name"):
        sim.set_properties("node", "", {"A": 1})
    with pytest.raises(errors.ClusterObjectNotFoundError):
        sim.set_properties("node", "NOPE", {"A": 1})
    with pytest.raises(TypeError):
        sim.set_properties("node", "NODE1", [("A", 1)])
    with pytest.raises(ValueError):
        sim.set_version(build=70000)
    with pytest.raises(errors.ClusterObjectNotFoundError):
        sim.property_list("group", "NOPE")


def test_resource_type_failure_info_and_times(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        r = c.open_resource("Cluster Disk 1")
        g = c.open_group("Available Storage")
        assert r.resource_type == "Physical Disk"
        assert r.failure_info() == FailureInfo(1, 0)
        assert g.failure_info() == FailureInfo(0xFFFFFFFF, 0)
        t0 = r.state_change_time
        m0 = g.last_move_time
        assert t0.tzinfo is not None and abs(datetime.datetime.now(UTC) - t0) < datetime.timedelta(minutes=5)
        time.sleep(0.01)
        sim.set_resource_state("Cluster Disk 1", "OFFLINE")
        sim.move_group("Available Storage", "NODE2")
        assert r.state_change_time > t0 and g.last_move_time > m0
        assert g.last_move_time <= datetime.datetime.now(UTC)


def test_unsupported_codes_are_none_and_failures_raise(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        r = c.open_resource("Cluster Disk 1")
        sim.fail("ClusterResourceControl", 1)           # ERROR_INVALID_FUNCTION: the code is not supported
        assert r.failure_info() is None
        sim.fail("ClusterResourceControl", 1)
        assert r.state_change_time is None
        sim.fail("ClusterResourceControl", 5)
        with pytest.raises(errors.ClusterAccessDeniedError):
            r.properties()
        sim.hide("ClusterNodeControl")
        with pytest.raises(errors.ClusterAPIUnavailableError, match="ClusterNodeControl"):
            c.open_node("NODE1").properties()
        r.close()
        with pytest.raises(ValueError, match="closed"):
            r.properties()
        with pytest.raises(ValueError, match="closed"):
            r.resource_type


def test_deleted_object(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        r = c.open_resource("SQL Server Agent")
        sim.delete_resource("SQL Server Agent")
        with pytest.raises(errors.ClusterObjectNotFoundError):
            r.properties()


def test_threads_read_while_values_change(sim):
    stop = threading.Event()
    failures = []

    def reader():
        with clusapi_py.open_cluster(backend=sim) as c:
            g = c.open_group("FS01")
            while not stop.is_set():
                try:
                    p = g.properties()
                    assert p["Priority"] in (2000, 3000) and p["Name"] == "FS01"
                except Exception as e:  # pragma: no cover - reported below
                    failures.append(e)
                    return

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(200):
        sim.set_properties("group", "FS01", {"Priority": 3000 if i % 2 else 2000})
    stop.set()
    for t in threads:
        t.join()
    assert not failures
