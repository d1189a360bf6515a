"""The named constants the extension exports (api/cs_constants.h): every
listed name reaches `lib`, with the value the C headers give it, and the
values the package writes down itself agree with them."""
import os
import re

import pytest

import clusapi_py
from clusapi_py import enums, errors
from clusapi_py._clusapi import lib

HEADER = os.path.join(os.path.dirname(clusapi_py.__file__), "_native", "api", "cs_constants.h")


def listed_names():
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    text = text[text.index("CDEF-BEGIN"):text.index("CDEF-END")]
    return re.findall(r"\bX\((\w+)\)", text)


def test_every_listed_constant_is_exported():
    names = listed_names()
    assert len(names) > 50
    assert len(set(names)) == len(names), "a name is listed twice"
    missing = [n for n in names if not isinstance(getattr(lib, n, None), int)]
    assert missing == []


@pytest.mark.parametrize("name, value", [
    ("CLUSTER_ENUM_NODE", 0x1), ("CLUSTER_ENUM_RESTYPE", 0x2), ("CLUSTER_ENUM_RESOURCE", 0x4),
    ("CLUSTER_ENUM_GROUP", 0x8), ("CLUSTER_ENUM_NETWORK", 0x10), ("CLUSTER_ENUM_NETINTERFACE", 0x20),
    ("CLUSTER_NODE_ENUM_NETINTERFACES", 0x1), ("CLUSTER_NODE_ENUM_GROUPS", 0x2),
    ("CLUSTER_GROUP_ENUM_CONTAINS", 0x1), ("CLUSTER_GROUP_ENUM_NODES", 0x2),
    ("CLUSTER_RESOURCE_ENUM_DEPENDS", 0x1), ("CLUSTER_RESOURCE_ENUM_PROVIDES", 0x2),
    ("CLUSTER_RESOURCE_ENUM_NODES", 0x4), ("CLUSTER_NETWORK_ENUM_NETINTERFACES", 0x1),
    ("CLUSCTL_RESOURCE_GET_ID", 0x01000039), ("CLUSCTL_GROUP_GET_ID", 0x03000039),
    ("ERROR_INVALID_PARAMETER", 87), ("ERROR_BUSY", 170), ("ERROR_ALREADY_EXISTS", 183),
    ("ERROR_GEN_FAILURE", 31), ("ERROR_MOD_NOT_FOUND", 126),
])
def test_documented_values(name, value):
    assert getattr(lib, name) == value


def test_access_flags_match_the_headers():
    for member in enums.Access:
        assert getattr(lib, member.name) == member.value


def c_state_name(prefix, member):
    """NodeState.UP -> ClusterNodeUp, NodeState.UNKNOWN -> ClusterNodeStateUnknown (the SDK's names)."""
    if member.name == "UNKNOWN":
        return prefix + "StateUnknown"
    return prefix + "".join(word.capitalize() for word in member.name.split("_"))


@pytest.mark.parametrize("enum_cls, prefix", [
    (enums.NodeState, "ClusterNode"), (enums.GroupState, "ClusterGroup"),
    (enums.ResourceState, "ClusterResource"), (enums.NetworkState, "ClusterNetwork"),
    (enums.NetInterfaceState, "ClusterNetInterface"),
])
def test_state_enums_match_the_headers(enum_cls, prefix):
    for member in enum_cls:
        assert getattr(lib, c_state_name(prefix, member)) == member.value, member


def test_every_error_code_the_package_describes_is_exported():
    exported = {getattr(lib, n) for n in listed_names() if n.startswith(("ERROR_", "RPC_S_", "EPT_S_", "WAIT_"))}
    assert set(errors.MESSAGES) - exported == set()
