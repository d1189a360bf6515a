"""The health rules on hand-made snapshot rows: no simulator, no handles."""
import pytest

from clusapi_py import GroupState, NodeState, ResourceState
from clusapi_py.monitor import health
from clusapi_py.records import GroupInfo, NodeInfo, ResourceInfo


class Rows:
    def __init__(self, nodes=(), groups=(), resources=()):
        self.nodes, self.groups, self.resources = nodes, groups, resources


UP = NodeInfo("N1", "1", NodeState.UP)
ONLINE = GroupInfo("G1", "g1", GroupState.ONLINE, "N1")


def resource(state):
    return ResourceInfo("R1", "r1", state, "N1", "G1")


def test_all_up_and_online_is_ok():
    rows = Rows([UP], [ONLINE], [resource(ResourceState.ONLINE), resource(ResourceState.INHERITED)])
    assert health.evaluate(rows) == (health.OK, [])


@pytest.mark.parametrize("rows,problem", [
    (Rows([NodeInfo("N2", "2", NodeState.DOWN)]), "node N2 is down"),
    (Rows([UP], [GroupInfo("G2", "g2", GroupState.FAILED, "")]), "group G2 failed"),
    (Rows([UP], [ONLINE], [resource(ResourceState.FAILED)]), "resource R1 failed"),
])
def test_down_or_failed_is_critical(rows, problem):
    assert health.evaluate(rows) == (health.CRITICAL, [problem])


@pytest.mark.parametrize("rows,problem", [
    (Rows([NodeInfo("N2", "2", NodeState.PAUSED)]), "node N2 is paused"),
    (Rows([UP], [GroupInfo("G2", "g2", GroupState.PARTIAL_ONLINE, "N1")]), "group G2 is partial_online"),
    (Rows([UP], [ONLINE], [resource(ResourceState.ONLINE_PENDING)]), "resource R1 is online_pending"),
    (Rows([NodeInfo("N9", "9", 42)]), "node N9 is 42"),            # a state the enums do not know
])
def test_anything_else_is_a_warning(rows, problem):
    assert health.evaluate(rows) == (health.WARNING, [problem])


def test_critical_problems_come_first():
    rows = Rows([NodeInfo("N2", "2", NodeState.PAUSED), NodeInfo("N3", "3", NodeState.DOWN)])
    assert health.evaluate(rows) == (health.CRITICAL, ["node N3 is down", "node N2 is paused"])


def test_needs_attention_is_anything_but_online_or_inherited():
    assert [s.name for s in ResourceState if health.needs_attention(resource(s))] == [
        "UNKNOWN", "INITIALIZING", "OFFLINE", "FAILED", "PENDING", "ONLINE_PENDING", "OFFLINE_PENDING"]
