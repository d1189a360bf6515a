"""Typed handles.  Each one owns a shim token; the real Close* runs exactly
once -- on close(), leaving `with`, the last reference, cycle collection or
interpreter exit -- and never while a call on it is in flight (the shim
counts calls and closes when the last one returns).
"""
import atexit

from . import _bindings as b
from . import _consts as k
from . import errors
from ._backend import SYSTEM, Backend
from ._validate import access_arg, name_arg
from .backends import resolve
from .snapshot import Snapshot
from .enums import Access, GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState, state_table
from .records import ClusterVersion, GroupStatus, Quorum, ResourceStatus

ffi, lib = b.ffi, b.lib

__all__ = [
    "open_cluster", "Cluster", "Node", "Group", "Resource", "Network", "NetInterface",
    "ClusterVersion", "GroupStatus", "ResourceStatus", "Quorum",
]

_MAXIMUM_ALLOWED = int(Access.MAXIMUM_ALLOWED)
_DEFAULT_ACCESS = Access.MAXIMUM_ALLOWED      # identity-checked: the common case skips validation
_NULL = ffi.NULL
# The per-cycle calls, looked up once (attribute lookups on `lib` are not free).
_cs_open_cluster = lib.cs_open_cluster
_cs_open_object = lib.cs_open_object
_cs_close = lib.cs_close
_cs_state = lib.cs_state
_cs_status_into = lib.cs_status_into
_ffi_string = ffi.string
_ffi_new = ffi.new
_NAME_FIELD = 260                     # characters per name field of a status buffer
_STATUS_BUFFER = ffi.typeof("cs_char[%d]" % (2 * _NAME_FIELD))
_STATE_FAILED = lib.CS_STATE_FAILED
_STATUS_TOO_LONG = lib.CS_STATUS_TOO_LONG
# Exact backend classes take the fast path; anything else goes through resolve().
_BACKEND_TYPES = Backend._classes


# Value -> member tables: much cheaper than calling the enum class per value,
# and a value the enum does not know comes back as a plain int.
_GROUP_STATES = state_table(GroupState)
_RESOURCE_STATES = state_table(ResourceState)


class _Handle:
    """Base of every handle: owns one shim token."""

    __slots__ = ("_token", "_backend", "_name", "__weakref__")
    _what = "handle"

    def __init__(self, *args, **kwargs):
        raise TypeError("%s handles come from open_cluster() and Cluster.open_*()" % type(self).__name__)

    def _tok(self):
        token = self._token
        if not token:
            raise ValueError("%s is closed" % self._what)
        return token

    @property
    def closed(self):
        return not self._token

    def close(self):
        """Closes the handle (idempotent).  The real Close* waits for calls in flight."""
        token = self._token
        if token:
            self._token = 0
            _cs_close(token)

    def detach(self):
        """Gives up ownership and returns the raw handle value; it is never closed by us."""
        token = self._tok()
        raw = ffi.new("uint64_t *")
        code = lib.cs_detach(token, raw)
        if code == k.ERROR_BUSY:
            raise ValueError("the %s is in use (calls in flight, or objects opened from it still open): "
                             "it cannot be detached now" % self._what)
        b.check(code, self._what)
        self._token = 0
        return int(raw[0])

    @property
    def granted_access(self):
        token = self._tok()
        kind = ffi.new("int *")
        backend = ffi.new("int *")
        granted = ffi.new("uint32_t *")
        b.check(lib.cs_handle_info(token, kind, backend, granted), self._what)
        return Access(granted[0])

    @property
    def backend(self):
        return self._backend

    def __enter__(self):
        self._tok()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        token = getattr(self, "_token", 0)
        if token:
            self._token = 0
            try:
                lib.cs_close(token)
            except Exception:  # pragma: no cover - interpreter teardown
                pass

    def __repr__(self):
        state = "closed" if self.closed else "open"
        return "<%s %r %s>" % (type(self).__name__, self._name, state)


def open_cluster(name=None, access=Access.MAXIMUM_ALLOWED, *, backend=None):
    """Opens the local cluster (name None: an LPC handle) or a cluster by the
    NetBIOS name, DNS name or IP of the cluster or one of its nodes (RPC)."""
    wname = _NULL if name is None else name_arg(name, "cluster name")
    acc = _MAXIMUM_ALLOWED if access is _DEFAULT_ACCESS else access_arg(access)
    be = backend if type(backend) in _BACKEND_TYPES else resolve(backend)
    token = _cs_open_cluster(be._id, wname, acc)
    if not token:
        raise _open_error(be)
    cluster = Cluster.__new__(Cluster)
    cluster._token = token
    cluster._backend = be
    cluster._name = name
    cluster._info = None
    return cluster


def _open_error(backend):
    exc = b.last_error("cluster")
    if backend is SYSTEM and isinstance(exc, errors.ClusterAPIUnavailableError) and exc.winerror == k.ERROR_MOD_NOT_FOUND:
        exc = errors.ClusterAPIUnavailableError(
            k.ERROR_MOD_NOT_FOUND, exc.function,
            "clusapi.dll could not be loaded from System32 (not a Windows machine with the Failover "
            "Clustering tools). To use the built-in simulated cluster, set CLUSAPI_PY_BACKEND=sim, "
            "pass backend=clusapi_py.sim.SimulatedCluster(), or open inside `with SimulatedCluster():`")
    return exc


class Cluster(_Handle):
    """A cluster handle (HCLUSTER)."""

    __slots__ = ("_info",)
    _what = "cluster"

    def _load_info(self):
        fields, ints = b.call_result(lib.cs_cluster_info, self._tok(), what="cluster")
        self._info = (fields[0], ClusterVersion(ints[0], ints[1], ints[2], fields[1], fields[2],
                                                ints[3], ints[4], ints[5]))
        return self._info

    @property
    def name(self):
        """The cluster's name (GetClusterInformation; fetched once)."""
        info = self._info
        if info is None or not self._token:
            info = self._load_info()      # ValueError once closed, like every other use
        return info[0]

    @property
    def version(self):
        """A ClusterVersion (GetClusterInformation; fetched once)."""
        info = self._info
        if info is None or not self._token:
            info = self._load_info()
        return info[1]

    def __repr__(self):
        name = self._info[0] if self._info else self._name
        if name is None and not self.closed:
            try:
                name = self.name
            except (errors.ClusterError, ValueError):
                name = None
        shown = repr(name) if name is not None else "(local)"
        return "<Cluster %s %s>" % (shown, "closed" if self.closed else "open")

    # ---- listing --------------------------------------------------------------------
    def _names(self, enum_type):
        fields, _ = b.call_result(lib.cs_list, self._tok(), enum_type, what="cluster")
        return fields

    def node_names(self):
        return self._names(0x1)

    def resource_type_names(self):
        return self._names(0x2)

    def resource_names(self):
        return self._names(0x4)

    def group_names(self):
        return self._names(0x8)

    def network_names(self):
        return self._names(0x10)

    def netinterface_names(self):
        return self._names(0x20)

    # ---- opening ----------------------------------------------------------------------
    def _open(self, cls, name, access):
        wname = name_arg(name, "%s name" % cls._what)
        acc = _MAXIMUM_ALLOWED if access is _DEFAULT_ACCESS else access_arg(access)
        token = _cs_open_object(self._tok(), cls._kind, wname, acc)
        if not token:
            raise b.last_error("cluster")
        obj = cls.__new__(cls)
        obj._token = token
        obj._backend = self._backend
        obj._name = name
        obj._cluster = self
        return obj

    def open_node(self, name, access=Access.MAXIMUM_ALLOWED):
        return self._open(Node, name, access)

    def open_group(self, name, access=Access.MAXIMUM_ALLOWED):
        return self._open(Group, name, access)

    def open_resource(self, name, access=Access.MAXIMUM_ALLOWED):
        return self._open(Resource, name, access)

    def open_network(self, name, access=Access.MAXIMUM_ALLOWED):
        return self._open(Network, name, access)

    def open_netinterface(self, name, access=Access.MAXIMUM_ALLOWED):
        return self._open(NetInterface, name, access)

    def _name_of(self, value, cls):
        """A name, or the name of a handle of this cluster."""
        if isinstance(value, cls):
            if value._cluster is not self:
                raise ValueError("that %s was opened from a different Cluster object" % cls._what)
            value._tok()
            return value._name
        if isinstance(value, _Handle):
            raise TypeError("expected a %s name or %s, not %s" % (cls._what, cls.__name__, type(value).__name__))
        return name_arg(value, "%s name" % cls._what)

    def netinterface_name(self, node, network):
        """The net interface joining a node and a network (names or handles)."""
        node_name = self._name_of(node, Node)
        network_name = self._name_of(network, Network)
        fields, _ = b.call_result(lib.cs_netinterface_name, self._tok(), node_name, network_name, what="cluster")
        return fields[0]

    def quorum(self):
        fields, ints = b.call_result(lib.cs_quorum, self._tok(), what="cluster")
        return Quorum(fields[0], fields[1], ints[0])

    def snapshot(self):
        """Everything a monitoring cycle reads, in one shim call."""
        fields, ints = b.call_result(lib.cs_snapshot, self._tok(), what="cluster")
        return Snapshot._from_shim(fields, ints)


class _Object(_Handle):
    """A handle obtained from a Cluster; keeps that Cluster alive."""

    __slots__ = ("_cluster",)
    _kind = -1
    _states = None              # value -> member table of the kind's state enum

    @property
    def cluster(self):
        return self._cluster

    @property
    def name(self):
        return self._name

    @property
    def state(self):
        value = _cs_state(self._tok())
        if value == b.STATE_FAILED:
            raise b.last_error(self._what)
        return self._states[value]

    def _names(self, enum_type):
        fields, _ = b.call_result(lib.cs_list, self._tok(), enum_type, what=self._what)
        return fields

    def _id(self):
        fields, _ = b.call_result(lib.cs_object_id, self._tok(), what=self._what)
        return fields[0]

    _status_fields = 1      # owner node; a resource adds its group

    def _status(self):
        """(state value, owner node[, group]) from one Get*State call."""
        token = self._tok()
        buf = _ffi_new(_STATUS_BUFFER)   # this call's own: no signal handler or finalizer can overwrite it
        state = _cs_status_into(token, buf, _NAME_FIELD)
        if state == _STATE_FAILED:
            raise b.last_error(self._what)
        if state == _STATUS_TOO_LONG:
            # A name longer than the buffer: take the allocating path.
            fields, ints = b.call_result(lib.cs_status, token, what=self._what)
            return (int(ints[0]), *fields)
        if self._status_fields == 1:
            return state, _ffi_string(buf)
        return state, _ffi_string(buf), _ffi_string(buf + _NAME_FIELD)


class Node(_Object):
    __slots__ = ()
    _what = "node"
    _kind = b.KIND_NODE
    _states = state_table(NodeState)

    @property
    def id(self):
        return self._id()

    def netinterface_names(self):
        return self._names(0x1)

    def group_names(self):
        return self._names(0x2)


class Group(_Object):
    __slots__ = ()
    _what = "group"
    _kind = b.KIND_GROUP
    _states = _GROUP_STATES

    @property
    def id(self):
        return self._id()

    def status(self):
        """State and owner node from one GetClusterGroupState call."""
        state, owner = self._status()
        return GroupStatus(_GROUP_STATES[state], owner)

    @property
    def owner_node(self):
        return self.status().owner_node

    def resource_names(self):
        return self._names(0x1)

    def preferred_owner_names(self):
        return self._names(0x2)


class Resource(_Object):
    __slots__ = ()
    _what = "resource"
    _status_fields = 2
    _kind = b.KIND_RESOURCE
    _states = _RESOURCE_STATES

    @property
    def id(self):
        return self._id()

    def status(self):
        """State, owner node and group from one GetClusterResourceState call."""
        state, owner, group = self._status()
        return ResourceStatus(_RESOURCE_STATES[state], owner, group)

    @property
    def owner_node(self):
        return self.status().owner_node

    @property
    def group_name(self):
        return self.status().group_name

    def dependency_names(self):
        return self._names(0x1)

    def possible_owner_names(self):
        return self._names(0x4)


class Network(_Object):
    __slots__ = ()
    _what = "network"
    _kind = b.KIND_NETWORK
    _states = state_table(NetworkState)

    @property
    def id(self):
        return self._id()

    def netinterface_names(self):
        return self._names(0x1)


class NetInterface(_Object):
    __slots__ = ()
    _what = "net interface"
    _kind = b.KIND_NETINTERFACE
    _states = state_table(NetInterfaceState)


@atexit.register
def _close_everything_at_exit():
    # Handles still referenced at exit (module globals, daemon threads) are
    # closed here; their __del__ later finds them closed and does nothing.
    lib.cs_close_all()
