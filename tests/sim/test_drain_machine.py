"""The simulator's drain and failback under random sequences (a Hypothesis state machine):
random drains (with and without a target, forced or not), plain pauses, resumes with each
failback, resource outcomes, a node going down and up, and clock steps.  Read live through
the API after every step:

- every call answers 0, 997 or a documented refusal;
- a node's drain status is one of the four documented values, and IN_PROGRESS only while
  the node is Paused;
- a Paused node whose drain COMPLETED owns no role (nothing moves onto a paused node);
- every drain ends: advancing the clock far enough leaves none IN_PROGRESS.
"""
from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import clusapi_py
from clusapi_py import NodeDrainStatus, NodeState, sim
from clusapi_py._bindings import ffi, lib

NODES = ("NODE1", "NODE2", "NODE3")
ROLES = ("R1", "R2", "R3", "R4")
ANSWERS = {0, 997, 114, 5005, 5050, 5058, 5962}


class DrainRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.s = sim.SimulatedCluster()
        self.s.manual_clock = True
        for i, role in enumerate(ROLES):
            self.s.add_group(role, NODES[i % 3], preferred_owners=[NODES[i % 3]])
            self.s.add_resource(role + "-res", role, possible_owners=NODES[:2] if i == 3 else ())
        self.c = clusapi_py.open_cluster(backend=self.s)

    def teardown(self) -> None:
        self.c.close()
        del self.s

    @rule(node=st.sampled_from(NODES), to=st.sampled_from((None,) + NODES), force=st.booleans())
    def drain(self, node: str, to: str | None, force: bool) -> None:
        with self.c.open_node(node) as n:
            if to is None:
                code = lib.cs_node_pause(n._tok(), 1, 0 if force else 1, 0, ffi.NULL)
            else:
                with self.c.open_node(to) as t:
                    code = lib.cs_node_pause(n._tok(), 1, 0 if force else 1, t._tok(), ffi.NULL)
        assert code in ANSWERS, code

    @rule(node=st.sampled_from(NODES))
    def pause(self, node: str) -> None:
        with self.c.open_node(node) as n:
            assert lib.cs_node_pause(n._tok(), 0, 0, 0, ffi.NULL) in ANSWERS

    @rule(node=st.sampled_from(NODES), failback=st.sampled_from((0, 1, 2)))
    def resume(self, node: str, failback: int) -> None:
        with self.c.open_node(node) as n:
            assert lib.cs_node_resume(n._tok(), failback, ffi.NULL) in ANSWERS

    @rule(role=st.sampled_from(ROLES), outcome=st.sampled_from(("succeed", "fail")),
          node=st.sampled_from((None,) + NODES))
    def outcome(self, role: str, outcome: str, node: str | None) -> None:
        self.s.set_resource_outcome(role + "-res", outcome, node=node)  # type: ignore[arg-type]

    @rule(up=st.booleans())
    def node3(self, up: bool) -> None:
        with self.c.open_node("NODE3") as n:
            paused = n.state is NodeState.PAUSED
        if not paused:                  # the control API leaves a paused node to pause/resume
            self.s.set_node_state("NODE3", "UP" if up else "DOWN")

    @rule(seconds=st.sampled_from((0.0, 0.05, 0.2, 1.0)))
    def advance(self, seconds: float) -> None:
        self.s.advance(seconds)

    @invariant()
    def drain_status_holds(self) -> None:
        for name in NODES:
            with self.c.open_node(name) as n:
                status, state = n.drain_status().status, n.state
                assert isinstance(status, NodeDrainStatus), status
                if status is NodeDrainStatus.IN_PROGRESS:
                    assert state is NodeState.PAUSED, (name, state)
                if status is NodeDrainStatus.COMPLETED and state is NodeState.PAUSED:
                    assert n.group_names() == [], (name, n.group_names())

    @rule()
    def every_drain_ends(self) -> None:
        self.s.advance(3600)
        for name in NODES:
            with self.c.open_node(name) as n:
                assert n.drain_status().status is not NodeDrainStatus.IN_PROGRESS, name


DrainRules.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
TestDrainRules = DrainRules.TestCase
