"""What valgrind runs: handle churn, snapshots on both paths, and error paths."""
import gc
import sys

import clusapi_py
from clusapi_py import sim

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
s = sim.SimulatedCluster(sim.generate(nodes=4, groups=50, resources_per_group=2))
for _ in range(N):
    with clusapi_py.open_cluster(backend=s) as c:
        with c.open_group("VM00001") as g:
            g.status()
for hide in (False, True):
    for f in ("ClusterOpenEnumEx", "ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx"):
        s.hide(f, hide)
    for _ in range(20):
        with clusapi_py.open_cluster(backend=s) as c:
            c.snapshot()
            c.snapshot(settled=True)        # resource states read only where the group's does not settle them
    # properties: the bulk lists (or the per-object fallback), per-object controls, CSVs
    for _ in range(3):
        with clusapi_py.open_cluster(backend=s) as c:
            group_properties = c.snapshot(properties=True).group_properties
            assert group_properties is not None and group_properties["VM00001"]
            with c.open_resource(s.topology["resources"][0]["name"]) as r:
                r.properties(), r.private_properties(), r.resource_type, r.failure_info(), r.state_change_time
            c.shared_volumes()
s.set_properties("group", "VM00001", {"Big": b"x" * 9000})
s.add_shared_volume("Cluster Disk Witness", "C:\\ClusterStorage\\Volume1", 1000, 10)
for fn in ("ClusterGroupControl", "ClusterResourceControl", "ClusterNodeControl", "ClusterControl"):
    s.fail(fn, 5)
    try:
        with clusapi_py.open_cluster(backend=s) as c:
            c.snapshot(properties=True)
    except clusapi_py.ClusterError:
        pass
    s.fail(fn, 5, count=0)
with clusapi_py.open_cluster(backend=s) as c:
    c.open_group("VM00001").properties(), c.shared_volumes()
# error paths: every class, mid-snapshot failures, closed and forged handles
for code in (5, 5013, 1722, 127):
    for fn in ("OpenClusterEx", "GetClusterInformation", "ClusterOpenEnum", "ClusterEnum", "OpenClusterGroupEx",
               "GetClusterResourceState", "ClusterGroupEnumEx", "GetClusterQuorumResource"):
        s.fail(fn, code)
        try:
            with clusapi_py.open_cluster(backend=s) as c:
                c.name
                c.group_names()
                with c.open_group("VM00002") as g:
                    g.status()
                c.snapshot()
                c.snapshot(settled=True)
        except clusapi_py.ClusterError:
            pass
        s.fail(fn, code, count=0)
c = clusapi_py.open_cluster(backend=s)
g = c.open_group("VM00003")
c.close()
g.close()
for bad in (lambda: g.status(), lambda: c.snapshot()):
    try:
        bad()
    except ValueError:
        pass
from clusapi_py._bindings import lib
assert lib.cs_close(0x123456789) == lib.CS_ERROR_HANDLE_CLOSED
assert lib.cs_state(0xDEADBEEF00000001) == lib.CS_STATE_FAILED
s.set_group_state("VM00004", "PARTIAL_ONLINE")            # its resources read by a settled snapshot
for fn in ("GetClusterResourceState", "OpenClusterResourceEx"):
    s.fail(fn, 1722)
    try:
        with clusapi_py.open_cluster(backend=s) as c:
            c.snapshot(settled=True)
    except clusapi_py.ClusterError:
        pass
    s.fail(fn, 1722, count=0)
s.delete_after("OpenClusterGroupEx", 3, "group", "VM00010")
s.hide("ClusterGroupOpenEnumEx")
with clusapi_py.open_cluster(backend=s) as c:
    c.snapshot()
# notifications: both versions, grown buffers, overflow, a close that wakes a waiter, a live view
import threading  # noqa: E402
for version in (1, 2):
    with clusapi_py.open_cluster(backend=s) as c, c.notifications(version=version) as port:
        for i in range(200):
            s.set_group_state("VM00004", ("FAILED", "ONLINE")[i % 2])
        s.add_group("G" * 250, owner_node="HV01", id="I" * 250)
        s.delete_group("G" * 250)
        while port.get(timeout=0) is not None:
            pass
        waiter = threading.Thread(target=port.get)
        waiter.start()
        port.close()
        waiter.join()
s.notification_queue_limit = 10
with clusapi_py.open_cluster(backend=s) as c, c.live_view() as view:
    for i in range(50):
        s.set_group_state("VM00005", ("FAILED", "ONLINE")[i % 2])
    view.flush()
    view.snapshot()
# actions: the shim's calls (plain, Ex, refused), the simulator's phases, operations' waits
s.action_seconds = 0.001
with clusapi_py.open_cluster(backend=s) as c, c.open_group("VM00006") as g:
    owner = g.status().owner_node
    other = next(n for n in c.node_names() if n != owner)
    g.offline().wait(10)
    g.online(flags=clusapi_py.GroupOnlineFlags(0), instructions={"Virtual Machine": 1}).wait(10)
    try:
        g.move(other, reason="valgrind")         # the *Ex2 exports are hidden: refused, nothing called
    except clusapi_py.ClusterAPIUnavailableError:
        pass
    try:
        g.move(other).wait(10)
    except clusapi_py.ClusterError:
        pass
    with c.open_group("VM00006", clusapi_py.Access.GENERIC_READ) as ro:
        try:
            ro.offline()
        except clusapi_py.ClusterAccessDeniedError:
            pass
gc.collect()
assert all(v == 0 for v in s.open_handles().values()), s.open_handles()
del s
gc.collect()
print("workload done")
