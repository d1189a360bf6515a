"""What a backend is, the system's clusapi.dll, and the stack of backends
made default by `with SimulatedCluster(...):` blocks.

Which backend is used when none is given is policy: see backends.py (it may
know the simulator; this module and the handle layer do not).
"""
from __future__ import annotations

import threading
from typing import Any

from . import _bindings as b

__all__ = ["Backend", "SystemBackend", "SYSTEM"]


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

    def has(self, function: str) -> bool:
        """Whether this backend exports `function` (e.g. "OpenClusterEx")."""
        fid = b.FUNCTION_IDS.get(function)
        if fid is None:
            raise ValueError("unknown clusapi function %r" % (function,))
        return b.lib.cs_backend_has(self._id, fid) == 1


class SystemBackend(Backend):
    """The system's clusapi.dll, loaded from System32 at first use."""

    __slots__ = ()

    def __init__(self) -> None:
        self._id = b.lib.CS_SYSTEM_BACKEND

    def __repr__(self) -> str:
        return "<SystemBackend clusapi.dll>"


SYSTEM: SystemBackend = SystemBackend()

_lock = threading.Lock()
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
