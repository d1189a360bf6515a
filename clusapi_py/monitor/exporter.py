"""The Prometheus exporter: a live view for the states, a background thread
for the properties, and an HTTP server whose scrapes read only memory.

    exporter = Exporter(lambda: open_cluster(backend=...), property_interval=60)
    exporter.start()                       # returns at once, connected or not
    server = serve(exporter, "127.0.0.1", 9882)
    ...
    server.close(); exporter.stop()

Threads:
* "connect": opens the cluster and its live view, retrying with backoff
  (1 s doubling to 30 s) until it succeeds -- the exporter serves (its
  self-metrics, up=0) meanwhile; then watches the view (stale since when,
  last current) and opens it again if the view closes under it.
* "properties": every `property_interval` seconds, `snapshot(properties=True)`
  and `shared_volumes()` on a worker, waited for at most `property_budget`
  seconds (an overrun is counted; its result is still taken when it comes,
  and no second read starts while one runs).
* the HTTP server's threads: a scrape builds its families from the immutable
  snapshots held now (memoized per snapshot), never calling the cluster.

While the view is stale the last known values are served, with
clusapi_exporter_view_stale 1 and their age in clusapi_exporter_data_age_seconds.
(CSV state comes from `shared_volumes()` on the property interval: per-node
CSV states from events are not used yet.)
"""
import threading
import time
import typing

from ..handles import Cluster
from ..records import SharedVolume
from ..snapshot import Snapshot
from . import prometheus as pm

try:                                            # the optional extra: clusapi_py[exporter]
    import prometheus_client
    from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
    from prometheus_client.registry import Collector, CollectorRegistry
except ImportError:                             # pragma: no cover - depends on the installation
    prometheus_client = None  # type: ignore[assignment]

MISSING = ("the exporter needs prometheus_client: pip install \"clusapi_py[exporter]\" "
           "(or pip install prometheus_client)")
DEFAULT_PORT = 9882
RETRY_FIRST, RETRY_MAX = 1.0, 30.0
_WATCH = 0.25


def available() -> bool:
    return prometheus_client is not None


class _Properties(typing.NamedTuple):
    snapshot: Snapshot
    volumes: typing.Tuple[SharedVolume, ...]
    read_at: float                  # time.time()


class Exporter:
    """The state behind /metrics (see the module docstring)."""

    def __init__(self, connect: typing.Callable[[], Cluster], *, property_interval: float = 60.0,
                 property_budget: typing.Optional[float] = None, simulated: bool = False,
                 round_trips: typing.Optional[typing.Callable[[], int]] = None,
                 retry_first: float = RETRY_FIRST, retry_max: float = RETRY_MAX) -> None:
        self._connect = connect
        self.property_interval = property_interval
        self.property_budget = property_budget if property_budget is not None else max(1.0, property_interval / 2)
        self.simulated = simulated
        self._round_trips = round_trips
        self._retry = (retry_first, retry_max)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake_properties = threading.Event()
        self._cluster: typing.Optional[Cluster] = None
        self._view: typing.Any = None
        self._props: typing.Optional[_Properties] = None
        self._reading: typing.Optional[threading.Thread] = None
        self._threads: typing.List[threading.Thread] = []
        self._memo: typing.Tuple[object, object, typing.List[pm.Family]] = (None, None, [])
        self.cluster_name = ""
        self.last_error: typing.Optional[BaseException] = None
        self.connects = self.connect_failures = 0
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

    def wait_connected(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._view is not None:
                return True
            time.sleep(0.01)
        return False

    def wait_properties(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._props is not None:
                return True
            time.sleep(0.01)
        return False

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
            self.last_error = exc
            self.connect_failures += 1
            if cluster is not None:
                cluster.close()
            return False
        now = time.time()
        with self._lock:
            self._cluster, self._view = cluster, view
            self.cluster_name = cluster.name
            self.connects += 1
            self.last_sync, self.stale_since = now, None
        self._wake_properties.set()
        return True

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

    def _watch_view(self) -> None:
        view = self._view
        if view is None:
            return
        if view.closed:                         # closed under us: open everything again
            with self._lock:
                cluster, self._cluster, self._view = self._cluster, None, None
            if cluster is not None:
                cluster.close()
            return
        now = time.time()
        if view.stale:
            if self.stale_since is None:
                self.stale_since = now
        else:
            self.stale_since = None
            self.last_sync = now

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
        started = time.monotonic()
        try:
            snap = cluster.snapshot(properties=True)
            volumes = tuple(cluster.shared_volumes())
        except Exception as exc:
            self.last_error = exc
            self.property_failures += 1
            return
        self.property_duration = time.monotonic() - started
        self._props = _Properties(snap, volumes, time.time())
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
            last_scrape_duration=self.last_scrape_duration, simulated=self.simulated, cluster=self.cluster_name)

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

    def cluster_families(self) -> typing.List[pm.Family]:
        """The cluster's families, from the snapshots held now (built once per pair of snapshots)."""
        states, props = self.states(), self._props
        memo_states, memo_props, families = self._memo
        if states is memo_states and props is memo_props:
            return families
        families = []
        if states is not None:
            types = pm.resource_types(props.snapshot if props is not None else None)
            families += pm.state_families(states, types)
            if props is not None:
                groups = {r.name: r.group for r in states.resources}
                families += pm.property_families(props.snapshot, groups, types)
        if props is not None:
            families += pm.volume_families(props.volumes)
        self._memo = (states, props, families)
        return families

    def families(self) -> typing.List[pm.Family]:
        """Everything a scrape answers."""
        started = time.perf_counter()
        out = self.cluster_families()
        out = out + pm.self_families(self.status())
        self.scrapes += 1
        self.last_scrape_duration = time.perf_counter() - started
        return out


# ---- prometheus_client ----------------------------------------------------------------------------------
def _client_family(family: pm.Family) -> "Metric":
    metric: Metric
    if family.type == "counter":
        metric = CounterMetricFamily(family.name, family.help, labels=family.labels)
    else:
        metric = GaugeMetricFamily(family.name, family.help, labels=family.labels)
    for labels, value in family.samples:
        metric.add_metric(labels, value)
    return metric


class _Collector:
    """A prometheus_client collector over an Exporter (no cluster call in collect())."""

    def __init__(self, exporter: Exporter) -> None:
        self.exporter = exporter
        self._memo: typing.Tuple[object, typing.List["Metric"]] = (None, [])

    def collect(self) -> typing.Iterator["Metric"]:
        exporter = self.exporter
        started = time.perf_counter()
        cluster = exporter.cluster_families()
        memo_key, metrics = self._memo
        if memo_key is not cluster:
            metrics = [_client_family(f) for f in cluster]
            self._memo = (cluster, metrics)
        yield from metrics
        exporter.scrapes += 1
        for family in pm.self_families(exporter.status()):
            yield _client_family(family)
        exporter.last_scrape_duration = time.perf_counter() - started


def registry(exporter: Exporter) -> "CollectorRegistry":
    """A registry holding only the exporter's collector (no process/platform metrics)."""
    if prometheus_client is None:
        raise RuntimeError(MISSING)
    reg = CollectorRegistry(auto_describe=False)
    reg.register(typing.cast(Collector, _Collector(exporter)))
    return reg


class Server:
    """The HTTP server answering /metrics (Prometheus text, OpenMetrics when asked)."""

    def __init__(self, httpd: typing.Any, thread: threading.Thread) -> None:
        self._httpd = httpd
        self._thread = thread
        self.address: typing.Tuple[str, int] = httpd.server_address[:2]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)


def serve(exporter: Exporter, host: str, port: int) -> Server:
    """Starts the HTTP server on host:port (port 0: a free one); OSError when it cannot listen."""
    if prometheus_client is None:
        raise RuntimeError(MISSING)
    httpd, thread = prometheus_client.start_http_server(port, addr=host, registry=registry(exporter))
    return Server(httpd, thread)
