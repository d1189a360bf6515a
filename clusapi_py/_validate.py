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


def text_arg(text: object, what: str = "text", limit: "int | None" = None) -> str:
    """The one rule for every text the package sends to C (names, ids, version
    strings, devices): an exact str -- a subclass is converted first, so its
    own __len__ / __contains__ / __eq__ cannot hide what is sent -- with no
    NUL, valid UTF-16 (no lone surrogate) and at most `limit` UTF-16 units."""
    if type(text) is not str:
        if not isinstance(text, str):
            raise TypeError("%s must be a str, not %s" % (what, type(text).__name__))
        text = str.__str__(text)           # the characters themselves, as an exact str
    if "\0" in text:
        raise ValueError("%s must not contain NUL characters" % what)
    if limit is not None and utf16_len(text) > limit:
        raise ValueError("%s is longer than %d UTF-16 characters" % (what, limit))
    if not text.isascii():
        # A lone surrogate cannot be sent as UTF-16: refuse it rather than let
        # the conversion mangle it.
        try:
            text.encode("utf-16-le")
        except UnicodeEncodeError:
            raise ValueError("%s contains a lone surrogate, which is not valid UTF-16" % what) from None
    return text


def name_arg(name: object, what: str = "name") -> str:
    """A name as the shim takes it (text_arg's rule, not empty, at most
    MAX_NAME UTF-16 units); ValueError/TypeError before any backend call."""
    # The common case, without a call: an exact ASCII str (its length is its
    # UTF-16 length) that is not empty, has no NUL and is short enough.
    if type(name) is str and name.isascii() and 0 < len(name) <= MAX_NAME and "\0" not in name:
        return name
    text = text_arg(name, what, MAX_NAME)
    if not text:
        raise ValueError("%s must not be empty" % what)
    return text


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
