"""The examples the README and the docs show are files in examples/, and they run.

Every ```python block of README.md and docs/*.md must appear, line for line, in one of the
examples/*.py files; each of those runs to the end against the built-in simulated cluster (and
CI's types stage holds them to mypy --strict).  The examples and docs are not installed: from a
wheel's test run (no source tree beside the tests) these tests are skipped.
"""
import glob
import os
import re
import subprocess
import sys

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = sorted(glob.glob(os.path.join(REPO, "examples", "*.py")))
DOCS = [os.path.join(REPO, "README.md")] + sorted(glob.glob(os.path.join(REPO, "docs", "*.md")))

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="no examples/ beside the tests (an installed test run)")


def _python_blocks(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return [m.group(1) for m in re.finditer(r"^```python\n(.*?)^```", text, re.M | re.S)]


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("doc", DOCS, ids=os.path.basename)
def test_every_python_block_of_the_docs_is_an_example_file(doc):
    sources = {os.path.basename(p): _read(p) for p in EXAMPLES}
    for block in _python_blocks(doc):
        homes = [name for name, source in sources.items() if block in source]
        assert homes, "%s: this block is in no examples/*.py file (copy it there, or fix it):\n%s" % (
            os.path.basename(doc), block)


@pytest.mark.parametrize("example", EXAMPLES, ids=os.path.basename)
def test_the_example_runs_against_the_simulator(example, tmp_path):
    env = dict(os.environ, CLUSAPI_PY_BACKEND="sim")
    env.pop("CLUSAPI_PY_SIM_TOPOLOGY", None)
    proc = subprocess.run([sys.executable, example], cwd=str(tmp_path), env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == "", proc.stderr
