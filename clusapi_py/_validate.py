"""Argument checks shared by the handles and the simulator: a bad name or
access mask is a TypeError / ValueError before any backend call.  Pure: no
extension, no backend.
"""
from __future__ import annotations

from .enums import ACCESS_MASK

MAX_NAME = 255  # UTF-16 code units, as Windows counts them


def utf16_len(text: str) -> int:
    """len(text) in UTF-16 code units (an astral character counts two)."""
    n = len(text)
    if not text.isascii():
        n += sum(1 for ch in text if ord(ch) > 0xFFFF)
    return n


def name_arg(name: object, what: str = "name") -> str:
    """A name as the shim takes it; ValueError/TypeError before any backend call."""
    if not isinstance(name, str):
        raise TypeError("%s must be a str, not %s" % (what, type(name).__name__))
    if not name:
        raise ValueError("%s must not be empty" % what)
    if "\0" in name:
        raise ValueError("%s must not contain NUL characters" % what)
    if utf16_len(name) > MAX_NAME:
        raise ValueError("%s is longer than %d UTF-16 characters" % (what, MAX_NAME))
    if not name.isascii():
        # A lone surrogate cannot be sent as UTF-16: refuse it rather than let
        # the conversion mangle it.
        try:
            name.encode("utf-16-le")
        except UnicodeEncodeError:
            raise ValueError("%s contains a lone surrogate, which is not valid UTF-16" % what) from None
    return name


def access_arg(access: object) -> int:
    """An access mask as the shim takes it (an int); TypeError/ValueError before any backend call."""
    if isinstance(access, bool) or not isinstance(access, int):
        raise TypeError("access must be an Access flag or an int, not %s" % type(access).__name__)
    value = int(access)
    if value == 0:
        raise ValueError("access must not be 0: ask for GENERIC_READ, GENERIC_ALL or MAXIMUM_ALLOWED")
    if value < 0 or value & ~ACCESS_MASK:
        raise ValueError("access %#x has bits other than GENERIC_READ, GENERIC_ALL and MAXIMUM_ALLOWED" % value)
    return value
