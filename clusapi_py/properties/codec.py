"""The one parser and builder of the CLUSPROP property-list format.

A list is a DWORD count, then per property a NAME entry (syntax, byte count
with the NUL, UTF-16 name, padding to 4), one value entry (syntax, byte
count, data, padding to 4) -- an EXPAND_SZ value may be followed by its
EXPANDED_SZ form -- and an ENDMARK (a zero DWORD).  Entries are only 4-byte
aligned, so 8-byte values are read with struct (never through an aligned
pointer).  Every malformed shape is a ValueError naming the offset.
"""
from __future__ import annotations

import datetime
import struct
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, Union

from .._wide import text_exact
from .syntax import ENDMARK, INT_FORMATS, NAME, STRING_SYNTAXES, Syntax, syntax_text

__all__ = ["Property", "PropertyValue", "parse", "build", "encode_value", "decode_value", "to_dict", "infer_syntax"]

PropertyValue = Union[int, str, list[str], bytes, datetime.datetime, dict[str, Any]]

_EPOCH = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)
_MAX_DEPTH = 8              # nested PROPERTY_LIST values
_MIN_PROPERTY = 24          # name entry (8 + 4) + value entry (8) + ENDMARK (4)
_U32 = struct.Struct("<I")
_HEAD = struct.Struct("<II")
# plain ints for the hot path (comparing with enum members costs attribute lookups)
_DWORD, _SZ, _ULARGE = int(Syntax.DWORD), int(Syntax.SZ), int(Syntax.ULARGE_INTEGER)
_EXPAND_SZ, _EXPANDED_SZ = int(Syntax.EXPAND_SZ), int(Syntax.EXPANDED_SZ)
_unpack_u32 = _U32.unpack_from
_unpack_head = _HEAD.unpack_from
_unpack_u64 = struct.Struct("<Q").unpack_from


class Property(NamedTuple):
    """One property: its name, decoded value, CLUSPROP syntax and whether it
    is read-only (parse() cannot tell: always False there)."""

    name: str
    value: PropertyValue
    syntax: int
    read_only: bool = False


def _pad4(n: int) -> int:
    return (n + 3) & ~3


def _text(raw: bytes, offset: int, what: str) -> str:
    return text_exact(raw, "%s at offset %d" % (what, offset))


def decode_value(syntax: int, raw: bytes, offset: int = 0, _depth: int = 0) -> PropertyValue:
    """The Python value of one entry's data (`offset`: where it was, for errors)."""
    fmt = INT_FORMATS.get(syntax)
    if fmt is not None:
        if len(raw) != fmt[1]:
            raise ValueError("value at offset %d: syntax %s needs %d bytes, has %d"
                             % (offset, syntax_text(syntax), fmt[1], len(raw)))
        return int(struct.unpack(fmt[0], raw)[0])
    if syntax in STRING_SYNTAXES:
        s = _text(raw, offset, "string value")
        return s[:-1] if s.endswith("\0") else s
    if syntax == Syntax.MULTI_SZ:
        s = _text(raw, offset, "MULTI_SZ value")
        out = []
        for part in s.split("\0"):
            if not part:
                break
            out.append(part)
        return out
    if syntax == Syntax.FILETIME:
        if len(raw) != 8:
            raise ValueError("FILETIME at offset %d: needs 8 bytes, has %d" % (offset, len(raw)))
        ticks = struct.unpack("<Q", raw)[0]
        try:
            return _EPOCH + datetime.timedelta(microseconds=ticks // 10)
        except OverflowError:
            raise ValueError("FILETIME at offset %d: %d is past year 9999" % (offset, ticks)) from None
    if syntax == Syntax.PROPERTY_LIST:
        if _depth >= _MAX_DEPTH:
            raise ValueError("property list at offset %d: nested deeper than %d" % (offset, _MAX_DEPTH))
        return to_dict(_parse(raw, offset, _depth + 1))
    return bytes(raw)


def parse(data: bytes | bytearray | memoryview) -> list[Property]:
    """Decodes a property list; ValueError (with the offset) when it is malformed."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("a property list is bytes, not %s" % type(data).__name__)
    return _parse(bytes(data), 0, 0)


def _parse(data: bytes, base: int, depth: int) -> list[Property]:
    size = len(data)
    if size < 4:
        raise ValueError("property list at offset %d: %d bytes, too short for its count" % (base, size))
    count = _U32.unpack_from(data, 0)[0]
    if count * _MIN_PROPERTY > size - 4:
        raise ValueError("property list at offset %d: count %d promises more properties than %d bytes can hold"
                         % (base, count, size))
    out: list[Property] = []
    append = out.append
    new = tuple.__new__
    pos = 4
    for index in range(count):
        if pos + 8 > size:
            raise ValueError("property %d at offset %d: truncated name entry" % (index, base + pos))
        syntax, cb = _unpack_head(data, pos)
        if syntax != NAME:
            raise ValueError("property %d at offset %d: expected a NAME entry (%s), found syntax %s"
                             % (index, base + pos, syntax_text(NAME), syntax_text(syntax)))
        start = pos + 8
        if cb > size - start:
            raise ValueError("name at offset %d: byte count %d overruns the buffer" % (base + pos, cb))
        name = _text(data[start:start + cb], base + pos, "name")
        if not name.endswith("\0"):
            raise ValueError("name at offset %d: not NUL-terminated" % (base + pos))
        name = name[:-1]
        pos = start + _pad4(cb)
        value: Any = None
        value_syntax = -1
        while True:
            if pos + 4 > size:
                raise ValueError("property %r at offset %d: truncated before its ENDMARK" % (name, base + pos))
            if pos + 8 > size:
                if _unpack_u32(data, pos)[0] == ENDMARK:
                    pos += 4
                    break
                raise ValueError("property %r at offset %d: truncated value entry" % (name, base + pos))
            syntax, cb = _unpack_head(data, pos)
            if syntax == ENDMARK:
                pos += 4
                break
            start = pos + 8
            if cb > size - start:
                raise ValueError("value of %r at offset %d: byte count %d overruns the buffer"
                                 % (name, base + pos, cb))
            # the common cases inline; everything else (and every malformed size) in decode_value
            if syntax == _DWORD and cb == 4:
                decoded: Any = _unpack_u32(data, start)[0]
            elif syntax == _SZ and cb % 2 == 0:
                decoded = data[start:start + cb].decode("utf-16-le", "surrogatepass")
                if decoded.endswith("\0"):
                    decoded = decoded[:-1]
            elif syntax == _ULARGE and cb == 8:
                decoded = _unpack_u64(data, start)[0]
            elif syntax == NAME:
                raise ValueError("property %r at offset %d: a NAME entry before its ENDMARK" % (name, base + pos))
            else:
                decoded = decode_value(syntax, data[start:start + cb], base + start, depth)
            if value_syntax == -1:
                value, value_syntax = decoded, syntax
            elif value_syntax == _EXPAND_SZ and syntax == _EXPANDED_SZ:
                value = decoded             # the expanded form wins; the syntax stays EXPAND_SZ
            else:
                raise ValueError("property %r at offset %d: a second value (syntax %s)"
                                 % (name, base + pos, syntax_text(syntax)))
            pos = start + _pad4(cb)
        if value_syntax == -1:
            raise ValueError("property %r at offset %d: no value" % (name, base + pos - 4))
        append(new(Property, (name, value, value_syntax, False)))
    return out


def to_dict(props: Iterable[Property]) -> dict[str, PropertyValue]:
    return {p.name: p.value for p in props}


# ---- building ----------------------------------------------------------------------------
def _utf16(s: str, what: str) -> bytes:
    if not isinstance(s, str):
        raise TypeError("%s must be str, not %s" % (what, type(s).__name__))
    if "\0" in s:
        raise ValueError("%s must not contain NUL: %r" % (what, s))
    return s.encode("utf-16-le", "surrogatepass")


def infer_syntax(value: object) -> int:
    """The syntax a plain Python value gets when none is given (and the values of
    a nested property list, which carries no syntax of its own): an int is a
    DWORD when it fits, else a ULARGE_INTEGER (LARGE_INTEGER when negative)."""
    if isinstance(value, bool):
        raise TypeError("bool is not a property value; use int")
    if isinstance(value, int):
        if 0 <= value <= 0xFFFFFFFF:
            return Syntax.DWORD
        return Syntax.ULARGE_INTEGER if value > 0 else Syntax.LARGE_INTEGER
    if isinstance(value, str):
        return Syntax.SZ
    if isinstance(value, (list, tuple)):
        return Syntax.MULTI_SZ
    if isinstance(value, (bytes, bytearray, memoryview)):
        return Syntax.BINARY
    if isinstance(value, datetime.datetime):
        return Syntax.FILETIME
    if isinstance(value, Mapping):
        return Syntax.PROPERTY_LIST
    raise TypeError("no property syntax for %s" % type(value).__name__)


def encode_value(syntax: int, value: Any, _depth: int = 0) -> bytes:
    """The data bytes of one value of that syntax (no entry header, no padding)."""
    syntax = int(syntax)
    fmt = INT_FORMATS.get(syntax)
    if fmt is not None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("syntax %s takes an int, not %s" % (syntax_text(syntax), type(value).__name__))
        try:
            return struct.pack(fmt[0], value)
        except struct.error:
            raise ValueError("%d is out of range for syntax %s" % (value, syntax_text(syntax))) from None
    if syntax in STRING_SYNTAXES:
        return _utf16(value, "a string value") + b"\0\0"
    if syntax == Syntax.MULTI_SZ:
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise TypeError("MULTI_SZ takes a list of str, not %s" % type(value).__name__)
        parts = []
        for s in value:
            if s == "":
                raise ValueError("a MULTI_SZ cannot hold an empty string (it would end the list)")
            parts.append(_utf16(s, "a MULTI_SZ string") + b"\0\0")
        return b"".join(parts) + (b"\0\0" if parts else b"\0\0\0\0")
    if syntax == Syntax.FILETIME:
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            raise TypeError("FILETIME takes an aware datetime")
        delta = value - _EPOCH
        ticks = (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10
        if ticks < 0:
            raise ValueError("FILETIME before 1601: %s" % value)
        return struct.pack("<Q", ticks)
    if syntax == Syntax.PROPERTY_LIST:
        if not isinstance(value, Mapping):
            raise TypeError("PROPERTY_LIST takes a dict, not %s" % type(value).__name__)
        if _depth >= _MAX_DEPTH:
            raise ValueError("property lists nested deeper than %d" % _MAX_DEPTH)
        return _build([(n, v, infer_syntax(v)) for n, v in value.items()], _depth + 1)
    if syntax in (ENDMARK, NAME) or syntax < 0 or syntax > 0xFFFFFFFF:
        raise ValueError("%s is not a value syntax" % syntax_text(syntax))
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError("syntax %s takes bytes, not %s" % (syntax_text(syntax), type(value).__name__))
    return bytes(value)


def _entry(syntax: int, data: bytes) -> bytes:
    return _HEAD.pack(syntax, len(data)) + data + b"\0" * (_pad4(len(data)) - len(data))


def build(items: Iterable[Property | tuple[str, Any, int]]) -> bytes:
    """A property list of (name, value, syntax) items or Property records;
    parse(build(x)) == x."""
    return _build(items, 0)


def _build(items: Iterable[Any], depth: int) -> bytes:
    chunks = []
    count = 0
    for item in items:
        if isinstance(item, Property):
            name, value, syntax = item.name, item.value, item.syntax
        else:
            try:
                name, value, syntax = item
            except (TypeError, ValueError):
                raise TypeError("a property is a Property or a (name, value, syntax) tuple, not %r"
                                % (item,)) from None
        if isinstance(syntax, bool) or not isinstance(syntax, int):
            raise TypeError("syntax must be an int, not %s" % type(syntax).__name__)
        chunks.append(_entry(NAME, _utf16(name, "a property name") + b"\0\0"))
        chunks.append(_entry(syntax, encode_value(syntax, value, depth)))
        chunks.append(b"\0\0\0\0")
        count += 1
    return _U32.pack(count) + b"".join(chunks)
