"""What a backend is, the system's clusapi.dll, and the stack of backends
made default by `with SimulatedCluster(...):` blocks.

Which backend is used when none is given is policy: see backends.py (it may
know the simulator; this module and the handle layer do not).
"""
import threading

from . import _bindings as b

__all__ = ["Backend", "SystemBackend", "SYSTEM"]


class Backend:
    """Something the shim can call clusapi through."""

    __slots__ = ("_id", "__weakref__")

    # Every subclass, registered as it is defined.  An instance whose exact
    # type is in here is a backend as it stands: the handle layer's fast path
    # (one set lookup) needs no isinstance() and no knowledge of the classes.
    _classes = set()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Backend._classes.add(cls)

    def has(self, function):
        """Whether this backend exports `function` (e.g. "OpenClusterEx")."""
        fid = b.FUNCTION_IDS.get(function)
        if fid is None:
            raise ValueError("unknown clusapi function %r" % (function,))
        return b.lib.cs_backend_has(self._id, fid) == 1


class SystemBackend(Backend):
    """The system's clusapi.dll, loaded from System32 at first use."""

    __slots__ = ()

    def __init__(self):
        self._id = b.lib.CS_SYSTEM_BACKEND

    def __repr__(self):
        return "<SystemBackend clusapi.dll>"


SYSTEM = SystemBackend()

_lock = threading.Lock()
_stack = []  # backends made default by `with SimulatedCluster(...)`


def push_default(backend):
    with _lock:
        _stack.append(backend)


def pop_default(backend):
    with _lock:
        # Remove the innermost occurrence: blocks may end out of order across threads.
        for i in range(len(_stack) - 1, -1, -1):
            if _stack[i] is backend:
                del _stack[i]
                return


def innermost_default():
    """The backend of the innermost `with` block still open, or None."""
    with _lock:
        return _stack[-1] if _stack else None
