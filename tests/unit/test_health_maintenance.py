"""The node rule's maintenance judgement, the preferred-owner and mixed-version warnings
(pure: rows in, a verdict out), and NodeStatus from property values."""
import pytest

from clusapi_py.enums import GroupState, NodeState
from clusapi_py.monitor import health
from clusapi_py.records import ClusterVersion, GroupInfo, NodeInfo, NodeStatus, node_status_from, Quorum

NO_WITNESS = Quorum("", "", 0)
NOW = 1_800_000_000.0


class Rows:
    def __init__(self, nodes, groups=(), node_status=None, preferred_owners=None, version=None):
        self.nodes, self.groups, self.resources, self.networks, self.netinterfaces = nodes, groups, (), (), ()
        self.quorum, self.cluster_name = NO_WITNESS, "C1"
        if node_status is not None:
            self.node_status = node_status
        if preferred_owners is not None:
            self.preferred_owners = preferred_owners
        if version is not None:
            self.version = version


def paused(name="N2"):
    return NodeInfo(name, name, NodeState.PAUSED)


UP = NodeInfo("N1", "1", NodeState.UP)
OWNED = GroupInfo("G2", "g2", GroupState.ONLINE, "N2")


def verdict(rows, **options):
    return health.judge(rows, health.Options(now=NOW, **options))


def node_problems(v):
    return [(p.state, p.text, p.detail) for p in v.problems]


def tally(v):
    return v.tallies[0]


@pytest.mark.parametrize("status,groups,state,shown", [
    (NodeStatus(drain_status=2), [OWNED], health.OK, "PAUSED (in maintenance)"),      # drained (COMPLETED)
    (NodeStatus(drain_status=0), [], health.OK, "PAUSED (in maintenance)"),           # owns nothing
    (None, [], health.OK, "PAUSED (in maintenance)"),                                 # not read, owns nothing
    (NodeStatus(drain_status=0), [OWNED], health.WARNING, "PAUSED"),                  # paused, not drained
    (None, [OWNED], health.WARNING, "PAUSED"),
    (NodeStatus(drain_status=3), [], health.CRITICAL, "PAUSED, drain FAILED"),
    (NodeStatus(drain_status=1, drain_started=NOW - 60), [OWNED], health.OK, "PAUSED (draining)"),
    (NodeStatus(drain_status=1), [OWNED], health.OK, "PAUSED (draining)"),            # start not known
    (NodeStatus(drain_status=1, drain_started=NOW - 1801), [OWNED], health.WARNING,
     "PAUSED, draining for 30 min"),
    (NodeStatus(drain_status=9), [OWNED], health.WARNING, "PAUSED"),                  # a value not documented
])
def test_a_paused_node(status, groups, state, shown):
    v = verdict(Rows([UP, paused()], groups, None if status is None else {"N2": status}))
    assert v.state == state and tally(v).objects == [("N1", "UP"), ("N2", shown)]
    maintenance = state == health.OK
    assert {p.label: p.value for p in v.perfdata}["nodes_maintenance"] == int(maintenance)
    assert tally(v).summary == "1/2 nodes up" + (", 1 in maintenance" if maintenance else "")


def test_the_drain_timeout_is_an_option():
    rows = Rows([paused()], [OWNED], {"n2": NodeStatus(drain_status=1, drain_started=NOW - 600)})   # keyed by name
    assert verdict(rows).state == health.OK
    v = verdict(rows, drain_timeout=300)
    assert node_problems(v) == [(health.WARNING, 'node "N2" is PAUSED, draining for 10 min',
                                 "owns 1 group; --drain-timeout 5 min")]


@pytest.mark.parametrize("bits,text", [(1, "ISOLATED"), (2, "QUARANTINED"), (3, "ISOLATED+QUARANTINED")])
@pytest.mark.parametrize("state", [NodeState.UP, NodeState.DOWN, NodeState.PAUSED])
def test_isolated_or_quarantined_is_critical_in_any_state(bits, text, state):
    node = NodeInfo("N2", "2", state)
    v = verdict(Rows([node], node_status={"N2": NodeStatus(drain_status=2, status_information=bits | 0x8)}))
    assert node_problems(v) == [(health.CRITICAL, 'node "N2" is %s, %s' % (state.name, text),
                                 "StatusInformation %#x" % (bits | 0x8))]


def test_other_status_bits_are_not_problems():
    v = verdict(Rows([UP], node_status={"N1": NodeStatus(status_information=0x4 | 0x8 | 0x10 | 0x20)}))
    assert v.state == health.OK


def test_down_and_joining_are_as_before():
    v = verdict(Rows([NodeInfo("N2", "2", NodeState.DOWN), NodeInfo("N3", "3", NodeState.JOINING)]))
    assert [(p.state, p.text) for p in v.problems] == [(health.CRITICAL, 'node "N2" is DOWN'),
                                                       (health.WARNING, 'node "N3" is JOINING')]


def test_mixed_versions_by_the_nodes_read_or_the_cluster_flags():
    same = {"N1": NodeStatus(highest_version=0xB0004), "N2": NodeStatus(highest_version=0xB0004)}
    nodes = [UP, NodeInfo("N2", "2", NodeState.UP)]
    assert verdict(Rows(nodes, node_status=same)).state == health.OK
    mixed = dict(same, N2=NodeStatus(highest_version=0xA0002))
    assert node_problems(verdict(Rows(nodes, node_status=mixed))) == [
        (health.WARNING, 'cluster "C1" is running mixed versions', "node versions 0xa0002 to 0xb0004 "
                                                                    "(NodeHighestVersion)")]
    flags = ClusterVersion(10, 0, 20348, "", "", 0xB0004, 0xB0004, health.MIXED_MODE)
    assert verdict(Rows(nodes, version=flags)).state == health.WARNING
    assert verdict(Rows(nodes, version=flags._replace(flags=0))).state == health.OK


def test_preferred_owners_only_when_asked():
    groups = [GroupInfo("G1", "g1", GroupState.ONLINE, "N1"), GroupInfo("G2", "g2", GroupState.ONLINE, "N1"),
              GroupInfo("G3", "g3", GroupState.OFFLINE, ""), GroupInfo("G4", "g4", GroupState.ONLINE, "N1")]
    rows = Rows([UP], groups, preferred_owners={"G1": ["N2", "N3"], "G2": ["n1"], "G3": ["N2"], "G4": []})
    assert verdict(rows).state == health.WARNING     # G3 is OFFLINE; no preferred-owner warning
    assert [p.name for p in verdict(rows).problems] == ["G3"]
    v = verdict(rows, preferred_owners=True)
    assert [(p.state, p.text, p.detail) for p in v.problems if p.name == "G1"] == [
        (health.WARNING, 'group "G1" is on N1, not a preferred owner', "preferred owners: N2, N3")]
    assert [p.name for p in v.problems] == ["G3", "G1"]
    ignored = verdict(rows, preferred_owners=True, ignore_groups=(health.compile_pattern("G[13]"),))
    assert ignored.state == health.OK


def test_node_status_from_properties_keeps_what_is_not_there():
    first = node_status_from({"NodeDrainStatus": 1, "StatusInformation": 4, "NodeHighestVersion": 7,
                              "NodeLowestVersion": 5, "NodeName": "N1"})
    assert first == NodeStatus(1, 4, 7, 5, None)
    later = node_status_from({"nodedrainstatus": 2, "StatusInformation": "bad", "Flag": True},
                             first._replace(drain_started=NOW))
    assert later == NodeStatus(2, 4, 7, 5, NOW)
    assert node_status_from({}) == NodeStatus()
