"""Backends: the real clusapi.dll (SystemBackend) or a simulated cluster.

Which one `open_cluster(backend=None)` uses, in order:
  1. the innermost `with SimulatedCluster(...):` block (process-wide);
  2. CLUSAPI_PY_BACKEND=sim: a simulator with the default topology, or
     with CLUSAPI_PY_SIM_TOPOLOGY=path.json;
  3. the system's clusapi.dll.
"""
import os
import threading

from . import _bindings as b

__all__ = ["Backend", "SystemBackend", "SYSTEM", "default_backend"]


class Backend:
    """Something the shim can call clusapi through."""

    __slots__ = ("_id", "__weakref__")

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
_env_sim = None


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


def default_backend():
    """The backend used when none is given (see the module docstring)."""
    global _env_sim
    with _lock:
        if _stack:
            return _stack[-1]
    choice = os.environ.get("CLUSAPI_PY_BACKEND", "").strip().lower()
    if choice in ("", "system", "dll"):
        return SYSTEM
    if choice != "sim":
        raise ValueError("CLUSAPI_PY_BACKEND must be 'sim' or 'system', not %r" % choice)
    with _lock:
        if _env_sim is None:
            from .sim import SimulatedCluster

            _env_sim = SimulatedCluster(os.environ.get("CLUSAPI_PY_SIM_TOPOLOGY") or None)
        return _env_sim


def resolve(backend):
    if backend is None:
        return default_backend()
    if not isinstance(backend, Backend):
        raise TypeError("backend must be a Backend (SYSTEM or a SimulatedCluster), not %s" % type(backend).__name__)
    return backend
