"""`clusapi watch`: prints each change as it happens -- one line per event,
or with --json one JSON object per line (kind, name, id, state, owner_node,
time) -- until interrupted (Ctrl-C ends it with exit 0, the port closed)
or, with --count N, after N events."""
import argparse
import datetime
import json
import typing

from ..enums import state_name
from ._common import EXIT_OK

# The main thread waits in slices, so that Ctrl-C (delivered between calls)
# ends the watch promptly.
SLICE = 0.25


def _line(event: typing.Any, now: str, as_json: bool) -> str:
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


def run(cluster: typing.Any, args: argparse.Namespace, out: typing.TextIO) -> int:
    count = 0
    try:
        with cluster.notifications() as port:
            while args.count is None or count < args.count:
                event = port.get(timeout=SLICE)
                if event is None:
                    continue
                now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
                out.write(_line(event, now, args.json) + "\n")
                out.flush()
                count += 1
    except KeyboardInterrupt:
        pass
    return EXIT_OK
