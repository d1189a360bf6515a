"""`clusapi status` at any cluster size: a healthy cluster judged without
reading its resources' states, its output within an NRPE payload, perfdata
labels that survive any name, thresholds that can fire."""
import hashlib
import re

import pytest

from clusapi_py import sim
from clusapi_py.monitor import health, nagios

from cli_helpers import run, topology_file  # noqa: F401 (topology_file is a fixture)

FAILED = 10


def _fail_in_groups(t, count):
    """The first resource of `count` role groups FAILED (their groups derived FAILED)."""
    names = []
    for g in t["groups"][2:2 + count]:
        del g["state"]
        r = next(r for r in t["resources"] if r["group"] == g["name"])
        r["state"] = "FAILED"
        names.append(r["name"])
    return names


def _check(topology_file, t, *options):
    r = run("--sim", topology_file(t), "status", "--json", *options)
    return r.code, r.json()


def test_a_healthy_clusters_reading_does_not_grow_with_its_resources(topology_file):
    trips = []
    for groups in (50, 400):
        code, data = _check(topology_file, sim.generate(8, groups))
        assert code == 0 and data["counts"]["resources"]["fine"] == groups * 3 + 2
        trips.append(data["round_trips"])
    assert trips[0] == trips[1]
    # ... where the full reading (--verbose) pays 3 round trips per resource, 3 per net interface
    # (8 nodes x 2 networks) and 1 per node (the listing of its interfaces)
    _, full = _check(topology_file, sim.generate(8, 50), "--verbose")
    assert full["round_trips"] - trips[0] == 3 * (50 * 3 + 2) + 3 * 16 + 8


def test_failed_resources_are_each_named_at_a_cost_proportional_to_their_groups(topology_file):
    t = sim.generate(8, 400)
    _, healthy = _check(topology_file, t)
    failed = _fail_in_groups(t, FAILED)
    code, data = _check(topology_file, t)
    assert code == 2
    assert sorted(p["name"] for p in data["problems"] if p["kind"] == "resource") == sorted(failed)
    assert data["round_trips"] - healthy["round_trips"] == FAILED * 3 * 3     # 3 resources x 3 round trips
    assert "resources: 1202 - 1192 ONLINE, 10 FAILED (1172 not read: settled by their group's state)" in \
        run("--sim", topology_file(t), "status").lines


def test_an_offline_groups_resources_are_not_read_nor_claimed(topology_file):
    t = sim.generate(2, 5)
    for r in t["resources"]:
        if r["group"] == "VM00001":
            r["state"] = "OFFLINE"
    del t["groups"][2]["state"]
    r = run("--sim", topology_file(t), "status")
    assert r.code == 1 and r.lines[1] == 'WARNING: group "VM00001" is OFFLINE (owner HV01)'
    assert "resources: 17 - 14 ONLINE, 3 in OFFLINE groups (17 not read: settled by their group's state)" in r.lines
    assert 'resource "' not in r.out
    v = run("--sim", topology_file(t), "status", "--verbose")
    assert "resources: 17 - 14 ONLINE, 3 OFFLINE" in v.lines and v.out.count('WARNING: resource "') == 3


def test_verbose_states_its_cost_in_the_help():
    assert "3 round trips each" in re.sub(r"\s+", " ", run("status", "--help").out)


def _csv_topology(count, name=lambda i: "Cluster Virtual Disk (Volume%d)" % (i + 1)):
    t = sim.generate(4, 20, shared_volumes=count)
    for i, v in enumerate(t.get("shared_volumes", [])):
        old = v["resource"]
        v["resource"] = name(i)
        next(r for r in t["resources"] if r["name"] == old)["name"] = name(i)
    return t


def _size(text):
    return len(text.encode("utf-8"))


@pytest.mark.parametrize("csvs", [0, 12, 120])
def test_the_first_line_fits_an_nrpe_payload_and_the_output_4_kb(topology_file, csvs):
    r = run("--sim", topology_file(_csv_topology(csvs)), "status")
    assert r.code in (0, 1, 2)
    assert _size(r.lines[0]) <= nagios.FIRST_LINE_LIMIT and _size(r.out) <= nagios.MAX_OUTPUT
    perf = r.lines[0].split(" | ")[1]
    if csvs:
        assert "csv_free_pct_min=9.09%;10:;5:;0;100" in perf       # the lowest of all, always there
    values = perf.count("csvfree_")
    assert values == 0 if csvs == 0 else 0 < values < csvs         # per-volume values while they fit


def test_perfdata_choices(topology_file):
    path = topology_file(_csv_topology(120))
    every = run("--sim", path, "status", "--perfdata", "all", "--max-output", "65536").lines[0]
    assert every.count("csvfree_") == 120 and _size(every) > nagios.FIRST_LINE_LIMIT
    summary = run("--sim", path, "status", "--perfdata", "summary").lines[0]
    assert "csvfree_" not in summary and "csv_free_pct_min=" in summary and "nodes_up=" in summary
    none = run("--sim", path, "status", "--perfdata", "none").lines[0]
    assert " | " not in none and "|" not in none
    assert run("--sim", path, "status", "--perfdata", "most").code == 3


def test_max_output_bounds_everything_and_says_what_it_left_out(topology_file):
    t = sim.generate(4, 300, 1)
    for g in t["groups"][2:]:
        g["state"] = "FAILED"
        g["name"] = g["name"] + " " + "x" * 120           # long names, long lines
    for r in t["resources"]:
        if r["group"].startswith("VM"):
            r["group"] = r["group"] + " " + "x" * 120
    r = run("--sim", topology_file(t), "status", "--max-output", "1024")
    assert r.code == 2 and _size(r.out) <= 1024
    assert re.fullmatch(r"\.\.\. \d+ more lines \(--max-output 1024; --verbose prints everything\)", r.lines[-1])
    default = run("--sim", topology_file(t), "status")
    assert _size(default.out) <= nagios.MAX_OUTPUT and _size(default.lines[0]) <= nagios.FIRST_LINE_LIMIT
    assert default.lines[-1].startswith("... ") and "groups: 302 - 2 ONLINE, 300 FAILED" not in default.lines
    short = run("--sim", topology_file(t), "status", "--max-output", "300").lines[0]
    assert _size(short) <= 300 and short.split(" | ")[0].endswith("...")   # the summary shortened ...
    assert "resources_failed=0;;;0;302" in short                            # ... the aggregates kept
    assert _size(run("--sim", topology_file(t), "status", "--verbose").out) > nagios.MAX_OUTPUT
    small = run("--sim", topology_file(t), "status", "--max-output", "100")
    assert small.code == 3 and small.lines[0].startswith("CLUSTER UNKNOWN - usage error: argument --max-output")


BAD = ["Disk|A", "Disk=B", "Disk\nC", "Disk'D", "Disk\rE\u2028"]


def test_labels_are_cleaned_and_tell_volumes_apart_in_19_characters(topology_file):
    names = BAD + ["Cluster Virtual Disk (Volume%d)" % i for i in range(1, 8)]
    t = _csv_topology(len(names), name=lambda i: names[i])
    r = run("--sim", topology_file(t), "status", "--perfdata", "all")
    perf = r.lines[0].split(" | ")[1]
    assert len(r.lines[0].split("|")) == 2 and "\n" not in r.lines[0]
    items = re.findall(r"('(?:[^']|'')*'|[^ =']+)=([^ ]+)", perf)
    assert len(items) == 7 + len(names) and " ".join("%s=%s" % i for i in items) == perf
    labels = [label for label, _ in items]
    assert all("|" not in label and "=" not in label and not re.search(r"[\x00-\x1f\u2028]", label)
               for label in labels)
    assert "'csvfree_%s Disk''D'" % hashlib.sha1(b"disk'd").hexdigest()[:6] in labels
    bare = [label.strip("'").replace("''", "'") for label in labels]
    assert len({label[:19] for label in bare}) == len(bare)


def test_csv_labels_lengthen_every_tag_when_two_share_six_digits():
    seen = {}
    i = 0
    while True:                     # a birthday collision of 24 bits: a few thousand names
        name = "v%d" % i
        tag = hashlib.sha1(name.encode()).hexdigest()[:6]
        if tag in seen:
            break
        seen[tag] = name
        i += 1
    labels = health.csv_labels(["Other", seen[tag], name])
    assert [label.split(" ")[0] for label in labels] == [
        "csvfree_" + hashlib.sha1(n.lower().encode()).hexdigest()[:10] for n in ("Other", seen[tag], name)]
    assert all(len(label.split(" ")[0]) <= 19 for label in labels)


def test_inverted_csv_thresholds_are_refused_saying_why():
    r = run("--sim", "status", "--csv-warning", "5", "--csv-critical", "10")
    assert r.code == 3 and len(r.lines) == 1
    assert r.lines[0].startswith("CLUSTER UNKNOWN - (simulated) usage error: --csv-warning 5 is below "
                                 "--csv-critical 10: a volume is CRITICAL before it could be a WARNING")
    data = run("--sim", "status", "--json", "--csv-warning", "5", "--csv-critical", "10").json()
    assert data["exit_code"] == 3 and data["error"]["type"] == "UsageError"
    assert run("--sim", "status", "--csv-warning", "10", "--csv-critical", "10").code == 0   # no band: allowed
