"""The README's "Change notifications and the live view", run against the simulator.

    python examples/events.py

A helper thread plays the cluster's part: once the port is open it fails a
group over (a state change, then the owner move), which the loop prints.
"""
import threading
import time

import clusapi_py
from clusapi_py import sim

s = sim.SimulatedCluster()


def fail_over_once_the_port_is_open() -> None:
    deadline = time.monotonic() + 10
    while s.open_handles()["notify"] == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    s.set_group_state("FS01", "PENDING")
    s.move_group("FS01", "NODE1")


helper = threading.Thread(target=fail_over_once_the_port_is_open)
helper.start()
cluster = clusapi_py.open_cluster(backend=s)

from clusapi_py import EventKind

with cluster.notifications([EventKind.GROUP_STATE, EventKind.GROUP_OWNER_NODE]) as port:
    for event in port:                 # blocks per event; ends when the port is closed (from any thread)
        print(event.kind.name, event.name, event.state, event.owner_node)
        if event.kind is EventKind.GROUP_OWNER_NODE:
            break

with cluster.live_view() as view:      # the port first, then one snapshot, then every event applied
    snap = view.snapshot()             # no backend call: 0 round trips while nothing changes
    print(len(snap.groups), "groups,", view.events_applied, "events applied")

cluster.close()
helper.join()
