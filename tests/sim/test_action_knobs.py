"""The simulator's knobs for the action calls (issue 17): how long a pending
phase lasts, a manual clock a test advances, what bringing a resource online
does, and the *Ex2 exports (hidden by default).  The actions themselves are
held by tests/c/test_actions.c (state machine, dependencies, moves, events,
refusals)."""
import pytest

from clusapi_py import errors

EX2 = ("OnlineClusterGroupEx2", "OfflineClusterGroupEx2", "MoveClusterGroupEx2",
       "OnlineClusterResourceEx2", "OfflineClusterResourceEx2", "PauseClusterNodeEx2", "ResumeClusterNodeEx2")
ACTIONS = ("PauseClusterNode", "ResumeClusterNode", "PauseClusterNodeEx", "ResumeClusterNodeEx","OnlineClusterGroup", "OfflineClusterGroup", "MoveClusterGroup", "OnlineClusterGroupEx",
           "OfflineClusterGroupEx", "MoveClusterGroupEx", "CancelClusterGroupOperation", "OnlineClusterResource",
           "OfflineClusterResource", "OnlineClusterResourceEx", "OfflineClusterResourceEx", "FailClusterResource",
           "RestartClusterResource")


def test_the_action_exports_are_there_and_the_ex2_ones_hidden_by_default(s):
    assert all(s.has(f) for f in ACTIONS)
    assert not any(s.has(f) for f in EX2)
    assert s.ex2_exports is False
    s.ex2_exports = True
    assert s.ex2_exports is True and all(s.has(f) for f in EX2)
    s.hide("MoveClusterGroupEx2")
    assert s.ex2_exports is False
    s.ex2_exports = False
    assert not any(s.has(f) for f in EX2)
    with pytest.raises(TypeError):
        s.ex2_exports = 1  # type: ignore[assignment]


def test_action_seconds(s):
    assert s.action_seconds == pytest.approx(0.05)
    s.action_seconds = 0
    assert s.action_seconds == 0.0
    s.action_seconds = 1.5
    assert s.action_seconds == 1.5
    for bad in (-0.1, 3601, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="action_seconds"):
            s.action_seconds = bad
    for bad in ("1", None, True):
        with pytest.raises(TypeError, match="action_seconds"):
            s.action_seconds = bad  # type: ignore[assignment]
    assert s.action_seconds == 1.5


def test_manual_clock_and_advance(s):
    assert s.manual_clock is False
    with pytest.raises(ValueError, match="manual_clock = True"):
        s.advance(1)
    s.manual_clock = True
    assert s.manual_clock is True
    s.advance(0)
    s.advance(2.5)
    for bad in (-1, float("nan"), 2e9):
        with pytest.raises(ValueError):
            s.advance(bad)
    for bad in ("1", None, False):
        with pytest.raises(TypeError):
            s.advance(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="manual_clock"):
        s.manual_clock = 1  # type: ignore[assignment]
    s.manual_clock = False
    assert s.manual_clock is False


def test_set_resource_outcome(s):
    for outcome in ("fail", "hang", "veto", "succeed"):
        s.set_resource_outcome("SQL Server", outcome)
        s.set_resource_outcome("sql server", outcome, node="NODE2")
    with pytest.raises(ValueError, match="'succeed', 'fail', 'hang' or 'veto'"):
        s.set_resource_outcome("SQL Server", "crash")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.set_resource_outcome("SQL Server", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        s.set_resource_outcome("", "fail")
    with pytest.raises(TypeError):
        s.set_resource_outcome("SQL Server", "fail", node=3)  # type: ignore[arg-type]
    with pytest.raises(errors.ClusterError) as info:
        s.set_resource_outcome("No Such Resource", "fail")
    assert info.value.winerror == 5007
    with pytest.raises(errors.ClusterError) as info:
        s.set_resource_outcome("SQL Server", "fail", node="NODE9")
    assert info.value.winerror == 5042

