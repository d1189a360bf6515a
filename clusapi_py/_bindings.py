"""Thin bindings over the shim (clusapi_py._clusapi): validate input, call,
turn failures into exceptions, unpack results.  This is the only importer
of the extension; the modules above it that call `lib` (as `_bindings.lib`)
use only the api headers their row of docs/design.md ("Who calls the api
headers") allows, as tests/unit/test_layout.py checks.

The extension has no annotations of its own: clusapi_py/_clusapi.pyi types
it (generated from the extension by `python build_clusapi.py --write-stub`), and the
functions below turn its pointers into Python values, so no cffi type
reaches a public signature.
"""
from __future__ import annotations

import _thread
import math
import threading
from typing import TYPE_CHECKING, Any, Callable

from . import errors
from ._clusapi import ffi as ffi
from ._clusapi import lib as lib
from ._version import check_build_version

if TYPE_CHECKING:   # the stub's names for cffi objects; the extension itself has no such names
    from ._clusapi import CType as CType
    from ._clusapi import Pointer as Pointer
    from ._clusapi import Result as Result

# A stale extension (built from other sources) fails here, before anything uses it.
check_build_version(ffi.string(lib.cs_build_version()).decode("ascii") if hasattr(lib, "cs_build_version") else None)

HANDLE_CLOSED = lib.CS_ERROR_HANDLE_CLOSED
# Every result is freed in a `finally` by three inline lines (no Python call
# before the free: entering a Python function is a point where a signal
# handler's exception can land, and the free would never run).
_NULL: Any = ffi.NULL          # compared with and stored into result pointers of any type
_cs_result_free = lib.cs_result_free
STATE_FAILED = lib.CS_STATE_FAILED

FUNCTION_NAMES = tuple(ffi.string(lib.cs_function_name(i)).decode() for i in range(lib.cs_function_count()))
FUNCTION_IDS = {name: i for i, name in enumerate(FUNCTION_NAMES)}


def _format_message(code: int) -> str:
    buf = ffi.new("cs_char[]", 512)
    n = lib.cs_format_message(code, buf, 512)
    return ffi.unpack(buf, n) if n else ""


if errors.IS_WINDOWS:
    errors.set_message_source(_format_message)


COND_CLOSED = lib.CS_COND_CLOSED
COND_TABLE_FULL = lib.CS_COND_TABLE_FULL
COND_CLUSTER_CLOSED = lib.CS_COND_CLUSTER_CLOSED
COND_CANCELLED = lib.CS_COND_CANCELLED
COND_STATE_VALUE = lib.CS_COND_STATE_VALUE


def last_error(what: str = "handle", name: "str | None" = None) -> Exception:
    """The exception for the calling thread's last shim failure (code,
    condition and function read in one call, so they always belong
    together).  The shim's own conditions come beside the code, so a
    backend's code is never mistaken for one.  `name`: the object the call
    was for (the error's filename)."""
    code = ffi.new("uint32_t *")
    condition = ffi.new("int *")
    function = ffi.string(lib.cs_last_failure_ex(code, condition)).decode()
    if condition[0] == COND_CLOSED:
        return ValueError("the %s is closed" % what)
    if condition[0] == COND_CANCELLED:
        return errors.ClusterError(code[0], function, "the call was cancelled (Ctrl-C)", name)
    if condition[0] == COND_CLUSTER_CLOSED:
        return ValueError("the %s's Cluster is closed: a raw handle detached now would already be invalid "
                          "(its CloseCluster would run)" % what)
    if condition[0] == COND_TABLE_FULL:
        return errors.ClusterError(
            code[0], function, "too many handles open: the token table's limit is %d; close handles that are "
            "no longer needed" % lib.cs_token_limit(), name)
    if code[0] == lib.ERROR_NOT_ENOUGH_MEMORY and lib.cs_sim_handle_table_was_full():
        # The simulator's own table (one for all its instances) filled before the shim's.
        return errors.ClusterError(
            code[0], function, "too many handles open: the simulated cluster's handle table's limit is %d; "
            "close handles that are no longer needed" % lib.cs_sim_handle_limit(), name)
    return errors.error_for(code[0], function, name=name)


def state_failure(what: str, name: "str | None") -> "Exception | None":
    """After cs_state returned CS_STATE_FAILED: the exception, or None when
    that value is the backend's own answer (reported beside it)."""
    code = ffi.new("uint32_t *")
    condition = ffi.new("int *")
    lib.cs_last_failure_ex(code, condition)
    if condition[0] == COND_STATE_VALUE:
        return None
    return last_error(what, name)


def check(code: int, what: str = "handle", name: "str | None" = None) -> None:
    if code:
        raise last_error(what, name)


def _unpack(result: Any) -> "tuple[list[str], list[int]]":
    """The text fields and ints of a cs_result.  The shim ends every field
    with a NUL and leaves the last one out of text_len, so the fields are
    the unpacked text split at NUL; no text at all means no fields."""
    fields = ffi.unpack(result.text, result.text_len).split("\0") if result.text != ffi.NULL else []
    ints = ffi.unpack(result.ints, result.n_ints) if result.n_ints else []
    return fields, ints


def take(result_ptr: Any) -> "tuple[list[str], list[int]]":
    """Unpacks and frees a cs_result: (list of text fields, list of ints)."""
    try:
        return _unpack(result_ptr[0])
    finally:
        result = result_ptr[0]          # inline: no Python call before the free
        if result != _NULL:
            result_ptr[0] = _NULL
            _cs_result_free(result)


def call_result(function: Any, *args: Any, what: str = "handle",
                name: "str | None" = None) -> "tuple[list[str], list[int]]":
    """Calls a shim function that fills a cs_result; returns (fields, ints)."""
    out = ffi.new("cs_result **")
    try:
        if function(*args, out):
            raise last_error(what, name)
        return _unpack(out[0])
    finally:
        result = out[0]                 # inline: no Python call before the free
        if result != _NULL:
            out[0] = _NULL
            _cs_result_free(result)


def unpack_with_bytes(result: Any) -> "tuple[list[str], list[int], bytes]":
    """A cs_result with its byte channel, read and left as it is: (fields, ints, bytes)."""
    fields, ints = _unpack(result)
    data = ffi.buffer(result.bytes, result.n_bytes)[:] if result.n_bytes else b""
    return fields, ints, data


def take_with_bytes(result_ptr: Any) -> "tuple[list[str], list[int], bytes]":
    """Unpacks and frees a cs_result with its byte channel: (fields, ints, bytes),
    for the functions whose results carry bytes (property lists, structures)."""
    try:
        return unpack_with_bytes(result_ptr[0])
    finally:
        result = result_ptr[0]          # inline: no Python call before the free
        if result != _NULL:
            result_ptr[0] = _NULL
            _cs_result_free(result)


def call_result_with_bytes(function: Any, *args: Any, what: str = "handle",
                           name: "str | None" = None) -> "tuple[list[str], list[int], bytes]":
    """Calls a shim function that fills a cs_result; returns (fields, ints, bytes)."""
    out = ffi.new("cs_result **")
    try:
        if function(*args, out):
            raise last_error(what, name)
        return take_with_bytes(out)
    finally:
        result = out[0]                 # inline: no Python call before the free
        if result != _NULL:
            out[0] = _NULL
            _cs_result_free(result)


def timeout_arg(timeout: "float | None") -> float:
    """A timeout in seconds as the shim takes it (-1: none)."""
    if timeout is None:
        return -1.0
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a number of seconds or None, not %s" % type(timeout).__name__)
    if math.isnan(timeout) or timeout < 0:
        raise ValueError("timeout must be >= 0 seconds")
    return -1.0 if math.isinf(timeout) else float(timeout)


_MAIN_THREAD = threading.main_thread()
_JOIN_SLICE = 0.05       # seconds: how late the waiting thread may see a pending signal


def call_limited(function: Any, *args: Any, timeout: float, waits: "Callable[[], bool]", what: str = "handle",
                 name: "str | None" = None) -> "tuple[list[str], list[int], bytes]":
    """Calls a bounded shim function, function(*args, timeout, cancel, out)
    (api/cs_limits.h); returns (fields, ints, bytes).

    On the main thread (where Python delivers signals) and when the backend
    makes real waits (waits()), the call runs on a worker thread while this
    one waits interruptibly: a Ctrl-C sets the cancel flag, the C loop stops
    at its next check (within one backend call), closes what it opened, and
    the exception goes on once the worker has finished -- the result is
    freed either way.  Elsewhere the call runs here (no signal can reach a
    thread that is not the main one), bounded by the timeout alone."""
    if threading.current_thread() is not _MAIN_THREAD or not waits():
        return call_result_with_bytes(function, *args, timeout, ffi.NULL, what=what, name=name)
    cancel = ffi.new("int32_t *")
    out = ffi.new("cs_result **")
    failure: "list[Exception | None]" = []
    # Our own "finished" lock, not Thread.join(): an exception interrupting
    # join() can leave the Thread marked stopped while it still runs.
    done = _thread.allocate_lock()
    done.acquire()

    def work() -> None:
        try:
            code = function(*args, timeout, cancel, out)
            failure.append(last_error(what, name) if code else None)   # per thread: read it here
        finally:
            done.release()

    finished = False
    try:
        _thread.start_new_thread(work, ())
        try:
            # In slices: a signal caught by another thread, or _thread.interrupt_main(),
            # does not wake a blocked wait; the slice bounds how late it is seen.
            while not done.acquire(timeout=_JOIN_SLICE):
                pass
            finished = True
        except BaseException:
            cancel[0] = 1
            while not finished:             # the loop stops at its next check
                try:
                    finished = done.acquire(timeout=_JOIN_SLICE)
                except BaseException:       # a second Ctrl-C: the first one is on its way
                    pass
            raise
        if failure and failure[0] is not None:
            raise failure[0]
        result = out[0]
        fields, ints = _unpack(result)
        return fields, ints, (ffi.buffer(result.bytes, result.n_bytes)[:] if result.n_bytes else b"")
    finally:
        result = out[0]                 # inline: no Python call before the free
        if finished and result != _NULL:
            out[0] = _NULL
            _cs_result_free(result)


# cs_snapshot's sectioned result (api/cs_snapshot.h), read by _sections.read_sections.
SECTION_CLUSTER = lib.CS_SECTION_CLUSTER
SECTION_QUORUM = lib.CS_SECTION_QUORUM
SECTION_NODES = lib.CS_SECTION_NODES
SECTION_GROUPS = lib.CS_SECTION_GROUPS
SECTION_RESOURCES = lib.CS_SECTION_RESOURCES
SECTION_NETWORKS = lib.CS_SECTION_NETWORKS
SECTION_NETINTERFACES = lib.CS_SECTION_NETINTERFACES
SECTION_RESOURCE_TYPES = lib.CS_SECTION_RESOURCE_TYPES
SECTION_GROUP_PROPERTIES = lib.CS_SECTION_GROUP_PROPERTIES
SECTION_RESOURCE_PROPERTIES = lib.CS_SECTION_RESOURCE_PROPERTIES
SECTION_NODE_PROPERTIES = lib.CS_SECTION_NODE_PROPERTIES
SECTION_NETWORK_PROPERTIES = lib.CS_SECTION_NETWORK_PROPERTIES
SECTION_CLUSTER_PROPERTIES = lib.CS_SECTION_CLUSTER_PROPERTIES
SNAPSHOT_PROPERTIES = lib.CS_SNAPSHOT_PROPERTIES
SNAPSHOT_SETTLED = lib.CS_SNAPSHOT_SETTLED
