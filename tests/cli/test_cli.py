"""The command line in-process: the listings, JSON documents, options anywhere, usage errors, help."""
import json
import re

import pytest

from clusapi_py import __version__, errors, sim
from clusapi_py.records import NodeInfo
from clusapi_py.snapshot import Snapshot

from cli_helpers import GROUP_UNICODE, RESOURCE_ASTRAL, run, topology_file  # noqa: F401 (a fixture)

COMMANDS = ["status", "info", "nodes", "groups", "resources", "networks", "netinterfaces", "dump"]
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def test_info_against_the_builtin_simulator_says_it_is_simulated():
    r = run("--sim", "info")
    assert r.code == 0 and r.err == ""
    assert r.lines[0] == "Cluster:         (simulated) CLUSTER01"
    assert "20348" in r.out and "GENERIC_ALL" in r.out


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "dump"])
def test_json_is_one_document_with_schema_timestamp_cluster_and_simulated(command):
    r = run("--sim", command, "--json")
    assert r.code == 0 and r.err == ""
    data = r.json()
    assert data["schema"] == 1 and TIMESTAMP.fullmatch(data["timestamp"])
    assert data["cluster"] == "CLUSTER01" and data["simulated"] is True
    assert list(data)[:4] == ["schema", "timestamp", "cluster", "simulated"]


@pytest.mark.parametrize("command,key,first", [
    ("nodes", "nodes", {"name": "NODE1", "id": "1", "state": "UP"}),
    ("groups", "groups", {"name": "Cluster Group", "id": "4f1d2a3b-6c7e-4d8f-9a0b-1c2d3e4f5a6b", "state": "ONLINE",
                          "owner_node": "NODE1"}),
    ("netinterfaces", "netinterfaces", {"name": "NODE1 - Ethernet", "node": "NODE1", "network": "Cluster Network 1",
                                        "state": "UP"}),
])
def test_listing_json_rows(command, key, first):
    assert run("--sim", command, "--json").json()[key][0] == first


def test_resources_show_state_group_and_owner():
    r = run("--sim", "resources")
    assert r.lines[0] == "(simulated) CLUSTER01: 13 resources"
    assert r.lines[1].split() == ["NAME", "ID", "STATE", "GROUP", "OWNER_NODE", "TYPE"]
    row = next(line for line in r.lines if line.startswith("SQL Server Agent"))
    assert "ONLINE" in row and "SQL Server (MSSQLSERVER)" in row and row.split()[-4:] == ["NODE2", "SQL", "Server", "Agent"]


def test_resources_show_the_type_from_the_type_property(topology_file):
    from clusapi_py import sim
    t = sim.default_topology()
    t["resource_types"] = sorted(set(t.get("resource_types", [])) | {"Typ Ω 🚀"})
    t["resources"].append({"name": "R1", "group": "FS01", "state": "ONLINE", "type": "Typ Ω 🚀"})
    r = run("--sim", topology_file(t), "resources", "--json")
    types = {row["name"]: row["type"] for row in r.json()["resources"]}
    assert types["R1"] == "Typ Ω 🚀" and types["Cluster Disk 1"] == "Physical Disk"
    expected = {x["name"]: x["type"] for x in sim.SimulatedCluster(t).topology["resources"]}
    assert types == expected


def test_the_type_costs_the_bulk_property_read(topology_file):
    import clusapi_py
    from clusapi_py import sim
    s = sim.SimulatedCluster()
    with clusapi_py.open_cluster(backend=s) as c:
        s.reset_calls()
        c.snapshot()
        plain = s.round_trips("ClusterResourceOpenEnumEx")
        s.reset_calls()
        snap = c.snapshot(properties=True)
        assert s.round_trips("ClusterResourceOpenEnumEx") == plain + 1      # one more for every resource
        assert snap.resource_properties["SQL Server Agent"]["Type"] == "SQL Server Agent"


def test_netinterfaces_lists_each_interface_with_node_network_and_state():
    r = run("--sim", "netinterfaces")
    assert r.code == 0
    assert r.lines[0] == "(simulated) CLUSTER01: 6 net interfaces"
    assert r.lines[1].split() == ["NAME", "NODE", "NETWORK", "STATE"]
    assert len(r.lines) == 8 and all(line.endswith("UP") for line in r.lines[2:])


def test_networks_json_names_their_interfaces():
    nets = run("--sim", "networks", "--json").json()["networks"]
    assert nets[0]["netinterfaces"] == ["NODE1 - Ethernet", "NODE2 - Ethernet", "NODE3 - Ethernet"]


@pytest.mark.parametrize("command,plural", [("networks", "networks"), ("netinterfaces", "net interfaces"),
                                            ("groups", "groups"), ("resources", "resources")])
def test_empty_listings_say_so(topology_file, command, plural):
    path = topology_file({"cluster": {"name": "EMPTY"}, "nodes": [{"name": "N1"}]})
    r = run("--sim", path, command)
    assert r.code == 0 and r.out == "(simulated) EMPTY: no %s\n" % plural
    assert run("--sim", path, command, "--json").json()[command] == []


def test_one_object_is_singular(topology_file):
    r = run("--sim", topology_file({"cluster": {"name": "ONE"}, "nodes": [{"name": "N1"}]}), "nodes")
    assert r.lines[0] == "(simulated) ONE: 1 node"


def test_unicode_and_astral_names_in_tables_and_json(topology_file):
    t = sim.default_topology()
    t["groups"].append({"name": GROUP_UNICODE, "owner_node": "NODE1"})
    t["resources"].append({"name": RESOURCE_ASTRAL, "group": GROUP_UNICODE})
    path = topology_file(t)
    assert GROUP_UNICODE in run("--sim", path, "groups").out
    rows = run("--sim", path, "resources", "--json").json()["resources"]
    assert (rows[-1]["name"], rows[-1]["group"]) == (RESOURCE_ASTRAL, GROUP_UNICODE)


def test_dump_is_a_topology_that_replays_and_says_simulated_on_stderr(tmp_path):
    r = run("--sim", "dump")
    assert r.code == 0 and r.err == "clusapi: (simulated) CLUSTER01 is a simulated cluster\n"
    p = tmp_path / "dump.json"
    p.write_text(r.out, encoding="utf-8")
    again = run("--sim", str(p), "dump", "--json")
    assert again.code == 0 and json.loads(again.out) == json.loads(r.out)


@pytest.mark.parametrize("argv", [
    ["--sim", "--json", "nodes"], ["nodes", "--sim", "--json"], ["--json", "nodes", "--sim"],
    ["--sim", "nodes", "--json"], ["nodes", "--json", "--sim"],
])
def test_common_options_go_before_or_after_the_command(argv):
    r = run(*argv)
    assert r.code == 0 and r.json()["nodes"][0]["name"] == "NODE1"


def test_sim_file_after_the_command(topology_file):
    path = topology_file(edit=lambda t: t["cluster"].update(name="OTHER"))
    assert run("nodes", "--sim", path).lines[0] == "(simulated) OTHER: 3 nodes"
    assert run("--sim=" + path, "nodes").lines[0] == "(simulated) OTHER: 3 nodes"


def test_cluster_error_is_one_line_on_stderr_and_exit_3():
    r = run("--sim", "--cluster", "NOSUCHHOST", "info")
    assert r.code == 3 and r.out == ""
    # The message is the system's (FormatMessage on Windows, the package's table elsewhere).
    assert r.err == ("clusapi: %s (ClusterUnavailableError, Win32 error 1722 from OpenClusterEx)\n"
                     % errors.describe(1722))


def test_a_named_cluster_that_answers(topology_file):
    assert run("--sim", "--cluster", "cluster01.contoso.local", "nodes").code == 0


def test_bad_topology_file_is_one_line(topology_file):
    path = topology_file({"cluster": {"name": "X"}, "nodes": []})
    r = run("--sim", path, "info")
    assert r.code == 3 and "at least one node" in r.err and r.err.count("\n") == 1 and r.out == ""


def test_missing_topology_file_is_one_line(tmp_path):
    r = run("--sim", str(tmp_path / "nope.json"), "nodes")
    assert r.code == 3 and r.err.startswith("clusapi: FileNotFoundError") and r.err.count("\n") == 1


@pytest.mark.parametrize("argv", [["frobnicate"], [], ["--sim"], ["nodes", "--bogus"], ["--timeout", "0", "nodes"],
                                  ["--timeout", "soon", "nodes"], ["--timeout", "nan", "nodes"],
                                  ["nodes", "--verbose"], ["--simu", "nodes"]])
def test_usage_errors_exit_3_with_the_usage_on_stderr(argv):
    r = run(*argv)
    assert r.code == 3 and r.out == ""
    assert r.err.startswith("usage: clusapi") and ": error: " in r.err


def test_help_lists_commands_exit_codes_and_environment():
    r = run("--help")
    assert r.code == 0 and r.err == ""
    for word in ["status", "info", "nodes", "groups", "resources", "networks", "netinterfaces", "dump",
                 "exit codes:", "0  OK", "1  WARNING", "2  CRITICAL", "3  UNKNOWN", "CLUSAPI_PY_BACKEND=sim",
                 "CLUSAPI_PY_BACKEND=system", "CLUSAPI_PY_SIM_TOPOLOGY", "CLUSAPI_PY_SIM_LEAKCHECK", "--timeout"]:
        assert word in r.out, word


def test_a_command_has_its_own_help():
    r = run("status", "--help")
    assert r.code == 0 and r.out.startswith("usage: clusapi status")
    assert "--ignore-group REGEX" in r.out and "--verbose" in r.out and "exit codes:" in r.out


def test_version():
    r = run("--version")
    assert r.code == 0 and r.out.startswith("clusapi %s (clusapi_py, Python " % __version__)


def test_a_state_the_enums_do_not_know_is_its_number_in_json(monkeypatch):
    real = Snapshot.__init__

    def with_odd_node(self, name, version, quorum, nodes, *rest):
        real(self, name, version, quorum, list(nodes) + [NodeInfo("N9", "9", 42)], *rest)
    monkeypatch.setattr(Snapshot, "__init__", with_odd_node)
    assert run("--sim", "nodes", "--json").json()["nodes"][-1] == {"name": "N9", "id": "9", "state": 42}
    r = run("--sim", "status")
    assert r.code == 1 and 'node "N9" is 42' in r.lines[0]
