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
