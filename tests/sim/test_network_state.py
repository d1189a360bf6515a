"""A network's state follows its interfaces (CLUSTER_NETWORK_STATE and
CLUSTER_NETINTERFACE_STATE in clusapi.h: Up when every node on it can
communicate, Partitioned when some cannot, Down when none can; an interface
is Unavailable when its node is down): in the simulator's C side on
set_netinterface_state, and in the topology loader where a network's state
is omitted -- the rule a settled health check trusts."""
import itertools

import pytest

import clusapi_py
from clusapi_py import sim
from clusapi_py.enums import NetInterfaceState, NetworkState
from clusapi_py.events import EventKind as K
from clusapi_py.sim.topology import derived_network_state, normalize_topology

I, N = NetInterfaceState, NetworkState
SIMULATED = [I.UNAVAILABLE, I.FAILED, I.UNREACHABLE, I.UP]


@pytest.mark.parametrize("states, network", [
    ([I.UP, I.UP, I.UP], N.UP),
    ([I.UP, I.UP, I.UNAVAILABLE], N.UP),                # a down node's interface does not take part
    ([I.UP, I.UNREACHABLE, I.UP], N.PARTITIONED),
    ([I.UP, I.FAILED, I.UP], N.PARTITIONED),
    ([I.FAILED, I.FAILED, I.UNAVAILABLE], N.DOWN),
    ([I.UNREACHABLE, I.UNREACHABLE], N.DOWN),
    ([I.UNAVAILABLE, I.UNAVAILABLE], N.UNAVAILABLE),
])
def test_the_documented_rule(states, network):
    assert derived_network_state(states) is network


def test_a_network_without_interfaces_has_no_derived_state():
    assert derived_network_state([]) is None


def _three_interface_cluster():
    t = {"cluster": {"name": "C"}, "nodes": [{"name": "N%d" % i} for i in (1, 2, 3)],
         "networks": [{"name": "Net"}],
         "netinterfaces": [{"name": "N%d - Ethernet" % i, "node": "N%d" % i, "network": "Net"} for i in (1, 2, 3)]}
    return sim.SimulatedCluster(t)


def test_the_c_rule_agrees_with_the_loader_on_every_triple_of_states():
    s = _three_interface_cluster()
    with clusapi_py.open_cluster(backend=s) as c:
        for states in itertools.product(SIMULATED, repeat=3):
            for i, state in enumerate(states):
                s.set_netinterface_state("N%d - Ethernet" % (i + 1), state)
            assert c.snapshot().networks[0].state is derived_network_state(list(states)), states


def test_set_netinterface_state_posts_the_networks_event_after_its_own():
    s = _three_interface_cluster()
    with clusapi_py.open_cluster(backend=s) as c, c.notifications([K.NETWORK_STATE, K.NETINTERFACE_STATE]) as port:
        s.set_netinterface_state("N1 - Ethernet", "FAILED")
        s.set_netinterface_state("N2 - Ethernet", "UNREACHABLE")    # still PARTITIONED: no network event
        s.set_netinterface_state("N1 - Ethernet", "UP")
        s.set_netinterface_state("N2 - Ethernet", "UP")
        events = []
        while True:
            e = port.get(0)
            if e is None:
                break
            events.append((e.kind, e.name, e.state))
    assert events == [
        (K.NETINTERFACE_STATE, "N1 - Ethernet", I.FAILED), (K.NETWORK_STATE, "Net", N.PARTITIONED),
        (K.NETINTERFACE_STATE, "N2 - Ethernet", I.UNREACHABLE),
        (K.NETINTERFACE_STATE, "N1 - Ethernet", I.UP),
        (K.NETINTERFACE_STATE, "N2 - Ethernet", I.UP), (K.NETWORK_STATE, "Net", N.UP),
    ]


def test_set_network_state_still_forces_what_the_cluster_reports():
    s = _three_interface_cluster()
    s.set_network_state("Net", "DOWN")
    with clusapi_py.open_cluster(backend=s) as c:
        assert c.snapshot().networks[0].state is N.DOWN
        s.set_netinterface_state("N3 - Ethernet", "UNAVAILABLE")       # the next change re-derives
        assert c.snapshot().networks[0].state is N.UP


def test_the_loader_derives_an_omitted_network_state_and_keeps_a_given_one():
    t = normalize_topology({
        "cluster": {"name": "C"}, "nodes": [{"name": "N1"}, {"name": "N2"}],
        "networks": [{"name": "Derived"}, {"name": "Given", "state": "UP"}, {"name": "Empty", "state": "DOWN"}],
        "netinterfaces": [{"name": "a", "node": "N1", "network": "Derived"},
                          {"name": "b", "node": "N2", "network": "Derived", "state": "FAILED"},
                          {"name": "c", "node": "N1", "network": "Given", "state": "FAILED"}]})
    assert [(n["name"], n["state"]) for n in t["networks"]] == [
        ("Derived", "PARTITIONED"), ("Given", "UP"), ("Empty", "DOWN")]


@pytest.mark.parametrize("topology", [sim.default_topology(), sim.generate(4, 30, 3, shared_volumes=2)],
                         ids=["default", "generate"])
def test_the_built_in_topologies_are_consistent(topology):
    t = normalize_topology(topology)
    for n in t["networks"]:
        states = [I[i["state"]] for i in t["netinterfaces"] if i["network"] == n["name"]]
        assert derived_network_state(states) in (None, N[n["state"]]), n["name"]
