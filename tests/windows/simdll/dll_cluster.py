"""The simulated clusapi.dll's cluster as a test's ``s`` (tests/conftest.py,
CLUSAPI_PY_TEST_BACKEND=system; Windows only, with tests/windows/simdll's
clusapi.dll in System32).

``DllSimulatedCluster`` is a SimulatedCluster whose backend id is the
system backend's: ``open_cluster(backend=s)`` goes through the shim's
system backend -- clusapi.dll loaded from System32, every export resolved
with GetProcAddress -- into the DLL.  Its control methods (fail, calls,
set_node_state, set_properties, open_handles, ...) are SimulatedCluster's
own, calling the DLL's exported control API (cs_sim_*, through ctypes, on
the DLL's simulator) instead of the extension's: the same code, another
``_lib``.  Each instance starts from a fresh copy of the DLL's topology
(cs_simdll_reset).

What cannot work through a DLL: hide() (an export cannot be taken away
from a loaded DLL; the Server 2008 build of the DLL is how the stage tests
the fallbacks) -- it skips the test.
"""
from __future__ import annotations

import ctypes
import os
from typing import Any

import pytest

from clusapi_py import _bindings
from clusapi_py.sim import SimulatedCluster
from clusapi_py.sim.topology import default_topology, normalize_topology

_ffi = _bindings.ffi
_LIB = _bindings.lib    # the extension's lib as imported (a test may monkeypatch _bindings.lib later)

# C primitive types of the control API (api/*.h) as ctypes types; every pointer is c_void_p.
_PRIMITIVES: dict[str, Any] = {
    "int": ctypes.c_int, "uint16_t": ctypes.c_uint16, "uint32_t": ctypes.c_uint32, "uint64_t": ctypes.c_uint64,
    "int64_t": ctypes.c_int64, "size_t": ctypes.c_size_t, "double": ctypes.c_double, "void": None,
}


def _ctypes_of(ctype: Any) -> Any:
    if ctype.kind == "pointer":
        return ctypes.c_void_p
    if ctype.kind == "enum":
        return ctypes.c_int
    return _PRIMITIVES[ctype.cname]


def _signature(name: str) -> tuple[Any, list[Any]]:
    """restype and argtypes of a control function, from the extension's own cdef
    (the same declarations the DLL is compiled from)."""
    t = _ffi.typeof(getattr(_LIB, name))
    return _ctypes_of(t.result), [_ctypes_of(a) for a in t.args]


def system32_clusapi() -> str:
    return os.path.join(os.environ.get("SystemRoot", r"C:\windows"), "System32", "clusapi.dll")


class _DllLib:
    """The DLL's control API with the extension's lib calling convention:
    strings as str, buffers as cffi objects, the simulator id as first
    argument (replaced by the DLL's own simulator)."""

    def __init__(self, dll: Any) -> None:
        self._dll = dll
        self.sim_id = 0
        dll.cs_simdll_reset.restype = ctypes.c_uint32
        dll.cs_simdll_instance.restype = ctypes.c_int

    def reset(self) -> None:
        code = self._dll.cs_simdll_reset()
        if code:
            raise RuntimeError("cs_simdll_reset: error %d (a handle of the previous test still open?)" % code)
        self.sim_id = self._dll.cs_simdll_instance()

    def __getattr__(self, name: str) -> Any:
        if name == "cs_sim_hide":
            def hide(*args: Any) -> int:
                pytest.skip("clusapi.dll's exports cannot be hidden (the Server 2008 DLL covers the fallbacks)")
            return hide
        if not name.startswith("cs_sim_"):
            raise AttributeError(name)
        fn = getattr(self._dll, name)    # AttributeError when the DLL does not export it
        fn.restype, fn.argtypes = _signature(name)

        def call(sim: int, *args: Any) -> Any:
            conv = []
            keep = []
            for a in args:
                if isinstance(a, _ffi.CData):
                    conv.append(int(_ffi.cast("uintptr_t", a)) or None)
                elif isinstance(a, str):
                    buf = ctypes.create_unicode_buffer(a)
                    keep.append(buf)
                    conv.append(ctypes.addressof(buf))
                else:
                    conv.append(a)
            return fn(self.sim_id, *conv)
        return call


_class: type | None = None


def dll_cluster_class() -> type:
    """SimulatedCluster driven through the DLL's control exports (its `_lib`)."""
    global _class
    if _class is None:
        dll_lib = _DllLib(ctypes.CDLL(system32_clusapi()))

        def __init__(self: Any) -> None:
            dll_lib.reset()
            self._id = _bindings.lib.CS_SYSTEM_BACKEND    # open_cluster(backend=self) -> clusapi.dll
            self._scenario = None
            self._topology = normalize_topology(default_topology())

        def __del__(self: Any) -> None:
            pass

        def __repr__(self: Any) -> str:
            return "<DllSimulatedCluster %s>" % system32_clusapi()

        _class = type("DllSimulatedCluster", (SimulatedCluster,),
                      dict(__init__=__init__, __del__=__del__, __repr__=__repr__, __slots__=(), _lib=dll_lib))
    return _class


def dll_simulated_cluster() -> SimulatedCluster:
    cluster: SimulatedCluster = dll_cluster_class()()
    return cluster
