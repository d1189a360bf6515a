"""The export table of the simulated clusapi.dll in docs/testing-agents.md is the one
tests/windows/simdll/surface_table.py generates from sdk_functions.h and sdk_surface.h."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tests", "windows", "simdll", "surface_table.py")


def test_the_docs_export_table_is_current() -> None:
    done = subprocess.run([sys.executable, SCRIPT, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_table_has_every_sdk_function_once() -> None:
    done = subprocess.run([sys.executable, SCRIPT], capture_output=True, text=True, check=True)
    rows = [line for line in done.stdout.splitlines() if line.startswith("| `")]
    names = [row.split("`")[1] for row in rows]
    assert len(names) == 284 and len(set(names)) == 284
    assert all(" modelled " in row or "| not modelled: " in row for row in rows)
    with open(os.path.join(ROOT, "tests", "windows", "simdll", "clusapi_sdk_functions.txt"), encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    assert sorted(names) == sorted(listed)
