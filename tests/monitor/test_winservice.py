"""`clusapi exporter` as a Windows service.  Everywhere: the service's life (ServiceRun) with the
SCM's reports recorded -- START_PENDING, RUNNING only once the server listens, a scrape answered,
STOP_PENDING on SERVICE_CONTROL_STOP, STOPPED with the port released -- and the installed command
line.  On Windows (the Wine stage runs it under Wine's service control manager): installed with
--install-service, started, scraped, stopped and uninstalled through the SCM."""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.request

import pytest

pytest.importorskip("prometheus_client", reason="the exporter extra (prometheus_client) is not installed")

import clusapi_py  # noqa: E402
from clusapi_py.cli import exporter as cli_exporter  # noqa: E402
from clusapi_py.cli import winservice  # noqa: E402
from clusapi_py.cli._common import Context  # noqa: E402
from clusapi_py.sim import SimulatedCluster  # noqa: E402

from exporter_helpers import wait_for  # noqa: E402


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _released(port):
    """A new exporter could listen on `port` (with SO_REUSEADDR off Windows, as the exporter binds:
    the closed connections' TIME_WAIT does not hold the port)."""
    with socket.socket() as s:
        if sys.platform != "win32":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen(1)
            return True
        except OSError:
            return False


def _args(port, **extra):
    parser = argparse.ArgumentParser()
    cli_exporter.arguments(parser)
    args = parser.parse_args(["--listen", "127.0.0.1:%d" % port])
    for key, value in extra.items():
        setattr(args, key, value)
    return args


def _scrape(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=20) as response:
        return response.read()


class Recorder:
    def __init__(self):
        self.reports = []
        self.running = threading.Event()

    def __call__(self, state, accepted, exit_code, specific, hint):
        self.reports.append((state, accepted, exit_code, specific))
        if state == winservice.SERVICE_RUNNING:
            self.running.set()


def test_the_service_reports_running_once_it_listens_and_stops_on_stop():
    port = _free_port()
    sim = SimulatedCluster()
    ctx = Context(None, True, connect=lambda: clusapi_py.open_cluster(backend=sim))
    args = _args(port)
    report = Recorder()
    listening_at = []

    def serve(stop, listening):
        def on_listening(server):
            listening_at.append(_released(port))         # False: the port is taken when RUNNING is reported
            listening()
        return cli_exporter.serve_until(ctx, args, stop, on_listening)

    run = winservice.ServiceRun(serve, report)
    thread = threading.Thread(target=run.main)
    thread.start()
    try:
        assert report.running.wait(30)
        assert listening_at == [False]
        assert b"clusapi_exporter_up" in _scrape(port)
        assert run.control(winservice.SERVICE_CONTROL_INTERROGATE) == winservice.NO_ERROR
        assert run.control(200) == winservice.ERROR_CALL_NOT_IMPLEMENTED
        assert run.control(winservice.SERVICE_CONTROL_STOP) == winservice.NO_ERROR
    finally:
        run.stop.set()
        thread.join(30)
    assert not thread.is_alive() and run.error is None
    accepted = winservice.SERVICE_ACCEPT_STOP | winservice.SERVICE_ACCEPT_SHUTDOWN
    assert report.reports == [(winservice.SERVICE_START_PENDING, 0, 0, 0), (winservice.SERVICE_RUNNING, accepted, 0, 0),
                              (winservice.SERVICE_STOP_PENDING, 0, 0, 0), (winservice.SERVICE_STOPPED, 0, 0, 0)]
    assert _released(port)


def test_a_service_that_cannot_listen_stops_with_its_exit_code():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        ctx = Context(None, True, connect=lambda: clusapi_py.open_cluster(backend=SimulatedCluster()))
        args = _args(taken.getsockname()[1])
        report = Recorder()
        run = winservice.ServiceRun(lambda stop, listening: cli_exporter.serve_until(ctx, args, stop,
                                                                                       lambda s: listening()), report)
        run.main()
    assert report.reports == [(winservice.SERVICE_START_PENDING, 0, 0, 0),
                              (winservice.SERVICE_STOPPED, 0, winservice.ERROR_SERVICE_SPECIFIC_ERROR, 3)]
    assert "cannot listen" in str(run.error)


def test_the_installed_command_line():
    folder = os.path.abspath("conf")
    argv = ["--sim", "exporter", "--listen", ":9882", "--install-service", "--service-name", "N",
            "--web.config.file", os.path.join("conf", "web.yml"), "--owner-series=owner"]
    assert winservice.service_argv(argv, "N") == [
        "--sim", "exporter", "--run-service", "N", "--listen", ":9882", "--web.config.file",
        os.path.join(folder, "web.yml"), "--owner-series=owner"]
    assert winservice.service_argv(["--sim=t.json", "exporter", "--service-name=X", "--web.config.file=w.yml"], "X") == [
        "--sim=" + os.path.abspath("t.json"), "exporter", "--run-service", "X",
        "--web.config.file=" + os.path.abspath("w.yml")]
    line = winservice.command_line(["exporter", "--listen", "127.0.0.1:9882"], "my service")
    assert line.endswith('-m clusapi_py exporter --run-service "my service" --listen 127.0.0.1:9882')


@pytest.mark.skipif(sys.platform == "win32", reason="the refusal is for other systems")
def test_service_options_elsewhere_are_a_clear_error():
    r = subprocess.run([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--install-service"],
                       capture_output=True, timeout=30, cwd=tempfile.gettempdir())
    assert r.returncode == 3 and b"are for Windows" in r.stderr and b"Traceback" not in r.stderr


@pytest.mark.skipif(sys.platform != "win32", reason="the service control manager is Windows'")
def test_installed_started_scraped_stopped_under_the_service_control_manager():
    name = "clusapi_test_%d" % os.getpid()
    port = _free_port()
    log = os.path.join(tempfile.mkdtemp(), "service.log")
    cli = [sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "127.0.0.1:%d" % port,
           "--service-name", name, "--log-file", log]
    r = subprocess.run(cli + ["--install-service"], capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    try:
        assert winservice.state(name) == winservice.SERVICE_STOPPED
        winservice.start(name)
        assert wait_for(lambda: winservice.state(name) == winservice.SERVICE_RUNNING, timeout=90, step=0.2)
        assert not _released(port)
        assert b"clusapi_exporter_up" in _scrape(port)
        winservice.stop(name)
        assert wait_for(lambda: winservice.state(name) == winservice.SERVICE_STOPPED, timeout=60, step=0.2)
        assert wait_for(lambda: _released(port), timeout=30, step=0.2)
        with open(log, encoding="utf-8") as f:          # the service's lines, from its start to its stop
            text = f.read()
        assert "metrics on http://127.0.0.1:%d/metrics" % port in text and text.rstrip().endswith("INFO: stopped")
    finally:
        r = subprocess.run(cli + ["--uninstall-service"], capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    with pytest.raises(OSError):
        winservice.state(name)


# ---- the service's log file ----------------------------------------------------------------------------
def test_a_service_logs_to_its_default_file_under_programdata(tmp_path, monkeypatch):
    # a service has no console: its lines (connect, listening, stop) go to
    # %ProgramData%\clusapi_py\<service name>.log unless --log-file says where
    monkeypatch.setenv("ProgramData", str(tmp_path))
    port = _free_port()
    ctx = Context(None, True, connect=lambda: clusapi_py.open_cluster(backend=SimulatedCluster()))
    args = _args(port, run_service="My exporter/1")
    report = Recorder()
    run = winservice.ServiceRun(lambda stop, listening: cli_exporter.serve_until(ctx, args, stop,
                                                                                 lambda s: listening()), report)
    thread = threading.Thread(target=run.main)
    thread.start()
    path = tmp_path / "clusapi_py" / "My_exporter_1.log"
    try:
        assert report.running.wait(30)
        assert wait_for(lambda: path.exists() and "connected to cluster" in path.read_text("utf-8"), timeout=20)
    finally:
        run.stop.set()
        thread.join(30)
    lines = path.read_text("utf-8").splitlines()
    assert any("INFO: metrics on http://127.0.0.1:%d/metrics" % port in line for line in lines)
    assert lines[-1].endswith("clusapi exporter: INFO: stopped")
    assert not any(isinstance(h, cli_exporter.logging.FileHandler) for h in cli_exporter.ex.log.handlers)


def test_the_log_file_option_and_its_rotation(tmp_path):
    args = _args(1, log_file=str(tmp_path / "x.log"))
    assert cli_exporter.log_file_of(args) == str(tmp_path / "x.log")
    assert cli_exporter.log_file_of(_args(1)) is None                          # a plain run: stderr only
    handler = cli_exporter._log_to_file(str(tmp_path / "new" / "folder" / "x.log"))     # its folder is made
    try:
        assert (handler.maxBytes, handler.backupCount) == (cli_exporter.LOG_FILE_BYTES, cli_exporter.LOG_FILE_BACKUPS)
        assert (tmp_path / "new" / "folder").is_dir()
    finally:
        cli_exporter.ex.log.removeHandler(handler)
        handler.close()
    assert winservice.service_argv(["exporter", "--log-file", "x.log", "--install-service"], "N") == [
        "exporter", "--run-service", "N", "--log-file", os.path.abspath("x.log")]
    assert winservice.service_argv(["exporter", "--log-file=x.log"], "N") == [
        "exporter", "--run-service", "N", "--log-file=" + os.path.abspath("x.log")]


def test_the_exporter_writes_its_lines_to_the_log_file_and_stderr(tmp_path):
    log = tmp_path / "logs" / "exporter.log"
    proc = subprocess.Popen([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "127.0.0.1:0",
                             "--log-file", str(log)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=str(tmp_path))
    try:
        assert b"/metrics" in proc.stdout.readline()
        assert wait_for(lambda: log.exists() and "connected to cluster" in log.read_text("utf-8"), timeout=20)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    text = log.read_text("utf-8")
    assert "INFO: metrics on http://127.0.0.1:" in text and "INFO: connected to cluster CLUSTER01" in text
    assert b"connected to cluster CLUSTER01" in err


def test_a_log_file_that_cannot_be_opened_is_a_start_up_error(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    r = subprocess.run([sys.executable, "-m", "clusapi_py", "--sim", "exporter", "--listen", "127.0.0.1:0",
                        "--log-file", str(blocker / "x.log")], capture_output=True, timeout=30, cwd=str(tmp_path))
    assert r.returncode == 3 and b"cannot open the log file" in r.stderr and b"Traceback" not in r.stderr
