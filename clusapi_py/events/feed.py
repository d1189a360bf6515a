"""A feed: one object's events, taken from a live view that is already open, so that
waiting on an action costs no round trip at all (no port of its own, no state read).

The view's reader thread pushes each event of the object into the feed *under the
view's lock, right after applying it to the view's model*; a feed registers under the
same lock and reads its seed (the object's state and owner) from the model there.  So
the seed and the events that follow it are one consistent sequence: no event is missed
between them and none already in the seed comes again.  A full re-read of the view
(reconnect, lost events) pushes a resync mark, and the waiter re-reads the object from
the view's new model -- again without a round trip.  A view closed under a waiting feed
marks it lost: the waiter falls back to a port of its own (actions/operation.py).
"""
import collections
import threading
import time
import typing
import weakref

from .. import errors
from ..names import name_key
from .types import ClusterEvent, EventKind

__all__ = ["ViewFeed", "open_feed", "register_core", "RESYNC_MARK"]

#: What a feed delivers after its view re-read the whole cluster: "read the object again".
RESYNC_MARK = ClusterEvent(EventKind.CLUSTER_RECONNECT, "", "", "", None, None, None, b"")
_SLICE = 0.1                 # seconds a wait blocks at most between looks (Ctrl-C stays prompt)
_RESYNC_KINDS = frozenset({EventKind.CLUSTER_RECONNECT, EventKind.CLUSTER_LOST_NOTIFICATIONS})
_CATCH_UP = 0.2              # seconds a feed waits at most for the view to apply what its port holds

# The open views' cores per Cluster object (weakly: a view's lifetime is its own).
_CORES: "weakref.WeakKeyDictionary[typing.Any, weakref.WeakSet[typing.Any]]" = weakref.WeakKeyDictionary()
_CORES_LOCK = threading.Lock()


def register_core(cluster: typing.Any, core: typing.Any) -> None:
    """Called by a live view once its reader runs: its feeds can be opened from now on."""
    with _CORES_LOCK:
        cores = _CORES.get(cluster)
        if cores is None:
            cores = _CORES[cluster] = weakref.WeakSet()
        cores.add(core)


class ViewFeed:
    """The events of one group or resource, pushed by a live view's reader."""

    __slots__ = ("_core", "_key", "_kind", "_kinds", "_also", "_cond", "_events", "_lost", "_closed")

    def __init__(self, core: typing.Any, name: str, kind: str, kinds: typing.FrozenSet[EventKind],
                 also: typing.FrozenSet[EventKind]) -> None:
        self._core = core
        self._key = name_key(name)
        self._kind = kind           # "group", "resource" or "node": the model's table of the object
        self._kinds = kinds         # the object's event kinds (a resource may share a group's name)
        self._also = also           # event kinds passed whatever they name (a drain's roles moving)
        self._cond = threading.Condition(threading.Lock())
        self._events: typing.Deque[ClusterEvent] = collections.deque()
        self._lost = False          # the view closed: nothing more will come
        self._closed = False

    # ---- the reader's side (called with the view's lock held) -------------------------------
    def push(self, event: ClusterEvent) -> None:
        if event.kind not in self._also and (event.kind not in self._kinds or name_key(event.name) != self._key):
            return
        with self._cond:
            self._events.append(event)
            self._cond.notify_all()

    def resynced(self) -> None:
        with self._cond:
            self._events.append(RESYNC_MARK)
            self._cond.notify_all()

    def view_closed(self) -> None:
        with self._cond:
            self._lost = True
            self._cond.notify_all()

    # ---- the waiter's side -------------------------------------------------------------------
    @property
    def lost(self) -> bool:
        """The view closed and every event it pushed has been taken."""
        with self._cond:
            return self._lost and not self._events

    def get(self, timeout: typing.Optional[float] = None) -> typing.Optional[ClusterEvent]:
        """The next event, or None when `timeout` seconds pass or the view closed."""
        end = None if timeout is None else time.monotonic() + max(0.0, timeout)
        with self._cond:
            while not self._events:
                if self._lost or self._closed:
                    return None
                thread = self._core.thread
                if thread is None or not thread.is_alive():
                    self._lost = True       # the reader ended without a close: nothing more will come
                    return None
                left = _SLICE if end is None else min(_SLICE, end - time.monotonic())
                if left <= 0:
                    return None
                self._cond.wait(left)
            return self._events.popleft()

    def read(self) -> typing.Optional[typing.Tuple[int, typing.Optional[str]]]:
        """(state, owner node or None) of the object in the view's model now; None when
        the model does not have it."""
        core = self._core
        with core.lock:
            return _row(core.model, self._kind, self._key)

    def node_status(self) -> typing.Any:
        """A node's NodeStatus in the view's model (records.NodeStatus), or None."""
        core = self._core
        with core.lock:
            return core.model.node_status.get(self._key)

    def close(self) -> None:
        core = self._core
        with core.lock:
            try:
                core.feeds.remove(self)
            except ValueError:
                pass
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def _row(model: typing.Any, kind: str, key: str) -> typing.Optional[typing.Tuple[int, typing.Optional[str]]]:
    table = {"group": model.groups, "resource": model.resources, "node": model.nodes}[kind]
    row = table.get(key)
    if row is None:
        return None
    return int(row.state), (getattr(row, "owner_node", "") or None)


def open_feed(cluster: typing.Any, name: str, kind: str, kinds: typing.Iterable[EventKind],
              also: typing.FrozenSet[EventKind] = frozenset()
              ) -> typing.Optional[typing.Tuple[ViewFeed, typing.Tuple[int, typing.Optional[str]]]]:
    """A feed of the object -- kind "group", "resource" or "node" -- from an open, current
    live view of `cluster`, with its seed (state, owner) read from the same model: the events
    of `kinds` that name it, and those of `also` whatever they name.  None when there is no such view or
    the view does not know the object (then the caller watches with a port of its own)."""
    with _CORES_LOCK:
        cores = list(_CORES.get(cluster, ()))
    for core in cores:
        _catch_up(core)
        feed = ViewFeed(core, name, kind, frozenset(kinds) | _RESYNC_KINDS, also)
        with core.lock:
            thread = core.thread
            if core.closed or core.stale or thread is None or not thread.is_alive():
                continue
            seed = _row(core.model, kind, feed._key)
            if seed is None:
                continue
            core.feeds.append(feed)
            return feed, seed
    return None


def _catch_up(core: typing.Any) -> None:
    """Lets the view's reader apply the events its port already holds (local bookkeeping, no
    round trip; a bounded wait), so that the seed is as fresh as the events that follow it."""
    end = time.monotonic() + _CATCH_UP
    while True:
        try:
            pending, taken, _ = core.port._pending()
        except (errors.ClusterError, ValueError):      # the port is being replaced or closed
            return
        with core.lock:
            left = end - time.monotonic()
            if (not pending and taken == core.applied_seen) or left <= 0:
                return
            core.lock.wait(min(left, 0.005))
