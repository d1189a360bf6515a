"""Thin bindings over the shim (clusapi_py._clusapi): validate input, call,
turn failures into exceptions, unpack results.  Nothing above this module
touches `lib` directly.

The extension has no annotations of its own: clusapi_py/_clusapi.pyi types
it (generated from the cdef, see tests/unit/test_typing.py), and the
functions below turn its pointers into Python values, so no cffi type
reaches a public signature.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

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
STATE_FAILED = lib.CS_STATE_FAILED

KIND_CLUSTER = lib.CS_KIND_CLUSTER
KIND_NODE = lib.CS_KIND_NODE
KIND_GROUP = lib.CS_KIND_GROUP
KIND_RESOURCE = lib.CS_KIND_RESOURCE
KIND_NETWORK = lib.CS_KIND_NETWORK
KIND_NETINTERFACE = lib.CS_KIND_NETINTERFACE
KIND_NOTIFY = lib.CS_KIND_NOTIFY
KIND_NAMES = ("cluster", "node", "group", "resource", "network", "netinterface", "enum", "notify")

FUNCTION_NAMES = tuple(ffi.string(lib.cs_function_name(i)).decode() for i in range(lib.cs_function_count()))
FUNCTION_IDS = {name: i for i, name in enumerate(FUNCTION_NAMES)}


def _format_message(code: int) -> str:
    buf = ffi.new("cs_char[]", 512)
    n = lib.cs_format_message(code, buf, 512)
    return ffi.unpack(buf, n) if n else ""


if errors.IS_WINDOWS:
    errors.set_message_source(_format_message)


def last_error(what: str = "handle") -> ValueError | errors.ClusterError:
    """The exception for the calling thread's last shim failure (code and
    function read in one call, so they always belong together)."""
    code = ffi.new("uint32_t *")
    function = ffi.string(lib.cs_last_failure(code)).decode()
    if code[0] == HANDLE_CLOSED:
        return ValueError("the %s is closed" % what)
    return errors.error_for(code[0], function)


def check(code: int, what: str = "handle") -> None:
    if code:
        raise last_error(what)


def take(result_ptr: Pointer[Result]) -> tuple[list[str], list[int]]:
    """Unpacks and frees a cs_result: (list of text fields, list of ints).

    The shim ends every field with a NUL and leaves the last one out of
    text_len, so the fields are the unpacked text split at NUL; no text at
    all means no fields.
    """
    result = result_ptr[0]
    try:
        fields = ffi.unpack(result.text, result.text_len).split("\0") if result.text != ffi.NULL else []
        ints = ffi.unpack(result.ints, result.n_ints) if result.n_ints else []
    finally:
        lib.cs_result_free(result)
    return fields, ints


def call_result(function: Callable[..., int], *args: object,
                what: str = "handle") -> tuple[list[str], list[int]]:
    """Calls a shim function that fills a cs_result; returns (fields, ints)."""
    out = ffi.new("cs_result **")
    if function(*args, out):
        raise last_error(what)
    return take(out)


def take_with_bytes(result_ptr: Pointer[Result]) -> tuple[list[str], list[int], bytes]:
    """Unpacks and frees a cs_result with its byte channel: (fields, ints, bytes),
    for the functions whose results carry bytes (property lists, structures)."""
    result = result_ptr[0]
    try:
        fields = ffi.unpack(result.text, result.text_len).split("\0") if result.text != ffi.NULL else []
        ints = ffi.unpack(result.ints, result.n_ints) if result.n_ints else []
        data = ffi.buffer(result.bytes, result.n_bytes)[:] if result.n_bytes else b""
    finally:
        lib.cs_result_free(result)
    return fields, ints, data


def call_result_with_bytes(function: Callable[..., int], *args: object,
                           what: str = "handle") -> tuple[list[str], list[int], bytes]:
    """Calls a shim function that fills a cs_result; returns (fields, ints, bytes)."""
    out = ffi.new("cs_result **")
    if function(*args, out):
        raise last_error(what)
    return take_with_bytes(out)


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
SECTION_GROUP_PROPERTIES = lib.CS_SECTION_GROUP_PROPERTIES
SECTION_RESOURCE_PROPERTIES = lib.CS_SECTION_RESOURCE_PROPERTIES
SECTION_NODE_PROPERTIES = lib.CS_SECTION_NODE_PROPERTIES
SECTION_NETWORK_PROPERTIES = lib.CS_SECTION_NETWORK_PROPERTIES
SECTION_CLUSTER_PROPERTIES = lib.CS_SECTION_CLUSTER_PROPERTIES
SNAPSHOT_PROPERTIES = lib.CS_SNAPSHOT_PROPERTIES
