"""Helpers for the command-line tests: main() in-process, the command as a
process, and the topologies they use.  (Not a conftest.py: the tests import
the top-level conftest by name, which a second one would shadow.)"""
import io
import json
import os
import subprocess
import sys
import tempfile

import pytest

from clusapi_py import cli, sim

# Names a monitoring system will meet: non-ASCII, CJK, and astral (outside the BMP, UTF-16 surrogate pairs).
GROUP_UNICODE = "Datenbank Ω 数据库"
RESOURCE_ASTRAL = "Dienst 𝔘𝔫𝔦 🚀"
NODE_UNICODE = "KNOTEN-Ä"


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self):
        return self.out.splitlines()

    def json(self):
        return json.loads(self.out)


def run(*argv):
    """main() into StringIO buffers."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out, err)
    return Result(code, out.getvalue(), err.getvalue())


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUSAPI_PY_", "PYTHONIOENCODING"))}
    env.update(extra)
    return env


def run_process(*argv, env=None, code_prefix=None, timeout=120):
    """The command as a process (`python -m clusapi_py ARGS`), bytes out.
    `code_prefix`: Python run first instead (`python -c PREFIX + cli.main()`)."""
    if code_prefix is None:
        command = [sys.executable, "-m", "clusapi_py", *argv]
    else:
        command = [sys.executable, "-c", code_prefix + "\nimport sys\nfrom clusapi_py import cli\n"
                   "sys.exit(cli.main(sys.argv[1:]))", *argv]
    proc = subprocess.run(command, capture_output=True, env=env if env is not None else clean_env(),
                          timeout=timeout, cwd=tempfile.gettempdir())
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def topology_file(tmp_path):
    """write(topology or changes to the default one) -> path of a JSON file."""
    def write(topology=None, edit=None):
        t = topology if topology is not None else sim.default_topology()
        if edit:
            edit(t)
        path = tmp_path / ("t%d.json" % len(list(tmp_path.iterdir())))
        path.write_text(json.dumps(t, ensure_ascii=False), encoding="utf-8")
        return str(path)
    return write


def unicode_topology():
    """The default cluster with a group, a resource and a node of non-ASCII / astral names."""
    t = sim.default_topology()
    t["nodes"].append({"name": NODE_UNICODE, "state": "PAUSED"})
    t["groups"].append({"name": GROUP_UNICODE, "state": "OFFLINE", "owner_node": NODE_UNICODE})
    t["resources"].append({"name": RESOURCE_ASTRAL, "group": GROUP_UNICODE, "state": "OFFLINE"})
    return t


def set_state(t, kind, name, state):
    for row in t[kind]:
        if row["name"] == name:
            row["state"] = state
            return
    raise KeyError(name)


def derive_group_state(t, resource):
    """Drops the explicit state of the resource's group: loading derives it from its resources."""
    group = next(r["group"] for r in t["resources"] if r["name"] == resource)
    next(g for g in t["groups"] if g["name"] == group).pop("state", None)


def derive_network_state(t, netinterface):
    """Drops the explicit state of the interface's network: loading derives it from its interfaces."""
    network = next(n["network"] for n in t["netinterfaces"] if n["name"] == netinterface)
    next(n for n in t["networks"] if n["name"] == network).pop("state", None)
