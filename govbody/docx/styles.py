"""The house styles and list numbering, defined once, and the template every builder opens.

The template is python-docx's blank document stripped of its sample parts (thumbnail,
customXml, stylesWithEffects, some 150 table styles), with the styles below written into
styles.xml and the list definitions below into numbering.xml. It is built once per
process and kept as bytes.
"""
from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from io import BytesIO

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

FONT = "Times New Roman"
BODY_SIZE = 12
CM = 567  # twips

# A4 with 2.5 cm margins: the text column is 16 cm wide.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 25
TEXT_WIDTH = round((PAGE_WIDTH_MM - 2 * MARGIN_MM) / 10 * CM)  # twips
TABLE_STYLE = "House table"


class ListKind(enum.IntEnum):
    """A numbering definition (abstractNum); its value is also the numId styles link to."""

    PARAGRAPH = 1  # body paragraphs of a numbered document: 1. 2. 3.
    NUMBER = 2  # List Number: 1. at every level (a typed "1." list, nested or not)
    BULLET = 3  # List Bullet: • / o / ▪
    OPERATIVE = 4  # operative paragraphs of a resolution: 1. 2. 3.
    LETTER = 5  # sub-points of an operative paragraph: (a), under it (i), under that (1)
    LETTERED = 6  # a typed "(a)" list in a text: (a) at every level
    ROMAN = 7  # a typed "(i)" list in a text: (i) at every level


FIRST_FREE_NUM_ID = max(ListKind) + 1


@dataclass(frozen=True)
class Level:
    fmt: str  # decimal, lowerLetter, lowerRoman, bullet
    text: str  # "%1.", "(%1)", "•"
    left: int
    hanging: int = 0
    tab: int | None = None  # where the text starts after the number when not hanging
    first_line: int = 0
    font: str | None = None


# Word and LibreOffice count lowerLetter z, aa, bb and lowerRoman past xii, as the labels that
# core.text.sub_point_label types for the page and the XML do.
LISTS: dict[ListKind, tuple[Level, ...]] = {
    ListKind.PARAGRAPH: (Level("decimal", "%1.", left=0, tab=CM),),
    ListKind.NUMBER: tuple(Level("decimal", f"%{i + 1}.", left=(i + 1) * CM, hanging=CM) for i in range(3)),
    ListKind.BULLET: (
        Level("bullet", "\u2022", left=CM, hanging=CM, font=FONT),
        Level("bullet", "o", left=2 * CM, hanging=CM, font="Courier New"),
        Level("bullet", "\u25aa", left=3 * CM, hanging=CM, font=FONT),
    ),
    ListKind.OPERATIVE: (Level("decimal", "%1.", left=0, first_line=CM, tab=2 * CM),),
    ListKind.LETTER: (
        Level("lowerLetter", "(%1)", left=2 * CM, hanging=CM),
        Level("lowerRoman", "(%2)", left=3 * CM + CM // 2, hanging=CM + CM // 2),  # room for "(viii)"
        Level("decimal", "(%3)", left=4 * CM + CM // 2, hanging=CM),
    ),
    ListKind.LETTERED: tuple(Level("lowerLetter", f"(%{i + 1})", left=(i + 1) * CM, hanging=CM)
                             for i in range(3)),
    ListKind.ROMAN: tuple(Level("lowerRoman", f"(%{i + 1})", left=(i + 1) * CM + CM // 2, hanging=CM + CM // 2)
                          for i in range(3)),
}


@dataclass(frozen=True)
class Style:
    """One paragraph style; sizes in points, indents in twips."""

    name: str
    style_id: str
    based_on: str | None = "Normal"
    next_style: str | None = None
    bold: bool = False
    italic: bool = False
    size: float | None = None
    align: str | None = None  # left, center, right, both
    before: float = 0
    after: float = 0
    left: int = 0
    hanging: int = 0
    first_line: int = 0
    keep_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None
    numbering: tuple[ListKind, int] | None = None
    tab: int | None = None
    right_tab: int | None = None  # a right-aligned tab with dot leaders (contents entries)
    house: bool = False  # a style of the house rather than one Word ships
    color: str | None = None  # RRGGBB
    spaced: int = 0  # letter spacing, in twentieths of a point


def _lists(kind: ListKind, name: str, style_id: str) -> list[Style]:
    return [
        Style(
            name if ilvl == 0 else f"{name} {ilvl + 1}",
            style_id if ilvl == 0 else f"{style_id}{ilvl + 1}",
            align="both",
            after=6,
            numbering=(kind, ilvl),
        )
        for ilvl in range(3)
    ]


PARAGRAPH_STYLES: list[Style] = [
    Style("Normal", "Normal", based_on=None),
    Style("Body Text", "BodyText", align="both", after=12),
    Style("Title", "Title", next_style="Body Text", bold=True, align="center", before=12, after=24,
          keep_next=True),
    Style("heading 1", "Heading1", next_style="Body Text", bold=True, before=12, after=12,
          keep_next=True, outline_level=0),
    Style("heading 2", "Heading2", next_style="Body Text", bold=True, before=12, after=6,
          keep_next=True, outline_level=1),
    Style("heading 3", "Heading3", next_style="Body Text", bold=True, italic=True, before=6,
          after=6, keep_next=True, outline_level=2),
    Style("Numbered Paragraph", "NumberedParagraph", align="both", after=12,
          numbering=(ListKind.PARAGRAPH, 0), house=True),
    *_lists(ListKind.NUMBER, "List Number", "ListNumber"),
    *_lists(ListKind.BULLET, "List Bullet", "ListBullet"),
    *[Style("List Continue" + (f" {i + 1}" if i else ""), "ListContinue" + (str(i + 1) if i else ""),
            align="both", after=6, left=(i + 1) * CM) for i in range(3)],
    Style("Quote", "Quote", align="both", after=12, left=CM),
    Style("Symbol block", "SymbolBlock", bold=True, left=11 * CM, house=True),
    Style("Cover details", "CoverDetails", left=11 * CM, house=True),
    # A draft's mark at the top of every page, where an issued paper has its symbol.
    Style("Draft mark", "DraftMark", bold=True, size=20, align="center", after=6, color="A6A6A6", spaced=60,
          house=True),
    # "Corrigendum", "Addendum": under the title of a version of a paper.
    Style("Version line", "VersionLine", align="center", after=24, keep_next=True, house=True),
    Style("Session heading", "SessionHeading", bold=True, align="center", before=48, after=12,
          keep_next=True, house=True),
    Style("Resolution heading", "ResolutionHeading", bold=True, align="center", before=12, after=6,
          keep_next=True, house=True),
    Style("Adoption line", "AdoptionLine", align="center", after=12, keep_next=True, house=True),
    Style("Resolution title", "ResolutionTitle", bold=True, align="center", after=18, keep_next=True,
          house=True),
    Style("Preamble", "Preamble", align="both", after=12, first_line=CM, house=True),
    Style("Operative Paragraph", "OperativeParagraph", align="both", after=12,
          numbering=(ListKind.OPERATIVE, 0), house=True),
    Style("Operative formula", "OperativeFormula", align="both", after=12, first_line=CM,
          keep_next=True, house=True),
    *[Style("Operative Point" + (f" {i + 1}" if i else ""), "OperativePoint" + (str(i + 1) if i else ""),
            align="both", after=12, numbering=(ListKind.LETTER, i), house=True) for i in range(3)],
    Style("Annex heading", "AnnexHeading", bold=True, align="center", after=12, keep_next=True,
          page_break_before=True, house=True),
    Style("Author line", "AuthorLine", italic=True, align="center", after=18, house=True),
    Style("Lead-in", "LeadIn", before=12, after=6, keep_next=True, house=True),
    Style("Meeting title", "MeetingTitle", bold=True, after=3, keep_next=True, house=True),
    Style("Meeting details", "MeetingDetails", house=True),
    Style("Session details", "SessionDetails", align="center", after=24, house=True),
    Style("Speaker", "Speaker", bold=True, before=12, after=6, keep_next=True, house=True),
    Style("Reply", "Reply", italic=True, left=CM, before=3, after=6, keep_next=True, house=True),
    # Agenda: the item numbers are the agenda's own ("2.1"), so they are typed, and every
    # title starts at the same tab whatever the depth.
    Style("Agenda item", "AgendaItem", before=6, after=6, left=2 * CM, hanging=2 * CM,
          keep_next=True, house=True),
    Style("Agenda sub-item", "AgendaSubItem", after=6, left=2 * CM, hanging=CM, keep_next=True,
          house=True),
    Style("Agenda documents", "AgendaDocuments", size=11, after=6, left=2 * CM, house=True),
    # List of participants: under each delegation (a Heading 2) the function, then its people.
    Style("Participant function", "ParticipantFunction", italic=True, left=CM, before=3, after=0, keep_next=True,
          house=True),
    Style("Participant", "Participant", left=2 * CM, hanging=CM, after=3, house=True),
    Style("header", "Header", size=10, align="right"),
    Style("footer", "Footer", size=10, align="center"),
    Style("footnote text", "FootnoteText", size=10, after=3),
    # Tables, figures and the contents page of a long text.
    Style("Table text", "TableText", after=0, house=True),
    Style("Table heading", "TableHeading", bold=True, after=0, keep_next=True, house=True),
    Style("Figure", "Figure", align="center", before=6, after=3, keep_next=True, house=True),
    Style("caption", "Caption", next_style="Body Text", italic=True, size=11, align="center", after=12),
    Style("TOC Heading", "TOCHeading", next_style="Body Text", bold=True, align="center", before=12,
          after=12, keep_next=True),
    *[Style(f"toc {i}", f"TOC{i}", after=3 if i > 1 else 6, left=(i - 1) * CM, right_tab=TEXT_WIDTH)
      for i in (1, 2, 3)],
]

CHARACTER_STYLES = {
    # name: (style_id, rPr children)
    "Default Paragraph Font": ("DefaultParagraphFont", ()),
    "footnote reference": ("FootnoteReference", (("w:vertAlign", "superscript"),)),
    "Hyperlink": ("Hyperlink", (("w:color", "0563C1"), ("w:u", "single"))),
}

STYLE_IDS: dict[str, str] = {s.name: s.style_id for s in PARAGRAPH_STYLES} | {
    "Heading 1": "Heading1", "Heading 2": "Heading2", "Heading 3": "Heading3",
    "Header": "Header", "Footer": "Footer", "Footnote Text": "FootnoteText", "Caption": "Caption",
    TABLE_STYLE: "HouseTable",
} | {name: sid for name, (sid, _) in CHARACTER_STYLES.items()}


def style_id(name: str) -> str:
    """The styleId of a house style by its name; an unknown name is a programming error."""
    return STYLE_IDS[name]


def _el(tag: str, parent=None, **attrs: str | int):
    element = OxmlElement(tag, {qn(f"w:{k}"): str(v) for k, v in attrs.items()})
    if parent is not None:
        parent.append(element)
    return element


def _run_properties(parent, *, bold=False, italic=False, size=None, font=None, lang=None, color=None,
                    spaced=0):
    rpr = _el("w:rPr", parent)
    if font:
        _el("w:rFonts", rpr, ascii=font, hAnsi=font, cs=font, eastAsia=font)
    if bold:
        _el("w:b", rpr)
        _el("w:bCs", rpr)
    if italic:
        _el("w:i", rpr)
        _el("w:iCs", rpr)
    if color:
        _el("w:color", rpr, val=color)
    if spaced:
        _el("w:spacing", rpr, val=spaced)
    if size:
        _el("w:sz", rpr, val=int(size * 2))
        _el("w:szCs", rpr, val=int(size * 2))
    if lang:
        _el("w:lang", rpr, val=lang, eastAsia="en-US", bidi="ar-SA")
    return rpr


def _indent(ppr, left: int, hanging: int = 0, first_line: int = 0) -> None:
    ind = _el("w:ind", ppr, left=left)
    if hanging:
        ind.set(qn("w:hanging"), str(hanging))
    elif first_line:
        ind.set(qn("w:firstLine"), str(first_line))


def _style_element(style: Style):
    el = _el("w:style", type="paragraph", styleId=style.style_id)
    if style.style_id == "Normal":
        el.set(qn("w:default"), "1")
    if style.house:
        el.set(qn("w:customStyle"), "1")
    _el("w:name", el, val=style.name)
    if style.based_on:
        _el("w:basedOn", el, val=style_id(style.based_on))
    if style.next_style:
        _el("w:next", el, val=style_id(style.next_style))
    _el("w:qFormat", el)
    ppr = _el("w:pPr", el)
    if style.keep_next:
        _el("w:keepNext", ppr)
        _el("w:keepLines", ppr)
    if style.page_break_before:
        _el("w:pageBreakBefore", ppr)
    if style.numbering:
        kind, ilvl = style.numbering
        numpr = _el("w:numPr", ppr)
        _el("w:ilvl", numpr, val=ilvl)
        _el("w:numId", numpr, val=int(kind))
    if style.tab or style.right_tab:
        tabs = _el("w:tabs", ppr)
        if style.tab:
            _el("w:tab", tabs, val="left", pos=style.tab)
        if style.right_tab:
            _el("w:tab", tabs, val="right", leader="dot", pos=style.right_tab)
    _el("w:spacing", ppr, before=int(style.before * 20), after=int(style.after * 20), line=240,
        lineRule="auto")
    if style.left or style.hanging or style.first_line:
        _indent(ppr, style.left, style.hanging, style.first_line)
    if style.align:
        _el("w:jc", ppr, val=style.align)
    if style.outline_level is not None:
        _el("w:outlineLvl", ppr, val=style.outline_level)
    if style.bold or style.italic or style.size or style.color or style.spaced:
        _run_properties(el, bold=style.bold, italic=style.italic, size=style.size, color=style.color,
                        spaced=style.spaced)
    return el


def _write_styles(styles) -> None:
    for child in list(styles):
        styles.remove(child)
    defaults = _el("w:docDefaults", styles)
    _run_properties(_el("w:rPrDefault", defaults), size=BODY_SIZE, font=FONT, lang="en-GB")
    _el("w:spacing", _el("w:pPr", _el("w:pPrDefault", defaults)), after=0, line=240,
        lineRule="auto")
    for style in PARAGRAPH_STYLES:
        styles.append(_style_element(style))
    for name, (sid, props) in CHARACTER_STYLES.items():
        el = _el("w:style", styles, type="character", styleId=sid)
        if sid == "DefaultParagraphFont":
            el.set(qn("w:default"), "1")
        _el("w:name", el, val=name)
        if props:
            _el("w:basedOn", el, val="DefaultParagraphFont")
            rpr = _el("w:rPr", el)
            for tag, val in props:
                _el(tag, rpr, val=val)
    table = _el("w:style", styles, type="table", default=1, styleId="TableNormal")
    _el("w:name", table, val="Normal Table")
    _el("w:uiPriority", table, val=99)
    _el("w:semiHidden", table)
    margins = _el("w:tblCellMar", _el("w:tblPr", table))
    for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        _el(f"w:{side}", margins, w=width, type="dxa")
    _house_table(styles)
    no_list = _el("w:style", styles, type="numbering", default=1, styleId="NoList")
    _el("w:name", no_list, val="No List")


def _house_table(styles) -> None:
    """Tables in a text: thin rules round every cell, the full width of the text column."""
    table = _el("w:style", styles, type="table", styleId=style_id(TABLE_STYLE), customStyle=1)
    _el("w:name", table, val=TABLE_STYLE)
    _el("w:basedOn", table, val="TableNormal")
    _el("w:qFormat", table)
    tblpr = _el("w:tblPr", table)
    borders = _el("w:tblBorders", tblpr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(f"w:{side}", borders, val="single", sz=4, space=0, color="auto")
    margins = _el("w:tblCellMar", tblpr)
    for side, width in (("top", 40), ("left", 108), ("bottom", 40), ("right", 108)):
        _el(f"w:{side}", margins, w=width, type="dxa")


def _write_numbering(numbering) -> None:
    for child in list(numbering):
        numbering.remove(child)
    for kind, levels in LISTS.items():
        abstract = _el("w:abstractNum", numbering, abstractNumId=int(kind))
        _el("w:nsid", abstract, val=f"6F0B{int(kind):04X}")
        _el("w:multiLevelType", abstract, val="multilevel" if len(levels) > 1 else "singleLevel")
        for ilvl, level in enumerate(levels):
            lvl = _el("w:lvl", abstract, ilvl=ilvl)
            _el("w:start", lvl, val=1)
            _el("w:numFmt", lvl, val=level.fmt)
            _el("w:lvlText", lvl, val=level.text)
            _el("w:lvlJc", lvl, val="left")
            ppr = _el("w:pPr", lvl)
            if level.tab:
                _el("w:tab", _el("w:tabs", ppr), val="left", pos=level.tab)
            _indent(ppr, level.left, level.hanging, level.first_line)
            if level.font:
                rpr = _el("w:rPr", lvl)
                _el("w:rFonts", rpr, ascii=level.font, hAnsi=level.font, hint="default")
    for kind in LISTS:
        num = _el("w:num", numbering, numId=int(kind))
        _el("w:abstractNumId", num, val=int(kind))


def _drop_sample_parts(document: Document) -> None:
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    unwanted = {RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype in unwanted:
            document.part.drop_rel(rid)
    settings = document.settings.element
    for tag in ("w:savePreviewPicture", "w:rsids", "w:attachedTemplate"):
        for child in settings.findall(qn(tag)):
            settings.remove(child)


@functools.cache
def template_bytes() -> bytes:
    document = docx.Document()
    _drop_sample_parts(document)
    _write_styles(document.styles.element)
    _write_numbering(document.part.numbering_part.element)
    section = document.sections[0]
    for attribute in [a for a in section._sectPr.attrib if "rsid" in a]:
        del section._sectPr.attrib[attribute]  # revision ids of the sample, listed nowhere now
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
    section.header_distance = section.footer_distance = Mm(12.5)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def new_document() -> Document:
    """A fresh python-docx Document carrying the house styles and list definitions."""
    return docx.Document(BytesIO(template_bytes()))
