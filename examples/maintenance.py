"""Node maintenance (the README's "Node maintenance"): drain a node, do the work, resume it
with failback -- each step waited on through notifications.

On a cluster node it acts on the real cluster; anywhere else run it against the built-in
simulated cluster:

    CLUSAPI_PY_BACKEND=sim python examples/maintenance.py [NODE]
"""
import sys

import clusapi_py
from clusapi_py import ClusterOperationFailedError, ClusterTimeoutError, Failback


def patch(node: str) -> None:
    """Stands for the work done while the node is empty (updates, a reboot)."""
    print("patching %s ..." % node)


def maintain(cluster: clusapi_py.Cluster, name: str, drain_timeout: float = 1800.0) -> bool:
    """Drains `name`, patches it, resumes it; False (the node left paused) when the drain failed."""
    with cluster.open_node(name) as node:
        try:
            outcome = node.pause(drain=True).wait(drain_timeout)
            print("%s drained in %.1f s" % (name, outcome.elapsed))
        except ClusterOperationFailedError as e:
            roles = e.outcome.roles if e.outcome is not None else ()
            print("drain FAILED, roles still on %s: %s (%s)" % (name, ", ".join(roles), node.drain_status()))
            return False
        except ClusterTimeoutError:
            print("the drain of %s is still going: not patching" % name)
            return False
        patch(name)
        node.resume(failback=Failback.POLICY).wait()
        print("%s resumed (its roles fail back per their policy)" % name)
    return True


if __name__ == "__main__":
    with clusapi_py.open_cluster() as cluster:
        sys.exit(0 if maintain(cluster, sys.argv[1] if len(sys.argv) > 1 else "NODE1") else 1)
