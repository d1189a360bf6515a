"""The Prometheus exporter: a live view for the states, a background thread
for the properties, and an HTTP server whose scrapes read only memory.

    exporter = Exporter(lambda: open_cluster(backend=...), property_interval=60)
    exporter.start()                       # returns at once, connected or not
    server = http.serve(exporter, "127.0.0.1", 9882)   # clusapi_py.monitor.http
    ...
    server.close(); exporter.stop()

Threads:
* "connect": opens the cluster and its live view, retrying with backoff
  (1 s doubling to 30 s) until it succeeds -- the exporter serves (its
  self-metrics, up=0) meanwhile; then watches the view (stale since when,
  last current) and opens it again if the view closes under it, or if it
  has stayed stale longer than `stale_reconnect` seconds (a port that keeps
  failing): that bound doubles after each such reopen while the view does
  not become current, up to STALE_RECONNECT_MAX, so a lasting fault costs
  a full read every few minutes at most, never a loop of them.
* "properties": every `property_interval` seconds, `snapshot(properties=True)`
  and `shared_volumes()` on a worker, waited for at most `property_budget`
  seconds (an overrun is counted; its result is still taken when it comes,
  and no second read starts while one runs).
* the HTTP server's threads: a scrape builds its families from the immutable
  snapshots held now (memoized per snapshot), never calling the cluster.

What goes wrong is logged (logger "clusapi_py.exporter": connect failures,
resyncs, property-read and rendering failures, each with the function, the
Win32 code and the message) and served as clusapi_exporter_last_error_info.
A failure while preparing the property series (a name that cannot be
encoded, say) is counted as a property-refresh failure; the thread goes on.

While the view is stale the last known values are served, with
clusapi_exporter_view_stale 1 and their age in clusapi_exporter_data_age_seconds.
(CSV state comes from `shared_volumes()` on the property interval: per-node
CSV states from events are not used yet.)
"""
import importlib.metadata
import logging
import platform
import threading
import time
import typing

from .. import _version
from ..handles import Cluster
from ..records import NodeStatus, SharedVolume
from ..snapshot import Snapshot
from . import prometheus as pm
from .deflate import Chunk, Deflated, deflate, plain

try:                                            # the optional extra: clusapi_py[exporter]
    import prometheus_client
    from prometheus_client import exposition, openmetrics
    import prometheus_client.openmetrics.exposition
    from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
    from prometheus_client.process_collector import ProcessCollector
    from prometheus_client.registry import Collector
except ImportError:                             # pragma: no cover - depends on the installation
    prometheus_client = None  # type: ignore[assignment]

MISSING = ("the exporter needs prometheus_client: pip install \"clusapi_py[exporter]\" "
           "(or pip install prometheus_client)")
DEFAULT_PORT = 9882
RETRY_FIRST, RETRY_MAX = 1.0, 30.0
STALE_RECONNECT, STALE_RECONNECT_MAX = 60.0, 900.0
RESYNC_LOG_EVERY = 30.0         # seconds: at most one resync line that often (a storm is one line, counted)
_WATCH = 0.25
_EOF = b"# EOF\n"
# An owner part's objects go in blocks, a new block starting at an object whose name hashes to 0
# modulo 128 (about 128 objects a block, and an added or removed object moves no boundary but its
# own): a change re-renders its block only, and an answer is a few hundred chunks, not one per object.
_BLOCK_MASK = 127
log = logging.getLogger("clusapi_py.exporter")


def error_info(exc: BaseException, where: str) -> pm.LastError:
    """(function, Win32 code, message) of a failure: a ClusterError's own, else `where`, 0 and the text."""
    function = getattr(exc, "function", "") or where
    code = getattr(exc, "winerror", 0)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return pm.LastError(str(function), code if isinstance(code, int) else 0, str(message), time.time())


def available() -> bool:
    return prometheus_client is not None


class _Properties(typing.NamedTuple):
    values: pm.PropertyValues       # what the property series show (not the whole snapshot: memory)
    volumes: typing.Tuple[SharedVolume, ...]
    read_at: float                  # time.time()
    generation: int                 # 1 for the first read, and so on


class Exporter:
    """The state behind /metrics (see the module docstring)."""

    def __init__(self, connect: typing.Callable[[], Cluster], *, property_interval: float = 60.0,
                 property_budget: typing.Optional[float] = None, simulated: bool = False,
                 round_trips: typing.Optional[typing.Callable[[], int]] = None,
                 retry_first: float = RETRY_FIRST, retry_max: float = RETRY_MAX, owner_series: str = "all",
                 stale_reconnect: float = STALE_RECONNECT, stale_reconnect_max: float = STALE_RECONNECT_MAX) -> None:
        if owner_series not in ("all", "owner"):
            raise ValueError("owner_series must be 'all' (windows_exporter's: a series per node) or 'owner'")
        self.every_node = owner_series == "all"
        self._connect = connect
        self.property_interval = property_interval
        self.property_budget = property_budget if property_budget is not None else max(1.0, property_interval / 2)
        self.simulated = simulated
        self._round_trips = round_trips
        self._retry = (retry_first, retry_max)
        self._stale_bound = (stale_reconnect, max(stale_reconnect, stale_reconnect_max))
        self._stale_after = stale_reconnect     # doubles after each reopen of a view that stayed stale
        self._resyncs_logged: typing.Tuple[float, int] = (float("-inf"), 0)    # (when, count then)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake_properties = threading.Event()
        self._cluster: typing.Optional[Cluster] = None
        self._view: typing.Any = None
        self._props: typing.Optional[_Properties] = None
        self._reading: typing.Optional[threading.Thread] = None
        self._threads: typing.List[threading.Thread] = []
        self._props_generation = 0
        self._types_memo: typing.Tuple[int, typing.Dict[str, str]] = (-1, {})
        # {slot: {key: part}}: the newest two parts of each slot (the one served, the one prepared)
        self._cache: typing.Dict[str, typing.Dict[object, _Part]] = {}
        self._rows_last: typing.Dict[str, _Part] = {}      # the owner parts' last lines, to keep
        self._cache_lock = threading.Lock()
        self._assembled: typing.Tuple[object, object, typing.List[typing.Tuple[str, _Part]]] = (None, None, [])
        self.cluster_name = ""
        self.last_error: typing.Optional[BaseException] = None
        self.last_error_info: typing.Optional[pm.LastError] = None
        self.connects = self.connect_failures = self.stale_reconnects = 0
        self._process = ProcessCollector(registry=None) if prometheus_client is not None else None
        self.property_refreshes = self.property_failures = self.property_overruns = 0
        self.property_duration: typing.Optional[float] = None
        self.scrapes = 0
        self.last_scrape_duration: typing.Optional[float] = None
        self.stale_since: typing.Optional[float] = None
        self.last_sync: typing.Optional[float] = None
        self._resyncs_before = self._events_before = 0      # counts of the views closed before

    # ---- life cycle -----------------------------------------------------------------------------------
    def start(self) -> "Exporter":
        for name, target in (("clusapi-exporter-connect", self._connect_loop),
                             ("clusapi-exporter-properties", self._property_loop)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake_properties.set()
        for thread in self._threads:
            thread.join(timeout=10)
        with self._lock:
            view, cluster, self._view, self._cluster = self._view, self._cluster, None, None
        if view is not None:
            view.close()
        if cluster is not None:
            cluster.close()

    @staticmethod
    def _wait(ready: typing.Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not ready():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def wait_connected(self, timeout: float) -> bool:
        """True once the cluster is open and its live view running (False when `timeout` ran out)."""
        return self._wait(lambda: self._view is not None, timeout)

    def wait_properties(self, timeout: float) -> bool:
        """True once the properties have been read (False when `timeout` ran out)."""
        return self._wait(lambda: self._props is not None, timeout)

    def refresh_properties(self) -> None:
        """Asks the property thread for a read now (it does not wait for it)."""
        self._wake_properties.set()

    # ---- the connect thread -------------------------------------------------------------------------
    def _open(self) -> bool:
        cluster = None
        try:
            cluster = self._connect()
            view = cluster.live_view()
        except Exception as exc:
            self.connect_failures += 1
            self._failed("connect", exc)
            if cluster is not None:
                cluster.close()
            return False
        now = time.time()
        with self._lock:
            self._cluster, self._view = cluster, view
            self.cluster_name = cluster.name
            self.connects += 1
            self.last_sync, self.stale_since = now, None
            self._resyncs_logged = (float("-inf"), 0)
        log.info("connected to cluster %s", cluster.name)
        self._wake_properties.set()
        return True

    def _failed(self, where: str, exc: BaseException) -> None:
        """Records a failure: the last error (served as clusapi_exporter_last_error_info) and a log line."""
        info = error_info(exc, where)
        self.last_error, self.last_error_info = exc, info
        log.warning("%s failed: %s (Win32 code %d): %s", where, info.function, info.code, info.message)

    def _connect_loop(self) -> None:
        delay = self._retry[0]
        while not self._stop.is_set():
            if self._view is None:
                if not self._open():
                    self._stop.wait(delay)
                    delay = min(delay * 2, self._retry[1])
                    continue
                delay = self._retry[0]
            self._watch_view()
            self._stop.wait(_WATCH)

    def _drop_view(self) -> None:
        """Closes the view and the cluster: the connect loop opens them again."""
        with self._lock:
            view, cluster, self._cluster, self._view = self._view, self._cluster, None, None
        if view is not None:
            self._count_closed(view)
            view.close()
        if cluster is not None:
            cluster.close()

    def _count_closed(self, view: typing.Any) -> None:
        try:
            self._events_before += view.events_applied
            self._resyncs_before += view.resyncs
        except ValueError:                      # already closed: its counts are gone
            pass

    def _watch_view(self) -> None:
        view = self._view
        if view is None:
            return
        if view.closed:                         # closed under us: open everything again
            log.warning("the live view closed; opening the cluster again")
            self._drop_view()
            return
        now = time.time()
        try:
            stale, resyncs = view.stale, view.resyncs
        except ValueError:                      # closed just now: seen on the next turn
            return
        logged_at, logged_count = self._resyncs_logged
        if resyncs > logged_count and now - logged_at >= RESYNC_LOG_EVERY:
            log.warning("the live view re-read the whole cluster %d time(s) since the last such line (%d since "
                        "it was opened)", resyncs - logged_count, resyncs)
            self._resyncs_logged = (now, resyncs)
        if stale:
            if self.stale_since is None:
                self.stale_since = now
            elif now - self.stale_since >= self._stale_after:
                cause = getattr(view, "last_error", None)      # why it is stale (its port failing, say)
                if isinstance(cause, BaseException):
                    self._failed("the live view", cause)
                # Stale too long (its port keeps failing): open it all again, and wait twice as long
                # before the next such reopen unless the view becomes current meanwhile.
                log.warning("the live view has been stale for %.0f s; opening the cluster again (next such "
                            "reopen after %.0f s at the earliest)", now - self.stale_since,
                            min(self._stale_after * 2, self._stale_bound[1]))
                self._stale_after = min(self._stale_after * 2, self._stale_bound[1])
                self.stale_reconnects += 1
                self._drop_view()
        else:
            self.stale_since = None
            self.last_sync = now
            self._stale_after = self._stale_bound[0]

    # ---- the property thread -------------------------------------------------------------------------
    def _property_loop(self) -> None:
        while not self._stop.is_set():
            self._wake_properties.wait(self.property_interval)
            self._wake_properties.clear()
            if self._stop.is_set():
                return
            cluster = self._cluster
            if cluster is None or (self._reading is not None and self._reading.is_alive()):
                continue
            reader = threading.Thread(target=self._read_properties, args=(cluster,),
                                      name="clusapi-exporter-property-read", daemon=True)
            self._reading = reader
            reader.start()
            reader.join(self.property_budget)
            if reader.is_alive():
                self.property_overruns += 1

    def _read_properties(self, cluster: Cluster) -> None:
        """One property read, then its series prepared.  Any exception is counted and logged
        (never lost with the thread): a failed read keeps the last properties served."""
        started = time.monotonic()
        try:
            values = pm.property_values(cluster.snapshot(properties=True))
            volumes = tuple(cluster.shared_volumes())
        except Exception as exc:
            self.property_failures += 1
            self._failed("property read", exc)
            return
        self.property_duration = time.monotonic() - started
        new = _Properties(values, volumes, time.time(), self._props_generation + 1)
        try:
            # Built and rendered here, before they are served: no scrape pays for a property read.
            for _, part in self._build(self.states(), new):
                if part.head is None:           # an owner part is its lines already
                    part.rendered("openmetrics")
                    part.rendered("text")
                    part.release_families()     # made again if asked for (families()): memory
        except Exception as exc:
            self.property_failures += 1
            self._failed("property rendering", exc)
            return
        self._props_generation = new.generation
        self._props = new
        self._assembled = (None, None, [])      # lets the parts of the previous properties go
        self.property_refreshes += 1

    # ---- what a scrape reads --------------------------------------------------------------------------
    def status(self) -> pm.Status:
        view = self._view
        stale = bool(view is not None and not view.closed and self.stale_since is not None)
        events = resyncs = 0
        if view is not None and not view.closed:
            try:
                events, resyncs = view.events_applied, view.resyncs
            except ValueError:                  # closed just now
                pass
        now = time.time()
        ages: typing.Dict[str, float] = {}
        if self.last_sync is not None:
            ages["states"] = 0.0 if (view is not None and not stale) else max(0.0, now - self.last_sync)
        if self._props is not None:
            ages["properties"] = ages["shared_volumes"] = max(0.0, now - self._props.read_at)
        return pm.Status(
            up=view is not None and not stale, connected=view is not None, stale=stale, last_sync=self.last_sync,
            ages=ages, events_applied=self._events_before + events, resyncs=self._resyncs_before + resyncs,
            reconnects=max(0, self.connects - 1), connect_failures=self.connect_failures,
            property_refreshes=self.property_refreshes, property_failures=self.property_failures,
            property_overruns=self.property_overruns, property_duration=self.property_duration,
            round_trips=self._round_trips() if self._round_trips is not None else None, scrapes=self.scrapes,
            last_scrape_duration=self.last_scrape_duration, simulated=self.simulated, cluster=self.cluster_name,
            last_error=self.last_error_info, stale_reconnects=self.stale_reconnects, build=_BUILD)

    def states(self) -> typing.Optional[Snapshot]:
        """The live view's current snapshot (memory only), or None before the first connection."""
        view = self._view
        if view is None:
            return self._last_states
        try:
            snap: Snapshot = view.snapshot()
        except ValueError:                      # closed under us: the last one we had
            return self._last_states
        self._last_states = snap
        return snap

    _last_states: typing.Optional[Snapshot] = None

    def _node_status(self) -> typing.Dict[str, NodeStatus]:
        """The live view's node statuses (memory only; {} without a view)."""
        view = self._view
        if view is None:
            return {}
        try:
            statuses: typing.Dict[str, NodeStatus] = view.node_status
        except ValueError:                      # closed under us
            return {}
        return statuses

    def _node_status_key(self) -> typing.Tuple[typing.Tuple[str, typing.Optional[int], typing.Optional[int]], ...]:
        return tuple(sorted((name, st.drain_status, st.status_information) for name, st in self._node_status().items()))

    def _parts(self, states: typing.Optional[Snapshot], props: typing.Optional[_Properties]) -> typing.List[
            typing.Tuple[str, object, typing.Callable[[], typing.Union[typing.List[pm.Family], "_Part"]]]]:
        """(slot, key, build) per part of the answer: a part is built again only when its key changed
        (a group's state change rebuilds the group state series, not the 2 million owner series of a
        64-node, 24 000-resource cluster)."""
        parts: typing.List[typing.Tuple[str, object, typing.Callable[[], typing.Union[typing.List[pm.Family], _Part]]]] = []
        generation = props.generation if props is not None else 0
        if states is not None:
            s = states
            types = self._types(props)
            nodes = tuple(n.name for n in s.nodes)
            groups = tuple((g.name, g.owner_node) for g in s.groups)
            resources = tuple((r.name, r.group, r.owner_node) for r in s.resources)
            parts += [
                ("node_state", tuple(s.nodes), lambda: [pm.node_state_family(s)]),
                ("group_state", tuple((g.name, g.state) for g in s.groups), lambda: [pm.group_state_family(s)]),
                ("group_owner", (nodes, groups), self._owner_rows(
                    "group_owner", pm.GROUP_OWNER, nodes, [((), g.name, g.owner_node) for g in s.groups],
                    lambda: [pm.group_owner_family(s, self.every_node)])),
                ("network_state", tuple(s.networks), lambda: [pm.network_state_family(s)]),
                ("node_status", (generation, nodes, self._node_status_key()),
                 lambda: pm.node_status_families(s, self._node_status(), props.values if props is not None
                                                 else None)),
            ]
            if props is not None:
                # The resource series carry the resource's type, which comes with the properties: they
                # are served from the first property read on, so that none changes labels at start-up
                # (and the largest part is not built twice).
                parts += [
                    ("resource_state", (generation, tuple((r.name, r.group, r.state) for r in s.resources)),
                     lambda: [pm.resource_state_family(s, types)]),
                    ("resource_owner", (generation, nodes, resources), self._owner_rows(
                        "resource_owner", pm.RESOURCE_OWNER, nodes,
                        [((("type", types.get(r.name, "")), ("owner_group", r.group)), r.name, r.owner_node)
                         for r in s.resources], lambda: [pm.resource_owner_family(s, types, self.every_node)])),
                ]
                p = props
                in_groups = tuple((r.name, r.group) for r in s.resources)
                parts.append(("properties", (generation, in_groups), lambda: pm.property_families(
                    p.values, dict(in_groups), types)))
        if props is not None:
            p2 = props
            parts.append(("volumes", generation, lambda: pm.volume_families(p2.volumes)))
        return parts

    def _owner_rows(self, slot: str, family: typing.Tuple[str, str], nodes: typing.Tuple[str, ...],
                    rows: typing.List[typing.Tuple[typing.Tuple[typing.Tuple[str, str], ...], str, str]],
                    families: typing.Callable[[], typing.List[pm.Family]]) -> typing.Callable[[], "_Part"]:
        """The build of an owner part: its text made of blocks of objects' lines (see _BLOCK_MASK),
        each kept from the part before while its objects' labels and owners are unchanged (a
        failover re-renders the blocks of the group and its resources, not the 24 000 others)."""
        def build() -> _Part:
            previous = self._rows_last.get(slot)
            kept = previous.rows if (previous is not None and previous.rows_for == (nodes, self.every_node)) else {}
            made: typing.Dict[object, Deflated] = {}
            escaped = [pm.escape(node) for node in nodes]

            def close(block: typing.List[typing.Tuple[typing.Any, str, str]]) -> None:
                key = tuple(block)
                lines = kept.get(key)
                # Held deflated only (about 30 times smaller: the bulk of a large cluster's
                # answer); a gzip scrape sends it as it is, a plain one inflates it when sending.
                made[key] = lines if lines is not None else deflate(pm.encode("".join(
                    pm.owner_lines(family[0], prefix, name, owner, nodes, self.every_node, escaped)
                    for prefix, name, owner in block)))
            block: typing.List[typing.Tuple[typing.Any, str, str]] = []
            for row in rows:
                if block and not hash(row[1]) & _BLOCK_MASK:
                    close(block)
                    block = []
                block.append(row)
            if block:
                close(block)
            # Kept as the blocks, not joined: a scrape sends them as they are (no second copy).
            part = _Part(None, families, None, made, (nodes, self.every_node), pm.encode(pm.header(*family)))
            self._rows_last[slot] = part
            return part
        return build

    def _types(self, props: typing.Optional[_Properties]) -> typing.Dict[str, str]:
        generation = props.generation if props is not None else 0
        memo_generation, types = self._types_memo
        if memo_generation != generation:
            types = props.values.types if props is not None else {}
            self._types_memo = (generation, types)
        return types

    def _build(self, states: typing.Optional[Snapshot],
               props: typing.Optional[_Properties]) -> typing.List[typing.Tuple[str, "_Part"]]:
        """The parts for these snapshots, each from the cache when its key is unchanged.  Builds run
        without the lock (two threads may build the same part; either result is right)."""
        out = []
        for slot, key, build in self._parts(states, props):
            part = self._cache.get(slot, {}).get(key)
            if part is None:
                built = build()
                part = built if isinstance(built, _Part) else _Part(key, built, remake=build)
                part.key = key
                with self._cache_lock:
                    parts = self._cache.setdefault(slot, {})
                    parts[key] = part
                    # the newest two of a slot (the one served, the one prepared); one of an owner
                    # part, the largest by far (the next one keeps its unchanged lines anyway)
                    while len(parts) > (1 if part.head is not None else 2):
                        del parts[next(iter(parts))]
            out.append((slot, part))
        return out

    def _current(self) -> typing.List[typing.Tuple[str, "_Part"]]:
        """The parts of the answer now."""
        states, props = self.states(), self._props
        assembled = self._assembled
        if states is assembled[0] and props is assembled[1]:
            return assembled[2]
        out = self._build(states, props)
        self._assembled = (states, props, out)
        return out

    def _assembled_part(self, slot: str) -> typing.Optional["_Part"]:
        """The part of `slot` in the last answer (for tests)."""
        return next((part for name, part in self._assembled[2] if name == slot), None)

    def cluster_families(self) -> typing.List[pm.Family]:
        """The cluster's families, from the snapshots held now (no call into the cluster)."""
        return [f for _, part in self._current() for f in part.families]

    def render(self, fmt: str = "text") -> bytes:
        """The answer to a scrape: "text" (Prometheus 0.0.4) or "openmetrics" (1.0.0)."""
        return b"".join(plain(self.chunks(fmt)))

    def chunks(self, fmt: str = "text") -> typing.List[Chunk]:
        """render()'s answer as the pieces held in memory, each the same object from one scrape
        to the next while unchanged (an owner part gives its blocks, held deflated): a server may
        send them one after the other without joining them, and compress each once
        (monitor/deflate.py)."""
        started = time.perf_counter()
        chunks = [chunk for _, part in self._current() for chunk in part.chunks(fmt)]
        self.scrapes += 1
        chunks.append(_render(pm.self_families(self.status()), fmt))
        if self._process is not None:
            chunks.append(_render_metrics(list(self._process.collect()), fmt))
        if fmt == "openmetrics":
            chunks.append(_EOF)
        self.last_scrape_duration = time.perf_counter() - started
        return chunks

    def families(self) -> typing.List[pm.Family]:
        """Everything a scrape answers, as families (render() is what a scrape sends)."""
        return self.cluster_families() + pm.self_families(self.status())


# ---- rendering ---------------------------------------------------------------------------------
class _Part:
    """One part of the answer: its key, its families and their rendering per format (made once;
    one rendering serves both formats where they are alike).  An owner part is made as text: a
    header and its objects' lines in blocks held deflated (`head`, `rows`), sent as they are, and
    makes its families only when asked."""

    def __init__(self, key: object, families: typing.Union[typing.List[pm.Family],
                                                           typing.Callable[[], typing.List[pm.Family]]],
                 rendered: typing.Optional[typing.Dict[str, bytes]] = None,
                 rows: typing.Optional[typing.Dict[object, Deflated]] = None, rows_for: object = None,
                 head: typing.Optional[bytes] = None,
                 remake: typing.Optional[typing.Callable[[], typing.Any]] = None) -> None:
        self.key = key
        self._families = families
        self._remake = remake
        self._rendered: typing.Dict[str, bytes] = rendered or {}
        self.rows: typing.Dict[object, Deflated] = rows or {}
        self.rows_for = rows_for
        self.head = head

    @property
    def families(self) -> typing.List[pm.Family]:
        if callable(self._families):
            self._families = self._families()
        return self._families

    def release_families(self) -> None:
        """Drops the families once rendered (made again by `remake` when asked for)."""
        if self._remake is not None:
            self._families = self._remake

    def chunks(self, fmt: str) -> typing.List[Chunk]:
        if self.head is not None:
            return [self.head, *self.rows.values()] if self.rows else []
        return [self.rendered(fmt)]

    def rendered(self, fmt: str) -> bytes:
        if self.head is not None:
            return b"".join(plain(self.chunks(fmt)))
        text = self._rendered.get(fmt)
        if text is None:
            families = self.families
            if all(f.type == "gauge" and '"' not in f.help for f in families):     # alike in both formats
                text = self._rendered.get("openmetrics" if fmt == "text" else "text")
            if text is None:
                text = _render(families, fmt)
            self._rendered[fmt] = text
        return text


def _build_info() -> typing.Tuple[str, str, str]:
    try:
        cffi_version = importlib.metadata.version("cffi")
    except importlib.metadata.PackageNotFoundError:     # pragma: no cover - cffi is the run-time dependency
        cffi_version = ""
    return _version.__version__, platform.python_version(), cffi_version


_BUILD = _build_info()


def _client_family(family: pm.Family) -> "Metric":
    metric: Metric
    if family.type == "counter":
        metric = CounterMetricFamily(family.name, family.help, labels=family.labels)
    else:
        metric = GaugeMetricFamily(family.name, family.help, labels=family.labels)
    for labels, value in family.samples:
        metric.add_metric(labels, value)
    return metric


class _Families:
    """What prometheus_client's formatters read: a collector of ready metrics."""

    def __init__(self, metrics: typing.List["Metric"]) -> None:
        self.metrics = metrics

    def collect(self) -> typing.Iterator["Metric"]:
        return iter(self.metrics)


def _render(families: typing.List[pm.Family], fmt: str) -> bytes:
    """Families in a format, by prometheus_client (OpenMetrics without its closing "# EOF").  A label
    value UTF-8 cannot encode (an unpaired surrogate) is served with U+FFFD in its place.  Gauges
    (every cluster family) are written by prometheus.gauge_text, in one pass."""
    shown = [f for f in families if f.samples]
    if all(f.type == "gauge" for f in shown):
        labels: typing.Dict[typing.Tuple[pm.Labels, pm.Labels], str] = {}
        return pm.encode("".join(pm.gauge_text(f, fmt == "openmetrics", labels) for f in shown))
    try:
        return _render_metrics([_client_family(f) for f in shown], fmt)
    except UnicodeEncodeError:
        return _render_metrics([_client_family(pm.safe_family(f)) for f in families if f.samples], fmt)


def _render_metrics(metrics: typing.List["Metric"], fmt: str) -> bytes:
    source = typing.cast(Collector, _Families(metrics))
    if fmt == "openmetrics":
        text: bytes = openmetrics.exposition.generate_latest(source)  # type: ignore[no-untyped-call]
        return text[:-6] if text.endswith(b"# EOF\n") else text
    return exposition.generate_latest(source)
