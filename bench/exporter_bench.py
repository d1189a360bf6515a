"""The `exporter` benchmark group (bench/run.py --only exporter): what a
Prometheus scrape of `clusapi exporter` costs on a large simulated cluster,
against what a polling exporter pays on every scrape (a full
snapshot(properties=True) plus the CSVs).

- backend round trips per scrape (target: 0);
- scrape latency over HTTP: steady (nothing changed since the last scrape),
  and the first scrape after a change (the families are rebuilt);
- the size of the answer (series, bytes), and gzipped (bytes, scrape times).
Printed and recorded, never asserted.
"""
import statistics
import time
import urllib.request

import clusapi_py
from clusapi_py import sim

try:
    from clusapi_py.monitor.exporter import Exporter, available
    from clusapi_py.monitor.http import serve
except ImportError:  # pragma: no cover
    available = None


def _get(url, gzipped=False):
    """(seconds, body as sent): with gzipped, as Prometheus asks (Accept-Encoding: gzip)."""
    t0 = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    with urllib.request.urlopen(request, timeout=600) as response:
        body = response.read()
    return time.perf_counter() - t0, body


def _scrapes(s, exporter, url, reps, change=None, gzipped=False):
    """(median seconds, most round trips) of `reps` scrapes, each after change(i) if given."""
    times, trips = [], []
    for i in range(reps):
        if change is not None:
            change(i)
        exporter._view.flush()
        before = s.round_trips()
        t, _ = _get(url, gzipped)
        trips.append(s.round_trips() - before)
        times.append(t)
    return statistics.median(times), max(trips)


def _serve_and_scrape(s, reps, owner_series):
    """The exporter over `s` with --owner-series `owner_series`, scraped over HTTP."""
    out = {}
    exporter = Exporter(lambda: clusapi_py.open_cluster(None, backend=s), property_interval=86400,
                        property_budget=600, simulated=True, round_trips=s.round_trips,
                        owner_series=owner_series).start()
    server = serve(exporter, "127.0.0.1", 0)
    url = "http://127.0.0.1:%d/metrics" % server.address[1]
    try:
        t0 = time.perf_counter()
        exporter.wait_connected(600)
        exporter.wait_properties(600)
        out["start_to_properties_s"] = time.perf_counter() - t0
        out["first_scrape_s"], body = _get(url)
        out["bytes"] = len(body)
        out["series"] = sum(1 for line in body.splitlines() if line and not line.startswith(b"#"))
        groups = [g["name"] for g in s.topology["groups"]]

        def group_failed(i):
            s.set_group_state(groups[2 + i], "FAILED")

        def failover(i):        # the owner series of the group and of its resources are rebuilt
            s.move_group(groups[2 + i], s.topology["nodes"][1 + i % 2]["name"])

        out["steady_scrape_s"], out["round_trips_per_scrape"] = _scrapes(s, exporter, url, reps)
        out["after_change_scrape_s"], changed = _scrapes(s, exporter, url, reps, group_failed)
        out["after_failover_scrape_s"], moved = _scrapes(s, exporter, url, 1, failover)
        # gzip: the first gzipped scrape compresses every part; later ones only what changed.
        out["gzip_first_scrape_s"], zipped = _get(url, True)
        out["gzip_bytes"] = len(zipped)
        out["gzip_percent"] = 100.0 * len(zipped) / max(1, out["bytes"])
        out["gzip_steady_scrape_s"], _ = _scrapes(s, exporter, url, reps, gzipped=True)
        out["gzip_after_change_scrape_s"], _ = _scrapes(s, exporter, url, reps, lambda i: group_failed(reps + i),
                                                        gzipped=True)
        out["round_trips_per_scrape_after_change"] = max(changed, moved)
        out["collect_s"] = exporter.last_scrape_duration
    finally:
        server.close()
        exporter.stop()
    return out


def bench_exporter(cfg, R, log):
    if available is None or not available():
        log("exporter: skipped (prometheus_client is not installed: pip install '.[exporter]')")
        R.data["exporter"] = {"skipped": "prometheus_client missing"}
        return
    nodes, groups, rpg = cfg.get("exporter_size", (64, 8000, 3))
    reps = cfg.get("exporter_reps", 5)
    log("exporter: %d nodes x %d groups x %d resources" % (nodes, groups, rpg))
    s = sim.SimulatedCluster(sim.generate(nodes, groups, rpg, shared_volumes=8))
    out = {"nodes": nodes, "groups": groups, "resources": groups * rpg}

    # What a polling exporter pays per scrape.
    with clusapi_py.open_cluster(None, backend=s) as c:
        times = []
        for _ in range(max(1, reps // 2)):
            s.reset_calls()
            t0 = time.perf_counter()
            c.snapshot(properties=True)
            c.shared_volumes()
            times.append(time.perf_counter() - t0)
            out["poll_round_trips"] = s.round_trips()
        out["poll_s"] = statistics.median(times)

    out.update(_serve_and_scrape(s, reps, "all"))
    owner_only = _serve_and_scrape(sim.SimulatedCluster(sim.generate(nodes, groups, rpg, shared_volumes=8)), reps,
                                   "owner")
    out.update({"owner_only_" + k: v for k, v in owner_only.items()})
    R.handles("exporter", s)
    R.data["exporter"] = out
    R.target("exporter", "backend round trips per scrape: 0", "%d (after a change: %d)" % (
        out["round_trips_per_scrape"], out["round_trips_per_scrape_after_change"]),
        out["round_trips_per_scrape"] == 0 and out["round_trips_per_scrape_after_change"] == 0)
    R.target("exporter", "gzipped body <= 10 % of the text body", "%.1f %%" % out["gzip_percent"],
             out["gzip_percent"] <= 10.0)
    R.target("exporter", "a scrape served from memory <= 1 s (steady, gzipped)", "%.3f s" % out["gzip_steady_scrape_s"],
             out["gzip_steady_scrape_s"] <= 1.0)
    print("exporter: gzip (Accept-Encoding: gzip, as Prometheus asks): %(gzip_bytes)d bytes (%(gzip_percent).1f %% of "
          "the text); first gzipped scrape %(gzip_first_scrape_s).3f s, steady %(gzip_steady_scrape_s).3f s, after a "
          "group state change %(gzip_after_change_scrape_s).3f s" % out, flush=True)
    print("exporter: %(nodes)d nodes, %(groups)d groups, %(resources)d resources; %(series)d series, "
          "%(bytes)d bytes per scrape\n"
          "  round trips per scrape: %(round_trips_per_scrape)d steady, %(round_trips_per_scrape_after_change)d "
          "after a change (a polling exporter: %(poll_round_trips)d)\n"
          "  scrape over HTTP: steady %(steady_scrape_s).3f s, first after a group state change "
          "%(after_change_scrape_s).3f s, after a failover %(after_failover_scrape_s).3f s, first ever "
          "%(first_scrape_s).3f s\n"
          "  vs snapshot(properties=True) + shared_volumes(): %(poll_s).3f s per poll; start to first "
          "properties %(start_to_properties_s).3f s\n"
          "  --owner-series owner: %(owner_only_series)d series, %(owner_only_bytes)d bytes; steady "
          "%(owner_only_steady_scrape_s).3f s, after a group state change %(owner_only_after_change_scrape_s).3f s, "
          "after a failover %(owner_only_after_failover_scrape_s).3f s, first ever %(owner_only_first_scrape_s).3f s; "
          "round trips per scrape %(owner_only_round_trips_per_scrape)d" % out, flush=True)
