"""What the benchmarks of bench/run.py share: the sizes of a full and a --quick run, the
targets' limits, the Results collector, timing and statistics helpers, the process's RSS and
the environment a run reports.
"""
import datetime
import math
import os
import platform
import statistics
import sys
import time

import clusapi_py
from clusapi_py._bindings import FUNCTION_IDS

MAXIMUM_ALLOWED = 0x02000000
BULK_EXPORTS = ("ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx", "ClusterOpenEnumEx")
# The calls that deliver a group's state (and id) to a snapshot, on either path.
GROUP_STATE_FUNCTIONS = tuple(f for f in ("ClusterGroupOpenEnumEx", "OpenClusterGroupEx", "OpenClusterGroup",
                                          "GetClusterGroupState", "ClusterGroupControl", "CloseClusterGroup")
                              if f in FUNCTION_IDS)

FULL = dict(
    action_moves=40,
    churn_target_s=0.25, churn_reps=7,
    snap_grid=[(n, g) for n in (4, 16, 64) for g in (100, 1000, 8000)], snap_rpg=3,
    snap_min_reps=7, snap_max_reps=31, snap_min_time=1.5,
    lat_nodes=4, lat_groups=1000, lat_rpg=1, lat_latency=0.0005, lat_reps=3,
    thr_counts=[1, 2, 4, 8], thr_latency=0.001, thr_duration=2.0, thr_reps=3,
    mem_cycles=1_000_000, mem_snapshots=10_000, mem_warmup_cycles=10_000, mem_warmup_snapshots=100,
)
QUICK = dict(
    action_moves=6,
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
