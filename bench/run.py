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

The runners of 1-5 are in bench/core_bench.py, what they share (sizes, the
Results collector, RSS, the environment) in bench/common.py, and the
Markdown, JSON and PNG outputs in bench/report.py; this file is the entry
point (the command line, the order of the groups, the final handle check).

Every figure is the median of several repetitions; the ways being compared
are measured in the same run, interleaved.  --quick is the CI smoke test:
tiny sizes, exit 0 whatever the timings, non-zero only if something crashes
or a simulator still holds open handles at the end.
"""
import argparse
import gc
import json
import os
import sys
import time
import traceback

from clusapi_py._bindings import ffi, lib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import notify  # noqa: E402  (bench/notify.py)
import props_bench  # noqa: E402  (bench/props_bench.py: the `props` group)
import exporter_bench  # noqa: E402  (bench/exporter_bench.py: the `exporter` group)
import check_bench  # noqa: E402  (bench/check_bench.py: the `check` group)
import actions_bench  # noqa: E402  (bench/actions_bench.py: the `actions` group)
import report  # noqa: E402  (bench/report.py: bench.md, bench.json, the plot)
from common import FULL, QUICK, Results, environment, log, rss_bytes  # noqa: E402  (bench/common.py)
from core_bench import (bench_churn, bench_latency, bench_memory, bench_snapshot,  # noqa: E402  (bench/core_bench.py)
                        bench_threads, measure_memory)


def main(argv=None):
    parser = argparse.ArgumentParser(description="clusapi_py benchmarks against the simulated cluster")
    parser.add_argument("--quick", action="store_true", help="CI smoke test: tiny sizes, timings not judged")
    parser.add_argument("--out", default=os.path.join("build", "bench"), help="output directory (default build/bench)")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", default=None,
                        help="comma-separated subset of churn,snapshot,latency,threads,memory,notify,props,exporter,check,actions")
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
               ("check", lambda cfg, R: check_bench.bench_check(cfg, R, log)),
               ("actions", lambda cfg, R: actions_bench.bench_actions(cfg, R, log))]
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

    md = report.write(R, args, cfg, elapsed)
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
