"""`clusapi exporter`: serves Prometheus metrics on http://ADDR:PORT/metrics
until interrupted (Ctrl-C or SIGTERM: exit 0).

It starts whether or not the cluster answers yet (it keeps trying, with
backoff, and says so in clusapi_exporter_up / _connect_failures_total);
a usage problem -- prometheus_client missing, the address taken, a bad
--web.config.file -- exits 3 with one line on stderr.  --timeout bounds each
attempt to open the cluster.  What goes wrong later (connect failures,
resyncs, property-read failures) is logged on stderr, a line each, and
with --log-file in a file too (rotated: LOG_FILE_BYTES, LOG_FILE_BACKUPS);
a Windows service, which has no console, logs to that file, by default
%ProgramData%\\clusapi_py\\<service name>.log.  See
clusapi_py.monitor.exporter and clusapi_py.monitor.http.
"""
import argparse
import logging
import logging.handlers
import os
import signal
import sys
import threading
import typing

from ..monitor import exporter as ex
from ..monitor import http, webconfig
from ._common import EXIT_OK, EXIT_UNKNOWN, Context
from ._runtime import Failure, bounded, emit
from . import winservice

SLICE = 0.25
LOG_FILE_BYTES = 10 * 1024 * 1024      # a log file is rotated at this size ...
LOG_FILE_BACKUPS = 3                   # ... keeping this many old ones (40 MiB at most in all)
LOG_FORMAT = "%(asctime)s clusapi exporter: %(levelname)s: %(message)s"


def listen_address(text: str) -> typing.Tuple[str, int]:
    """ADDR:PORT, :PORT (every IPv4 address) or [IPv6]:PORT."""
    host, sep, port_text = text.rpartition(":")
    # ASCII digits only: int() would also take "９８８２" (full-width) and " 9882", "+9882", "9_882".
    port = int(port_text) if port_text.isascii() and port_text.isdigit() else -1
    if not sep or not (0 <= port <= 65535):
        raise argparse.ArgumentTypeError("not ADDR:PORT (e.g. 0.0.0.0:%d or :%d): %r"
                                         % (ex.DEFAULT_PORT, ex.DEFAULT_PORT, text))
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host or "0.0.0.0", port


def _interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not (0.1 <= value <= 86400):
        raise argparse.ArgumentTypeError("not a number of seconds between 0.1 and 86400: %r" % text)
    return value


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listen", metavar="ADDR:PORT", type=listen_address, default=("0.0.0.0", ex.DEFAULT_PORT),
                        help="where to serve /metrics (default: 0.0.0.0:%d; windows_exporter uses 9182)"
                             % ex.DEFAULT_PORT)
    parser.add_argument("--web.config.file", dest="web_config_file", metavar="FILE", default=None,
                        help="TLS, basic auth and headers, in Prometheus exporter-toolkit's web configuration "
                             "format (as windows_exporter's --web.config.file)")
    parser.add_argument("--install-service", action="store_true",
                        help="Windows: install `clusapi exporter` with these options as a service (automatic start)")
    parser.add_argument("--uninstall-service", action="store_true", help="Windows: stop and remove the service")
    parser.add_argument("--service-name", metavar="NAME", default=winservice.DEFAULT_NAME,
                        help="the service's name (default: %s)" % winservice.DEFAULT_NAME)
    parser.add_argument("--run-service", metavar="NAME", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--log-file", metavar="FILE", default=None,
                        help="also write the log lines to FILE (rotated at %d MiB, %d kept); a service writes "
                             "them to %%ProgramData%%\\clusapi_py\\<service name>.log unless given"
                             % (LOG_FILE_BYTES // (1024 * 1024), LOG_FILE_BACKUPS))
    parser.add_argument("--property-interval", metavar="SECONDS", type=_interval, default=60.0,
                        help="read the properties and the CSVs this often (default: 60)")
    parser.add_argument("--owner-series", choices=("all", "owner"), default="all",
                        help="all: an *_owner_node series per node, 1 on the owner and 0 elsewhere (windows_exporter's; "
                             "nodes x objects series); owner: only the owner's series (default: all)")
    parser.add_argument("--property-budget", metavar="SECONDS", type=_interval, default=None,
                        help="a property read taking longer counts as an overrun (default: half the interval)")


def _plain(kind: str, message: str) -> Failure:
    return Failure(message, {"type": kind, "message": message})


def serve_until(ctx: Context, args: argparse.Namespace, stop: threading.Event,
                listening: typing.Callable[["http.Server"], None]) -> int:
    """Serves until `stop` is set (or KeyboardInterrupt), calling listening(server) once it listens;
    the server and the exporter are closed on the way out (the port is released)."""
    if not ex.available():
        raise _plain("MissingDependency", ex.MISSING)
    opener = ctx.connect
    if opener is None:
        raise RuntimeError("the exporter command opens the cluster itself (Context.connect)")
    timeout = getattr(args, "timeout", None)
    connect = opener if timeout is None else (lambda: bounded(opener, timeout))
    web = None
    if args.web_config_file is not None:
        try:
            web = webconfig.load(args.web_config_file)
        except webconfig.WebConfigError as exc:
            raise _plain("WebConfigError", str(exc)) from None
    log_file = log_file_of(args)
    file_handler = _log_to_file(log_file) if log_file is not None else None
    try:
        return _serve(ctx, args, stop, listening, connect, web)
    finally:
        if file_handler is not None:
            ex.log.removeHandler(file_handler)
            file_handler.close()


def _serve(ctx: Context, args: argparse.Namespace, stop: threading.Event,
           listening: typing.Callable[["http.Server"], None], connect: typing.Callable[[], typing.Any],
           web: typing.Optional[webconfig.WebConfig]) -> int:
    exporter = ex.Exporter(connect, property_interval=args.property_interval, property_budget=args.property_budget,
                           simulated=ctx.simulated, owner_series=args.owner_series, round_trips=ctx.round_trips)
    host, port = args.listen
    try:
        server = http.serve(exporter, host, port, web=web)
    except OSError as exc:
        raise _plain("AddressInUse" if getattr(exc, "errno", None) in (48, 98, 10048) else "OSError",
                     "cannot listen on %s:%d: %s" % ("[%s]" % host if ":" in host else host, port,
                                                     exc.strerror or exc)) from None
    try:
        exporter.start()
        ex.log.info("metrics on %s", server.url)
        listening(server)
        while not stop.wait(SLICE):
            pass
    finally:
        server.close()
        exporter.stop()
        ex.log.info("stopped")
    return EXIT_OK


def default_log_file(service: str) -> str:
    """A service's log file when --log-file is not given: %ProgramData%\\clusapi_py\\<service>.log."""
    base = os.environ.get("ProgramData") or os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in service) or "service"
    return os.path.join(base, "clusapi_py", safe + ".log")


def log_file_of(args: argparse.Namespace) -> typing.Optional[str]:
    """--log-file; for a service without it, default_log_file(); else None."""
    given = getattr(args, "log_file", None)
    if given is not None:
        return str(given)
    service = getattr(args, "run_service", None)
    return default_log_file(service) if service is not None else None


def _log_to_file(path: str) -> logging.Handler:
    """The exporter's log lines (INFO and up) also in `path`, rotated; its folder is made.  A file
    that cannot be opened is a start-up error (exit 3), not a service that logs nowhere."""
    try:
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS,
                                                       encoding="utf-8")
    except OSError as exc:
        raise _plain("OSError", "cannot open the log file %s: %s" % (path, exc.strerror or exc)) from None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    ex.log.addHandler(handler)
    ex.log.setLevel(logging.INFO)
    return handler


def _service(args: argparse.Namespace, ctx: Context) -> typing.Optional[int]:
    """--install-service, --uninstall-service, --run-service (Windows); None for a plain run."""
    if not (args.install_service or args.uninstall_service or args.run_service is not None):
        return None
    if sys.platform == "win32":
        return _windows_service(args, ctx, args.run_service if args.run_service is not None else args.service_name)
    raise _plain("UsageError", "--install-service, --uninstall-service and --run-service are for Windows")


if sys.platform == "win32":
    def _windows_service(args: argparse.Namespace, ctx: Context, name: str) -> int:
        try:
            if args.install_service:
                if args.web_config_file is not None:    # a bad file: said now, not when the service starts
                    try:
                        webconfig.load(args.web_config_file)
                    except webconfig.WebConfigError as exc:
                        raise _plain("WebConfigError", str(exc)) from None
                winservice.install(name, winservice.command_line(sys.argv[1:], name))
                return EXIT_OK
            if args.uninstall_service:
                winservice.uninstall(name)
                return EXIT_OK
            run = winservice.dispatch(name, lambda stop, listening: serve_until(ctx, args, stop,
                                                                                 lambda server: listening()))
        except OSError as exc:
            raise _plain("OSError", "service %s: %s" % (name, exc.strerror or exc)) from None
        # The SCM was told (SERVICE_STOPPED with the exit code); a service has no console to say more.
        return EXIT_OK if run.error is None else EXIT_UNKNOWN


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    code = _service(args, ctx)
    if code is not None:
        return code
    previous = None
    if threading.current_thread() is threading.main_thread():
        def _term(signum: int, frame: object) -> None:
            raise KeyboardInterrupt
        previous = signal.signal(signal.SIGTERM, _term)

    def listening(server: http.Server) -> None:
        emit(out, "clusapi exporter: metrics on %s%s\n" % (server.url, " (a simulated cluster)" if ctx.simulated else ""))

    try:
        log_handler = _log_to_stderr()
        try:
            return serve_until(ctx, args, threading.Event(), listening)
        finally:
            ex.log.removeHandler(log_handler)
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _log_to_stderr() -> logging.Handler:
    """The exporter's log lines (logger clusapi_py.exporter, INFO and up) on stderr, one a line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    ex.log.addHandler(handler)
    ex.log.setLevel(logging.INFO)
    return handler
