"""Names compared as the cluster compares them (clusapi_py.names): ordinal,
each UTF-16 unit upper-cased 1:1; the simulator's C table and the Python one
agree on every code unit, and the simulator finds objects by that rule."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clusapi_py
from clusapi_py import sim
from clusapi_py._bindings import lib
from clusapi_py.names import name_key, names_equal


def test_the_pairs_python_merges_stay_apart():
    assert not names_equal("\u212a", "k") and not names_equal("\u212a", "K")     # Kelvin sign
    assert not names_equal("\u1e9e", "\u00df")                                     # capital / small sharp s
    assert not names_equal("\u0131", "i") and not names_equal("\u0131", "I")       # dotless i
    assert not names_equal("\u017f", "s")                                          # long s
    assert "\u212a".lower() == "k" and "\u1e9e".lower() == "\u00df"                # what str.lower() merges


def test_case_is_ignored_as_windows_ignores_it():
    assert names_equal("Cluster Group", "CLUSTER group")
    assert names_equal("gr\u00f6\u00dfe", "GR\u00d6\u00dfE")                      # o-umlaut pairs, sharp s as is
    assert names_equal("\u03c3\u03c2", "\u03a3\u03a3")                             # both sigmas upper-case to one
    assert names_equal("\u0434\u0436", "\u0414\u0416")                             # Cyrillic
    assert names_equal("\u1f80", "\u1f88")                                         # Greek with ypogegrammeni: 1:1
    assert name_key("\U0001f600x") == "\U0001f600X"                               # outside the BMP: unchanged
    assert not names_equal("a", "a ") and not names_equal("", "a")


def test_the_c_table_equals_the_python_table_on_every_code_unit():
    differ = [u for u in range(0x10000)
              if 0xD800 > u or u > 0xDFFF
              if lib.cs_wupper(u) != ord(name_key(chr(u)))]
    assert differ == []
    assert all(lib.cs_wupper(u) == u for u in range(0xD800, 0xE000))


units = st.one_of(st.sampled_from("kK\u212a\u00df\u1e9e\u0131iIs\u017fS\u03c3\u03c2\u03a3\u1f80\u1f88aA"),
                  st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)))


@settings(max_examples=150, deadline=None)
@given(a=st.text(units, min_size=1, max_size=6), b=st.text(units, min_size=1, max_size=6))
def test_the_simulator_finds_a_group_exactly_when_python_says_the_names_are_equal(a, b):
    if "\0" in a + b:
        return
    s = sim.SimulatedCluster({"cluster": {"name": "C1"}, "nodes": [{"name": "N1"}], "groups": [{"name": a, "owner_node": "N1"}]})
    with clusapi_py.open_cluster(backend=s) as c:
        try:
            with c.open_group(b) as g:
                found = g.name if hasattr(g, "name") else True
        except clusapi_py.ClusterObjectNotFoundError:
            found = None
    assert (found is not None) == names_equal(a, b)


def test_a_topology_with_names_the_cluster_tells_apart_loads(s):
    names = ["k", "\u212a", "\u00df", "\u1e9e"]
    topo = {"cluster": {"name": "C1"}, "nodes": [{"name": "N1"}], "groups": [{"name": n, "owner_node": "N1"} for n in names]}
    again = sim.SimulatedCluster(sim.SimulatedCluster(topo).topology)
    assert sorted(g["name"] for g in again.topology["groups"]) == sorted(names)
    with pytest.raises(ValueError, match="duplicate"):
        sim.SimulatedCluster({"cluster": {"name": "C1"}, "nodes": [{"name": "N1"}],
                              "groups": [{"name": "Ab", "owner_node": "N1"}, {"name": "aB", "owner_node": "N1"}]})
