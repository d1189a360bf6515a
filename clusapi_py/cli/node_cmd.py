"""`clusapi node pause|resume NAME`: node maintenance, waited on through
notifications (no polling), printing the events as they come.

    clusapi node pause NAME [--drain] [--target N] [--force --yes] [--wait S] [--reason T]
    clusapi node resume NAME [--failback none|immediate|policy] [--wait S] [--reason T]

A pause without --drain and a resume are synchronous calls: done when they
return.  --drain moves the node's roles away (to --target, or where the cluster
chooses) and waits until the drain COMPLETED (exit 0) or FAILED (exit 2, with
the roles left on the node); a role that cannot move stays on the paused node
unless --force, which moves it anyway, failed (PowerShell's -ForceDrain): it
takes service down, so it needs --yes.  --wait is a timeout, not a delay
(default 60 s; 0 starts the drain and returns).  Exit codes as `clusapi group`:
0 done, 1 still going when --wait ran out, 2 failed, 3 refused, unknown or a
usage error.
"""
import argparse
import typing

from ..enums import Failback, NodeDrainStatus, state_name
from ..events.types import ClusterEvent, EventKind
from ..records import Outcome
from ._common import Context
from ._runtime import Failure
from .act import _event_line, add_wait_and_reason, report_end, wait_for_end

VERBS = ("pause", "resume")
FAILBACKS = {"none": Failback.NONE, "immediate": Failback.IMMEDIATE, "policy": Failback.POLICY}


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("verb", choices=VERBS, help="pause (--drain: move its roles away) or resume")
    parser.add_argument("name", help="the node's name")
    parser.add_argument("--drain", action="store_true", help="pause: move the node's roles to other nodes")
    parser.add_argument("--target", default=None, help="pause --drain: the node the roles go to "
                        "(default: the cluster's choice per role)")
    parser.add_argument("--force", action="store_true", help="pause --drain: move a role that cannot move anyway, "
                        "failed (-ForceDrain; needs --yes)")
    parser.add_argument("--failback", choices=sorted(FAILBACKS), default="policy",
                        help="resume: move the roles back now (immediate), per each group's failback policy "
                        "(policy, the default) or not at all (none)")
    add_wait_and_reason(parser, "a drain's end")
    parser.add_argument("--yes", action="store_true", help="confirm --force (it takes service down)")


def _usage(message: str) -> Failure:
    text = "usage error: " + message
    return Failure(text, {"type": "UsageError", "message": text})


def _check(args: argparse.Namespace) -> None:
    if args.verb == "resume" and (args.drain or args.target is not None or args.force):
        raise _usage("--drain, --target and --force are for node pause")
    if args.verb == "pause" and not args.drain and (args.target is not None or args.force):
        raise _usage("--target and --force need --drain")
    if args.force and not args.yes:
        raise _usage("node pause --drain --force moves failing roles anyway, failed: add --yes to confirm")


def _outcome_json(outcome: typing.Optional[Outcome]) -> typing.Optional[typing.Dict[str, object]]:
    if outcome is None:
        return None
    return {"ok": outcome.ok, "state": state_name(outcome.state), "roles": list(outcome.roles),
            "elapsed": round(outcome.elapsed, 6), "events": len(outcome.events)}


def _line(event: ClusterEvent) -> str:
    """act's event line; a node's property event adds the drain status it carries."""
    line = _event_line(event)
    if event.kind is EventKind.NODE_PROPERTIES:
        try:
            values = event.properties() or {}
        except ValueError:
            values = {}
        status = values.get("NodeDrainStatus")
        if isinstance(status, int):
            name = NodeDrainStatus(status).name if status in NodeDrainStatus._value2member_map_ else str(status)
            line = line[:-1] + " drain=%s\n" % name
    return line


def _done_line(outcome: Outcome) -> str:
    return "done: %s in %.3f s" % (state_name(outcome.state), outcome.elapsed)


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    _check(args)
    as_json = bool(getattr(args, "json", False))
    with ctx.cluster.open_node(args.name) as node:
        if args.verb == "resume":
            op = node.resume(failback=FAILBACKS[args.failback], reason=args.reason)
        else:
            op = node.pause(drain=args.drain, target=args.target, force=args.force, reason=args.reason)
        with op:
            waited = wait_for_end(op, "node %s" % op.kind, args.name, args.wait, None if as_json else out, _line,
                                  _done_line)
    return report_end(out, as_json, "node", op.kind, args.name, op.pending, waited, _outcome_json)
