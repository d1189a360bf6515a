"""cffi builder for clusapi_py._clusapi (out-of-line API mode).

The cdef is the Python-facing part of the shim's headers: the one
CDEF-BEGIN / CDEF-END block of each header in clusapi_py/_native/api/,
concatenated in the order CDEF_HEADERS gives.  Python sees the shim's small
API, never clusapi's raw handles.

Environment:
  CLUSAPI_PY_SANITIZE=1   build with AddressSanitizer + UndefinedBehaviorSanitizer
                          (gcc/clang; see docs/development.md for running it)
  CLUSAPI_PY_DEBUG=1      -O0 -g
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NATIVE_REL = "clusapi_py/_native"
NATIVE = os.path.join(HERE, NATIVE_REL)


def native_sources():
    """The one list of C sources: every .c file under _native/, in a stable order.

    setup (below), tests/c/build_and_run.sh and tests/windows/run.sh all take
    it from here (``python3 build_clusapi.py --print-sources``), so a new file
    is built everywhere or nowhere.  Paths are relative to the repository root
    with forward slashes.
    """
    found = glob.glob(os.path.join(NATIVE, "**", "*.c"), recursive=True)
    rel = [os.path.relpath(path, HERE).replace(os.sep, "/") for path in found]
    return sorted(rel)


if __name__ == "__main__" and sys.argv[1:] == ["--print-sources"]:
    # Before importing cffi: the shell scripts call this with any python3.
    print("\n".join(native_sources()))
    sys.exit(0)

from cffi import FFI  # noqa: E402  (after the cffi-free --print-sources path)


# The api/ headers whose CDEF blocks make the cdef, in order: a block may use
# only what the blocks before it declare (types and constants first).
CDEF_HEADERS = [
    "cs_types.h",           # cs_result, the shim's codes, object kinds
    "cs_build.h",           # the package version compiled in
    "cs_constants.h",       # named ClusAPI / Win32 constants, values from the C headers
    "cs_errors.h",          # the thread's last failure, FormatMessage
    "cs_backends.h",        # function names, which exports a backend has
    "cs_handles.h",         # open, close, detach
    "cs_reads.h",           # lists, states, status, ids, cluster reads
    "cs_snapshot.h",        # the whole cluster in one call
    "cs_notify.h",          # change notification ports
    "cs_control.h",         # Cluster*Control by token
    "cs_limits.h",          # bounded snapshot and listings: timeout, cancel flag
    "cs_sim_control.h",     # the simulator's control API: every cs_sim_* function
    "cs_bench.h",           # every benchmark hook
    "cs_testing.h",         # test hooks (the package's own tests only)
]
# api/ headers with no block of their own.
CDEF_UMBRELLA = {"cs_shim.h"}

BLOCK = re.compile(r"/\* CDEF-BEGIN \*/\n(.*?)/\* CDEF-END \*/", re.S)


def cdef_block(name, text):
    """The one CDEF block of an api/ header; RuntimeError when there is not exactly one."""
    blocks = BLOCK.findall(text)
    if len(blocks) != 1 or text.count("CDEF-BEGIN") != 1 or text.count("CDEF-END") != 1:
        raise RuntimeError("api/%s must hold exactly one /* CDEF-BEGIN */ ... /* CDEF-END */ block, found %d"
                           % (name, len(blocks)))
    return blocks[0]


# A constant list in a block: `#define LIST(X) \` and continuation lines of X(NAME).
CONSTANT_LIST = re.compile(r"^#define \w+\(X\)[ \t]*\\\n(?:[^\n]*\\\n)*[^\n]*\n?", re.M)


def expand_constant_lists(block):
    """Each X-macro list of names becomes one `#define NAME ...` cdef line per
    name: cffi then takes the value from the C compiler, so it is written once,
    in the C headers."""
    def expand(match):
        names = re.findall(r"\bX\((\w+)\)", match.group(0))
        if not names:
            raise RuntimeError("constant list without X(NAME) entries: %r" % match.group(0)[:60])
        return "".join("#define %s ...\n" % name for name in names)
    return CONSTANT_LIST.sub(expand, block)


def read_cdef():
    api = os.path.join(NATIVE, "api")
    present = {name for name in os.listdir(api) if name.endswith(".h")}
    unlisted = sorted(present - set(CDEF_HEADERS) - CDEF_UMBRELLA)
    missing = sorted(set(CDEF_HEADERS) - present)
    if unlisted or missing:
        raise RuntimeError("build_clusapi.py CDEF_HEADERS and clusapi_py/_native/api/ disagree: "
                           "not listed %s, listed but missing %s" % (unlisted, missing))
    parts = []
    for name in CDEF_HEADERS:
        with open(os.path.join(api, name), encoding="utf-8") as f:
            parts.append("/* ---- api/%s */\n%s" % (name, expand_constant_lists(cdef_block(name, f.read()))))
    # cs_char is UTF-16 on every platform: wchar_t on Windows, char16_t elsewhere.
    # CLUSAPI_PY_TARGET_PLATFORM=win32 emits Windows' cdef on another host (tests/windows/python_stage.sh).
    platform = os.environ.get("CLUSAPI_PY_TARGET_PLATFORM") or sys.platform
    char_type = "wchar_t" if platform == "win32" else "char16_t"
    return "typedef %s cs_char;\n%s" % (char_type, "".join(parts))


def compile_args():
    if sys.platform == "win32":
        # MSVC in C mode; /W4 is its -Wall -Wextra.
        return ["/W4"], []
    args = ["-Wall", "-Wextra", "-std=gnu99", "-fvisibility=hidden"]
    link = ["-lpthread"]
    if os.environ.get("CLUSAPI_PY_DEBUG") == "1":
        args += ["-O0", "-g"]
    if os.environ.get("CLUSAPI_PY_SANITIZE") == "1":
        flags = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=undefined", "-g"]
        args += flags
        link += flags
    return args, link


def package_version():
    """__version__ from clusapi_py/_version.py, read as text (no import: the
    package cannot be imported before its extension is built)."""
    path = os.path.join(HERE, "clusapi_py", "_version.py")
    with open(path, encoding="utf-8") as f:
        match = re.search(r'^__version__ = "([0-9A-Za-z.+!-]+)"$', f.read(), re.M)
    if not match:
        raise RuntimeError('%s has no line __version__ = "..."' % path)
    return match.group(1)


ffibuilder = FFI()
ffibuilder.cdef(read_cdef())
_args, _link = compile_args()
# The cdef names char16_t, which C declares in <uchar.h> (absent on macOS).
PREAMBLE = r'''
#include "api/cs_shim.h"
#if !defined(_WIN32)
#  if defined(__APPLE__)
typedef uint_least16_t char16_t;
#  else
#    include <uchar.h>
#  endif
#endif
const char *cs_build_version(void) { return "%s"; }
''' % package_version()

ffibuilder.set_source(
    "clusapi_py._clusapi",
    PREAMBLE,
    sources=native_sources(),
    include_dirs=[NATIVE_REL],
    extra_compile_args=_args,
    extra_link_args=_link,
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
