"""docs/topology.md: a dump (Snapshot.to_json(), or `clusapi dump`) replayed as a simulated cluster.

    python examples/replay_dump.py      (writes dump-from-production.json in the current folder)
"""
import clusapi_py

# The dump: taken here from the built-in simulated cluster; on a cluster node, from the real one.
with clusapi_py.open_cluster(backend=clusapi_py.sim.SimulatedCluster()) as production:
    with open("dump-from-production.json", "w", encoding="utf-8") as f:
        f.write(production.snapshot().to_json())

from clusapi_py import sim
s = sim.SimulatedCluster("dump-from-production.json")

with clusapi_py.open_cluster(backend=s) as replayed:
    snap = replayed.snapshot()
    print(snap, [n.name for n in snap.nodes])
