"""clusapi_py: Python bindings for the Windows Failover Cluster API (ClusAPI.dll).

    import clusapi_py
    with clusapi_py.open_cluster() as cluster:
        print(cluster.name, cluster.version)

Where there is no clusapi.dll, use the built-in simulated cluster
(clusapi_py.sim.SimulatedCluster, or CLUSAPI_PY_BACKEND=sim).
"""
from ._handles import (
    Cluster, ClusterVersion, GroupStatus, Group, NetInterface, Network, Node, Quorum, Resource, ResourceStatus,
    open_cluster,
)
from .backends import SYSTEM, Backend, SystemBackend, default_backend
from .enums import Access, GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState
from .errors import (
    ClusterAccessDeniedError, ClusterAPIUnavailableError, ClusterError, ClusterObjectNotFoundError,
    ClusterUnavailableError,
)
from .snapshot import GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, ResourceInfo, Snapshot
from . import sim

__version__ = "0.1.0"

__all__ = [
    "open_cluster", "Cluster", "Node", "Group", "Resource", "Network", "NetInterface",
    "ClusterVersion", "GroupStatus", "ResourceStatus", "Quorum",
    "Snapshot", "NodeInfo", "GroupInfo", "ResourceInfo", "NetworkInfo", "NetInterfaceInfo",
    "Access", "NodeState", "GroupState", "ResourceState", "NetworkState", "NetInterfaceState",
    "ClusterError", "ClusterAccessDeniedError", "ClusterObjectNotFoundError", "ClusterUnavailableError",
    "ClusterAPIUnavailableError",
    "Backend", "SystemBackend", "SYSTEM", "default_backend", "sim",
]
