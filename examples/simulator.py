"""The README's "The simulator": every knob of a simulated cluster, run for real.

    python examples/simulator.py
"""
import clusapi_py

from clusapi_py import sim
s = sim.SimulatedCluster(topology=None)   # built-in cluster; or a dict; or a JSON file path
with s: ...                               # the process's default backend inside the block
clusapi_py.open_cluster(backend=s)        # or explicitly
s.open_handles()                          # {"cluster": 0, "node": 0, "group": 0, ...}
s.calls(function=None)                    # backend calls so far (all, or one function)
s.round_trips(function=None)              # only the calls that are RPCs in the real DLL
s.fail("OpenClusterEx", 1722, count=1)    # fault injection
s.latency = 0.0005                        # seconds per round trip, slept in C without the GIL
s.principal_rights = "read"               # "all", "read" or "none"
s.hide("ClusterGroupOpenEnumEx")          # an export missing, as on an old clusapi.dll
s.set_group_state("FS01", "FAILED"); s.move_group("FS01", "NODE1"); s.set_node_state("NODE3", "PAUSED")
s.add_node("NODE4"); s.add_group("APP", owner_node="NODE4"); s.add_resource("APP Service", "APP")
s.delete_resource("APP Service"); s.delete_group("APP"); s.delete_node("NODE4")
s.delete_after("OpenClusterGroupEx", 1, "group", "FS01")   # delete during a walk
s.notification_queue_limit = 100          # a port's queue overflows into CLUSTER_LOST_NOTIFICATIONS
s.break_connection(2.0)                   # named opens fail with 1722 for 2 s, then ports get RECONNECT
s.scenario                                # a topology's "scenario" as it runs (.applied, .errors, .stop())
sim.default_topology(); sim.generate(nodes=64, groups=8000, resources_per_group=3)

# What the knobs above do to the next calls.
try:
    clusapi_py.open_cluster(backend=s)                # the fault injected above
except clusapi_py.ClusterUnavailableError as exc:
    print("injected:", exc)
with clusapi_py.open_cluster(backend=s) as cluster:
    print("read-only access:", cluster.granted_access == clusapi_py.Access.GENERIC_READ)
    # Without ClusterGroupOpenEnumEx the snapshot opens each group (OpenClusterGroupEx): the
    # first such open deletes FS01, which the walk then skips.
    names = [g.name for g in cluster.snapshot().groups]
    print("groups:", names, "FS01 deleted during the walk:", "FS01" not in names)
print("open handles:", s.open_handles(), "round trips:", s.round_trips())
