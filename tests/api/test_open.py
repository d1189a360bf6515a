"""open_cluster's contract: local and named opens, access rights, and bad
input refused before any backend call."""
import pytest

import clusapi_py
from clusapi_py import Access, sim


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
