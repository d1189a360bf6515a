"""Access rights and object states, with the documented values."""
from __future__ import annotations

import enum
from typing import Dict, TypeVar, Union

__all__ = ["Access", "NodeState", "GroupState", "ResourceState", "NetworkState", "NetInterfaceState"]


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
