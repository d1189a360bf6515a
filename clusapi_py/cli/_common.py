"""What every command shares: exit codes, the command table's entry, the
context a command runs in, and the two output forms."""
import argparse
import datetime
import json
import time
import typing
import unicodedata

from ..handles import Cluster
from ..snapshot import Snapshot

# The monitoring-plugin exit codes; every command but `status` uses 0 and 3.
EXIT_OK, EXIT_WARNING, EXIT_CRITICAL, EXIT_UNKNOWN = 0, 1, 2, 3
JSON_SCHEMA = 1


class Context:
    """An open cluster, and what a command's output says about where its data came from."""

    def __init__(self, cluster: typing.Optional[Cluster], simulated: bool,
                 connect: typing.Optional[typing.Callable[[], Cluster]] = None,
                 deadline: typing.Optional[float] = None,
                 round_trips: typing.Optional[typing.Callable[[], int]] = None) -> None:
        self._cluster = cluster
        # time.monotonic() by which the command must be done (--timeout), or None.
        self.deadline = deadline
        self.simulated = simulated
        # A command that `opens` the cluster itself gets no cluster, and this to open (and reopen) it.
        self.connect = connect
        # The backend's round-trip counter, where it keeps one (the simulator), for the exporter's metric.
        self.round_trips = round_trips
        self.notes: typing.List[str] = []   # lines for stderr, printed after the output

    @property
    def cluster(self) -> Cluster:
        if self._cluster is None:
            raise RuntimeError("this command opens the cluster itself (Context.connect)")
        return self._cluster

    def note(self, line: str) -> None:
        self.notes.append(line)

    def time_left(self) -> typing.Optional[float]:
        """Seconds until --timeout runs out (None: no bound), never below a millisecond."""
        return None if self.deadline is None else max(self.deadline - time.monotonic(), 0.001)

    def snapshot(self, properties: bool = False, settled: bool = False) -> Snapshot:
        """The cluster in one bounded call: the walk itself stops at the deadline and closes
        what it opened (ClusterTimeoutError), rather than run on after the command gave up."""
        snap: Snapshot = self.cluster.snapshot(properties=properties, timeout=self.time_left(), settled=settled)
        return snap

    def envelope(self, cluster_name: str) -> typing.Dict[str, object]:
        """The top of every --json document (the data read just before)."""
        return json_envelope(cluster_name, self.simulated)


def json_envelope(cluster_name: typing.Optional[str], simulated: typing.Optional[bool]) -> typing.Dict[str, object]:
    return {"schema": JSON_SCHEMA, "timestamp": timestamp(), "cluster": cluster_name, "simulated": simulated}


def timestamp() -> str:
    """Now, in UTC, as ISO 8601 with milliseconds and a Z."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)


Run = typing.Callable[[Context, argparse.Namespace, typing.TextIO], int]
# failure(message, error, args, cluster name or None, simulated or None, out) -> exit code
Failure = typing.Callable[[str, typing.Dict[str, object], argparse.Namespace, typing.Optional[str],
                           typing.Optional[bool], typing.TextIO], int]


def no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command without options of its own."""


class Command(typing.NamedTuple):
    """One row of the command table (cli/main.py).

    `run(context, args, out)` prints to `out` and returns the exit code; it
    runs with the cluster open, on a worker thread bounded by --timeout.
    `arguments(parser)` adds the command's own options.  `timeout` is the
    default bound in seconds (None: none).  `failure`, when given, prints a
    failure as the command's own output on stdout (the check's
    `CLUSTER UNKNOWN - ...` line, or its JSON) and returns the exit code;
    without it a failure is one line on stderr and exit code 3.  A command
    that `streams` writes as it goes, for as long as it runs (`watch`): it
    runs on the calling thread, where Ctrl-C reaches it, unbounded unless
    --timeout is given; one that also `runs_for` takes --timeout as how long
    to run (Context.deadline; it stops then, exit 0: `watch`).  A command that
    `opens` the cluster itself (and retries: `exporter`) streams too, and gets
    a Context without a cluster but with `connect()`."""

    name: str
    help: str
    run: Run
    arguments: typing.Callable[[argparse.ArgumentParser], None] = no_arguments
    timeout: typing.Optional[float] = None
    failure: typing.Optional[Failure] = None
    streams: bool = False
    opens: bool = False
    runs_for: bool = False


def write_json(data: object, out: typing.TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    return _ESCAPES.get(char) or ("\\x%02x" % code if code < 0x100 else "\\u%04x" % code)


def _needs_escape(char: str) -> bool:
    # Cc: C0/C1 controls and DEL (ESC starts a terminal sequence, CR overwrites the line);
    # Zl/Zp: U+2028/U+2029, which some readers take as line breaks.
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def line_safe(text: object) -> str:
    """`text` as it may appear inside one line of text output: every control
    character (line breaks, carriage return, ESC and the rest of C0/C1, DEL)
    and the Unicode line/paragraph separators written visibly as an escape
    (\\n, \\r, \\t, \\x1b, \\u2028), so a name can neither forge a line nor
    drive the terminal.  The one rule for every table, title and `watch`
    line; JSON output keeps names exact."""
    s = str(text)
    if s.isprintable():      # the common case: nothing to escape (cheap)
        return s
    return "".join(_escape(c) if _needs_escape(c) else c for c in s)


def write_table(rows: typing.Sequence[typing.Sequence[object]], out: typing.TextIO, indent: str = "") -> None:
    """Rows of cells in columns as wide as their widest cell; every cell line_safe."""
    if not rows:
        return
    cells = [[line_safe(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    for r in cells:
        out.write(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")


def title(simulated: bool, cluster_name: str, text: str) -> str:
    """A command's first line: `[(simulated) ]CLUSTER: text`, the name line_safe."""
    return "%s%s: %s\n" % (simulated_prefix(simulated), line_safe(cluster_name), text)


def simulated_prefix(simulated: bool) -> str:
    return "(simulated) " if simulated else ""
