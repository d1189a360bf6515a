"""`clusapi watch`: prints each change as it happens -- one line per event,
or with --json one JSON object per line (kind, name, id, state, owner_node,
time; a property event adds its changed values as "properties", in the
JSON forms of docs/topology.md) -- until
interrupted (Ctrl-C or SIGTERM end it with exit 0, the port closed), after
--count N events, or after --timeout S seconds (exit 0 too: a watch is
asked to run that long).  From a simulator a line on stderr says so before
the first event; stdout stays one line per event: every name and value is
line_safe, so no name can forge a line.

A text line says what changed: `state=FAILED`, `owner=NODE3->NODE1` (the
owner before, from one snapshot taken when the watch starts and the events
since; `?` where unknown), `properties: Description='new text'
RestartAction=2`."""
import argparse
import datetime
import json
import time
import typing

from ..enums import state_name
from ..errors import ClusterError
from ..events.types import PROPERTY_KINDS, ClusterEvent, EventKind
from ..properties.codec import Property, parse
from ..properties.values import to_json
from ._common import EXIT_OK, Context, line_safe
from ._runtime import emit

# The main thread waits in slices, so that Ctrl-C and SIGTERM (delivered
# between calls, as KeyboardInterrupt) end the watch promptly.
SLICE = 0.25


_JSON_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError("not a positive number of events: %r" % text)
    return value


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=_count, metavar="N", default=None, help="stop after N events (exit 0)")


def _value_text(value: typing.Any) -> str:
    if isinstance(value, str):
        return "'%s'" % line_safe(value)
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(_value_text(v) for v in value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex() or "''"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return line_safe(value)


def _changed_properties(event: ClusterEvent) -> typing.Optional[typing.List[Property]]:
    """A property event's changed values (as ClusterEvent.properties(), with their types)."""
    if event.kind not in PROPERTY_KINDS or not event.payload:
        return None
    try:
        return parse(event.payload)
    except ValueError:      # a malformed list: the line still says which object
        return None


class _Owners:
    """Each group's owner as last known: from the snapshot taken at the start,
    then from each GROUP_OWNER_NODE event."""

    def __init__(self) -> None:
        self._owner: typing.Dict[str, str] = {}

    def start(self, ctx: Context) -> None:
        try:
            self._owner = {g.name: g.owner_node for g in ctx.snapshot().groups}
        except ClusterError:    # (--timeout ran out in it): the owners before are learnt from the events
            self._owner = {}

    def moved(self, group: str, owner: str) -> typing.Optional[str]:
        """The owner before this move (None: not known), and records the new one."""
        before = self._owner.get(group)
        self._owner[group] = owner
        # The same owner: the move happened before the snapshot read it, its event came after;
        # where it came from is not known (never print "NODE1->NODE1").
        return None if before == owner else before


def _line(event: ClusterEvent, now: str, as_json: bool, before: typing.Optional[str]) -> str:
    state = None if event.state is None else state_name(event.state)
    changed = _changed_properties(event)
    if as_json:
        data: typing.Dict[str, object] = {"kind": event.kind.name, "name": event.name, "id": event.id,
                                          "state": state, "owner_node": event.owner_node, "time": now}
        if changed is not None:     # the JSON forms of docs/topology.md, as `props --json`
            data["properties"] = {p.name: to_json(p.syntax, p.value) for p in changed}
        # JSON leaves U+0085, U+2028 and U+2029 raw inside strings; some line readers split there.
        return json.dumps(data, ensure_ascii=False).translate(_JSON_LINE_BREAKS)
    parts = [now, event.kind.name, line_safe(event.name or "-")]
    if state is not None:
        parts.append("state=%s" % state)
    if event.owner_node is not None:
        parts.append("owner=%s->%s" % (line_safe(before or "?"), line_safe(event.owner_node or "-")))
    if changed is not None:
        parts.append("properties:")
        parts.extend("%s=%s" % (line_safe(p.name), _value_text(p.value)) for p in changed)
    return " ".join(parts)


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    count = 0
    limit: typing.Optional[int] = args.count
    owners = _Owners()
    try:
        with ctx.cluster.notifications() as port:
            owners.start(ctx)       # after the port opened: no move falls between the two
            while limit is None or count < limit:
                left = ctx.time_left()
                if ctx.deadline is not None and time.monotonic() >= ctx.deadline:
                    break           # --timeout: asked to watch this long
                event = port.get(timeout=SLICE if left is None else min(SLICE, left))
                if event is None:
                    continue
                now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
                before = owners.moved(event.name, event.owner_node or "") \
                    if event.kind is EventKind.GROUP_OWNER_NODE else None
                if not emit(out, _line(event, now, args.json, before) + "\n"):
                    break      # the reader has gone
                count += 1
    except KeyboardInterrupt:      # Ctrl-C, or SIGTERM (main.py: _runtime.sigterm_interrupts)
        pass
    return EXIT_OK
