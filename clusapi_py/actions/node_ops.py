"""Node maintenance as Operations: Node.pause() (with or without a drain) and
Node.resume().

- A pause without a drain (PauseClusterNode) and a resume (ResumeClusterNodeEx)
  are synchronous calls: the Operation is done when the call returns, at the
  cost of that one round trip (a resume's failback moves go on in the
  background: watch the groups).
- A drain (PauseClusterNodeEx with bDrainNode) answers ERROR_IO_PENDING: the
  node is paused and its roles move in the background.  The notification port
  is opened *before* the call; the wait then reads the node's state and
  NodeDrainStatus from the events (NODE_STATE, and the node's COMMON_PROPERTY
  event, which carries the changed values on a version-2 port) and polls
  nothing.  Done when the node is Paused and its drain COMPLETED; FAILED ends
  it as a failure whose outcome lists the roles still on the node (one read).
  A reconnect or lost-notifications event re-reads the node; so does a
  property event that carries no values (a version-1 port).  With a live
  view of the Cluster open (and current), the drain takes the node's and the
  roles' events from it (events/feed.py): the call is its only round trip, a
  resync re-reads the node from the view's model, and a view closed mid-wait
  hands over to a port of the drain's own.  The roles' own
  state and owner events are recorded (and handed to on_event) as they come.
- ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS (5962): a drain is under way already;
  the Operation attaches to it instead of failing.
"""
from __future__ import annotations

import time
import typing
import weakref
from typing import Optional

from .. import _bindings as bindings
from .. import errors
from .._validate import text_arg
from ..enums import Failback, NodeDrainStatus, NodeState, state_table
from ..events.feed import ViewFeed, open_feed
from ..events.port import NotificationPort, open_port
from ..events.types import ClusterEvent, EventKind
from ..handles._base import register_extension
from ..names import name_key
from ..records import Outcome
from .operation import _NODE_NAMES, Operation, _node_token

__all__ = ["NodeOperation", "node_op"]

ffi, lib = bindings.ffi, bindings.lib
_PENDING = 997                  # ERROR_IO_PENDING: the drain was accepted
_IN_PROGRESS_ALREADY = 5962     # ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS: attach to it
_NODE_DOWN = 5050               # a drain: no other node up
_TARGET_DOWN = 5005             # a drain: the target is not up
_REMAIN = 0x1                   # CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR
_FAILED_CODE = 5038             # ERROR_RESOURCE_FAILED: what a failed drain is reported with (as the actions)
_NODE_STATES = state_table(NodeState)
_DRAIN_STATES = state_table(NodeDrainStatus)
_RESYNC = frozenset({EventKind.CLUSTER_RECONNECT, EventKind.CLUSTER_LOST_NOTIFICATIONS})
_ROLE_KINDS = frozenset({EventKind.GROUP_STATE, EventKind.GROUP_OWNER_NODE})
_NODE_KINDS = (EventKind.NODE_STATE, EventKind.NODE_PROPERTIES, EventKind.NODE_DELETED)
_DRAIN_KINDS = (EventKind.NODE_STATE, EventKind.NODE_PROPERTIES, EventKind.NODE_DELETED, EventKind.GROUP_STATE,
                EventKind.GROUP_OWNER_NODE, EventKind.CLUSTER_RECONNECT, EventKind.CLUSTER_LOST_NOTIFICATIONS)


class NodeOperation(Operation):
    """A pause, drain or resume of a node (an Operation: wait(), wait_async(), done,
    outcome; cancel() is refused -- resume the node to stop a drain)."""

    __slots__ = ("_node_state", "_drain_status", "_drain_error", "_reason", "_paused_seen")

    _node_state: int
    _drain_status: int
    _drain_error: Optional[int]
    _reason: str
    _paused_seen: bool          # False: an Up may be the view's late news of an earlier resume

    def cancel(self) -> bool:
        raise TypeError("a node's %s cannot be cancelled: resume the node to stop a drain" % self.kind)

    # ---- what the port brings ---------------------------------------------------------------
    def _see(self, event: ClusterEvent) -> None:
        if event.kind in _RESYNC:
            self._reread()
            self._judge_node()
            return
        if event.kind in _ROLE_KINDS:      # the roles moving: recorded, not judged
            self._record(event)
            return
        if name_key(event.name) != name_key(self.target):
            return
        self._record(event)
        if event.kind is EventKind.NODE_DELETED:
            self._end(False, "the node was deleted")
            return
        if event.kind is EventKind.NODE_STATE and event.state is not None:
            self._node_state = int(event.state)
            self._paused_seen = self._paused_seen or self._node_state == NodeState.PAUSED
        elif event.kind is EventKind.NODE_PROPERTIES:
            try:
                values = event.properties()
            except ValueError:
                values = None
            if values is None:                  # no values carried (version 1): read them
                self._reread()
            else:
                status = values.get("NodeDrainStatus")
                if isinstance(status, int):
                    self._drain_status = status
                error = values.get("DrainErrorCode")
                if isinstance(error, int):
                    self._drain_error = error
        self._judge_node()

    def _record(self, event: ClusterEvent) -> None:
        self._events.append(event)
        if self._on_event is not None:
            self._on_event(event)

    def _reread(self) -> None:
        """The node's state and drain now: from the live view's model when the drain is watched
        through one and the model knows the drain, else read (a few round trips: reconnects and
        version-1 ports only)."""
        port = self._port
        self._paused_seen = True        # what is read now is the node's state now, not old news
        if isinstance(port, ViewFeed):
            row, status = port.read(), port.node_status()
            if row is not None and status is not None and status.drain_status is not None:
                self._node_state, self._drain_status = row[0], int(status.drain_status)
                return
        self._node_state = int(self._obj.state)
        drain = self._obj.drain_status()
        self._drain_status = int(drain.status)
        self._drain_error = drain.error

    def _watch_alone(self, feed: ViewFeed) -> None:
        """The live view closed under the wait: a port of the drain's own, then one read."""
        feed.close()
        self._port = _drain_port(self._obj)
        self._reread()
        self._judge_node()

    def _judge_node(self) -> None:
        state, drain = self._node_state, self._drain_status
        if state == NodeState.PAUSED and drain == NodeDrainStatus.COMPLETED:
            self._end(True, "")
        elif drain == NodeDrainStatus.FAILED:
            code = " (DrainErrorCode %d)" % self._drain_error if self._drain_error else ""
            self._end(False, "the drain FAILED%s" % code)
        elif state == NodeState.UP and self._paused_seen:
            self._end(False, "the node was resumed before its drain ended")
        elif state == NodeState.DOWN:
            self._end(False, "the node went down during its drain")

    def _end(self, ok: bool, reason: str) -> None:
        self._reason = reason
        roles: typing.Tuple[str, ...] = ()
        if not ok:
            try:
                roles = tuple(self._obj.group_names())
            except (errors.ClusterError, ValueError):
                roles = ()          # gone (deleted, closed): nothing to list
        self._outcome = self._node_outcome(ok, roles)
        self.close()

    def _node_outcome(self, ok: bool, roles: typing.Tuple[str, ...] = ()) -> Outcome:
        return Outcome(ok, _NODE_STATES[self._node_state], None, False, False, time.monotonic() - self._started,
                       tuple(self._events), roles)

    # ---- what the base class's wait() calls ------------------------------------------------------
    def _snapshot(self, ok: bool, returned: bool = False) -> Outcome:
        return self._node_outcome(ok)

    def _result(self) -> Outcome:
        outcome = self._outcome
        assert outcome is not None
        if outcome.ok:
            return outcome
        left = " (roles still on it: %s)" % ", ".join(outcome.roles) if outcome.roles else ""
        raise errors.ClusterOperationFailedError(_FAILED_CODE, "", "the %s of %r failed: %s%s"
                                                 % (self.kind, self.target, self._reason, left), self.target,
                                                 outcome=outcome)


def _drain_port(node: typing.Any) -> NotificationPort:
    return open_port(node.cluster, _DRAIN_KINDS, node_names=_NODE_NAMES.setdefault(node.cluster, {}))


def _new(node: typing.Any, kind: str, pending: bool, port: "NotificationPort | ViewFeed | None", state: int,
         drain: int) -> NodeOperation:
    op = NodeOperation.__new__(NodeOperation)
    op.kind, op.target, op.pending = kind, node.name, pending
    op._obj, op._port, op._events, op._started = node, port, [], time.monotonic()
    op._outcome, op._verdict, op._on_event = None, None, None
    op._node_state, op._drain_status, op._drain_error, op._reason = state, drain, None, ""
    op._paused_seen = True
    return op


def _failback(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("failback must be a Failback member (NONE, IMMEDIATE, POLICY), not %r" % (value,))
    try:
        return int(Failback(value))
    except ValueError:
        raise ValueError("failback must be 0 (NONE), 1 (IMMEDIATE) or 2 (POLICY), not %d" % value) from None


def _drain_error(exc: Exception, name: str) -> Exception:
    """A drain's refusal as its own class: 5050 no other node up, 5005 the target not up."""
    if isinstance(exc, errors.ClusterError):
        cls = {_NODE_DOWN: errors.ClusterNoDrainDestinationError,
               _TARGET_DOWN: errors.ClusterDrainTargetUnavailableError}.get(exc.winerror)
        if cls is not None:
            return cls(exc.winerror, exc.function, None, name)
    return exc


def node_op(node: typing.Any, kind: str, *, drain: bool = False, target: object = None, force: bool = False,
            failback: object = Failback.POLICY, reason: Optional[str] = None) -> Operation:
    """Node.pause() and Node.resume() (see the module docstring)."""
    if reason is not None:
        reason = text_arg(reason, "reason")
    wreason = reason if reason is not None else ffi.NULL
    if kind == "resume":
        value = _failback(failback)
        if lib.cs_node_resume(node._tok(), value, wreason) != 0:
            raise bindings.last_error(node._what, node.name)
        return _done(node, "resume", NodeState.UP)
    if not isinstance(drain, bool) or not isinstance(force, bool):
        raise TypeError("drain and force are True or False")
    if not drain:
        if target is not None or force:
            raise ValueError("a target and force apply to a drain: pass drain=True")
        if lib.cs_node_pause(node._tok(), 0, 0, 0, wreason) != 0:
            raise bindings.last_error(node._what, node.name)
        return _done(node, "pause", NodeState.PAUSED)
    token, _, opened = _node_token(node, target)
    try:
        fed = open_feed(node.cluster, node.name, "node", _NODE_KINDS, _ROLE_KINDS)
        port: "NotificationPort | ViewFeed" = fed[0] if fed is not None else _drain_port(node)
        try:
            code = lib.cs_node_pause(node._tok(), 1, 0 if force else _REMAIN, token, wreason)
            if code not in (0, _PENDING, _IN_PROGRESS_ALREADY):
                raise _drain_error(bindings.last_error(node._what, node.name), node.name)
        except BaseException:
            port.close()
            raise
    finally:
        if opened is not None:
            opened.close()
    op = _new(node, "drain", code != 0, port, int(NodeState.PAUSED), int(NodeDrainStatus.IN_PROGRESS))
    if fed is not None:
        # the view's seed said the node was not paused: an Up event may be the late news of an
        # earlier resume, not of one during this drain (judged only once Paused has been seen)
        op._paused_seen = fed[1][0] == NodeState.PAUSED
        weakref.finalize(op, fed[0].close)
    if code == 0:                       # not documented for a drain: read where it stands
        op._reread()
        op._judge_node()
    return op


def _done(node: typing.Any, kind: str, state: NodeState) -> Operation:
    """A synchronous call's Operation: done as the call returned."""
    op = _new(node, kind, False, None, int(state), int(NodeDrainStatus.NOT_INITIATED))
    op._outcome = op._node_outcome(True)
    return op


register_extension("node_op", node_op)
