"""`clusapi status`: the cluster judged by the health rules (monitor.health),
printed as a monitoring plugin's output (monitor.nagios) whose exit code is
the verdict: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."""
import argparse
import re
import typing

from ..monitor import health, nagios
from ..records import (GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, Quorum, ResourceInfo,
                       SharedVolume)
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
                          args.csv_critical)


def _round_trips(ctx: Context) -> typing.Optional[int]:
    """Round trips the backend has made so far, where it counts them (the simulator)."""
    backend = ctx.cluster.backend
    return backend.round_trips() if isinstance(backend, SimulatedCluster) else None


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
                   settled, snap.settled_netinterfaces), snap.cluster_name


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    try:
        health.check_thresholds(args.csv_warning, args.csv_critical)
    except ValueError as exc:
        raise Failure("usage error: %s" % exc, {"type": "UsageError", "message": str(exc)}) from None
    before = _round_trips(ctx)
    checked, cluster_name = read(ctx, everything=args.verbose)
    spent = None if before is None else (_round_trips(ctx) or 0) - before
    verdict = health.judge(checked, options(args))
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
