"""A resolution as an Akoma Ntoso 3.0 ``statement`` (name="resolution").

FRBR identification after the AKN naming convention
(``/akn/int/statement/resolution/<body>/<date>/<number>``), a TLC reference for every
``href``/``by``/``source`` used, the preface (number, adoption line, title), the preamble
(formula and one recital per preambular paragraph), one ``paragraph`` per operative
paragraph with its lettered sub-points as ``point``s, the adoption date in the
conclusions and each annex as an attached ``doc``.

Each language version is an expression of the one work: the same work URI, its own expression
(``.../fra@``) with its ``FRBRlanguage``; a translation names the English expression as its master
(``FRBRmasterExpression``) and as what it was translated from (``FRBRtranslation``), and keeps its
eIds, since its paragraphs are the same.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lxml import etree

from govbody.core import languages
from govbody.core import text as words
from govbody.core.markup import parser, split_footnotes
from govbody.core.printable import xml_safe
from govbody.docx.markdown import inline_spans
from govbody.docx.resolution import (
    adoption_line,
    annex_heading,
    close_with,
    footnotes,
    preamble_opening,
)
from govbody.docx import words as fixed
from govbody.docx.writer import Span
from govbody.resolutions import render
from govbody.resolutions.models import ORIGINAL_LANGUAGE, Resolution, Translation

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
COUNTRY = "int"  # an intergovernmental organisation: no ISO country
LANGUAGE = languages.AKN_CODES[ORIGINAL_LANGUAGE]  # the original expression's: "eng"
SOURCE = "govbody"
_SLUG = re.compile(r"[^a-z0-9]+")


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """An element; its text and attributes without what XML cannot carry (text stored before the rule)."""
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_"): xml_safe(str(v)) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _slug(value: str) -> str:
    return _SLUG.sub("-", value.lower()).strip("-") or "body"


class _Ids:
    """eIds and note markers, unique in the whole document."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.notes = 0

    def __call__(self, wanted: str) -> str:
        eid, n = wanted, 1
        while eid in self.used:
            n += 1
            eid = f"{wanted}_{n}"
        self.used.add(eid)
        return eid


class _Writer:
    def __init__(self, ids: _Ids) -> None:
        self.ids = ids

    def inline(self, element, spans: list[Span], prefix: str) -> None:
        """Spans as mixed content: text, <i>, <b>, <a> for web links, <authorialNote>."""
        last = None
        for span in spans:
            if span.note is not None:
                self.ids.notes += 1
                note = _el(element, "authorialNote", marker=self.ids.notes, placement="bottom",
                           eId=self.ids(f"{prefix}__authorialNote_{self.ids.notes}"))
                self.inline(_el(note, "p"), list(span.note), prefix)
                last = note
                continue
            if not span.text:
                continue
            words = xml_safe(span.text)
            target = element
            if span.link and span.link.startswith(("http://", "https://")):
                target = _el(target, "a", href=span.link)
            if span.bold:
                target = _el(target, "b")
            if span.italic:
                target = _el(target, "i")
            if target is element:
                if last is None:
                    element.text = (element.text or "") + words
                else:
                    last.tail = (last.tail or "") + words
                continue
            target.text = words
            top = target
            while top.getparent() is not element:
                top = top.getparent()
            last = top

    def p(self, parent, spans: list[Span], prefix: str, **attrs):
        p = _el(parent, "p", **attrs)
        self.inline(p, spans, prefix)
        return p

    def markdown(self, parent, source: str, prefix: str, pool: dict[str, str] | None = None) -> None:
        """CommonMark blocks (an annex): "#" headings open parts, lists become blockLists;
        ``pool``: the footnotes defined elsewhere in the resolution."""
        text, notes = split_footnotes(source or "")
        notes = {**(pool or {}), **notes}
        holder = parent
        stack: list[tuple[Any, bool]] = []  # open blockLists and items; bool: an ordered list
        parts: list[Any] = []
        heading = False
        for token in parser().parse(text):
            kind = token.type
            container = stack[-1][0] if stack else holder
            if kind == "heading_open":
                heading = True
            elif kind == "heading_close":
                heading = False
            elif kind in ("bullet_list_open", "ordered_list_open"):
                ordered = kind == "ordered_list_open"
                start = int(token.attrs.get("start", 1) or 1) if ordered else 1
                lst = _el(container, "blockList", eId=self.ids(f"{prefix}__list_1"))
                lst.set("class", f"ordered start-{start}" if ordered else "bullet")
                stack.append((lst, ordered))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                stack.pop()
            elif kind == "list_item_open":
                lst, ordered = stack[-1]
                item = _el(lst, "item", eId=self.ids(f"{lst.get('eId')}__item_{len(lst) + 1}"))
                if ordered:
                    start = int(lst.get("class").rsplit("-", 1)[1])
                    _el(item, "num", f"{start + len(lst) - 1}.")
                stack.append((item, ordered))
            elif kind == "list_item_close":
                item, _ = stack.pop()
                if not [c for c in item if c.tag != f"{{{NS}}}num"]:
                    _el(item, "p")
            elif kind == "inline":
                spans = _spans(token, notes)
                if heading:
                    part = _el(parent, "hcontainer", name="part", eId=self.ids(f"{prefix}__part_{len(parts) + 1}"))
                    self.inline(_el(part, "heading"), spans, prefix)
                    holder = _el(part, "content")
                    parts.append(holder)
                else:
                    self.p(container, spans, prefix)
            elif kind in ("fence", "code_block"):
                self.p(container, [Span(token.content.rstrip("\n"))], prefix)
        for content in parts:
            if len(content) == 0:
                _el(content, "p")


def _spans(token, notes: dict[str, str]) -> list[Span]:
    from govbody.docx.markdown import _spans as spans_of

    return spans_of(token.children or [], notes)


def _uris(resolution: Resolution, language: str = ORIGINAL_LANGUAGE) -> dict[str, str]:
    actor = _slug(resolution.adopted_code)
    if resolution.is_adopted and resolution.number is not None:
        date, number = resolution.adopted_on, str(resolution.number)
    else:
        date, number = (resolution.created_at or dt.datetime.now()).date(), f"draft-{resolution.id}"
    work = f"/akn/{COUNTRY}/statement/resolution/{actor}/{date.isoformat()}/{number}"
    expression = f"{work}/{languages.AKN_CODES[language]}@"
    return {"work": work, "expression": expression, "manifestation": f"{expression}.akn", "date": date.isoformat(),
            "number": number, "language": languages.AKN_CODES[language], "master": f"{work}/{LANGUAGE}@"}


def _identification(meta, uris: dict[str, str], *, author: str, name: str, date_name: str,
                    generated: dt.date, suffix: str = "!main") -> None:
    ident = _el(meta, "identification", source=f"#{SOURCE}")
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=f"{uris['work']}/{suffix}")
    _el(work, "FRBRuri", value=uris["work"])
    _el(work, "FRBRdate", date=uris["date"], name=date_name)
    _el(work, "FRBRauthor", href=f"#{author}", as_="#author")
    _el(work, "FRBRcountry", value=COUNTRY)
    _el(work, "FRBRsubtype", value="resolution")
    _el(work, "FRBRnumber", value=uris["number"])
    _el(work, "FRBRname", value=name)
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=f"{uris['expression']}/{suffix}")
    _el(expression, "FRBRuri", value=uris["expression"])
    _el(expression, "FRBRdate", date=uris["date"], name=date_name)
    _el(expression, "FRBRauthor", href=f"#{author}", as_="#author")
    translated = uris["language"] != LANGUAGE
    if translated:
        _el(expression, "FRBRmasterExpression", href=uris["master"], showAs=languages.name_of(ORIGINAL_LANGUAGE))
    _el(expression, "FRBRlanguage", language=uris["language"])
    if translated:  # the three official versions are equally authentic
        _el(expression, "FRBRtranslation", href=uris["master"], fromLanguage=LANGUAGE, authoritative="true",
            by=f"#{SOURCE}")
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{uris['expression']}/{suffix}.xml")
    _el(manifestation, "FRBRuri", value=uris["manifestation"])
    _el(manifestation, "FRBRdate", date=generated.isoformat(), name="generation")
    _el(manifestation, "FRBRauthor", href=f"#{SOURCE}", as_="#editor")


def _references(meta, resolution: Resolution, author: str, language: str) -> None:
    refs = _el(meta, "references", source=f"#{SOURCE}")
    _el(refs, "TLCOrganization", eId=author, href=f"/ontology/organization/{COUNTRY}/{author}",
        showAs=resolution.body.name)
    _el(refs, "TLCOrganization", eId=SOURCE, href=f"/ontology/organization/{COUNTRY}/{SOURCE}",
        showAs="Secretariat (govbody)")
    _el(refs, "TLCRole", eId="author", href="/ontology/role/author", showAs="Author")
    _el(refs, "TLCRole", eId="editor", href="/ontology/role/editor", showAs="Editor")
    old = resolution.supersedes
    if old is not None and old.is_adopted:
        _el(refs, "activeRef", eId="superseded", href=_uris(old)["work"], showAs=old.designation)
    meeting = resolution.adopted_at_meeting if resolution.is_adopted else None
    if meeting is not None:
        _el(refs, "TLCEvent", eId=f"meeting_{meeting.number}", href=f"/ontology/event/{author}/meeting/{meeting.number}",
            showAs=words.meeting_title(meeting.number, language))


def build_akn(resolution: Resolution, *, generated: dt.date | None = None,
              translation: Translation | None = None) -> bytes:
    """The resolution (adopted or draft) as Akoma Ntoso XML bytes: its English expression, or
    that of `translation`."""
    data = render.to_data(resolution, translation=translation)
    language = data.language
    generated = generated or (resolution.adopted_on if resolution.is_adopted else dt.date.today())
    uris = _uris(resolution, language)
    author = f"body-{_slug(resolution.adopted_code)}"
    ids = _Ids()
    w = _Writer(ids)
    designation = data.designation

    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    statement = _el(root, "statement", name="resolution", contains="originalVersion")
    meta = _el(statement, "meta")
    _identification(meta, uris, author=author, name=designation, generated=generated,
                    date_name="adoption" if resolution.is_adopted else "draft")
    _references(meta, resolution, author, language)

    preface = _el(statement, "preface")
    heading = _el(preface, "p", class_="heading")
    _el(heading, "docNumber", designation)
    line = adoption_line(data)
    if line:
        _el(preface, "p", line, class_="adoption")
    title = _el(preface, "p", class_="title")
    notes = footnotes(data)  # a footnote may be referred to in one part and defined in another
    w.inline(_el(title, "docTitle"), inline_spans(data.title, notes), "preface")

    preamble = _el(statement, "preamble")
    formula = _el(preamble, "formula", name="enactingFormula", eId=ids("preamble__formula_1"))
    _el(formula, "p", fixed.opening(data.body_name, language))
    if data.preamble:
        recitals = _el(preamble, "recitals", eId=ids("preamble__recitals"))
        for i, paragraph in enumerate(data.preamble, 1):
            eid = ids(f"preamble__recitals__recital_{i}")
            recital = _el(recitals, "recital", eId=eid)
            spans = inline_spans(paragraph, notes)
            if spans and not spans[0].italic and spans[0].note is None:
                cut = preamble_opening(spans[0].text, language)
                if cut:
                    spans[0:1] = [spans[0]._replace(text=spans[0].text[:cut], italic=True),
                                  spans[0]._replace(text=spans[0].text[cut:])]
            w.p(recital, close_with(spans, ",", language), eid)
    resolves = _el(preamble, "formula", name="resolvingFormula", eId=ids("preamble__formula_2"))
    p = _el(resolves, "p")
    _el(p, "i", data.operative_formula.strip().strip("*_:").strip()).tail = fixed.mark(":", language)

    body = _el(statement, "mainBody")
    if not data.operative:
        _el(body, "p")
    for i, operative in enumerate(data.operative, 1):
        end = "." if i == len(data.operative) else ";"
        eid = ids(f"para_{i}")
        para = _el(body, "paragraph", eId=eid)
        _el(para, "num", f"{i}.")
        raw_points = operative.points
        if not raw_points:
            w.p(_el(para, "content"), close_with(inline_spans(operative.text, notes), end, language), eid)
            continue
        w.p(_el(para, "intro"), close_with(inline_spans(operative.text, notes), ":", language), eid)
        _points(w, para, raw_points, eid, end, depth=0, notes=notes, language=language)

    conclusions = _el(statement, "conclusions")
    if resolution.is_adopted and resolution.adopted_on:
        said = fixed.words(language)
        before, _, after = said.on_date_alone.partition("{}")
        p = _el(conclusions, "p", f"{said.adopted} {fixed.the_body(data.body_name, language)}{before}")
        _el(p, "docDate", words.long_date(resolution.adopted_on, language), date=resolution.adopted_on.isoformat())
        if resolution.adopted_at_meeting is not None and resolution.adopted_at_meeting.number is not None:
            p[-1].tail = after + "," + said.at_meeting.format(
                words.meeting_title(resolution.adopted_at_meeting.number, language)) + "."
    else:
        _el(conclusions, "p", fixed.words(language).not_adopted)
    old = resolution.supersedes
    if old is not None and old.is_adopted:
        p = _el(conclusions, "p", fixed.words(language).supersedes)
        cited = fixed.full_designation(data.body_name, words.designation(old.number, old.session_numeral, language),
                                       language)
        _el(p, "ref", cited if language == "en" else cited[:1].lower() + cited[1:],
            eId=ids("conclusions__ref_superseded"), href=_uris(old)["work"]).tail = "."

    if data.annexes:
        attachments = _el(statement, "attachments")
        for i, annex in enumerate(data.annexes, 1):
            eid = ids(f"att_{i}")
            attachment = _el(attachments, "attachment", eId=eid)
            doc = _el(attachment, "doc", name="annex")
            doc_meta = _el(doc, "meta")
            _identification(doc_meta, uris, author=author, name=annex_heading(data, i), generated=generated,
                            date_name="adoption" if resolution.is_adopted else "draft", suffix=f"!annex_{i}")
            doc_preface = _el(doc, "preface")
            _el(doc_preface, "p", annex_heading(data, i), class_="heading")
            if annex.title:
                dt_p = _el(doc_preface, "p", class_="title")
                w.inline(_el(dt_p, "docTitle"), inline_spans(annex.title, notes), eid)
            annex_body = _el(doc, "mainBody")
            w.markdown(annex_body, annex.text, eid, notes)
            if len(annex_body) == 0:
                _el(annex_body, "p")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _points(w: _Writer, parent, points: list, prefix: str, end: str, depth: int, notes: dict[str, str],
            language: str = "en") -> None:
    for n, point in enumerate(points, 1):
        numeral = words.sub_point_numeral(depth, n)
        eid = w.ids(f"{prefix}__point_{numeral}")
        element = _el(parent, "point", eId=eid)
        _el(element, "num", f"({numeral})")
        mark = end if n == len(points) else ";"
        children = render.point_children(point)
        spans = inline_spans(render.point_text(point), notes)
        if children:
            w.p(_el(element, "intro"), close_with(spans, ":", language), eid)
            _points(w, element, children, eid, mark, depth + 1, notes, language)
        else:
            w.p(_el(element, "content"), close_with(spans, mark, language), eid)
