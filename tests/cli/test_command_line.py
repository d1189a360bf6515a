"""The command line's own rules (issue 21, issue 23 items 5 and 11): a
mistyped command is named with the nearest one, -V, `watch` stops after
--timeout / --count / SIGTERM / SIGINT with exit 0 and says what changed,
`csv` names each volume, `props` names the object it could not open, no
object name can forge a line of text output, and reading `--sim FILE` is
bounded."""
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading

import pytest

from clusapi_py import cli, sim
from clusapi_py.cli._common import line_safe
from clusapi_py.sim import topology as topology_module

from cli_helpers import clean_env, run, run_process, topology_file  # noqa: F401  (fixture)
from test_watch import when_watching

HOSTILE = "evil\n2026-01-01T00:00:00.000+00:00 GROUP_STATE forged state=ONLINE\r\x1b[2K\x1b]0;t\x07\u2028end"


# ---- commands ------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--sim", "statuss"], ["statuss", "--sim"], ["--sim", "--json", "statuss"]])
def test_a_mistyped_command_is_named_with_the_nearest_one(argv):
    r = run(*argv)
    assert r.code == 3 and r.out == ""
    assert "unknown command 'statuss' (did you mean 'status'?)" in r.err


def test_a_mistyped_command_after_a_topology_file(topology_file):
    r = run("--sim", topology_file(), "nodess")      # ("nodez" is as near to the `node` command)
    assert r.code == 3 and "unknown command 'nodess' (did you mean 'nodes'?)" in r.err


def test_a_word_far_from_every_command_lists_them():
    r = run("--sim", "frobnicate")
    assert r.code == 3 and "unknown command 'frobnicate'; the commands are status, info," in r.err


def test_a_topology_file_without_json_suffix_is_still_the_topology(tmp_path):
    path = tmp_path / "mycluster"
    t = sim.default_topology()
    t["cluster"]["name"] = "MINE"
    path.write_text(json.dumps(t), encoding="utf-8")
    os.chdir(tmp_path)      # a bare word naming a file in the current directory
    try:
        r = run("--sim", "mycluster", "info")
    finally:
        os.chdir(tempfile.gettempdir())
    assert r.code == 0 and "MINE" in r.out


def test_capital_v_is_version():
    assert run("-V").out == run("--version").out and run("-V").code == 0


def test_props_names_the_object_it_cannot_open():
    r = run("--sim", "props", "group", "NoSuch")
    assert r.code == 3 and r.out == ""
    assert r.err.startswith("clusapi: group 'NoSuch': ") and "5013" in r.err and r.err.count("\n") == 1


def test_csv_table_has_the_volume_name_column():
    r = run("--sim", "csv")
    header, first, second = r.lines[1:]
    assert header.split()[:2] == ["NAME", "PATH"]
    assert first.startswith("Cluster Disk 3  C:\\ClusterStorage\\Volume1")
    assert second.startswith("Cluster Disk 4  C:\\ClusterStorage\\Volume2")


# ---- watch: stopping -----------------------------------------------------------------------
def test_watch_timeout_means_stop_after_and_exits_0():
    r = run("--sim", "watch", "--timeout", "0.3")
    assert r.code == 0 and r.out == "" and "simulated" in r.err and "no answer" not in r.err


def test_watch_count_and_timeout_together_stop_at_the_first(monkeypatch):
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster()
    out, err = io.StringIO(), io.StringIO()
    with s:
        t = when_watching(s, lambda: s.set_node_state("NODE2", "PAUSED"))
        code = cli.main(["watch", "--count", "1", "--timeout", "60"], out, err)
        t.join()
    assert code == 0 and len(out.getvalue().splitlines()) == 1
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_watch_ends_with_exit_0_on_sigterm_and_sigint(signum):
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "watch"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=clean_env(), cwd=tempfile.gettempdir())
    try:
        # The stderr line comes once the cluster is open: the handler was installed before the open,
        # and stays until the command has returned.  One signal, then a bounded wait (a second one
        # could land after the handler is restored, while a slow interpreter exits).
        assert b"simulated" in proc.stderr.readline()
        proc.send_signal(signum)
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert code == 0


# ---- watch: what changed --------------------------------------------------------------------
def watch_lines(s, action, count, *extra):
    out, err = io.StringIO(), io.StringIO()
    with s:
        t = when_watching(s, action)
        code = cli.main(["watch", "--count", str(count), *extra], out, err)
        t.join()
    assert code == 0
    return out.getvalue().splitlines()


def test_watch_line_says_the_owner_before_and_after(monkeypatch):
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster()
    group = "SQL Server (MSSQLSERVER)"      # no CSV in it: a move is one event
    assert next(g for g in s.topology["groups"] if g["name"] == group)["owner_node"] == "NODE2"
    first, second = watch_lines(s, lambda: (s.move_group(group, "NODE1"), s.move_group(group, "NODE3")), 2)
    assert first.split(" ", 1)[1] == "GROUP_OWNER_NODE SQL Server (MSSQLSERVER) owner=NODE2->NODE1"
    assert second.split(" ", 1)[1] == "GROUP_OWNER_NODE SQL Server (MSSQLSERVER) owner=NODE1->NODE3"


def test_watch_line_names_the_changed_properties_and_their_values(monkeypatch):
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster()
    (line,) = watch_lines(s, lambda: s.set_properties("group", "FS01", {"Description": "moved for patching"}), 1)
    assert line.split(" ", 1)[1] == "GROUP_PROPERTIES FS01 properties: Description='moved for patching'"
    s2 = sim.SimulatedCluster()
    (doc,) = watch_lines(s2, lambda: s2.set_properties("group", "FS01", {"Priority": 1000}), 1, "--json")
    assert json.loads(doc)["properties"] == {"Priority": 1000}


# ---- hostile names (issue 23 item 11) ------------------------------------------------------------
def test_line_safe_escapes_every_control_character_visibly():
    assert line_safe("a\nb\rc\td\x1be\x00f\x7fg\x85h\u2028i\u2029") == \
        "a\\nb\\rc\\td\\x1be\\x00f\\x7fg\\x85h\\u2028i\\u2029"
    assert line_safe("Datenbank Ω 数据库 🚀 C:\\ClusterStorage") == "Datenbank Ω 数据库 🚀 C:\\ClusterStorage"


def hostile_topology():
    t = sim.default_topology()
    t["groups"].append({"name": HOSTILE, "owner_node": "NODE1"})
    t["resources"].append({"name": HOSTILE + " disk", "group": HOSTILE})
    return t


def test_a_line_break_in_a_name_cannot_forge_a_watch_line(monkeypatch):
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster(hostile_topology())
    lines = watch_lines(s, lambda: (s.set_group_state(HOSTILE, "FAILED"), s.move_group(HOSTILE, "NODE2")), 2)
    assert len(lines) == 2
    for line in lines:
        assert not any(c in line for c in "\r\x1b\x07\u2028")
        assert "evil\\n2026-01-01T00:00:00.000+00:00 GROUP_STATE forged state=ONLINE\\r\\x1b[2K" in line
    assert lines[1].endswith("owner=NODE1->NODE2")
    s2 = sim.SimulatedCluster(hostile_topology())
    (doc,) = watch_lines(s2, lambda: s2.set_group_state(HOSTILE, "FAILED"), 1, "--json")
    assert json.loads(doc)["name"] == HOSTILE      # JSON stays exact
    assert "\u2028" not in doc        # escaped in the JSON text: any line splitter sees one line


@pytest.mark.parametrize("command", ["groups", "resources"])
def test_a_line_break_in_a_name_cannot_forge_a_table_row(topology_file, command):
    path = topology_file(hostile_topology())
    rows = len(hostile_topology()[command])
    r = run("--sim", path, command)
    assert r.code == 0 and len(r.lines) == 2 + rows     # title, header, one line per object
    assert not any(c in r.out for c in "\r\x1b\x07\u2028")
    assert sum("evil\\n2026" in line for line in r.lines) == 1
    exact = run("--sim", path, command, "--json").json()[command]
    assert HOSTILE in [row["name"] if command == "groups" else row["group"] for row in exact]


def test_a_hostile_cluster_and_object_name_in_titles(topology_file):
    t = hostile_topology()
    t["cluster"]["name"] = "C\nOK"
    path = topology_file(t)
    for argv in (["info"], ["nodes"], ["props", "group", HOSTILE], ["csv"]):
        r = run("--sim", path, *argv)
        assert r.code == 0, r.err
        assert "C\\nOK" in r.lines[0] and not any(c in r.out for c in "\r\x1b\x07")
    assert run("--sim", path, "props", "group", HOSTILE).lines[0].endswith(
        "group evil\\n2026-01-01T00:00:00.000+00:00 GROUP_STATE forged state=ONLINE\\r\\x1b[2K\\x1b]0;t\\x07"
        "\\u2028end, %d properties" % (len(run("--sim", path, "props", "group", HOSTILE).lines) - 2))


# ---- reading --sim FILE within bounds (issue 23 item 5) -----------------------------------------
def one_line_unknown(r, text):
    assert r.code == 3 and r.out == b""
    err = r.err.decode("utf-8")
    assert err.count("\n") == 1 and text in err and "Traceback" not in err and "internal error" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_nobody_writes_is_refused_at_once(tmp_path):
    fifo = tmp_path / "topology.json"
    os.mkfifo(fifo)
    r = run_process("--sim", str(fifo), "info", "--timeout", "3", timeout=30)
    one_line_unknown(r, "not a regular file")
    status = run_process("--sim", str(fifo), "status", "--timeout", "3", timeout=30)
    assert status.code == 3 and b"not a regular file" in status.out


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="a device that never ends")
def test_dev_zero_is_refused_before_reading():
    one_line_unknown(run_process("--sim", "/dev/zero", "info", timeout=30), "not a regular file")


def test_a_directory_is_refused(tmp_path):
    r = run("--sim", str(tmp_path), "info")
    assert r.code == 3 and r.err.count("\n") == 1 and "Traceback" not in r.err


def test_a_file_nested_100000_deep_is_one_clear_line(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100000 + "]" * 100000)
    one_line_unknown(run_process("--sim", str(path), "info", timeout=60), "JSON nested deeper than 32 levels")


def test_nesting_the_json_parser_accepts_is_still_refused_beyond_the_limit(tmp_path):
    t = sim.default_topology()
    deep = []
    for _ in range(40):
        deep = [deep]
    t["groups"][0]["properties"] = {"Deep": deep}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(t))
    with pytest.raises(ValueError, match="nested deeper than 32 levels"):
        sim.SimulatedCluster(str(path))


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(sim.default_topology()))
    monkeypatch.setattr(topology_module, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValueError, match="more than the 100 a topology may have"):
        sim.SimulatedCluster(str(path))


def test_a_file_within_the_limits_loads(tmp_path):
    path = tmp_path / "t.json"
    path.write_text("\ufeff" + json.dumps(sim.default_topology()), encoding="utf-8")
    assert repr(sim.SimulatedCluster(str(path))) == "<SimulatedCluster 'CLUSTER01'>"


def test_not_json_is_one_line(tmp_path):
    path = tmp_path / "t.json"
    path.write_text("{nope")
    r = run("--sim", str(path), "info")
    assert r.code == 3 and "not JSON" in r.err and r.err.count("\n") == 1


def test_watch_from_a_thread_leaves_sigterm_alone(monkeypatch):
    # Only the main thread may install a handler: from another thread the watch runs without one.
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster()
    before = signal.getsignal(signal.SIGTERM)
    result = []
    with s:
        t = threading.Thread(target=lambda: result.append(cli.main(["watch", "--timeout", "0.2"], io.StringIO(),
                                                                    io.StringIO())))
        t.start()
        t.join(30)
    assert result == [0] and signal.getsignal(signal.SIGTERM) is before


# ---- a lossless dump (issue 21; tests/fuzz/test_fuzz_dump.py holds it over generated topologies) ----------
@pytest.mark.parametrize("extra", [[], ["--properties"]])
def test_dump_then_sim_file_then_dump_is_the_identity(tmp_path, extra):
    first = run("--sim", "dump", *extra)
    assert first.code == 0
    path = tmp_path / "dump.json"
    path.write_text(first.out, encoding="utf-8")
    second = run("--sim", str(path), "dump", *extra)
    assert second.code == 0 and second.out == first.out
    data = first.json()
    assert ("properties" in data["resources"][0]) == bool(extra)
    resources = {r["name"]: r for r in data["resources"]}
    assert resources["Cluster Name"]["type"] == "Network Name"          # without --properties too
    assert resources["Cluster Name"]["dependencies"] == ["Cluster IP Address"]
    assert {g["name"]: g for g in data["groups"]}["SQL Server (MSSQLSERVER)"]["preferred_owners"] == \
        ["NODE2", "NODE3"]
    assert [v["resource"] for v in data["shared_volumes"]] == ["Cluster Disk 3", "Cluster Disk 4"]


def test_dump_of_a_generated_cluster_with_csvs_round_trips(topology_file):
    path = topology_file(sim.generate(nodes=4, groups=20, shared_volumes=3))
    first = run("--sim", path, "dump")
    again = topology_file(first.json())
    assert run("--sim", again, "dump").out == first.out
    assert len(first.json()["shared_volumes"]) == 3
    assert {r["type"] for r in first.json()["resources"]} >= {"Virtual Machine", "Physical Disk"}


def test_dump_stops_at_the_timeout(topology_file):
    t = sim.generate(nodes=2, groups=50)
    t["latency"] = 0.01         # ~3 round trips per object: far beyond 0.5 s
    r = run("--sim", topology_file(t), "dump", "--timeout", "0.5")
    assert r.code == 3 and r.out == "" and "--timeout" in r.err
