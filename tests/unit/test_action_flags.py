"""The flags of the actions' *Ex calls: IntFlags with the ClusApi.h values,
exported at the top level, and check_flags, which refuses before any call
what the server would refuse (and what is not a flag of the right type)."""
import enum

import pytest

import clusapi_py
from clusapi_py import enums
from clusapi_py.enums import (
    GroupMoveFlags, GroupOfflineFlags, GroupOnlineFlags, GroupStatusInformation, ResourceOfflineFlags,
    ResourceOnlineFlags, check_flags,
)

VALUES = {
    GroupOnlineFlags: {"IGNORE_RESOURCE_STATUS": 0x1, "SYNCHRONOUS": 0x2, "BEST_POSSIBLE_NODE": 0x4,
                       "IGNORE_AFFINITY_RULE": 0x8},
    GroupOfflineFlags: {"IGNORE_RESOURCE_STATUS": 0x1},
    GroupMoveFlags: {"IGNORE_RESOURCE_STATUS": 0x1, "RETURN_TO_SOURCE_NODE_ON_ERROR": 0x2, "QUEUE_ENABLED": 0x4,
                     "HIGH_PRIORITY_START": 0x8, "FAILBACK": 0x10, "IGNORE_AFFINITY_RULE": 0x20},
    ResourceOnlineFlags: {"IGNORE_RESOURCE_STATUS": 0x1, "DO_NOT_UPDATE_PERSISTENT_STATE": 0x2,
                          "NECESSARY_FOR_QUORUM": 0x4, "BEST_POSSIBLE_NODE": 0x8, "IGNORE_AFFINITY_RULE": 0x20},
    ResourceOfflineFlags: {"IGNORE_RESOURCE_STATUS": 0x1, "FORCE_WITH_TERMINATION": 0x2,
                           "DO_NOT_UPDATE_PERSISTENT_STATE": 0x4},
}


@pytest.mark.parametrize("cls", list(VALUES))
def test_flag_types_have_the_header_values_and_are_exported(cls):
    assert issubclass(cls, enum.IntFlag)
    assert {m.name: m.value for m in cls} == VALUES[cls]
    assert getattr(clusapi_py, cls.__name__) is cls
    assert cls.__name__ in clusapi_py.__all__
    assert cls(0) == 0 and not cls(0)


def test_group_status_information_bits():
    assert GroupStatusInformation.WAITING_IN_QUEUE_FOR_MOVE == 0x4
    assert GroupStatusInformation.LOCKED_MODE == 0x1
    assert GroupStatusInformation.WAITING_FOR_DEPENDENCIES == 0x1000


@pytest.mark.parametrize("cls", list(VALUES))
def test_check_flags_accepts_members_combinations_and_plain_ints(cls):
    everything = 0
    for member in cls:
        everything |= member.value
        assert check_flags(cls, member) is member
    if cls is GroupMoveFlags:
        everything &= ~GroupMoveFlags.IGNORE_RESOURCE_STATUS
    got = check_flags(cls, int(everything))
    assert type(got) is cls and int(got) == everything
    assert check_flags(cls, 0) == cls(0)


def test_ignore_resource_status_with_queue_enabled_is_refused_as_the_server_would():
    both = GroupMoveFlags.IGNORE_RESOURCE_STATUS | GroupMoveFlags.QUEUE_ENABLED
    for value in (both, int(both), both | GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR):
        with pytest.raises(ValueError, match="87"):
            check_flags(GroupMoveFlags, value)
    # each alone is fine, and the same bits mean something else on the other flag types
    check_flags(GroupMoveFlags, GroupMoveFlags.IGNORE_RESOURCE_STATUS)
    check_flags(GroupMoveFlags, GroupMoveFlags.QUEUE_ENABLED)
    check_flags(ResourceOnlineFlags, 0x5)


@pytest.mark.parametrize("cls, value", [
    (GroupOfflineFlags, 0x2), (GroupOnlineFlags, 0x10), (GroupMoveFlags, 0x40),
    (ResourceOnlineFlags, 0x10), (ResourceOfflineFlags, 0x10), (GroupMoveFlags, -1),
])
def test_unknown_bits_are_refused(cls, value):
    with pytest.raises(ValueError, match=cls.__name__):
        check_flags(cls, value)


@pytest.mark.parametrize("value", [True, "1", 1.0, None, GroupOnlineFlags.SYNCHRONOUS, enums.Access.GENERIC_READ])
def test_what_is_not_a_flag_of_the_type_is_a_type_error(value):
    with pytest.raises(TypeError):
        check_flags(GroupMoveFlags, value)
