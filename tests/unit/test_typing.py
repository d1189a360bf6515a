"""The package's types, as a user's type checker sees them.

- clusapi_py/_clusapi.pyi (the types of the compiled extension, which has
  no annotations of its own) is generated from the built extension's cdef
  by build_clusapi.py: `python build_clusapi.py --write-stub` rewrites it,
  and test_the_extension_stub_matches_the_cdef (the installed stub against
  `--print-stub` of the installed extension) fails when a function or
  constant was added, removed or retyped in an api/ header without it.
- mypy --strict on a small monitoring agent sees precise types (no Any) for
  what an agent handles: the Cluster, the Snapshot and its rows, status(),
  state.  It runs against the installed package (py.typed, the stub), as a
  user's checker would; skipped only when mypy is not installed (CI
  installs it: the `dev` extra).
"""
import os
import re
import subprocess
import sys
import textwrap

import pytest

import clusapi_py

PACKAGE_DIR = os.path.dirname(os.path.abspath(clusapi_py.__file__))
STUB = os.path.join(PACKAGE_DIR, "_clusapi.pyi")
BUILD_SCRIPT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build_clusapi.py"))


def test_the_extension_stub_matches_the_cdef():
    # The writer is build_clusapi.py's (run as a script: its stub part needs no native tree, so a
    # copy of the tests beside a wheel runs it too, with the build script copied beside them).
    proc = subprocess.run([sys.executable, BUILD_SCRIPT, "--print-stub"], cwd=os.path.dirname(BUILD_SCRIPT),
                          capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    with open(STUB, encoding="utf-8") as f:
        shipped = f.read()
    assert shipped == proc.stdout.decode("utf-8"), (
        "clusapi_py/_clusapi.pyi is out of date with the extension's cdef: run "
        "`python build_clusapi.py --write-stub` (with the package installed) and commit it")


# ---- what a user's mypy sees --------------------------------------------------------------
AGENT = '''\
import clusapi_py
from clusapi_py import sim

with sim.SimulatedCluster() as s:
    c = clusapi_py.open_cluster()
    reveal_type(c)
    reveal_type(c.name)
    reveal_type(c.version)
    reveal_type(c.granted_access)
    snap = c.snapshot()
    reveal_type(snap)
    reveal_type(snap.groups)
    reveal_type(snap.groups[0].state)
    reveal_type(snap.quorum)
    g = c.open_group("FS01")
    reveal_type(g)
    reveal_type(g.status())
    reveal_type(g.status().state)
    reveal_type(g.state)
    reveal_type(g.owner_node)
    reveal_type(g.cluster)
    r = c.open_resource("Cluster Disk 4")
    reveal_type(r.status())
    reveal_type(r.state)
    reveal_type(c.open_node("NODE1").state)
    reveal_type(c.node_names())
    reveal_type(c.quorum())
    reveal_type(s.open_handles())
    reveal_type(s.latency)
    reveal_type(snap.to_dict()["groups"][0])
    replayed = sim.SimulatedCluster(snap.to_dict())
    state = g.state
    if isinstance(state, clusapi_py.GroupState):
        reveal_type(state)
'''

# mypy 2's spelling (the dev extra's floor), with "builtins." dropped (older versions write it).  A state
# declared `GroupState | int` reads as `int` once taken out of its record: GroupState is an int,
# so the checker folds the union -- and `state.name` is an error until `isinstance(state,
# GroupState)` has narrowed it, which is the point (a newer Windows's state is a plain int).
EXPECTED = [
    'Revealed type is "clusapi_py.handles.cluster.Cluster"',
    'Revealed type is "str"',
    'Revealed type is "tuple[int, int, int, str, str, int, int, int, fallback=clusapi_py.records.ClusterVersion]"',
    'Revealed type is "clusapi_py.enums.Access"',
    'Revealed type is "clusapi_py.snapshot.Snapshot"',
    'Revealed type is "tuple[tuple[str, str, clusapi_py.enums.GroupState | int, str, '
    'fallback=clusapi_py.records.GroupInfo], ...]"',
    'Revealed type is "int"',
    'Revealed type is "tuple[str, str, int, fallback=clusapi_py.records.Quorum]"',
    'Revealed type is "clusapi_py.handles.objects.Group"',
    'Revealed type is "tuple[clusapi_py.enums.GroupState | int, str, fallback=clusapi_py.records.GroupStatus]"',
    'Revealed type is "int"',
    'Revealed type is "int"',
    'Revealed type is "str"',
    'Revealed type is "clusapi_py.handles.cluster.Cluster"',
    'Revealed type is "tuple[clusapi_py.enums.ResourceState | int, str, str, '
    'fallback=clusapi_py.records.ResourceStatus]"',
    'Revealed type is "int"',
    'Revealed type is "int"',
    'Revealed type is "list[str]"',
    'Revealed type is "tuple[str, str, int, fallback=clusapi_py.records.Quorum]"',
    'Revealed type is "dict[str, int]"',
    'Revealed type is "float"',
    'Revealed type is "TypedDict(clusapi_py.records.GroupDict, {\'name\': str, \'id\': str, '
    '\'state\': str | int, \'owner_node\': str, \'properties\'?: dict[str, Any]})"',
    'Revealed type is "clusapi_py.enums.GroupState"',
]


def _mypy():
    pytest.importorskip("mypy", reason="mypy is not installed (pip install '.[dev]')")
    return [sys.executable, "-m", "mypy"]


def test_an_agent_sees_precise_types(tmp_path):
    mypy = _mypy()
    agent = tmp_path / "agent.py"
    agent.write_text(AGENT, encoding="utf-8")
    # From an empty folder, against the installed package: no config file of the repository applies.
    proc = subprocess.run(mypy + ["--strict", "--no-incremental", "--show-error-codes", "agent.py"],
                          cwd=str(tmp_path), capture_output=True, text=True, timeout=600)
    revealed = [re.sub(r"^agent\.py:\d+: note: ", "", line).replace("builtins.", "")
                for line in proc.stdout.splitlines() if ": note: Revealed type is" in line]
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert not errors, proc.stdout
    assert revealed == EXPECTED, "\n".join(revealed)


def test_strict_mypy_rejects_a_misuse(tmp_path):
    """The types say something: a state compared with a name, a status unpacked wrong, a missing
    None check are errors a user's checker reports."""
    mypy = _mypy()
    agent = tmp_path / "misuse.py"
    agent.write_text(textwrap.dedent('''\
        import clusapi_py
        with clusapi_py.open_cluster() as c:
            state, owner, extra = c.open_group("FS01").status()
            c.open_group(42)
            n: int = c.name
    '''), encoding="utf-8")
    proc = subprocess.run(mypy + ["--strict", "--no-incremental", "misuse.py"], cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=600)
    lines = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert [int(line.split(":")[1]) for line in lines] == [3, 4, 5], proc.stdout

