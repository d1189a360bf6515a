"""What a backend is, the system's clusapi.dll, and the stack of backends
made default by `with SimulatedCluster(...):` blocks.

Which backend is used when none is given is policy: see backends.py (it may
know the simulator; this module and the handle layer do not).
"""
from __future__ import annotations

from typing import Any, NoReturn, SupportsIndex

from . import _bindings as bindings
from ._forksafe import ForkSafeLock

__all__ = ["Backend", "SystemBackend", "SYSTEM", "SingleOwner"]


class SingleOwner:
    """Mixin for objects that own something in C (a shim token, a simulator,
    a notification port): one Python object, one owner.  A copy or a pickle
    would be a second owner of the same C object -- closing or collecting
    one would free what the other still uses, and a pickled token means
    nothing in another process -- so copy.copy(), copy.deepcopy() and
    pickling raise TypeError.  Share the object itself, or open another."""

    __slots__ = ()

    def _refuse_copy(self) -> "NoReturn":
        raise TypeError("%s objects cannot be copied or pickled: each one owns a connection to C state "
                        "(it is a connection, not a value); share the object itself, or open another"
                        % type(self).__name__)

    def __copy__(self) -> "NoReturn":
        self._refuse_copy()

    def __deepcopy__(self, memo: "dict[int, object]") -> "NoReturn":
        self._refuse_copy()

    def __reduce_ex__(self, protocol: "SupportsIndex") -> "NoReturn":
        self._refuse_copy()

    def __reduce__(self) -> "NoReturn":
        self._refuse_copy()

    def __getstate__(self) -> "NoReturn":
        self._refuse_copy()


class Backend:
    """Something the shim can call clusapi through."""

    __slots__ = ("_id", "__weakref__")
    _id: int                    # the shim's backend id

    # Every subclass, registered as it is defined.  An instance whose exact
    # type is in here is a backend as it stands: the handle layer's fast path
    # (one set lookup) needs no isinstance() and no knowledge of the classes.
    _classes: set[type[Backend]] = set()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Backend._classes.add(cls)

    def _waits(self) -> bool:
        """Whether calls through this backend really wait (a round trip):
        long calls then run where Ctrl-C can stop them (see
        _bindings.call_limited)."""
        return True

    def has(self, function: str) -> bool:
        """Whether this backend exports `function` (e.g. "OpenClusterEx")."""
        fid = bindings.FUNCTION_IDS.get(function)
        if fid is None:
            raise ValueError("unknown clusapi function %r" % (function,))
        return bindings.lib.cs_backend_has(self._id, fid) == 1


class SystemBackend(Backend):
    """The system's clusapi.dll, loaded from System32 at first use."""

    __slots__ = ()

    def __init__(self) -> None:
        self._id = bindings.lib.CS_SYSTEM_BACKEND

    def __repr__(self) -> str:
        return "<SystemBackend clusapi.dll>"


SYSTEM: SystemBackend = SystemBackend()

_lock = ForkSafeLock()
_stack: list[Backend] = []  # backends made default by `with SimulatedCluster(...)`


def push_default(backend: Backend) -> None:
    with _lock:
        _stack.append(backend)


def pop_default(backend: Backend) -> None:
    with _lock:
        # Remove the innermost occurrence: blocks may end out of order across threads.
        for i in range(len(_stack) - 1, -1, -1):
            if _stack[i] is backend:
                del _stack[i]
                return


def innermost_default() -> Backend | None:
    """The backend of the innermost `with` block still open, or None."""
    with _lock:
        return _stack[-1] if _stack else None
