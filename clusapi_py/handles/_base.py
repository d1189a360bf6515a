"""The handle base class and the hot path's aliases.

Every handle owns one shim token; the real Close* runs exactly once -- on
close(), leaving `with`, the last reference, cycle collection or interpreter
exit -- and never while a call on it is in flight (the shim counts calls and
closes when the last one returns).

The names bound below are the per-cycle calls and constants, looked up once
(attribute lookups on `lib` are not free); they live here only, and the
handle modules import them.
"""
from __future__ import annotations

import atexit
import typing
from operator import attrgetter as _attrgetter
from typing import TYPE_CHECKING, TypeVar

from .. import _bindings as bindings
from .. import _consts as consts
from .._backend import Backend, SingleOwner
from ..enums import Access

if TYPE_CHECKING:
    from .._bindings import CType

ffi, lib = bindings.ffi, bindings.lib

_MAXIMUM_ALLOWED = int(Access.MAXIMUM_ALLOWED)
_DEFAULT_ACCESS = Access.MAXIMUM_ALLOWED      # identity-checked: the common case skips validation
_NULL = ffi.NULL
_cs_open_cluster = lib.cs_open_cluster
_cs_open_object = lib.cs_open_object
_cs_close = lib.cs_close
_cs_reclaim_pending = lib.cs_reclaim_pending
_cs_state = lib.cs_state
_cs_status_into = lib.cs_status_into
_ffi_string = ffi.string
_ffi_new = ffi.new
_NAME_FIELD = 260                     # characters per name field of a status buffer
_STATUS_BUFFER: CType[str] = ffi.typeof("cs_char[%d]" % (2 * _NAME_FIELD))
_STATE_FAILED = lib.CS_STATE_FAILED
_STATUS_TOO_LONG = lib.CS_STATUS_TOO_LONG
# Exact backend classes (every Backend subclass registers itself) take the
# fast path; anything else goes through backends.resolve().
_BACKEND_TYPES = Backend._classes
# What a closed or detached handle's finalizer calls: a C callable that takes
# no argument and does nothing (see _Handle.__del__).
_NOTHING_TO_CLOSE: "typing.Callable[[], object]" = int

_H = TypeVar("_H", bound="_Handle")


# What the layers above the handles add to them (events: "notifications",
# "live_view"), registered when they are imported -- the package's __init__
# imports them -- so that a handle method can offer them without importing
# upwards.
_EXTENSIONS: "dict[str, typing.Callable[..., typing.Any]]" = {}


def register_extension(name: str, factory: "typing.Callable[..., typing.Any]") -> None:
    _EXTENSIONS[name] = factory


def extension(name: str) -> "typing.Callable[..., typing.Any]":
    try:
        return _EXTENSIONS[name]
    except KeyError:
        raise RuntimeError("clusapi_py.%s is not loaded (import clusapi_py)" % name) from None


class _Handle(SingleOwner):
    """Base of every handle: owns one shim token (one owner: no copy, no pickle).

    What a closed handle still answers, for every handle class: `closed`,
    `backend`, `cluster` (object handles) and repr(); everything else --
    `name` included -- raises ValueError, as any call would."""

    __slots__ = ("_token", "_closer", "_backend", "_name", "__weakref__")
    _what = "handle"
    _token: int                 # the shim's token; 0 once closed or detached
    _closer: "typing.Callable[[], object]"  # what the finalizer calls: _partial(_cs_close, token) while open
    _backend: Backend
    _name: str | None           # as opened (None: the local cluster)

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("%s handles come from open_cluster() and Cluster.open_*()" % type(self).__name__)

    def _tok(self) -> int:
        token = self._token
        if not token:
            raise ValueError("%s is closed" % self._what)
        return token

    @property
    def closed(self) -> bool:
        """True once close() or detach() has run (on this object; other threads' calls may still be running)."""
        return not self._token

    def close(self) -> None:
        """Closes the handle (idempotent).  The real Close* waits for calls in flight."""
        token = self._token
        if token:
            self._token = 0
            self._closer = _NOTHING_TO_CLOSE
            _cs_close(token)

    def detach(self) -> int:
        """Gives up ownership and returns the raw handle value; it is never closed by us."""
        token = self._tok()
        raw = ffi.new("uint64_t *")
        code = lib.cs_detach(token, raw)
        if code == consts.ERROR_BUSY:
            raise ValueError("the %s is in use (calls in flight, or objects opened from it still open): "
                             "it cannot be detached now" % self._what)
        bindings.check(code, self._what)
        self._token = 0
        self._closer = _NOTHING_TO_CLOSE
        return int(raw[0])

    @property
    def granted_access(self) -> Access:
        """The access the handle was granted (ValueError once closed)."""
        token = self._tok()
        kind = ffi.new("int *")
        backend = ffi.new("int *")
        granted = ffi.new("uint32_t *")
        bindings.check(lib.cs_handle_info(token, kind, backend, granted), self._what)
        return Access(granted[0])

    @property
    def backend(self) -> Backend:
        """The backend the handle was opened through (SYSTEM or a SimulatedCluster)."""
        return self._backend

    def __enter__(self: _H) -> _H:
        self._tok()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # The finalizer runs no Python code: a signal handler runs (and may raise)
    # wherever the interpreter checks for pending signals -- among them the
    # first instruction of every Python function, so a `def __del__` could be
    # interrupted before its first line and the token would stay open until
    # exit.  Instead, looking up __del__ goes through this property, whose
    # getter (attrgetter) and result (a functools.partial of cs_close over
    # the token) are C: the close cannot be interrupted.  A closed or
    # detached handle's _closer does nothing; a second cs_close of a token is
    # refused by the shim anyway (the real Close* runs exactly once).  An
    # object made but interrupted before its _closer was stored has nothing
    # to close (the open's except clause reclaimed the token), and the
    # missing attribute is silently ignored by the finalizer.
    __del__ = property(_attrgetter("_closer"))

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return "<%s %r %s>" % (type(self).__name__, self._name, state)


@atexit.register
def _close_everything_at_exit() -> None:
    # Handles still referenced at exit (module globals, daemon threads) are
    # closed here; their __del__ later finds them closed and does nothing.
    lib.cs_close_all()
