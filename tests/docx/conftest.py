"""Reopening built DOCX files the way a reader would see them."""
from __future__ import annotations

from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


class Opened:
    """A built file reopened with python-docx, with the list numbering resolved."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.document = docx.Document(BytesIO(data))
        self.paragraphs = self.document.paragraphs
        self._numbering = self.document.part.numbering_part.element

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]

    def styled(self) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in self.paragraphs]

    def find(self, start: str) -> Paragraph:
        """The first paragraph whose text begins with ``start``."""
        for p in self.paragraphs:
            if p.text.startswith(start):
                return p
        raise AssertionError(f"no paragraph starts with {start!r}: {self.texts}")

    def index(self, start: str) -> int:
        return self.paragraphs.index(self.find(start))

    @staticmethod
    def num(paragraph: Paragraph) -> tuple[int, int] | None:
        """(numId, ilvl) written on the paragraph itself, or None."""
        numpr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is None:
            return None
        return (int(numpr.find(qn("w:numId")).get(qn("w:val"))),
                int(numpr.find(qn("w:ilvl")).get(qn("w:val"))))

    def _num_element(self, num_id: int):
        for num in self._numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                return num
        raise AssertionError(f"numId {num_id} is not defined in numbering.xml")

    def start_override(self, num_id: int, ilvl: int = 0) -> int | None:
        for override in self._num_element(num_id).findall(qn("w:lvlOverride")):
            if override.get(qn("w:ilvl")) == str(ilvl):
                start = override.find(qn("w:startOverride"))
                return None if start is None else int(start.get(qn("w:val")))
        return None

    def level(self, num_id: int, ilvl: int) -> tuple[str, str]:
        """(numFmt, lvlText) that Word shows for this list level."""
        abstract_id = self._num_element(num_id).find(qn("w:abstractNumId")).get(qn("w:val"))
        for abstract in self._numbering.findall(qn("w:abstractNum")):
            if abstract.get(qn("w:abstractNumId")) == abstract_id:
                for lvl in abstract.findall(qn("w:lvl")):
                    if lvl.get(qn("w:ilvl")) == str(ilvl):
                        return (lvl.find(qn("w:numFmt")).get(qn("w:val")),
                                lvl.find(qn("w:lvlText")).get(qn("w:val")))
        raise AssertionError(f"no level {ilvl} for numId {num_id}")

    @staticmethod
    def italic_words(paragraph: Paragraph) -> str:
        return "".join(r.text for r in paragraph.runs if r.italic).strip()


@pytest.fixture
def opened():
    return Opened


def footnotes(doc: Opened) -> dict[str, str]:
    """The notes of footnotes.xml by id, as text (the separators left out)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.document.part.part_related_by(RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    return {note.get(qn("w:id")): "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
            for note in root.findall(qn("w:footnote")) if note.get(qn("w:type")) is None}


def note_ids(paragraph: Paragraph) -> list[str]:
    """The ids of the footnotes a paragraph refers to, in order."""
    return [r.get(qn("w:id")) for r in paragraph._p.iter(qn("w:footnoteReference"))]


def png(width: int, height: int) -> bytes:
    """A plain red PNG of that size, written by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xcc\x33\x33" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def png_url(width: int = 40, height: int = 20) -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(png(width, height)).decode()
