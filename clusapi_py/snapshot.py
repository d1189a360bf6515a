"""Snapshot: a whole cluster read in one shim call, and its topology form.

Snapshot.to_dict() is exactly the simulator's topology format (see
docs/topology.md), so `SimulatedCluster(snapshot.to_dict())` replays a
cluster -- a dump taken on a real cluster runs anywhere.
"""
import json
import typing

from .enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState

__all__ = ["Snapshot", "NodeInfo", "GroupInfo", "ResourceInfo", "NetworkInfo", "NetInterfaceInfo"]


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


class Snapshot:
    """One consistent reading of a cluster.

    Consistency: every owner node a group or resource names is one of
    .nodes, and every resource's group is one of .groups.  Objects created
    or deleted while the snapshot was being read may be missing; a group
    whose owner node is not among .nodes reports no owner ("").
    """

    __slots__ = ("cluster_name", "version", "quorum", "nodes", "groups", "resources", "networks",
                 "netinterfaces", "resource_types")

    def __init__(self, cluster_name, version, quorum, nodes, groups, resources, networks, netinterfaces,
                 resource_types):
        self.cluster_name = cluster_name
        self.version = version
        self.quorum = quorum
        self.nodes = tuple(nodes)
        self.groups = tuple(groups)
        self.resources = tuple(resources)
        self.networks = tuple(networks)
        self.netinterfaces = tuple(netinterfaces)
        self.resource_types = tuple(resource_types)

    @classmethod
    def _from_shim(cls, fields, ints):
        from ._handles import ClusterVersion, Quorum

        version = ClusterVersion(ints[0], ints[1], ints[2], fields[1], fields[2], ints[3], ints[4], ints[5])
        quorum = Quorum(fields[3], fields[4], ints[6])
        n_nodes, n_groups, n_resources, n_networks, n_netifs, n_restypes = ints[7:13]
        states = ints[13:]
        pos, spos = 5, 0
        nodes = []
        for _ in range(n_nodes):
            nodes.append(NodeInfo(fields[pos], fields[pos + 1], NodeState(states[spos])))
            pos += 2
            spos += 1
        node_names = {n.name.lower() for n in nodes}
        groups = []
        for _ in range(n_groups):
            owner = fields[pos + 2]
            if owner.lower() not in node_names:
                owner = ""
            groups.append(GroupInfo(fields[pos], fields[pos + 1], GroupState(states[spos]), owner))
            pos += 3
            spos += 1
        group_names = {g.name.lower() for g in groups}
        resources = []
        for _ in range(n_resources):
            owner, group = fields[pos + 2], fields[pos + 3]
            if group.lower() in group_names:
                if owner.lower() not in node_names:
                    owner = ""
                resources.append(ResourceInfo(fields[pos], fields[pos + 1], ResourceState(states[spos]), owner, group))
            pos += 4
            spos += 1
        networks = []
        for _ in range(n_networks):
            networks.append(NetworkInfo(fields[pos], fields[pos + 1], NetworkState(states[spos])))
            pos += 2
            spos += 1
        netifs = []
        for _ in range(n_netifs):
            netifs.append(NetInterfaceInfo(fields[pos], fields[pos + 1], fields[pos + 2],
                                           NetInterfaceState(states[spos])))
            pos += 3
            spos += 1
        restypes = fields[pos:pos + n_restypes]
        return cls(fields[0], version, quorum, nodes, groups, resources, networks, netifs, restypes)

    def __eq__(self, other):
        if not isinstance(other, Snapshot):
            return NotImplemented
        return all(getattr(self, a) == getattr(other, a) for a in self.__slots__)

    def __repr__(self):
        return "<Snapshot %r: %d nodes, %d groups, %d resources, %d networks, %d net interfaces>" % (
            self.cluster_name, len(self.nodes), len(self.groups), len(self.resources), len(self.networks),
            len(self.netinterfaces))

    def to_dict(self):
        """The snapshot in the simulator's topology format."""
        v = self.version
        return {
            "cluster": {
                "name": self.cluster_name,
                "version": {
                    "major": v.major, "minor": v.minor, "build": v.build, "vendor_id": v.vendor_id,
                    "csd_version": v.csd_version, "highest_version": v.highest_version,
                    "lowest_version": v.lowest_version, "flags": v.flags,
                },
            },
            "nodes": [{"name": n.name, "id": n.id, "state": n.state.name} for n in self.nodes],
            "networks": [{"name": n.name, "id": n.id, "state": n.state.name} for n in self.networks],
            "netinterfaces": [
                {"name": i.name, "node": i.node, "network": i.network, "state": i.state.name}
                for i in self.netinterfaces
            ],
            "resource_types": list(self.resource_types),
            "groups": [
                {"name": g.name, "id": g.id, "state": g.state.name, "owner_node": g.owner_node}
                for g in self.groups
            ],
            "resources": [
                {"name": r.name, "id": r.id, "state": r.state.name, "group": r.group} for r in self.resources
            ],
            "quorum": {
                "resource": self.quorum.resource_name,
                "device": self.quorum.device_name,
                "max_log_size": self.quorum.max_log_size,
            },
        }

    def to_json(self, **kwargs):
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
