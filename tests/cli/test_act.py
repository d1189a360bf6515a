"""`clusapi group ...` and `clusapi resource ...`: act, wait through notifications,
print the events as they come; exit 0 done, 1 still going, 2 failed, 3 refused."""
import json

import pytest

from clusapi_py import GroupState, ResourceState, sim
from clusapi_py.handles import open_cluster

from cli_helpers import run

SQL = "SQL Server (MSSQLSERVER)"


@pytest.fixture
def s():
    """A simulator made the process's default backend (the CLI uses it without --sim)."""
    with sim.SimulatedCluster() as cluster:
        yield cluster


def group_state(s, name=SQL):
    with open_cluster(backend=s) as c, c.open_group(name) as g:
        return g.status()


def test_a_move_waits_for_the_end_and_prints_the_events(s):
    r = run("group", "move", SQL, "--node", "NODE3")
    assert r.code == 0, r.err
    assert "accepted (going on)" in r.lines[0]
    assert any("GROUP_OWNER_NODE" in line and "owner=NODE3" in line for line in r.lines)
    assert r.lines[-1].startswith("done: ONLINE on NODE3")
    assert group_state(s) == (GroupState.ONLINE, "NODE3")


def test_the_verbs_that_take_service_down_need_yes_and_change_nothing(s):
    for argv in (("group", "offline", SQL), ("resource", "offline", "SQL Server"), ("resource", "fail", "SQL Server")):
        r = run(*argv)
        assert r.code == 3 and "--yes" in r.err and r.out == ""
    assert group_state(s).state is GroupState.ONLINE


def test_offline_with_yes_takes_the_group_down(s):
    r = run("group", "offline", SQL, "--yes")
    assert r.code == 0, r.err
    assert group_state(s).state is GroupState.OFFLINE


def test_wait_zero_starts_and_returns_still_going(s):
    s.manual_clock = True                       # nothing ends until the test advances time
    r = run("group", "move", SQL, "--node", "NODE3", "--wait", "0")
    assert r.code == 1 and "not waiting (--wait 0)" in r.lines[-1]
    s.advance(60)
    assert group_state(s) == (GroupState.ONLINE, "NODE3")     # it went on in the cluster


def test_a_failed_online_exits_2(s):
    assert run("group", "offline", SQL, "--yes").code == 0
    s.set_resource_outcome("SQL Server", "fail")
    r = run("group", "online", SQL, "--json")
    assert r.code == 2, r.err
    doc = r.json()
    assert doc["result"] == "failed" and doc["outcome"]["ok"] is False and doc["kind"] == "group"


def test_a_refusal_is_exit_3_with_its_error(s):
    s.set_node_state("NODE3", "DOWN")
    r = run("group", "move", SQL, "--node", "NODE3")
    assert r.code == 3 and "ClusterNodeUnavailableError" in r.err
    assert group_state(s) == (GroupState.ONLINE, "NODE2")


def test_a_resource_restart_and_json(s):
    r = run("resource", "restart", "SQL Server Agent", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["result"] == "done" and doc["outcome"]["state"] == "ONLINE" and doc["pending"] is True
    with open_cluster(backend=s) as c, c.open_resource("SQL Server Agent") as res:
        assert res.status().state is ResourceState.ONLINE


def test_bad_wait_values_are_usage_errors(s):
    for bad in ("-1", "nan", "inf", "soon"):
        r = run("group", "move", SQL, "--wait", bad)
        assert r.code == 3 and "seconds" in r.err
    assert group_state(s) == (GroupState.ONLINE, "NODE2")


def test_unknown_objects_and_verbs(s):
    assert run("group", "move", "no such group").code == 3
    r = run("resource", "move", "SQL Server")
    assert r.code == 3 and "invalid choice" in r.err


def test_a_queued_move_at_the_timeout_exits_1_saying_queued(s):
    s.manual_clock = True
    s.parallel_moves = 1
    with open_cluster(backend=s) as c, c.open_group("FS01") as other:
        other.move("NODE3" if other.status().owner_node != "NODE3" else "NODE1")   # the one move that may run
        r = run("group", "move", SQL, "--node", "NODE3", "--queue", "--wait", "0.2", "--json")
        assert r.code == 1, r.err
        doc = json.loads(r.out)
        assert doc["result"] == "going" and doc["outcome"]["queued"] is True and "queued" in doc["message"]
        assert group_state(s).state is GroupState.ONLINE               # still on the source, queued
        s.advance(60)
    assert group_state(s) == (GroupState.ONLINE, "NODE3")             # its turn came


def test_queue_is_for_moves_only(s):
    r = run("group", "online", SQL, "--queue")
    assert r.code == 3 and "--queue" in r.err
