"""The package's shape, held by reading its source with `ast`: imports go
one way (down a declared list of layers, no cycles), the package is never
imported inside a function, and no file grows past what a reader can hold;
the shim's C files call one way too (down to core/, no cycles).

It reads the installed package (the one every other test imports), so it
also runs from a wheel; the native sources ship in it as package data.  The
size limit also holds every text file of the repository under clusapi_py/,
tests/ and bench/, read from the tree this file sits in (a copy of the tests
without the package source or the benchmarks checks what it has).
"""
import ast
import fnmatch
import os
import re

import pytest

import clusapi_py

PACKAGE = "clusapi_py"
ROOT = os.path.dirname(os.path.abspath(clusapi_py.__file__))
MAX_LINES = 800

# Lowest first.  A module may import modules of its own layer or of a lower
# one, never of a higher one; the whole graph must also be free of cycles.
# A new module must be declared here (a pattern may cover a package).  Where
# the planned ones go: a property-list codec with the pure modules, its
# controls and a mixin beside the handles; events, shared_volumes and the
# live view above the handles; monitor exporters (nagios, prometheus) above
# those; `monitor/__init__` and `monitor.health` stay pure.
LAYERS = [
    ("pure", ["enums", "errors", "names", "records", "actions", "actions.judge", "_validate", "_version", "_sections", "_wide", "_forksafe", "sim.topology", "sim.scenario",
              "sim.generate", "monitor",
              "monitor.health", "monitor.nagios", "properties", "properties.codec", "properties.syntax",
              "properties.values"]),
    ("extension", ["_clusapi"]),
    ("bindings", ["_bindings"]),
    ("constants", ["_consts", "kinds"]),   # the numbers the package uses by name, as lib.NAME; the object kinds
    ("backend base, snapshot", ["_backend", "snapshot"]),
    ("simulator", ["sim", "sim.cluster", "sim.props", "sim.timeline"]),
    ("default-backend policy", ["backends"]),
    ("property controls", ["properties.controls", "properties.writes", "properties.mixin", "shared_volumes"]),
    ("handles", ["handles", "handles.*"]),
    ("events", ["events", "events.*"]),  # notification ports and the live view (above the handles)
    ("actions", ["actions.operation", "actions.node_ops"]),  # operations: started by the handles, waited on through ports
    ("front ends", ["monitor.prometheus", "monitor.deflate", "monitor.exporter", "monitor.webconfig", "monitor.http"]),   # the Prometheus exporter (uses the live view)
    ("command line", ["cli", "cli.*"]),
    ("package", ["", "__main__"]),
]
EXTENSION_IMPORTERS = {"_bindings"}       # nothing else touches the compiled module


def _module_files():
    """{module name relative to the package ("" for its __init__): path}."""
    found = {}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(folder, f), ROOT)[:-3].split(os.sep)
                if rel[-1] == "__init__":
                    rel = rel[:-1]
                found[".".join(rel)] = os.path.join(folder, f)
    return found


MODULES = _module_files()
PACKAGES = {name for name, path in MODULES.items() if path.endswith("__init__.py")}


def _layer_of(module):
    for rank, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            return rank
    return None


def _own_package(module):
    return module if module in PACKAGES else module.rpartition(".")[0]


def _absolute(module, node):
    """The package modules an import statement names, relative to the package root."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
        return [n[len(PACKAGE) + 1:] if n.startswith(PACKAGE + ".") else "" for n in names
                if n == PACKAGE or n.startswith(PACKAGE + ".")]
    if node.level == 0:
        if node.module != PACKAGE and not (node.module or "").startswith(PACKAGE + "."):
            return []
        base = node.module[len(PACKAGE) + 1:]
    else:
        parts = _own_package(module).split(".") if _own_package(module) else []
        parts = parts[:len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    targets = []
    for alias in node.names:
        sub = (base + "." if base else "") + alias.name
        # `from . import x` names a module when x is one, else an attribute of `base`.
        targets.append(sub if sub in MODULES or sub == "_clusapi" else base)
    return targets


def _implied_packages(importer, target):
    """Importing a.b.c runs a/__init__ and a/b/__init__ first; the root's and
    the importer's own enclosing packages are running already."""
    parts = target.split(".")
    enclosing = set()
    p = _own_package(importer)
    while p:
        enclosing.add(p)
        p = p.rpartition(".")[0]
    return {".".join(parts[:i]) for i in range(1, len(parts))} - enclosing


def _parse(path):
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read(), path)


def _typing_only(tree):
    """The import statements under `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`): never run."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
                (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
                or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")):
            found.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return found


def _imports(runtime_only=False):
    """{module: {imported package module: first line}}; with runtime_only, without the imports
    that only a type checker reads (they still count for the layers, not for cycles)."""
    graph = {}
    for module, path in MODULES.items():
        edges = graph.setdefault(module, {})
        tree = _parse(path)
        skip = _typing_only(tree) if runtime_only else set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skip:
                for target in _absolute(module, node):
                    for t in {target} | _implied_packages(module, target):
                        if t != module:
                            edges.setdefault(t, node.lineno)
    return graph


GRAPH = _imports()
RUNTIME_GRAPH = _imports(runtime_only=True)


def _name(module):
    return PACKAGE + ("." + module if module else "")


def test_every_module_has_a_declared_layer():
    undeclared = sorted(_name(m) for m in MODULES if _layer_of(m) is None)
    assert not undeclared, "add these modules to LAYERS in %s: %s" % (__file__, undeclared)


# Type-only references up a layer, each one on purpose: Cluster hands out the notification
# port and the live view (built by the events package through the registry in handles/_base.py)
# and names their types in its signatures.  Such an import runs only under a type checker.
TYPE_ONLY_UPWARD = {("handles.objects", "actions.operation"), ("handles.cluster", "events.port"), ("handles.cluster", "events.live"),
                    ("handles.cluster", "events.types"), ("handles.cluster", "events")}


def test_imports_only_go_down_the_layers():
    upward = []
    for module, edges in sorted(GRAPH.items()):
        own = _layer_of(module)
        for target, line in sorted(edges.items()):
            theirs = _layer_of(target)
            if own is not None and theirs is not None and theirs > own:
                if target not in RUNTIME_GRAPH[module] and (module, target) in TYPE_ONLY_UPWARD:
                    continue
                upward.append("%s:%d imports %s (layer %r above %r)" % (
                    _name(module), line, _name(target), LAYERS[theirs][0], LAYERS[own][0]))
    assert not upward, "\n".join(upward)


def test_only_the_bindings_import_the_extension():
    importers = sorted(m for m, edges in GRAPH.items() if "_clusapi" in edges)
    assert set(importers) <= EXTENSION_IMPORTERS, importers


def _cycles(graph, name=str):
    """The cycles a depth-first walk of {node: {nodes it points to}} meets, each as "a -> b -> a"."""
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append(" -> ".join(name(n) for n in stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_there_are_no_import_cycles():
    # A `TYPE_CHECKING` import never runs, so it cannot make a cycle at import time (objects.py
    # names the Cluster its handles come from that way); it still may not go up a layer.
    cycles = _cycles(RUNTIME_GRAPH, _name)
    assert not cycles, "\n".join(cycles)


def test_the_package_is_never_imported_inside_a_function():
    # (Standard-library imports inside a function are allowed where they are
    # justified, e.g. something only one rare path needs; none of the package.)
    inside = []
    for module, path in sorted(MODULES.items()):
        for func in ast.walk(_parse(path)):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                for node in ast.walk(func):
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and _absolute(module, node):
                        inside.append("%s:%d" % (_name(module), node.lineno))
    assert not inside, "package imports inside functions: %s" % inside


def _line_count(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def test_no_python_module_is_over_the_size_limit():
    big = {_name(m): _line_count(p) for m, p in MODULES.items() if _line_count(p) > MAX_LINES}
    assert not big, "split these modules by concern (over %d lines): %s" % (MAX_LINES, big)


NATIVE = os.path.join(ROOT, "_native")
NATIVE_FILES = sorted(
    os.path.relpath(os.path.join(folder, f), NATIVE).replace(os.sep, "/")
    for folder, _, files in os.walk(NATIVE) for f in files if f.endswith((".c", ".h")))


def test_the_native_sources_ship_with_the_package():
    assert "api/cs_shim.h" in NATIVE_FILES


@pytest.mark.parametrize("path", NATIVE_FILES)
def test_no_native_file_is_over_the_size_limit(path):
    lines = _line_count(os.path.join(NATIVE, path))
    assert lines <= MAX_LINES, "_native/%s has %d lines: split it by concern (limit %d)" % (path, lines, MAX_LINES)


# ---- every file of the repository -------------------------------------------------------------
REPOSITORY = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
REPOSITORY_TREES = ("clusapi_py", "tests", "bench")
SKIPPED_FOLDERS = {"__pycache__"}       # and hidden folders (.hypothesis, .pytest_cache, ...)


def _is_text(path):
    """Source, scripts, data: no NUL byte (a compiled extension or .pyc has some)."""
    with open(path, "rb") as f:
        return b"\0" not in f.read(8192)


def _repository_files():
    """{path relative to the repository, with "/": lines} of the text files under REPOSITORY_TREES."""
    found = {}
    for tree in REPOSITORY_TREES:
        for folder, dirs, files in os.walk(os.path.join(REPOSITORY, tree)):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS and not d.startswith("."))
            for f in sorted(files):
                path = os.path.join(folder, f)
                if _is_text(path):
                    found[os.path.relpath(path, REPOSITORY).replace(os.sep, "/")] = _line_count(path)
    return found


def test_no_file_of_the_repository_holds_a_merge_conflict():
    markers = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)
    found = []
    for tree in REPOSITORY_TREES + ("docs", "examples"):
        for folder, dirs, files in os.walk(os.path.join(REPOSITORY, tree)):
            dirs[:] = [d for d in dirs if d not in SKIPPED_FOLDERS and not d.startswith(".")]
            for f in files:
                path = os.path.join(folder, f)
                if _is_text(path):
                    with open(path, encoding="utf-8", errors="replace") as text:
                        if markers.search(text.read()):
                            found.append(os.path.relpath(path, REPOSITORY))
    for f in ("README.md", "build_clusapi.py", "setup.py", "pyproject.toml"):
        path = os.path.join(REPOSITORY, f)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as text:
                if markers.search(text.read()):
                    found.append(f)
    assert not found, "merge conflict markers left in: %s" % found


def test_no_file_of_the_repository_is_over_the_size_limit():
    files = _repository_files()
    assert "tests/unit/test_layout.py" in files, "the walk missed this file: %s" % REPOSITORY
    big = {path: lines for path, lines in sorted(files.items()) if lines > MAX_LINES}
    assert not big, "split these files by behaviour (over %d lines): %s" % (MAX_LINES, big)


# ---- the shim's C call graph: one way ------------------------------------------------------------
# File level, from a simple reading of the sources: a function defined with a body at the start of
# a line (a `static` one is its file's own; a `static inline` one in a header belongs to the header),
# and a call is a name followed by "(" that is not a member (`t->fn.X(` is a call through a backend's
# table, which is what the shim is for).  Prototypes, comments and strings are dropped first, so a
# declaration is never taken for a call.  Calls hidden in macros the shim does not define are missed
# (the X-lists only expand to table calls).
_C_NOISE = re.compile(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)
_C_PARAMETERS = r"\([^;{}()]*(?:\([^;{}()]*\)[^;{}()]*)*\)"      # one level of parentheses inside
_C_DEFINITION = re.compile(r"^(static\b)?[A-Za-z_][\w \t*]*?\b([A-Za-z_]\w*)\s*" + _C_PARAMETERS + r"\s*\{", re.M)
_C_PROTOTYPE = re.compile(r"^[A-Za-z_][\w \t*]*?\b[A-Za-z_]\w*\s*" + _C_PARAMETERS + r"\s*;", re.M)
_C_CALL = re.compile(r"(?<![\w.>])([A-Za-z_]\w*)\s*\(")
# a function pointer held in a variable or a parameter: `cs_fn_OpenClusterEx open_cluster`, `(*bind)(`
_C_POINTER = re.compile(r"\bcs_fn_\w+\s+([A-Za-z_]\w*)|\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(")

# Where the shim may call, besides its own files: the generic core, the clusapi declarations, the
# platform header, and the system backend's loader (cs_dll_load fills that backend's table).
SHIM_CALLS_OUT = ("core/", "clusapi/", "cs_platform.h")
SHIM_CALLS_OUT_BY_NAME = {("dll/cs_dll.c", "cs_dll_load")}


def _c_sources():
    return {path: _C_NOISE.sub(" ", open(os.path.join(NATIVE, path), encoding="utf-8").read())
            for path in NATIVE_FILES}


def _c_call_graph():
    """{file: {file it calls: {names}}} over every native file (a call to a function of the same
    file, or through a pointer it holds, is no edge)."""
    sources = _c_sources()
    shared, own = {}, {}
    for path, text in sources.items():
        own[path] = {a or b for a, b in _C_POINTER.findall(text)}
        for m in _C_DEFINITION.finditer(text):
            own[path].add(m.group(2))
            if not m.group(1) or path.endswith(".h"):
                shared.setdefault(m.group(2), set()).add(path)
    graph = {}
    for path, text in sources.items():
        edges = graph.setdefault(path, {})
        for m in _C_CALL.finditer(_C_PROTOTYPE.sub(" ", text)):
            name = m.group(1)
            if name in own[path]:
                continue
            for target in shared.get(name, ()):
                edges.setdefault(target, set()).add(name)
    return graph


C_GRAPH = _c_call_graph()


def test_the_c_call_graph_is_read():
    # so that the tests below cannot pass on an empty graph
    assert "shim_enter" in C_GRAPH["shim/cs_state.c"]["shim/cs_handles.c"]
    assert "shim_close_hooked" in C_GRAPH["shim/cs_notify.c"]["shim/cs_handles.c"]
    assert "cs_deadline_stop" in C_GRAPH["shim/cs_shim_int.h"]["core/cs_deadline.h"]


def test_the_shim_calls_only_down():
    wrong = sorted("%s -> %s (%s)" % (path, target, ", ".join(sorted(names)))
                   for path, edges in C_GRAPH.items() if path.startswith("shim/")
                   for target, names in edges.items()
                   if not target.startswith(("shim/",) + SHIM_CALLS_OUT)
                   and not all((target, n) in SHIM_CALLS_OUT_BY_NAME for n in names))
    assert not wrong, "the shim calls only its own files, core/ and clusapi/:\n" + "\n".join(wrong)


def test_the_core_knows_nothing_above_it():
    wrong = sorted("%s -> %s (%s)" % (path, target, ", ".join(sorted(names)))
                   for path, edges in C_GRAPH.items() if path.startswith("core/")
                   for target in edges for names in [edges[target]]
                   if not target.startswith(("core/", "cs_platform.h")))
    assert not wrong, "core/ calls only core/:\n" + "\n".join(wrong)


def test_the_shim_files_call_each_other_without_a_cycle():
    shim = {path: {t for t in edges if t.startswith("shim/")}
            for path, edges in C_GRAPH.items() if path.startswith("shim/")}
    cycles = _cycles(shim)
    assert not cycles, "call cycles among shim/ files:\n" + "\n".join(cycles)


# Platform conditionals live in cs_platform.h (and in what is only about Windows: the clusapi
# declarations, the DLL backend, FormatMessage); every other native file is the same everywhere.
PLATFORM_FILES = ("cs_platform.h", "clusapi/", "dll/", "shim/cs_message.c")
_PLATFORM_TEST = re.compile(r"^[ \t]*#[ \t]*(?:if|ifdef|ifndef|elif)\b[^\n]*\b(_WIN32|_WIN64|_MSC_VER|__APPLE__|__linux__)\b",
                            re.M)


def test_platform_conditionals_only_in_the_platform_files():
    found = sorted("%s: %s" % (path, m.group(1)) for path in NATIVE_FILES if not path.startswith(PLATFORM_FILES)
                   for m in _PLATFORM_TEST.finditer(open(os.path.join(NATIVE, path), encoding="utf-8").read()))
    assert not found, "platform #if outside cs_platform.h (add a helper there):\n" + "\n".join(found)


# ---- who may use what the extension declares -----------------------------------------------------
# Each api/ header is one contract; these modules may use `lib.<name>` for the names its CDEF block
# declares (functions, #define and X-list constants, enumerators), and no others.  docs/design.md
# ("Who calls the api headers") holds the same table.
HEADER_USERS = {
    "cs_types.h": {"_bindings", "events.port", "handles._base", "kinds", "sim.cluster"},
    "cs_build.h": {"_bindings"},
    "cs_constants.h": {"_bindings", "_consts", "events.port"},
    "cs_errors.h": {"_bindings"},
    "cs_backends.h": {"_bindings", "_backend", "sim.cluster"},
    "cs_handles.h": {"_bindings", "handles._base", "shared_volumes"},
    "cs_reads.h": {"handles._base", "handles.cluster", "handles.objects", "shared_volumes"},
    "cs_snapshot.h": {"_bindings", "kinds"},
    "cs_kinds.h": set(),        # tests/unit/test_kinds.py holds kinds.py equal to it
    "cs_notify.h": {"events.port"},
    "cs_actions.h": {"actions.operation", "actions.node_ops"},
    "cs_config.h": {"handles.config"},
    "cs_control.h": {"properties.controls", "properties.writes"},
    "cs_limits.h": {"handles.cluster", "handles.objects"},
    "cs_sim_control.h": {"_bindings", "_consts", "sim.cluster", "sim.props"},
    "cs_bench.h": set(),        # bench/ only
    "cs_testing.h": set(),      # tests/ only
}
_CDEF_BLOCK = re.compile(r"/\* CDEF-BEGIN \*/\n(.*?)/\* CDEF-END \*/", re.S)
_CDEF_NAMES = re.compile(r"\bX\(\s*([A-Za-z_]\w*)\s*\)|#define\s+([A-Za-z_]\w*)|\b([A-Za-z_]\w*)\s*\("
                         r"|\b([A-Z][A-Z0-9_]*)\s*=")


def _api_names():
    """{name: {api headers declaring it}} from the CDEF blocks of the installed headers."""
    api = os.path.join(NATIVE, "api")
    names = {}
    for header in sorted(os.listdir(api)):
        with open(os.path.join(api, header), encoding="utf-8") as f:
            block = _CDEF_BLOCK.search(f.read())
        if block is None:
            continue
        for found in _CDEF_NAMES.findall(_C_NOISE.sub(" ", block.group(1))):
            names.setdefault(next(n for n in found if n), set()).add(header)
    return names


def _lib_uses():
    """{module: {name}}: every `lib.<name>` (or `<module>.lib.<name>`, `self._lib.<name>`, and a
    control library passed in as `ctl`: sim/props.py) in the package's code."""
    uses = {}
    for module, path in MODULES.items():
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.Attribute) and (
                    (isinstance(node.value, ast.Name) and node.value.id in ("lib", "ctl"))
                    or (isinstance(node.value, ast.Attribute) and node.value.attr in ("lib", "_lib"))):
                uses.setdefault(module, set()).add(node.attr)
    return uses


API_NAMES = _api_names()
LIB_USES = _lib_uses()


def test_every_api_header_has_a_row_of_users():
    headers = {h for found in API_NAMES.values() for h in found}
    assert headers == set(HEADER_USERS), "HEADER_USERS rows differ from the api headers with a CDEF block"
    assert {"cs_close", "cs_sim_create", "CS_KIND_CLUSTER", "CS_RIGHTS_ALL", "WAIT_TIMEOUT"} <= set(API_NAMES)


def test_each_name_is_declared_by_one_header():
    twice = {name: sorted(found) for name, found in API_NAMES.items() if len(found) > 1}
    assert not twice, "declared in more than one api header: %s" % twice


def test_modules_use_only_the_headers_their_rows_allow():
    wrong = []
    for module, names in sorted(LIB_USES.items()):
        for name in sorted(names):
            headers = API_NAMES.get(name)
            if headers is None:
                wrong.append("%s uses lib.%s, which no api header declares" % (module, name))
            elif not any(module in HEADER_USERS[h] for h in headers):
                wrong.append("%s uses lib.%s of api/%s, whose row does not list it"
                             % (module, name, "/".join(sorted(headers))))
    assert not wrong, "\n".join(wrong)


def test_no_row_lists_a_module_that_uses_nothing_of_it():
    stale = sorted("%s: %s" % (header, module) for header, modules in HEADER_USERS.items() for module in modules
                   if not any(header in API_NAMES.get(n, ()) for n in LIB_USES.get(module, ())))
    assert not stale, "HEADER_USERS lists modules that use nothing of the header: %s" % stale


DESIGN = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "docs", "design.md")


@pytest.mark.skipif(not os.path.exists(DESIGN), reason="docs/ is not beside the tests (a wheel's test run)")
def test_the_design_document_holds_the_same_table():
    rows = {}
    with open(DESIGN, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\| `api/(cs_\w+\.h)` \| (.*?) \|", line)
            if m:
                rows[m.group(1)] = set(re.findall(r"`([\w.]+)`", m.group(2)))
    assert rows == HEADER_USERS
