"""The property-list codec: every syntax, round trips, every malformed shape."""
import datetime
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusapi_py.properties import Property, Syntax, build, parse

UTC = datetime.timezone.utc
NAME = 0x00040003


def name_entry(name):
    raw = (name + "\0").encode("utf-16-le")
    return struct.pack("<II", NAME, len(raw)) + raw + b"\0" * (-len(raw) % 4)


def value_entry(syntax, data):
    return struct.pack("<II", syntax, len(data)) + data + b"\0" * (-len(data) % 4)


def one(name, syntax, data):
    return struct.pack("<I", 1) + name_entry(name) + value_entry(syntax, data) + b"\0\0\0\0"


@pytest.mark.parametrize("syntax,data,value", [
    (Syntax.DWORD, struct.pack("<I", 0xFFFFFFFF), 0xFFFFFFFF),
    (Syntax.LONG, struct.pack("<i", -7), -7),
    (Syntax.WORD, struct.pack("<H", 65535), 65535),
    (Syntax.ULARGE_INTEGER, struct.pack("<Q", 2**64 - 1), 2**64 - 1),
    (Syntax.LARGE_INTEGER, struct.pack("<q", -2**63), -2**63),
    (Syntax.SZ, "Cluster Name\0".encode("utf-16-le"), "Cluster Name"),
    (Syntax.EXPAND_SZ, "%SystemRoot%\0".encode("utf-16-le"), "%SystemRoot%"),
    (Syntax.EXPANDED_SZ, "C:\\Windows\0".encode("utf-16-le"), "C:\\Windows"),
    (Syntax.MULTI_SZ, "a\0bc\0\0".encode("utf-16-le"), ["a", "bc"]),
    (Syntax.MULTI_SZ, b"\0\0", []),
    (Syntax.BINARY, b"\x01\x02\x03", b"\x01\x02\x03"),
    (Syntax.SECURITY_DESCRIPTOR, b"\x01\x00\x04\x80", b"\x01\x00\x04\x80"),
    (Syntax.FILETIME, struct.pack("<Q", 133_000_000_000_000_000),
     datetime.datetime(1601, 1, 1, tzinfo=UTC) + datetime.timedelta(microseconds=13_300_000_000_000_000)),
    (Syntax.DISK_SIZE, struct.pack("<Q", 5), struct.pack("<Q", 5)),
    (0x00990001, b"xyz", b"xyz"),
])
def test_every_syntax_decodes(syntax, data, value):
    props = parse(one("P", syntax, data))
    assert props == [Property("P", value, syntax, False)]
    assert parse(build(props)) == props


def test_filetime_is_aware_utc():
    (p,) = parse(one("T", Syntax.FILETIME, struct.pack("<Q", 0)))
    assert p.value == datetime.datetime(1601, 1, 1, tzinfo=UTC) and p.value.tzinfo is not None


def test_nested_property_list_is_a_dict():
    inner = build([("X", 1, Syntax.DWORD), ("Y", "s", Syntax.SZ)])
    (p,) = parse(one("L", Syntax.PROPERTY_LIST, inner))
    assert p.value == {"X": 1, "Y": "s"}


def test_expanded_sz_after_expand_sz_wins():
    data = (struct.pack("<I", 1) + name_entry("Path") + value_entry(Syntax.EXPAND_SZ, "%X%\0".encode("utf-16-le"))
            + value_entry(Syntax.EXPANDED_SZ, "C:\\x\0".encode("utf-16-le")) + b"\0\0\0\0")
    assert parse(data) == [Property("Path", "C:\\x", Syntax.EXPAND_SZ, False)]


def test_eight_byte_values_at_offsets_4_mod_8():
    # name "AB" + NUL = 6 bytes -> padded 8: the value data starts at 4 + 16 + 8 = 28 (= 4 mod 8)
    data = one("AB", Syntax.ULARGE_INTEGER, struct.pack("<Q", 0x0102030405060708))
    assert (4 + 8 + 8 + 8) % 8 == 4
    assert parse(data)[0].value == 0x0102030405060708
    two = build([("A", 1, Syntax.DWORD), ("B", -2, Syntax.LARGE_INTEGER), ("C", 3, Syntax.ULARGE_INTEGER)])
    assert [p.value for p in parse(memoryview(two))] == [1, -2, 3]


def test_empty_list():
    assert parse(b"\0\0\0\0") == [] and build([]) == b"\0\0\0\0"


@pytest.mark.parametrize("data,words", [
    (b"", "too short"),
    (b"\x01\0\0", "too short"),
    (struct.pack("<I", 10**6) + b"\0" * 16, "promises more"),
    (struct.pack("<I", 2) + one("A", Syntax.DWORD, b"\0" * 4)[4:], "promises more"),
    (struct.pack("<II", 1, Syntax.DWORD) + b"\0" * 20, "expected a NAME"),
    (struct.pack("<III", 1, NAME, 1000) + b"\0" * 16, "overruns"),
    (struct.pack("<III", 1, NAME, 3) + b"A\0\0\0" + b"\0" * 16, "odd UTF-16"),
    (struct.pack("<III", 1, NAME, 2) + b"A\0\0\0" + value_entry(Syntax.DWORD, b"\0" * 4) + b"\0" * 4,
     "not NUL-terminated"),
    (one("A", Syntax.DWORD, b"\0" * 8), "needs 4 bytes"),
    (one("A", Syntax.ULARGE_INTEGER, b"\0" * 4), "needs 8 bytes"),
    (one("A", Syntax.SZ, b"abc"), "odd UTF-16"),
    (one("A", Syntax.FILETIME, b"\0" * 4), "FILETIME"),
    (one("A", Syntax.FILETIME, struct.pack("<Q", 2**63)), "year 9999"),
    (one("A", Syntax.DWORD, b"\0" * 4)[:-4] + b"\0\0", "truncated"),
    (one("A", Syntax.DWORD, b"\0" * 4)[:-4] + struct.pack("<I", Syntax.DWORD), "truncated value"),
    (struct.pack("<I", 1) + name_entry("A") + struct.pack("<II", Syntax.BINARY, 10**9) + b"\0" * 8, "overruns"),
    (struct.pack("<I", 1) + name_entry("A") + b"\0\0\0\0" + b"\0" * 12, "no value"),
    (one("A", Syntax.DWORD, b"\0" * 4)[:-4] + value_entry(Syntax.DWORD, b"\0" * 4) + b"\0" * 4, "second value"),
    (one("A", Syntax.DWORD, b"\0" * 4)[:-4] + name_entry("B") + b"\0" * 8, "NAME entry before"),
    (one("A", Syntax.PROPERTY_LIST, struct.pack("<I", 5)), "promises more"),
])
def test_malformed_raises_valueerror_with_offset(data, words):
    with pytest.raises(ValueError, match=words) as info:
        parse(data)
    assert "offset" in str(info.value)


def test_deep_nesting_is_refused():
    data = build([("Z", 1, Syntax.DWORD)])
    for _ in range(12):
        data = one("L", Syntax.PROPERTY_LIST, data)
    with pytest.raises(ValueError, match="nested deeper"):
        parse(data)


def test_every_truncation_is_a_valueerror():
    data = build([("A", 1, Syntax.DWORD), ("Name", "x" * 9, Syntax.SZ), ("M", ["p", "q"], Syntax.MULTI_SZ),
                  ("T", datetime.datetime(2020, 5, 5, tzinfo=UTC), Syntax.FILETIME)])
    for n in range(len(data)):
        with pytest.raises(ValueError):
            parse(data[:n])


def test_parse_rejects_non_bytes():
    with pytest.raises(TypeError):
        parse("text")  # type: ignore[arg-type]


@pytest.mark.parametrize("item,exc", [
    (("A", -1, Syntax.DWORD), ValueError),
    (("A", 2**32, Syntax.DWORD), ValueError),
    (("A", "1", Syntax.DWORD), TypeError),
    (("A", True, Syntax.DWORD), TypeError),
    (("A", "x\0y", Syntax.SZ), ValueError),
    (("A\0", 1, Syntax.DWORD), ValueError),
    (("A", ["a", ""], Syntax.MULTI_SZ), ValueError),
    (("A", "ab", Syntax.MULTI_SZ), TypeError),
    (("A", datetime.datetime(2020, 1, 1), Syntax.FILETIME), TypeError),
    (("A", 5, 0x00990001), TypeError),
    (("A", b"", 0), ValueError),
    (("A", b"", NAME), ValueError),
    ("junk", TypeError),
    (("A", 1, "DWORD"), TypeError),
])
def test_build_rejects_bad_items(item, exc):
    with pytest.raises(exc):
        build([item])


names = st.text(st.characters(blacklist_characters="\0"), min_size=0, max_size=12)
words = st.text(st.characters(blacklist_characters="\0"), min_size=1, max_size=8)
times = st.datetimes(min_value=datetime.datetime(1601, 1, 2), max_value=datetime.datetime(9999, 1, 1),
                     timezones=st.just(UTC))
scalar = st.one_of(
    st.tuples(st.just(Syntax.DWORD), st.integers(0, 2**32 - 1)),
    st.tuples(st.just(Syntax.LONG), st.integers(-2**31, 2**31 - 1)),
    st.tuples(st.just(Syntax.WORD), st.integers(0, 2**16 - 1)),
    st.tuples(st.just(Syntax.ULARGE_INTEGER), st.integers(0, 2**64 - 1)),
    st.tuples(st.just(Syntax.LARGE_INTEGER), st.integers(-2**63, 2**63 - 1)),
    st.tuples(st.sampled_from([Syntax.SZ, Syntax.EXPAND_SZ, Syntax.EXPANDED_SZ]), names),
    st.tuples(st.just(Syntax.MULTI_SZ), st.lists(words, max_size=4)),
    st.tuples(st.sampled_from([Syntax.BINARY, Syntax.SECURITY_DESCRIPTOR, Syntax.DISK_SIZE,
                               Syntax.PARTITION_INFO_EX]), st.binary(max_size=19)),
    st.tuples(st.just(Syntax.FILETIME), times),
)
nested = st.dictionaries(names, st.one_of(st.integers(-2**63, 2**64 - 1), names, st.lists(words, max_size=3),
                                          st.binary(max_size=9), times), max_size=4)
values = st.one_of(scalar, st.tuples(st.just(Syntax.PROPERTY_LIST), nested))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, values), max_size=8))
def test_round_trip(items):
    props = [Property(n, v, s, False) for n, (s, v) in items]
    data = build(props)
    assert len(data) % 4 == 0
    assert parse(data) == props


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_parse_or_valueerror(data):
    try:
        parse(data)
    except ValueError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, scalar), min_size=1, max_size=5), st.data())
def test_mutated_lists_parse_or_valueerror(items, data):
    raw = bytearray(build([Property(n, v, s) for n, (s, v) in items]))
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    try:
        parse(bytes(raw))
    except ValueError:
        pass


@pytest.mark.parametrize("syntax,text", [(-1, "-1"), (-0x10002, "-65538"), (2**32, "4294967296")])
def test_a_syntax_no_dword_can_be_is_named_as_given(syntax, text):
    """Not `0x-0000001`: a number that is not a DWORD is written in decimal."""
    from clusapi_py.cli.props import syntax_name
    for value in (b"", 5):
        with pytest.raises(ValueError) as err:
            build([("A", value, syntax)])
        assert str(err.value) == "%s is not a value syntax" % text
    assert syntax_name(syntax) == text
    assert syntax_name(0x00990001) == "0x00990001" and syntax_name(0x2) == "0x00000002"
    assert syntax_name(Syntax.DWORD) == "DWORD"
