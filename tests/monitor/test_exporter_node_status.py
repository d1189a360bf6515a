"""The exporter's node maintenance series: windows_exporter's node_drain_status and
status_information, and one clusapi_node_status_<bit> gauge per StatusInformation bit --
kept current by the live view's events, not only at the property interval."""
import pytest

pytest.importorskip("prometheus_client", reason="the exporter extra (prometheus_client) is not installed")

from clusapi_py.monitor import prometheus as pm  # noqa: E402
from clusapi_py.records import NodeStatus  # noqa: E402
from clusapi_py.sim import SimulatedCluster  # noqa: E402

from exporter_helpers import running, samples, scrape, value, wait_for  # noqa: E402

W = "windows_mscluster_"
BITS = [pm.NODE_STATUS_PREFIX + suffix for _, suffix, _ in pm.NODE_STATUS_BITS]


def test_every_node_has_its_drain_status_and_a_gauge_per_bit():
    with running() as (sim, exporter, url):
        assert exporter.wait_properties(10)
        _, text = scrape(url)
    for node in ("NODE1", "NODE2", "NODE3"):
        assert value(text, W + "node_node_drain_status", name=node) == 0
        assert value(text, W + "node_status_information", name=node) == 0
        assert [value(text, b, name=node) for b in BITS] == [0] * 6
    # one family each, labelled by name only (the bits are gauges, not labels)
    assert text.count("# TYPE %snode_node_drain_status gauge" % W) == 1
    assert {ls for (n, ls) in samples(text) if n == BITS[0]} == {frozenset({("name", n)})
                                                                 for n in ("NODE1", "NODE2", "NODE3")}


def test_a_drain_shows_at_once_not_at_the_property_interval():
    with running(property_interval=3600) as (sim, exporter, url):
        assert exporter.wait_properties(10)
        sim.set_node_state("NODE2", "PAUSED")
        sim.set_properties("node", "NODE2", {"NodeDrainStatus": 1, "StatusInformation": 0x4})

        def drain():
            _, text = scrape(url)
            return value(text, W + "node_node_drain_status", name="NODE2") == 1 and text
        text = wait_for(drain)
        assert text, "the drain did not show"
        assert value(text, W + "node_status_information", name="NODE2") == 4
        assert value(text, pm.NODE_STATUS_PREFIX + "drain_in_progress", name="NODE2") == 1
        assert value(text, pm.NODE_STATUS_PREFIX + "drain_failed", name="NODE2") == 0
        sim.set_properties("node", "NODE2", {"NodeDrainStatus": 3, "StatusInformation": 0x10 | 0x2})

        def failed():
            _, text = scrape(url)
            return value(text, W + "node_node_drain_status", name="NODE2") == 3 and text
        text = wait_for(failed)
        assert text, "the failed drain did not show"
        assert value(text, pm.NODE_STATUS_PREFIX + "drain_failed", name="NODE2") == 1
        assert value(text, pm.NODE_STATUS_PREFIX + "quarantined", name="NODE2") == 1
        assert value(text, pm.NODE_STATUS_PREFIX + "isolated", name="NODE2") == 0
        assert value(text, W + "node_node_drain_status", name="NODE1") == 0      # the property read's


def test_the_families_prefer_the_live_status_and_leave_out_what_is_unknown():
    sim = SimulatedCluster()
    import clusapi_py
    with clusapi_py.open_cluster(backend=sim) as c:
        props = c.snapshot(properties=True)
    read = pm.property_values(props)
    live = {"NODE1": NodeStatus(drain_status=2, status_information=0x8), "NODE2": NodeStatus(drain_status=1)}
    families = {f.name: dict(f.samples) for f in pm.node_status_families(props, live, read)}
    assert families[W + "node_node_drain_status"] == {("NODE1",): 2, ("NODE2",): 1, ("NODE3",): 0}
    assert families[W + "node_status_information"] == {("NODE1",): 8, ("NODE2",): 0, ("NODE3",): 0}
    assert families[pm.NODE_STATUS_PREFIX + "drain_completed"][("NODE1",)] == 1
    # no property read: only what the live view has
    families = {f.name: dict(f.samples) for f in pm.node_status_families(props, live, None)}
    assert families[W + "node_node_drain_status"] == {("NODE1",): 2, ("NODE2",): 1}
    assert families[W + "node_status_information"] == {("NODE1",): 8}
    assert pm.node_status_families(props, {}, None) == []
    # the property families no longer carry the two (no family twice)
    names = [f.name for f in pm.property_families(props, {}, {})]
    assert W + "node_node_drain_status" not in names and W + "node_build_number" in names
