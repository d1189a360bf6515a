"""`clusapi group VERB NAME` and `clusapi resource VERB NAME`: act, then wait for
the end through notifications (no polling), printing the object's events as
they come.

    clusapi group online|offline|move NAME [--node N] [--wait S] [--reason T] [--yes]
    clusapi resource online|offline|fail|restart NAME [--wait S] [--reason T] [--yes]

--wait is a timeout, not a delay: the longest to wait for the end (default 60 s;
0 starts the action and returns).  The verbs that take service down (offline,
fail) need --yes.  Exit codes: 0 done, 1 still going when --wait ran out (or
queued), 2 failed, 3 refused, unknown or a usage error.
"""
import argparse
import json
import time
import typing

from ..enums import GroupMoveFlags, state_name
from ..errors import ClusterOperationFailedError, ClusterTimeoutError
from ..events.types import ClusterEvent
from ..records import Outcome
from ._common import EXIT_CRITICAL, EXIT_OK, EXIT_WARNING, Context, line_safe
from ._runtime import Failure, emit

GROUP_VERBS = ("online", "offline", "move")
RESOURCE_VERBS = ("online", "offline", "fail", "restart")
TAKES_SERVICE_DOWN = frozenset({"offline", "fail"})
DEFAULT_WAIT = 60.0
EXIT_DONE, EXIT_GOING, EXIT_FAILED = EXIT_OK, EXIT_WARNING, EXIT_CRITICAL


def _wait_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("not a number of seconds >= 0: %r" % text)
    return value


def add_wait_and_reason(parser: argparse.ArgumentParser, end: str) -> None:
    """--wait (the timeout for `end`) and --reason, as every acting command takes them."""
    parser.add_argument("--wait", type=_wait_seconds, default=DEFAULT_WAIT, metavar="SECONDS",
                        help="timeout: the longest to wait for %s (default %g; 0: start and return)"
                        % (end, DEFAULT_WAIT))
    parser.add_argument("--reason", default=None, help="an audit reason (the *Ex2 calls: newest Windows only)")


def _arguments(verbs: typing.Sequence[str], node: bool) -> typing.Callable[[argparse.ArgumentParser], None]:
    def add(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("verb", choices=verbs, help="what to do")
        parser.add_argument("name", help="the object's name")
        if node:
            parser.add_argument("--node", default=None, help="the destination node (default: the cluster's choice)")
            parser.add_argument("--queue", action="store_true",
                                help="move: QUEUE_ENABLED -- wait in the cluster's move queue when it is busy "
                                "(a move still queued at the timeout exits 1, 'queued')")
        add_wait_and_reason(parser, "the end")
        parser.add_argument("--yes", action="store_true", help="confirm a verb that takes service down (%s)"
                            % ", ".join(sorted(TAKES_SERVICE_DOWN & set(verbs))))
    return add


group_arguments = _arguments(GROUP_VERBS, node=True)
resource_arguments = _arguments(RESOURCE_VERBS, node=False)


def _event_line(event: ClusterEvent) -> str:
    parts = [time.strftime("%H:%M:%S"), event.kind.name, line_safe(event.name)]
    if event.state is not None:
        parts.append("state=%s" % state_name(event.state))
    if event.owner_node:
        parts.append("owner=%s" % line_safe(event.owner_node))
    return " ".join(parts) + "\n"


def _outcome_json(outcome: typing.Optional[Outcome]) -> typing.Optional[typing.Dict[str, object]]:
    if outcome is None:
        return None
    return {"ok": outcome.ok, "state": state_name(outcome.state), "owner_node": outcome.owner_node,
            "queued": outcome.queued, "returned_to_source": outcome.returned_to_source,
            "elapsed": round(outcome.elapsed, 6), "events": len(outcome.events)}


def _runner(kind: str) -> typing.Callable[[Context, argparse.Namespace, typing.TextIO], int]:
    def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
        verb, name = args.verb, args.name
        if verb in TAKES_SERVICE_DOWN and not args.yes:
            message = "usage error: %s %s takes service down: add --yes to confirm" % (kind, verb)
            raise Failure(message, {"type": "UsageError", "message": message})
        cluster = ctx.cluster
        obj = cluster.open_group(name) if kind == "group" else cluster.open_resource(name)
        with obj:
            action = getattr(obj, verb)
            kwargs: typing.Dict[str, object] = {}
            if getattr(args, "node", None) is not None:
                kwargs["node"] = args.node
            if args.reason is not None and verb not in ("fail", "restart"):
                kwargs["reason"] = args.reason
            if getattr(args, "queue", False):
                if verb != "move":
                    message = "usage error: --queue is for group move"
                    raise Failure(message, {"type": "UsageError", "message": message})
                kwargs["flags"] = GroupMoveFlags.QUEUE_ENABLED
            as_json = bool(getattr(args, "json", False))
            with action(**kwargs) as op:
                waited = wait_for_end(op, "%s %s" % (kind, verb), name, args.wait, None if as_json else out)
        return report_end(out, as_json, kind, verb, name, op.pending, waited, _outcome_json)
    return run


Waited = typing.Tuple[int, typing.Optional[Outcome], str]
"""(exit code, outcome, the last line) of a wait for an action's end."""


def _done_line(outcome: Outcome) -> str:
    return "done: %s on %s in %.3f s" % (state_name(outcome.state), outcome.owner_node or "-", outcome.elapsed)


def wait_for_end(op: typing.Any, what: str, name: str, seconds: float, out: typing.Optional[typing.TextIO],
                 event_line: typing.Callable[[ClusterEvent], str] = _event_line,
                 done_line: typing.Callable[[Outcome], str] = _done_line) -> Waited:
    """Waits up to `seconds` for op's end; with `out` (text output) first the
    line "WHAT 'NAME': accepted|answered", then each event as it comes."""
    if out is not None:
        emit(out, "%s %r: %s\n" % (what, line_safe(name), "accepted (going on)" if op.pending else "answered"))
    printer = None if out is None else (lambda event: emit(out, event_line(event)))
    try:
        outcome = op.wait(seconds, on_event=printer)
    except ClusterOperationFailedError as e:
        return EXIT_FAILED, e.outcome, "FAILED: %s" % e.message
    except ClusterTimeoutError as e:
        last = e.outcome
        queued = " (queued)" if last is not None and last.queued else ""
        if seconds == 0:
            return EXIT_GOING, last, "started%s; not waiting (--wait 0)" % queued
        return EXIT_GOING, last, "still going after %g s%s: it goes on in the cluster" % (seconds, queued)
    return EXIT_DONE, outcome, done_line(outcome)


def report_end(out: typing.TextIO, as_json: bool, kind: str, verb: str, name: str, pending: bool, waited: Waited,
               outcome_json: typing.Callable[[typing.Optional[Outcome]], typing.Optional[typing.Dict[str, object]]]
               ) -> int:
    """The last line (or the JSON document) of an action; returns the exit code."""
    code, outcome, message = waited
    if as_json:
        emit(out, json.dumps({"schema": 1, "kind": kind, "verb": verb, "name": name, "pending": pending,
                              "result": ("done", "going", "failed")[code], "message": message,
                              "outcome": outcome_json(outcome)}, ensure_ascii=False) + "\n")
    else:
        emit(out, "%s\n" % line_safe(message))
    return code


run_group = _runner("group")
run_resource = _runner("resource")
