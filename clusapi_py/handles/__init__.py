"""Pythonic handles over the shim's tokens: open_cluster() and the Cluster,
Node, Group, Resource, Network and NetInterface classes."""
from ..records import ClusterVersion, GroupStatus, Quorum, ResourceStatus
from .cluster import Cluster, open_cluster
from .objects import Group, NetInterface, Network, Node, Resource

__all__ = [
    "open_cluster", "Cluster", "Node", "Group", "Resource", "Network", "NetInterface",
    "ClusterVersion", "GroupStatus", "ResourceStatus", "Quorum",
]
