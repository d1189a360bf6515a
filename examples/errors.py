"""The README's "Errors": what a monitoring agent catches, and what each exception carries.

    python examples/errors.py
"""
import clusapi_py
from clusapi_py import sim

s = sim.SimulatedCluster()
with clusapi_py.open_cluster(backend=s) as cluster:
    try:
        cluster.open_group("NoSuchGroup")
    except clusapi_py.ClusterObjectNotFoundError as exc:     # also a LookupError
        print(exc.winerror, exc.function, exc.message)

    s.principal_rights = "none"
    try:
        cluster.open_group("FS01")
    except clusapi_py.ClusterAccessDeniedError as exc:       # also a PermissionError (code 5)
        print(exc.winerror, exc.function)
    s.principal_rights = "all"

s.fail("OpenClusterEx", 1722)
try:
    clusapi_py.open_cluster(backend=s)
except clusapi_py.ClusterUnavailableError as exc:            # also a ConnectionError
    print(exc.winerror, exc.function, isinstance(exc, ConnectionError))

cluster = clusapi_py.open_cluster(backend=s)
cluster.close()
try:
    cluster.node_names()
except ValueError as exc:                                    # use after close: no backend call
    print("closed:", exc)
