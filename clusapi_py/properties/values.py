"""Property values between Python, JSON (the topology format) and syntaxes.

JSON forms: numbers, strings and lists of strings stand for themselves (an
int is a DWORD when it fits, else a (U)LARGE_INTEGER; a str an SZ; a list a
MULTI_SZ); `{"binary": "<hex>"}`, `{"filetime": "<ISO 8601>"}`, and
`{"syntax": <int>, "value": ...}` wherever the type must be explicit.
Pure: no extension.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from .codec import PropertyValue, encode_value, infer_syntax
from .syntax import INT_FORMATS, STRING_SYNTAXES, Syntax

__all__ = ["infer_syntax", "coerce", "to_json"]

JsonValue = Any


def _from_json(syntax: int, value: Any, what: str) -> PropertyValue:
    """A JSON value read as a value of that syntax."""
    if syntax == Syntax.FILETIME and isinstance(value, str):
        try:
            t = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("%s: %r is not an ISO 8601 time" % (what, value)) from None
        if t.tzinfo is None:
            raise ValueError("%s: %r has no time zone (write Z or +00:00)" % (what, value))
        return t.astimezone(datetime.timezone.utc)
    if (syntax not in INT_FORMATS and syntax not in STRING_SYNTAXES and syntax not in (
            Syntax.MULTI_SZ, Syntax.FILETIME, Syntax.PROPERTY_LIST) and isinstance(value, str)):
        try:
            return bytes.fromhex(value)
        except ValueError:
            raise ValueError("%s: %r is not hex" % (what, value)) from None
    if syntax == Syntax.PROPERTY_LIST and isinstance(value, Mapping):
        return {str(n): coerce(v, None, "%s.%s" % (what, n))[1] for n, v in value.items()}
    if isinstance(value, tuple):
        return list(value)
    return value  # type: ignore[no-any-return]


def coerce(value: Any, hint: int | None = None, what: str = "property") -> tuple[int, PropertyValue]:
    """(syntax, Python value) from a Python or JSON value; `hint`: the syntax the
    property already has (a plain value keeps it).  Raises TypeError/ValueError when
    the value cannot be encoded in that syntax."""
    if isinstance(value, Mapping) and ("syntax" in value or "binary" in value or "filetime" in value):
        if "binary" in value and len(value) == 1:
            syntax, raw = int(Syntax.BINARY), value["binary"]
        elif "filetime" in value and len(value) == 1:
            syntax, raw = int(Syntax.FILETIME), value["filetime"]
        elif set(value) == {"syntax", "value"}:
            syntax, raw = value["syntax"], value["value"]
            if isinstance(syntax, bool) or not isinstance(syntax, int):
                raise TypeError("%s: syntax must be an int" % what)
        else:
            raise ValueError("%s: a typed value is {\"binary\": hex}, {\"filetime\": iso} or "
                             "{\"syntax\": int, \"value\": ...}, not %r" % (what, dict(value)))
        if not isinstance(raw, (str, int, list, dict, bytes)):
            raise TypeError("%s: unsupported value %r" % (what, raw))
        result = _from_json(syntax, raw, what)
    else:
        syntax = hint if hint is not None else infer_syntax(value)
        result = _from_json(syntax, value, what)
    try:
        encode_value(syntax, result)        # fails now, before anything is changed
    except (TypeError, ValueError) as e:
        raise type(e)("%s: %s" % (what, e)) from None
    return int(syntax), result


def to_json(syntax: int, value: PropertyValue) -> JsonValue:
    """The JSON form of a value: plain where the syntax is the inferred one, typed otherwise."""
    if isinstance(value, datetime.datetime):
        iso = value.astimezone(datetime.timezone.utc).isoformat()
        return {"filetime": iso} if syntax == Syntax.FILETIME else {"syntax": syntax, "value": iso}
    if isinstance(value, (bytes, bytearray)):
        return {"binary": bytes(value).hex()} if syntax == Syntax.BINARY else {"syntax": syntax,
                                                                               "value": bytes(value).hex()}
    if isinstance(value, dict):
        return {"syntax": syntax, "value": {n: to_json(infer_syntax(v), v) for n, v in value.items()}}
    plain = list(value) if isinstance(value, list) else value
    try:
        if infer_syntax(value) == syntax:
            return plain
    except TypeError:
        pass
    return {"syntax": syntax, "value": plain}
