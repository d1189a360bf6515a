"""clusapi_py: Python bindings for the Windows Failover Cluster API (ClusAPI.dll).

    import clusapi_py
    with clusapi_py.open_cluster() as cluster:
        print(cluster.name, cluster.version)

Where there is no clusapi.dll, use the built-in simulated cluster
(clusapi_py.sim.SimulatedCluster, or CLUSAPI_PY_BACKEND=sim).
"""
from . import properties, sim
from ._version import __version__
from .backends import SYSTEM, Backend, SystemBackend, default_backend
from .enums import (
    Access, CsvFaultState, Failback, GroupMoveFlags, GroupOfflineFlags, GroupOnlineFlags, GroupState,
    NetInterfaceState, NetworkState, NodeDrainStatus, NodeState, NodeStatusInformation, ResourceOfflineFlags,
    ResourceOnlineFlags, ResourceState,
)
from .actions.operation import Operation
from .actions import node_ops as _node_ops  # noqa: F401  (registers Node.pause / Node.resume)
from .events import ClusterEvent, EventKind, LiveView, NotificationPort
from .errors import (
    ClusterAccessDeniedError, ClusterAPIUnavailableError, ClusterError, ClusterGroupBusyError,
    ClusterGroupQueuedError, ClusterInvalidStateError, ClusterNodeUnavailableError, ClusterObjectNotFoundError,
    ClusterOperationFailedError, ClusterResourceLockedError, ClusterTimeoutError, ClusterUnavailableError,
    ClusterDependencyError, ClusterDrainTargetUnavailableError, ClusterInvalidDrainTargetError,
    ClusterNoDrainDestinationError, ClusterNodeDrainInProgressError, ClusterNodeNotPausedError,
)
from .handles import Cluster, Group, NetInterface, Network, Node, Resource, open_cluster
from .records import (
    ClusterVersion, DrainStatus, GroupInfo, GroupStatus, NetInterfaceInfo, NetworkInfo, NodeInfo, Outcome, Quorum,
    ResourceInfo, ResourceStatus, CsvNodeState, CsvVolume, FailureInfo, SetResult, SharedVolume,
)
from .properties import Property
from .snapshot import Snapshot

__all__ = [
    "open_cluster", "Cluster", "Operation", "Node", "Group", "Resource", "Network", "NetInterface",
    "ClusterVersion", "GroupStatus", "ResourceStatus", "Quorum",
    "Snapshot", "NodeInfo", "GroupInfo", "ResourceInfo", "NetworkInfo", "NetInterfaceInfo",
    "Access", "NodeState", "GroupState", "ResourceState", "NetworkState", "NetInterfaceState",
    "ClusterError", "ClusterAccessDeniedError", "ClusterObjectNotFoundError", "ClusterUnavailableError",
    "ClusterAPIUnavailableError", "ClusterTimeoutError",
    "ClusterNodeUnavailableError", "ClusterResourceLockedError", "ClusterGroupQueuedError", "ClusterGroupBusyError",
    "ClusterInvalidStateError", "ClusterOperationFailedError", "Outcome", "ClusterDependencyError",
    "GroupOnlineFlags", "GroupOfflineFlags", "GroupMoveFlags", "ResourceOnlineFlags", "ResourceOfflineFlags",
    "Backend", "SystemBackend", "SYSTEM", "default_backend", "sim",
    "EventKind", "ClusterEvent", "NotificationPort", "LiveView",
    "properties", "Property", "FailureInfo", "SharedVolume", "CsvVolume", "CsvFaultState", "CsvNodeState",
    "SetResult",
    "Failback", "NodeDrainStatus", "NodeStatusInformation", "DrainStatus", "ClusterNoDrainDestinationError",
    "ClusterDrainTargetUnavailableError", "ClusterInvalidDrainTargetError", "ClusterNodeDrainInProgressError",
    "ClusterNodeNotPausedError",
]
