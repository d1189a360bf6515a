"""A topology's `scenario`: a timeline of changes the simulator applies by
itself while a program runs against it -- a resource fails, a group moves, a
CSV fills, a node pauses, the connection breaks -- optionally repeated.  And
its `latency` (seconds per round trip).  docs/topology.md documents both.

Pure: check_scenario() validates a scenario at load, against the topology
it belongs to (every name must exist, every value be in range), and returns
it normalized; sim/timeline.py runs one.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..names import name_key
from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState
from ..properties.values import coerce

if TYPE_CHECKING:
    from .topology import Checker

__all__ = ["ACTIONS", "MAX_STEPS", "STATE_ACTIONS", "check_latency", "check_scenario"]

MAX_STEPS = 10_000
MAX_AT = 86_400.0           # a timeline is at most a day long
MAX_LATENCY = 60.0

STATE_ACTIONS: dict[str, tuple[str, Any]] = {   # action -> (the kind it names, its state enum)
    "node_state": ("node", NodeState), "group_state": ("group", GroupState),
    "resource_state": ("resource", ResourceState), "network_state": ("network", NetworkState),
    "netinterface_state": ("netinterface", NetInterfaceState),
}
#: action -> (kind of the object it names, keys it takes besides "at" and itself)
ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "fail_resource": ("resource", ()),
    "pause_node": ("node", ()),
    "resume_node": ("node", ()),
    "move_group": ("group", ("node",)),
    "fill_volume": ("shared volume", ("free_bytes", "free_percent")),
    "csv_fault_state": ("shared volume", ("fault_state",)),
    "break_connection": ("", ()),           # its value: seconds
    "set_properties": ("", ("kind", "name", "values")),
    **{action: (kind, ("state",)) for action, (kind, _) in STATE_ACTIONS.items()},
}
_PROPERTY_KINDS = ("cluster", "node", "group", "resource", "network", "netinterface")


def _seconds(ck: Checker, value: object, where: str, lo: float, hi: float, open_low: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        ck.fail(where, "must be a number of seconds, not %r" % (value,))
    if value < lo or value > hi or (open_low and value == lo):
        ck.fail(where, "must be %s %g and <= %g seconds" % (">" if open_low else ">=", lo, hi))
    return float(value)


def check_latency(ck: Checker, value: object) -> float:
    return _seconds(ck, value, "topology.latency", 0.0, MAX_LATENCY)


def _names(ck: Checker, topo: dict[str, Any]) -> dict[str, dict[str, str]]:
    """{kind: {name_key(name): name}} of the normalized topology, for references."""
    table = {"node": ck.node_keys, "group": ck.group_keys, "resource": ck.resource_keys,
             "network": ck.network_keys, "netinterface": ck.netif_keys}
    table["shared volume"] = {name_key(v["resource"]): v["resource"] for v in topo["shared_volumes"]}
    return table


def _step(ck: Checker, raw: object, where: str, topo: dict[str, Any],
          names: dict[str, dict[str, str]]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        ck.fail(where, "must be an object (dict), not %s" % type(raw).__name__)
    actions = [k for k in raw if k in ACTIONS]
    if len(actions) != 1:
        ck.fail(where, "needs exactly one action (one of %s), has %s" % (
            ", ".join(sorted(ACTIONS)), ", ".join(map(repr, actions)) or "none"))
    action = actions[0]
    kind, extra = ACTIONS[action]
    optional = {"fill_volume": list(extra), "set_properties": ["name"]}.get(action, [])
    required = ["at"] + [k for k in extra if k not in optional]
    ck.obj(raw, where, required + [action], optional)
    step: dict[str, Any] = {"at": _seconds(ck, raw["at"], where + ".at", 0.0, MAX_AT)}
    w = "%s.%s" % (where, action)
    if action == "break_connection":
        step[action] = _seconds(ck, raw[action], w, 0.0, 3600.0, open_low=True)
        return step
    if action == "set_properties":
        return _set_properties(ck, raw, where, step, names)
    target = ck.ref(raw[action], names[kind], w, kind)
    step[action] = target
    if action in STATE_ACTIONS:
        step["state"] = ck.state(STATE_ACTIONS[action][1], raw["state"], where + ".state").name
    elif action == "move_group":
        step["node"] = ck.ref(raw["node"], names["node"], where + ".node", "node")
    elif action == "csv_fault_state":
        step["fault_state"] = ck.integer(raw["fault_state"], where + ".fault_state", 0, 15)
    elif action == "fill_volume":
        total = next(v["total_bytes"] for v in topo["shared_volumes"] if v["resource"] == target)
        if ("free_bytes" in raw) == ("free_percent" in raw):
            ck.fail(where, "fill_volume takes one of 'free_bytes' or 'free_percent'")
        if "free_bytes" in raw:
            step["free_bytes"] = ck.integer(raw["free_bytes"], where + ".free_bytes", 0, total)
        else:
            pct = raw["free_percent"]
            if isinstance(pct, bool) or not isinstance(pct, (int, float)) or not 0 <= pct <= 100:
                ck.fail(where + ".free_percent", "must be a number from 0 to 100")
            step["free_percent"] = float(pct)
    return step


def _set_properties(ck: Checker, raw: dict[str, Any], where: str, step: dict[str, Any],
                    names: dict[str, dict[str, str]]) -> dict[str, Any]:
    """{"at": 3, "set_properties": true, "kind": "resource", "name": "SQL Server", "values": {...}}"""
    if raw["set_properties"] is not True:
        ck.fail(where + ".set_properties", "must be true (the object is given by 'kind' and 'name')")
    kind = raw["kind"]
    if kind not in _PROPERTY_KINDS:
        ck.fail(where + ".kind", "must be one of %s" % ", ".join(_PROPERTY_KINDS))
    if (kind == "cluster") == ("name" in raw):
        ck.fail(where + ".name", "names the object: required for every kind but cluster, which has none")
    name = None if kind == "cluster" else ck.ref(raw["name"], names[kind], where + ".name", kind)
    values = raw["values"]
    if not isinstance(values, dict) or not values:
        ck.fail(where + ".values", "must be a non-empty object of property name -> value")
    for prop, value in values.items():
        if not isinstance(prop, str) or not prop or "\0" in prop:
            ck.fail(where + ".values", "a property name is a non-empty str without NUL")
        try:
            coerce(value, None, "value")
        except (TypeError, ValueError) as exc:
            ck.fail("%s.values[%r]" % (where, prop), str(exc))
    step.update(set_properties=True, kind=kind, name=name, values=dict(values))
    return step


def check_scenario(ck: Checker, raw: object, topo: dict[str, Any]) -> dict[str, Any]:
    """A scenario -- a list of steps, or {"steps": [...], "repeat": bool,
    "period": seconds} -- checked against the normalized topology `topo`;
    returned as {"steps": [...] in time order, "repeat": bool, "period": s}."""
    where = "topology.scenario"
    if isinstance(raw, list):
        raw = {"steps": raw}
    spec = ck.obj(raw, where, ["steps"], ["repeat", "period"])
    steps_raw = spec["steps"]
    if not isinstance(steps_raw, list) or not steps_raw:
        ck.fail(where + ".steps", "must be a non-empty list of steps")
    if len(steps_raw) > MAX_STEPS:
        ck.fail(where + ".steps", "at most %d steps" % MAX_STEPS)
    names = _names(ck, topo)
    steps = [_step(ck, s, "%s.steps[%d]" % (where, i), topo, names) for i, s in enumerate(steps_raw)]
    steps.sort(key=lambda s: s["at"])       # stable: steps at the same time keep their order
    repeat = spec.get("repeat", False)
    if not isinstance(repeat, bool):
        ck.fail(where + ".repeat", "must be true or false")
    last = steps[-1]["at"]
    period = _seconds(ck, spec.get("period", last + 1.0), where + ".period", last, MAX_AT + 1.0, open_low=True)
    return {"steps": steps, "repeat": repeat, "period": period}
