"""The command as a process, as a monitoring system or a shell runs it:
no simulator unless asked, bytes on stdout that are UTF-8 whatever the
locale or PYTHONIOENCODING say, a closed pipe, the timeout, the environment."""
import json
import os
import subprocess
import sys
import tempfile
import time

import pytest

from clusapi_py import sim

from cli_helpers import GROUP_UNICODE, NODE_UNICODE, RESOURCE_ASTRAL, clean_env, run_process, unicode_topology

no_dll = pytest.mark.skipif(sys.platform == "win32", reason="Windows has a clusapi.dll")
COMMANDS = ["status", "info", "nodes", "groups", "resources", "networks", "netinterfaces", "dump"]


@no_dll
@pytest.mark.parametrize("command", COMMANDS)
def test_without_the_dll_every_command_is_unknown_and_says_how_to_simulate(command):
    r = run_process(command)
    assert r.code == 3
    if command == "status":
        assert r.err == b""
        line = r.out.decode("utf-8")
        assert line.startswith("CLUSTER UNKNOWN - no cluster API here: ") and line.count("\n") == 1
    else:
        assert r.out == b""
        line = r.err.decode("utf-8")
        assert line.startswith("clusapi: no cluster API here: ") and line.count("\n") == 1
    assert "--sim" in line and "CLUSAPI_PY_BACKEND=sim" in line
    assert "CLUSTER01" not in line and "Traceback" not in line


@no_dll
def test_without_the_dll_status_json_is_unknown_json():
    r = run_process("status", "--json", "--cluster", "CLUSTER01")
    data = json.loads(r.out.decode("utf-8"))
    assert r.code == 3 and data["state"] == "UNKNOWN" and data["simulated"] is None
    assert data["error"]["type"] == "ClusterAPIUnavailable" and data["cluster"] == "CLUSTER01"


@no_dll
def test_backend_system_without_the_dll_is_unknown_too():
    r = run_process("nodes", env=clean_env(CLUSAPI_PY_BACKEND="system"))
    assert r.code == 3 and r.err.startswith(b"clusapi: no cluster API here")


@pytest.mark.parametrize("command", ["status", "nodes"])
def test_an_invalid_backend_setting_is_an_error(command):
    r = run_process(command, env=clean_env(CLUSAPI_PY_BACKEND="bogus"))
    assert r.code == 3
    text = (r.out if command == "status" else r.err).decode("utf-8")
    assert "CLUSAPI_PY_BACKEND must be 'sim' or 'system', not 'bogus'" in text and text.count("\n") == 1
    assert "CLUSTER01" not in text


def test_backend_sim_from_the_environment_says_simulated(tmp_path):
    r = run_process("status", env=clean_env(CLUSAPI_PY_BACKEND="sim"))
    assert r.code == 0 and r.out.startswith(b"CLUSTER OK - (simulated) CLUSTER01: ")
    path = tmp_path / "t.json"
    t = sim.default_topology()
    t["cluster"]["name"] = "ENVSIM"
    path.write_text(json.dumps(t))
    r = run_process("nodes", "--json", env=clean_env(CLUSAPI_PY_BACKEND="sim", CLUSAPI_PY_SIM_TOPOLOGY=str(path)))
    data = json.loads(r.out)
    assert r.code == 0 and data["simulated"] is True and data["cluster"] == "ENVSIM"


@pytest.fixture
def unicode_file(tmp_path):
    path = tmp_path / "unicode.json"
    path.write_text(json.dumps(unicode_topology(), ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("encoding", [None, "cp1252", "ascii", "latin-1"])
def test_piped_output_is_utf8_whatever_pythonioencoding_says(unicode_file, encoding):
    env = clean_env(PYTHONIOENCODING=encoding) if encoding else clean_env()
    for command, names in [("groups", [GROUP_UNICODE]), ("resources", [RESOURCE_ASTRAL, GROUP_UNICODE]),
                           ("nodes", [NODE_UNICODE])]:
        r = run_process("--sim", unicode_file, command, env=env)
        assert r.code == 0, r.err
        text = r.out.decode("utf-8")            # strict: fails on anything but UTF-8
        assert all(n in text for n in names) and r.err == b""
    # --verbose: the astral resource's group is OFFLINE, so only the full reading names the resource
    r = run_process("--sim", unicode_file, "status", "--verbose", env=env)
    assert r.code == 1 and NODE_UNICODE in r.out.decode("utf-8").splitlines()[0]
    assert RESOURCE_ASTRAL in r.out.decode("utf-8")


@pytest.mark.parametrize("command", ["status", "groups", "resources", "info", "dump"])
def test_json_is_valid_utf8_json_under_cp1252(unicode_file, command):
    verbose = ["--verbose"] if command == "status" else []     # status: read (and name) every resource
    r = run_process("--sim", unicode_file, command, "--json", *verbose, env=clean_env(PYTHONIOENCODING="cp1252"))
    assert r.code in (0, 1), r.err
    data = json.loads(r.out.decode("utf-8"))
    if command != "dump":
        assert data["schema"] == 1 and data["simulated"] is True
    assert RESOURCE_ASTRAL in r.out.decode("utf-8") or command in ("groups", "info")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_console_that_cannot_show_a_name_gets_an_escape_not_an_error(unicode_file):
    import pty
    env = clean_env(PYTHONIOENCODING="cp1252")
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "clusapi_py", "--sim", unicode_file, "resources"],
                              stdout=slave, stderr=subprocess.PIPE, env=env, timeout=60, cwd=tempfile.gettempdir())
        os.close(slave)
        slave = None
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)
    out = b"".join(chunks).decode("cp1252")
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert "Dienst \\U0001d518" in out and GROUP_UNICODE.split(" ")[0] in out


def big_topology(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(sim.generate(nodes=8, groups=1000, resources_per_group=2)))
    return str(path)


@pytest.mark.parametrize("argv,code", [(["groups"], 0), (["status", "--verbose"], 0),
                                       (["dump"], 0), (["resources", "--json"], 0)])
@pytest.mark.parametrize("read_first_line", [False, True])
def test_a_closed_pipe_ends_quietly(tmp_path, argv, code, read_first_line):
    read, write = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", big_topology(tmp_path), *argv],
                            stdout=write, stderr=subprocess.PIPE, env=clean_env(), cwd=tempfile.gettempdir())
    os.close(write)
    with os.fdopen(read, "rb") as reader:
        # Closed before the command writes anything (it is still starting), or
        # after one line (`| head -1`) while most of the output is still to come.
        first = reader.readline() if read_first_line else b"-"
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=120) == code
    assert first
    assert b"Traceback" not in err and b"BrokenPipe" not in err and b"Exception ignored" not in err, err


@pytest.mark.skipif(sys.platform == "win32", reason="a shell pipeline")
def test_status_piped_to_head():
    proc = subprocess.run("'%s' -m clusapi_py --sim status --verbose | head -1" % sys.executable, shell=True,
                          capture_output=True, env=clean_env(), timeout=120, cwd=tempfile.gettempdir())
    assert proc.stdout.startswith(b"CLUSTER OK - (simulated) CLUSTER01") and proc.stdout.count(b"\n") == 1
    assert proc.stderr == b""


SLOW_CLUSTER = "from clusapi_py import sim\ns = sim.SimulatedCluster()\ns.latency = 30\ns.__enter__()"


def test_the_timeout_ends_the_process_with_unknown():
    start = time.monotonic()
    r = run_process("status", "--timeout", "0.5", code_prefix=SLOW_CLUSTER)
    assert r.code == 3 and time.monotonic() - start < 20
    # Text-mode streams end lines with CRLF on Windows.
    assert r.out.replace(b"\r\n", b"\n") == b"CLUSTER UNKNOWN - (simulated) no answer within 0.5 seconds (--timeout)\n"
    assert r.err == b""


def test_the_timeout_bounds_the_other_commands_when_given():
    r = run_process("nodes", "--timeout", "0.5", code_prefix=SLOW_CLUSTER)
    assert r.code == 3 and r.out == b""
    assert r.err.replace(b"\r\n", b"\n") == b"clusapi: no answer within 0.5 seconds (--timeout)\n"


def test_the_console_script_and_help_and_version():
    r = run_process("--help")
    assert r.code == 0 and b"exit codes:" in r.out and b"CLUSAPI_PY_BACKEND" in r.out
    r = run_process("--version")
    assert r.code == 0 and r.out.startswith(b"clusapi ")
    script = os.path.join(os.path.dirname(sys.executable), "clusapi" + (".exe" if sys.platform == "win32" else ""))
    if os.path.exists(script):
        proc = subprocess.run([script, "--sim", "nodes"], capture_output=True, env=clean_env(), timeout=60)
        assert proc.returncode == 0 and proc.stdout.startswith(b"(simulated) CLUSTER01: 3 nodes")


def test_usage_error_exits_3():
    r = run_process("frobnicate")
    assert r.code == 3 and r.out == b"" and b"unknown command 'frobnicate'" in r.err  # issue 21: was argparse's "invalid choice"
