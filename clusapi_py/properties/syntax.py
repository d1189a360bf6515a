"""CLUSPROP syntax numbers (ClusApi.h: a syntax is `type << 16 | format`) and
what each one holds.  Pure: no extension, no package imports."""
from __future__ import annotations

import enum

__all__ = ["Syntax", "NAME", "ENDMARK", "INT_FORMATS", "STRING_SYNTAXES", "syntax_text"]

NAME = 0x00040003          # CLUSPROP_SYNTAX_NAME: the entry that starts a property
ENDMARK = 0x00000000       # CLUSPROP_SYNTAX_ENDMARK: ends a property's values


class Syntax(enum.IntEnum):
    """The value syntaxes of a property list (CLUSPROP_SYNTAX_LIST_VALUE_* and
    the storage ones that appear in value lists)."""

    BINARY = 0x00010001
    DWORD = 0x00010002
    SZ = 0x00010003
    EXPAND_SZ = 0x00010004
    MULTI_SZ = 0x00010005
    ULARGE_INTEGER = 0x00010006
    LONG = 0x00010007
    EXPANDED_SZ = 0x00010008
    SECURITY_DESCRIPTOR = 0x00010009
    LARGE_INTEGER = 0x0001000A
    WORD = 0x0001000B
    FILETIME = 0x0001000C
    PROPERTY_LIST = 0x0001000E
    DISK_SIZE = 0x000C0006
    PARTITION_INFO_EX = 0x000D0001
    PARTITION_INFO_EX2 = 0x000E0001


# syntax -> (struct format, byte count) of the integer syntaxes
INT_FORMATS: dict[int, tuple[str, int]] = {
    Syntax.DWORD: ("<I", 4),
    Syntax.LONG: ("<i", 4),
    Syntax.WORD: ("<H", 2),
    Syntax.ULARGE_INTEGER: ("<Q", 8),
    Syntax.LARGE_INTEGER: ("<q", 8),
}
STRING_SYNTAXES = frozenset((Syntax.SZ, Syntax.EXPAND_SZ, Syntax.EXPANDED_SZ))


def syntax_text(syntax: int) -> str:
    """A syntax number as text: eight hex digits for a DWORD (what a syntax
    is); a number no DWORD can be (negative, or over 32 bits) in decimal, as
    given, rather than as hex digits around a minus sign."""
    if 0 <= syntax <= 0xFFFFFFFF:
        return "0x%08X" % syntax
    return "%d" % syntax
