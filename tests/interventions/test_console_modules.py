"""The live console's JavaScript modules (static/console/) and the live view's (static/live.js),
unit-tested by Node's own test runner: tests/js/*.test.mjs, run here so that the suite's one
command runs them too."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def test_console_modules_pass_their_node_tests():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: apt-get install nodejs (scripts/test does it as root)")
    # Named one by one: Node versions differ in what --test makes of a folder, not of a file.
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert files, "no tests/js/*.test.mjs found"
    run = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        pytest.fail(f"node --test failed (exit {run.returncode}):\n{run.stdout}\n{run.stderr}", pytrace=False)
