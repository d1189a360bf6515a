"""NotificationPort: a change notification port (HCHANGE) of a Cluster.

    with cluster.notifications() as port:      # every kind; version 2 where the backend has it
        for event in port:                     # blocks per event; ends when the port is closed
            print(event.kind.name, event.name, event.state)

The port is a handle like every other (one shim token: close exactly once,
`with`, finalizer, closed at exit, ValueError after close) and keeps its
cluster alive.  Closing it from any thread ends a wait in progress: the
waiting get() returns None and iteration ends -- a closed port never raises
out of a blocked waiter.

Signals.  On the main thread (where Python runs signal handlers) a wait is
made of slices of at most _SLICE seconds, so Ctrl-C and a raising handler
take effect within a fraction of a second.  No event taken from the port is
lost to them: the C call leaves its result in a slot the port owns, and the
events move from there into the port's stash, and from the stash to the
caller, by steps during which CPython runs no handler (no call, no loop
back-edge between them); a result a handler interrupted is delivered by the
next get().  `async for` has one read in flight at a time, so a cancelled
wait neither loses nor reorders an event.
"""
import asyncio
import collections
import math
import struct
import threading
import time
import typing

from .. import _bindings as bindings
from .. import errors
from .._sections import read_sections
from .._wide import text_to_nul
from ..enums import state_table
from ..handles._base import _Handle, register_extension
from .types import STATE_ENUMS, V1_FILTERS, V2_FILTERS, ClusterEvent, EventKind

ffi, lib = bindings.ffi, bindings.lib

__all__ = ["NotificationPort", "open_port"]

_FOREVER = lib.CS_NOTIFY_FOREVER
_WAIT_TIMEOUT = lib.WAIT_TIMEOUT
_CLOSED = bindings.HANDLE_CLOSED
_TABLES = {kind: state_table(cls) for kind, cls in STATE_ENUMS.items()}
# Decoding tables, keyed by numbers (an Enum member's hash is Python code):
# (object type, flag) or the version-1 filter -> (kind, state table or None, what else to do).
_PLAIN, _OWNER, _NODE_ADDED, _V1_OWNER = range(4)
_V2_DECODE = {v: (k, _TABLES.get(k), _OWNER if k is EventKind.GROUP_OWNER_NODE else
                  _NODE_ADDED if k is EventKind.NODE_ADDED else _PLAIN) for k, v in V2_FILTERS.items()}
_V1_DECODE = {v: (k, _TABLES.get(k), _V1_OWNER if k is EventKind.GROUP_STATE else _PLAIN)
              for k, v in V1_FILTERS.items()}
_OTHER = (EventKind.OTHER, None, _PLAIN)
_unpack_dword = struct.Struct("<i").unpack_from
# cs_notify_get_batch's result: one sectioned-result section, a row per event
_SECTION_EVENTS = lib.CS_SECTION_EVENTS
_FIELDS, _INTS = lib.CS_EVENT_FIELDS, lib.CS_EVENT_INTS
_EVENTS_SHAPE = {_SECTION_EVENTS: (_FIELDS, _INTS)}
_ASYNC_SLICE = 0.05         # seconds an `async for` helper call waits: a cancelled task is gone by then
_SLICE_MS = 100             # the longest C wait of a get() on the main thread (signals run between)
_NULL = ffi.NULL
_free_result = lib.cs_result_free
_K = EventKind


def _timeout_ms(timeout: typing.Optional[float]) -> int:
    """Milliseconds for the C wait: _FOREVER for None or infinity."""
    if timeout is None:
        return int(_FOREVER)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a number of seconds or None")
    if math.isnan(timeout):
        raise ValueError("timeout must be a number of seconds, not NaN")
    if timeout < 0:
        raise ValueError("timeout must be >= 0 seconds (or None to wait forever), not %r" % (timeout,))
    if math.isinf(timeout) or timeout * 1000.0 >= float(_FOREVER) - 1:
        return int(_FOREVER)
    return int(math.ceil(timeout * 1000.0))


def _filters(kinds: typing.Optional[typing.Iterable[EventKind]], version: int) -> typing.Tuple[typing.List[int], int]:
    chosen = list(EventKind) if kinds is None else list(kinds)
    for k in chosen:
        if not isinstance(k, EventKind):
            raise TypeError("kinds must be EventKind members, not %r" % (k,))
    if not chosen:
        raise ValueError("kinds must name at least one EventKind")
    masks: typing.Dict[int, int] = {}
    v1 = 0
    for k in chosen:
        if k in V2_FILTERS:
            object_type, flag = V2_FILTERS[k]
            masks[object_type] = masks.get(object_type, 0) | flag
        v1 |= V1_FILTERS.get(k, 0)
    if version == 1 and kinds is not None and _K.CLUSTER_LOST_NOTIFICATIONS in chosen:
        v1 |= V1_FILTERS[_K.CLUSTER_RECONNECT]
    pairs = [x for ot, mask in sorted(masks.items()) for x in (ot, mask)]
    return pairs, v1


def open_port(cluster: typing.Any, kinds: typing.Optional[typing.Iterable[EventKind]] = None, *,
              version: typing.Optional[int] = None,
              node_names: typing.Optional[typing.Dict[str, str]] = None) -> "NotificationPort":
    """Cluster.notifications(): see the module docstring.  `node_names`: the {node id: name}
    map the port resolves owner changes with, shared with other ports of the cluster (the
    operations' ports share one: the nodes are read once per Cluster, not once per port)."""
    if version not in (None, 1, 2):
        raise ValueError("version must be None, 1 or 2")
    want = 0 if version is None else version
    if want == 0:
        want = 2 if cluster.backend.has("CreateClusterNotifyPortV2") and cluster.backend.has("GetClusterNotifyV2") \
            else 1
    pairs, v1 = _filters(kinds, want)
    if want == 1 and v1 == 0:
        raise ValueError("none of these kinds exists in version-1 notifications: %s"
                         % ", ".join(sorted(k.name for k in (kinds or ()))))
    if want == 2 and not pairs:
        raise ValueError("none of these kinds has a version-2 filter")
    array = ffi.new("int64_t[]", pairs or [0])
    token = lib.cs_notify_open(cluster._tok(), want, array, len(pairs) // 2, v1)
    if not token:
        raise bindings.last_error("cluster")
    port = NotificationPort.__new__(NotificationPort)
    port._token = token
    port._backend = cluster.backend
    port._name = None
    port._cluster = cluster
    port._version = lib.cs_notify_version(token)
    port._node_names = node_names if node_names is not None else {}
    port._stash = collections.deque()
    port._stash_lock = threading.Lock()
    port._seen = 0
    port._main_out = ffi.new("cs_result **")
    port._async_read = None
    return port


class NotificationPort(_Handle):
    """A notification port: get(), iteration, `async for`, close()."""

    __slots__ = ("_cluster", "_version", "_node_names", "_stash", "_stash_lock", "_seen", "_main_out",
                 "_async_read")
    _what = "notification port"
    _cluster: typing.Any
    _version: int
    _node_names: typing.Dict[str, str]
    _stash: "collections.deque[ClusterEvent]"
    _stash_lock: threading.Lock
    _seen: int
    _main_out: typing.Any           # the main thread's result slot (see the module docstring)
    _async_read: typing.Optional["asyncio.Future[None]"]     # the `async for` read in flight

    @property
    def version(self) -> int:
        """1 (CreateClusterNotifyPort) or 2 (CreateClusterNotifyPortV2)."""
        return self._version

    @property
    def cluster(self) -> typing.Any:
        return self._cluster

    def __repr__(self) -> str:
        return "<NotificationPort version %d %s>" % (self._version, "closed" if self.closed else "open")

    # ---- closing: wakes a waiter ------------------------------------------------------------
    def close(self) -> None:
        """Closes the port (idempotent); a get() waiting on another thread returns None."""
        token = self._token
        if token:
            self._token = 0
            lib.cs_notify_close(token)

    def __del__(self) -> None:
        token = getattr(self, "_token", 0)
        if token:
            self._token = 0
            try:
                lib.cs_notify_close(token)
            except Exception:  # pragma: no cover - interpreter teardown
                pass
        out = getattr(self, "_main_out", None)
        if out is not None and out[0] != _NULL:     # a result an interrupted get() left
            result = out[0]
            out[0] = _NULL
            _free_result(result)

    # ---- reading ------------------------------------------------------------------------------
    def get(self, timeout: typing.Optional[float] = None) -> typing.Optional[ClusterEvent]:
        """The next event, or None when `timeout` seconds pass (None or infinity: wait forever,
        0: poll) or when the port is closed (from another thread) while waiting."""
        token = self._tok()
        ms = _timeout_ms(timeout)
        stash = self._stash
        if stash:
            # No call and no back-edge between taking the event and returning it: a signal
            # handler cannot run in between (see the module docstring).
            event = stash[0]
            del stash[0]
            return event
        if threading.current_thread() is not threading.main_thread():   # no signal handler runs there
            self._fetch(token, ms, 1, ffi.new("cs_result **"))
        else:
            out = self._main_out
            if out[0] != _NULL:
                self._deliver(out)
            end = None if ms == _FOREVER else time.monotonic() + ms / 1000.0
            while not stash:
                left = _SLICE_MS if end is None else min(_SLICE_MS, max(0, int((end - time.monotonic()) * 1000.0)))
                self._fetch(token, left, 1, out)
                if stash or not self._token or left == 0 or (end is not None and time.monotonic() >= end):
                    break
        if stash:
            event = stash[0]
            del stash[0]
            return event
        return None

    def _fetch(self, token: int, ms: int, limit: int, out: typing.Any) -> None:
        """Waits up to ms for the next event, takes it and whatever is queued behind it (up to
        limit) into the stash; nothing on a timeout or when the port is closed meanwhile."""
        code = lib.cs_notify_get_batch(token, ms, limit, out)
        if code == _CLOSED and self._token == token:
            # Not closed by close() (that zeroes _token first): the token was never
            # usable here -- inherited through fork(), or closed at exit. A call on a
            # closed handle, as for every handle.
            raise ValueError("the %s is closed" % self._what)
        if code == _CLOSED or code == _WAIT_TIMEOUT:
            return
        if code:
            raise bindings.last_error(self._what)
        self._deliver(out)

    def _deliver(self, out: typing.Any) -> None:
        """The events of the result in out[0], into the stash; the result freed."""
        result = out[0]
        events = self._decode(*bindings.unpack_with_bytes(result))   # interrupted: the result stays in out
        stash = self._stash
        with self._stash_lock:
            # No handler runs between these three: the events are in the stash exactly once.
            stash += events
            out[0] = _NULL
            _free_result(result)

    def _read_batch(self, token: int, ms: int, limit: int) -> typing.List[ClusterEvent]:
        """The stash, else the next event (waiting up to ms) and whatever is queued behind
        it, up to limit; [] on a timeout or when the port is closed meanwhile."""
        if not self._stash:
            self._fetch(token, ms, limit, ffi.new("cs_result **"))
        with self._stash_lock:
            events = list(self._stash)
            self._stash.clear()
        return events

    def _decode(self, fields: typing.List[str], ints: typing.List[int], data: bytes) -> typing.List[ClusterEvent]:
        section = read_sections(fields, ints, data, want=_EVENTS_SHAPE)[_SECTION_EVENTS]
        names, ids, parents, types, owners, _groups = section.text[:_FIELDS]
        versions, object_types, flags_of, has_states, state_values, _keys, sizes = section.ints[:_INTS]
        data = section.data
        events: typing.List[ClusterEvent] = []
        append = events.append
        new = tuple.__new__
        at = 0
        for i in range(section.rows):
            n = sizes[i]
            payload = data[at:at + n]
            at += n
            name = names[i]
            if versions[i] == 2:
                kind, table, special = _V2_DECODE.get((object_types[i], flags_of[i]), _OTHER)
                state = table[_unpack_dword(payload, 0)[0]] if table is not None and n >= 4 else None
                owner_node = None
                if special == _OWNER:
                    owner_node = self._node_name(text_to_nul(payload, "an owner node"))
                elif special == _NODE_ADDED:
                    self._node_names[ids[i]] = name
                rtype = types[i] or None
            else:
                kind, table, special = _V1_DECODE.get(flags_of[i], _OTHER)
                state = table[state_values[i]] if table is not None and has_states[i] else None
                owner_node = owners[i] if special == _V1_OWNER and has_states[i] else None
                rtype = None
            append(new(ClusterEvent, (kind, name, ids[i], parents[i], state, owner_node, rtype, payload)))
        self._seen += len(events)
        return events

    def _get_batch(self, limit: int) -> typing.List[ClusterEvent]:
        """For the live view's reader: blocks for the next events; [] once closed."""
        token = self._token
        if not token:
            return []
        return self._read_batch(token, _FOREVER, limit)

    def _pending(self) -> typing.Tuple[bool, int, int]:
        """(an event is waiting in the port, events handed out so far, calls waiting
        for one inside the backend now)."""
        pending = ffi.new("int *")
        taken = ffi.new("uint64_t *")
        parked = ffi.new("int *")
        code = lib.cs_notify_pending(self._tok(), pending, taken, parked)
        if code == _CLOSED:
            raise ValueError("the notification port is closed")
        if code:
            raise bindings.last_error(self._what)
        return bool(pending[0]) or bool(self._stash), int(taken[0]), int(parked[0])

    def _node_name(self, node_id: str) -> str:
        """The name of a node by id: from the events seen, else read from the cluster once."""
        name = self._node_names.get(node_id)
        if name is None and node_id:
            try:
                for n in self._cluster.node_names():
                    with self._cluster.open_node(n) as node:
                        self._node_names[node.id] = n
            except (errors.ClusterError, ValueError):
                pass
            name = self._node_names.get(node_id)
        return name or ""

    # ---- iteration --------------------------------------------------------------------------------
    def __iter__(self) -> "NotificationPort":
        return self

    def __next__(self) -> ClusterEvent:
        if not self._token:
            raise StopIteration
        try:
            event = self.get(None)
        except ValueError:          # closed between the check and the call
            raise StopIteration from None
        if event is None:
            raise StopIteration
        return event

    def __aiter__(self) -> "NotificationPort":
        return self

    def _get_into_stash(self) -> None:
        # Runs on a helper thread for `async for`, one at a time: what it reads goes to the
        # stash, so an event read for a task cancelled meanwhile is neither lost nor reordered.
        token = self._token
        if token and not self._stash:
            self._fetch(token, _timeout_ms(_ASYNC_SLICE), 1, ffi.new("cs_result **"))

    async def __anext__(self) -> ClusterEvent:
        loop = asyncio.get_running_loop()
        while True:
            stash = self._stash
            if stash:
                event = stash[0]
                del stash[0]
                return event
            if not self._token:
                raise StopAsyncIteration
            read = self._async_read
            if read is None or read.done() or read.get_loop() is not loop:
                read = self._async_read = loop.run_in_executor(None, self._get_into_stash)
            # A cancelled wait leaves the read running (shielded): the next __anext__ waits
            # for that same read instead of starting a second one beside it.
            await asyncio.shield(read)


register_extension("notifications", open_port)
