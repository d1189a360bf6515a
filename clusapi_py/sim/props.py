"""The simulator's properties from Python: setting values (set_properties,
topology `properties` / `private_properties`), the cluster's version, and
reading the lists its control codes return (for tests).

Each function takes the control library it calls (`ctl`): the extension's
`lib` for the in-process simulator, or the simulated clusapi.dll's exports
of the same functions (tests/windows/simdll/dll_cluster.py)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _bindings as b
from .. import _consts as k
from .. import kinds
from ..properties.codec import Property, encode_value, parse
from ..properties.values import coerce

ffi = b.ffi

__all__ = ["KINDS", "read_properties", "set_properties", "set_version"]

KINDS = {k.name: k.id for k in kinds.OBJECT_KINDS}     # name -> the shim's id
_RO, _PRIVATE = 1, 2
_MORE_DATA = k.ERROR_MORE_DATA


def kind_arg(kind: str) -> int:
    try:
        return int(KINDS[kind])
    except (KeyError, TypeError):
        raise ValueError("kind must be one of %s, not %r" % (", ".join(KINDS), kind)) from None


def _object_arg(kind: int, name: str | None) -> Any:
    if kind == kinds.CLUSTER.id:
        return ffi.NULL
    if not isinstance(name, str) or not name or "\0" in name:
        raise ValueError("an object name (non-empty str without NUL) is required, not %r" % (name,))
    return name


def _list_bytes(ctl: Any, sim_id: int, k: int, obj: Any, flags: int, check: Any, what: str) -> bytes:
    """The property list's bytes, into a buffer of ours (grown once if the list grew meanwhile)."""
    needed = ffi.new("size_t *")
    size = 4096
    for _ in range(3):
        buf = ffi.new("uint8_t[]", size)
        code: int = ctl.cs_sim_properties(sim_id, k, obj, flags, buf, size, needed)
        if code != _MORE_DATA:
            check(code, what)
            return ffi.buffer(buf, needed[0])[:]
        size = needed[0]
    check(code, what)
    raise AssertionError("unreachable: check() raises on ERROR_MORE_DATA")


def read_properties(ctl: Any, sim_id: int, kind: str, name: str | None, private: bool,
                    check: Any) -> list[Property]:
    """What the simulator's control codes return for that object: read-write then read-only."""
    k = kind_arg(kind)
    obj = _object_arg(k, name)
    out: list[Property] = []
    for ro in (False, True):
        flags = (_RO if ro else 0) | (_PRIVATE if private else 0)
        data = _list_bytes(ctl, sim_id, k, obj, flags, check, "properties of %s %r" % (kind, name))
        out.extend(p._replace(read_only=ro) for p in parse(data))
    return out


def set_properties(ctl: Any, sim_id: int, kind: str, name: str | None, values: Mapping[str, Any], private: bool,
                   check: Any) -> None:
    """Sets each value; all are converted (and refused) before any is set."""
    if not isinstance(values, Mapping):
        raise TypeError("properties must be a dict of name -> value, not %s" % type(values).__name__)
    k = kind_arg(kind)
    obj = _object_arg(k, name)
    current = {p.name.lower(): p.syntax for p in read_properties(ctl, sim_id, kind, name, private, check)}
    prepared = []
    for prop, value in values.items():
        if not isinstance(prop, str) or not prop or "\0" in prop:
            raise ValueError("a property name is a non-empty str without NUL, not %r" % (prop,))
        syntax, py = coerce(value, current.get(prop.lower()), "property %r" % prop)
        prepared.append((prop, syntax, encode_value(syntax, py)))
    for prop, syntax, data in prepared:
        check(ctl.cs_sim_set_property(sim_id, k, obj, prop, 1 if private else 0, syntax, data, len(data)),
              "property %r of %s %r" % (prop, kind, name))


def set_version(ctl: Any, sim_id: int, major: int, minor: int, build: int, check: Any) -> None:
    for what, v in (("major", major), ("minor", minor), ("build", build)):
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 0xFFFF:
            raise ValueError("%s version must be an int in 0..65535, not %r" % (what, v))
    check(ctl.cs_sim_set_version(sim_id, major, minor, build), "version")
