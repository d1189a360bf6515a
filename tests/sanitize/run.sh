#!/usr/bin/env bash
# The full test suite against an AddressSanitizer + UndefinedBehaviorSanitizer
# build of the extension, with leak detection on. Any report fails the run.
#
#   bash tests/sanitize/run.sh [VENV_DIR]      (default build/asan-venv)
#
# How: CLUSAPI_PY_SANITIZE=1 makes build_clusapi.py add -fsanitize=address,undefined;
# the (uninstrumented) Python loads the runtimes through LD_PRELOAD; PYTHONMALLOC=malloc
# makes freed Python memory really freed, so a pointer lost by the shim is seen as a
# leak; lsan.supp silences CPython's and cffi's own process-lifetime allocations only.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${1:-build/asan-venv}"
case "$venv" in /*) ;; *) venv="$PWD/$venv";; esac
CC="${CC:-gcc}"
asan="$($CC -print-file-name=libasan.so)"
ubsan="$($CC -print-file-name=libubsan.so)"
[ -f "$asan" ] && [ -f "$ubsan" ] || { echo "sanitize: $CC has no libasan/libubsan" >&2; exit 1; }

rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q pytest hypothesis
# Build from a copy of the tracked sources: setuptools reuses object files in
# build/ without looking at the flags, so an instrumented build must not share
# that folder with a normal one (either way round).
src="$(mktemp -d)"
git ls-files -z | xargs -0 cp --parents -t "$src"
CLUSAPI_PY_SANITIZE=1 "$venv/bin/pip" install -q --no-cache-dir "$src"
rm -rf "$src"
nm -D "$venv"/lib/python3*/site-packages/clusapi_py/_clusapi*.so | grep -q __asan_init \
  || { echo "sanitize: the extension was not built with ASan" >&2; exit 1; }

# A runtime that neither intercepts fork() nor registers pthread_atfork handlers (GCC 12's
# libasan, LLVM before 18) does not take its allocator's locks around fork(): a child forked
# while another thread is inside malloc/free can wait forever on a lock nobody will release.
# Say so to the tests that fork at random points of other threads' calls
# (tests/api/test_fork.py): they cannot run on such a runtime.
fork_safe=0
nm -D --defined-only "$asan" | grep -qE ' (__interceptor_)?fork$' && fork_safe=1
nm -D --undefined-only "$asan" | grep -q ' pthread_atfork' && fork_safe=1
[ "$fork_safe" = 1 ] || export CLUSAPI_PY_TEST_ALLOCATOR_NOT_FORK_SAFE=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
( cd "$(mktemp -d)" && \
  PYTHONMALLOC=malloc LD_PRELOAD="$asan $ubsan" \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$OLDPWD/tests/sanitize/lsan.supp:print_suppressions=0" \
  "$venv/bin/python" -m pytest -q -p no:cacheprovider "$OLDPWD/tests" ) >"$log" 2>&1 || status=$?
tail -n 5 "$log"
reports=$(grep -cE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" "$log" || true)
if [ "$status" -ne 0 ] || [ "$reports" -ne 0 ]; then
    grep -nE -A20 "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" "$log" | head -n 80
    echo "sanitize: FAILED (pytest exit $status, $reports sanitizer reports)" >&2
    exit 1
fi
echo "sanitize: no ASan/UBSan/LSan reports"
