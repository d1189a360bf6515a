"""The simulated cluster: a backend written in C inside the extension that
answers the same clusapi calls as clusapi.dll, over an in-memory cluster.

    from clusapi_py import sim
    s = sim.SimulatedCluster()        # the built-in three-node cluster
    with s:                           # default backend inside the block
        with clusapi_py.open_cluster() as c: ...

The topology format is documented in docs/topology.md; it is also what
Snapshot.to_dict() produces.
"""
from .cluster import SimulatedCluster
from .generate import generate
from .topology import default_topology, normalize_topology

__all__ = ["SimulatedCluster", "default_topology", "generate", "normalize_topology"]
