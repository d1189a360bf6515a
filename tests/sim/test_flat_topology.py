"""tests/windows/simdll/flatten_topology.py: the simulated clusapi.dll's topology file carries
the topology's properties as `prop` lines holding what the package's own simulator holds."""
from __future__ import annotations

from typing import Any

import pytest

from clusapi_py import kinds
from clusapi_py.properties.codec import encode_value
from clusapi_py.properties.syntax import Syntax
from clusapi_py.sim import SimulatedCluster


def _flatten() -> Any:
    from conftest import load_script
    return load_script("windows", "simdll", "flatten_topology.py")


TOPOLOGY = {
    "cluster": {"name": "C1", "properties": {"Description": "D\u00e9sc-\U0001F600"}},
    "nodes": [{"name": "N1", "private_properties": {"Custom": 5}}],
    "groups": [{"name": "VM1", "properties": {"GroupType": 111}}],
    "resources": [{"name": "R1", "group": "VM1", "type": "Generic Service",
                   "properties": {"RestartThreshold": 7}}],
}


def _props(lines: list[str]) -> dict[tuple[int, str, int, str], tuple[int, bytes]]:
    out = {}
    for line in lines:
        f = line.split("\t")
        if f[0] == "prop":
            assert len(f) == 7, line
            out[(int(f[1]), f[2], int(f[3]), f[4])] = (int(f[5]), bytes.fromhex(f[6]))
    return out


def test_every_property_of_the_topology_is_a_prop_line_with_what_the_simulator_holds() -> None:
    f = _flatten()
    assert f.HAVE_PACKAGE
    got = _props(f.flat_lines(TOPOLOGY))
    s = SimulatedCluster(TOPOLOGY)
    expected = {}
    for kind, name, private, prop in (("cluster", "", 0, "Description"), ("node", "N1", 1, "Custom"),
                                      ("group", "VM1", 0, "GroupType"), ("resource", "R1", 0, "RestartThreshold")):
        p = {q.name: q for q in s.property_list(kind, name or None, private=bool(private))}[prop]
        expected[(kinds.BY_NAME[kind].id, name, private, prop)] = (int(p.syntax), encode_value(p.syntax, p.value))
    assert got == expected
    # the values themselves, as the topology gave them
    assert got[(kinds.CLUSTER.id, "", 0, "Description")][1] == "D\u00e9sc-\U0001F600\0".encode("utf-16-le")
    assert got[(kinds.BY_NAME["group"].id, "VM1", 0, "GroupType")][1] == (111).to_bytes(4, "little")


def test_a_value_keeps_the_type_of_the_default_it_replaces() -> None:
    """A string for a Physical Disk's private DiskPath (an EXPAND_SZ default) stays EXPAND_SZ,
    as SimulatedCluster.set_properties keeps it, not the SZ a bare string is inferred as."""
    topo = SimulatedCluster().topology
    disk = next(r for r in topo["resources"] if r["type"] == "Physical Disk")
    held = {p.name: p for p in SimulatedCluster().property_list("resource", disk["name"], private=True)}
    assert held["DiskPath"].syntax == Syntax.EXPAND_SZ
    disk["private_properties"] = {"DiskPath": "%SystemDrive%\\x"}
    got = _props(_flatten().flat_lines(topo))
    syntax, data = got[(kinds.BY_NAME["resource"].id, disk["name"], 1, "DiskPath")]
    assert syntax == int(Syntax.EXPAND_SZ)
    assert data == "%SystemDrive%\\x\0".encode("utf-16-le")


def test_no_properties_no_prop_lines_and_a_refused_value_is_an_error() -> None:
    f = _flatten()
    assert not _props(f.flat_lines({"cluster": {"name": "C1"}, "nodes": [{"name": "N1"}]}))
    with pytest.raises((TypeError, ValueError)):
        f.flat_lines({"cluster": {"name": "C1", "properties": {"Description": {"binary": "zz"}}}, "nodes": [{"name": "N1"}]})


def test_without_the_package_a_topology_with_properties_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    f = _flatten()
    monkeypatch.setattr(f, "HAVE_PACKAGE", False)
    with pytest.raises(ValueError, match="installed clusapi_py"):
        f.flat_lines(TOPOLOGY)
    assert f.flat_lines({"cluster": {"name": "C1"}, "nodes": [{"name": "N1"}]})[0] == "clusapi-sim-flat 1"
