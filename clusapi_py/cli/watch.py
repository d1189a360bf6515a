"""`clusapi watch`: prints each change as it happens -- one line per event,
or with --json one JSON object per line (kind, name, id, state, owner_node,
time) -- until interrupted (Ctrl-C ends it with exit 0, the port closed)
or, with --count N, after N events.  From a simulator a line on stderr says
so before the first event; stdout stays one line per event."""
import argparse
import datetime
import json
import typing

from ..enums import state_name
from ..events.types import ClusterEvent
from ._common import EXIT_OK, Context
from ._runtime import emit

# The main thread waits in slices, so that Ctrl-C (delivered between calls)
# ends the watch promptly.
SLICE = 0.25


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError("not a positive number of events: %r" % text)
    return value


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=_count, metavar="N", default=None, help="stop after N events")


def _line(event: ClusterEvent, now: str, as_json: bool) -> str:
    state = None if event.state is None else state_name(event.state)
    if as_json:
        return json.dumps({"kind": event.kind.name, "name": event.name, "id": event.id, "state": state,
                           "owner_node": event.owner_node, "time": now}, ensure_ascii=False)
    parts = [now, event.kind.name, event.name or "-"]
    if state is not None:
        parts.append("state=%s" % state)
    if event.owner_node is not None:
        parts.append("owner=%s" % (event.owner_node or "-"))
    return " ".join(parts)


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    count = 0
    limit: typing.Optional[int] = args.count
    try:
        with ctx.cluster.notifications() as port:
            while limit is None or count < limit:
                event = port.get(timeout=SLICE)
                if event is None:
                    continue
                now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
                if not emit(out, _line(event, now, args.json) + "\n"):
                    break      # the reader has gone
                count += 1
    except KeyboardInterrupt:
        pass
    return EXIT_OK
