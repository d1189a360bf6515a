"""Stress: threads open, read, snapshot and close (often each other's handles) while a
writer changes the cluster and a faulter injects errors.  Nothing may crash, every
exception must be a ValueError (closed handle) or a ClusterError, and at the end the
simulator holds no handle.

CI runs it for a few seconds; the long run is
    CLUSAPI_PY_STRESS_SECONDS=10 pytest tests/stress/test_stress.py
"""
import gc
import os
import random
import threading
import time

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import FUNCTION_NAMES

SECONDS = float(os.environ.get("CLUSAPI_PY_STRESS_SECONDS", "2"))
CODES = (5, 5013, 1722, 127, 1726)


def test_stress():
    s = sim.SimulatedCluster(sim.generate(nodes=8, groups=40, resources_per_group=2))
    s.latency = 0.0001
    groups = ["VM%05d" % i for i in range(1, 41)]
    nodes = ["HV%02d" % i for i in range(1, 9)]
    live, live_lock = [], threading.Lock()
    stop = threading.Event()
    unexpected, counts = [], {"ok": 0, "closed": 0, "cluster_error": 0}

    def pick():
        with live_lock:
            return random.choice(live) if live else None

    def worker(seed):
        rnd = random.Random(seed)
        while not stop.is_set():
            op = rnd.randrange(7)
            try:
                if op == 0:
                    c = clusapi_py.open_cluster(backend=s)
                    with live_lock:
                        live.append(c)
                elif op == 1:
                    h = pick()
                    if isinstance(h, clusapi_py.Cluster):
                        g = h.open_group(rnd.choice(groups))
                        with live_lock:
                            live.append(g)
                elif op == 2:
                    h = pick()
                    if isinstance(h, clusapi_py.Group):
                        h.status()
                    elif isinstance(h, clusapi_py.Cluster):
                        h.group_names()
                elif op == 3:
                    h = pick()
                    if isinstance(h, clusapi_py.Cluster):
                        h.snapshot()
                elif op in (4, 5):
                    with live_lock:
                        h = live.pop(rnd.randrange(len(live))) if live else None
                    if h is not None:
                        h.close()                      # usually opened by another thread
                else:
                    with clusapi_py.open_cluster(backend=s) as c:
                        with c.open_node(rnd.choice(nodes)) as n:
                            n.state
                counts["ok"] += 1
            except ValueError:
                counts["closed"] += 1
            except clusapi_py.ClusterError:
                counts["cluster_error"] += 1
            except Exception as exc:  # pragma: no cover - the failure we look for
                unexpected.append(repr(exc))

    def writer():
        rnd = random.Random(1)
        while not stop.is_set():
            g = rnd.choice(groups)
            try:
                op = rnd.randrange(4)
                if op == 0:
                    s.move_group(g, rnd.choice(nodes))
                elif op == 1:
                    s.set_group_state(g, rnd.choice(["ONLINE", "OFFLINE", "FAILED", "PENDING"]))
                elif op == 2:
                    s.set_node_state(rnd.choice(nodes), rnd.choice(["UP", "PAUSED"]))
                else:
                    s.delete_group(g)
                    s.add_group(g, rnd.choice(nodes))
                    s.add_resource("Res " + g, g)
            except (ValueError, clusapi_py.ClusterError):
                pass

    def faulter():
        rnd = random.Random(2)
        while not stop.is_set():
            s.fail(rnd.choice(FUNCTION_NAMES), rnd.choice(CODES))
            time.sleep(0.005)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    threads += [threading.Thread(target=writer), threading.Thread(target=faulter)]
    for t in threads:
        t.start()
    time.sleep(SECONDS)
    stop.set()
    for t in threads:
        t.join()
    for h in live:
        h.close()
    live.clear()
    for name in FUNCTION_NAMES:
        s.fail(name, 1, count=0)
    gc.collect()
    assert not unexpected, unexpected[:5]
    assert counts["ok"] > 100
    assert s.open_handles() == {k: 0 for k in s.open_handles()}
