"""The one place where a Win32 code becomes a Python exception.

ClusterError(OSError) carries .winerror (the Win32 code, on every platform),
.function (the clusapi function that failed), .filename (the name of the
object the call was for, when it has one: str(e) then ends with it) and a
message: FormatMessage's text on Windows, this module's own table elsewhere.
"""
from __future__ import annotations

import sys
from typing import Callable, Optional

__all__ = [
    "ClusterError",
    "ClusterAccessDeniedError",
    "ClusterObjectNotFoundError",
    "ClusterUnavailableError",
    "ClusterAPIUnavailableError",
    "ClusterTimeoutError",
    "error_for",
]

# Our own wording of the codes the package meets (used off Windows, and on
# Windows when FormatMessage has nothing).
MESSAGES = {
    1: "Incorrect function",
    5: "Access is denied",
    6: "The handle is invalid",
    8: "Not enough memory to complete the call",
    31: "The call failed without saying why",
    87: "The parameter is incorrect",
    122: "The data area passed is too small",
    126: "The module (DLL) could not be found",
    127: "The function is not exported by the DLL",
    183: "The object already exists",
    234: "More data is available",
    258: "The wait timed out",
    259: "No more items",
    997: "Overlapped I/O operation is in progress",
    1062: "The service has not been started",
    1460: "This operation returned because the timeout period expired",
    1722: "The RPC server is unavailable",
    1726: "The remote procedure call failed",
    1727: "The remote procedure call failed and did not execute",
    1745: "The procedure number is out of range (the cluster is too old for this call)",
    1753: "There are no more endpoints available from the endpoint mapper",
    1723: "The RPC server is too busy to complete this operation",
    1813: "The resource type could not be found",
    5004: "The cluster resource is not online",
    5006: "The cluster resource is not available",
    5007: "The cluster resource could not be found",
    5008: "The cluster is being shut down",
    5012: "The cluster group is not available",
    5013: "The cluster group could not be found",
    5036: "The cluster node is not available",
    5042: "The cluster node was not found",
    5045: "The cluster network was not found",
    5047: "The cluster network interface was not found",
    5048: "The cluster request is not valid for this object",
    5050: "The cluster node is down",
    5051: "The cluster node is not reachable",
    5052: "The cluster node is not a member of the cluster",
    5070: "The cluster node is paused",
    5072: "The cluster node is not ready",
    5073: "The cluster node is shutting down",
    5078: "The cluster resource type could not be found",
    5904: "The cluster is running an older version",
}

ACCESS_DENIED = frozenset({5})
NOT_FOUND = frozenset({1813, 5007, 5013, 5042, 5045, 5047, 5078})
UNAVAILABLE = frozenset({1062, 1722, 1723, 1726, 1727, 1753, 5008, 5036, 5050, 5051, 5052, 5072, 5073})
API_UNAVAILABLE = frozenset({126, 127, 1745})
TIMEOUT = frozenset({1460})


class ClusterError(OSError):
    """A clusapi call failed.  .winerror is the Win32 code, .function the call,
    .filename the name of the object it was for (None when it has none)."""

    winerror: int
    function: str
    message: str

    def __init__(self, winerror: int, function: str = "", message: "str | None" = None,
                 name: "str | None" = None) -> None:
        if message is None:
            message = describe(winerror)
        if name is None:
            super().__init__(winerror, message)
        else:
            super().__init__(winerror, message, name)
        self.function = function
        try:
            self.winerror = winerror
        except AttributeError:  # pragma: no cover - read-only on some builds
            pass
        self.message = message

    def __reduce__(self) -> "tuple[type, tuple[int, str, str, str | None]]":
        return (type(self), (self.winerror, self.function, self.message, self.filename))

    def __str__(self) -> str:
        where = "%s: " % self.function if self.function else ""
        named = ": %r" % (self.filename,) if self.filename is not None else ""
        return "[WinError %d] %s%s%s" % (self.winerror, where, self.message, named)


class ClusterAccessDeniedError(ClusterError, PermissionError):
    """ERROR_ACCESS_DENIED (5): the caller lacks the rights asked for."""


class ClusterObjectNotFoundError(ClusterError, LookupError):
    """A node, group, resource, network, net interface or type was not found."""


class ClusterUnavailableError(ClusterError, ConnectionError):
    """The cluster could not be reached: RPC failures, service not running, node down."""


class ClusterAPIUnavailableError(ClusterError):
    """clusapi.dll or one of its exports is missing, or the cluster is too old for the call."""


class ClusterTimeoutError(ClusterError, TimeoutError):
    """A call given a timeout did not finish in time (ERROR_TIMEOUT, 1460);
    what it had opened is closed."""


_format_message: Optional[Callable[[int], str]] = None  # the system's message source, if any


def set_message_source(format_message: Callable[[int], str] | None) -> None:
    """Makes describe() ask `format_message(code) -> str` first (FormatMessage,
    installed by _bindings on Windows); an empty answer falls back to MESSAGES."""
    global _format_message
    _format_message = format_message


def describe(code: int) -> str:
    """The message for a Win32 code: the system's text where there is one, else MESSAGES'."""
    if _format_message is not None:
        text = _format_message(code)
        if text:
            return text
    return MESSAGES.get(code, "Win32 error %d" % code)


def error_for(code: int, function: str = "", message: "str | None" = None,
              name: "str | None" = None) -> ClusterError:
    """The exception instance for a Win32 code (name: the object the call was for)."""
    cls: type[ClusterError]
    if code in TIMEOUT:
        cls = ClusterTimeoutError
    elif code in ACCESS_DENIED:
        cls = ClusterAccessDeniedError
    elif code in NOT_FOUND:
        cls = ClusterObjectNotFoundError
    elif code in UNAVAILABLE:
        cls = ClusterUnavailableError
    elif code in API_UNAVAILABLE:
        cls = ClusterAPIUnavailableError
    else:
        cls = ClusterError
    return cls(code, function, message, name)


IS_WINDOWS = sys.platform == "win32"
