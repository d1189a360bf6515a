"""Smoke tests against the real clusapi.dll (the system backend).

On Linux and macOS there is no clusapi.dll: the package must still import and
say so clearly.  On Windows (the wheel runners are not cluster nodes) opening
the local cluster must raise a ClusterError subclass carrying the real Win32
code -- or, on a real cluster node, work -- and leave nothing open.
"""
import sys

import pytest

import clusapi_py
from clusapi_py._bindings import lib

windows_only = pytest.mark.skipif(sys.platform != "win32", reason="clusapi.dll exists only on Windows")


def test_the_package_imports_and_probing_the_dll_never_raises():
    has = clusapi_py.SYSTEM.has("OpenCluster")
    assert has in (True, False)
    if sys.platform != "win32":
        assert has is False


@pytest.mark.realbackend
@windows_only
def test_open_cluster_on_this_machine_reports_the_real_code():
    if not clusapi_py.SYSTEM.has("OpenCluster"):
        pytest.skip("clusapi.dll is not installed on this Windows machine")
    before = lib.cs_open_token_count()
    try:
        cluster = clusapi_py.open_cluster(backend=clusapi_py.SYSTEM)
    except clusapi_py.ClusterError as exc:
        assert exc.winerror not in (0, 31), exc
        assert exc.function in ("OpenClusterEx", "OpenCluster")
        assert str(exc.winerror) in str(exc)
    else:  # a real cluster node: the handle works and closes
        with cluster:
            assert cluster.name
    assert lib.cs_open_token_count() == before


@pytest.mark.realbackend
@windows_only
def test_real_dll_is_loaded_from_system32_only():
    # The shim loads with LOAD_LIBRARY_SEARCH_SYSTEM32; a clusapi.dll in the
    # current directory must not be picked up.  Loading twice is harmless.
    assert clusapi_py.SYSTEM.has("CloseCluster") == clusapi_py.SYSTEM.has("OpenCluster")
