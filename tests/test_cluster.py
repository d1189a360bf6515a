"""The Cluster handle, open_cluster's contract, access rights and bad input."""
import gc
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

import pytest

import clusapi_py
from clusapi_py import Access, sim
from clusapi_py import errors


def test_open_local_cluster_reads_name_and_version(s):
    with clusapi_py.open_cluster(backend=s) as c:
        assert c.name == "CLUSTER01"
        v = c.version
        assert isinstance(v, clusapi_py.ClusterVersion)
        assert (v.major, v.minor, v.build) == (10, 0, 20348)
        assert v.vendor_id == "Microsoft(R) Cluster Service"
        assert v.csd_version == ""
        assert v.highest_version == 0x000B0004 and v.lowest_version == 0x000B0004
        assert v.flags == 0
        assert not c.closed
    assert c.closed


@pytest.mark.parametrize("name", ["CLUSTER01", "cluster01", "cluster01.contoso.local", "10.0.0.50", "NODE2", "node3"])
def test_named_open_accepts_cluster_alias_and_node_names(s, name):
    with clusapi_py.open_cluster(name, backend=s) as c:
        assert c.name == "CLUSTER01"


def test_named_open_of_unknown_name_is_rpc_server_unavailable(s):
    with pytest.raises(clusapi_py.ClusterUnavailableError) as info:
        clusapi_py.open_cluster("NOSUCHHOST", backend=s)
    assert info.value.winerror == 1722
    assert info.value.function == "OpenClusterEx"
    assert isinstance(info.value, ConnectionError)
    assert s.open_handles()["cluster"] == 0


def test_named_open_of_a_down_node_is_unavailable(s):
    s.set_node_state("NODE3", "DOWN")
    with pytest.raises(clusapi_py.ClusterUnavailableError):
        clusapi_py.open_cluster("NODE3", backend=s)
    with clusapi_py.open_cluster("NODE1", backend=s):
        pass


# ---- access --------------------------------------------------------------------------------
G_READ, G_ALL, MAX = Access.GENERIC_READ, Access.GENERIC_ALL, Access.MAXIMUM_ALLOWED


@pytest.mark.parametrize("rights,asked,granted", [
    ("all", MAX, G_ALL),
    ("read", MAX, G_READ),
    ("all", G_ALL, G_ALL),
    ("all", G_READ, G_READ),
    ("read", G_READ, G_READ),
    ("all", G_READ | G_ALL, G_READ | G_ALL),
    ("all", G_READ | MAX, G_READ | G_ALL),
])
def test_access_granted(s, rights, asked, granted):
    s.principal_rights = rights
    with clusapi_py.open_cluster(access=asked, backend=s) as c:
        assert c.granted_access == granted
        assert isinstance(c.granted_access, Access)


@pytest.mark.parametrize("rights,asked", [
    ("read", G_ALL), ("read", G_ALL | G_READ), ("none", MAX), ("none", G_READ), ("none", G_ALL),
])
def test_access_denied(s, rights, asked):
    s.principal_rights = rights
    with pytest.raises(clusapi_py.ClusterAccessDeniedError) as info:
        clusapi_py.open_cluster(access=asked, backend=s)
    assert info.value.winerror == 5
    assert isinstance(info.value, PermissionError)
    assert s.open_handles()["cluster"] == 0


def test_principal_rights_rejects_unknown_values(s):
    with pytest.raises(ValueError):
        s.principal_rights = "admin"
    assert s.principal_rights == "all"


# ---- bad input: a clear error before any backend call ----------------------------------
@pytest.mark.parametrize("name,exc", [
    ("", ValueError), ("CLUS\0TER01", ValueError), ("\0", ValueError), ("x" * 256, ValueError),
    ("\U0001F600" * 128, ValueError), ("bad\ud800name", ValueError),
    (b"CLUSTER01", TypeError), (42, TypeError), (["CLUSTER01"], TypeError),
])
def test_bad_names_are_refused_before_any_call(s, name, exc):
    before = s.calls()
    with pytest.raises(exc):
        clusapi_py.open_cluster(name, backend=s)
    assert s.calls() == before


def test_name_of_255_utf16_units_is_accepted_and_256_refused(s):
    with pytest.raises(clusapi_py.ClusterUnavailableError):
        clusapi_py.open_cluster("x" * 255, backend=s)
    with pytest.raises(ValueError):
        clusapi_py.open_cluster("x" * 254 + "\U0001F600", backend=s)


@pytest.mark.parametrize("access,exc", [
    (0, ValueError), (-1, ValueError), (1, ValueError), (0x1_0000_0000, ValueError),
    (int(G_READ) | 0x4, ValueError), (True, TypeError), ("GENERIC_READ", TypeError), (1.0, TypeError),
    (None, TypeError),
])
def test_bad_access_is_refused_before_any_call(s, access, exc):
    before = s.calls()
    with pytest.raises(exc):
        clusapi_py.open_cluster(access=access, backend=s)
    assert s.calls() == before


def test_plain_int_access_is_accepted(s):
    with clusapi_py.open_cluster(access=0x80000000, backend=s) as c:
        assert c.granted_access == G_READ


def test_backend_must_be_a_backend():
    with pytest.raises(TypeError):
        clusapi_py.open_cluster(backend="sim")


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


# ---- interpreter exit -----------------------------------------------------------------------------------
def _run(code, **env):
    import os
    full_env = dict(os.environ)
    full_env.pop("CLUSAPI_PY_BACKEND", None)
    full_env.update(env)
    # Run outside the source tree: `python -c` puts the current directory first
    # on sys.path, and the checkout's clusapi_py has no compiled extension.
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=full_env, timeout=60, cwd=tempfile.gettempdir())


def test_handles_left_open_are_closed_at_exit_leak_check_reports_zero():
    proc = _run("""
        import clusapi_py
        from clusapi_py import sim
        s = sim.SimulatedCluster()
        kept = clusapi_py.open_cluster(backend=s)           # a module global at exit
        class Cycle: pass
        x = Cycle(); x.me = x; x.c = clusapi_py.open_cluster(backend=s)
        kept.name
        print("open", s.open_handles()["cluster"])
    """, CLUSAPI_PY_SIM_LEAKCHECK="1")
    assert proc.returncode == 0, proc.stderr
    assert "open 2" in proc.stdout
    line = [l for l in proc.stderr.splitlines() if "leak check" in l]
    assert line == ["clusapi_py simulator leak check: cluster=0 node=0 group=0 resource=0 network=0 "
                    "netinterface=0 enum=0 total=0"], proc.stderr


def test_leak_check_reports_a_detached_handle():
    proc = _run("""
        import clusapi_py
        from clusapi_py import sim
        s = sim.SimulatedCluster()
        clusapi_py.open_cluster(backend=s).detach()
    """, CLUSAPI_PY_SIM_LEAKCHECK="1")
    assert proc.returncode == 0, proc.stderr
    assert "cluster=1" in proc.stderr and "total=1" in proc.stderr


# ---- backend selection -----------------------------------------------------------------------------------
def test_with_block_makes_the_simulator_the_default_and_restores():
    s1, s2 = sim.SimulatedCluster(), sim.SimulatedCluster()
    with s1:
        with clusapi_py.open_cluster() as c:
            assert c.backend is s1
        with s2:
            with clusapi_py.open_cluster() as c:
                assert c.backend is s2
        with clusapi_py.open_cluster() as c:
            assert c.backend is s1
    assert clusapi_py.default_backend() is clusapi_py.SYSTEM


@pytest.mark.skipif(sys.platform == "win32", reason="off Windows there is no clusapi.dll")
def test_without_clusapi_dll_open_cluster_says_how_to_use_the_simulator():
    with pytest.raises(clusapi_py.ClusterAPIUnavailableError) as info:
        clusapi_py.open_cluster(backend=clusapi_py.SYSTEM)
    assert info.value.winerror == 126
    assert "CLUSAPI_PY_BACKEND=sim" in str(info.value)
    assert not clusapi_py.SYSTEM.has("OpenCluster")


def test_environment_selects_the_simulator(tmp_path):
    import json
    topo = sim.default_topology()
    topo["cluster"]["name"] = "FROMFILE"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(topo))
    proc = _run("""
        import clusapi_py
        with clusapi_py.open_cluster() as c:
            print(c.name)
    """, CLUSAPI_PY_BACKEND="sim", CLUSAPI_PY_SIM_TOPOLOGY=str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "FROMFILE"


# ---- hidden exports and the OpenCluster fallback -----------------------------------------------------------
def test_without_open_cluster_ex_generic_all_falls_back_to_open_cluster(s):
    s.hide("OpenClusterEx")
    assert not s.has("OpenClusterEx")
    with clusapi_py.open_cluster(access=Access.GENERIC_ALL, backend=s) as c:
        assert c.name == "CLUSTER01"
        assert c.granted_access == G_ALL
    assert s.calls("OpenCluster") == 1 and s.calls("OpenClusterEx") == 0


@pytest.mark.parametrize("access", [MAX, G_READ])
def test_without_open_cluster_ex_other_access_is_unavailable(s, access):
    s.hide("OpenClusterEx")
    with pytest.raises(clusapi_py.ClusterAPIUnavailableError) as info:
        clusapi_py.open_cluster(access=access, backend=s)
    assert info.value.winerror == 127
    assert info.value.function == "OpenClusterEx"
    assert "OpenClusterEx" in str(info.value)
    assert s.calls() == 0


def test_hide_can_be_undone(s):
    s.hide("OpenClusterEx")
    s.hide("OpenClusterEx", hidden=False)
    with clusapi_py.open_cluster(backend=s):
        pass


def test_hide_and_fail_reject_unknown_functions(s):
    for call in (lambda: s.hide("OpenSesame"), lambda: s.fail("OpenSesame", 5), lambda: s.calls("Nope")):
        with pytest.raises(ValueError):
            call()
    with pytest.raises(ValueError):
        s.fail("OpenClusterEx", 0)


# ---- errors and fault injection --------------------------------------------------------------------------
@pytest.mark.parametrize("code,cls,base", [
    (5, clusapi_py.ClusterAccessDeniedError, PermissionError),
    (5013, clusapi_py.ClusterObjectNotFoundError, LookupError),
    (1722, clusapi_py.ClusterUnavailableError, ConnectionError),
    (1726, clusapi_py.ClusterUnavailableError, ConnectionError),
    (1753, clusapi_py.ClusterUnavailableError, ConnectionError),
    (1062, clusapi_py.ClusterUnavailableError, ConnectionError),
    (127, clusapi_py.ClusterAPIUnavailableError, clusapi_py.ClusterError),
    (1745, clusapi_py.ClusterAPIUnavailableError, clusapi_py.ClusterError),
    (5904, clusapi_py.ClusterError, OSError),
])
def test_injected_faults_raise_the_right_class_with_the_code(s, code, cls, base):
    s.fail("OpenClusterEx", code)
    with pytest.raises(cls) as info:
        clusapi_py.open_cluster(backend=s)
    exc = info.value
    assert type(exc) is cls
    assert isinstance(exc, base) and isinstance(exc, OSError)
    assert exc.winerror == code
    assert exc.function == "OpenClusterEx"
    assert str(code) in str(exc)
    # Only `count` calls fail; the next one works.
    with clusapi_py.open_cluster(backend=s):
        pass


def test_fault_count_is_honoured(s):
    s.fail("GetClusterInformation", 1726, count=2)
    with clusapi_py.open_cluster(backend=s) as c:
        for _ in range(2):
            with pytest.raises(clusapi_py.ClusterUnavailableError):
                c.name
        assert c.name == "CLUSTER01"


def test_error_code_is_the_failing_calls_not_a_cleanup_calls(s):
    # GetClusterInformation fails; nothing the shim does afterwards may change the code.
    s.fail("GetClusterInformation", 5904)
    with clusapi_py.open_cluster(backend=s) as c:
        with pytest.raises(clusapi_py.ClusterError) as info:
            c.version
    assert info.value.winerror == 5904
    assert info.value.function == "GetClusterInformation"


def test_cluster_error_pickles_and_has_message():
    import pickle
    exc = errors.error_for(5013, "OpenClusterGroupEx")
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is clusapi_py.ClusterObjectNotFoundError
    assert again.winerror == 5013 and again.function == "OpenClusterGroupEx"
    assert "group could not be found" in str(again)


# ---- strings -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["ÇLÜSTÉR", "кластер", "クラスター", "CL\U0001F600ST\U00010348R"])
def test_non_ascii_and_astral_names_round_trip(name):
    topo = sim.default_topology()
    topo["cluster"]["name"] = name
    topo["nodes"][0]["name"] = name + "-N1"
    for key in ("netinterfaces",):
        for item in topo[key]:
            if item["node"] == "NODE1":
                item["node"] = name + "-N1"
    for g in topo["groups"]:
        if g["owner_node"] == "NODE1":
            g["owner_node"] = name + "-N1"
        g["preferred_owners"] = [name + "-N1" if p == "NODE1" else p for p in g["preferred_owners"]]
    s = sim.SimulatedCluster(topo)
    with clusapi_py.open_cluster(name, backend=s) as c:
        assert c.name == name
        assert c.node_names()[0] == name + "-N1"
    with clusapi_py.open_cluster(name.lower(), backend=s) as c:
        assert c.name == name


# ---- review findings: detach only when idle, cached values after close, errors --------------------
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


def test_more_data_without_a_larger_size_stops_instead_of_looping(s, c):
    s.fail("GetClusterNodeId", 234, count=100000)     # ERROR_MORE_DATA, size unchanged
    with c.open_node("NODE1") as n:
        with pytest.raises(clusapi_py.ClusterError) as info:
            n.id
    assert info.value.winerror == 234 and info.value.function == "GetClusterNodeId"
    assert s.calls("GetClusterNodeId") <= 16      # the buffer doubles up to its cap, then it stops
    s.fail("GetClusterNodeId", 234, count=0)


@pytest.mark.parametrize("code,cls", [(5078, clusapi_py.ClusterObjectNotFoundError),
                                      (5073, clusapi_py.ClusterUnavailableError),
                                      (1723, clusapi_py.ClusterUnavailableError)])
def test_more_codes_map_to_their_class(code, cls):
    assert type(errors.error_for(code, "X")) is cls


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
