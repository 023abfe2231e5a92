"""Where the suite must prove what LibreOffice and poppler-utils show (CI sets
GOVBODY_TEST_REQUIRE_TOOLS=1 in .ci/run), a test skipped for want of them fails instead: every
kind of document is converted there, never silently left out. Elsewhere they skip, as before.

Loaded by tests/conftest.py (``pytest_plugins``)."""
from __future__ import annotations

import os
import re

import pytest

REQUIRE = "GOVBODY_TEST_REQUIRE_TOOLS"
# The words of every skip that wants the document tools: "LibreOffice and pdftotext are needed: ...".
TOOLS = re.compile(r"LibreOffice|soffice|pdftotext|pdftoppm|poppler")


def _reason(report) -> str:
    return report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (report.skipped and not hasattr(report, "wasxfail") and os.environ.get(REQUIRE) == "1"
            and TOOLS.search(_reason(report))):
        report.outcome = "failed"
        report.longrepr = f"{_reason(report)} ({REQUIRE}=1: a skip for a missing tool is a failure here)"
