"""What needs a fresh interpreter: handles still open at exit are closed
(the simulator's leak check says so), and the environment picks the backend."""
import os
import subprocess
import sys
import tempfile
import textwrap

from clusapi_py import sim


# ---- interpreter exit -----------------------------------------------------------------------------------
def _run(code, **env):
    full_env = dict(os.environ)
    full_env.pop("CLUSAPI_PY_BACKEND", None)
    full_env.update(env)
    # Run outside the source tree: `python -c` puts the current directory first
    # on sys.path, and the checkout's clusapi_py has no compiled extension.
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=full_env, timeout=60, cwd=tempfile.gettempdir())


def test_handles_left_open_are_closed_at_exit_leak_check_reports_zero():
    proc = _run("""
        import clusapi_py
        from clusapi_py import sim
        s = sim.SimulatedCluster()
        kept = clusapi_py.open_cluster(backend=s)           # a module global at exit
        class Cycle: pass
        x = Cycle(); x.me = x; x.c = clusapi_py.open_cluster(backend=s)
        kept.name
        print("open", s.open_handles()["cluster"])
    """, CLUSAPI_PY_SIM_LEAKCHECK="1")
    assert proc.returncode == 0, proc.stderr
    assert "open 2" in proc.stdout
    line = [l for l in proc.stderr.splitlines() if "leak check" in l]
    assert line == ["clusapi_py simulator leak check: cluster=0 node=0 group=0 resource=0 network=0 "
                    "netinterface=0 enum=0 notify=0 total=0"], proc.stderr


def test_leak_check_reports_a_detached_handle():
    proc = _run("""
        import clusapi_py
        from clusapi_py import sim
        s = sim.SimulatedCluster()
        clusapi_py.open_cluster(backend=s).detach()
    """, CLUSAPI_PY_SIM_LEAKCHECK="1")
    assert proc.returncode == 0, proc.stderr
    assert "cluster=1" in proc.stderr and "total=1" in proc.stderr


def test_environment_selects_the_simulator(tmp_path):
    import json
    topo = sim.default_topology()
    topo["cluster"]["name"] = "FROMFILE"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(topo))
    proc = _run("""
        import clusapi_py
        with clusapi_py.open_cluster() as c:
            print(c.name)
    """, CLUSAPI_PY_BACKEND="sim", CLUSAPI_PY_SIM_TOPOLOGY=str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "FROMFILE"
