"""SimulatedCluster: a backend written in C inside the extension that
answers the same clusapi calls as clusapi.dll, over an in-memory cluster
built from a topology (see topology.py), with knobs for tests: latency,
the caller's rights, faults, hidden exports, call counters, changes."""
from __future__ import annotations

import copy
import os
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, TypeVar, Union

from .. import _bindings as b
from .. import _consts as k
from .. import errors, kinds
from .._backend import Backend, SingleOwner, pop_default, push_default
from .._validate import name_arg
from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, coerce_state
from ..names import names_equal
from ..properties.codec import Property
from . import props as _props
from .timeline import Runner
from .topology import (
    default_topology, dependency_order, id_arg, normalize_topology, read_topology_file, stable_id,
)

if TYPE_CHECKING:
    from .._bindings import Pointer

ffi, lib = b.ffi, b.lib

__all__ = ["SimulatedCluster"]

Rights = Literal["all", "read", "none"]
ObjectKind = Literal["node", "group", "resource", "network", "netinterface"]
# A topology argument: a dict in the format of docs/topology.md, or the path of a JSON file of one.
TopologySource = Union[Mapping[str, Any], str, "os.PathLike[str]"]
_E = TypeVar("_E", NodeState, GroupState, ResourceState, NetworkState, NetInterfaceState)
_Sim = TypeVar("_Sim", bound="SimulatedCluster")

_OUTCOMES: dict[str, int] = {"succeed": 0, "fail": 1, "hang": 2, "veto": 3}
_EX2_FUNCTIONS = ("OnlineClusterGroupEx2", "OfflineClusterGroupEx2", "MoveClusterGroupEx2",
                  "OnlineClusterResourceEx2", "OfflineClusterResourceEx2", "PauseClusterNodeEx2",
                  "ResumeClusterNodeEx2")
_RIGHTS: dict[Rights, int] = {"none": k.CS_RIGHTS_NONE, "read": k.CS_RIGHTS_READ, "all": k.CS_RIGHTS_ALL}
# The kinds a simulator's objects are (the cluster is none): name -> the shim's id
_KINDS: dict[str, int] = {k.name: k.id for k in kinds.OBJECT_KINDS if k is not kinds.CLUSTER}


def _multi_sz(names: list[str]) -> Pointer[str]:
    if not names:
        return ffi.NULL
    return ffi.new("cs_char[]", "\0".join(names) + "\0")


def _control_error(code: int, what: str) -> ValueError | errors.ClusterError:
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

    __slots__ = ("_topology", "_scenario")
    _topology: dict[str, Any]
    _scenario: Runner | None
    # The control functions (cs_sim_*, api/cs_sim_control.h) this simulator is driven
    # through: the extension's; the simulated clusapi.dll's tests drive the DLL's own.
    _lib = lib

    def __init__(self, topology: TopologySource | None = None) -> None:
        self._id = 0
        self._scenario = None
        if topology is None:
            topology = default_topology()
        elif isinstance(topology, (str, os.PathLike)):
            topology = read_topology_file(topology)
        norm = normalize_topology(topology)
        out = ffi.new("int *")
        code = self._lib.cs_sim_create(out)
        if code and out[0] == -1:
            raise errors.ClusterError(code, "", "simulator: could not be created: %d simulators exist, the most "
                                      "that can at once; release some (del, or let them be collected)"
                                      % lib.cs_backend_limit())
        if code:
            raise errors.error_for(code, "", "simulator: could not be created")
        self._id = out[0]
        self._topology = norm
        self._populate(norm)
        if "latency" in norm:
            self.latency = norm["latency"]
        if "scenario" in norm:      # its clock starts now
            self._scenario = Runner(self, norm["scenario"])

    def _check(self, code: int, what: str) -> None:
        if code:
            raise _control_error(code, what)

    def _populate(self, t: dict[str, Any]) -> None:
        c, v = t["cluster"], t["cluster"]["version"]
        ck = self._check
        ck(self._lib.cs_sim_set_cluster(self._id, c["name"], _multi_sz(c["aliases"]), v["major"], v["minor"],
                                        v["build"], v["vendor_id"], v["csd_version"], v["highest_version"],
                                        v["lowest_version"], v["flags"]), "cluster")
        for name in t["resource_types"]:
            ck(self._lib.cs_sim_add_resource_type(self._id, name), "resource type %r" % name)
        for n in t["nodes"]:
            ck(self._lib.cs_sim_add_node(self._id, n["name"], n["id"], NodeState[n["state"]]), "node %r" % n["name"])
        for n in t["networks"]:
            ck(self._lib.cs_sim_add_network(self._id, n["name"], n["id"], NetworkState[n["state"]]),
               "network %r" % n["name"])
        for n in t["netinterfaces"]:
            ck(self._lib.cs_sim_add_netinterface(self._id, n["name"], n["id"], n["node"], n["network"],
                                                 NetInterfaceState[n["state"]]), "net interface %r" % n["name"])
        for g in t["groups"]:
            ck(self._lib.cs_sim_add_group(self._id, g["name"], g["id"], GroupState[g["state"]],
                                          g["owner_node"] or ffi.NULL, _multi_sz(g["preferred_owners"])),
               "group %r" % g["name"])
        for r in dependency_order(t["resources"]):
            ck(self._lib.cs_sim_add_resource(self._id, r["name"], r["id"], r["type"], r["group"],
                                             ResourceState[r["state"]], _multi_sz(r["dependencies"]),
                                             _multi_sz(r["possible_owners"])), "resource %r" % r["name"])
        q = t["quorum"]
        ck(self._lib.cs_sim_set_quorum(self._id, q["resource"], q["device"], q["max_log_size"]), "quorum")
        self._populate_properties(t)
        for v in t["shared_volumes"]:
            self._set_volume(v)

    def _set_volume(self, v: dict[str, Any]) -> None:
        self._check(self._lib.cs_sim_set_shared_volume(self._id, v["resource"], v["path"], v["volume_name"],
                                                       v["label"], v["partition_number"], v["total_bytes"],
                                                       v["free_bytes"], v["fault_state"], v["backup_state"]),
                    "shared volume %r" % v["resource"])

    def _volume(self, resource: str) -> dict[str, Any]:
        volumes: list[dict[str, Any]] = self._topology["shared_volumes"]
        for v in volumes:
            if names_equal(v["resource"], str(resource)):
                return v
        raise ValueError("simulator: %r is not a Cluster Shared Volume" % (resource,))

    def add_shared_volume(self, resource: str, path: str, total_bytes: int, free_bytes: int | None = None, *,
                          volume_name: str | None = None, partition_number: int = 2, fault_state: int = 0,
                          backup_state: int = 0, label: str | None = None) -> None:
        """Makes a resource a Cluster Shared Volume with one volume (`label`: its volume
        label; default the last part of `path`, as New-Volume's friendly name makes it).
        Only a Physical Disk resource can be one (another type: ValueError; the C control
        API answers ERROR_INVALID_FUNCTION)."""
        t = copy.deepcopy(self._topology)
        t["shared_volumes"] = [v for v in t["shared_volumes"] if not names_equal(v["resource"], str(resource))]
        entry: dict[str, Any] = {"resource": resource, "path": path, "total_bytes": total_bytes,
                 "partition_number": partition_number, "fault_state": int(fault_state),
                 "backup_state": backup_state}
        if free_bytes is not None:
            entry["free_bytes"] = free_bytes
        if volume_name is not None:
            entry["volume_name"] = volume_name
        if label is not None:
            entry["label"] = label
        t["shared_volumes"].append(entry)
        v = normalize_topology(t)["shared_volumes"][-1]
        self._set_volume(v)
        self._topology["shared_volumes"] = [x for x in self._topology["shared_volumes"]
                                            if not names_equal(x["resource"], v["resource"])] + [v]

    def fill_volume(self, resource: str, free_bytes: int) -> None:
        """Sets a CSV's free space (0 .. its size)."""
        v = dict(self._volume(resource))
        if isinstance(free_bytes, bool) or not isinstance(free_bytes, int) or not 0 <= free_bytes <= v["total_bytes"]:
            raise ValueError("free_bytes must be an int in 0..%d" % v["total_bytes"])
        v["free_bytes"] = free_bytes
        self._set_volume(v)
        self._volume(resource).update(v)

    def set_csv_fault_state(self, resource: str, fault_state: int) -> None:
        """Sets a CSV's fault state (CsvFaultState flags; 0 = healthy)."""
        v = dict(self._volume(resource))
        if isinstance(fault_state, bool) or not isinstance(fault_state, int) or not 0 <= int(fault_state) <= 15:
            raise ValueError("fault_state must be CsvFaultState flags (0..15)")
        v["fault_state"] = int(fault_state)
        self._set_volume(v)
        self._volume(resource).update(v)

    def _populate_properties(self, t: dict[str, Any]) -> None:
        """The topology's `properties` / `private_properties` of every object."""
        targets: list[tuple[str, str | None, dict[str, Any]]] = [("cluster", None, t["cluster"])]
        for kind, key in (("node", "nodes"), ("network", "networks"), ("netinterface", "netinterfaces"),
                          ("group", "groups"), ("resource", "resources")):
            targets.extend((kind, o["name"], o) for o in t[key])
        for kind, name, o in targets:
            for key, private in (("properties", False), ("private_properties", True)):
                if o.get(key):
                    _props.set_properties(self._lib, self._id, kind, name, o[key], private, self._check)

    @property
    def scenario(self) -> Runner | None:
        """The topology's scenario as it runs (sim/timeline.py: .running, .applied,
        .errors, .stop()), or None without one."""
        return self._scenario

    def __del__(self) -> None:
        runner = getattr(self, "_scenario", None)
        if runner is not None:
            runner.stop()
        sim_id = getattr(self, "_id", 0)
        if sim_id:
            self._id = 0
            try:
                self._lib.cs_sim_release(sim_id)
            except Exception:  # pragma: no cover - interpreter teardown
                pass

    def _waits(self) -> bool:
        # Only a simulated round trip with latency waits; at 0 a walk is a
        # few microseconds, over before a Ctrl-C could matter.
        return bool(self._lib.cs_sim_get_latency(self._id) > 0)

    def __repr__(self) -> str:
        return "<SimulatedCluster %r>" % self._topology["cluster"]["name"]

    def __enter__(self: _Sim) -> _Sim:
        push_default(self)
        return self

    def __exit__(self, *exc: object) -> None:
        pop_default(self)

    @property
    def topology(self) -> dict[str, Any]:
        """The topology this simulator was built from (normalized), as a fresh dict."""
        return copy.deepcopy(self._topology)

    # ---- properties (sim/props.py) ---------------------------------------------------------
    def set_properties(self, kind: str, name: str | None, values: Mapping[str, Any], private: bool = False) -> None:
        """Sets common (or private) properties of an object -- kind "cluster" (name
        ignored), "node", "group", "resource", "network" or "netinterface" -- from a
        dict of name -> value (Python values, or the topology's JSON forms).  A value
        keeps the syntax the property already has; a new property's syntax is
        inferred.  Nothing is set when any value is refused."""
        _props.set_properties(self._lib, self._id, kind, name, values, private, self._check)

    def set_version(self, *, major: int | None = None, minor: int | None = None, build: int | None = None) -> None:
        """Changes the cluster's version (GetClusterInformation): the properties a
        later Windows build added disappear from the property lists."""
        v = self._topology["cluster"]["version"]
        major = v["major"] if major is None else major
        minor = v["minor"] if minor is None else minor
        build = v["build"] if build is None else build
        _props.set_version(self._lib, self._id, major, minor, build, self._check)
        v.update(major=major, minor=minor, build=build)

    def property_list(self, kind: str, name: str | None = None, private: bool = False) -> list[Property]:
        """The properties the simulator serves for an object (read-write then
        read-only), read without a handle."""
        return _props.read_properties(self._lib, self._id, kind, name, private, self._check)

    # ---- knobs ------------------------------------------------------------------------
    @property
    def latency(self) -> float:
        """Seconds each round trip takes (slept in C with the GIL released)."""
        return self._lib.cs_sim_get_latency(self._id)

    @latency.setter
    def latency(self, seconds: float) -> None:
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("latency must be a number of seconds")
        if not 0 <= seconds <= 60:
            raise ValueError("latency must be between 0 and 60 seconds")
        self._check(self._lib.cs_sim_set_latency(self._id, float(seconds)), "latency")

    @property
    def principal_rights(self) -> Rights:
        """What the simulated caller may do: "all", "read" or "none"."""
        value = self._lib.cs_sim_get_rights(self._id)
        return {v: k for k, v in _RIGHTS.items()}[value]

    @principal_rights.setter
    def principal_rights(self, rights: Rights) -> None:
        if rights not in _RIGHTS:
            raise ValueError("principal_rights must be 'all', 'read' or 'none', not %r" % (rights,))
        self._check(self._lib.cs_sim_set_rights(self._id, _RIGHTS[rights]), "rights")

    @staticmethod
    def _function_id(function: str) -> int:
        if not isinstance(function, str):
            raise TypeError("function must be a clusapi function name (str)")
        fid = b.FUNCTION_IDS.get(function)
        if fid is None:
            raise ValueError("unknown clusapi function %r (known: %s)" % (function, ", ".join(b.FUNCTION_NAMES)))
        return fid

    def fail(self, function: str, error: int, count: int = 1) -> None:
        """The next `count` calls of `function` fail with Win32 code `error`."""
        fid = self._function_id(function)
        if isinstance(error, bool) or not isinstance(error, int) or not 0 < error <= 0xFFFFFFFF:
            raise ValueError("error must be a nonzero Win32 code")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 0xFFFFFFFF:
            raise ValueError("count must be an int >= 0")
        self._check(self._lib.cs_sim_fail(self._id, fid, error, count), "fault")

    def hide(self, function: str, hidden: bool = True) -> None:
        """Makes the export missing (hidden=False brings it back)."""
        self._check(self._lib.cs_sim_hide(self._id, self._function_id(function), 1 if hidden else 0), "function")

    def calls(self, function: str | None = None) -> int:
        """Backend calls made so far: all of them, or those of one function."""
        fid = -1 if function is None else self._function_id(function)
        return int(self._lib.cs_sim_calls(self._id, fid))

    def round_trips(self, function: str | None = None) -> int:
        """Like calls(), counting only the calls that are RPCs in the real clusapi.dll."""
        fid = -1 if function is None else self._function_id(function)
        return int(self._lib.cs_sim_round_trips(self._id, fid))

    def reset_calls(self) -> None:
        """Sets every call counter back to 0."""
        self._check(self._lib.cs_sim_reset_calls(self._id), "counters")

    def open_handles(self) -> dict[str, int]:
        """Handles the simulator holds open, by kind: {"cluster": 0, "node": 0, ..., "enum": 0}."""
        counts = ffi.new("uint32_t[]", b.lib.CS_KIND_COUNT)
        self._check(self._lib.cs_sim_open_handles(self._id, counts), "counters")
        return {name: int(counts[i]) for i, name in enumerate(kinds.TOKEN_KIND_NAMES)}

    # ---- notifications -----------------------------------------------------------------
    @property
    def notification_queue_limit(self) -> int:
        """Events a notification port holds before it overflows: the queued events are
        then dropped and the port delivers one CLUSTER_LOST_NOTIFICATIONS."""
        return int(self._lib.cs_sim_get_notification_queue_limit(self._id))

    @notification_queue_limit.setter
    def notification_queue_limit(self, limit: int) -> None:
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError("notification_queue_limit must be an int")
        if not 1 <= limit <= 0xFFFFFFFF:
            raise ValueError("notification_queue_limit must be between 1 and 2**32 - 1")
        self._check(self._lib.cs_sim_set_notification_queue_limit(self._id, limit), "notification queue limit")

    def break_connection(self, seconds: float) -> None:
        """For `seconds`, every round trip through a cluster opened by name (RPC) fails with
        RPC_S_SERVER_UNAVAILABLE (1722), opening one by name too, and changes made meanwhile
        are not delivered to the notification ports of such opens; afterwards each of those
        ports delivers CLUSTER_RECONNECT, as clusapi.dll does after its own reconnect."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("seconds must be a number")
        if not 0 < seconds <= 3600:
            raise ValueError("seconds must be > 0 and <= 3600")
        self._check(self._lib.cs_sim_break_connection(self._id, float(seconds)), "break_connection")

    # ---- actions (Online/Offline/Move/Fail/Restart: sim/cs_sim_actions.c) ---------------
    @property
    def action_seconds(self) -> float:
        """How long each pending phase of an action lasts (OnlinePending, OfflinePending), in
        seconds of the simulator's clock: real time, or the manual clock (`manual_clock`)."""
        return float(self._lib.cs_sim_get_action_seconds(self._id))

    @action_seconds.setter
    def action_seconds(self, seconds: float) -> None:
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("action_seconds must be a number of seconds")
        if not 0 <= seconds <= 3600:
            raise ValueError("action_seconds must be between 0 and 3600 seconds")
        self._check(self._lib.cs_sim_set_action_seconds(self._id, float(seconds)), "action_seconds")

    @property
    def manual_clock(self) -> bool:
        """True: the actions' clock stands still until `advance()` moves it (a pending phase
        then lasts until a test has advanced `action_seconds`); False: real time."""
        return self._lib.cs_sim_get_manual_clock(self._id) == 1

    @manual_clock.setter
    def manual_clock(self, manual: bool) -> None:
        if not isinstance(manual, bool):
            raise TypeError("manual_clock must be True or False")
        self._check(self._lib.cs_sim_set_manual_clock(self._id, 1 if manual else 0), "manual_clock")

    def advance(self, seconds: float) -> None:
        """Moves the manual clock forward: every pending phase that ends by then ends now,
        with its events, in order.  Needs `manual_clock = True`."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("seconds must be a number")
        if not 0 <= seconds <= 1e9:
            raise ValueError("seconds must be between 0 and 1e9")
        if not self.manual_clock:
            raise ValueError("advance() needs the manual clock: set manual_clock = True first")
        self._check(self._lib.cs_sim_advance(self._id, float(seconds)), "advance")

    def set_resource_outcome(self, name: str, outcome: Literal["succeed", "fail", "hang", "veto"],
                             node: str | None = None) -> None:
        """What bringing resource `name` online does from now on: "succeed", "fail" (it ends
        Failed and takes its dependents down), "hang" (it stays pending until the group's
        operation is cancelled) or "veto" (on a move's target it refuses the node: it goes
        back Offline without failing and the group returns to the source; elsewhere it
        succeeds); `node`: only while its group is on that node."""
        if not isinstance(outcome, str):
            raise TypeError("outcome must be a str: 'succeed', 'fail', 'hang' or 'veto'")
        if outcome not in _OUTCOMES:
            raise ValueError("outcome must be 'succeed', 'fail', 'hang' or 'veto', not %r" % (outcome,))
        where = ffi.NULL if node is None else name_arg(node, "node")
        self._check(self._lib.cs_sim_set_resource_outcome(self._id, name_arg(name), _OUTCOMES[outcome], where),
                    "resource outcome")

    @property
    def parallel_moves(self) -> int:
        """How many moves the cluster runs at once (0, the default: no limit).  A move made
        with GroupMoveFlags.QUEUE_ENABLED while that many run is queued: it answers 997, the
        group stays where it is with StatusInformation 0x4 (WAITING_IN_QUEUE_FOR_MOVE) until
        its turn (HIGH_PRIORITY_START first); acting on a queued group is refused with 5959."""
        return int(self._lib.cs_sim_get_parallel_moves(self._id))

    @parallel_moves.setter
    def parallel_moves(self, moves: int) -> None:
        if isinstance(moves, bool) or not isinstance(moves, int):
            raise TypeError("parallel_moves must be an int")
        if not 0 <= moves <= 1000000:
            raise ValueError("parallel_moves must be between 0 (no limit) and 1000000")
        self._check(self._lib.cs_sim_set_parallel_moves(self._id, moves), "parallel_moves")

    def set_group_locked(self, name: str, locked: bool = True) -> None:
        """Sets or clears the group's locked mode (StatusInformation 0x1, with its property
        event): its actions and its resources' are refused with 5960
        (ERROR_CLUSTER_RESOURCE_LOCKED_STATUS) unless made with IGNORE_RESOURCE_STATUS."""
        if not isinstance(locked, bool):
            raise TypeError("locked must be True or False")
        self._check(self._lib.cs_sim_set_group_locked(self._id, name_arg(name), 1 if locked else 0),
                    "group %r locked mode" % (name,))

    @property
    def ex2_exports(self) -> bool:
        """Whether the *Ex2 functions (the actions with a reason: Online/Offline/MoveClusterGroupEx2,
        Online/OfflineClusterResourceEx2, Pause/ResumeClusterNodeEx2, only in the newest
        clusapi.dll) are exported; False by default.  Setting it shows or hides all seven."""
        return all(self.has(f) for f in _EX2_FUNCTIONS)

    @ex2_exports.setter
    def ex2_exports(self, exported: bool) -> None:
        if not isinstance(exported, bool):
            raise TypeError("ex2_exports must be True or False")
        for f in _EX2_FUNCTIONS:
            self.hide(f, not exported)

    # ---- changing the cluster ----------------------------------------------------------
    def _set_state(self, kind: ObjectKind, enum_cls: type[_E], name: str, state: _E | int | str) -> None:
        member = coerce_state(enum_cls, state)
        self._check(self._lib.cs_sim_set_state(self._id, _KINDS[kind], name_arg(name), int(member)),
                    "%s %r state" % (kind, name))

    def set_node_state(self, name: str, state: NodeState | int | str) -> None:
        """A state is a member, its value or its name (case-insensitive: "paused")."""
        self._set_state("node", NodeState, name, state)

    def set_group_state(self, name: str, state: GroupState | int | str) -> None:
        """Forces the state the cluster reports for the group, consistent with its
        resources or not (a fault to inject); the next change of one of its
        resources derives it again."""
        self._set_state("group", GroupState, name, state)

    def set_resource_state(self, name: str, state: ResourceState | int | str) -> None:
        """Sets the resource's state; its group's state follows, derived from its
        resources as a cluster does (CLUSTER_GROUP_STATE; docs/topology.md), with
        its GROUP_STATE event after the resource's when it changes."""
        self._set_state("resource", ResourceState, name, state)

    def set_network_state(self, name: str, state: NetworkState | int | str) -> None:
        self._set_state("network", NetworkState, name, state)

    def set_netinterface_state(self, name: str, state: NetInterfaceState | int | str) -> None:
        self._set_state("netinterface", NetInterfaceState, name, state)

    def move_group(self, name: str, node: str) -> None:
        """Makes `node` the group's owner (and its resources')."""
        self._check(self._lib.cs_sim_move_group(self._id, name_arg(name), name_arg(node)), "move of %r" % name)

    def add_node(self, name: str, id: str | None = None, state: NodeState | int | str = "UP") -> None:
        name = name_arg(name)
        self._check(self._lib.cs_sim_add_node(self._id, name, id_arg(id, stable_id("node", name)),
                                              int(coerce_state(NodeState, state))), "node %r" % name)

    def add_group(self, name: str, owner_node: str | None = None, state: GroupState | int | str = "ONLINE",
                  id: str | None = None, preferred_owners: Iterable[str] = ()) -> None:
        name = name_arg(name)
        owner = ffi.NULL if owner_node is None else name_arg(owner_node)
        self._check(self._lib.cs_sim_add_group(self._id, name, id_arg(id, stable_id("group", name)),
                                               int(coerce_state(GroupState, state)), owner,
                                               _multi_sz([name_arg(p) for p in preferred_owners])), "group %r" % name)

    def add_resource(self, name: str, group: str, type: str = "Generic Service",
                     state: ResourceState | int | str = "ONLINE", id: str | None = None,
                     dependencies: Iterable[str] = (), possible_owners: Iterable[str] = ()) -> None:
        name = name_arg(name)
        self._check(self._lib.cs_sim_add_resource(self._id, name, id_arg(id, stable_id("resource", name)),
                                                  name_arg(type), name_arg(group),
                                                  int(coerce_state(ResourceState, state)),
                                                  _multi_sz([name_arg(d) for d in dependencies]),
                                                  _multi_sz([name_arg(p) for p in possible_owners])),
                    "resource %r" % name)

    def add_resource_type(self, name: str) -> None:
        """Lists one more resource type (a resource's type must be listed: add_resource
        of an unlisted type raises ClusterError 1813, as CreateClusterResource does)."""
        name = name_arg(name)
        self._check(self._lib.cs_sim_add_resource_type(self._id, name), "resource type %r" % name)
        self._topology["resource_types"].append(name)

    def _delete(self, kind: ObjectKind, name: str) -> None:
        self._check(self._lib.cs_sim_delete(self._id, _KINDS[kind], name_arg(name)), "%s %r" % (kind, name))

    def delete_node(self, name: str) -> None:
        self._delete("node", name)

    def delete_group(self, name: str) -> None:
        self._delete("group", name)

    def delete_resource(self, name: str) -> None:
        """The quorum resource (and its group, delete_group) is a core resource: refused
        with ClusterError 5026 (ERROR_CORE_RESOURCE), as a cluster refuses it."""
        self._delete("resource", name)

    def delete_network(self, name: str) -> None:
        self._delete("network", name)

    def delete_netinterface(self, name: str) -> None:
        self._delete("netinterface", name)

    def delete_after(self, function: str, calls: int, kind: ObjectKind, name: str) -> None:
        """Deletes an object once `calls` more calls of `function` have completed
        (to delete something in the middle of a walk)."""
        if kind not in _KINDS:
            raise ValueError("kind must be one of %s" % ", ".join(_KINDS))
        if isinstance(calls, bool) or not isinstance(calls, int) or calls < 1:
            raise ValueError("calls must be an int >= 1")
        self._check(self._lib.cs_sim_delete_after(self._id, self._function_id(function), calls, _KINDS[kind],
                                                  name_arg(name)), "%s %r" % (kind, name))
