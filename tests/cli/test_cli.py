"""The command line: output, JSON validity and exit codes."""
import io
import json
import os
import subprocess
import sys
import tempfile

import pytest

from clusapi_py import cli, sim


def run(*argv, env=None):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_info_against_the_builtin_simulator():
    code, out, err = run("--sim", "info")
    assert code == 0
    assert "CLUSTER01" in out and "20348" in out and "GENERIC_ALL" in out


@pytest.mark.parametrize("command", ["info", "status", "nodes", "groups", "resources", "networks", "dump"])
def test_json_output_is_valid_json_on_stdout_only(command):
    code, out, err = run("--sim", command, "--json")
    assert code == 0
    json.loads(out)
    assert err == ""


def test_status_reports_health_and_problems(tmp_path):
    code, out, _ = run("--sim", "status")
    assert code == 0 and "Health: OK" in out
    t = sim.default_topology()
    t["resources"][8]["state"] = "FAILED"
    t["groups"][3]["state"] = "PARTIAL_ONLINE"
    p = tmp_path / "t.json"
    p.write_text(json.dumps(t))
    code, out, _ = run("--sim", str(p), "status")
    assert code == 2
    assert "Health: CRITICAL" in out and "SQL Server Agent" in out and "FAILED" in out
    code, out, _ = run("--sim", str(p), "status", "--json")
    data = json.loads(out)
    assert data["health"] == "CRITICAL"
    assert {"name": "SQL Server Agent", "state": "FAILED", "group": "SQL Server (MSSQLSERVER)",
            "owner_node": "NODE2"} in data["resources_needing_attention"]


def test_dump_is_a_topology_that_replays(tmp_path):
    code, out, _ = run("--sim", "dump")
    assert code == 0
    p = tmp_path / "dump.json"
    p.write_text(out)
    code, out2, _ = run("--sim", str(p), "dump")
    assert code == 0 and json.loads(out2) == json.loads(out)


def test_cluster_error_is_one_line_and_nonzero():
    code, out, err = run("--sim", "--cluster", "NOSUCHHOST", "info")
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and "ClusterUnavailableError" in err and "1722" in err
    assert "Traceback" not in err


def test_bad_topology_file_is_one_line(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"cluster": {"name": "X"}, "nodes": []}))
    code, _, err = run("--sim", str(p), "info")
    assert code == 3 and "at least one node" in err and err.count("\n") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has clusapi.dll")
def test_without_dll_or_sim_it_uses_the_builtin_simulator_and_says_so():
    env = dict(os.environ)
    env.pop("CLUSAPI_PY_BACKEND", None)
    proc = subprocess.run([sys.executable, "-m", "clusapi_py", "nodes"], capture_output=True, text=True, env=env,
                          timeout=60, cwd=tempfile.gettempdir())
    assert proc.returncode == 0, proc.stderr
    assert "simulated cluster" in proc.stderr
    assert "NODE1" in proc.stdout and "NODE3" in proc.stdout


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as info:
        cli.main(["frobnicate"], io.StringIO(), io.StringIO())
    assert info.value.code == 2
