"""The one place where a Win32 code becomes a Python exception.

ClusterError(OSError) carries .winerror (the Win32 code, on every platform),
.function (the clusapi function that failed), .filename (the name of the
object the call was for, when it has one: str(e) then ends with it) and a
message: FormatMessage's text on Windows, this module's own table elsewhere.
The classes of the codes an action meets also say what to do: their `advice`
ends str(e) (the message stays the system's text).
"""
from __future__ import annotations

import sys
from typing import Any, Callable, Optional

__all__ = [
    "ClusterError",
    "ClusterAccessDeniedError",
    "ClusterObjectNotFoundError",
    "ClusterUnavailableError",
    "ClusterAPIUnavailableError",
    "ClusterTimeoutError",
    "ClusterNodeUnavailableError",
    "ClusterResourceLockedError",
    "ClusterGroupQueuedError",
    "ClusterGroupBusyError",
    "ClusterInvalidStateError",
    "ClusterOperationFailedError",
    "ClusterDependencyError",
    "error_for",
]

# Our own wording of the codes the package meets (used off Windows, and on
# Windows when FormatMessage has nothing).
MESSAGES = {
    1: "Incorrect function",
    5: "Access is denied",
    6: "The handle is invalid",
    8: "Not enough memory to complete the call",
    13: "The data is invalid",
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
    1059: "Circular service dependency was specified",
    1062: "The service has not been started",
    1460: "This operation returned because the timeout period expired",
    1722: "The RPC server is unavailable",
    1726: "The remote procedure call failed",
    1727: "The remote procedure call failed and did not execute",
    1745: "The procedure number is out of range (the cluster is too old for this call)",
    1753: "There are no more endpoints available from the endpoint mapper",
    1723: "The RPC server is too busy to complete this operation",
    1813: "The resource type could not be found",
    5003: "The cluster resource dependency already exists",
    5004: "The cluster resource is not online",
    5006: "The cluster resource is not available",
    5007: "The cluster resource could not be found",
    5005: "No cluster node is available for this operation",
    5008: "The cluster is being shut down",
    5012: "The cluster group is not available",
    5013: "The cluster group could not be found",
    5019: "The operation could not be completed because the cluster resource is online",
    5023: "The group or resource is not in the state the operation needs",
    5024: "The properties were stored but not all changes will take effect until the next time the resource is "
          "brought online",
    5036: "The cluster node is not available",
    5038: "The cluster resource failed",
    5042: "The cluster node was not found",
    5045: "The cluster network was not found",
    5047: "The cluster network interface was not found",
    5048: "The cluster request is not valid for this object",
    5050: "The cluster node is down",
    5051: "The cluster node is not reachable",
    5052: "The cluster node is not a member of the cluster",
    5070: "The cluster node is paused",
    5071: "The cluster node cannot host this resource",
    5072: "The cluster node is not ready",
    5073: "The cluster node is shutting down",
    5078: "The cluster resource type could not be found",
    5904: "The cluster is running an older version",
    5908: "The cluster group is being moved",
    5944: "The cluster group is busy with another operation",
    5959: "The cluster group is queued for a move",
    5960: "A resource of the cluster group is in locked mode",
    114: "The drain target is not valid (it is the node being drained)",
    5058: "The cluster node is not paused",
    5962: "A drain of the cluster node is already in progress",
}

ACCESS_DENIED = frozenset({5})
NOT_FOUND = frozenset({1813, 5007, 5013, 5042, 5045, 5047, 5078})
# HOST_NODE_NOT_AVAILABLE, NODE_NOT_AVAILABLE, CLUSTER_NODE_DOWN, CLUSTER_NODE_PAUSED: a node
# cannot take the work (an action's destination, or the node a connection asked for).
NODE_UNAVAILABLE = frozenset({5005, 5036, 5050, 5070})
UNAVAILABLE = frozenset({1062, 1722, 1723, 1726, 1727, 1753, 5008, 5051, 5052, 5072, 5073}) | NODE_UNAVAILABLE
LOCKED = frozenset({5960})           # ERROR_CLUSTER_RESOURCE_LOCKED_STATUS
QUEUED = frozenset({5959})           # ERROR_CLUSTER_GROUP_QUEUED
BUSY = frozenset({5908, 5944})       # ERROR_CLUSTER_GROUP_MOVING, ERROR_CLUSTER_GROUP_BUSY
INVALID_STATE = frozenset({5019, 5023})    # ERROR_RESOURCE_ONLINE, ERROR_INVALID_STATE
DEPENDENCY = frozenset({1059, 5003})  # ERROR_CIRCULAR_DEPENDENCY, ERROR_DEPENDENCY_ALREADY_EXISTS
NOT_PAUSED = frozenset({5058})       # ERROR_CLUSTER_NODE_NOT_PAUSED
DRAIN_IN_PROGRESS = frozenset({5962})    # ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS
INVALID_DRAIN_TARGET = frozenset({114})  # ERROR_INVALID_TARGET_HANDLE (PauseClusterNodeEx: the node itself)
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

    advice = ""   # what to do about it, for the classes whose codes an action meets

    def __str__(self) -> str:
        where = "%s: " % self.function if self.function else ""
        named = ": %r" % (self.filename,) if self.filename is not None else ""
        advice = ". " + self.advice if self.advice else ""
        return "[WinError %d] %s%s%s%s" % (self.winerror, where, self.message, named, advice)


class ClusterAccessDeniedError(ClusterError, PermissionError):
    """ERROR_ACCESS_DENIED (5): the caller lacks the rights asked for."""


class ClusterObjectNotFoundError(ClusterError, LookupError):
    """A node, group, resource, network, net interface or type was not found."""


class ClusterUnavailableError(ClusterError, ConnectionError):
    """The cluster could not be reached: RPC failures, service not running, node down."""


class ClusterAPIUnavailableError(ClusterError):
    """clusapi.dll or one of its exports is missing, or the cluster is too old for the call."""


class _WithOutcome(ClusterError):
    """Carries .outcome (an Outcome record, or None), kept through pickling."""

    outcome: Any

    def __init__(self, winerror: int, function: str = "", message: "str | None" = None,
                 name: "str | None" = None, *, outcome: Any = None) -> None:
        super().__init__(winerror, function, message, name)
        self.outcome = outcome

    def __reduce__(self) -> "tuple[type, tuple[int, str, str, str | None], dict[str, Any]]":  # type: ignore[override]
        return (type(self), (self.winerror, self.function, self.message, self.filename), {"outcome": self.outcome})


class ClusterTimeoutError(_WithOutcome, TimeoutError):
    """A call given a timeout did not finish in time (ERROR_TIMEOUT, 1460);
    what it had opened is closed.  Raised by an operation's wait(), .outcome is
    the last state seen (the operation goes on: wait again, or cancel it);
    otherwise None."""


class ClusterNodeUnavailableError(ClusterUnavailableError):
    """The node cannot take the work: not available (5005, 5036), down (5050) or
    paused (5070).  A ClusterUnavailableError, as 5036 and 5050 always were."""

    advice = "Choose another node (or let the cluster choose), or resume or start that node and retry"


class ClusterResourceLockedError(ClusterError):
    """ERROR_CLUSTER_RESOURCE_LOCKED_STATUS (5960): a resource of the group is in locked mode."""

    advice = ("A resource is in locked mode: wait until it is unlocked, or pass the action's "
              "IGNORE_RESOURCE_STATUS flag to act anyway")


class ClusterGroupQueuedError(ClusterError):
    """ERROR_CLUSTER_GROUP_QUEUED (5959): the group is already queued for a move."""

    advice = "The group is waiting in the move queue: wait for that move to finish, or cancel it, then retry"


class ClusterGroupBusyError(ClusterError):
    """ERROR_CLUSTER_GROUP_MOVING (5908) or ERROR_CLUSTER_GROUP_BUSY (5944): another
    operation on the group is in progress."""

    advice = "Another operation on the group is in progress: wait for it to end, or cancel it, then retry"


class ClusterInvalidStateError(ClusterError):
    """ERROR_INVALID_STATE (5023): the object is not in a state that allows the call
    (a cancel with nothing to cancel, a delete of an object that is not offline)."""

    advice = "The object is not in a state that allows this: read its state, then act on what it is now"


class ClusterDependencyError(ClusterError, ValueError):
    """The cluster refused a dependency expression: ERROR_CIRCULAR_DEPENDENCY (1059),
    ERROR_DEPENDENCY_ALREADY_EXISTS (5003), or ERROR_INVALID_PARAMETER (87) from
    SetClusterResourceDependencyExpression (its grammar, a self-reference, another group's
    resource).  Nothing changed."""

    advice = "Read the resource's dependency_expression() and the providers' own dependencies"


class ClusterNoDrainDestinationError(ClusterNodeUnavailableError):
    """ERROR_CLUSTER_NODE_DOWN (5050) from a drain (Node.pause(drain=True)): no other node
    is up to take the roles (or the node itself is down).  Nothing was changed."""

    advice = "Start or resume another node first, or pause without draining"


class ClusterDrainTargetUnavailableError(ClusterNodeUnavailableError):
    """ERROR_HOST_NODE_NOT_AVAILABLE (5005) from a drain: the target node is not up."""

    advice = "Name an Up node as the target, or none (the cluster chooses per role)"


class ClusterInvalidDrainTargetError(ClusterError, ValueError):
    """ERROR_INVALID_TARGET_HANDLE (114) from a drain: the target is the node being drained."""

    advice = "Name another node as the target, or none"


class ClusterNodeDrainInProgressError(ClusterError):
    """ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS (5962): the node is being drained already.
    Node.pause(drain=True) does not raise it: it attaches to the drain under way."""

    advice = "Wait for the drain under way (Node.pause(drain=True) attaches to it)"


class ClusterNodeNotPausedError(ClusterInvalidStateError):
    """ERROR_CLUSTER_NODE_NOT_PAUSED (5058): a resume of a node that is not paused."""

    advice = "The node is not paused: read its state; there is nothing to resume"


class ClusterOperationFailedError(_WithOutcome):
    """An accepted operation (an online, offline, move, ...) ended in failure: .outcome
    says how (state, owner node, returned to the source, the events seen).  The
    winerror is the code the failure is reported with."""

    advice = "Read .outcome for the state and owner it ended in, and the cluster log for why"


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


# Code sets and their classes, the first match wins: a node code is the node class, not
# the wider "unavailable" one.
_CLASSES: "tuple[tuple[frozenset[int], type[ClusterError]], ...]" = (
    (TIMEOUT, ClusterTimeoutError),
    (ACCESS_DENIED, ClusterAccessDeniedError),
    (NOT_FOUND, ClusterObjectNotFoundError),
    (NODE_UNAVAILABLE, ClusterNodeUnavailableError),
    (LOCKED, ClusterResourceLockedError),
    (QUEUED, ClusterGroupQueuedError),
    (BUSY, ClusterGroupBusyError),
    (NOT_PAUSED, ClusterNodeNotPausedError),
    (DRAIN_IN_PROGRESS, ClusterNodeDrainInProgressError),
    (INVALID_DRAIN_TARGET, ClusterInvalidDrainTargetError),
    (INVALID_STATE, ClusterInvalidStateError),
    (DEPENDENCY, ClusterDependencyError),
    (UNAVAILABLE, ClusterUnavailableError),
    (API_UNAVAILABLE, ClusterAPIUnavailableError),
)


def error_for(code: int, function: str = "", message: "str | None" = None,
              name: "str | None" = None) -> ClusterError:
    """The exception instance for a Win32 code (name: the object the call was for)."""
    cls = next((c for codes, c in _CLASSES if code in codes), ClusterError)
    return cls(code, function, message, name)


IS_WINDOWS = sys.platform == "win32"
