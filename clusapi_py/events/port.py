"""NotificationPort: a change notification port (HCHANGE) of a Cluster.

    with cluster.notifications() as port:      # every kind; version 2 where the backend has it
        for event in port:                     # blocks per event; ends when the port is closed
            print(event.kind.name, event.name, event.state)

The port is a handle like every other (one shim token: close exactly once,
`with`, finalizer, closed at exit, ValueError after close) and keeps its
cluster alive.  Closing it from any thread ends a wait in progress: the
waiting get() returns None and iteration ends -- a closed port never raises
out of a blocked waiter.
"""
import asyncio
import collections
import math
import struct
import threading
import typing

from .. import _bindings as b
from .. import errors
from ..enums import state_table
from ..handles._base import _Handle, register_extension
from .types import STATE_ENUMS, V1_FILTERS, V2_FILTERS, ClusterEvent, EventKind

ffi, lib = b.ffi, b.lib

__all__ = ["NotificationPort", "open_port"]

_FOREVER = lib.CS_NOTIFY_FOREVER
_WAIT_TIMEOUT = lib.WAIT_TIMEOUT
_CLOSED = b.HANDLE_CLOSED
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
_FIELDS, _INTS = 6, 7      # per event in a cs_notify_get_batch result
_ASYNC_SLICE = 0.05         # seconds an `async for` helper call waits: a cancelled task is gone by then
_K = EventKind


def _timeout_ms(timeout: typing.Optional[float]) -> int:
    if timeout is None:
        return int(_FOREVER)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a number of seconds or None")
    if not timeout >= 0:
        raise ValueError("timeout must be >= 0 (or None to wait forever)")
    return min(int(math.ceil(timeout * 1000.0)), int(_FOREVER) - 1)


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
              version: typing.Optional[int] = None) -> "NotificationPort":
    """Cluster.notifications(): see the module docstring."""
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
        raise b.last_error("cluster")
    port = NotificationPort.__new__(NotificationPort)
    port._token = token
    port._backend = cluster.backend
    port._name = None
    port._cluster = cluster
    port._version = lib.cs_notify_version(token)
    port._node_names = {}
    port._stash = collections.deque()
    port._stash_lock = threading.Lock()
    port._seen = 0
    return port


class NotificationPort(_Handle):
    """A notification port: get(), iteration, `async for`, close()."""

    __slots__ = ("_cluster", "_version", "_node_names", "_stash", "_stash_lock", "_seen")
    _what = "notification port"
    _cluster: typing.Any
    _version: int
    _node_names: typing.Dict[str, str]
    _stash: "collections.deque[ClusterEvent]"
    _stash_lock: threading.Lock
    _seen: int

    @property
    def version(self) -> int:
        """1 (CreateClusterNotifyPort) or 2 (CreateClusterNotifyPortV2)."""
        return self._version

    @property
    def cluster(self) -> typing.Any:
        return self._cluster

    def __repr__(self) -> str:
        return "<NotificationPort version %d %s>" % (self._version, "closed" if self.closed else "open")

    # ---- one owner: a port is a connection, not a value ----------------------------------
    def __copy__(self) -> typing.NoReturn:
        raise TypeError("a NotificationPort cannot be copied: it is a connection, not a value")

    def __deepcopy__(self, memo: typing.Any) -> typing.NoReturn:
        raise TypeError("a NotificationPort cannot be copied: it is a connection, not a value")

    def __reduce_ex__(self, protocol: typing.Any) -> typing.NoReturn:
        raise TypeError("a NotificationPort cannot be pickled: it is a connection, not a value")

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

    # ---- reading ------------------------------------------------------------------------------
    def get(self, timeout: typing.Optional[float] = None) -> typing.Optional[ClusterEvent]:
        """The next event, or None when `timeout` seconds pass (None: wait forever, 0: poll)
        or when the port is closed (from another thread) while waiting."""
        token = self._tok()
        ms = _timeout_ms(timeout)
        if self._stash:
            with self._stash_lock:
                if self._stash:
                    return self._stash.popleft()
        return self._read(token, ms)

    def _read(self, token: int, ms: int) -> typing.Optional[ClusterEvent]:
        events = self._read_batch(token, ms, 1)
        return events[0] if events else None

    def _read_batch(self, token: int, ms: int, limit: int) -> typing.List[ClusterEvent]:
        """The next event (waiting up to ms) and whatever is queued behind it, up to limit;
        [] on a timeout or when the port is closed meanwhile."""
        out = ffi.new("cs_result **")
        code = lib.cs_notify_get_batch(token, ms, limit, out)
        if code == _CLOSED and self._token == token:
            # Not closed by close() (that zeroes _token first): the token was never
            # usable here -- inherited through fork(), or closed at exit. A call on a
            # closed handle, as for every handle.
            raise ValueError("the %s is closed" % self._what)
        if code == _CLOSED or code == _WAIT_TIMEOUT:
            return []
        if code:
            raise b.last_error(self._what)
        fields, ints, data = b.take_with_bytes(out)
        events: typing.List[ClusterEvent] = []
        append = events.append
        new = tuple.__new__
        at = 0
        for i in range(len(ints) // _INTS):
            j, f = i * _INTS, i * _FIELDS
            version, object_type, flags, has_state, state_value, _key, n = ints[j:j + _INTS]
            payload = data[at:at + n]
            at += n
            if version == 2:
                kind, table, special = _V2_DECODE.get((object_type, flags), _OTHER)
                state = table[_unpack_dword(payload, 0)[0]] if table is not None and n >= 4 else None
                owner_node = None
                if special == _OWNER:
                    owner_node = self._node_name(payload.decode("utf-16-le", "replace").split("\0", 1)[0])
                elif special == _NODE_ADDED:
                    self._node_names[fields[f + 1]] = fields[f]
                rtype = fields[f + 3] or None
            else:
                kind, table, special = _V1_DECODE.get(flags, _OTHER)
                state = table[state_value] if table is not None and has_state else None
                owner_node = fields[f + 4] if special == _V1_OWNER and has_state else None
                rtype = None
            append(new(ClusterEvent, (kind, fields[f], fields[f + 1], fields[f + 2], state, owner_node, rtype,
                                      payload)))
        self._seen += len(events)
        return events

    def _get_batch(self, limit: int) -> typing.List[ClusterEvent]:
        """For the live view's reader: blocks for the next events; [] once closed."""
        token = self._token
        if not token:
            return []
        if self._stash:
            with self._stash_lock:
                stashed = list(self._stash)
                self._stash.clear()
            if stashed:
                return stashed
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
            raise b.last_error(self._what)
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
        # Runs on a helper thread for `async for`: what it reads goes to the stash,
        # so an event read for a task cancelled meanwhile is not lost.
        token = self._token
        if not token:
            return
        event = self._read(token, _timeout_ms(_ASYNC_SLICE))
        if event is not None:
            with self._stash_lock:
                self._stash.append(event)

    async def __anext__(self) -> ClusterEvent:
        loop = asyncio.get_running_loop()
        while True:
            if self._stash:
                with self._stash_lock:
                    if self._stash:
                        return self._stash.popleft()
            if not self._token:
                raise StopAsyncIteration
            await loop.run_in_executor(None, self._get_into_stash)


register_extension("notifications", open_port)
