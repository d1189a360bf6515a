"""Changing configuration (the README's "Changing configuration"): properties, preferred
owners, dependencies, and the restart a resource's private change can need.

On a cluster node it changes the real cluster; anywhere else run it against the built-in
simulated cluster:

    CLUSAPI_PY_BACKEND=sim python examples/configure.py
"""
import clusapi_py

cluster = clusapi_py.open_cluster()

from clusapi_py import SetResult

with cluster.open_group("FS01") as group:
    result: SetResult = group.set_properties({"AutoFailbackType": 1, "Description": "file shares"})
    print(result.changed)              # {'AutoFailbackType': (0, 1), 'Description': ('', 'file shares')}
    group.set_preferred_owners(["NODE2", "NODE1"])      # most preferred first; Node handles or names
with cluster.open_resource("File Server (\\\\FS01)") as res:
    res.set_dependencies("[FS01 Name] and [Cluster Disk 4]")
with cluster.open_resource("IP Address 10.0.0.60") as ip:
    if ip.set_properties({"Address": "10.0.0.61"}, private=True).needs_restart:
        ip.restart().wait(60)          # stored; takes effect at the next online (5024)

with cluster.open_group("FS01") as group:
    assert group.preferred_owners() == ["NODE2", "NODE1"]
    print(group.properties()["AutoFailbackType"], group.preferred_owners())
cluster.close()
