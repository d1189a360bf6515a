"""`clusapi status`: the cluster judged by the health rules (monitor.health),
printed as a monitoring plugin's output (monitor.nagios) whose exit code is
the verdict: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."""
import argparse
import json
import os
import re
import time
import typing

from .. import errors
from ..enums import NodeDrainStatus, NodeState
from ..monitor import health, nagios
from ..names import name_key
from ..properties.controls import read_node_status
from ..records import (ClusterVersion, GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, NodeStatus, Quorum,
                       ResourceInfo, SharedVolume)
from ..sim import SimulatedCluster
from ._common import EXIT_UNKNOWN, Context, json_envelope, write_json
from ._runtime import Failure

DEFAULT_TIMEOUT = 30.0   # seconds: under the 60 s a monitoring system waits by default


def _pattern(text: str) -> "re.Pattern[str]":
    try:
        return health.compile_pattern(text)
    except re.error as exc:
        raise argparse.ArgumentTypeError("not a regular expression: %r (%s)" % (text, exc)) from None


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %r" % text) from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("a percentage is between 0 and 100, not %s" % text)
    return value


def _bytes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a whole number of bytes: %r" % text) from None
    if value < nagios.MIN_OUTPUT:
        raise argparse.ArgumentTypeError("at least %d bytes (the summary and the aggregate perfdata), not %s"
                                         % (nagios.MIN_OUTPUT, text))
    return value


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number of minutes: %r" % text) from None
    if not 0 < value <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError("minutes between 0 (excluded) and a week, not %s" % text)
    return value


class Checked(typing.NamedTuple):
    """What the rules judge: the snapshot's rows and the Cluster Shared Volumes,
    and the resources whose state was not read (their group's settles it)."""

    nodes: typing.Sequence[NodeInfo]
    groups: typing.Sequence[GroupInfo]
    resources: typing.Sequence[ResourceInfo]
    networks: typing.Sequence[NetworkInfo]
    netinterfaces: typing.Sequence[NetInterfaceInfo]
    quorum: Quorum
    shared_volumes: typing.Sequence[SharedVolume]
    settled_resources: typing.AbstractSet[str] = frozenset()
    settled_netinterfaces: typing.AbstractSet[str] = frozenset()
    node_status: typing.Mapping[str, NodeStatus] = {}     # the nodes read (read_nodes)
    preferred_owners: typing.Mapping[str, typing.Sequence[str]] = {}   # with --preferred-owners
    version: typing.Optional[ClusterVersion] = None
    cluster_name: str = ""


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every problem, then every object with its state; this reads every resource's "
                             "state (3 round trips each: 72 000 on 24 000 resources) where the check otherwise "
                             "reads only those their group's state does not settle, and its output is not "
                             "bounded by --max-output")
    parser.add_argument("--ignore-group", metavar="REGEX", type=_pattern, action="append", default=[],
                        help="skip groups whose name matches (re.search, case-insensitive), and their "
                             "resources; repeatable")
    parser.add_argument("--ignore-resource", metavar="REGEX", type=_pattern, action="append", default=[],
                        help="skip resources whose name matches (CSVs too, by their resource); repeatable")
    parser.add_argument("--csv-warning", metavar="PERCENT", type=_percent, default=health.CSV_WARNING,
                        help="a CSV volume with less free space is a WARNING (default %(default)g)")
    parser.add_argument("--csv-critical", metavar="PERCENT", type=_percent, default=health.CSV_CRITICAL,
                        help="a CSV volume with less free space is CRITICAL (default %(default)g; at most "
                             "--csv-warning)")
    parser.add_argument("--drain-timeout", metavar="MINUTES", type=_minutes, default=health.DRAIN_TIMEOUT / 60,
                        help="a node draining longer than this is a WARNING (default %(default)g); how long is "
                             "known from --state-file (the first check that saw the drain in progress)")
    parser.add_argument("--state-file", metavar="PATH", default=None,
                        help="a JSON file where the check keeps when it first saw each drain in progress "
                             "(without it a drain's age is not known, and a drain in progress stays OK)")
    parser.add_argument("--preferred-owners", action="store_true",
                        help="a group running on a node outside its preferred owners is a WARNING; reads each "
                             "owned group's preferred owners (3 round trips a group: 24 000 on 8 000 groups)")
    parser.add_argument("--node-details", action="store_true",
                        help="read every node's drain status, StatusInformation and version (3 round trips a "
                             "node), not only those of the nodes that are not Up")
    parser.add_argument("--perfdata", choices=nagios.PERFDATA_MODES, default="fit",
                        help="performance data on the first line: fit (default: the aggregates, then one value "
                             "per CSV volume while the line stays within %d bytes), all (every value, within "
                             "--max-output), summary (the aggregates), none" % nagios.FIRST_LINE_LIMIT)
    parser.add_argument("--max-output", metavar="BYTES", type=_bytes, default=nagios.MAX_OUTPUT,
                        help="bytes of the whole output, unless --verbose (default %%(default)d; NRPE v2 and "
                             "NSClient++ keep 1024 by default, Nagios 8192); the first line keeps within %d "
                             "unless --perfdata all" % nagios.FIRST_LINE_LIMIT)


def options(args: argparse.Namespace) -> health.Options:
    return health.Options(tuple(args.ignore_group), tuple(args.ignore_resource), args.csv_warning,
                          args.csv_critical, args.drain_timeout * 60.0, args.preferred_owners)


def _round_trips(ctx: Context) -> typing.Optional[int]:
    """Round trips the backend has made so far, where it counts them (the simulator)."""
    backend = ctx.cluster.backend
    return backend.round_trips() if isinstance(backend, SimulatedCluster) else None


# Errors that end the check (UNKNOWN) rather than leave one node's status unread.
_FATAL = (errors.ClusterUnavailableError, errors.ClusterAccessDeniedError, errors.ClusterTimeoutError)


def read_nodes(ctx: Context, nodes: typing.Iterable[NodeInfo], every: bool = False) -> typing.Dict[str, NodeStatus]:
    """{node name: NodeStatus} of the nodes that are not Up (every node with `every`):
    an open, one control call (the read-only common properties) and a close each --
    3 round trips a node; a healthy cluster costs none.  A node gone since the
    snapshot is left out."""
    out: typing.Dict[str, NodeStatus] = {}
    for n in nodes:
        if not every and int(n.state) == NodeState.UP:
            continue
        try:
            with ctx.cluster.open_node(n.name) as node:
                out[n.name] = read_node_status(node._tok(), "node %s" % n.name)
        except errors.ClusterObjectNotFoundError:
            continue
        except errors.ClusterNodeUnavailableError as exc:     # 5050 and the like: about this node
            ctx.note("node %s: drain status not read (%s, Win32 error %d); judged by its state"
                     % (n.name, type(exc).__name__, exc.winerror))
        except _FATAL:
            raise
        except errors.ClusterError as exc:      # this node's properties: judged by its state alone, and said
            ctx.note("node %s: drain status not read (%s, Win32 error %d); judged by its state"
                     % (n.name, type(exc).__name__, exc.winerror))
    return out


def read_preferred_owners(ctx: Context, groups: typing.Iterable[GroupInfo],
                          opts: health.Options) -> typing.Dict[str, typing.List[str]]:
    """{group name: preferred owners} of the groups that have an owner and are not
    ignored (an open, the node list and a close each)."""
    out: typing.Dict[str, typing.List[str]] = {}
    for g in groups:
        if not g.owner_node or opts.ignores_group(g.name):
            continue
        try:
            with ctx.cluster.open_group(g.name) as group:
                out[g.name] = group.preferred_owner_names()
        except errors.ClusterObjectNotFoundError:
            continue
    return out


def drain_ages(path: str, cluster_name: str, statuses: typing.Dict[str, NodeStatus], now: float,
               ctx: Context) -> typing.Dict[str, NodeStatus]:
    """The statuses with drain_started from the state file (a drain in progress first seen
    now is recorded there); the file is written back with the drains still in progress."""
    try:
        with open(path, encoding="utf-8") as f:
            stored = json.load(f)
        if not isinstance(stored, dict):
            raise ValueError("not a JSON object")
    except FileNotFoundError:
        stored = {}
    except (OSError, ValueError) as exc:
        ctx.note("--state-file %s: not read (%s); drains are timed from now" % (path, exc))
        stored = {}
    drains = stored.get("drains")
    mine = drains.get(cluster_name) if isinstance(drains, dict) else None
    known = {name_key(k): v for k, v in mine.items()} if isinstance(mine, dict) else {}
    kept: typing.Dict[str, float] = {}
    out = dict(statuses)
    for name, status in statuses.items():
        if status.drain_status != NodeDrainStatus.IN_PROGRESS:
            continue
        started = known.get(name_key(name))
        if isinstance(started, bool) or not isinstance(started, (int, float)) or started > now:
            started = now
        kept[name] = float(started)
        out[name] = status._replace(drain_started=float(started))
    new_drains = dict(drains) if isinstance(drains, dict) else {}
    new_drains[cluster_name] = kept
    stored["drains"] = new_drains
    try:
        tmp = "%s.%d.tmp" % (path, os.getpid())
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(stored, f, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except OSError as exc:
        ctx.note("--state-file %s: not written (%s)" % (path, exc))
    return out


def read(ctx: Context, everything: bool = False) -> typing.Tuple[Checked, str]:
    """(what the rules judge, the cluster's name).  Unless `everything`, the
    resource states their groups settle, and the net interface states their
    networks and nodes settle, are not read (Cluster.snapshot(settled=True)):
    on a healthy cluster the reading is the nodes, networks, CSVs and the bulk
    listings, not 3 round trips per resource or per net interface.  A CSV's resource state comes from the CSV reading,
    which reads it in any case."""
    snap = ctx.snapshot(settled=not everything)
    volumes = ctx.cluster.shared_volumes()      # the CSVs: 1 + 5 round trips per CSV (README)
    resources: typing.Sequence[ResourceInfo] = snap.resources
    settled = snap.settled_resources
    read_states = {v.name: v for v in volumes}
    if settled & read_states.keys():
        resources = [r._replace(state=read_states[r.name].state) if r.name in settled and r.name in read_states
                     else r for r in resources]
        settled = settled - read_states.keys()
    return Checked(snap.nodes, snap.groups, resources, snap.networks, snap.netinterfaces, snap.quorum, volumes,
                   settled, snap.settled_netinterfaces, version=snap.version,
                   cluster_name=snap.cluster_name), snap.cluster_name


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    try:
        health.check_thresholds(args.csv_warning, args.csv_critical)
    except ValueError as exc:
        raise Failure("usage error: %s" % exc, {"type": "UsageError", "message": str(exc)}) from None
    before = _round_trips(ctx)
    checked, cluster_name = read(ctx, everything=args.verbose)
    opts = options(args)
    now = time.time()
    statuses = read_nodes(ctx, checked.nodes, every=args.node_details)
    if args.state_file:
        statuses = drain_ages(args.state_file, cluster_name, statuses, now, ctx)
    checked = checked._replace(node_status=statuses)
    if args.preferred_owners:
        checked = checked._replace(preferred_owners=read_preferred_owners(ctx, checked.groups, opts))
    spent = None if before is None else (_round_trips(ctx) or 0) - before
    verdict = health.judge(checked, opts._replace(now=now))
    limits = nagios.Limits(args.max_output, args.perfdata)
    if args.json:
        data = ctx.envelope(cluster_name)
        data.update({
            "state": verdict.state.name, "exit_code": int(verdict.state),
            "summary": nagios.first_line(verdict, cluster_name, ctx.simulated, limits).partition(" | ")[0],
            "problems": [{"state": p.state.name, "kind": p.kind, "name": p.name, "object_state": p.object_state,
                          "detail": p.detail, "text": p.text} for p in verdict.problems],
            "counts": {t.plural.replace(" ", ""): {"total": t.total, "fine": t.fine, "ignored": t.ignored,
                                                   "states": t.states} for t in verdict.tallies},
            "perfdata": [{k: v for k, v in p._asdict().items() if k != "per_object"} for p in verdict.perfdata],
            "round_trips": spent,
        })
        write_json(data, out)
    else:
        out.write(nagios.check_output(verdict, cluster_name, ctx.simulated, verbose=args.verbose, limits=limits))
    return int(verdict.state)


def failure(message: str, error: typing.Dict[str, object], args: argparse.Namespace, cluster: typing.Optional[str],
            simulated: typing.Optional[bool], out: typing.TextIO) -> int:
    """The check could not judge the cluster: UNKNOWN, said on stdout (what
    the monitoring system shows), as the first line or as JSON."""
    if getattr(args, "json", False):
        data = json_envelope(cluster, simulated)
        data.update({"state": "UNKNOWN", "exit_code": EXIT_UNKNOWN, "summary": nagios.unknown(message, bool(simulated)),
                     "problems": [], "error": error})
        write_json(data, out)
    else:
        out.write(nagios.unknown(message, bool(simulated)) + "\n")
    return EXIT_UNKNOWN
