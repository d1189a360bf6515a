#!/usr/bin/env bash
# tests/windows/simdll/build.sh - builds the simulated clusapi.dll and checks
# its exports.
#
#   bash tests/windows/simdll/build.sh OUT_DIR [CC]     (CC default x86_64-w64-mingw32-gcc)
#
# Writes, in OUT_DIR:
#   clusapi.dll        all 284 functions of the SDK's clusapi.h (the backend
#                      table's, the others simdll_more.c models and the
#                      cluster registry's (simdll_registry.c), the rest
#                      stubs failing with ERROR_CALL_NOT_IMPLEMENTED:
#                      sdk_stubs.c) + the control API
#   clusapi2008/clusapi.dll
#                      the same with Windows Server 2008's export set (the
#                      SDK's ungated functions: no OpenClusterEx / Open*Ex /
#                      *EnumEx / notification v2): the shim's fallbacks
#   default_topology.h the built-in topology, flat (flatten_topology.py)
#   simdll.def         the control API's exports (the cs_sim_* functions of
#                      the api/ headers)
#   exports.txt        the DLL's export names (objdump -p)
# Sources: build_clusapi.py --print-sources minus dll/ (the system backend,
# which loads clusapi.dll) and shim/ (the client side), plus simdll.c,
# simdll_more.c, simdll_registry.c, simdll_create.c and sdk_stubs.c.
#
# The export check (fails the build): every function the shim resolves
# (CS_CLUSAPI_FUNCTIONS, core/cs_backend.h) is declared by the SDK's
# clusapi.h (clusapi_sdk_functions.txt, with its provenance) and exported by
# clusapi.dll; every export is either such a function or a control entry
# (cs_sim_* / cs_simdll_*); the DLL exports exactly the SDK's 284 functions
# (sdk_functions.h) and the 2008 DLL exactly the ungated ones; the
# signatures of sdk_functions.h agree with mingw-w64's <clusapi.h>
# (sdk_mingw_check.c).
#
# Prints "ok - ..." / "not ok - ..." lines; exits 1 on any failure.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:?usage: build.sh OUT_DIR [CC]}
CC=${2:-x86_64-w64-mingw32-gcc}
OBJDUMP=${CC%gcc}objdump
NATIVE=$ROOT/clusapi_py/_native
CFLAGS=(-Wall -Wextra -Werror -std=gnu99 -O1)
mkdir -p "$OUT" "$OUT/clusapi2008"
OUT=$(cd "$OUT" && pwd)
status=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; status=1; }

cd "$ROOT"
mapfile -t all < <(python3 build_clusapi.py --print-sources)
sources=()
for s in "${all[@]}"; do
    case $s in
        clusapi_py/_native/dll/* | clusapi_py/_native/shim/*) ;;
        *) sources+=("$s") ;;
    esac
done
if [ "${#sources[@]}" -eq 0 ]; then
    not_ok "simdll: build_clusapi.py --print-sources gave no sources"
    exit 1
fi

if ! python3 "$HERE/flatten_topology.py" --c-header >"$OUT/default_topology.h"; then
    not_ok "simdll: flatten_topology.py --c-header"
    exit 1
fi

# The control API: every cs_sim_* function declared in a CDEF block of api/*.h (what Python
# calls on the extension).
control=$(for h in "$NATIVE"/api/*.h; do sed -n '/CDEF-BEGIN/,/CDEF-END/p' "$h"; done |
    grep -oE '\bcs_sim_[a-z_0-9]+\(' | tr -d '(' | sort -u)
{ echo "LIBRARY clusapi.dll"; echo "EXPORTS"; printf '    %s\n' $control; } >"$OUT/simdll.def"

# The names of the backend table, by the preprocessor from CS_CLUSAPI_FUNCTIONS.
printf '#include "core/cs_backend.h"\n#define N(name, type, rpc) CS_NAME name\nCS_CLUSAPI_FUNCTIONS(N)\n' >"$OUT/names.c"
table=$("$CC" -E -P -I"$NATIVE" "$OUT/names.c" | grep -oE 'CS_NAME [A-Za-z0-9_]+' | sed 's/CS_NAME //' | sort -u)
if [ -z "$table" ]; then
    not_ok "simdll: no function names from CS_CLUSAPI_FUNCTIONS"
    exit 1
fi

build() {   # build OUTPUT EXTRA_FLAGS...
    local dll=$1
    shift
    "$CC" "${CFLAGS[@]}" "$@" -shared -static-libgcc -I"$NATIVE" -I"$OUT" -o "$dll" \
        "${sources[@]}" "$HERE/simdll.c" "$HERE/simdll_more.c" "$HERE/simdll_registry.c" "$HERE/simdll_create.c" \
        "$HERE/sdk_stubs.c" "$OUT/simdll.def" -Wl,--kill-at >"$dll.build.log" 2>&1
}
if build "$OUT/clusapi.dll"; then
    ok "simdll: clusapi.dll built ($CC ${CFLAGS[*]}, ${#sources[@]} sources + simdll.c)"
else
    cat "$OUT/clusapi.dll.build.log"
    not_ok "simdll: clusapi.dll build (see $OUT/clusapi.dll.build.log)"
    exit 1
fi
if build "$OUT/clusapi2008/clusapi.dll" -DCS_SIMDLL_LEVEL_2008; then
    ok "simdll: clusapi2008/clusapi.dll built (Windows Server 2008 export set)"
else
    cat "$OUT/clusapi2008/clusapi.dll.build.log"
    not_ok "simdll: clusapi2008/clusapi.dll build"
    exit 1
fi

exports_of() {
    "$OBJDUMP" -p "$1" | sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' |
        sed -nE 's/^[[:space:]]*\[[[:space:]]*[0-9]+\][[:space:]]+([A-Za-z_][A-Za-z0-9_@]*)$/\1/p' | sort -u
}
exports_of "$OUT/clusapi.dll" >"$OUT/exports.txt"
exports_of "$OUT/clusapi2008/clusapi.dll" >"$OUT/clusapi2008/exports.txt"
sdk=$(grep -v '^#' "$HERE/clusapi_sdk_functions.txt" | sort -u)

n_table=$(printf '%s\n' "$table" | wc -l)
not_sdk=$(comm -23 <(printf '%s\n' "$table") <(printf '%s\n' "$sdk"))
[ -z "$not_sdk" ] && ok "exports: all $n_table functions of the backend table are declared by the SDK's clusapi.h" ||
    not_ok "exports: not declared by the SDK's clusapi.h: $(echo $not_sdk)"
missing=$(comm -23 <(printf '%s\n' "$table") "$OUT/exports.txt")
[ -z "$missing" ] && ok "exports: clusapi.dll exports all $n_table functions of the backend table" ||
    not_ok "exports: clusapi.dll lacks $(echo $missing)"
extra=$(comm -13 <(printf '%s\n' "$sdk") "$OUT/exports.txt" | grep -vE '^cs_(sim|simdll)_[a-z_0-9]+$' || true)
[ -z "$extra" ] && ok "exports: every export is an SDK function or a control entry (cs_sim_* / cs_simdll_*)" ||
    not_ok "exports: unexpected exports (decorated or stray): $(echo $extra)"
missing_control=$(comm -23 <(printf '%s\n' "$control") "$OUT/exports.txt")
[ -z "$missing_control" ] && ok "exports: the control API ($(printf '%s\n' "$control" | wc -l) cs_sim_* functions) is exported" ||
    not_ok "exports: control functions not exported: $(echo $missing_control)"
# The 2008 DLL: the table minus the later functions (*Ex, *Ex2, *V2, GetNotifyEventHandle, the 2012
# actions CancelClusterGroupOperation and RestartClusterResource), nothing else missing.
LATER='Ex2?$|V2$|^GetNotifyEventHandle$|^CancelClusterGroupOperation$|^RestartClusterResource$'
want2008=$(printf '%s\n' "$table" | grep -vE "$LATER")
missing2008=$(comm -23 <(printf '%s\n' "$want2008") "$OUT/clusapi2008/exports.txt")
present_ex=$(comm -12 <(printf '%s\n' "$table" | grep -E "$LATER") "$OUT/clusapi2008/exports.txt")
[ -z "$missing2008$present_ex" ] &&
    ok "exports: clusapi2008/clusapi.dll exports the $(printf '%s\n' "$want2008" | wc -l) functions of Server 2008 and none later (*Ex, *Ex2, *V2, GetNotifyEventHandle, Cancel/Restart)" ||
    not_ok "exports: clusapi2008/clusapi.dll: missing [$(echo $missing2008)], present *Ex [$(echo $present_ex)]"
# The whole SDK surface (sdk_functions.h, generated from the SDK header by gen_sdk_functions.py).
sdk_rows=$(grep -oE '^ +X\([^,]+, FAIL_[A-Z]+, [A-Za-z0-9_]+, 0x[0-9a-f]+' "$HERE/sdk_functions.h" |
    sed -E 's/.*, FAIL_[A-Z]+, ([A-Za-z0-9_]+), (0x[0-9a-f]+)$/\1 \2/')
sdk_all=$(printf '%s\n' "$sdk_rows" | cut -d' ' -f1 | sort -u)
sdk_2008=$(printf '%s\n' "$sdk_rows" | awk '$2 == "0x0600" {print $1}' | sort -u)
[ "$sdk_all" = "$sdk" ] && ok "sdk_functions.h: the same $(printf '%s\n' "$sdk_all" | wc -l) functions as clusapi_sdk_functions.txt" ||
    not_ok "sdk_functions.h and clusapi_sdk_functions.txt differ (run gen_sdk_functions.py)"
clusapi_exports=$(grep -vE '^cs_(sim|simdll)_[a-z_0-9]+$' "$OUT/exports.txt" || true)
[ "$clusapi_exports" = "$sdk_all" ] &&
    ok "exports: clusapi.dll exports exactly the $(printf '%s\n' "$sdk_all" | wc -l) functions of the SDK's clusapi.h" ||
    not_ok "exports: clusapi.dll vs the SDK: missing [$(comm -23 <(printf '%s\n' "$sdk_all") <(printf '%s\n' "$clusapi_exports") | tr '\n' ' ')], extra [$(comm -13 <(printf '%s\n' "$sdk_all") <(printf '%s\n' "$clusapi_exports") | tr '\n' ' ')]"
exports2008=$(grep -vE '^cs_(sim|simdll)_[a-z_0-9]+$' "$OUT/clusapi2008/exports.txt" || true)
[ "$exports2008" = "$sdk_2008" ] &&
    ok "exports: clusapi2008/clusapi.dll exports exactly the $(printf '%s\n' "$sdk_2008" | wc -l) functions the SDK declares ungated (before 2008 R2)" ||
    not_ok "exports: clusapi2008/clusapi.dll vs the SDK's ungated functions: missing [$(comm -23 <(printf '%s\n' "$sdk_2008") <(printf '%s\n' "$exports2008") | tr '\n' ' ')], extra [$(comm -13 <(printf '%s\n' "$sdk_2008") <(printf '%s\n' "$exports2008") | tr '\n' ' ')]"
if "$CC" -D_WIN32_WINNT=0x0502 -fsyntax-only -Wall -Wextra -Werror -I"$NATIVE" "$HERE/sdk_mingw_check.c" \
    >"$OUT/sdk_mingw_check.log" 2>&1; then
    ok "signatures: the $(grep -cE ', 1, \(' "$HERE/sdk_functions.h") functions mingw-w64's <clusapi.h> declares agree with sdk_functions.h ($CC)"
else
    cat "$OUT/sdk_mingw_check.log"
    not_ok "signatures: sdk_functions.h disagrees with mingw-w64's <clusapi.h> (see $OUT/sdk_mingw_check.log)"
fi
exit $status
