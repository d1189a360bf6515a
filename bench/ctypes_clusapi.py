"""What a user would otherwise write: a ctypes binding of the same simulated
clusapi entry points the package calls (the comparison point for the
handle-churn benchmark).

It is meant to be a fair, reasonably efficient ctypes binding:
  - one prototype per function, declared once (CFUNCTYPE: argtypes and
    restype fixed, GIL released around each call, like cffi does);
  - name buffers (UTF-16 code units + NUL, as c_uint16 arrays) and the
    out-parameters preallocated, byref() objects made once;
  - errors checked (a NULL handle, ClusterGroupStateUnknown) and the owner
    node decoded to a str, as the package does.

WINAPI is the C calling convention everywhere but 32-bit Windows, where it
is stdcall: _PROTOTYPE picks WINFUNCTYPE there.  Before a raw OpenClusterEx on
a thread, lib.cs_sim_bind_thread(sim_id) must have been called once on that
thread: it tells the simulator which simulated cluster raw opens go to.
"""
import ctypes
import sys

from clusapi_py._bindings import FUNCTION_IDS, lib

# WINAPI: stdcall on 32-bit Windows (WINFUNCTYPE), the C convention elsewhere.
_PROTOTYPE = ctypes.WINFUNCTYPE if sys.platform == "win32" else ctypes.CFUNCTYPE
MAXIMUM_ALLOWED = 0x02000000
GROUP_STATE_UNKNOWN = -1
NAME_CAPACITY = 257  # 255 UTF-16 code units, NUL, and one spare

_HANDLE = ctypes.c_void_p
_LPWSTR = ctypes.POINTER(ctypes.c_uint16)
_LPDWORD = ctypes.POINTER(ctypes.c_uint32)
_DWORD = ctypes.c_uint32
_BOOL = ctypes.c_int32
_STATE = ctypes.c_int  # CLUSTER_GROUP_STATE (an enum)

# name: (restype, argtypes) -- from PCLUSAPI_* in cs_clusapi_compat.h
_PROTOTYPES = {
    "OpenClusterEx": (_HANDLE, (_LPWSTR, _DWORD, _LPDWORD)),
    "CloseCluster": (_BOOL, (_HANDLE,)),
    "OpenClusterGroupEx": (_HANDLE, (_HANDLE, _LPWSTR, _DWORD, _LPDWORD)),
    "GetClusterGroupState": (_STATE, (_HANDLE, _LPWSTR, _LPDWORD)),
    "CloseClusterGroup": (_BOOL, (_HANDLE,)),
}


def wide(text):
    """A NUL-terminated UTF-16 buffer (c_uint16 array) for a name (on Linux
    ctypes' c_wchar is 32-bit, so a user converts; on Windows c_wchar_p would do)."""
    data = text.encode("utf-16-le") + b"\0\0"
    return (ctypes.c_uint16 * (len(data) // 2)).from_buffer_copy(data)


class SimClusapi:
    """ctypes prototypes bound to the simulator's entry points."""

    def __init__(self):
        for name, (restype, argtypes) in _PROTOTYPES.items():
            address = lib.cs_bench_entry_address(FUNCTION_IDS[name])
            if not address:
                raise RuntimeError("no simulator entry point for %s" % name)
            setattr(self, name, _PROTOTYPE(restype, *argtypes)(address))

    @staticmethod
    def bind_thread(sim):
        """Binds the calling thread's raw opens to a SimulatedCluster."""
        if lib.cs_sim_bind_thread(sim._id) != 0:
            raise RuntimeError("cs_sim_bind_thread failed")


def churn_loops(api, group_name):
    """The two handle-churn loops, written as a ctypes user would.  Each takes
    an iteration count and returns the seconds taken (time.perf_counter)."""
    import time

    OpenClusterEx = api.OpenClusterEx
    CloseCluster = api.CloseCluster
    OpenClusterGroupEx = api.OpenClusterGroupEx
    GetClusterGroupState = api.GetClusterGroupState
    CloseClusterGroup = api.CloseClusterGroup
    granted = ctypes.c_uint32()
    p_granted = ctypes.byref(granted)
    name = wide(group_name)
    owner = (ctypes.c_uint16 * NAME_CAPACITY)()
    owner_address = ctypes.addressof(owner)
    cch = ctypes.c_uint32()
    p_cch = ctypes.byref(cch)
    string_at = ctypes.string_at
    perf_counter = time.perf_counter

    def cycle_a(n):
        t0 = perf_counter()
        for _ in range(n):
            h = OpenClusterEx(None, MAXIMUM_ALLOWED, p_granted)
            if not h:
                raise OSError("OpenClusterEx failed")
            CloseCluster(h)
        return perf_counter() - t0

    def cycle_b(n):
        t0 = perf_counter()
        for _ in range(n):
            h = OpenClusterEx(None, MAXIMUM_ALLOWED, p_granted)
            if not h:
                raise OSError("OpenClusterEx failed")
            g = OpenClusterGroupEx(h, name, MAXIMUM_ALLOWED, p_granted)
            if not g:
                CloseCluster(h)
                raise OSError("OpenClusterGroupEx failed")
            cch.value = NAME_CAPACITY
            state = GetClusterGroupState(g, owner, p_cch)
            if state == GROUP_STATE_UNKNOWN:
                CloseClusterGroup(g)
                CloseCluster(h)
                raise OSError("GetClusterGroupState failed")
            owner_node = string_at(owner_address, cch.value * 2).decode("utf-16-le")  # noqa: F841
            CloseClusterGroup(g)
            CloseCluster(h)
        return perf_counter() - t0

    return cycle_a, cycle_b


def handle_loops(api, group_name):
    """The same two loops through the kind of small wrapper a ctypes user
    writes for a long-running agent: handle objects that close in close(),
    `with` and __del__, and errors that carry GetLastError's code -- the
    closest ctypes counterpart of the package's handle objects (which do
    more: validation, in-flight counting, exactly-once close across threads)."""
    import time

    OpenClusterEx = api.OpenClusterEx
    CloseCluster = api.CloseCluster
    OpenClusterGroupEx = api.OpenClusterGroupEx
    GetClusterGroupState = api.GetClusterGroupState
    CloseClusterGroup = api.CloseClusterGroup
    last_error = lib.cs_sim_get_last_error
    perf_counter = time.perf_counter
    owner = (ctypes.c_uint16 * NAME_CAPACITY)()
    owner_address = ctypes.addressof(owner)
    cch = ctypes.c_uint32()
    p_cch = ctypes.byref(cch)
    string_at = ctypes.string_at

    class Handle:
        __slots__ = ("_h",)
        _close = None

        def close(self):
            h = self._h
            if h:
                self._h = None
                self._close(h)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()

        def __del__(self):
            if getattr(self, "_h", None):
                self.close()

    class Group(Handle):
        __slots__ = ()
        _close = staticmethod(CloseClusterGroup)

        def status(self):
            cch.value = NAME_CAPACITY
            state = GetClusterGroupState(self._h, owner, p_cch)
            if state == GROUP_STATE_UNKNOWN:
                raise OSError(last_error(), "GetClusterGroupState failed")
            return state, string_at(owner_address, cch.value * 2).decode("utf-16-le")

    class Cluster(Handle):
        __slots__ = ()
        _close = staticmethod(CloseCluster)

        def open_group(self, name):
            granted = ctypes.c_uint32()
            g = OpenClusterGroupEx(self._h, wide(name), MAXIMUM_ALLOWED, ctypes.byref(granted))
            if not g:
                raise OSError(last_error(), "OpenClusterGroupEx failed")
            obj = Group.__new__(Group)
            obj._h = g
            return obj

    def open_cluster():
        granted = ctypes.c_uint32()
        h = OpenClusterEx(None, MAXIMUM_ALLOWED, ctypes.byref(granted))
        if not h:
            raise OSError(last_error(), "OpenClusterEx failed")
        obj = Cluster.__new__(Cluster)
        obj._h = h
        return obj

    def cycle_a(n):
        t0 = perf_counter()
        for _ in range(n):
            open_cluster().close()
        return perf_counter() - t0

    def cycle_b(n):
        t0 = perf_counter()
        for _ in range(n):
            c = open_cluster()
            g = c.open_group(group_name)
            g.status()
            g.close()
            c.close()
        return perf_counter() - t0

    return cycle_a, cycle_b


def check(api, group_name):
    """One checked cycle b: returns (state, owner node) so the caller can
    compare it with the package's answer."""
    granted = ctypes.c_uint32()
    h = api.OpenClusterEx(None, MAXIMUM_ALLOWED, ctypes.byref(granted))
    if not h:
        raise OSError("OpenClusterEx failed")
    try:
        g = api.OpenClusterGroupEx(h, wide(group_name), MAXIMUM_ALLOWED, ctypes.byref(granted))
        if not g:
            raise OSError("OpenClusterGroupEx failed")
        try:
            owner = (ctypes.c_uint16 * NAME_CAPACITY)()
            cch = ctypes.c_uint32(NAME_CAPACITY)
            state = api.GetClusterGroupState(g, owner, ctypes.byref(cch))
            return state, ctypes.string_at(ctypes.addressof(owner), cch.value * 2).decode("utf-16-le")
        finally:
            api.CloseClusterGroup(g)
    finally:
        api.CloseCluster(h)
