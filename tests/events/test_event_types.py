"""EventKind's table is the SDK's: every number equals the value the
extension was compiled with (the SDK's clusapi.h or cs_clusapi_compat.h)."""
import pytest

from clusapi_py import ClusterEvent, EventKind
from clusapi_py._bindings import lib
from clusapi_py.events.types import V1_FILTERS, V2_FILTERS, kind_of_v1, kind_of_v2

CONTRACT = ["NODE_STATE", "NODE_ADDED", "NODE_DELETED", "GROUP_STATE", "GROUP_OWNER_NODE", "GROUP_ADDED",
            "GROUP_DELETED", "RESOURCE_STATE", "RESOURCE_ADDED", "RESOURCE_DELETED", "RESOURCE_OWNER_GROUP",
            "NETWORK_STATE", "NETINTERFACE_STATE", "SHARED_VOLUME_STATE", "NODE_PROPERTIES", "GROUP_PROPERTIES",
            "RESOURCE_PROPERTIES", "CLUSTER_PROPERTIES", "CLUSTER_MEMBERSHIP", "CLUSTER_RECONNECT",
            "CLUSTER_LOST_NOTIFICATIONS", "CLUSTER_STATE"]

V2_NAMES = {
    "NODE_STATE": ("NODE", "NODE_STATE_V2"), "NODE_ADDED": ("CLUSTER", "CLUSTER_NODE_ADDED_V2"),
    "NODE_DELETED": ("NODE", "NODE_DELETED_V2"), "NODE_PROPERTIES": ("NODE", "NODE_COMMON_PROPERTY_V2"),
    "GROUP_STATE": ("GROUP", "GROUP_STATE_V2"), "GROUP_OWNER_NODE": ("GROUP", "GROUP_OWNER_NODE_V2"),
    "GROUP_ADDED": ("CLUSTER", "CLUSTER_GROUP_ADDED_V2"), "GROUP_DELETED": ("GROUP", "GROUP_DELETED_V2"),
    "GROUP_PROPERTIES": ("GROUP", "GROUP_COMMON_PROPERTY_V2"),
    "GROUP_PREFERRED_OWNERS": ("GROUP", "GROUP_PREFERRED_OWNERS_V2"),
    "RESOURCE_STATE": ("RESOURCE", "RESOURCE_STATE_V2"), "RESOURCE_ADDED": ("GROUP", "GROUP_RESOURCE_ADDED_V2"),
    "RESOURCE_DELETED": ("RESOURCE", "RESOURCE_DELETED_V2"),
    "RESOURCE_OWNER_GROUP": ("RESOURCE", "RESOURCE_OWNER_GROUP_V2"),
    "RESOURCE_PROPERTIES": ("RESOURCE", "RESOURCE_COMMON_PROPERTY_V2"),
    "RESOURCE_DEPENDENCIES": ("RESOURCE", "RESOURCE_DEPENDENCIES_V2"),
    "RESOURCE_TYPE_ADDED": ("CLUSTER", "CLUSTER_RESOURCE_TYPE_ADDED_V2"),
    "NETWORK_STATE": ("NETWORK", "NETWORK_STATE_V2"), "NETWORK_ADDED": ("CLUSTER", "CLUSTER_NETWORK_ADDED_V2"),
    "NETWORK_DELETED": ("NETWORK", "NETWORK_DELETED_V2"),
    "NETINTERFACE_STATE": ("NETWORK_INTERFACE", "NETINTERFACE_STATE_V2"),
    "NETINTERFACE_ADDED": ("NODE", "NODE_NETINTERFACE_ADDED_V2"),
    "NETINTERFACE_DELETED": ("NETWORK_INTERFACE", "NETINTERFACE_DELETED_V2"),
    "SHARED_VOLUME_STATE": ("SHARED_VOLUME", "SHARED_VOLUME_STATE_V2"),
    "SHARED_VOLUME_ADDED": ("SHARED_VOLUME", "SHARED_VOLUME_ADDED_V2"),
    "SHARED_VOLUME_REMOVED": ("SHARED_VOLUME", "SHARED_VOLUME_REMOVED_V2"),
    "QUORUM_STATE": ("QUORUM", "QUORUM_STATE_V2"),
    "CLUSTER_PROPERTIES": ("CLUSTER", "CLUSTER_COMMON_PROPERTY_V2"),
    "CLUSTER_MEMBERSHIP": ("CLUSTER", "CLUSTER_MEMBERSHIP_V2"), "CLUSTER_RENAME": ("CLUSTER", "CLUSTER_RENAME_V2"),
    "CLUSTER_RECONNECT": ("CLUSTER", "CLUSTER_RECONNECT_V2"),
    "CLUSTER_LOST_NOTIFICATIONS": ("CLUSTER", "CLUSTER_LOST_NOTIFICATIONS_V2"),
    "CLUSTER_STATE": ("CLUSTER", "CLUSTER_STATE_V2"),
}
V1_NAMES = {"NODE_PROPERTIES": "NODE_PROPERTY", "RESOURCE_PROPERTIES": "RESOURCE_PROPERTY",
            "GROUP_PROPERTIES": "GROUP_PROPERTY", "CLUSTER_PROPERTIES": "CLUSTER_PROPERTY"}


def test_the_contract_kinds_exist():
    for name in CONTRACT:
        assert EventKind[name].name == name


def test_cluster_event_fields():
    assert ClusterEvent._fields == ("kind", "name", "id", "parent_id", "state", "owner_node", "resource_type",
                                    "payload")


@pytest.mark.parametrize("kind", sorted(V2_FILTERS, key=lambda k: k.name), ids=lambda k: k.name)
def test_version_2_numbers_are_the_sdks(kind):
    object_type, flag = V2_NAMES[kind.name]
    assert V2_FILTERS[kind] == (getattr(lib, "CLUSTER_OBJECT_TYPE_" + object_type),
                                getattr(lib, "CLUSTER_CHANGE_" + flag))
    assert kind_of_v2(*V2_FILTERS[kind]) is kind


@pytest.mark.parametrize("kind", sorted(V1_FILTERS, key=lambda k: k.name), ids=lambda k: k.name)
def test_version_1_numbers_are_the_sdks(kind):
    assert V1_FILTERS[kind] == getattr(lib, "CLUSTER_CHANGE_" + V1_NAMES.get(kind.name, kind.name))
    assert kind_of_v1(V1_FILTERS[kind]) is kind


def test_every_kind_but_other_has_a_version_2_filter():
    assert set(V2_FILTERS) == set(EventKind) - {EventKind.OTHER}
    assert kind_of_v2(3, 0x100) is EventKind.OTHER       # RESOURCE DLL_UPGRADED: not one of ours
    assert kind_of_v1(0x10) is EventKind.OTHER
