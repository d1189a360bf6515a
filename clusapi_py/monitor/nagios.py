"""A Verdict as monitoring-plugin output (Nagios, Icinga, Naemon, Zabbix, Checkmk).

    CLUSTER CRITICAL - CLUSTER01: 1 critical, 1 warning: resource "X" is FAILED, ... | nodes_up=3;;;0;3 ...
    CRITICAL: resource "X" is FAILED (group SQL, owner NODE2)
    ...                                       bounded: problems first, then one count line per kind

Pure: text in, text out.  The first line is what the monitoring system shows
and stores; performance data goes after its `|`.  A `|` or a line break in
an object's name would cut the output apart, so names are cleaned first.
"""
import typing

from .health import OK, State, Verdict

__all__ = ["SERVICE", "MAX_PROBLEM_LINES", "check_output", "first_line", "perfdata", "unknown", "clean"]

SERVICE = "CLUSTER"
MAX_PROBLEM_LINES = 20    # after the first line, unless verbose
SUMMARY_PROBLEMS = 3      # problems named on the first line


def clean(text: str) -> str:
    """`text` safe for one line of plugin output: no `|` (it starts the
    performance data), no line breaks or other control characters."""
    return "".join(
        "\N{BROKEN BAR}" if c == "|" else "\\x%02x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7F else c
        for c in text)


def _number(value: typing.Optional[float]) -> str:
    if value is None:
        return ""
    return "%d" % value if float(value).is_integer() else "%g" % value


def perfdata(verdict: Verdict) -> str:
    """The performance data: 'label'=value[uom];[warn];[crit];[min];[max], space-separated."""
    items = []
    for p in verdict.perfdata:
        label = p.label if p.label.replace("_", "").isalnum() else "'%s'" % p.label.replace("'", "''")
        items.append("%s=%s%s;%s;%s;%s;%s" % (label, _number(p.value), p.uom, p.warn, p.crit, _number(p.min),
                                              _number(p.max)))
    return " ".join(items)


def _plural(n: int, word: str) -> str:
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


def first_line(verdict: Verdict, cluster_name: str, simulated: bool) -> str:
    """`CLUSTER <STATE> - [(simulated) ]NAME: summary | perfdata`."""
    head = "%s %s - %s%s: " % (SERVICE, verdict.state.name, "(simulated) " if simulated else "", cluster_name)
    if verdict.state == OK:
        text = ", ".join(t.summary for t in verdict.tallies)
    else:
        critical = sum(1 for p in verdict.problems if p.state == State.CRITICAL)
        warning = len(verdict.problems) - critical
        counts = ", ".join(c for c in (critical and _plural(critical, "critical problem"),
                                       warning and _plural(warning, "warning")) if c)
        shown = ", ".join(p.text for p in verdict.problems[:SUMMARY_PROBLEMS])
        more = len(verdict.problems) - SUMMARY_PROBLEMS
        text = "%s: %s%s" % (counts, shown, " (+%d more)" % more if more > 0 else "")
    perf = perfdata(verdict)
    return clean(head + text) + (" | " + perf if perf else "")


def check_output(verdict: Verdict, cluster_name: str, simulated: bool, verbose: bool = False) -> str:
    """The whole output: the first line; the problems (at most
    MAX_PROBLEM_LINES unless verbose); a count line per kind of object; with
    verbose, every object too.  Ends with a newline."""
    lines = [first_line(verdict, cluster_name, simulated)]
    shown = verdict.problems if verbose else verdict.problems[:MAX_PROBLEM_LINES]
    for p in shown:
        lines.append(clean("%s: %s%s" % (p.state.name, p.text, " (%s)" % p.detail if p.detail else "")))
    hidden = len(verdict.problems) - len(shown)
    if hidden:
        lines.append("... %d more problem%s (--verbose lists them all)" % (hidden, "" if hidden == 1 else "s"))
    lines.extend(clean(t.count_line) for t in verdict.tallies)
    if verbose:
        lines.extend(clean("%s %s: %s" % (t.kind, name, state)) for t in verdict.tallies for name, state in t.objects)
    return "\n".join(lines) + "\n"


def unknown(message: str, simulated: bool = False) -> str:
    """The first line of a check that could not judge the cluster."""
    return clean("%s UNKNOWN - %s%s" % (SERVICE, "(simulated) " if simulated else "", message))
