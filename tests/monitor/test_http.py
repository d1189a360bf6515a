"""The exporter's HTTP server (clusapi_py.monitor.http) with real sockets on 127.0.0.1: content
negotiation (q-values, q=0), gzip made of parts compressed once, HEAD, and the bounds -- idle
connections cost no thread and time out, a burst of scrapes is all answered, early disconnects
cost at most a line each, descriptor exhaustion backs off instead of spinning.  Counts and waits
are bounded; nothing asserts a duration."""
import argparse
import gzip
import re
import http.client
import logging
import os
import random
import selectors
import socket
import struct
import subprocess
import sys
import tempfile
import textwrap
import threading
import zlib

import pytest

pytest.importorskip("prometheus_client", reason="the exporter extra (prometheus_client) is not installed")

from clusapi_py.cli.exporter import listen_address  # noqa: E402
from clusapi_py.monitor import http as web_http  # noqa: E402
from clusapi_py.monitor.deflate import Deflated, Gzipper, crc32_combine, deflate, plain, size_of  # noqa: E402
from clusapi_py.monitor.http import Limits, accepts_gzip, negotiate_format, send_batches  # noqa: E402

from exporter_helpers import serving, wait_for  # noqa: E402

# SO_LINGER on, 0 s: close() resets the connection.  struct linger: two ints; two u_shorts on Windows.
_LINGER_RESET = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)
PROMETHEUS_ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                     "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")


def _cluster_line(line: bytes) -> bool:
    """A line of the cluster's series: not the exporter's own, nor the process collector's (they move
    between two scrapes)."""
    return b"clusapi_exporter_" not in line and re.match(rb"(# (HELP|TYPE|UNIT) )?process_", line) is None


def _get(server, method="GET", path="/metrics", headers=None):
    conn = http.client.HTTPConnection(server.address[0], server.address[1], timeout=20)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


# ---- negotiation ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("accept, expected", [
    (None, "text"), ("", "text"), ("*/*", "text"), ("text/plain", "text"),
    (PROMETHEUS_ACCEPT, "openmetrics"),
    ("application/openmetrics-text; version=1.0.0", "openmetrics"),
    ("application/openmetrics-text;q=0", "text"),                      # q=0: not acceptable (issue 23, 14)
    ("application/openmetrics-text;q=0, text/plain;q=0.1", "text"),
    ("application/openmetrics-text;q=0.4, text/plain;q=0.5", "text"),
    ("text/plain;q=0, */*", "openmetrics"),                            # the most specific range rules
    ("text/*;q=0.2, application/*;q=0.3", "openmetrics"),
    ("Application/OpenMetrics-Text;Q=1", "openmetrics"),
    ("application/openmetrics-text;q=0, text/plain;q=0", None),
    ("image/png", "text"),                                              # neither named: the default
    ("text/plain;q=bogus", None), ("text/plain;q=2", None), ("*/*;q=0", None),
])
def test_accept_negotiation_honours_q_values(accept, expected):
    assert negotiate_format(accept) == expected


@pytest.mark.parametrize("header, expected", [
    (None, False), ("", False), ("gzip", True), ("gzip, deflate", True), ("deflate", False),
    ("gzip;q=0", False), ("*", True), ("*;q=0", False), ("gzip;q=0, *", False), ("identity, *;q=0.5", True),
    ("x-gzip", True), ("GZIP;q=0.001", True),
])
def test_accept_encoding_gzip(header, expected):
    assert accepts_gzip(header) == expected


# ---- gzip made of parts -------------------------------------------------------------------------------
def test_crc32_combine_matches_zlib():
    rng = random.Random(7)
    for _ in range(200):
        a, b = rng.randbytes(rng.randrange(0, 3000)), rng.randbytes(rng.randrange(0, 3000))
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_gzip_of_parts_is_one_valid_member_and_reuses_unchanged_parts():
    big = b"windows_mscluster_resourcegroup_owner_node{name=\"G\",node_name=\"N\"} 0\n" * 5000
    gz = Gzipper()
    first = gz.body("text", [big, b"", b"self 1\n", b"# EOF\n"])
    assert gzip.decompress(first) == big + b"self 1\n# EOF\n"
    # one member: the header once, and the trailer carries the CRC and size of the whole
    assert first.count(b"\x1f\x8b\x08") == 1 and struct.unpack("<II", first[-8:]) == (
        zlib.crc32(big + b"self 1\n# EOF\n"), len(big + b"self 1\n# EOF\n"))
    compressed = gz.compressed_bytes
    second = gz.body("text", [big, b"self 2\n"])
    assert gzip.decompress(second) == big + b"self 2\n"
    assert gz.compressed_bytes - compressed == len(b"self 2\n")      # `big` was not compressed again
    assert gzip.decompress(gz.body("text", [])) == b""
    assert len(first) < len(big) // 10


def test_chunks_held_deflated_are_sent_as_they_are_and_inflate_to_their_text():
    rng = random.Random(11)
    texts = [b"".join(b"owner{name=\"R%d\",node_name=\"N%d\"} %d\n" % (rng.randrange(10**6), n, n == 0)
                      for n in range(rng.randrange(0, 300))) for _ in range(20)]
    held = [deflate(t) for t in texts]
    assert all(isinstance(h, Deflated) and h.inflate() == t and h.size == len(t) for h, t in zip(held, texts))
    mixed = [b"# HELP owner x\n", *held, b"self 1\n"]
    whole = b"# HELP owner x\n" + b"".join(texts) + b"self 1\n"
    gz = Gzipper()
    pieces = gz.pieces("text", mixed)
    assert gzip.decompress(b"".join(pieces)) == whole
    assert gz.compressed_bytes == len(b"# HELP owner x\n") + len(b"self 1\n")    # the held ones: not again
    assert all(any(p is h.data for p in pieces) for h in held if h.size)            # sent as the same objects
    assert size_of(mixed) == len(whole) and b"".join(plain(mixed)) == whole


def test_plain_inflates_one_chunk_at_a_time():
    calls = []

    class Counting(Deflated):
        def inflate(self):
            calls.append(self)
            return Deflated.inflate(self)
    chunks = [Counting(*deflate(b"a" * 1000)), Counting(*deflate(b"b" * 1000))]
    it = plain(chunks)
    assert calls == []                                  # lazy: nothing inflated before it is reached
    assert next(it) == b"a" * 1000 and len(calls) == 1
    assert next(it) == b"b" * 1000 and len(calls) == 2


def test_send_batches_joins_small_pieces_and_passes_large_ones_through():
    large = b"x" * 100
    small = [b"ab", b"", b"cd", b"ef"]
    out = list(send_batches(small[:2] + [large] + small[2:], size=50))
    assert out == [b"ab", large, b"cdef"] and out[1] is large         # not copied
    assert list(send_batches([b"a" * 30, b"b" * 30, b"c"], size=50)) == [b"a" * 30 + b"b" * 30, b"c"]
    assert list(send_batches([])) == []


def test_a_plain_scrape_of_deflated_chunks_sends_the_text_with_its_length():
    class Source:
        def __init__(self):
            self.chunks_ = [b"head\n", deflate(b"line\n" * 50000), deflate(b""), b"tail\n"]

        def chunks(self, fmt):
            return self.chunks_
    server = web_http.serve(Source(), "127.0.0.1", 0)
    try:
        status, headers, body = _get(server)
        assert status == 200 and body == b"head\n" + b"line\n" * 50000 + b"tail\n"
        assert int(headers["Content-Length"]) == len(body)
        status, headers, body = _get(server, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and gzip.decompress(body) == b"head\n" + b"line\n" * 50000 + b"tail\n"
        status, headers, body = _get(server, method="HEAD")
        assert status == 200 and body == b"" and int(headers["Content-Length"]) == 5 + 250000 + 5
    finally:
        server.close()


def test_a_gzipped_scrape_compresses_only_what_changed():
    with serving() as (_, exporter, server):
        assert exporter.wait_properties(10)
        plain_status, plain_headers, plain = _get(server)
        status, headers, body = _get(server, headers={"Accept-Encoding": "gzip"})
        assert plain_status == status == 200 and "Content-Encoding" not in plain_headers
        assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
        text = gzip.decompress(body)
        cluster = [line for line in text.splitlines() if _cluster_line(line)]
        assert cluster == [line for line in plain.splitlines() if _cluster_line(line)]
        assert b"windows_mscluster_resourcegroup_state{" in text
        gzipper = server._handler.gzip
        before = gzipper.compressed_bytes
        _, _, again = _get(server, headers={"Accept-Encoding": "gzip"})
        assert [line for line in gzip.decompress(again).splitlines() if _cluster_line(line)] == cluster
        # only the self-metrics part was compressed for the second scrape
        assert 0 < gzipper.compressed_bytes - before < len(text) // 3
        _, headers, body = _get(server, headers={"Accept-Encoding": "gzip;q=0"})
        assert "Content-Encoding" not in headers and body.startswith(b"# HELP")


def test_openmetrics_gzipped_keeps_its_body():
    with serving() as (_, exporter, server):
        assert exporter.wait_properties(10)
        _, headers, body = _get(server, headers={"Accept": PROMETHEUS_ACCEPT, "Accept-Encoding": "gzip"})
        _, _, plain = _get(server, headers={"Accept": PROMETHEUS_ACCEPT})
    assert headers["Content-Type"].startswith("application/openmetrics-text; version=1.0.0")
    text = gzip.decompress(body)
    assert text.endswith(b"# EOF\n") and plain.endswith(b"# EOF\n")
    assert [x for x in text.splitlines() if _cluster_line(x)] == [
        x for x in plain.splitlines() if _cluster_line(x)]


def test_q_zero_openmetrics_and_unacceptable_types_over_http():
    with serving() as (_, _, server):
        status, headers, body = _get(server, headers={"Accept": "application/openmetrics-text;q=0"})
        assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4")
        assert not body.rstrip().endswith(b"# EOF")
        status, _, body = _get(server, headers={"Accept": "text/plain;q=0, application/openmetrics-text;q=0"})
        assert status == 406 and b"not acceptable" in body


def test_head_answers_headers_without_a_body():
    with serving() as (_, exporter, server):
        assert exporter.wait_properties(10)
        status, headers, body = _get(server, "HEAD")
        assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000
        assert headers["Content-Type"].startswith("text/plain")
        status, headers, body = _get(server, "HEAD", headers={"Accept-Encoding": "gzip"})
        assert status == 200 and body == b"" and headers["Content-Encoding"] == "gzip"
        assert _get(server, "HEAD", "/nothing")[0] == 404
        status, headers, _ = _get(server, "POST")
        assert status == 405 and headers["Allow"] == "GET, HEAD"


def test_keep_alive_serves_several_requests_on_one_connection():
    with serving() as (_, _, server):
        conn = http.client.HTTPConnection(*server.address, timeout=20)
        try:
            for _ in range(3):
                conn.request("GET", "/metrics")
                response = conn.getresponse()
                assert response.status == 200 and response.read().startswith(b"# HELP")
        finally:
            conn.close()
        assert wait_for(lambda: server.connections == 0)


def test_malformed_and_oversized_heads_are_refused():
    with serving() as (_, _, server):
        for raw, code in ((b"NONSENSE\r\n\r\n", b" 400 "), (b"GET /metrics HTTP/2.0\r\n\r\n", b" 505 "),
                          (b"GET /metrics HTTP/1.1\r\nX: " + b"y" * 70000 + b"\r\n\r\n", b" 431 "),
                          (b"GET /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", b" 400 ")):
            with socket.create_connection(server.address, timeout=20) as s:
                s.sendall(raw)
                assert code in s.recv(200)


# ---- the bounds -------------------------------------------------------------------------------------------
def test_a_thousand_idle_connections_cost_no_threads_and_a_scrape_still_answers():
    with serving() as (_, exporter, server):
        threads_before = threading.active_count()
        idle = []
        try:
            for _ in range(1000):
                idle.append(socket.create_connection(server.address, timeout=20))
            # all of them held (up to the cap: 500 on Windows, where select() takes 512 sockets)
            assert wait_for(lambda: server.connections >= min(900, server.limits.max_connections), timeout=20)
            status, _, body = _get(server)
            assert status == 200 and b"clusapi_exporter_up" in body
            assert server.connections <= server.limits.max_connections
            assert threading.active_count() <= threads_before + server.limits.workers
        finally:
            for s in idle:
                s.close()


def test_the_connection_cap_replaces_the_longest_idle_connection():
    with serving(limits=Limits(max_connections=20)) as (_, _, server):
        idle = [socket.create_connection(server.address, timeout=20) for _ in range(20)]
        try:
            assert wait_for(lambda: server.connections == 20)
            assert _get(server)[0] == 200                                  # made room for itself
            assert server.evicted >= 1 and server.connections <= 20
            idle[0].settimeout(10)
            assert idle[0].recv(10) == b""                                  # the oldest idle one was closed
        finally:
            for s in idle:
                s.close()


class _HeldSource:
    """A source whose answers wait until released (connections stay busy meanwhile)."""

    def __init__(self):
        self.release = threading.Event()
        self.waiting = 0

    def chunks(self, fmt):
        self.waiting += 1
        self.release.wait(30)
        return [b"held 1\n"]


def test_accepting_resumes_when_busy_connections_at_the_cap_turn_idle():
    source = _HeldSource()
    server = web_http.serve(source, "127.0.0.1", 0, limits=Limits(max_connections=2, idle_timeout=30))
    clients = []
    try:
        for _ in range(2):
            c = socket.create_connection(server.address, timeout=20)
            c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            clients.append(c)
        assert wait_for(lambda: source.waiting == 2)                 # both busy: accepting pauses
        late = socket.create_connection(server.address, timeout=20)  # waits in the backlog
        clients.append(late)
        source.release.set()
        for c in clients[:2]:
            assert c.recv(100).startswith(b"HTTP/1.1 200")          # answered, kept alive, now idle
        late.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        late.settimeout(10)                                          # well before the 30 s idle timeout
        assert late.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        source.release.set()
        for c in clients:
            c.close()
        server.close()


def test_an_error_in_the_loop_is_logged_and_the_server_goes_on(caplog):
    caplog.set_level(logging.ERROR, logger="clusapi_py.monitor.http")
    with serving() as (_, _, server):
        real, failed = server._progress, []

        def progress_failing_once(connection):
            if not failed:
                failed.append(connection)
                raise RuntimeError("a bug")
            return real(connection)

        server._progress = progress_failing_once
        assert _get(server)[0] == 200          # the first request's bytes hit the bug; read again after the pause
        assert failed and len([r for r in caplog.records if "loop failed" in r.getMessage()]) == 1


def test_idle_connections_time_out():
    with serving(limits=Limits(idle_timeout=0.3)) as (_, _, server):
        with socket.create_connection(server.address, timeout=20) as quiet, \
                socket.create_connection(server.address, timeout=20) as slow:
            slow.sendall(b"GET /metrics HTTP/1.1\r\n")                     # a head never finished
            assert quiet.recv(10) == b"" and slow.recv(10) == b""
        assert wait_for(lambda: server.connections == 0)


def _whole_answer(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    length = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
    return head.startswith(b"HTTP/1.1 200 ") and len(length) == 1 and int(length[0].split(b":")[1]) == len(body) > 0


def test_five_hundred_concurrent_scrapes_are_all_answered():
    with serving() as (_, exporter, server):
        assert exporter.wait_properties(10)
        selector = selectors.DefaultSelector()
        answers = {}
        for _ in range(500):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(server.address)
            selector.register(s, selectors.EVENT_WRITE)
            answers[s] = bytearray()
        sent, done = set(), set()
        deadline_loops = 0
        while len(done) < 500 and deadline_loops < 2000:
            deadline_loops += 1
            events = selector.select(timeout=0.1)
            for key, mask in events:
                s = key.fileobj
                if s not in sent:
                    s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    sent.add(s)
                    selector.modify(s, selectors.EVENT_READ)
                    continue
                data = s.recv(1 << 20)
                answers[s] += data
                if not data:
                    selector.unregister(s)
                    done.add(s)
        for s in answers:
            s.close()
        selector.close()
    complete = [a for a in answers.values() if _whole_answer(bytes(a))]
    assert len(done) == 500 and len(complete) == 500


def test_early_disconnects_cost_at_most_one_line_each(caplog):
    caplog.set_level(logging.DEBUG, logger="clusapi_py.monitor.http")
    with serving() as (_, exporter, server):
        assert exporter.wait_properties(10)
        for _ in range(50):
            s = socket.create_connection(server.address, timeout=20)
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)   # reset, not FIN
            s.close()
        assert _get(server)[0] == 200
        assert wait_for(lambda: server.connections == 0)
    records = [r for r in caplog.records if r.name == "clusapi_py.monitor.http"]
    assert len(records) <= 50
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in records)


def test_the_command_logs_no_traceback_for_early_disconnects():
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    try:
        line = proc.stdout.readline().decode()
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        for _ in range(30):
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            s.sendall(b"GET /metrics HTTP/1.1\r\n\r\n")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)
            s.close()
        with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
            s.sendall(b"GET /metrics HTTP/1.0\r\n\r\n")
            assert s.recv(12) == b"HTTP/1.1 200"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert b"Traceback" not in err and len(err.splitlines()) <= 30


_EXHAUST = textwrap.dedent("""
    import os, resource, sys, time
    import clusapi_py
    from clusapi_py.monitor.exporter import Exporter
    from clusapi_py.monitor.http import Limits, serve
    from clusapi_py.sim import SimulatedCluster
    sim = SimulatedCluster()
    exporter = Exporter(lambda: clusapi_py.open_cluster(backend=sim)).start()
    exporter.wait_connected(10)
    server = serve(exporter, "127.0.0.1", 0, limits=Limits(idle_timeout=60))
    open_now = len(os.listdir("/proc/self/fd"))
    resource.setrlimit(resource.RLIMIT_NOFILE, (open_now + 6, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    print(server.address[1], flush=True)
    sys.stdin.readline()                                 # the idle connections are in
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    failures = server.accept_failures
    time.sleep(3)
    used = resource.getrusage(resource.RUSAGE_SELF)
    print(server.accept_failures - failures, (used.ru_utime + used.ru_stime) - (cpu.ru_utime + cpu.ru_stime), flush=True)
    sys.stdin.readline()
""")


@pytest.mark.skipif(sys.platform == "win32" or not os.path.isdir("/proc/self/fd"),
                    reason="POSIX descriptor limits (RLIMIT_NOFILE), counted through /proc")
def test_descriptor_exhaustion_backs_off_instead_of_spinning():
    proc = subprocess.Popen([sys.executable, "-c", _EXHAUST], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    idle = []
    try:
        port = int(proc.stdout.readline())
        idle = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(40)]
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
        failures, cpu = proc.stdout.readline().split()
        # spinning on accept() would fail thousands of times and burn the 3 s of CPU
        assert 1 <= int(failures) <= 40 and float(cpu) < 1.5
        for s in idle:
            s.close()
        idle = []
        with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
            s.sendall(b"GET /metrics HTTP/1.0\r\n\r\n")
            s.settimeout(20)
            assert s.recv(12) == b"HTTP/1.1 200"
        proc.stdin.write(b"end\n")
        proc.stdin.flush()
        _, err = proc.communicate(timeout=20)
    finally:
        for s in idle:
            s.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert b"Traceback" not in err and err.count(b"cannot accept a connection") == 1


# ---- --listen ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["127.0.0.1:９８８２", "127.0.0.1:٩٨٨٢", ":+9882", ": 9882", ":9_882", ":65536", "nope"])
def test_listen_takes_only_ascii_digits_as_a_port(text):
    with pytest.raises(argparse.ArgumentTypeError):
        listen_address(text)


def test_listen_addresses():
    assert listen_address("[::1]:0") == ("::1", 0)
    assert listen_address(":9882") == ("0.0.0.0", 9882)
    assert listen_address("127.0.0.1:09882") == ("127.0.0.1", 9882)


def _ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_command_prints_an_ipv6_url_in_brackets():
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "[::1]:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    try:
        line = proc.stdout.readline().decode()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert line.startswith("clusapi exporter: metrics on http://[::1]:") and "]:0/" not in line
    port = int(line.split("]:")[1].split("/")[0])
    assert port > 0

