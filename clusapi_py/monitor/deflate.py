"""Chunks compressed once: raw deflate pieces that concatenate into one gzip member.

A scrape's answer is a list of chunks.  Each chunk is deflated by its own compressor and
flushed to a byte boundary (Z_SYNC_FLUSH, not final), so the pieces of any sequence of chunks
concatenate into one valid deflate stream; the gzip trailer's CRC-32 of the whole is combined
from the pieces' CRCs (crc32_combine), so nothing is compressed or read twice.

- `Deflated`: a chunk kept only compressed (the exporter's owner series, the bulk of a large
  cluster's answer: about 30 times smaller); `inflate()` gives its text back, one chunk at a time.
- `Gzipper`: one gzip member from a list of chunks (bytes or Deflated); a bytes chunk seen in the
  previous answer of the same format is not compressed again.
- `size_of`, `plain`: a list of chunks' length and text pieces, for an answer sent uncompressed.
"""
from __future__ import annotations

import struct
import typing
import zlib

LEVEL = 6
_CRC_POLY = 0xEDB88320


def _crc_multiply(a: int, b: int) -> int:
    """a * b modulo the CRC-32 polynomial (reflected bit order), as zlib's crc32_combine."""
    product, bit = 0, 1 << 31
    while True:
        if a & bit:
            product ^= b
            if a & (bit - 1) == 0:
                return product
        bit >>= 1
        b = (b >> 1) ^ _CRC_POLY if b & 1 else b >> 1


_X_POW_2N = [1 << 30]                           # x^(2^n) modulo the polynomial, n = 0..31
for _ in range(31):
    _X_POW_2N.append(_crc_multiply(_X_POW_2N[-1], _X_POW_2N[-1]))


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from crc(A), crc(B) and len(B), without reading A or B again."""
    factor, n, k = 1 << 31, length2, 3          # x^(8 * length2): 2^3 bits per byte
    while n:
        if n & 1:
            factor = _crc_multiply(_X_POW_2N[k & 31], factor)
        n >>= 1
        k += 1
    return _crc_multiply(factor, crc1) ^ crc2


class Deflated(typing.NamedTuple):
    """A chunk as raw deflate, sync-flushed (byte-aligned, not final), with the CRC-32 and the
    length of its text."""

    data: bytes
    crc: int
    size: int

    def inflate(self) -> bytes:
        """The chunk's text."""
        return zlib.decompressobj(-15).decompress(self.data)


def deflate(chunk: bytes, level: int = LEVEL) -> Deflated:
    """`chunk` compressed by a compressor of its own (see the module docstring)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(chunk), len(chunk))


Chunk = typing.Union[bytes, Deflated]


def size_of(chunks: typing.Iterable[Chunk]) -> int:
    """The length of the chunks' text."""
    return sum(c.size if isinstance(c, Deflated) else len(c) for c in chunks)


def plain(chunks: typing.Iterable[Chunk]) -> typing.Iterator[bytes]:
    """The chunks' text, piece by piece: a Deflated chunk is inflated only when reached (one at a
    time in memory)."""
    for c in chunks:
        yield c.inflate() if isinstance(c, Deflated) else c


_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"   # no name, no time, unknown OS
_FINAL_EMPTY_BLOCK = b"\x03\x00"


class Gzipper:
    """One gzip member from chunks (see the module docstring).  A Deflated chunk is sent as it
    is; a bytes chunk is deflated once, and again only when it is not the same object as in the
    previous answer of the same format."""

    def __init__(self, level: int = LEVEL) -> None:
        self.level = level
        self._cache: typing.Dict[str, typing.Dict[int, typing.Tuple[bytes, Deflated]]] = {}
        self.compressed_bytes = 0               # input bytes compressed so far (tests, bench)

    def body(self, fmt: str, chunks: typing.Sequence[Chunk]) -> bytes:
        """The gzip member as one bytes object (pieces() joined)."""
        return b"".join(self.pieces(fmt, chunks))

    def pieces(self, fmt: str, chunks: typing.Sequence[Chunk]) -> typing.List[bytes]:
        """The gzip member as the pieces to send one after the other: the header, each chunk's
        deflated bytes (the held objects themselves), the final block and the trailer."""
        before = self._cache.get(fmt, {})
        now: typing.Dict[int, typing.Tuple[bytes, Deflated]] = {}
        pieces, crc, size = [_GZIP_HEADER], 0, 0
        for chunk in chunks:
            if isinstance(chunk, Deflated):
                piece = chunk
            elif not chunk:
                continue
            else:
                held = before.get(id(chunk))
                if held is not None and held[0] is chunk:
                    piece = held[1]
                else:
                    piece = deflate(chunk, self.level)
                    self.compressed_bytes += len(chunk)
                now[id(chunk)] = (chunk, piece)  # the chunk kept: its id is the cache key
            if not piece.size:
                continue
            pieces.append(piece.data)
            crc = crc32_combine(crc, piece.crc, piece.size)
            size += piece.size
        self._cache[fmt] = now                  # one assignment: concurrent scrapes see either dict
        pieces += [_FINAL_EMPTY_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
        return pieces
