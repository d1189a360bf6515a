# tests/windows/simdll/stage.sh - stage d of tests/windows/run.sh (sourced by
# it: uses its BUILD, LOGS, WINE, WINEPREFIX, CC64, CC32, CFLAGS, NATIVE,
# TEST_TIMEOUT, sources, ok / not_ok / logged / count_results).
#
# The simulated clusapi.dll (tests/windows/simdll/) installed as the prefix's
# System32\clusapi.dll and loaded instead of Wine's built-in one
# (WINEDLLOVERRIDES clusapi=n, for these runs only), then the system backend
# driven end to end by test_simdll.exe:
#   full    every export: the bulk (*EnumEx) paths
#   2008    Windows Server 2008's export set: the fallback paths; its
#           snapshot must equal the full DLL's byte for byte
#   custom  CLUSAPI_SIMDLL_TOPOLOGY: a topology with non-ASCII names and a property
#   bad     CLUSAPI_SIMDLL_TOPOLOGY: a malformed file (an error, no crash)
# then test_surface.exe (the whole SDK surface) and test_create_dll.exe
# (creating and deleting groups and resources), each on both builds.
# Wine's own clusapi.dll is put back afterwards (stage a uses it).

SIMDLL=$BUILD/simdll
SYS32=$WINEPREFIX/drive_c/windows/system32
simdll_overrides="mscoree=;mshtml=;clusapi=n"

# Adds the ok / not ok lines of a log to the totals.
count_lines() {
    local log=$1 p f
    p=$(grep -c '^ok - ' "$log" || true)
    f=$(grep -c '^not ok - ' "$log" || true)
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    if [ "$f" -gt 0 ]; then FAILURES+=("simdll: $f failed (see $log)"); fi
}

# run_simdll WHAT DLL [ENV=VALUE...] -- ARGS...: installs DLL as System32\clusapi.dll, runs test_simdll.exe ARGS
# (SIMDLL_EXE=test_surface to run that one instead).
run_simdll() {
    local what=$1 dll=$2 rc=0 exe=${SIMDLL_EXE:-test_simdll} log=$LOGS/${SIMDLL_EXE:-simdll}.$1.log
    shift 2
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    if ! cp "$dll" "$SYS32/clusapi.dll"; then
        not_ok "simdll $what: could not install $dll into $SYS32"
        return
    fi
    (cd "$BUILD" && env "${envs[@]}" WINEDLLOVERRIDES="$simdll_overrides" \
        timeout "$TEST_TIMEOUT" "$WINE" "$SIMDLL/$exe.exe" "$@") >"$log" 2>&1 || rc=$?
    tr -d '\r' <"$log"
    count_results "$exe.exe $what" "$log" "$rc"
}

echo "# --- d. the simulated clusapi.dll in System32: the system backend end to end"
t_d=$SECONDS
mkdir -p "$SIMDLL"
rc=0
bash tests/windows/simdll/build.sh "$SIMDLL" "$CC64" >"$LOGS/simdll.build.log" 2>&1 || rc=$?
tr -d '\r' <"$LOGS/simdll.build.log"
count_lines "$LOGS/simdll.build.log"
if [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$LOGS/simdll.build.log"; then
    not_ok "simdll: build.sh exited $rc"
fi
if command -v "$CC32" >/dev/null 2>&1; then
    # i686 (WINAPI = __stdcall, exports undecorated): built and export-checked, not run.
    rc=0
    bash tests/windows/simdll/build.sh "$SIMDLL/i686" "$CC32" >"$LOGS/simdll.build32.log" 2>&1 || rc=$?
    sed 's/^\(not \)\{0,1\}ok - /&i686: /' "$LOGS/simdll.build32.log" >"$LOGS/simdll.build32.tagged.log"
    tr -d '\r' <"$LOGS/simdll.build32.tagged.log"
    count_lines "$LOGS/simdll.build32.tagged.log"
    if [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$LOGS/simdll.build32.log"; then
        not_ok "simdll i686: build.sh exited $rc"
    fi
fi

if [ -f "$SIMDLL/clusapi.dll" ] && [ -f "$SIMDLL/clusapi2008/clusapi.dll" ] &&
    logged "$LOGS/test_simdll.build.log" "$CC64" "${CFLAGS[@]}" -I"$NATIVE" -Itests/windows -o "$SIMDLL/test_simdll.exe" \
        "${sources[@]}" tests/windows/simdll/test_simdll.c; then
    ok "build test_simdll.exe"
    # Wine's own clusapi.dll, kept to be put back.
    if [ ! -f "$SIMDLL/wine-clusapi.dll" ] && [ -f "$SYS32/clusapi.dll" ]; then
        cp "$SYS32/clusapi.dll" "$SIMDLL/wine-clusapi.dll"
    fi
    rm -f "$SIMDLL/snapshot.full.bin" "$SIMDLL/snapshot.2008.bin"
    run_simdll full "$SIMDLL/clusapi.dll" -- full 'Z:'"${SIMDLL//\//\\}"'\snapshot.full.bin'
    run_simdll 2008 "$SIMDLL/clusapi2008/clusapi.dll" -- 2008 'Z:'"${SIMDLL//\//\\}"'\snapshot.2008.bin'
    if [ -s "$SIMDLL/snapshot.full.bin" ] && cmp -s "$SIMDLL/snapshot.full.bin" "$SIMDLL/snapshot.2008.bin"; then
        ok "simdll: the snapshot on the fallback path (2008 exports) equals the bulk one byte for byte ($(wc -c <"$SIMDLL/snapshot.full.bin") bytes)"
    else
        not_ok "simdll: the bulk and fallback snapshots differ or are missing ($SIMDLL/snapshot.*.bin)"
    fi
    # Properties in the topology: `prop` lines, written by the package's own simulator
    # (flatten_topology.py needs the installed package for them: the venv's python).
    printf '{"cluster": {"name": "Cl\\u00fcster-\\ud83d\\ude00", "properties": {"Description": "D\\u00e9sc-\\ud83d\\ude00"}}, "nodes": [{"name": "N\\u00f6de1"}, {"name": "N\\ud83d\\ude002"}]}\n' \
        >"$SIMDLL/custom.json"
    flat_py=python3
    [ -x "$ROOT/.venv/bin/python" ] && flat_py=$ROOT/.venv/bin/python
    if "$flat_py" tests/windows/simdll/flatten_topology.py "$SIMDLL/custom.json" >"$SIMDLL/custom.flat"; then
        run_simdll custom "$SIMDLL/clusapi.dll" CLUSAPI_SIMDLL_TOPOLOGY='Z:'"${SIMDLL//\//\\}"'\custom.flat' -- custom
    else
        not_ok "simdll: flatten_topology.py custom.json"
    fi
    printf 'clusapi-sim-flat 1\ncluster\tX\t\t10\t0\t1\tv\t\t1\t1\t0\nnode\tN1\t1\t99999999999\n' >"$SIMDLL/bad.flat"
    run_simdll bad "$SIMDLL/clusapi.dll" CLUSAPI_SIMDLL_TOPOLOGY='Z:'"${SIMDLL//\//\\}"'\bad.flat' -- bad
    # The whole SDK surface (test_surface.c: this file alone, no shim): every export by name, the
    # unmodelled ones failing with ERROR_CALL_NOT_IMPLEMENTED, the modelled extras for real.
    if logged "$LOGS/test_surface.build.log" "$CC64" "${CFLAGS[@]}" -I"$NATIVE" -Itests/windows \
        -Itests/windows/simdll -o "$SIMDLL/test_surface.exe" tests/windows/simdll/test_surface.c; then
        ok "build test_surface.exe"
        SIMDLL_EXE=test_surface run_simdll full "$SIMDLL/clusapi.dll" -- full
        SIMDLL_EXE=test_surface run_simdll 2008 "$SIMDLL/clusapi2008/clusapi.dll" -- 2008
        # A topology with a Cluster Shared Volume: the flat file's csv line (10 TiB: a 64-bit size).
        printf '%s\n' '{"cluster": {"name": "CSVCLU"}, "nodes": [{"name": "N1"}, {"name": "N2"}],' \
            '"groups": [{"name": "Cluster Group", "owner_node": "N1"}], "resources": [' \
            '{"name": "Cluster Disk 1", "type": "Physical Disk", "group": "Cluster Group"},' \
            '{"name": "Cluster Disk 2", "type": "Physical Disk", "group": "Cluster Group"}], "shared_volumes": [' \
            '{"resource": "Cluster Disk 2", "path": "C:\\ClusterStorage\\Volume1", "total_bytes": 10995116277760}]}' \
            >"$SIMDLL/csv.json"
        if python3 tests/windows/simdll/flatten_topology.py "$SIMDLL/csv.json" >"$SIMDLL/csv.flat"; then
            SIMDLL_EXE=test_surface run_simdll csv "$SIMDLL/clusapi.dll" \
                CLUSAPI_SIMDLL_TOPOLOGY='Z:'"${SIMDLL//\//\\}"'\csv.flat' -- csv
        else
            not_ok "simdll: flatten_topology.py csv.json"
        fi
    else
        not_ok "build test_surface.exe (see $LOGS/test_surface.build.log)"
    fi
    # Create/Delete/DestroyClusterGroup, Create/DeleteClusterResource (test_create_dll.c, this file alone).
    if logged "$LOGS/test_create_dll.build.log" "$CC64" "${CFLAGS[@]}" -I"$NATIVE" -Itests/windows \
        -Itests/windows/simdll -o "$SIMDLL/test_create_dll.exe" tests/windows/simdll/test_create_dll.c; then
        ok "build test_create_dll.exe"
        SIMDLL_EXE=test_create_dll run_simdll full "$SIMDLL/clusapi.dll" -- full
        SIMDLL_EXE=test_create_dll run_simdll 2008 "$SIMDLL/clusapi2008/clusapi.dll" -- 2008
    else
        not_ok "build test_create_dll.exe (see $LOGS/test_create_dll.build.log)"
    fi
    if [ -f "$SIMDLL/wine-clusapi.dll" ]; then
        cp "$SIMDLL/wine-clusapi.dll" "$SYS32/clusapi.dll" || not_ok "simdll: could not put Wine's clusapi.dll back"
    fi
else
    not_ok "build test_simdll.exe (see $LOGS/test_simdll.build.log)"
fi
echo "# stage d took $((SECONDS - t_d)) s"
