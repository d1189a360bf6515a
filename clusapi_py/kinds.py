"""The object kinds, one row each: the cluster, nodes, groups, resources,
networks and net interfaces.  A row holds what the package needs to know
of a kind -- its name (as the simulator, the CLI and topologies spell it),
the shim's id (CS_KIND_*), its state enum, its property control codes, its
snapshot property section and its text for messages -- so adding a kind is
one row here, one row in the shim's table (core/cs_kinds.c) and one
dispatch case per call family.  tests/unit/test_kinds.py holds the two
tables equal.
"""
from __future__ import annotations

import dataclasses
import enum
from typing import Any, Generic, Optional, Tuple, TypeVar

from . import _bindings
from . import _consts as consts
from .enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, state_table

__all__ = ["ObjectKind", "CLUSTER", "NODE", "GROUP", "RESOURCE", "NETWORK", "NETINTERFACE", "OBJECT_KINDS",
           "BY_NAME", "BY_ID", "NAMES", "TOKEN_KIND_NAMES", "PROPERTY_SECTIONS"]

lib = _bindings.lib
_S = TypeVar("_S", bound=enum.IntEnum)


@dataclasses.dataclass(frozen=True)
class ObjectKind(Generic[_S]):
    """One object kind.  `states` is None for the cluster (it has no Get*State)."""

    name: str                           # "netinterface"
    id: int                             # CS_KIND_*: what the shim's calls take
    text: str                           # "net interface": how messages name one
    states: Optional[type[_S]]          # the state enum (CLUSTER_*_STATE)
    # CLUSCTL_*_GET_COMMON_PROPERTIES, ..._GET_RO_COMMON_..., ..._GET_PRIVATE_..., ..._GET_RO_PRIVATE_...
    property_codes: Tuple[int, int, int, int]
    property_section: Optional[int]     # CS_SECTION_*_PROPERTIES of a snapshot; None: not in it

    def state_table(self) -> dict[int, _S | int]:
        """value -> member of the state enum; a value it does not know looks up as itself (a plain int)."""
        if self.states is None:
            raise ValueError("a %s has no state" % self.text)
        return state_table(self.states)

    def __repr__(self) -> str:
        return "<ObjectKind %s>" % self.name


def _codes(obj: str) -> Tuple[int, int, int, int]:
    """The four property codes of a CLUSCTL object name ("NODE")."""
    return (getattr(consts, "CLUSCTL_%s_GET_COMMON_PROPERTIES" % obj),
            getattr(consts, "CLUSCTL_%s_GET_RO_COMMON_PROPERTIES" % obj),
            getattr(consts, "CLUSCTL_%s_GET_PRIVATE_PROPERTIES" % obj),
            getattr(consts, "CLUSCTL_%s_GET_RO_PRIVATE_PROPERTIES" % obj))


CLUSTER: ObjectKind[Any] = ObjectKind("cluster", lib.CS_KIND_CLUSTER, "cluster", None, _codes("CLUSTER"),
                                      lib.CS_SECTION_CLUSTER_PROPERTIES)
NODE = ObjectKind("node", lib.CS_KIND_NODE, "node", NodeState, _codes("NODE"), lib.CS_SECTION_NODE_PROPERTIES)
GROUP = ObjectKind("group", lib.CS_KIND_GROUP, "group", GroupState, _codes("GROUP"),
                   lib.CS_SECTION_GROUP_PROPERTIES)
RESOURCE = ObjectKind("resource", lib.CS_KIND_RESOURCE, "resource", ResourceState, _codes("RESOURCE"),
                      lib.CS_SECTION_RESOURCE_PROPERTIES)
NETWORK = ObjectKind("network", lib.CS_KIND_NETWORK, "network", NetworkState, _codes("NETWORK"),
                     lib.CS_SECTION_NETWORK_PROPERTIES)
NETINTERFACE = ObjectKind("netinterface", lib.CS_KIND_NETINTERFACE, "net interface", NetInterfaceState,
                          _codes("NETINTERFACE"), None)

#: In the shim's id order.
OBJECT_KINDS: Tuple[ObjectKind[Any], ...] = (CLUSTER, NODE, GROUP, RESOURCE, NETWORK, NETINTERFACE)
BY_NAME: dict[str, ObjectKind[Any]] = {k.name: k for k in OBJECT_KINDS}
BY_ID: dict[int, ObjectKind[Any]] = {k.id: k for k in OBJECT_KINDS}
#: "cluster", "node", ..., "netinterface"
NAMES: Tuple[str, ...] = tuple(BY_NAME)
#: The name of every token kind by id, the two that are no object kind included (the simulator counts its handles so).
TOKEN_KIND_NAMES: Tuple[str, ...] = tuple(
    {**{k.id: k.name for k in OBJECT_KINDS}, lib.CS_KIND_ENUM: "enum", lib.CS_KIND_NOTIFY: "notify"}[i]
    for i in range(lib.CS_KIND_COUNT))
#: snapshot section -> kind, in section order
PROPERTY_SECTIONS: dict[int, ObjectKind[Any]] = dict(sorted(
    (k.property_section, k) for k in OBJECT_KINDS if k.property_section is not None))
