"""The topology format (docs/topology.md): the built-in topology, and the
checker that turns any topology into a complete, valid one.

Pure: no extension and no simulator.  normalize_topology() reads the
sections in a fixed order -- cluster, nodes, networks, net interfaces,
groups, resources, resource types, quorum -- one function each, so a
reference is only ever to a section already read (and the first error
reported is always the same one).
"""
import json
import os
import uuid
from typing import Any, NoReturn

from .._validate import name_arg, text_arg
from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, coerce_state

__all__ = ["default_topology", "normalize_topology"]

_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "default_topology.json")
_ID_NAMESPACE = uuid.UUID("6f1c9c57-3d1e-4b8a-9a57-2f1d0c7c1a11")
MAX_ID = 255            # UTF-16 units of an object id
MAX_VERSION_TEXT = 63   # UTF-16 units of CLUSTERVERSIONINFO's vendor and CSD strings
MAX_DEVICE = 1024       # UTF-16 units of the quorum device
DWORD_MAX = 0xFFFFFFFF
WORD_MAX = 0xFFFF


def default_topology():
    """The built-in topology (a three-node Windows Server 2022 cluster), as a fresh dict."""
    with open(_DATA, encoding="utf-8") as f:
        return json.load(f)


def stable_id(kind, name):
    """The id an object gets when the topology gives none: the same for the same kind and name."""
    return str(uuid.uuid5(_ID_NAMESPACE, "%s/%s" % (kind, name.lower())))


# ---- the checker -----------------------------------------------------------------------------
class Checker:
    """Type and range checks that raise ValueError("where: what is wrong"),
    and the name tables of the sections read so far (for references)."""

    def __init__(self):
        self.node_keys, self.network_keys, self.netif_keys = {}, {}, {}
        self.group_keys, self.resource_keys = {}, {}

    def fail(self, where: str, message: str) -> NoReturn:
        raise ValueError("%s: %s" % (where, message))

    def obj(self, value, where, required, optional):
        if not isinstance(value, dict):
            self.fail(where, "must be an object (dict), not %s" % type(value).__name__)
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            self.fail(where, "unknown key(s) %s" % ", ".join(map(repr, unknown)))
        missing = [k for k in required if k not in value]
        if missing:
            self.fail(where, "missing key(s) %s" % ", ".join(map(repr, missing)))
        return value

    def name(self, value, where):
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

    def integer(self, value, where, lo, hi):
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, "must be an int, not %s" % type(value).__name__)
        if not lo <= value <= hi:
            self.fail(where, "must be between %d and %d" % (lo, hi))
        return value

    def state(self, enum_cls, value, where):
        try:
            member = coerce_state(enum_cls, value)
        except (TypeError, ValueError) as exc:
            self.fail(where, str(exc))
        if member == enum_cls.UNKNOWN:
            self.fail(where, "UNKNOWN is what a failed call reports, not a state to simulate")
        return member

    def names(self, value, where):
        if not isinstance(value, (list, tuple)):
            self.fail(where, "must be a list of names, not %s" % type(value).__name__)
        return [self.name(v, "%s[%d]" % (where, i)) for i, v in enumerate(value)]

    def items(self, topo, key):
        value = topo.get(key, [])
        if not isinstance(value, (list, tuple)):
            self.fail("topology.%s" % key, "must be a list, not %s" % type(value).__name__)
        return value

    def unique(self, seen, name, where, what):
        """Records `name` in `seen` (keyed case-insensitively); a second one is an error."""
        key = name.lower()
        if key in seen:
            self.fail(where, "duplicate %s name %r" % (what, name))
        seen[key] = name

    def ref(self, value, keys, where, what):
        """A reference to an object already read, spelled as it was defined."""
        name = self.name(value, where)
        if name.lower() not in keys:
            self.fail(where, "%r is not a %s" % (name, what))
        return keys[name.lower()]


def id_arg(value, default):
    """An object id for the simulator's add_* methods: a str of at most 255 UTF-16 units, no NUL."""
    if value is None:
        return default
    try:
        return Checker().text(value, "id", MAX_ID)
    except ValueError as exc:
        raise ValueError(str(exc)) from None


# ---- the sections, in the order they are read -----------------------------------------------
def _cluster(ck, topo):
    cl = ck.obj(topo["cluster"], "topology.cluster", ["name"], ["aliases", "version"])
    version = ck.obj(cl.get("version", {}), "topology.cluster.version", [],
                     ["major", "minor", "build", "vendor_id", "csd_version", "highest_version",
                      "lowest_version", "flags"])
    where = "topology.cluster.version"
    return {
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
    }


def _named_objects(ck, topo, key, what, keys, enum_cls, default_id):
    """A section of {name, id, state} objects (nodes, networks)."""
    objects = []
    for i, n in enumerate(ck.items(topo, key)):
        w = "topology.%s[%d]" % (key, i)
        n = ck.obj(n, w, ["name"], ["id", "state"])
        name = ck.name(n["name"], w + ".name")
        ck.unique(keys, name, w + ".name", what)
        objects.append({"name": name, "id": ck.text(n.get("id", default_id(i, name)), w + ".id", MAX_ID),
                        "state": ck.state(enum_cls, n.get("state", "UP"), w + ".state").name})
    return objects


def _nodes(ck, topo):
    if not ck.items(topo, "nodes"):
        ck.fail("topology.nodes", "a cluster needs at least one node")
    return _named_objects(ck, topo, "nodes", "node", ck.node_keys, NodeState, lambda i, name: str(i + 1))


def _networks(ck, topo):
    return _named_objects(ck, topo, "networks", "network", ck.network_keys, NetworkState,
                          lambda i, name: stable_id("network", name))


def _netinterfaces(ck, topo):
    netifs = []
    for i, n in enumerate(ck.items(topo, "netinterfaces")):
        w = "topology.netinterfaces[%d]" % i
        n = ck.obj(n, w, ["name", "node", "network"], ["id", "state"])
        name = ck.name(n["name"], w + ".name")
        ck.unique(ck.netif_keys, name, w + ".name", "net interface")
        netifs.append({"name": name,
                       "node": ck.ref(n["node"], ck.node_keys, w + ".node", "node"),
                       "network": ck.ref(n["network"], ck.network_keys, w + ".network", "network"),
                       "id": ck.text(n.get("id", stable_id("netinterface", name)), w + ".id", MAX_ID),
                       "state": ck.state(NetInterfaceState, n.get("state", "UP"), w + ".state").name})
    return netifs


def _groups(ck, topo, first_node):
    groups = []
    for i, g in enumerate(ck.items(topo, "groups")):
        w = "topology.groups[%d]" % i
        g = ck.obj(g, w, ["name"], ["id", "state", "owner_node", "preferred_owners"])
        name = ck.name(g["name"], w + ".name")
        ck.unique(ck.group_keys, name, w + ".name", "group")
        owner = g.get("owner_node", first_node)
        owner = "" if owner in ("", None) else ck.ref(owner, ck.node_keys, w + ".owner_node", "node")
        groups.append({"name": name, "id": ck.text(g.get("id", stable_id("group", name)), w + ".id", MAX_ID),
                       "state": ck.state(GroupState, g.get("state", "ONLINE"), w + ".state").name,
                       "owner_node": owner,
                       "preferred_owners": [ck.ref(p, ck.node_keys, "%s.preferred_owners[%d]" % (w, j), "node")
                                            for j, p in enumerate(ck.names(g.get("preferred_owners", []),
                                                                           w + ".preferred_owners"))]})
    return groups


def _resources(ck, topo):
    # Every resource's name first: a dependency may name a resource later in the list.
    resources = []
    raw_resources = ck.items(topo, "resources")
    for i, r in enumerate(raw_resources):
        w = "topology.resources[%d]" % i
        r = ck.obj(r, w, ["name", "group"], ["id", "type", "state", "dependencies", "possible_owners"])
        name = ck.name(r["name"], w + ".name")
        ck.unique(ck.resource_keys, name, w + ".name", "resource")
    for i, r in enumerate(raw_resources):
        w = "topology.resources[%d]" % i
        name = ck.name(r["name"], w + ".name")
        resources.append({
            "name": name,
            "id": ck.text(r.get("id", stable_id("resource", name)), w + ".id", MAX_ID),
            "type": ck.name(r.get("type", "Generic Service"), w + ".type"),
            "group": ck.ref(r["group"], ck.group_keys, w + ".group", "group"),
            "state": ck.state(ResourceState, r.get("state", "ONLINE"), w + ".state").name,
            "dependencies": [ck.ref(d, ck.resource_keys, "%s.dependencies[%d]" % (w, j), "resource")
                             for j, d in enumerate(ck.names(r.get("dependencies", []), w + ".dependencies"))],
            "possible_owners": [ck.ref(p, ck.node_keys, "%s.possible_owners[%d]" % (w, j), "node")
                                for j, p in enumerate(ck.names(r.get("possible_owners", []),
                                                               w + ".possible_owners"))],
        })
    return resources


def _resource_types(ck, topo, resources):
    """The listed types, then every type a resource uses that is not listed."""
    types = ck.names(topo.get("resource_types", []), "topology.resource_types")
    type_keys = {}
    for j, t in enumerate(types):
        ck.unique(type_keys, t, "topology.resource_types[%d]" % j, "resource type")
    for r in resources:
        if r["type"].lower() not in type_keys:
            type_keys[r["type"].lower()] = r["type"]
            types.append(r["type"])
    return types


def _quorum(ck, topo):
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


def normalize_topology(topology):
    """Checks a topology and returns it complete (defaults filled in).

    Raises ValueError naming what is wrong and where (e.g.
    "topology.groups[2].owner_node: 'NODE9' is not a node")."""
    ck = Checker()
    topo = ck.obj(topology, "topology", ["cluster", "nodes"],
                  ["networks", "netinterfaces", "resource_types", "groups", "resources", "quorum"])
    out = {}
    out["cluster"] = _cluster(ck, topo)
    out["nodes"] = _nodes(ck, topo)
    out["networks"] = _networks(ck, topo)
    out["netinterfaces"] = _netinterfaces(ck, topo)
    out["groups"] = _groups(ck, topo, out["nodes"][0]["name"])
    out["resources"] = _resources(ck, topo)
    out["resource_types"] = _resource_types(ck, topo, out["resources"])
    out["quorum"] = _quorum(ck, topo)
    return out


def dependency_order(resources: "list[dict[str, Any]]") -> "list[dict[str, Any]]":
    """Resources in topology order, except that one whose dependencies come
    later in the list is added right after them (the simulator checks that
    dependencies exist).  A cycle is a ValueError.  Iterative (an explicit
    stack), so a chain of any length loads without RecursionError."""
    by_name = {r["name"].lower(): r for r in resources}
    done: "set[str]" = set()
    visiting: "set[str]" = set()
    order: "list[dict[str, Any]]" = []
    for root in resources:
        if root["name"].lower() in done:
            continue
        # Each frame: (resource, index of its next dependency to visit).
        stack = [(root, 0)]
        visiting.add(root["name"].lower())
        while stack:
            r, i = stack[-1]
            deps = r["dependencies"]
            if i < len(deps):
                stack[-1] = (r, i + 1)
                dep = by_name[deps[i].lower()]
                key = dep["name"].lower()
                if key in done:
                    continue
                if key in visiting:
                    raise ValueError("topology.resources: dependency cycle through %r" % dep["name"])
                visiting.add(key)
                stack.append((dep, 0))
                continue
            stack.pop()
            key = r["name"].lower()
            visiting.discard(key)
            done.add(key)
            order.append(r)
    return order
