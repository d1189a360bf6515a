"""--web.config.file (exporter-toolkit's format): TLS with and without client certificates, a
minimum TLS version, basic auth with bcrypt hashes, response headers -- over real sockets on
127.0.0.1 with certificates made at test time -- and every bad file a clear start-up error."""
import base64
import http.client
import os
import socket
import ssl
import subprocess
import sys
import tempfile

import pytest

pytest.importorskip("prometheus_client", reason="the exporter extra (prometheus_client) is not installed")
bcrypt = pytest.importorskip("bcrypt", reason="the exporter extra (bcrypt) is not installed")
pytest.importorskip("yaml", reason="the exporter extra (PyYAML) is not installed")
pytest.importorskip("cryptography", reason="the test extra (cryptography) is not installed")

from clusapi_py.monitor import webconfig  # noqa: E402
from clusapi_py.monitor.webconfig import WebConfigError  # noqa: E402

from exporter_helpers import serving  # noqa: E402
from tls_helpers import server_and_clients  # noqa: E402

PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def certs():
    with tempfile.TemporaryDirectory() as folder:
        made = server_and_clients(folder)
        made["folder"] = folder
        made["hash"] = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
        yield made


def _config(certs, text):
    path = os.path.join(certs["folder"], "web-%d.yml" % abs(hash(text)))
    with open(path, "w") as f:
        f.write(text)
    return webconfig.load(path)


def _tls_yaml(certs, extra=""):
    return ("tls_server_config:\n  cert_file: %s\n  key_file: %s\n" % certs["server"]) + extra


def _client(certs, cert=None, maximum=None):
    context = ssl.create_default_context(cafile=certs["ca"])
    if cert is not None:
        context.load_cert_chain(*cert)
    if maximum is not None:
        context.maximum_version = maximum
    return context


def _get(server, context=None, headers=None, method="GET"):
    if context is None:
        conn = http.client.HTTPConnection(*server.address, timeout=20)
    else:
        conn = http.client.HTTPSConnection(*server.address, timeout=20, context=context)
    try:
        conn.request(method, "/metrics", headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _basic(user, password):
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}


def test_https_serves_and_plain_http_to_the_tls_port_is_refused(certs):
    with serving(web=_config(certs, _tls_yaml(certs))) as (_, _, server):
        assert server.url.startswith("https://127.0.0.1:")
        status, _, body = _get(server, _client(certs))
        assert status == 200 and b"clusapi_exporter_up" in body
        with socket.create_connection(server.address, timeout=20) as s:
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            try:
                answer = s.recv(100)
            except ConnectionResetError:
                answer = b""
        assert not answer.startswith(b"HTTP/1.1 200")


def test_required_client_certificate(certs):
    extra = "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: %s\n" % certs["ca"]
    with serving(web=_config(certs, _tls_yaml(certs, extra))) as (_, _, server):
        assert _get(server, _client(certs, certs["client"]))[0] == 200
        for refused in (_client(certs), _client(certs, certs["stranger"])):     # none, or from another CA
            with pytest.raises((ssl.SSLError, ConnectionError, http.client.HTTPException)):
                _get(server, refused)
        assert _get(server, _client(certs, certs["client"]))[0] == 200           # the server goes on


def test_verify_if_given_takes_no_certificate_but_refuses_a_stranger(certs):
    extra = "  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: %s\n" % certs["ca"]
    with serving(web=_config(certs, _tls_yaml(certs, extra))) as (_, _, server):
        assert _get(server, _client(certs))[0] == 200
        with pytest.raises((ssl.SSLError, ConnectionError, http.client.HTTPException)):
            _get(server, _client(certs, certs["stranger"]))


def test_client_allowed_sans(certs):
    extra = ("  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: %s\n"
             "  client_allowed_sans: [someone.else]\n" % certs["ca"])
    with serving(web=_config(certs, _tls_yaml(certs, extra))) as (_, _, server):
        with pytest.raises((ssl.SSLError, ConnectionError, http.client.HTTPException)):
            _get(server, _client(certs, certs["client"]))
    extra = extra.replace("someone.else", "prometheus.example")
    with serving(web=_config(certs, _tls_yaml(certs, extra))) as (_, _, server):
        assert _get(server, _client(certs, certs["client"]))[0] == 200


def test_min_version_refuses_older_clients(certs):
    with serving(web=_config(certs, _tls_yaml(certs, "  min_version: TLS13\n"))) as (_, _, server):
        assert _get(server, _client(certs))[0] == 200
        with pytest.raises((ssl.SSLError, ConnectionError)):
            _get(server, _client(certs, maximum=ssl.TLSVersion.TLSv1_2))


def test_basic_auth(certs):
    text = "basic_auth_users:\n  prometheus: %s\n" % certs["hash"]
    with serving(web=_config(certs, text)) as (_, _, server):
        assert _get(server, headers=_basic("prometheus", PASSWORD))[0] == 200
        for headers in ({}, _basic("prometheus", "wrong"), _basic("nobody", PASSWORD),
                        {"Authorization": "Basic !!!"}, {"Authorization": "Bearer x"},
                        {"Authorization": "Basic " + base64.b64encode(b"prometheus").decode()},
                        _basic("prometheus", PASSWORD + "x" * 100)):
            status, response_headers, body = _get(server, headers=headers)
            assert status == 401 and response_headers["WWW-Authenticate"].startswith("Basic")
            assert b"windows_mscluster" not in body
        assert _get(server, headers=_basic("prometheus", PASSWORD), method="HEAD")[0] == 200


def test_good_credentials_are_checked_with_bcrypt_once(certs, monkeypatch):
    config = _config(certs, "basic_auth_users:\n  prometheus: %s\n" % certs["hash"])
    calls = []
    real = bcrypt.checkpw
    monkeypatch.setattr(webconfig.bcrypt, "checkpw", lambda *a: calls.append(1) or real(*a))
    header = _basic("prometheus", PASSWORD)["Authorization"]
    assert config.authorized(header) and config.authorized(header) and len(calls) == 1
    assert not config.authorized(_basic("prometheus", "nope")["Authorization"])
    assert not config.authorized(_basic("prometheus", "nope")["Authorization"]) and len(calls) == 3
    assert not config.authorized(_basic("ghost", PASSWORD)["Authorization"]) and len(calls) == 4   # a dummy hash


def test_headers_from_the_file_on_every_answer(certs):
    text = ("http_server_config:\n  http2: false\n  headers:\n    X-Frame-Options: deny\n"
            "    Strict-Transport-Security: max-age=31536000\n    X-XSS-Protection: ''\n")
    with serving(web=_config(certs, text)) as (_, _, server):
        status, headers, _ = _get(server)
        assert status == 200 and headers["X-Frame-Options"] == "deny"
        assert headers["Strict-Transport-Security"] == "max-age=31536000" and "X-XSS-Protection" not in headers


def test_an_empty_file_changes_nothing(certs):
    config = _config(certs, "")
    assert config.tls_context() is None and config.users == {} and config.headers == {}


@pytest.mark.parametrize("text, message", [
    ("tls_server_config: [1, 2]\n", "tls_server_config must be a mapping"),
    ("tls: {}\n", "unknown key tls"),
    ("tls_server_config:\n  cert_file: a.crt\n", "needs cert_file (or cert) and key_file"),
    ("tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n", "tls_server_config"),
    ("{SERVER}  client_auth_type: Sometimes\n", "client_auth_type 'Sometimes' is not one of"),
    ("{SERVER}  client_auth_type: RequireAnyClientCert\n", "RequireAnyClientCert"),
    ("{SERVER}  client_auth_type: RequireAndVerifyClientCert\n", "needs client_ca_file"),
    ("{SERVER}  min_version: SSL3\n", "min_version 'SSL3' is not one of"),
    ("{SERVER}  min_version: TLS13\n  max_version: TLS12\n", "min_version is above max_version"),
    ("{SERVER}  cipher_suites: [TLS_AES_128_GCM_SHA256]\n", "cipher_suites is not supported"),
    ("{SERVER}  cert: inline\n", "cert and cert_file are both given"),
    ("{SERVER}  colour: blue\n", "unknown key tls_server_config.colour"),
    ("basic_auth_users:\n  alice: plaintext\n", "basic_auth_users.alice is not a bcrypt hash"),
    ("http_server_config:\n  headers:\n    Set-Cookie: x\n", "Set-Cookie cannot be set"),
    ("http_server_config:\n  headers:\n    X-Frame-Options: allow-all\n", "X-Frame-Options: 'allow-all' is not allowed"),
    ("http_server_config:\n  http2: maybe\n", "http2 must be true or false"),
    ("rate_limit:\n  interval: 1s\n  burst: 2\n", "rate_limit is not supported"),
    ("tls_server_config: {cert_file: [\n", "not valid YAML"),
])
def test_a_bad_file_is_a_clear_error(certs, text, message):
    text = text.replace("{SERVER}", _tls_yaml(certs))
    with pytest.raises(WebConfigError) as info:
        _config(certs, text)
    assert message in str(info.value) and "web-" in str(info.value)


def test_relative_paths_are_read_from_the_files_folder(certs):
    folder = certs["folder"]
    text = "tls_server_config:\n  cert_file: %s\n  key_file: %s\n" % tuple(os.path.basename(p) for p in certs["server"])
    assert _config(certs, text).tls_context() is not None
    assert os.path.dirname(certs["server"][0]) == folder


def test_inline_certificate_and_key(certs):
    with open(certs["server"][0]) as c, open(certs["server"][1]) as k:
        cert, key = c.read(), k.read()
    indent = lambda pem: "".join("    " + line + "\n" for line in pem.splitlines())   # noqa: E731
    config = _config(certs, "tls_server_config:\n  cert: |\n%s  key: |\n%s" % (indent(cert), indent(key)))
    with serving(web=config) as (_, _, server):
        assert _get(server, _client(certs))[0] == 200


def _cli(*argv):
    return subprocess.run([sys.executable, "-m", "clusapi_py", *argv], capture_output=True, timeout=30,
                          cwd=tempfile.gettempdir())


def test_command_with_a_bad_file_exits_3_with_one_line(certs):
    path = os.path.join(certs["folder"], "bad.yml")
    with open(path, "w") as f:
        f.write("basic_auth_users:\n  alice: plaintext\n")
    for argv in (["--web.config.file", path], ["--web.config.file", os.path.join(certs["folder"], "absent.yml")]):
        r = _cli("--sim", "exporter", "--listen", "127.0.0.1:0", *argv)
        assert r.returncode == 3 and b"Traceback" not in r.stderr
        assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith(b"clusapi: ")


def test_command_serves_https_with_the_file(certs):
    path = os.path.join(certs["folder"], "good.yml")
    with open(path, "w") as f:
        f.write(_tls_yaml(certs) + "basic_auth_users:\n  prometheus: %s\n" % certs["hash"])
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "127.0.0.1:0",
                             "--web.config.file", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tempfile.gettempdir())
    try:
        line = proc.stdout.readline().decode()
        assert line.startswith("clusapi exporter: metrics on https://127.0.0.1:")
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=20, context=_client(certs))
        conn.request("GET", "/metrics", headers=_basic("prometheus", PASSWORD))
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
