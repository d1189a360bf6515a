"""clusapi: read a failover cluster from the command line.

    clusapi [--cluster NAME] [--sim [TOPOLOGY.json]] [--json] [--timeout S] COMMAND [options]

COMMANDS is the table of commands: a new command is one more row (and its
module).  Every command runs the same way (_runtime): the backend is chosen
(the simulator only when asked), the cluster opened, the command run on a
worker thread bounded by --timeout, and its whole output written at the end.
"""
import argparse
import contextlib
import difflib
import io
import math
import os
import sys
import time
import typing

from .._version import __version__
from ..handles import open_cluster
from .._backend import Backend
from . import _common, _runtime, act, csv_cmd, dump, exporter, info, node_cmd, objects, props, status, watch
from ._common import EXIT_OK, EXIT_UNKNOWN, Command, Context

COMMANDS: typing.Tuple[Command, ...] = (
    Command("status", "judge the cluster's health, as a monitoring plugin (exit 0 OK, 1 WARNING, 2 CRITICAL, "
            "3 UNKNOWN)", status.run, status.arguments, timeout=status.DEFAULT_TIMEOUT, failure=status.failure),
    Command("info", "the cluster's name, version and the access granted", info.run),
    Command("nodes", "the nodes and their states", objects.listing("nodes")),
    Command("groups", "the groups, their states and owner nodes", objects.listing("groups")),
    Command("resources", "the resources, their states, groups and owner nodes", objects.listing("resources")),
    Command("networks", "the cluster networks and their states", objects.listing("networks")),
    Command("netinterfaces", "the network interfaces: node, network and state", objects.listing("netinterfaces")),
    Command("dump", "the whole cluster as a topology file (JSON; --sim FILE loads it back): the snapshot, each "
            "resource's type, dependencies and possible owners, each group's preferred owners, the CSVs; costs a "
            "few round trips per group and resource", dump.run, dump.arguments),
    Command("props", "one object's properties: name, value, type, read-only (props KIND [NAME] [--private]); "
            "props set KIND [NAME] KEY=VALUE... [--private] [--dry-run] writes them",
            props.run, props.arguments),
    Command("csv", "the Cluster Shared Volumes: path, owner, state, size, free space, fault state", csv_cmd.run),
    Command("watch", "each change as it happens, one line (--json: one JSON object) per event, until Ctrl-C or "
            "SIGTERM, --count N events or --timeout S seconds (all exit 0)", watch.run, watch.arguments,
            streams=True, runs_for=True),
    Command("group", "act on a group: online, offline (--yes), move [--node N]; waits for the end through "
            "notifications (--wait S, a timeout; exit 0 done, 1 still going, 2 failed, 3 refused)",
            act.run_group, act.group_arguments, streams=True),
    Command("resource", "act on a resource: online, offline (--yes), fail (--yes), restart; waits as group does",
            act.run_resource, act.resource_arguments, streams=True),
    Command("node", "node maintenance: pause [--drain [--target N] [--force --yes]], resume [--failback "
            "none|immediate|policy]; waits for a drain's end as group does (exit 0 done, 1 still going, 2 failed, "
            "3 refused)", node_cmd.run, node_cmd.arguments, streams=True),
    Command("exporter", "serve Prometheus metrics on /metrics (windows_exporter's mscluster names) from the live "
            "view, until Ctrl-C; needs clusapi_py[exporter]", exporter.run, exporter.arguments, streams=True,
            opens=True),
)

EPILOG = """\
exit codes:
  0  OK: the command did its job (status: the cluster is healthy)
  1  WARNING (status only)
  2  CRITICAL (status only)
  3  UNKNOWN: a usage error, no cluster API on this machine, the cluster
     unreachable, access denied, --timeout ran out, a bad --sim topology
     or CLUSAPI_PY_BACKEND; one line says which (for status: its first
     line on stdout; for the other commands: on stderr)

environment:
  CLUSAPI_PY_BACKEND=sim      use the simulated cluster, as --sim does
  CLUSAPI_PY_BACKEND=system   use clusapi.dll (the default); any other value
                              is an error (exit 3)
  CLUSAPI_PY_SIM_TOPOLOGY=F   the topology file of CLUSAPI_PY_BACKEND=sim
  CLUSAPI_PY_SIM_LEAKCHECK=1  print at exit the simulator handles left open

Without clusapi.dll every command exits 3: the simulator is used only when
asked for.  Output is UTF-8 wherever stdout is not a console (whatever the
locale or PYTHONIOENCODING say); --json prints one JSON document with
"schema": 1, "timestamp", "cluster" and "simulated" at the top.
"""


class UsageError(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


class Shown(Exception):
    """--help or --version: the text to print, then exit 0."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        raise UsageError(self, message)

    def _check_value(self, action: argparse.Action, value: typing.Any) -> None:
        # The COMMAND argument: "unknown command 'statuss' (did you mean 'status'?)",
        # not argparse's list of every choice.
        if isinstance(action, argparse._SubParsersAction) and value not in (action.choices or ()):
            raise UsageError(self, unknown_command(value))
        super()._check_value(action, value)


def unknown_command(word: str) -> str:
    """The message for a command name the table does not have, with the nearest one."""
    close = difflib.get_close_matches(word, [c.name for c in COMMANDS], n=1, cutoff=0.6)
    return "unknown command %r%s" % (word, " (did you mean %r?)" % close[0] if close else
                                     "; the commands are " + ", ".join(c.name for c in COMMANDS))


class _Show(argparse.Action):
    """-h/--help and --version print through main()'s streams, not sys.stdout."""

    def __init__(self, option_strings: typing.Sequence[str], dest: str = argparse.SUPPRESS,
                 text: typing.Optional[str] = None, help: typing.Optional[str] = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)
        self.text = text

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: typing.Optional[str] = None) -> None:
        raise Shown(self.text if self.text is not None else parser.format_help())


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value <= 86400):
        raise argparse.ArgumentTypeError("not a number of seconds between 0 and 86400: %r" % text)
    return value


def _common_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """The options every command takes, before or after its name.  A
    command's parser leaves out what was not given (SUPPRESS), so a value
    given before the command name is not reset by the command's parser."""
    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    parser.add_argument("-h", "--help", action=_Show, help="show this help and exit")
    parser.add_argument("--cluster", metavar="NAME", default=default(None),
                        help="the cluster, or one of its nodes: NetBIOS name, DNS name or IP (default: the local "
                             "cluster)")
    parser.add_argument("--sim", nargs="?", const="", metavar="TOPOLOGY.json", default=default(None),
                        help="use the simulated cluster: the built-in one, this topology file, or `demo` (a "
                             "cluster whose roles fail and move by themselves: docs/topology.md)")
    parser.add_argument("--json", action="store_true", default=default(False),
                        help="print one JSON document on stdout")
    parser.add_argument("-t", "--timeout", metavar="SECONDS", type=_seconds, default=default(None),
                        help="give up after this long, exit 3 (default: %g s for status, none for the other "
                             "commands)" % status.DEFAULT_TIMEOUT)


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="clusapi", description="Read a Windows failover cluster (or the simulated one).",
                  epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False,
                  allow_abbrev=False)
    _common_options(top, True)
    top.add_argument("-V", "--version", action=_Show, text="clusapi %s (clusapi_py, Python %s)\n" % (
        __version__, ".".join(map(str, sys.version_info[:3]))), help="show the version and exit")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", title="commands", required=True,
                             parser_class=_Parser)
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=command.help, description=command.help, add_help=False,
                           allow_abbrev=False, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        _common_options(p, False)
        command.arguments(p)
    return top


def _is_topology(word: str, rest: typing.Sequence[str]) -> bool:
    """Whether the word after a bare `--sim` is its topology (else it is the command):
    a shortcut (`demo`), a word that names a file or looks like a path, or any word
    when a command name follows it.  So `--sim statuss` is a mistyped command, and
    `--sim my-topology status` a file."""
    names = {c.name for c in COMMANDS}
    if word in names or word.startswith("-"):
        return False
    return (word in _runtime.SIM_SHORTCUTS or os.path.exists(word) or word.lower().endswith(".json")
            or any(sep in word for sep in "/" + os.sep) or any(w in names for w in rest))


def _bare_sim(argv: typing.List[str]) -> typing.List[str]:
    # `--sim` takes an optional file: followed by a command name, an option, nothing,
    # or a word that is not a topology (_is_topology), it is the bare flag.
    return ["--sim=" if word == "--sim" and (i + 1 == len(argv) or not _is_topology(argv[i + 1], argv[i + 2:]))
            else word for i, word in enumerate(argv)]


def _command_named_in(argv: typing.Sequence[str]) -> typing.Optional[Command]:
    return next((c for word in argv for c in COMMANDS if c.name == word), None)


def _execute(command: Command, args: argparse.Namespace, backend: Backend,
             simulated: bool) -> typing.Tuple[int, str, typing.List[str]]:
    """The worker's job: open, run into a buffer, close."""
    out = io.StringIO()
    timeout = args.timeout if args.timeout is not None else command.timeout
    deadline = None if timeout is None else time.monotonic() + timeout
    with open_cluster(args.cluster, backend=backend) as cluster:
        ctx = Context(cluster, simulated, deadline=deadline)
        code = command.run(ctx, args, out)
    return code, out.getvalue(), ctx.notes


def _stream(command: Command, args: argparse.Namespace, backend: Backend, simulated: bool, out: typing.TextIO,
            err: typing.TextIO, timeout: typing.Optional[float] = None) -> int:
    """A command that writes as it goes: on this thread, straight to `out`;
    `timeout`: how long a command that `runs_for` it runs (Context.deadline)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    if command.opens:       # it opens the cluster itself, and again when it must
        ctx = Context(None, simulated, connect=lambda: open_cluster(args.cluster, backend=backend),
                      round_trips=getattr(backend, "round_trips", None))
        code = command.run(ctx, args, out)
        _runtime.emit(err, "".join("clusapi: %s\n" % n for n in ctx.notes))
        return code
    notes: typing.List[str] = []
    try:
        with contextlib.ExitStack() as stack:
            if command.runs_for:
                stack.enter_context(_runtime.sigterm_interrupts())
            cluster = stack.enter_context(open_cluster(args.cluster, backend=backend))
            if simulated:
                _runtime.emit(err, "clusapi: %s is a simulated cluster\n" % _common.line_safe(cluster.name))
            ctx = Context(cluster, simulated, deadline=deadline)
            notes = ctx.notes
            code = command.run(ctx, args, out)
    except KeyboardInterrupt:
        if not command.runs_for:
            raise
        code = EXIT_OK      # Ctrl-C or SIGTERM is how a watch is meant to end, whenever it comes
    _runtime.emit(err, "".join("clusapi: %s\n" % n for n in notes))
    return code


def _fail(command: typing.Optional[Command], failure: _runtime.Failure, args: argparse.Namespace,
          simulated: typing.Optional[bool], out: typing.TextIO, err: typing.TextIO) -> int:
    if command is not None and command.failure is not None:
        buffer = io.StringIO()
        code = command.failure(failure.message, failure.error, args, getattr(args, "cluster", None), simulated,
                               buffer)
        _runtime.emit(out, buffer.getvalue())
        return code
    _runtime.emit(err, "clusapi: %s\n" % failure.message)
    return EXIT_UNKNOWN


def _run(argv: typing.List[str], out: typing.TextIO, err: typing.TextIO) -> typing.Tuple[int, bool]:
    """(exit code, whether a worker was left running)."""
    try:
        args = parser().parse_args(_bare_sim(argv))
    except Shown as shown:
        _runtime.emit(out, str(shown))
        return EXIT_OK, False
    except UsageError as exc:
        _runtime.emit(err, "%s%s: error: %s\n" % (exc.parser.format_usage(), exc.parser.prog, exc))
        named = _command_named_in(argv)
        if named is None or named.failure is None:
            return EXIT_UNKNOWN, False
        # A check's usage error is also its output: the monitoring system shows stdout.
        guessed = argparse.Namespace(json="--json" in argv)
        return _fail(named, _runtime.Failure("usage error: %s" % exc, {"type": "UsageError", "message": str(exc)}),
                     guessed, None, out, err), False
    command = next(c for c in COMMANDS if c.name == args.command)
    simulated: typing.Optional[bool] = None
    try:
        backend = _runtime.choose_backend(args.sim)
        simulated = _runtime.is_simulated(backend)
        timeout = args.timeout if args.timeout is not None else command.timeout
        # an `opens` command bounds each open itself; a `runs_for` one takes --timeout as how long it runs
        if command.opens or (command.streams and (timeout is None or command.runs_for)):
            return _stream(command, args, backend, bool(simulated), out, err, timeout), False
        code, text, notes = _runtime.bounded(lambda: _execute(command, args, backend, bool(simulated)), timeout)
    except Exception as exc:
        failure = _runtime.failure_from(exc)
        if failure.error["type"] == "InternalError":
            _runtime.emit(err, _runtime.describe_internal_error(exc))
        return _fail(command, failure, args, simulated, out, err), failure.error["type"] == "Timeout"
    _runtime.emit(out, text)
    _runtime.emit(err, "".join("clusapi: %s\n" % n for n in notes))
    return code, False


def main(argv: typing.Optional[typing.Sequence[str]] = None, out: typing.Optional[typing.TextIO] = None,
         err: typing.Optional[typing.TextIO] = None) -> int:
    """The `clusapi` command; returns the exit code.

    Given no streams it is the process's command: it writes to sys.stdout /
    sys.stderr (UTF-8 where they are not a console) and, when --timeout ran
    out, ends the process at once (os._exit) rather than wait at exit for a
    call into the cluster that may never return."""
    process = out is None and err is None
    out = out if out is not None else _runtime.prepare(sys.stdout)
    err = err if err is not None else _runtime.prepare(sys.stderr)
    try:
        code, worker_left = _run(list(sys.argv[1:] if argv is None else argv), out, err)
    except KeyboardInterrupt:
        _runtime.emit(err, "clusapi: interrupted\n")
        return EXIT_UNKNOWN
    if worker_left and process:
        os._exit(code)
    return code
