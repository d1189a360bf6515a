"""`clusapi exporter` as a Windows service, through advapi32 with ctypes (no pywin32).

    clusapi exporter --install-service [--service-name N] [exporter options]   # as an administrator
    clusapi exporter --uninstall-service [--service-name N]

--install-service registers a service (own process, automatic start, LocalSystem) whose command
line is this Python running `-m clusapi_py [global options] exporter --run-service N [exporter
options]`.  Started by the service control manager (SCM), that process hands its main thread to
StartServiceCtrlDispatcherW; the service's main reports SERVICE_START_PENDING, starts the
exporter, reports SERVICE_RUNNING once the HTTP server listens, and on SERVICE_CONTROL_STOP (or
SHUTDOWN) reports SERVICE_STOP_PENDING, closes the server (the port is released) and the
exporter, and reports SERVICE_STOPPED.

`ServiceRun` is that life apart from the SCM calls (portable, unit-tested everywhere); the
functions below it call the SCM and exist on Windows only.
"""
import os
import subprocess
import sys
import threading
import typing

SERVICE_WIN32_OWN_PROCESS = 0x10
SERVICE_STOPPED, SERVICE_START_PENDING, SERVICE_STOP_PENDING, SERVICE_RUNNING = 1, 2, 3, 4
SERVICE_ACCEPT_STOP, SERVICE_ACCEPT_SHUTDOWN = 0x1, 0x4
SERVICE_CONTROL_STOP, SERVICE_CONTROL_INTERROGATE, SERVICE_CONTROL_SHUTDOWN = 1, 4, 5
NO_ERROR, ERROR_CALL_NOT_IMPLEMENTED, ERROR_SERVICE_SPECIFIC_ERROR = 0, 120, 1066
ERROR_FAILED_SERVICE_CONTROLLER_CONNECT, ERROR_SERVICE_NOT_ACTIVE = 1063, 1062
DEFAULT_NAME = "clusapi_exporter"
DISPLAY_NAME = "clusapi_py Prometheus exporter (failover cluster)"
PENDING_HINT_MS = 30000

# report(state, controls accepted, win32 exit code, service-specific exit code, wait hint in ms)
Report = typing.Callable[[int, int, int, int, int], None]
# serve(stop, listening) -> exit code: runs until `stop` is set, calls listening() once it serves
Serve = typing.Callable[[threading.Event, typing.Callable[[], None]], int]


class ServiceRun:
    """One run of the service: main() on the SCM's service thread, control() from its handler."""

    def __init__(self, serve: Serve, report: Report) -> None:
        self._serve = serve
        self._report = report
        self.stop = threading.Event()
        self.error: typing.Optional[BaseException] = None

    def main(self) -> None:
        self._report(SERVICE_START_PENDING, 0, NO_ERROR, 0, PENDING_HINT_MS)
        try:
            code = self._serve(self.stop, lambda: self._report(
                SERVICE_RUNNING, SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN, NO_ERROR, 0, 0))
        except BaseException as exc:            # the SCM is told; nothing above this thread would be
            self.error, code = exc, 3
        if code == 0:
            self._report(SERVICE_STOPPED, 0, NO_ERROR, 0, 0)
        else:
            self._report(SERVICE_STOPPED, 0, ERROR_SERVICE_SPECIFIC_ERROR, code, 0)

    def control(self, code: int) -> int:
        if code in (SERVICE_CONTROL_STOP, SERVICE_CONTROL_SHUTDOWN):
            self._report(SERVICE_STOP_PENDING, 0, NO_ERROR, 0, PENDING_HINT_MS)
            self.stop.set()
            return NO_ERROR
        if code == SERVICE_CONTROL_INTERROGATE:
            return NO_ERROR
        return ERROR_CALL_NOT_IMPLEMENTED


def service_argv(argv: typing.Sequence[str], name: str) -> typing.List[str]:
    """The service's arguments from the installing command's: --install-service and
    --service-name dropped, `--run-service NAME` after `exporter`, and the --web.config.file,
    --log-file and --sim paths made absolute (a service starts in System32)."""
    out: typing.List[str] = []
    words = iter(argv)
    for word in words:
        if word in ("--install-service", "--uninstall-service"):
            continue
        if word == "--service-name":
            next(words, None)
            continue
        if word.startswith("--service-name="):
            continue
        for option in ("--web.config.file", "--log-file", "--sim"):
            if word.startswith(option + "=") and word != "--sim=":
                word = option + "=" + os.path.abspath(word.split("=", 1)[1])
            elif word == option and option != "--sim":
                out.append(word)
                word = os.path.abspath(next(words, ""))
        out.append(word)
        if word == "exporter":
            out += ["--run-service", name]
    return out


def command_line(argv: typing.Sequence[str], name: str) -> str:
    """The service's command line: this Python, `-m clusapi_py`, service_argv()."""
    return subprocess.list2cmdline([sys.executable, "-m", "clusapi_py", *service_argv(argv, name)])


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _advapi = ctypes.WinDLL("advapi32", use_last_error=True)
    SC_HANDLE = ctypes.c_void_p
    SC_MANAGER_CONNECT, SC_MANAGER_CREATE_SERVICE = 0x1, 0x2
    SERVICE_QUERY_STATUS, SERVICE_START, SERVICE_STOP, DELETE = 0x4, 0x10, 0x20, 0x10000
    SERVICE_CHANGE_CONFIG = 0x2
    SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, SERVICE_CONFIG_DESCRIPTION = 2, 1, 1

    class SERVICE_STATUS(ctypes.Structure):
        _fields_ = [("dwServiceType", wintypes.DWORD), ("dwCurrentState", wintypes.DWORD),
                    ("dwControlsAccepted", wintypes.DWORD), ("dwWin32ExitCode", wintypes.DWORD),
                    ("dwServiceSpecificExitCode", wintypes.DWORD), ("dwCheckPoint", wintypes.DWORD),
                    ("dwWaitHint", wintypes.DWORD)]

    _SERVICE_MAIN = ctypes.WINFUNCTYPE(None, wintypes.DWORD, ctypes.POINTER(wintypes.LPWSTR))
    _HANDLER_EX = ctypes.WINFUNCTYPE(wintypes.DWORD, wintypes.DWORD, wintypes.DWORD, wintypes.LPVOID,
                                     wintypes.LPVOID)

    class SERVICE_TABLE_ENTRYW(ctypes.Structure):
        _fields_ = [("lpServiceName", wintypes.LPWSTR), ("lpServiceProc", _SERVICE_MAIN)]

    class SERVICE_DESCRIPTIONW(ctypes.Structure):
        _fields_ = [("lpDescription", wintypes.LPWSTR)]

    def _declare(name: str, restype: typing.Any, *argtypes: typing.Any) -> typing.Any:
        function = getattr(_advapi, name)
        function.restype, function.argtypes = restype, list(argtypes)
        return function

    _OpenSCManager = _declare("OpenSCManagerW", SC_HANDLE, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD)
    _CreateService = _declare("CreateServiceW", SC_HANDLE, SC_HANDLE, wintypes.LPCWSTR, wintypes.LPCWSTR,
                              wintypes.DWORD, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD, wintypes.LPCWSTR,
                              wintypes.LPCWSTR, wintypes.LPDWORD, wintypes.LPCWSTR, wintypes.LPCWSTR,
                              wintypes.LPCWSTR)
    _OpenService = _declare("OpenServiceW", SC_HANDLE, SC_HANDLE, wintypes.LPCWSTR, wintypes.DWORD)
    _ChangeServiceConfig2 = _declare("ChangeServiceConfig2W", wintypes.BOOL, SC_HANDLE, wintypes.DWORD,
                                     wintypes.LPVOID)
    _StartService = _declare("StartServiceW", wintypes.BOOL, SC_HANDLE, wintypes.DWORD, wintypes.LPVOID)
    _ControlService = _declare("ControlService", wintypes.BOOL, SC_HANDLE, wintypes.DWORD,
                               ctypes.POINTER(SERVICE_STATUS))
    _QueryServiceStatus = _declare("QueryServiceStatus", wintypes.BOOL, SC_HANDLE, ctypes.POINTER(SERVICE_STATUS))
    _DeleteService = _declare("DeleteService", wintypes.BOOL, SC_HANDLE)
    _CloseServiceHandle = _declare("CloseServiceHandle", wintypes.BOOL, SC_HANDLE)
    _SetServiceStatus = _declare("SetServiceStatus", wintypes.BOOL, wintypes.HANDLE, ctypes.POINTER(SERVICE_STATUS))
    _RegisterHandler = _declare("RegisterServiceCtrlHandlerExW", wintypes.HANDLE, wintypes.LPCWSTR, _HANDLER_EX,
                                wintypes.LPVOID)
    _StartDispatcher = _declare("StartServiceCtrlDispatcherW", wintypes.BOOL, ctypes.POINTER(SERVICE_TABLE_ENTRYW))

    def _check(ok: typing.Any, what: str) -> typing.Any:
        if not ok:
            code = ctypes.get_last_error()          # read before any other call
            raise OSError(None, "%s: %s" % (what, ctypes.FormatError(code).strip()), None, code)
        return ok

    def _with_service(name: str, access: int, use: typing.Callable[[typing.Any], typing.Any]) -> typing.Any:
        manager = _check(_OpenSCManager(None, None, SC_MANAGER_CONNECT), "OpenSCManagerW")
        try:
            service = _check(_OpenService(manager, name, access), "OpenServiceW(%s)" % name)
            try:
                return use(service)
            finally:
                _CloseServiceHandle(service)
        finally:
            _CloseServiceHandle(manager)

    def install(name: str, command: str) -> None:
        """Registers the service (automatic start, LocalSystem); OSError (e.g. 1073: it exists)."""
        manager = _check(_OpenSCManager(None, None, SC_MANAGER_CREATE_SERVICE), "OpenSCManagerW")
        try:
            service = _check(_CreateService(manager, name, DISPLAY_NAME, SERVICE_CHANGE_CONFIG | SERVICE_QUERY_STATUS,
                                            SERVICE_WIN32_OWN_PROCESS, SERVICE_AUTO_START, SERVICE_ERROR_NORMAL,
                                            command, None, None, None, None, None), "CreateServiceW(%s)" % name)
            try:
                text = SERVICE_DESCRIPTIONW("Serves the failover cluster's state as Prometheus metrics "
                                            "(clusapi exporter).")
                _ChangeServiceConfig2(service, SERVICE_CONFIG_DESCRIPTION, ctypes.byref(text))   # best effort
            finally:
                _CloseServiceHandle(service)
        finally:
            _CloseServiceHandle(manager)

    def state(name: str) -> int:
        """The service's current state (SERVICE_STOPPED, ..._RUNNING)."""
        status = SERVICE_STATUS()
        _with_service(name, SERVICE_QUERY_STATUS,
                      lambda s: _check(_QueryServiceStatus(s, ctypes.byref(status)), "QueryServiceStatus"))
        return int(status.dwCurrentState)

    def start(name: str) -> None:
        _with_service(name, SERVICE_START, lambda s: _check(_StartService(s, 0, None), "StartServiceW(%s)" % name))

    def stop(name: str) -> None:
        """Sends SERVICE_CONTROL_STOP (nothing when the service is not running)."""
        def send(service: typing.Any) -> None:
            status = SERVICE_STATUS()
            if not _ControlService(service, SERVICE_CONTROL_STOP, ctypes.byref(status)):
                code = ctypes.get_last_error()
                if code != ERROR_SERVICE_NOT_ACTIVE:
                    raise OSError(None, "ControlService(%s): %s" % (name, ctypes.FormatError(code).strip()), None, code)
        _with_service(name, SERVICE_STOP, send)

    def uninstall(name: str, wait: float = 30.0) -> None:
        """Stops the service (waiting up to `wait` seconds for SERVICE_STOPPED) and deletes it."""
        stop(name)
        stopped = threading.Event()
        while not stopped.wait(0.2):
            wait -= 0.2
            if state(name) == SERVICE_STOPPED or wait <= 0:
                break
        _with_service(name, DELETE, lambda s: _check(_DeleteService(s), "DeleteService(%s)" % name))

    def dispatch(name: str, serve: Serve) -> ServiceRun:
        """Runs the service: returns when it has stopped.  OSError 1063 when this process was not
        started by the SCM."""
        handle: typing.List[typing.Any] = [None]
        checkpoint = [0]

        def report(state: int, accepted: int, exit_code: int, specific: int, hint: int) -> None:
            pending = state in (SERVICE_START_PENDING, SERVICE_STOP_PENDING)
            checkpoint[0] = checkpoint[0] + 1 if pending else 0
            status = SERVICE_STATUS(SERVICE_WIN32_OWN_PROCESS, state, accepted, exit_code, specific, checkpoint[0], hint)
            _SetServiceStatus(handle[0], ctypes.byref(status))

        run = ServiceRun(serve, report)

        def handler(control: int, event_type: int, data: typing.Any, context: typing.Any) -> int:
            return run.control(control)

        handler_c = _HANDLER_EX(handler)

        def service_main(argc: int, argv: typing.Any) -> None:
            handle[0] = _RegisterHandler(name, handler_c, None)
            if handle[0]:
                run.main()

        main_c = _SERVICE_MAIN(service_main)
        table = (SERVICE_TABLE_ENTRYW * 2)(SERVICE_TABLE_ENTRYW(name, main_c), SERVICE_TABLE_ENTRYW(None, _SERVICE_MAIN()))
        _check(_StartDispatcher(table), "StartServiceCtrlDispatcherW")
        return run
