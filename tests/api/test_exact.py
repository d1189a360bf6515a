"""Exact behaviour at the edges: detach of an object whose Cluster is
closed, full tables, argument bounds, the closed-handle rule, every
SystemBackend alike."""
import gc
import sys

import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py._backend import SystemBackend
from clusapi_py._bindings import ffi, lib


def test_detach_of_an_object_whose_cluster_is_closed_is_refused(s):
    c = clusapi_py.open_cluster(backend=s)
    g = c.open_group("Cluster Group")
    c.close()
    closes = s.calls("CloseCluster")
    with pytest.raises(ValueError, match="Cluster is closed"):
        g.detach()
    # Nothing changed: the group still works, and the real CloseCluster has not run.
    assert not g.closed and g.status().state.name == "ONLINE"
    assert s.calls("CloseCluster") == closes
    g.close()
    assert s.calls("CloseCluster") == closes + 1


def test_the_token_table_full_is_a_clear_error(s, c):
    opened = lib.cs_open_token_count()
    lib.cs_testing_set_token_limit(0)
    try:
        # Slots ever created count: allow what exists plus a few more.
        lib.cs_testing_set_token_limit(max(opened, 1) + 64)
        handles = []
        with pytest.raises(clusapi_py.ClusterError, match=r"token table's limit is \d+") as info:
            for _ in range(200000):
                handles.append(c.open_group("Cluster Group"))
        assert not isinstance(info.value, ValueError)
        assert "Not enough memory" not in str(info.value)
    finally:
        lib.cs_testing_set_token_limit(0)
        for h in handles:
            h.close()
    assert lib.cs_token_limit() == (1 << 22) - 1


def test_the_simulators_handle_table_full_names_its_limit(s, c):
    """The simulator's handle table (its own, beside the shim's token table)
    fills first with the real limits: the error names that limit, not "Not
    enough memory", and a call that fails for another reason afterwards is not
    taken for it."""
    total = ffi.new("uint32_t[%d]" % lib.CS_KIND_COUNT)
    lib.cs_sim_total_open_handles(total)
    handles = []
    lib.cs_testing_set_sim_handle_limit(sum(total) + 64)
    try:
        with pytest.raises(clusapi_py.ClusterError, match=r"simulated cluster's handle table's limit is \d+") as info:
            for _ in range(200000):
                handles.append(c.open_group("Cluster Group"))
        assert info.value.winerror == 8 and "Not enough memory" not in str(info.value)
        assert len(handles) >= 1
        with pytest.raises(clusapi_py.ClusterObjectNotFoundError):    # another failure: its own message
            c.open_group("no such group")
    finally:
        lib.cs_testing_set_sim_handle_limit(0)
        for h in handles:
            h.close()
    assert lib.cs_sim_handle_limit() == (1 << 22) - 1
    with c.open_group("Cluster Group") as g:                          # room again
        assert g.status().state.name == "ONLINE"


def test_the_simulator_table_full_is_a_clear_error():
    alive = []
    lib.cs_testing_set_backend_limit(8)
    try:
        with pytest.raises(clusapi_py.ClusterError) as info:
            for _ in range(9):
                alive.append(sim.SimulatedCluster({"cluster": {"name": "C"}, "nodes": [{"name": "N"}]}))
        assert "8 simulators exist, the most that can at once" in str(info.value)
        assert "Not enough memory" not in str(info.value)
    finally:
        lib.cs_testing_set_backend_limit(0)
        del alive
        gc.collect()
    assert lib.cs_backend_limit() == 65534


@pytest.mark.parametrize("kwargs", [dict(groups=2 ** 64), dict(groups=100_001), dict(resources_per_group=10 ** 9),
                                    dict(nodes=65), dict(nodes=0), dict(groups=-1)])
def test_generate_bounds_its_arguments(kwargs):
    with pytest.raises(ValueError):
        sim.generate(**kwargs)


def test_every_system_backend_gives_the_helpful_message():
    if sys.platform == "win32":
        pytest.skip("clusapi.dll may exist here")
    for backend in (clusapi_py.SYSTEM, SystemBackend(), SystemBackend()):
        with pytest.raises(clusapi_py.ClusterAPIUnavailableError, match="CLUSAPI_PY_BACKEND=sim") as info:
            clusapi_py.open_cluster(backend=backend)
        assert info.value.winerror == 126


def test_a_closed_handle_answers_the_same_things_for_every_class(s):
    c = clusapi_py.open_cluster(backend=s)
    c.name                                    # fetched while open: still one rule after close
    objects = [c.open_group("Cluster Group"), c.open_node("NODE1"), c.open_resource("Cluster Name")]
    for h in objects + [c]:
        h.close()
        assert h.closed and h.backend is s
        assert "closed" in repr(h)
        with pytest.raises(ValueError, match="closed"):
            h.name
        with pytest.raises(ValueError, match="closed"):
            h.granted_access
    for h in objects:
        assert h.cluster is c


class _LyingStr(str):
    def __contains__(self, item):
        return False

    def __len__(self):
        return 3

    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_a_str_subclass_is_validated_as_the_text_it_holds(c):
    with pytest.raises(ValueError, match="NUL"):
        c.open_group(_LyingStr("Cluster Group\0FS01"))
    with pytest.raises(ValueError, match="longer than 255"):
        c.open_group(_LyingStr("x" * 100_000))
    with c.open_group(_LyingStr("Cluster Group")) as g:
        assert type(g.name) is str or g.name == "Cluster Group"


def test_a_str_subclass_node_is_refused_by_the_simulator_too(s):
    with pytest.raises(ValueError, match="longer than 255"):
        s.add_node(_LyingStr("N" * 100_000))
    with pytest.raises(ValueError, match="NUL"):
        s.add_node(_LyingStr("N\0X"))
