#!/usr/bin/env bash
# tests/windows/run.sh - the Windows-ABI test stage: the shim cross-compiled
# with mingw-w64 and run under Wine against Wine's clusapi.dll.
#
#   bash tests/windows/run.sh [BUILD_DIR]        (default build/windows)
#
# Needs x86_64-w64-mingw32-gcc and wine (Debian: apt-get install mingw-w64
# wine64; installing them is .ci/run's job, this script only checks).
#
#   a. every native source (build_clusapi.py --print-sources) + test_dll.c
#      -> test_dll.exe (no clusapi import: the DLL is loaded at run time),
#      run under Wine;
#   b. the simulator's C tests (tests/c/build_and_run.sh) built with
#      mingw-w64 and run under Wine;
#   c. tests/windows/compat_check.c: the compat clusapi declarations against
#      mingw-w64's <clusapi.h> (x86_64, and i686 when installed);
#   d. tests/windows/simdll/stage.sh: the simulator built as clusapi.dll,
#      its exports checked against the SDK's clusapi.h, installed in the
#      prefix's System32 and driven through the system backend;
#   then prints "N passed, M failed" over everything and exits 1 on any
#   failure.
#
# Environment: WINE (default: wine, else wine64), TEST_TIMEOUT (seconds per
# wine run, default 300), KEEP_WINESERVER=1 to leave the wineserver running.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

BUILD=${1:-build/windows}
CC64=x86_64-w64-mingw32-gcc
CC32=i686-w64-mingw32-gcc
NATIVE=clusapi_py/_native
CFLAGS=(-Wall -Wextra -Werror -std=gnu99 -O1)
TEST_TIMEOUT=${TEST_TIMEOUT:-300}

# ---- tools -----------------------------------------------------------------------
missing=()
command -v "$CC64" >/dev/null 2>&1 || missing+=("$CC64 (Debian package mingw-w64)")
if [ -z "${WINE:-}" ]; then
    if command -v wine >/dev/null 2>&1; then
        WINE=wine
    elif command -v wine64 >/dev/null 2>&1; then
        WINE=wine64
    fi
fi
if [ -z "${WINE:-}" ] || ! command -v "$WINE" >/dev/null 2>&1; then
    missing+=("wine (Debian package wine64)")
fi
command -v timeout >/dev/null 2>&1 || missing+=("timeout (coreutils)")
if [ "${#missing[@]}" -gt 0 ]; then
    echo "tests/windows/run.sh: missing tools:" >&2
    for m in "${missing[@]}"; do echo "  - $m" >&2; done
    echo "Install them first (.ci/run does: apt-get install -y mingw-w64 wine64)." >&2
    exit 1
fi

mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
LOGS=$BUILD/logs
mkdir -p "$LOGS"

export WINEPREFIX=$BUILD/wineprefix
export WINEDEBUG=-all
# Mono and Gecko are not needed; disabling them keeps the first start from
# asking to download them (a prompt that can hang a session with a display).
export WINEDLLOVERRIDES="mscoree=;mshtml="

PASSED=0
FAILED=0
FAILURES=()
T_START=$SECONDS

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); FAILURES+=("$*"); echo "not ok - $*"; }

# Runs a command with its output in a log; prints the log; returns its status.
logged() {
    local log=$1
    shift
    local rc=0
    "$@" >"$log" 2>&1 || rc=$?
    tr -d '\r' <"$log"
    return "$rc"
}

# Adds the "N passed, M failed" of a test program's output (the last such
# line) to the totals.  A missing line, or a non-zero exit status with no
# failure reported, counts as one failure.
count_results() {
    local what=$1 log=$2 rc=$3 line p f
    line=$(tr -d '\r' <"$log" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1 || true)
    if [ -z "$line" ]; then
        if [ "$rc" -eq 124 ]; then
            not_ok "$what: timed out after ${TEST_TIMEOUT}s (no result line)"
        else
            not_ok "$what: exited with status $rc and printed no 'N passed, M failed' line (crash?)"
        fi
        return
    fi
    p=${line%% passed*}
    f=${line#*, }
    f=${f%% failed*}
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    if [ "$f" -gt 0 ]; then
        FAILURES+=("$what: $f failed (see $log)")
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        not_ok "$what: exit status $rc although it reported no failure"
    fi
    echo "# $what: $line"
}

# ---- the wine prefix ---------------------------------------------------------------------
echo "# wine: $($WINE --version 2>/dev/null | head -n 1), prefix $WINEPREFIX"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "# creating the wine prefix (first start, up to 300 s)"
    t0=$SECONDS
    rc=0
    timeout 300 "$WINE" wineboot --init >"$LOGS/wineboot.log" 2>&1 || rc=$?
    # wineboot returns before the registry is on disk: the wineserver writes
    # it when it exits (a few seconds after the last wine process).
    if [ "$rc" -eq 0 ] && command -v wineserver >/dev/null 2>&1; then
        timeout 120 wineserver -w >>"$LOGS/wineboot.log" 2>&1 || rc=$?
    fi
    if [ "$rc" -ne 0 ] || [ ! -f "$WINEPREFIX/system.reg" ]; then
        not_ok "wine prefix creation (status $rc, see $LOGS/wineboot.log)"
    else
        echo "# prefix created in $((SECONDS - t0)) s"
    fi
fi

# ---- a. test_dll.exe: the shim against Wine's clusapi.dll -----------------------------
echo "# --- a. shim + test_dll.c under Wine"
# The one source list (build_clusapi.py --print-sources): what the wheel builds.
have_sources=1
if ! mapfile -t sources < <(python3 build_clusapi.py --print-sources) || [ "${#sources[@]}" -eq 0 ]; then
    have_sources=0
    not_ok "build test_dll.exe: build_clusapi.py --print-sources gave no source list"
fi
if [ "$have_sources" -eq 1 ]; then
    if logged "$LOGS/test_dll.build.log" "$CC64" "${CFLAGS[@]}" -I"$NATIVE" -Itests/windows -o "$BUILD/test_dll.exe" \
        "${sources[@]}" tests/windows/test_dll.c; then
        ok "build test_dll.exe ($CC64 ${CFLAGS[*]}, no clusapi import library)"
        objdump=x86_64-w64-mingw32-objdump
        if command -v "$objdump" >/dev/null 2>&1; then
            imports=$("$objdump" -p "$BUILD/test_dll.exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr '\n' ' ')
            if printf '%s' "$imports" | grep -qi clusapi; then
                not_ok "test_dll.exe imports clusapi.dll at load time (imports: $imports)"
            else
                ok "test_dll.exe does not import clusapi.dll (imports: $imports)"
            fi
        fi
        rc=0
        (cd "$BUILD" && timeout "$TEST_TIMEOUT" "$WINE" ./test_dll.exe) >"$LOGS/test_dll.log" 2>&1 || rc=$?
        tr -d '\r' <"$LOGS/test_dll.log"
        count_results "test_dll.exe" "$LOGS/test_dll.log" "$rc"
    else
        not_ok "build test_dll.exe (see $LOGS/test_dll.build.log)"
    fi

    # The same sources for 32-bit x86 (WINAPI = __stdcall there): compiled and
    # linked to catch warnings and calling-convention mismatches; not run
    # (Debian's wine64 cannot run 32-bit programs without wine32:i386).
    if command -v "$CC32" >/dev/null 2>&1; then
        if logged "$LOGS/test_dll32.build.log" "$CC32" "${CFLAGS[@]}" -I"$NATIVE" -Itests/windows -o "$BUILD/test_dll32.exe" \
            "${sources[@]}" tests/windows/test_dll.c; then
            ok "build test_dll32.exe with $CC32 (compiled and linked, not run)"
        else
            not_ok "build test_dll32.exe with $CC32 (see $LOGS/test_dll32.build.log)"
        fi
    else
        echo "# $CC32 not installed: no 32-bit build"
    fi
fi

# ---- b. the simulator's C tests under the Windows ABI -------------------------------
echo "# --- b. simulator C tests (tests/c/build_and_run.sh) under Wine"
if [ ! -f tests/c/build_and_run.sh ]; then
    not_ok "simulator C tests: tests/c/build_and_run.sh is missing"
else
    rc=0
    CC=$CC64 RUN="timeout $TEST_TIMEOUT $WINE" bash tests/c/build_and_run.sh "$BUILD/sim" \
        >"$LOGS/sim.log" 2>&1 || rc=$?
    tr -d '\r' <"$LOGS/sim.log"
    if tr -d '\r' <"$LOGS/sim.log" | grep -qE '^[0-9]+ passed, [0-9]+ failed$'; then
        count_results "simulator C tests" "$LOGS/sim.log" "$rc"
    elif [ "$rc" -eq 0 ]; then
        ok "simulator C tests (build_and_run.sh exit status 0)"
    else
        not_ok "simulator C tests (build_and_run.sh exit status $rc, see $LOGS/sim.log)"
    fi
fi

# ---- c. compat declarations against mingw-w64's clusapi.h ----------------------------
echo "# --- c. compat_check.c against mingw-w64's <clusapi.h>"
for cc in "$CC64" "$CC32"; do
    if ! command -v "$cc" >/dev/null 2>&1; then
        echo "# $cc not installed: compat check skipped for it"
        continue
    fi
    if logged "$LOGS/compat_check.$cc.log" "$cc" -D_WIN32_WINNT=0x0502 -fsyntax-only -Wall -Wextra -Werror \
        -I"$NATIVE" tests/windows/compat_check.c; then
        ok "compat_check.c with $cc"
    else
        not_ok "compat_check.c with $cc (see $LOGS/compat_check.$cc.log)"
    fi
done

# ---- d. the simulated clusapi.dll in System32 (tests/windows/simdll/stage.sh) ---------
if [ "$have_sources" -eq 1 ]; then
    # shellcheck source=simdll/stage.sh
    . tests/windows/simdll/stage.sh
else
    not_ok "simulated clusapi.dll stage: no source list"
fi

# ---- done ----------------------------------------------------------------------------
if [ "${KEEP_WINESERVER:-0}" != 1 ] && command -v wineserver >/dev/null 2>&1; then
    # This prefix's wineserver only; it would linger a few seconds anyway.
    timeout 30 wineserver -w >/dev/null 2>&1 || wineserver -k >/dev/null 2>&1 || true
fi

echo "# Windows stage took $((SECONDS - T_START)) s; logs in $LOGS"
if [ "${#FAILURES[@]}" -gt 0 ]; then
    echo "# failures:"
    for f in "${FAILURES[@]}"; do echo "#   $f"; done
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
