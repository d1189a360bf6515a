"""SimulatedCluster: a backend written in C inside the extension that
answers the same clusapi calls as clusapi.dll, over an in-memory cluster
built from a topology (see topology.py), with knobs for tests: latency,
the caller's rights, faults, hidden exports, call counters, changes."""
import copy
import json
import os

from .. import _bindings as b
from .. import _consts as k
from .. import errors
from .._backend import Backend, SingleOwner, pop_default, push_default
from .._validate import name_arg
from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, coerce_state
from .topology import default_topology, dependency_order, id_arg, normalize_topology, stable_id

ffi, lib = b.ffi, b.lib

__all__ = ["SimulatedCluster"]

_RIGHTS = {"none": k.CS_RIGHTS_NONE, "read": k.CS_RIGHTS_READ, "all": k.CS_RIGHTS_ALL}
_KINDS = {"node": b.KIND_NODE, "group": b.KIND_GROUP, "resource": b.KIND_RESOURCE,
          "network": b.KIND_NETWORK, "netinterface": b.KIND_NETINTERFACE}


def _multi_sz(names):
    if not names:
        return ffi.NULL
    return ffi.new("cs_char[]", "\0".join(names) + "\0")


def _control_error(code, what):
    if code == k.ERROR_INVALID_PARAMETER:
        return ValueError("simulator: invalid %s" % what)
    if code == k.ERROR_ALREADY_EXISTS:
        return ValueError("simulator: %s already exists" % what)
    return errors.error_for(code, "", "simulator: %s: %s" % (what, errors.describe(code)))


class SimulatedCluster(SingleOwner, Backend):
    """A simulated cluster, usable wherever a backend is: `open_cluster(backend=s)`,
    or `with s:` to make it the process's default backend inside the block.
    One owner: it cannot be copied or pickled (a copy would release the
    simulator the original still uses)."""

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
        if code and out[0] == -1:
            raise errors.ClusterError(code, "", "simulator: could not be created: %d simulators exist, the most "
                                      "that can at once; release some (del, or let them be collected)"
                                      % lib.cs_backend_limit())
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
        for r in dependency_order(t["resources"]):
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

    def _waits(self) -> bool:
        # Only a simulated round trip with latency waits; at 0 a walk is a
        # few microseconds, over before a Ctrl-C could matter.
        return bool(lib.cs_sim_get_latency(self._id) > 0)

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
        self._check(lib.cs_sim_add_node(self._id, name, id_arg(id, stable_id("node", name)),
                                        int(coerce_state(NodeState, state))), "node %r" % name)

    def add_group(self, name, owner_node=None, state="ONLINE", id=None, preferred_owners=()):
        name = name_arg(name)
        owner = ffi.NULL if owner_node is None else name_arg(owner_node)
        self._check(lib.cs_sim_add_group(self._id, name, id_arg(id, stable_id("group", name)),
                                         int(coerce_state(GroupState, state)), owner,
                                         _multi_sz([name_arg(p) for p in preferred_owners])), "group %r" % name)

    def add_resource(self, name, group, type="Generic Service", state="ONLINE", id=None, dependencies=(),
                     possible_owners=()):
        name = name_arg(name)
        self._check(lib.cs_sim_add_resource(self._id, name, id_arg(id, stable_id("resource", name)), name_arg(type),
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
