"""A Verdict as monitoring-plugin output (Nagios, Icinga, Naemon, Zabbix, Checkmk).

    CLUSTER CRITICAL - CLUSTER01: 1 critical, 1 warning: resource "X" is FAILED, ... | nodes_up=3;;;0;3 ...
    CRITICAL: resource "X" is FAILED (group SQL, owner NODE2)
    ...                                       bounded: problems first, then one count line per kind

Pure: text in, text out.  The first line is what the monitoring system shows
and stores; performance data goes after its `|`.  A `|` or a line break in
an object's name would cut the output apart, so names are cleaned first,
and perfdata labels have their own stricter cleaning (label()).

Bounded (Limits): the first line stays within FIRST_LINE_LIMIT bytes (NRPE
v2 and NSClient++ cut plugin output at 1 024 bytes by default): the summary
and the aggregate perfdata always, per-object values (one per CSV volume)
while they fit; the whole output within Limits.max_output bytes unless
verbose.  Bytes are counted in UTF-8, what the command writes to a pipe.
"""
import typing

from .health import OK, Perf, State, Verdict

__all__ = ["SERVICE", "MAX_PROBLEM_LINES", "FIRST_LINE_LIMIT", "MAX_OUTPUT", "MIN_OUTPUT", "PERFDATA_MODES",
           "Limits", "check_output", "first_line", "perfdata", "unknown", "clean", "label"]

SERVICE = "CLUSTER"
MAX_PROBLEM_LINES = 20    # after the first line, unless verbose
SUMMARY_PROBLEMS = 3      # problems named on the first line
FIRST_LINE_LIMIT = 1024   # bytes: NRPE v2's and NSClient++'s default output buffer
MAX_OUTPUT = 4096         # bytes of the whole output by default (Nagios itself keeps 8 KB)
MIN_OUTPUT = 256          # the least --max-output: the summary and the aggregates
PERFDATA_MODES = ("fit", "all", "summary", "none")
_ELLIPSIS = "..."


class Limits(typing.NamedTuple):
    """How much the output may hold.

    perfdata: "fit" -- the aggregates, then per-object values while the
    first line stays within min(FIRST_LINE_LIMIT, max_output); "all" -- the
    same within max_output (for a monitoring system that takes long lines);
    "summary" -- the aggregates only; "none" -- no perfdata.
    max_output: bytes of the whole output (the first line included), unless
    verbose."""

    max_output: int = MAX_OUTPUT
    perfdata: str = "fit"

    @property
    def first_line(self) -> int:
        return self.max_output if self.perfdata == "all" else min(FIRST_LINE_LIMIT, self.max_output)


def clean(text: str) -> str:
    """`text` safe for one line of plugin output: no `|` (it starts the
    performance data), no line breaks or other control characters."""
    return "".join(
        "\N{BROKEN BAR}" if c == "|" else "\\x%02x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7F else c
        for c in text)


def label(text: str) -> str:
    """A perfdata label as the plugin guidelines want it: `|`, `=`, line
    breaks and other control characters become `_`; a label with anything but
    letters, digits and `_` is quoted with `'`, and a `'` inside is doubled."""
    text = "".join("_" if c in "|=" or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" else c
                   for c in text)
    if text and text.replace("_", "").isalnum() and text.isascii():
        return text
    return "'%s'" % text.replace("'", "''")


def _number(value: typing.Optional[float]) -> str:
    if value is None:
        return ""
    return "%d" % value if float(value).is_integer() else "%g" % value


def _item(p: Perf) -> str:
    return "%s=%s%s;%s;%s;%s;%s" % (label(p.label), _number(p.value), p.uom, p.warn, p.crit, _number(p.min),
                                    _number(p.max))


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut(text: str, limit: int) -> str:
    """text within `limit` UTF-8 bytes, ending in "..." when it was cut (never inside a character)."""
    if _size(text) <= limit:
        return text
    room = max(limit - len(_ELLIPSIS), 0)
    out = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    return out + _ELLIPSIS if limit >= len(_ELLIPSIS) else ""


def perfdata(verdict: Verdict, mode: str = "all") -> str:
    """The performance data, unbounded: 'label'=value[uom];[warn];[crit];[min];[max],
    space-separated; mode "summary" leaves out the per-object values, "none" everything."""
    return " ".join(_item(p) for p in _chosen(verdict, mode))


def _chosen(verdict: Verdict, mode: str) -> typing.List[Perf]:
    if mode not in PERFDATA_MODES:
        raise ValueError("perfdata mode must be one of %s, not %r" % (", ".join(PERFDATA_MODES), mode))
    if mode == "none":
        return []
    values = verdict.perfdata
    # The aggregates first (always shown), then the per-object values (while they fit).
    return [p for p in values if not p.per_object] + ([] if mode == "summary" else
                                                       [p for p in values if p.per_object])


def _plural(n: int, word: str) -> str:
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


def _summary(verdict: Verdict) -> str:
    if verdict.state == OK:
        return ", ".join(t.summary for t in verdict.tallies)
    critical = sum(1 for p in verdict.problems if p.state == State.CRITICAL)
    warning = len(verdict.problems) - critical
    counts = ", ".join(c for c in (critical and _plural(critical, "critical problem"),
                                   warning and _plural(warning, "warning")) if c)
    shown = ", ".join(p.text for p in verdict.problems[:SUMMARY_PROBLEMS])
    more = len(verdict.problems) - SUMMARY_PROBLEMS
    return "%s: %s%s" % (counts, shown, " (+%d more)" % more if more > 0 else "")


def first_line(verdict: Verdict, cluster_name: str, simulated: bool, limits: Limits = Limits()) -> str:
    """`CLUSTER <STATE> - [(simulated) ]NAME: summary | perfdata`, within
    limits.first_line bytes: the aggregates are kept and the summary text
    shortened ("...") to make room for them; then the per-object values
    that fit, in order."""
    budget = limits.first_line
    head = clean("%s %s - %s%s: " % (SERVICE, verdict.state.name, "(simulated) " if simulated else "", cluster_name))
    text = clean(_summary(verdict))
    chosen = _chosen(verdict, limits.perfdata)
    perf = [_item(p) for p in chosen if not p.per_object]
    perf_size = _size(" | " + " ".join(perf)) if perf else 0
    if _size(head) + len(_ELLIPSIS) + perf_size > budget:     # no room for the aggregates: the state first
        perf, perf_size, chosen = [], 0, []
    line = _cut(head + text, budget - perf_size)
    used = _size(line) + perf_size
    for p in chosen:
        if p.per_object:
            item = _item(p)
            extra = _size(item) + (1 if perf else 3)        # " " or " | "
            if used + extra > budget:
                break
            perf.append(item)
            used += extra
    return line + (" | " + " ".join(perf) if perf else "")


def check_output(verdict: Verdict, cluster_name: str, simulated: bool, verbose: bool = False,
                 limits: Limits = Limits()) -> str:
    """The whole output: the first line; the problems (at most
    MAX_PROBLEM_LINES unless verbose); a count line per kind of object; with
    verbose, every object too.  Unless verbose, within limits.max_output
    bytes: the lines that do not fit are left out and a last line says how
    many.  Ends with a newline."""
    lines = [first_line(verdict, cluster_name, simulated, limits)]
    shown = verdict.problems if verbose else verdict.problems[:MAX_PROBLEM_LINES]
    rest = [clean("%s: %s%s" % (p.state.name, p.text, " (%s)" % p.detail if p.detail else "")) for p in shown]
    hidden = len(verdict.problems) - len(shown)
    if hidden:
        rest.append("... %d more problem%s (--verbose lists them all)" % (hidden, "" if hidden == 1 else "s"))
    rest.extend(clean(t.count_line) for t in verdict.tallies)
    if verbose:
        rest.extend(clean("%s %s: %s" % (t.kind, name, state)) for t in verdict.tallies for name, state in t.objects)
        return "\n".join(lines + rest) + "\n"
    used = _size(lines[0]) + 1
    for i, line in enumerate(rest):
        left = len(rest) - i - 1
        note = "... %d more line%s (--max-output %d; --verbose prints everything)" % (
            left + 1, "" if left == 0 else "s", limits.max_output)
        # Room for this line, and for the note should a later one not fit.
        if used + _size(line) + 1 + (_size(note) + 1 if left else 0) > limits.max_output:
            if used + _size(note) + 1 <= limits.max_output:
                lines.append(note)
            break
        lines.append(line)
        used += _size(line) + 1
    return "\n".join(lines) + "\n"


def unknown(message: str, simulated: bool = False) -> str:
    """The first line of a check that could not judge the cluster (within FIRST_LINE_LIMIT bytes)."""
    return _cut(clean("%s UNKNOWN - %s%s" % (SERVICE, "(simulated) " if simulated else "", message)),
                FIRST_LINE_LIMIT)
