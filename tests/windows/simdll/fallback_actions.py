"""The actions through the Windows Server 2008 build of the simulated clusapi.dll
(tests/windows/simdll/python_system.sh, with that DLL in System32): no *Ex / *Ex2
action exports, no notification v2 -- every action takes its 2008 call and its
wait rides on a version 1 notification port.

    python fallback_actions.py        (exit 0 and "ok" lines, or an AssertionError)
"""
from __future__ import annotations

from typing import Any

import clusapi_py
from clusapi_py import SYSTEM, Access, Failback, GroupState, NodeState, ResourceState


def main(backend: Any = SYSTEM) -> None:
    with clusapi_py.open_cluster(access=Access.GENERIC_ALL, backend=backend) as c:
        b = c.backend
        later = [f for f in ("OnlineClusterGroupEx", "OfflineClusterGroupEx", "MoveClusterGroupEx",
                             "OnlineClusterResourceEx", "OfflineClusterResourceEx", "PauseClusterNodeEx",
                             "ResumeClusterNodeEx", "CreateClusterNotifyPortV2", "OpenClusterGroupEx")
                 if b.has(f)]
        assert not later, "the 2008 DLL exports %s" % later
        first = [f for f in ("OnlineClusterGroup", "OfflineClusterGroup", "MoveClusterGroup", "OnlineClusterResource",
                             "OfflineClusterResource", "FailClusterResource", "PauseClusterNode", "ResumeClusterNode")
                 if not b.has(f)]
        assert not first, "the 2008 DLL lacks %s" % first
        print("ok - 2008 export set: the first actions, no *Ex / *Ex2, no notification v2")

        snap = c.snapshot()
        up = {n.name for n in snap.nodes if n.state == NodeState.UP}
        for info in snap.groups:        # an online role with a preferred owner to move to
            if info.state != GroupState.ONLINE or not any(r.group == info.name for r in snap.resources):
                continue
            with c.open_group(info.name, Access.GENERIC_ALL) as probe:
                others = [n for n in probe.preferred_owners() if n in up and n != info.owner_node]
            if others:
                group = info
                break
        else:
            raise AssertionError("no online group with another Up preferred owner to move to")
        with c.open_group(group.name, Access.GENERIC_ALL) as g:
            out = g.move(others[0]).wait(30)
            assert out.ok and out.owner_node == others[0] and out.state == GroupState.ONLINE, out
            print("ok - MoveClusterGroup: %r on %s, waited on a v1 port" % (group.name, out.owner_node))
            out = g.offline().wait(30)
            assert out.ok and out.state == GroupState.OFFLINE, out
            out = g.online().wait(30)
            assert out.ok and out.state == GroupState.ONLINE, out
            print("ok - OfflineClusterGroup / OnlineClusterGroup: %r offline, then online" % group.name)

        resource = next(r.name for r in c.snapshot().resources if r.group == group.name)
        with c.open_resource(resource, Access.GENERIC_ALL) as r:
            out = r.offline().wait(30)
            assert out.ok and out.state == ResourceState.OFFLINE, out
            out = r.online().wait(30)
            assert out.ok and out.state == ResourceState.ONLINE, out
            out = r.fail().wait(30)
            assert out.state in (ResourceState.FAILED, ResourceState.ONLINE), out
            print("ok - Offline/Online/FailClusterResource: %r (after the failure: %s)"
                  % (resource, getattr(out.state, "name", out.state)))

        with c.open_node(others[0], Access.GENERIC_ALL) as n:
            out = n.pause().wait(30)
            assert out.ok and out.state == NodeState.PAUSED, out
            out = n.resume(failback=Failback.NONE).wait(30)
            assert out.ok and out.state == NodeState.UP, out
            print("ok - PauseClusterNode / ResumeClusterNode: %s paused, then up" % others[0])
        assert c.snapshot().nodes, "the cluster still reads after the actions"


if __name__ == "__main__":
    main()
