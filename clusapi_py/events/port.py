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
from .types import STATE_ENUMS, V1_FILTERS, V2_FILTERS, ClusterEvent, EventKind, kind_of_v1, kind_of_v2

ffi, lib = b.ffi, b.lib

__all__ = ["NotificationPort", "open_port"]

_FOREVER = lib.CS_NOTIFY_FOREVER
_WAIT_TIMEOUT = lib.WAIT_TIMEOUT
_CLOSED = b.HANDLE_CLOSED
_TABLES = {kind: state_table(cls) for kind, cls in STATE_ENUMS.items()}
_ASYNC_SLICE = 0.05         # seconds an `async for` helper call waits: a cancelled task is gone by then
_K = EventKind


def _timeout_ms(timeout: typing.Optional[float]) -> int:
    if timeout is None:
        return _FOREVER
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a number of seconds or None")
    if not timeout >= 0:
        raise ValueError("timeout must be >= 0 (or None to wait forever)")
    return min(int(math.ceil(timeout * 1000.0)), _FOREVER - 1)


def _filters(kinds: typing.Optional[typing.Iterable[EventKind]], version: int) -> typing.Tuple[list, int]:
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
                    return typing.cast(ClusterEvent, self._stash.popleft())
        return self._read(token, ms)

    def _read(self, token: int, ms: int) -> typing.Optional[ClusterEvent]:
        out = ffi.new("cs_result **")
        code = lib.cs_notify_get(token, ms, out)
        if code == _CLOSED or code == _WAIT_TIMEOUT:
            return None
        if code:
            raise b.last_error(self._what)
        fields, ints, payload = b.take_with_bytes(out)
        self._seen += 1
        return self._decode(fields, ints, payload)

    def _pending(self) -> typing.Tuple[bool, int]:
        """(an event is waiting in the port, events handed out so far)."""
        pending = ffi.new("int *")
        taken = ffi.new("uint64_t *")
        code = lib.cs_notify_pending(self._tok(), pending, taken)
        if code == _CLOSED:
            raise ValueError("the notification port is closed")
        if code:
            raise b.last_error(self._what)
        return bool(pending[0]) or bool(self._stash), int(taken[0])

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

    def _decode(self, fields: list, ints: list, payload: bytes) -> ClusterEvent:
        name, obj_id, parent_id, rtype, owner, _group = fields[:6]
        version, object_type, flags, has_state, state_value = ints[:5]
        kind = kind_of_v2(object_type, flags) if version == 2 else kind_of_v1(flags)
        state = None
        owner_node = None
        table = _TABLES.get(kind)
        if version == 2:
            if table is not None and len(payload) >= 4:
                state = table[struct.unpack_from("<i", payload)[0]]
            if kind is _K.GROUP_OWNER_NODE:
                node_id = payload.decode("utf-16-le", "replace").split("\0", 1)[0]
                owner_node = self._node_name(node_id)
            elif kind is _K.NODE_ADDED:
                self._node_names[obj_id] = name
        else:
            if table is not None and has_state:
                state = table[state_value]
            if kind is _K.GROUP_STATE and has_state:
                owner_node = owner
        resource_type = rtype if (version == 2 and rtype) else None
        return ClusterEvent(kind, name, obj_id, parent_id, state, owner_node, resource_type, payload)

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
                        return typing.cast(ClusterEvent, self._stash.popleft())
            if not self._token:
                raise StopAsyncIteration
            await loop.run_in_executor(None, self._get_into_stash)


register_extension("notifications", open_port)
