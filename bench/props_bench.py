"""The `props` benchmark group (bench/run.py --only props): properties of
every group and resource of a large simulated cluster.

- round trips of snapshot(properties=True) on the bulk path (target: the
  snapshot's own round trips + O(1)) against per-object control calls;
- wall time against the C floor of the same enumeration (one direct
  lib.cs_snapshot_ex call, no Python decoding; target <= 2x);
- the parser's throughput (MB/s, properties/s) on realistic lists against
  a C walk of the same bytes.
Printed and recorded, never asserted.
"""
import gc
import time

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import FUNCTION_NAMES, ffi, lib
from clusapi_py.properties import parse


def _trips(s):
    return {f: s.round_trips(f) for f in FUNCTION_NAMES}


def _group_resource_trips(before, after):
    """Round trips the properties added in functions on groups and resources."""
    return sum(after[f] - before[f] for f in FUNCTION_NAMES if "Group" in f or "Resource" in f)


def _median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def bench_props(cfg, R, log):
    nodes, groups, rpg = cfg.get("props_size", (64, 8000, 3))
    reps = cfg.get("props_reps", 3)
    log("props: %d nodes x %d groups x %d resources" % (nodes, groups, rpg))
    s = sim.SimulatedCluster(sim.generate(nodes, groups, rpg))
    c = clusapi_py.open_cluster(backend=s)
    out = {"nodes": nodes, "groups": groups, "resources": groups * rpg}

    s.reset_calls()
    plain = c.snapshot()
    out["round_trips_plain"] = s.round_trips()
    before = _trips(s)
    s.reset_calls()
    snap = c.snapshot(properties=True)
    out["round_trips_bulk"] = s.round_trips()
    out["round_trips_added_bulk"] = out["round_trips_bulk"] - out["round_trips_plain"]
    out["round_trips_added_groups_resources_bulk"] = _group_resource_trips(before, _trips(s))
    out["objects_with_properties"] = len(snap.group_properties) + len(snap.resource_properties)
    for f in ("ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx"):
        s.hide(f)
    s.reset_calls()
    c.snapshot()
    per_plain = s.round_trips()
    before = _trips(s)
    s.reset_calls()
    t0 = time.perf_counter()
    fallback = c.snapshot(properties=True)
    out["fallback_s"] = time.perf_counter() - t0
    out["round_trips_per_object"] = s.round_trips()
    out["round_trips_added_per_object"] = s.round_trips() - per_plain
    out["round_trips_added_groups_resources_per_object"] = _group_resource_trips(before, _trips(s))
    R.check("props: per-object fallback equals the bulk path", fallback == snap)
    for f in ("ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx"):
        s.hide(f, False)
    del fallback, plain

    # wall time vs the C floor (the same cs_snapshot_ex call without decoding)
    result = ffi.new("cs_result **")
    pkg, flo = [], []
    for _ in range(reps):
        gc.collect()
        t0 = time.perf_counter()
        snap = c.snapshot(properties=True)
        t1 = time.perf_counter()
        del snap
        t2 = time.perf_counter()
        if lib.cs_snapshot_ex(c._token, lib.CS_SNAPSHOT_PROPERTIES, result):
            raise RuntimeError("cs_snapshot_ex failed")
        t3 = time.perf_counter()
        n_bytes = result[0].n_bytes
        lib.cs_result_free(result[0])
        pkg.append(t1 - t0)
        flo.append(t3 - t2)
    out["package_s"], out["floor_s"] = _median(pkg), _median(flo)
    out["ratio"] = out["package_s"] / out["floor_s"]
    out["snapshot_bytes"] = n_bytes

    # parser throughput: one resource's read-write list, parsed again and again
    with c.open_resource(next(iter(s.topology["resources"]))["name"]) as r:
        data = lib_bytes(r)
    n_props = len(parse(data))
    iterations = cfg.get("props_parse_iterations", 20000)
    t0 = time.perf_counter()
    for _ in range(iterations):
        parse(data)
    py_s = time.perf_counter() - t0
    counted = ffi.new("uint32_t *")
    c_s = lib.cs_bench_walk_properties(data, len(data), iterations * 10, counted) / 10
    out.update({
        "list_bytes": len(data), "list_properties": n_props,
        "parse_mb_s": len(data) * iterations / py_s / 1e6, "parse_properties_s": n_props * iterations / py_s,
        "c_walk_mb_s": len(data) * iterations / c_s / 1e6, "c_walk_properties_s": counted[0] * iterations / c_s,
    })
    c.close()
    R.handles("props", s)
    R.data["props"] = out
    R.target("props", "round trips properties=True adds for all groups and resources: O(1) (bulk)",
             "%d (per-object: %d)" % (out["round_trips_added_groups_resources_bulk"],
                                      out["round_trips_added_groups_resources_per_object"]),
             out["round_trips_added_groups_resources_bulk"] <= 2)
    R.target("props", "snapshot(properties=True) <= 2x the C floor", "%.2fx" % out["ratio"], out["ratio"] <= 2.0)
    print("props: %(nodes)d nodes, %(groups)d groups, %(resources)d resources\n"
          "  round trips: snapshot %(round_trips_plain)d; +properties bulk +%(round_trips_added_bulk)d "
          "(groups and resources +%(round_trips_added_groups_resources_bulk)d, the rest nodes, networks, cluster "
          "per object); per-object +%(round_trips_added_per_object)d "
          "(groups and resources +%(round_trips_added_groups_resources_per_object)d)\n"
          "  snapshot(properties=True) %(package_s).3f s vs C floor %(floor_s).3f s (%(ratio).2fx); "
          "per-object fallback %(fallback_s).3f s\n"
          "  parser: %(parse_mb_s).1f MB/s, %(parse_properties_s).0f properties/s on a %(list_bytes)d-byte "
          "list of %(list_properties)d; C walk %(c_walk_mb_s).0f MB/s, %(c_walk_properties_s).0f properties/s"
          % out, flush=True)


def lib_bytes(resource):
    from clusapi_py.properties.controls import control_bytes
    from clusapi_py import _consts as k
    return control_bytes(resource._tok(), k.CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES)
