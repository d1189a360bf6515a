"""`clusapi status` as a monitoring plugin: exit codes, the first line, performance data, bounded details."""
import re
import time

import pytest


from clusapi_py import errors, sim
from clusapi_py.monitor import nagios

from cli_helpers import (  # noqa: F401 (topology_file is a fixture)
    GROUP_UNICODE, RESOURCE_ASTRAL, derive_group_state, derive_network_state, run, set_state, topology_file,
    unicode_topology)

FIRST_LINE = re.compile(r"CLUSTER (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+ \| [^|\n]+")
PERF_ITEM = re.compile(r"[a-z_]+=\d+;;;0;\d+")
CSV_PERF_ITEM = re.compile(r"'csvfree_[0-9a-f]{6} [^']+'=[\d.]+%;[\d.]+:;[\d.]+:;0;100")
CSV_MIN_ITEM = re.compile(r"csv_free_pct_min=[\d.]+%;[\d.]+:;[\d.]+:;0;100")
HEALTHY_PERF = ("nodes_up=3;;;0;3 nodes_maintenance=0;;;0;3 groups_online=4;;;0;4 resources_failed=0;;;0;12 "
                "networks_up=2;;;0;2 "
                "netinterfaces_up=6;;;0;6 csv_free_pct_min=15%;10:;5:;0;100 "
                "'csvfree_ef2061 Cluster Disk 3'=60%;10:;5:;0;100 'csvfree_22a556 Cluster Disk 4'=15%;10:;5:;0;100")


def status(topology_file, edit, *options):
    return run("--sim", topology_file(edit=edit), "status", *options)


def test_a_healthy_cluster_is_ok_in_eight_lines():
    r = run("--sim", "status")
    assert r.code == 0 and r.err == ""
    assert r.lines[0] == (
        'CLUSTER OK - (simulated) CLUSTER01: 3/3 nodes up, 4/4 groups online, 12/12 resources online, '
        '2/2 networks up, 6/6 net interfaces up, witness "Cluster Disk 1" ONLINE, 2/2 CSVs healthy | ' + HEALTHY_PERF)
    # 10 resources not read: their groups are Online (the witness and the 2 CSVs are read)
    assert r.lines[1:] == ["nodes: 3 - 3 UP", "groups: 4 - 4 ONLINE",
                           "resources: 12 - 12 ONLINE (10 not read: settled by their group's state)",
                           "networks: 2 - 2 UP",
                           "net interfaces: 6 - 6 UP (6 not read: settled by their network's and node's state)",
                           'quorum: witness "Cluster Disk 1" ONLINE',
                           "CSVs: 2 - 2 healthy"]
    assert "resources: 12 - 12 ONLINE" in run("--sim", "status", "--verbose").lines     # --verbose reads them all


def test_performance_data_follows_the_plugin_format():
    perf = run("--sim", "status").lines[0].split(" | ")[1]
    items = perf.split(" 'csv")
    *counts, lowest = items[0].split(" ")
    assert all(PERF_ITEM.fullmatch(item) for item in counts) and CSV_MIN_ITEM.fullmatch(lowest), perf
    assert all(CSV_PERF_ITEM.fullmatch("'csv" + item) for item in items[1:]) and len(items) == 3, perf


def test_a_failed_resource_is_critical_and_named_first(topology_file):
    def edit(t):
        set_state(t, "resources", "SQL Server Agent", "FAILED")
        set_state(t, "groups", "SQL Server (MSSQLSERVER)", "PARTIAL_ONLINE")
    r = status(topology_file, edit)
    assert r.code == 2
    assert FIRST_LINE.fullmatch(r.lines[0])
    assert r.lines[0].startswith('CLUSTER CRITICAL - (simulated) CLUSTER01: 1 critical problem, 1 warning: '
                                 'resource "SQL Server Agent" is FAILED, group "SQL Server (MSSQLSERVER)" is '
                                 'PARTIAL_ONLINE | ')
    assert "resources_failed=1;;;0;12" in r.lines[0]
    assert r.lines[1] == ('CRITICAL: resource "SQL Server Agent" is FAILED (group SQL Server (MSSQLSERVER), '
                          'owner NODE2)')
    assert r.lines[2] == 'WARNING: group "SQL Server (MSSQLSERVER)" is PARTIAL_ONLINE (owner NODE2)'
    # the SQL group's resources are read (it is not Online); the other groups' 5 are not
    assert "resources: 12 - 11 ONLINE, 1 FAILED (5 not read: settled by their group's state)" in r.lines


@pytest.mark.parametrize("kind,name,state,code", [
    ("nodes", "NODE3", "PAUSED", 1), ("nodes", "NODE3", "DOWN", 2), ("groups", "FS01", "OFFLINE", 1),
    ("groups", "FS01", "FAILED", 2), ("resources", "FS01 Name", "OFFLINE", 1),
    ("networks", "Cluster Network 2", "PARTITIONED", 1), ("networks", "Cluster Network 2", "DOWN", 2),
    ("netinterfaces", "NODE2 - Ethernet 2", "UNREACHABLE", 1), ("netinterfaces", "NODE2 - Ethernet 2", "FAILED", 2),
    ("resources", "Cluster Disk 1", "FAILED", 2), ("resources", "Cluster Disk 1", "OFFLINE", 1),
])
def test_each_kind_of_object_is_judged(topology_file, kind, name, state, code):
    def edit(t):
        set_state(t, kind, name, state)
        if kind == "resources":     # its group's state follows (derived), as on a cluster
            derive_group_state(t, name)
        if kind == "netinterfaces":     # its network's likewise
            derive_network_state(t, name)
    r = status(topology_file, edit)
    assert r.code == code
    assert r.lines[0].startswith("CLUSTER %s - " % ("WARNING", "CRITICAL")[code - 1])
    assert '"%s" is %s' % (name, state) in r.lines[0]


def test_the_issue_case_networks_down_and_interfaces_failed_is_critical(topology_file):
    def edit(t):
        set_state(t, "networks", "Cluster Network 1", "PARTITIONED")
        set_state(t, "networks", "Cluster Network 2", "DOWN")
        for i in t["netinterfaces"]:
            i["state"] = "FAILED"
    r = status(topology_file, edit)
    assert r.code == 2 and "1 critical problem" not in r.lines[0]
    assert "7 critical problems, 1 warning" in r.lines[0] and "networks_up=0;;;0;2" in r.lines[0]


def test_the_quorum_witness_is_reported_as_the_witness(topology_file):
    r = status(topology_file, lambda t: set_state(t, "resources", "Cluster Disk 1", "FAILED"))
    assert r.code == 2
    assert r.lines[1] == 'CRITICAL: quorum witness "Cluster Disk 1" is FAILED (group Cluster Group)'
    assert sum('"Cluster Disk 1"' in line for line in r.lines[1:-2]) == 1


def test_ignore_group_and_ignore_resource(topology_file):
    def edit(t):
        set_state(t, "groups", "FS01", "OFFLINE")
        for r in t["resources"]:
            if r["group"] == "FS01":
                r["state"] = "OFFLINE"
        set_state(t, "resources", "SQL Server Agent", "OFFLINE")
    path = topology_file(edit=edit)
    assert run("--sim", path, "status").code == 1
    # The SQL group stays ONLINE with its agent OFFLINE, a state no cluster reports: only --verbose,
    # which reads every resource, sees the agent (the settled reading trusts the group's state).
    r = run("--sim", path, "status", "--verbose", "--ignore-group", "^fs0", "--ignore-resource", "agent$")
    assert r.code == 0 and r.lines[0].startswith("CLUSTER OK - ")
    assert "groups: 4 - 3 ONLINE, 1 OFFLINE (1 ignored)" in r.lines
    assert "resources: 12 - 7 ONLINE, 5 OFFLINE (5 ignored)" in r.lines
    partly = run("--sim", path, "status", "--verbose", "--ignore-group", "FS01")
    assert partly.code == 1 and partly.lines[1] == (
        'WARNING: resource "SQL Server Agent" is OFFLINE (group SQL Server (MSSQLSERVER), owner NODE2)')


def test_a_bad_ignore_pattern_is_unknown_on_stdout_and_usage_on_stderr():
    r = run("--sim", "status", "--ignore-resource", "([")
    assert r.code == 3
    assert len(r.lines) == 1 and r.lines[0].startswith(
        "CLUSTER UNKNOWN - usage error: argument --ignore-resource: not a regular expression: '([' (")
    assert r.err.startswith("usage: clusapi status")


def test_a_usage_error_of_the_check_in_json_is_json():
    data = run("status", "--json", "--timeout", "-1").json()
    assert data["state"] == "UNKNOWN" and data["exit_code"] == 3 and data["error"]["type"] == "UsageError"


def test_details_are_bounded_and_verbose_lists_everything(topology_file):
    t = sim.generate(nodes=4, groups=300, resources_per_group=2)
    for g in t["groups"][-40:]:
        g["state"] = "FAILED"
    path = topology_file(t)
    r = run("--sim", path, "status")
    assert r.code == 2
    assert "40 critical problems" in r.lines[0] and "(+37 more)" in r.lines[0]
    assert [line.split(":")[0] for line in r.lines[1:22]] == ["CRITICAL"] * 20 + [
        "... 20 more problems (--verbose lists them all)"]
    assert len(r.lines) == 1 + nagios.MAX_PROBLEM_LINES + 1 + 7
    v = run("--sim", path, "status", "--verbose")
    total = len(t["nodes"]) + len(t["groups"]) + len(t["resources"]) + len(t["networks"]) + len(t["netinterfaces"])
    total += len(t.get("shared_volumes", []))
    assert len(v.lines) == 1 + 40 + 7 + total     # every problem, the counts, every object (the witness as quorum)
    assert 'quorum %s: ONLINE' % t["quorum"]["resource"] in v.lines


def test_a_big_healthy_cluster_stays_short(topology_file):
    path = topology_file(sim.generate(nodes=16, groups=2000, resources_per_group=3))
    r = run("--sim", path, "status")
    assert r.code == 0 and len(r.lines) == 8


def test_names_cannot_break_the_output(topology_file):
    def edit(t):
        t["groups"][3]["name"] = "evil | perf=1\nCRITICAL"
        t["groups"][3]["state"] = "OFFLINE"
        for r in t["resources"]:
            if r["group"] == "FS01":
                r["group"] = t["groups"][3]["name"]
    r = status(topology_file, edit)
    assert r.code == 1
    assert r.lines[0].count("|") == 1 and FIRST_LINE.fullmatch(r.lines[0])
    assert 'group "evil ¦ perf=1\\x0aCRITICAL" is OFFLINE' in r.lines[0]
    assert all("|" not in line for line in r.lines[1:])


def test_unicode_and_astral_names_in_the_check(topology_file):
    # The astral resource's group is OFFLINE: --verbose reads (and names) it.
    r = run("--sim", topology_file(unicode_topology()), "status", "--verbose")
    assert r.code == 1
    assert 'node "KNOTEN-Ä" is PAUSED' in r.lines[0] and GROUP_UNICODE in r.out and RESOURCE_ASTRAL in r.out
    data = run("--sim", topology_file(unicode_topology()), "status", "--verbose", "--json").json()
    assert {p["name"] for p in data["problems"]} == {"KNOTEN-Ä", GROUP_UNICODE, RESOURCE_ASTRAL}


def test_json_carries_state_problems_counts_and_perfdata(topology_file):
    data = status(topology_file, lambda t: set_state(t, "groups", "FS01", "FAILED"), "--json").json()
    assert data["schema"] == 1 and data["simulated"] is True and data["cluster"] == "CLUSTER01"
    assert (data["state"], data["exit_code"]) == ("CRITICAL", 2)
    assert data["summary"].startswith('CLUSTER CRITICAL - (simulated) CLUSTER01: 1 critical problem: group "FS01"')
    assert data["problems"] == [{"state": "CRITICAL", "kind": "group", "name": "FS01", "object_state": "FAILED",
                                 "detail": "owner NODE3", "text": 'group "FS01" is FAILED'}]
    assert data["counts"]["groups"] == {"total": 4, "fine": 3, "ignored": 0, "states": {"ONLINE": 3, "FAILED": 1}}
    assert {"label": "groups_online", "value": 3, "uom": "", "warn": "", "crit": "", "min": 0,
            "max": 4} in data["perfdata"]


def test_an_unreachable_cluster_is_unknown_on_stdout():
    r = run("--sim", "--cluster", "NOSUCHHOST", "status")
    assert r.code == 3 and r.err == ""
    assert r.lines == ["CLUSTER UNKNOWN - (simulated) %s (ClusterUnavailableError, Win32 error 1722 from "
                       "OpenClusterEx)" % errors.describe(1722)]
    data = run("--sim", "--cluster", "NOSUCHHOST", "status", "--json").json()
    assert data["state"] == "UNKNOWN" and data["simulated"] is True and data["cluster"] == "NOSUCHHOST"
    assert data["error"] == {"type": "ClusterUnavailableError", "message": errors.describe(1722),
                             "winerror": 1722, "function": "OpenClusterEx"}


def test_access_denied_is_unknown(monkeypatch):
    with sim.SimulatedCluster() as s:
        monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
        s.principal_rights = "none"
        r = run("status")
    assert r.code == 3 and r.lines[0].startswith("CLUSTER UNKNOWN - (simulated) ")
    assert "ClusterAccessDeniedError" in r.out


def test_the_timeout_bounds_the_whole_check():
    with sim.SimulatedCluster() as s:
        s.latency = 2.0
        start = time.monotonic()
        try:
            r = run("status", "--timeout", "0.3")
        finally:
            s.latency = 0          # let the abandoned worker finish quickly
        elapsed = time.monotonic() - start
    assert r.code == 3 and elapsed < 1.5
    assert r.lines == ["CLUSTER UNKNOWN - (simulated) no answer within 0.3 seconds (--timeout)"]


def test_a_check_within_its_timeout_is_judged():
    with sim.SimulatedCluster() as s:
        s.latency = 0.001
        r = run("status", "-t", "20")
    assert r.code == 0 and r.lines[0].startswith("CLUSTER OK - (simulated) ")


def test_a_cluster_with_nothing_but_a_node_is_ok_and_says_what_it_lacks(topology_file):
    r = run("--sim", topology_file({"cluster": {"name": "BARE"}, "nodes": [{"name": "N1"}]}), "status")
    assert r.code == 0 and r.lines[0].startswith("CLUSTER OK - (simulated) BARE: 1/1 nodes up, 0/0 groups online")
    assert r.lines[1:] == ["nodes: 1 - 1 UP", "groups: none", "resources: none", "networks: none",
                           "net interfaces: none", "quorum: no witness", "CSVs: none"]
