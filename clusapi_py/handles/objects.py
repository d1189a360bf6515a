"""The handles opened from a Cluster: Node, Group, Resource, Network,
NetInterface -- state, status, id and the names each one lists.

A state is the kind's IntEnum member, or a plain int for a value the enum
does not know (a newer Windows's state): `NodeState | int`, and so on.
"""
from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Generic, Iterable, Mapping, Optional, TypeVar, Union

from .. import _bindings as bindings
from .. import _consts as consts
from .. import kinds
from ..enums import (Failback, GroupMoveFlags, GroupOfflineFlags, GroupOnlineFlags, GroupState, NetInterfaceState,
                     NetworkState, NodeDrainStatus, NodeState, ResourceOfflineFlags, ResourceOnlineFlags, ResourceState,
                     state_table)
from ..properties.mixin import GroupControlsMixin, PropertiesMixin, ResourceControlsMixin
from ..records import DrainStatus, GroupStatus, ResourceStatus
from . import config as _config
from ._base import (
    _NAME_FIELD, _STATE_FAILED, _STATUS_BUFFER, _STATUS_TOO_LONG, _cs_state, _cs_status_into, _ffi_new, _ffi_string,
    _Handle, extension,
)

if TYPE_CHECKING:   # cluster.py imports this module; the reverse edge exists for the checker only
    from ..actions.operation import Operation
    from .cluster import Cluster

#: The *Ex calls' instructions: {resource type: DWORD or text}, or an encoded property list.
Instructions = Union[Mapping[str, Union[int, str]], bytes, None]

lib = bindings.lib

__all__ = ["Node", "Group", "Resource", "Network", "NetInterface"]

# Value -> member tables: much cheaper than calling the enum class per value,
# and a value the enum does not know comes back as a plain int.
_GROUP_STATES = kinds.GROUP.state_table()
_RESOURCE_STATES = kinds.RESOURCE.state_table()
_DRAIN_STATES = state_table(NodeDrainStatus)

_S = TypeVar("_S", bound=enum.IntEnum)


class _Object(_Handle, PropertiesMixin, Generic[_S]):
    """A handle obtained from a Cluster; keeps that Cluster alive.  _S is the kind's state enum."""

    __slots__ = ("_cluster",)
    _kind = -1
    _states: dict[int, _S | int]    # value -> member table of the kind's state enum (each kind sets it)
    _cluster: Cluster
    _name: str

    @property
    def cluster(self) -> Cluster:
        """The Cluster this object was opened from (kept alive by it)."""
        return self._cluster

    @property
    def name(self) -> str:
        """The name it was opened by (ValueError once closed, like every use of a closed handle)."""
        self._tok()
        return self._name

    @property
    def state(self) -> _S | int:
        """The current state (one Get*State call): the enum member, or a plain int the enum does not know."""
        value = _cs_state(self._tok())
        if value == bindings.STATE_FAILED:
            exc = bindings.state_failure(self._what, self._name)
            if exc is not None:
                raise exc
        return self._states[value]

    def _names(self, enum_type: int, timeout: "float | None" = None) -> "list[str]":
        token = self._tok()
        limit = bindings.timeout_arg(timeout)
        fields, _, _ = bindings.call_limited(lib.cs_list_limited, token, enum_type, timeout=limit,
                                   waits=self._backend._waits, what=self._what, name=self._name)
        return fields

    def _id(self) -> str:
        fields, _ = bindings.call_result(lib.cs_object_id, self._tok(), what=self._what, name=self._name)
        return fields[0]

    _status_fields = 1      # owner node; a resource adds its group

    def _status(self) -> tuple[Any, ...]:
        """(state value, owner node[, group]) from one Get*State call: (int, str) for a group,
        (int, str, str) for a resource (the callers unpack it with declared types)."""
        token = self._tok()
        buf = _ffi_new(_STATUS_BUFFER)   # this call's own: no signal handler or finalizer can overwrite it
        state = _cs_status_into(token, buf, _NAME_FIELD)
        if state == _STATE_FAILED:
            raise bindings.last_error(self._what, self._name)
        if state == _STATUS_TOO_LONG:
            # A name longer than the buffer: take the allocating path.
            fields, ints = bindings.call_result(lib.cs_status, token, what=self._what, name=self._name)
            return (int(ints[0]), *fields)
        if self._status_fields == 1:
            return state, _ffi_string(buf)
        return state, _ffi_string(buf), _ffi_string(buf + _NAME_FIELD)


class Node(_Object[NodeState]):
    __slots__ = ()
    _what = kinds.NODE.text
    _kind = kinds.NODE.id
    _states = kinds.NODE.state_table()

    @property
    def id(self) -> str:
        """The object's id (a GUID string; for a node, its number), read from the cluster."""
        return self._id()

    def netinterface_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_NODE_ENUM_NETINTERFACES, timeout)

    def group_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_NODE_ENUM_GROUPS, timeout)

    # ---- maintenance (clusapi_py.actions.node_ops): each returns an Operation at once ---------------
    def pause(self, *, drain: bool = False, target: "Node | str | None" = None, force: bool = False,
              reason: Optional[str] = None) -> Operation:
        """Pauses the node: PauseClusterNode; with drain=True PauseClusterNodeEx, whose roles move
        to `target` (or where the cluster chooses).  force=False keeps a role that cannot move on
        the paused node (REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR); force=True moves it anyway, failed
        (-ForceDrain).  A drain is done when the node is Paused and its drain COMPLETED; a FAILED
        drain raises ClusterOperationFailedError from wait() (.outcome.roles: the roles left).
        A reason takes PauseClusterNodeEx2."""
        op: Operation = extension("node_op")(self, "pause", drain=drain, target=target, force=force, reason=reason)
        return op

    def resume(self, *, failback: "Failback | int" = Failback.POLICY, reason: Optional[str] = None) -> Operation:
        """Resumes a paused node (ResumeClusterNodeEx; ResumeClusterNodeEx2 with a reason), its
        roles failing back per `failback`.  Done when the node is Up (the call is synchronous);
        the failback moves go on in the background.  A clusapi.dll without the Ex call
        (Windows Server 2008) resumes with `failback=Failback.NONE` only (ResumeClusterNode)."""
        op: Operation = extension("node_op")(self, "resume", failback=failback, reason=reason)
        return op

    def drain_status(self) -> DrainStatus:
        """The node's drain from its read-only common properties NodeDrainStatus,
        NodeDrainTarget and (Windows Server 2022) DrainErrorCode (the common property list: two
        control calls)."""
        values = self.properties()
        raw = values.get("NodeDrainStatus", 0)
        status = _DRAIN_STATES[raw] if isinstance(raw, int) else int(NodeDrainStatus.NOT_INITIATED)
        target = values.get("NodeDrainTarget")
        error = values.get("DrainErrorCode")
        return DrainStatus(status, target if isinstance(target, str) and target else None,
                           error if isinstance(error, int) else None)


class Group(_Object[GroupState], GroupControlsMixin):
    __slots__ = ()
    _what = kinds.GROUP.text
    _kind = kinds.GROUP.id
    _states = _GROUP_STATES

    @property
    def id(self) -> str:
        """The object's id (a GUID string; for a node, its number), read from the cluster."""
        return self._id()

    def status(self) -> GroupStatus:
        """State and owner node from one GetClusterGroupState call."""
        state: int
        owner: str
        state, owner = self._status()
        return GroupStatus(_GROUP_STATES[state], owner)

    @property
    def owner_node(self) -> str:
        """The owner node's name ("" when none), from status()."""
        return self.status().owner_node

    def resource_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_GROUP_ENUM_CONTAINS, timeout)

    def preferred_owner_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_GROUP_ENUM_NODES, timeout)

    def preferred_owners(self) -> "list[str]":
        """The preferred owner nodes, most preferred first (CLUSTER_GROUP_ENUM_NODES)."""
        return self.preferred_owner_names()

    def set_preferred_owners(self, nodes: "Iterable[Node | str]") -> None:
        """Sets the preferred owners, most preferred first (SetClusterGroupNodeList): Node
        handles of this Cluster or node names; [] clears the list.  A node named twice is a
        ValueError before any call.  Needs a handle opened with full access."""
        _config.set_preferred_owners(self, nodes)

    # ---- actions (clusapi_py.actions): each returns an Operation at once ------------------------
    def online(self, node: "Node | str | None" = None, *, flags: GroupOnlineFlags = GroupOnlineFlags(0),
               instructions: Instructions = None, reason: Optional[str] = None) -> Operation:
        """Brings the group online (on `node`, or where the cluster chooses): OnlineClusterGroup,
        *Ex with flags or instructions, *Ex2 with a reason."""
        op: Operation = extension("act")(self, "online", node=node, flags=flags, instructions=instructions,
                                         reason=reason)
        return op

    def offline(self, *, flags: GroupOfflineFlags = GroupOfflineFlags(0), instructions: Instructions = None,
                reason: Optional[str] = None) -> Operation:
        """Takes the group offline: OfflineClusterGroup (*Ex, *Ex2 as for online())."""
        op: Operation = extension("act")(self, "offline", flags=flags, instructions=instructions, reason=reason)
        return op

    def move(self, node: "Node | str | None" = None, *, flags: GroupMoveFlags = GroupMoveFlags(0),
             instructions: Instructions = None, reason: Optional[str] = None) -> Operation:
        """Moves the group to `node` (None: the cluster's choice): MoveClusterGroup (*Ex, *Ex2).
        Done when it is back in its state on another node and not queued."""
        op: Operation = extension("act")(self, "move", node=node, flags=flags, instructions=instructions,
                                         reason=reason)
        return op

    def live_migrate(self, node: "Node | str | None" = None, *, reason: Optional[str] = None) -> Operation:
        """Live-migrates the group's virtual machine: MoveClusterGroupEx with the documented flags
        (RETURN_TO_SOURCE_NODE_ON_ERROR, QUEUE_ENABLED, HIGH_PRIORITY_START) and instruction list
        ({"Virtual Machine": 4, "Virtual Machine Configuration": 4})."""
        op: Operation = extension("act")(self, "live_migrate", node=node, reason=reason,
                                         flags=GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR
                                         | GroupMoveFlags.QUEUE_ENABLED | GroupMoveFlags.HIGH_PRIORITY_START,
                                         instructions={"Virtual Machine": 4, "Virtual Machine Configuration": 4})
        return op


class Resource(_Object[ResourceState], ResourceControlsMixin):
    __slots__ = ()
    _what = kinds.RESOURCE.text
    _status_fields = 2
    _kind = kinds.RESOURCE.id
    _states = _RESOURCE_STATES

    @property
    def id(self) -> str:
        """The object's id (a GUID string; for a node, its number), read from the cluster."""
        return self._id()

    def status(self) -> ResourceStatus:
        """State, owner node and group from one GetClusterResourceState call."""
        state: int
        owner: str
        group: str
        state, owner, group = self._status()
        return ResourceStatus(_RESOURCE_STATES[state], owner, group)

    @property
    def owner_node(self) -> str:
        """The owner node's name ("" when none), from status()."""
        return self.status().owner_node

    @property
    def group_name(self) -> str:
        """The resource's group, from status()."""
        return self.status().group_name

    def dependency_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_RESOURCE_ENUM_DEPENDS, timeout)

    def possible_owner_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_RESOURCE_ENUM_NODES, timeout)

    def dependency_expression(self) -> str:
        """The dependency expression ("[A] and [B]"; "" for none): GetClusterResourceDependencyExpression."""
        return _config.dependency_expression(self)

    def set_dependencies(self, expression: "str | Iterable[str]") -> str:
        """Replaces the resource's dependencies (SetClusterResourceDependencyExpression): an
        expression ("[A] and ([B] or [C])"; "" clears them) or a list of names (joined with
        "and").  Checked before the call: the grammar, the resource itself, a name given twice,
        a resource that does not exist or is in another group (ValueError, nothing sent).  The
        cluster's refusals (87, 5003, 1059) raise ClusterDependencyError, 5019 (the resource is
        online and a new provider is not) ClusterInvalidStateError.  Returns the expression set."""
        return _config.set_dependencies(self, expression)

    # ---- actions (clusapi_py.actions): each returns an Operation at once ------------------------
    def online(self, *, flags: ResourceOnlineFlags = ResourceOnlineFlags(0), instructions: Instructions = None,
               reason: Optional[str] = None) -> Operation:
        """Brings the resource (and the resources it depends on) online: OnlineClusterResource,
        *Ex with flags or instructions, *Ex2 with a reason."""
        op: Operation = extension("act")(self, "online", flags=flags, instructions=instructions, reason=reason)
        return op

    def offline(self, *, flags: ResourceOfflineFlags = ResourceOfflineFlags(0), instructions: Instructions = None,
                reason: Optional[str] = None) -> Operation:
        """Takes the resource (its dependents first) offline: OfflineClusterResource (*Ex, *Ex2)."""
        op: Operation = extension("act")(self, "offline", flags=flags, instructions=instructions, reason=reason)
        return op

    def fail(self) -> Operation:
        """Fails the resource on purpose (FailClusterResource), to test the restart and failover
        policies; done when it is seen Failed."""
        op: Operation = extension("act")(self, "fail")
        return op

    def restart(self) -> Operation:
        """Takes the resource offline and back online (RestartClusterResource)."""
        op: Operation = extension("act")(self, "restart")
        return op


class Network(_Object[NetworkState]):
    __slots__ = ()
    _what = kinds.NETWORK.text
    _kind = kinds.NETWORK.id
    _states = kinds.NETWORK.state_table()

    @property
    def id(self) -> str:
        """The object's id (a GUID string; for a node, its number), read from the cluster."""
        return self._id()

    def netinterface_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_NETWORK_ENUM_NETINTERFACES, timeout)


class NetInterface(_Object[NetInterfaceState]):
    __slots__ = ()
    _what = kinds.NETINTERFACE.text
    _kind = kinds.NETINTERFACE.id
    _states = kinds.NETINTERFACE.state_table()
