"""When is an action done?  The completion rule, as a pure function of what was
asked (a Request) and what is seen (an Observation), and a Judge that folds a
sequence of observations into at most one verdict.

The rule (docs/design.md, "Acting on the cluster: the completion rule"):

- A call's return says nothing about the end state (MoveClusterGroup remarks),
  and a group can stay Online on the source for a while after a move was
  accepted, queued or not yet started: so nothing is judged on the state alone
  until the action is *underway* -- the state has left the one it started in,
  or (for a move) the owner has changed.
- move / live_migrate: done when the group is in its target state (the state
  it was in before the move: it is put back in it) on a node other than the
  source -- the requested node when one was given -- and not queued
  (StatusInformation 0x4).  Failed when it is Failed, when a resource vetoed
  the move, when it settles back on the source after leaving it
  (returned_to_source), or when it settles on a third node although a node was
  requested.  Anything else (Offline during the hand-over, Pending,
  PartialOnline, Unknown) is pending: the caller's timeout bounds the wait.
- online / offline / fail / restart: done when the target state is reached;
  Pending states (and Unknown, which says nothing) go on; any other state ends
  it as a failure -- except Offline during a restart, which is its first half.
- The queued bit never counts as done.
"""
from __future__ import annotations

import enum
import typing
from typing import Optional, Union

from ..enums import GroupMoveFlags, GroupState, GroupStatusInformation, ResourceState

__all__ = ["KINDS", "MOVES", "Verdict", "Request", "Observation", "Judgement", "judge", "underway", "Judge"]

KINDS = ("online", "offline", "move", "live_migrate", "fail", "restart")
MOVES = frozenset({"move", "live_migrate"})

State = Union[GroupState, ResourceState]

_GROUP_PASSING = frozenset({GroupState.PENDING, GroupState.UNKNOWN})
_RESOURCE_PASSING = frozenset({ResourceState.PENDING, ResourceState.ONLINE_PENDING, ResourceState.OFFLINE_PENDING,
                               ResourceState.INITIALIZING, ResourceState.UNKNOWN})
_QUEUED = int(GroupStatusInformation.WAITING_IN_QUEUE_FOR_MOVE)


class Verdict(enum.Enum):
    PENDING = "pending"
    OK = "ok"
    FAILED = "failed"


class Request(typing.NamedTuple):
    """What was asked.  target_state: a GroupState or ResourceState member (its type
    says which kind of object); for a move, the state the group was in before it.
    start_state: the state read before the call (None: not known, the action
    counts as underway from the first observation).  flags: the call's flags
    (GroupMoveFlags for a move)."""

    kind: str
    target_state: State
    source_node: Optional[str]
    requested_node: Optional[str] = None
    flags: int = 0
    start_state: Optional[int] = None


class Observation(typing.NamedTuple):
    """What is seen: the state (an int or a member), the owner node (None: not
    known), the group's StatusInformation bits, and whether a resource vetoed the move."""

    state: int
    owner_node: Optional[str]
    status_information: int = 0
    vetoed: bool = False

    @property
    def queued(self) -> bool:
        return bool(self.status_information & _QUEUED)


class Judgement(typing.NamedTuple):
    verdict: Verdict
    returned_to_source: bool = False
    reason: str = ""

    @property
    def done(self) -> bool:
        return self.verdict is not Verdict.PENDING

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK


PENDING = Judgement(Verdict.PENDING)


def _check(request: Request) -> None:
    if request.kind not in KINDS:
        raise ValueError("unknown operation kind %r (one of %s)" % (request.kind, ", ".join(KINDS)))
    if not isinstance(request.target_state, (GroupState, ResourceState)):
        raise TypeError("target_state must be a GroupState or ResourceState member, not %r"
                        % (request.target_state,))
    if request.kind in MOVES and not isinstance(request.target_state, GroupState):
        raise TypeError("a %s acts on a group: its target_state is a GroupState" % request.kind)


def _failed_state(request: Request) -> int:
    return int(GroupState.FAILED if isinstance(request.target_state, GroupState) else ResourceState.FAILED)


def underway(request: Request, observation: Observation) -> bool:
    """Whether this observation shows the action taking effect: the state differs
    from the one it started in, or, for a move, the owner differs from the source."""
    _check(request)
    start = request.start_state
    if start is None:
        if request.kind not in MOVES:
            return True
        start = int(request.target_state)
    if int(observation.state) != int(start):
        return True
    return (request.kind in MOVES and observation.owner_node is not None
            and request.source_node is not None and observation.owner_node != request.source_node)


def judge(request: Request, observation: Observation, *, started: bool) -> Judgement:
    """The verdict on one observation; `started`: the action has been seen underway
    (by this observation or an earlier one, see underway())."""
    _check(request)
    state = int(observation.state)
    target = int(request.target_state)
    if observation.vetoed:
        back = observation.owner_node is not None and observation.owner_node == request.source_node
        return Judgement(Verdict.FAILED, back, "a resource vetoed the %s" % request.kind)
    if not started:   # still as it was before the call (a Failed resource being brought online, say)
        if state == target and not observation.queued and request.kind not in MOVES and request.kind != "restart":
            return Judgement(Verdict.OK, False, "")    # nothing to do: it is there already
        return PENDING
    if state == _failed_state(request) and target != state:
        return Judgement(Verdict.FAILED, False, "the %s ended Failed" % _object(request))
    if observation.queued:
        return PENDING
    if request.kind in MOVES:
        return _judge_move(request, observation)
    if state == target:
        return Judgement(Verdict.OK, False, "")
    passing = _GROUP_PASSING if isinstance(request.target_state, GroupState) else _RESOURCE_PASSING
    if state in {int(s) for s in passing}:
        return PENDING
    if request.kind == "restart" and state == int(ResourceState.OFFLINE):
        return PENDING
    return Judgement(Verdict.FAILED, False, "the %s ended in state %s, not %s"
                     % (_object(request), _name(request, state), request.target_state.name))


def _judge_move(request: Request, observation: Observation) -> Judgement:
    if int(observation.state) != int(request.target_state) or observation.owner_node is None:
        return PENDING
    owner = observation.owner_node
    if owner == request.source_node:
        asked = " (RETURN_TO_SOURCE_NODE_ON_ERROR)" if request.flags & GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR else ""
        return Judgement(Verdict.FAILED, True, "the move failed: the group is back on the source node %s%s"
                         % (owner, asked))
    if request.requested_node is not None and owner != request.requested_node:
        return Judgement(Verdict.FAILED, False, "the group settled on %s, not on the requested node %s"
                         % (owner, request.requested_node))
    return Judgement(Verdict.OK, False, "")


def _object(request: Request) -> str:
    return "group" if isinstance(request.target_state, GroupState) else "resource"


def _name(request: Request, state: int) -> str:
    cls = type(request.target_state)
    try:
        return cls(state).name
    except ValueError:
        return str(state)


class Judge:
    """Folds observations into at most one verdict: the first final judgement
    (OK or FAILED) is kept, and every later observation gets it back."""

    def __init__(self, request: Request) -> None:
        _check(request)
        self.request = request
        self.started = False
        self.final: Optional[Judgement] = None

    def observe(self, observation: Observation) -> Judgement:
        if self.final is not None:
            return self.final
        self.started = self.started or underway(self.request, observation)
        verdict = judge(self.request, observation, started=self.started)
        if verdict.done:
            self.final = verdict
        return verdict
