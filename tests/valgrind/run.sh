#!/usr/bin/env bash
# valgrind memcheck over tests/valgrind/workload.py (churn, snapshots, error paths).
# Fails on any invalid read/write or use of uninitialised memory, and on any
# definitely/indirectly lost block allocated by the shim or the simulator.
#
#   PY=.venv/bin/python bash tests/valgrind/run.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${PY:-python3}"
case "$PY" in */*) PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")";; esac   # we cd below
n="${1:-1000}"
command -v valgrind >/dev/null || { echo "valgrind: not installed" >&2; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
workdir="$(mktemp -d)"
# Run outside the source tree so the installed extension is the one checked.
( cd "$workdir" && PYTHONMALLOC=malloc valgrind --tool=memcheck --leak-check=full \
    --show-leak-kinds=definite,indirect --num-callers=40 --error-exitcode=0 \
    "$PY" "$OLDPWD/tests/valgrind/workload.py" "$n" ) >"$log" 2>&1
grep -q "workload done" "$log" || { tail -n 40 "$log"; echo "valgrind: the workload did not finish" >&2; exit 1; }
# Split the report into records (blank-line separated) and keep the ones that
# touch the extension.
# (CPython itself is not built for valgrind and reports uninitialised reads of its
# own; only records with a frame in the extension count, less the one block
# cffi itself allocates once for the module at import, in _cffi_backend.)
bad=$(sed -E 's/^==[0-9]+== ?//' "$log" | awk -v RS= '/_clusapi/ && !/_cffi_backend/ && (/Invalid (read|write)/ || /uninitialised/ || /definitely lost/ || /indirectly lost/ || /Invalid free/ || /Mismatched free/)')
grep -E "ERROR SUMMARY|definitely lost:|indirectly lost:" "$log" | sed 's/^==[0-9]*== //'
if [ -n "$bad" ]; then
    printf '%s\n' "$bad" | head -n 120
    echo "valgrind: FAILED: errors or leaks in the shim/simulator" >&2
    exit 1
fi
echo "valgrind: no invalid accesses and 0 bytes lost in the shim and simulator"
