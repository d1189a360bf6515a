"""open_cluster() and the Cluster handle (HCLUSTER): what a cluster says
about itself, its lists of names, and the objects opened from it."""
from __future__ import annotations

from functools import partial as _partial
from typing import TYPE_CHECKING, Any, Iterable, Optional, TypeVar

from .. import _bindings as bindings
from .. import _consts as consts
from .. import errors, kinds
from .._backend import SYSTEM, Backend, SystemBackend
from .._validate import access_arg, name_arg
from ..backends import resolve
from ..enums import Access
from ..properties.mixin import PropertiesMixin
from ..shared_volumes import read_shared_volumes
from ..records import ClusterVersion, Quorum, SharedVolume
from ..snapshot import Snapshot
from ._base import (
    _BACKEND_TYPES, _DEFAULT_ACCESS, _MAXIMUM_ALLOWED, _NULL, _cs_close, _cs_open_cluster, _cs_open_object,
    _cs_reclaim_pending, _Handle, extension,
)
from .objects import Group, NetInterface, Network, Node, Resource, _Object

if TYPE_CHECKING:    # the events package is above the handles: names for the signatures only
    from ..events.live import LiveView
    from ..events.port import NotificationPort
    from ..events.types import EventKind

lib = bindings.lib
_O = TypeVar("_O", bound="_Object[Any]")   # any kind of object handle

__all__ = ["open_cluster", "Cluster"]


def open_cluster(name: "str | None" = None, access: "Access | int" = Access.MAXIMUM_ALLOWED, *,
                 backend: "Backend | None" = None) -> "Cluster":
    """Opens the local cluster (name None: an LPC handle) or a cluster by the
    NetBIOS name, DNS name or IP of the cluster or one of its nodes (RPC)."""
    wname = _NULL if name is None else name_arg(name, "cluster name")
    acc = _MAXIMUM_ALLOWED if access is _DEFAULT_ACCESS else access_arg(access)
    # An exact Backend class (not None) skips resolve(); the checker cannot narrow through `in`.
    be: Backend = backend if type(backend) in _BACKEND_TYPES else resolve(backend)  # type: ignore[assignment]
    try:
        # From the open's return to the store, an exception from a signal
        # handler would lose the token: the shim keeps it pending, and any
        # exception here closes it (the object, if made, is dropped anyway).
        token = _cs_open_cluster(be._id, wname, acc)
        cluster = Cluster.__new__(Cluster)
        cluster._token = token
        cluster._closer = _partial(_cs_close, token)
    except BaseException:
        _cs_reclaim_pending()
        raise
    if not token:
        raise _open_error(be, name)
    cluster._backend = be
    cluster._name = name
    cluster._info = None
    return cluster


def _open_error(backend: object, name: "str | None") -> Exception:
    exc = bindings.last_error("cluster", name)
    # Every SystemBackend instance, not only SYSTEM: each is the same clusapi.dll.
    if (isinstance(backend, SystemBackend) and isinstance(exc, errors.ClusterAPIUnavailableError)
            and exc.winerror == consts.ERROR_MOD_NOT_FOUND):
        exc = errors.ClusterAPIUnavailableError(
            consts.ERROR_MOD_NOT_FOUND, exc.function,
            "clusapi.dll could not be loaded from System32 (not a Windows machine with the Failover "
            "Clustering tools). To use the built-in simulated cluster, set CLUSAPI_PY_BACKEND=sim, "
            "pass backend=clusapi_py.sim.SimulatedCluster(), or open inside `with SimulatedCluster():`", name)
    return exc


class Cluster(_Handle, PropertiesMixin):
    """A cluster handle (HCLUSTER)."""

    __slots__ = ("_info",)
    _what = kinds.CLUSTER.text
    _info: tuple[str, ClusterVersion] | None
    _kind = kinds.CLUSTER.id

    def _load_info(self) -> tuple[str, ClusterVersion]:
        fields, ints = bindings.call_result(lib.cs_cluster_info, self._tok(), what="cluster", name=self._name)
        self._info = (fields[0], ClusterVersion(ints[0], ints[1], ints[2], fields[1], fields[2],
                                                ints[3], ints[4], ints[5]))
        return self._info

    @property
    def name(self) -> str:
        """The cluster's name (GetClusterInformation; fetched once)."""
        info = self._info
        if info is None or not self._token:
            info = self._load_info()      # ValueError once closed, like every other use
        return info[0]

    @property
    def version(self) -> ClusterVersion:
        """A ClusterVersion (GetClusterInformation; fetched once)."""
        info = self._info
        if info is None or not self._token:
            info = self._load_info()
        return info[1]

    def _shown_name(self) -> "str | None":
        """The name errors carry: the one fetched, else the one opened by (None: the local cluster)."""
        info = self._info
        return info[0] if info is not None else self._name

    def __repr__(self) -> str:
        name = self._info[0] if self._info else self._name
        if name is None and not self.closed:
            try:
                name = self.name
            except (errors.ClusterError, ValueError):
                name = None
        shown = repr(name) if name is not None else "(local)"
        return "<Cluster %s %s>" % (shown, "closed" if self.closed else "open")

    # ---- listing --------------------------------------------------------------------
    def _names(self, enum_type: int, timeout: "float | None" = None) -> "list[str]":
        token = self._tok()
        limit = bindings.timeout_arg(timeout)
        fields, _, _ = bindings.call_limited(lib.cs_list_limited, token, enum_type, timeout=limit,
                                   waits=self._backend._waits, what="cluster", name=self._shown_name())
        return fields

    def node_names(self, timeout: "float | None" = None) -> "list[str]":
        """Names of the nodes.  timeout (seconds): ClusterTimeoutError when it has not finished by then."""
        return self._names(consts.CLUSTER_ENUM_NODE, timeout)

    def resource_type_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_ENUM_RESTYPE, timeout)

    def resource_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_ENUM_RESOURCE, timeout)

    def group_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_ENUM_GROUP, timeout)

    def network_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_ENUM_NETWORK, timeout)

    def netinterface_names(self, timeout: "float | None" = None) -> "list[str]":
        return self._names(consts.CLUSTER_ENUM_NETINTERFACE, timeout)

    # ---- opening ----------------------------------------------------------------------
    def _open(self, cls: "type[_O]", name: str, access: "Access | int") -> "_O":
        wname = name_arg(name, "%s name" % cls._what)
        acc = _MAXIMUM_ALLOWED if access is _DEFAULT_ACCESS else access_arg(access)
        ctoken = self._tok()
        try:
            # See open_cluster: the shim keeps the token pending until it is stored.
            token = _cs_open_object(ctoken, cls._kind, wname, acc)
            obj = cls.__new__(cls)
            obj._token = token
            obj._closer = _partial(_cs_close, token)
        except BaseException:
            _cs_reclaim_pending()
            raise
        if not token:
            raise bindings.last_error("cluster", wname)
        obj._backend = self._backend
        obj._name = name
        obj._cluster = self
        return obj

    def _open_node_argument(self, name: str) -> Node:
        """A node handle that only goes to another call as its argument (a move's
        destination, a preferred owner): GENERIC_READ through OpenClusterNodeEx, or,
        with a clusapi.dll without it (Windows Server 2008), the plain OpenClusterNode
        -- MAXIMUM_ALLOWED needs the Ex open."""
        ex = self._backend.has("OpenClusterNodeEx")
        return self.open_node(name, Access.GENERIC_READ if ex else Access.GENERIC_ALL)

    def open_node(self, name: str, access: Access | int = Access.MAXIMUM_ALLOWED) -> Node:
        """Opens the node by name (OpenClusterNodeEx; ClusterObjectNotFoundError when there is none)."""
        return self._open(Node, name, access)

    def open_group(self, name: str, access: Access | int = Access.MAXIMUM_ALLOWED) -> Group:
        """Opens the group by name (OpenClusterGroupEx; ClusterObjectNotFoundError when there is none)."""
        return self._open(Group, name, access)

    def open_resource(self, name: str, access: Access | int = Access.MAXIMUM_ALLOWED) -> Resource:
        """Opens the resource by name (OpenClusterResourceEx; ClusterObjectNotFoundError when there is none)."""
        return self._open(Resource, name, access)

    def open_network(self, name: str, access: Access | int = Access.MAXIMUM_ALLOWED) -> Network:
        """Opens the network by name (OpenClusterNetworkEx; ClusterObjectNotFoundError when there is none)."""
        return self._open(Network, name, access)

    def open_netinterface(self, name: str, access: Access | int = Access.MAXIMUM_ALLOWED) -> NetInterface:
        """Opens the net interface by name (OpenClusterNetInterfaceEx; ClusterObjectNotFoundError when there is none)."""
        return self._open(NetInterface, name, access)

    def _name_of(self, value: str | _O, cls: type[_O]) -> str:
        """A name, or the name of a handle of this cluster."""
        if isinstance(value, cls):
            if value._cluster is not self:
                raise ValueError("that %s was opened from a different Cluster object" % cls._what)
            value._tok()
            return value._name
        if isinstance(value, _Handle):
            raise TypeError("expected a %s name or %s, not %s" % (cls._what, cls.__name__, type(value).__name__))
        return name_arg(value, "%s name" % cls._what)

    def netinterface_name(self, node: str | Node, network: str | Network) -> str:
        """The net interface joining a node and a network (names or handles)."""
        node_name = self._name_of(node, Node)
        network_name = self._name_of(network, Network)
        fields, _ = bindings.call_result(lib.cs_netinterface_name, self._tok(), node_name, network_name, what="cluster",
                                  name="%s/%s" % (node_name, network_name))
        return fields[0]

    def quorum(self) -> Quorum:
        """The quorum resource, its device and the maximum log size (GetClusterQuorumResource)."""
        fields, ints = bindings.call_result(lib.cs_quorum, self._tok(), what="cluster", name=self._shown_name())
        return Quorum(fields[0], fields[1], ints[0])

    def shared_volumes(self) -> "list[SharedVolume]":
        """Every Cluster Shared Volume: [SharedVolume(name, owner_node, state, volumes)]."""
        return read_shared_volumes(self._tok())

    def snapshot(self, properties: bool = False, timeout: "float | None" = None, *,
                 settled: bool = False) -> Snapshot:
        """Everything a monitoring cycle reads, in one shim call.

        properties=True: also every group's and resource's common properties
        (one round trip for all groups, one for all resources, where the
        cluster has the *EnumEx calls), and the nodes', networks' and
        cluster's (per object).  timeout (seconds): checked between backend
        calls; when it has passed the walk closes what it opened and
        ClusterTimeoutError is raised.  A Ctrl-C takes effect within one
        backend call, not after the walk.

        settled=True: a resource's state is read only where its group's
        does not settle it -- by the rule of CLUSTER_GROUP_STATE, a resource
        of an Online group is Online and one of an Offline group Offline
        (neither Failed nor pending); the quorum resource is always read.
        The rows of the others say that state, with their group's owner, and
        .settled_resources names them.  Likewise a net interface on an Up
        network whose node is Up or Paused is Up (CLUSTER_NETWORK_STATE: on
        an Up network every node can communicate): its row says Up with node
        "" (not read), .settled_netinterfaces names it, and no node's
        interfaces are listed unless the node is down or joining.  A health
        check's reading, not a dump's: it saves 3 round trips per resource
        of such groups, 3 per such interface and 1 per healthy node."""
        token = self._tok()
        limit = bindings.timeout_arg(timeout)
        flags = (bindings.SNAPSHOT_PROPERTIES if properties else 0) | (bindings.SNAPSHOT_SETTLED if settled else 0)
        fields, ints, data = bindings.call_limited(lib.cs_snapshot_limited, token, flags, timeout=limit,
                                            waits=self._backend._waits, what="cluster", name=self._shown_name())
        return Snapshot._from_shim(fields, ints, data)

    # ---- change notifications (clusapi_py.events) ---------------------------------------
    def notifications(self, kinds: Optional[Iterable[EventKind]] = None, *,
                      version: Optional[int] = None) -> NotificationPort:
        """A NotificationPort for these EventKind members (None: every kind); version None
        picks 2 (CreateClusterNotifyPortV2) where the backend exports it, else 1."""
        port: NotificationPort = extension("notifications")(self, kinds, version=version)
        return port

    def live_view(self, *, version: Optional[int] = None) -> LiveView:
        """A LiveView: this cluster kept current by its notifications (see clusapi_py.events.live)."""
        view: LiveView = extension("live_view")(self, version=version)
        return view
