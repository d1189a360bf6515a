"""clusapi_py/kinds.py against the shim's table (core/cs_kinds.c, read through
api/cs_kinds.h): every object kind has one row in each, with the same id,
name, text, property codes and states; and the tables that used to list the
kinds themselves are views of it."""
import pytest

from clusapi_py import kinds, enums, errors
from clusapi_py._clusapi import ffi, lib
from clusapi_py.cli import props as cli_props
from clusapi_py.properties import controls
from clusapi_py.sim import props as sim_props
from clusapi_py.sim import scenario

FIELDS = ("NOT_FOUND", "ENUM_TYPE", "CLUSCTL_OBJECT", "COMMON_PROPERTIES", "RO_COMMON_PROPERTIES",
          "PRIVATE_PROPERTIES", "RO_PRIVATE_PROPERTIES", "GET_ID", "HAS_STATE", "STATE_MIN", "STATE_MAX")
# What the SDK documents (clusapi.h's CLUS_OBJECT_TYPE, winerror.h), written here on purpose
OBJECT_NUMBER = {"resource": 1, "group": 3, "node": 4, "network": 5, "netinterface": 6, "cluster": 7}
NOT_FOUND = {"cluster": 0, "node": 5042, "group": 5013, "resource": 5007, "network": 5045, "netinterface": 5047}


def c_row(kind_id):
    value = ffi.new("int64_t *")
    row = {}
    for field in FIELDS:
        assert lib.cs_kind_info(kind_id, getattr(lib, "CS_KIND_FIELD_" + field), value) == 1
        row[field] = value[0]
    return row


def c_text(fn, kind_id):
    p = fn(kind_id)
    return None if p == ffi.NULL else ffi.string(p).decode()


def test_the_fields_are_all_read():
    assert len(FIELDS) == lib.CS_KIND_FIELD_COUNT


def test_one_row_per_object_kind_in_each_language():
    c_kinds = [i for i in range(lib.CS_KIND_COUNT) if c_text(lib.cs_kind_name, i) is not None]
    assert c_kinds == [k.id for k in kinds.OBJECT_KINDS]
    assert [c_text(lib.cs_kind_name, k.id) for k in kinds.OBJECT_KINDS] == list(kinds.NAMES)
    assert [c_text(lib.cs_kind_text, k.id) for k in kinds.OBJECT_KINDS] == [k.text for k in kinds.OBJECT_KINDS]
    assert kinds.BY_ID == {k.id: k for k in kinds.OBJECT_KINDS}
    assert kinds.BY_NAME == {k.name: k for k in kinds.OBJECT_KINDS}


@pytest.mark.parametrize("kind_id", [lib.CS_KIND_ENUM, lib.CS_KIND_NOTIFY, -1, lib.CS_KIND_COUNT, 1000])
def test_other_kinds_have_no_row(kind_id):
    value = ffi.new("int64_t *", 12345)
    assert lib.cs_kind_info(kind_id, 0, value) == 0 and value[0] == 12345
    assert lib.cs_kind_name(kind_id) == ffi.NULL and lib.cs_kind_text(kind_id) == ffi.NULL


def test_an_unknown_field_is_refused():
    value = ffi.new("int64_t *", 7)
    assert lib.cs_kind_info(lib.CS_KIND_NODE, lib.CS_KIND_FIELD_COUNT, value) == 0
    assert lib.cs_kind_info(lib.CS_KIND_NODE, -1, value) == 0 and value[0] == 7


@pytest.mark.parametrize("kind", kinds.OBJECT_KINDS, ids=kinds.NAMES)
def test_the_c_row_agrees_with_the_python_row(kind):
    row = c_row(kind.id)
    assert (row["COMMON_PROPERTIES"], row["RO_COMMON_PROPERTIES"], row["PRIVATE_PROPERTIES"],
            row["RO_PRIVATE_PROPERTIES"]) == kind.property_codes
    assert row["CLUSCTL_OBJECT"] == OBJECT_NUMBER[kind.name]
    assert all(code >> 24 == OBJECT_NUMBER[kind.name] for code in kind.property_codes)
    assert row["NOT_FOUND"] == NOT_FOUND[kind.name]
    if kind.states is None:
        assert row["HAS_STATE"] == 0
    else:
        assert row["HAS_STATE"] == 1
        values = [m.value for m in kind.states]
        assert (row["STATE_MIN"], row["STATE_MAX"]) == (min(values), max(values))


def test_not_found_codes_are_the_object_not_found_errors():
    for kind in kinds.OBJECT_KINDS:
        code = c_row(kind.id)["NOT_FOUND"]
        if code:
            assert isinstance(errors.error_for(code, "x"), errors.ClusterObjectNotFoundError)


def test_enumeration_types_and_id_controls():
    enum_type = {"cluster": 0, "node": lib.CLUSTER_ENUM_NODE, "group": lib.CLUSTER_ENUM_GROUP,
                 "resource": lib.CLUSTER_ENUM_RESOURCE, "network": lib.CLUSTER_ENUM_NETWORK,
                 "netinterface": lib.CLUSTER_ENUM_NETINTERFACE}
    get_id = {"group": lib.CLUSCTL_GROUP_GET_ID, "resource": lib.CLUSCTL_RESOURCE_GET_ID}
    for kind in kinds.OBJECT_KINDS:
        row = c_row(kind.id)
        assert row["ENUM_TYPE"] == enum_type[kind.name]
        assert row["GET_ID"] == get_id.get(kind.name, 0)


def test_state_enums():
    assert [k.states for k in kinds.OBJECT_KINDS] == [None, enums.NodeState, enums.GroupState,
                                                      enums.ResourceState, enums.NetworkState,
                                                      enums.NetInterfaceState]
    assert kinds.NODE.state_table()[enums.NodeState.UP.value] is enums.NodeState.UP
    assert kinds.NODE.state_table()[1234] == 1234
    with pytest.raises(ValueError):
        kinds.CLUSTER.state_table()


def test_the_old_tables_are_views_of_it():
    assert controls.PROPERTY_CODES == {k.id: k.property_codes for k in kinds.OBJECT_KINDS}
    assert sim_props.KINDS == {k.name: k.id for k in kinds.OBJECT_KINDS}
    assert cli_props.KINDS == kinds.NAMES
    # sim.scenario is a pure module (below the extension): it keeps its own tuple, held equal here
    assert scenario._PROPERTY_KINDS == kinds.NAMES
    sections = {lib.CS_SECTION_GROUP_PROPERTIES: "group", lib.CS_SECTION_RESOURCE_PROPERTIES: "resource",
                lib.CS_SECTION_NODE_PROPERTIES: "node", lib.CS_SECTION_NETWORK_PROPERTIES: "network",
                lib.CS_SECTION_CLUSTER_PROPERTIES: "cluster"}
    assert {s: k.name for s, k in kinds.PROPERTY_SECTIONS.items()} == sections
    assert list(kinds.PROPERTY_SECTIONS) == sorted(sections)


def test_token_kind_names():
    assert len(kinds.TOKEN_KIND_NAMES) == lib.CS_KIND_COUNT
    assert kinds.TOKEN_KIND_NAMES[lib.CS_KIND_ENUM] == "enum"
    assert kinds.TOKEN_KIND_NAMES[lib.CS_KIND_NOTIFY] == "notify"
    assert kinds.TOKEN_KIND_NAMES[:len(kinds.OBJECT_KINDS)] == kinds.NAMES
