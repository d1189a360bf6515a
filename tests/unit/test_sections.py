"""The sectioned-result reader (clusapi_py/_sections.py) and the snapshot
decoded on top of it: unknown sections and extra columns are skipped, and
every malformed shape is a ValueError saying what is wrong."""
import pytest

import clusapi_py
from clusapi_py import _bindings as b
from clusapi_py._clusapi import lib
from clusapi_py._sections import FORMAT, read_sections
from clusapi_py.snapshot import Snapshot


def encode(sections, fmt=FORMAT):
    """(fields, ints, data) for a list of (kind, text rows, int rows, data) -- the
    layout of api/cs_snapshot.h, written independently of the C encoder."""
    ints = [fmt, len(sections)]
    fields, values, data = [], [], b""
    for kind, text_rows, int_rows, blob in sections:
        rows = max(len(text_rows), len(int_rows))
        width = len(text_rows[0]) if text_rows else 0
        int_width = len(int_rows[0]) if int_rows else 0
        ints += [kind, rows, width, int_width, len(blob)]
        for row in text_rows:
            fields += row
        for row in int_rows:
            values += row
        data += blob
    return fields, ints + values, data


def decode_all(fields, ints, data=b""):
    """The inverse of encode, through the reader: [(kind, text rows, int rows, data)]."""
    out = []
    for kind, section in read_sections(fields, ints, data).items():
        text_rows = [list(r) for r in zip(*section.text)]
        int_rows = [list(r) for r in zip(*section.ints)]
        out.append((kind, text_rows, int_rows, section.data))
    return out


SAMPLE = [
    (1, [["a", "b"], ["c", "d"]], [[1], [2]], b""),
    (7, [["x"]], [[5, 6]], b"\x00\x01"),
    (3, [], [], b""),
]


def test_columns_are_cut_by_kind():
    fields, ints, data = encode(SAMPLE)
    sections = read_sections(fields, ints, data)
    assert sections[1].rows == 2 and sections[1].text == [["a", "c"], ["b", "d"]] and sections[1].ints == [[1, 2]]
    assert sections[7].text == [["x"]] and sections[7].ints == [[5], [6]] and sections[7].data == b"\x00\x01"
    assert sections[3].rows == 0 and sections[3].text == [] and sections[3].ints == []


def test_unknown_kinds_are_skipped_and_wider_rows_read_by_their_first_columns():
    fields, ints, data = encode([(99, [["?", "?"]], [[9]], b"zz")] + SAMPLE)
    sections = read_sections(fields, ints, data, want={1: (1, 1), 3: (0, 0)})
    assert set(sections) == {1, 3}
    assert sections[1].text[0] == ["a", "c"]


@pytest.fixture
def raw_snapshot(s):
    with clusapi_py.open_cluster(backend=s) as c:
        fields, ints = b.call_result(lib.cs_snapshot, c._tok(), what="cluster")
    return fields, ints


def test_the_c_encoder_and_this_one_agree(raw_snapshot):
    fields, ints = raw_snapshot
    assert encode(decode_all(fields, ints)) == (fields, ints, b"")
    kinds = [kind for kind, *_ in decode_all(fields, ints)]
    assert kinds == [lib.CS_SECTION_CLUSTER, lib.CS_SECTION_QUORUM, lib.CS_SECTION_NODES, lib.CS_SECTION_GROUPS,
                     lib.CS_SECTION_RESOURCES, lib.CS_SECTION_NETWORKS, lib.CS_SECTION_NETINTERFACES,
                     lib.CS_SECTION_RESOURCE_TYPES]
    assert ints[0] == lib.CS_SNAPSHOT_FORMAT == FORMAT


def test_a_snapshot_with_an_unknown_extra_section_decodes_the_same(raw_snapshot):
    fields, ints = raw_snapshot
    sections = decode_all(fields, ints)
    expected = Snapshot._from_shim(fields, ints)
    assert expected.nodes and expected.groups and expected.resources
    extra = (1000, [["new", "section"], ["two", "rows"]], [[7, 8], [9, 10]], b"")
    for at in (0, 3, len(sections)):
        f2, i2, _ = encode(sections[:at] + [extra] + sections[at:])
        assert Snapshot._from_shim(f2, i2) == expected, at


def test_a_snapshot_with_extra_columns_decodes_the_same(raw_snapshot):
    fields, ints = raw_snapshot
    expected = Snapshot._from_shim(fields, ints)
    wider = [(kind, [r + ["more"] for r in text], [r + [0] for r in values] if values else [], blob)
             for kind, text, values, blob in decode_all(fields, ints)]
    f2, i2, _ = encode(wider)
    assert Snapshot._from_shim(f2, i2) == expected


def test_a_snapshot_missing_a_section_is_refused(raw_snapshot):
    fields, ints = raw_snapshot
    sections = [s for s in decode_all(fields, ints) if s[0] != lib.CS_SECTION_GROUPS]
    with pytest.raises(ValueError, match="no section of kind %d" % lib.CS_SECTION_GROUPS):
        Snapshot._from_shim(*encode(sections)[:2])


def test_a_snapshot_with_two_cluster_rows_is_refused(raw_snapshot):
    fields, ints = raw_snapshot
    sections = decode_all(fields, ints)
    kind, text, values, blob = sections[0]
    sections[0] = (kind, text * 2, values * 2, blob)
    with pytest.raises(ValueError, match="2 cluster rows"):
        Snapshot._from_shim(*encode(sections)[:2])


def malformed():
    fields, ints, data = encode(SAMPLE)
    yield "no head", ([], [], b""), "too few for the head"
    yield "head cut short", ([], [FORMAT], b""), "too few for the head"
    yield "unknown format", (fields, [FORMAT + 1] + ints[1:], data), "format 2 at ints\\[0\\]"
    yield "negative section count", (fields, [FORMAT, -1] + ints[2:], data), "-1 sections"
    yield "table overruns", (fields, [FORMAT, 10_000] + ints[2:], data), "10000 sections"
    negative = list(ints)
    negative[3] = -2
    yield "negative rows", (fields, negative, data), "section 0 .*negative count"
    yield "text overrun", (fields[:-1], ints, data), "section 1 .*overrun the 4 fields"
    yield "ints overrun", (fields, ints[:-1], data), "section 1 .*overrun the %d ints" % (len(ints) - 1)
    yield "bytes overrun", (fields, ints, data[:1]), "section 1 .*2 bytes from byte 0 overrun the 1 bytes"
    yield "text left over", (fields + ["extra"], ints, data), "1 text fields left over"
    yield "ints left over", (fields, ints + [0], data), "1 ints left over"
    yield "bytes left over", (fields, ints, data + b"!"), "1 bytes left over"
    twice = list(ints)
    twice[2 + 5 * 2] = 1
    yield "kind twice", (fields, twice, data), "section 2 \\(kind 1.*already given by section 0"


@pytest.mark.parametrize("what, channels, message", list(malformed()), ids=[m[0] for m in malformed()])
def test_malformed_results_raise_value_error(what, channels, message):
    with pytest.raises(ValueError, match=message):
        read_sections(*channels)


def test_a_wanted_kind_narrower_than_needed_is_refused():
    fields, ints, data = encode(SAMPLE)
    with pytest.raises(ValueError, match="section 0 .*rows of 2 text fields and 1 ints, the reader needs at least 3"):
        read_sections(fields, ints, data, want={1: (3, 1)})


def test_a_wanted_kind_that_is_absent_is_refused():
    fields, ints, data = encode(SAMPLE)
    with pytest.raises(ValueError, match="no section of kind 42"):
        read_sections(fields, ints, data, want={1: (2, 1), 42: (0, 0)})


def test_an_optional_kind_is_read_when_present_and_left_out_when_absent():
    fields, ints, data = encode(SAMPLE)
    sections = read_sections(fields, ints, data, want={1: (2, 1)}, optional={7: (1, 2), 42: (5, 5)})
    assert set(sections) == {1, 7}
    assert sections[7].ints == [[5], [6]] and sections[7].data == b"\x00\x01"


def test_an_optional_kind_narrower_than_needed_is_refused():
    fields, ints, data = encode(SAMPLE)
    with pytest.raises(ValueError, match="section 1 .*rows of 1 text fields and 2 ints, the reader needs at least 1 and 3"):
        read_sections(fields, ints, data, want={1: (2, 1)}, optional={7: (1, 3)})


def test_a_kind_both_wanted_and_optional_is_wanted():
    fields, ints, data = encode(SAMPLE)
    with pytest.raises(ValueError, match="no section of kind 42"):
        read_sections(fields, ints, data, want={42: (0, 0)}, optional={42: (0, 0)})
