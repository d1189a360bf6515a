"""Operations: an action on a group or a resource, started at once and waited on
through notifications.

Starting costs three round trips and never more: the notification port is
opened *before* the action (so no change between the call and the wait can be
missed), one state read seeds the wait with where the object starts (state and
owner node), then the action's own call.  When the Cluster object has a live
view open (and current), the operation takes the object's events from it
instead (events/feed.py): the seed comes from the view's model, and the action's
own call is the only round trip; if the view closes during the wait, the
operation opens a port of its own and reads the object once.  That call answers 0 (done, or nothing
to do), ERROR_IO_PENDING (997: accepted, going on in the cluster) or a refusal,
raised as its ClusterError with nothing changed and the port closed again.

Waiting polls nothing: every state, owner and StatusInformation change of the
object arrives on the port and is judged by actions.judge (state *and* owner
*and* not queued; never a Pending -> Online transition alone).  A reconnect or
lost-notifications event re-reads the one object (one round trip).  A wait
takes Ctrl-C (the port's get() waits in slices on the main thread) and a
timeout; a timed-out operation goes on and can be waited on again or cancelled.
"""
from __future__ import annotations

import asyncio
import time
import typing
import weakref
from typing import Callable, Optional, Tuple

from .. import _bindings as bindings
from .. import _consts as consts
from .. import errors
from .._validate import name_arg, text_arg
from ..enums import (GroupMoveFlags, GroupOfflineFlags, GroupOnlineFlags, GroupState, GroupStatusInformation,
                     ResourceOfflineFlags, ResourceOnlineFlags, ResourceState, check_flags, state_table)
from ..events.feed import ViewFeed, open_feed
from ..events.port import NotificationPort, open_port
from ..events.types import ClusterEvent, EventKind
from ..handles._base import register_extension
from ..handles.objects import Group, Node
from ..names import name_key
from ..properties.codec import build, parse
from ..properties.syntax import Syntax
from ..records import Outcome
from .judge import MOVES, Judge, Judgement, Observation, Request, Verdict

__all__ = ["Operation", "start", "act", "live_migration_instructions"]

ffi, lib = bindings.ffi, bindings.lib
_PENDING = consts.ERROR_IO_PENDING
_FAILED = consts.ERROR_RESOURCE_FAILED      # what a failed operation is reported with
_QUEUED = int(GroupStatusInformation.WAITING_IN_QUEUE_FOR_MOVE)
_STATES: typing.Dict[type, typing.Dict[int, typing.Any]] = {GroupState: state_table(GroupState),
                                                          ResourceState: state_table(ResourceState)}
_RESYNC = frozenset({EventKind.CLUSTER_RECONNECT, EventKind.CLUSTER_LOST_NOTIFICATIONS})
_GROUP_KINDS = (EventKind.GROUP_STATE, EventKind.GROUP_OWNER_NODE, EventKind.GROUP_PROPERTIES,
                EventKind.GROUP_DELETED, EventKind.CLUSTER_RECONNECT, EventKind.CLUSTER_LOST_NOTIFICATIONS)
_RESOURCE_KINDS = (EventKind.RESOURCE_STATE, EventKind.RESOURCE_DELETED, EventKind.CLUSTER_RECONNECT,
                   EventKind.CLUSTER_LOST_NOTIFICATIONS)
_ASYNC_SLICE = 0.05            # seconds a wait_async step blocks a worker thread
# {node id: name} per Cluster, shared by its operations' ports: an owner change names the
# node by id, and the nodes are read once per Cluster (on the first owner change), not per port.
_NODE_NAMES: "weakref.WeakKeyDictionary[typing.Any, typing.Dict[str, str]]" = weakref.WeakKeyDictionary()


def _status_information(payload: bytes) -> Optional[int]:
    """A group's StatusInformation from a common-property event's list, if it is in it."""
    try:
        for prop in parse(payload):
            if prop.name == "StatusInformation" and isinstance(prop.value, int):
                return prop.value
    except ValueError:          # not a property list we can read: nothing learned
        return None
    return None


class Operation:
    """An action under way (see the module docstring).  Made by the handles'
    action methods (Group.online(), Resource.restart(), ...), not directly."""

    __slots__ = ("kind", "target", "pending", "_obj", "_port", "_judge", "_observation", "_events", "_started",
                 "_outcome", "_verdict", "_on_event", "__weakref__")

    kind: str                   #: "online", "offline", "move", "live_migrate", "fail", "restart"
    target: str                 #: the group's or resource's name
    pending: bool               #: the call answered ERROR_IO_PENDING (997): accepted, going on
    _obj: typing.Any            # the Group or Resource acted on
    _port: Optional[typing.Union[NotificationPort, ViewFeed]]   # where the object's events come from
    _judge: Judge
    _observation: Observation   # the last state, owner and StatusInformation seen
    _events: typing.List[ClusterEvent]
    _started: float
    _outcome: Optional[Outcome]
    _verdict: Optional[Judgement]
    _on_event: Optional[Callable[[ClusterEvent], None]]

    def __init__(self) -> None:
        raise TypeError("operations are started by the handles' action methods (Group.online(), ...)")

    # ---- state -------------------------------------------------------------------------------
    @property
    def done(self) -> bool:
        """Whether the operation has ended (reads what already arrived; never waits)."""
        if self._outcome is None:
            self._drain(0.0)
        return self._outcome is not None

    @property
    def outcome(self) -> Optional[Outcome]:
        """The Outcome once done (None before)."""
        return self._outcome if self.done else None

    def __repr__(self) -> str:
        state = "done" if self._outcome is not None else "pending" if self.pending else "started"
        return "<Operation %s %r %s>" % (self.kind, self.target, state)

    # ---- waiting -----------------------------------------------------------------------------
    def wait(self, timeout: Optional[float] = None, *,
             on_event: Optional[Callable[[ClusterEvent], None]] = None) -> Outcome:
        """Waits until the operation ends: its Outcome when it succeeded;
        ClusterOperationFailedError (with .outcome) when it failed;
        ClusterTimeoutError (with .outcome, the last state seen) when `timeout`
        seconds pass first -- the operation goes on.  `on_event` is called with
        each event of the object as it arrives (the CLI prints them)."""
        self._on_event = on_event
        try:
            return self._wait(timeout)
        finally:
            self._on_event = None

    def _wait(self, timeout: Optional[float]) -> Outcome:
        if timeout is not None and not timeout >= 0:
            raise ValueError("timeout must be >= 0 seconds (or None to wait forever), not %r" % (timeout,))
        end = None if timeout is None else time.monotonic() + timeout
        while self._outcome is None:
            if self._port is None:
                raise ValueError("the %s of %r is no longer watched (closed): its outcome is unknown"
                                 % (self.kind, self.target))
            left = None if end is None else max(0.0, end - time.monotonic())
            self._drain(left)
            if self._outcome is None and end is not None and time.monotonic() >= end:
                raise errors.ClusterTimeoutError(
                    1460, "", "the %s of %r did not end within %s s; it goes on (wait again, or cancel it)"
                    % (self.kind, self.target, timeout), self.target, outcome=self._snapshot(False))
        return self._result()

    async def wait_async(self, timeout: Optional[float] = None) -> Outcome:
        """wait() for asyncio: the event loop runs while it waits; cancelling the
        task ends the wait within a fraction of a second (the operation goes on)."""
        if timeout is not None and not timeout >= 0:
            raise ValueError("timeout must be >= 0 seconds (or None to wait forever), not %r" % (timeout,))
        loop = asyncio.get_running_loop()
        end = None if timeout is None else loop.time() + timeout
        while self._outcome is None:
            if self._port is None:
                return self.wait(0.0)       # raises: no longer watched
            step = _ASYNC_SLICE if end is None else max(0.0, min(_ASYNC_SLICE, end - loop.time()))
            await loop.run_in_executor(None, self._drain, step)
            if self._outcome is None and end is not None and loop.time() >= end:
                return self.wait(0.0)       # raises the timeout with the last state seen
        return self._result()

    def cancel(self) -> bool:
        """Cancels a group operation (CancelClusterGroupOperation): True when it is
        cancelled (the operation ends: wait() raises ClusterOperationFailedError,
        "cancelled", with the state it was left in), False when the cancellation is
        going on (wait for the outcome);
        ClusterInvalidStateError (5023) when there is nothing left to cancel."""
        if not isinstance(self._judge.request.target_state, GroupState):
            raise TypeError("only a group's operation can be cancelled (CancelClusterGroupOperation)")
        code = lib.cs_group_cancel(self._obj._tok())
        if code == 0:
            if self._outcome is None:       # it will not happen: the operation ends, not ok
                self._finish(Judgement(Verdict.FAILED, False, "cancelled"))
            return True
        if code == _PENDING:
            return False
        raise bindings.last_error("group", self.target)

    def close(self) -> None:
        """Stops watching (closes the operation's notification port); the action goes on."""
        port = self._port
        if port is not None:
            self._port = None
            port.close()

    def __enter__(self) -> "Operation":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- inside ------------------------------------------------------------------------------
    def _drain(self, timeout: Optional[float]) -> None:
        """Reads what the port has (waiting up to `timeout` for the first event) and judges it."""
        port = self._port
        if port is None or self._outcome is not None:
            return
        event = port.get(timeout)
        while event is not None and self._outcome is None:
            self._see(event)
            event = port.get(0) if self._outcome is None else None
        if self._outcome is None and isinstance(port, ViewFeed) and port.lost:
            self._watch_alone(port)

    def _watch_alone(self, feed: ViewFeed) -> None:
        """The live view closed under the wait: a port of our own (opened first), then one read."""
        feed.close()
        self._port = _open_port(self._obj)
        self._observe(self._read())

    def _see(self, event: ClusterEvent) -> None:
        if event.kind in _RESYNC:
            self._observe(self._read())
            return
        if name_key(event.name) != name_key(self.target):
            return
        self._events.append(event)
        if self._on_event is not None:
            self._on_event(event)
        current = self._observation
        if event.kind in (EventKind.GROUP_DELETED, EventKind.RESOURCE_DELETED):
            self._finish(Judgement(Verdict.FAILED, False, "the %s was deleted" % self._obj._what))
            return
        if event.kind is EventKind.GROUP_OWNER_NODE:
            if event.owner_node:
                self._observe(current._replace(owner_node=event.owner_node))
        elif event.kind is EventKind.GROUP_PROPERTIES:
            bits = _status_information(event.payload)
            if bits is not None:
                self._observe(current._replace(status_information=bits))
        elif event.state is not None:
            owner = event.owner_node or current.owner_node
            self._observe(current._replace(state=int(event.state), owner_node=owner))

    def _read(self) -> Observation:
        """The object's state and owner now: one round trip, or none from a live view's model."""
        port = self._port
        if isinstance(port, ViewFeed):
            seen = port.read()
            if seen is None:
                self._finish(Judgement(Verdict.FAILED, False, "the %s is gone from the live view"
                                       % self._obj._what))
                return self._observation
            return self._observation._replace(state=seen[0], owner_node=seen[1])
        status = self._obj.status()
        return self._observation._replace(state=int(status.state), owner_node=status.owner_node or None)

    def _observe(self, observation: Observation) -> None:
        if self._outcome is not None:
            return
        self._observation = observation
        verdict = self._judge.observe(observation)
        if verdict.done:
            self._finish(verdict)

    def _finish(self, verdict: Judgement) -> None:
        self._verdict = verdict
        self._outcome = self._snapshot(verdict.ok, verdict.returned_to_source)
        self.close()

    def _snapshot(self, ok: bool, returned: bool = False) -> Outcome:
        o = self._observation
        state = _STATES[type(self._judge.request.target_state)][o.state]
        return Outcome(ok, state, o.owner_node or "", bool(o.status_information & _QUEUED), returned,
                       time.monotonic() - self._started, tuple(self._events))

    def _result(self) -> Outcome:
        outcome = self._outcome
        assert outcome is not None
        if outcome.ok:
            return outcome
        verdict = self._verdict
        reason = verdict.reason if verdict is not None else "failed"
        raise errors.ClusterOperationFailedError(_FAILED, "", "the %s of %r failed: %s"
                                                 % (self.kind, self.target, reason), self.target, outcome=outcome)


def start(obj: typing.Any, kind: str, target_state: typing.Union[GroupState, ResourceState],
          call: Callable[[], int], *, requested_node: Optional[str] = None, flags: int = 0) -> Operation:
    """Opens the port, reads where the object starts, makes the call (see the module
    docstring).  `call` makes the action's shim call and returns its code."""
    is_group = isinstance(target_state, GroupState)
    fed = open_feed(obj.cluster, obj.name, "group" if is_group else "resource",
                    _GROUP_KINDS if is_group else _RESOURCE_KINDS)
    port: typing.Union[NotificationPort, ViewFeed]
    if fed is not None:
        port, (state, source) = fed
    else:
        port = _open_port(obj)
    try:
        if fed is None:
            status = obj.status()
            state, source = int(status.state), status.owner_node or None
        if kind in MOVES:
            target_state = GroupState(state) if state in (GroupState.ONLINE, GroupState.OFFLINE,
                                                          GroupState.PARTIAL_ONLINE) else GroupState.ONLINE
        request = Request(kind, target_state, source, requested_node, int(flags), state)
        code = call()
        if code != 0 and code != _PENDING:
            raise bindings.last_error(obj._what, obj.name)
    except BaseException:
        port.close()
        raise
    op = Operation.__new__(Operation)
    op.kind, op.target, op.pending = kind, obj.name, code == _PENDING
    op._obj, op._port, op._events, op._started = obj, port, [], time.monotonic()
    op._outcome, op._verdict, op._on_event = None, None, None
    op._judge = Judge(request)
    op._observation = Observation(state, source, 0, False)
    if fed is not None:
        # an Operation dropped without a wait or a close: its feed leaves the view with it
        weakref.finalize(op, fed[0].close)
    if code == _PENDING and fed is not None:
        pass    # accepted: the view's seed may lag the cluster, so the events judge, not the seed
    elif code == 0 and kind in MOVES and source is not None and requested_node is not None \
            and name_key(source) == name_key(requested_node):
        op._finish(Judgement(Verdict.OK))   # already there: the call had nothing to do
    else:
        op._observe(op._observation)    # nothing to do: done at once
    return op


def _open_port(obj: typing.Any) -> NotificationPort:
    """A port for the events of obj's kind, sharing its Cluster's node-name map."""
    cluster = obj.cluster
    names = _NODE_NAMES.get(cluster)
    if names is None:
        names = _NODE_NAMES[cluster] = {}
    return open_port(cluster, _GROUP_KINDS if isinstance(obj, Group) else _RESOURCE_KINDS, node_names=names)


# ---- the actions -----------------------------------------------------------------------------------
_LIVE_MIGRATION = 4            # VM_RESDLL_CONTEXT: live-migrate, the value the VM resource types take
_LIVE_MIGRATION_TYPES = ("Virtual Machine", "Virtual Machine Configuration")


def _instructions(instructions: object) -> bytes:
    """The *Ex calls' per-resource-type list: {resource type: DWORD or text} -> a property list."""
    if instructions is None:
        return b""
    if isinstance(instructions, (bytes, bytearray)):
        return bytes(instructions)
    if not isinstance(instructions, typing.Mapping):
        raise TypeError("instructions must be a mapping {resource type: value} or a property list, not %s"
                        % type(instructions).__name__)
    items = []
    for name, value in instructions.items():
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("instruction %r: a DWORD or a text, not %s" % (name, type(value).__name__))
        items.append((text_arg(name, "resource type"), value, Syntax.DWORD if isinstance(value, int) else Syntax.SZ))
    return build(items)


def _node_token(obj: typing.Any, node: object) -> Tuple[int, Optional[str], Optional[typing.Any]]:
    """(node token or 0, its name, a handle this call opened and must close)."""
    if node is None:
        return 0, None, None
    if isinstance(node, str):
        opened = obj.cluster._open_node_argument(name_arg(node, "node name"))
        return opened._tok(), opened.name, opened
    if not isinstance(node, Node):
        raise TypeError("node must be a Node, a node name or None, not %s" % type(node).__name__)
    if node.cluster is not obj.cluster:
        raise ValueError("node %r belongs to another Cluster object than %r: open it from the same one"
                         % (node.name, obj.name))
    return node._tok(), node.name, None


def act(obj: typing.Any, kind: str, *, node: object = None, flags: object = 0, instructions: object = None,
        reason: Optional[str] = None) -> Operation:
    """The handles' action methods (Group.online(), Resource.fail(), ...) in one place."""
    is_group = isinstance(obj, Group)
    flag_type = _FLAG_TYPES[(is_group, kind)]
    checked = check_flags(flag_type, flags) if flag_type is not None else 0
    if reason is not None:
        reason = text_arg(reason, "reason")
    data = _instructions(instructions)
    buffer = data               # cffi passes the bytes' own buffer (the shim ignores it when empty)
    target = _TARGETS[(is_group, kind)]
    token, node_name, opened = _node_token(obj, node) if kind in ("online", "move", "live_migrate") and is_group \
        else (0, None, None)
    try:
        def call() -> int:
            tok = obj._tok()
            if is_group and kind == "online":
                return int(lib.cs_group_online(tok, token, int(checked), buffer, len(data), reason or ffi.NULL))
            if is_group and kind == "offline":
                return int(lib.cs_group_offline(tok, int(checked), buffer, len(data), reason or ffi.NULL))
            if is_group:
                return int(lib.cs_group_move(tok, token, int(checked), buffer, len(data), reason or ffi.NULL))
            if kind == "online":
                return int(lib.cs_resource_online(tok, int(checked), buffer, len(data), reason or ffi.NULL))
            if kind == "offline":
                return int(lib.cs_resource_offline(tok, int(checked), buffer, len(data), reason or ffi.NULL))
            if kind == "fail":
                return int(lib.cs_resource_fail(tok))
            return int(lib.cs_resource_restart(tok))
        return start(obj, kind, target, call, requested_node=node_name, flags=int(checked))
    finally:
        if opened is not None:
            opened.close()


def live_migration_instructions() -> typing.Dict[str, int]:
    """The documented instruction list of a live migration (MoveClusterGroupEx)."""
    return {t: _LIVE_MIGRATION for t in _LIVE_MIGRATION_TYPES}


_FLAG_TYPES: typing.Dict[Tuple[bool, str], typing.Optional[type]] = {
    (True, "online"): GroupOnlineFlags, (True, "offline"): GroupOfflineFlags, (True, "move"): GroupMoveFlags,
    (True, "live_migrate"): GroupMoveFlags, (False, "online"): ResourceOnlineFlags,
    (False, "offline"): ResourceOfflineFlags, (False, "fail"): None, (False, "restart"): None,
}
_TARGETS: typing.Dict[Tuple[bool, str], typing.Union[GroupState, ResourceState]] = {
    (True, "online"): GroupState.ONLINE, (True, "offline"): GroupState.OFFLINE, (True, "move"): GroupState.ONLINE,
    (True, "live_migrate"): GroupState.ONLINE, (False, "online"): ResourceState.ONLINE,
    (False, "offline"): ResourceState.OFFLINE, (False, "fail"): ResourceState.FAILED,
    (False, "restart"): ResourceState.ONLINE,
}


register_extension("act", act)
