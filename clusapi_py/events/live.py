"""LiveView: a cluster kept current by its change notifications.

    with cluster.live_view() as view:
        snap = view.snapshot()        # no backend call: the view's current Snapshot

The view opens its notification port first, then reads the whole cluster
once (Cluster.snapshot), then a background thread applies every event the
port delivers, so nothing that changes between the two is missed.  On
CLUSTER_RECONNECT, CLUSTER_LOST_NOTIFICATIONS, CLUSTER_STATE, an event it
cannot apply precisely (a new network or net interface) or an error of the
port, it marks itself stale, reads the whole cluster again (retrying with
backoff while the cluster is unreachable) and clears `stale`.

Cluster Shared Volumes: `view.shared_volume_states` maps each CSV resource's
name to its per-node states (CsvNodeState), read at every (re)sync with
CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES and replaced by each
SHARED_VOLUME_STATE event (version 2; a version-1 port has no such event, so
there the states are those of the last full read).

Order is what makes it right: events are applied one at a time, in the
order the port delivers them, by the one thread that reads the port; each
carries an absolute value (a state, an owner), so applying an event older
than the last full read and then the newer ones ends where the cluster is.
"""
import threading
import time
import typing

from .. import errors
from ..records import CsvNodeState, GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, ResourceInfo
from ..shared_volumes import csv_node_states, read_csv_node_states
from ..snapshot import Snapshot
from ..handles._base import register_extension
from .port import NotificationPort, open_port
from .types import ClusterEvent, EventKind

__all__ = ["LiveView"]

_K = EventKind
_RESYNC = frozenset({_K.CLUSTER_RECONNECT, _K.CLUSTER_LOST_NOTIFICATIONS, _K.CLUSTER_STATE,
                     _K.NETWORK_ADDED, _K.NETINTERFACE_ADDED})
_BACKOFF_FIRST, _BACKOFF_MAX = 0.05, 2.0
_BATCH = 512                 # events the reader takes from the port per call at most
_FLUSH_LIMIT = 30.0          # seconds flush() waits for the reader at most


class _Model:
    """The view's tables, keyed by the lower-cased name (the cluster's names are
    case-insensitive); rows are the Snapshot's own records."""

    def __init__(self, snap: Snapshot, csv: typing.Dict[str, typing.Tuple[CsvNodeState, ...]]) -> None:
        # CSV resource (lower-cased) -> (its name, its per-node states)
        self.csv = {name.lower(): (name, states) for name, states in csv.items()}
        self.head = (snap.cluster_name, snap.version, snap.quorum, snap.resource_types)
        self.nodes = {n.name.lower(): n for n in snap.nodes}
        self.groups = {g.name.lower(): g for g in snap.groups}
        self.resources = {r.name.lower(): r for r in snap.resources}
        self.networks = {n.name.lower(): n for n in snap.networks}
        self.netifs = {i.name.lower(): i for i in snap.netinterfaces}
        self.node_by_id = {n.id: n.name for n in snap.nodes}
        self.group_by_id = {g.id: g.name for g in snap.groups}
        self.members: typing.Dict[str, typing.Set[str]] = {}
        for r in snap.resources:
            self.members.setdefault(r.group.lower(), set()).add(r.name.lower())

    def snapshot(self) -> Snapshot:
        name, version, quorum, restypes = self.head
        return Snapshot(name, version, quorum, self.nodes.values(), self.groups.values(), self.resources.values(),
                        self.networks.values(), self.netifs.values(), restypes)

    # ---- changes ------------------------------------------------------------------------
    def set_group_owner(self, key: str, owner: str) -> None:
        g = self.groups.get(key)
        if g is None:
            return
        if owner and owner.lower() not in self.nodes:
            owner = ""
        elif owner:
            owner = self.nodes[owner.lower()].name
        self.groups[key] = g._replace(owner_node=owner)
        for rkey in self.members.get(key, ()):
            r = self.resources.get(rkey)
            if r is not None:
                self.resources[rkey] = r._replace(owner_node=owner)

    def add_resource(self, row: ResourceInfo) -> None:
        key = row.name.lower()
        self.remove_resource(key)
        g = self.groups.get(row.group.lower())
        if g is None:
            return
        self.resources[key] = row._replace(owner_node=g.owner_node, group=g.name)
        self.members.setdefault(g.name.lower(), set()).add(key)

    def remove_resource(self, key: str) -> None:
        r = self.resources.pop(key, None)
        if r is not None:
            self.members.get(r.group.lower(), set()).discard(key)

    def remove_group(self, key: str) -> None:
        g = self.groups.pop(key, None)
        if g is None:
            return
        self.group_by_id.pop(g.id, None)
        for rkey in list(self.members.pop(key, ())):
            self.resources.pop(rkey, None)

    def remove_node(self, key: str) -> None:
        n = self.nodes.pop(key, None)
        if n is None:
            return
        self.node_by_id.pop(n.id, None)
        for ikey in [k for k, i in self.netifs.items() if i.node.lower() == key]:
            del self.netifs[ikey]
        for gkey, g in list(self.groups.items()):
            if g.owner_node.lower() == key:
                self.set_group_owner(gkey, "")

    def remove_network(self, key: str) -> None:
        if self.networks.pop(key, None) is None:
            return
        for ikey in [k for k, i in self.netifs.items() if i.network.lower() == key]:
            del self.netifs[ikey]


class _Core:
    """What the reader thread works on (the LiveView wrapper is not referenced by it,
    so an unreferenced view is collected and its finalizer closes the port)."""

    def __init__(self, cluster: typing.Any, version: typing.Optional[int]) -> None:
        self.cluster = cluster
        self.lock = threading.Condition()
        self.stale = False
        self.resyncs = 0
        self.events_applied = 0
        self.applied_seen = 0            # port._seen when the last event was applied
        self.flushed = 0                 # events_applied at the end of the last flush()
        self.closed = False
        self.error: typing.Optional[BaseException] = None
        # The port first, then the read: nothing that changes between them is missed.
        self.port: NotificationPort = open_port(cluster, None, version=version)
        try:
            snap = cluster.snapshot()
            csv = read_csv_node_states(cluster._tok())
        except BaseException:
            self.port.close()
            raise
        self.model = _Model(snap, csv)
        self.port._node_names.update(self.model.node_by_id)
        self.current: typing.Optional[Snapshot] = snap
        self.thread = threading.Thread(target=self.run, name="clusapi-live-view", daemon=True)
        self.thread.start()
        # The reader's first call is under way (counted by the backend) before the view is
        # handed out: a caller that reads call counters next sees none of it in flight.
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and self.thread.is_alive():
            _, taken, parked = self.port._pending()
            if parked or taken:
                time.sleep(0.001)
                break
            time.sleep(0.0005)

    # ---- the reader thread -------------------------------------------------------------------
    def _closing(self) -> bool:
        # A fresh read of a flag other threads set (a type checker would narrow a plain read).
        return self.closed

    def run(self) -> None:
        port = self.port
        while not self.closed:
            try:
                events = port._get_batch(_BATCH)
            except ValueError:            # closed
                break
            except errors.ClusterError as exc:
                if self._closing():       # closed by another thread while the call ran
                    break
                self.error = exc
                self.resync()
                continue
            if not events:                # closed while waiting
                break
            for event in events:
                try:
                    if event.kind in _RESYNC:
                        self.resync()
                    else:
                        self.apply_one(event)
                except errors.ClusterError as exc:      # a read for the event failed: read everything
                    self.error = exc
                    self.resync()
                except ValueError as exc:               # the cluster was closed under the view
                    self.error = exc
                    self.stale = True
            with self.lock:
                self.events_applied += len(events)
                self.applied_seen = port._seen
                self.lock.notify_all()

    def resync(self) -> None:
        with self.lock:
            self.stale = True
        delay = _BACKOFF_FIRST
        while not self.closed:
            try:
                snap = self.cluster.snapshot()
                csv = read_csv_node_states(self.cluster._tok())
                break
            except errors.ClusterError as exc:
                self.error = exc
            except ValueError:            # the cluster was closed under us
                return
            time.sleep(delay)
            delay = min(delay * 2, _BACKOFF_MAX)
        else:
            return
        model = _Model(snap, csv)
        self.port._node_names.update(model.node_by_id)
        with self.lock:
            self.model = model
            self.current = snap
            self.resyncs += 1
            self.stale = False

    def _read(self, opener: str, name: str) -> typing.Any:
        """(id, status or state) of one object, read now; None when it is gone already."""
        try:
            with getattr(self.cluster, opener)(name) as obj:
                return obj.id, (obj.status() if hasattr(obj, "status") else obj.state)
        except errors.ClusterObjectNotFoundError:
            return None

    def apply_one(self, ev: ClusterEvent) -> None:
        """One event to the model: reads (if any) first, then the change under the lock."""
        m = self.model
        key = ev.name.lower()
        k = ev.kind
        read = None
        if k is _K.GROUP_ADDED:
            read = self._read("open_group", ev.name)
        elif k is _K.RESOURCE_ADDED:
            read = self._read("open_resource", ev.name)
        elif k is _K.NODE_ADDED and ev.state is None:       # version 1: no id, no state
            read = self._read("open_node", ev.name)
        elif k is _K.SHARED_VOLUME_STATE:
            try:
                read = tuple(csv_node_states(ev.payload))
            except ValueError as exc:                   # malformed: keep what the view has
                self.error = exc
                return
        with self.lock:
            if k is _K.SHARED_VOLUME_STATE:
                m.csv[key] = (ev.name, typing.cast(typing.Tuple[CsvNodeState, ...], read))
                return
            if k is _K.NODE_STATE and key in m.nodes and ev.state is not None:
                m.nodes[key] = m.nodes[key]._replace(state=ev.state)
            elif k is _K.NODE_ADDED:
                node_id, state = (ev.id, ev.state) if ev.state is not None else (read or (None, None))
                if node_id is not None:
                    m.nodes[key] = NodeInfo(ev.name, node_id, state)  # type: ignore[arg-type]  # int if unknown
                    m.node_by_id[node_id] = ev.name
            elif k is _K.NODE_DELETED:
                m.remove_node(key)
            elif k is _K.GROUP_STATE and key in m.groups:
                if ev.state is not None:
                    m.groups[key] = m.groups[key]._replace(state=ev.state)
                if ev.owner_node is not None:           # version 1 reads the owner with the state
                    m.set_group_owner(key, ev.owner_node)
            elif k is _K.GROUP_OWNER_NODE:
                m.set_group_owner(key, ev.owner_node or "")
            elif k is _K.GROUP_ADDED and read is not None:
                group_id, status = read
                m.remove_group(key)
                m.groups[key] = GroupInfo(ev.name, group_id, status.state, "")
                m.group_by_id[group_id] = ev.name
                m.set_group_owner(key, status.owner_node)
            elif k is _K.GROUP_DELETED:
                m.remove_group(key)
            elif k is _K.RESOURCE_STATE and key in m.resources and ev.state is not None:
                m.resources[key] = m.resources[key]._replace(state=ev.state)
            elif k is _K.RESOURCE_ADDED and read is not None:
                res_id, status = read
                m.add_resource(ResourceInfo(ev.name, res_id, status.state, status.owner_node, status.group_name))
            elif k is _K.RESOURCE_DELETED:
                m.remove_resource(key)
                m.csv.pop(key, None)
            elif k is _K.RESOURCE_OWNER_GROUP and key in m.resources:
                group_id = ev.payload.decode("utf-16-le", "replace").split("\0", 1)[0]
                group = m.group_by_id.get(group_id)
                if group is not None:
                    m.add_resource(m.resources[key]._replace(group=group))
            elif k is _K.NETWORK_STATE and key in m.networks and ev.state is not None:
                m.networks[key] = m.networks[key]._replace(state=ev.state)
            elif k is _K.NETWORK_DELETED:
                m.remove_network(key)
            elif k is _K.NETINTERFACE_STATE and key in m.netifs and ev.state is not None:
                m.netifs[key] = m.netifs[key]._replace(state=ev.state)
            elif k is _K.NETINTERFACE_DELETED:
                m.netifs.pop(key, None)
            else:
                return
            self.current = None           # the next snapshot() builds a new one

    # ---- what the wrapper asks ------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        with self.lock:
            snap = self.current
            if snap is None:
                snap = self.current = self.model.snapshot()
            return snap

    def shared_volume_states(self) -> typing.Dict[str, typing.Tuple[CsvNodeState, ...]]:
        with self.lock:
            return {name: states for name, states in self.model.csv.values()}

    def settle(self) -> None:
        """Returns once the port is empty, every event taken from it is applied and the
        reader waits for the next one inside the backend (so that a caller that reads
        the backend's call counters next sees no call of the reader's in flight)."""
        deadline = time.monotonic() + _FLUSH_LIMIT
        settled = 0
        while True:
            pending, taken, parked = self.port._pending()
            with self.lock:
                idle = not pending and taken == self.applied_seen and parked > 0
                if idle and settled:
                    return
                left = deadline - time.monotonic()
                if left <= 0 or not self.thread.is_alive():
                    raise TimeoutError("the live view's reader did not catch up with its port")
                # Parked just now: give its call the moment it takes to be counted, then look again.
                settled = 1 if idle else 0
                self.lock.wait(min(left, 0.001 if idle else 0.01))

    def flush(self) -> int:
        """settle(); returns how many events were applied since the previous flush (or since
        the view opened), whichever thread applied them."""
        self.settle()
        with self.lock:
            count = self.events_applied - self.flushed
            self.flushed = self.events_applied
            return count

    def close(self) -> None:
        self.closed = True
        self.port.close()
        if self.thread is not threading.current_thread():
            self.thread.join()


class LiveView:
    """The current state of a cluster, kept by notifications (see the module docstring)."""

    __slots__ = ("_core", "__weakref__")
    _core: typing.Optional[_Core]

    def __init__(self, *args: typing.Any, **kwargs: typing.Any) -> None:
        raise TypeError("LiveView objects come from Cluster.live_view()")

    def _use(self) -> _Core:
        core = self._core
        if core is None:
            raise ValueError("the live view is closed")
        return core

    def snapshot(self) -> Snapshot:
        """The current Snapshot: no backend call; the object returned never changes."""
        return self._use().snapshot()

    def flush(self) -> int:
        """Returns once every event the port holds now has been applied (by the view's reader
        thread, in port order); returns how many events were applied since the previous
        flush() or since the view opened."""
        return self._use().flush()

    @property
    def shared_volume_states(self) -> typing.Dict[str, typing.Tuple[CsvNodeState, ...]]:
        """{CSV resource name: (CsvNodeState(node, state, redirected_reason,
        block_redirected_reason), ...)}: read at each (re)sync, kept current by
        SHARED_VOLUME_STATE events; no backend call.  A new dict each time."""
        return self._use().shared_volume_states()

    @property
    def stale(self) -> bool:
        """True while the view re-reads the whole cluster (after a reconnect, lost events, an error)."""
        return self._use().stale

    @property
    def resyncs(self) -> int:
        """Full re-reads after the initial one."""
        return self._use().resyncs

    @property
    def events_applied(self) -> int:
        return self._use().events_applied

    @property
    def version(self) -> int:
        """The notification version its port uses (1 or 2)."""
        return self._use().port.version

    @property
    def closed(self) -> bool:
        return self._core is None

    def close(self) -> None:
        """Closes the port and stops the thread (idempotent)."""
        core, self._core = self._core, None
        if core is not None:
            core.close()

    def __enter__(self) -> "LiveView":
        self._use()
        return self

    def __exit__(self, *exc: typing.Any) -> None:
        self.close()

    def __del__(self) -> None:
        core = getattr(self, "_core", None)
        if core is not None:
            self._core = None
            try:
                core.closed = True
                core.port.close()       # the thread sees the close and ends on its own
            except Exception:  # pragma: no cover - interpreter teardown
                pass

    def __repr__(self) -> str:
        return "<LiveView %s>" % ("closed" if self._core is None else "open")

    def __copy__(self) -> typing.NoReturn:
        raise TypeError("a LiveView cannot be copied: it is a connection, not a value")

    def __deepcopy__(self, memo: typing.Any) -> typing.NoReturn:
        raise TypeError("a LiveView cannot be copied: it is a connection, not a value")

    def __reduce_ex__(self, protocol: typing.Any) -> typing.NoReturn:
        raise TypeError("a LiveView cannot be pickled: it is a connection, not a value")


def open_live_view(cluster: typing.Any, *, version: typing.Optional[int] = None) -> LiveView:
    view = LiveView.__new__(LiveView)
    view._core = _Core(cluster, version)
    return view


register_extension("live_view", open_live_view)
