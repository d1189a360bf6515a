"""The topology format (docs/topology.md): the built-in topology, and the
checker that turns any topology into a complete, valid one.

Pure: no extension and no simulator.  normalize_topology() reads the
sections in a fixed order -- cluster, nodes, networks, net interfaces,
groups, resources, resource types, quorum -- one function each, so a
reference is only ever to a section already read (and the first error
reported is always the same one).

A topology is JSON-shaped data: dict[str, Any] (its exact shape is
docs/topology.md; normalize_topology() is what checks it).
"""
from __future__ import annotations

import copy
import json
import os
import stat
import uuid
from typing import Any, Callable, NoReturn, TypeVar

from .._validate import name_arg, text_arg
from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, coerce_state
from ..names import name_key
from ..properties.values import coerce
from .scenario import check_latency, check_scenario

__all__ = ["default_topology", "normalize_topology", "read_topology_file"]

_S = TypeVar("_S", NodeState, GroupState, ResourceState, NetworkState, NetInterfaceState)

_DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
_DATA = os.path.join(_DATA_DIR, "default_topology.json")
#: A topology with a scenario (a failover every few seconds): `clusapi --sim demo ...`.
DEMO_TOPOLOGY = os.path.join(_DATA_DIR, "failover-demo.json")
MAX_FILE_BYTES = 1 << 30    # a topology file's size limit (a 24 000-resource dump with properties is ~100 MB)
MAX_DEPTH = 32              # JSON nesting: the format itself needs 6
_ID_NAMESPACE = uuid.UUID("6f1c9c57-3d1e-4b8a-9a57-2f1d0c7c1a11")
MAX_ID = 255            # UTF-16 units of an object id
MAX_VERSION_TEXT = 63   # UTF-16 units of CLUSTERVERSIONINFO's vendor and CSD strings
MAX_DEVICE = 1024       # UTF-16 units of the quorum device
DWORD_MAX = 0xFFFFFFFF
WORD_MAX = 0xFFFF


def default_topology() -> dict[str, Any]:
    """The built-in topology (a three-node Windows Server 2022 cluster), as a fresh dict."""
    with open(_DATA, encoding="utf-8") as f:
        topology: dict[str, Any] = json.load(f)
        return topology


def read_topology_file(path: "str | os.PathLike[str]") -> Any:
    """The JSON of a topology file, read within bounds: a regular file only
    (a FIFO nobody writes, a device such as /dev/zero or a directory would
    block or never end: refused before any read, without waiting for a
    writer), at most MAX_FILE_BYTES, nested at most MAX_DEPTH deep.
    OSError / ValueError say which path and why."""
    where = os.fspath(path)
    if not where:
        raise ValueError("topology path must not be empty")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(where, flags)      # O_NONBLOCK: opening a FIFO does not wait for a writer
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("topology file %r: not a regular file" % where)
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError("topology file %r: %d bytes, more than the %d a topology may have"
                             % (where, info.st_size, MAX_FILE_BYTES))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:   # it grew while being read
        raise ValueError("topology file %r: more than %d bytes" % (where, MAX_FILE_BYTES))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("topology file %r: not UTF-8 (%s)" % (where, exc)) from None
    too_deep = "topology file %r: JSON nested deeper than %d levels" % (where, MAX_DEPTH)
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError(too_deep) from None
    except json.JSONDecodeError as exc:
        raise ValueError("topology file %r: not JSON: %s" % (where, exc)) from None
    if _depth_exceeds(value, MAX_DEPTH):
        raise ValueError(too_deep)
    return value


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether JSON data nests deeper than `limit` (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def stable_id(kind: str, name: str) -> str:
    """The id an object gets when the topology gives none: the same for the same kind and name."""
    # ASCII names keep the ids they always had; any other is keyed as the cluster compares it,
    # so that two names the cluster tells apart (K and the Kelvin sign) get two ids.
    return str(uuid.uuid5(_ID_NAMESPACE, "%s/%s" % (kind, name.lower() if name.isascii() else name_key(name))))


# ---- the checker -----------------------------------------------------------------------------
class Checker:
    """Type and range checks that raise ValueError("where: what is wrong"),
    and the name tables of the sections read so far (for references)."""

    def __init__(self) -> None:
        # {name_key(name): name as defined} of each section read so far
        self.node_keys: dict[str, str]
        self.network_keys: dict[str, str]
        self.netif_keys: dict[str, str]
        self.group_keys: dict[str, str]
        self.resource_keys: dict[str, str]
        self.node_keys, self.network_keys, self.netif_keys = {}, {}, {}
        self.group_keys, self.resource_keys = {}, {}

    def fail(self, where: str, message: str) -> NoReturn:
        raise ValueError("%s: %s" % (where, message))

    def obj(self, value: object, where: str, required: list[str], optional: list[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "must be an object (dict), not %s" % type(value).__name__)
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            self.fail(where, "unknown key(s) %s" % ", ".join(map(repr, unknown)))
        missing = [k for k in required if k not in value]
        if missing:
            self.fail(where, "missing key(s) %s" % ", ".join(map(repr, missing)))
        return value

    def name(self, value: object, where: str) -> str:
        try:
            return name_arg(value, "name")
        except (TypeError, ValueError) as exc:
            self.fail(where, str(exc))

    def text(self, value: object, where: str, limit: "int | None" = None) -> str:
        """Any text field: the same rule as names (_validate.text_arg), empty allowed."""
        try:
            return text_arg(value, "text", limit)
        except (TypeError, ValueError) as exc:
            self.fail(where, str(exc).replace("text ", "", 1))

    def integer(self, value: object, where: str, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, "must be an int, not %s" % type(value).__name__)
        if not lo <= value <= hi:
            self.fail(where, "must be between %d and %d" % (lo, hi))
        return value

    def state(self, enum_cls: type[_S], value: Any, where: str) -> _S:
        try:
            member = coerce_state(enum_cls, value)
        except (TypeError, ValueError) as exc:
            self.fail(where, str(exc))
        if member == enum_cls.UNKNOWN:
            self.fail(where, "UNKNOWN is what a failed call reports, not a state to simulate")
        return member

    def names(self, value: object, where: str) -> list[str]:
        if not isinstance(value, (list, tuple)):
            self.fail(where, "must be a list of names, not %s" % type(value).__name__)
        return [self.name(v, "%s[%d]" % (where, i)) for i, v in enumerate(value)]

    def items(self, topo: dict[str, Any], key: str) -> list[Any] | tuple[Any, ...]:
        value = topo.get(key, [])
        if not isinstance(value, (list, tuple)):
            self.fail("topology.%s" % key, "must be a list, not %s" % type(value).__name__)
        return value

    def unique(self, seen: dict[str, str], name: str, where: str, what: str) -> None:
        """Records `name` in `seen` (keyed as the cluster compares names); a second one is an error."""
        key = name_key(name)
        if key in seen:
            self.fail(where, "duplicate %s name %r" % (what, name))
        seen[key] = name

    def ref(self, value: object, keys: dict[str, str], where: str, what: str) -> str:
        """A reference to an object already read, spelled as it was defined."""
        name = self.name(value, where)
        if name_key(name) not in keys:
            self.fail(where, "%r is not a %s" % (name, what))
        return keys[name_key(name)]


def id_arg(value: object, default: str) -> str:
    """An object id for the simulator's add_* methods: a str of at most 255 UTF-16 units, no NUL."""
    if value is None:
        return default
    try:
        return Checker().text(value, "id", MAX_ID)
    except ValueError as exc:
        raise ValueError(str(exc)) from None


# ---- the sections, in the order they are read -----------------------------------------------
PROPERTY_KEYS = ["properties", "private_properties"]


def _with_properties(ck: Checker, raw: dict[str, Any], where: str, out: dict[str, Any]) -> dict[str, Any]:
    """out, with the object's `properties` / `private_properties` (dicts of
    name -> JSON value, see properties.values) checked and copied when given."""
    for key in PROPERTY_KEYS:
        if key not in raw:
            continue
        props = raw[key]
        if not isinstance(props, dict):
            ck.fail("%s.%s" % (where, key), "must be an object (dict), not %s" % type(props).__name__)
        for name, value in props.items():
            w = "%s.%s[%r]" % (where, key, name)
            if not isinstance(name, str) or not name or "\0" in name:
                ck.fail(w, "a property name is a non-empty str without NUL")
            try:
                coerce(value, None, "value")
            except (TypeError, ValueError) as e:
                ck.fail(w, str(e))
        out[key] = copy.deepcopy(props)
    return out


def _cluster(ck: Checker, topo: dict[str, Any]) -> dict[str, Any]:
    cl = ck.obj(topo["cluster"], "topology.cluster", ["name"], ["aliases", "version"] + PROPERTY_KEYS)
    version = ck.obj(cl.get("version", {}), "topology.cluster.version", [],
                     ["major", "minor", "build", "vendor_id", "csd_version", "highest_version",
                      "lowest_version", "flags"])
    where = "topology.cluster.version"
    return _with_properties(ck, cl, "topology.cluster", {
        "name": ck.name(cl["name"], "topology.cluster.name"),
        "aliases": ck.names(cl.get("aliases", []), "topology.cluster.aliases"),
        "version": {
            "major": ck.integer(version.get("major", 10), where + ".major", 0, WORD_MAX),
            "minor": ck.integer(version.get("minor", 0), where + ".minor", 0, WORD_MAX),
            "build": ck.integer(version.get("build", 20348), where + ".build", 0, WORD_MAX),
            "vendor_id": ck.text(version.get("vendor_id", "Microsoft(R) Cluster Service"), where + ".vendor_id",
                                 MAX_VERSION_TEXT),
            "csd_version": ck.text(version.get("csd_version", ""), where + ".csd_version", MAX_VERSION_TEXT),
            "highest_version": ck.integer(version.get("highest_version", 0x000B0004), where + ".highest_version",
                                          0, DWORD_MAX),
            "lowest_version": ck.integer(version.get("lowest_version", 0x000B0004), where + ".lowest_version",
                                         0, DWORD_MAX),
            "flags": ck.integer(version.get("flags", 0), where + ".flags", 0, DWORD_MAX),
        },
    })


def _named_objects(ck: Checker, topo: dict[str, Any], key: str, what: str, keys: dict[str, str],
                   enum_cls: type[_S], default_id: Callable[[int, str], str]) -> list[dict[str, Any]]:
    """A section of {name, id, state} objects (nodes, networks)."""
    objects = []
    for i, n in enumerate(ck.items(topo, key)):
        w = "topology.%s[%d]" % (key, i)
        n = ck.obj(n, w, ["name"], ["id", "state"] + PROPERTY_KEYS)
        name = ck.name(n["name"], w + ".name")
        ck.unique(keys, name, w + ".name", what)
        objects.append(_with_properties(ck, n, w, {
            "name": name, "id": ck.text(n.get("id", default_id(i, name)), w + ".id", MAX_ID),
            "state": ck.state(enum_cls, n.get("state", "UP"), w + ".state").name}))
    return objects


def _nodes(ck: Checker, topo: dict[str, Any]) -> list[dict[str, Any]]:
    if not ck.items(topo, "nodes"):
        ck.fail("topology.nodes", "a cluster needs at least one node")
    return _named_objects(ck, topo, "nodes", "node", ck.node_keys, NodeState, lambda i, name: str(i + 1))


def _networks(ck: Checker, topo: dict[str, Any]) -> list[dict[str, Any]]:
    return _named_objects(ck, topo, "networks", "network", ck.network_keys, NetworkState,
                          lambda i, name: stable_id("network", name))


def _netinterfaces(ck: Checker, topo: dict[str, Any]) -> list[dict[str, Any]]:
    netifs = []
    for i, n in enumerate(ck.items(topo, "netinterfaces")):
        w = "topology.netinterfaces[%d]" % i
        n = ck.obj(n, w, ["name", "node", "network"], ["id", "state"] + PROPERTY_KEYS)
        name = ck.name(n["name"], w + ".name")
        ck.unique(ck.netif_keys, name, w + ".name", "net interface")
        netifs.append(_with_properties(ck, n, w, {
            "name": name,
            "node": ck.ref(n["node"], ck.node_keys, w + ".node", "node"),
            "network": ck.ref(n["network"], ck.network_keys, w + ".network", "network"),
            "id": ck.text(n.get("id", stable_id("netinterface", name)), w + ".id", MAX_ID),
            "state": ck.state(NetInterfaceState, n.get("state", "UP"), w + ".state").name}))
    return netifs


def _groups(ck: Checker, topo: dict[str, Any], first_node: str) -> list[dict[str, Any]]:
    groups = []
    for i, g in enumerate(ck.items(topo, "groups")):
        w = "topology.groups[%d]" % i
        g = ck.obj(g, w, ["name"], ["id", "state", "owner_node", "preferred_owners"] + PROPERTY_KEYS)
        name = ck.name(g["name"], w + ".name")
        ck.unique(ck.group_keys, name, w + ".name", "group")
        owner = g.get("owner_node", first_node)
        owner = "" if owner in ("", None) else ck.ref(owner, ck.node_keys, w + ".owner_node", "node")
        groups.append(_with_properties(ck, g, w, {
            "name": name, "id": ck.text(g.get("id", stable_id("group", name)), w + ".id", MAX_ID),
            "state": ck.state(GroupState, g.get("state", "ONLINE"), w + ".state").name,
            "owner_node": owner,
            "preferred_owners": [ck.ref(p, ck.node_keys, "%s.preferred_owners[%d]" % (w, j), "node")
                                 for j, p in enumerate(ck.names(g.get("preferred_owners", []),
                                                                w + ".preferred_owners"))]}))
    return groups


def _resources(ck: Checker, topo: dict[str, Any]) -> list[dict[str, Any]]:
    # Every resource's name first: a dependency may name a resource later in the list.
    # A resource without a type gets the first listed resource type (a dump taken
    # without properties lists the cluster's types but not each resource's), or
    # "Generic Service" when none is listed.
    listed = topo.get("resource_types") or []
    default_type = listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], str) \
        else "Generic Service"
    resources = []
    raw_resources = ck.items(topo, "resources")
    for i, r in enumerate(raw_resources):
        w = "topology.resources[%d]" % i
        r = ck.obj(r, w, ["name", "group"], ["id", "type", "state", "dependencies", "possible_owners"] + PROPERTY_KEYS)
        name = ck.name(r["name"], w + ".name")
        ck.unique(ck.resource_keys, name, w + ".name", "resource")
    for i, r in enumerate(raw_resources):
        w = "topology.resources[%d]" % i
        name = ck.name(r["name"], w + ".name")
        resources.append(_with_properties(ck, r, w, {
            "name": name,
            "id": ck.text(r.get("id", stable_id("resource", name)), w + ".id", MAX_ID),
            "type": ck.name(r.get("type", default_type), w + ".type"),
            "group": ck.ref(r["group"], ck.group_keys, w + ".group", "group"),
            "state": ck.state(ResourceState, r.get("state", "ONLINE"), w + ".state").name,
            "dependencies": [ck.ref(d, ck.resource_keys, "%s.dependencies[%d]" % (w, j), "resource")
                             for j, d in enumerate(ck.names(r.get("dependencies", []), w + ".dependencies"))],
            "possible_owners": [ck.ref(p, ck.node_keys, "%s.possible_owners[%d]" % (w, j), "node")
                                for j, p in enumerate(ck.names(r.get("possible_owners", []),
                                                               w + ".possible_owners"))],
        }))
    return resources


def derived_group_state(states: "list[ResourceState]") -> "GroupState | None":
    """The state a group's resources give it, by the documented order of
    precedence (CLUSTER_GROUP_STATE, clusapi.h; MS-CMRP ApiGetGroupState):
    any Failed -> FAILED; else any pending -> PENDING; else all Online ->
    ONLINE, some -> PARTIAL_ONLINE, none -> OFFLINE.  None for a group
    without resources (it keeps the state it is given).  The simulator's C
    side applies the same rule (sim_group_state, cs_sim_mutate.c)."""
    if not states:
        return None
    if ResourceState.FAILED in states:
        return GroupState.FAILED
    if any(s in _PENDING for s in states):
        return GroupState.PENDING
    online = sum(1 for s in states if s == ResourceState.ONLINE)
    return GroupState.ONLINE if online == len(states) else GroupState.PARTIAL_ONLINE if online else GroupState.OFFLINE


_PENDING = (ResourceState.PENDING, ResourceState.ONLINE_PENDING, ResourceState.OFFLINE_PENDING)


def _group_states(ck: Checker, topo: dict[str, Any], groups: list[dict[str, Any]],
                  resources: list[dict[str, Any]]) -> None:
    """A group whose state the topology omits gets the one its resources give
    it (derived_group_state); a state given is what the cluster reports, kept
    as given -- consistent or not, as SimulatedCluster.set_group_state forces
    one (a fault to inject, or a dump taken while a group was changing)."""
    members: dict[str, list[ResourceState]] = {}
    for r in resources:
        members.setdefault(name_key(r["group"]), []).append(ResourceState[r["state"]])
    raw = ck.items(topo, "groups")
    for i, g in enumerate(groups):
        derived = derived_group_state(members.get(name_key(g["name"]), []))
        if derived is not None and "state" not in raw[i]:
            g["state"] = derived.name


def derived_network_state(states: "list[NetInterfaceState]") -> "NetworkState | None":
    """The state a network's interfaces give it (CLUSTER_NETWORK_STATE and
    CLUSTER_NETINTERFACE_STATE, clusapi.h and their docs pages): of the
    interfaces that take part (not UNAVAILABLE: their node is down), all
    UP -> UP, none UP -> DOWN, some -> PARTITIONED; every interface
    UNAVAILABLE -> UNAVAILABLE.  None for a network without interfaces (it
    keeps the state it is given).  The simulator's C side applies the same
    rule (sim_network_state, cs_sim_mutate.c)."""
    if not states:
        return None
    taking_part = [s for s in states if s != NetInterfaceState.UNAVAILABLE]
    if not taking_part:
        return NetworkState.UNAVAILABLE
    up = sum(1 for s in taking_part if s == NetInterfaceState.UP)
    return NetworkState.UP if up == len(taking_part) else NetworkState.PARTITIONED if up else NetworkState.DOWN


def _network_states(ck: Checker, topo: dict[str, Any], networks: list[dict[str, Any]],
                    netinterfaces: list[dict[str, Any]]) -> None:
    """A network whose state the topology omits gets the one its interfaces
    give it (derived_network_state); a state given is kept as given, as for
    groups (_group_states)."""
    members: dict[str, list[NetInterfaceState]] = {}
    for n in netinterfaces:
        members.setdefault(name_key(n["network"]), []).append(NetInterfaceState[n["state"]])
    raw = ck.items(topo, "networks")
    for i, network in enumerate(networks):
        derived = derived_network_state(members.get(name_key(network["name"]), []))
        if derived is not None and "state" not in raw[i]:
            network["state"] = derived.name


def _resource_types(ck: Checker, topo: dict[str, Any], resources: list[dict[str, Any]]) -> list[str]:
    """The listed types, then every type a resource uses that is not listed."""
    types = ck.names(topo.get("resource_types", []), "topology.resource_types")
    type_keys: dict[str, str] = {}
    for j, t in enumerate(types):
        ck.unique(type_keys, t, "topology.resource_types[%d]" % j, "resource type")
    for r in resources:
        if name_key(r["type"]) not in type_keys:
            type_keys[name_key(r["type"])] = r["type"]
            types.append(r["type"])
    return types


def _quorum(ck: Checker, topo: dict[str, Any]) -> dict[str, Any]:
    q = topo.get("quorum")
    if q is None:
        return {"resource": "", "device": "", "max_log_size": 0}
    q = ck.obj(q, "topology.quorum", ["resource"], ["device", "max_log_size"])
    qres = q["resource"]
    if qres != "":
        qres = ck.ref(qres, ck.resource_keys, "topology.quorum.resource", "resource")
    return {"resource": qres,
            "device": ck.text(q.get("device", ""), "topology.quorum.device", MAX_DEVICE),
            "max_log_size": ck.integer(q.get("max_log_size", 0), "topology.quorum.max_log_size", 0, DWORD_MAX)}


def normalize_topology(topology: object) -> dict[str, Any]:
    """Checks a topology and returns it complete (defaults filled in).

    Raises ValueError naming what is wrong and where (e.g.
    "topology.groups[2].owner_node: 'NODE9' is not a node")."""
    ck = Checker()
    topo = ck.obj(topology, "topology", ["cluster", "nodes"],
                  ["networks", "netinterfaces", "resource_types", "groups", "resources", "quorum",
                   "shared_volumes", "latency", "scenario"])
    out: dict[str, Any] = {}
    out["cluster"] = _cluster(ck, topo)
    out["nodes"] = _nodes(ck, topo)
    out["networks"] = _networks(ck, topo)
    out["netinterfaces"] = _netinterfaces(ck, topo)
    _network_states(ck, topo, out["networks"], out["netinterfaces"])
    out["groups"] = _groups(ck, topo, out["nodes"][0]["name"])
    out["resources"] = _resources(ck, topo)
    _group_states(ck, topo, out["groups"], out["resources"])
    out["resource_types"] = _resource_types(ck, topo, out["resources"])
    out["quorum"] = _quorum(ck, topo)
    out["shared_volumes"] = _shared_volumes(ck, topo, out["resources"])
    # What the simulator does by itself (sim/scenario.py): kept only when given.
    if "latency" in topo:
        out["latency"] = check_latency(ck, topo["latency"])
    if "scenario" in topo:
        out["scenario"] = check_scenario(ck, topo["scenario"], out)
    return out


CSV_RESOURCE_TYPE = "Physical Disk"    # the only kind of resource a Cluster Shared Volume can be


def _shared_volumes(ck: Checker, topo: dict[str, Any], resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cluster Shared Volumes: a resource each (made a CSV) with its volume."""
    volumes: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    type_of = {r["name"]: r["type"] for r in resources}
    for i, v in enumerate(ck.items(topo, "shared_volumes")):
        w = "topology.shared_volumes[%d]" % i
        v = ck.obj(v, w, ["resource", "path", "total_bytes"],
                   ["volume_name", "label", "partition_number", "free_bytes", "fault_state", "backup_state"])
        resource = ck.ref(v["resource"], ck.resource_keys, w + ".resource", "resource")
        if name_key(type_of[resource]) != name_key(CSV_RESOURCE_TYPE):
            ck.fail(w + ".resource", "%r is a %r resource; only a %r resource can be a Cluster Shared Volume"
                    % (resource, type_of[resource], CSV_RESOURCE_TYPE))
        ck.unique(seen, resource, w + ".resource", "shared volume")
        total = ck.integer(v["total_bytes"], w + ".total_bytes", 0, 2**64 - 1)
        path = ck.text(v["path"], w + ".path", 259)
        volumes.append({
            "resource": resource,
            "path": path,
            "volume_name": ck.text(v.get("volume_name", "\\\\?\\Volume{%s}\\" % stable_id("csv", resource)),
                                   w + ".volume_name", 49),
            # the file system's label; by default the path's last part (New-Volume names both alike)
            "label": ck.text(v.get("label", path.rstrip("\\").rpartition("\\")[2]), w + ".label", 259),
            "partition_number": ck.integer(v.get("partition_number", 2), w + ".partition_number", 0, DWORD_MAX),
            "total_bytes": total,
            "free_bytes": ck.integer(v.get("free_bytes", total), w + ".free_bytes", 0, total),
            "fault_state": ck.integer(v.get("fault_state", 0), w + ".fault_state", 0, 15),
            "backup_state": ck.integer(v.get("backup_state", 0), w + ".backup_state", 0, 1),
        })
        if not volumes[-1]["path"]:
            ck.fail(w + ".path", "must not be empty")
    return volumes


def dependency_order(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Resources in topology order, except that one whose dependencies come
    later in the list is added right after them (the simulator checks that
    dependencies exist).  A cycle is a ValueError.  Iterative (an explicit
    stack), so a chain of any length loads without RecursionError."""
    by_name = {name_key(r["name"]): r for r in resources}
    done: "set[str]" = set()
    visiting: "set[str]" = set()
    order: "list[dict[str, Any]]" = []
    for root in resources:
        if name_key(root["name"]) in done:
            continue
        # Each frame: (resource, index of its next dependency to visit).
        stack = [(root, 0)]
        visiting.add(name_key(root["name"]))
        while stack:
            r, i = stack[-1]
            deps = r["dependencies"]
            if i < len(deps):
                stack[-1] = (r, i + 1)
                dep = by_name[name_key(deps[i])]
                key = name_key(dep["name"])
                if key in done:
                    continue
                if key in visiting:
                    raise ValueError("topology.resources: dependency cycle through %r" % dep["name"])
                visiting.add(key)
                stack.append((dep, 0))
                continue
            stack.pop()
            key = name_key(r["name"])
            visiting.discard(key)
            done.add(key)
            order.append(r)
    return order
