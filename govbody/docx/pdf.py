"""PDF through LibreOffice, for previews and for checking that files open and lay out.

LibreOffice shows a contents page (a Word TOC field) as the file holds it until its indexes
are updated, which ``--convert-to`` never does; so the conversion is a Basic macro, put in
the run's own profile, that opens each file, updates its indexes and exports the PDF.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Sequence

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ConvertAll(listing As String)
  On Error Resume Next
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  Dim filter(0) As New com.sun.star.beans.PropertyValue
  filter(0).Name = &quot;SelectPdfVersion&quot;
  filter(0).Value = CLng(PDF_VERSION)
  store(1).Name = &quot;FilterData&quot;
  store(1).Value = filter()
  Dim line As String
  Open listing For Input As #1
  Do While Not EOF(1)
    Line Input #1, line
    parts = Split(line, Chr(9))
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(0)), &quot;_blank&quot;, 0, load())
    If Not IsNull(doc) Then
      indexes = doc.getDocumentIndexes()
      For i = 0 To indexes.getCount() - 1
        indexes.getByIndex(i).update()
      Next
      doc.storeToURL(ConvertToURL(parts(1)), store())
      doc.close(True)
    End If
  Loop
  Close #1
  StarDesktop.terminate()
End Sub
</script:module>
"""


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(paths: Sequence[Path], outdir: Path, *, timeout: float = 300, archive: bool = False,
                   executable: str | None = None) -> list[Path]:
    """Convert ``paths`` in one LibreOffice run (it is slow to start), in a profile of its
    own so that runs side by side do not lock each other out; returns the PDF paths.
    ``archive``: PDF/A-2b (fonts embedded, no external links), the PDF that is published."""
    executable = executable or soffice()
    if executable is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    profile = Path(tempfile.gettempdir()) / f"lo-{uuid.uuid4().hex}"
    pdfs = [Path(outdir).absolute() / (Path(p).stem + ".pdf") for p in paths]
    options = ["--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]
    try:
        # The first start writes the profile (and its empty Basic library), then stops.
        subprocess.run([executable, *options, "--terminate_after_init"], check=True, capture_output=True,
                       timeout=timeout)
        library = profile / "user" / "basic" / "Standard"
        library.mkdir(parents=True, exist_ok=True)
        # SelectPdfVersion: 0 a plain PDF, 2 PDF/A-2b.
        (library / "Module1.xba").write_text(_MACRO.replace("PDF_VERSION", "2" if archive else "0"),
                                             encoding="utf-8")
        listing = profile / "convert.txt"
        listing.write_text("".join(f"{Path(p).absolute()}\t{pdf}\n" for p, pdf in zip(paths, pdfs)),
                           encoding="utf-8")
        subprocess.run([executable, *options, f'macro:///Standard.Module1.ConvertAll("{listing}")'],
                       check=True, capture_output=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
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
