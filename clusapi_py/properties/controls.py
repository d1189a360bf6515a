"""The control calls that read properties and the other per-object data
(thin bindings over cs_control: the ERROR_MORE_DATA loop runs in C)."""
from __future__ import annotations

import datetime
import struct

from .. import _bindings as bindings
from .. import _consts as consts
from .. import errors, kinds
from .._wide import text_to_nul
from ..records import FailureInfo, NodeStatus, node_status_from
from .codec import Property, parse
from .syntax import Syntax

__all__ = ["control_bytes", "read_property_list", "read_text", "read_failure_info", "read_filetime",
           "read_node_status", "PROPERTY_CODES", "UNSUPPORTED"]

lib = bindings.lib
# kind id -> (read-write common, read-only common, read-write private, read-only private)
PROPERTY_CODES: dict[int, tuple[int, int, int, int]] = {kind.id: kind.property_codes for kind in kinds.OBJECT_KINDS}
# What a cluster answers for a code it does not support on that object.
UNSUPPORTED = frozenset((consts.ERROR_INVALID_FUNCTION,))
_EPOCH = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)


def control_bytes(token: int, code: int, what: str = "handle") -> bytes:
    """The output of one control code (no input) on a token."""
    _, _, data = bindings.call_result_with_bytes(lib.cs_control, token, code, what=what)
    return bytes(data)


def _optional(token: int, code: int, what: str) -> bytes | None:
    try:
        return control_bytes(token, code, what)
    except errors.ClusterError as e:
        if e.winerror in UNSUPPORTED:
            return None
        raise


def read_property_list(token: int, kind: int, private: bool, what: str) -> list[Property]:
    """Read-write then read-only properties of one object, flagged."""
    rw_code, ro_code = PROPERTY_CODES[kind][2:] if private else PROPERTY_CODES[kind][:2]
    out = [p._replace(read_only=False) for p in parse(control_bytes(token, rw_code, what))]
    ro = _optional(token, ro_code, what)
    if ro is not None:
        out.extend(p._replace(read_only=True) for p in parse(ro))
    return out


def read_node_status(token: int, what: str = "node", before: NodeStatus | None = None) -> NodeStatus:
    """A node's drain status, StatusInformation and versions: its read-only
    common properties (CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES), one control call
    on an open node's token; what the node does not report is None (or, with
    `before`, its value there)."""
    data = _optional(token, PROPERTY_CODES[kinds.NODE.id][1], what)
    if data is None:
        return before if before is not None else NodeStatus()
    return node_status_from({p.name: p.value for p in parse(data)}, before)


def read_text(token: int, code: int, what: str) -> str:
    """A control code whose output is one NUL-terminated UTF-16 string."""
    return text_to_nul(control_bytes(token, code, what), what)


def read_failure_info(token: int, code: int, what: str) -> FailureInfo | None:
    data = _optional(token, code, what)
    if data is None:
        return None
    if len(data) < 12:
        raise ValueError("%s: failure info of %d bytes, expected 12" % (what, len(data)))
    _version, attempts, period = struct.unpack_from("<III", data)
    return FailureInfo(attempts, period)


def read_filetime(token: int, code: int, what: str) -> datetime.datetime | None:
    """A time control code: a FILETIME (MS-CMRP), or a property list holding one (the SDK docs)."""
    data = _optional(token, code, what)
    if data is None:
        return None
    if len(data) == 8:
        return _EPOCH + datetime.timedelta(microseconds=struct.unpack("<Q", data)[0] // 10)
    for p in parse(data):
        if p.syntax == Syntax.FILETIME and isinstance(p.value, datetime.datetime):
            return p.value
    raise ValueError("%s: no FILETIME in a %d-byte answer" % (what, len(data)))
