"""Runs a topology's scenario (sim/scenario.py checks it): the steps in time
order on a daemon thread that holds the simulator only weakly and sleeps on
an Event -- it ends with the simulator (collected or released), at stop(),
at the end of a timeline that does not repeat, or at interpreter exit; it
never keeps a process alive and never delays Ctrl-C."""
from __future__ import annotations

import atexit
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any

from .. import errors
from .scenario import ACTIONS, STATE_ACTIONS

if TYPE_CHECKING:
    from .cluster import SimulatedCluster

__all__ = ["Runner"]


def _apply(s: SimulatedCluster, step: dict[str, Any]) -> None:
    action = next(k for k in step if k in ACTIONS)
    target = step[action]
    if action in STATE_ACTIONS:
        getattr(s, "set_%s" % action)(target, step["state"])
    elif action == "fail_resource":
        s.set_resource_state(target, "FAILED")
    elif action in ("pause_node", "resume_node"):
        s.set_node_state(target, "PAUSED" if action == "pause_node" else "UP")
    elif action == "move_group":
        s.move_group(target, step["node"])
    elif action == "fill_volume":
        free = step.get("free_bytes")
        if free is None:
            total = next(v["total_bytes"] for v in s.topology["shared_volumes"] if v["resource"] == target)
            free = int(total * step["free_percent"] / 100.0)
        s.fill_volume(target, free)
    elif action == "csv_fault_state":
        s.set_csv_fault_state(target, step["fault_state"])
    elif action == "break_connection":
        s.break_connection(target)
    else:
        s.set_properties(step["kind"], step["name"], step["values"])


_RUNNERS: "weakref.WeakSet[Runner]" = weakref.WeakSet()


class Runner:
    """Applies a normalized scenario to a simulator on a daemon thread,
    starting now.  It holds the simulator weakly: once the simulator is
    collected (or released) it stops; stop() stops it at once.  A step that
    fails (the object was deleted meanwhile) is recorded in `errors` and the
    timeline goes on."""

    def __init__(self, simulator: SimulatedCluster, scenario: dict[str, Any]) -> None:
        self._simulator = weakref.ref(simulator)
        self._scenario = scenario
        self._stopped = threading.Event()
        self.errors: list[str] = []
        self.applied = 0
        self._thread = threading.Thread(target=self._run, name="clusapi-sim-scenario", daemon=True)
        _RUNNERS.add(self)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        """Stops the timeline and waits (up to `timeout`) for the thread to end;
        from the runner's own thread (a simulator collected there) it only signals."""
        self._stopped.set()
        if self._thread is not threading.current_thread() and self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        steps: list[dict[str, Any]] = self._scenario["steps"]
        period: float = self._scenario["period"]
        start = time.monotonic()
        cycle = 0
        while not self._stopped.is_set():
            base = start + cycle * period
            for step in steps:
                if self._stopped.wait(max(0.0, base + step["at"] - time.monotonic())):
                    return
                if not self._step(step):
                    return
            if not self._scenario["repeat"]:
                return
            cycle += 1
            self._stopped.wait(max(0.0, start + cycle * period - time.monotonic()))

    def _step(self, step: dict[str, Any]) -> bool:
        """Applies one step; False once the simulator is gone."""
        simulator = self._simulator()
        if simulator is None or not simulator._id:
            return False
        try:
            _apply(simulator, step)
            self.applied += 1
        except (ValueError, TypeError, errors.ClusterError) as exc:
            self.errors.append("at %gs: %s" % (step["at"], exc))
            del self.errors[:-100]      # bounded: the last hundred
        finally:
            del simulator
        return True


def _stop_all() -> None:
    for runner in list(_RUNNERS):
        runner.stop(timeout=1.0)


atexit.register(_stop_all)
