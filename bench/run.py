#!/usr/bin/env python3
"""clusapi_py benchmarks, against the built-in simulated cluster.

    python bench/run.py [--quick] [--out DIR]

Writes DIR/bench.md (a Markdown table per benchmark, with its target and
whether it is met), DIR/bench.json (every number, every sample) and, when
matplotlib is importable, DIR/snapshot_scaling.png; prints the Markdown.
DIR defaults to build/bench.

  1. handle churn: this package vs a ctypes binding of the same simulator
     entry points vs the C floor (cs_bench_floor);
  2. snapshot scaling: wall time, backend calls and round trips, bulk path vs
     per-object fallback, package vs C floor;
  3. round trips and wall time with 0.5 ms per round trip;
  4. threads sharing one cluster, 1 ms per round trip;
  5. memory: RSS before/after many open/close cycles and snapshots;
  6. notifications and the live view (bench/notify.py);
  7. properties (bench/props_bench.py) and the Prometheus exporter (bench/exporter_bench.py).
  8. `clusapi status` at scale: round trips, time, output bytes (bench/check_bench.py).

Every figure is the median of several repetitions; the ways being compared
are measured in the same run, interleaved.  --quick is the CI smoke test:
tiny sizes, exit 0 whatever the timings, non-zero only if something crashes
or a simulator still holds open handles at the end.
"""
import argparse
import datetime
import gc
import json
import math
import os
import platform
import statistics
import sys
import threading
import time
import traceback

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import FUNCTION_IDS, ffi, lib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctypes_clusapi  # noqa: E402  (bench/ctypes_clusapi.py)
import notify  # noqa: E402  (bench/notify.py)
import props_bench  # noqa: E402  (bench/props_bench.py: the `props` group)
import exporter_bench  # noqa: E402  (bench/exporter_bench.py: the `exporter` group)
import check_bench  # noqa: E402  (bench/check_bench.py: the `check` group)

MAXIMUM_ALLOWED = 0x02000000
BULK_EXPORTS = ("ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx", "ClusterOpenEnumEx")
# The calls that deliver a group's state (and id) to a snapshot, on either path.
GROUP_STATE_FUNCTIONS = tuple(f for f in ("ClusterGroupOpenEnumEx", "OpenClusterGroupEx", "OpenClusterGroup",
                                          "GetClusterGroupState", "ClusterGroupControl", "CloseClusterGroup")
                              if f in FUNCTION_IDS)

FULL = dict(
    churn_target_s=0.25, churn_reps=7,
    snap_grid=[(n, g) for n in (4, 16, 64) for g in (100, 1000, 8000)], snap_rpg=3,
    snap_min_reps=7, snap_max_reps=31, snap_min_time=1.5,
    lat_nodes=4, lat_groups=1000, lat_rpg=1, lat_latency=0.0005, lat_reps=3,
    thr_counts=[1, 2, 4, 8], thr_latency=0.001, thr_duration=2.0, thr_reps=3,
    mem_cycles=1_000_000, mem_snapshots=10_000, mem_warmup_cycles=10_000, mem_warmup_snapshots=100,
)
QUICK = dict(
    churn_target_s=0.02, churn_reps=3,
    snap_grid=[(2, 10), (4, 50), (8, 200)], snap_rpg=3,
    snap_min_reps=3, snap_max_reps=5, snap_min_time=0.05,
    lat_nodes=2, lat_groups=20, lat_rpg=1, lat_latency=0.0005, lat_reps=1,
    thr_counts=[1, 8], thr_latency=0.001, thr_duration=0.3, thr_reps=1,
    mem_cycles=20_000, mem_snapshots=200, mem_warmup_cycles=1_000, mem_warmup_snapshots=10,
    props_size=(4, 50, 3), props_reps=1, props_parse_iterations=200,
    exporter_size=(4, 50, 3), exporter_reps=2,
    check_sizes=[(4, 50)],
)
# "Linear": time ~ objects^k between the two largest sizes with k <= this.  1.0 is linear, 2.0
# quadratic; the margin allows for cache effects (8x the objects at 1.3x the ns/object is k = 1.13).
LINEAR_SLOPE_LIMIT = 1.15
MEMORY_LIMIT = 2_000_000  # bytes ("< 2 MB", taken as the stricter decimal MB)


# ---- helpers -----------------------------------------------------------------------------------
class Results:
    def __init__(self):
        self.data = {}
        self.targets = []       # dicts: section, target, measured, met
        self.checks = []        # dicts: name, ok, detail
        self.errors = []        # dicts: section, traceback
        self.handle_checks = []  # dicts: where, open_handles, ok

    def target(self, section, target, measured, met):
        self.targets.append({"section": section, "target": target, "measured": measured, "met": bool(met)})

    def check(self, name, ok, detail=""):
        self.checks.append({"name": name, "ok": bool(ok), "detail": detail})

    def handles(self, where, s):
        counts = s.open_handles()
        ok = not any(counts.values())
        self.handle_checks.append({"where": where, "open_handles": counts, "ok": ok})
        return ok


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def calibrate(fn, target_s, start=200, cap=50_000_000):
    """Iterations for which fn(n) (returning seconds) takes about target_s."""
    n = start
    while True:
        t = fn(n)
        if t >= target_s / 5 or n >= cap:
            break
        n *= 5
    n = int(n * target_s / max(t, 1e-9))
    return max(100, min(n, cap))


def set_bulk(s, bulk):
    for f in BULK_EXPORTS:
        s.hide(f, not bulk)


def rss_bytes():
    """Current RSS from /proc/self/statm (Linux); elsewhere the peak RSS from getrusage."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE"), "/proc/self/statm (resident pages x page size)"
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        scale = 1 if sys.platform == "darwin" else 1024
        return peak * scale, "resource.getrusage ru_maxrss (peak RSS: growth is an upper bound)"


def loglog_slope(points):
    """Least-squares slope of log(y) against log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pts)
    return sxy / sxx if sxx else float("nan")


def environment():
    try:
        load = os.getloadavg()
    except (AttributeError, OSError):
        load = None
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = None
    cpu_model = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import cffi

        cffi_version = cffi.__version__
    except ImportError:  # pragma: no cover
        cffi_version = None
    try:
        from importlib.metadata import version

        pkg_version = version("clusapi_py")
    except Exception:
        pkg_version = getattr(clusapi_py, "__version__", None)
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "python_build": " ".join(platform.python_build()),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "cpu_model": cpu_model,
        "load_average_at_start": load,
        "clusapi_py": pkg_version,
        "clusapi_py_path": os.path.dirname(clusapi_py.__file__),
        "cffi": cffi_version,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


# ---- 1. handle churn -----------------------------------------------------------------------------
def bench_churn(cfg, R):
    s = sim.SimulatedCluster()
    group = "Cluster Group"
    c = clusapi_py.open_cluster(backend=s)
    if group not in c.group_names():
        group = c.group_names()[0]
    c.close()
    sid = s._id
    gw = ffi.new("cs_char[]", group)

    # -- this package
    open_cluster = clusapi_py.open_cluster
    perf_counter = time.perf_counter

    def pkg_a(n):
        t0 = perf_counter()
        for _ in range(n):
            open_cluster(backend=s).close()
        return perf_counter() - t0

    def pkg_b(n):
        t0 = perf_counter()
        for _ in range(n):
            cl = open_cluster(backend=s)
            g = cl.open_group(group)
            g.status()
            g.close()
            cl.close()
        return perf_counter() - t0

    # -- the shim through cffi, no Python handle objects (diagnostic: where the time goes)
    cs_open_cluster, cs_open_object, cs_close = lib.cs_open_cluster, lib.cs_open_object, lib.cs_close
    cs_status, cs_result_free = lib.cs_status, lib.cs_result_free
    NULL, KIND_GROUP = ffi.NULL, lib.CS_KIND_GROUP
    out = ffi.new("cs_result **")

    def cffi_a(n):
        t0 = perf_counter()
        for _ in range(n):
            t = cs_open_cluster(sid, NULL, MAXIMUM_ALLOWED)
            if not t:
                raise OSError("cs_open_cluster failed")
            cs_close(t)
        return perf_counter() - t0

    def cffi_b(n):
        t0 = perf_counter()
        for _ in range(n):
            t = cs_open_cluster(sid, NULL, MAXIMUM_ALLOWED)
            if not t:
                raise OSError("cs_open_cluster failed")
            g = cs_open_object(t, KIND_GROUP, gw, MAXIMUM_ALLOWED)
            if not g:
                raise OSError("cs_open_object failed")
            if cs_status(g, out):
                raise OSError("cs_status failed")
            cs_result_free(out[0])
            cs_close(g)
            cs_close(t)
        return perf_counter() - t0

    # -- ctypes
    api = ctypes_clusapi.SimClusapi()
    api.bind_thread(s)
    ctypes_a, ctypes_b = ctypes_clusapi.churn_loops(api, group)
    wrapped_a, wrapped_b = ctypes_clusapi.handle_loops(api, group)

    # -- the C floor
    def floor(which):
        def run(n):
            api.bind_thread(s)
            t = lib.cs_bench_floor(sid, which, gw, n)
            if t < 0:
                raise RuntimeError("cs_bench_floor(%d) failed" % which)
            return t
        return run

    ways = {
        ("floor", "a"): floor(0), ("floor", "b"): floor(1),
        ("clusapi_py", "a"): pkg_a, ("clusapi_py", "b"): pkg_b,
        ("ctypes", "a"): ctypes_a, ("ctypes", "b"): ctypes_b,
        ("ctypes_handles", "a"): wrapped_a, ("ctypes_handles", "b"): wrapped_b,
        ("shim_cffi", "a"): cffi_a, ("shim_cffi", "b"): cffi_b,
    }

    # Same answer and the same backend calls per cycle for every way.
    with clusapi_py.open_cluster(backend=s) as cl, cl.open_group(group) as g:
        st = g.status()
    api.bind_thread(s)
    cstate, cowner = ctypes_clusapi.check(api, group)
    R.check("churn: ctypes and clusapi_py read the same group status", (cstate, cowner) == (int(st.state), st.owner_node),
            "clusapi_py %r, ctypes %r" % ((int(st.state), st.owner_node), (cstate, cowner)))
    calls_per_cycle = {}
    for key, fn in ways.items():
        s.reset_calls()
        fn(100)
        calls_per_cycle["%s_%s" % key] = s.calls() / 100
    s.reset_calls()

    iters = {}
    for key, fn in ways.items():
        fn(200)  # warm up
        iters[key] = calibrate(fn, cfg["churn_target_s"])
    samples = {key: [] for key in ways}
    for _ in range(cfg["churn_reps"]):
        for key, fn in ways.items():
            gc.collect()
            samples[key].append(fn(iters[key]) / iters[key] * 1e9)
    ns = {key: median(v) for key, v in samples.items()}

    data = {
        "group": group,
        "iterations": {"%s_%s" % k: v for k, v in iters.items()},
        "repetitions": cfg["churn_reps"],
        "ns_per_cycle": {"%s_%s" % k: v for k, v in ns.items()},
        "samples_ns": {"%s_%s" % k: v for k, v in samples.items()},
        "backend_calls_per_cycle": calls_per_cycle,
        "ratios": {},
    }
    for cyc in ("a", "b"):
        for way in ("clusapi_py", "ctypes", "ctypes_handles", "shim_cffi"):
            data["ratios"]["%s_%s_over_floor" % (way, cyc)] = ns[(way, cyc)] / ns[("floor", cyc)]
        data["ratios"]["ctypes_over_clusapi_py_%s" % cyc] = ns[("ctypes", cyc)] / ns[("clusapi_py", cyc)]
        data["ratios"]["ctypes_handles_over_clusapi_py_%s" % cyc] = (
            ns[("ctypes_handles", cyc)] / ns[("clusapi_py", cyc)])
    R.data["churn"] = data

    r = data["ratios"]
    R.target("1 churn", "(a) clusapi_py <= 3x the C floor", "%.1fx (%.0f vs %.0f ns)" % (
        r["clusapi_py_a_over_floor"], ns[("clusapi_py", "a")], ns[("floor", "a")]), r["clusapi_py_a_over_floor"] <= 3)
    for cyc in ("a", "b"):
        sp = r["ctypes_over_clusapi_py_%s" % cyc]
        R.target("1 churn", "(%s) clusapi_py >= 3x faster than ctypes" % cyc, "%.2fx (ctypes %.0f / clusapi_py %.0f ns)" % (
            sp, ns[("ctypes", cyc)], ns[("clusapi_py", cyc)]), sp >= 3)
    for cyc in ("a", "b"):
        sp = r["ctypes_handles_over_clusapi_py_%s" % cyc]
        R.target("1 churn", "(%s) clusapi_py >= 3x faster than a ctypes wrapper with handle objects" % cyc,
                 "%.2fx (ctypes wrapper %.0f / clusapi_py %.0f ns)" % (
                     sp, ns[("ctypes_handles", cyc)], ns[("clusapi_py", cyc)]), sp >= 3)
    R.handles("churn", s)


# ---- 2. snapshot scaling ---------------------------------------------------------------------------
def group_state_round_trips(s):
    return sum(s.round_trips(f) for f in GROUP_STATE_FUNCTIONS)


def bench_snapshot(cfg, R):
    rows = []
    out = ffi.new("cs_result **")
    perf_counter = time.perf_counter
    for nodes, groups in cfg["snap_grid"]:
        log("snapshot %d nodes x %d groups" % (nodes, groups))
        s = sim.SimulatedCluster(sim.generate(nodes, groups, cfg["snap_rpg"]))
        c = clusapi_py.open_cluster(backend=s)
        token = c._token
        reference = None
        for path in ("bulk", "fallback"):
            set_bulk(s, path == "bulk")
            s.reset_calls()
            snap = c.snapshot()
            calls, rts, grts = s.calls(), s.round_trips(), group_state_round_trips(s)
            objects = len(snap.nodes) + len(snap.groups) + len(snap.resources) + len(snap.networks) + len(snap.netinterfaces)
            s.reset_calls()
            if lib.cs_snapshot(token, out):
                raise RuntimeError("cs_snapshot failed")
            lib.cs_result_free(out[0])
            floor_calls = s.calls()
            if reference is None:
                reference = snap
            else:
                R.check("snapshot %dx%d: fallback path equals bulk path" % (nodes, groups), snap == reference)
            R.check("snapshot %dx%d %s: C floor makes the same backend calls" % (nodes, groups, path),
                    floor_calls == calls, "%d vs %d" % (floor_calls, calls))
            del snap
            pkg, flo = [], []
            total = 0.0
            while len(pkg) < cfg["snap_min_reps"] or (total < cfg["snap_min_time"] and len(pkg) < cfg["snap_max_reps"]):
                gc.collect()
                t0 = perf_counter()
                snap = c.snapshot()
                t1 = perf_counter()
                del snap
                t2 = perf_counter()
                code = lib.cs_snapshot(token, out)
                t3 = perf_counter()
                if code:
                    raise RuntimeError("cs_snapshot failed")
                lib.cs_result_free(out[0])
                pkg.append(t1 - t0)
                flo.append(t3 - t2)
                total += (t1 - t0) + (t3 - t2)
            rows.append({
                "nodes": nodes, "groups": groups, "resources_per_group": cfg["snap_rpg"], "path": path,
                "objects": objects, "backend_calls": calls, "round_trips": rts, "group_state_round_trips": grts,
                "package_s": median(pkg), "floor_s": median(flo), "ratio": median(pkg) / median(flo),
                "package_ns_per_object": median(pkg) / objects * 1e9, "floor_ns_per_object": median(flo) / objects * 1e9,
                "repetitions": len(pkg), "package_samples_s": pkg, "floor_samples_s": flo,
            })
        set_bulk(s, True)
        c.close()
        R.handles("snapshot %dx%d" % (nodes, groups), s)
        del s, c, reference
        gc.collect()

    slopes = {}
    for path in ("bulk", "fallback"):
        for who, key in (("package", "package_s"), ("floor", "floor_s")):
            slopes["%s_%s" % (who, path)] = loglog_slope([(r["objects"], r[key]) for r in rows if r["path"] == path])
    R.data["snapshot"] = {
        "floor_definition": "one lib.cs_snapshot call made directly through cffi (the whole walk in C; "
                            "cs_result_free is outside the timing, no Python decoding)",
        "package_definition": "Cluster.snapshot() (the same cs_snapshot call plus decoding into Python objects)",
        "rows": rows, "loglog_slopes": slopes,
        "group_state_functions": list(GROUP_STATE_FUNCTIONS),
    }
    # Linearity where it matters -- at the large end, where fixed costs no longer hide a
    # super-linear term: the slope between the two largest group counts (medians over the node
    # counts), i.e. ns/object growth expressed as an exponent.  The fit over every size is shown too.
    gsizes = sorted({g for _, g in cfg["snap_grid"]})
    top = {}
    if len(gsizes) > 1:
        for path in ("bulk", "fallback"):
            for who in ("package", "floor"):
                def at(g, key):
                    return median([r[key] for r in rows if r["path"] == path and r["groups"] == g])
                t_hi, t_lo = at(gsizes[-1], "%s_s" % who), at(gsizes[-2], "%s_s" % who)
                o_hi, o_lo = at(gsizes[-1], "objects"), at(gsizes[-2], "objects")
                top["%s_%s" % (who, path)] = {
                    "slope": math.log(t_hi / t_lo) / math.log(o_hi / o_lo),
                    "ns_per_object_growth": (t_hi / o_hi) / (t_lo / o_lo)}
    R.data["snapshot"]["top_end"] = {
        "definition": "between %s and %s groups (median over node counts)" % (
            gsizes[-2], gsizes[-1]) if len(gsizes) > 1 else None, "values": top}
    if top:
        worst = max(top["package_bulk"]["slope"], top["package_fallback"]["slope"])
        measured = ("slope %s->%s groups: %.2f bulk, %.2f fallback (ns/object x%.2f, x%.2f); C floor %.2f, %.2f "
                    "(x%.2f, x%.2f); fit over all sizes: %.2f bulk, %.2f fallback" % (
                        format(gsizes[-2], ","), format(gsizes[-1], ","),
                        top["package_bulk"]["slope"], top["package_fallback"]["slope"],
                        top["package_bulk"]["ns_per_object_growth"], top["package_fallback"]["ns_per_object_growth"],
                        top["floor_bulk"]["slope"], top["floor_fallback"]["slope"],
                        top["floor_bulk"]["ns_per_object_growth"], top["floor_fallback"]["ns_per_object_growth"],
                        slopes["package_bulk"], slopes["package_fallback"]))
    else:
        worst = max(slopes["package_bulk"], slopes["package_fallback"])
        measured = "fit over all sizes: %.2f bulk, %.2f fallback" % (slopes["package_bulk"], slopes["package_fallback"])
    R.target("2 snapshot", "time linear in the number of objects: clusapi_py time ~ objects^k with k <= %.2f "
             "between the two largest sizes, both paths (k = 1 linear, 2 quadratic)" % LINEAR_SLOPE_LIMIT,
             measured, worst <= LINEAR_SLOPE_LIMIT)
    gmax = max(g for _, g in cfg["snap_grid"])
    big = [r for r in rows if r["groups"] == gmax]
    R.target("2 snapshot", "clusapi_py <= 2x the C floor at %d groups" % gmax,
             ", ".join("%dx%d %s %.1fx" % (r["nodes"], r["groups"], r["path"], r["ratio"]) for r in big),
             all(r["ratio"] <= 2 for r in big))
    bulk_g = sorted({r["group_state_round_trips"] for r in rows if r["path"] == "bulk"})
    fb_g = [r["group_state_round_trips"] for r in rows if r["path"] == "fallback"]
    R.target("2 snapshot", "group-state round trips constant on the bulk path",
             "bulk: %s at every size (fallback: %d to %d)" % ("/".join(map(str, bulk_g)), min(fb_g), max(fb_g)),
             len(bulk_g) == 1)


# ---- 3. round trips under latency ------------------------------------------------------------------
def bench_latency(cfg, R):
    latency = cfg["lat_latency"]
    s = sim.SimulatedCluster(sim.generate(cfg["lat_nodes"], cfg["lat_groups"], cfg["lat_rpg"]))

    def snapshot_run():
        with clusapi_py.open_cluster(backend=s) as c:
            return c.snapshot()

    def bulk():
        set_bulk(s, True)
        return snapshot_run()

    def fallback():
        set_bulk(s, False)
        try:
            return snapshot_run()
        finally:
            set_bulk(s, True)

    def naive():
        states = {}
        with clusapi_py.open_cluster(backend=s) as c:
            for name in c.group_names():
                g = c.open_group(name)
                states[name] = g.status()
                g.close()
            for name in c.resource_names():
                r = c.open_resource(name)
                states[name] = r.status()
                r.close()
        return states

    scenarios = {"snapshot_bulk": bulk, "snapshot_fallback": fallback, "naive_agent_loop": naive}
    s.latency = latency
    counts = {}
    walls = {k: [] for k in scenarios}
    answers = {}
    for rep in range(cfg["lat_reps"]):
        for name, fn in scenarios.items():
            log("latency: %s (repetition %d)" % (name, rep + 1))
            gc.collect()
            s.reset_calls()
            t0 = time.perf_counter()
            answers[name] = fn()
            walls[name].append(time.perf_counter() - t0)
            counts[name] = (s.calls(), s.round_trips(), group_state_round_trips(s))
    s.latency = 0
    rows = []
    for name in scenarios:
        calls, rts, grts = counts[name]
        w = median(walls[name])
        rows.append({"scenario": name, "round_trips": rts, "backend_calls": calls, "group_state_round_trips": grts,
                     "wall_s": w, "round_trips_x_latency_s": rts * latency,
                     "overhead_s": w - rts * latency, "samples_s": walls[name]})
    snap = answers["snapshot_bulk"]
    loop = answers["naive_agent_loop"]
    same = (all(loop[g.name].state == g.state and loop[g.name].owner_node == g.owner_node for g in snap.groups)
            and all(loop[r.name].state == r.state for r in snap.resources)
            and len(loop) == len(snap.groups) + len(snap.resources))
    R.check("latency: the naive loop reads the same states as the snapshot", same)
    R.check("latency: the fallback snapshot equals the bulk snapshot", answers["snapshot_fallback"] == snap)
    R.data["latency"] = {
        "latency_s": latency, "nodes": cfg["lat_nodes"], "groups": cfg["lat_groups"],
        "resources_per_group": cfg["lat_rpg"], "objects_groups": len(snap.groups),
        "objects_resources": len(snap.resources), "repetitions": cfg["lat_reps"], "rows": rows,
        "note": "each scenario includes open_cluster and close",
    }
    R.handles("latency", s)


# ---- 4. threads -------------------------------------------------------------------------------------
def bench_threads(cfg, R):
    s = sim.SimulatedCluster()
    c = clusapi_py.open_cluster(backend=s)
    groups = c.group_names()
    s.latency = cfg["thr_latency"]

    def run(n_threads, duration):
        barrier = threading.Barrier(n_threads + 1)
        stop = threading.Event()
        counts = [0] * n_threads
        errors = []

        def worker(i):
            name = groups[i % len(groups)]
            n = 0
            try:
                barrier.wait()
                while not stop.is_set():
                    g = c.open_group(name)
                    g.status()
                    g.close()
                    n += 1
            except BaseException as exc:  # report, do not hang the barrier
                errors.append(repr(exc))
                barrier.abort()
            counts[i] = n

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(n_threads)]
        for t in threads:
            t.start()
        s.reset_calls()
        barrier.wait()
        t0 = time.perf_counter()
        time.sleep(duration)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        if errors:
            raise RuntimeError("worker failed: %s" % errors[0])
        ops = sum(counts)
        return ops / elapsed, s.round_trips() / max(ops, 1), counts

    samples = {n: [] for n in cfg["thr_counts"]}
    rt_per_op = {}
    per_thread = {}
    for rep in range(cfg["thr_reps"]):
        for n in cfg["thr_counts"]:
            log("threads: %d (repetition %d)" % (n, rep + 1))
            tput, rpo, counts = run(n, cfg["thr_duration"])
            samples[n].append(tput)
            rt_per_op[n] = rpo
            per_thread[n] = counts
    s.latency = 0
    c.close()
    base = median(samples[cfg["thr_counts"][0]])
    rows = [{"threads": n, "ops_per_s": median(samples[n]), "speedup": median(samples[n]) / base,
             "round_trips_per_op": rt_per_op[n], "samples_ops_per_s": samples[n],
             "ops_per_thread_last_rep": per_thread[n]} for n in cfg["thr_counts"]]
    R.data["threads"] = {"latency_s": cfg["thr_latency"], "duration_s": cfg["thr_duration"],
                         "repetitions": cfg["thr_reps"], "groups": groups, "rows": rows,
                         "operation": "open_group + status() + close on one shared open Cluster"}
    top = rows[-1]
    R.target("4 threads", "%d threads >= 6x the throughput of 1 thread" % top["threads"],
             "%.2fx (%.0f vs %.0f ops/s)" % (top["speedup"], top["ops_per_s"], base), top["speedup"] >= 6)
    R.handles("threads", s)


# ---- 5. memory ---------------------------------------------------------------------------------------
def measure_memory(cfg):
    """Runs in a fresh child process (--memory-child), so that memory freed by
    the other benchmarks cannot hide growth.  Returns a dict."""
    s = sim.SimulatedCluster()
    open_cluster = clusapi_py.open_cluster
    gc.collect()
    cold, source = rss_bytes()

    def cycles(n):
        t0 = time.perf_counter()
        for _ in range(n):
            open_cluster(backend=s).close()
        return time.perf_counter() - t0

    def snapshots(n):
        t0 = time.perf_counter()
        with open_cluster(backend=s) as c:
            for _ in range(n):
                c.snapshot()
        return time.perf_counter() - t0

    cycles(cfg["mem_warmup_cycles"])
    snapshots(cfg["mem_warmup_snapshots"])
    gc.collect()
    before, _ = rss_bytes()
    log("memory: %s open/close cycles" % format(cfg["mem_cycles"], ","))
    t_cycles = cycles(cfg["mem_cycles"])
    gc.collect()
    mid, _ = rss_bytes()
    log("memory: %s snapshots" % format(cfg["mem_snapshots"], ","))
    t_snaps = snapshots(cfg["mem_snapshots"])
    gc.collect()
    after, _ = rss_bytes()
    return {
        "rss_source": source, "rss_cold_bytes": cold, "rss_before_bytes": before,
        "rss_after_cycles_bytes": mid, "rss_after_bytes": after,
        "growth_cycles_bytes": mid - before, "growth_snapshots_bytes": after - mid, "growth_bytes": after - before,
        "cycles": cfg["mem_cycles"], "snapshots": cfg["mem_snapshots"],
        "warmup": {"cycles": cfg["mem_warmup_cycles"], "snapshots": cfg["mem_warmup_snapshots"]},
        "cycles_s": t_cycles, "snapshots_s": t_snaps,
        "open_handles_after": s.open_handles(), "shim_open_tokens_after": lib.cs_open_token_count(),
        "cycle": "open_cluster(backend=s).close()", "topology": "default", "process": "fresh child process",
    }


def bench_memory(cfg, R):
    import subprocess

    cmd = [sys.executable, os.path.abspath(__file__), "--memory-child"] + (["--quick"] if cfg is QUICK else [])
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError("memory child exited with %d:\n%s" % (proc.returncode, proc.stderr))
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    R.data["memory"] = m
    handles, tokens = m["open_handles_after"], m["shim_open_tokens_after"]
    R.target("5 memory", "RSS growth < 2 MB over %s cycles + %s snapshots" % (
        format(m["cycles"], ","), format(m["snapshots"], ",")),
        "%+.0f KiB (cycles %+.0f KiB, snapshots %+.0f KiB)" % (
            m["growth_bytes"] / 1024, m["growth_cycles_bytes"] / 1024, m["growth_snapshots_bytes"] / 1024),
        m["growth_bytes"] < MEMORY_LIMIT)
    ok = not any(handles.values()) and tokens == 0
    R.target("5 memory", "s.open_handles() all zero at the end",
             "%s; shim tokens open: %d" % (", ".join("%s %d" % kv for kv in handles.items()), tokens), ok)
    R.handle_checks.append({"where": "memory (child process)", "open_handles": handles, "ok": ok})


# ---- output ---------------------------------------------------------------------------------------------
def fmt_int(x):
    return format(int(round(x)), ",")


def fmt_ms(s):
    return "%.3f" % (s * 1e3) if s < 0.01 else "%.2f" % (s * 1e3)


def met(flag):
    return "**met**" if flag else "**not met**"


def targets_table(R, section):
    rows = [t for t in R.targets if t["section"] == section]
    if not rows:
        return []
    lines = ["", "| target | measured | |", "|---|---|---|"]
    lines += ["| %s | %s | %s |" % (t["target"], t["measured"], met(t["met"])) for t in rows]
    return lines


def render(R, args, cfg, elapsed):
    env = R.data["environment"]
    L = ["# clusapi_py benchmarks", ""]
    L.append("`python bench/run.py%s --out %s` (%s run, %.0f s). Simulated cluster (C, in process); "
             "latency 0 unless said; every figure is the median of the repetitions shown; the ways "
             "compared are measured in the same run, interleaved." % (
                 " --quick" if args.quick else "", args.out, "quick" if args.quick else "full", elapsed))
    L += ["", "| environment | |", "|---|---|"]
    for k in ("python", "implementation", "platform", "cpu_model", "cpu_count", "cpus_usable",
              "load_average_at_start", "clusapi_py", "cffi", "date"):
        v = env.get(k)
        if isinstance(v, (list, tuple)):
            v = " ".join("%.2f" % x for x in v)
        L.append("| %s | %s |" % (k.replace("_", " "), v))

    ch = R.data.get("churn")
    if ch:
        ns, r, cpc = ch["ns_per_cycle"], ch["ratios"], ch["backend_calls_per_cycle"]
        L += ["", "## 1. Handle churn", "",
              "(a) `open_cluster()` + `close()`; (b) `open_cluster()` + `open_group(%r)` + `status()` + close both. "
              "ns per cycle, median of %d repetitions (%s iterations each for clusapi_py (a)). The ctypes loop "
              "checks errors and decodes the owner node to a str like clusapi_py, but keeps the state an int "
              "(clusapi_py returns a `GroupStatus` with a `GroupState` member)." % (
                  ch["group"], ch["repetitions"], fmt_int(ch["iterations"]["clusapi_py_a"])), "",
              "| way | (a) ns/cycle | (a) x C floor | (b) ns/cycle | (b) x C floor | backend calls/cycle (a, b) |",
              "|---|---:|---:|---:|---:|---:|"]
        names = {"floor": "C floor (`cs_bench_floor`)", "clusapi_py": "**clusapi_py**",
                 "ctypes": "ctypes binding, bare calls (bench/ctypes_clusapi.py)",
                 "ctypes_handles": "ctypes wrapper with handle objects (close/with/__del__, GetLastError)",
                 "shim_cffi": "shim via cffi, no handle objects (diagnostic)"}
        for way in ("floor", "clusapi_py", "ctypes", "ctypes_handles", "shim_cffi"):
            ra = 1.0 if way == "floor" else r["%s_a_over_floor" % way]
            rb = 1.0 if way == "floor" else r["%s_b_over_floor" % way]
            L.append("| %s | %s | %.1f | %s | %.1f | %g, %g |" % (
                names[way], fmt_int(ns["%s_a" % way]), ra, fmt_int(ns["%s_b" % way]), rb,
                cpc["%s_a" % way], cpc["%s_b" % way]))
        L.append("| ctypes wrapper ÷ clusapi_py (speed-up over the ctypes wrapper) | %.2f | | %.2f | | |" % (
            r["ctypes_handles_over_clusapi_py_a"], r["ctypes_handles_over_clusapi_py_b"]))
        L.append("| ctypes ÷ clusapi_py (speed-up of clusapi_py over ctypes) | %.2f | | %.2f | | |" % (
            r["ctypes_over_clusapi_py_a"], r["ctypes_over_clusapi_py_b"]))
        L += targets_table(R, "1 churn")

    sn = R.data.get("snapshot")
    if sn:
        L += ["", "## 2. Snapshot scaling", "",
              "Clusters from `sim.generate(nodes, groups, %d)`. **clusapi_py** = `Cluster.snapshot()`; "
              "**C floor** = %s. Bulk = the `*OpenEnumEx` exports present; fallback = them hidden "
              "(per-object calls). Backend calls and round trips are per snapshot." % (
                  sn["rows"][0]["resources_per_group"], sn["floor_definition"]), "",
              "| nodes | groups | objects | path | clusapi_py ms | C floor ms | x floor | clusapi_py ns/object "
              "| backend calls | round trips | group-state round trips |",
              "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
        for row in sn["rows"]:
            L.append("| %d | %s | %s | %s | %s | %s | %.1f | %s | %s | %s | %s |" % (
                row["nodes"], fmt_int(row["groups"]), fmt_int(row["objects"]), row["path"], fmt_ms(row["package_s"]),
                fmt_ms(row["floor_s"]), row["ratio"], fmt_int(row["package_ns_per_object"]),
                fmt_int(row["backend_calls"]), fmt_int(row["round_trips"]), fmt_int(row["group_state_round_trips"])))
        L += ["", "Objects = nodes + groups + resources + networks + net interfaces. Group-state round trips: "
              "round trips of %s." % ", ".join("`%s`" % f for f in sn["group_state_functions"])]
        L += targets_table(R, "2 snapshot")

    la = R.data.get("latency")
    if la:
        L += ["", "## 3. Round trips under latency", "",
              "`s.latency = %g` s per round trip; `sim.generate(%d, %s, %d)`: %s groups, %s resources (resources_per_group "
              "kept at %d so a run stays short). Each scenario includes `open_cluster()` and `close()`. Median of %d." % (
                  la["latency_s"], la["nodes"], fmt_int(la["groups"]), la["resources_per_group"],
                  fmt_int(la["objects_groups"]), fmt_int(la["objects_resources"]), la["resources_per_group"],
                  la["repetitions"]), "",
              "| scenario | round trips | backend calls | group-state round trips | wall s | round trips x latency s |",
              "|---|---:|---:|---:|---:|---:|"]
        label = {"snapshot_bulk": "`snapshot()`, bulk path", "snapshot_fallback": "`snapshot()`, fallback path",
                 "naive_agent_loop": "naive agent loop (open/status/close per group and resource)"}
        for row in la["rows"]:
            L.append("| %s | %s | %s | %s | %.2f | %.2f |" % (
                label[row["scenario"]], fmt_int(row["round_trips"]), fmt_int(row["backend_calls"]),
                fmt_int(row["group_state_round_trips"]), row["wall_s"], row["round_trips_x_latency_s"]))
        L += ["", "No numeric target: reported for comparison."]

    th = R.data.get("threads")
    if th:
        L += ["", "## 4. Threads", "",
              "%s, latency %g s; each thread runs for %g s; median of %d." % (
                  th["operation"], th["latency_s"], th["duration_s"], th["repetitions"]), "",
              "| threads | ops/s | speed-up vs 1 thread | round trips/op |", "|---:|---:|---:|---:|"]
        for row in th["rows"]:
            L.append("| %d | %s | %.2f | %.2f |" % (row["threads"], fmt_int(row["ops_per_s"]), row["speedup"],
                                                 row["round_trips_per_op"]))
        L += targets_table(R, "4 threads")

    me = R.data.get("memory")
    if me:
        L += ["", "## 5. Memory", "",
              "Measured in a fresh child process (so memory freed by the other benchmarks cannot hide growth). "
              "RSS from %s; default topology; cycle = `open_cluster(backend=s).close()`; baseline taken after a "
              "warm-up of %s cycles and %s snapshots; `gc.collect()` before each reading." % (
                  me["rss_source"], fmt_int(me["warmup"]["cycles"]), fmt_int(me["warmup"]["snapshots"])), "",
              "| point | RSS KiB | growth KiB | time s |", "|---|---:|---:|---:|",
              "| cold (before warm-up) | %s | | |" % fmt_int(me["rss_cold_bytes"] / 1024),
              "| before | %s | | |" % fmt_int(me["rss_before_bytes"] / 1024),
              "| after %s open/close cycles | %s | %+d | %.2f |" % (
                  fmt_int(me["cycles"]), fmt_int(me["rss_after_cycles_bytes"] / 1024),
                  me["growth_cycles_bytes"] / 1024, me["cycles_s"]),
              "| after %s snapshots | %s | %+d | %.2f |" % (
                  fmt_int(me["snapshots"]), fmt_int(me["rss_after_bytes"] / 1024),
                  me["growth_snapshots_bytes"] / 1024, me["snapshots_s"])]
        L += targets_table(R, "5 memory")

    L += ["", "## Summary of targets", "", "| benchmark | target | measured | |", "|---|---|---|---|"]
    L += ["| %s | %s | %s | %s |" % (t["section"], t["target"], t["measured"], met(t["met"])) for t in R.targets]
    bad_checks = [c for c in R.checks if not c["ok"]]
    bad_handles = [h for h in R.handle_checks if not h["ok"]]
    L += ["", "Consistency checks: %d of %d passed%s." % (
        len(R.checks) - len(bad_checks), len(R.checks),
        "" if not bad_checks else " — FAILED: " + "; ".join("%s (%s)" % (c["name"], c["detail"]) for c in bad_checks))]
    L.append("Open simulator handles at the end of every benchmark: %s." % (
        "all zero" if not bad_handles else "NOT ZERO in " + ", ".join(h["where"] for h in bad_handles)))
    for e in R.errors:
        L += ["", "**%s crashed:**" % e["section"], "", "```", e["traceback"].rstrip(), "```"]
    return "\n".join(L) + "\n"


def plot(R, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception:
        return None
    rows = R.data.get("snapshot", {}).get("rows")
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(8, 5.5))
    style = {("package", "bulk"): ("tab:blue", "-", "o"), ("package", "fallback"): ("tab:orange", "-", "s"),
             ("floor", "bulk"): ("tab:blue", "--", "o"), ("floor", "fallback"): ("tab:orange", "--", "s")}
    for (who, path_), (color, ls, marker) in style.items():
        pts = sorted((r["objects"], r["%s_s" % who] * 1e3) for r in rows if r["path"] == path_)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        slope = loglog_slope(pts)
        label = "%s, %s path (slope %.2f)" % (
            "clusapi_py snapshot()" if who == "package" else "C floor (cs_snapshot)", path_, slope)
        ax.scatter(xs, ys, marker=marker, edgecolors=color, facecolors="none" if who == "floor" else color, zorder=3)
        # least-squares fit in log-log space, drawn over the measured range
        lx = [math.log(x) for x in xs]
        ly = [math.log(y) for y in ys]
        mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
        fit = [math.exp(my + slope * (v - mx)) for v in (min(lx), max(lx))] if len(xs) > 1 else ys
        ax.plot([min(xs), max(xs)] if len(xs) > 1 else xs, fit, color=color, linestyle=ls, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("objects in the cluster (nodes + groups + resources + networks + net interfaces)")
    ax.set_ylabel("time per snapshot (ms, median)")
    ax.set_title("Snapshot time vs cluster size (simulated cluster, latency 0)\n"
                 "points: medians for every nodes x groups size; lines: log-log fits (slope 1 = linear)", fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="clusapi_py benchmarks against the simulated cluster")
    parser.add_argument("--quick", action="store_true", help="CI smoke test: tiny sizes, timings not judged")
    parser.add_argument("--out", default=os.path.join("build", "bench"), help="output directory (default build/bench)")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", default=None,
                        help="comma-separated subset of churn,snapshot,latency,threads,memory,notify,props,exporter,check")
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    if args.memory_child:
        print(json.dumps(measure_memory(cfg)))
        return 0
    R = Results()
    R.data["environment"] = env = environment()
    R.data["mode"] = "quick" if args.quick else "full"
    R.data["config"] = cfg
    print("Python %s (%s) on %s; %s CPUs (%s usable); clusapi_py %s from %s" % (
        env["python"], env["implementation"], env["platform"], env["cpu_count"], env["cpus_usable"],
        env["clusapi_py"], env["clusapi_py_path"]), flush=True)
    os.makedirs(args.out, exist_ok=True)

    start = time.perf_counter()
    benches = [("churn", bench_churn), ("snapshot", bench_snapshot), ("latency", bench_latency),
               ("threads", bench_threads), ("memory", bench_memory),
               ("notify", lambda cfg, R: notify.bench_notify("quick" if cfg is QUICK else "full", R, rss_bytes, log)),
               ("props", lambda cfg, R: props_bench.bench_props(cfg, R, log)),
               ("exporter", lambda cfg, R: exporter_bench.bench_exporter(cfg, R, log)),
               ("check", lambda cfg, R: check_bench.bench_check(cfg, R, log))]
    only = set(args.only.split(",")) if args.only else None
    for name, fn in benches:
        if only and name not in only:
            continue
        log("%s ..." % name)
        t0 = time.perf_counter()
        try:
            fn(cfg, R)
        except Exception:
            R.errors.append({"section": name, "traceback": traceback.format_exc()})
            log("%s CRASHED:\n%s" % (name, traceback.format_exc()))
        R.data.setdefault("section_seconds", {})[name] = time.perf_counter() - t0
        gc.collect()

    # Every simulator ever made in this process: nothing left open.
    counts = ffi.new("uint32_t[]", lib.CS_KIND_COUNT)
    lib.cs_sim_total_open_handles(counts)
    total_open = list(counts)
    open_tokens = lib.cs_open_token_count()
    R.data["final"] = {"sim_total_open_handles": total_open, "shim_open_tokens": open_tokens}
    elapsed = time.perf_counter() - start
    R.data["elapsed_s"] = elapsed
    R.data["targets"] = R.targets
    R.data["checks"] = R.checks
    R.data["handle_checks"] = R.handle_checks
    R.data["errors"] = R.errors

    png = plot(R, os.path.join(args.out, "snapshot_scaling.png"))
    R.data["plot"] = png
    md = render(R, args, cfg, elapsed) + "\n".join(notify.render_notify(R)) + "\n"
    if png:
        md += "\nPlot: `%s`.\n" % png
    with open(os.path.join(args.out, "bench.md"), "w", encoding="utf-8") as f:
        f.write(md)
    with open(os.path.join(args.out, "bench.json"), "w", encoding="utf-8") as f:
        json.dump(R.data, f, indent=1, default=str)
    print(md, flush=True)

    failed = []
    if R.errors:
        failed.append("crashed: " + ", ".join(e["section"] for e in R.errors))
    if any(total_open) or open_tokens or any(not h["ok"] for h in R.handle_checks):
        failed.append("handles still open: simulator %s, shim tokens %d" % (total_open, open_tokens))
    if failed:
        print("bench: FAILED (%s)" % "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
