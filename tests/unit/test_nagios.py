"""The plugin output on hand-made verdicts: labels, byte budgets, settled rows.  No simulator."""
import pytest

from clusapi_py import GroupState, NodeState, ResourceState
from clusapi_py.monitor import health, nagios
from clusapi_py.records import GroupInfo, NodeInfo, Quorum, ResourceInfo


class Rows:
    def __init__(self, groups=(), resources=(), settled=frozenset(), nodes=(NodeInfo("N1", "1", NodeState.UP),)):
        self.nodes, self.groups, self.resources = nodes, groups, resources
        self.networks, self.netinterfaces, self.quorum = (), (), Quorum("", "", 0)
        self.settled_resources = settled


@pytest.mark.parametrize("text, label", [
    ("nodes_up", "nodes_up"),
    ("a|b", "a_b"),
    ("a=b", "a_b"),
    ("a\nb\rc\x00d", "a_b_c_d"),
    ("it's", "'it''s'"),
    ("two words", "'two words'"),
    ("Größe", "'Größe'"),
    ("line\u2028sep", "line_sep"),
])
def test_labels_are_cleaned(text, label):
    assert nagios.label(text) == label


def _verdict(names):
    groups = [GroupInfo(n, n, GroupState.FAILED, "N1") for n in names]
    return health.judge(Rows(groups))


def test_the_first_line_keeps_the_aggregates_and_cuts_the_summary_on_a_character_boundary():
    verdict = _verdict(["Ω" * 400, "数" * 300])
    for budget in range(256, 700, 7):
        line = nagios.first_line(verdict, "C", False, nagios.Limits(budget))
        assert len(line.encode("utf-8")) <= budget
        head, perf = line.split(" | ")
        assert head.endswith("...") and perf.startswith("nodes_up=1;;;0;1 nodes_maintenance=0;;;0;1 groups_online=0;;;0;2")


def test_the_whole_output_is_bounded_unless_verbose():
    verdict = _verdict(["group %03d %s" % (i, "x" * 200) for i in range(30)])
    text = nagios.check_output(verdict, "C", False, limits=nagios.Limits(1500))
    assert len(text.encode("utf-8")) <= 1500 and text.splitlines()[-1].startswith("... ")
    assert len(nagios.check_output(verdict, "C", False, verbose=True).encode("utf-8")) > 6000


def test_an_unknown_perfdata_mode_is_refused():
    with pytest.raises(ValueError):
        nagios.perfdata(_verdict(["G"]), "most")


def test_settled_rows_are_counted_as_such_and_never_problems():
    groups = [GroupInfo("On", "1", GroupState.ONLINE, "N1"), GroupInfo("Off", "2", GroupState.OFFLINE, "N1")]
    resources = [ResourceInfo("A", "a", ResourceState.ONLINE, "N1", "On"),
                 ResourceInfo("B", "b", ResourceState.OFFLINE, "N1", "Off"),
                 ResourceInfo("C", "c", ResourceState.OFFLINE, "N1", "Off")]
    verdict = health.judge(Rows(groups, resources, settled=frozenset({"A", "B", "C"})))
    assert [(p.kind, p.name) for p in verdict.problems] == [("group", "Off")]
    tally = next(t for t in verdict.tallies if t.kind == "resource")
    assert tally.count_line == "resources: 3 - 1 ONLINE, 2 in OFFLINE groups (3 not read: settled by their " \
                               "group's state)"
    ignored = health.judge(Rows(groups, resources, settled=frozenset({"A", "B", "C"})),
                           health.Options(ignore_groups=(health.compile_pattern("off"),)))
    assert ignored.state == health.OK
    assert next(t for t in ignored.tallies if t.kind == "resource").ignored == 2


def test_thresholds_must_leave_the_warning_room_to_fire():
    health.check_thresholds(10, 5)
    health.check_thresholds(7, 7)
    with pytest.raises(ValueError, match="--csv-warning 5 is below --csv-critical 10"):
        health.check_thresholds(5, 10)


def test_the_unknown_line_is_bounded_too():
    line = nagios.unknown("no answer from " + "é" * 2000)
    assert line.startswith("CLUSTER UNKNOWN - no answer from ") and line.endswith("...")
    assert len(line.encode("utf-8")) <= nagios.FIRST_LINE_LIMIT
