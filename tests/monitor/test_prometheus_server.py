"""The exporter scraped by a real Prometheus server (Debian's `prometheus`
package, installed with apt-get when missing): a group fails over in the
simulator, and Prometheus's HTTP query API shows its state and owner series
change; `promtool check metrics` accepts the exporter's output.

Loopback only, free ports, a temporary config and data directory, a 1 s
scrape interval; every step bounded in time; the server always killed.
Skipped (with the reason) only where apt cannot install the package;
CLUSAPI_PY_REQUIRE_PROMETHEUS=1 (CI) turns that skip into a failure.
"""
import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

pytest.importorskip("prometheus_client", reason="the exporter extra (prometheus_client) is not installed")

from clusapi_py.sim import SimulatedCluster  # noqa: E402

from exporter_helpers import running, scrape, wait_for  # noqa: E402

APT_TIMEOUT = 600
# promtool's lint (it has no switch to turn it off in 2.42) objects to names windows_exporter chose;
# the exporter keeps them so that dashboards keep working.  Anything else it says is a failure.
INHERITED_LINT = ("metric names should not contain abbreviated units", 'use base unit "seconds" instead of')


def _unavailable(reason):
    if os.environ.get("CLUSAPI_PY_REQUIRE_PROMETHEUS") == "1":
        pytest.fail(reason + " (CLUSAPI_PY_REQUIRE_PROMETHEUS=1)")
    pytest.skip(reason)


def _apt(*args):
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n", "-E"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return subprocess.run(sudo + ["apt-get", *args], capture_output=True, timeout=APT_TIMEOUT, env=env)


def _binaries():
    """(prometheus, promtool), installing Debian's package when they are missing."""
    found = shutil.which("prometheus"), shutil.which("promtool")
    if all(found):
        return found
    if shutil.which("apt-get") is None:
        _unavailable("no prometheus binary and no apt-get to install Debian's prometheus package")
    if os.geteuid() != 0 and shutil.which("sudo") is None:
        _unavailable("no prometheus binary, not root and no sudo: apt-get cannot install it")
    r = _apt("install", "-y", "-q", "prometheus")
    if r.returncode != 0:
        _apt("update", "-q")
        r = _apt("install", "-y", "-q", "prometheus")
    found = shutil.which("prometheus"), shutil.which("promtool")
    if r.returncode != 0 or not all(found):
        _unavailable("apt-get install prometheus failed: %s" % r.stderr.decode(errors="replace")[-400:])
    return found


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _query(base, promql):
    url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    with urllib.request.urlopen(url, timeout=5) as response:
        body = json.load(response)
    assert body["status"] == "success", body
    return {tuple(sorted(r["metric"].items())): float(r["value"][1]) for r in body["data"]["result"]}


def _one(base, promql):
    try:
        found = _query(base, promql)
    except OSError:
        return None
    return next(iter(found.values())) if len(found) == 1 else None


def test_promtool_accepts_the_output():
    _, promtool = _binaries()
    sim = SimulatedCluster()
    sim.add_group('Odd "quoted" \\ back\nslash Ω 𝄞', owner_node="NODE2")    # escapes in label values
    with running(sim, property_interval=1) as (_, exporter, url):
        assert exporter.wait_properties(10)
        exporter._view.flush()
        _, text = scrape(url)
    assert "back\\nslash" in text
    r = subprocess.run([promtool, "check", "metrics"], input=text.encode(), capture_output=True, timeout=60)
    problems = [line for line in (r.stdout + r.stderr).decode().splitlines() if line.strip()]
    unexpected = [p for p in problems if not (p.startswith("windows_mscluster_") and any(x in p for x in INHERITED_LINT))]
    assert unexpected == [], unexpected
    assert r.returncode in (0, 3) and (r.returncode == 0) == (not problems)


@contextlib.contextmanager
def _prometheus(tmp, config_text):
    """A Prometheus server with this configuration, on a free loopback port: its base URL."""
    prometheus, _ = _binaries()
    config = os.path.join(tmp, "prometheus.yml")
    with open(config, "w") as f:
        f.write(config_text)
    port = _free_port()
    base = "http://127.0.0.1:%d" % port
    log = open(os.path.join(tmp, "prometheus.log"), "wb")
    proc = subprocess.Popen([prometheus, "--config.file=" + config, "--storage.tsdb.path=" + os.path.join(tmp, "data"),
                             "--web.listen-address=127.0.0.1:%d" % port, "--log.level=warn"],
                            stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    try:
        def ready():
            try:
                with urllib.request.urlopen(base + "/-/ready", timeout=2) as response:
                    return response.status == 200
            except OSError:
                return proc.poll() is not None
        assert wait_for(ready, timeout=30, step=0.2) and proc.poll() is None, "prometheus did not start"
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


_GLOBAL = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"


def test_prometheus_sees_a_failover():
    _binaries()
    started = time.monotonic()
    with running(property_interval=1) as (sim, exporter, url), tempfile.TemporaryDirectory() as tmp:
        target = urllib.parse.urlparse(url).netloc
        config = (_GLOBAL + "scrape_configs:\n  - job_name: clusapi\n    static_configs:\n"
                  "      - targets: ['%s']\n" % target)
        with _prometheus(tmp, config) as base:
            fs01 = 'windows_mscluster_resourcegroup_state{name="FS01"}'
            owner = 'windows_mscluster_resourcegroup_owner_node{name="FS01",node_name="%s"}'
            assert wait_for(lambda: _one(base, fs01) == 0, timeout=20, step=0.3), "never scraped"
            assert _one(base, owner % "NODE3") == 1 and _one(base, owner % "NODE1") == 0
            assert _one(base, "clusapi_exporter_up") == 1
            assert _one(base, 'up{job="clusapi"}') == 1

            sim.set_group_state("FS01", "FAILED")
            assert wait_for(lambda: _one(base, fs01) == 2, timeout=15, step=0.3), "FAILED not seen"
            sim.move_group("FS01", "NODE1")
            sim.set_group_state("FS01", "ONLINE")
            assert wait_for(lambda: _one(base, owner % "NODE1") == 1, timeout=15, step=0.3), "new owner not seen"
            assert wait_for(lambda: _one(base, fs01) == 0, timeout=15, step=0.3)
            assert _one(base, owner % "NODE3") == 0
            # Prometheus's own history of the series: it went to FAILED and back, and changed owner.
            assert _one(base, "changes(%s[5m])" % fs01) >= 2
            assert _one(base, "max_over_time(%s[5m])" % fs01) == 2
            assert _one(base, "changes(%s[5m])" % (owner % "NODE3")) >= 1
            # The resource series followed the group.
            res = 'windows_mscluster_resource_owner_node{name="FS01 Name",node_name="NODE1"}'
            assert wait_for(lambda: _one(base, res) == 1, timeout=15, step=0.3)
    assert time.monotonic() - started < 120


def _targets(base):
    """{job: (health, lastError)} from Prometheus's targets API."""
    with urllib.request.urlopen(base + "/api/v1/targets", timeout=5) as response:
        body = json.load(response)
    return {t["labels"]["job"]: (t["health"], t["lastError"]) for t in body["data"]["activeTargets"]}


def test_prometheus_scrapes_over_https_with_basic_auth():
    """--web.config.file with TLS, a required client certificate and basic auth: Prometheus's own
    tls_config and basic_auth scrape it; a wrong password gets 401, a scraper without the client
    certificate and one speaking plain HTTP are refused."""
    _binaries()
    bcrypt = pytest.importorskip("bcrypt", reason="the exporter extra (bcrypt) is not installed")
    pytest.importorskip("yaml", reason="the exporter extra (PyYAML) is not installed")
    pytest.importorskip("cryptography", reason="the test extra (cryptography) is not installed")
    from clusapi_py.monitor import webconfig
    from tls_helpers import server_and_clients

    with tempfile.TemporaryDirectory() as tmp:
        certs = server_and_clients(tmp)
        web = os.path.join(tmp, "web.yml")
        with open(web, "w") as f:
            f.write("tls_server_config:\n  cert_file: %s\n  key_file: %s\n" % certs["server"]
                    + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: %s\n" % certs["ca"]
                    + "  min_version: TLS12\n"
                    + "basic_auth_users:\n  prometheus: %s\n" % bcrypt.hashpw(b"s3cret", bcrypt.gensalt(4)).decode())

        def job(name, scheme="https", password="s3cret", cert=True):
            tls = "      ca_file: %s\n" % certs["ca"]
            if cert:
                tls += "      cert_file: %s\n      key_file: %s\n" % certs["client"]
            return ("  - job_name: %s\n    scheme: %s\n    tls_config:\n%s"
                    "    basic_auth:\n      username: prometheus\n      password: %s\n"
                    "    static_configs:\n      - targets: ['%s']\n" % (name, scheme, tls, password, target))

        with running(web=webconfig.load(web)) as (_, _, url):
            assert url.startswith("https://")
            target = urllib.parse.urlparse(url).netloc
            config = _GLOBAL + "scrape_configs:\n" + job("good") + job("wrong_password", password="guess") \
                + job("no_certificate", cert=False) + job("plain_http", scheme="http")
            with _prometheus(tmp, config) as base:
                def all_scraped():
                    try:
                        found = _targets(base)
                    except OSError:
                        return None
                    return found if len(found) == 4 and all(h != "unknown" for h, _ in found.values()) else None
                found = wait_for(all_scraped, timeout=30, step=0.3)
                assert found, "not every job was scraped"
                assert wait_for(lambda: _one(base, 'clusapi_exporter_up{job="good"}') == 1, timeout=20, step=0.3)
                assert _one(base, 'up{job="good"}') == 1
                assert _one(base, 'windows_mscluster_resourcegroup_state{job="good",name="FS01"}') == 0
                found = _targets(base)
                assert found["good"] == ("up", "")
                assert found["wrong_password"][0] == "down" and "401" in found["wrong_password"][1]
                assert found["no_certificate"][0] == "down" and "401" not in found["no_certificate"][1]
                assert found["plain_http"][0] == "down"
                for name in ("wrong_password", "no_certificate", "plain_http"):
                    assert _one(base, 'up{job="%s"}' % name) == 0
                    assert _one(base, 'clusapi_exporter_up{job="%s"}' % name) is None
