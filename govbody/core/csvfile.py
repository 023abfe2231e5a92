"""Every CSV export is written here: a cell a spreadsheet would read as a formula is kept as text.

OWASP's rule for CSV injection: a text cell beginning with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a single quote in front (`=HYPERLINK(...)` in a delegation's name is shown,
never followed). Numbers are written as they are.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A cell as written: text beginning like a formula behind a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV file: the header, then each row, every cell through `cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()
