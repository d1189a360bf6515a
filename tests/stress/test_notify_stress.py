"""Readers, a writer and a closer on the same ports: no crash, no hang, no
leak; every reader ends when its port is closed."""
import os
import threading
import time

import clusapi_py
from clusapi_py import sim

SECONDS = float(os.environ.get("CLUSAPI_PY_STRESS_SECONDS", "1.5"))


def test_readers_writer_and_closer():
    s = sim.SimulatedCluster()
    s.notification_queue_limit = 50
    stop = threading.Event()
    failures = []
    with clusapi_py.open_cluster(backend=s) as c:
        def writer():
            i = 0
            while not stop.is_set():
                s.set_group_state("FS01", ("FAILED", "ONLINE")[i % 2])
                i += 1

        def reader(port):
            try:
                for _ in port:
                    pass
            except Exception as exc:  # pragma: no cover - reported below
                failures.append(exc)

        w = threading.Thread(target=writer)
        w.start()
        deadline = time.monotonic() + SECONDS
        rounds = 0
        while time.monotonic() < deadline:
            ports = [c.notifications(version=1 + rounds % 2) for _ in range(3)]
            readers = [threading.Thread(target=reader, args=(p,)) for p in ports for _ in range(2)]
            for t in readers:
                t.start()
            time.sleep(0.02)
            for p in ports:
                p.close()
            for t in readers:
                t.join(10)
                assert not t.is_alive(), "a reader did not end when its port was closed"
            with c.live_view() as view:
                view.snapshot()
            rounds += 1
        stop.set()
        w.join()
    assert not failures, failures
    assert rounds > 3
    assert s.open_handles() == {k: 0 for k in s.open_handles()}
