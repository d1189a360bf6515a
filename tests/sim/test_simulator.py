"""The simulator itself: its ids are reused, its add_* methods check their input."""
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
