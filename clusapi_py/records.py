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


class CsvVolume(typing.NamedTuple):
    """One volume of a Cluster Shared Volume (CLUS_CSV_VOLUME_INFO, sizes from
    CLUS_PARTITION_INFO_EX; None where the disk does not report them)."""

    path: str                   # e.g. C:\ClusterStorage\Volume1
    volume_name: str            # \\?\Volume{guid}\
    partition_number: int
    total_bytes: typing.Optional[int]
    free_bytes: typing.Optional[int]
    fault_state: int            # CsvFaultState
    backup_state: int           # 0 none, 1 in progress


class SharedVolume(typing.NamedTuple):
    """A Cluster Shared Volume resource: its owner node, state and volumes
    (empty while it is not online)."""

    name: str
    owner_node: str
    state: int                  # ResourceState
    volumes: typing.Tuple[CsvVolume, ...]


class CsvNodeState(typing.NamedTuple):
    """The state of a CSV on one node (from SHARED_VOLUME STATE notifications:
    CLUSTER_SHARED_VOLUME_STATE_INFO_EX)."""

    node: str
    state: int
    redirected_reason: int
    block_redirected_reason: int
