"""A ClusterError for a named object carries the name (filename) and says
which call failed; the shim's own conditions never come from a backend code."""
import pickle

import pytest

import clusapi_py
from clusapi_py import errors
from clusapi_py._bindings import lib


def test_open_group_names_the_group_and_the_call(c):
    with pytest.raises(clusapi_py.ClusterObjectNotFoundError) as info:
        c.open_group("NoSuchGroup")
    exc = info.value
    assert exc.filename == "NoSuchGroup" and exc.function == "OpenClusterGroupEx" and exc.winerror == 5013
    assert str(exc) == "[WinError 5013] OpenClusterGroupEx: The cluster group could not be found: 'NoSuchGroup'"


@pytest.mark.parametrize("method,name", [("open_node", "NOPE"), ("open_resource", "NoRes"),
                                         ("open_network", "NoNet"), ("open_netinterface", "NoNif")])
def test_every_open_names_its_object(c, method, name):
    with pytest.raises(clusapi_py.ClusterObjectNotFoundError) as info:
        getattr(c, method)(name)
    assert info.value.filename == name and str(info.value).endswith(": %r" % name)


def test_calls_on_an_object_name_it(s, c):
    with c.open_group("Cluster Group") as g:
        s.fail("GetClusterGroupState", 1726)
        with pytest.raises(clusapi_py.ClusterUnavailableError) as info:
            g.status()
        assert info.value.filename == "Cluster Group" and info.value.function == "GetClusterGroupState"
        s.fail("ClusterGroupOpenEnum", 5)
        with pytest.raises(clusapi_py.ClusterAccessDeniedError) as info:
            g.resource_names()
        assert info.value.filename == "Cluster Group"


def test_open_cluster_by_name_carries_it(s):
    s.fail("OpenClusterEx", 1722)
    with pytest.raises(clusapi_py.ClusterUnavailableError) as info:
        clusapi_py.open_cluster("CLUSTER01", backend=s)
    assert info.value.filename == "CLUSTER01"


def test_an_error_without_an_object_has_no_filename():
    exc = errors.error_for(5, "OpenClusterEx")
    assert exc.filename is None and str(exc) == "[WinError 5] OpenClusterEx: %s" % errors.describe(5)


def test_the_name_survives_pickling():
    exc = errors.error_for(5013, "OpenClusterGroupEx", name="G")
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is type(exc) and again.filename == "G" and str(again) == str(exc)


def test_a_backend_code_equal_to_the_shims_marker_is_the_backends(s, c):
    marker = lib.CS_ERROR_HANDLE_CLOSED
    s.fail("ClusterOpenEnum", marker)
    with pytest.raises(clusapi_py.ClusterError) as info:
        c.node_names()
    assert info.value.winerror == marker and info.value.function == "ClusterOpenEnum"
    with c.open_group("Cluster Group") as g:
        s.fail("GetClusterGroupState", marker)
        with pytest.raises(clusapi_py.ClusterError) as info:
            g.state
        assert info.value.winerror == marker
    s.fail("OpenClusterEx", marker)
    with pytest.raises(clusapi_py.ClusterError):
        clusapi_py.open_cluster(backend=s)


def test_timeout_error_is_both():
    exc = errors.error_for(1460, "cs_snapshot")
    assert type(exc) is clusapi_py.ClusterTimeoutError
    assert isinstance(exc, clusapi_py.ClusterError) and isinstance(exc, TimeoutError)


@pytest.mark.parametrize("kind,name,opener", [(lib.CS_KIND_GROUP, "Cluster Group", "open_group"),
                                              (lib.CS_KIND_RESOURCE, "Cluster Name", "open_resource"),
                                              (lib.CS_KIND_NODE, "NODE1", "open_node")])
def test_a_backend_state_equal_to_the_shims_markers_is_the_state(s, c, kind, name, opener):
    for marker in (lib.CS_STATE_FAILED, lib.CS_STATUS_TOO_LONG):
        assert lib.cs_testing_sim_set_any_state(s._id, kind, name, marker) == 0
        with getattr(c, opener)(name) as h:
            assert h.state == marker                    # a value the enum does not know: a plain int
            if hasattr(h, "status"):
                assert h.status().state == marker
        snap = c.snapshot()                             # not taken for a failure, nor a silent stop
        rows = {r.name: r for r in snap.nodes + snap.groups + snap.resources}
        assert rows[name].state == marker
        assert len(snap.resources) > 1 and len(snap.networks) >= 1
