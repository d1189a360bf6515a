"""cs_result's byte channel, end to end: the shim's result builder
(through the cs_testing_result hook) to _bindings.take_with_bytes."""
import pytest

from clusapi_py import _bindings as b
from clusapi_py._clusapi import ffi, lib


def build(fields, ints, data):
    packed = ffi.new("cs_char[]", "".join(f + "\0" for f in fields) + "\0")
    int_array = ffi.new("int64_t[]", ints) if ints else ffi.NULL
    byte_array = ffi.new("uint8_t[]", data) if data else ffi.NULL
    return b.call_result_with_bytes(lib.cs_testing_result, packed, len(fields), int_array, len(ints),
                                    byte_array, len(data))


@pytest.mark.parametrize("data", [b"", b"\x00", b"\x01\x00\xff", bytes(range(256)) * 40])
def test_bytes_come_back_whole(data):
    fields, ints, got = build(["a", "ü", ""], [1, -2, 2**40], data)
    assert got == data
    assert type(got) is bytes
    assert fields == ["a", "ü", ""] and ints == [1, -2, 2**40]


def test_a_result_without_bytes_gives_empty_bytes():
    assert build([], [], b"") == ([], [], b"")


def test_the_text_only_reader_still_reads_a_result_with_bytes():
    packed = ffi.new("cs_char[]", "x\0\0")
    out = ffi.new("cs_result **")
    assert lib.cs_testing_result(packed, 1, ffi.NULL, 0, ffi.new("uint8_t[]", b"abc"), 3, out) == 0
    assert b.take(out) == (["x"], [])       # frees the bytes too (the sanitizer run checks)
