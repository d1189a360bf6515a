"""`clusapi props` and `clusapi dump --properties`."""
import io
import json
import os
import tempfile

import pytest

from clusapi_py import cli
from clusapi_py.sim import SimulatedCluster


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_props_table():
    code, out, err = run("--sim", "props", "node", "NODE1")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "(simulated) CLUSTER01: node NODE1, %d properties" % (len(lines) - 2)
    assert lines[1].split() == ["NAME", "VALUE", "TYPE", "READ-ONLY"]
    weight = next(line for line in lines if line.startswith("NodeWeight "))
    assert weight.split() == ["NodeWeight", "1", "DWORD", "no"]
    assert any(line.split()[:1] == ["DynamicWeight"] and line.split()[-1] == "yes" for line in lines)


@pytest.mark.parametrize("argv", [("cluster",), ("group", "FS01"), ("resource", "SQL Server"),
                                  ("network", "Cluster Network 1"), ("netinterface", "NODE1 - Ethernet"),
                                  ("resource", "Cluster IP Address", "--private")])
def test_props_json(argv):
    code, out, err = run("--sim", "props", *argv, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["schema"] == 1 and data["simulated"] is True and data["kind"] == argv[0]
    rows = data["properties"]
    assert rows and {"name", "value", "type", "read_only"} <= set(rows[0])


def test_props_json_values_use_the_topology_forms():
    rows = {r["name"]: r for r in json.loads(run("--sim", "props", "cluster", "--json")[1])["properties"]}
    assert rows["RecentEventsResetTime"]["value"] == {"filetime": "2024-01-01T00:00:00+00:00"}
    assert rows["SharedVolumeSecurityDescriptor"]["value"] == {"binary": "01000480"}
    assert rows["SameSubnetThreshold"] == {"name": "SameSubnetThreshold", "value": 10, "type": "DWORD",
                                           "read_only": False}


@pytest.mark.parametrize("argv,words", [
    ((), "first argument"), (("disk",), "first argument"), (("node",), "name the node"),
    (("cluster", "X"), "no name"), (("node", "A", "B"), "name the node"),
])
def test_props_usage_errors(argv, words):
    code, out, err = run("--sim", "props", *argv)
    assert code == 3 and out == "" and words in err


def test_props_missing_object_is_a_cluster_error():
    code, out, err = run("--sim", "props", "group", "NOPE")
    assert code == 3 and "ClusterObjectNotFoundError" in err


def test_extra_argument_to_other_commands():
    code, out, err = run("--sim", "nodes", "extra")
    assert code == 3 and out == "" and "unrecognized arguments: extra" in err


def test_dump_with_properties_replays():
    code, out, err = run("--sim", "dump", "--properties")
    assert code == 0
    topology = json.loads(out)
    assert topology["groups"][0]["properties"]["GroupType"] == 1
    assert all("type" in r and "properties" in r for r in topology["resources"])
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        assert SimulatedCluster(path).topology["resources"][0]["properties"]["Type"] == "IP Address"
        code, out2, err = run("--sim", path, "dump", "--properties")
    assert code == 0 and json.loads(out2) == topology


# ---- props set ------------------------------------------------------------------------------------
def test_props_set_prints_the_diff():
    code, out, err = run("--sim", "props", "set", "group", "FS01", "Priority=1000", "description=file shares",
                         "FailoverPeriod=6")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "(simulated) CLUSTER01: group FS01: changed 2 of 3 values"
    assert lines[1].split() == ["NAME", "OLD", "NEW"]
    assert lines[2].split() == ["Priority", "2000", "1000"]
    assert lines[3].split() == ["Description", "-", "file", "shares"]       # the current spelling


def test_props_set_restart_needed_exits_1():
    code, out, err = run("--sim", "props", "set", "resource", "Cluster IP Address", "Address=10.0.0.9",
                         "ProbePort=0x1F90", "--private")
    assert code == 1 and err == ""
    assert "ProbePort" in out and "8080" in out
    assert out.splitlines()[-1].startswith("stored; takes effect when the resource next comes online")


def test_props_set_dry_run_json():
    code, out, err = run("--sim", "props", "set", "cluster", "SameSubnetThreshold=20", "--dry-run", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["dry_run"] is True and data["stored"] is False and data["needs_restart"] is False
    assert data["changed"] == {"SameSubnetThreshold": {"old": 10, "new": 20}}
    code, out, _ = run("--sim", "props", "set", "cluster", "SameSubnetThreshold=20", "--dry-run")
    assert code == 0 and "would change 1 of 1" in out and "nothing stored" in out


def test_props_set_values_follow_the_current_type(tmp_path):
    t = SimulatedCluster().topology
    t["groups"][0].setdefault("properties", {}).update({"Tags": ["a"], "Blob": {"binary": "00"}})
    path = tmp_path / "t.json"
    path.write_text(json.dumps(t))
    group = t["groups"][0]["name"]
    code, out, err = run("--sim", str(path), "props", "set", "group", group, "Tags=b, c", "Blob=ff01", "--json")
    assert code == 0, err
    changed = json.loads(out)["changed"]
    assert changed["Tags"] == {"old": ["a"], "new": ["b", "c"]}
    assert changed["Blob"] == {"old": {"binary": "00"}, "new": {"binary": "ff01"}}
    code, out, err = run("--sim", str(path), "props", "set", "group", group, 'Tags=["x,y"]', "--json")
    assert code == 0 and json.loads(out)["changed"]["Tags"]["new"] == ["x,y"]


@pytest.mark.parametrize("argv,words", [
    (("set",), "first argument"), (("set", "group"), "name the group"),
    (("set", "group", "FS01"), "at least one"), (("set", "group", "FS01", "Priority"), "KEY=VALUE"),
    (("set", "group", "Priority=1"), "name the group"),
    (("set", "group", "FS01", "Priority=ten"), "takes an integer"),
    (("set", "group", "FS01", "GroupType=3"), "read-only"),
    (("set", "group", "FS01", "NoSuch=3"), "no common property"),
    (("set", "group", "FS01", "Blob=zz", "--private"), "no private property"),
    (("group", "FS01", "--dry-run"), "--dry-run goes with"),
    (("set", "group", "FS01", "Priority=1", "priority=2"), "given twice"),
])
def test_props_set_usage_errors(argv, words):
    code, out, err = run("--sim", "props", *argv)
    assert code == 3 and out == "" and words in err
