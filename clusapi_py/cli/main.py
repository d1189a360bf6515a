"""clusapi: read a failover cluster from the command line.

    clusapi [--cluster NAME] [--sim [TOPOLOGY.json]] COMMAND [--json]

Commands: info, status, nodes, groups, resources, networks, dump,
props KIND [NAME] [--private] (dump --properties: with every object's properties), csv.
Exit codes: 0 success (for `status`: healthy), 1 `status` warning,
2 `status` critical or a usage error, 3 a cluster error (one line on
stderr: class, code, message).
"""
import argparse
import os
import sys

from .._backend import SYSTEM
from ..handles import open_cluster
from ..sim import SimulatedCluster
from . import csv_cmd, info, objects, props, status
from ._common import EXIT_ERROR

# Commands that print a snapshot (taken in one call, then the cluster is closed).
SNAPSHOT_COMMANDS = {"status": status.run, "dump": objects.dump, **{c: objects.run for c in objects.COMMANDS}}
COMMANDS = ("info", "status", "nodes", "groups", "resources", "networks", "dump", "props", "csv")


def _parser():
    p = argparse.ArgumentParser(prog="clusapi", description="Read a Windows failover cluster.")
    p.add_argument("--cluster", metavar="NAME", help="cluster or node name / DNS name / IP (default: local)")
    p.add_argument("--sim", nargs="?", const="", metavar="TOPOLOGY.json",
                   help="use the simulated cluster (built-in topology, or this JSON file)")
    p.add_argument("command", choices=COMMANDS)
    p.add_argument("args", nargs="*", metavar="ARG", help="props: KIND [NAME]")
    p.add_argument("--json", action="store_true", help="print JSON on stdout")
    p.add_argument("--private", action="store_true", help="props: the private properties")
    p.add_argument("--properties", action="store_true", help="dump: with every object's properties")
    return p


def _backend(args, err):
    if args.sim is not None:
        return SimulatedCluster(args.sim or None)
    if os.environ.get("CLUSAPI_PY_BACKEND", "").strip().lower() == "sim":
        return None  # the environment's simulator
    if not SYSTEM.has("OpenCluster"):
        err.write("clusapi: no clusapi.dll on this machine; using the built-in simulated cluster\n")
        return SimulatedCluster()
    return SYSTEM


def run(args, out, err):
    backend = _backend(args, err)
    with open_cluster(args.cluster, backend=backend) as cluster:
        if args.command == "info":
            return info.run(cluster, args, out)
        if args.command == "props":
            return props.run(cluster, args, out, err)
        if args.command == "csv" and not args.args:
            return csv_cmd.run(cluster, args, out)
        if args.args:
            err.write("clusapi %s: unexpected argument %r\n" % (args.command, args.args[0]))
            return EXIT_ERROR
        snap = cluster.snapshot(properties=args.properties and args.command == "dump")
    return SNAPSHOT_COMMANDS[args.command](snap, args, out)


def main(argv=None, out=None, err=None):
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
