#!/usr/bin/env bash
# Checks the GitHub Actions workflows and the cibuildwheel configuration without GitHub:
#
#   PY=/path/to/venv/bin/python bash tests/packaging/check_workflows.sh   (PY defaults to python3)
#
# Works from any directory (it changes to the repo root). PY must be Python >= 3.11, cibuildwheel's
# floor; the pinned tools below are pip-installed into PY's environment.
# Checks, each one failing the script:
#   1. Every file in .github/workflows validates against the GitHub workflow schema
#      (check-jsonschema --builtin-schema vendor.github-workflows, offline).
#   2. zizmor --offline --persona pedantic reports no finding on .github/workflows (hash-pinned
#      actions, least privilege even where every job narrows it, no persisted checkout
#      credentials, no template injection, ...).
#   3. wheels.yml installs the same cibuildwheel version this script checks the configuration with.
#   4. The [tool.cibuildwheel] configuration (pyproject.toml, or the file named by
#      CIBW_CONFIG_FILE while pyproject.toml has no such section yet):
#      - validates against the JSON schema the installed cibuildwheel ships;
#      - never repairs Windows wheels (clusapi.dll is a system DLL and must not be bundled);
#      - runs the tests from copied test-sources, not from the source tree;
#      - selects, for each build job of wheels.yml (its runner and CIBW_ARCHS), exactly the
#        identifiers listed below: per platform one cp39 build (the cp39-abi3 wheel), cp315 (which
#        reuses that wheel and only runs the tests), and the free-threaded cp314t and cp315t; so
#        no cp310..cp313 build, and every wheel is built by exactly one job.
#      When cibuildwheel is upgraded and adds Python versions, update the lists here on purpose.
set -euo pipefail

PY=${PY:-python3}
CIBUILDWHEEL_VERSION=4.3.3
CHECK_JSONSCHEMA_VERSION=0.39.0
ZIZMOR_VERSION=1.32.0

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

fail() { printf 'check_workflows.sh: FAIL: %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# CIBW_CONFIG_FILE is this script's own input (cibuildwheel itself only takes --config-file);
# every other CIBW_* variable of the caller would change what cibuildwheel selects, so drop them.
config_file=${CIBW_CONFIG_FILE:-}
while IFS= read -r var; do
    if [[ $var == CIBW_* ]]; then unset "$var"; fi
done < <(compgen -e)

"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    fail "$PY is older than Python 3.11, the oldest cibuildwheel $CIBUILDWHEEL_VERSION runs on"

step "tools into $PY"
"$PY" -m pip install -q "cibuildwheel==$CIBUILDWHEEL_VERSION" \
    "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" "zizmor==$ZIZMOR_VERSION"
bindir=$("$PY" -c 'import os, sys; print(os.path.dirname(sys.executable))')
PATH="$bindir:$PATH"

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
shopt -u nullglob
[ "${#workflows[@]}" -gt 0 ] || fail "no workflow files in .github/workflows"

step "check-jsonschema (GitHub workflow schema)"
check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}" ||
    fail "workflow schema errors (above)"

step "zizmor --offline --persona pedantic"
zizmor --offline --persona pedantic .github/workflows || fail "zizmor findings (above)"

step "wheels.yml pins cibuildwheel==$CIBUILDWHEEL_VERSION"
grep -q "pip install cibuildwheel==$CIBUILDWHEEL_VERSION\$" .github/workflows/wheels.yml ||
    fail "wheels.yml does not install cibuildwheel==$CIBUILDWHEEL_VERSION"

step "cibuildwheel configuration"
if [ -n "$config_file" ]; then
    [ -f "$config_file" ] || fail "CIBW_CONFIG_FILE=$config_file does not exist"
    config_file=$(cd "$(dirname "$config_file")" && pwd)/$(basename "$config_file")
elif grep -q '^\[tool\.cibuildwheel\]' pyproject.toml; then
    config_file=$repo/pyproject.toml
else
    fail "pyproject.toml has no [tool.cibuildwheel] section; pass a file holding one as CIBW_CONFIG_FILE=/path/to/it.toml"
fi
echo "configuration: $config_file"
"$PY" - "$config_file" <<'EOF' || fail "cibuildwheel configuration (see above)"
import json, sys, tomllib
from importlib.resources import files

import jsonschema

with open(sys.argv[1], "rb") as f:
    cibw = tomllib.load(f)["tool"]["cibuildwheel"]
# The schema cibuildwheel ships for [tool.cibuildwheel]: unknown or misspelt options, bad values.
schema = json.loads((files("cibuildwheel") / "resources" / "cibuildwheel.schema.json").read_text())
validator = jsonschema.validators.validator_for(schema)(schema)
problems = [f"schema: {'.'.join(map(str, e.absolute_path)) or '<table>'}: {e.message}"
            for e in validator.iter_errors(cibw)]
if cibw.get("windows", {}).get("repair-wheel-command") != "":
    problems.append('[tool.cibuildwheel.windows] repair-wheel-command must be "" (never bundle clusapi.dll)')
if "tests" not in cibw.get("test-sources", []):
    problems.append('test-sources must copy "tests" so the suite runs against the installed wheel')
command = cibw.get("test-command", "")
if "pytest" not in command or "{project}" in command or "{package}" in command:
    problems.append(f"test-command must run pytest on the copied tests, not the source tree: {command!r}")
for problem in problems:
    print("  " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# Each build job of wheels.yml as "name os archs", read from the workflow itself.
jobs=$("$PY" - <<'EOF'
from ruamel.yaml import YAML

with open(".github/workflows/wheels.yml") as f:
    workflow = YAML(typ="safe").load(f)
for job in workflow["jobs"]["build_wheels"]["strategy"]["matrix"]["include"]:
    print(job["name"], job["os"], job["archs"])
EOF
)

# What each job must build. Keyed by the matrix entry's name.
declare -A expected=(
    [windows-amd64-x86]="cp39-win32 cp39-win_amd64 cp314t-win32 cp314t-win_amd64 cp315-win32 cp315-win_amd64 cp315t-win32 cp315t-win_amd64"
    [windows-arm64]="cp39-win_arm64 cp314t-win_arm64 cp315-win_arm64 cp315t-win_arm64"
    [linux-x86_64]="cp39-manylinux_x86_64 cp39-musllinux_x86_64 cp314t-manylinux_x86_64 cp314t-musllinux_x86_64 cp315-manylinux_x86_64 cp315-musllinux_x86_64 cp315t-manylinux_x86_64 cp315t-musllinux_x86_64"
    [linux-aarch64]="cp39-manylinux_aarch64 cp39-musllinux_aarch64 cp314t-manylinux_aarch64 cp314t-musllinux_aarch64 cp315-manylinux_aarch64 cp315-musllinux_aarch64 cp315t-manylinux_aarch64 cp315t-musllinux_aarch64"
    [macos-arm64]="cp39-macosx_arm64 cp314t-macosx_arm64 cp315-macosx_arm64 cp315t-macosx_arm64"
    [macos-x86_64]="cp39-macosx_x86_64 cp314t-macosx_x86_64 cp315-macosx_x86_64 cp315t-macosx_x86_64"
)

# One word a line, sorted, from a whitespace-separated list.
sorted_words() { tr -s ' \t\n' '\n' <<<"$1" | sed '/^$/d' | sort; }

all_built=""
seen_jobs=0
while read -r name os archs; do
    case "$os" in
        windows-11-arm) platform=windows native=ARM64 ;;
        windows-*) platform=windows native=AMD64 ;;
        ubuntu-*-arm) platform=linux native=aarch64 ;;
        ubuntu-*) platform=linux native=x86_64 ;;
        macos-13 | macos-*-intel) platform=macos native=x86_64 ;;
        macos-*) platform=macos native=arm64 ;;
        *) fail "job $name: no rule for runner $os in this script" ;;
    esac
    # cibuildwheel resolves "native" on the runner; here it has to be the runner's architecture.
    if [ "$archs" = native ]; then archs=$native; fi
    step "job $name ($os, CIBW_ARCHS=$archs)"
    [ -n "${expected[$name]:-}" ] || fail "job $name has no expected identifier list in this script"
    got=$(CIBW_ARCHS=$archs cibuildwheel --print-build-identifiers --platform "$platform" \
        --config-file "$config_file" </dev/null)
    echo "$got"
    if grep -E '^cp31[0-3]-' <<<"$got" >&2; then
        fail "job $name builds cp310..cp313 (above), which the cp39-abi3 wheel covers"
    fi
    if [ "$(sorted_words "$got")" != "$(sorted_words "${expected[$name]}")" ]; then
        diff <(sorted_words "${expected[$name]}") <(sorted_words "$got") | sed 's/^/  /' >&2 || true
        fail "job $name selects other identifiers than expected (< expected, > selected)"
    fi
    all_built+=" $got"
    seen_jobs=$((seen_jobs + 1))
done <<<"$jobs"

[ "$seen_jobs" -eq "${#expected[@]}" ] ||
    fail "wheels.yml has $seen_jobs build jobs, this script expects ${#expected[@]}"
duplicates=$(sorted_words "$all_built" | uniq -d)
[ -z "$duplicates" ] || fail "built by more than one job: $(tr "\n" " " <<<"$duplicates")"

step "check_workflows.sh: all checks passed"
