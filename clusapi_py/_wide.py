"""Wide (UTF-16LE) text out of Windows buffers: the one decoder of the
package, with one policy, used by property lists, control-code outputs,
CSV state blocks and notification payloads.  Pure: no extension.

Policy: the text is the UTF-16 code units before the first NUL code unit;
lone surrogates are kept (``surrogatepass``: Windows names may hold them,
and they must come back unchanged when written again); bytes after the
terminator are the buffer's business and are not looked at; a buffer with
no terminator is text up to its end, and one that then ends in half a code
unit is malformed: ValueError naming what was read.
"""
from __future__ import annotations

__all__ = ["text_to_nul", "text_exact"]


def _nul_at(raw: bytes) -> int:
    """Byte offset of the first NUL code unit (at an even offset), or -1."""
    at = raw.find(b"\0\0")
    while at >= 0 and at % 2:
        at = raw.find(b"\0\0", at + 1)
    return at


def text_to_nul(raw: bytes, what: str = "text") -> str:
    """The text before the first NUL code unit of raw (see the policy above)."""
    end = _nul_at(raw)
    if end < 0:
        return text_exact(raw, what)
    return raw[:end].decode("utf-16-le", "surrogatepass")


def text_exact(raw: bytes, what: str = "text") -> str:
    """All of raw as UTF-16LE (NULs included): for counted values whose
    terminator the caller strips itself; an odd byte count is malformed."""
    if len(raw) % 2:
        raise ValueError("%s: odd UTF-16 byte count %d" % (what, len(raw)))
    return raw.decode("utf-16-le", "surrogatepass")
