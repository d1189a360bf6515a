"""Shared by the exporter tests: an exporter over a simulator, served on a free loopback port."""
import contextlib
import time
import urllib.request

import clusapi_py
from clusapi_py.monitor.exporter import Exporter
from clusapi_py.monitor.http import serve
from clusapi_py.sim import SimulatedCluster


def wait_for(predicate, timeout=10.0, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


@contextlib.contextmanager
def serving(sim=None, web=None, limits=None, **kwargs):
    """(sim, exporter, server) on a free loopback port (`web`, `limits`: serve()'s)."""
    sim = sim if sim is not None else SimulatedCluster()
    kwargs.setdefault("simulated", True)
    kwargs.setdefault("round_trips", sim.round_trips)
    # Opened by name, as over RPC: the simulator's broken connections reach it.
    exporter = Exporter(lambda: clusapi_py.open_cluster("CLUSTER01", backend=sim), **kwargs).start()
    server = serve(exporter, "127.0.0.1", 0, web=web, limits=limits)
    try:
        yield sim, exporter, server
    finally:
        server.close()
        exporter.stop()


@contextlib.contextmanager
def running(sim=None, **kwargs):
    """(sim, exporter, "http://127.0.0.1:PORT/metrics")."""
    with serving(sim, **kwargs) as (sim, exporter, server):
        yield sim, exporter, server.url


def scrape(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Type"), response.read().decode("utf-8")


def samples(text):
    """{(name, frozenset of label pairs): value} from the text format (labels without escapes)."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, value = line.rpartition(" ")
        name, _, rest = head.partition("{")
        labels = frozenset()
        if rest:
            pairs = [p.split("=", 1) for p in rest.rstrip("}").split('",') if p]
            labels = frozenset((k.strip(","), v.strip('"')) for k, v in pairs)
        out[(name, labels)] = float(value)
    return out


def value(text, metric, **labels):
    want = frozenset(labels.items())
    found = [v for (n, ls), v in samples(text).items() if n == metric and want <= ls]
    assert len(found) == 1, (metric, labels, found)
    return found[0]
