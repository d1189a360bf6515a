"""Thin bindings over the shim (clusapi_py._clusapi): validate input, call,
turn failures into exceptions, unpack results.  Nothing above this module
touches `lib` directly.
"""
from . import errors
from ._clusapi import ffi, lib
from ._version import check_build_version

# A stale extension (built from other sources) fails here, before anything uses it.
check_build_version(ffi.string(lib.cs_build_version()).decode("ascii") if hasattr(lib, "cs_build_version") else None)
from .enums import ACCESS_MASK

HANDLE_CLOSED = lib.CS_ERROR_HANDLE_CLOSED
BUSY = 170  # ERROR_BUSY: cs_detach on a handle that is in use
STATE_FAILED = lib.CS_STATE_FAILED
MAX_NAME = 255  # UTF-16 code units, as Windows counts them

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
    errors._format_message = _format_message


def last_error(what="handle"):
    """The exception for the calling thread's last shim failure (code and
    function read in one call, so they always belong together)."""
    code = ffi.new("uint32_t *")
    function = ffi.string(lib.cs_last_failure(code)).decode()
    if code[0] == HANDLE_CLOSED:
        return ValueError("the %s is closed" % what)
    return errors.error_for(code[0], function)


def check(code, what="handle"):
    if code:
        raise last_error(what)


def utf16_len(text):
    n = len(text)
    if not text.isascii():
        n += sum(1 for ch in text if ord(ch) > 0xFFFF)
    return n


def name_arg(name, what="name"):
    """A name as the shim takes it; ValueError/TypeError before any backend call."""
    if not isinstance(name, str):
        raise TypeError("%s must be a str, not %s" % (what, type(name).__name__))
    if not name:
        raise ValueError("%s must not be empty" % what)
    if "\0" in name:
        raise ValueError("%s must not contain NUL characters" % what)
    if utf16_len(name) > MAX_NAME:
        raise ValueError("%s is longer than %d UTF-16 characters" % (what, MAX_NAME))
    if not name.isascii():
        # A lone surrogate cannot be sent as UTF-16: refuse it rather than let
        # the conversion mangle it.
        try:
            name.encode("utf-16-le")
        except UnicodeEncodeError:
            raise ValueError("%s contains a lone surrogate, which is not valid UTF-16" % what) from None
    return name


def access_arg(access):
    if isinstance(access, bool) or not isinstance(access, int):
        raise TypeError("access must be an Access flag or an int, not %s" % type(access).__name__)
    value = int(access)
    if value == 0:
        raise ValueError("access must not be 0: ask for GENERIC_READ, GENERIC_ALL or MAXIMUM_ALLOWED")
    if value < 0 or value & ~ACCESS_MASK:
        raise ValueError("access %#x has bits other than GENERIC_READ, GENERIC_ALL and MAXIMUM_ALLOWED" % value)
    return value


def take(result_ptr):
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


def call_result(function, *args, what="handle"):
    """Calls a shim function that fills a cs_result; returns (fields, ints)."""
    out = ffi.new("cs_result **")
    if function(*args, out):
        raise last_error(what)
    return take(out)


def take_with_bytes(result_ptr):
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


def call_result_with_bytes(function, *args, what="handle"):
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
