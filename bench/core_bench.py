"""The core benchmark groups of bench/run.py, against the simulated cluster:

  churn     handle churn: this package vs a ctypes binding vs the C floor (cs_bench_floor);
  snapshot  snapshot scaling: wall time, backend calls and round trips, bulk vs fallback;
  latency   round trips and wall time with 0.5 ms per round trip;
  threads   threads sharing one cluster, 1 ms per round trip;
  memory    RSS before/after many open/close cycles and snapshots (in a fresh child
            process: bench/run.py --memory-child, which calls measure_memory()).

Each bench_*(cfg, R) records its numbers in R.data[name] and its targets and checks in R.
"""
import gc
import json
import math
import os
import subprocess
import sys
import threading
import time

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import ffi, lib

import ctypes_clusapi  # bench/ctypes_clusapi.py
from common import (GROUP_STATE_FUNCTIONS, LINEAR_SLOPE_LIMIT, MAXIMUM_ALLOWED, MEMORY_LIMIT, QUICK, calibrate,
                    log, loglog_slope, median, rss_bytes, set_bulk)

# The entry point the memory child runs (`run.py --memory-child`).
RUN_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.py")


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
    cmd = [sys.executable, RUN_PY, "--memory-child"] + (["--quick"] if cfg is QUICK else [])
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
