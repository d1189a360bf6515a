"""What a change notification is: EventKind, and the ClusterEvent a port
returns.

Pure: no import of the extension.  Each kind names its documented version-2
object type and filter flag (CLUSTER_OBJECT_TYPE_* / CLUSTER_CHANGE_*_V2)
and, where version 1 has one, its CLUSTER_CHANGE_* filter; the numbers are
the SDK's (tests/events/test_event_types.py holds them equal to the values the
extension was compiled with).
"""
import enum
import typing

from ..properties.codec import parse
from ..enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState

__all__ = ["EventKind", "ClusterEvent", "V2_FILTERS", "V1_FILTERS", "kind_of_v2", "kind_of_v1", "STATE_ENUMS",
           "PROPERTY_KINDS"]

# CLUSTER_OBJECT_TYPE_*
CLUSTER, GROUP, RESOURCE, RESOURCE_TYPE, NETWORK_INTERFACE, NETWORK, NODE, QUORUM, SHARED_VOLUME = (
    1, 2, 3, 4, 5, 6, 7, 9, 10)


class EventKind(enum.Enum):
    """A kind of change (the value is its name)."""

    NODE_STATE = "NODE_STATE"
    NODE_ADDED = "NODE_ADDED"
    NODE_DELETED = "NODE_DELETED"
    NODE_PROPERTIES = "NODE_PROPERTIES"
    NODE_PRIVATE_PROPERTIES = "NODE_PRIVATE_PROPERTIES"
    GROUP_STATE = "GROUP_STATE"
    GROUP_OWNER_NODE = "GROUP_OWNER_NODE"
    GROUP_ADDED = "GROUP_ADDED"
    GROUP_DELETED = "GROUP_DELETED"
    GROUP_PROPERTIES = "GROUP_PROPERTIES"
    GROUP_PRIVATE_PROPERTIES = "GROUP_PRIVATE_PROPERTIES"
    GROUP_PREFERRED_OWNERS = "GROUP_PREFERRED_OWNERS"
    RESOURCE_STATE = "RESOURCE_STATE"
    RESOURCE_ADDED = "RESOURCE_ADDED"
    RESOURCE_DELETED = "RESOURCE_DELETED"
    RESOURCE_OWNER_GROUP = "RESOURCE_OWNER_GROUP"
    RESOURCE_PROPERTIES = "RESOURCE_PROPERTIES"
    RESOURCE_PRIVATE_PROPERTIES = "RESOURCE_PRIVATE_PROPERTIES"
    RESOURCE_DEPENDENCIES = "RESOURCE_DEPENDENCIES"
    RESOURCE_TYPE_ADDED = "RESOURCE_TYPE_ADDED"
    NETWORK_STATE = "NETWORK_STATE"
    NETWORK_ADDED = "NETWORK_ADDED"
    NETWORK_DELETED = "NETWORK_DELETED"
    NETWORK_PROPERTIES = "NETWORK_PROPERTIES"
    NETWORK_PRIVATE_PROPERTIES = "NETWORK_PRIVATE_PROPERTIES"
    NETINTERFACE_STATE = "NETINTERFACE_STATE"
    NETINTERFACE_ADDED = "NETINTERFACE_ADDED"
    NETINTERFACE_DELETED = "NETINTERFACE_DELETED"
    NETINTERFACE_PROPERTIES = "NETINTERFACE_PROPERTIES"
    NETINTERFACE_PRIVATE_PROPERTIES = "NETINTERFACE_PRIVATE_PROPERTIES"
    SHARED_VOLUME_STATE = "SHARED_VOLUME_STATE"
    SHARED_VOLUME_ADDED = "SHARED_VOLUME_ADDED"
    SHARED_VOLUME_REMOVED = "SHARED_VOLUME_REMOVED"
    QUORUM_STATE = "QUORUM_STATE"
    CLUSTER_PROPERTIES = "CLUSTER_PROPERTIES"
    CLUSTER_PRIVATE_PROPERTIES = "CLUSTER_PRIVATE_PROPERTIES"
    CLUSTER_MEMBERSHIP = "CLUSTER_MEMBERSHIP"
    CLUSTER_RENAME = "CLUSTER_RENAME"
    CLUSTER_RECONNECT = "CLUSTER_RECONNECT"
    CLUSTER_LOST_NOTIFICATIONS = "CLUSTER_LOST_NOTIFICATIONS"
    CLUSTER_STATE = "CLUSTER_STATE"
    #: an event whose object type and flag this table does not name (its payload is kept)
    OTHER = "OTHER"


K = EventKind

#: kind -> (CLUSTER_OBJECT_TYPE_*, CLUSTER_CHANGE_*_V2 flag)
V2_FILTERS: typing.Dict[EventKind, typing.Tuple[int, int]] = {
    K.NODE_STATE: (NODE, 0x10), K.NODE_ADDED: (CLUSTER, 0x20), K.NODE_DELETED: (NODE, 0x2),
    K.NODE_PROPERTIES: (NODE, 0x4),
    K.GROUP_STATE: (GROUP, 0x8), K.GROUP_OWNER_NODE: (GROUP, 0x10), K.GROUP_ADDED: (CLUSTER, 0x4),
    K.GROUP_DELETED: (GROUP, 0x1), K.GROUP_PROPERTIES: (GROUP, 0x2), K.GROUP_PREFERRED_OWNERS: (GROUP, 0x20),
    K.RESOURCE_STATE: (RESOURCE, 0x4), K.RESOURCE_ADDED: (GROUP, 0x40), K.RESOURCE_DELETED: (RESOURCE, 0x80),
    K.RESOURCE_OWNER_GROUP: (RESOURCE, 0x8), K.RESOURCE_PROPERTIES: (RESOURCE, 0x1),
    K.RESOURCE_DEPENDENCIES: (RESOURCE, 0x10), K.RESOURCE_TYPE_ADDED: (CLUSTER, 0x40),
    K.NETWORK_STATE: (NETWORK, 0x8), K.NETWORK_ADDED: (CLUSTER, 0x10), K.NETWORK_DELETED: (NETWORK, 0x1),
    K.NETINTERFACE_STATE: (NETWORK_INTERFACE, 0x8), K.NETINTERFACE_ADDED: (NODE, 0x1),
    K.NETINTERFACE_DELETED: (NETWORK_INTERFACE, 0x1),
    K.SHARED_VOLUME_STATE: (SHARED_VOLUME, 0x1), K.SHARED_VOLUME_ADDED: (SHARED_VOLUME, 0x2),
    K.SHARED_VOLUME_REMOVED: (SHARED_VOLUME, 0x4), K.QUORUM_STATE: (QUORUM, 0x1),
    K.CLUSTER_PROPERTIES: (CLUSTER, 0x80), K.CLUSTER_MEMBERSHIP: (CLUSTER, 0x800), K.CLUSTER_RENAME: (CLUSTER, 0x400),
    K.CLUSTER_RECONNECT: (CLUSTER, 0x1), K.CLUSTER_LOST_NOTIFICATIONS: (CLUSTER, 0x200),
    K.CLUSTER_STATE: (CLUSTER, 0x2),
    K.NODE_PRIVATE_PROPERTIES: (NODE, 0x8), K.GROUP_PRIVATE_PROPERTIES: (GROUP, 0x4),
    K.RESOURCE_PRIVATE_PROPERTIES: (RESOURCE, 0x2), K.NETWORK_PROPERTIES: (NETWORK, 0x2),
    K.NETWORK_PRIVATE_PROPERTIES: (NETWORK, 0x4), K.NETINTERFACE_PROPERTIES: (NETWORK_INTERFACE, 0x2),
    K.NETINTERFACE_PRIVATE_PROPERTIES: (NETWORK_INTERFACE, 0x4), K.CLUSTER_PRIVATE_PROPERTIES: (CLUSTER, 0x100),
}

#: kind -> CLUSTER_CHANGE_* (version 1); kinds version 1 lacks are not here.
#: Version 1 has no LOST_NOTIFICATIONS: a port reports that as CLUSTER_RECONNECT.  Its
#: CLUSTER_CHANGE_*_PROPERTY filters cover common and private properties alike: a version-1
#: port delivers both as the *_PROPERTIES kind (with no payload); the *_PRIVATE_PROPERTIES
#: kinds are version 2 only.
V1_FILTERS: typing.Dict[EventKind, int] = {
    K.NODE_STATE: 0x1, K.NODE_DELETED: 0x2, K.NODE_ADDED: 0x4, K.NODE_PROPERTIES: 0x8,
    K.RESOURCE_STATE: 0x100, K.RESOURCE_DELETED: 0x200, K.RESOURCE_ADDED: 0x400, K.RESOURCE_PROPERTIES: 0x800,
    K.GROUP_STATE: 0x1000, K.GROUP_DELETED: 0x2000, K.GROUP_ADDED: 0x4000, K.GROUP_PROPERTIES: 0x8000,
    K.CLUSTER_RECONNECT: 0x80000, K.NETWORK_STATE: 0x100000, K.NETWORK_DELETED: 0x200000,
    K.NETWORK_ADDED: 0x400000, K.NETINTERFACE_STATE: 0x1000000, K.NETINTERFACE_DELETED: 0x2000000,
    K.NETINTERFACE_ADDED: 0x4000000, K.QUORUM_STATE: 0x10000000, K.CLUSTER_STATE: 0x20000000,
    K.CLUSTER_PROPERTIES: 0x40000000, K.NETWORK_PROPERTIES: 0x800000, K.NETINTERFACE_PROPERTIES: 0x8000000,
}

_BY_V2 = {v: k for k, v in V2_FILTERS.items()}
_BY_V1 = {v: k for k, v in V1_FILTERS.items()}

#: the state enum of each kind whose payload (version 2) or read (version 1) is a state
STATE_ENUMS: typing.Dict[EventKind, typing.Type[enum.IntEnum]] = {
    K.NODE_STATE: NodeState, K.NODE_ADDED: NodeState, K.GROUP_STATE: GroupState,
    K.RESOURCE_STATE: ResourceState, K.NETWORK_STATE: NetworkState, K.NETINTERFACE_STATE: NetInterfaceState,
}


#: the kinds whose version-2 payload is a property list of the changed values
PROPERTY_KINDS = frozenset({
    K.NODE_PROPERTIES, K.NODE_PRIVATE_PROPERTIES, K.GROUP_PROPERTIES, K.GROUP_PRIVATE_PROPERTIES,
    K.RESOURCE_PROPERTIES, K.RESOURCE_PRIVATE_PROPERTIES, K.NETWORK_PROPERTIES, K.NETWORK_PRIVATE_PROPERTIES,
    K.NETINTERFACE_PROPERTIES, K.NETINTERFACE_PRIVATE_PROPERTIES, K.CLUSTER_PROPERTIES,
    K.CLUSTER_PRIVATE_PROPERTIES})


def kind_of_v2(object_type: int, flags: int) -> EventKind:
    return _BY_V2.get((object_type, flags), EventKind.OTHER)


def kind_of_v1(filter_type: int) -> EventKind:
    return _BY_V1.get(filter_type, EventKind.OTHER)


class ClusterEvent(typing.NamedTuple):
    """One change, as a notification port delivers it."""

    kind: EventKind
    name: str                               #: the object's name ("" where the event names none)
    id: str                                 #: the object's id (version 2; "" on version 1)
    parent_id: str                          #: a group's node, a resource's group (version 2; "" else)
    state: typing.Optional[typing.Union[enum.IntEnum, int]]   #: *_STATE kinds: the new state, else None
    owner_node: typing.Optional[str]        #: GROUP_OWNER_NODE: the new owner's name ("" if unknown)
    resource_type: typing.Optional[str]     #: resource events where delivered, else None
    payload: bytes                          #: the raw buffer

    def properties(self) -> typing.Optional[typing.Dict[str, typing.Any]]:
        """For a *_PROPERTIES / *_PRIVATE_PROPERTIES event: the changed values, decoded from
        the payload (a property list) with clusapi_py.properties.parse -- name -> value.
        None for other kinds and where the event carries no list (version 1).  A malformed
        list raises ValueError (the payload stays available as it came)."""
        if self.kind not in PROPERTY_KINDS or not self.payload:
            return None
        return {p.name: p.value for p in parse(self.payload)}
