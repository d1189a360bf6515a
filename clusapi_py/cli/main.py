"""clusapi: read a failover cluster from the command line.

    clusapi [--cluster NAME] [--sim [TOPOLOGY.json]] COMMAND [--json]

Commands: info, status, nodes, groups, resources, networks, dump.
Exit codes: 0 success (for `status`: healthy), 1 `status` warning,
2 `status` critical or a usage error, 3 a cluster error (one line on
stderr: class, code, message).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Sequence, TextIO

from .._backend import SYSTEM, Backend
from ..handles import open_cluster
from ..sim import SimulatedCluster
from . import info, objects, status
from ..snapshot import Snapshot
from ._common import EXIT_ERROR

# Commands that print a snapshot (taken in one call, then the cluster is closed).
SNAPSHOT_COMMANDS: dict[str, Callable[[Snapshot, argparse.Namespace, TextIO], int]] = {"status": status.run, "dump": objects.dump, **{c: objects.run for c in objects.COMMANDS}}
COMMANDS = ("info", "status", "nodes", "groups", "resources", "networks", "dump")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clusapi", description="Read a Windows failover cluster.")
    p.add_argument("--cluster", metavar="NAME", help="cluster or node name / DNS name / IP (default: local)")
    p.add_argument("--sim", nargs="?", const="", metavar="TOPOLOGY.json",
                   help="use the simulated cluster (built-in topology, or this JSON file)")
    p.add_argument("command", choices=COMMANDS)
    p.add_argument("--json", action="store_true", help="print JSON on stdout")
    return p


def _backend(args: argparse.Namespace, err: TextIO) -> Backend | None:
    if args.sim is not None:
        return SimulatedCluster(args.sim or None)
    if os.environ.get("CLUSAPI_PY_BACKEND", "").strip().lower() == "sim":
        return None  # the environment's simulator
    if not SYSTEM.has("OpenCluster"):
        err.write("clusapi: no clusapi.dll on this machine; using the built-in simulated cluster\n")
        return SimulatedCluster()
    return SYSTEM


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    backend = _backend(args, err)
    with open_cluster(args.cluster, backend=backend) as cluster:
        if args.command == "info":
            return info.run(cluster, args, out)
        snap = cluster.snapshot()
    return SNAPSHOT_COMMANDS[args.command](snap, args, out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The `clusapi` command: returns the exit code (see the module docstring)."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    # `--sim` takes an optional file: when the next word is a command or an
    # option, it is the bare flag (the built-in topology).
    for i, word in enumerate(argv):
        if word == "--sim" and (i + 1 == len(argv) or argv[i + 1] in COMMANDS or argv[i + 1].startswith("-")):
            argv[i] = "--sim="
    args = _parser().parse_args(argv)
    try:
        return run(args, out, err)
    except (OSError, ValueError) as exc:   # ClusterError is an OSError
        err.write("clusapi: %s: %s\n" % (type(exc).__name__, exc))
        return EXIT_ERROR
