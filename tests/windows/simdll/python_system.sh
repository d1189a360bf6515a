# tests/windows/simdll/python_system.sh - the last step of tests/windows/python_stage.sh
# (sourced by it after the whole suite passed: uses its ROOT, HERE, BUILD, LOGS, L, WINE,
# WINEPREFIX, WINE_TIMEOUT, PYTEST_TIMEOUT, step, die, py_win).
#
# The installed wheel on Windows CPython through the real loading path: the simulated clusapi.dll
# (tests/windows/simdll/build.sh) installed as the prefix's System32\clusapi.dll and loaded
# instead of Wine's built-in one (WINEDLLOVERRIDES clusapi=n, for these runs only):
#   1. `python -m clusapi_py status` and `status --json` with no simulator flag: exit 0, the
#      DLL's cluster, "simulated": false (it is what a cluster node runs);
#   2. every test that uses the `s` fixture, with CLUSAPI_PY_TEST_BACKEND=system: `s` is the
#      DLL's cluster (tests/windows/simdll/dll_cluster.py), every open goes through the
#      system backend -- objects, snapshot (bulk), error mapping, faults, lifetimes,
#      notifications, properties, `watch`; the tests without `s` are skipped;
#   3. the Windows Server 2008 build of the DLL (no *Ex exports): the snapshot through the
#      fallback paths equals the bulk one (Snapshot.to_dict(), compared as JSON), and the
#      actions (move, offline/online, fail, pause/resume) take their 2008 calls and wait on a
#      version 1 port (tests/windows/simdll/fallback_actions.py).
# Wine's own clusapi.dll is put back at the end.

SIMDLL=$BUILD/simdll
SYS32=$WINEPREFIX/drive_c/windows/system32
DLL_OVERRIDES="mscoree=;mshtml=;clusapi=n"
t_simdll=$SECONDS

step "simulated clusapi.dll: build and export check (tests/windows/simdll/build.sh)"
bash "$HERE/simdll/build.sh" "$SIMDLL" >"$LOGS/simdll.build.log" 2>&1 || { cat "$LOGS/simdll.build.log"; die "simdll build or export check failed"; }
cat "$LOGS/simdll.build.log"
[ -f "$SIMDLL/wine-clusapi.dll" ] || cp "$SYS32/clusapi.dll" "$SIMDLL/wine-clusapi.dll" || die "cannot save Wine's clusapi.dll"
put_back_clusapi() { cp "$SIMDLL/wine-clusapi.dll" "$SYS32/clusapi.dll" 2>/dev/null || true; }
cp "$SIMDLL/clusapi.dll" "$SYS32/clusapi.dll" || die "cannot install clusapi.dll into $SYS32"

step "python -m clusapi_py status, no simulator flag: the DLL's cluster through System32"
rc=0
WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$WINE_TIMEOUT" -m clusapi_py status >"$LOGS/simdll.status.log" || rc=$?
cat "$LOGS/simdll.status.log"
{ [ "$rc" -eq 0 ] && grep -q 'CLUSTER01' "$LOGS/simdll.status.log" && ! grep -qi 'simulated' "$LOGS/simdll.status.log"; } ||
    { put_back_clusapi; die "status through clusapi.dll: exit $rc, expected 0, CLUSTER01 and no '(simulated)'"; }
rc=0
WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$WINE_TIMEOUT" -m clusapi_py status --json >"$LOGS/simdll.status-json.log" || rc=$?
WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$WINE_TIMEOUT" -c "
import json, sys
d = json.load(open(r'Z:${LOGS//\//\\}\\simdll.status-json.log', encoding='utf-8'))
assert d['cluster'] == 'CLUSTER01' and d['simulated'] is False and d['exit_code'] == 0, d
print('status --json: cluster', d['cluster'], '| simulated', d['simulated'], '| state', d['state'])
" || { put_back_clusapi; die "status --json through clusapi.dll (exit $rc): see $LOGS/simdll.status-json.log"; }

step "pytest through backend=SYSTEM (CLUSAPI_PY_TEST_BACKEND=system): every test using the \`s\` fixture"
t0=$SECONDS
rc=0
CLUSAPI_PY_TEST_BACKEND=system WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$PYTEST_TIMEOUT" tests/windows/installed_suite.py -q -p no:cacheprovider -rfE \
    tests >"$LOGS/simdll.pytest.log" || rc=$?
grep '^# installed_suite' "$LOGS/simdll.pytest.log" || true
sys_summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|skipped|error|errors)' "$LOGS/simdll.pytest.log" | tail -n 1 || true)
sed -n '/short test summary info/,$p' "$LOGS/simdll.pytest.log"
[ -n "$sys_summary" ] || { tail -n 40 "$LOGS/simdll.pytest.log"; put_back_clusapi; die "pytest through clusapi.dll printed no summary (exit $rc)"; }
sys_count() { printf '%s\n' "$sys_summary" | grep -oE "[0-9]+ $1" | grep -oE '^[0-9]+' || echo 0; }
sys_passed=$(sys_count passed) sys_failed=$(sys_count failed) sys_errors=$(sys_count 'errors?') sys_skipped=$(sys_count skipped)
echo "# pytest through clusapi.dll: exit $rc, $((SECONDS - t0)) s: $sys_passed passed (each through clusapi.dll)," \
    "$sys_failed failed, $sys_errors errors, $sys_skipped skipped (no \`s\` fixture, or the extension's simulator directly)"
{ [ "$sys_failed" -eq 0 ] && [ "$sys_errors" -eq 0 ] && [ "$sys_passed" -gt 0 ] && [ "$rc" -eq 0 ]; } ||
    { put_back_clusapi; die "pytest through clusapi.dll failed ($LOGS/simdll.pytest.log)"; }

step "the snapshot through the fallback paths (Windows Server 2008 export set) equals the bulk one"
snap_py="
import json, sys, clusapi_py
with clusapi_py.open_cluster(access=clusapi_py.Access.GENERIC_ALL, backend=clusapi_py.SYSTEM) as c:
    ex = c.backend.has('ClusterGroupOpenEnumEx')
    d = c.snapshot().to_dict()
d['cluster'].pop('timestamp', None)
open(sys.argv[1], 'w', encoding='utf-8').write(json.dumps(d, sort_keys=True))
print('has ClusterGroupOpenEnumEx:', ex, '| groups', len(d['groups']), '| resources', len(d['resources']))
"
WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$WINE_TIMEOUT" -c "$snap_py" "Z:${SIMDLL//\//\\}\\snap-bulk.json" ||
    { put_back_clusapi; die "bulk snapshot through clusapi.dll failed"; }
cp "$SIMDLL/clusapi2008/clusapi.dll" "$SYS32/clusapi.dll" || die "cannot install the 2008 clusapi.dll"
WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$WINE_TIMEOUT" -c "$snap_py" "Z:${SIMDLL//\//\\}\\snap-fallback.json" ||
    { put_back_clusapi; die "fallback snapshot through the 2008 clusapi.dll failed"; }
step "the actions through the fallback paths (2008 export set): tests/windows/simdll/fallback_actions.py"
WINEDLLOVERRIDES=$DLL_OVERRIDES py_win "$WINE_TIMEOUT" tests/windows/simdll/fallback_actions.py ||
    { put_back_clusapi; die "the actions through the 2008 clusapi.dll failed"; }
put_back_clusapi
cmp -s "$SIMDLL/snap-bulk.json" "$SIMDLL/snap-fallback.json" ||
    die "the fallback snapshot differs from the bulk one ($SIMDLL/snap-bulk.json, $SIMDLL/snap-fallback.json)"
echo "identical ($(wc -c <"$SIMDLL/snap-bulk.json") bytes of JSON)"
echo "# simulated clusapi.dll steps: $((SECONDS - t_simdll)) s"
