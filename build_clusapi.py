"""cffi builder for clusapi_py._clusapi (out-of-line API mode).

The cdef is the Python-facing part of the shim's own header
(clusapi_py/_native/cs_shim.h, between CDEF-BEGIN and CDEF-END): Python
sees the shim's small API, never clusapi's raw handles.

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


def read_cdef():
    with open(os.path.join(NATIVE, "api", "cs_shim.h"), encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"/\* CDEF-BEGIN[^\n]*\n(.*?)/\* CDEF-END \*/", text, re.S)
    if not match:
        raise RuntimeError("cs_shim.h has no CDEF-BEGIN/CDEF-END block")
    # cs_char is UTF-16 on every platform: wchar_t on Windows, char16_t elsewhere.
    # CLUSAPI_PY_TARGET_PLATFORM=win32 emits Windows' cdef on another host (tests/windows/python_stage.sh).
    platform = os.environ.get("CLUSAPI_PY_TARGET_PLATFORM") or sys.platform
    char_type = "wchar_t" if platform == "win32" else "char16_t"
    return "typedef %s cs_char;\n%s" % (char_type, match.group(1))


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
'''

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
