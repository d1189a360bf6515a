"""The operator's view of the exporter: why it fails (log lines, last_error_info),
what it is (build_info), the process metrics, round trips; the property thread
surviving a rendering failure; a view that stays stale reopened with backoff."""
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

import clusapi_py
from clusapi_py import errors
from clusapi_py.monitor import exporter as ex
from clusapi_py.monitor import http
from clusapi_py.monitor import prometheus as pm
from clusapi_py.sim import SimulatedCluster

from exporter_helpers import running, scrape, value, wait_for

pytestmark = pytest.mark.skipif(not ex.available(), reason="prometheus_client is not installed")
ACCESS_DENIED, RPC_UNAVAILABLE = 5, 1722


def test_a_connect_failure_is_logged_and_served_with_function_code_and_message(caplog):
    sim = SimulatedCluster()
    sim.fail("OpenClusterEx", ACCESS_DENIED, count=1000)
    caplog.set_level(logging.WARNING, logger="clusapi_py.exporter")
    with running(sim, retry_first=0.05, retry_max=0.05) as (_, exporter, url):
        assert wait_for(lambda: exporter.connect_failures >= 1)
        _, text = scrape(url)
    assert value(text, "clusapi_exporter_up") == 0
    assert value(text, "clusapi_exporter_last_error_info", function="OpenClusterEx", code="5") == 1
    assert value(text, "clusapi_exporter_last_error_timestamp_seconds") > 0
    lines = [r.getMessage() for r in caplog.records if r.name == "clusapi_py.exporter"]
    # the message is the system's text (FormatMessage's on Windows)
    assert any("connect failed: OpenClusterEx (Win32 code 5): %s" % errors.describe(ACCESS_DENIED) in line
               for line in lines), lines


def test_access_denied_and_rpc_unavailable_are_told_apart():
    infos = []
    for code in (ACCESS_DENIED, RPC_UNAVAILABLE):
        sim = SimulatedCluster()
        sim.fail("OpenClusterEx", code, count=1000)
        with running(sim, retry_first=0.05, retry_max=0.05) as (_, exporter, _url):
            assert wait_for(lambda: exporter.last_error_info is not None)
            infos.append(exporter.last_error_info)
    assert [i.code for i in infos] == [ACCESS_DENIED, RPC_UNAVAILABLE]
    assert infos[0].message != infos[1].message


def test_build_info_and_the_backend_round_trips_are_served():
    with running() as (sim, exporter, url):
        assert exporter.wait_connected(10)
        _, text = scrape(url)
    import cffi
    import platform
    assert value(text, "clusapi_exporter_build_info", version=clusapi_py.__version__,
                 python=platform.python_version(), cffi=cffi.__version__) == 1
    assert value(text, "clusapi_exporter_backend_round_trips_total") > 0
    assert "clusapi_exporter_last_error_info" not in text       # nothing failed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prometheus_client's process collector reads /proc")
def test_the_process_metrics_are_served_where_the_collector_works():
    with running() as (_, _exporter, url):
        _, text = scrape(url)
    assert value(text, "process_resident_memory_bytes") > 0


def test_a_rendering_failure_is_counted_and_logged_and_the_property_thread_lives(monkeypatch, caplog):
    real = pm.property_families
    calls = []

    def broken_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom while rendering")
        return real(*args, **kwargs)

    monkeypatch.setattr(pm, "property_families", broken_once)
    caplog.set_level(logging.WARNING, logger="clusapi_py.exporter")
    with running(property_interval=3600) as (_, exporter, url):
        assert wait_for(lambda: exporter.property_failures == 1)
        assert exporter._props is None
        assert exporter.last_error_info.function == "property rendering"
        exporter.refresh_properties()           # the thread still answers
        assert exporter.wait_properties(10)
        _, text = scrape(url)
    assert value(text, "clusapi_exporter_property_refresh_failures_total") == 1
    assert value(text, "windows_mscluster_resourcegroup_priority", name="Cluster Group") == 2000
    assert any("property rendering failed" in r.getMessage() and "boom while rendering" in r.getMessage()
               for r in caplog.records)


class _Renamed:
    """A cluster whose snapshots carry a group name with an unpaired surrogate (clusapi.dll can
    return one; the simulator refuses such names)."""

    def __init__(self, cluster, old, new):
        self._cluster, self._old, self._new = cluster, old, new
        self.name = cluster.name

    def _rename(self, snap):
        groups = [g._replace(name=self._new) if g.name == self._old else g for g in snap.groups]
        resources = [r._replace(group=self._new) if r.group == self._old else r for r in snap.resources]
        props = {}
        for kind in ("group", "resource", "node", "network", "cluster"):
            table = getattr(snap, "_cluster_table" if kind == "cluster" else kind + "_properties")
            if table is not None:
                props[kind] = {(self._new if k == self._old else k): v for k, v in table.items()}
        return type(snap)(snap.cluster_name, snap.version, snap.quorum, snap.nodes, groups, resources,
                          snap.networks, snap.netinterfaces, snap.resource_types, props or None)

    def snapshot(self, properties=False):
        return self._rename(self._cluster.snapshot(properties=properties))

    def shared_volumes(self):
        return self._cluster.shared_volumes()

    def live_view(self):
        view, rename = self._cluster.live_view(), self._rename

        class View:
            closed = property(lambda _: view.closed)
            stale = property(lambda _: view.stale)
            resyncs = property(lambda _: view.resyncs)
            events_applied = property(lambda _: view.events_applied)
            node_status = property(lambda _: view.node_status)

            def snapshot(self):
                return rename(view.snapshot())

            def close(self):
                view.close()
        return View()

    def close(self):
        self._cluster.close()


def test_a_label_with_an_unpaired_surrogate_is_served_with_the_replacement_character():
    sim = SimulatedCluster()
    lone = "FS\ud800-01"
    exporter = ex.Exporter(lambda: _Renamed(clusapi_py.open_cluster(backend=sim), "FS01", lone),
                           property_interval=3600).start()
    server = http.serve(exporter, "127.0.0.1", 0)
    try:
        assert exporter.wait_properties(10)
        _, text = scrape("http://127.0.0.1:%d/metrics" % server.address[1])
        _, om = scrape("http://127.0.0.1:%d/metrics" % server.address[1], "application/openmetrics-text")
    finally:
        server.close()
        exporter.stop()
    assert exporter.property_failures == 0
    assert value(text, "windows_mscluster_resourcegroup_state", name="FS\ufffd-01") == 0
    assert value(text, "windows_mscluster_resourcegroup_priority", name="FS\ufffd-01") > 0
    assert value(text, "windows_mscluster_resourcegroup_owner_node", name="FS\ufffd-01", node_name="NODE3") == 1
    assert 'name="FS\ufffd-01"' in om


def test_safe_text_replaces_only_unpaired_surrogates():
    assert pm.safe_text("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert pm.safe_text("\U0001F600 plain") == "\U0001F600 plain"


def test_a_view_that_stays_stale_is_reopened_with_capped_backoff_then_recovers():
    sim = SimulatedCluster()
    with running(sim, stale_reconnect=0.2, stale_reconnect_max=0.8, retry_first=0.05,
                 retry_max=0.4) as (_, exporter, url):
        assert exporter.wait_connected(10)
        sim.fail("GetClusterNotifyV2", RPC_UNAVAILABLE, 10**9)     # every port read fails from now on
        stop = threading.Event()

        def churn():                            # events keep coming, so the port keeps being read
            state = "OFFLINE"
            while not stop.is_set():
                sim.set_group_state("FS01", state)
                state = "ONLINE" if state == "OFFLINE" else "OFFLINE"
                stop.wait(0.02)
        worker = threading.Thread(target=churn, daemon=True)
        worker.start()
        try:
            # stale (not closed) for longer than the bound: the exporter closes it and opens again
            assert wait_for(lambda: exporter.stale_reconnects >= 1, timeout=20)
            opens_before, started = sim.round_trips("OpenClusterEx"), time.monotonic()
            time.sleep(2.0)
            opens = sim.round_trips("OpenClusterEx") - opens_before
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            worker.join(5)
        # reopening fails while the port does (the new view's first read): retried with backoff
        # capped at 0.4 s -- a few opens a second at most, never a loop of them
        assert 1 <= opens <= elapsed / 0.4 + 5
        # the fault goes on, so the exporter may reopen again while a scrape is served
        before = exporter.stale_reconnects
        _, text = scrape(url)
        assert before <= value(text, "clusapi_exporter_stale_reconnects_total") <= exporter.stale_reconnects
        assert value(text, "clusapi_exporter_last_error_info", function="GetClusterNotifyV2", code="1722") == 1
        sim.fail("GetClusterNotifyV2", RPC_UNAVAILABLE, 0)             # the fault ends
        assert wait_for(lambda: value(scrape(url)[1], "clusapi_exporter_up") == 1, timeout=20)
        assert exporter._stale_after == 0.2                             # the backoff starts over


def test_the_stale_bound_doubles_while_the_view_stays_stale_and_is_capped(monkeypatch):
    exporter = ex.Exporter(lambda: None, stale_reconnect=1.0, stale_reconnect_max=3.0)

    class StaleView:
        closed, stale, resyncs, events_applied = False, True, 0, 0

        def close(self):
            pass
    bounds = []
    now = [1000.0]
    monkeypatch.setattr(ex.time, "time", lambda: now[0])
    for _ in range(4):
        exporter._view = StaleView()
        exporter.stale_since = None
        exporter._watch_view()                  # becomes stale now
        now[0] += exporter._stale_after
        exporter._watch_view()                  # stale for the bound: dropped
        assert exporter._view is None
        bounds.append(exporter._stale_after)
    assert bounds == [2.0, 3.0, 3.0, 3.0]
    assert exporter.stale_reconnects == 4


def test_the_exporter_command_takes_timeout_and_serves_round_trips():
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "--timeout", "2", "exporter", "--listen",
                             "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=os.path.dirname(os.path.abspath(__file__)))
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/metrics", line)
        assert found, line + proc.stderr.read()
        url = "http://127.0.0.1:%s/metrics" % found.group(1)
        assert wait_for(lambda: value(scrape(url)[1], "clusapi_exporter_up") == 1, timeout=20)
        assert value(scrape(url)[1], "clusapi_exporter_backend_round_trips_total") > 0
    finally:
        if sys.platform == "win32":
            proc.terminate()
        else:
            proc.send_signal(signal.SIGTERM)    # the command's stop: exit 0
        _, err = proc.communicate(timeout=20)
    if sys.platform != "win32":
        assert proc.returncode == 0, err
    assert "Traceback" not in err and "AssertionError" not in err
    assert "clusapi exporter: INFO: connected to cluster" in err


def test_the_resource_series_wait_for_the_resource_types(monkeypatch):
    release = threading.Event()
    real = ex.Exporter._read_properties

    def held(self, cluster):
        release.wait(20)
        real(self, cluster)

    monkeypatch.setattr(ex.Exporter, "_read_properties", held)
    with running(property_interval=3600) as (_, exporter, url):
        assert exporter.wait_connected(10)
        text = scrape(url)[1]
        assert value(text, "windows_mscluster_resourcegroup_state", name="FS01") == 0
        # no resource series with type="" that would change labels once the types are read
        assert "windows_mscluster_resource_state{" not in text
        assert "windows_mscluster_resource_owner_node{" not in text
        release.set()
        assert exporter.wait_properties(10)
        text = scrape(url)[1]
    assert value(text, "windows_mscluster_resource_state", name="Cluster IP Address", type="IP Address") == 2
    assert value(text, "windows_mscluster_resource_owner_node", name="Cluster IP Address", node_name="NODE1",
                 type="IP Address") == 1


def test_resyncs_are_logged_a_line_at_most_every_30_seconds(monkeypatch, caplog):
    exporter = ex.Exporter(lambda: None)

    class ResyncingView:
        closed, stale, events_applied = False, False, 0

        def __init__(self):
            self.resyncs = 0

    view = exporter._view = ResyncingView()
    now = [1000.0]
    monkeypatch.setattr(ex.time, "time", lambda: now[0])
    caplog.set_level(logging.WARNING, logger="clusapi_py.exporter")
    for _ in range(100):                        # a storm: 100 resyncs in 10 s
        view.resyncs += 1
        exporter._watch_view()
        now[0] += 0.1
    now[0] += 30
    view.resyncs += 1
    exporter._watch_view()
    lines = [r.getMessage() for r in caplog.records if "re-read the whole cluster" in r.getMessage()]
    assert lines == ["the live view re-read the whole cluster 1 time(s) since the last such line (1 since it was "
                     "opened)", "the live view re-read the whole cluster 100 time(s) since the last such line (101 "
                     "since it was opened)"]
