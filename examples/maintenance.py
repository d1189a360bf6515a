"""Node maintenance (the README's "Node maintenance"): drain a node, do the work, resume it
with failback -- each step waited on through notifications.

On a cluster node it acts on the real cluster; anywhere else run it against the built-in
simulated cluster:

    CLUSAPI_PY_BACKEND=sim python examples/maintenance.py [NODE]
"""
import sys

import clusapi_py

cluster = clusapi_py.open_cluster()

from clusapi_py import ClusterOperationFailedError, Failback

with cluster.open_node("NODE1") as node:
    try:
        node.pause(drain=True).wait(timeout=1800)    # done: Paused and its drain COMPLETED
    except ClusterOperationFailedError as e:         # the drain FAILED
        print("roles still on the node:", e.outcome.roles, node.drain_status())
    ...                                              # patch, reboot
    node.resume(failback=Failback.IMMEDIATE).wait()

from clusapi_py import ClusterTimeoutError  # noqa: E402  (after the README's block)


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
    with cluster:
        sys.exit(0 if maintain(cluster, sys.argv[1] if len(sys.argv) > 1 else "NODE3") else 1)
