"""cffi builder for clusapi_py._clusapi (out-of-line API mode).

The cdef is the Python-facing part of the shim's headers: the one
CDEF-BEGIN / CDEF-END block of each header in clusapi_py/_native/api/,
concatenated in the order CDEF_HEADERS gives.  Python sees the shim's small
API, never clusapi's raw handles.

Also, without building:
  python build_clusapi.py --print-sources   the C sources, one per line
  python build_clusapi.py --write-stub      rewrites clusapi_py/_clusapi.pyi from the installed
                                            extension (after an api/*.h cdef change)
  python build_clusapi.py --print-stub      prints that stub (what tests/unit/test_typing.py compares)

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


# ---- the extension's stub ---------------------------------------------------------------------
# clusapi_py/_clusapi.pyi types the compiled extension, which has no annotations of its own.  It is
# generated from the *installed* extension (what Python really sees: every cdef function with its
# C types, every constant), so it needs no cffi parser internals; tests/unit/test_typing.py holds
# the shipped stub to `--print-stub` of the installed package.  Like --print-sources, this runs
# before the cffi builder below (which needs the native tree): a copy of the tests beside a wheel
# runs it with no source.
STUB = os.path.join(HERE, "clusapi_py", "_clusapi.pyi")

STUB_HEAD = '''\
"""Types of the compiled extension clusapi_py._clusapi (cffi, out-of-line API mode).

GENERATED from the built extension by `python build_clusapi.py --write-stub`: do not edit by
hand (tests/unit/test_typing.py fails when this file and the api/ headers' cdef disagree).
What each function does is in its header, clusapi_py/_native/api/.  Only clusapi_py._bindings
imports the extension; these types end at the package's own modules and never reach its public
signatures.
"""
from typing import Any, Generic, Literal, Sequence, TypeVar, overload

_T = TypeVar("_T")

class CType(Generic[_T]):
    """A C type (ffi.typeof); _T is what indexing an object of that type gives."""

    cname: str

class Pointer(Generic[_T]):
    """A cffi pointer or array whose items read as _T (str for cs_char, bytes for char, int)."""

    def __getitem__(self, index: int, /) -> _T: ...
    def __setitem__(self, index: int, value: _T, /) -> None: ...
    def __add__(self, offset: int, /) -> Pointer[_T]: ...

class Result:
    """A `cs_result *` (api/cs_types.h): the struct's fields, read through the pointer."""

    text: Pointer[str]
    text_len: int
    ints: Pointer[int]
    n_ints: int
    bytes: Pointer[int]
    n_bytes: int

class Buffer:
    """ffi.buffer(): raw bytes; a slice copies them out."""

    def __getitem__(self, index: slice, /) -> bytes: ...
    def __len__(self) -> int: ...

class FFI:
    NULL: Pointer[Any]
    @overload
    def new(self, cdecl: Literal["int *", "int32_t *", "uint32_t *", "uint64_t *", "size_t *"], /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["uint32_t[]", "uint8_t[]"], init: int, /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["int64_t[]", "uint64_t[]"], init: Sequence[int], /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["cs_char[]"], init: int | str, /) -> Pointer[str]: ...
    @overload
    def new(self, cdecl: Literal["cs_result **"], /) -> Pointer[Result]: ...
    @overload
    def new(self, cdecl: CType[_T], /) -> Pointer[_T]: ...
    def typeof(self, cdecl: str, /) -> CType[Any]: ...
    @overload
    def string(self, cdata: Pointer[bytes], maxlen: int = ..., /) -> bytes: ...
    @overload
    def string(self, cdata: Pointer[str], maxlen: int = ..., /) -> str: ...
    @overload
    def unpack(self, cdata: Pointer[str], length: int, /) -> str: ...
    @overload
    def unpack(self, cdata: Pointer[int], length: int, /) -> list[int]: ...
    def buffer(self, cdata: Pointer[int], size: int, /) -> Buffer: ...

class Lib:
    """The cdef's functions (one method each, arguments positional) and named constants."""

'''

STUB_TAIL = '''
ffi: FFI
lib: Lib
'''

_CHAR16 = ("char16_t *", "wchar_t *")       # cs_char: char16_t off Windows, wchar_t on it
_INT_POINTERS = ("int *", "uint32_t *", "uint64_t *", "int64_t *", "int32_t *", "uint8_t *", "size_t *")


def _annotation(ctype, argument):
    """The stub's type for one C type of the cdef: a new C type fails here, so the mapping is
    extended on purpose, never guessed."""
    if ctype.kind == "void":
        return "None"
    if ctype.kind == "primitive":
        return "float" if ctype.cname in ("double", "float") else "int"
    if ctype.cname in _CHAR16:
        return "str | Pointer[str]" if argument else "Pointer[str]"
    if ctype.cname == "char *":
        return "bytes | Pointer[bytes]" if argument else "Pointer[bytes]"
    if ctype.cname == "uint8_t *" and argument:
        return "bytes | Pointer[int]"           # cffi passes a bytes object's buffer
    if ctype.cname in _INT_POINTERS:
        return "Pointer[int]"
    if ctype.cname == "struct cs_result *":
        return "Result"
    if ctype.cname == "struct cs_result * *":
        return "Pointer[Result]"
    raise RuntimeError("build_clusapi.py: no stub type for the C type %r: add one to _annotation()"
                         % ctype.cname)


def render_stub(ffi, lib):
    """The text of _clusapi.pyi for an extension as built (its ffi and lib)."""
    lines = []
    for name in sorted(dir(lib)):
        value = getattr(lib, name)
        if isinstance(value, int):
            lines.append("    %s: int" % name)
            continue
        ftype = ffi.typeof(value)
        if ftype.kind != "function":
            raise RuntimeError("build_clusapi.py: lib.%s is neither an int constant nor a function: %r" % (name, ftype))
        params = ["self"] + ["a%d: %s" % (i, _annotation(a, True)) for i, a in enumerate(ftype.args)]
        if len(params) > 1:
            params.append("/")
        lines.append("    def %s(%s) -> %s: ..." % (name, ", ".join(params), _annotation(ftype.result, False)))
    return STUB_HEAD + "\n".join(lines) + "\n" + STUB_TAIL


def installed_extension():
    """(ffi, lib) of the installed clusapi_py._clusapi: this folder leaves sys.path first, so a
    source tree beside this file (which has no built extension) is not what gets imported."""
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE]
    try:
        from clusapi_py._clusapi import ffi, lib
    except ImportError as exc:
        sys.exit("build_clusapi.py: cannot import the installed extension (pip install . first): %s" % exc)
    return ffi, lib


if __name__ == "__main__" and sys.argv[1:] == ["--print-sources"]:
    # Before importing cffi: the shell scripts call this with any python3.
    print("\n".join(native_sources()))
    sys.exit(0)

if __name__ == "__main__" and sys.argv[1:] in (["--write-stub"], ["--print-stub"]):
    # From the installed extension, before the builder (no native tree needed for --print-stub).
    _text = render_stub(*installed_extension())
    if sys.argv[1] == "--print-stub":
        sys.stdout.buffer.write(_text.encode("utf-8"))
    else:
        with open(STUB, "w", encoding="utf-8", newline="\n") as _f:
            _f.write(_text)
        print("wrote", STUB)
    sys.exit(0)

from cffi import FFI  # noqa: E402  (after the cffi-free --print-sources path)


# The api/ headers whose CDEF blocks make the cdef, in order: a block may use
# only what the blocks before it declare (types and constants first).
CDEF_HEADERS = [
    "cs_types.h",           # cs_result, the shim's codes, object kinds
    "cs_build.h",           # the package version compiled in
    "cs_constants.h",       # named ClusAPI / Win32 constants, values from the C headers
    "cs_kinds.h",           # the object kinds' table (core/cs_kinds.c), read by clusapi_py/kinds.py
    "cs_errors.h",          # the thread's last failure, FormatMessage
    "cs_backends.h",        # function names, which exports a backend has
    "cs_handles.h",         # open, close, detach
    "cs_reads.h",           # lists, states, status, ids, cluster reads
    "cs_snapshot.h",        # the whole cluster in one call
    "cs_notify.h",          # change notification ports
    "cs_control.h",         # Cluster*Control by token
    "cs_limits.h",          # bounded snapshot and listings: timeout, cancel flag
    "cs_actions.h",         # online, offline, move, cancel, fail, restart
    "cs_config.h",          # preferred owners, dependency expressions
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
