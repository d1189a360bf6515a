"""A simulator you can drive: a topology's `latency` and `scenario` (a
timeline of changes applied by the simulator itself), checked strictly at
load, run on a bounded background thread that ends with the simulator; the
demo topology that ships with the package, `--sim demo`."""
import gc
import io
import json
import os
import threading

import pytest

from clusapi_py import cli, open_cluster, sim
from clusapi_py.events import EventKind
from clusapi_py.sim import scenario as scenario_module
from clusapi_py.sim.topology import DEMO_TOPOLOGY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def topology(steps, **extra):
    t = sim.default_topology()
    t["scenario"] = dict({"steps": steps}, **extra) if extra else steps
    return t


def events_until(port, kind, name, timeout=10.0):
    """The events a port delivers up to the first of `kind` on `name` (bounded wait)."""
    seen = []
    while True:
        event = port.get(timeout=timeout)
        assert event is not None, "no %s of %r within %gs; saw %r" % (kind, name, timeout, seen)
        seen.append(event)
        if event.kind is kind and event.name == name:
            return seen


# ---- checked at load -----------------------------------------------------------------------
@pytest.mark.parametrize("steps, message", [
    ([{"at": 1, "explode": "x"}], r"steps\[0\]: needs exactly one action"),
    ([{"at": 1, "fail_resource": "SQL Server", "pause_node": "NODE1"}], "needs exactly one action"),
    ([{"fail_resource": "SQL Server"}], r"steps\[0\]: missing key\(s\) 'at'"),
    ([{"at": -1, "fail_resource": "SQL Server"}], r"steps\[0\].at: must be >= 0"),
    ([{"at": True, "fail_resource": "SQL Server"}], "must be a number of seconds"),
    ([{"at": float("nan"), "fail_resource": "SQL Server"}], "must be a number of seconds"),
    ([{"at": 1, "fail_resource": "No Such"}], r"steps\[0\].fail_resource: 'No Such' is not a resource"),
    ([{"at": 1, "fail_resource": "SQL Server", "node": "NODE1"}], r"unknown key\(s\) 'node'"),
    ([{"at": 1, "move_group": "FS01"}], r"missing key\(s\) 'node'"),
    ([{"at": 1, "move_group": "FS01", "node": "NODE9"}], r"steps\[0\].node: 'NODE9' is not a node"),
    ([{"at": 1, "group_state": "FS01", "state": "SIDEWAYS"}], r"steps\[0\].state"),
    ([{"at": 1, "node_state": "NODE1", "state": "UNKNOWN"}], "UNKNOWN is what a failed call reports"),
    ([{"at": 1, "fill_volume": "Cluster Disk 4"}], "takes one of 'free_bytes' or 'free_percent'"),
    ([{"at": 1, "fill_volume": "Cluster Disk 4", "free_bytes": 1, "free_percent": 1}], "takes one of"),
    ([{"at": 1, "fill_volume": "Cluster Disk 4", "free_percent": 101}], "from 0 to 100"),
    ([{"at": 1, "fill_volume": "Cluster Disk 4", "free_bytes": 2 ** 41}], "must be between 0 and"),
    ([{"at": 1, "fill_volume": "SQL Server", "free_percent": 5}], "'SQL Server' is not a shared volume"),
    ([{"at": 1, "csv_fault_state": "Cluster Disk 3", "fault_state": 16}], "between 0 and 15"),
    ([{"at": 1, "break_connection": 0}], "must be > 0"),
    ([{"at": 1, "set_properties": True, "kind": "group", "values": {"A": 1}}], "names the object"),
    ([{"at": 1, "set_properties": True, "kind": "cluster", "name": "X", "values": {"A": 1}}], "names the object"),
    ([{"at": 1, "set_properties": True, "kind": "group", "name": "FS01", "values": {}}], "non-empty object"),
    ([{"at": 1, "set_properties": True, "kind": "disk", "name": "FS01", "values": {"A": 1}}], "kind: must be"),
    ([], "non-empty list of steps"),
    ("fail", r"topology.scenario: must be an object"),
])
def test_a_bad_scenario_is_refused_at_load_saying_where(steps, message):
    with pytest.raises(ValueError, match=message):
        sim.SimulatedCluster(topology(steps))


@pytest.mark.parametrize("extra, message", [
    ({"repeat": 1}, r"scenario.repeat: must be true or false"),
    ({"repeat": True, "period": 2.0}, r"scenario.period: must be > 2"),
    ({"loop": True}, r"unknown key\(s\) 'loop'"),
])
def test_bad_repeat_or_period_is_refused(extra, message):
    with pytest.raises(ValueError, match=message):
        sim.SimulatedCluster(topology([{"at": 2.0, "pause_node": "NODE1"}], **extra))


@pytest.mark.parametrize("latency", [-0.1, 61, "1", True, float("inf")])
def test_a_bad_latency_is_refused(latency):
    t = sim.default_topology()
    t["latency"] = latency
    with pytest.raises(ValueError, match="topology.latency"):
        sim.SimulatedCluster(t)


def test_too_many_steps_are_refused(monkeypatch):
    monkeypatch.setattr(scenario_module, "MAX_STEPS", 2)
    with pytest.raises(ValueError, match="at most 2 steps"):
        sim.SimulatedCluster(topology([{"at": 9, "pause_node": "NODE1"}] * 3))


def test_a_topology_without_them_has_neither():
    s = sim.SimulatedCluster()
    assert s.scenario is None and "scenario" not in s.topology and "latency" not in s.topology


def test_latency_is_the_round_trip_time():
    t = sim.default_topology()
    t["latency"] = 0.25
    s = sim.SimulatedCluster(t)
    assert s.latency == 0.25 and s.topology["latency"] == 0.25


def test_the_scenario_is_normalized_in_time_order_with_names_as_defined():
    s = sim.SimulatedCluster(topology([{"at": 5, "move_group": "fs01", "node": "node1"},
                                       {"at": 1, "fail_resource": "sql server"}], repeat=False, period=10))
    s.scenario.stop()
    assert s.topology["scenario"] == {"steps": [{"at": 1.0, "fail_resource": "SQL Server"},
                                                {"at": 5.0, "move_group": "FS01", "node": "NODE1"}],
                                      "repeat": False, "period": 10.0}


# ---- applied by itself ---------------------------------------------------------------------
def test_each_kind_of_step_is_applied_in_order():
    s = sim.SimulatedCluster(topology([
        {"at": 0.0, "fail_resource": "SQL Server"},
        {"at": 0.0, "move_group": "FS01", "node": "NODE1"},
        {"at": 0.0, "pause_node": "NODE3"},
        {"at": 0.0, "network_state": "Cluster Network 2", "state": "DOWN"},
        {"at": 0.0, "fill_volume": "Cluster Disk 4", "free_percent": 5},
        {"at": 0.0, "csv_fault_state": "Cluster Disk 3", "fault_state": 2},
        {"at": 0.0, "set_properties": True, "kind": "group", "name": "FS01", "values": {"Description": "moved"}},
        {"at": 0.0, "resume_node": "NODE3"},
    ]))
    s.scenario._thread.join(10)
    assert not s.scenario.running and s.scenario.applied == 8 and s.scenario.errors == []
    with open_cluster(backend=s) as c:
        snap = c.snapshot(properties=True)
        volumes = {v.name: v.volumes[0] for v in c.shared_volumes()}
    assert {r.name: r.state.name for r in snap.resources}["SQL Server"] == "FAILED"
    assert {g.name: g.owner_node for g in snap.groups}["FS01"] == "NODE1"
    assert {n.name: n.state.name for n in snap.nodes}["NODE3"] == "UP"
    assert {n.name: n.state.name for n in snap.networks}["Cluster Network 2"] == "DOWN"
    assert volumes["Cluster Disk 4"].free_bytes == int(2 ** 40 * 0.05)
    assert volumes["Cluster Disk 3"].fault_state == 2
    assert snap.group_properties["FS01"]["Description"] == "moved"


def test_a_port_sees_the_changes_as_they_happen():
    s = sim.SimulatedCluster(topology([{"at": 0.2, "fail_resource": "SQL Server"},
                                       {"at": 0.3, "move_group": "FS01", "node": "NODE2"}]))
    with open_cluster(backend=s) as c, c.notifications() as port:
        seen = events_until(port, EventKind.GROUP_OWNER_NODE, "FS01")
    kinds = [(e.kind, e.name) for e in seen]
    assert kinds.index((EventKind.RESOURCE_STATE, "SQL Server")) < kinds.index((EventKind.GROUP_OWNER_NODE, "FS01"))


def test_a_repeating_timeline_starts_over_until_stopped():
    s = sim.SimulatedCluster(topology([{"at": 0.0, "pause_node": "NODE3"}, {"at": 0.01, "resume_node": "NODE3"}],
                                      repeat=True, period=0.02))
    runner = s.scenario
    with open_cluster(backend=s) as c, c.notifications() as port:
        for _ in range(3):      # three cycles: each pauses and resumes NODE3 again
            events_until(port, EventKind.NODE_STATE, "NODE3")
            events_until(port, EventKind.NODE_STATE, "NODE3")
    assert runner.running
    runner.stop()
    assert not runner.running and runner.applied >= 6


def test_the_thread_ends_with_the_simulator():
    s = sim.SimulatedCluster(topology([{"at": 3600.0, "pause_node": "NODE3"}], repeat=True, period=7200))
    runner = s.scenario
    assert runner.running and "clusapi-sim-scenario" in {t.name for t in threading.enumerate()}
    del s
    gc.collect()
    assert not runner.running       # __del__ stopped and joined it


def test_a_step_that_cannot_apply_is_recorded_and_the_timeline_goes_on():
    s = sim.SimulatedCluster(topology([{"at": 0.3, "move_group": "FS01", "node": "NODE1"},
                                       {"at": 0.3, "pause_node": "NODE2"}]))
    s.delete_group("FS01")
    s.scenario._thread.join(10)
    assert len(s.scenario.errors) == 1 and "at 0.3s" in s.scenario.errors[0]
    assert s.scenario.applied == 1


def test_interpreter_exit_stops_every_runner():
    s = sim.SimulatedCluster(topology([{"at": 3600.0, "pause_node": "NODE3"}]))
    runner = s.scenario
    from clusapi_py.sim import timeline
    timeline._stop_all()            # what atexit runs
    assert not runner.running


# ---- the demo --------------------------------------------------------------------------------------
def test_the_demo_ships_as_package_data_and_in_examples():
    assert os.path.isfile(DEMO_TOPOLOGY)
    assert os.path.dirname(DEMO_TOPOLOGY).endswith(os.path.join("clusapi_py", "data"))   # data/*.json: in the wheel
    with open(os.path.join(ROOT, "examples", "failover-demo.json"), encoding="utf-8") as f:
        example = json.load(f)
    with open(DEMO_TOPOLOGY, encoding="utf-8") as f:
        assert json.load(f) == example
    s = sim.SimulatedCluster(DEMO_TOPOLOGY)
    assert s.topology["scenario"]["repeat"] and len(s.topology["scenario"]["steps"]) >= 10
    s.scenario.stop()


def test_sim_demo_shortcut_drives_watch():
    out, err = io.StringIO(), io.StringIO()
    # the demo's first change comes 3 s in; --count 2 ends the watch there
    code = cli.main(["--sim", "demo", "watch", "--count", "2", "--timeout", "60"], out, err)
    assert code == 0
    first, second = out.getvalue().splitlines()
    assert first.split(" ", 1)[1] == "RESOURCE_STATE SQL Server state=FAILED"
    assert second.split(" ", 1)[1] == "GROUP_STATE SQL Server (MSSQLSERVER) state=FAILED"
