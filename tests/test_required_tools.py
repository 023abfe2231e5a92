"""Where GOVBODY_TEST_REQUIRE_TOOLS=1 (CI), a test skipped for want of LibreOffice or poppler-utils
fails instead, so that every kind of document is converted there; other skips stay skips."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPING = '''
import pytest


def test_wants_libreoffice():
    pytest.skip("LibreOffice and pdftotext are needed: apt-get install libreoffice-writer-nogui poppler-utils")


@pytest.mark.skipif(True, reason="needs LibreOffice and poppler-utils")
def test_marked_for_poppler():
    pass


def test_wants_redis():
    pytest.skip("no Redis answers at 127.0.0.1:6379")
'''


def run(tmp_path: Path, required: str | None) -> str:
    (tmp_path / "test_skipping.py").write_text(SKIPPING)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {k: v for k, v in os.environ.items() if k != "GOVBODY_TEST_REQUIRE_TOOLS"}
    if required is not None:
        env["GOVBODY_TEST_REQUIRE_TOOLS"] = required
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # none of the suite's plugins is needed here
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.required_tools", "-p", "no:cacheprovider",
                           "-q", "-rfEs", str(tmp_path / "test_skipping.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    return done.stdout


@pytest.mark.parametrize("required", [None, "0"])
def test_a_missing_tool_skips_where_it_is_not_required(tmp_path, required):
    assert "3 skipped" in run(tmp_path, required).splitlines()[-1]


def test_a_missing_tool_fails_where_it_is_required(tmp_path):
    out = run(tmp_path, "1")
    # A skip in the test fails it; a skipif mark, judged at setup, is an error of the run.
    assert "1 failed, 1 skipped, 1 error" in out.splitlines()[-1], out
    assert "FAILED test_skipping.py::test_wants_libreoffice" in out
    assert "ERROR test_skipping.py::test_marked_for_poppler" in out
    assert "GOVBODY_TEST_REQUIRE_TOOLS=1" in out
