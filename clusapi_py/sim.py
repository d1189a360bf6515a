"""The simulated cluster: a backend written in C inside the extension that
answers the same clusapi calls as clusapi.dll, over an in-memory cluster.

    from clusapi_py import sim
    s = sim.SimulatedCluster()        # the built-in three-node cluster
    with s:                           # default backend inside the block
        with clusapi_py.open_cluster() as c: ...

The topology format is documented in docs/topology.md; it is also what
Snapshot.to_dict() produces.
"""
import copy
import json
import os
import uuid

from . import _bindings as b
from . import errors
from . import _consts as k
from ._backend import Backend, pop_default, push_default
from ._validate import name_arg, utf16_len
from .enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, coerce_state

ffi, lib = b.ffi, b.lib

__all__ = ["SimulatedCluster", "default_topology", "generate", "normalize_topology"]

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "default_topology.json")
_RIGHTS = {"none": k.CS_RIGHTS_NONE, "read": k.CS_RIGHTS_READ, "all": k.CS_RIGHTS_ALL}
_KINDS = {"node": b.KIND_NODE, "group": b.KIND_GROUP, "resource": b.KIND_RESOURCE,
          "network": b.KIND_NETWORK, "netinterface": b.KIND_NETINTERFACE}
_ID_NAMESPACE = uuid.UUID("6f1c9c57-3d1e-4b8a-9a57-2f1d0c7c1a11")


def default_topology():
    """The built-in topology (a three-node Windows Server 2022 cluster), as a fresh dict."""
    with open(_DATA, encoding="utf-8") as f:
        return json.load(f)


def _stable_id(kind, name):
    return str(uuid.uuid5(_ID_NAMESPACE, "%s/%s" % (kind, name.lower())))


# ---- validation ------------------------------------------------------------------------
class _Checker:
    def __init__(self):
        self.where = "topology"

    def fail(self, where, message):
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

    def text(self, value, where, limit=None):
        if not isinstance(value, str):
            self.fail(where, "must be a str, not %s" % type(value).__name__)
        if "\0" in value:
            self.fail(where, "must not contain NUL characters")
        if limit is not None and utf16_len(value) > limit:
            self.fail(where, "is longer than %d UTF-16 characters" % limit)
        return value

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


def normalize_topology(topology):
    """Checks a topology and returns it complete (defaults filled in).

    Raises ValueError naming what is wrong and where (e.g.
    "topology.groups[2].owner_node: 'NODE9' is not a node")."""
    ck = _Checker()
    topo = ck.obj(topology, "topology", ["cluster", "nodes"],
                  ["networks", "netinterfaces", "resource_types", "groups", "resources", "quorum"])
    out = {}
    cl = ck.obj(topo["cluster"], "topology.cluster", ["name"], ["aliases", "version"])
    version = ck.obj(cl.get("version", {}), "topology.cluster.version", [],
                     ["major", "minor", "build", "vendor_id", "csd_version", "highest_version",
                      "lowest_version", "flags"])
    where = "topology.cluster.version"
    out["cluster"] = {
        "name": ck.name(cl["name"], "topology.cluster.name"),
        "aliases": ck.names(cl.get("aliases", []), "topology.cluster.aliases"),
        "version": {
            "major": ck.integer(version.get("major", 10), where + ".major", 0, 0xFFFF),
            "minor": ck.integer(version.get("minor", 0), where + ".minor", 0, 0xFFFF),
            "build": ck.integer(version.get("build", 20348), where + ".build", 0, 0xFFFF),
            "vendor_id": ck.text(version.get("vendor_id", "Microsoft(R) Cluster Service"), where + ".vendor_id", 63),
            "csd_version": ck.text(version.get("csd_version", ""), where + ".csd_version", 63),
            "highest_version": ck.integer(version.get("highest_version", 0x000B0004), where + ".highest_version",
                                          0, 0xFFFFFFFF),
            "lowest_version": ck.integer(version.get("lowest_version", 0x000B0004), where + ".lowest_version",
                                         0, 0xFFFFFFFF),
            "flags": ck.integer(version.get("flags", 0), where + ".flags", 0, 0xFFFFFFFF),
        },
    }

    def unique(seen, name, where, what):
        key = name.lower()
        if key in seen:
            ck.fail(where, "duplicate %s name %r" % (what, name))
        seen[key] = name

    nodes, node_keys = [], {}
    raw_nodes = ck.items(topo, "nodes")
    if not raw_nodes:
        ck.fail("topology.nodes", "a cluster needs at least one node")
    for i, n in enumerate(raw_nodes):
        w = "topology.nodes[%d]" % i
        n = ck.obj(n, w, ["name"], ["id", "state"])
        name = ck.name(n["name"], w + ".name")
        unique(node_keys, name, w + ".name", "node")
        nodes.append({"name": name, "id": ck.text(n.get("id", str(i + 1)), w + ".id", 255),
                      "state": ck.state(NodeState, n.get("state", "UP"), w + ".state").name})
    out["nodes"] = nodes

    def ref(value, keys, where, what):
        name = ck.name(value, where)
        if name.lower() not in keys:
            ck.fail(where, "%r is not a %s" % (name, what))
        return keys[name.lower()]

    networks, network_keys = [], {}
    for i, n in enumerate(ck.items(topo, "networks")):
        w = "topology.networks[%d]" % i
        n = ck.obj(n, w, ["name"], ["id", "state"])
        name = ck.name(n["name"], w + ".name")
        unique(network_keys, name, w + ".name", "network")
        networks.append({"name": name, "id": ck.text(n.get("id", _stable_id("network", name)), w + ".id", 255),
                         "state": ck.state(NetworkState, n.get("state", "UP"), w + ".state").name})
    out["networks"] = networks

    netifs, netif_keys = [], {}
    for i, n in enumerate(ck.items(topo, "netinterfaces")):
        w = "topology.netinterfaces[%d]" % i
        n = ck.obj(n, w, ["name", "node", "network"], ["id", "state"])
        name = ck.name(n["name"], w + ".name")
        unique(netif_keys, name, w + ".name", "net interface")
        netifs.append({"name": name,
                       "node": ref(n["node"], node_keys, w + ".node", "node"),
                       "network": ref(n["network"], network_keys, w + ".network", "network"),
                       "id": ck.text(n.get("id", _stable_id("netinterface", name)), w + ".id", 255),
                       "state": ck.state(NetInterfaceState, n.get("state", "UP"), w + ".state").name})
    out["netinterfaces"] = netifs

    groups, group_keys = [], {}
    for i, g in enumerate(ck.items(topo, "groups")):
        w = "topology.groups[%d]" % i
        g = ck.obj(g, w, ["name"], ["id", "state", "owner_node", "preferred_owners"])
        name = ck.name(g["name"], w + ".name")
        unique(group_keys, name, w + ".name", "group")
        owner = g.get("owner_node", nodes[0]["name"])
        owner = "" if owner in ("", None) else ref(owner, node_keys, w + ".owner_node", "node")
        groups.append({"name": name, "id": ck.text(g.get("id", _stable_id("group", name)), w + ".id", 255),
                       "state": ck.state(GroupState, g.get("state", "ONLINE"), w + ".state").name,
                       "owner_node": owner,
                       "preferred_owners": [ref(p, node_keys, "%s.preferred_owners[%d]" % (w, j), "node")
                                            for j, p in enumerate(ck.names(g.get("preferred_owners", []),
                                                                           w + ".preferred_owners"))]})
    out["groups"] = groups

    resources, resource_keys = [], {}
    raw_resources = ck.items(topo, "resources")
    for i, r in enumerate(raw_resources):
        w = "topology.resources[%d]" % i
        r = ck.obj(r, w, ["name", "group"], ["id", "type", "state", "dependencies", "possible_owners"])
        name = ck.name(r["name"], w + ".name")
        unique(resource_keys, name, w + ".name", "resource")
    for i, r in enumerate(raw_resources):
        w = "topology.resources[%d]" % i
        resources.append({
            "name": r["name"],
            "id": ck.text(r.get("id", _stable_id("resource", r["name"])), w + ".id", 255),
            "type": ck.name(r.get("type", "Generic Service"), w + ".type"),
            "group": ref(r["group"], group_keys, w + ".group", "group"),
            "state": ck.state(ResourceState, r.get("state", "ONLINE"), w + ".state").name,
            "dependencies": [ref(d, resource_keys, "%s.dependencies[%d]" % (w, j), "resource")
                             for j, d in enumerate(ck.names(r.get("dependencies", []), w + ".dependencies"))],
            "possible_owners": [ref(p, node_keys, "%s.possible_owners[%d]" % (w, j), "node")
                                for j, p in enumerate(ck.names(r.get("possible_owners", []),
                                                               w + ".possible_owners"))],
        })
    out["resources"] = resources

    types = ck.names(topo.get("resource_types", []), "topology.resource_types")
    type_keys = {}
    for j, t in enumerate(types):
        unique(type_keys, t, "topology.resource_types[%d]" % j, "resource type")
    for r in resources:
        if r["type"].lower() not in type_keys:
            type_keys[r["type"].lower()] = r["type"]
            types.append(r["type"])
    out["resource_types"] = types

    q = topo.get("quorum")
    if q is None:
        out["quorum"] = {"resource": "", "device": "", "max_log_size": 0}
    else:
        q = ck.obj(q, "topology.quorum", ["resource"], ["device", "max_log_size"])
        qres = q["resource"]
        if qres != "":
            qres = ref(qres, resource_keys, "topology.quorum.resource", "resource")
        out["quorum"] = {"resource": qres,
                         "device": ck.text(q.get("device", ""), "topology.quorum.device", 1024),
                         "max_log_size": ck.integer(q.get("max_log_size", 0), "topology.quorum.max_log_size",
                                                    0, 0xFFFFFFFF)}
    return out


def _dependency_order(resources):
    """Resources in topology order, except that one whose dependencies come
    later in the list is added right after them (the simulator checks that
    dependencies exist).  A cycle is a ValueError."""
    by_name = {r["name"].lower(): r for r in resources}
    done, order, visiting = set(), [], set()

    def visit(r):
        key = r["name"].lower()
        if key in done:
            return
        if key in visiting:
            raise ValueError("topology.resources: dependency cycle through %r" % r["name"])
        visiting.add(key)
        for d in r["dependencies"]:
            visit(by_name[d.lower()])
        visiting.discard(key)
        done.add(key)
        order.append(r)

    for r in resources:
        visit(r)
    return order


def _id_arg(value, default):
    """An object id for the add_* methods: a str of at most 255 UTF-16 units, no NUL."""
    if value is None:
        return default
    try:
        return _Checker().text(value, "id", 255)
    except ValueError as exc:
        raise ValueError(str(exc)) from None


def _multi_sz(names):
    if not names:
        return ffi.NULL
    return ffi.new("cs_char[]", "\0".join(names) + "\0")


# ---- the simulator --------------------------------------------------------------------
def _control_error(code, what):
    if code == k.ERROR_INVALID_PARAMETER:
        return ValueError("simulator: invalid %s" % what)
    if code == k.ERROR_ALREADY_EXISTS:
        return ValueError("simulator: %s already exists" % what)
    return errors.error_for(code, "", "simulator: %s: %s" % (what, errors.describe(code)))


class SimulatedCluster(Backend):
    """A simulated cluster, usable wherever a backend is: `open_cluster(backend=s)`,
    or `with s:` to make it the process's default backend inside the block."""

    __slots__ = ("_topology",)

    def __init__(self, topology=None):
        self._id = 0
        if topology is None:
            topology = default_topology()
        elif isinstance(topology, (str, os.PathLike)):
            if not os.fspath(topology):
                raise ValueError("topology path must not be empty")
            with open(topology, encoding="utf-8") as f:
                topology = json.load(f)
        norm = normalize_topology(topology)
        out = ffi.new("int *")
        code = lib.cs_sim_create(out)
        if code:
            raise errors.error_for(code, "", "simulator: could not be created")
        self._id = out[0]
        self._topology = norm
        self._populate(norm)

    def _check(self, code, what):
        if code:
            raise _control_error(code, what)

    def _populate(self, t):
        c, v = t["cluster"], t["cluster"]["version"]
        ck = self._check
        ck(lib.cs_sim_set_cluster(self._id, c["name"], _multi_sz(c["aliases"]), v["major"], v["minor"], v["build"],
                                  v["vendor_id"], v["csd_version"], v["highest_version"], v["lowest_version"],
                                  v["flags"]), "cluster")
        for name in t["resource_types"]:
            ck(lib.cs_sim_add_resource_type(self._id, name), "resource type %r" % name)
        for n in t["nodes"]:
            ck(lib.cs_sim_add_node(self._id, n["name"], n["id"], NodeState[n["state"]]), "node %r" % n["name"])
        for n in t["networks"]:
            ck(lib.cs_sim_add_network(self._id, n["name"], n["id"], NetworkState[n["state"]]),
               "network %r" % n["name"])
        for n in t["netinterfaces"]:
            ck(lib.cs_sim_add_netinterface(self._id, n["name"], n["id"], n["node"], n["network"],
                                           NetInterfaceState[n["state"]]), "net interface %r" % n["name"])
        for g in t["groups"]:
            ck(lib.cs_sim_add_group(self._id, g["name"], g["id"], GroupState[g["state"]], g["owner_node"] or ffi.NULL,
                                    _multi_sz(g["preferred_owners"])), "group %r" % g["name"])
        for r in _dependency_order(t["resources"]):
            ck(lib.cs_sim_add_resource(self._id, r["name"], r["id"], r["type"], r["group"],
                                       ResourceState[r["state"]], _multi_sz(r["dependencies"]),
                                       _multi_sz(r["possible_owners"])), "resource %r" % r["name"])
        q = t["quorum"]
        ck(lib.cs_sim_set_quorum(self._id, q["resource"], q["device"], q["max_log_size"]), "quorum")

    def __del__(self):
        sim_id = getattr(self, "_id", 0)
        if sim_id:
            self._id = 0
            try:
                lib.cs_sim_release(sim_id)
            except Exception:  # pragma: no cover - interpreter teardown
                pass

    def __repr__(self):
        return "<SimulatedCluster %r>" % self._topology["cluster"]["name"]

    def __enter__(self):
        push_default(self)
        return self

    def __exit__(self, *exc):
        pop_default(self)

    @property
    def topology(self):
        """The topology this simulator was built from (normalized), as a fresh dict."""
        return copy.deepcopy(self._topology)

    # ---- knobs ------------------------------------------------------------------------
    @property
    def latency(self):
        """Seconds each round trip takes (slept in C with the GIL released)."""
        return lib.cs_sim_get_latency(self._id)

    @latency.setter
    def latency(self, seconds):
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("latency must be a number of seconds")
        if not 0 <= seconds <= 60:
            raise ValueError("latency must be between 0 and 60 seconds")
        self._check(lib.cs_sim_set_latency(self._id, float(seconds)), "latency")

    @property
    def principal_rights(self):
        """What the simulated caller may do: "all", "read" or "none"."""
        value = lib.cs_sim_get_rights(self._id)
        return {v: k for k, v in _RIGHTS.items()}[value]

    @principal_rights.setter
    def principal_rights(self, rights):
        if rights not in _RIGHTS:
            raise ValueError("principal_rights must be 'all', 'read' or 'none', not %r" % (rights,))
        self._check(lib.cs_sim_set_rights(self._id, _RIGHTS[rights]), "rights")

    @staticmethod
    def _function_id(function):
        if not isinstance(function, str):
            raise TypeError("function must be a clusapi function name (str)")
        fid = b.FUNCTION_IDS.get(function)
        if fid is None:
            raise ValueError("unknown clusapi function %r (known: %s)" % (function, ", ".join(b.FUNCTION_NAMES)))
        return fid

    def fail(self, function, error, count=1):
        """The next `count` calls of `function` fail with Win32 code `error`."""
        fid = self._function_id(function)
        if isinstance(error, bool) or not isinstance(error, int) or not 0 < error <= 0xFFFFFFFF:
            raise ValueError("error must be a nonzero Win32 code")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 0xFFFFFFFF:
            raise ValueError("count must be an int >= 0")
        self._check(lib.cs_sim_fail(self._id, fid, error, count), "fault")

    def hide(self, function, hidden=True):
        """Makes the export missing (hidden=False brings it back)."""
        self._check(lib.cs_sim_hide(self._id, self._function_id(function), 1 if hidden else 0), "function")

    def calls(self, function=None):
        """Backend calls made so far: all of them, or those of one function."""
        fid = -1 if function is None else self._function_id(function)
        return int(lib.cs_sim_calls(self._id, fid))

    def round_trips(self, function=None):
        """Like calls(), counting only the calls that are RPCs in the real clusapi.dll."""
        fid = -1 if function is None else self._function_id(function)
        return int(lib.cs_sim_round_trips(self._id, fid))

    def reset_calls(self):
        self._check(lib.cs_sim_reset_calls(self._id), "counters")

    def open_handles(self):
        """Handles the simulator holds open, by kind."""
        counts = ffi.new("uint32_t[]", b.lib.CS_KIND_COUNT)
        self._check(lib.cs_sim_open_handles(self._id, counts), "counters")
        return {name: int(counts[i]) for i, name in enumerate(b.KIND_NAMES)}

    # ---- changing the cluster ----------------------------------------------------------
    def _set_state(self, kind, enum_cls, name, state):
        member = coerce_state(enum_cls, state)
        self._check(lib.cs_sim_set_state(self._id, _KINDS[kind], name_arg(name), int(member)),
                    "%s %r state" % (kind, name))

    def set_node_state(self, name, state):
        self._set_state("node", NodeState, name, state)

    def set_group_state(self, name, state):
        self._set_state("group", GroupState, name, state)

    def set_resource_state(self, name, state):
        self._set_state("resource", ResourceState, name, state)

    def set_network_state(self, name, state):
        self._set_state("network", NetworkState, name, state)

    def set_netinterface_state(self, name, state):
        self._set_state("netinterface", NetInterfaceState, name, state)

    def move_group(self, name, node):
        self._check(lib.cs_sim_move_group(self._id, name_arg(name), name_arg(node)), "move of %r" % name)

    def add_node(self, name, id=None, state="UP"):
        name = name_arg(name)
        self._check(lib.cs_sim_add_node(self._id, name, _id_arg(id, _stable_id("node", name)),
                                        int(coerce_state(NodeState, state))), "node %r" % name)

    def add_group(self, name, owner_node=None, state="ONLINE", id=None, preferred_owners=()):
        name = name_arg(name)
        owner = ffi.NULL if owner_node is None else name_arg(owner_node)
        self._check(lib.cs_sim_add_group(self._id, name, _id_arg(id, _stable_id("group", name)),
                                         int(coerce_state(GroupState, state)), owner,
                                         _multi_sz([name_arg(p) for p in preferred_owners])), "group %r" % name)

    def add_resource(self, name, group, type="Generic Service", state="ONLINE", id=None, dependencies=(),
                     possible_owners=()):
        name = name_arg(name)
        self._check(lib.cs_sim_add_resource(self._id, name, _id_arg(id, _stable_id("resource", name)), name_arg(type),
                                            name_arg(group), int(coerce_state(ResourceState, state)),
                                            _multi_sz([name_arg(d) for d in dependencies]),
                                            _multi_sz([name_arg(p) for p in possible_owners])),
                    "resource %r" % name)

    def _delete(self, kind, name):
        self._check(lib.cs_sim_delete(self._id, _KINDS[kind], name_arg(name)), "%s %r" % (kind, name))

    def delete_node(self, name):
        self._delete("node", name)

    def delete_group(self, name):
        self._delete("group", name)

    def delete_resource(self, name):
        self._delete("resource", name)

    def delete_network(self, name):
        self._delete("network", name)

    def delete_netinterface(self, name):
        self._delete("netinterface", name)

    def delete_after(self, function, calls, kind, name):
        """Deletes an object once `calls` more calls of `function` have completed
        (to delete something in the middle of a walk)."""
        if kind not in _KINDS:
            raise ValueError("kind must be one of %s" % ", ".join(_KINDS))
        if isinstance(calls, bool) or not isinstance(calls, int) or calls < 1:
            raise ValueError("calls must be an int >= 1")
        self._check(lib.cs_sim_delete_after(self._id, self._function_id(function), calls, _KINDS[kind],
                                            name_arg(name)), "%s %r" % (kind, name))


# ---- a large, realistic cluster ----------------------------------------------------------------
def generate(nodes=64, groups=8000, resources_per_group=3):
    """The topology of a large Hyper-V style cluster: `nodes` nodes, the core
    "Cluster Group" and "Available Storage", and `groups` VM roles of
    `resources_per_group` resources each, spread evenly over the nodes."""
    for label, value, lo in (("nodes", nodes, 1), ("groups", groups, 0), ("resources_per_group", resources_per_group, 1)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("%s must be an int" % label)
        if value < lo:
            raise ValueError("%s must be >= %d" % (label, lo))
    if nodes > 64:
        raise ValueError("a failover cluster has at most 64 nodes")
    node_names = ["HV%02d" % (i + 1) for i in range(nodes)]
    topo = {
        "cluster": {"name": "HVCLUSTER", "aliases": ["hvcluster.contoso.local"]},
        "nodes": [{"name": n, "id": str(i + 1), "state": "UP"} for i, n in enumerate(node_names)],
        "networks": [{"name": "Cluster Network 1", "state": "UP"}, {"name": "Cluster Network 2", "state": "UP"}],
        "netinterfaces": [],
        "resource_types": ["Physical Disk", "IP Address", "Network Name", "Virtual Machine",
                           "Virtual Machine Configuration", "Generic Service"],
        "groups": [
            {"name": "Cluster Group", "owner_node": node_names[0], "state": "ONLINE"},
            {"name": "Available Storage", "owner_node": node_names[0], "state": "ONLINE"},
        ],
        "resources": [
            {"name": "Cluster Name", "type": "Network Name", "group": "Cluster Group"},
            {"name": "Cluster IP Address", "type": "IP Address", "group": "Cluster Group"},
            {"name": "Cluster Disk Witness", "type": "Physical Disk", "group": "Cluster Group"},
        ],
        "quorum": {"resource": "Cluster Disk Witness", "device": "Q:\\", "max_log_size": 4194304},
    }
    for n in node_names:
        for k, net in enumerate(("Cluster Network 1", "Cluster Network 2")):
            topo["netinterfaces"].append({"name": "%s - Ethernet %d" % (n, k + 1), "node": n, "network": net})
    kinds = ["Virtual Machine", "Virtual Machine Configuration", "IP Address", "Generic Service"]
    for g in range(groups):
        vm = "VM%05d" % (g + 1)
        topo["groups"].append({"name": vm, "owner_node": node_names[g % nodes], "state": "ONLINE",
                               "preferred_owners": [node_names[g % nodes], node_names[(g + 1) % nodes]]})
        for r in range(resources_per_group):
            kind = kinds[r % len(kinds)]
            topo["resources"].append({"name": "%s %s%s" % (kind, vm, "" if r < len(kinds) else " %d" % r),
                                      "type": kind, "group": vm})
    return topo
