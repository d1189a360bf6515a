"""The package's types, as a user's type checker sees them.

- clusapi_py/_clusapi.pyi (the types of the compiled extension, which has
  no annotations of its own) is generated from the built extension's cdef
  by this file: `python tests/unit/test_typing.py --write-stub` rewrites
  it, and test_the_extension_stub_matches_the_cdef fails when a function or
  constant was added, removed or retyped in an api/ header without it.
- mypy --strict on a small monitoring agent sees precise types (no Any) for
  what an agent handles: the Cluster, the Snapshot and its rows, status(),
  state.  It runs against the installed package (py.typed, the stub), as a
  user's checker would; skipped only when mypy is not installed (CI
  installs it: the `dev` extra).
"""
import os
import re
import subprocess
import sys
import textwrap

import pytest

import clusapi_py
from clusapi_py._clusapi import ffi, lib

PACKAGE_DIR = os.path.dirname(os.path.abspath(clusapi_py.__file__))
STUB = os.path.join(PACKAGE_DIR, "_clusapi.pyi")

# ---- the extension's stub ---------------------------------------------------------------------
STUB_HEAD = '''\
"""Types of the compiled extension clusapi_py._clusapi (cffi, out-of-line API mode).

GENERATED from the built extension by `python tests/unit/test_typing.py --write-stub`: do not
edit by hand (the test fails when this file and the api/ headers' cdef disagree).  What each
function does is in its header, clusapi_py/_native/api/.  Only clusapi_py._bindings imports the
extension; these types end at the package's own modules and never reach its public signatures.
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
    def new(self, cdecl: Literal["int *", "int32_t *", "uint32_t *", "uint64_t *"], /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["uint32_t[]"], init: int, /) -> Pointer[int]: ...
    @overload
    def new(self, cdecl: Literal["int64_t[]"], init: Sequence[int], /) -> Pointer[int]: ...
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
_INT_POINTERS = ("int *", "uint32_t *", "uint64_t *", "int64_t *", "int32_t *", "uint8_t *")


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
    raise AssertionError("tests/unit/test_typing.py: no stub type for the C type %r: add one to _annotation()"
                         % ctype.cname)


def render_stub():
    """The text of _clusapi.pyi for the extension as built."""
    lines = []
    for name in sorted(dir(lib)):
        value = getattr(lib, name)
        if isinstance(value, int):
            lines.append("    %s: int" % name)
            continue
        ftype = ffi.typeof(value)
        assert ftype.kind == "function", (name, ftype)
        params = ["self"] + ["a%d: %s" % (i, _annotation(a, True)) for i, a in enumerate(ftype.args)]
        if len(params) > 1:
            params.append("/")
        lines.append("    def %s(%s) -> %s: ..." % (name, ", ".join(params), _annotation(ftype.result, False)))
    return STUB_HEAD + "\n".join(lines) + "\n" + STUB_TAIL


def test_the_extension_stub_matches_the_cdef():
    with open(STUB, encoding="utf-8") as f:
        shipped = f.read()
    assert shipped == render_stub(), (
        "clusapi_py/_clusapi.pyi is out of date with the extension's cdef: run "
        "`python tests/unit/test_typing.py --write-stub` (with the package installed) and commit it")


# ---- what a user's mypy sees --------------------------------------------------------------
AGENT = '''\
import clusapi_py
from clusapi_py import sim

with sim.SimulatedCluster() as s:
    c = clusapi_py.open_cluster()
    reveal_type(c)
    reveal_type(c.name)
    reveal_type(c.version)
    reveal_type(c.granted_access)
    snap = c.snapshot()
    reveal_type(snap)
    reveal_type(snap.groups)
    reveal_type(snap.groups[0].state)
    reveal_type(snap.quorum)
    g = c.open_group("FS01")
    reveal_type(g)
    reveal_type(g.status())
    reveal_type(g.status().state)
    reveal_type(g.state)
    reveal_type(g.owner_node)
    reveal_type(g.cluster)
    r = c.open_resource("Cluster Disk 4")
    reveal_type(r.status())
    reveal_type(r.state)
    reveal_type(c.open_node("NODE1").state)
    reveal_type(c.node_names())
    reveal_type(c.quorum())
    reveal_type(s.open_handles())
    reveal_type(s.latency)
    reveal_type(snap.to_dict()["groups"][0])
    replayed = sim.SimulatedCluster(snap.to_dict())
    state = g.state
    if isinstance(state, clusapi_py.GroupState):
        reveal_type(state)
'''

# mypy 2's spelling (the dev extra's floor), with "builtins." dropped (older versions write it).  A state
# declared `GroupState | int` reads as `int` once taken out of its record: GroupState is an int,
# so the checker folds the union -- and `state.name` is an error until `isinstance(state,
# GroupState)` has narrowed it, which is the point (a newer Windows's state is a plain int).
EXPECTED = [
    'Revealed type is "clusapi_py.handles.cluster.Cluster"',
    'Revealed type is "str"',
    'Revealed type is "tuple[int, int, int, str, str, int, int, int, fallback=clusapi_py.records.ClusterVersion]"',
    'Revealed type is "clusapi_py.enums.Access"',
    'Revealed type is "clusapi_py.snapshot.Snapshot"',
    'Revealed type is "tuple[tuple[str, str, clusapi_py.enums.GroupState | int, str, '
    'fallback=clusapi_py.records.GroupInfo], ...]"',
    'Revealed type is "int"',
    'Revealed type is "tuple[str, str, int, fallback=clusapi_py.records.Quorum]"',
    'Revealed type is "clusapi_py.handles.objects.Group"',
    'Revealed type is "tuple[clusapi_py.enums.GroupState | int, str, fallback=clusapi_py.records.GroupStatus]"',
    'Revealed type is "int"',
    'Revealed type is "int"',
    'Revealed type is "str"',
    'Revealed type is "clusapi_py.handles.cluster.Cluster"',
    'Revealed type is "tuple[clusapi_py.enums.ResourceState | int, str, str, '
    'fallback=clusapi_py.records.ResourceStatus]"',
    'Revealed type is "int"',
    'Revealed type is "int"',
    'Revealed type is "list[str]"',
    'Revealed type is "tuple[str, str, int, fallback=clusapi_py.records.Quorum]"',
    'Revealed type is "dict[str, int]"',
    'Revealed type is "float"',
    'Revealed type is "TypedDict(clusapi_py.records.GroupDict, {\'name\': str, \'id\': str, '
    '\'state\': str | int, \'owner_node\': str, \'properties\'?: dict[str, Any]})"',
    'Revealed type is "clusapi_py.enums.GroupState"',
]


def _mypy():
    pytest.importorskip("mypy", reason="mypy is not installed (pip install '.[dev]')")
    return [sys.executable, "-m", "mypy"]


def test_an_agent_sees_precise_types(tmp_path):
    mypy = _mypy()
    agent = tmp_path / "agent.py"
    agent.write_text(AGENT, encoding="utf-8")
    # From an empty folder, against the installed package: no config file of the repository applies.
    proc = subprocess.run(mypy + ["--strict", "--no-incremental", "--show-error-codes", "agent.py"],
                          cwd=str(tmp_path), capture_output=True, text=True, timeout=600)
    revealed = [re.sub(r"^agent\.py:\d+: note: ", "", line).replace("builtins.", "")
                for line in proc.stdout.splitlines() if ": note: Revealed type is" in line]
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert not errors, proc.stdout
    assert revealed == EXPECTED, "\n".join(revealed)


def test_strict_mypy_rejects_a_misuse(tmp_path):
    """The types say something: a state compared with a name, a status unpacked wrong, a missing
    None check are errors a user's checker reports."""
    mypy = _mypy()
    agent = tmp_path / "misuse.py"
    agent.write_text(textwrap.dedent('''\
        import clusapi_py
        with clusapi_py.open_cluster() as c:
            state, owner, extra = c.open_group("FS01").status()
            c.open_group(42)
            n: int = c.name
    '''), encoding="utf-8")
    proc = subprocess.run(mypy + ["--strict", "--no-incremental", "misuse.py"], cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=600)
    lines = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert [int(line.split(":")[1]) for line in lines] == [3, 4, 5], proc.stdout


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-stub"]:
        target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clusapi_py", "_clusapi.pyi")
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(render_stub())
        print("wrote", os.path.normpath(target))
    else:
        sys.exit("usage: python tests/unit/test_typing.py --write-stub")
