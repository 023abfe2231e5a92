"""PDF through LibreOffice, for previews and for checking that files open and lay out."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Sequence

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(paths: Sequence[Path], outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Convert ``paths`` in one LibreOffice run (it is slow to start), in a profile of its
    own so that runs side by side do not lock each other out; returns the PDF paths."""
    executable = soffice()
    if executable is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    profile = Path(tempfile.gettempdir()) / f"lo-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [executable, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
            check=True, capture_output=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdfs = [Path(outdir) / (Path(p).stem + ".pdf") for p in paths]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice produced no PDF for {', '.join(missing)}")
    return pdfs


def page_count(pdf: Path) -> int:
    """Pages of a PDF: pdfinfo when poppler is installed, else the page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        if match:
            return int(match.group(1))
    return len(_PAGE.findall(Path(pdf).read_bytes()))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text of a PDF, or of one page of it (needs pdftotext from poppler-utils)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
