"""The `exporter` benchmark group (bench/run.py --only exporter): what a
Prometheus scrape of `clusapi exporter` costs on a large simulated cluster,
against what a polling exporter pays on every scrape (a full
snapshot(properties=True) plus the CSVs).

- backend round trips per scrape (target: 0);
- scrape latency over HTTP: steady (nothing changed since the last scrape),
  and the first scrape after a change (the families are rebuilt);
- the size of the answer (series, bytes), and gzipped (bytes, scrape times);
- `clusapi --sim TOPOLOGY exporter` as its own process: the delay from its
  start to the first scrape with the states, and with the property series,
  and its resident memory then (peak and current; the simulated cluster
  lives in that process too, so its memory is counted: a real exporter's
  would be less).
Printed and recorded, never asserted.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
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


def _memory_kib(pid):
    """(VmHWM, VmRSS) of a process in KiB, from /proc (None where there is no /proc)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except OSError:
        return None, None
    return tuple(int(fields[k].split()[0]) if k in fields else None for k in ("VmHWM", "VmRSS"))


def _poll(url, until, deadline):
    while time.monotonic() < deadline:
        try:
            _, body = _get(url)
        except OSError:
            body = b""
        if until(body):
            return body
        time.sleep(0.05)
    raise TimeoutError("no answer with what was awaited from %s" % url)


def exporter_process(topology, owner_series="all", budget=900.0):
    """`clusapi --sim TOPOLOGY exporter` in a process of its own: seconds from its start to the
    first scrape with the states (up 1) and with the property series, the scrape's time and size,
    and its memory (KiB) at that point."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "topology.json")
        with open(path, "w") as f:
            json.dump(topology, f)
        started = time.monotonic()
        # cwd: the temporary directory, so that `-m clusapi_py` imports the installed package, never a
        # source tree's (which has no compiled extension) from the current directory.
        errors = open(os.path.join(tmp, "stderr.txt"), "w+")
        proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", path, "exporter", "--listen",
                                 "127.0.0.1:0", "--owner-series", owner_series, "--property-interval", "86400"],
                                stdout=subprocess.PIPE, stderr=errors, text=True, cwd=tmp)
        try:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/metrics", proc.stdout.readline())
            if found is None:
                proc.wait(60)
                errors.seek(0)
                raise RuntimeError("the exporter did not start:\n" + errors.read()[-2000:])
            url = "http://127.0.0.1:%s/metrics" % found.group(1)
            deadline = started + budget
            _poll(url, lambda body: b"\nclusapi_exporter_up 1.0" in body, deadline)
            states_s = time.monotonic() - started
            _poll(url, lambda body: b"windows_mscluster_resourcegroup_priority{" in body, deadline)
            properties_s = time.monotonic() - started
            scrape_s, body = _get(url)
            peak, rss = _memory_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(60)
            errors.close()
    return {"first_states_scrape_s": states_s, "first_full_scrape_s": properties_s, "scrape_s": scrape_s,
            "bytes": len(body), "peak_rss_mib": peak / 1024 if peak else None, "rss_mib": rss / 1024 if rss else None}


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
    topology = sim.generate(nodes, groups, rpg, shared_volumes=8)
    for series in ("all", "owner"):
        log("exporter: its own process (--owner-series %s)" % series)
        out["process_" + series] = exporter_process(topology, series)
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
    if out["process_all"]["peak_rss_mib"] is not None:
        R.target("exporter", "RSS <= 400 MB with the default owner series (all)", "%.0f MiB peak, %.0f MiB after the "
                 "first full scrape" % (out["process_all"]["peak_rss_mib"], out["process_all"]["rss_mib"]),
                 out["process_all"]["peak_rss_mib"] <= 400 * 1e6 / 2**20)
    for series in ("all", "owner"):
        print("  its own process, --owner-series %s: first scrape with the states %.1f s after start, with the "
              "properties %.1f s; that scrape %.2f s, %d bytes; RSS %s MiB peak, %s MiB then" % (
                  series, out["process_" + series]["first_states_scrape_s"],
                  out["process_" + series]["first_full_scrape_s"], out["process_" + series]["scrape_s"],
                  out["process_" + series]["bytes"], _mib(out["process_" + series]["peak_rss_mib"]),
                  _mib(out["process_" + series]["rss_mib"])), flush=True)
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


def _mib(value):
    return "%.0f" % value if value is not None else "?"
