"""`clusapi status`: the cluster judged by the health rules (monitor.health),
printed as a monitoring plugin's output (monitor.nagios) whose exit code is
the verdict: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."""
import argparse
import re
import typing

from ..monitor import health, nagios
from ._common import EXIT_UNKNOWN, Context, json_envelope, write_json

DEFAULT_TIMEOUT = 30.0   # seconds: under the 60 s a monitoring system waits by default


def _pattern(text: str) -> "re.Pattern[str]":
    try:
        return health.compile_pattern(text)
    except re.error as exc:
        raise argparse.ArgumentTypeError("not a regular expression: %r (%s)" % (text, exc)) from None


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every problem, then every object with its state")
    parser.add_argument("--ignore-group", metavar="REGEX", type=_pattern, action="append", default=[],
                        help="skip groups whose name matches (re.search, case-insensitive), and their "
                             "resources; repeatable")
    parser.add_argument("--ignore-resource", metavar="REGEX", type=_pattern, action="append", default=[],
                        help="skip resources whose name matches; repeatable")


def options(args: argparse.Namespace) -> health.Options:
    return health.Options(tuple(args.ignore_group), tuple(args.ignore_resource))


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    snap = ctx.snapshot()
    verdict = health.judge(snap, options(args))
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
