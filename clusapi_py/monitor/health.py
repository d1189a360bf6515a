"""The health rules: what in a Snapshot is critical, what is a warning.

Pure: it reads a Snapshot's rows and knows nothing of handles or backends.
The rules are a table (RULES): one entry per kind of object, each turning a
snapshot into a Tally (counts, problems, performance data).  A new kind of
object (cluster shared volumes, say) is one more Rule in the table: any
object with `kind`, `doc()` and `judge(snapshot, options)`.  `judge` runs
them all; the README's table of what `clusapi status` judges is `doc()` of
each rule (tests/unit/test_health.py holds the two together).
"""
import enum
import re
import typing
from collections import Counter

from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, state_name
from ..records import GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, Quorum, ResourceInfo

__all__ = [
    "State", "OK", "WARNING", "CRITICAL", "UNKNOWN", "Options", "Problem", "Perf", "Tally", "Verdict",
    "Rule", "RuleDoc", "StateRule", "QuorumRule", "RULES", "judge", "state_text", "compile_pattern",
]


class State(enum.IntEnum):
    """A verdict, valued as the monitoring-plugin exit code it becomes."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


OK, WARNING, CRITICAL, UNKNOWN = State.OK, State.WARNING, State.CRITICAL, State.UNKNOWN


class SnapshotRows(typing.Protocol):
    """What the rules read: a Snapshot, or anything with its rows."""

    @property
    def nodes(self) -> typing.Sequence[NodeInfo]: ...
    @property
    def groups(self) -> typing.Sequence[GroupInfo]: ...
    @property
    def resources(self) -> typing.Sequence[ResourceInfo]: ...
    @property
    def networks(self) -> typing.Sequence[NetworkInfo]: ...
    @property
    def netinterfaces(self) -> typing.Sequence[NetInterfaceInfo]: ...
    @property
    def quorum(self) -> Quorum: ...


class Options(typing.NamedTuple):
    """What the user tells the rules.  Names are matched with re.search,
    case-insensitively (the cluster compares names that way)."""

    ignore_groups: typing.Tuple["re.Pattern[str]", ...] = ()
    ignore_resources: typing.Tuple["re.Pattern[str]", ...] = ()

    def ignores_group(self, name: str) -> bool:
        return any(p.search(name) for p in self.ignore_groups)

    def ignores_resource(self, resource: ResourceInfo) -> bool:
        return any(p.search(resource.name) for p in self.ignore_resources) or self.ignores_group(resource.group)


def compile_pattern(pattern: str) -> "re.Pattern[str]":
    """A --ignore-* pattern (raises re.error when it is not a regular expression)."""
    return re.compile(pattern, re.IGNORECASE)


class Problem(typing.NamedTuple):
    state: State         # WARNING or CRITICAL
    kind: str            # "node", "group", "resource", "network", "net interface", "quorum"
    name: str
    object_state: str    # the state's name ("FAILED"), or the number a newer Windows reported
    detail: str          # where it is ("group X, owner NODE2"), or ""

    @property
    def text(self) -> str:
        return '%s "%s" is %s' % (self.kind, self.name, self.object_state)


class Perf(typing.NamedTuple):
    """One performance-data value (Nagios: 'label'=value[uom];warn;crit;min;max)."""

    label: str
    value: float
    uom: str = ""
    warn: str = ""
    crit: str = ""
    min: typing.Optional[float] = None
    max: typing.Optional[float] = None


class Tally(typing.NamedTuple):
    """What one rule found."""

    kind: str
    plural: str
    total: int                              # objects looked at, ignored ones included
    fine: int                               # objects in a fine state
    states: typing.Dict[str, int]           # state name -> objects, in order of first appearance
    ignored: int                            # objects skipped by --ignore-*
    problems: typing.List[Problem]
    perfdata: typing.List[Perf]
    summary: str                            # for the first line: "3/3 nodes up"
    count_line: str                         # for the details: "nodes: 3 - 2 UP, 1 PAUSED"
    objects: typing.List[typing.Tuple[str, str]]   # (name, state name) of every object, for --verbose


class Verdict(typing.NamedTuple):
    state: State
    problems: typing.List[Problem]          # critical first, then warnings; in rule order within each
    tallies: typing.List[Tally]

    @property
    def perfdata(self) -> typing.List[Perf]:
        return [p for t in self.tallies for p in t.perfdata]


class RuleDoc(typing.NamedTuple):
    """One row of the README's table."""

    what: str
    critical: str
    warning: str
    ok: str


class Rule(typing.Protocol):
    kind: str

    def doc(self) -> RuleDoc: ...

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally: ...


def state_text(state: "enum.Enum | int") -> str:
    """A state's name ("PARTIAL_ONLINE"), or its number when the enum does not know it."""
    return str(state_name(state))


_Row = typing.TypeVar("_Row", NodeInfo, GroupInfo, ResourceInfo, NetworkInfo, NetInterfaceInfo)


class StateRule(typing.Generic[_Row]):
    """Objects of one kind judged by their state alone: `critical` states are
    critical, `fine` ones are fine, and any other state -- the listed
    `warning` ones, UNKNOWN, and a number a newer Windows may report -- is a
    warning."""

    def __init__(self, kind: str, plural: str, rows: typing.Callable[[SnapshotRows, Options], typing.Iterable[_Row]],
                 fine: typing.Iterable[enum.IntEnum], critical: typing.Iterable[enum.IntEnum],
                 warning: typing.Iterable[enum.IntEnum], perf_label: str,
                 perf_states: typing.Optional[typing.Iterable[enum.IntEnum]] = None,
                 ignored: typing.Callable[[_Row, Options], bool] = lambda row, options: False,
                 detail: typing.Callable[[_Row], str] = lambda row: "", note: str = "") -> None:
        self.kind, self.plural = kind, plural
        self._rows: typing.Callable[[SnapshotRows, Options], typing.Iterable[_Row]] = rows
        fine, critical, warning = tuple(fine), tuple(critical), tuple(warning)
        self.fine = frozenset(int(s) for s in fine)
        self.critical = frozenset(int(s) for s in critical)
        self._fine_names = [state_text(s) for s in fine]
        self._critical_names = [state_text(s) for s in critical]
        self._warning_names = [state_text(s) for s in warning]
        self.perf_label = perf_label
        # None: the performance value counts the fine objects ("nodes_up").
        self._perf_states = None if perf_states is None else frozenset(int(s) for s in perf_states)
        self._ignored: typing.Callable[[_Row, Options], bool] = ignored
        self._detail: typing.Callable[[_Row], str] = detail
        self._note = note

    def doc(self) -> RuleDoc:
        warning = ", ".join(self._warning_names + ["any other state"])
        what = self.plural + (" (%s)" % self._note if self._note else "")
        return RuleDoc(what, ", ".join(self._critical_names), warning, ", ".join(self._fine_names))

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally:
        problems: typing.List[Problem] = []
        states: typing.Counter[str] = Counter()
        objects: typing.List[typing.Tuple[str, str]] = []
        total = fine = ignored = counted = 0
        for row in self._rows(snapshot, options):
            total += 1
            value, name = int(row.state), state_text(row.state)
            states[name] += 1
            objects.append((row.name, name))
            if value in (self.fine if self._perf_states is None else self._perf_states):
                counted += 1
            if value in self.fine:
                fine += 1
                continue
            if self._ignored(row, options):
                ignored += 1
                continue
            problems.append(Problem(CRITICAL if value in self.critical else WARNING, self.kind, row.name, name,
                                    self._detail(row)))
        perf = Perf(self.perf_label, counted, min=0, max=total)
        summary = "%d/%d %s %s" % (fine, total, self.plural, self._fine_names[0].lower())
        if total:
            count_line = "%s: %d - %s%s" % (self.plural, total, ", ".join("%d %s" % (n, s) for s, n in states.items()),
                                            " (%d ignored)" % ignored if ignored else "")
        else:
            count_line = "%s: none" % self.plural
        return Tally(self.kind, self.plural, total, fine, dict(states), ignored, problems, [perf], summary,
                     count_line, objects)


class QuorumRule:
    """The quorum witness (the quorum resource): judged like a resource,
    and never ignored.  No witness (node majority) is fine."""

    kind = "quorum"

    def doc(self) -> RuleDoc:
        return RuleDoc("quorum witness (the quorum resource; never ignored)", "FAILED",
                       "any other state; not found among the resources", "ONLINE, INHERITED; no witness")

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally:
        name = snapshot.quorum.resource_name
        if not name:
            return Tally(self.kind, "quorum", 0, 0, {}, 0, [], [], "no witness", "quorum: no witness", [])
        witness = _witness(snapshot)
        if witness is None:
            problem = Problem(WARNING, "quorum witness", name, "not found", "not among the cluster's resources")
            summary = 'witness "%s" not found' % name
            return Tally(self.kind, "quorum", 1, 0, {"not found": 1}, 0, [problem], [], summary,
                         "quorum: " + summary, [(name, "not found")])
        state = state_text(witness.state)
        good = int(witness.state) in _RESOURCE_FINE
        problems = [] if good else [
            Problem(CRITICAL if witness.state == ResourceState.FAILED else WARNING, "quorum witness", witness.name,
                    state, "group %s" % witness.group)]
        summary = 'witness "%s" %s' % (witness.name, state)
        return Tally(self.kind, "quorum", 1, int(good), {state: 1}, 0, problems, [], summary, "quorum: " + summary,
                     [(witness.name, state)])


def _witness(snapshot: SnapshotRows) -> typing.Optional[ResourceInfo]:
    name = snapshot.quorum.resource_name.lower()
    if not name:
        return None
    return next((r for r in snapshot.resources if r.name.lower() == name), None)


_RESOURCE_FINE_STATES = (ResourceState.ONLINE, ResourceState.INHERITED)
_RESOURCE_FINE = frozenset(int(s) for s in _RESOURCE_FINE_STATES)


def _owner(owner_node: str) -> str:
    return "owner %s" % owner_node if owner_node else "no owner"


def _resources(snapshot: SnapshotRows, options: Options) -> typing.Iterable[ResourceInfo]:
    witness = _witness(snapshot)
    return (r for r in snapshot.resources if r is not witness)


def _netinterface_detail(row: NetInterfaceInfo) -> str:
    return "node %s, network %s" % (row.node, row.network)


RULES: typing.Tuple[Rule, ...] = (
    StateRule("node", "nodes", lambda s, o: s.nodes, fine=[NodeState.UP], critical=[NodeState.DOWN],
              warning=[NodeState.PAUSED, NodeState.JOINING], perf_label="nodes_up"),
    StateRule("group", "groups", lambda s, o: s.groups, fine=[GroupState.ONLINE], critical=[GroupState.FAILED],
              warning=[GroupState.OFFLINE, GroupState.PARTIAL_ONLINE, GroupState.PENDING], perf_label="groups_online",
              ignored=lambda g, o: o.ignores_group(g.name), detail=lambda g: _owner(g.owner_node)),
    StateRule("resource", "resources", _resources, fine=_RESOURCE_FINE_STATES,
              critical=[ResourceState.FAILED],
              warning=[ResourceState.OFFLINE, ResourceState.PENDING, ResourceState.ONLINE_PENDING,
                       ResourceState.OFFLINE_PENDING, ResourceState.INITIALIZING],
              perf_label="resources_failed", perf_states=[ResourceState.FAILED],
              ignored=lambda r, o: o.ignores_resource(r),
              detail=lambda r: "group %s, %s" % (r.group, _owner(r.owner_node)),
              note="except the quorum witness"),
    StateRule("network", "networks", lambda s, o: s.networks, fine=[NetworkState.UP], critical=[NetworkState.DOWN],
              warning=[NetworkState.PARTITIONED, NetworkState.UNAVAILABLE], perf_label="networks_up"),
    StateRule("net interface", "net interfaces", lambda s, o: s.netinterfaces, fine=[NetInterfaceState.UP],
              critical=[NetInterfaceState.FAILED],
              warning=[NetInterfaceState.UNREACHABLE, NetInterfaceState.UNAVAILABLE], perf_label="netinterfaces_up",
              detail=_netinterface_detail),
    QuorumRule(),
)


def judge(snapshot: SnapshotRows, options: Options = Options(),
          rules: typing.Sequence[Rule] = RULES) -> Verdict:
    """Every rule over the snapshot: the worst problem's state (OK when there
    is none), the problems (critical first) and each rule's tally."""
    tallies = [rule.judge(snapshot, options) for rule in rules]
    problems = [p for t in tallies for p in t.problems]
    problems.sort(key=lambda p: -p.state)    # stable: rule order within a state
    state = max((p.state for p in problems), default=OK)
    return Verdict(state, problems, tallies)
