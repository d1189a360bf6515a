"""The simulator's action rules under random sequences (a Hypothesis state machine):
random online / offline / move / fail / restart / cancel calls, queue-enabled moves
under a random parallel_moves limit, locked groups, resource outcomes (vetoes included),
node failures and clock steps, with these held after every step:

- every group's state is the one its resources give it (derived_group_state: the
  documented CLUSTER_GROUP_STATE rule), whatever is in flight;
- a group whose resources are all settled is never reported Pending, and a
  provider is Online whenever a dependent is Online or coming online on its own phase;
- every call answers 0, 997 or a documented refusal, never anything else;
- every action ends: with every node Up again, advancing the clock far enough leaves
  nothing pending and nothing queued (no resource is set to "hang" here).
"""
from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import clusapi_py
from clusapi_py import GroupState, ResourceState, sim
from clusapi_py._bindings import ffi, lib
from clusapi_py.sim.topology import derived_group_state

GROUPS = ("SQL Server (MSSQLSERVER)", "Available Storage", "Cluster Group")
NODES = ("NODE1", "NODE2", "NODE3")
PENDING = (ResourceState.ONLINE_PENDING, ResourceState.OFFLINE_PENDING, ResourceState.PENDING)
# 0, 997, and the refusals the simulator documents for these calls (docs/design.md)
ANSWERS = {0, 997, 5, 87, 5004, 5005, 5023, 5071, 5908, 5959, 5960}


class ActionRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.s = sim.SimulatedCluster()
        self.s.manual_clock = True
        self.c = clusapi_py.open_cluster(backend=self.s)
        self.resources = [r["name"] for r in self.s.topology["resources"] if r["group"] in GROUPS]
        self.group_of = {r["name"]: r["group"] for r in self.s.topology["resources"]}

    def teardown(self) -> None:
        self.c.close()
        del self.s

    def _answer(self, code: int) -> None:
        assert code in ANSWERS, code

    # ---- actions (the shim's calls: the same the handles make) -----------------------------
    @rule(group=st.sampled_from(GROUPS), node=st.sampled_from((None,) + NODES))
    def online(self, group: str, node: str | None) -> None:
        with self.c.open_group(group) as g:
            if node is None:
                self._answer(lib.cs_group_online(g._tok(), 0, 0, b"", 0, ffi.NULL))
            else:
                with self.c.open_node(node) as n:
                    self._answer(lib.cs_group_online(g._tok(), n._tok(), 0, b"", 0, ffi.NULL))

    @rule(group=st.sampled_from(GROUPS))
    def offline(self, group: str) -> None:
        with self.c.open_group(group) as g:
            self._answer(lib.cs_group_offline(g._tok(), 0, b"", 0, ffi.NULL))

    @rule(group=st.sampled_from(GROUPS), node=st.sampled_from((None,) + NODES), back=st.booleans(),
          queue=st.sampled_from((0, 0x4, 0x4 | 0x8)))
    def move(self, group: str, node: str | None, back: bool, queue: int) -> None:
        flags = (0x2 if back else 0) | queue    # RETURN_TO_SOURCE_NODE_ON_ERROR, QUEUE_ENABLED, HIGH_PRIORITY
        with self.c.open_group(group) as g:
            if node is None:
                self._answer(lib.cs_group_move(g._tok(), 0, flags, b"", 0, ffi.NULL))
            else:
                with self.c.open_node(node) as n:
                    self._answer(lib.cs_group_move(g._tok(), n._tok(), flags, b"", 0, ffi.NULL))

    @rule(group=st.sampled_from(GROUPS))
    def cancel(self, group: str) -> None:
        with self.c.open_group(group) as g:
            self._answer(lib.cs_group_cancel(g._tok()))

    @rule(data=st.data(), verb=st.sampled_from(("online", "offline", "fail", "restart")))
    def resource(self, data: st.DataObject, verb: str) -> None:
        name = data.draw(st.sampled_from(self.resources))
        with self.c.open_resource(name) as r:
            tok = r._tok()
            code = {"online": lambda: lib.cs_resource_online(tok, 0, b"", 0, ffi.NULL),
                    "offline": lambda: lib.cs_resource_offline(tok, 0, b"", 0, ffi.NULL),
                    "fail": lambda: lib.cs_resource_fail(tok),
                    "restart": lambda: lib.cs_resource_restart(tok)}[verb]()
            self._answer(code)

    @rule(limit=st.integers(0, 2))
    def parallel_moves(self, limit: int) -> None:
        self.s.parallel_moves = limit

    @rule(group=st.sampled_from(GROUPS), locked=st.booleans())
    def lock(self, group: str, locked: bool) -> None:
        self.s.set_group_locked(group, locked)

    @rule(data=st.data())
    def dependencies(self, data: st.DataObject) -> None:
        """SetClusterResourceDependencyExpression with resources of the group (and a missing one):
        accepted, or one of the documented refusals (docs/design.md), whatever is in flight."""
        name = data.draw(st.sampled_from(self.resources))
        peers = [r for r in self.resources if self.group_of[r] == self.group_of[name]] + ["No Such"]
        chosen = data.draw(st.lists(st.sampled_from(peers), max_size=3))
        with self.c.open_resource(name) as r:
            code = lib.cs_resource_set_dependency_expression(r._tok(), " and ".join("[%s]" % p for p in chosen))
        assert code in {0, 87, 1059, 5003, 5007, 5019}, code

    @rule(data=st.data(), outcome=st.sampled_from(("succeed", "fail", "veto")), node=st.sampled_from((None,) + NODES))
    def outcome(self, data: st.DataObject, outcome: str, node: str | None) -> None:
        self.s.set_resource_outcome(data.draw(st.sampled_from(self.resources)), outcome, node=node)  # type: ignore[arg-type]

    @rule(node=st.sampled_from(NODES[1:]), up=st.booleans())
    def node_state(self, node: str, up: bool) -> None:
        self.s.set_node_state(node, "UP" if up else "PAUSED")

    @rule(seconds=st.sampled_from((0.0, 0.01, 0.05, 0.2)))
    def advance(self, seconds: float) -> None:
        self.s.advance(seconds)

    # ---- what always holds --------------------------------------------------------------------
    @invariant()
    def groups_are_derived_from_their_resources(self) -> None:
        """Read from the simulator as it is now (a snapshot: states, owners, membership)."""
        snap = self.c.snapshot()
        members: dict[str, list[ResourceState]] = {}
        for r in snap.resources:
            members.setdefault(r.group, []).append(ResourceState(r.state))
        for g in snap.groups:
            derived = derived_group_state(members.get(g.name, []))
            if derived is not None:
                assert g.state is derived, (g.name, g.state, members[g.name])

    @invariant()
    def live_online_dependents_have_their_providers_online(self) -> None:
        """The same rule read from the simulator itself (states and dependencies as they are now,
        dependencies set by the rule above included)."""
        state = {r.name: r.state for r in self.c.snapshot().resources}
        for name in self.resources:
            if state[name] is ResourceState.ONLINE:
                with self.c.open_resource(name) as r:
                    for p in r.dependency_names():
                        assert state[p] in (ResourceState.ONLINE, ResourceState.OFFLINE_PENDING), (name, p, state[p])

    @precondition(lambda self: True)
    @rule()
    def everything_ends(self) -> None:
        for node in NODES[1:]:
            self.s.set_node_state(node, "UP")    # a queued move waits for its target to be able to host
        self.s.advance(3600)
        pending = [r.name for r in self.c.snapshot().resources if r.state in PENDING]
        assert not pending, pending
        for group in GROUPS:
            with self.c.open_group(group) as g:
                assert g.properties()["StatusInformation"] & 0x4 == 0, group     # nothing queued
        with self.c.open_group(GROUPS[0]) as g:
            assert lib.cs_group_cancel(g._tok()) == 5023     # nothing left in progress


ActionRules.TestCase.settings = settings(max_examples=100, stateful_step_count=40, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
TestActionRules = ActionRules.TestCase
