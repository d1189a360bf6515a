import os
from typing import Any, Callable, Iterator

import pytest

# The tests choose their backend explicitly; an inherited setting must not leak in.
os.environ.pop("CLUSAPI_PY_BACKEND", None)
os.environ.pop("CLUSAPI_PY_SIM_TOPOLOGY", None)

import clusapi_py  # noqa: E402
from clusapi_py import sim  # noqa: E402


@pytest.fixture
def s() -> Iterator[sim.SimulatedCluster]:
    """A fresh simulator with the default topology; checks nothing leaked."""
    cluster = sim.SimulatedCluster()
    yield cluster
    import gc

    gc.collect()
    assert all(v == 0 for v in cluster.open_handles().values()), cluster.open_handles()


@pytest.fixture
def c(s: sim.SimulatedCluster) -> Iterator[clusapi_py.Cluster]:
    with clusapi_py.open_cluster(backend=s) as cluster:
        yield cluster


def sim_entry(function: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """A ctypes function for one of the simulator's entry points (what a test
    uses to close a detached raw handle).  WINAPI is stdcall on 32-bit Windows."""
    import ctypes
    import sys

    from clusapi_py._bindings import FUNCTION_IDS, lib

    prototype = ctypes.WINFUNCTYPE if sys.platform == "win32" else ctypes.CFUNCTYPE  # type: ignore[attr-defined, unused-ignore]
    return prototype(restype, *argtypes)(lib.cs_sim_entry_address(FUNCTION_IDS[function]))
