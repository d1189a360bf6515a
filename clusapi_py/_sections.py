"""Reading a sectioned result: the snapshot's (api/cs_snapshot.h), and any
later result laid out the same way.

Pure: no import of the extension.  Input: the three channels of a
cs_result (text fields, ints, bytes).  The ints start with a head -- the
format number and the number of sections -- and one header per section:
kind, rows, text fields per row, ints per row, bytes.  The sections' data
follow in the order of the headers, in each channel.

Output: {kind: Section}, each with its data as columns (text[k] is the k-th
text field of every row), cut by slicing, never row by row.  Kinds the
caller does not ask for are skipped (only their bounds are checked), so a
newer shim may add sections; a row may carry more columns than the caller
reads.  Malformed input raises ValueError saying what and where.
"""
from __future__ import annotations

import typing
from typing import Mapping, TypeVar

__all__ = ["FORMAT", "Section", "read_sections"]

FORMAT = 1                  # the layout below; CS_SNAPSHOT_FORMAT in the C header
HEAD_INTS = 2               # format, number of sections
HEADER_INTS = 5             # kind, rows, text fields per row, ints per row, bytes


class Section(typing.NamedTuple):
    kind: int
    rows: int
    text: list[list[str]]   # columns of text fields: text[k][row]
    ints: list[list[int]]   # columns of ints: ints[k][row]
    data: bytes


_T = TypeVar("_T")


def _columns(values: list[_T], start: int, rows: int, width: int) -> list[list[_T]]:
    if width == 1:
        return [values[start:start + rows]]
    end = start + rows * width
    return [values[start + k:end:width] for k in range(width)]


def read_sections(fields: list[str], ints: list[int], data: bytes = b"",
                  want: Mapping[int, tuple[int, int]] | None = None,
                  optional: Mapping[int, tuple[int, int]] | None = None) -> dict[int, Section]:
    """The sections of a result, by kind.

    want: None for every section; else {kind: (text fields, ints)} -- the
    sections to decode and the least number of columns of each that the
    caller reads.  A wanted kind that is missing or narrower raises
    ValueError, as does any count that overruns its channel, a channel with
    data left over after the last section, a kind given twice, or an
    unknown format number.

    optional: {kind: (text fields, ints)} of sections decoded when the
    result has them (checked for width like wanted ones) and simply absent
    from the answer when it does not.  With want=None every section is
    decoded anyway.
    """
    if len(ints) < HEAD_INTS:
        raise ValueError("sectioned result: %d ints, too few for the head (format, number of sections)" % len(ints))
    if ints[0] != FORMAT:
        raise ValueError("sectioned result: format %r at ints[0] is not one this reader knows (%d)"
                         % (ints[0], FORMAT))
    count = ints[1]
    table_end = HEAD_INTS + HEADER_INTS * count if count >= 0 else -1
    if count < 0 or table_end > len(ints):
        raise ValueError("sectioned result: %r sections at ints[1] need a table of %d ints, the result has %d"
                         % (count, max(table_end, 0), len(ints)))
    found: dict[int, Section] = {}
    seen: dict[int, int] = {}
    text_pos, int_pos, byte_pos = 0, table_end, 0
    for index in range(count):
        at = HEAD_INTS + HEADER_INTS * index
        kind, rows, width, int_width, n_bytes = ints[at:at + HEADER_INTS]
        where = "section %d (kind %r, header at ints[%d])" % (index, kind, at)
        if min(rows, width, int_width, n_bytes) < 0:
            raise ValueError("%s: negative count in %r" % (where, ints[at:at + HEADER_INTS]))
        if kind in seen:
            raise ValueError("%s: kind %r already given by section %d" % (where, kind, seen[kind]))
        seen[kind] = index
        text_end, int_end, byte_end = text_pos + rows * width, int_pos + rows * int_width, byte_pos + n_bytes
        if text_end > len(fields):
            raise ValueError("%s: %d rows of %d text fields from field %d overrun the %d fields"
                             % (where, rows, width, text_pos, len(fields)))
        if int_end > len(ints):
            raise ValueError("%s: %d rows of %d ints from ints[%d] overrun the %d ints"
                             % (where, rows, int_width, int_pos, len(ints)))
        if byte_end > len(data):
            raise ValueError("%s: %d bytes from byte %d overrun the %d bytes" % (where, n_bytes, byte_pos, len(data)))
        need = None if want is None else want.get(kind) or (optional.get(kind) if optional else None)
        if want is None or need is not None:
            if need is not None and (width < need[0] or int_width < need[1]):
                raise ValueError("%s: rows of %d text fields and %d ints, the reader needs at least %d and %d"
                                 % (where, width, int_width, need[0], need[1]))
            found[kind] = Section(kind, rows, _columns(fields, text_pos, rows, width),
                                  _columns(ints, int_pos, rows, int_width), bytes(data[byte_pos:byte_end]))
        text_pos, int_pos, byte_pos = text_end, int_end, byte_end
    for name, pos, total in (("text fields", text_pos, len(fields)), ("ints", int_pos, len(ints)),
                             ("bytes", byte_pos, len(data))):
        if pos != total:
            raise ValueError("sectioned result: %d %s left over after the last section (from %d)"
                             % (total - pos, name, pos))
    if want is not None:
        missing = sorted(set(want) - set(found))
        if missing:
            raise ValueError("sectioned result: no section of kind %s" % ", ".join(map(str, missing)))
    return found
