"""`clusapi exporter`: serves Prometheus metrics on http://ADDR:PORT/metrics
until interrupted (Ctrl-C or SIGTERM: exit 0).

It starts whether or not the cluster answers yet (it keeps trying, with
backoff, and says so in clusapi_exporter_up / _connect_failures_total);
a usage problem -- prometheus_client missing, the address taken -- exits 3
with one line on stderr.  --timeout bounds each attempt to open the cluster.
What goes wrong later (connect failures, resyncs, property-read failures) is
logged on stderr, a line each.  See clusapi_py.monitor.exporter.
"""
import argparse
import logging
import signal
import sys
import threading
import typing

from ..monitor import exporter as ex
from ._common import EXIT_OK, Context
from ._runtime import Failure, bounded, emit

SLICE = 0.25


def listen_address(text: str) -> typing.Tuple[str, int]:
    """ADDR:PORT, :PORT (every IPv4 address) or [IPv6]:PORT."""
    host, sep, port_text = text.rpartition(":")
    try:
        port = int(port_text)
    except ValueError:
        port = -1
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
    parser.add_argument("--property-interval", metavar="SECONDS", type=_interval, default=60.0,
                        help="read the properties and the CSVs this often (default: 60)")
    parser.add_argument("--owner-series", choices=("all", "owner"), default="all",
                        help="all: an *_owner_node series per node, 1 on the owner and 0 elsewhere (windows_exporter's; "
                             "nodes x objects series); owner: only the owner's series (default: all)")
    parser.add_argument("--property-budget", metavar="SECONDS", type=_interval, default=None,
                        help="a property read taking longer counts as an overrun (default: half the interval)")


def _plain(kind: str, message: str) -> Failure:
    return Failure(message, {"type": kind, "message": message})


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    if not ex.available():
        raise _plain("MissingDependency", ex.MISSING)
    opener = ctx.connect
    if opener is None:
        raise RuntimeError("the exporter command opens the cluster itself (Context.connect)")
    timeout = getattr(args, "timeout", None)
    connect = opener if timeout is None else (lambda: bounded(opener, timeout))
    exporter = ex.Exporter(connect, property_interval=args.property_interval, property_budget=args.property_budget,
                           simulated=ctx.simulated, owner_series=args.owner_series, round_trips=ctx.round_trips)
    host, port = args.listen
    try:
        server = ex.serve(exporter, host, port)
    except OSError as exc:
        raise _plain("AddressInUse" if getattr(exc, "errno", None) in (48, 98, 10048) else "OSError",
                     "cannot listen on %s:%d: %s" % (host, port, exc.strerror or exc)) from None
    log_handler = _log_to_stderr()
    exporter.start()
    previous = None
    if threading.current_thread() is threading.main_thread():
        def _term(signum: int, frame: object) -> None:
            raise KeyboardInterrupt
        previous = signal.signal(signal.SIGTERM, _term)
    emit(out, "clusapi exporter: metrics on http://%s:%d/metrics%s\n" % (
        server.address[0], server.address[1], " (a simulated cluster)" if ctx.simulated else ""))
    try:
        while True:
            threading.Event().wait(SLICE)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        exporter.stop()
        ex.log.removeHandler(log_handler)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


def _log_to_stderr() -> logging.Handler:
    """The exporter's log lines (logger clusapi_py.exporter, INFO and up) on stderr, one a line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s clusapi exporter: %(levelname)s: %(message)s"))
    ex.log.addHandler(handler)
    ex.log.setLevel(logging.INFO)
    return handler
