"""The exporter's HTTP server: /metrics answered from what the exporter holds in memory.

    server = serve(exporter, "127.0.0.1", 9882)
    ...
    server.close()

The exporter (clusapi_py.monitor.exporter) prepares the answer; this module only serves it.
"""
import http.server
import socket
import sys
import threading
import typing

from .exporter import MISSING, Exporter, available

try:                                            # the optional extra: clusapi_py[exporter]
    from prometheus_client import exposition, openmetrics
    import prometheus_client.openmetrics.exposition
except ImportError:                             # pragma: no cover - depends on the installation
    pass


class _Handler(http.server.BaseHTTPRequestHandler):
    server: "_HTTPServer"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/metrics":
            openmetrics_wanted = "application/openmetrics-text" in self.headers.get("Accept", "")
            fmt = "openmetrics" if openmetrics_wanted else "text"
            body = self.server.exporter.render(fmt)
            ctype = (openmetrics.exposition.CONTENT_TYPE_LATEST if openmetrics_wanted
                     else exposition.CONTENT_TYPE_LATEST)
            code = 200
        elif path == "/":
            body = b"<html><body><h1>clusapi exporter</h1><p><a href=\"/metrics\">/metrics</a></p></body></html>\n"
            ctype, code = "text/html; charset=utf-8", 200
        else:
            body, ctype, code = b"not found: try /metrics\n", "text/plain; charset=utf-8", 404
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: typing.Any) -> None:
        pass                                    # no line per scrape


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # SO_REUSEADDR on Windows would let a second server bind a port already in use.
    allow_reuse_address = sys.platform != "win32"
    exporter: Exporter


class Server:
    """The HTTP server answering /metrics (Prometheus text, OpenMetrics when asked)."""

    def __init__(self, httpd: _HTTPServer, thread: threading.Thread) -> None:
        self._httpd = httpd
        self._thread = thread
        self.address: typing.Tuple[str, int] = (str(httpd.server_address[0]), int(httpd.server_address[1]))

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)


def serve(exporter: Exporter, host: str, port: int) -> Server:
    """Starts the HTTP server on host:port (port 0: a free one); OSError when it cannot listen."""
    if not available():
        raise RuntimeError(MISSING)

    class Bound(_HTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    httpd = Bound((host, port), _Handler)
    httpd.exporter = exporter
    thread = threading.Thread(target=httpd.serve_forever, name="clusapi-exporter-http", daemon=True)
    thread.start()
    return Server(httpd, thread)
