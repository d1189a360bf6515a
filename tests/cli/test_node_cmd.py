"""`clusapi node pause|resume NAME`: node maintenance from the command line, a drain
waited on through notifications with its events printed; exit 0 done, 1 still going,
2 failed, 3 refused or a usage error."""
import pytest

from clusapi_py import NodeDrainStatus, NodeState, sim
from clusapi_py.handles import open_cluster

from cli_helpers import run


@pytest.fixture
def s():
    """A simulator made the process's default backend (the CLI uses it without --sim)."""
    with sim.SimulatedCluster() as cluster:
        yield cluster


def node(s, name="NODE1"):
    with open_cluster(backend=s) as c, c.open_node(name) as n:
        return n.state, n.drain_status(), n.group_names()


def test_a_drain_waits_for_the_end_and_prints_the_events(s):
    r = run("node", "pause", "NODE1", "--drain")
    assert r.code == 0, r.err
    assert "node drain 'NODE1': accepted (going on)" in r.lines[0]
    assert any("NODE_PROPERTIES NODE1 drain=IN_PROGRESS" in line for line in r.lines)
    assert any("NODE_PROPERTIES NODE1 drain=COMPLETED" in line for line in r.lines)
    assert any("GROUP_OWNER_NODE Cluster Group" in line for line in r.lines)
    assert r.lines[-1].startswith("done: PAUSED")
    state, drain, groups = node(s)
    assert state is NodeState.PAUSED and drain.status is NodeDrainStatus.COMPLETED and groups == []


def test_resume_with_failback_and_json(s):
    assert run("node", "pause", "NODE3", "--drain").code == 0
    r = run("node", "resume", "NODE3", "--failback", "immediate", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["result"] == "done" and doc["verb"] == "resume" and doc["outcome"]["state"] == "UP"
    assert node(s, "NODE3")[0] is NodeState.UP


def test_a_failed_drain_exits_2_with_the_roles_left(s):
    s.add_group("Pinned", "NODE1")
    s.add_resource("PinnedRes", "Pinned", possible_owners=["NODE1"])
    r = run("node", "pause", "NODE1", "--drain", "--json")
    assert r.code == 2, r.err
    doc = r.json()
    assert doc["result"] == "failed" and doc["outcome"]["roles"] == ["Pinned"]
    assert node(s)[1].status is NodeDrainStatus.FAILED


def test_wait_zero_starts_and_returns_still_going(s):
    s.manual_clock = True
    r = run("node", "pause", "NODE1", "--drain", "--wait", "0")
    assert r.code == 1 and "not waiting (--wait 0)" in r.lines[-1]
    s.advance(60)
    assert node(s)[1].status is NodeDrainStatus.COMPLETED


def test_usage_errors_change_nothing(s):
    for argv, words in ((("node", "pause", "NODE1", "--drain", "--force"), "--yes"),
                        (("node", "pause", "NODE1", "--target", "NODE2"), "--drain"),
                        (("node", "resume", "NODE1", "--drain"), "pause"),
                        (("node", "resume", "NODE1", "--failback", "later"), "invalid choice"),
                        (("node", "pause", "NODE1", "--drain", "--wait", "-1"), "seconds"),
                        (("node", "stop", "NODE1"), "invalid choice")):
        r = run(*argv)
        assert r.code == 3 and words in r.err, (argv, r.err)
    assert node(s)[0] is NodeState.UP


def test_refusals_are_exit_3_with_their_error(s):
    r = run("node", "resume", "NODE1")
    assert r.code == 3 and "ClusterNodeNotPausedError" in r.err
    r = run("node", "pause", "NODE1", "--drain", "--target", "NODE1")
    assert r.code == 3 and "ClusterInvalidDrainTargetError" in r.err
    s.set_node_state("NODE2", "DOWN")
    r = run("node", "pause", "NODE1", "--drain", "--target", "NODE2")
    assert r.code == 3 and "ClusterDrainTargetUnavailableError" in r.err
    assert node(s)[0] is NodeState.UP


def test_a_plain_pause_and_a_forced_drain(s):
    r = run("node", "pause", "NODE3")
    assert r.code == 0 and r.lines[-1].startswith("done: PAUSED")
    assert node(s, "NODE3")[2] == ["FS01"]               # nothing moved
    assert run("node", "resume", "NODE3", "--failback", "none").code == 0
    s.set_resource_outcome("FS01 Name", "fail", node="NODE1")
    r = run("node", "pause", "NODE3", "--drain", "--target", "NODE1", "--force", "--yes")
    assert r.code == 0, r.err
    assert node(s, "NODE3")[2] == []
