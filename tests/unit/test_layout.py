"""The package's shape, held by reading its source with `ast`: imports go
one way (down a declared list of layers, no cycles), the package is never
imported inside a function, and no file grows past what a reader can hold.

It reads the installed package (the one every other test imports), so it
also runs from a wheel; the native sources ship in it as package data.  The
size limit also holds every text file of the repository under clusapi_py/,
tests/ and bench/, read from the tree this file sits in (a copy of the tests
without the package source or the benchmarks checks what it has).
"""
import ast
import fnmatch
import os

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
    ("pure", ["enums", "errors", "names", "records", "_validate", "_version", "_sections", "_wide", "_forksafe", "sim.topology", "sim.scenario",
              "sim.generate", "monitor",
              "monitor.health", "monitor.nagios", "properties", "properties.codec", "properties.syntax",
              "properties.values"]),
    ("extension", ["_clusapi"]),
    ("bindings", ["_bindings"]),
    ("constants", ["_consts", "kinds"]),   # the numbers the package uses by name, as lib.NAME; the object kinds
    ("backend base, snapshot", ["_backend", "snapshot"]),
    ("simulator", ["sim", "sim.cluster", "sim.props", "sim.timeline"]),
    ("default-backend policy", ["backends"]),
    ("property controls", ["properties.controls", "properties.mixin", "shared_volumes"]),
    ("handles", ["handles", "handles.*"]),
    ("events", ["events", "events.*"]),  # notification ports and the live view (above the handles)
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
TYPE_ONLY_UPWARD = {("handles.cluster", "events.port"), ("handles.cluster", "events.live"),
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


def test_there_are_no_import_cycles():
    # A `TYPE_CHECKING` import never runs, so it cannot make a cycle at import time (objects.py
    # names the Cluster its handles come from that way); it still may not go up a layer.
    state, stack, cycles = {}, [], []

    def visit(module):
        state[module] = "open"
        stack.append(module)
        for target in sorted(RUNTIME_GRAPH.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" -> ".join(_name(m) for m in stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = "done"

    for module in sorted(RUNTIME_GRAPH):
        if module not in state:
            visit(module)
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


def test_no_file_of_the_repository_is_over_the_size_limit():
    files = _repository_files()
    assert "tests/unit/test_layout.py" in files, "the walk missed this file: %s" % REPOSITORY
    big = {path: lines for path, lines in sorted(files.items()) if lines > MAX_LINES}
    assert not big, "split these files by behaviour (over %d lines): %s" % (MAX_LINES, big)
