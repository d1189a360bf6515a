"""Every result record the package returns, in one module that imports
nothing of the package but `enums`: the handles, the snapshot and the
simulator all build these, so none of them has to import another for them.

A state is `XState | int`: a value the enum does not know (a newer
Windows's state) comes back as the plain int rather than failing the read.
The fields are written with typing.Union, not `|`: a NamedTuple's
annotations are evaluated at class creation, and Python 3.9 has no `|`.
"""
import typing
from typing import List, Optional, Tuple, Union

from .enums import GroupState, NetInterfaceState, NetworkState, NodeDrainStatus, NodeState, ResourceState

__all__ = [
    "ClusterVersion", "GroupStatus", "ResourceStatus", "Quorum", "Outcome", "DrainStatus",
    "NodeInfo", "GroupInfo", "ResourceInfo", "NetworkInfo", "NetInterfaceInfo",
    "NodeStatus", "node_status_from", "TopologyDict", "SetResult",
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


class DrainStatus(typing.NamedTuple):
    """A node's drain (Node.drain_status()): status, the NodeDrainStatus member (or a
    plain int a newer Windows may report); target, the node the roles go to (None: the
    cluster's choice, or no drain); error, the drain's DrainErrorCode where the node
    reports one (None where it does not: before Windows Server 2022)."""

    status: Union[NodeDrainStatus, int]
    target: Optional[str]
    error: Optional[int]


class GroupStatus(typing.NamedTuple):
    state: Union[GroupState, int]
    owner_node: str


class ResourceStatus(typing.NamedTuple):
    state: Union[ResourceState, int]
    owner_node: str
    group_name: str


class Quorum(typing.NamedTuple):
    resource_name: str
    device_name: str
    max_log_size: int


class Outcome(typing.NamedTuple):
    """How an action ended (or stood, when the wait timed out).

    ok: it completed as asked; state: the object's last state seen; owner_node:
    its owner then (None when not known); queued: the group was still waiting
    in the move queue (StatusInformation 0x4); returned_to_source: a move
    failed and the group went back to the source node; elapsed: seconds from
    the action call to this outcome; events: the notifications seen, in order;
    roles: for a node's drain that failed, the roles (groups) still on the node."""

    ok: bool
    state: Union[GroupState, ResourceState, NodeState, int]
    owner_node: Optional[str]
    queued: bool
    returned_to_source: bool
    elapsed: float
    events: Tuple[object, ...] = ()
    roles: Tuple[str, ...] = ()


# ---- the rows of a Snapshot -------------------------------------------------------------
class NodeInfo(typing.NamedTuple):
    name: str
    id: str
    state: Union[NodeState, int]


class NodeStatus(typing.NamedTuple):
    """What the maintenance rules read of a node, from its read-only common
    properties: NodeDrainStatus (0 not initiated, 1 in progress, 2 completed,
    3 failed: CLUSTER_NODE_DRAIN_STATUS), StatusInformation (CLUSTER_NODE_STATUS
    bits: enums.NodeStatusInformation), NodeHighestVersion / NodeLowestVersion;
    None where the node does not report it.  drain_started: time.time() when a
    drain was first seen in progress (None: not draining, or not known)."""

    drain_status: Optional[int] = None
    status_information: Optional[int] = None
    highest_version: Optional[int] = None
    lowest_version: Optional[int] = None
    drain_started: Optional[float] = None


def _int_or_none(value: object) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def node_status_from(values: typing.Mapping[str, object], before: "NodeStatus | None" = None) -> NodeStatus:
    """A NodeStatus from a node's properties ({name: value}: a whole read-only
    list, or the changed values a property event carries): the names absent
    (or not numbers) keep their value in `before`."""
    old = before if before is not None else NodeStatus()
    got = {k.lower(): _int_or_none(v) for k, v in values.items()}

    def pick(name: str, current: Optional[int]) -> Optional[int]:
        value = got.get(name.lower())
        return current if value is None else value
    return NodeStatus(pick("NodeDrainStatus", old.drain_status), pick("StatusInformation", old.status_information),
                      pick("NodeHighestVersion", old.highest_version), pick("NodeLowestVersion", old.lowest_version),
                      old.drain_started)


class GroupInfo(typing.NamedTuple):
    name: str
    id: str
    state: Union[GroupState, int]
    owner_node: str


class ResourceInfo(typing.NamedTuple):
    name: str
    id: str
    state: Union[ResourceState, int]
    owner_node: str
    group: str


class NetworkInfo(typing.NamedTuple):
    name: str
    id: str
    state: Union[NetworkState, int]


class NetInterfaceInfo(typing.NamedTuple):
    name: str
    node: str
    network: str
    state: Union[NetInterfaceState, int]


class SetResult(typing.NamedTuple):
    """What set_properties() did: `stored` (False for validate_only, or when
    nothing was given), `needs_restart` (the cluster answered 5024,
    ERROR_RESOURCE_PROPERTIES_STORED: stored, effective at the resource's
    next online) and `changed`: {name: (old value, new value)} for every
    value that differs from the one read before the write."""

    stored: bool
    needs_restart: bool
    changed: typing.Dict[str, Tuple[typing.Any, typing.Any]]


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
    label: str = ""             # the file system's volume label (CLUS_PARTITION_INFO_EX.szVolumeLabel)


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


# ---- Snapshot.to_dict(): the topology format (docs/topology.md) as a snapshot fills it ----------
# A state is its member's name, or the int a newer Windows reported.  What a snapshot does not
# read (aliases, resource types of resources, owners' lists, dependencies, net-interface ids) is
# absent; normalize_topology() fills it in.
class VersionDict(typing.TypedDict):
    major: int
    minor: int
    build: int
    vendor_id: str
    csd_version: str
    highest_version: int
    lowest_version: int
    flags: int


class _ClusterKeys(typing.TypedDict):
    name: str
    version: VersionDict


class _NodeKeys(typing.TypedDict):
    name: str
    id: str
    state: Union[str, int]


class _NetworkKeys(typing.TypedDict):
    name: str
    id: str
    state: Union[str, int]


class NetInterfaceDict(typing.TypedDict):
    name: str
    node: str
    network: str
    state: Union[str, int]


class _GroupKeys(typing.TypedDict):
    name: str
    id: str
    state: Union[str, int]
    owner_node: str


class _ResourceKeys(typing.TypedDict):
    name: str
    id: str
    state: Union[str, int]
    group: str


# Keys a snapshot taken with properties=True adds (JSON forms: properties.values.to_json).
class ClusterDict(_ClusterKeys, total=False):
    properties: typing.Dict[str, typing.Any]


class NodeDict(_NodeKeys, total=False):
    properties: typing.Dict[str, typing.Any]


class NetworkDict(_NetworkKeys, total=False):
    properties: typing.Dict[str, typing.Any]


class GroupDict(_GroupKeys, total=False):
    properties: typing.Dict[str, typing.Any]


class ResourceDict(_ResourceKeys, total=False):
    type: str
    properties: typing.Dict[str, typing.Any]


class QuorumDict(typing.TypedDict):
    resource: str
    device: str
    max_log_size: int


class TopologyDict(typing.TypedDict):
    cluster: ClusterDict
    nodes: List[NodeDict]
    networks: List[NetworkDict]
    netinterfaces: List[NetInterfaceDict]
    resource_types: List[str]
    groups: List[GroupDict]
    resources: List[ResourceDict]
    quorum: QuorumDict
