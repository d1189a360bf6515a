"""Which backend a handle uses: `with SimulatedCluster()` blocks, the system
DLL when it is absent, and exports a backend lacks."""
import sys

import pytest

import clusapi_py
from clusapi_py import Access, sim

G_READ, G_ALL, MAX = Access.GENERIC_READ, Access.GENERIC_ALL, Access.MAXIMUM_ALLOWED


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
