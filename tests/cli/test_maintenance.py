"""`clusapi status` and node maintenance: drained, draining, failed drains, isolated or
quarantined nodes, preferred owners and mixed versions -- the command run on a simulator
whose nodes are set with set_properties (NodeDrainStatus, StatusInformation) and
set_node_state, as a drain leaves them."""
import json
import time

import pytest

from clusapi_py import sim
from clusapi_py.cli import _runtime

from cli_helpers import run

# The default cluster: NODE1 owns "Cluster Group" and "Available Storage", NODE2 "SQL Server (MSSQLSERVER)",
# NODE3 "FS01".
DRAINED, FAILED_DRAIN, DRAINING = 2, 3, 1


@pytest.fixture
def cluster(monkeypatch):
    """A simulator the command runs against (in place of --sim's own)."""
    with sim.SimulatedCluster() as s:
        monkeypatch.setattr(_runtime, "choose_backend", lambda _sim: s)
        yield s


def status(*options):
    return run("--sim", "status", *options)


def owners(s):
    return {g["name"]: g["owner_node"] for g in s.topology["groups"]}


def drained(s, node, drain_status=DRAINED, status_information=0, move_away=True):
    """What a drain leaves: the node's groups elsewhere (when it completed), its drain
    status and StatusInformation set, the node Paused."""
    if move_away:
        for group, owner in owners(s).items():
            if owner == node:
                s.move_group(group, "NODE2" if node != "NODE2" else "NODE1")
    s.set_properties("node", node, {"NodeDrainStatus": drain_status, "StatusInformation": status_information})
    s.set_node_state(node, "PAUSED")


def perf(r):
    return dict(item.split("=", 1) for item in r.lines[0].split(" | ")[1].split(" ") if "=" in item)


def test_a_drained_paused_node_is_ok_in_maintenance(cluster):
    drained(cluster, "NODE3", status_information=0x8)      # DrainCompleted
    r = status()
    assert r.code == 0, r.out
    assert r.lines[0].startswith("CLUSTER OK - (simulated) CLUSTER01: 2/3 nodes up, 1 in maintenance, ")
    assert "nodes: 3 - 2 UP, 1 PAUSED (in maintenance)" in r.lines
    assert perf(r)["nodes_up"] == "2;;;0;3" and perf(r)["nodes_maintenance"] == "1;;;0;3"
    data = status("--json").json()
    assert data["state"] == "OK" and data["counts"]["nodes"]["states"] == {"UP": 2, "PAUSED (in maintenance)": 1}


def test_a_paused_node_owning_nothing_is_in_maintenance_without_a_drain(cluster):
    drained(cluster, "NODE3", drain_status=0)
    r = status()
    assert r.code == 0 and "in maintenance" in r.lines[0]


def test_a_paused_node_still_owning_groups_without_a_drain_stays_a_warning(cluster):
    drained(cluster, "NODE1", drain_status=0, move_away=False)
    r = status()
    assert r.code == 1
    assert r.lines[0].startswith('CLUSTER WARNING - (simulated) CLUSTER01: 1 warning: node "NODE1" is PAUSED')
    assert 'WARNING: node "NODE1" is PAUSED (owns 2 groups, not drained)' in r.lines
    assert perf(r)["nodes_maintenance"] == "0;;;0;3"


def test_a_failed_drain_is_critical(cluster):
    drained(cluster, "NODE1", drain_status=FAILED_DRAIN, status_information=0x10, move_away=False)
    r = status()
    assert r.code == 2
    assert r.lines[0].startswith('CLUSTER CRITICAL - (simulated) CLUSTER01: 1 critical problem: '
                                 'node "NODE1" is PAUSED, drain FAILED')
    assert 'CRITICAL: node "NODE1" is PAUSED, drain FAILED (owns 2 groups (NodeDrainStatus 3))' in r.lines


@pytest.mark.parametrize("bits,word", [(0x1, "ISOLATED"), (0x2, "QUARANTINED"), (0x3, "ISOLATED+QUARANTINED")])
def test_an_isolated_or_quarantined_node_is_critical(cluster, bits, word):
    cluster.set_properties("node", "NODE2", {"StatusInformation": bits})
    cluster.set_node_state("NODE2", "DOWN")
    r = status()
    assert r.code == 2 and 'node "NODE2" is DOWN, %s' % word in r.lines[0]
    assert "CRITICAL: node \"NODE2\" is DOWN, %s (StatusInformation %#x)" % (word, bits) in r.lines


def test_an_up_node_is_read_for_isolation_only_with_node_details(cluster):
    cluster.set_properties("node", "NODE2", {"StatusInformation": 0x1})
    assert status().code == 0                       # Up nodes are not read: no round trip on a healthy cluster
    r = status("--node-details")
    assert r.code == 2 and 'node "NODE2" is UP, ISOLATED' in r.lines[0]


def test_a_drain_in_progress_is_ok_until_the_timeout_then_a_warning(cluster, tmp_path):
    drained(cluster, "NODE1", drain_status=DRAINING, status_information=0x4, move_away=False)
    state = tmp_path / "state.json"
    r = status("--state-file", str(state))
    assert r.code == 0 and "nodes: 3 - 1 PAUSED (draining), 2 UP" in r.lines, r.out
    first_seen = json.loads(state.read_text())["drains"]["CLUSTER01"]["NODE1"]
    assert abs(first_seen - time.time()) < 60
    # 31 minutes later, by the state file
    state.write_text(json.dumps({"drains": {"CLUSTER01": {"NODE1": time.time() - 31 * 60}}}))
    r = status("--state-file", str(state))
    assert r.code == 1, r.out
    assert 'WARNING: node "NODE1" is PAUSED, draining for 31 min (owns 2 groups; --drain-timeout 30 min)' in r.lines
    assert status("--state-file", str(state), "--drain-timeout", "45").code == 0
    # the drain ends: the file forgets it
    drained(cluster, "NODE1")
    assert status("--state-file", str(state)).code == 0
    assert json.loads(state.read_text())["drains"]["CLUSTER01"] == {}


def test_a_drain_in_progress_without_a_state_file_is_ok(cluster):
    drained(cluster, "NODE1", drain_status=DRAINING, move_away=False)
    r = status("--drain-timeout", "1")
    assert r.code == 0 and "PAUSED (draining)" in r.out


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"drains": {"CLUSTER01": {"NODE1": "x"}}}',
                                     '{"drains": []}', '{"drains": {"CLUSTER01": {"NODE1": 9e99}}}',
                                     '{"drains": {"CLUSTER01": {"NODE1": true}}}'])
def test_a_bad_state_file_is_said_and_replaced(cluster, tmp_path, content):
    drained(cluster, "NODE1", drain_status=DRAINING, move_away=False)
    state = tmp_path / "state.json"
    state.write_text(content)
    r = status("--state-file", str(state))
    assert r.code == 0 and "PAUSED (draining)" in r.out            # a start not known, or in the future: now
    assert abs(json.loads(state.read_text())["drains"]["CLUSTER01"]["NODE1"] - time.time()) < 60


@pytest.mark.parametrize("value", ["0", "-5", "abc", str(8 * 24 * 60)])
def test_a_bad_drain_timeout_is_a_usage_error(cluster, value):
    r = status("--drain-timeout", value)
    assert r.code == 3 and "--drain-timeout" in r.err


def test_preferred_owners_are_checked_when_asked(cluster):
    cluster.move_group("FS01", "NODE2")             # its preferred owners: NODE3, NODE1
    assert status().code == 0                       # opt-in
    r = status("--preferred-owners")
    assert r.code == 1
    assert 'WARNING: group "FS01" is on NODE2, not a preferred owner (preferred owners: NODE3, NODE1)' in r.lines
    assert "groups: 4 - 4 ONLINE (1 not on a preferred owner)" in r.lines
    assert status("--preferred-owners", "--ignore-group", "^FS").code == 0
    cluster.move_group("FS01", "NODE1")
    assert status("--preferred-owners").code == 0


def test_a_mixed_version_cluster_is_a_warning_by_its_flags(monkeypatch):
    # CLUSTER_VERSION_FLAG_MIXED_MODE, as GetClusterInformation reports it during a rolling upgrade
    t = sim.default_topology()
    t["cluster"]["version"]["flags"] = 1
    with sim.SimulatedCluster(t) as s:
        monkeypatch.setattr(_runtime, "choose_backend", lambda _sim: s)
        r = status()
    assert r.code == 1 and r.lines[0].startswith(
        'CLUSTER WARNING - (simulated) CLUSTER01: 1 warning: cluster "CLUSTER01" is running mixed versions')


def test_a_mixed_version_cluster_is_a_warning_by_its_nodes(cluster):
    cluster.set_properties("node", "NODE3", {"NodeHighestVersion": 0x000B0000})
    assert status().code == 0                       # Up nodes are not read unless asked
    r = status("--node-details")
    assert r.code == 1
    assert 'WARNING: cluster "CLUSTER01" is running mixed versions (node versions 0xb0000 to 0xb0004 ' \
           '(NodeHighestVersion))' in r.lines


def test_a_state_file_that_cannot_be_written_is_said_and_the_check_goes_on(cluster, tmp_path):
    drained(cluster, "NODE1", drain_status=DRAINING, move_away=False)
    path = tmp_path / "no such folder" / "state.json"
    r = status("--state-file", str(path))
    assert r.code == 0 and "PAUSED (draining)" in r.out
    assert "--state-file %s: not written" % path in r.err and not path.exists()


def test_the_state_file_keeps_other_clusters_drains(cluster, tmp_path):
    drained(cluster, "NODE1", drain_status=DRAINING, move_away=False)
    state = tmp_path / "state.json"
    other = {"CLUSTER02": {"N9": 1.0}}
    state.write_text(json.dumps({"drains": other, "note": "kept"}))
    assert status("--state-file", str(state)).code == 0
    stored = json.loads(state.read_text())
    assert stored["note"] == "kept" and stored["drains"]["CLUSTER02"] == {"N9": 1.0}
    assert set(stored["drains"]["CLUSTER01"]) == {"NODE1"}


@pytest.mark.parametrize("code", [5050, 1359])      # node down; an internal error
def test_a_node_whose_status_cannot_be_read_is_judged_by_its_state(cluster, code):
    drained(cluster, "NODE3")
    cluster.fail("ClusterNodeControl", code)
    r = status()
    assert r.code == 0 and "PAUSED (in maintenance)" in r.out          # it owns nothing now
    assert "node NODE3: drain status not read" in r.err and "Win32 error %d" % code in r.err


def test_a_broken_connection_while_reading_a_node_is_unknown(cluster):
    drained(cluster, "NODE3")
    cluster.fail("ClusterNodeControl", 1722)
    r = status()
    assert r.code == 3 and r.lines[0].startswith("CLUSTER UNKNOWN")
