"""Access rights and object states, with the documented values."""
from __future__ import annotations

import enum
from typing import Dict, TypeVar, Union

__all__ = ["Access", "NodeState", "GroupState", "ResourceState", "NetworkState", "NetInterfaceState",
           "GroupOnlineFlags", "GroupOfflineFlags", "GroupMoveFlags", "ResourceOnlineFlags",
           "ResourceOfflineFlags", "GroupStatusInformation", "NodeStatusInformation", "Failback", "NodeDrainStatus",
           "NodePauseFlags",
           "check_flags"]


class Access(enum.IntFlag):
    """What a handle may do (the dwDesiredAccess of Open*Ex)."""

    GENERIC_READ = 0x80000000
    GENERIC_ALL = 0x10000000
    MAXIMUM_ALLOWED = 0x02000000


ACCESS_MASK = int(Access.GENERIC_READ | Access.GENERIC_ALL | Access.MAXIMUM_ALLOWED)


class NodeState(enum.IntEnum):
    UNKNOWN = -1
    UP = 0
    DOWN = 1
    PAUSED = 2
    JOINING = 3


class GroupState(enum.IntEnum):
    UNKNOWN = -1
    ONLINE = 0
    OFFLINE = 1
    FAILED = 2
    PARTIAL_ONLINE = 3
    PENDING = 4


class ResourceState(enum.IntEnum):
    UNKNOWN = -1
    INHERITED = 0
    INITIALIZING = 1
    ONLINE = 2
    OFFLINE = 3
    FAILED = 4
    PENDING = 128
    ONLINE_PENDING = 129
    OFFLINE_PENDING = 130


class NetworkState(enum.IntEnum):
    UNKNOWN = -1
    UNAVAILABLE = 0
    DOWN = 1
    PARTITIONED = 2
    UP = 3


class NetInterfaceState(enum.IntEnum):
    UNKNOWN = -1
    UNAVAILABLE = 0
    FAILED = 1
    UNREACHABLE = 2
    UP = 3


_E = TypeVar("_E", bound=enum.IntEnum)


class _StateTable(Dict[int, Union[_E, int]]):
    """value -> member; a value the enum does not know (a newer cluster's
    state, say) maps to itself, a plain int, instead of failing the read."""

    def __missing__(self, value: int) -> int:
        return value


def state_table(enum_cls: type[_E]) -> dict[int, _E | int]:
    """{value: member} of a state enum; an unknown value looks up as itself (a plain int)."""
    return _StateTable((m.value, m) for m in enum_cls)


def state_name(state: enum.Enum | int) -> str | int:
    """A state's name for the topology format: the member name, or the int."""
    return state.name if isinstance(state, enum.Enum) else int(state)


def coerce_state(enum_cls: type[_E], value: _E | int | str) -> _E:
    """An int, or a member / member name of enum_cls (case-insensitive), as a member."""
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, bool):
        raise TypeError("a %s cannot be a bool" % enum_cls.__name__)
    if isinstance(value, int):
        try:
            return enum_cls(value)
        except ValueError:
            raise ValueError("%r is not a %s value" % (value, enum_cls.__name__)) from None
    if isinstance(value, str):
        try:
            return enum_cls[value.strip().upper().replace(" ", "_").replace("-", "_")]
        except KeyError:
            names = ", ".join(m.name for m in enum_cls)
            raise ValueError("%r is not a %s (one of %s)" % (value, enum_cls.__name__, names)) from None
    raise TypeError("a %s must be a name or an int, not %s" % (enum_cls.__name__, type(value).__name__))


class CsvFaultState(enum.IntFlag):
    """CLUS_CSV_VOLUME_INFO.FaultState of a Cluster Shared Volume (0: healthy)."""

    NO_DIRECT_IO = 0x1          # I/O redirected through the coordinator node
    NO_ACCESS = 0x2
    IN_MAINTENANCE = 0x4
    DISMOUNTED = 0x8


# ---- the flags of the actions' *Ex calls (ClusApi.h values) -----------------------------
class GroupOnlineFlags(enum.IntFlag):
    """dwOnlineFlags of OnlineClusterGroupEx (CLUSAPI_GROUP_ONLINE_*)."""

    IGNORE_RESOURCE_STATUS = 0x1   # bring it online even when a resource is in locked mode
    SYNCHRONOUS = 0x2              # 2016+: the call returns once the group is online (0, not 997)
    BEST_POSSIBLE_NODE = 0x4       # 2016+
    IGNORE_AFFINITY_RULE = 0x8


class GroupOfflineFlags(enum.IntFlag):
    """dwOfflineFlags of OfflineClusterGroupEx (MS-CMRP: 0x1 or zero)."""

    IGNORE_RESOURCE_STATUS = 0x1


class GroupMoveFlags(enum.IntFlag):
    """dwMoveFlags of MoveClusterGroupEx (CLUSAPI_GROUP_MOVE_*).  IGNORE_RESOURCE_STATUS
    together with QUEUE_ENABLED is refused by the server (87): check_flags refuses it first."""

    IGNORE_RESOURCE_STATUS = 0x1
    RETURN_TO_SOURCE_NODE_ON_ERROR = 0x2
    QUEUE_ENABLED = 0x4
    HIGH_PRIORITY_START = 0x8
    FAILBACK = 0x10                # documented as reserved; MS-CMRP: fail back if the move fails
    IGNORE_AFFINITY_RULE = 0x20


class ResourceOnlineFlags(enum.IntFlag):
    """dwOnlineFlags of OnlineClusterResourceEx (CLUSAPI_RESOURCE_ONLINE_*)."""

    IGNORE_RESOURCE_STATUS = 0x1
    DO_NOT_UPDATE_PERSISTENT_STATE = 0x2
    NECESSARY_FOR_QUORUM = 0x4
    BEST_POSSIBLE_NODE = 0x8
    IGNORE_AFFINITY_RULE = 0x20


class ResourceOfflineFlags(enum.IntFlag):
    """dwOfflineFlags of OfflineClusterResourceEx (CLUSAPI_RESOURCE_OFFLINE_*).  The header's
    CLUSAPI_RESOURCE_OFFLINE_REASON_* values are what the resource host passes to resource
    DLLs, not client flags (the docs page lists them here; the header comment does not)."""

    IGNORE_RESOURCE_STATUS = 0x1
    FORCE_WITH_TERMINATION = 0x2
    DO_NOT_UPDATE_PERSISTENT_STATE = 0x4


class Failback(enum.IntEnum):
    """ResumeClusterNodeEx's failback (CLUSTER_NODE_RESUME_FAILBACK_TYPE)."""

    NONE = 0            # DoNotFailbackGroups
    IMMEDIATE = 1       # FailbackGroupsImmediately
    POLICY = 2          # FailbackGroupsPerPolicy: each group's AutoFailbackType and failback window


class NodeDrainStatus(enum.IntEnum):
    """A node's NodeDrainStatus (CLUSTER_NODE_DRAIN_STATUS, a read-only common property)."""

    NOT_INITIATED = 0
    IN_PROGRESS = 1
    COMPLETED = 2
    FAILED = 3


class NodePauseFlags(enum.IntFlag):
    """dwPauseFlags of PauseClusterNodeEx (CLUSAPI_NODE_PAUSE_*; only with a drain)."""

    REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR = 0x1
    AVOID_PLACEMENT = 0x2
    RETRY_DRAIN_ON_FAILURE = 0x4


class GroupStatusInformation(enum.IntFlag):
    """The bits of a group's StatusInformation (CLUSGRP_STATUS_*, a read-only common property)."""

    LOCKED_MODE = 0x1
    PREEMPTED = 0x2
    WAITING_IN_QUEUE_FOR_MOVE = 0x4
    PHYSICAL_RESOURCES_LACKING = 0x8
    WAITING_TO_START = 0x10
    EMBEDDED_FAILURE = 0x20
    OFFLINE_DUE_TO_ANTIAFFINITY_CONFLICT = 0x40
    NETWORK_FAILURE = 0x80
    UNMONITORED = 0x100
    OS_HEARTBEAT = 0x200
    APPLICATION_READY = 0x400
    OFFLINE_NOT_LOCAL_DISK_OWNER = 0x800
    WAITING_FOR_DEPENDENCIES = 0x1000


class NodeStatusInformation(enum.IntFlag):
    """The bits of a node's StatusInformation (CLUSTER_NODE_STATUS, ClusApi.h, Windows
    Server 2016 and later; a read-only common property, ULARGE_INTEGER)."""

    ISOLATED = 0x1
    QUARANTINED = 0x2
    DRAIN_IN_PROGRESS = 0x4
    DRAIN_COMPLETED = 0x8
    DRAIN_FAILED = 0x10
    AVOID_PLACEMENT = 0x20


_F = TypeVar("_F", bound=enum.IntFlag)


def check_flags(flag_cls: type[_F], value: object) -> _F:
    """`value` as a member of flag_cls, checked before any call is made.

    TypeError: not an int (a bool, a str, another flag type's member);
    ValueError: a bit flag_cls does not define, or a combination the server
    refuses with ERROR_INVALID_PARAMETER (87): IGNORE_RESOURCE_STATUS together
    with QUEUE_ENABLED on a move."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be a %s (or an int of its bits), not %s"
                        % (flag_cls.__name__, flag_cls.__name__, type(value).__name__))
    if isinstance(value, enum.Enum) and not isinstance(value, flag_cls):
        raise TypeError("a %s was given where a %s is expected" % (type(value).__name__, flag_cls.__name__))
    known = 0
    for member in flag_cls:
        known |= member.value
    unknown = int(value) & ~known
    if int(value) < 0 or unknown:
        raise ValueError("%s has no bit %#x (it defines %#x)"
                         % (flag_cls.__name__, unknown if int(value) >= 0 else int(value), known))
    flags = flag_cls(int(value))
    if flag_cls is GroupMoveFlags:
        both = int(GroupMoveFlags.IGNORE_RESOURCE_STATUS | GroupMoveFlags.QUEUE_ENABLED)
        if int(flags) & both == both:
            raise ValueError("GroupMoveFlags.IGNORE_RESOURCE_STATUS cannot be combined with QUEUE_ENABLED: "
                             "the cluster refuses it with ERROR_INVALID_PARAMETER (87); drop one of them")
    return flags
