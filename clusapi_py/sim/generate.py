"""generate(): the topology of a large, realistic cluster (for benchmarks
and stress tests).  Pure: it only builds a dict."""
from __future__ import annotations

from typing import Any

from typing import Any

__all__ = ["generate"]

MAX_NODES = 64  # a failover cluster has at most 64 nodes
MAX_GROUPS = 100_000            # far beyond any real cluster; keeps the dict within memory
MAX_RESOURCES_PER_GROUP = 100


def generate(nodes: int = 64, groups: int = 8000, resources_per_group: int = 3,
             shared_volumes: int = 0) -> dict[str, Any]:
    """The topology of a large Hyper-V style cluster: `nodes` nodes, the core
    "Cluster Group" and "Available Storage", and `groups` VM roles of
    `resources_per_group` resources each, spread evenly over the nodes; with
    `shared_volumes`, that many Cluster Shared Volumes (disks in "Available
    Storage", 1 TiB each, their free space varied)."""
    for label, value, lo in (("nodes", nodes, 1), ("groups", groups, 0), ("resources_per_group", resources_per_group, 1),
                             ("shared_volumes", shared_volumes, 0)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("%s must be an int" % label)
        if value < lo:
            raise ValueError("%s must be >= %d" % (label, lo))
    if nodes > MAX_NODES:
        raise ValueError("a failover cluster has at most 64 nodes")
    if groups > MAX_GROUPS:
        raise ValueError("groups must be <= %d" % MAX_GROUPS)
    if resources_per_group > MAX_RESOURCES_PER_GROUP:
        raise ValueError("resources_per_group must be <= %d" % MAX_RESOURCES_PER_GROUP)
    node_names = ["HV%02d" % (i + 1) for i in range(nodes)]
    topo: dict[str, Any] = {
        "cluster": {"name": "HVCLUSTER", "aliases": ["hvcluster.contoso.local"]},
        "nodes": [{"name": n, "id": str(i + 1), "state": "UP"} for i, n in enumerate(node_names)],
        "networks": [{"name": "Cluster Network 1", "state": "UP"}, {"name": "Cluster Network 2", "state": "UP"}],
        "netinterfaces": [],
        "resource_types": ["Physical Disk", "IP Address", "Network Name", "Virtual Machine",
                           "Virtual Machine Configuration", "Generic Service"],
        "groups": [
            {"name": "Cluster Group", "owner_node": node_names[0], "state": "ONLINE"},
            {"name": "Available Storage", "owner_node": node_names[0], "state": "ONLINE"},
        ],
        "resources": [
            {"name": "Cluster Name", "type": "Network Name", "group": "Cluster Group"},
            {"name": "Cluster IP Address", "type": "IP Address", "group": "Cluster Group"},
            {"name": "Cluster Disk Witness", "type": "Physical Disk", "group": "Cluster Group"},
        ],
        "quorum": {"resource": "Cluster Disk Witness", "device": "Q:\\", "max_log_size": 4194304},
    }
    for n in node_names:
        for k, net in enumerate(("Cluster Network 1", "Cluster Network 2")):
            topo["netinterfaces"].append({"name": "%s - Ethernet %d" % (n, k + 1), "node": n, "network": net})
    kinds = ["Virtual Machine", "Virtual Machine Configuration", "IP Address", "Generic Service"]
    for g in range(groups):
        vm = "VM%05d" % (g + 1)
        topo["groups"].append({"name": vm, "owner_node": node_names[g % nodes], "state": "ONLINE",
                               "preferred_owners": [node_names[g % nodes], node_names[(g + 1) % nodes]]})
        for r in range(resources_per_group):
            kind = kinds[r % len(kinds)]
            topo["resources"].append({"name": "%s %s%s" % (kind, vm, "" if r < len(kinds) else " %d" % r),
                                      "type": kind, "group": vm})
    if shared_volumes:
        topo["shared_volumes"] = []
    for v in range(shared_volumes):
        disk = "Cluster Virtual Disk (Volume%d)" % (v + 1)
        topo["resources"].append({"name": disk, "type": "Physical Disk", "group": "Available Storage"})
        total = 1 << 40
        topo["shared_volumes"].append({"resource": disk, "path": "C:\\ClusterStorage\\Volume%d" % (v + 1),
                                       "total_bytes": total, "free_bytes": total * (v % 10 + 1) // 11})
    return topo
