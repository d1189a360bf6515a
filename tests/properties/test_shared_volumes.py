"""Cluster Shared Volumes: healthy, redirected, offline, full; the simulator's
knobs, the topology key, the value-list reader, the CLI."""
import io
import json
import struct

import pytest

import clusapi_py
from clusapi_py import CsvFaultState, CsvVolume, ResourceState, SharedVolume, cli, errors
from clusapi_py.shared_volumes import value_list
from clusapi_py.sim import SimulatedCluster, generate


def volumes(sim):
    with clusapi_py.open_cluster(backend=sim) as c:
        return c.shared_volumes()


def test_default_topology_has_two_healthy_csvs():
    got = volumes(SimulatedCluster())
    assert [v.name for v in got] == ["Cluster Disk 3", "Cluster Disk 4"]
    v1 = got[0]
    assert isinstance(v1, SharedVolume) and v1.state == ResourceState.ONLINE and v1.owner_node == "NODE1"
    (vol,) = v1.volumes
    assert isinstance(vol, CsvVolume)
    assert vol.path == "C:\\ClusterStorage\\Volume1" and vol.volume_name.startswith("\\\\?\\Volume{")
    assert vol.total_bytes == 2 * 2**40 and 0 < vol.free_bytes < vol.total_bytes
    assert vol.fault_state == CsvFaultState(0) and not vol.fault_state and vol.backup_state == 0


def test_redirected_full_offline_and_moved():
    sim = SimulatedCluster()
    sim.set_csv_fault_state("Cluster Disk 3", CsvFaultState.NO_DIRECT_IO | CsvFaultState.IN_MAINTENANCE)
    sim.fill_volume("Cluster Disk 3", 0)
    sim.set_resource_state("Cluster Disk 4", "OFFLINE")
    sim.move_group("Available Storage", "NODE2")
    v3, v4 = volumes(sim)
    assert v3.owner_node == "NODE2"
    assert v3.volumes[0].fault_state == CsvFaultState.NO_DIRECT_IO | CsvFaultState.IN_MAINTENANCE
    assert v3.volumes[0].free_bytes == 0
    assert v4.state == ResourceState.OFFLINE and v4.volumes == ()


def test_knob_and_topology_errors():
    sim = SimulatedCluster()
    with pytest.raises(ValueError):
        sim.fill_volume("Cluster Disk 3", 3 * 2**40)
    with pytest.raises(ValueError):
        sim.set_csv_fault_state("Cluster Disk 3", 16)
    with pytest.raises(ValueError, match="not a Cluster Shared Volume"):
        sim.fill_volume("SQL Server", 1)
    with pytest.raises(ValueError, match="not a resource"):
        sim.add_shared_volume("NOPE", "C:\\ClusterStorage\\X", 10)
    with pytest.raises(ValueError, match="free_bytes"):
        sim.add_shared_volume("Cluster Disk 2", "C:\\ClusterStorage\\X", 10, 11)
    sim.add_shared_volume("Cluster Disk 2", "C:\\ClusterStorage\\Volume3", 100, 50)
    assert [v.name for v in volumes(sim)] == ["Cluster Disk 3", "Cluster Disk 2", "Cluster Disk 4"]
    assert sim.topology["shared_volumes"][-1]["free_bytes"] == 50
    with pytest.raises(ValueError, match="duplicate shared volume"):
        SimulatedCluster(dict(sim.topology, shared_volumes=sim.topology["shared_volumes"] * 2))


def test_control_codes_on_a_resource_that_is_no_csv():
    with clusapi_py.open_cluster(backend=SimulatedCluster()) as c:
        from clusapi_py import _consts as k
        from clusapi_py.properties.controls import control_bytes
        r = c.open_resource("SQL Server")
        with pytest.raises(errors.ClusterError) as info:
            control_bytes(r._tok(), k.CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO)
        assert info.value.winerror == 1


def test_deleted_csv_is_skipped():
    sim = SimulatedCluster()
    sim.delete_resource("Cluster Disk 4")
    assert [v.name for v in volumes(sim)] == ["Cluster Disk 3"]


def test_generate_adds_csvs():
    sim = SimulatedCluster(generate(nodes=2, groups=2, resources_per_group=1, shared_volumes=3))
    got = volumes(sim)
    assert len(got) == 3 and all(v.volumes[0].total_bytes == 2**40 for v in got)


@pytest.mark.parametrize("data,words", [
    (b"", "truncated"), (struct.pack("<I", 1), "truncated entry"),
    (struct.pack("<II", 1, 100) + b"\0" * 8, "overruns"), (struct.pack("<II", 1, 0), "no ENDMARK"),
])
def test_value_list_malformed(data, words):
    with pytest.raises(ValueError, match=words):
        value_list(data)


def test_value_list_reads_entries():
    data = struct.pack("<II", 1, 3) + b"abc\0" + struct.pack("<II", 2, 4) + b"wxyz" + b"\0\0\0\0"
    assert value_list(data) == [(1, b"abc"), (2, b"wxyz")]


def test_cli_csv():
    sim_args = ["--sim"]
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(sim_args + ["csv"], out, err) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "(simulated) CLUSTER01: 2 cluster shared volumes"
    assert lines[1].split()[:4] == ["NAME", "PATH", "OWNER", "STATE"]   # issue 21: the volume name first
    assert "C:\\ClusterStorage\\Volume1" in lines[2] and "healthy" in lines[2] and "2.0 TiB" in lines[2]
    out = io.StringIO()
    assert cli.main(sim_args + ["csv", "--json"], out, err) == 0
    data = json.loads(out.getvalue())
    assert data["schema"] == 1 and data["simulated"] is True
    rows = data["shared_volumes"]
    assert rows[1]["free_percent"] == round(100.0 * 164926744166 / 2**40, 1)
    assert rows[0]["fault_state"] == "healthy"


def state_info(node, state, redirected, block, size=1584):
    raw = bytearray(size)
    raw[0:len("V\0".encode("utf-16-le"))] = "V\0".encode("utf-16-le")
    enc = node.encode("utf-16-le")
    raw[520:520 + len(enc)] = enc
    struct.pack_into("<I", raw, 1040, state)
    struct.pack_into("<QQ", raw, size - 16, redirected, block)
    return bytes(raw)


def test_csv_node_states_from_a_notification_payload():
    from clusapi_py.properties import Syntax, build
    from clusapi_py.shared_volumes import CsvVolumeState, csv_node_states
    data = build([("NODE1", state_info("NODE1", 2, 0, 0), Syntax.BINARY),
                  ("NODE2", state_info("NODE2", 3, 0x10, 2**40, size=1580), Syntax.BINARY),
                  ("NODE3", state_info("NODE3", 9, 0, 0), Syntax.BINARY)])
    states = csv_node_states(data)
    assert states[0] == clusapi_py.CsvNodeState("NODE1", CsvVolumeState.ACTIVE, 0, 0)
    assert states[1] == clusapi_py.CsvNodeState("NODE2", CsvVolumeState.ACTIVE_REDIRECTED, 0x10, 2**40)
    assert states[2].state == 9
    with pytest.raises(ValueError, match="1584 or 1580"):
        csv_node_states(build([("N", b"x" * 100, Syntax.BINARY)]))
    with pytest.raises(ValueError, match="1584 or 1580"):
        csv_node_states(build([("N", 5, Syntax.DWORD)]))
    with pytest.raises(ValueError):
        csv_node_states(b"\x05\0\0\0")
