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
import hashlib
import re
import time
import typing
from collections import Counter

from ..enums import (CsvFaultState, GroupState, NetInterfaceState, NetworkState, NodeDrainStatus, NodeState,
                     NodeStatusInformation, ResourceState, state_name)
from ..names import name_key
from ..records import (GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, NodeStatus, Quorum, ResourceInfo,
                       SharedVolume)

__all__ = [
    "State", "OK", "WARNING", "CRITICAL", "UNKNOWN", "Options", "Problem", "Perf", "Tally", "Verdict",
    "Rule", "RuleDoc", "StateRule", "NodeRule", "GroupRule", "QuorumRule", "CsvRule", "RULES", "CSV_WARNING",
    "CSV_CRITICAL", "DRAIN_TIMEOUT",
    "MIXED_MODE", "judge", "state_text",
    "compile_pattern", "check_thresholds", "csv_labels",
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


CSV_WARNING, CSV_CRITICAL = 10.0, 5.0     # the default CSV free-space thresholds, in percent
DRAIN_TIMEOUT = 1800.0                    # seconds a drain may stay in progress before it is a WARNING
MIXED_MODE = 0x1                          # CLUSTERVERSIONINFO.dwFlags: CLUSTER_VERSION_FLAG_MIXED_MODE


class Options(typing.NamedTuple):
    """What the user tells the rules.  Names are matched with re.search,
    case-insensitively (the cluster compares names that way)."""

    ignore_groups: typing.Tuple["re.Pattern[str]", ...] = ()
    ignore_resources: typing.Tuple["re.Pattern[str]", ...] = ()
    csv_warning: float = 10.0       # a CSV volume with less free space (%) is a warning (CSV_WARNING)
    csv_critical: float = 5.0       # ... and with less than this, critical (CSV_CRITICAL)
    drain_timeout: float = DRAIN_TIMEOUT    # seconds a drain may stay in progress before it is a warning
    preferred_owners: bool = False  # a group running on a node outside its preferred owners is a warning
    now: typing.Optional[float] = None      # time.time() the drains are timed against (None: now)

    def ignores_group(self, name: str) -> bool:
        return any(p.search(name) for p in self.ignore_groups)

    def ignores_resource(self, resource: ResourceInfo) -> bool:
        return any(p.search(resource.name) for p in self.ignore_resources) or self.ignores_group(resource.group)


def check_thresholds(warning: float, critical: float) -> None:
    """ValueError unless the CSV thresholds can both fire: a volume is a
    WARNING below `warning` percent free and CRITICAL below `critical`, so
    `warning` must not be below `critical` (equal: no WARNING band)."""
    if warning < critical:
        raise ValueError("--csv-warning %s is below --csv-critical %s: a volume is CRITICAL before it could be a "
                         "WARNING, so the WARNING would never fire (the warning threshold is the larger free "
                         "percentage, e.g. --csv-warning 10 --csv-critical 5)" % (_number(warning), _number(critical)))


def compile_pattern(pattern: str) -> "re.Pattern[str]":
    """A --ignore-* pattern (raises re.error when it is not a regular expression)."""
    return re.compile(pattern, re.IGNORECASE)


class Problem(typing.NamedTuple):
    state: State         # WARNING or CRITICAL
    kind: str            # "node", "group", "resource", "network", "net interface", "quorum", "CSV"
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
    per_object: bool = False        # one object's value (a CSV's), left out first when the line must be short


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
                 detail: typing.Callable[[_Row], str] = lambda row: "", note: str = "",
                 settled: typing.Callable[[SnapshotRows], typing.AbstractSet[str]] = lambda snapshot: frozenset(),
                 settled_by: str = "", unread: str = "%s, not read") -> None:
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
        # The names of the rows whose state was not read (another state settles it), and by what.
        self._settled: typing.Callable[[SnapshotRows], typing.AbstractSet[str]] = settled
        self._settled_by = settled_by
        self._unread = unread       # the count line's name for a settled state that is not fine

    def doc(self) -> RuleDoc:
        warning = ", ".join(self._warning_names + ["any other state"])
        what = self.plural + (" (%s)" % self._note if self._note else "")
        return RuleDoc(what, ", ".join(self._critical_names), warning, ", ".join(self._fine_names))

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally:
        problems: typing.List[Problem] = []
        states: typing.Counter[str] = Counter()
        objects: typing.List[typing.Tuple[str, str]] = []
        total = fine = ignored = counted = unread = 0
        settled = self._settled(snapshot)
        for row in self._rows(snapshot, options):
            total += 1
            value, name = int(row.state), state_text(row.state)
            if row.name in settled:
                # Not read: its fine state is certain (the settling rule), anything else
                # is known only as "not failed, not pending" -- judged through the settling object.
                unread += 1
                if value not in self.fine:
                    name = self._unread % name
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
            if row.name in settled:
                continue
            problems.append(Problem(CRITICAL if value in self.critical else WARNING, self.kind, row.name, name,
                                    self._detail(row)))
        perf = Perf(self.perf_label, counted, min=0, max=total)
        summary = "%d/%d %s %s" % (fine, total, self.plural, self._fine_names[0].lower())
        if total:
            notes = [n for n in ("%d ignored" % ignored if ignored else "",
                                 "%d not read: settled by %s state" % (unread, self._settled_by) if unread else "")
                     if n]
            count_line = "%s: %d - %s%s" % (self.plural, total, ", ".join("%d %s" % (n, s) for s, n in states.items()),
                                            " (%s)" % "; ".join(notes) if notes else "")
        else:
            count_line = "%s: none" % self.plural
        return Tally(self.kind, self.plural, total, fine, dict(states), ignored, problems, [perf], summary,
                     count_line, objects)


_NODE_BAD_STATUS = ((NodeStatusInformation.ISOLATED, "ISOLATED"), (NodeStatusInformation.QUARANTINED, "QUARANTINED"))


def _minutes(seconds: float) -> str:
    return "%s min" % _number(round(seconds / 60.0, 1))


class _NodeVerdict(typing.NamedTuple):
    state: State
    shown: str              # the state as the output says it ("PAUSED (in maintenance)")
    detail: str
    maintenance: bool       # a paused node judged OK: counted in nodes_maintenance


class NodeRule:
    """Nodes, with maintenance: a Paused node that is drained (NodeDrainStatus
    COMPLETED), or that owns no group, is in maintenance -- OK, counted apart
    (nodes_maintenance); one still draining is OK until Options.drain_timeout
    has passed since the drain was seen starting (NodeStatus.drain_started),
    then a warning; a failed drain is critical, and so is a node whose
    StatusInformation says ISOLATED or QUARANTINED.  A Paused node owning
    groups without a drain is a warning, as are JOINING and unknown states.
    The node statuses come as `snapshot.node_status` ({node name:
    NodeStatus}); a node without one is judged by its state and the groups it
    owns.  A cluster whose version flags say mixed mode, or whose nodes read
    report different NodeHighestVersion values, is a warning (a rolling
    upgrade not finished)."""

    kind = "node"
    plural = "nodes"

    def doc(self) -> RuleDoc:
        return RuleDoc("nodes (maintenance: docs/cli.md)",
                       "DOWN; a failed drain; StatusInformation ISOLATED or QUARANTINED",
                       "PAUSED owning groups without a drain; a drain in progress longer than --drain-timeout "
                       "(30 min); JOINING, any other state; mixed versions",
                       "UP; PAUSED and drained or owning no group (in maintenance); PAUSED and draining "
                       "within --drain-timeout")

    def _verdict(self, row: NodeInfo, status: NodeStatus, owned: int, now: float, options: Options) -> _NodeVerdict:
        value, name = int(row.state), state_text(row.state)
        roles = "owns %d group%s" % (owned, "" if owned == 1 else "s")
        bits = status.status_information or 0
        bad = [text for bit, text in _NODE_BAD_STATUS if bits & bit]
        if bad:
            return _NodeVerdict(CRITICAL, "%s, %s" % (name, "+".join(bad)), "StatusInformation %#x" % bits, False)
        if value == NodeState.UP:
            return _NodeVerdict(OK, name, "", False)
        if value == NodeState.DOWN:
            return _NodeVerdict(CRITICAL, name, "", False)
        if value != NodeState.PAUSED:
            return _NodeVerdict(WARNING, name, "", False)
        drain = status.drain_status
        if drain == NodeDrainStatus.FAILED:
            return _NodeVerdict(CRITICAL, "PAUSED, drain FAILED", roles + " (NodeDrainStatus 3)", False)
        if drain == NodeDrainStatus.COMPLETED or (drain in (None, NodeDrainStatus.NOT_INITIATED) and not owned):
            return _NodeVerdict(OK, "PAUSED (in maintenance)", "", True)
        if drain == NodeDrainStatus.IN_PROGRESS:
            started = status.drain_started
            if started is not None and now - started > options.drain_timeout:
                return _NodeVerdict(WARNING, "PAUSED, draining for %s" % _minutes(now - started),
                                    "%s; --drain-timeout %s" % (roles, _minutes(options.drain_timeout)), False)
            return _NodeVerdict(OK, "PAUSED (draining)", "", True)
        what = "not drained" if drain in (None, NodeDrainStatus.NOT_INITIATED) else "NodeDrainStatus %d" % drain
        return _NodeVerdict(WARNING, name, "%s, %s" % (roles, what), False)

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally:
        statuses = {name_key(k): v for k, v in (getattr(snapshot, "node_status", None) or {}).items()}
        owned: typing.Counter[str] = Counter(name_key(g.owner_node) for g in snapshot.groups if g.owner_node)
        now = options.now if options.now is not None else time.time()
        problems: typing.List[Problem] = []
        states: typing.Counter[str] = Counter()
        objects: typing.List[typing.Tuple[str, str]] = []
        total = up = fine = maintenance = 0
        for row in snapshot.nodes:
            total += 1
            key = name_key(row.name)
            v = self._verdict(row, statuses.get(key, NodeStatus()), owned.get(key, 0), now, options)
            states[v.shown] += 1
            objects.append((row.name, v.shown))
            up += int(row.state) == NodeState.UP
            maintenance += v.maintenance
            if v.state == OK:
                fine += 1
            else:
                problems.append(Problem(v.state, self.kind, row.name, v.shown, v.detail))
        mixed = self._mixed(snapshot, statuses)
        if mixed:
            problems.append(Problem(WARNING, "cluster", getattr(snapshot, "cluster_name", "") or "cluster",
                                    "running mixed versions", mixed))
        perf = [Perf("nodes_up", up, min=0, max=total), Perf("nodes_maintenance", maintenance, min=0, max=total)]
        summary = "%d/%d nodes up%s" % (up, total, ", %d in maintenance" % maintenance if maintenance else "")
        if total:
            count_line = "nodes: %d - %s" % (total, ", ".join("%d %s" % (n, s) for s, n in states.items()))
        else:
            count_line = "nodes: none"
        return Tally(self.kind, self.plural, total, fine, dict(states), 0, problems, perf, summary, count_line,
                     objects)

    @staticmethod
    def _mixed(snapshot: SnapshotRows, statuses: typing.Mapping[str, NodeStatus]) -> str:
        """Why the cluster runs mixed versions ("" when it does not, as far as what was read says)."""
        highest = sorted({s.highest_version for s in statuses.values() if s.highest_version is not None})
        if len(highest) > 1:
            return "node versions %#x to %#x (NodeHighestVersion)" % (highest[0], highest[-1])
        version = getattr(snapshot, "version", None)
        if version is not None and int(getattr(version, "flags", 0)) & MIXED_MODE:
            return "the cluster's version flags say mixed mode (more than one cluster service version)"
        return ""


class GroupRule(StateRule[GroupInfo]):
    """Groups by their state (StateRule); with Options.preferred_owners, a group
    running (it has an owner) on a node outside its preferred owners is a warning
    too.  The preferred owners come as `snapshot.preferred_owners` ({group name:
    node names}); a group with none listed may run anywhere."""

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally:
        tally = super().judge(snapshot, options)
        preferred = getattr(snapshot, "preferred_owners", None)
        if not options.preferred_owners or not preferred:
            return tally
        lists = {name_key(k): v for k, v in preferred.items()}
        extra = []
        for g in snapshot.groups:
            nodes = lists.get(name_key(g.name))
            if not g.owner_node or not nodes or options.ignores_group(g.name):
                continue
            if name_key(g.owner_node) not in {name_key(n) for n in nodes}:
                extra.append(Problem(WARNING, self.kind, g.name, "on %s, not a preferred owner" % g.owner_node,
                                     "preferred owners: %s" % ", ".join(nodes)))
        if not extra:
            return tally
        note = "%d not on a preferred owner" % len(extra)
        return tally._replace(problems=tally.problems + extra, count_line="%s (%s)" % (tally.count_line, note))


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
    name = name_key(snapshot.quorum.resource_name)
    if not name:
        return None
    return next((r for r in snapshot.resources if name_key(r.name) == name), None)


_RESOURCE_FINE_STATES = (ResourceState.ONLINE, ResourceState.INHERITED)
_RESOURCE_FINE = frozenset(int(s) for s in _RESOURCE_FINE_STATES)


def _owner(owner_node: str) -> str:
    return "owner %s" % owner_node if owner_node else "no owner"


def _resources(snapshot: SnapshotRows, options: Options) -> typing.Iterable[ResourceInfo]:
    witness = _witness(snapshot)
    return (r for r in snapshot.resources if r is not witness)


def _netinterface_detail(row: NetInterfaceInfo) -> str:
    return "node %s, network %s" % (row.node, row.network)


_CSV_CRITICAL = CsvFaultState.NO_ACCESS | CsvFaultState.DISMOUNTED
_CSV_TEXT = {CsvFaultState.NO_DIRECT_IO: "REDIRECTED", CsvFaultState.NO_ACCESS: "NO_ACCESS",
             CsvFaultState.IN_MAINTENANCE: "IN_MAINTENANCE", CsvFaultState.DISMOUNTED: "DISMOUNTED"}


def _fault_text(fault: int) -> str:
    return "+".join(text for flag, text in _CSV_TEXT.items() if fault & flag) or "fault %#x" % fault


def _pct(value: float) -> str:
    return "%.1f%%" % value


class CsvRule:
    """Cluster Shared Volumes (read by the caller: `snapshot.shared_volumes`, a
    list of SharedVolume; a snapshot without it has no CSVs to judge).  Each
    volume of an online CSV: its fault state (NO_ACCESS, DISMOUNTED critical;
    NO_DIRECT_IO = redirected access, IN_MAINTENANCE warning) and its free space
    against Options.csv_warning / csv_critical (percent).  A CSV that is not
    online is judged by the resource rule (its resource), not here.
    --ignore-resource patterns skip CSVs by their resource's name."""

    kind = "CSV"

    def doc(self) -> RuleDoc:
        return RuleDoc("CSVs (each volume of an online Cluster Shared Volume; offline ones: see resources)",
                       "fault NO_ACCESS or DISMOUNTED; free space below --csv-critical (5 %)",
                       "fault NO_DIRECT_IO (redirected access) or IN_MAINTENANCE; free space below "
                       "--csv-warning (10 %)", "no fault, free space at or above --csv-warning")

    def _judge_volume(self, name: str, sv: SharedVolume, vol: typing.Any, options: Options,
                      problems: typing.List[Problem]) -> typing.Tuple[str, typing.Optional[float]]:
        """Adds the volume's problems; (its state text, its free % or None)."""
        detail = "%s, %s" % (vol.path, _owner(sv.owner_node))
        fault = int(vol.fault_state)
        texts = []
        if fault:
            text = _fault_text(fault)
            texts.append(text)
            problems.append(Problem(CRITICAL if fault & _CSV_CRITICAL else WARNING, self.kind, name, text, detail))
        pct = None
        if vol.total_bytes:
            pct = 100.0 * (vol.free_bytes or 0) / vol.total_bytes
            if pct < options.csv_critical or pct < options.csv_warning:
                text = "%s free" % _pct(pct)
                texts.append(text)
                problems.append(Problem(CRITICAL if pct < options.csv_critical else WARNING, self.kind, name, text,
                                        detail))
        return (", ".join(texts) or "healthy"), pct

    def judge(self, snapshot: SnapshotRows, options: Options) -> Tally:
        volumes: typing.Sequence[SharedVolume] = getattr(snapshot, "shared_volumes", None) or ()
        problems: typing.List[Problem] = []
        states: typing.Counter[str] = Counter()
        objects: typing.List[typing.Tuple[str, str]] = []
        perf: typing.List[Perf] = []
        total = fine = ignored = 0
        warn, crit = "%s:" % _number(options.csv_warning), "%s:" % _number(options.csv_critical)
        lowest: typing.Optional[float] = None
        for sv in volumes:
            total += 1
            if int(sv.state) not in _RESOURCE_FINE:
                name = "offline (judged as a resource)"
                states[name] += 1
                objects.append((sv.name, state_text(sv.state)))
                continue
            if any(p.search(sv.name) for p in options.ignore_resources):
                ignored += 1
                states["ignored"] += 1
                objects.append((sv.name, "ignored"))
                continue
            before = len(problems)
            texts = []
            for vol in sv.volumes:
                label = sv.name if len(sv.volumes) == 1 else "%s:%d" % (sv.name, vol.partition_number)
                text, pct = self._judge_volume(label, sv, vol, options, problems)
                texts.append(text)
                if pct is not None:
                    perf.append(Perf(label, round(pct, 2), "%", warn, crit, 0, 100, per_object=True))
                    lowest = pct if lowest is None else min(lowest, pct)
            good = len(problems) == before
            fine += int(good)
            state = "healthy" if good else "; ".join(t for t in texts if t != "healthy")
            states["healthy" if good else "with problems"] += 1
            objects.append((sv.name, state))
        labels = csv_labels([p.label for p in perf])
        perf = [p._replace(label=label) for p, label in zip(perf, labels)]
        if lowest is not None:
            perf.insert(0, Perf("csv_free_pct_min", round(lowest, 2), "%", warn, crit, 0, 100))
        summary = "%d/%d CSVs healthy" % (fine, total - ignored) if total else "no CSVs"
        if total:
            count_line = "CSVs: %d - %s" % (total, ", ".join("%d %s" % (n, s) for s, n in states.items()))
        else:
            count_line = "CSVs: none"
        return Tally(self.kind, "CSVs", total, fine, dict(states), ignored, problems, perf, summary, count_line,
                     objects)


CSV_LABEL_PREFIX = "csvfree_"
_TAG_LENGTHS = (6, 10)       # hex digits: "csvfree_" + 10 is 18 characters, within RRD's 19


def csv_labels(names: typing.Sequence[str]) -> typing.List[str]:
    """The perfdata labels of per-volume CSV values: "csvfree_<tag> <name>",
    where the tag is the first hex digits of the SHA-1 of the name
    (case-folded, as the cluster compares names).  The label's first 14
    characters tell the volumes apart -- RRD-based graphers keep 19 -- and
    stay the same as volumes come and go (an index would shift).  Should two
    names share 6 digits, every tag gets 10."""
    # Hashed: the cluster's key of the name (names it takes for one hash alike), in lower case (an
    # ASCII name's tag is the SHA-1 of its lower-case form, as the check has always made it).
    digests = [hashlib.sha1(name_key(n).lower().encode("utf-8", "surrogatepass")).hexdigest() for n in names]
    for length in _TAG_LENGTHS:
        tags = [d[:length] for d in digests]
        if len(set(tags)) == len(set(name_key(n) for n in names)):
            break
    return ["%s%s %s" % (CSV_LABEL_PREFIX, tag, name) for tag, name in zip(tags, names)]


def _number(value: float) -> str:
    return "%d" % value if float(value).is_integer() else "%g" % value


RULES: typing.Tuple[Rule, ...] = (
    NodeRule(),
    GroupRule("group", "groups", lambda s, o: s.groups, fine=[GroupState.ONLINE], critical=[GroupState.FAILED],
              warning=[GroupState.OFFLINE, GroupState.PARTIAL_ONLINE, GroupState.PENDING], perf_label="groups_online",
              ignored=lambda g, o: o.ignores_group(g.name), detail=lambda g: _owner(g.owner_node)),
    StateRule("resource", "resources", _resources, fine=_RESOURCE_FINE_STATES,
              critical=[ResourceState.FAILED],
              warning=[ResourceState.OFFLINE, ResourceState.PENDING, ResourceState.ONLINE_PENDING,
                       ResourceState.OFFLINE_PENDING, ResourceState.INITIALIZING],
              perf_label="resources_failed", perf_states=[ResourceState.FAILED],
              ignored=lambda r, o: o.ignores_resource(r),
              detail=lambda r: "group %s, %s" % (r.group, _owner(r.owner_node)),
              note="except the quorum witness",
              settled=lambda s: getattr(s, "settled_resources", frozenset()), settled_by="their group's",
              unread="in %s groups"),
    StateRule("network", "networks", lambda s, o: s.networks, fine=[NetworkState.UP], critical=[NetworkState.DOWN],
              warning=[NetworkState.PARTITIONED, NetworkState.UNAVAILABLE], perf_label="networks_up"),
    StateRule("net interface", "net interfaces", lambda s, o: s.netinterfaces, fine=[NetInterfaceState.UP],
              critical=[NetInterfaceState.FAILED],
              warning=[NetInterfaceState.UNREACHABLE, NetInterfaceState.UNAVAILABLE], perf_label="netinterfaces_up",
              detail=_netinterface_detail,
              settled=lambda s: getattr(s, "settled_netinterfaces", frozenset()),
              settled_by="their network's and node's"),
    QuorumRule(),
    CsvRule(),
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
