"""The health rules on hand-made snapshot rows: no simulator, no handles."""
import os
import re

import pytest

from clusapi_py import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState
from clusapi_py.monitor import health
from clusapi_py.records import GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, Quorum, ResourceInfo

NO_WITNESS = Quorum("", "", 0)


class Rows:
    def __init__(self, nodes=(), groups=(), resources=(), networks=(), netinterfaces=(), quorum=NO_WITNESS):
        self.nodes, self.groups, self.resources = nodes, groups, resources
        self.networks, self.netinterfaces, self.quorum = networks, netinterfaces, quorum


UP = NodeInfo("N1", "1", NodeState.UP)
ONLINE = GroupInfo("G1", "g1", GroupState.ONLINE, "N1")
NET_UP = NetworkInfo("Net1", "n1", NetworkState.UP)


def resource(state, name="R1", group="G1"):
    return ResourceInfo(name, "r-" + name, state, "N1", group)


def texts(verdict):
    return [(p.state, p.text) for p in verdict.problems]


def test_all_up_and_online_is_ok():
    rows = Rows([UP], [ONLINE], [resource(ResourceState.ONLINE), resource(ResourceState.INHERITED, "R2")], [NET_UP],
                [NetInterfaceInfo("N1 - eth0", "N1", "Net1", NetInterfaceState.UP)])
    verdict = health.judge(rows)
    assert verdict.state == health.OK and verdict.problems == []
    assert [t.summary for t in verdict.tallies] == [
        "1/1 nodes up", "1/1 groups online", "2/2 resources online", "1/1 networks up", "1/1 net interfaces up",
        "no witness", "no CSVs"]


@pytest.mark.parametrize("rows,problem", [
    (Rows([NodeInfo("N2", "2", NodeState.DOWN)]), 'node "N2" is DOWN'),
    (Rows([UP], [GroupInfo("G2", "g2", GroupState.FAILED, "")]), 'group "G2" is FAILED'),
    (Rows([UP], [ONLINE], [resource(ResourceState.FAILED)]), 'resource "R1" is FAILED'),
    (Rows([UP], networks=[NetworkInfo("Net2", "n2", NetworkState.DOWN)]), 'network "Net2" is DOWN'),
    (Rows([UP], networks=[NET_UP], netinterfaces=[NetInterfaceInfo("N1 - eth1", "N1", "Net1",
                                                                   NetInterfaceState.FAILED)]),
     'net interface "N1 - eth1" is FAILED'),
])
def test_down_or_failed_is_critical(rows, problem):
    assert texts(health.judge(rows)) == [(health.CRITICAL, problem)]
    assert health.judge(rows).state == health.CRITICAL


@pytest.mark.parametrize("rows,problem", [
    # paused, still owning a group, not drained (paused owning nothing is maintenance: test_maintenance.py)
    (Rows([NodeInfo("N2", "2", NodeState.PAUSED)], [GroupInfo("G2", "g2", GroupState.ONLINE, "N2")]),
     'node "N2" is PAUSED'),
    (Rows([NodeInfo("N2", "2", NodeState.JOINING)]), 'node "N2" is JOINING'),
    (Rows([UP], [GroupInfo("G2", "g2", GroupState.PARTIAL_ONLINE, "N1")]), 'group "G2" is PARTIAL_ONLINE'),
    (Rows([UP], [GroupInfo("G2", "g2", GroupState.OFFLINE, "N1")]), 'group "G2" is OFFLINE'),
    (Rows([UP], [GroupInfo("G2", "g2", GroupState.PENDING, "N1")]), 'group "G2" is PENDING'),
    (Rows([UP], [ONLINE], [resource(ResourceState.ONLINE_PENDING)]), 'resource "R1" is ONLINE_PENDING'),
    (Rows([UP], [ONLINE], [resource(ResourceState.OFFLINE)]), 'resource "R1" is OFFLINE'),
    (Rows([UP], networks=[NetworkInfo("Net2", "n2", NetworkState.PARTITIONED)]), 'network "Net2" is PARTITIONED'),
    (Rows([UP], networks=[NetworkInfo("Net2", "n2", NetworkState.UNAVAILABLE)]), 'network "Net2" is UNAVAILABLE'),
    (Rows([UP], networks=[NET_UP], netinterfaces=[NetInterfaceInfo("i", "N1", "Net1", NetInterfaceState.UNREACHABLE)]),
     'net interface "i" is UNREACHABLE'),
    (Rows([NodeInfo("N9", "9", 42)]), 'node "N9" is 42'),              # a state the enums do not know
    (Rows([NodeInfo("N9", "9", NodeState.UNKNOWN)]), 'node "N9" is UNKNOWN'),
])
def test_anything_else_is_a_warning(rows, problem):
    verdict = health.judge(rows)
    assert verdict.state == health.WARNING and texts(verdict) == [(health.WARNING, problem)]


def test_critical_problems_come_first_then_rule_order():
    rows = Rows([NodeInfo("N2", "2", NodeState.PAUSED), NodeInfo("N3", "3", NodeState.DOWN)],
                [GroupInfo("G2", "g2", GroupState.FAILED, "N2")], networks=[NetworkInfo("Net", "n", NetworkState.DOWN)])
    assert texts(health.judge(rows)) == [
        (health.CRITICAL, 'node "N3" is DOWN'), (health.CRITICAL, 'group "G2" is FAILED'),
        (health.CRITICAL, 'network "Net" is DOWN'), (health.WARNING, 'node "N2" is PAUSED')]


def test_the_issue_scenario_networks_partitioned_and_down_interfaces_failed_is_critical():
    rows = Rows([UP], networks=[NetworkInfo("A", "a", NetworkState.PARTITIONED),
                                NetworkInfo("B", "b", NetworkState.DOWN)],
                netinterfaces=[NetInterfaceInfo("i%d" % k, "N1", net, NetInterfaceState.FAILED)
                               for k, net in enumerate("AB")])
    verdict = health.judge(rows)
    assert verdict.state == health.CRITICAL and len(verdict.problems) == 4
    assert {t.kind: t.summary for t in verdict.tallies}["network"] == "0/2 networks up"


def test_problem_details_say_where():
    rows = Rows([UP], [GroupInfo("G2", "g2", GroupState.FAILED, "")], [resource(ResourceState.FAILED, group="G2")],
                [NET_UP], [NetInterfaceInfo("i", "N1", "Net1", NetInterfaceState.FAILED)])
    assert [p.detail for p in health.judge(rows).problems] == [
        "no owner", "group G2, owner N1", "node N1, network Net1"]


# ---- quorum -----------------------------------------------------------------------------
WITNESS = Quorum("Disk Witness", r"\\?\Volume{x}", 4096)


@pytest.mark.parametrize("state,expected", [
    (ResourceState.ONLINE, health.OK), (ResourceState.FAILED, health.CRITICAL),
    (ResourceState.OFFLINE, health.WARNING), (ResourceState.ONLINE_PENDING, health.WARNING),
])
def test_the_quorum_witness_is_judged_once_as_the_witness(state, expected):
    rows = Rows([UP], [ONLINE], [resource(ResourceState.ONLINE), resource(state, "disk witness")], quorum=WITNESS)
    verdict = health.judge(rows)
    assert verdict.state == expected
    assert [p.kind for p in verdict.problems] == ([] if expected == health.OK else ["quorum witness"])
    tallies = {t.kind: t for t in verdict.tallies}
    assert tallies["resource"].total == 1               # the witness is not a resource problem too
    assert tallies["quorum"].summary == 'witness "disk witness" %s' % state.name


def test_a_witness_missing_from_the_resources_is_a_warning():
    verdict = health.judge(Rows([UP], quorum=WITNESS))
    assert texts(verdict) == [(health.WARNING, 'quorum witness "Disk Witness" is not found')]


def test_the_witness_is_never_ignored():
    rows = Rows([UP], [ONLINE], [resource(ResourceState.FAILED, "Disk Witness")], quorum=WITNESS)
    options = health.Options((health.compile_pattern("."),), (health.compile_pattern("."),))
    assert health.judge(rows, options).state == health.CRITICAL


# ---- ignoring ---------------------------------------------------------------------------
def test_ignore_group_skips_the_group_and_its_resources_case_insensitively():
    rows = Rows([UP], [ONLINE, GroupInfo("Test VM", "g2", GroupState.OFFLINE, "N1")],
                [resource(ResourceState.OFFLINE, "VM disk", "Test VM"), resource(ResourceState.FAILED, "R9", "G1")])
    options = health.Options(ignore_groups=(health.compile_pattern("^test"),))
    verdict = health.judge(rows, options)
    assert texts(verdict) == [(health.CRITICAL, 'resource "R9" is FAILED')]
    tallies = {t.kind: t for t in verdict.tallies}
    assert (tallies["group"].ignored, tallies["resource"].ignored) == (1, 1)
    assert tallies["group"].total == 2 and tallies["group"].states == {"ONLINE": 1, "OFFLINE": 1}


def test_ignore_resource_matches_by_search():
    rows = Rows([UP], [ONLINE], [resource(ResourceState.OFFLINE, "Backup Task 3"), resource(ResourceState.OFFLINE)])
    verdict = health.judge(rows, health.Options(ignore_resources=(health.compile_pattern("backup"),)))
    assert texts(verdict) == [(health.WARNING, 'resource "R1" is OFFLINE')]


def test_ignoring_everything_that_is_wrong_is_ok():
    rows = Rows([UP], [GroupInfo("G", "g", GroupState.FAILED, "")], [resource(ResourceState.FAILED, group="G")])
    assert health.judge(rows, health.Options(ignore_groups=(health.compile_pattern("G"),))).state == health.OK


# ---- performance data and the table -----------------------------------------------------
def test_performance_data_counts_fine_objects_over_the_total():
    rows = Rows([UP, NodeInfo("N2", "2", NodeState.DOWN)], [ONLINE],
                [resource(ResourceState.FAILED), resource(ResourceState.ONLINE, "R2"),
                 resource(ResourceState.FAILED, "R3")], [NET_UP])
    perf = {p.label: (p.value, p.min, p.max) for p in health.judge(rows).perfdata}
    assert perf == {"nodes_up": (1, 0, 2), "nodes_maintenance": (0, 0, 2), "groups_online": (1, 0, 1), "resources_failed": (2, 0, 3),
                    "networks_up": (1, 0, 1), "netinterfaces_up": (0, 0, 0)}


def test_a_new_rule_plugs_into_the_table():
    class Always:
        kind = "thing"

        def doc(self):
            return health.RuleDoc("things", "never", "always", "-")

        def judge(self, snapshot, options):
            return health.Tally("thing", "things", 1, 0, {"ODD": 1}, 0,
                                [health.Problem(health.WARNING, "thing", "T", "ODD", "")], [], "0/1 things",
                                "things: 1 - 1 ODD", [])

    verdict = health.judge(Rows([UP]), rules=health.RULES + (Always(),))
    assert verdict.state == health.WARNING and [t.kind for t in verdict.tallies][-1] == "thing"


README = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")


@pytest.mark.skipif(not os.path.exists(README), reason="the README is not beside the tests (wheel test run)")
def test_the_readme_table_is_the_rule_table():
    with open(README, encoding="utf-8") as f:
        text = f.read()
    for rule in health.RULES:
        d = rule.doc()
        row = "| %s | %s | %s | %s |" % (d.what, d.critical or "-", d.warning, d.ok)
        assert row in text, "README.md lacks the row\n%s" % row


def test_state_names_are_what_the_problems_say():
    assert health.state_text(GroupState.PARTIAL_ONLINE) == "PARTIAL_ONLINE"
    assert health.state_text(42) == "42"
    assert re.fullmatch(r"\d+", health.state_text(7))
