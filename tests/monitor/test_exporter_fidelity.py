"""The exporter against windows_exporter's mscluster collector: every family of
its table (tests/monitor/windows_exporter_mscluster.tsv) is served with the
same name, labels and type, or listed in prometheus.NOT_SERVED with a reason;
and the values whose meaning differed (CSV name, signed failback window,
quorum log size) are windows_exporter's."""
import os

import pytest

import clusapi_py
from clusapi_py.monitor import prometheus as pm
from clusapi_py.sim import SimulatedCluster

TABLE = os.path.join(os.path.dirname(__file__), "windows_exporter_mscluster.tsv")


def windows_exporter_families():
    out = {}
    with open(TABLE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, labels, kind = line.rstrip("\n").split("\t")
            out[name] = (tuple(labels.split(",")), kind)
    return out


def state_families(snap, types):
    """Every state and owner family, as the exporter's collector serves them."""
    return [pm.node_state_family(snap), pm.group_state_family(snap), pm.group_owner_family(snap),
            pm.resource_state_family(snap, types), pm.resource_owner_family(snap, types),
            pm.network_state_family(snap)]


def served(sim):
    cluster = clusapi_py.open_cluster(backend=sim)
    try:
        props = cluster.snapshot(properties=True)
        volumes = cluster.shared_volumes()
    finally:
        cluster.close()
    types = pm.resource_types(props)
    groups = {r.name: r.group for r in props.resources}
    families = (state_families(props, types) + pm.property_families(props, groups, types)
                + pm.node_status_families(props, {}, pm.property_values(props)) + pm.volume_families(volumes))
    return {f.name: f for f in families if f.samples}, props, volumes


def test_the_table_is_windows_exporters_136_families():
    table = windows_exporter_families()
    assert len(table) == 136
    assert all(name.startswith(pm.PREFIX) for name in table)


def test_every_windows_exporter_family_is_served_alike_or_listed_with_a_reason():
    table = windows_exporter_families()
    families, _, _ = served(SimulatedCluster())
    missing = []
    for name, (labels, kind) in table.items():
        family = families.get(name)
        if family is None:
            if not pm.NOT_SERVED.get(name):
                missing.append(name)
            continue
        assert name not in pm.NOT_SERVED, "%s is served but listed as not served" % name
        assert (family.labels, family.type) == (labels, kind), name
    assert missing == []
    assert set(pm.NOT_SERVED) <= set(table), "NOT_SERVED names a family windows_exporter does not have"


def test_a_served_family_windows_exporter_lacks_is_one_of_the_documented_additions():
    table = windows_exporter_families()
    families, _, _ = served(SimulatedCluster())
    added = {n for n in families if n not in table}
    assert added == {pm.PREFIX + "shared_volumes_fault_state", pm.PREFIX + "shared_volumes_backup_in_progress",
                     pm.PREFIX + "shared_volumes_resource_state"} | {
                         pm.NODE_STATUS_PREFIX + suffix for _, suffix, _ in pm.NODE_STATUS_BITS}


def test_a_renamed_family_is_caught():
    table = windows_exporter_families()
    assert pm.PREFIX + "cluster_s2dio_latency_threshold" in table
    assert pm._snake("S2DIOLatencyThreshold") == "s2dio_latency_threshold"
    assert pm._snake("S2DCachePageSizeKBytes") == "s2d_cache_page_size_k_bytes"
    names = {pm.PREFIX + "cluster_" + pm._snake(p) for p in pm.CLUSTER_PROPERTIES}
    assert names == {n for n in table if n.startswith(pm.PREFIX + "cluster_")}


def test_the_csv_name_is_the_volume_label():
    sim = SimulatedCluster()
    sim.add_shared_volume("Cluster Disk 3", "C:\\ClusterStorage\\Volume1", 1000, 400,
                          label="ClusterPerformanceHistory  ")
    families, _, volumes = served(sim)
    info = families[pm.PREFIX + "shared_volumes_info"]
    names = {labels[0] for labels, _ in info.samples}
    assert "ClusterPerformanceHistory" in names             # the label, trailing blanks cut
    assert "Cluster Disk 3" not in names                    # not the resource's name
    by_label = {labels[0]: value for labels, value in families[pm.PREFIX + "shared_volumes_free_bytes"].samples}
    assert by_label["ClusterPerformanceHistory"] == 400
    assert by_label["Volume2"] > 0                          # the default label: the path's last part
    state = families[pm.PREFIX + "shared_volumes_resource_state"]
    assert ("Cluster Disk 3", "NODE1") in {labels for labels, _ in state.samples}


def test_the_failback_window_not_set_is_minus_one_as_windows_exporter_serves_it():
    sim = SimulatedCluster()
    families, props, _ = served(sim)
    assert props.group_properties["SQL Server (MSSQLSERVER)" if "SQL Server (MSSQLSERVER)" in
                                  props.group_properties else next(iter(props.group_properties))][
        "FailbackWindowStart"] == 0xFFFFFFFF
    for suffix in ("failback_window_start", "failback_window_end"):
        values = {v for _, v in families[pm.PREFIX + "resourcegroup_" + suffix].samples}
        assert values == {-1.0}
    # an unsigned field keeps its DWORD value
    assert 4294967295.0 in {v for _, v in families[pm.PREFIX + "resourcegroup_failover_threshold"].samples}


@pytest.mark.parametrize("raw, signed, expected", [
    (0xFFFFFFFF, True, -1.0), (5, True, 5.0), (0x80000000, True, -2147483648.0), (0xFFFFFFFF, False, 4294967295.0),
    (True, True, 1.0), ("x", True, None)])
def test_number_reads_signed_fields_as_int32(raw, signed, expected):
    assert pm._number(raw, signed) == expected


def test_the_quorum_log_size_is_served_from_the_quorum_as_wmi_does():
    families, props, _ = served(SimulatedCluster())
    family = families[pm.PREFIX + "cluster_quorum_log_file_size"]
    assert family.samples == [((props.cluster_name,), float(props.quorum.max_log_size))]


def test_the_s2d_cache_properties_come_from_the_simulators_defaults():
    families, _, _ = served(SimulatedCluster())
    assert families[pm.PREFIX + "cluster_s2d_cache_page_size_k_bytes"].samples[0][1] == 16.0
    assert families[pm.PREFIX + "cluster_s2d_cache_flash_reserve_percent"].samples[0][1] == 0.0


def test_the_gauge_writer_says_what_prometheus_client_says():
    prometheus_client = pytest.importorskip("prometheus_client")
    from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
    from prometheus_client.parser import text_string_to_metric_families as parse_text
    from clusapi_py.monitor import exporter as ex
    families, _, _ = served(SimulatedCluster())
    families = list(families.values()) + [pm.Family(pm.PREFIX + "odd", 'help with "quotes", \\ and\nlines', "gauge",
                                                    ("name",), [(('a"b\\c\nd',), float("inf")), (("x",), -1.5)])]

    def parsed(text, parse):
        return sorted((s.name, tuple(sorted(s.labels.items())), s.value) for f in parse(text) for s in f.samples)

    for openmetrics, parse in ((False, parse_text), (True, parse_openmetrics)):
        ours = "".join(pm.gauge_text(f, openmetrics) for f in families) + ("# EOF\n" if openmetrics else "")
        theirs = ex._render_metrics([ex._client_family(f) for f in families], "openmetrics" if openmetrics else "text")
        theirs = theirs.decode("utf-8") + ("# EOF\n" if openmetrics else "")
        assert parsed(ours, parse) == parsed(theirs, parse)
        helps = [line for line in ours.splitlines() if line.startswith("# HELP")]
        assert helps == [line for line in theirs.splitlines() if line.startswith("# HELP")]


def test_the_gauge_writer_refuses_a_counter():
    with pytest.raises(ValueError):
        pm.gauge_text(pm.Family("x", "h", "counter", (), [((), 1.0)]))


@pytest.mark.parametrize("owner", ["N1", "N2", "N3", "", "gone"])
def test_owner_lines_are_a_line_per_node_with_1_on_the_owner(owner):
    nodes = ("N1", "N2", "N3")
    text = pm.owner_lines("m", (("type", 'T"x'),), "obj\n1", owner, nodes, True)
    expected = "".join('m{type="T\\"x",node_name="%s",name="obj\\n1"} %s\n' % (n, "1.0" if n == owner else "0.0")
                       for n in nodes)
    assert text == expected
    only = pm.owner_lines("m", (), "o", owner, nodes, False)
    assert only == ('m{node_name="%s",name="o"} 1.0\n' % owner if owner else "")
