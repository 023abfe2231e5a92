"""The one fast path every builder writes through.

python-docx's ``add_paragraph`` walks the whole body to find where to insert and each
``style=`` walks the styles part, so building paragraph by paragraph is quadratic
(python-docx issue 408). Here new paragraphs are copied from a per-style template
element and inserted just before the body's final ``w:sectPr``, which is looked up once.
"""
from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
from io import BytesIO
from typing import Iterable, NamedTuple, Sequence

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from lxml import etree

from govbody.core.printable import xml_safe
from govbody.docx.styles import (FIRST_FREE_NUM_ID, LISTS, TABLE_STYLE, TEXT_WIDTH, ListKind,
                                  new_document, style_id)

_P, _PPR, _PSTYLE = qn("w:p"), qn("w:pPr"), qn("w:pStyle")
_NUMPR, _ILVL, _NUMID = qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
_R, _RPR, _RSTYLE, _T = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t")
_B, _I, _TAB, _BR = qn("w:b"), qn("w:i"), qn("w:tab"), qn("w:br")
_VAL, _ID = qn("w:val"), qn("w:id")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TAB_OR_BREAK = re.compile(r"(\t|\n)")
_SPECIAL = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_WIDTH_EMU = Emu(TEXT_WIDTH * 635)  # twips to EMU
_FIGURE_HEIGHT_EMU = Emu(200 * 36000)  # 20 cm of the 24.7 cm of a page's text

LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "ru": "ru-RU",
                 "zh": "zh-CN", "de": "de-DE", "pt": "pt-PT"}

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


class Span(NamedTuple):
    """A stretch of text with one formatting: what inline CommonMark turns into."""

    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None
    note: tuple["Span", ...] | None = None  # a footnote reference; text is unused


Content = str | Sequence[Span]
_NUMBER_ABBREVIATION = re.compile(r"\bNO\.(?=\s*\d)")


def caps(spans: Sequence[Span]) -> list[Span]:
    """Spans in capitals, as headings print, keeping "No." before a number."""
    return [s._replace(text=_NUMBER_ABBREVIATION.sub("No.", s.text.upper())) for s in spans]


def plain(spans: Sequence[Span]) -> str:
    return "".join(s.text for s in spans)


def add_run(parent, text: str, *, italic: bool = False, bold: bool = False,
            char_style: str | None = None, text_tag: str = _T):
    """Append a ``w:r`` to ``parent``; tabs and line breaks become ``w:tab`` and ``w:br``."""
    run = etree.SubElement(parent, _R)
    if italic or bold or char_style:
        rpr = etree.SubElement(run, _RPR)
        if char_style:
            etree.SubElement(rpr, _RSTYLE).set(_VAL, style_id(char_style))
        if bold:
            etree.SubElement(rpr, _B)
        if italic:
            etree.SubElement(rpr, _I)
    if _SPECIAL.search(text):
        # What XML cannot carry (stored before the text rule) is left out rather than breaking the file.
        pieces = _TAB_OR_BREAK.split(xml_safe(text))
    else:
        pieces = (text,)
    for piece in pieces:
        if piece == "\t":
            etree.SubElement(run, _TAB)
        elif piece == "\n":
            etree.SubElement(run, _BR)
        elif piece:
            t = etree.SubElement(run, text_tag)
            t.text = piece
            if piece[0] == " " or piece[-1] == " ":
                t.set(_XML_SPACE, "preserve")
    return run


def add_field(p, instruction: str, placeholder: str, *, parts=("begin", "code", "separate", "result", "end"),
              dirty: bool = False) -> None:
    """Append a complex field such as `` PAGE ``, which Word and LibreOffice compute (``parts``
    may stop after "separate" or start at "end": a field whose result spans paragraphs)."""
    for part in parts:
        if part == "code":
            add_run(p, f" {instruction} ", text_tag=qn("w:instrText"))
        elif part == "result":
            add_run(p, placeholder)
        else:
            run = etree.SubElement(p, _R)
            char = etree.SubElement(run, qn("w:fldChar"))
            char.set(qn("w:fldCharType"), part)
            if dirty and part == "begin":
                char.set(qn("w:dirty"), "true")  # Word recomputes it when the file opens


class DocumentWriter:
    """Builds one document body through the fast path and saves it as bytes."""

    def __init__(self) -> None:
        self.document = new_document()
        self._end = self.document.element.body.sectPr
        self._numbering = self.document.part.numbering_part.element
        self._next_num_id = FIRST_FREE_NUM_ID
        self._templates: dict[tuple[str, int | None, int], object] = {}
        self._link_ids: dict[str, str] = {}
        self._footnotes = None
        self._next_note_id = 1
        self.figures = 0  # figures captioned so far: "Figure 3"
        self._bookmarks = 0

    # -- paragraphs -------------------------------------------------------------------
    def make_paragraph(self, style: str, content: Content = (), *, num: int | None = None,
                       level: int = 0):
        """A detached ``w:p`` in ``style``; ``num`` attaches it to a list at ``level``."""
        key = (style, num, level)
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = self._paragraph_template(style, num, level)
        p = template.__copy__()  # lxml copies the whole subtree
        if content:
            self.add_content(p, content)
        return p

    def paragraph(self, style: str, content: Content = (), *, num: int | None = None,
                  level: int = 0):
        """Append a paragraph to the body and return its ``w:p``."""
        p = self.make_paragraph(style, content, num=num, level=level)
        self._end.addprevious(p)
        return p

    def _paragraph_template(self, style: str, num: int | None, level: int):
        p = OxmlElement("w:p")
        ppr = etree.SubElement(p, _PPR)
        etree.SubElement(ppr, _PSTYLE).set(_VAL, style_id(style))
        if num is not None:
            numpr = etree.SubElement(ppr, _NUMPR)
            etree.SubElement(numpr, _ILVL).set(_VAL, str(level))
            etree.SubElement(numpr, _NUMID).set(_VAL, str(num))
        return p

    def add_content(self, p, content: Content) -> None:
        if isinstance(content, str):
            add_run(p, content)
            return
        for span in content:
            if span.note is not None:
                self._footnote_reference(p, span.note)
            elif span.link:
                self._hyperlink(p, span)
            elif span.text:
                add_run(p, span.text, italic=span.italic, bold=span.bold)

    def _hyperlink(self, p, span: Span) -> None:
        rid = self._link_ids.get(span.link)
        if rid is None:
            # Our own ids, each address once: python-docx's relate_to scans every relationship for
            # each new one (an agenda of 300 items, each linking its papers, took minutes).
            rid = self._link_ids[span.link] = f"rIdLink{len(self._link_ids) + 1}"
            self.document.part.rels.add_relationship(RT.HYPERLINK, span.link, rid, is_external=True)
        link = etree.SubElement(p, qn("w:hyperlink"))
        link.set(qn("r:id"), rid)
        add_run(link, span.text, italic=span.italic, bold=span.bold, char_style="Hyperlink")

    # -- lists ------------------------------------------------------------------------
    def new_list(self, kind: ListKind, *, start: int = 1, level: int = 0) -> int:
        """The numId of a new list of ``kind``, counting again from ``start`` at ``level``.

        Bullets count nothing, so every bullet list shares the definition's own num.
        """
        if kind is ListKind.BULLET:
            return int(kind)
        num_id = self._next_num_id
        self._next_num_id += 1
        num = etree.SubElement(self._numbering, qn("w:num"))
        num.set(qn("w:numId"), str(num_id))
        etree.SubElement(num, qn("w:abstractNumId")).set(_VAL, str(int(kind)))
        for ilvl in range(len(LISTS[kind])):
            override = etree.SubElement(num, qn("w:lvlOverride"))
            override.set(qn("w:ilvl"), str(ilvl))
            value = start if ilvl == level else 1
            etree.SubElement(override, qn("w:startOverride")).set(_VAL, str(value))
        return num_id

    # -- footnotes --------------------------------------------------------------------
    def _footnote_reference(self, p, note: Sequence[Span]) -> None:
        if self._footnotes is None:
            self._footnotes = self._add_footnotes_part()
        note_id = str(self._next_note_id)
        self._next_note_id += 1
        footnote = etree.SubElement(self._footnotes, qn("w:footnote"))
        footnote.set(_ID, note_id)
        text = self.make_paragraph("footnote text")
        footnote.append(text)
        etree.SubElement(add_run(text, "", char_style="footnote reference"), qn("w:footnoteRef"))
        add_run(text, " ")
        self.add_content(text, note)
        reference = add_run(p, "", char_style="footnote reference")
        etree.SubElement(reference, qn("w:footnoteReference")).set(_ID, note_id)

    def _add_footnotes_part(self):
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML),
                       self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)
        settings = self.document.settings.element
        properties = OxmlElement("w:footnotePr")
        for separator_id in ("-1", "0"):
            etree.SubElement(properties, qn("w:footnote")).set(_ID, separator_id)
        settings.find(qn("w:compat")).addprevious(properties)
        return part.element

    # -- tables and figures -----------------------------------------------------------
    def table(self, header: Sequence[Content], rows: Sequence[Sequence[Content]],
              aligns: Sequence[str | None] = ()) -> None:
        """A table of the house style, the width of the text column; ``header`` is its first
        row, repeated at the top of each page. ``aligns``: None, "left", "center" or "right"."""
        columns = max([len(header), *map(len, rows)])
        width = TEXT_WIDTH // columns
        tbl = OxmlElement("w:tbl")
        tblpr = etree.SubElement(tbl, qn("w:tblPr"))
        etree.SubElement(tblpr, qn("w:tblStyle")).set(_VAL, style_id(TABLE_STYLE))
        tblw = etree.SubElement(tblpr, qn("w:tblW"))
        tblw.set(qn("w:w"), str(width * columns))
        tblw.set(qn("w:type"), "dxa")
        look = etree.SubElement(tblpr, qn("w:tblLook"))
        for name, value in (("val", "04A0"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                            ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
            look.set(qn(f"w:{name}"), value)
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for _ in range(columns):
            etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(width))
        for i, cells in enumerate([header, *rows]):
            tr = etree.SubElement(tbl, qn("w:tr"))
            if i == 0:
                etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn("w:tblHeader"))
            for j in range(columns):
                tc = etree.SubElement(tr, qn("w:tc"))
                tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
                tcw.set(qn("w:w"), str(width))
                tcw.set(qn("w:type"), "dxa")
                p = self.make_paragraph("Table heading" if i == 0 else "Table text",
                                        cells[j] if j < len(cells) else ())
                align = aligns[j] if j < len(aligns) else None
                if align in ("center", "right"):
                    etree.SubElement(p.find(_PPR), qn("w:jc")).set(_VAL, align)
                tc.append(p)
        self._end.addprevious(tbl)

    def figure(self, image: bytes | None, caption: Content = (), *, description: str = "",
               address: str = "") -> None:
        """An image the width of its own or of the text column at most, or, when ``image`` is
        None or not a picture Word can show, a frame naming ``address``; then its caption,
        "Figure N: ...", numbered by a SEQ field as Word numbers captions."""
        p = self.paragraph("Figure")
        if image is None or not self._picture(p, image, description):
            _frame(p)
            add_run(p, f"Image not included: {address}" if address else "Image not included")
        self.figures += 1
        label = self.paragraph("Caption", "Figure ")
        add_field(label, r"SEQ Figure \* ARABIC", str(self.figures))
        if caption:
            add_run(label, ": ")
            self.add_content(label, caption)

    def _picture(self, p, image: bytes, description: str) -> bool:
        from docx.image import exceptions

        try:
            rid, picture = self.document.part.get_or_add_image(BytesIO(image))
            cx, cy = picture.scaled_dimensions(None, None)
        except (exceptions.UnrecognizedImageError, exceptions.UnexpectedEndOfFileError,
                exceptions.InvalidImageStreamError, ValueError, LookupError, EOFError, struct.error):
            return False  # bytes that only claim to be an image
        if cx <= 0 or cy <= 0:
            return False
        # No wider than the text column, and room left on the page for the caption.
        scale = min(1, _TEXT_WIDTH_EMU / cx, _FIGURE_HEIGHT_EMU / cy)
        cx, cy = max(1, round(cx * scale)), max(1, round(cy * scale))
        inline = CT_Inline.new_pic_inline(self.document.part.next_id, rid, picture.filename, cx, cy)
        # No space kept around the picture: without these LibreOffice keeps 0.32 cm on each side,
        # and a picture the width of the column runs that far past its right margin.
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")
        inline.docPr.set("descr", description)
        etree.SubElement(p, _R).append(OxmlElement("w:drawing"))
        p[-1][-1].append(inline)
        return True

    # -- contents -----------------------------------------------------------------------
    def contents(self, after, heading: str, *, levels: int = 3) -> None:
        """A contents page after the paragraph ``after``: the heading, then a Word TOC field
        over Heading 1 to ``levels``, holding the entries as written (each a link to a
        bookmark on its heading) so that a reader sees them before any update; Word
        recomputes it on opening, LibreOffice when its indexes are updated (govbody.docx.pdf
        does before a PDF). The text after it starts on a new page."""
        outline = {style_id(f"Heading {n}"): n for n in range(1, levels + 1)}
        entries = []
        for p in after.itersiblings(_P):
            style = p.find(f"{_PPR}/{_PSTYLE}")
            level = outline.get(style.get(_VAL)) if style is not None else None
            if level is not None:
                entries.append((level, self._bookmark(p), "".join(t.text or "" for t in p.iter(_T))))
        title = self.make_paragraph("TOC Heading", heading)
        after.addnext(title)
        paragraphs = [self.make_paragraph(f"toc {level}") for level, _, _ in entries] or [
            self.make_paragraph("toc 1")]
        add_field(paragraphs[0], r'TOC \o "1-%d" \h \z \u' % levels, "", parts=("begin", "code", "separate"),
                  dirty=True)
        for p, (_, name, text) in zip(paragraphs, entries):
            link = etree.SubElement(p, qn("w:hyperlink"))
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            add_run(link, text)
            add_run(link, "\t")
            add_field(link, f"PAGEREF {name} \\h", "")
        add_field(paragraphs[-1], "", "", parts=("end",))
        title.addnext(paragraphs[0])
        for previous, p in zip(paragraphs, paragraphs[1:]):
            previous.addnext(p)
        following = paragraphs[-1].getnext()
        if following is not None and following.tag == _P:
            following.find(f"{_PPR}/{_PSTYLE}").addnext(OxmlElement("w:pageBreakBefore"))
        else:
            etree.SubElement(paragraphs[-1], _R).append(_page_break())
        self._update_fields_on_open()

    def _bookmark(self, p) -> str:
        self._bookmarks += 1
        name = f"_Toc{self._bookmarks:08d}"
        start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(self._bookmarks), qn("w:name"): name})
        p.find(_PPR).addnext(start)
        p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(self._bookmarks)}))
        return name

    def _update_fields_on_open(self) -> None:
        settings = self.document.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        before = settings.find(qn("w:footnotePr"))
        if before is None:
            before = settings.find(qn("w:compat"))
        before.addprevious(OxmlElement("w:updateFields", {_VAL: "true"}))

    # -- page furniture ---------------------------------------------------------------
    def running_header(self, lines: Iterable[str], page: str = "Page") -> None:
        """Header from page 2 on: ``lines`` then "Page N" (``page``: "Página"); the first page stays clear."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        header = section.header.part.element
        for child in list(header):
            header.remove(child)
        for line in lines:
            header.append(self.make_paragraph("header", line))
        numbered = self.make_paragraph("header", f"{page} ")
        header.append(numbered)
        add_field(numbered, "PAGE", "2")

    def draft_header(self, mark: str) -> None:
        """A draft's ``mark`` at the top of every page, the first too; "Page N" from page 2."""
        self.running_header([])
        section = self.document.sections[0]
        first = section.first_page_header.part.element
        for child in list(first):
            first.remove(child)
        for header in (first, section.header.part.element):
            header.insert(0, self.make_paragraph("Draft mark", mark))

    def page_number_footer(self) -> None:
        footer = self.document.sections[0].footer.part.element
        for child in list(footer):
            footer.remove(child)
        p = self.make_paragraph("footer")
        footer.append(p)
        add_field(p, "PAGE", "1")

    # -- saving -----------------------------------------------------------------------
    def to_bytes(self, *, title: str, subject: str, created: dt.date | dt.datetime | None,
                 language: str = "en") -> bytes:
        """The DOCX; given the same content and ``created`` the bytes are the same."""
        stamp = as_utc(created)
        props = self.document.core_properties
        props.title, props.subject = xml_safe(title)[:255], xml_safe(subject)[:255]
        props.author = props.last_modified_by = props.comments = props.keywords = ""
        props.language = language
        props.revision = 1
        props.created = props.modified = stamp
        lang = self.document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
        lang.set(_VAL, LANGUAGE_TAGS.get(language, language))
        out = BytesIO()
        _save_reproducibly(self.document, out, stamp)
        return out.getvalue()


def _frame(p) -> None:
    """A paragraph boxed by thin rules with room inside: the place of a missing image."""
    borders = etree.SubElement(p.find(_PPR), qn("w:pBdr"))
    for side in ("top", "left", "bottom", "right"):
        etree.SubElement(borders, qn(f"w:{side}"), {_VAL: "single", qn("w:sz"): "4",
                                                    qn("w:space"): "24" if side in ("top", "bottom") else "4",
                                                    qn("w:color"): "auto"})


def _page_break():
    run = OxmlElement("w:r")
    etree.SubElement(run, _BR).set(qn("w:type"), "page")
    return run


def as_utc(value: dt.date | dt.datetime | None) -> dt.datetime:
    """A naive UTC datetime, as OOXML dates are written; None means now."""
    if value is None:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # the file stores UTC
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.replace(microsecond=0)
    return dt.datetime.combine(value, dt.time())


_ZIP_FIRST, _ZIP_LAST = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)


class _ZipWriter:
    """PhysPkgWriter's interface, stamping every member with one fixed time."""

    def __init__(self, stream, stamp: dt.datetime) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        # A zip entry's date is a DOS date: 1980 to 2107. A paper dated outside (a meeting typed
        # in the year 9999) keeps its own date in its properties; the entries take the nearest.
        self._date_time = min(max(stamp, _ZIP_FIRST), _ZIP_LAST).timetuple()[:6]

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def _save_reproducibly(document, stream, stamp: dt.datetime) -> None:
    # The steps of PackageWriter.write (python-docx 1.x), with a writer whose zip entries
    # carry the document's date instead of the wall clock.
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    writer = _ZipWriter(stream, stamp)
    try:
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    finally:
        writer.close()
