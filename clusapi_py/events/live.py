"""LiveView: a cluster kept current by its change notifications.

    with cluster.live_view() as view:
        snap = view.snapshot()        # no backend call: the view's current Snapshot

The view opens its notification port first, then reads the whole cluster
once (Cluster.snapshot), then a background thread applies every event the
port delivers, so nothing that changes between the two is missed.  On
CLUSTER_RECONNECT, CLUSTER_LOST_NOTIFICATIONS, CLUSTER_STATE or an event it
cannot apply precisely (a new network or net interface) it marks itself
stale, reads the whole cluster again (retrying with backoff while the
cluster is unreachable) and clears `stale`.

An error of the port itself (GetClusterNotify* failing, e.g. RPC_S_SERVER_
UNAVAILABLE) makes the view stale and closes that port; the reader then
opens a new one after a capped exponential backoff with jitter (_Policy),
checks it with one poll, and only then reads the whole cluster -- and while
the port keeps failing, full reads are spaced by their own capped backoff.
So a persistent fault costs a few round trips a minute, never a loop of
full reads.  `stale_seconds` says how long the view has not been current
and `last_error` why; the backoff starts afresh once a port has worked for
a minute.

Cluster Shared Volumes: `view.shared_volume_states` maps each CSV resource's
name to its per-node states (CsvNodeState), read at every (re)sync with
CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES and replaced by each
SHARED_VOLUME_STATE event (version 2; a version-1 port has no such event, so
there the states are those of the last full read).

Node maintenance: `view.node_status` maps each node's name to its NodeStatus
(NodeDrainStatus, StatusInformation, versions, and drain_started: when the
view first saw the drain in progress -- at a full read that finds a drain
already going, the time of that read).  A full read reads the read-only
common properties of the nodes that are not Up (one control call each on a
node handle the view keeps open; an Up node is taken as not draining until
an event says otherwise); a NODE_PROPERTIES event carrying the changed
values (version 2) updates them with no call; a NODE_STATE event, or a
property event without its values (version 1), re-reads that one node --
one round trip once its handle is open.

Order is what makes it right: events are applied one at a time, in the
order the port delivers them, by the one thread that reads the port; each
carries an absolute value (a state, an owner), so applying an event older
than the last full read and then the newer ones ends where the cluster is.
"""
import random
import threading
import time
import typing

from .. import errors
from .._backend import SingleOwner
from .._wide import text_to_nul
from ..enums import NodeDrainStatus, NodeState
from ..properties.controls import read_node_status
from ..records import (CsvNodeState, GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, NodeStatus, ResourceInfo,
                       node_status_from)
from ..shared_volumes import csv_node_states, read_csv_node_states
from ..snapshot import Snapshot
from ..handles._base import register_extension
from ..names import name_key
from .feed import register_core
from .port import NotificationPort, open_port
from .types import ClusterEvent, EventKind

__all__ = ["LiveView"]

_K = EventKind
_RESYNC = frozenset({_K.CLUSTER_RECONNECT, _K.CLUSTER_LOST_NOTIFICATIONS, _K.CLUSTER_STATE,
                     _K.NETWORK_ADDED, _K.NETINTERFACE_ADDED})
_DRAINING = NodeDrainStatus.IN_PROGRESS
_NODE_STATUS_NAMES = frozenset(n.lower() for n in ("NodeDrainStatus", "StatusInformation", "NodeHighestVersion",
                                                   "NodeLowestVersion"))
_BATCH = 512                 # events the reader takes from the port per call at most
_FLUSH_LIMIT = 30.0          # seconds flush() waits for the reader at most


class _Policy:
    """How the reader backs off after an error of its port (seconds).  The n-th
    consecutive failure waits port_first * 2**(n-1), at most port_cap, times a
    jitter in [1, 1.25), before it opens a new port; a full read after a port
    failure starts no sooner than read_first * 2**(n-1) (at most read_cap)
    after the previous full read.  A port that worked for `healthy` seconds
    starts the count afresh.  A full read that fails is retried after
    retry_first, doubling up to retry_cap.  `scale` compresses every figure
    (tests, the benchmark)."""

    def __init__(self, port_first: float = 0.1, port_cap: float = 5.0, read_first: float = 1.0,
                 read_cap: float = 30.0, healthy: float = 60.0, retry_first: float = 0.05,
                 retry_cap: float = 30.0, scale: float = 1.0) -> None:
        self.port_first, self.port_cap = port_first * scale, port_cap * scale
        self.read_first, self.read_cap = read_first * scale, read_cap * scale
        self.retry_first, self.retry_cap = retry_first * scale, retry_cap * scale
        self.healthy = healthy * scale

    def port_delay(self, failures: int) -> float:
        return min(self.port_first * 2.0 ** min(failures - 1, 30), self.port_cap) * random.uniform(1.0, 1.25)

    def read_gap(self, failures: int) -> float:
        return min(self.read_first * 2.0 ** min(failures - 1, 30), self.read_cap)


_POLICY = _Policy()


class _Model:
    """The view's tables, keyed by names.name_key (the cluster compares names
    ordinally, ignoring case as Windows' upper-case table does); rows are the
    Snapshot's own records."""

    def __init__(self, snap: Snapshot, csv: typing.Dict[str, typing.Tuple[CsvNodeState, ...]]) -> None:
        # CSV resource (keyed) -> (its name, its per-node states)
        self.csv = {name_key(name): (name, states) for name, states in csv.items()}
        self.head = (snap.cluster_name, snap.version, snap.quorum, snap.resource_types)
        self.nodes = {name_key(n.name): n for n in snap.nodes}
        self.groups = {name_key(g.name): g for g in snap.groups}
        self.resources = {name_key(r.name): r for r in snap.resources}
        self.networks = {name_key(n.name): n for n in snap.networks}
        self.netifs = {name_key(i.name): i for i in snap.netinterfaces}
        self.node_by_id = {n.id: n.name for n in snap.nodes}
        self.group_by_id = {g.id: g.name for g in snap.groups}
        self.members: typing.Dict[str, typing.Set[str]] = {}
        self.node_status: typing.Dict[str, NodeStatus] = {}     # node (keyed) -> its status, where read
        for r in snap.resources:
            self.members.setdefault(name_key(r.group), set()).add(name_key(r.name))

    def snapshot(self) -> Snapshot:
        name, version, quorum, restypes = self.head
        return Snapshot(name, version, quorum, self.nodes.values(), self.groups.values(), self.resources.values(),
                        self.networks.values(), self.netifs.values(), restypes)

    # ---- changes ------------------------------------------------------------------------
    def set_group_owner(self, key: str, owner: str) -> None:
        g = self.groups.get(key)
        if g is None:
            return
        if owner and name_key(owner) not in self.nodes:
            owner = ""
        elif owner:
            owner = self.nodes[name_key(owner)].name
        self.groups[key] = g._replace(owner_node=owner)
        for rkey in self.members.get(key, ()):
            r = self.resources.get(rkey)
            if r is not None:
                self.resources[rkey] = r._replace(owner_node=owner)

    def add_resource(self, row: ResourceInfo) -> None:
        key = name_key(row.name)
        self.remove_resource(key)
        g = self.groups.get(name_key(row.group))
        if g is None:
            return
        self.resources[key] = row._replace(owner_node=g.owner_node, group=g.name)
        self.members.setdefault(name_key(g.name), set()).add(key)

    def remove_resource(self, key: str) -> None:
        r = self.resources.pop(key, None)
        if r is not None:
            self.members.get(name_key(r.group), set()).discard(key)

    def remove_group(self, key: str) -> None:
        g = self.groups.pop(key, None)
        if g is None:
            return
        self.group_by_id.pop(g.id, None)
        for rkey in list(self.members.pop(key, ())):
            self.resources.pop(rkey, None)

    def remove_node(self, key: str) -> None:
        n = self.nodes.pop(key, None)
        self.node_status.pop(key, None)
        if n is None:
            return
        self.node_by_id.pop(n.id, None)
        for ikey in [k for k, i in self.netifs.items() if name_key(i.node) == key]:
            del self.netifs[ikey]
        for gkey, g in list(self.groups.items()):
            if name_key(g.owner_node) == key:
                self.set_group_owner(gkey, "")

    def remove_network(self, key: str) -> None:
        if self.networks.pop(key, None) is None:
            return
        for ikey in [k for k, i in self.netifs.items() if name_key(i.network) == key]:
            del self.netifs[ikey]


def _timed(new: NodeStatus, old: typing.Optional[NodeStatus], now: float) -> NodeStatus:
    """new with drain_started: kept from `old` while the drain goes on, `now` when it starts, None after."""
    if new.drain_status != _DRAINING:
        return new._replace(drain_started=None)
    if old is not None and old.drain_status == _DRAINING and old.drain_started is not None:
        return new._replace(drain_started=old.drain_started)
    return new._replace(drain_started=now)


class _Core:
    """What the reader thread works on (the LiveView wrapper is not referenced by it,
    so an unreferenced view is collected and its finalizer closes the port)."""

    def __init__(self, cluster: typing.Any, version: typing.Optional[int]) -> None:
        self.cluster = cluster
        self.version_asked = version
        self.policy = _POLICY
        self.lock = threading.Condition()
        self.wake = threading.Event()    # set by close(): ends a backoff wait at once
        self.stale = False
        self.stale_since: typing.Optional[float] = None     # time.monotonic() when it became stale
        self.resyncs = 0
        self.port_reopens = 0
        self.failures = 0                # port failures in a row (see _Policy)
        self.port_opened = time.monotonic()
        self.last_full_read = time.monotonic()
        self.events_applied = 0
        self.applied_seen = 0            # port._seen when the last event was applied
        self.flushed = 0                 # events_applied at the end of the last flush()
        self.closed = False
        self.error: typing.Optional[BaseException] = None
        self.thread: typing.Optional[threading.Thread] = None
        self.feeds: typing.List[typing.Any] = []    # events/feed.py: waiters on one object's events
        self.node_handles: typing.Dict[str, typing.Any] = {}   # node (keyed) -> an open Node (the reader's)
        # The port first, then the read: nothing that changes between them is missed.
        self.port: NotificationPort = open_port(cluster, None, version=version)
        try:
            snap = cluster.snapshot()
            csv = read_csv_node_states(cluster._tok())
            self.model = _Model(snap, csv)
            self.model.node_status = self.read_node_statuses(snap, {})
            self.port._node_names.update(self.model.node_by_id)
            self.current: typing.Optional[Snapshot] = snap
            self.thread = threading.Thread(target=self.run, name="clusapi-live-view", daemon=True)
            self.thread.start()
            self._wait_for_reader()
        except BaseException:
            self.close()                 # whatever failed, nothing stays open or running
            raise
        register_core(cluster, self)

    def _wait_for_reader(self) -> None:
        """The reader's first call is under way (counted by the backend) before the view is
        handed out: a caller that reads call counters next sees none of it in flight."""
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and self.thread is not None and self.thread.is_alive():
            try:
                _, taken, parked = self.port._pending()
            except (errors.ClusterError, ValueError):  # the port failed: the reader deals with it
                return
            if parked or taken:
                time.sleep(0.001)
                return
            time.sleep(0.0005)

    # ---- the reader thread -------------------------------------------------------------------
    def _closing(self) -> bool:
        # A fresh read of a flag other threads set (a type checker would narrow a plain read).
        return self.closed

    def _mark_stale(self) -> None:
        with self.lock:
            self.stale = True
            if self.stale_since is None:
                self.stale_since = time.monotonic()

    def run(self) -> None:
        while not self.closed:
            port = self.port
            try:
                events = port._get_batch(_BATCH)
            except ValueError:            # closed
                break
            except errors.ClusterError as exc:
                if self._closing():       # closed by another thread while the call ran
                    break
                self.error = exc
                self.recover_port()
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
                    self._mark_stale()
            with self.lock:
                self.events_applied += len(events)
                self.applied_seen = port._seen
                self.lock.notify_all()

    def recover_port(self) -> None:
        """After an error of the port: stale, the port closed, a new one opened after a
        backoff and checked with one poll, then one full read, spaced from the last one
        by its own backoff while the failures go on (see _Policy)."""
        self._mark_stale()
        policy = self.policy
        now = time.monotonic()
        self.failures = 1 if now - self.port_opened >= policy.healthy else self.failures + 1
        old = self.port
        old.close()
        while True:
            if self.wake.wait(policy.port_delay(self.failures)):
                return                    # closed
            new: typing.Optional[NotificationPort] = None
            try:
                new = open_port(self.cluster, None, version=self.version_asked)
                probe = new._read_batch(new._tok(), 0, _BATCH)   # a port that fails at once fails here
            except errors.ClusterError as exc:
                self.error = exc
                if new is not None:
                    new.close()
                self.failures += 1
                continue
            except ValueError:            # the cluster was closed under the view
                if new is not None:
                    new.close()
                return
            break
        new._node_names.update(old._node_names)
        with new._stash_lock:
            new._stash.extend(probe)      # older than the full read below: applied after it, harmlessly
        with self.lock:
            if self.closed:
                new.close()
                return
            self.port = new
            self.port_reopens += 1
            self.port_opened = time.monotonic()
            self.applied_seen = new._seen - len(probe)
        gap = self.last_full_read + policy.read_gap(self.failures) - time.monotonic()
        if gap > 0 and self.wake.wait(gap):
            return
        self.resync()

    def resync(self) -> None:
        self._mark_stale()
        delay = self.policy.retry_first
        while not self.closed:
            try:
                snap = self.cluster.snapshot()
                csv = read_csv_node_states(self.cluster._tok())
                self.close_node_handles()        # opened again as needed (a reconnect may have voided them)
                statuses = self.read_node_statuses(snap, self.model.node_status)
                break
            except errors.ClusterError as exc:
                self.error = exc
            except ValueError:            # the cluster was closed under us
                return
            if self.wake.wait(delay):
                return
            delay = min(delay * 2, self.policy.retry_cap)
        else:
            return
        model = _Model(snap, csv)
        model.node_status = statuses
        self.port._node_names.update(model.node_by_id)
        with self.lock:
            self.model = model
            self.current = snap
            self.resyncs += 1
            self.last_full_read = time.monotonic()
            self.stale = False
            self.stale_since = None
            for feed in self.feeds:
                feed.resynced()
            self.lock.notify_all()

    # ---- node statuses (the reader's, or the constructor's before the reader starts) ------------
    def node_status_now(self, name: str, before: typing.Optional[NodeStatus]) -> typing.Optional[NodeStatus]:
        """One node's status read now (its read-only common properties: one control call on
        the node's handle, opened the first time); None when the node is gone or its read
        failed (the error kept as last_error)."""
        key = name_key(name)
        node = self.node_handles.get(key)
        try:
            if node is None:
                node = self.node_handles[key] = self.cluster.open_node(name)
            return read_node_status(node._tok(), "node %s" % name, before)
        except errors.ClusterObjectNotFoundError:
            self.close_node_handle(key)
            return None
        except errors.ClusterNodeUnavailableError as exc:      # 5050 and the like: about this node
            self.error = exc
            self.close_node_handle(key)
            return None
        except errors.ClusterUnavailableError:
            raise                            # the connection: the view re-reads everything
        except errors.ClusterError as exc:   # this node only: its status stays as it was (a full read
            self.error = exc                 # must not retry forever over one node's answer)
            self.close_node_handle(key)
            return None
        except ValueError as exc:            # a malformed property list: this node's answer only
            if self.cluster.closed:
                raise                        # the cluster closed under the view (run() ends)
            self.error = exc
            self.close_node_handle(key)
            return None

    def read_node_statuses(self, snap: Snapshot, before: typing.Dict[str, NodeStatus]) -> typing.Dict[str, NodeStatus]:
        """{node (keyed): status} of the nodes that are not Up, at a full read."""
        out: typing.Dict[str, NodeStatus] = {}
        now = time.time()
        for n in snap.nodes:
            if int(n.state) == NodeState.UP:
                continue
            key = name_key(n.name)
            status = self.node_status_now(n.name, None)
            if status is not None:
                out[key] = _timed(status, before.get(key), now)
        return out

    def close_node_handle(self, key: str) -> None:
        node = self.node_handles.pop(key, None)
        if node is not None:
            try:
                node.close()
            except errors.ClusterError:      # pragma: no cover - closing a handle the cluster dropped
                pass

    def close_node_handles(self) -> None:
        for key in list(self.node_handles):
            self.close_node_handle(key)

    def _node_event(self, ev: ClusterEvent, key: str) -> typing.Optional[NodeStatus]:
        """The node's status after a NODE_STATE or NODE_PROPERTIES event (None: unchanged):
        from the values the event carries, else read again."""
        m = self.model
        before = m.node_status.get(key)
        if key not in m.nodes:
            return None
        if ev.kind is _K.NODE_PROPERTIES:
            try:
                values = ev.properties()
            except ValueError:               # malformed: read it
                values = None
            if values is not None:
                if not _NODE_STATUS_NAMES & {k.lower() for k in values}:
                    return None
                return _timed(node_status_from(values, before), before, time.time())
        elif ev.state is not None and int(ev.state) == NodeState.UP and before is None:
            return None                      # an Up node not read before: taken as not draining
        status = self.node_status_now(ev.name, before)
        return None if status is None else _timed(status, before, time.time())

    def _read(self, opener: str, name: str) -> typing.Any:
        """(id, status or state) of one object, read now; None when it is gone already."""
        try:
            with getattr(self.cluster, opener)(name) as obj:
                return obj.id, (obj.status() if hasattr(obj, "status") else obj.state)
        except errors.ClusterObjectNotFoundError:
            return None

    def apply_one(self, ev: ClusterEvent) -> None:
        """One event to the model: reads (if any) first, then the change under the lock."""
        key = name_key(ev.name)
        k = ev.kind
        read = None
        if k is _K.GROUP_ADDED:
            read = self._read("open_group", ev.name)
        elif k is _K.RESOURCE_ADDED:
            read = self._read("open_resource", ev.name)
        elif k is _K.NODE_ADDED and ev.state is None:       # version 1: no id, no state
            read = self._read("open_node", ev.name)
        elif k is _K.NODE_STATE or k is _K.NODE_PROPERTIES:
            read = self._node_event(ev, key)
        elif k is _K.SHARED_VOLUME_STATE:
            try:
                read = tuple(csv_node_states(ev.payload))
            except ValueError as exc:                   # malformed: keep what the view has
                self.error = exc
                return
        with self.lock:
            self._apply_locked(ev, key, read)
            for feed in self.feeds:      # after the model has it, under the same lock (events/feed.py)
                feed.push(ev)

    def _apply_locked(self, ev: ClusterEvent, key: str, read: typing.Any) -> None:
        m = self.model
        k = ev.kind
        if k is _K.SHARED_VOLUME_STATE:
            m.csv[key] = (ev.name, typing.cast(typing.Tuple[CsvNodeState, ...], read))
            return
        if k is _K.NODE_PROPERTIES:
            if read is None or m.node_status.get(key) == read or key not in m.nodes:
                return
            m.node_status[key] = read
        elif k is _K.NODE_STATE and key in m.nodes and ev.state is not None:
            m.nodes[key] = m.nodes[key]._replace(state=ev.state)
            if read is not None:
                m.node_status[key] = read
        elif k is _K.NODE_ADDED:
            node_id, state = (ev.id, ev.state) if ev.state is not None else (read or (None, None))
            if node_id is not None:
                m.nodes[key] = NodeInfo(ev.name, node_id, state)  # type: ignore[arg-type]  # int if unknown
                m.node_by_id[node_id] = ev.name
        elif k is _K.NODE_DELETED:
            m.remove_node(key)
            self.close_node_handle(key)
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
            group_id = text_to_nul(ev.payload, "a resource's new group")
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

    def node_status(self) -> typing.Dict[str, NodeStatus]:
        with self.lock:
            m = self.model
            return {m.nodes[key].name: status for key, status in m.node_status.items() if key in m.nodes}

    def settle(self) -> None:
        """Returns once the port is empty, every event taken from it is applied and the
        reader waits for the next one inside the backend (so that a caller that reads
        the backend's call counters next sees no call of the reader's in flight).
        While the reader is replacing a failed port, waits for the new one."""
        deadline = time.monotonic() + _FLUSH_LIMIT
        settled = 0
        while True:
            try:
                pending, taken, parked = self.port._pending()
            except (errors.ClusterError, ValueError):
                if self.closed:
                    raise ValueError("the live view is closed") from None
                pending, taken, parked = True, -1, 0     # being replaced: look again
            with self.lock:
                idle = not pending and taken == self.applied_seen and parked > 0
                if idle and settled:
                    return
                left = deadline - time.monotonic()
                if left <= 0 or self.thread is None or not self.thread.is_alive():
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

    def shut(self) -> None:
        """Tells the reader to stop and closes the port (no join: a finalizer's way)."""
        with self.lock:
            self.closed = True
            port = self.port
            feeds, self.feeds = self.feeds, []
            for feed in feeds:
                feed.view_closed()
        self.wake.set()
        port.close()

    def close(self) -> None:
        self.shut()
        thread = self.thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        if thread is None or not thread.is_alive():      # no reader (a failed start) or it ended
            self.close_node_handles()


class LiveView(SingleOwner):
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
    def node_status(self) -> typing.Dict[str, NodeStatus]:
        """{node name: NodeStatus(drain_status, status_information, highest_version,
        lowest_version, drain_started)} of the nodes whose status the view has read
        (those not Up at the last full read, and those events since have touched);
        no backend call.  A new dict each time."""
        return self._use().node_status()

    @property
    def stale(self) -> bool:
        """True while the view is not current: it re-reads the whole cluster (after a
        reconnect, lost events, an error) or waits to reopen a port that failed."""
        return self._use().stale

    @property
    def stale_seconds(self) -> float:
        """How long the view has been stale without a break (0.0 while it is current): what a
        supervisor compares with its own limit to reopen the view or report it down."""
        core = self._use()
        since = core.stale_since
        return 0.0 if since is None else max(0.0, time.monotonic() - since)

    @property
    def last_error(self) -> typing.Optional[BaseException]:
        """The last error the reader met (a port or a read failing), or None; kept after
        the view is current again."""
        return self._use().error

    @property
    def port_reopens(self) -> int:
        """Ports opened to replace one that failed."""
        return self._use().port_reopens

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
                core.shut()             # the thread sees the close and ends on its own
            except Exception:  # pragma: no cover - interpreter teardown
                pass

    def __repr__(self) -> str:
        return "<LiveView %s>" % ("closed" if self._core is None else "open")



def open_live_view(cluster: typing.Any, *, version: typing.Optional[int] = None) -> LiveView:
    view = LiveView.__new__(LiveView)
    view._core = _Core(cluster, version)
    return view


register_extension("live_view", open_live_view)
