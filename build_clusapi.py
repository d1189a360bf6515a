"""cffi builder for clusapi_py._clusapi (out-of-line API mode).

The cdef is the Python-facing part of the shim's own header
(clusapi_py/_native/cs_shim.h, between CDEF-BEGIN and CDEF-END): Python
sees the shim's small API, never clusapi's raw handles.

Environment:
  CLUSAPI_PY_SANITIZE=1   build with AddressSanitizer + UndefinedBehaviorSanitizer
                          (gcc/clang; see docs/development.md for running it)
  CLUSAPI_PY_DEBUG=1      -O0 -g
"""
import os
import re
import sys

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
NATIVE_REL = os.path.join("clusapi_py", "_native")
NATIVE = os.path.join(HERE, NATIVE_REL)

# Order: token table, function registry, dispatch/shim, backends.
SOURCES = ["cs_htable.c", "cs_registry.c", "cs_shim.c", "cs_dll.c", "cs_sim.c"]


def read_cdef():
    with open(os.path.join(NATIVE, "cs_shim.h"), encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"/\* CDEF-BEGIN[^\n]*\n(.*?)/\* CDEF-END \*/", text, re.S)
    if not match:
        raise RuntimeError("cs_shim.h has no CDEF-BEGIN/CDEF-END block")
    # cs_char is UTF-16 on every platform: wchar_t on Windows, char16_t elsewhere.
    char_type = "wchar_t" if sys.platform == "win32" else "char16_t"
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
#include "cs_shim.h"
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
    sources=[os.path.join(NATIVE_REL, name) for name in SOURCES],
    include_dirs=[NATIVE_REL],
    extra_compile_args=_args,
    extra_link_args=_link,
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
