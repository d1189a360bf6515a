"""How a command runs: which backend (never the simulator unless asked),
the command on a worker thread bounded by --timeout, and its output written
as UTF-8 wherever stdout is not a console, quietly when the reader has gone."""
import contextlib
import errno
import io
import os
import signal
import sys
import threading
import traceback
import typing

from .._backend import SYSTEM, Backend
from ..backends import default_backend
from ..errors import ClusterError
from ..sim import SimulatedCluster
from ..sim.topology import DEMO_TOPOLOGY

# `--sim NAME` shortcuts to topologies that ship with the package.
SIM_SHORTCUTS = {"demo": DEMO_TOPOLOGY}

NO_CLUSTER_API = ("no cluster API here: clusapi.dll is not on this machine (it comes with Windows Server's Failover "
                  "Clustering feature or its management tools); for the built-in simulated cluster use "
                  "`clusapi --sim COMMAND` or CLUSAPI_PY_BACKEND=sim")


class Failure(Exception):
    """A command could not do its job: exit code 3 with one line saying why.
    `error` is the same for JSON: type, message and, for a cluster error,
    winerror and function."""

    def __init__(self, message: str, error: typing.Dict[str, object]) -> None:
        super().__init__(message)
        self.message = message
        self.error = error


def _plain(kind: str, message: str) -> Failure:
    return Failure(message, {"type": kind, "message": message})


def failure_from(exc: BaseException) -> Failure:
    """Any exception as a Failure: a cluster error by class, code and call;
    a bad topology file or setting by its message; anything else as an
    internal error (with the traceback on stderr)."""
    if isinstance(exc, Failure):
        return exc
    if isinstance(exc, ClusterError):
        text = "%s (%s, Win32 error %d from %s)" % (exc.strerror, type(exc).__name__, exc.winerror,
                                                    exc.function or "clusapi")
        return Failure(text, {"type": type(exc).__name__, "message": str(exc.strerror), "winerror": exc.winerror,
                              "function": exc.function})
    if isinstance(exc, (OSError, ValueError)):   # a topology file missing or malformed, a bad setting
        return _plain(type(exc).__name__, "%s: %s" % (type(exc).__name__, exc))
    return _plain("InternalError", "internal error: %s: %s" % (type(exc).__name__, exc))


def choose_backend(sim: typing.Optional[str]) -> Backend:
    """--sim [FILE | demo] → a simulator; else CLUSAPI_PY_BACKEND (sim, or system /
    unset → clusapi.dll; anything else is an error); never a simulator in
    place of a missing clusapi.dll."""
    if sim is not None:
        return SimulatedCluster(SIM_SHORTCUTS.get(sim, sim) or None)
    backend: Backend = default_backend()    # ValueError for an invalid CLUSAPI_PY_BACKEND
    if backend is SYSTEM and not SYSTEM.has("OpenCluster"):
        raise _plain("ClusterAPIUnavailable", NO_CLUSTER_API)
    return backend


def is_simulated(backend: Backend) -> bool:
    return isinstance(backend, SimulatedCluster)


T = typing.TypeVar("T")


def bounded(work: typing.Callable[[], T], timeout: typing.Optional[float]) -> T:
    """work() on a worker thread, waited for at most `timeout` seconds.

    Raises Failure when the time runs out; the worker is a daemon left to
    finish (or not) on its own: a call into clusapi cannot be interrupted.
    The snapshot the commands take is also bounded itself (Context.snapshot
    passes the time left), so that walk closes what it opened and stops."""
    result: typing.List[T] = []
    raised: typing.List[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:   # handed to the waiting thread
            raised.append(exc)

    worker = threading.Thread(target=target, name="clusapi-command", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _plain("Timeout", "no answer within %g seconds (--timeout)" % (timeout or 0))
    if raised:
        raise raised[0]
    return result[0]


@contextlib.contextmanager
def sigterm_interrupts() -> typing.Iterator[None]:
    """Inside: SIGTERM (a service manager stopping the process, `kill`) raises
    KeyboardInterrupt, so it ends a command as Ctrl-C does.  Only the main
    thread can install a handler; on another thread nothing changes."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt()

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def describe_internal_error(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


# ---- the process's streams ---------------------------------------------------------------
def prepare(stream: typing.TextIO) -> typing.TextIO:
    """UTF-8 where the stream is not a console (a pipe, a file, a monitoring
    agent), whatever the locale, code page or PYTHONIOENCODING say; the
    console's own encoding where it is one.  Either way a character the
    encoding cannot hold is written as a backslash escape, never an error."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return stream
    try:
        console = stream.isatty()
    except (OSError, ValueError):
        console = False
    if console:
        reconfigure(errors="backslashreplace")
    else:
        reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


def _reader_gone(exc: OSError) -> bool:
    # A closed pipe: EPIPE; on Windows a write to a closed pipe can also fail with EINVAL.
    return isinstance(exc, BrokenPipeError) or (sys.platform == "win32" and exc.errno == errno.EINVAL)


def emit(stream: typing.TextIO, text: str) -> bool:
    """Writes and flushes `text`; False, quietly, when the reader has gone
    (`clusapi status | head -1`): the stream is pointed at the null device so
    that the flush at exit does not fail either."""
    if not text:
        return True
    try:
        stream.write(text)
        stream.flush()
        return True
    except OSError as exc:
        if not _reader_gone(exc):
            raise
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    return False
