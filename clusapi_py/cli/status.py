"""`clusapi status`: the cluster judged by the health rules (monitor.health),
printed as a monitoring plugin's output (monitor.nagios) whose exit code is
the verdict: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."""
import argparse
import re
import typing

from ..monitor import health, nagios
from ..records import (GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, Quorum, ResourceInfo,
                       SharedVolume)
from ._common import EXIT_UNKNOWN, Context, json_envelope, write_json

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


class Checked(typing.NamedTuple):
    """What the rules judge: the snapshot's rows and the Cluster Shared Volumes."""

    nodes: typing.Sequence[NodeInfo]
    groups: typing.Sequence[GroupInfo]
    resources: typing.Sequence[ResourceInfo]
    networks: typing.Sequence[NetworkInfo]
    netinterfaces: typing.Sequence[NetInterfaceInfo]
    quorum: Quorum
    shared_volumes: typing.Sequence[SharedVolume]


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every problem, then every object with its state")
    parser.add_argument("--ignore-group", metavar="REGEX", type=_pattern, action="append", default=[],
                        help="skip groups whose name matches (re.search, case-insensitive), and their "
                             "resources; repeatable")
    parser.add_argument("--ignore-resource", metavar="REGEX", type=_pattern, action="append", default=[],
                        help="skip resources whose name matches (CSVs too, by their resource); repeatable")
    parser.add_argument("--csv-warning", metavar="PERCENT", type=_percent, default=health.CSV_WARNING,
                        help="a CSV volume with less free space is a WARNING (default %(default)g)")
    parser.add_argument("--csv-critical", metavar="PERCENT", type=_percent, default=health.CSV_CRITICAL,
                        help="a CSV volume with less free space is CRITICAL (default %(default)g)")


def options(args: argparse.Namespace) -> health.Options:
    return health.Options(tuple(args.ignore_group), tuple(args.ignore_resource), args.csv_warning,
                          args.csv_critical)


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    snap = ctx.snapshot()
    volumes = ctx.cluster.shared_volumes()      # the CSVs: 1 + 5 round trips per CSV (README)
    checked = Checked(snap.nodes, snap.groups, snap.resources, snap.networks, snap.netinterfaces, snap.quorum,
                      volumes)
    verdict = health.judge(checked, options(args))
    if args.json:
        data = ctx.envelope(snap.cluster_name)
        data.update({
            "state": verdict.state.name, "exit_code": int(verdict.state),
            "summary": nagios.first_line(verdict, snap.cluster_name, ctx.simulated).partition(" | ")[0],
            "problems": [{"state": p.state.name, "kind": p.kind, "name": p.name, "object_state": p.object_state,
                          "detail": p.detail, "text": p.text} for p in verdict.problems],
            "counts": {t.plural.replace(" ", ""): {"total": t.total, "fine": t.fine, "ignored": t.ignored,
                                                   "states": t.states} for t in verdict.tallies},
            "perfdata": [p._asdict() for p in verdict.perfdata],
        })
        write_json(data, out)
    else:
        out.write(nagios.check_output(verdict, snap.cluster_name, ctx.simulated, verbose=args.verbose))
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
