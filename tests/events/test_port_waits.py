"""Waiting on a port: Ctrl-C and raising signal handlers take effect within a
fraction of a second and lose no event; `async for` with cancelled waits
keeps the port's order; the timeout argument (infinity, NaN, negatives)."""
import asyncio
import math
import os
import signal
import threading
import time

import pytest

from clusapi_py import EventKind, GroupState

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs signal.setitimer (POSIX)")
STATES = ("FAILED", "ONLINE")


class Interrupted(Exception):
    pass


def raise_interrupted(signum, frame):
    raise Interrupted


def raise_inside_the_port(signum, frame):
    """Raises only while the port's code runs (the handler called anywhere inside get(),
    however deep): what the test holds is that get() loses nothing, not what the test's
    own loop does."""
    while frame is not None:
        if frame.f_code.co_filename.replace("\\", "/").endswith("events/port.py"):
            raise Interrupted
        frame = frame.f_back


@pytest.fixture
def itimer():
    """Installs the raising handler for SIGALRM; the timer and handler are reset afterwards."""
    old = signal.signal(signal.SIGALRM, raise_interrupted)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def unblocker(s):
    """Posts one event after 3 s, so that a wait that ignores signals still ends (and fails)."""
    timer = threading.Timer(3.0, s.set_group_state, ("FS02", "FAILED"))
    timer.start()
    yield
    timer.cancel()


@pytest.mark.parametrize("how", ["get", "iteration"])
def test_a_raising_signal_handler_ends_a_wait_without_timeout_promptly(s, c, itimer, unblocker, how):
    with c.notifications([EventKind.GROUP_STATE]) as port:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        t0 = time.monotonic()
        with pytest.raises(Interrupted):
            if how == "get":
                port.get()
            else:
                for _ in port:
                    pass
        assert time.monotonic() - t0 < 1.0
        s.set_group_state("FS01", "FAILED")
        ev = port.get(timeout=5)                 # the port still works, and nothing was taken
        assert ev is not None and ev.name == "FS01"


def test_ctrl_c_ends_a_wait_with_keyboard_interrupt(s, c, unblocker):
    with c.notifications([EventKind.GROUP_STATE]) as port:
        kill = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
        kill.start()
        t0 = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            port.get(timeout=30)
        kill.join()
        assert time.monotonic() - t0 < 1.0


def test_no_event_is_lost_to_handlers_that_raise_while_events_stream(s, c, itimer):
    signal.signal(signal.SIGALRM, raise_inside_the_port)
    n = 400
    with c.notifications([EventKind.GROUP_STATE]) as port:
        def produce():
            for i in range(n):
                s.set_group_state("FS01", STATES[i % 2])
                if i % 7 == 0:
                    time.sleep(0.002)

        got = []
        interrupts = 0
        producer = threading.Thread(target=produce)
        signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
        producer.start()
        deadline = time.monotonic() + 30
        try:
            while len(got) < n and time.monotonic() < deadline:
                try:
                    ev = port.get(timeout=1)
                    if ev is not None:
                        got.append(ev.state)
                except Interrupted:
                    interrupts += 1
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            producer.join()
        while True:                                # anything left (nothing, if none was lost)
            try:
                ev = port.get(timeout=0.2)
            except Interrupted:
                continue
            if ev is None:
                break
            got.append(ev.state)
    assert interrupts > 0
    assert got == [GroupState[STATES[i % 2]] for i in range(n)]


def test_async_for_with_cancelled_waits_keeps_the_port_order(s, c):
    n = 600
    port = c.notifications([EventKind.GROUP_STATE])

    async def main():
        got = []
        it = port.__aiter__()

        def produce():
            for i in range(n):             # bursts, while several cancelled waits are pending
                s.set_group_state("FS01", STATES[i % 2])
                if i % 10 == 9:
                    time.sleep(0.02)

        producer = threading.Thread(target=produce)
        producer.start()
        deadline = time.monotonic() + 30
        while len(got) < n and time.monotonic() < deadline:
            try:
                ev = await asyncio.wait_for(it.__anext__(), 0.003)
            except asyncio.TimeoutError:
                continue
            got.append(ev.state)
        producer.join()
        return got

    got = asyncio.run(main())
    port.close()
    assert got == [GroupState[STATES[i % 2]] for i in range(n)]


def test_timeout_infinity_waits_and_nan_or_negative_are_refused(s, c):
    with c.notifications([EventKind.GROUP_STATE]) as port:
        s.set_group_state("FS01", "FAILED")
        ev = port.get(timeout=math.inf)
        assert ev is not None and ev.state is GroupState.FAILED
        threading.Timer(0.1, s.set_group_state, ("FS01", "ONLINE")).start()
        ev = port.get(timeout=float("inf"))
        assert ev is not None and ev.state is GroupState.ONLINE
        s.set_group_state("FS01", "FAILED")
        trips = s.round_trips()
        with pytest.raises(ValueError, match="NaN"):
            port.get(timeout=math.nan)
        for bad in (-1, -0.001, -math.inf):
            with pytest.raises(ValueError, match=">= 0"):
                port.get(timeout=bad)
        assert s.round_trips() == trips          # refused before any call
        assert port.get(timeout=0).state is GroupState.FAILED      # and nothing was taken


def test_a_raising_handler_ends_a_flush_that_waits_for_a_failed_port(s, c, itimer):
    with c.live_view() as view:
        s.fail("GetClusterNotifyV2", 1722, count=0xFFFFFFFF)
        s.set_node_state("NODE2", "PAUSED")          # the reader's next call fails: no port for a while
        deadline = time.monotonic() + 10
        while not view.stale and time.monotonic() < deadline:
            time.sleep(0.01)
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        t0 = time.monotonic()
        with pytest.raises(Interrupted):
            view.flush()
        assert time.monotonic() - t0 < 1.0
        s.fail("GetClusterNotifyV2", 1722, count=0)
