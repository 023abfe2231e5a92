"""The document registry: series, issuing under a gapless symbol, versions, the register.

Issuing takes the series number from core.numbering inside the caller's transaction,
renders the DOCX once and stores its bytes with their SHA-256; the record is then frozen
and every later change is a new version (Corr., Rev., Add.) with a symbol of its own.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import sqlalchemy as sa
from sqlalchemy.orm import Session, object_session

from govbody.bodies.models import Body
from govbody.core import audit, numbering
from govbody.core.downloads import safe_filename
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.languages import code_of
from govbody.core.models import utcnow
from govbody.core.limits import LONG_MAX, too_many_lines
from govbody.documents import render
from govbody.documents.models import (
    Distribution,
    Document,
    DocumentFile,
    DocumentKind,
    DocumentStatus,
    FileFormat,
    Remarks,
    Series,
    VersionKind,
)
from govbody.meetings.models import BodySession, Meeting
from govbody.renditions import services as renditions
from govbody.renditions.models import SubjectKind
from govbody.resolutions.models import Resolution

SESSION_PLACEHOLDER = "{session}"
# Segments of letters, digits, dots and hyphens ("MC", "INF", "WG-IM"), or the session placeholder.
_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,29}(/([A-Za-z0-9][A-Za-z0-9.-]{0,29}|\{session\})){0,5}$")
DOCUMENT_FIELDS = ["title", "date", "session_id", "original_language", "distribution", "text", "contents",
                   "paragraph_numbers", "resolution_id"]
EDITABLE_FIELDS = frozenset(DOCUMENT_FIELDS)
REMARKS_FIELDS = ["meeting_id", "speaker", "speaker_title"]  # an outline of remarks' own


def normalize_symbol(text: str) -> str:
    """"mc / inf/287 " -> "MC/INF/287": how a symbol is compared, however it was typed."""
    return re.sub(r"\s+", "", text or "").upper()


def symbol_readings(text: str) -> list[str]:
    """What a typed symbol may mean: as typed (spaces dropped), and with spaces, hyphens or
    underscores read as the slashes they stand for ("MC INF 287", the file name "MC-INF-287")."""
    as_typed = normalize_symbol(text)
    separated = re.sub(r"[\s_-]+", "/", re.sub(r"\s*/\s*", "/", (text or "").strip())).upper()
    return [as_typed] if separated == as_typed else [as_typed, separated]


def symbol_is(typed: str):
    """The document a typed symbol names ("mc/inf/287", "MC INF 287"), as an SQL condition."""
    return sa.func.upper(Document.symbol).in_([r for r in symbol_readings(typed) if r])


def registered(session: Session, text: str, *, visible=None) -> Document | None:
    """The issued document a typed symbol names ("mc/inf/287" is MC/INF/287), or None; `visible`
    (an access condition) leaves out what the caller may not see. Only issued papers have symbols."""
    readings = [r for r in symbol_readings(text) if r]
    if not readings:
        return None
    stmt = sa.select(Document).where(symbol_is(text))
    if visible is not None:
        stmt = stmt.where(visible)
    found = {d.symbol.upper(): d for d in session.scalars(stmt)}
    return next((found[r] for r in readings if r in found), None)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_series(session: Session, prefix: str) -> Series | None:
    prefix = (prefix or "").strip()
    return session.scalar(sa.select(Series).where(sa.func.upper(Series.prefix) == prefix.upper()))


def _prefix_pattern(prefix: str) -> re.Pattern:
    """What symbols a prefix can expand to: "C/{session}/INF" matches "C/110/INF"."""
    return re.compile("^" + re.escape(prefix.upper()).replace(re.escape("{SESSION}"), r"[0-9]+") + "$")


def _check_prefix(session: Session, prefix: str) -> dict[str, str]:
    if not _PREFIX.match(prefix) or prefix.count(SESSION_PLACEHOLDER) > 1:
        return {"prefix": "A prefix is segments of letters and digits separated by \"/\" (\"MC/INF\"), "
                          "with at most one \"{session}\" segment (\"C/{session}/INF\")."}
    if re.search(r"(^|/)(Corr|Rev|Add)\.", prefix, re.IGNORECASE):
        return {"prefix": "Corr., Rev. and Add. are the suffixes of versions, not series."}
    for other in session.scalars(sa.select(Series.prefix)):
        # Two prefixes that can expand to the same text would give the same symbols.
        if other.upper() == prefix.upper() or _prefix_pattern(other).match(prefix.upper()) \
                or _prefix_pattern(prefix).match(other.upper()):
            return {"prefix": f"The series {other} already gives symbols beginning {prefix}."}
    return {}


def create_series(session: Session, *, prefix: str, next_number: int = 1, body: Body | None = None,
                  by=None) -> Series:
    prefix = prefix.strip()
    errors = _check_prefix(session, prefix)
    if errors:
        raise ValidationError("The series was not saved.", errors)
    series = Series(prefix=prefix, body=body, start_number=next_number)
    session.add(series)
    session.flush()
    if not series.per_session:
        numbering.set_next(session, numbering.series_key(series.id, prefix), next_number)
    audit.record(session, "series.create", series, by=by,
                 changes={"prefix": prefix, "body": body.code if body else None, "next_number": next_number})
    return series


def expanded_prefix(series: Series, body_session: BodySession | None) -> str | None:
    """The prefix a document's symbol starts with ("C/110/INF"); None if a session is needed."""
    if not series.per_session:
        return series.prefix
    if body_session is None:
        return None
    return series.prefix.replace(SESSION_PLACEHOLDER, str(body_session.number))


def _counter_key(series: Series, body_session: BodySession | None) -> str:
    return numbering.series_key(series.id, expanded_prefix(series, body_session))


def next_number(session: Session, series: Series, body_session: BodySession | None = None) -> int | None:
    """The number the next issue in the series would take (None: it depends on the session)."""
    if series.per_session and body_session is None:
        return None
    return numbering.peek(session, _counter_key(series, body_session), start=series.start_number)


def next_symbols(session: Session, series_list: list[Series], body_session: BodySession | None = None,
                 ) -> dict[int, str | None]:
    """The symbol the next issue in each series would take ("C/110/INF/4"; None: it depends on the
    session), in one query."""
    numbers = next_numbers(session, series_list, body_session)
    return {s.id: None if numbers[s.id] is None else _symbol(expanded_prefix(s, body_session), numbers[s.id])
            for s in series_list}


def usable_series(session: Session, body_session: BodySession) -> list[tuple[Series, str | None]]:
    """The series a paper of the session may be issued in (its body's, or of no body), each with the
    symbol it would give next ("C/112/1")."""
    series = list(session.scalars(sa.select(Series).where(
        sa.or_(Series.body_id == body_session.body_id, Series.body_id.is_(None))).order_by(Series.prefix)))
    symbols = next_symbols(session, series, body_session)
    return [(s, symbols[s.id]) for s in series]


def _symbol(prefix: str, number: int) -> str:
    return f"{prefix}/{number}"


def next_numbers(session: Session, series_list: list[Series], body_session: BodySession | None = None,
                 ) -> dict[int, int | None]:
    """next_number of many series in one query (None for per-session series without a session)."""
    keys = {_counter_key(s, body_session): s for s in series_list if expanded_prefix(s, body_session) is not None}
    rows = session.execute(sa.select(numbering.Counter.key, numbering.Counter.next_value)
                           .where(numbering.Counter.key.in_(keys))) if keys else []
    taken = {key: value for key, value in rows}
    found = {s.id: taken.get(key, s.start_number) for key, s in keys.items()}
    return {s.id: found.get(s.id) for s in series_list}


def set_next_number(session: Session, series: Series, value: int, *, body_session: BodySession | None = None,
                    by=None) -> None:
    """Continue a history: the next paper of the series (or of one session of it) takes `value`."""
    if series.per_session and body_session is None:
        before = series.start_number
        series.start_number = value  # where each new session's numbering starts
    else:
        before = next_number(session, series, body_session)
        numbering.set_next(session, _counter_key(series, body_session), value)
        # Read under the counter's lock, so no paper can be issued between the check and the commit.
        key_prefix = expanded_prefix(series, body_session)
        highest = session.scalar(sa.select(sa.func.max(Document.number)).where(
            Document.series_id == series.id, Document.series_key == key_prefix))
        if highest is not None and value <= highest:
            raise ValidationError("The next number was not saved.", {
                "next_number": f"{key_prefix}/{highest} is already issued; the next number must be above {highest}."})
    session.flush()
    audit.record(session, "series.next_number", series, by=by, changes={"next_number": [before, value]})


def _check_session(series: Series, body_session: BodySession | None) -> None:
    """A paper of a body's series belongs to a session of that body."""
    if body_session is not None and series.body_id is not None and body_session.body_id != series.body_id:
        raise ValidationError("The document was not saved.", {
            "session_id": f"The session is not one of the {series.body.name}, which owns the series {series.prefix}."})


CARRIED_RULE = "A document carries an adopted resolution only."


def check_carried(resolution: Resolution | None) -> None:
    """A paper prints the resolution it carries: one adopted, never a draft or a withdrawn one."""
    if resolution is not None and not resolution.is_adopted:
        raise ValidationError("The document was not saved.", {
            "resolution_id": f"{CARRIED_RULE} “{resolution.title}” is {resolution.status.value}."})


def outline_text(opening: str, points: list[tuple[str, str]]) -> str:
    """An outline's text from its opening and its points (title, text): one "#" heading a point."""
    errors: dict[str, str] = {}
    parts = [opening.strip()] if opening and opening.strip() else []
    for i, (title, words) in enumerate(points):
        title = " ".join(title.split())
        if not title:
            errors[f"points.{i}.title"] = "Give the point a title."
        if render.starts_section(words):
            errors[f"points.{i}.text"] = ("A point's text cannot hold a \"# \" heading, which would start another "
                                          "point; use \"## \" for a heading inside it.")
        parts.append(f"# {title}" + (f"\n\n{words.strip()}" if words and words.strip() else ""))
    text = "\n\n".join(parts)
    if len(text) > LONG_MAX:
        errors["points"] = f"An outline has at most {LONG_MAX} characters in all."
    if errors:
        raise ValidationError("The document was not saved.", errors)
    return text


def _check_kind(document: Document) -> None:
    """What each kind of paper needs (an outline: its meeting, speaker and points) and what only an
    outline carries; an outline belongs to its meeting's session; a text no longer than the limits."""
    errors: dict[str, str] = {}
    if len(document.text or "") > LONG_MAX:
        errors["text"] = f"At most {LONG_MAX} characters."
    elif why := too_many_lines(document.text):
        errors["text"] = why
    if document.kind is DocumentKind.outline:
        if document.remarks is None or document.remarks.meeting is None:
            errors["meeting_id"] = "An outline of remarks is for a meeting: choose it."
        elif document.session is not None and document.session.id != document.meeting.session_id:
            errors["session_id"] = "The meeting is not one of this session."
        if not (document.speaker or "").strip():
            errors["speaker"] = "Name the speaker."
        if document.resolution is not None:
            errors["resolution_id"] = "An outline of remarks carries no resolution."
        if not render.split_sections(document.text)[1]:
            errors["text"] = "An outline needs at least one point: each \"# \" heading of the text is one."
    elif document.remarks is not None:
        for name, field in (("meeting", "meeting_id"), ("speaker", "speaker"), ("speaker_title", "speaker_title")):
            if getattr(document.remarks, name):
                errors[field] = "Only an outline of remarks has a meeting and a speaker."
    if document.kind is DocumentKind.agenda and document.agenda is None:
        errors["kind"] = "An agenda is issued from its session's agenda."
    if errors:
        raise ValidationError("The document was not saved.", errors)


def create_document(session: Session, *, series: Series, title: str, date: dt.date,
                    body_session: BodySession | None = None, original_language: str = "English",
                    distribution: Distribution = Distribution.general, text: str = "", contents: bool = False,
                    paragraph_numbers: bool = True, resolution: Resolution | None = None, kind: DocumentKind = DocumentKind.paper,
                    meeting: Meeting | None = None, speaker: str = "", speaker_title: str = "",
                    agenda: dict | None = None, issue: bool = False, by=None) -> Document:
    """A draft (no symbol yet, editable until issued), or with `issue` an issued paper at once;
    `contents`: it opens with a contents page; `paragraph_numbers` False: a report's layout,
    paragraphs and headings unnumbered. An outline of remarks names its meeting and
    speaker; an agenda comes with its items as issued."""
    if body_session is None and meeting is not None:
        body_session = meeting.session  # an outline goes with its meeting
    check_carried(resolution)
    remarks = None
    if meeting is not None or (speaker or "").strip() or (speaker_title or "").strip():
        remarks = Remarks(meeting=meeting, speaker=(speaker or "").strip(), speaker_title=(speaker_title or "").strip())
    document = Document(series=series, title=title.strip(), date=date, session=body_session,
                        original_language=original_language.strip(), distribution=distribution, text=text or "",
                        contents=contents, paragraph_numbers=paragraph_numbers, resolution=resolution, status=DocumentStatus.draft, kind=kind,
                        remarks=remarks, agenda=agenda)
    _check_kind(document)
    _check_session(series, document.session)
    if issue:
        return _issue(session, document, by=by)
    session.add(document)
    session.flush()
    audit.record(session, "document.create", document, by=by, changes=_audited(document))
    return document


def _audited(document: Document) -> dict:
    """A paper's fields as the audit log keeps them, with its kind and an outline's own."""
    if document.kind is DocumentKind.paper:
        return audit.snapshot(document, DOCUMENT_FIELDS)
    fields = DOCUMENT_FIELDS + (REMARKS_FIELDS if document.remarks else [])
    return {**audit.snapshot(document, fields), "kind": document.kind.value}


def _refuse_if_issued(document: Document) -> None:
    # Re-read under a row lock: the same draft issued from two pages at once is issued once.
    if document.id is not None and (session := object_session(document)) is not None:
        session.refresh(document, ["status", "symbol"], with_for_update=True)
    if document.is_issued:
        raise ConflictError(f"{document.symbol} is issued and frozen; issue a corrigendum or a revision instead.")


def update_document(session: Session, document: Document, /, *, issue: bool = False, by=None, **values) -> Document:
    """Change a draft (`series`, `session` and `resolution` are passed as records), and issue it if asked.
    (Positional-only: the paper's `session` is one of the values, not the database session.)"""
    _refuse_if_issued(document)
    remarks = {name: values.pop(name) for name in ("meeting", "speaker", "speaker_title") if name in values}
    unknown = set(values) - EDITABLE_FIELDS - {"series", "session", "resolution"}
    if unknown:
        raise ValidationError("The document was not saved.", {name: "This field cannot be changed." for name in unknown})
    check_carried(values.get("resolution"))
    before = audit.snapshot(document, DOCUMENT_FIELDS + ["series_id"] + REMARKS_FIELDS)
    for field, value in values.items():
        if field in ("title", "original_language"):
            value = value.strip()
        setattr(document, field, value)
    if remarks:
        if document.remarks is None:
            document.remarks = Remarks(speaker="", speaker_title="")
        for field, value in remarks.items():
            setattr(document.remarks, field, value.strip() if isinstance(value, str) else value)
        if "meeting" in remarks and "session" not in values and document.remarks.meeting is not None:
            document.session = document.remarks.meeting.session  # an outline goes with its meeting
    _check_kind(document)
    _check_session(document.series, document.session)
    session.flush()
    if changes := audit.diff(before, audit.snapshot(document, DOCUMENT_FIELDS + ["series_id"] + REMARKS_FIELDS)):
        audit.record(session, "document.update", document, by=by, changes=changes)
    return issue_document(session, document, by=by) if issue else document


def issue_document(session: Session, document: Document, *, by=None) -> Document:
    """Give a draft its symbol (the series' next number) and freeze it."""
    _refuse_if_issued(document)
    if document.parent_id is not None:
        raise ConflictError("A version is issued when it is created.")
    return _issue(session, document, by=by)


def issue_with_file(session: Session, document: Document, file: DocumentFile, *, by=None) -> Document:
    """Issue a draft whose original-language version is a file sent as it is (a real paper written
    in Word, or its PDF): the series' next number, like issue_document, but the file is what is frozen."""
    _refuse_if_issued(document)
    return _issue(session, document, by=by, file=file)


def _issue(session: Session, document: Document, *, by=None, file: DocumentFile | None = None) -> Document:
    series = document.series
    prefix = expanded_prefix(series, document.session)
    if prefix is None:
        raise ValidationError("The document was not issued.", {
            "session_id": f"The series {series.prefix} is numbered per session: choose the session."})
    _check_session(series, document.session)
    # From here to the commit the series counter's row is locked: the number is spent only if
    # this transaction commits, so the locked stretch is kept to the render and one write.
    number = numbering.allocate(session, numbering.series_key(series.id, prefix), start=series.start_number)
    document.series_key, document.number, document.symbol = prefix, number, _symbol(prefix, number)
    _freeze(session, document, file)
    audit.record(session, "document.issue", document, by=by,
                 changes={**_audited(document), "symbol": document.symbol,
                          "sha256": document.sha256})
    return document


def _freeze(session: Session, document: Document, file: DocumentFile | None = None) -> None:
    """Render the DOCX once and keep its bytes and hash: every download serves these. An uploaded
    original is frozen instead: its bytes stay in its own row, and the paper takes its hash."""
    document.status = DocumentStatus.issued
    document.issued_at = utcnow()
    if file is not None:
        document.files.append(file)
        document.sha256 = file.sha256
    else:
        data = render.render_docx(document)
        document.docx = data
        document.sha256 = hashlib.sha256(data).hexdigest()
    session.add(document)
    session.flush()
    if file is None or file.format is FileFormat.docx:  # a PDF sent as the original is its PDF already
        # its PDF, made by a worker
        renditions.request_rendition(session, SubjectKind.document, document.id, code_of(document.original_language))


def issue_version(session: Session, parent: Document, *, kind: VersionKind, title: str | None = None,
                  text: str = "", date: dt.date | None = None, agenda: dict | None = None, by=None) -> Document:
    """A corrigendum, revision or addendum of an issued document (or of a version: they stack). A
    revision replaces the text and so is of the parent's kind: a revised outline keeps its meeting and
    speaker, a revised agenda is the session's agenda as it stands (``agenda``, from the agenda)."""
    if not parent.is_issued:
        raise ConflictError("Only an issued document has versions; edit the draft instead.")
    version_kind = parent.kind if kind is VersionKind.rev else DocumentKind.paper
    if version_kind is DocumentKind.agenda and agenda is None:
        raise ValidationError("The version was not issued.", {"kind": (
            "A revised agenda is the session's agenda as it stands: change the agenda, then issue it from the "
            "session's agenda page (or POST /api/v1/sessions/{id}/agenda/issue).")})
    title = (title or "").strip() or parent.title
    version_number = numbering.allocate(session, numbering.version_key(parent.id, kind.value))
    # Records, not ids, so the renderer sees them before the insert; parent_id alone keeps the
    # version out of parent.versions (and the session) until it is added.
    document = Document(
        series=parent.series, series_key=parent.series_key, parent_id=parent.id, version_kind=kind,
        version_number=version_number, symbol=f"{parent.symbol}/{kind.suffix}.{version_number}", title=title,
        date=date or dt.date.today(), session=parent.session, original_language=parent.original_language,
        distribution=parent.distribution, text=text or "",
        # A revision replaces the text, so it carries what the original carried.
        resolution=parent.carried_resolution if kind is VersionKind.rev else None, kind=version_kind,
        contents=parent.contents and kind is VersionKind.rev,
        # Every version is laid out as the paper it belongs to: a report's corrigendum is unnumbered too.
        paragraph_numbers=parent.paragraph_numbers,
        agenda=agenda if version_kind is DocumentKind.agenda else None,
        remarks=Remarks(meeting=parent.meeting, speaker=parent.speaker, speaker_title=parent.speaker_title)
        if version_kind is DocumentKind.outline else None,
    )
    _check_kind(document)
    _freeze(session, document)
    session.expire(parent, ["versions"])
    audit.record(session, "document.version", document, by=by,
                 changes={"parent": parent.symbol, "symbol": document.symbol, "sha256": document.sha256})
    return document


def lineage(document: Document) -> list[Document]:
    """The chain from the original down to this document: MC/2216, MC/2216/Corr.1, ..."""
    chain = [document]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    return chain[::-1]


def replaced_by(document: Document) -> Document | None:
    """The latest revision of a document, which replaces its text."""
    revisions = [v for v in document.versions if v.version_kind is VersionKind.rev and v.is_issued]
    return revisions[-1] if revisions else None


def download_name(document: Document) -> str:
    """"MC/2216/Corr.1" -> "MC-2216-Corr.1.docx": nothing a browser or a file system could misread."""
    return safe_filename(document.symbol or f"draft-{document.id}", "docx")


def register_query(*, visible, body: Body | None = None, body_session: BodySession | None = None,
                   session_id: int | None = None, series: Series | None = None, series_prefix: str | None = None,
                   year: int | None = None, symbol: str | None = None, symbol_search: str | None = None):
    """The register: documents matching the filters that `visible` (an access condition) allows."""
    stmt = sa.select(Document).join(Document.series).where(visible)
    if body is not None:
        stmt = stmt.where(Series.body_id == body.id)
    if body_session is not None:
        session_id = body_session.id
    if session_id is not None:
        stmt = stmt.where(Document.session_id == session_id)
    if series is not None:
        stmt = stmt.where(Document.series_id == series.id)
    if series_prefix:
        wanted = normalize_symbol(series_prefix)
        stmt = stmt.where(sa.or_(sa.func.upper(Series.prefix) == wanted, sa.func.upper(Document.series_key) == wanted))
    if year is not None:
        stmt = stmt.where(Document.date >= dt.date(year, 1, 1), Document.date < dt.date(year + 1, 1, 1))
    if symbol:
        stmt = stmt.where(symbol_is(symbol))
    if symbol_search:
        readings = symbol_readings(symbol_search)
        # The paper itself and its versions: "mc/2216" finds MC/2216/Corr.1 too.
        stmt = stmt.where(sa.or_(sa.func.upper(Document.symbol).in_(readings), *(
            sa.func.upper(Document.symbol).like(_like_escaped(r) + "/%", escape="\\") for r in readings)))
    return stmt.order_by(Document.date.desc(), Document.series_key, Document.number.desc(), Document.id.desc())
