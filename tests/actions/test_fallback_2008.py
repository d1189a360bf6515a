"""The actions against a Windows Server 2008 clusapi.dll: no *Ex / *Ex2 calls, no
notification v2 (the simulator's hide(); the Windows stage runs the same script,
tests/windows/simdll/fallback_actions.py, through the 2008 build of the simulated
clusapi.dll)."""
from __future__ import annotations

from typing import Any

import pytest

import clusapi_py
from clusapi_py import Access, Failback, NodeState
from clusapi_py.sim import SimulatedCluster

# What a Server 2008 clusapi.dll does not export (of what the package calls).
LATER = ("OpenClusterEx", "OpenClusterNodeEx", "OpenClusterGroupEx", "OpenClusterResourceEx", "OpenClusterNetworkEx",
         "OpenClusterNetInterfaceEx", "ClusterOpenEnumEx", "ClusterEnumEx", "ClusterCloseEnumEx",
         "ClusterGroupOpenEnumEx", "ClusterGroupEnumEx", "ClusterGroupCloseEnumEx", "ClusterResourceOpenEnumEx",
         "ClusterResourceEnumEx", "ClusterResourceCloseEnumEx", "CreateClusterNotifyPortV2", "RegisterClusterNotifyV2",
         "GetClusterNotifyV2", "GetNotifyEventHandle", "OnlineClusterGroupEx", "OfflineClusterGroupEx",
         "MoveClusterGroupEx", "OnlineClusterResourceEx", "OfflineClusterResourceEx", "PauseClusterNodeEx",
         "ResumeClusterNodeEx", "CancelClusterGroupOperation", "RestartClusterResource", "OnlineClusterGroupEx2",
         "OfflineClusterGroupEx2", "MoveClusterGroupEx2", "OnlineClusterResourceEx2", "OfflineClusterResourceEx2",
         "PauseClusterNodeEx2", "ResumeClusterNodeEx2")


def _sim_2008() -> SimulatedCluster:
    s = SimulatedCluster()
    for name in LATER:
        s.hide(name)
    return s


def _script() -> Any:
    from conftest import load_script
    return load_script("windows", "simdll", "fallback_actions.py")


def test_every_action_takes_its_2008_call_and_waits_on_a_v1_port(capsys: pytest.CaptureFixture[str]) -> None:
    s = _sim_2008()
    _script().main(s)
    out = capsys.readouterr().out
    assert out.count("ok - ") == 5, out
    for plain in ("MoveClusterGroup", "OfflineClusterGroup", "OnlineClusterGroup", "OfflineClusterResource",
                  "OnlineClusterResource", "FailClusterResource", "PauseClusterNode", "ResumeClusterNode",
                  "OpenClusterNode", "CreateClusterNotifyPort"):
        assert s.calls(plain) >= 1, plain
    assert all(s.calls(name) == 0 for name in LATER)
    assert all(v == 0 for v in s.open_handles().values()), s.open_handles()


def test_a_move_opens_its_destination_node_with_the_call_the_dll_has() -> None:
    s = _sim_2008()
    with clusapi_py.open_cluster(access=Access.GENERIC_ALL, backend=s) as c, \
            c.open_group("FS01", Access.GENERIC_ALL) as g:
        assert g.move("NODE1").wait(10).owner_node == "NODE1"
        g.set_preferred_owners(["NODE1", "NODE3"])
    assert s.calls("OpenClusterNode") == 3 and s.calls("OpenClusterNodeEx") == 0


def test_with_the_ex_open_the_destination_is_opened_for_reading_only() -> None:
    s = SimulatedCluster()
    with clusapi_py.open_cluster(backend=s) as c, c.open_group("FS01") as g:
        assert g.move("NODE1").wait(10).owner_node == "NODE1"
    assert s.calls("OpenClusterNodeEx") >= 1 and s.calls("OpenClusterNode") == 0


def test_resume_without_the_ex_call_only_without_failback() -> None:
    s = _sim_2008()
    with clusapi_py.open_cluster(access=Access.GENERIC_ALL, backend=s) as c, \
            c.open_node("NODE3", Access.GENERIC_ALL) as n:
        assert n.pause().wait(10).state == NodeState.PAUSED
        for failback in (Failback.POLICY, Failback.IMMEDIATE):
            with pytest.raises(clusapi_py.ClusterAPIUnavailableError) as info:
                n.resume(failback=failback)
            assert info.value.winerror == 127 and info.value.function == "ResumeClusterNodeEx"
        assert s.calls("ResumeClusterNode") == 0            # refused before any call: still paused
        assert {i.name: i.state for i in c.snapshot().nodes}["NODE3"] == NodeState.PAUSED
        assert n.resume(failback=Failback.NONE).wait(10).state == NodeState.UP
    assert s.calls("ResumeClusterNode") == 1
