"""The outputs of bench/run.py: bench.md (a Markdown table per benchmark, its targets and
whether they are met; the notification sections come from bench/notify.py), bench.json (every
number, every sample) and, when matplotlib is importable, snapshot_scaling.png.
"""
import json
import math
import os

import notify  # bench/notify.py: its own sections of bench.md
from common import loglog_slope


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


def write(R, args, cfg, elapsed):
    """Writes the plot, bench.md and bench.json into args.out; returns the Markdown."""
    png = plot(R, os.path.join(args.out, "snapshot_scaling.png"))
    R.data["plot"] = png
    md = render(R, args, cfg, elapsed) + "\n".join(notify.render_notify(R)) + "\n"
    if png:
        md += "\nPlot: `%s`.\n" % png
    with open(os.path.join(args.out, "bench.md"), "w", encoding="utf-8") as f:
        f.write(md)
    with open(os.path.join(args.out, "bench.json"), "w", encoding="utf-8") as f:
        json.dump(R.data, f, indent=1, default=str)
    return md
