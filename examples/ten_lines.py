"""The README's "Ten lines": open the cluster, read all of it in one call, check one group.

On a cluster node (or with the Failover Clustering tools and a cluster name) it reads the real
cluster; anywhere else run it against the built-in simulated cluster:

    CLUSAPI_PY_BACKEND=sim python examples/ten_lines.py
"""
import clusapi_py

with clusapi_py.open_cluster() as cluster:            # local cluster; or open_cluster("CLUSTER01")
    print(cluster.name, cluster.version.build, cluster.granted_access)
    snap = cluster.snapshot()                          # one call: nodes, groups, resources, networks, quorum
    for group in snap.groups:                          # a state newer than the enum is a plain int
        state = group.state.name if isinstance(group.state, clusapi_py.GroupState) else group.state
        print(group.name, state, group.owner_node)
    with cluster.open_group("SQL Server (MSSQLSERVER)") as sql:
        state, owner = sql.status()                    # one GetClusterGroupState call
        print(sql.name, state, owner)
