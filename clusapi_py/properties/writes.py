"""Property writes: set_properties() of every object kind.

The flow: read the object's current list (its names, syntaxes, which are
read-only), check every value against it in Python (a wrong type is a
TypeError, a read-only or unknown name a ValueError: nothing is sent), build
one property list, have the cluster VALIDATE it, then SET it (unless
validate_only).  ERROR_RESOURCE_PROPERTIES_STORED (5024) is a success that
needs the resource's next online.
"""
from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping
from typing import Any

from .. import _bindings as bindings
from .. import _consts as consts
from ..records import SetResult
from .codec import Property, build, encode_value
from .controls import PROPERTY_CODES, read_property_list
from .syntax import INT_FORMATS, STRING_SYNTAXES, Syntax, syntax_text

__all__ = ["write_codes", "prepare", "set_properties", "PROPERTIES_STORED"]

lib = bindings.lib
PROPERTIES_STORED = int(consts.ERROR_RESOURCE_PROPERTIES_STORED)     # 5024

# The function numbers of the write codes (code = object << 24 | function << 2 | access,
# the write-access bit 0x00400000 on the SETs): the same for every object kind.
_SET_COMMON, _VALIDATE_COMMON = 0x0040005E, 0x00000061
_SET_PRIVATE, _VALIDATE_PRIVATE = 0x00400086, 0x00000089


def write_codes(kind: int, private: bool) -> tuple[int, int]:
    """(VALIDATE code, SET code) of a kind's common or private properties:
    CLUSCTL_<OBJ>_VALIDATE_/SET_COMMON_PROPERTIES or ..._PRIVATE_PROPERTIES."""
    obj = PROPERTY_CODES[kind][0] & 0xFF000000      # the kind's object number, from its GET code
    if private:
        return obj | _VALIDATE_PRIVATE, obj | _SET_PRIVATE
    return obj | _VALIDATE_COMMON, obj | _SET_COMMON


def _type_name(syntax: int) -> str:
    if syntax in INT_FORMATS:
        return "an int"
    if syntax in STRING_SYNTAXES:
        return "a str"
    if syntax == Syntax.MULTI_SZ:
        return "a list of str"
    if syntax == Syntax.FILETIME:
        return "an aware datetime"
    if syntax == Syntax.PROPERTY_LIST:
        return "a dict"
    return "bytes"


def _syntax_name(syntax: int) -> str:
    try:
        return Syntax(syntax).name
    except ValueError:
        return syntax_text(syntax)


def _fits(syntax: int, value: Any) -> bool:
    """Whether a Python value has the type a syntax takes (its range is encode_value's)."""
    if syntax in INT_FORMATS:
        return isinstance(value, int) and not isinstance(value, bool)
    if syntax in STRING_SYNTAXES:
        return isinstance(value, str)
    if syntax == Syntax.MULTI_SZ:
        return isinstance(value, (list, tuple)) and all(isinstance(s, str) for s in value)
    if syntax == Syntax.FILETIME:
        return isinstance(value, datetime.datetime)
    if syntax == Syntax.PROPERTY_LIST:
        return isinstance(value, Mapping)
    return isinstance(value, (bytes, bytearray, memoryview))


def _plain(syntax: int, value: Any) -> Any:
    """The value as the read side returns it (a list for a MULTI_SZ, bytes for binary)."""
    if syntax == Syntax.MULTI_SZ:
        return list(value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value


def prepare(current: list[Property], values: Mapping[str, Any], what: str,
            private: bool = False) -> tuple[list[Property], dict[str, tuple[Any, Any]]]:
    """The items to send and {name: (old, new)} of those that change, every value checked
    against the current list (names match case-insensitively; the current spelling is sent).
    TypeError for a wrong type, ValueError for a read-only or unknown name or a value out of
    range -- before anything is sent."""
    if not isinstance(values, Mapping):
        raise TypeError("%s: values must be a dict of name -> value, not %s" % (what, type(values).__name__))
    by_name = {p.name.lower(): p for p in current}
    kind_text = "private" if private else "common"
    items: list[Property] = []
    changed: dict[str, tuple[Any, Any]] = {}
    seen: set[str] = set()
    for name, value in values.items():
        if not isinstance(name, str) or not name or "\0" in name:
            raise ValueError("%s: a property name is a non-empty str without NUL, not %r" % (what, name))
        prop = by_name.get(name.lower())
        if prop is None:
            close = difflib.get_close_matches(name, [p.name for p in current if not p.read_only], 3)
            hint = " (did you mean %s?)" % ", ".join(close) if close else ""
            raise ValueError("%s has no %s property %r%s" % (what, kind_text, name, hint))
        if prop.read_only:
            raise ValueError("%s: the %s property %r is read-only" % (what, kind_text, prop.name))
        if prop.name.lower() in seen:
            raise ValueError("%s: property %r given twice" % (what, prop.name))
        seen.add(prop.name.lower())
        if not _fits(prop.syntax, value):
            raise TypeError("%s: property %r is %s (%s), not %s" % (
                what, prop.name, _type_name(prop.syntax), _syntax_name(prop.syntax), type(value).__name__))
        try:
            encode_value(prop.syntax, value)
        except (TypeError, ValueError) as e:
            raise type(e)("%s: property %r: %s" % (what, prop.name, e)) from None
        new = _plain(prop.syntax, value)
        items.append(Property(prop.name, new, prop.syntax))
        if new != prop.value:
            changed[prop.name] = (prop.value, new)
    return items, changed


def _control_in(token: int, code: int, data: bytes, what: str, name: "str | None") -> int:
    err = int(lib.cs_control_in(token, code, data, len(data)))
    if err not in (0, PROPERTIES_STORED):
        raise bindings.last_error(what, name)
    return err


def set_properties(token: int, kind: int, values: Mapping[str, Any], private: bool, validate_only: bool,
                   what: str, name: "str | None") -> SetResult:
    """Checks, validates, then sets (see the module's text); `what`/`name` for messages."""
    label = "%s %r" % (what, name) if name is not None else what
    if not isinstance(values, Mapping):
        raise TypeError("%s: values must be a dict of name -> value, not %s" % (label, type(values).__name__))
    if not values:
        return SetResult(False, False, {})
    current = read_property_list(token, kind, bool(private), what)
    items, changed = prepare(current, values, label, bool(private))
    data = build(items)
    validate, set_code = write_codes(kind, bool(private))
    _control_in(token, validate, data, what, name)
    if validate_only:
        return SetResult(False, False, changed)
    err = _control_in(token, set_code, data, what, name)
    return SetResult(True, err == PROPERTIES_STORED, changed)

