#!/usr/bin/env bash
# Builds the simulator's C tests (every tests/c/*.c: main.c runs the groups,
# check.h/check.c hold the shared checks) against the native sources into
# one program, test_sim, and runs it.
#
#   bash tests/c/build_and_run.sh [BUILD_DIR]      (default /tmp/clusapi_c_tests)
#
# Environment:
#   CC           compiler (default gcc); a mingw-w64 compiler such as
#                x86_64-w64-mingw32-gcc builds test_sim.exe
#   RUN          prefix of the run command (default empty), e.g.
#                RUN="timeout 300 wine" to run the .exe under Wine, or
#                RUN="valgrind --leak-check=full --error-exitcode=1"
#   EXTRA_CFLAGS extra compiler flags (e.g. -fsanitize=address,undefined)
#   NO_RUN=1     build only
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-/tmp/clusapi_c_tests}"
cc="${CC:-gcc}"

cd "$root"
mkdir -p "$out"

case "$($cc -dumpmachine 2>/dev/null || echo unknown)" in
    *mingw*|*windows*|*cygwin*|*msys*) exe="$out/test_sim.exe"; libs="" ;;
    *) exe="$out/test_sim"; libs="-lpthread" ;;
esac

native=clusapi_py/_native
# The one source list (build_clusapi.py), so these tests build what the wheel builds.
mapfile -t sources < <(python3 build_clusapi.py --print-sources)
mapfile -t tests < <(ls tests/c/*.c)
# shellcheck disable=SC2086  # EXTRA_CFLAGS and libs are word lists
$cc -Wall -Wextra -Werror -std=gnu99 -O1 -g -I "$native" -I tests/c ${EXTRA_CFLAGS:-} \
    "${sources[@]}" "${tests[@]}" -o "$exe" $libs
echo "built $exe"

if [ "${NO_RUN:-0}" = "1" ]; then
    exit 0
fi
# The summary line must be there: a runner that fails to start the program
# (Wine without its 32-bit part exits 0 without running anything) must not
# look like a pass.
log="$out/test_sim.log"
# shellcheck disable=SC2086  # RUN is a command prefix
${RUN:-} "$exe" | tee "$log"
summary="$(tr -d '\r' < "$log" | tail -n 1)"
if ! printf '%s\n' "$summary" | grep -Eq '^[0-9]+ passed, 0 failed$'; then
    echo "test_sim: no passing summary line (last line: '$summary')" >&2
    exit 1
fi
