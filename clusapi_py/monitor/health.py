"""The health rules: what in a Snapshot is critical, what is a warning.

Pure: it reads a Snapshot's rows and knows nothing of handles or backends.
"""
from __future__ import annotations

import enum
from typing import Literal, Protocol, Sequence

from ..enums import GroupState, NodeState, ResourceState, state_name

__all__ = ["OK", "WARNING", "CRITICAL", "evaluate", "needs_attention"]

from ..records import GroupInfo, NodeInfo, ResourceInfo

Verdict = Literal["OK", "WARNING", "CRITICAL"]
OK: Verdict
WARNING: Verdict
CRITICAL: Verdict
OK, WARNING, CRITICAL = "OK", "WARNING", "CRITICAL"


class Rows(Protocol):
    """What the rules read: a Snapshot's rows (snapshot.py is above this pure module)."""

    @property
    def nodes(self) -> Sequence[NodeInfo]: ...
    @property
    def groups(self) -> Sequence[GroupInfo]: ...
    @property
    def resources(self) -> Sequence[ResourceInfo]: ...

_RESOURCE_FINE = (ResourceState.ONLINE, ResourceState.INHERITED)


def needs_attention(resource: ResourceInfo) -> bool:
    """Whether a resource row is failed, offline or pending (anything but online or inherited)."""
    return resource.state not in _RESOURCE_FINE


def _lower(state: enum.Enum | int) -> str:
    return str(state_name(state)).lower()


def evaluate(snapshot: Rows) -> tuple[Verdict, list[str]]:
    """(verdict, problems): CRITICAL when a node is down or a group or resource
    failed, WARNING when anything else is not up / online, else OK; the
    critical problems come first."""
    critical: list[str]
    warning: list[str]
    critical, warning = [], []
    for n in snapshot.nodes:
        if n.state == NodeState.DOWN:
            critical.append("node %s is down" % n.name)
        elif n.state != NodeState.UP:
            warning.append("node %s is %s" % (n.name, _lower(n.state)))
    for g in snapshot.groups:
        if g.state == GroupState.FAILED:
            critical.append("group %s failed" % g.name)
        elif g.state != GroupState.ONLINE:
            warning.append("group %s is %s" % (g.name, _lower(g.state)))
    for r in snapshot.resources:
        if r.state == ResourceState.FAILED:
            critical.append("resource %s failed" % r.name)
        elif needs_attention(r):
            warning.append("resource %s is %s" % (r.name, _lower(r.state)))
    verdict = CRITICAL if critical else WARNING if warning else OK
    return verdict, critical + warning
