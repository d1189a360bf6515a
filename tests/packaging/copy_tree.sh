#!/usr/bin/env bash
# Copies the source tree as a release would see it: the files git tracks, and the untracked
# files git would add (work not yet committed); never build or venv debris.  Outside a git
# checkout, everything.  Used by check_wheel.sh and tests/windows/python_stage.sh, which build
# from the copy so that nothing is written into the checkout.
#
#   bash tests/packaging/copy_tree.sh REPO DEST
set -euo pipefail
repo=$1 dest=$2
mkdir -p "$dest"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (
        cd "$repo"
        git ls-files -z --cached --others --exclude-standard \
            -x __pycache__ -x '*.py[co]' -x '*.so' -x '*.pyd' -x '*.egg-info' -x build -x dist \
            -x .venv -x venv -x .hypothesis -x .pytest_cache |
            while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
            tar --null -T - -cf -
    ) | tar -xf - -C "$dest"
else
    cp -a "$repo/." "$dest/"
fi
