"""The `check` benchmark group (bench/run.py --only check): what `clusapi
status` costs and prints on large simulated clusters.

- round trips and time of the check (its run function in process, on the
  command's own arguments) at 0.5 ms per round trip, on a healthy cluster
  and with 10 failed resources in 10 groups: before (every resource state
  read: what --verbose still does) and after (a resource's state read only
  where its group's state does not settle it);
- node maintenance on the same cluster: one node drained and paused (OK,
  "in maintenance"), then another with a failed drain (CRITICAL); what
  --node-details and --preferred-owners add;
- the bytes of the first line and of the whole output with 0, 12 and 120
  CSVs (default limits; and --perfdata all with a large --max-output).
Printed and recorded, never asserted.
"""
import io
import json
import time

import clusapi_py
from clusapi_py import sim
from clusapi_py.cli import status
from clusapi_py.cli._common import Context
from clusapi_py.cli.main import parser

LATENCY = 0.0005
FAILED_GROUPS = 10


def _check(s, *options):
    """(exit code, output, round trips, seconds) of one `clusapi status` run over `s`, in process."""
    args = parser().parse_args(["status"] + list(options))
    out = io.StringIO()
    with clusapi_py.open_cluster(None, backend=s) as c:
        before = s.round_trips()
        t0 = time.perf_counter()
        code = status.run(Context(c, True), args, out)
        seconds = time.perf_counter() - t0
        trips = s.round_trips() - before
    return code, out.getvalue(), trips, seconds


def _fail_resources(s, count):
    """One resource failed in each of `count` role groups (their groups turn FAILED)."""
    topo = s.topology
    groups = [g["name"] for g in topo["groups"][2:2 + count]]
    for g in groups:
        first = next(r["name"] for r in topo["resources"] if r["group"] == g)
        s.set_resource_state(first, "FAILED")
    return groups


def _cost(nodes, groups, log):
    out = {}
    s = sim.SimulatedCluster(sim.generate(nodes, groups))
    s.latency = LATENCY
    for health in ("healthy", "failures"):
        if health == "failures":
            _fail_resources(s, FAILED_GROUPS)
        for mode, options in (("before", ["--verbose"]), ("after", [])):
            log("check: %d nodes x %d groups, %s, %s" % (nodes, groups, health, mode))
            code, text, trips, seconds = _check(s, "--json", *options)
            named = sum(1 for p in json.loads(text)["problems"] if p["kind"] == "resource")
            out["%s_%s" % (health, mode)] = {"round_trips": trips, "seconds": seconds, "exit_code": code,
                                             "failed_resources_named": named}
    return out


def _maintenance(nodes, groups, log):
    """Round trips, exit code and words of the check with node maintenance, and of its opt-in readings."""
    s = sim.SimulatedCluster(sim.generate(nodes, groups))
    s.latency = LATENCY
    names = [n["name"] for n in s.topology["nodes"]]
    drained, failed = names[-1], names[-2]
    for g in s.topology["groups"]:
        if g["owner_node"] == drained:
            s.move_group(g["name"], names[0])
    s.set_properties("node", drained, {"NodeDrainStatus": 2, "StatusInformation": 0x8})
    s.set_node_state(drained, "PAUSED")
    out = {}

    def run(key, *options):
        log("check: %d nodes x %d groups, %s" % (nodes, groups, key))
        code, text, trips, seconds = _check(s, *options)
        out[key] = {"round_trips": trips, "seconds": seconds, "exit_code": code, "first_line": text.splitlines()[0]}
    run("one_in_maintenance")
    s.set_properties("node", failed, {"NodeDrainStatus": 3, "StatusInformation": 0x10})
    s.set_node_state(failed, "PAUSED")
    run("and_one_failed_drain")
    s.latency = 0.0          # the opt-in readings: round trips counted, not timed
    run("node_details", "--node-details")
    run("preferred_owners", "--preferred-owners")
    return out


def _output_sizes(csvs):
    s = sim.SimulatedCluster(sim.generate(4, 20, shared_volumes=csvs))
    out = {}
    for name, options in (("default", []), ("perfdata_all", ["--perfdata", "all", "--max-output", "65536"])):
        _, text, _, _ = _check(s, *options)
        lines = text.splitlines()
        out[name] = {"first_line_bytes": len(lines[0].encode("utf-8")), "total_bytes": len(text.encode("utf-8")),
                     "csv_values": lines[0].count("csvfree_")}
    return out


def bench_check(cfg, R, log):
    sizes = cfg.get("check_sizes", [(4, 1000), (64, 8000)])
    result = {"latency_s": LATENCY, "clusters": {}, "output": {}}
    for nodes, groups in sizes:
        key = "%d/%d/%d" % (nodes, groups + 2, groups * 3 + 3)
        result["clusters"][key] = _cost(nodes, groups, log)
    nodes, groups = sizes[-1]
    result["maintenance"] = _maintenance(nodes, groups, log)
    for csvs in cfg.get("check_csvs", [0, 12, 120]):
        result["output"][csvs] = _output_sizes(csvs)
    R.data["check"] = result
    print("check: `clusapi status` at %.1f ms per round trip (before: every resource state read, as --verbose; "
          "after: only where the group's state does not settle it)" % (LATENCY * 1000))
    for key, c in result["clusters"].items():
        for health in ("healthy", "failures"):
            b, a = c[health + "_before"], c[health + "_after"]
            print("  %s nodes/groups/resources, %s: before %d round trips %.2f s; after %d round trips %.2f s%s" % (
                key, "healthy" if health == "healthy" else "%d failed resources in %d groups" % (
                    FAILED_GROUPS, FAILED_GROUPS), b["round_trips"], b["seconds"], a["round_trips"], a["seconds"],
                "" if health == "healthy" else " (%d failed resources named)" % a["failed_resources_named"]))
    m = result["maintenance"]
    print("  node maintenance (%d nodes/%d groups): one drained node %d round trips, exit %d; and one failed "
          "drain %d, exit %d; --node-details %d; --preferred-owners %d" % (
              sizes[-1][0], sizes[-1][1] + 2, m["one_in_maintenance"]["round_trips"],
              m["one_in_maintenance"]["exit_code"], m["and_one_failed_drain"]["round_trips"],
              m["and_one_failed_drain"]["exit_code"], m["node_details"]["round_trips"],
              m["preferred_owners"]["round_trips"]))
    print("    %s" % m["one_in_maintenance"]["first_line"].split(" | ")[0][:160])
    print("    %s" % m["and_one_failed_drain"]["first_line"].split(" | ")[0][:160])
    for csvs, o in result["output"].items():
        d, a = o["default"], o["perfdata_all"]
        print("  %d CSVs: first line %d bytes (%d per-CSV values), whole output %d bytes; --perfdata all: first "
              "line %d bytes (%d values)" % (csvs, d["first_line_bytes"], d["csv_values"], d["total_bytes"],
                                             a["first_line_bytes"], a["csv_values"]), flush=True)
    big = result["clusters"].get("64/8002/24003")
    if big:
        healthy = big["healthy_after"]
        R.target("check", "healthy 64/8 002/24 003 at 0.5 ms: under 5 s", "%.2f s" % healthy["seconds"],
                 healthy["seconds"] < 5)
        R.target("check", "healthy 64/8 002/24 003 at 0.5 ms: under 200 round trips",
                 "%d (of which 192: the 64 nodes' states, open + state + close each; no ClusAPI call reads "
                 "several nodes' states)" % healthy["round_trips"], healthy["round_trips"] < 200)
    m = result["maintenance"]
    R.target("check", "one node drained and paused: OK, in maintenance; one failed drain: CRITICAL",
             "exit %d / %d" % (m["one_in_maintenance"]["exit_code"], m["and_one_failed_drain"]["exit_code"]),
             m["one_in_maintenance"]["exit_code"] == 0 and "in maintenance" in m["one_in_maintenance"]["first_line"]
             and m["and_one_failed_drain"]["exit_code"] == 2
             and "drain FAILED" in m["and_one_failed_drain"]["first_line"])
    first = max(o["default"]["first_line_bytes"] for o in result["output"].values())
    total = max(o["default"]["total_bytes"] for o in result["output"].values())
    R.target("check", "first line within 1 024 bytes, output within 4 096", "%d / %d bytes" % (first, total),
             first <= 1024 and total <= 4096)
