"""The exporter's HTTP server: /metrics answered from what the exporter holds in memory.

    server = serve(exporter, "127.0.0.1", 9882)            # or serve(..., web=webconfig.load(path))
    ...
    server.close()

One thread ("clusapi-exporter-http") owns every socket: it accepts, completes TLS handshakes and
reads request heads without blocking, and keeps idle keep-alive connections in its selector, so an
idle connection costs a descriptor and no thread.  A connection whose request head is complete goes
to a small pool of worker threads, which answer it and hand it back.  The bounds (`Limits`):

* connections: at most `max_connections`; at the cap a new connection replaces the one idle the
  longest (a scrape is never locked out by idle ones); when every connection is busy, accepting
  pauses and the kernel's backlog (`backlog`, sized for a burst of scrapes) holds the rest;
* threads: `workers`, however many connections there are;
* time: a connection must complete its request head within `idle_timeout` of arriving (or of its
  previous answer), and take its answer within `write_timeout`;
* descriptors: when accept() fails for want of them (EMFILE, ENFILE, ENOBUFS, ENOMEM) the idle
  connection that waited longest is closed and accepting pauses, backing off from 50 ms to 2 s,
  instead of failing again at once in a loop;
* a client that goes away early costs one debug line on the "clusapi_py.monitor.http" logger.

/metrics: Prometheus text, or OpenMetrics when the Accept header prefers it (q-values honoured,
q=0 is "not acceptable"); gzip when Accept-Encoding allows it, each part of the answer compressed
once (a scrape compresses only the small self-metrics part when nothing else changed); HEAD too.
"""
import collections
import errno
import http.client
import io
import itertools
import logging
import selectors
import socket
import ssl
import sys
import threading
import time
import typing
from concurrent.futures import ThreadPoolExecutor

from .deflate import Chunk, Gzipper, plain, size_of
from .exporter import MISSING, available

from .webconfig import WebConfig

log = logging.getLogger(__name__)

TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8"
MAX_HEAD = 64 * 1024                            # a request head larger than this is refused (431)
_EXHAUSTED = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
_GONE = (ConnectionError, socket.timeout, ssl.SSLError, OSError)
LANDING = b"<html><body><h1>clusapi exporter</h1><p><a href=\"/metrics\">/metrics</a></p></body></html>\n"


class Source(typing.Protocol):
    """What the server serves: the exporter's answer as chunks, each the same object from one
    scrape to the next while its part is unchanged; a chunk is bytes or held only deflated
    (monitor/deflate.py) (clusapi_py.monitor.exporter.Exporter)."""

    def chunks(self, fmt: str) -> typing.List[Chunk]: ...


class Limits(typing.NamedTuple):
    """The server's bounds (see the module docstring)."""
    max_connections: int = 500 if sys.platform == "win32" else 1000   # select() on Windows: 512 sockets
    workers: int = 8
    idle_timeout: float = 30.0
    write_timeout: float = 60.0
    backlog: int = 1024


# ---- content negotiation ---------------------------------------------------------------------------------
def _ranges(header: str) -> typing.List[typing.Tuple[str, float]]:
    """(lower-case range, q) per element of an Accept or Accept-Encoding header; a malformed q
    counts as 0 (not acceptable)."""
    out = []
    for element in header.split(","):
        name, *params = [p.strip() for p in element.split(";")]
        if not name:
            continue
        q = 1.0
        for param in params:
            key, _, text = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(text.strip())
                except ValueError:
                    q = 0.0
                if not (0.0 <= q <= 1.0):
                    q = 0.0
        out.append((name.lower(), q))
    return out


def _quality(ranges: typing.List[typing.Tuple[str, float]], media: str) -> typing.Optional[float]:
    """The q of `media` ("type/subtype"): that of the most specific range matching it (RFC 9110
    12.5.1); None when no range matches it."""
    kind = media.split("/")[0] + "/*"
    for candidates in ([media], [kind], ["*/*"]):
        found = [q for name, q in ranges if name in candidates]
        if found:
            return max(found)
    return None


def negotiate_format(accept: typing.Optional[str]) -> typing.Optional[str]:
    """"openmetrics" when Accept prefers application/openmetrics-text (q > 0, above the text
    format's), else "text" -- the default, also when Accept names neither -- unless Accept refuses
    the text format (q=0) as well: None (406 Not Acceptable)."""
    if accept is None or not accept.strip():
        return "text"
    ranges = _ranges(accept)
    text, om = _quality(ranges, "text/plain"), _quality(ranges, "application/openmetrics-text")
    if om is not None and om > 0.0 and (text is None or om > text):
        return "openmetrics"
    if text is not None and text <= 0.0:
        return None
    return "text"


def accepts_gzip(accept_encoding: typing.Optional[str]) -> bool:
    """True when Accept-Encoding allows gzip (by name or "*") with q > 0."""
    if not accept_encoding:
        return False
    ranges = _ranges(accept_encoding)
    named = [q for name, q in ranges if name in ("gzip", "x-gzip")]
    if named:
        return max(named) > 0.0
    return any(name == "*" and q > 0.0 for name, q in ranges)


# ---- requests -----------------------------------------------------------------------------------------
class Request(typing.NamedTuple):
    method: str
    path: str
    version: str
    headers: http.client.HTTPMessage


class _BadRequest(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_head(head: bytes) -> Request:
    """The request line and headers (`head` ends with the blank line); _BadRequest when malformed."""
    line, _, rest = head.partition(b"\r\n")
    try:
        method, target, version = line.decode("ascii").split(" ")
    except (UnicodeDecodeError, ValueError):
        raise _BadRequest(400, "malformed request line") from None
    if not version.startswith("HTTP/1."):
        raise _BadRequest(505, "HTTP/1.x only")
    try:
        headers = http.client.parse_headers(io.BytesIO(rest))
    except http.client.HTTPException:
        raise _BadRequest(431, "too many headers") from None
    return Request(method, target.split("?", 1)[0], version, headers)


class _Response(typing.NamedTuple):
    code: int
    headers: typing.List[typing.Tuple[str, str]]
    # The body's pieces, sent one after the other and never joined: a 300 MB answer made of
    # held chunks is not copied to be sent (nor inflated all at once: `plain` is lazy).
    body: typing.Iterable[bytes]
    send_body: bool = True
    length: typing.Optional[int] = None         # the body's length, when `body` is not a list


def _plain(code: int, text: str, extra: typing.Sequence[typing.Tuple[str, str]] = ()) -> _Response:
    return _Response(code, [("Content-Type", "text/plain; charset=utf-8"), *extra], [(text + "\n").encode()])


class Handler:
    """Answers one request (no socket work): auth, routing, negotiation, compression."""

    def __init__(self, source: Source, web: typing.Optional[WebConfig] = None) -> None:
        self.source = source
        self.web = web
        self.gzip = Gzipper()

    def answer(self, request: Request) -> _Response:
        extra = list(self.web.headers.items()) if self.web is not None else []
        response = self._answer(request)
        return response._replace(headers=response.headers + extra)

    def _answer(self, request: Request) -> _Response:
        if self.web is not None and self.web.users and not self.web.authorized(request.headers.get("Authorization")):
            return _plain(401, "unauthorized", [("WWW-Authenticate", 'Basic realm="clusapi exporter"')])
        if request.method not in ("GET", "HEAD"):
            return _plain(405, "method not allowed", [("Allow", "GET, HEAD")])
        head_only = request.method == "HEAD"
        if request.path == "/metrics":
            fmt = negotiate_format(request.headers.get("Accept"))
            if fmt is None:
                return _plain(406, "not acceptable: this serves text/plain (0.0.4) and application/openmetrics-text")
            chunks = self.source.chunks(fmt)
            headers = [("Content-Type", OPENMETRICS_TYPE if fmt == "openmetrics" else TEXT_TYPE),
                       ("Vary", "Accept, Accept-Encoding")]
            if accepts_gzip(request.headers.get("Accept-Encoding")):
                headers.append(("Content-Encoding", "gzip"))
                return _Response(200, headers, self.gzip.pieces(fmt, chunks), not head_only)
            return _Response(200, headers, plain(chunks), not head_only, size_of(chunks))
        if request.path == "/":
            return _Response(200, [("Content-Type", "text/html; charset=utf-8")], [LANDING], not head_only)
        return _plain(404, "not found: try /metrics")._replace(send_body=not head_only)


def _encode(response: _Response, keep_alive: bool) -> bytes:
    reason = http.HTTPStatus(response.code).phrase
    lines = ["HTTP/1.1 %d %s" % (response.code, reason)]
    lines += ["%s: %s" % pair for pair in response.headers]
    length = response.length
    if length is None:
        length = sum(len(piece) for piece in typing.cast(typing.Sequence[bytes], response.body))
    lines.append("Content-Length: %d" % length)
    if not keep_alive:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


_SEND_SIZE = 1 << 20


def send_batches(pieces: typing.Iterable[bytes], size: int = _SEND_SIZE) -> typing.Iterator[bytes]:
    """The pieces as the writes to make: small neighbours joined up to `size` bytes (no small
    write waits on the peer's delayed ACK behind another), a piece of `size` or more as itself
    (not copied).  At most `size` bytes are copied at a time."""
    batch: typing.List[bytes] = []
    held = 0
    for piece in pieces:
        if not piece:
            continue
        if len(piece) >= size:
            if batch:
                yield b"".join(batch)
                batch, held = [], 0
            yield piece
            continue
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield b"".join(batch)
            batch, held = [], 0
    if batch:
        yield b"".join(batch)


# ---- connections and the server ----------------------------------------------------------------------
class _Connection:
    def __init__(self, sock: socket.socket, peer: str, deadline: float, handshaking: bool) -> None:
        self.sock = sock
        self.peer = peer
        self.deadline = deadline
        self.handshaking = handshaking
        self.busy = False
        self.keep = False
        self.buffer = bytearray()
        self.events = selectors.EVENT_READ


class Server:
    """The HTTP(S) server answering /metrics (see the module docstring)."""

    def __init__(self, listener: socket.socket, handler: Handler, limits: Limits,
                 tls: typing.Optional[ssl.SSLContext]) -> None:
        self._listener = listener
        self._handler = handler
        self.limits = limits
        self._tls = tls
        name = listener.getsockname()
        self.address: typing.Tuple[str, int] = (str(name[0]), int(name[1]))
        self.scheme = "https" if tls is not None else "http"
        self._selector = selectors.DefaultSelector()
        self._connections: "collections.OrderedDict[socket.socket, _Connection]" = collections.OrderedDict()
        self._returned: typing.Deque[_Connection] = collections.deque()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._workers = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="clusapi-exporter-http-worker")
        self._stopping = False
        self._accepting = False
        self._resume_at = 0.0
        self._backoff = 0.0
        self._last_failure = -1e9
        self.accept_failures = 0                # accept() failures for want of descriptors (tests, bench)
        self.evicted = 0                        # idle connections closed to make room
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._listen(True)
        self._thread = threading.Thread(target=self._run, name="clusapi-exporter-http", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """http(s)://host:port/metrics, the host in brackets when it is an IPv6 address."""
        host = "[%s]" % self.address[0] if ":" in self.address[0] else self.address[0]
        return "%s://%s:%d/metrics" % (self.scheme, host, self.address[1])

    @property
    def connections(self) -> int:
        return len(self._connections)

    def close(self) -> None:
        self._stopping = True
        self._wake()
        self._thread.join(timeout=10)
        self._workers.shutdown(wait=True)
        for sock in (self._wake_r, self._wake_w):
            sock.close()

    # ---- the selector thread --------------------------------------------------------------------------
    def _wake(self) -> None:
        try:
            self._wake_w.send(b"x")
        except (BlockingIOError, OSError):
            pass                                # already woken (or closing)

    def _listen(self, on: bool) -> None:
        if on and not self._accepting:
            self._selector.register(self._listener, selectors.EVENT_READ)
        elif not on and self._accepting:
            self._selector.unregister(self._listener)
        self._accepting = on

    def _run(self) -> None:
        try:
            while not self._stopping:
                try:
                    self._turn()
                except Exception:               # a bug: said once per occurrence, then a pause, never a spin
                    log.exception("the HTTP server's loop failed; going on")
                    time.sleep(0.1)
        finally:
            self._shutdown_sockets()

    def _turn(self) -> None:
        for key, _ in self._selector.select(self._next_timeout(time.monotonic())):
            if key.fileobj is self._listener:
                self._accept()
            elif key.fileobj is self._wake_r:
                self._drain_wake()
            else:
                connection = self._connections.get(typing.cast(socket.socket, key.fileobj))
                if connection is not None:
                    self._progress(connection)
        self._take_returned()
        self._expire(time.monotonic())

    def _next_timeout(self, now: float) -> float:
        timeout = 1.0
        if not self._accepting and self._resume_at:
            timeout = min(timeout, max(0.0, self._resume_at - now))
        for connection in self._connections.values():
            if not connection.busy:
                timeout = min(timeout, max(0.0, connection.deadline - now))
                break                           # oldest first: the first idle one expires first
        return timeout

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def _accept(self) -> None:
        for _ in range(64):                     # a burst per wake; the selector says when there is more
            full = len(self._connections) >= self.limits.max_connections
            if full and all(c.busy for c in self._connections.values()):
                self._listen(False)             # every connection busy: the backlog holds the rest
                return
            try:
                sock, peer = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                if exc.errno in _EXHAUSTED:
                    self._exhausted(exc)
                    return
                log.debug("accept failed: %s", exc)
                return
            if full:
                self._evict_idle()              # the newcomer replaces the connection idle the longest
            sock.setblocking(False)
            handshaking = False
            if self._tls is not None:
                try:
                    sock = self._tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
                except (OSError, ValueError) as exc:
                    log.debug("TLS refused %s: %s", peer[0], exc)
                    sock.close()
                    continue
                handshaking = True
            connection = _Connection(sock, str(peer[0]), time.monotonic() + self.limits.idle_timeout, handshaking)
            self._connections[sock] = connection
            self._selector.register(sock, selectors.EVENT_READ, connection)

    def _exhausted(self, exc: OSError) -> None:
        """accept() failed for want of descriptors: free the longest idle one, pause, back off
        (the pause doubles while failures keep coming, and starts again from 50 ms after a calm
        of 10 s)."""
        now = time.monotonic()
        self.accept_failures += 1
        if now - self._last_failure > 10.0:
            self._backoff = 0.0
            log.warning("cannot accept a connection (%s): pausing accept, backing off up to 2 s", exc.strerror or exc)
        self._last_failure = now
        self._backoff = min(2.0, self._backoff * 2 if self._backoff else 0.05)
        self._evict_idle()
        self._listen(False)
        self._resume_at = now + self._backoff

    def _evict_idle(self) -> bool:
        for connection in self._connections.values():
            if not connection.busy:
                self.evicted += 1
                self._close(connection)
                return True
        return False

    def _expire(self, now: float) -> None:
        if not self._accepting and self._resume_at and now >= self._resume_at:
            self._resume_at = 0.0
            self._listen(True)
        elif not self._accepting and not self._resume_at and (
                len(self._connections) < self.limits.max_connections
                or not all(c.busy for c in self._connections.values())):
            self._listen(True)                  # room again, or an idle connection to replace
        expired = [c for c in self._connections.values() if not c.busy and c.deadline <= now]
        for connection in expired:
            self._close(connection)

    def _close(self, connection: _Connection) -> None:
        self._connections.pop(connection.sock, None)
        if not connection.busy:
            try:
                self._selector.unregister(connection.sock)
            except (KeyError, ValueError):
                pass
        try:
            connection.sock.close()
        except OSError:
            pass

    def _progress(self, connection: _Connection) -> None:
        """The connection is readable (or writable, mid-handshake): move it on without blocking."""
        sock = connection.sock
        if connection.handshaking:
            assert isinstance(sock, ssl.SSLSocket)
            try:
                sock.do_handshake()
            except ssl.SSLWantReadError:
                return self._want(connection, selectors.EVENT_READ)
            except ssl.SSLWantWriteError:
                return self._want(connection, selectors.EVENT_WRITE)
            except (ssl.SSLError, OSError) as exc:
                log.debug("TLS handshake with %s failed: %s", connection.peer, exc)
                return self._close(connection)
            connection.handshaking = False
            web = self._handler.web
            if web is not None and not web.peer_allowed(sock.getpeercert()):
                log.debug("client %s: its certificate names none of client_allowed_sans", connection.peer)
                return self._close(connection)
            self._want(connection, selectors.EVENT_READ)
        while True:
            try:
                data = sock.recv(65536)
            except (BlockingIOError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
                break
            except OSError as exc:
                log.debug("connection from %s lost: %s", connection.peer, exc)
                return self._close(connection)
            if not data:
                return self._close(connection)
            connection.buffer += data
            if len(connection.buffer) > MAX_HEAD or b"\r\n\r\n" in connection.buffer:
                break
        self._dispatch_if_ready(connection)

    def _want(self, connection: _Connection, events: int) -> None:
        if connection.events != events:
            connection.events = events
            self._selector.modify(connection.sock, events, connection)

    def _dispatch_if_ready(self, connection: _Connection) -> None:
        end = connection.buffer.find(b"\r\n\r\n")
        if end < 0 and len(connection.buffer) <= MAX_HEAD:
            return
        connection.busy = True
        self._selector.unregister(connection.sock)
        self._connections.move_to_end(connection.sock)
        head = bytes(connection.buffer[:end + 4]) if end >= 0 else None
        del connection.buffer[:end + 4 if end >= 0 else len(connection.buffer)]
        self._workers.submit(self._serve, connection, head)

    def _take_returned(self) -> None:
        while self._returned:
            connection = self._returned.popleft()
            connection.busy = False
            if connection.sock not in self._connections:
                continue
            if not connection.keep:
                self._close(connection)
                continue
            connection.deadline = time.monotonic() + self.limits.idle_timeout
            self._connections.move_to_end(connection.sock)
            connection.events = selectors.EVENT_READ
            self._selector.register(connection.sock, selectors.EVENT_READ, connection)
            if isinstance(connection.sock, ssl.SSLSocket) and connection.sock.pending():
                self._progress(connection)      # decrypted bytes waiting: the selector would not say so
            elif connection.buffer:             # a pipelined request already read
                self._dispatch_if_ready(connection)

    def _give_back(self, connection: _Connection, keep: bool) -> None:
        """From a worker: the connection returns to the selector thread, which keeps or closes it."""
        if self._stopping:                      # the selector thread has gone: close it here
            try:
                connection.sock.close()
            except OSError:
                pass
            return
        connection.keep = keep
        self._returned.append(connection)
        self._wake()

    def _shutdown_sockets(self) -> None:
        for connection in list(self._connections.values()):
            if connection.busy:                 # its worker is writing: make the write fail now
                try:
                    connection.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            else:
                self._close(connection)
        self._connections.clear()
        self._selector.close()
        self._listener.close()

    # ---- a worker -------------------------------------------------------------------------------------
    def _serve(self, connection: _Connection, head: typing.Optional[bytes]) -> None:
        keep = False
        try:
            keep = self._answer(connection, head)
        except _GONE as exc:
            log.debug("client %s went away: %s", connection.peer, exc)
        except Exception:                       # a bug: one line with the cause, the server goes on
            log.exception("answering %s failed", connection.peer)
        self._give_back(connection, keep)

    def _answer(self, connection: _Connection, head: typing.Optional[bytes]) -> bool:
        keep_alive = False
        try:
            if head is None:
                raise _BadRequest(431, "request head too large")
            request = parse_head(head)
            if request.headers.get("Transfer-Encoding") or request.headers.get("Content-Length", "0").strip() != "0":
                raise _BadRequest(400, "a request body is not expected here")
            connection_header = (request.headers.get("Connection") or "").lower()
            keep_alive = ("close" not in connection_header if request.version == "HTTP/1.1"
                          else "keep-alive" in connection_header)
            response = self._handler.answer(request)
        except _BadRequest as exc:
            response, keep_alive = _plain(exc.code, str(exc)), False
        head_bytes = _encode(response, keep_alive)
        # chained, not unpacked: a lazy body (plain()) is inflated piece by piece as it is sent
        self._send(connection.sock, itertools.chain((head_bytes,), response.body) if response.send_body
                   else (head_bytes,))
        return keep_alive

    def _send(self, sock: socket.socket, pieces: typing.Iterable[bytes]) -> None:
        """All of `pieces`, in order, within write_timeout (socket.timeout past it)."""
        deadline = time.monotonic() + self.limits.write_timeout
        sock.setblocking(True)
        try:
            for batch in send_batches(pieces):
                view = memoryview(batch)
                while view:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise socket.timeout("the client took longer than %g s to read the answer"
                                             % self.limits.write_timeout)
                    sock.settimeout(left)
                    sent = sock.send(view[:_SEND_SIZE])
                    view = view[sent:]
        finally:
            try:
                sock.setblocking(False)
            except OSError:
                pass


def serve(exporter: Source, host: str, port: int, *, web: typing.Optional[WebConfig] = None,
          limits: typing.Optional[Limits] = None) -> Server:
    """Starts the HTTP server on host:port (port 0: a free one), HTTPS and basic auth when `web`
    says so; OSError when it cannot listen."""
    if not available():
        raise RuntimeError(MISSING)
    limits = limits if limits is not None else Limits()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # create_server sets SO_REUSEADDR except on Windows, where it would let a second server bind the port.
    listener = socket.create_server((host, port), family=family, backlog=limits.backlog)
    listener.setblocking(False)
    tls = web.tls_context() if web is not None else None
    return Server(listener, Handler(exporter, web), limits, tls)
