"""Acting on the cluster (the README's "Acting on the cluster"): move a role and wait for the
end through notifications, then a small remediation agent that brings failed resources back.

On a cluster node it acts on the real cluster; anywhere else run it against the built-in
simulated cluster:

    CLUSAPI_PY_BACKEND=sim python examples/remediate.py
"""
import clusapi_py

cluster = clusapi_py.open_cluster()

from clusapi_py import GroupMoveFlags, ClusterOperationFailedError, ClusterTimeoutError

with cluster.open_group("SQL Server (MSSQLSERVER)") as group:
    op = group.move("NODE3", flags=GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR)
    try:
        outcome = op.wait(timeout=120)     # no polling: the group's events, judged as they come
        print(outcome.state, outcome.owner_node, outcome.elapsed)
    except ClusterOperationFailedError as e:
        print("failed:", e.outcome.state, "back on the source" if e.outcome.returned_to_source else "")
    except ClusterTimeoutError as e:       # the move goes on in the cluster
        print("still going:", e.outcome.state, "queued" if e.outcome.queued else "")


def bring_back_failed_resources(cluster: clusapi_py.Cluster, view: clusapi_py.LiveView,
                                timeout: float = 60.0) -> int:
    """Brings every Failed resource online once; returns how many came back.  The view
    answers the read and every wait (its events): the online calls are the only round trips."""
    back = 0
    for info in view.snapshot().resources:
        if info.state != clusapi_py.ResourceState.FAILED:
            continue
        with cluster.open_resource(info.name) as resource:
            try:
                resource.online().wait(timeout)
                back += 1
            except ClusterOperationFailedError as e:
                print("%s stays down: %s" % (info.name, e.outcome.state if e.outcome else "?"))
            except ClusterTimeoutError:
                print("%s is still coming online; the next round will see it" % info.name)
    return back


with cluster.live_view() as view:      # an agent keeps one open for its whole life
    print("resources brought back:", bring_back_failed_resources(cluster, view))
cluster.close()
