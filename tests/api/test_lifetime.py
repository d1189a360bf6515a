"""A handle's life: close, with, the last reference, the collector, detach,
and close racing with calls in flight on other threads."""
import gc
import threading
import time

import pytest

import clusapi_py


# ---- lifetime --------------------------------------------------------------------------------
def test_close_is_idempotent_and_closes_once(s):
    c = clusapi_py.open_cluster(backend=s)
    assert s.open_handles()["cluster"] == 1
    c.close()
    c.close()
    assert c.closed
    assert s.open_handles()["cluster"] == 0
    assert s.calls("CloseCluster") == 1


def test_use_after_close_raises_value_error_and_makes_no_call(s):
    c = clusapi_py.open_cluster(backend=s)
    c.close()
    before = s.calls()
    for use in (lambda: c.name, lambda: c.version, lambda: c.granted_access, c.detach, c.node_names,
                lambda: c.open_group("Cluster Group"), c.snapshot, c.quorum):
        with pytest.raises(ValueError):
            use()
    with pytest.raises(ValueError):
        with c:
            pass
    assert s.calls() == before


def test_with_closes_even_on_error(s):
    with pytest.raises(RuntimeError):
        with clusapi_py.open_cluster(backend=s) as c:
            raise RuntimeError("boom")
    assert c.closed
    assert s.open_handles()["cluster"] == 0


def test_last_reference_closes(s):
    c = clusapi_py.open_cluster(backend=s)
    assert s.open_handles()["cluster"] == 1
    del c
    assert s.open_handles()["cluster"] == 0
    assert s.calls("CloseCluster") == 1


def test_reference_cycle_is_closed_by_the_collector(s):
    gc.disable()
    try:
        class Holder:
            pass

        holder = Holder()
        holder.cluster = clusapi_py.open_cluster(backend=s)
        holder.me = holder
        del holder
        assert s.open_handles()["cluster"] == 1
        gc.collect()
        assert s.open_handles()["cluster"] == 0
        assert s.calls("CloseCluster") == 1
    finally:
        gc.enable()


def test_detach_gives_up_ownership(s):
    c = clusapi_py.open_cluster(backend=s)
    raw = c.detach()
    assert isinstance(raw, int) and raw != 0
    assert c.closed
    with pytest.raises(ValueError):
        c.detach()
    del c
    gc.collect()
    # Never closed by us: the simulator still holds it open.
    assert s.open_handles()["cluster"] == 1
    assert s.calls("CloseCluster") == 0
    with pytest.raises(ValueError):
        c2 = clusapi_py.open_cluster(backend=s)
        c2.close()
        c2.detach()
    # leave the simulator clean for the fixture: close the raw handle through its entry point
    import ctypes
    from conftest import sim_entry
    close = sim_entry("CloseCluster", ctypes.c_int, ctypes.c_void_p)
    assert close(raw) == 1
    gc.collect()


def test_repr_shows_name_and_state(s):
    c = clusapi_py.open_cluster(backend=s)
    assert repr(c) == "<Cluster 'CLUSTER01' open>"
    c.close()
    assert repr(c) == "<Cluster 'CLUSTER01' closed>"
    c2 = clusapi_py.open_cluster("NODE1", backend=s)
    c2.close()
    assert repr(c2) == "<Cluster 'NODE1' closed>"


def test_handle_classes_cannot_be_made_directly():
    with pytest.raises(TypeError):
        clusapi_py.Cluster()


# ---- threads: close racing with calls in flight --------------------------------------------------
def test_close_waits_for_calls_in_flight(s):
    s.latency = 0.05
    c = clusapi_py.open_cluster(backend=s)
    results, errors_seen = [], []

    def reader():
        try:
            results.append(c.node_names())
        except ValueError:
            errors_seen.append("closed")

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for t in threads:
        t.start()
    time.sleep(0.02)             # the readers are inside ClusterOpenEnum now
    c.close()
    assert s.open_handles()["cluster"] == 1   # the real close waits for them
    for t in threads:
        t.join()
    assert s.open_handles()["cluster"] == 0
    assert s.calls("CloseCluster") == 1
    assert len(results) + len(errors_seen) == 6
    assert all(r == ["NODE1", "NODE2", "NODE3"] for r in results)
    assert results, "at least one call was in flight when close() ran"


def test_many_threads_open_use_close(s):
    failures = []

    def worker():
        try:
            for _ in range(200):
                with clusapi_py.open_cluster(backend=s) as c:
                    assert c.name == "CLUSTER01"
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert s.open_handles()["cluster"] == 0
    assert s.calls("OpenClusterEx") == s.calls("CloseCluster") == 1600


def test_concurrent_close_from_many_threads_closes_once(s):
    for _ in range(50):
        c = clusapi_py.open_cluster(backend=s)
        barrier = threading.Barrier(4)

        def closer():
            barrier.wait()
            c.close()

        threads = [threading.Thread(target=closer) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert s.calls("CloseCluster") == 50
    assert s.open_handles()["cluster"] == 0


# ---- detach only when idle, cached values after close ----------------------------------------------
def test_detach_refused_while_a_call_is_in_flight(s):
    s.latency = 0.2
    c = clusapi_py.open_cluster(backend=s)
    t = threading.Thread(target=c.node_names)
    t.start()
    time.sleep(0.05)
    with pytest.raises(ValueError, match="in use"):
        c.detach()
    assert not c.closed
    t.join()
    s.latency = 0
    raw = c.detach()                 # idle now
    assert raw and c.closed
    import ctypes
    from conftest import sim_entry
    close = sim_entry("CloseCluster", ctypes.c_int, ctypes.c_void_p)
    assert close(raw) == 1


def test_detach_refused_while_an_object_open_is_in_flight(s):
    s.latency = 0.2
    c = clusapi_py.open_cluster(backend=s)
    opened = []
    t = threading.Thread(target=lambda: opened.append(c.open_group("FS01")))
    t.start()
    time.sleep(0.05)
    with pytest.raises(ValueError):
        c.detach()
    t.join()
    s.latency = 0
    assert opened[0].status().state.name == "ONLINE"
    opened[0].close()
    c.close()


def test_cached_name_and_version_also_raise_after_close(s):
    c = clusapi_py.open_cluster(backend=s)
    assert c.name == "CLUSTER01" and c.version.build == 20348
    c.close()
    before = s.calls()
    with pytest.raises(ValueError):
        c.name
    with pytest.raises(ValueError):
        c.version
    assert s.calls() == before
    assert repr(c) == "<Cluster 'CLUSTER01' closed>"
