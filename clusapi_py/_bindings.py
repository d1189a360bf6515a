"""Thin bindings over the shim (clusapi_py._clusapi): validate input, call,
turn failures into exceptions, unpack results.  Nothing above this module
touches `lib` directly.
"""
from typing import Any

from . import errors
from ._clusapi import ffi, lib
from ._version import check_build_version

# A stale extension (built from other sources) fails here, before anything uses it.
check_build_version(ffi.string(lib.cs_build_version()).decode("ascii") if hasattr(lib, "cs_build_version") else None)

HANDLE_CLOSED = lib.CS_ERROR_HANDLE_CLOSED
STATE_FAILED = lib.CS_STATE_FAILED

KIND_CLUSTER = lib.CS_KIND_CLUSTER
KIND_NODE = lib.CS_KIND_NODE
KIND_GROUP = lib.CS_KIND_GROUP
KIND_RESOURCE = lib.CS_KIND_RESOURCE
KIND_NETWORK = lib.CS_KIND_NETWORK
KIND_NETINTERFACE = lib.CS_KIND_NETINTERFACE
KIND_NAMES = ("cluster", "node", "group", "resource", "network", "netinterface", "enum")

FUNCTION_NAMES = tuple(ffi.string(lib.cs_function_name(i)).decode() for i in range(lib.cs_function_count()))
FUNCTION_IDS = {name: i for i, name in enumerate(FUNCTION_NAMES)}


def _format_message(code):
    buf = ffi.new("cs_char[]", 512)
    n = lib.cs_format_message(code, buf, 512)
    return ffi.unpack(buf, n) if n else ""


if errors.IS_WINDOWS:
    errors.set_message_source(_format_message)


COND_CLOSED = lib.CS_COND_CLOSED
COND_TABLE_FULL = lib.CS_COND_TABLE_FULL
COND_CLUSTER_CLOSED = lib.CS_COND_CLUSTER_CLOSED


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
    if condition[0] == COND_CLUSTER_CLOSED:
        return ValueError("the %s's Cluster is closed: a raw handle detached now would already be invalid "
                          "(its CloseCluster would run)" % what)
    if condition[0] == COND_TABLE_FULL:
        return errors.ClusterError(
            code[0], function, "too many handles open: the token table's limit is %d; close handles that are "
            "no longer needed" % lib.cs_token_limit(), name)
    return errors.error_for(code[0], function, name=name)


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


def _release(out: Any) -> None:
    """Frees the result in *out, if any, and forgets it.  Called from a
    `finally`: an exception from a signal handler arriving anywhere after
    the shim call returned still frees it (nothing between the check and
    the free can run a signal handler: no call returns in between)."""
    result = out[0]
    if result != ffi.NULL:
        out[0] = ffi.NULL
        lib.cs_result_free(result)


def take(result_ptr: Any) -> "tuple[list[str], list[int]]":
    """Unpacks and frees a cs_result: (list of text fields, list of ints)."""
    try:
        return _unpack(result_ptr[0])
    finally:
        _release(result_ptr)


def call_result(function: Any, *args: Any, what: str = "handle",
                name: "str | None" = None) -> "tuple[list[str], list[int]]":
    """Calls a shim function that fills a cs_result; returns (fields, ints)."""
    out = ffi.new("cs_result **")
    try:
        if function(*args, out):
            raise last_error(what, name)
        return _unpack(out[0])
    finally:
        _release(out)


def take_with_bytes(result_ptr: Any) -> "tuple[list[str], list[int], bytes]":
    """Unpacks and frees a cs_result with its byte channel: (fields, ints, bytes),
    for the functions whose results carry bytes (property lists, structures)."""
    try:
        result = result_ptr[0]
        fields, ints = _unpack(result)
        data = ffi.buffer(result.bytes, result.n_bytes)[:] if result.n_bytes else b""
        return fields, ints, data
    finally:
        _release(result_ptr)


def call_result_with_bytes(function: Any, *args: Any, what: str = "handle",
                           name: "str | None" = None) -> "tuple[list[str], list[int], bytes]":
    """Calls a shim function that fills a cs_result; returns (fields, ints, bytes)."""
    out = ffi.new("cs_result **")
    try:
        if function(*args, out):
            raise last_error(what, name)
        return take_with_bytes(out)
    finally:
        _release(out)


# cs_snapshot's sectioned result (api/cs_snapshot.h), read by _sections.read_sections.
SNAPSHOT_FORMAT = lib.CS_SNAPSHOT_FORMAT
SECTION_CLUSTER = lib.CS_SECTION_CLUSTER
SECTION_QUORUM = lib.CS_SECTION_QUORUM
SECTION_NODES = lib.CS_SECTION_NODES
SECTION_GROUPS = lib.CS_SECTION_GROUPS
SECTION_RESOURCES = lib.CS_SECTION_RESOURCES
SECTION_NETWORKS = lib.CS_SECTION_NETWORKS
SECTION_NETINTERFACES = lib.CS_SECTION_NETINTERFACES
SECTION_RESOURCE_TYPES = lib.CS_SECTION_RESOURCE_TYPES
