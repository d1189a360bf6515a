"""clusapi: read a failover cluster from the command line.

    clusapi [--cluster NAME] [--sim [TOPOLOGY.json]] COMMAND [--json]

Commands: info, status, nodes, groups, resources, networks, dump.
Exit codes: 0 success (for `status`: healthy), 1 `status` warning,
2 `status` critical or a usage error, 3 a cluster error (one line on
stderr: class, code, message).
"""
import argparse
import json
import os
import sys

from . import errors, sim
from ._handles import open_cluster
from .backends import SYSTEM
from .enums import GroupState, NodeState, ResourceState, state_name

COMMANDS = ("info", "status", "nodes", "groups", "resources", "networks", "dump")
EXIT_OK, EXIT_WARNING, EXIT_CRITICAL, EXIT_ERROR = 0, 1, 2, 3


def _parser():
    p = argparse.ArgumentParser(prog="clusapi", description="Read a Windows failover cluster.")
    p.add_argument("--cluster", metavar="NAME", help="cluster or node name / DNS name / IP (default: local)")
    p.add_argument("--sim", nargs="?", const="", metavar="TOPOLOGY.json",
                   help="use the simulated cluster (built-in topology, or this JSON file)")
    p.add_argument("command", choices=COMMANDS)
    p.add_argument("--json", action="store_true", help="print JSON on stdout")
    return p


def _backend(args, err):
    if args.sim is not None:
        return sim.SimulatedCluster(args.sim or None)
    if os.environ.get("CLUSAPI_PY_BACKEND", "").strip().lower() == "sim":
        return None  # the environment's simulator
    if not SYSTEM.has("OpenCluster"):
        err.write("clusapi: no clusapi.dll on this machine; using the built-in simulated cluster\n")
        return sim.SimulatedCluster()
    return SYSTEM


def _version_dict(v):
    return v._asdict()


def _health(snap):
    critical, warning = [], []
    for n in snap.nodes:
        if n.state == NodeState.DOWN:
            critical.append("node %s is down" % n.name)
        elif n.state != NodeState.UP:
            warning.append("node %s is %s" % (n.name, str(state_name(n.state)).lower()))
    for g in snap.groups:
        if g.state == GroupState.FAILED:
            critical.append("group %s failed" % g.name)
        elif g.state != GroupState.ONLINE:
            warning.append("group %s is %s" % (g.name, str(state_name(g.state)).lower()))
    for r in snap.resources:
        if r.state == ResourceState.FAILED:
            critical.append("resource %s failed" % r.name)
        elif r.state not in (ResourceState.ONLINE, ResourceState.INHERITED):
            warning.append("resource %s is %s" % (r.name, str(state_name(r.state)).lower()))
    verdict = "CRITICAL" if critical else "WARNING" if warning else "OK"
    return verdict, critical + warning


def _table(rows, out, indent=""):
    if not rows:
        return
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write(indent + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")


def run(args, out, err):
    backend = _backend(args, err)
    with open_cluster(args.cluster, backend=backend) as cluster:
        if args.command == "info":
            data = {"name": cluster.name, "version": _version_dict(cluster.version),
                    "granted_access": str(cluster.granted_access.name or int(cluster.granted_access)),
                    "simulated": isinstance(cluster.backend, sim.SimulatedCluster)}
            if args.json:
                out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            else:
                v = cluster.version
                out.write("Cluster:         %s%s\n" % (data["name"], " (simulated)" if data["simulated"] else ""))
                out.write("Version:         %d.%d build %d (%s%s)\n" % (
                    v.major, v.minor, v.build, v.vendor_id, ", " + v.csd_version if v.csd_version else ""))
                out.write("Cluster version: highest %#x, lowest %#x\n" % (v.highest_version, v.lowest_version))
                out.write("Granted access:  %s\n" % data["granted_access"])
            return EXIT_OK
        snap = cluster.snapshot()
    if args.command == "dump":
        out.write(snap.to_json() + "\n")
        return EXIT_OK
    if args.command == "status":
        verdict, problems = _health(snap)
        code = {"OK": EXIT_OK, "WARNING": EXIT_WARNING, "CRITICAL": EXIT_CRITICAL}[verdict]
        if args.json:
            out.write(json.dumps({
                "cluster": snap.cluster_name, "health": verdict, "problems": problems,
                "nodes": [{"name": n.name, "state": state_name(n.state)} for n in snap.nodes],
                "groups": [{"name": g.name, "state": state_name(g.state), "owner_node": g.owner_node} for g in snap.groups],
                "resources_needing_attention": [
                    {"name": r.name, "state": state_name(r.state), "group": r.group, "owner_node": r.owner_node}
                    for r in snap.resources if r.state not in (ResourceState.ONLINE, ResourceState.INHERITED)],
            }, indent=2, ensure_ascii=False) + "\n")
            return code
        out.write("Cluster %s\n\nNodes\n" % snap.cluster_name)
        _table([(n.name, state_name(n.state)) for n in snap.nodes], out, "  ")
        out.write("\nGroups\n")
        _table([(g.name, state_name(g.state), g.owner_node or "-") for g in snap.groups], out, "  ")
        attention = [r for r in snap.resources if r.state not in (ResourceState.ONLINE, ResourceState.INHERITED)]
        out.write("\nResources failed, offline or pending: %s\n" % (len(attention) or "none"))
        _table([(r.name, state_name(r.state), r.group, r.owner_node or "-") for r in attention], out, "  ")
        up = sum(1 for n in snap.nodes if n.state == NodeState.UP)
        online = sum(1 for g in snap.groups if g.state == GroupState.ONLINE)
        out.write("\nHealth: %s - %d/%d nodes up, %d/%d groups online, %d resources need attention%s\n" % (
            verdict, up, len(snap.nodes), online, len(snap.groups), len(attention),
            ("; " + "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")) if problems else ""))
        return code
    rows = {
        "nodes": [{"name": n.name, "id": n.id, "state": state_name(n.state)} for n in snap.nodes],
        "groups": [{"name": g.name, "id": g.id, "state": state_name(g.state), "owner_node": g.owner_node}
                   for g in snap.groups],
        "resources": [{"name": r.name, "id": r.id, "state": state_name(r.state), "group": r.group,
                       "owner_node": r.owner_node} for r in snap.resources],
        "networks": [{"name": n.name, "id": n.id, "state": state_name(n.state),
                      "netinterfaces": [i.name for i in snap.netinterfaces if i.network == n.name]}
                     for n in snap.networks],
    }[args.command]
    if args.json:
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        keys = [k for k in rows[0] if k != "netinterfaces"] if rows else []
        _table([tuple(k.upper() for k in keys)] + [tuple(r[k] if r[k] != "" else "-" for k in keys) for r in rows],
               out)
    return EXIT_OK


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
    except errors.ClusterError as exc:
        err.write("clusapi: %s: %s\n" % (type(exc).__name__, exc))
        return EXIT_ERROR
    except (OSError, ValueError) as exc:
        err.write("clusapi: %s: %s\n" % (type(exc).__name__, exc))
        return EXIT_ERROR
