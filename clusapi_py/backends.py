"""Backends: the real clusapi.dll (SystemBackend) or a simulated cluster.

Which one `open_cluster(backend=None)` uses, in order:
  1. the innermost `with SimulatedCluster(...):` block (process-wide);
  2. CLUSAPI_PY_BACKEND=sim: a simulator with the default topology, or
     with CLUSAPI_PY_SIM_TOPOLOGY=path.json;
  3. the system's clusapi.dll.
"""
from __future__ import annotations

import os
from typing import Optional

from ._backend import SYSTEM, Backend, SystemBackend, innermost_default
from ._forksafe import ForkSafeLock
from .sim import SimulatedCluster

__all__ = ["Backend", "SystemBackend", "SYSTEM", "default_backend"]

_lock = ForkSafeLock()
_env_sim: Optional[SimulatedCluster] = None


def default_backend() -> Backend:
    """The backend used when none is given (see the module docstring)."""
    global _env_sim
    innermost = innermost_default()
    if innermost is not None:
        return innermost
    choice = os.environ.get("CLUSAPI_PY_BACKEND", "").strip().lower()
    if choice in ("", "system", "dll"):
        return SYSTEM
    if choice != "sim":
        raise ValueError("CLUSAPI_PY_BACKEND must be 'sim' or 'system', not %r" % choice)
    with _lock:
        if _env_sim is None:
            _env_sim = SimulatedCluster(os.environ.get("CLUSAPI_PY_SIM_TOPOLOGY") or None)
        return _env_sim


def resolve(backend: Backend | None) -> Backend:
    """The backend a call uses: `backend`, or default_backend() for None; TypeError for a non-Backend."""
    if backend is None:
        return default_backend()
    if not isinstance(backend, Backend):
        raise TypeError("backend must be a Backend (SYSTEM or a SimulatedCluster), not %s" % type(backend).__name__)
    return backend
