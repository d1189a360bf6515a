"""Fault sweep: every clusapi function the package calls fails once with a
representative code of each error class; the exception must say which
function and code, and nothing may be left open."""
import gc

import pytest

import clusapi_py
from clusapi_py import Access, sim
from clusapi_py._bindings import FUNCTION_NAMES

CODES = {
    5: clusapi_py.ClusterAccessDeniedError,
    5013: clusapi_py.ClusterObjectNotFoundError,
    1722: clusapi_py.ClusterUnavailableError,
    127: clusapi_py.ClusterAPIUnavailableError,
}
BULK = ("ClusterOpenEnumEx", "ClusterGroupOpenEnumEx", "ClusterResourceOpenEnumEx")
# Functions whose failure the shim cannot act on: the handle or enumeration is
# gone either way, the data was already read.  A fault there must not raise,
# and must not leak.
SILENT = {name for name in FUNCTION_NAMES if name.startswith("Close") or name.endswith("CloseEnum")
          or name.endswith("CloseEnumEx")}
# Notification exports the package does not call (ports are created with their filters).
NOT_CALLED = {"RegisterClusterNotify", "RegisterClusterNotifyV2", "GetNotifyEventHandle"}
# The actions (Online/Offline/Move/Fail/Restart/Cancel, Pause/Resume of nodes): in the table and the
# simulator, not called by a monitoring agent's reads.
NOT_CALLED |= {name for name in FUNCTION_NAMES if name.startswith(("Online", "Offline", "Move", "Fail", "Restart",
                                                                   "Cancel", "Pause", "Resume"))}
# The configuration writes: in the table and the simulator, not called by an agent's reads.
NOT_CALLED |= {"SetClusterGroupNodeList", "SetClusterResourceDependencyExpression"}
NOTIFY_V1 = ("CreateClusterNotifyPort", "GetClusterNotify")
PLAIN_OPENS = {"OpenCluster": "OpenClusterEx", "OpenClusterNode": "OpenClusterNodeEx",
               "OpenClusterGroup": "OpenClusterGroupEx", "OpenClusterResource": "OpenClusterResourceEx",
               "OpenClusterNetwork": "OpenClusterNetworkEx", "OpenClusterNetInterface": "OpenClusterNetInterfaceEx"}


def agent_cycle(s, access):
    """Everything a monitoring agent does, closing what it opens on every path."""
    with clusapi_py.open_cluster(access=access, backend=s) as c:
        c.name
        c.quorum()
        c.properties()
        for lister in (c.node_names, c.group_names, c.resource_names, c.network_names, c.netinterface_names,
                       c.resource_type_names):
            lister()
        with c.open_node("NODE1", access) as n:
            n.state, n.id, n.group_names(), n.netinterface_names(), n.properties()
        with c.open_group("FS01", access) as g:
            g.state, g.status(), g.id, g.resource_names(), g.preferred_owner_names()
        with c.open_resource("SQL Server", access) as r:
            r.state, r.status(), r.id, r.dependency_names(), r.possible_owner_names(), r.dependency_expression()
        with c.open_network("Cluster Network 1", access) as net:
            net.state, net.id, net.netinterface_names(), net.properties()
        with c.open_netinterface("NODE1 - Ethernet", access) as nif:
            nif.state, nif.properties()
        c.netinterface_name("NODE1", "Cluster Network 1")
        c.snapshot()
        with c.notifications() as port:
            port.get(timeout=0)


def setup_for(s, function):
    """Hides what must be hidden for `function` to be called at all."""
    if function in PLAIN_OPENS:
        s.hide(PLAIN_OPENS[function])
        return Access.GENERIC_ALL
    if function in ("ClusterGroupControl", "ClusterResourceControl"):
        pass  # ids of groups/resources always come from the control functions
    if function in NOTIFY_V1:
        s.hide("CreateClusterNotifyPortV2")
    if function in ("ClusterEnumEx", "ClusterCloseEnumEx", "ClusterOpenEnumEx"):
        s.hide("ClusterGroupOpenEnumEx")
        s.hide("ClusterResourceOpenEnumEx")
    return Access.MAXIMUM_ALLOWED


def test_the_sweep_covers_every_function_in_the_table():
    s = sim.SimulatedCluster()
    agent_cycle(s, Access.MAXIMUM_ALLOWED)
    for f in BULK:
        s.hide(f)
    agent_cycle(s, Access.MAXIMUM_ALLOWED)
    for ex in PLAIN_OPENS.values():
        s.hide(ex)
    s.hide("CreateClusterNotifyPortV2")
    agent_cycle(s, Access.GENERIC_ALL)
    never = [f for f in FUNCTION_NAMES if s.calls(f) == 0 and f not in NOT_CALLED]
    assert never == []


@pytest.mark.parametrize("code", sorted(CODES))
@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_fault(function, code):
    s = sim.SimulatedCluster()
    access = setup_for(s, function)
    s.fail(function, code)
    try:
        agent_cycle(s, access)
    except clusapi_py.ClusterError as exc:
        assert function not in SILENT, "a failing %s must not raise" % function
        assert type(exc) is CODES[code]
        assert exc.winerror == code
        assert exc.function == function
    else:
        if function not in SILENT:
            # The fault was not reached on the first path: it must have been consumed elsewhere
            # only if the function is optional for this cycle.
            assert s.calls(function) == 0, "%s failed silently" % function
    gc.collect()
    assert s.open_handles() == {k: 0 for k in s.open_handles()}
