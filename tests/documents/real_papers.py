"""Real papers as a department sends them: a DOCX written with Word (python-docx here) and a PDF."""
from __future__ import annotations

import io
import zlib

import docx


def word_paper(*paragraphs: str, cell: str = "") -> bytes:
    """A DOCX as a department writes it in Word: paragraphs, and a table."""
    document = docx.Document()
    document.add_heading("Outlook for the harbour pilots' training", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if cell:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Item"
        table.rows[0].cells[1].text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_paper(text: str) -> bytes:
    """A small valid PDF of one page with one line of text (Helvetica), its cross-reference table exact."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
