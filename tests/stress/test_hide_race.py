"""hide() racing calls from many threads: the pointer the shim checked is the
pointer it calls, so a hidden export is a clean 127 (ClusterAPIUnavailableError)
or a fallback, never a NULL call.  Run under ASan by tests/sanitize/run.sh."""
import os
import threading
import time

import clusapi_py
from clusapi_py import sim

SECONDS = float(os.environ.get("CLUSAPI_PY_STRESS_SECONDS", "1.0"))
# Never a Close*: a hidden close is a handle the shim cannot close (a leak by design).
HIDDEN = ["ClusterEnum", "ClusterOpenEnum", "ClusterCloseEnum", "GetClusterGroupState", "OpenClusterGroupEx",
          "OpenClusterGroup", "ClusterGroupOpenEnumEx", "ClusterGroupEnumEx", "ClusterResourceOpenEnumEx",
          "GetClusterResourceState", "ClusterOpenEnumEx", "GetClusterInformation", "OpenClusterEx"]


def test_hide_racing_calls_from_many_threads():
    s = sim.SimulatedCluster()
    c = clusapi_py.open_cluster(backend=s)
    stop = threading.Event()
    unexpected = []
    counts = [0]

    def caller():
        while not stop.is_set():
            try:
                c.node_names()
                with c.open_group("Cluster Group") as g:
                    g.status()
                c.snapshot()
                with clusapi_py.open_cluster(backend=s) as c2:
                    c2.name
                counts[0] += 1
            except clusapi_py.ClusterAPIUnavailableError as exc:
                if exc.winerror != 127:
                    unexpected.append(exc)
            except BaseException as exc:      # pragma: no cover - reported below
                unexpected.append(exc)

    def hider():
        i = 0
        while not stop.is_set():
            name = HIDDEN[i % len(HIDDEN)]
            s.hide(name)
            s.hide(name, hidden=False)
            i += 1

    threads = [threading.Thread(target=caller) for _ in range(4)] + [threading.Thread(target=hider)]
    for t in threads:
        t.start()
    time.sleep(SECONDS)          # the duration of the run, not a synchronisation
    stop.set()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert not unexpected, unexpected[:3]
    c.close()
    assert all(v == 0 for v in s.open_handles().values()), s.open_handles()
