"""Preferred owners and dependency expressions against the simulator: the checks made
before the call (nothing sent), the cluster's refusals as their error classes, the
events, and what the simulator does with them (move steering, online ordering)."""
from __future__ import annotations

import pytest

import clusapi_py
from clusapi_py import (Access, ClusterAccessDeniedError, ClusterDependencyError, ClusterInvalidStateError,
                        ClusterObjectNotFoundError, EventKind, ResourceState)
from clusapi_py.handles.config import parse_dependency_expression
from clusapi_py.sim import SimulatedCluster

SQL = "SQL Server (MSSQLSERVER)"
SET_DEPS = "SetClusterResourceDependencyExpression"


@pytest.fixture
def c(s):
    with clusapi_py.open_cluster(backend=s) as cluster:
        yield cluster


def drain(port):
    out = []
    while (ev := port.get(timeout=0)) is not None:
        out.append(ev)
    return out


# ---- preferred owners ---------------------------------------------------------------------------
def test_preferred_owners_read_and_set_in_order(s, c):
    with c.open_group("FS01") as g, c.open_node("NODE2") as n2:
        assert g.preferred_owners() == ["NODE3", "NODE1"]
        with c.notifications([EventKind.GROUP_PREFERRED_OWNERS]) as port:
            g.set_preferred_owners([n2, "node1"])           # a handle and a name (case-insensitive)
            events = drain(port)
        assert g.preferred_owners() == ["NODE2", "NODE1"]
        assert [(e.kind, e.name) for e in events] == [(EventKind.GROUP_PREFERRED_OWNERS, "FS01")]
        assert s.calls("SetClusterGroupNodeList") == 1
        g.set_preferred_owners([])
        assert g.preferred_owners() == []


def test_preferred_owners_steer_the_clusters_choice(s, c):
    with c.open_group("FS01") as g:
        assert g.owner_node == "NODE3"
        g.set_preferred_owners(["NODE2"])
        assert g.move().wait(10).owner_node == "NODE2"     # move(node=None): the preferred owner
        g.set_preferred_owners(["NODE1", "NODE3"])
        assert g.move().wait(10).owner_node == "NODE1"
        assert g.move().wait(10).owner_node == "NODE3"     # the first preferred one it is not on


def test_preferred_owners_refused_before_the_call(s, c):
    other = SimulatedCluster()
    with c.open_group("FS01") as g, clusapi_py.open_cluster(backend=other) as c2, c2.open_node("NODE1") as alien:
        for bad, exc in ((["NODE1", "node1"], ValueError), ("NODE1", TypeError), ([1], TypeError),
                         ([""], TypeError), ([alien], ValueError), (None, TypeError)):
            with pytest.raises(exc):
                g.set_preferred_owners(bad)
        with pytest.raises(ClusterObjectNotFoundError):
            g.set_preferred_owners(["NODE1", "NOSUCH"])
        assert s.calls("SetClusterGroupNodeList") == 0
        assert g.preferred_owners() == ["NODE3", "NODE1"]


def test_preferred_owners_need_full_access(s):
    with clusapi_py.open_cluster(backend=s, access=Access.GENERIC_READ) as c, \
            c.open_group("FS01", Access.GENERIC_READ) as g:
        with pytest.raises(ClusterAccessDeniedError) as e:
            g.set_preferred_owners(["NODE1"])
        assert e.value.function == "SetClusterGroupNodeList"
        assert g.preferred_owners() == ["NODE3", "NODE1"]


# ---- dependency expressions ---------------------------------------------------------------------
@pytest.mark.parametrize("text, names", [
    ("", []), ("   ", []), ("[A]", ["A"]), ("[A] and [B]", ["A", "B"]), ("[A]AND[B]", ["A", "B"]),
    ("([A] or [B]) and [C d]", ["A", "B", "C d"]), ("(([A]))", ["A"]),
])
def test_the_grammar(text, names):
    assert parse_dependency_expression(text) == names


@pytest.mark.parametrize("text", ["A", "[A", "[A] and", "and [A]", "[A] [B]", "[A] xor [B]", "([A]", "[A])",
                                  "()", "[]", "[ ]", "[A] and ()", "[A] & [B]"])
def test_grammar_errors(text):
    with pytest.raises(ValueError, match="dependency expression"):
        parse_dependency_expression(text)


def test_read_the_expression(c):
    with c.open_resource("SQL Server") as r, c.open_resource("Cluster Disk 2") as d:
        assert r.dependency_expression() == "[SQL Network Name (SQLCLU01)] and [Cluster Disk 2]"
        assert d.dependency_expression() == ""


def test_set_and_clear_with_events(s, c):
    with c.open_resource("SQL Server Agent") as r:
        with c.notifications([EventKind.RESOURCE_DEPENDENCIES]) as port:
            assert r.set_dependencies(["SQL Server", "Cluster Disk 2"]) == "[SQL Server] and [Cluster Disk 2]"
            events = drain(port)
        assert [(e.kind, e.name) for e in events] == [(EventKind.RESOURCE_DEPENDENCIES, "SQL Server Agent")]
        assert r.dependency_names() == ["SQL Server", "Cluster Disk 2"]
        assert r.dependency_expression() == "[SQL Server] and [Cluster Disk 2]"
        with c.open_resource("Cluster Disk 2") as d:
            assert "SQL Server Agent" in d._names(clusapi_py._bindings.lib.CLUSTER_RESOURCE_ENUM_PROVIDES)
        r.set_dependencies("")
        assert r.dependency_names() == [] and r.dependency_expression() == ""
        with c.open_resource("Cluster Disk 2") as d:
            assert "SQL Server Agent" not in d._names(clusapi_py._bindings.lib.CLUSTER_RESOURCE_ENUM_PROVIDES)


@pytest.mark.parametrize("expression, match", [
    ("[SQL Server Agent]", "itself"),
    ("[SQL Server] and [sql server]", "twice"),
    ("[Cluster Name]", "group"),
    ("[No Such Resource]", "no resource"),
    ("[SQL Server", "dependency expression"),
])
def test_refused_before_the_call(s, c, expression, match):
    with c.open_resource("SQL Server Agent") as r:
        with pytest.raises(ValueError, match=match):
            r.set_dependencies(expression)
        assert s.calls(SET_DEPS) == 0
        assert r.dependency_names() == ["SQL Server"]


def test_the_clusters_refusals(s, c):
    with c.open_resource("SQL IP Address 1 (SQLCLU01)") as ip:
        with pytest.raises(ClusterDependencyError) as e:      # SQL Server -> Network Name -> this IP
            ip.set_dependencies("[SQL Server]")
        assert e.value.winerror == 1059 and isinstance(e.value, ValueError)
        with pytest.raises(ClusterDependencyError) as e:      # "or": the simulator models AND lists only
            ip.set_dependencies("[Cluster Disk 2] or [SQL Server Agent]")
        assert e.value.winerror == 87
        assert ip.dependency_names() == []
    with c.open_resource("Cluster Disk 4") as disk, c.open_resource("FS01 Name") as name:
        disk.offline().wait(10)
        with pytest.raises(ClusterInvalidStateError) as e:     # online, and a new provider is not
            name.set_dependencies("[IP Address 10.0.0.60] and [Cluster Disk 4]")
        assert e.value.winerror == 5019
        assert name.dependency_names() == ["IP Address 10.0.0.60"]


def test_new_dependencies_order_the_online(s, c):
    with c.open_group("FS01") as g:
        g.offline().wait(10)
        with c.open_resource("Cluster Disk 4") as disk, c.open_resource("IP Address 10.0.0.60") as ip:
            disk.set_dependencies("[IP Address 10.0.0.60]")
            assert ip.state == ResourceState.OFFLINE
            disk.online().wait(10)
            assert ip.state == ResourceState.ONLINE            # the provider came online first
            ip.offline().wait(10)
            assert disk.state == ResourceState.OFFLINE         # and its dependent went offline first


def test_dependencies_need_full_access(s):
    with clusapi_py.open_cluster(backend=s, access=Access.GENERIC_READ) as c, \
            c.open_resource("SQL Server Agent", Access.GENERIC_READ) as r:
        with pytest.raises(ClusterAccessDeniedError):
            r.set_dependencies("")
        assert r.dependency_expression() == "[SQL Server]"
