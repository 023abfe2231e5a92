"""How building a meeting summary scales with the number of interventions.

    .venv/bin/python bench/docx_bench.py

Builds summaries of 1,000 and 10,000 interventions (each with nested points and a reply
with nested points) and prints the time of each and the scaling exponent
log(t2/t1) / log(10): 1 is linear, 2 quadratic. Target: 10,000 under 3 s, exponent < 1.15.
"""
from __future__ import annotations

import math
import time

from govbody.docx import build_meeting_summary
from govbody.docx.samples import sample_meeting_summary

SIZES = (1_000, 10_000)


def timed(interventions: int, repeat: int = 3) -> tuple[float, int]:
    """Best time of ``repeat`` builds (data preparation not counted) and the file size."""
    summary = sample_meeting_summary(interventions)
    best, size = math.inf, 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(build_meeting_summary(summary))
        best = min(best, time.perf_counter() - start)
    return best, size


def main() -> None:
    build_meeting_summary(sample_meeting_summary(10))  # template and imports, once
    results = [timed(n) for n in SIZES]
    for n, (seconds, size) in zip(SIZES, results):
        print(f"{n:>6} interventions: {seconds:6.3f} s  ({size / 1024:,.0f} KiB)")
    (t1, _), (t2, _) = results
    print(f"scaling exponent: {math.log(t2 / t1) / math.log(SIZES[1] / SIZES[0]):.3f}")


if __name__ == "__main__":
    main()
