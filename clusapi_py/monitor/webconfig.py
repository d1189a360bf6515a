"""`--web.config.file`: TLS, basic auth and response headers, in the web configuration format of
Prometheus' exporter-toolkit (the YAML file node_exporter and windows_exporter read).

    tls_server_config:
      cert_file: server.crt              # paths relative to the file's own folder
      key_file: server.key
      client_auth_type: RequireAndVerifyClientCert
      client_ca_file: clients-ca.crt
      min_version: TLS12
    basic_auth_users:
      prometheus: $2y$10$...             # bcrypt hashes (htpasswd -nBC 10 "" | tr -d ':\\n')
    http_server_config:
      headers:
        Strict-Transport-Security: max-age=31536000

Read once, at start-up; anything wrong is a WebConfigError naming the file and the key.  Where
Python's TLS differs from Go's, the difference is refused, not approximated silently:
RequireAnyClientCert (a certificate required but not verified) cannot be expressed and is refused;
RequestClientCert is served as NoClientCert (the certificate would never be used); cipher_suites,
curve_preferences and rate_limit are refused; http2 is accepted and ignored (HTTP/1.1 only).
"""
import base64
import binascii
import hashlib
import os
import ssl
import tempfile
import threading
import typing

try:                                            # the optional extra: clusapi_py[exporter]
    import bcrypt
except ImportError:                             # pragma: no cover - depends on the installation
    bcrypt = None  # type: ignore[assignment]
try:
    import yaml  # type: ignore[import-untyped]
except ImportError:                             # pragma: no cover - depends on the installation
    yaml = None

CLIENT_AUTH = {
    "NoClientCert": ssl.CERT_NONE,
    "RequestClientCert": ssl.CERT_NONE,
    "VerifyClientCertIfGiven": ssl.CERT_OPTIONAL,
    "RequireAndVerifyClientCert": ssl.CERT_REQUIRED,
}
TLS_VERSIONS = {"TLS10": ssl.TLSVersion.TLSv1, "TLS11": ssl.TLSVersion.TLSv1_1,
                "TLS12": ssl.TLSVersion.TLSv1_2, "TLS13": ssl.TLSVersion.TLSv1_3}
# The headers exporter-toolkit lets a file set, and the values it allows where it restricts them.
HEADERS: typing.Dict[str, typing.Optional[typing.Tuple[str, ...]]] = {
    "Content-Security-Policy": None, "X-Frame-Options": ("deny", "sameorigin"),
    "X-Content-Type-Options": ("nosniff",), "X-XSS-Protection": None, "Strict-Transport-Security": None}
_TLS_KEYS = {"cert", "key", "client_ca", "cert_file", "key_file", "client_auth_type", "client_ca_file",
             "client_allowed_sans", "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites",
             "curve_preferences"}
# Spent on an unknown user, so that a wrong name costs the time of a wrong password.
_DUMMY_HASH = b"$2b$10$hR2k.wB02eituiLIM8dxLeh2Jeo6lZVxKrvr8849zHwXNa2zNRe9S"
_CACHE_SIZE = 64


class WebConfigError(ValueError):
    """The web configuration file cannot be used (the message names the file and the key)."""


class WebConfig:
    """What a web configuration file asks for (see the module docstring)."""

    def __init__(self, tls: typing.Optional[ssl.SSLContext] = None,
                 users: typing.Optional[typing.Dict[str, bytes]] = None,
                 headers: typing.Optional[typing.Dict[str, str]] = None,
                 allowed_sans: typing.Sequence[str] = ()) -> None:
        self._tls = tls
        self.users: typing.Dict[str, bytes] = users or {}
        self.headers: typing.Dict[str, str] = headers or {}
        self.allowed_sans = frozenset(allowed_sans)
        self._granted: typing.Dict[bytes, None] = {}          # digests of credentials checked good
        self._lock = threading.Lock()

    def tls_context(self) -> typing.Optional[ssl.SSLContext]:
        return self._tls

    def peer_allowed(self, certificate: typing.Optional[typing.Dict[str, typing.Any]]) -> bool:
        """client_allowed_sans: the verified client certificate names one of them (True when unset)."""
        if not self.allowed_sans:
            return True
        names = {str(value) for _, value in (certificate or {}).get("subjectAltName", ())}
        return bool(names & self.allowed_sans)

    def authorized(self, header: typing.Optional[str]) -> bool:
        """The Authorization header carries a user of basic_auth_users and its password.  Checked
        with bcrypt, which compares in constant time; an unknown user is checked against a dummy
        hash so that it takes as long; credentials found good are remembered (as a digest) so that
        a scrape every few seconds does not pay bcrypt's cost each time."""
        if not header or not header[:6].lower() == "basic ":
            return False
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        user_bytes, sep, password = decoded.partition(b":")
        user = user_bytes.decode("utf-8", "replace")
        hashed = self.users.get(user, _DUMMY_HASH)
        digest = hashlib.sha256(b"\0".join((user_bytes, password, hashed))).digest()
        with self._lock:
            if digest in self._granted:
                return True
        try:
            good = bool(sep) and bcrypt.checkpw(password, hashed) and user in self.users
        except ValueError:                      # e.g. a password over bcrypt's 72 bytes
            good = False
        if good:
            with self._lock:
                self._granted[digest] = None
                while len(self._granted) > _CACHE_SIZE:
                    del self._granted[next(iter(self._granted))]
        return good


def _mapping(value: object, where: str, path: str) -> typing.Dict[str, typing.Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise WebConfigError("%s: %s must be a mapping" % (path, where))
    return value


def _string(section: typing.Dict[str, typing.Any], key: str, where: str, path: str) -> typing.Optional[str]:
    value = section.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise WebConfigError("%s: %s.%s must be a string" % (path, where, key))
    return value


def _tls_context(section: typing.Dict[str, typing.Any], folder: str, path: str) -> ssl.SSLContext:
    where = "tls_server_config"
    unknown = sorted(set(section) - _TLS_KEYS)
    if unknown:
        raise WebConfigError("%s: unknown key %s.%s" % (path, where, unknown[0]))
    for key in ("cipher_suites", "curve_preferences"):
        if section.get(key):
            raise WebConfigError("%s: %s.%s is not supported (Python's TLS takes OpenSSL's defaults)" % (path, where, key))
    values = {key: _string(section, key, where, path) for key in
              ("cert", "key", "client_ca", "cert_file", "key_file", "client_auth_type", "client_ca_file",
               "min_version", "max_version")}

    def located(name: typing.Optional[str]) -> typing.Optional[str]:
        return os.path.join(folder, name) if name is not None else None

    cert_file, key_file, ca_file = located(values["cert_file"]), located(values["key_file"]), located(values["client_ca_file"])
    for inline, named in (("cert", "cert_file"), ("key", "key_file"), ("client_ca", "client_ca_file")):
        if values[inline] is not None and values[named] is not None:
            raise WebConfigError("%s: %s.%s and %s are both given: one of them" % (path, where, inline, named))
    if (values["cert"] or cert_file) is None or (values["key"] or key_file) is None:
        raise WebConfigError("%s: %s needs cert_file (or cert) and key_file (or key)" % (path, where))
    auth = values["client_auth_type"] or ("RequireAndVerifyClientCert" if (ca_file or values["client_ca"]) else "NoClientCert")
    if auth == "RequireAnyClientCert":
        raise WebConfigError("%s: %s.client_auth_type RequireAnyClientCert (a certificate required but not verified) "
                             "is not supported: use RequireAndVerifyClientCert with client_ca_file" % (path, where))
    if auth not in CLIENT_AUTH:
        raise WebConfigError("%s: %s.client_auth_type %r is not one of %s, RequireAnyClientCert"
                             % (path, where, auth, ", ".join(CLIENT_AUTH)))
    verify = CLIENT_AUTH[auth]
    if verify != ssl.CERT_NONE and ca_file is None and values["client_ca"] is None:
        raise WebConfigError("%s: %s.client_auth_type %s needs client_ca_file" % (path, where, auth))
    if section.get("client_allowed_sans") and auth != "RequireAndVerifyClientCert":
        raise WebConfigError("%s: %s.client_allowed_sans needs client_auth_type RequireAndVerifyClientCert" % (path, where))
    versions = []
    for key, default in (("min_version", "TLS12"), ("max_version", "TLS13")):
        name = values[key] or default
        if name not in TLS_VERSIONS:
            raise WebConfigError("%s: %s.%s %r is not one of %s" % (path, where, key, name, ", ".join(TLS_VERSIONS)))
        versions.append(TLS_VERSIONS[name])
    if versions[0] > versions[1]:
        raise WebConfigError("%s: %s.min_version is above max_version" % (path, where))

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.minimum_version, context.maximum_version = versions
    except (ValueError, ssl.SSLError) as exc:
        raise WebConfigError("%s: %s: this OpenSSL refuses those TLS versions: %s" % (path, where, exc)) from None
    if section.get("prefer_server_cipher_suites", True) is False:
        context.options &= ~ssl.OP_CIPHER_SERVER_PREFERENCE
    try:
        if cert_file is not None and key_file is not None:
            context.load_cert_chain(cert_file, key_file)
        else:
            _load_inline(context, values["cert"] or "", values["key"] or "", cert_file, key_file)
        context.verify_mode = verify
        if verify != ssl.CERT_NONE:
            context.load_verify_locations(cafile=ca_file, cadata=values["client_ca"])
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise WebConfigError("%s: %s: %s" % (path, where, getattr(exc, "strerror", None) or exc)) from None
    return context


def _load_inline(context: ssl.SSLContext, cert: str, key: str, cert_file: typing.Optional[str],
                 key_file: typing.Optional[str]) -> None:
    """An inline cert or key (PEM text): OpenSSL loads chains from files only, so through a
    private temporary folder, removed at once."""
    with tempfile.TemporaryDirectory(prefix="clusapi-web-") as folder:
        if cert_file is None:
            cert_file = os.path.join(folder, "cert.pem")
            with open(cert_file, "w", encoding="ascii", opener=lambda p, f: os.open(p, f, 0o600)) as out:
                out.write(cert)
        if key_file is None:
            key_file = os.path.join(folder, "key.pem")
            with open(key_file, "w", encoding="ascii", opener=lambda p, f: os.open(p, f, 0o600)) as out:
                out.write(key)
        context.load_cert_chain(cert_file, key_file)


def _users(section: typing.Dict[str, typing.Any], path: str) -> typing.Dict[str, bytes]:
    users = {}
    for user, hashed in section.items():
        if not isinstance(hashed, str) or not hashed.startswith(("$2a$", "$2b$", "$2y$")) or len(hashed) != 60:
            raise WebConfigError("%s: basic_auth_users.%s is not a bcrypt hash ($2y$10$... , 60 characters)" % (path, user))
        users[user] = hashed.encode("ascii")
    if users and bcrypt is None:
        raise WebConfigError("%s: basic_auth_users needs bcrypt: pip install \"clusapi_py[exporter]\"" % path)
    return users


def _headers(section: typing.Dict[str, typing.Any], path: str) -> typing.Dict[str, str]:
    unknown = sorted(set(section) - {"http2", "headers"})
    if unknown:
        raise WebConfigError("%s: unknown key http_server_config.%s" % (path, unknown[0]))
    if not isinstance(section.get("http2", True), bool):
        raise WebConfigError("%s: http_server_config.http2 must be true or false" % path)
    headers = {}
    for name, value in _mapping(section.get("headers"), "http_server_config.headers", path).items():
        canonical = next((h for h in HEADERS if h.lower() == name.lower()), None)
        if canonical is None:
            raise WebConfigError("%s: http_server_config.headers: %s cannot be set (only %s)" % (path, name, ", ".join(HEADERS)))
        if value is None or value == "":
            continue
        allowed = HEADERS[canonical]
        if not isinstance(value, str) or "\r" in value or "\n" in value or (
                allowed is not None and value.lower() not in allowed):
            raise WebConfigError("%s: http_server_config.headers.%s: %r is not allowed%s" % (
                path, canonical, value, "" if allowed is None else " (one of %s)" % ", ".join(allowed)))
        headers[canonical] = value
    return headers


def parse(text: str, path: str) -> WebConfig:
    """A WebConfig from the file's text (`path` names it in messages and anchors relative paths)."""
    if yaml is None:
        raise WebConfigError("%s: reading it needs PyYAML: pip install \"clusapi_py[exporter]\"" % path) from None
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WebConfigError("%s: not valid YAML: %s" % (path, str(exc).replace("\n", " "))) from None
    top = _mapping(document, "the file", path)
    unknown = sorted(set(top) - {"tls_server_config", "http_server_config", "basic_auth_users", "rate_limit"})
    if unknown:
        raise WebConfigError("%s: unknown key %s" % (path, unknown[0]))
    if top.get("rate_limit"):
        raise WebConfigError("%s: rate_limit is not supported" % path)
    folder = os.path.dirname(os.path.abspath(path))
    tls_section = _mapping(top.get("tls_server_config"), "tls_server_config", path)
    tls = _tls_context(tls_section, folder, path) if tls_section else None
    sans = tls_section.get("client_allowed_sans") or []
    if not isinstance(sans, list) or not all(isinstance(s, str) for s in sans):
        raise WebConfigError("%s: tls_server_config.client_allowed_sans must be a list of strings" % path)
    return WebConfig(tls, _users(_mapping(top.get("basic_auth_users"), "basic_auth_users", path), path),
                     _headers(_mapping(top.get("http_server_config"), "http_server_config", path), path), sans)


def load(path: str) -> WebConfig:
    """parse() of the file at `path`; WebConfigError when it cannot be read or used."""
    try:
        with open(path, encoding="utf-8") as source:
            text = source.read(1 << 20)
    except (OSError, UnicodeDecodeError) as exc:
        raise WebConfigError("%s: cannot read it: %s" % (path, getattr(exc, "strerror", None) or exc)) from None
    return parse(text, path)
