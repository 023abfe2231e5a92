"""Render every kind of document to PNG pages for a visual check.

    .venv/bin/python bench/render_docx.py OUTDIR

Writes OUTDIR/<kind>.docx, <kind>.pdf and <kind>-<page>.png (60 dpi); needs LibreOffice
and poppler-utils (pdftoppm).
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from govbody.docx import (build_agenda, build_meeting_summary, build_non_paper,
                          build_numbered_document, build_redline, build_resolution, samples)
from govbody.docx.data import Operative
from govbody.docx.pdf import convert_to_pdf, page_count


def sample_files() -> dict[str, bytes]:
    """Every kind, built from the fictional samples; the redline compares draft and adopted."""
    draft = samples.sample_resolution(draft=True)
    adopted = samples.sample_resolution()
    adopted.preamble[1] = "Mindful of the steady growth in the number of documents issued"
    adopted.operative.insert(2, Operative("To invite Member States to deposit their own "
                                          "records of the sessions with the archive"))
    return {
        "numbered": build_numbered_document(samples.sample_numbered_document()),
        "resolution": build_resolution(adopted),
        "draft-resolution": build_resolution(draft),
        "non-paper": build_non_paper(samples.sample_non_paper()),
        "agenda": build_agenda(samples.sample_agenda(),
                               link_for=lambda symbol: f"https://example.org/documents/{symbol}"),
        "meeting-summary": build_meeting_summary(samples.sample_meeting_summary()),
        "redline": build_redline(draft, adopted, author="Secretariat",
                                 date=dt.datetime(2008, 11, 20, 9, 30)),
    }


def main(outdir: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, data in sample_files().items():
        path = out / f"{kind}.docx"
        path.write_bytes(data)
        paths.append(path)
    for pdf in convert_to_pdf(paths, out):
        for old in out.glob(f"{pdf.stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / pdf.stem)], check=True)
        print(f"{pdf.stem}: {page_count(pdf)} page(s)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
