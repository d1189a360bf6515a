"""The exporter over a simulated cluster: windows_exporter's names and values,
no backend call per scrape, the last known values (with their age) while the
view is stale, a start before the cluster answers, and the command's
unhappy paths (address in use, the extra missing)."""
import socket
import subprocess
import sys
import tempfile
import time

import pytest

pytest.importorskip("prometheus_client", reason="the exporter extra (prometheus_client) is not installed")

import clusapi_py  # noqa: E402
from clusapi_py.monitor import prometheus as pm  # noqa: E402
from clusapi_py.monitor.deflate import Deflated  # noqa: E402
from clusapi_py.monitor.exporter import Exporter  # noqa: E402
from clusapi_py.monitor.http import serve  # noqa: E402
from clusapi_py.sim import SimulatedCluster  # noqa: E402

from exporter_helpers import running, samples, scrape, value, wait_for  # noqa: E402

W = "windows_mscluster_"


def test_states_owners_and_properties_under_windows_exporter_names():
    with running() as (sim, exporter, url):
        assert exporter.wait_properties(10)
        _, text = scrape(url)
    nodes = [n["name"] for n in sim.topology["nodes"]]
    assert value(text, W + "node_state", name="NODE1") == 0
    assert value(text, W + "resourcegroup_state", name="FS01") == 0
    # one owner series per node, 1 on the owner only
    owners = {dict(ls)["node_name"]: v for (n, ls), v in samples(text).items()
              if n == W + "resourcegroup_owner_node" and dict(ls)["name"] == "FS01"}
    assert sorted(owners) == sorted(nodes) and owners == {n: (1.0 if n == "NODE3" else 0.0) for n in nodes}
    assert value(text, W + "resource_state", name="Cluster IP Address", type="IP Address",
                 owner_group="Cluster Group") == 2
    assert value(text, W + "resource_owner_node", name="Cluster IP Address", node_name="NODE1") == 1
    assert value(text, W + "network_state", name="Cluster Network 1") == 3
    assert value(text, W + "node_build_number", name="NODE1") == 20348
    assert value(text, W + "resourcegroup_priority", name="Cluster Group") == 2000
    assert value(text, W + "resource_pending_timeout", name="Cluster IP Address") == 180000
    assert value(text, W + "network_role", name="Cluster Network 1") == 3
    assert value(text, W + "cluster_clus_svc_regroup_tick_in_milliseconds", name="CLUSTER01") == 300
    assert value(text, W + "cluster_s2dio_latency_threshold", name="CLUSTER01") == 5000     # windows_exporter's spelling
    assert value(text, W + "cluster_dynamic_quorum_enabled", name="CLUSTER01") == 1
    # a CSV volume's name is its volume label (Cluster Disk 3's volume: C:\ClusterStorage\Volume1, label Volume1)
    assert value(text, W + "shared_volumes_total_bytes", name="Volume1") == 2199023255552
    assert value(text, W + "shared_volumes_free_bytes", name="Volume1",
                 volume_guid="6a1f3c2e-9b4d-4e7a-8c5f-1d2e3f4a5b6c") == 1319413953331
    assert value(text, W + "shared_volumes_fault_state", name="Volume1") == 0
    assert value(text, "clusapi_exporter_up") == 1
    assert value(text, "clusapi_exporter_view_stale") == 0
    # a property the cluster does not report is absent, never 0
    assert not any(n == W + "cluster_max_number_of_nodes" for n, _ in samples(text))


def test_a_failover_shows_in_state_and_owner_series():
    with running() as (sim, exporter, url):
        assert exporter.wait_properties(10)
        sim.set_group_state("FS01", "FAILED")
        assert wait_for(lambda: value(scrape(url)[1], W + "resourcegroup_state", name="FS01") == 2)
        sim.move_group("FS01", "NODE1")
        sim.set_group_state("FS01", "ONLINE")
        assert wait_for(lambda: value(scrape(url)[1], W + "resourcegroup_owner_node", name="FS01",
                                      node_name="NODE1") == 1)
        text = scrape(url)[1]
        assert value(text, W + "resourcegroup_owner_node", name="FS01", node_name="NODE3") == 0
        assert value(text, W + "resourcegroup_state", name="FS01") == 0
        assert value(text, "clusapi_exporter_events_applied_total") > 0


def test_a_scrape_makes_no_backend_call():
    with running(property_interval=3600) as (sim, exporter, url):
        assert exporter.wait_properties(10)
        exporter._view.flush()
        scrape(url)
        before = sim.round_trips(), sim.calls()
        for _ in range(5):
            scrape(url)
        assert (sim.round_trips(), sim.calls()) == before


def test_stale_view_keeps_the_last_values_and_says_so():
    with running() as (sim, exporter, url):
        assert exporter.wait_properties(10)
        sim.fail("GetClusterInformation", 1722, count=1000000)   # every re-read fails until cleared
        sim.break_connection(0.2)
        sim.set_group_state("FS01", "FAILED")          # lost on the broken connection
        stale = wait_for(lambda: value(scrape(url)[1], "clusapi_exporter_view_stale") == 1, timeout=5)
        assert stale, "the exporter never reported the stale view"
        time.sleep(0.6)
        text = scrape(url)[1]
        assert value(text, "clusapi_exporter_view_stale") == 1 and value(text, "clusapi_exporter_up") == 0
        assert value(text, "clusapi_exporter_data_age_seconds", source="states") > 0.3
        assert value(text, "clusapi_exporter_last_sync_timestamp_seconds") < time.time() - 0.3
        # the last known values, not zeros and not dropped
        assert value(text, W + "resourcegroup_state", name="FS01") == 0
        assert value(text, W + "resourcegroup_owner_node", name="FS01", node_name="NODE3") == 1
        assert value(text, W + "node_state", name="NODE1") == 0
        sim.fail("GetClusterInformation", 1722, count=0)
        # it recovers by itself, with the lost change seen
        assert wait_for(lambda: value(scrape(url)[1], "clusapi_exporter_up") == 1, timeout=15)
        text = scrape(url)[1]
        assert value(text, W + "resourcegroup_state", name="FS01") == 2
        assert value(text, "clusapi_exporter_resyncs_total") >= 1
        assert value(text, "clusapi_exporter_data_age_seconds", source="states") == 0


def test_starts_before_the_cluster_answers_and_connects_later():
    sim = SimulatedCluster()
    sim.fail("OpenClusterEx", 1722, count=3)          # RPC_S_SERVER_UNAVAILABLE
    with running(sim, retry_first=0.05, retry_max=0.2) as (_, exporter, url):
        # serving already: self-metrics only, no cluster series (no zeros for what is unknown)
        _, text = scrape(url)
        names = {n for n, _ in samples(text)}
        if "clusapi_exporter_up" in names and value(text, "clusapi_exporter_up") == 0:
            assert not any(n.startswith(W) for n in names)
        assert wait_for(lambda: value(scrape(url)[1], "clusapi_exporter_up") == 1, timeout=10)
        text = scrape(url)[1]
        assert value(text, "clusapi_exporter_connect_failures_total") == 3
        assert value(text, W + "node_state", name="NODE1") == 0


def test_openmetrics_on_request():
    with running() as (_, exporter, url):
        assert exporter.wait_properties(10)
        ctype, text = scrape(url, accept="application/openmetrics-text; version=1.0.0")
    assert ctype.startswith("application/openmetrics-text")
    assert text.rstrip().endswith("# EOF")
    assert "windows_mscluster_resourcegroup_state{" in text


def test_families_before_any_connection_are_only_self_metrics():
    exporter = Exporter(lambda: (_ for _ in ()).throw(OSError("no")))
    names = {f.name for f in exporter.families()}
    assert names and all(n.startswith("clusapi_exporter_") for n in names)


def test_cluster_property_names_in_snake_case():
    assert pm._snake("S2DBusTypes") == "s2d_bus_types"
    assert pm._snake("ClusSvcRegroupTickInMilliseconds") == "clus_svc_regroup_tick_in_milliseconds"
    assert pm._snake("UseClientAccessNetworksForSharedVolumes") == "use_client_access_networks_for_shared_volumes"


def test_serve_on_an_address_in_use_raises():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        exporter = Exporter(lambda: clusapi_py.open_cluster(backend=SimulatedCluster()))
        with pytest.raises(OSError):
            serve(exporter, "127.0.0.1", taken.getsockname()[1])


def _cli(*argv, timeout=20):
    return subprocess.run([sys.executable, "-m", "clusapi_py", *argv], capture_output=True, timeout=timeout,
                          cwd=tempfile.gettempdir())


def test_command_address_in_use_exits_3_with_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        r = _cli("--sim", "exporter", "--listen", "127.0.0.1:%d" % taken.getsockname()[1])
    assert r.returncode == 3
    assert r.stderr.decode().startswith("clusapi: cannot listen on 127.0.0.1:") and b"Traceback" not in r.stderr


def test_command_bad_listen_is_a_usage_error():
    r = _cli("--sim", "exporter", "--listen", "nope")
    assert r.returncode == 3 and b"ADDR:PORT" in r.stderr


def test_command_without_prometheus_client_says_how_to_install():
    code = ("import sys; sys.modules['prometheus_client'] = None\n"
            "from clusapi_py import cli; sys.exit(cli.main(sys.argv[1:]))")
    r = subprocess.run([sys.executable, "-c", code, "--sim", "exporter", "--listen", "127.0.0.1:0"],
                       capture_output=True, timeout=20, cwd=tempfile.gettempdir())
    assert r.returncode == 3
    assert b'pip install "clusapi_py[exporter]"' in r.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM on Windows (terminate() is TerminateProcess)")
def test_command_serves_and_ends_on_sigterm():
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "127.0.0.1:0",
                             "--property-interval", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tempfile.gettempdir())
    try:
        line = proc.stdout.readline().decode()
        assert line.startswith("clusapi exporter: metrics on http://127.0.0.1:") and "simulated" in line
        url = line.split()[4]
        assert wait_for(lambda: "windows_mscluster_shared_volumes_total_bytes" in scrape(url)[1], timeout=10)
        proc.terminate()
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_change_rebuilds_only_the_parts_it_touches():
    with running(property_interval=3600) as (sim, exporter, url):
        assert exporter.wait_properties(10)
        scrape(url)
        before = {slot: exporter._assembled_part(slot) for slot in exporter._cache}
        sim.set_group_state("FS01", "FAILED")
        exporter._view.flush()
        text = scrape(url)[1]
        assert value(text, W + "resourcegroup_state", name="FS01") == 2
        after = {slot: exporter._assembled_part(slot) for slot in exporter._cache}
        assert after["group_state"] is not before["group_state"]
        for slot in ("group_owner", "resource_owner", "resource_state", "node_state", "properties"):
            assert after[slot] is before[slot], slot
        sim.move_group("FS01", "NODE1")
        exporter._view.flush()
        text = scrape(url)[1]
        assert value(text, W + "resourcegroup_owner_node", name="FS01", node_name="NODE1") == 1
        assert exporter._assembled_part("group_owner") is not before["group_owner"]


def test_owner_series_owner_only():
    with running(owner_series="owner") as (sim, exporter, url):
        assert exporter.wait_properties(10)
        text = scrape(url)[1]
    owners = [(dict(ls), v) for (n, ls), v in samples(text).items() if n == W + "resourcegroup_owner_node"]
    assert sorted((ls["name"], ls["node_name"]) for ls, _ in owners) == sorted(
        (g["name"], g["owner_node"]) for g in sim.topology["groups"])
    assert all(v == 1 for _, v in owners)
    with pytest.raises(ValueError):
        Exporter(lambda: None, owner_series="some")


def test_owner_lines_match_the_families_and_escape_names():
    sim = SimulatedCluster()
    odd = 'Odd "quoted" \\ back\nslash Ω 𝄞'
    sim.add_group(odd, owner_node="NODE2")
    sim.add_resource("R " + odd, odd, type="Generic Service")
    with running(sim) as (_, exporter, url):
        assert exporter.wait_properties(10)
        exporter._view.flush()
        text = scrape(url)[1]
        _, om = scrape(url, accept="application/openmetrics-text; version=1.0.0")
        states = exporter.states()
    import prometheus_client.parser as parser
    import prometheus_client.openmetrics.parser as om_parser
    for body, parse in ((text, parser.text_string_to_metric_families),
                        (om, om_parser.text_string_to_metric_families)):
        got = {}
        for family in parse(body):
            for sample in family.samples:
                got[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
        for family in (pm.group_owner_family(states), pm.resource_owner_family(states, {"R " + odd: "Generic Service"})):
            for labels, v in family.samples:
                key = (family.name, tuple(sorted(zip(family.labels, labels))))
                if "Generic Service" not in labels and family.name.endswith("resource_owner_node"):
                    continue
                assert got[key] == v, key
        assert got[("windows_mscluster_resourcegroup_owner_node", (("name", odd), ("node_name", "NODE2")))] == 1


def test_a_failover_re_renders_only_the_blocks_of_the_moved_objects():
    from clusapi_py import sim as simulator
    topology = simulator.generate(4, 600, 2)
    topology["cluster"]["name"] = "CLUSTER01"          # the name running() opens
    s = SimulatedCluster(topology)
    with running(s, property_interval=3600) as (_, exporter, url):
        assert exporter.wait_properties(20)
        scrape(url)
        before = exporter._assembled_part("resource_owner")
        assert 2 < len(before.rows) < 60              # blocks of about 128 objects, not one per object
        # held deflated only (the bulk of a large answer), each inflating to its objects' lines
        assert all(isinstance(block, Deflated) for block in before.rows.values())
        assert b"".join(b.inflate() for b in before.rows.values()).count(b"\n") == len(s.topology["resources"]) * 4
        group = s.topology["groups"][10]
        target = next(n["name"] for n in s.topology["nodes"] if n["name"] != group["owner_node"])
        s.move_group(group["name"], target)
        exporter._view.flush()
        text = scrape(url)[1]
        after = exporter._assembled_part("resource_owner")
    assert after is not before
    changed = [key for key, lines in after.rows.items() if before.rows.get(key) is not lines]
    assert 1 <= len(changed) <= 2                      # its resources' block(s) only
    moved = [r["name"] for r in s.topology["resources"] if r["group"] == group["name"]]
    for name in moved:
        assert value(text, W + "resource_owner_node", name=name, node_name=target) == 1
