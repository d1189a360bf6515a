"""`clusapi status` judges Cluster Shared Volumes: fault state, redirected
access, free space against --csv-warning / --csv-critical, performance data
per volume; an offline CSV is judged as a resource."""
import json
import re

import pytest

from cli_helpers import clean_env, run, run_process, set_state, topology_file  # noqa: F401 (fixture)

# Per-volume labels: "csvfree_" + 6 hex digits of the name's SHA-1, then the name (monitor.health.csv_labels).
PERF_3 = "'csvfree_ef2061 Cluster Disk 3'=60%;10:;5:;0;100"
PERF_4 = "'csvfree_22a556 Cluster Disk 4'=15%;10:;5:;0;100"


def volume(t, resource):
    return next(v for v in t["shared_volumes"] if v["resource"] == resource)


def fault(resource, state):
    def edit(t):
        volume(t, resource)["fault_state"] = state
    return edit


def free(resource, percent):
    def edit(t):
        v = volume(t, resource)
        v["free_bytes"] = -(-v["total_bytes"] * int(percent * 10) // 1000)     # rounded up: 10 % is 10 %
    return edit


def test_healthy_csvs_are_ok_with_perfdata_per_volume():
    r = run_process("--sim", "status")
    assert r.code == 0, r.out
    first = r.out.decode("utf-8").splitlines()[0]
    assert "2/2 CSVs healthy" in first
    assert first.endswith(" csv_free_pct_min=15%;10:;5:;0;100 " + PERF_3 + " " + PERF_4)
    assert "CSVs: 2 - 2 healthy" in r.out.decode("utf-8").splitlines()


@pytest.mark.parametrize("state, code, text", [
    (1, 1, "REDIRECTED"), (4, 1, "IN_MAINTENANCE"), (2, 2, "NO_ACCESS"), (8, 2, "DISMOUNTED"),
    (3, 2, "REDIRECTED+NO_ACCESS")])
def test_fault_states(topology_file, state, code, text):
    r = run_process("--sim", topology_file(edit=fault("Cluster Disk 4", state)), "status")
    lines = r.out.decode("utf-8").splitlines()
    assert r.code == code
    assert 'CSV "Cluster Disk 4" is %s' % text in lines[0]
    state = ["OK", "WARNING", "CRITICAL"][code]
    assert lines[1].startswith('%s: CSV "Cluster Disk 4" is %s (C:\\ClusterStorage\\Volume2, owner NODE' % (state, text))


@pytest.mark.parametrize("percent, code", [(50, 0), (10, 0), (9.9, 1), (5, 1), (4.5, 2), (0, 2)])
def test_free_space_thresholds(topology_file, percent, code):
    r = run("--sim", topology_file(edit=free("Cluster Disk 3", percent)), "status")
    assert r.code == code, r.out
    if code:
        assert 'CSV "Cluster Disk 3" is %.1f%% free' % percent in r.lines[0]


def test_thresholds_are_options(topology_file):
    def edit(t):
        free("Cluster Disk 3", 30)(t)
        free("Cluster Disk 4", 50)(t)
    path = topology_file(edit=edit)
    assert run("--sim", path, "status").code == 0
    r = run("--sim", path, "status", "--csv-warning", "40", "--csv-critical", "20")
    assert r.code == 1 and "'csvfree_ef2061 Cluster Disk 3'=30%;40:;20:;0;100" in r.lines[0]
    r = run("--sim", path, "status", "--csv-warning", "50", "--csv-critical", "35.5")
    assert r.code == 2 and ";50:;35.5:;0;100" in r.lines[0]


@pytest.mark.parametrize("value", ["-1", "101", "ten"])
def test_a_bad_threshold_is_a_usage_error(value):
    r = run("--sim", "status", "--csv-warning", value)
    assert r.code == 3 and "csv-warning" in r.err


def test_an_offline_csv_is_judged_as_a_resource(topology_file):
    def edit(t):
        set_state(t, "resources", "Cluster Disk 4", "OFFLINE")
        volume(t, "Cluster Disk 4")["fault_state"] = 8      # not read while offline
    r = run("--sim", topology_file(edit=edit), "status")
    assert r.code == 1
    assert 'resource "Cluster Disk 4" is OFFLINE' in r.lines[0] and "CSV" not in r.lines[0].split(" | ")[0]
    assert "CSVs: 2 - 1 healthy, 1 offline (judged as a resource)" in r.lines
    assert "Cluster Disk 4" not in r.lines[0].split(" | ")[1]


def test_ignore_resource_skips_a_csv(topology_file):
    path = topology_file(edit=fault("Cluster Disk 4", 2))
    assert run("--sim", path, "status").code == 2
    r = run("--sim", path, "status", "--ignore-resource", "disk 4$")
    assert r.code == 0 and "1/1 CSVs healthy" in r.lines[0]


def test_no_csvs(topology_file):
    def edit(t):
        t["shared_volumes"] = []
    r = run("--sim", topology_file(edit=edit), "status")
    assert r.code == 0 and "no CSVs" in r.lines[0] and "CSVs: none" in r.lines
    assert "csv_free_pct" not in r.lines[0] and "csvfree_" not in r.lines[0]


def test_json_counts_and_problems(topology_file):
    r = run_process("--sim", topology_file(edit=fault("Cluster Disk 3", 1)), "status", "--json")
    data = json.loads(r.out.decode("utf-8"))
    assert r.code == 1 and data["state"] == "WARNING"
    assert data["counts"]["CSVs"] == {"total": 2, "fine": 1, "ignored": 0, "states": {"with problems": 1, "healthy": 1}}
    (p,) = data["problems"]
    assert p["kind"] == "CSV" and p["name"] == "Cluster Disk 3" and p["object_state"] == "REDIRECTED"
    assert {"label": "csvfree_ef2061 Cluster Disk 3", "uom": "%", "warn": "10:", "crit": "5:"}.items() <= \
        data["perfdata"][-2].items()


def test_the_readme_table_has_the_csv_row():
    from clusapi_py.monitor import health
    doc = health.CsvRule().doc()
    assert "NO_ACCESS" in doc.critical and "NO_DIRECT_IO" in doc.warning


def test_in_a_windows_code_page_the_check_still_runs(topology_file):
    r = run_process("--sim", topology_file(edit=free("Cluster Disk 4", 1)), "status",
                    env=clean_env(PYTHONIOENCODING="cp1252"))
    assert r.code == 2 and b"'csvfree_22a556 Cluster Disk 4'=1%;10:;5:;0;100" in r.out
