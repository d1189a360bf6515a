"""Snapshot: a whole cluster read in one shim call, and its topology form.

Snapshot.to_dict() is exactly the simulator's topology format (see
docs/topology.md), so `SimulatedCluster(snapshot.to_dict())` replays a
cluster -- a dump taken on a real cluster runs anywhere.
"""
from __future__ import annotations

import json
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Iterable

from . import _bindings as bindings
from . import kinds
from ._sections import Section, read_sections
from .properties.codec import parse
from .properties.values import to_json
from .enums import state_name
from .records import (
    ClusterVersion, GroupInfo, NetInterfaceInfo, NetworkInfo, NodeInfo, Quorum, ResourceInfo, TopologyDict,
)

__all__ = ["Snapshot", "PropertyTable", "NodeInfo", "GroupInfo", "ResourceInfo", "NetworkInfo", "NetInterfaceInfo"]


_NODE = kinds.NODE.state_table()
_GROUP = kinds.GROUP.state_table()
_RESOURCE = kinds.RESOURCE.state_table()
_NETWORK = kinds.NETWORK.state_table()
_NETIF = kinds.NETINTERFACE.state_table()


# section -> the kind whose properties it holds
_PROPERTY_SECTIONS = kinds.PROPERTY_SECTIONS


class PropertyTable(Mapping[str, "dict[str, Any]"]):
    """{object name: {property: value}} of one kind of a snapshot taken with
    properties=True.  Each object's lists are decoded when it is first read
    (a malformed list raises ValueError then), so a snapshot of thousands of
    objects costs little more than the enumeration until it is used."""

    __slots__ = ("_data", "_spans", "_cache")

    def __init__(self, data: bytes, spans: dict[str, tuple[int, int, int]]) -> None:
        self._data = data           # the section's bytes
        self._spans = spans         # {name: (offset, read-write bytes, read-only bytes)}
        self._cache: dict[str, tuple[dict[str, Any], dict[str, int]]] = {}

    def _decoded(self, name: str) -> tuple[dict[str, Any], dict[str, int]]:
        got = self._cache.get(name)
        if got is None:
            pos, n_rw, n_ro = self._spans[name]
            values: dict[str, Any] = {}
            types: dict[str, int] = {}
            for start, n in ((pos, n_rw), (pos + n_rw, n_ro)):
                if n:
                    for p in parse(self._data[start:start + n]):
                        values[p.name] = p.value
                        types[p.name] = p.syntax
            got = self._cache[name] = (values, types)
        return got

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self._decoded(name)[0]

    def syntaxes(self, name: str) -> dict[str, int]:
        """{property: CLUSPROP syntax} of one object."""
        return self._decoded(name)[1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __repr__(self) -> str:
        return "<PropertyTable of %d objects>" % len(self._spans)


def _read_properties(sections: dict[int, Section]) -> dict[str, PropertyTable] | None:
    """{kind: PropertyTable} of the property sections present (per row: the
    read-write list, then the read-only list), or None without them."""
    if not any(k in sections for k in _PROPERTY_SECTIONS):
        return None
    out: dict[str, PropertyTable] = {}
    for kind, object_kind in _PROPERTY_SECTIONS.items():
        label = object_kind.name
        section = sections.get(kind)
        if section is None:
            raise ValueError("snapshot result: property section %d is missing" % kind)
        data, pos = section.data, 0
        spans: dict[str, tuple[int, int, int]] = {}
        for name, n_rw, n_ro in zip(section.text[0], section.ints[0], section.ints[1]):
            if n_rw < 0 or n_ro < 0:
                raise ValueError("snapshot result: property section %d: negative list size for %r" % (kind, name))
            spans[name] = (pos, n_rw, n_ro)
            pos += n_rw + n_ro
        if pos != len(data):
            raise ValueError("snapshot result: property section %d: %d bytes, the rows use %d"
                             % (kind, len(data), pos))
        out[label] = PropertyTable(data, spans)
    return out


def _settled(section: Section) -> frozenset[str]:
    """The names of the resource or net interface rows whose `read` column (the
    second int, when the shim gives it) is 0: states settled by their group's, or
    by their network's and node's (api/cs_snapshot.h)."""
    if len(section.ints) < 2:
        return frozenset()
    return frozenset(n for n, read in zip(section.text[0], section.ints[1]) if not read)


def _owner_map(node_names: Iterable[str], owners: Iterable[str]) -> dict[str, str]:
    """{owner as reported: owner as the snapshot shows it}: the name when it is
    one of the snapshot's nodes (compared case-insensitively, as the cluster
    does), else "" -- worked out once per distinct owner, not once per row."""
    exact = set(node_names)
    lowered = {n.lower() for n in node_names}
    return {o: (o if o in exact or o.lower() in lowered else "") for o in set(owners)}


class Snapshot:
    """One consistent reading of a cluster.

    Consistency: every owner node a group or resource names is one of
    .nodes, every resource's group is one of .groups, and every net
    interface's node and network are among .nodes and .networks (a node of
    "" only on an interface of .settled_netinterfaces).  Objects
    created or deleted while the snapshot was being read may be missing; a
    group whose owner node is not among .nodes reports no owner ("").
    """

    __slots__ = ("cluster_name", "version", "quorum", "nodes", "groups", "resources", "networks",
                 "netinterfaces", "resource_types", "group_properties", "resource_properties", "node_properties",
                 "network_properties", "cluster_properties", "_cluster_table", "settled_resources",
                 "settled_netinterfaces")

    cluster_name: str
    version: ClusterVersion
    quorum: Quorum
    nodes: tuple[NodeInfo, ...]
    groups: tuple[GroupInfo, ...]
    resources: tuple[ResourceInfo, ...]
    networks: tuple[NetworkInfo, ...]
    netinterfaces: tuple[NetInterfaceInfo, ...]
    resource_types: tuple[str, ...]
    #: With snapshot(properties=True): {object name: {property: value}} per kind; None without.
    group_properties: PropertyTable | None
    resource_properties: PropertyTable | None
    node_properties: PropertyTable | None
    network_properties: PropertyTable | None
    cluster_properties: dict[str, Any] | None
    _cluster_table: PropertyTable | None
    #: With snapshot(settled=True): the names of the resources whose state was not
    #: read, because their group's state settles it; empty otherwise.
    settled_resources: frozenset[str]
    #: With snapshot(settled=True): the names of the net interfaces whose state was
    #: not read (Up: on an Up network, on a node that is Up or Paused; their .node
    #: is "" where it was not read either: while every network is Up); empty otherwise.
    settled_netinterfaces: frozenset[str]

    def __init__(self, cluster_name: str, version: ClusterVersion, quorum: Quorum, nodes: Iterable[NodeInfo],
                 groups: Iterable[GroupInfo], resources: Iterable[ResourceInfo], networks: Iterable[NetworkInfo],
                 netinterfaces: Iterable[NetInterfaceInfo], resource_types: Iterable[str],
                 properties: dict[str, PropertyTable] | None = None) -> None:
        self.cluster_name = cluster_name
        self.version = version
        self.quorum = quorum
        self.nodes = tuple(nodes)
        self.groups = tuple(groups)
        self.resources = tuple(resources)
        self.networks = tuple(networks)
        self.netinterfaces = tuple(netinterfaces)
        self.resource_types = tuple(resource_types)
        # With snapshot(properties=True): a PropertyTable per kind (None without).
        props = properties or {}
        self.group_properties = props.get("group")
        self.resource_properties = props.get("resource")
        self.node_properties = props.get("node")
        self.network_properties = props.get("network")
        cluster = props.get("cluster")
        self._cluster_table = cluster
        self.cluster_properties = None if cluster is None else dict(cluster.get("", {}))
        self.settled_resources: frozenset[str] = frozenset()
        self.settled_netinterfaces: frozenset[str] = frozenset()

    @classmethod
    def _from_shim(cls, fields: list[str], ints: list[int], data: bytes = b"") -> Snapshot:
        """Decodes cs_snapshot's sectioned result (layout: api/cs_snapshot.h); `data`: its
        bytes (the property lists of cs_snapshot_ex's property sections)."""
        new = tuple.__new__   # NamedTuple's own __new__ is Python code: skip it for 10^4 rows
        # kind: (text fields, ints) per row that this reader uses
        want = {
            bindings.SECTION_CLUSTER: (3, 6), bindings.SECTION_QUORUM: (2, 1), bindings.SECTION_NODES: (2, 1),
            bindings.SECTION_GROUPS: (3, 1), bindings.SECTION_RESOURCES: (4, 1), bindings.SECTION_NETWORKS: (2, 1),
            bindings.SECTION_NETINTERFACES: (3, 1), bindings.SECTION_RESOURCE_TYPES: (1, 0),
        }
        # the property sections are there only with properties=True: read when present
        sections = read_sections(fields, ints, data, want=want,
                                 optional={kind: (1, 2) for kind in _PROPERTY_SECTIONS})
        head, quorum = sections[bindings.SECTION_CLUSTER], sections[bindings.SECTION_QUORUM]
        if head.rows != 1 or quorum.rows != 1:
            raise ValueError("snapshot result: %d cluster rows and %d quorum rows, expected 1 each"
                             % (head.rows, quorum.rows))
        (name,), (vendor,), (csd,) = head.text[:3]
        (major,), (minor,), (build,), (highest,), (lowest,), (flags,) = head.ints[:6]
        version = ClusterVersion(major, minor, build, vendor, csd, highest, lowest, flags)
        quorum = Quorum(quorum.text[0][0], quorum.text[1][0], quorum.ints[0][0])

        section = sections[bindings.SECTION_NODES]
        names, ids = section.text[:2]
        nodes = [new(NodeInfo, (n, i, _NODE[st])) for n, i, st in zip(names, ids, section.ints[0])]
        node_names = names
        section = sections[bindings.SECTION_GROUPS]
        names, ids, owners = section.text[:3]
        owner_of = _owner_map(node_names, owners)
        groups = [new(GroupInfo, (n, i, _GROUP[st], owner_of[o]))
                  for n, i, st, o in zip(names, ids, section.ints[0], owners)]
        group_names = set(names)
        group_names.update(n.lower() for n in names)
        section = sections[bindings.SECTION_RESOURCES]
        names, ids, owners, rgroups = section.text[:4]
        owner_of = _owner_map(node_names, owners)
        resources = [new(ResourceInfo, (n, i, _RESOURCE[st], owner_of[o], g))
                     for n, i, st, o, g in zip(names, ids, section.ints[0], owners, rgroups)
                     if g in group_names or g.lower() in group_names]
        section = sections[bindings.SECTION_NETWORKS]
        names, ids = section.text[:2]
        networks = [new(NetworkInfo, (n, i, _NETWORK[st])) for n, i, st in zip(names, ids, section.ints[0])]
        section = sections[bindings.SECTION_NETINTERFACES]
        names, nif_nodes, nif_networks = section.text[:3]
        node_set = set(node_names)
        network_set = {n.name for n in networks}
        settled_netifs = _settled(section)
        # a settled interface's node was not read (""): kept when its network is known
        netifs = [new(NetInterfaceInfo, (n, nd, nw, _NETIF[st]))
                  for n, nd, nw, st in zip(names, nif_nodes, nif_networks, section.ints[0])
                  if (nd in node_set or (nd == "" and n in settled_netifs)) and nw in network_set]
        restypes = sections[bindings.SECTION_RESOURCE_TYPES].text[0]
        snap = cls(name, version, quorum, nodes, groups, resources, networks, netifs, restypes,
                   _read_properties(sections))
        snap.settled_resources = _settled(sections[bindings.SECTION_RESOURCES])
        snap.settled_netinterfaces = frozenset(r.name for r in netifs if r.name in settled_netifs)
        return snap

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return all(getattr(self, a) == getattr(other, a) for a in self.__slots__ if a != "_cluster_table")

    def __repr__(self) -> str:
        return "<Snapshot %r: %d nodes, %d groups, %d resources, %d networks, %d net interfaces>" % (
            self.cluster_name, len(self.nodes), len(self.groups), len(self.resources), len(self.networks),
            len(self.netinterfaces))

    @staticmethod
    def _props_json(table: PropertyTable, name: str) -> dict[str, Any]:
        values, types = table[name], table.syntaxes(name)
        return {p: to_json(types[p], v) for p, v in values.items()}

    def _with_properties(self, kind: str, table: PropertyTable | None, obj: dict[str, Any]) -> None:
        """obj with the object's `properties` (and a resource's `type`) when the snapshot has them."""
        if table is not None and obj["name"] in table:
            values = table[obj["name"]]
            if kind == "resource" and isinstance(values.get("Type"), str):
                obj["type"] = values["Type"]
            obj["properties"] = self._props_json(table, obj["name"])

    def to_dict(self) -> TopologyDict:
        """The snapshot in the simulator's topology format (with each object's
        `properties` and each resource's `type` when taken with properties=True)."""
        out = self._base_dict()
        if self._cluster_table is not None and "" in self._cluster_table:
            out["cluster"]["properties"] = self._props_json(self._cluster_table, "")
        for kind, key, table in (("node", "nodes", self.node_properties),
                                 ("network", "networks", self.network_properties),
                                 ("group", "groups", self.group_properties),
                                 ("resource", "resources", self.resource_properties)):
            for obj in typing.cast("list[dict[str, Any]]", out[key]):   # type: ignore[literal-required]
                self._with_properties(kind, table, obj)
        return out

    def _base_dict(self) -> TopologyDict:
        v = self.version
        return {
            "cluster": {
                "name": self.cluster_name,
                "version": {
                    "major": v.major, "minor": v.minor, "build": v.build, "vendor_id": v.vendor_id,
                    "csd_version": v.csd_version, "highest_version": v.highest_version,
                    "lowest_version": v.lowest_version, "flags": v.flags,
                },
            },
            "nodes": [{"name": n.name, "id": n.id, "state": state_name(n.state)} for n in self.nodes],
            "networks": [{"name": n.name, "id": n.id, "state": state_name(n.state)} for n in self.networks],
            "netinterfaces": [
                {"name": i.name, "node": i.node, "network": i.network, "state": state_name(i.state)}
                for i in self.netinterfaces
            ],
            "resource_types": list(self.resource_types),
            "groups": [
                {"name": g.name, "id": g.id, "state": state_name(g.state), "owner_node": g.owner_node}
                for g in self.groups
            ],
            "resources": [
                {"name": r.name, "id": r.id, "state": state_name(r.state), "group": r.group} for r in self.resources
            ],
            "quorum": {
                "resource": self.quorum.resource_name,
                "device": self.quorum.device_name,
                "max_log_size": self.quorum.max_log_size,
            },
        }

    def to_json(self, **kwargs: Any) -> str:
        """to_dict() as JSON text; keyword arguments go to json.dumps (default: indent=2, ensure_ascii=False)."""
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
