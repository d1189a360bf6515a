"""The `actions` benchmark group (bench/run.py --only actions): what acting and
waiting costs.

- round trips of a move-and-wait at 0.5 ms per round trip: starting it (the
  port opened before the call, one seed read, the call) and waiting (events
  only); the same with a live view already open (the call only: the wait
  takes the view's events and its seed from the view's model); beside it a loop that polls the group's state every 250 ms, as
  Microsoft's managed framework does, until the group is Online on the target;
- time from the completing change to wait() returning, against the polling
  loop's time to notice (the simulator's manual clock steps the move, so the
  completing change is known to the microsecond).
Printed and recorded; the median / p99 targets are judged.
"""
import statistics
import threading
import time

import clusapi_py
from clusapi_py import EventKind, GroupState, sim
from clusapi_py._bindings import ffi, lib

LATENCY = 0.0005
POLL = 0.25
GROUP = "SQL Server (MSSQLSERVER)"
NODES = ("NODE2", "NODE3")


def _poll_until(group, node):
    """Polls every POLL seconds until the group is Online on `node`: round trips made."""
    trips = 0
    while True:
        state, owner = group.status()
        trips += 1
        if state == GroupState.ONLINE and owner == node:
            return trips
        time.sleep(POLL)


class _Watch:
    """The bench's own port on the group's state (opened before the round trips are counted):
    the first Online after the move went Pending is the completing change (these moves
    succeed), seen without a round trip."""

    def __init__(self, c):
        self.port = c.notifications([EventKind.GROUP_STATE])
        self.left = False
        self.done = False

    def finished(self):
        event = self.port.get(0)
        while event is not None:
            if event.name == GROUP and event.state is not None:
                if event.state is not GroupState.ONLINE:
                    self.left = True
                elif self.left:
                    self.done = True
            event = self.port.get(0)
        return self.done


def _step_until(s, done, gap, watch):
    """Advances the manual clock in action_seconds steps, `gap` apart, until done is set;
    the time of the step that completed the move."""
    completed = None
    while not done.is_set():
        before = time.perf_counter()
        s.advance(s.action_seconds)
        if completed is None and watch.finished():
            completed = before
        done.wait(gap)
    return completed if completed is not None else time.perf_counter()


def _one_move(s, c, target, mode, gap, view=None):
    """(seconds from the completing change to the end being noticed, round trips) of one move."""
    done = threading.Event()
    result = {}
    watch = _Watch(c)
    try:
        with c.open_group(GROUP) as g, c.open_node(target) as node:
            before = s.round_trips()
            if view is not None:
                view.flush()            # the reader's call parked, not in flight
                before = s.round_trips()
            if mode in ("operation", "view"):
                op = g.move(node)
                result["start_trips"] = s.round_trips() - before

                def wait():
                    op.wait(30)
                    result["end"] = time.perf_counter()
                    done.set()
            else:
                code = lib.cs_group_move(g._tok(), node._tok(), 0, b"", 0, ffi.NULL)   # MoveClusterGroup
                assert code in (0, 997), code

                def wait():
                    result["polls"] = _poll_until(g, target)
                    result["end"] = time.perf_counter()
                    done.set()
            t = threading.Thread(target=wait)
            t.start()
            completed = _step_until(s, done, gap, watch)
            t.join()
            if view is not None:
                view.flush()
            result["trips"] = s.round_trips() - before
    finally:
        watch.port.close()
    return result["end"] - completed, result


def bench_actions(cfg, R, log):
    moves = cfg["action_moves"]
    s = sim.SimulatedCluster()
    s.latency = LATENCY
    s.manual_clock = True
    out = {}
    with clusapi_py.open_cluster(backend=s) as c:
        for mode, gap in (("operation", 0.02), ("view", 0.02), ("polling", 0.02)):
            samples, trips, start_trips = [], [], []
            count = max(4, moves // 8) if mode == "polling" else moves
            view = c.live_view() if mode == "view" else None
            for i in range(count):
                with c.open_group(GROUP) as g:
                    owner = g.status().owner_node
                target = NODES[1] if owner == NODES[0] else NODES[0]
                seconds, result = _one_move(s, c, target, mode, gap, view)
                samples.append(seconds)
                trips.append(result["trips"])
                start_trips.append(result.get("start_trips", 0))
            if view is not None:
                view.close()
            samples.sort()
            out[mode] = {"moves": count, "median_ms": statistics.median(samples) * 1e3,
                         "p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1e3,
                         "round_trips_median": statistics.median(trips),
                         "start_round_trips": statistics.median(start_trips)}
            log("actions: %s: %r" % (mode, out[mode]))
    R.data["actions"] = out
    R.handles("actions", s)
    op, viewed, poll = out["operation"], out["view"], out["polling"]
    R.target("actions", "move-and-wait: the end noticed median <= 1 ms, p99 <= 10 ms after the completing change",
             "median %.3f ms, p99 %.3f ms (polling every 250 ms: median %.1f ms)"
             % (op["median_ms"], op["p99_ms"], poll["median_ms"]),
             op["median_ms"] <= 1.0 and op["p99_ms"] <= 10.0)
    R.target("actions", "round trips of a move-and-wait (a Node handle given): the call's own and at most 3 more "
             "(port, seed read, the port's close), 0 for the wait",
             "%d to start (port, seed read, call), %d in all with the wait; polling every 250 ms: %d"
             % (op["start_round_trips"], op["round_trips_median"], poll["round_trips_median"]),
             op["round_trips_median"] <= 4)
    R.target("actions", "round trips of a move-and-wait with the cluster's live view open: the call's own, 0 for "
             "the wait", "%d to start, %d in all with the wait (end noticed: median %.3f ms)"
             % (viewed["start_round_trips"], viewed["round_trips_median"], viewed["median_ms"]),
             viewed["round_trips_median"] <= 1)
