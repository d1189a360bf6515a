"""Win32 codes become the right exception class, carrying the code and the
function that failed -- not a cleanup call's."""
import pytest

import clusapi_py
from clusapi_py import errors


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
