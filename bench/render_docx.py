"""Render every kind of document to PNG pages for a visual check.

    .venv/bin/python bench/render_docx.py OUTDIR

Writes OUTDIR/<kind>.docx, <kind>.pdf and <kind>-<page>.png (60 dpi); needs LibreOffice
and poppler-utils (pdftoppm).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govbody.docx.pdf import convert_to_pdf, page_count
from govbody.docx.samples import sample_files


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
