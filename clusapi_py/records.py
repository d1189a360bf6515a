"""Every result record the package returns, in one module that imports
nothing of the package but `enums`: the handles, the snapshot and the
simulator all build these, so none of them has to import another for them.
"""
import typing

from .enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState

__all__ = [
    "ClusterVersion", "GroupStatus", "ResourceStatus", "Quorum",
    "NodeInfo", "GroupInfo", "ResourceInfo", "NetworkInfo", "NetInterfaceInfo",
]


# ---- what the handles return ------------------------------------------------------------
class ClusterVersion(typing.NamedTuple):
    major: int
    minor: int
    build: int
    vendor_id: str
    csd_version: str
    highest_version: int
    lowest_version: int
    flags: int


class GroupStatus(typing.NamedTuple):
    state: GroupState
    owner_node: str


class ResourceStatus(typing.NamedTuple):
    state: ResourceState
    owner_node: str
    group_name: str


class Quorum(typing.NamedTuple):
    resource_name: str
    device_name: str
    max_log_size: int


# ---- the rows of a Snapshot -------------------------------------------------------------
class NodeInfo(typing.NamedTuple):
    name: str
    id: str
    state: NodeState


class GroupInfo(typing.NamedTuple):
    name: str
    id: str
    state: GroupState
    owner_node: str


class ResourceInfo(typing.NamedTuple):
    name: str
    id: str
    state: ResourceState
    owner_node: str
    group: str


class NetworkInfo(typing.NamedTuple):
    name: str
    id: str
    state: NetworkState


class NetInterfaceInfo(typing.NamedTuple):
    name: str
    node: str
    network: str
    state: NetInterfaceState


class FailureInfo(typing.NamedTuple):
    """GET_FAILURE_INFO of a resource (restarts) or a group (failovers): the
    attempts that remain and the seconds left in the current period."""

    attempts_remaining: int
    period_remaining: int
