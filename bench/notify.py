"""The notification benchmarks of bench/run.py (`--only notify`):

  a. quiet cycles: round trips per view.snapshot() with nothing changing,
     against c.snapshot() on the same cluster;
  b. change to view: a change made through the simulator, until it is
     visible in view.snapshot(): median and p99;
  c. throughput: events applied per second by the live view under a
     sustained stream, and the C floor of reading the same number of events
     from a port (cs_bench_notify_floor);
  d. a day in the life: polling snapshots vs the live view, 1 % of the
     groups changing per cycle, 0.5 ms per round trip;
  e. memory: RSS growth over many events applied, no handle left open;
  f. a port that fails: round trips and full reads per minute while
     GetClusterNotifyV2 fails with 1722 (RPC_S_SERVER_UNAVAILABLE) for a
     minute, on 4 nodes x 200 groups, and the time until the view is current
     again once it works.  Full run: 60 s of real time; --quick: the view's
     backoff policy compressed 20x (events.live._Policy(scale=0.05)), so 3 s
     stand for the minute and the figures are per policy-minute.
"""
import gc
import statistics
import time

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import ffi, lib
from clusapi_py.events import live

FULL = dict(groups=1000, rpg=3, nodes=4, latency_samples=300, stream=200_000, day_groups=1000, day_rpg=1,
            day_cycles=20, day_latency=0.0005, mem_events=1_000_000, storm_scale=1.0)
QUICK = dict(groups=50, rpg=3, nodes=2, latency_samples=30, stream=5_000, day_groups=20, day_rpg=1,
             day_cycles=3, day_latency=0.0005, mem_events=10_000, storm_scale=0.05)


def _cluster(nodes, groups, rpg):
    return sim.SimulatedCluster(sim.generate(nodes=nodes, groups=groups, resources_per_group=rpg))


def _toggle(s, name, i):
    s.set_group_state(name, ("FAILED", "ONLINE")[i % 2])


def _stream(s, name, n):
    """n state changes straight through the control API (no Python wrapper per call),
    so that the producer costs little beside the view it feeds."""
    wname = ffi.new("cs_char[]", name)
    set_state, sim_id, kind = lib.cs_sim_set_state, s._id, lib.CS_KIND_GROUP
    for i in range(n):
        set_state(sim_id, kind, wname, 2 if i % 2 == 0 else 0)


def bench_notify(cfg_name, R, rss_bytes, log):
    c = QUICK if cfg_name == "quick" else FULL
    out = R.data["notify"] = {"config": c}
    s = _cluster(c["nodes"], c["groups"], c["rpg"])
    group = s.topology["groups"][1]["name"]
    with clusapi_py.open_cluster(backend=s) as cl, cl.live_view() as view:
        # a. quiet cycles
        trips = s.round_trips()
        calls = s.calls()
        for _ in range(100):
            view.snapshot()
        quiet = {"view_round_trips_per_snapshot": (s.round_trips() - trips) / 100.0,
                 "view_calls_per_snapshot": (s.calls() - calls) / 100.0}
        trips = s.round_trips()
        cl.snapshot()
        quiet["poll_round_trips_per_snapshot"] = s.round_trips() - trips
        out["quiet"] = quiet
        R.target("notify", "round trips per view.snapshot() while nothing changes: 0",
                 "%g (c.snapshot(): %d)" % (quiet["view_round_trips_per_snapshot"],
                                            quiet["poll_round_trips_per_snapshot"]),
                 quiet["view_round_trips_per_snapshot"] == 0 and quiet["view_calls_per_snapshot"] == 0)
        log("notify: quiet %s" % quiet)

        # b. change to view
        lat = []
        for i in range(c["latency_samples"]):
            want = clusapi_py.GroupState.FAILED if i % 2 == 0 else clusapi_py.GroupState.ONLINE
            _toggle(s, group, i)
            t0 = time.perf_counter()
            while True:
                snap = view.snapshot()
                if next(g.state for g in snap.groups if g.name == group) is want:
                    break
            lat.append(time.perf_counter() - t0)
        lat.sort()
        med, p99 = statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        out["change_to_view"] = {"median_s": med, "p99_s": p99, "samples": len(lat)}
        R.target("notify", "change to view: median <= 1 ms, p99 <= 10 ms",
                 "median %.3f ms, p99 %.3f ms" % (med * 1e3, p99 * 1e3), med <= 0.001 and p99 <= 0.010)
        log("notify: change to view median %.3f ms p99 %.3f ms" % (med * 1e3, p99 * 1e3))

        # c. throughput under a sustained stream
        view.flush()
        n = c["stream"]
        applied0 = view.events_applied
        t0 = time.perf_counter()
        _stream(s, group, n)
        produced = time.perf_counter() - t0
        view.flush()
        elapsed = time.perf_counter() - t0
        applied = view.events_applied - applied0
        rate = applied / elapsed
    # the C floor: the same number of events read from a port with fixed buffers
    with clusapi_py.open_cluster(backend=s) as cl:
        port = cl.notifications([clusapi_py.EventKind.GROUP_STATE], version=2)
        _stream(s, group, n)
        floor_s = lib.cs_bench_notify_floor(port._tok(), n)
        port.close()
    floor_rate = n / floor_s if floor_s > 0 else float("nan")
    out["throughput"] = {"events": n, "applied": applied, "seconds": elapsed, "producer_seconds": produced,
                         "events_per_s": rate, "c_floor_events_per_s": floor_rate, "ratio_to_floor": rate / floor_rate}
    R.target("notify", "live view throughput >= 100 000 events/s",
             "%.0f events/s (C floor %.0f/s, ratio %.3f; the producer loop alone %.0f/s)" % (
                 rate, floor_rate, rate / floor_rate, n / produced), rate >= 100_000)
    log("notify: throughput %.0f/s floor %.0f/s" % (rate, floor_rate))
    R.handles("notify (quiet, latency, throughput)", s)
    del s
    gc.collect()

    # d. a day in the life
    s = _cluster(c["nodes"], c["day_groups"], c["day_rpg"])
    names = [g["name"] for g in s.topology["groups"]]
    per_cycle = max(1, len(names) // 100)
    s.latency = c["day_latency"]
    day = {}
    for way in ("poll", "live"):
        with clusapi_py.open_cluster(backend=s) as cl:
            s.reset_calls()
            t0 = time.perf_counter()
            view = cl.live_view() if way == "live" else None
            for cycle in range(c["day_cycles"]):
                for j in range(per_cycle):
                    _toggle(s, names[(cycle * per_cycle + j) % len(names)], cycle)
                if view is None:
                    cl.snapshot()
                else:
                    view.flush()
                    view.snapshot()
            if view is not None:
                view.close()
            day[way] = {"round_trips": s.round_trips(), "seconds": time.perf_counter() - t0}
    out["day"] = dict(day, cycles=c["day_cycles"], groups=c["day_groups"], changes_per_cycle=per_cycle)
    R.target("notify", "a day in the life (%d cycles): round trips and time, live view vs polling" % c["day_cycles"],
             "live %d round trips / %.2f s; polling %d / %.2f s" % (
                 day["live"]["round_trips"], day["live"]["seconds"], day["poll"]["round_trips"],
                 day["poll"]["seconds"]), day["live"]["round_trips"] < day["poll"]["round_trips"])
    R.handles("notify (day in the life)", s)
    del s
    gc.collect()

    # e. memory over many events
    s = _cluster(2, 10, 1)
    with clusapi_py.open_cluster(backend=s) as cl, cl.live_view() as view:
        name = s.topology["groups"][0]["name"]
        warm = min(10_000, c["mem_events"] // 10)
        for i in range(warm):
            _toggle(s, name, i)
        view.flush()
        gc.collect()
        before = rss_bytes()[0]
        for i in range(c["mem_events"]):
            _toggle(s, name, i)
            if i % 10_000 == 0:
                view.flush()
        view.flush()
        gc.collect()
        growth = rss_bytes()[0] - before
    out["memory"] = {"events": c["mem_events"], "rss_growth_bytes": growth}
    R.target("notify", "RSS growth over %d events < 2 MB, no handle left open" % c["mem_events"],
             "%+d KiB" % (growth // 1024), growth < 2_000_000 and R.handles("notify (memory)", s))
    del s
    gc.collect()
    bench_port_storm(c["storm_scale"], R, log)


def bench_port_storm(scale, R, log):
    """f. the live view while its port fails for a (policy-)minute, then recovers."""
    s = _cluster(4, 200, 3)
    minute = 60.0 * scale
    saved = live._POLICY
    live._POLICY = live._Policy(scale=scale)
    try:
        with clusapi_py.open_cluster(backend=s) as cl, cl.live_view() as view:
            view.flush()
            s.fail("GetClusterNotifyV2", 1722, 0xFFFFFFFF)
            trips0, reads0 = s.round_trips(), view.resyncs
            s.set_node_state(s.topology["nodes"][1]["name"], "PAUSED")   # the reader's next call fails
            t0 = time.monotonic()
            while not view.stale and time.monotonic() - t0 < 10:
                time.sleep(0.001)
            time.sleep(max(0.0, minute - (time.monotonic() - t0)))
            trips, reads = s.round_trips() - trips0, view.resyncs - reads0
            stale_for = view.stale_seconds
            s.fail("GetClusterNotifyV2", 1722, 0)
            t1 = time.monotonic()
            while view.stale and time.monotonic() - t1 < minute + 30:
                time.sleep(0.001)
            recovered = time.monotonic() - t1
            current = not view.stale
    finally:
        live._POLICY = saved
    # The fault lasts one (policy-)minute: the counts are the per-minute figures.
    R.data["notify"]["port_storm"] = {
        "scale": scale, "fault_seconds": minute, "round_trips": trips, "full_reads": reads,
        "round_trips_per_minute": trips, "full_reads_per_minute": reads,
        "stale_seconds_at_end": stale_for, "seconds_to_current": recovered, "current_again": current,
        "before_fix": "~870 full reads/s, ~1.6 M round trips/s (issue 23, d2c2fb5)"}
    R.target("notify", "port failing for a minute (4 nodes x 200 groups%s): <= 10 full reads; current again after"
             % ("" if scale == 1.0 else ", backoff compressed %gx" % (1 / scale)),
             "%d full reads, %d round trips; current %.2f s after recovery" % (reads, trips, recovered),
             reads <= 10 and current)
    log("notify: port storm %d round trips, %d full reads, current after %.2f s" % (trips, reads, recovered))
    R.handles("notify (port failing)", s)


def render_notify(R):
    d = R.data.get("notify")
    if not d:
        return []
    q, ctv, tp, day = d.get("quiet", {}), d.get("change_to_view", {}), d.get("throughput", {}), d.get("day", {})
    L = ["", "## Notifications and the live view", "",
         "%d groups x %d resources, %d nodes (a, b, c)." % (d["config"]["groups"], d["config"]["rpg"],
                                                          d["config"]["nodes"]), "",
         "| measure | figure |", "|---|---|"]
    if q:
        L.append("| round trips per `view.snapshot()`, nothing changing | %g (backend calls %g); `c.snapshot()`: %d |" % (
            q["view_round_trips_per_snapshot"], q["view_calls_per_snapshot"], q["poll_round_trips_per_snapshot"]))
    if ctv:
        L.append("| change to view (%d samples) | median %.3f ms, p99 %.3f ms |" % (
            ctv["samples"], ctv["median_s"] * 1e3, ctv["p99_s"] * 1e3))
    if tp:
        L.append("| live view throughput (%d events) | %.0f events/s; C floor %.0f/s; ratio %.3f |" % (
            tp["events"], tp["events_per_s"], tp["c_floor_events_per_s"], tp["ratio_to_floor"]))
    if day:
        L.append("| a day in the life: %d cycles, %d groups, %d changes per cycle, 0.5 ms per round trip | "
                 "polling %d round trips, %.2f s; live view %d round trips, %.2f s |" % (
                     day["cycles"], day["groups"], day["changes_per_cycle"], day["poll"]["round_trips"],
                     day["poll"]["seconds"], day["live"]["round_trips"], day["live"]["seconds"]))
    if d.get("memory"):
        L.append("| RSS growth over %d events | %+d KiB |" % (d["memory"]["events"],
                                                            d["memory"]["rss_growth_bytes"] // 1024))
    st = d.get("port_storm")
    if st:
        L.append("| GetClusterNotifyV2 failing (1722) for a minute, 4 nodes x 200 groups%s | %d round trips, "
                 "%d full reads (before: ~870 full reads/s); current again %.2f s after it works |" % (
                     "" if st["scale"] == 1.0 else " (backoff compressed %gx: %.0f s)" % (1 / st["scale"],
                                                                                          st["fault_seconds"]),
                     st["round_trips"], st["full_reads"], st["seconds_to_current"]))
    return L
