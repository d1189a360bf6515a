"""The simulator itself: its ids are reused, its add_* methods check their input."""
import time

import pytest

import clusapi_py


def test_simulator_ids_are_reused_after_release():
    from clusapi_py._bindings import ffi, lib
    out = ffi.new("int *")
    seen = set()
    for _ in range(70000):          # more than the registry has slots
        assert lib.cs_sim_create(out) == 0
        seen.add(out[0])
        assert lib.cs_sim_release(out[0]) == 0
    assert len(seen) < 70000


@pytest.mark.parametrize("bad,exc", [("abc\0def", ValueError), ("x" * 256, ValueError), (7, ValueError)])
def test_simulator_add_validates_ids(s, bad, exc):
    with pytest.raises(exc):
        s.add_node("NODE9", id=bad)
    with pytest.raises(exc):
        s.add_group("G9", "NODE1", id=bad)
    with clusapi_py.open_cluster(backend=s) as c:
        assert "NODE9" not in c.node_names() and "G9" not in c.group_names()


@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_releasing_simulators_costs_constant_work_each(order):
    """Finding an instance by id and unlinking a freed one examine a bounded
    number of instances, however many are alive: releasing n costs O(n) in
    all (counted, not timed; a walk of the list of instances costs n*n/2)."""
    from clusapi_py._bindings import ffi, lib
    from clusapi_py import sim

    n = 3000
    out = ffi.new("int *")
    ids = []
    for _ in range(n):
        assert lib.cs_sim_create(out) == 0
        ids.append(out[0])
    clusters = [sim.SimulatedCluster() for _ in range(200)]    # released by Python, as at exit
    if order == "newest first":
        ids.reverse()
        clusters.reverse()
    before = lib.cs_testing_sim_steps()
    for sim_id in ids:
        assert lib.cs_sim_release(sim_id) == 0
    del clusters
    steps = lib.cs_testing_sim_steps() - before
    assert 0 < steps <= 4 * (n + 200), steps
    assert lib.cs_sim_release(ids[0]) == 87         # released: not found, not freed twice


def test_releasing_a_simulator_while_a_thread_opens_on_it_is_safe():
    """SimulatedCluster.__del__() called explicitly while another thread's open
    is inside the simulator (stopped there by the test hold): the open fails
    cleanly, and the instance is freed after it, not under it (the shim pins a
    backend for the length of a call; the sanitizer stage would report the use
    after free)."""
    import threading
    from clusapi_py._bindings import lib
    from clusapi_py import sim

    for _ in range(3):
        s = sim.SimulatedCluster()
        sim_id = s._id
        assert lib.cs_testing_sim_hold(sim_id, 1) == 0
        result = []

        def opener():
            try:
                clusapi_py.open_cluster(backend=s)
            except Exception as exc:
                result.append(exc)

        t = threading.Thread(target=opener)
        t.start()
        deadline = time.monotonic() + 30
        while lib.cs_testing_sim_held(sim_id) < 1:
            assert time.monotonic() < deadline, "the open never reached the simulator"
            time.sleep(0.001)
        s.__del__()                 # releases the instance; the held open goes on
        t.join(30)
        assert not t.is_alive()
        assert len(result) == 1 and isinstance(result[0], clusapi_py.ClusterError), result
        assert result[0].winerror == 1722           # RPC_S_SERVER_UNAVAILABLE: the instance is gone
        assert lib.cs_sim_release(sim_id) == 87     # already released, not released twice
