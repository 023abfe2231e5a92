"""One search interface, two backends: SQLite FTS5 and PostgreSQL full-text search.

`search()` runs one query per kind asked for, each joined to its records so that the filters
(body, session, delegation, year) and the access rules of core.access apply in SQL; snippets
come from the database (FTS5 snippet() / ts_headline) with sentinels that are turned into
<mark> only after the text itself has been escaped.

Resolutions and documents are searched in every language version (search_fts_<kind>_version, one
row a translation or file, with its language): each record is one hit, in the language its words
matched in; where they matched in several, the language asked for (`lang`, Filters.language), else the language most
of the kind's hits are in (the language the query was typed in), names the version found. PostgreSQL
reads each version with its language's configuration (english, french, spanish) and without accents.

A query that names a record exactly (a resolution's number, designation or session numeral,
a document's symbol in any case) finds that record first, before the records that merely
cite it: its kind's group leads and the record heads it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from markupsafe import Markup, escape

from govbody.bodies.models import Body, Delegation
from govbody.core import text
from govbody.core.languages import OFFICIAL, code_of, name_of
from govbody.decisions.models import Decision
from govbody.documents.models import Document, Series
from govbody.documents.services import symbol_is
from govbody.interventions.models import Intervention
from govbody.meetings.models import BodySession, Meeting
from govbody.nonpapers.models import NonPaper
from govbody.resolutions.models import ORIGINAL_LANGUAGE, Resolution
from govbody.resolutions.services import named_by

KINDS = ("intervention", "resolution", "decision", "nonpaper", "document")
LABELS = {"intervention": "Interventions", "resolution": "Resolutions", "decision": "Decisions",
          "nonpaper": "Non-papers", "document": "Documents"}
NEWEST_FIRST = frozenset({"intervention", "document"})  # the others: best match first
PER_PAGE = 20
HEADLINE_CHARS = 4000
OPENING_CHARS = 240  # the snippet of a record named exactly, which need not contain the words
MAX_WORDS = 8
START, STOP = "\x02", "\x03"  # highlight sentinels: never in escaped output
_WORD = re.compile(r"\w+", re.UNICODE)
_SYMBOL_OR_WORD = re.compile(r"\w+(?:/\w+(?:\.\w+)?)*", re.UNICODE)  # "MC/2216/Corr.1", or a word
_HIGHLIGHT = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
_MARKUP = re.compile(r"[*_`#>]{1,3}(?=\w)|(?<=\w)[*_`]{1,3}")


@dataclass(frozen=True)
class Filters:
    body_id: int | None = None
    session_id: int | None = None
    delegation_id: int | None = None
    year: int | None = None
    language: str | None = None  # the version preferred where a record matched in several ("fr")


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    snippet: Markup
    url: str
    when: dt.date | None = None
    exact: bool = False  # named exactly by the query, not only matching its words
    language: str | None = None  # the language version whose words matched ("fr"); None: a kind without versions
    # A version other than the original: its language, and the title without the API's " (French version)",
    # which the search page says in its own language.
    version: str | None = None
    bare_title: str = ""

    @property
    def language_name(self) -> str:
        return name_of(self.language) if self.language else ""


@dataclass
class Group:
    kind: str
    hits: list[Hit] = field(default_factory=list)
    has_next: bool = False

    @property
    def exact(self) -> bool:
        return any(hit.exact for hit in self.hits)

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def words(query: str) -> list[str]:
    """The words searched for: letters and digits only, so no query syntax reaches the database."""
    return _WORD.findall(query or "")[:MAX_WORDS]


def highlight(raw: str | None) -> Markup:
    """Escape the snippet, then turn the database's sentinels into <mark> elements."""
    plain = _MARKUP.sub("", raw or "")
    parts, last = [], 0
    for match in _HIGHLIGHT.finditer(plain):
        parts.append(escape(plain[last:match.start()]))
        parts.append(Markup("<mark>") + escape(match.group(1)) + Markup("</mark>"))
        last = match.end()
    parts.append(escape(plain[last:]))
    return Markup("").join(parts).replace(START, "").replace(STOP, "")


# --- Backends ----------------------------------------------------------------------------------

class SqliteBackend:
    """FTS5: `search_fts_<kind>(title, content)` whose rowid is the record's id."""

    key = "rowid"

    def table(self, kind: str):
        return sa.table(f"search_fts_{kind}", sa.column("rowid", sa.Integer), sa.column("title"),
                        sa.column("content"))

    def prepare(self, query: str):
        return " ".join('"' + t.replace('"', "") + '"' for t in words(query))

    def match(self, fts, query):
        return sa.literal_column(fts.name).op("MATCH")(sa.bindparam("fts_query", query))

    def score(self, fts, query):
        return -sa.func.bm25(sa.literal_column(fts.name), 4.0, 1.0)  # bm25 is lower for better matches

    def snippet(self, fts, query):
        return sa.func.snippet(sa.literal_column(fts.name), -1, START, STOP, "…", 24)

    def snippet_needs_match(self) -> bool:
        return True  # snippet() works on rows of a full-text query

    def version_table(self, kind: str):
        return sa.table(f"search_fts_{kind}_version", sa.column("rowid", sa.Integer), sa.column("record_id", sa.Integer),
                        sa.column("language", sa.String), sa.column("title"), sa.column("content"))

    def version_match(self, fts, query):
        return self.match(fts, query)

    def version_score(self, fts, query):
        return -sa.func.bm25(sa.literal_column(fts.name), 0.0, 0.0, 4.0, 1.0)

    def version_snippet(self, fts, query):
        return self.snippet(fts, query)


class PostgresBackend:
    """`search_fts_<kind>(id, title, content, tsv)` with a GIN index on tsv."""

    key = "id"

    def table(self, kind: str):
        return sa.table(f"search_fts_{kind}", sa.column("id", sa.Integer), sa.column("title"),
                        sa.column("content"), sa.column("tsv"))

    def prepare(self, query: str):
        # A symbol stays whole: PostgreSQL's parser reads "MC/INF/287" as one token (FTS5 as three words).
        return " ".join(_SYMBOL_OR_WORD.findall(query or "")[:MAX_WORDS])

    def _tsquery(self, query):
        return sa.func.plainto_tsquery(sa.literal_column("'english'::regconfig"), sa.bindparam("fts_query", query))

    def match(self, fts, query):
        return fts.c.tsv.op("@@")(self._tsquery(query))

    def score(self, fts, query):
        return sa.func.ts_rank(fts.c.tsv, self._tsquery(query))

    def snippet(self, fts, query):
        options = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1"
        # ts_headline parses all it is given: the opening of a long text is enough for a snippet.
        opening = sa.func.left(fts.c.content, HEADLINE_CHARS)
        return sa.func.ts_headline(sa.literal_column("'english'::regconfig"),
                                   fts.c.title + sa.literal(" — ") + opening, self._tsquery(query), options)

    def snippet_needs_match(self) -> bool:
        return False

    def version_table(self, kind: str):
        return sa.table(f"search_fts_{kind}_version", sa.column("id", sa.Integer), sa.column("record_id", sa.Integer),
                        sa.column("language", sa.String), sa.column("title"), sa.column("content"), sa.column("tsv"))

    def _version_tsquery(self, language, query):
        """The query read as `language` reads its versions (a code, or a column), without accents."""
        return sa.func.plainto_tsquery(sa.func.search_fts_config(language),
                                       sa.func.search_fts_unaccent(sa.bindparam("fts_query", query)))

    def version_match(self, fts, query):
        # One condition a language, so that each can use the GIN index.
        return sa.or_(*(sa.and_(fts.c.language == code, fts.c.tsv.op("@@")(self._version_tsquery(code, query)))
                        for code in OFFICIAL))

    def version_score(self, fts, query):
        return sa.func.ts_rank(fts.c.tsv, self._version_tsquery(fts.c.language, query))

    def version_snippet(self, fts, query):
        options = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1"
        config = sa.func.search_fts_config(fts.c.language)
        # The words as typed mark the text's own accented words; without accents, those typed without.
        words_as_typed = sa.func.plainto_tsquery(config, sa.bindparam("fts_query", query)).op("||")(
            self._version_tsquery(fts.c.language, query))
        opening = sa.func.left(fts.c.content, HEADLINE_CHARS)
        return sa.func.ts_headline(config, fts.c.title + sa.literal(" — ") + opening, words_as_typed, options)


def backend_for(session) -> SqliteBackend | PostgresBackend:
    return PostgresBackend() if session.get_bind().dialect.name == "postgresql" else SqliteBackend()


# --- Per kind: the records, their filters and access, and how a hit reads ----------------------

def _year_range(column, year: int):
    return sa.and_(column >= dt.date(year, 1, 1), column < dt.date(year + 1, 1, 1))


def _filtered(stmt, filters: Filters, *, body, session, when, delegation=None):
    """The filters on one kind's query; None when the kind cannot match a delegation filter."""
    if filters.delegation_id:
        if delegation is None:
            return None
        stmt = stmt.where(delegation == filters.delegation_id)
    if filters.body_id:
        stmt = stmt.where(body(filters.body_id))
    if filters.session_id:
        stmt = stmt.where(session == filters.session_id)
    if filters.year:
        stmt = stmt.where(_year_range(when, filters.year))
    return stmt


def _intervention_query(fts, key, user, filters: Filters):
    stmt = (sa.select(Intervention.id, Intervention.meeting_id, Intervention.speaker_name, Delegation.name,
                      Meeting.number, Meeting.kind, Meeting.title, Meeting.date, Body.code)
            .select_from(fts).join(Intervention, Intervention.id == key)
            .join(Meeting, Meeting.id == Intervention.meeting_id).join(Body, Body.id == Meeting.body_id)
            .outerjoin(Delegation, Delegation.id == Intervention.delegation_id)
            .where(Intervention.visible_to(user)))
    return _filtered(stmt, filters, body=lambda b: Meeting.body_id == b, session=Meeting.session_id,
                     when=Meeting.date, delegation=Intervention.delegation_id)


def _intervention_hit(row, snippet, url_for) -> Hit:
    speaker = row.name or row.speaker_name or "Speaker"
    meeting = f"{text.ordinal_number(row.number)} meeting" if row.number is not None else row.title
    title = f"{speaker}, {row.code} {meeting} ({text.long_date(row.date)})"
    return Hit("intervention", row.id, title, snippet, url_for("interventions.summary", meeting_id=row.meeting_id),
               row.date)


def _resolution_query(fts, key, user, filters: Filters):
    stmt = (sa.select(Resolution.id, Resolution.title, Resolution.number, Resolution.session_numeral,
                      Resolution.adopted_on, BodySession.starts_on)
            .select_from(fts).join(Resolution, Resolution.id == key)
            .join(BodySession, BodySession.id == Resolution.session_id)
            .where(Resolution.visible_to(user)))
    return _filtered(stmt, filters, body=lambda b: Resolution.body_id == b, session=Resolution.session_id,
                     when=sa.func.coalesce(Resolution.adopted_on, BodySession.starts_on))


def _resolution_hit(row, snippet, url_for) -> Hit:
    if row.number is not None:
        title = f"{text.designation(row.number, row.session_numeral)}: {row.title}"
    else:
        title = f"Draft resolution: {row.title}"
    return Hit("resolution", row.id, title, snippet, url_for("resolutions.detail", resolution_id=row.id),
               row.adopted_on or row.starts_on)


def _decision_query(fts, key, user, filters: Filters):
    """Decisions are recorded once adopted: everyone may see them."""
    stmt = (sa.select(Decision.id, Decision.title, Decision.number, Decision.session_numeral, Decision.adopted_on)
            .select_from(fts).join(Decision, Decision.id == key))
    return _filtered(stmt, filters, body=lambda b: Decision.body_id == b, session=Decision.session_id,
                     when=Decision.adopted_on)


def _decision_hit(row, snippet, url_for) -> Hit:
    title = f"{text.decision_designation(row.number, row.session_numeral)}: {row.title}"
    return Hit("decision", row.id, title, snippet, url_for("decisions.detail", decision_id=row.id), row.adopted_on)


def _nonpaper_query(fts, key, user, filters: Filters):
    stmt = (sa.select(NonPaper.id, NonPaper.title, NonPaper.version, NonPaper.status, NonPaper.circulated_at)
            .select_from(fts).join(NonPaper, NonPaper.id == key)
            .where(NonPaper.visible_to(user)))
    return _filtered(stmt, filters, body=lambda b: NonPaper.body_id == b, session=NonPaper.session_id,
                     when=sa.func.coalesce(NonPaper.circulated_at, NonPaper.created_at))


def _nonpaper_hit(row, snippet, url_for) -> Hit:
    title = row.title + (f" (version {row.version})" if row.version > 1 else "")
    if row.status.value != "circulated":
        title += " (draft)"
    when = row.circulated_at.date() if row.circulated_at else None
    return Hit("nonpaper", row.id, title, snippet, url_for("nonpapers.detail", paper_id=row.id), when)


def _document_query(fts, key, user, filters: Filters):
    stmt = (sa.select(Document.id, Document.symbol, Document.title, Document.date, Document.original_language)
            .select_from(fts).join(Document, Document.id == key)
            .where(Document.visible_to(user)))
    return _filtered(stmt, filters, body=lambda b: Document.series_id.in_(sa.select(Series.id).where(Series.body_id == b)),
                     session=Document.session_id, when=Document.date)


def _document_hit(row, snippet, url_for) -> Hit:
    title = f"{row.symbol}: {row.title}" if row.symbol else f"{row.title} (draft)"
    return Hit("document", row.id, title, snippet, url_for("documents.document_detail", document_id=row.id), row.date)


QUERIES = {"intervention": _intervention_query, "resolution": _resolution_query, "decision": _decision_query,
           "nonpaper": _nonpaper_query, "document": _document_query}
HITS = {"intervention": _intervention_hit, "resolution": _resolution_hit, "decision": _decision_hit,
        "nonpaper": _nonpaper_hit, "document": _document_hit}


def _document_named_by(query: str):
    return symbol_is(query) if "/" in query else None  # a symbol has a series prefix and a number


def language_code(column):
    """languages.code_of in SQL: a paper's original language in words ("French") as its code ("fr")."""
    from govbody.core.languages import _CODES, UNDETERMINED

    return sa.case(_CODES, value=sa.func.lower(sa.func.trim(column)), else_=UNDETERMINED)


# The language of each versioned kind's own row of the index (its original), in SQL and for a row read.
VERSIONED = {"resolution": (lambda: sa.literal(ORIGINAL_LANGUAGE), lambda row: ORIGINAL_LANGUAGE),
             "document": (lambda: language_code(Document.original_language),
                          lambda row: code_of(row.original_language))}
# Where a version is read, in its language.
DETAIL = {"resolution": ("resolutions.side_by_side", "resolution_id"),
          "document": ("documents.side_by_side", "document_id")}


# What a query names exactly, as a condition on the kind's records (None: it names none).
NAMED = {"resolution": named_by, "document": _document_named_by}


def search_kind(session, kind: str, query: str, *, user, filters: Filters = Filters(), page: int = 1,
                per_page: int = PER_PAGE, url_for=None) -> Group:
    """One page of one kind's hits: interventions and documents newest first (there are hundreds
    of thousands), resolutions and non-papers best match first."""
    from flask import url_for as flask_url_for

    url_for = url_for or flask_url_for
    group = Group(kind)
    if not words(query):
        return group
    backend = backend_for(session)
    fts = backend.table(kind)
    key = fts.c[backend.key]
    prepared = backend.prepare(query)
    stmt = QUERIES[kind](fts, key, user, filters)
    if stmt is None:
        return group
    named = _named(session, kind, query.strip(), stmt, fts, key, per_page)
    if named:  # on the first page, before the hits; on none of the pages again
        stmt = stmt.where(key.not_in([row.id for row in named]))
        if page == 1:
            group.hits = [replace(HITS[kind](row, highlight(_opening(row.opening)), url_for), exact=True,
                                  language=VERSIONED[kind][1](row) if kind in VERSIONED else None)
                          for row in named]
    if kind in VERSIONED:
        excluded = [row.id for row in named]
        group.hits += _versioned_hits(session, backend, kind, prepared, user=user, filters=filters, page=page,
                                      per_page=per_page, url_for=url_for, excluded=excluded, group=group)
        return group
    stmt = stmt.where(backend.match(fts, prepared))
    # The large kinds newest first: the index is then read backwards and stops at the page,
    # where ranking would score every match of a common word.
    score = key if kind in NEWEST_FIRST else backend.score(fts, prepared)
    order = (key.desc(),) if kind in NEWEST_FIRST else (score.desc(), key.desc())
    stmt = stmt.order_by(*order).limit(per_page + 1).offset((page - 1) * per_page)
    # Snippets only for the rows of the page, in an outer query.
    inner = stmt.add_columns(key.label("fts_key"), score.label("fts_score")).subquery()
    again = backend.table(kind)  # unaliased: FTS5 names its hidden column after the table
    stmt = (sa.select(inner, backend.snippet(again, prepared).label("snippet"))
            .join(again, again.c[backend.key] == inner.c.fts_key)
            .order_by(inner.c.fts_score.desc(), inner.c.fts_key.desc()))
    if backend.snippet_needs_match():
        stmt = stmt.where(backend.match(again, prepared))
    rows = list(session.execute(stmt))
    group.has_next = len(rows) > per_page
    group.hits += [HITS[kind](row, highlight(row.snippet), url_for) for row in rows[:per_page]]
    return group


def _versioned_hits(session, backend, kind: str, prepared: str, *, user, filters: Filters, page: int,
                    per_page: int, url_for, excluded: list[int], group: Group) -> list[Hit]:
    """One page of a versioned kind's hits, one a record, each in the language version that matched:
    the original's row and each version's row of the index in one query, the record's rows ranked
    by the language asked for, then by how many of the kind's hits are in that language (the
    query's language), then by score; snippets for the page's rows only, from the row that won."""
    own, ver = backend.table(kind), backend.version_table(kind)
    own_key, ver_key = own.c[backend.key], ver.c[backend.key]
    original = VERSIONED[kind][0]()
    mine = (QUERIES[kind](own, own_key, user, filters)
            .add_columns(own_key.label("fts_key"), sa.literal(0).label("version_id"), original.label("language"),
                         sa.literal("").label("version_title"), backend.score(own, prepared).label("fts_score"))
            .where(backend.match(own, prepared)))
    theirs = (QUERIES[kind](ver, ver.c.record_id, user, filters)
              .add_columns(ver.c.record_id.label("fts_key"), ver_key.label("version_id"), ver.c.language.label("language"),
                           ver.c.title.label("version_title"), backend.version_score(ver, prepared).label("fts_score"))
              .where(backend.version_match(ver, prepared)))
    if excluded:
        mine, theirs = mine.where(own_key.not_in(excluded)), theirs.where(ver.c.record_id.not_in(excluded))
    every = sa.union_all(mine, theirs).subquery()
    counted = sa.select(every, sa.func.count().over(partition_by=every.c.language).label("in_language")).subquery()
    asked = sa.case((counted.c.language == (filters.language or ""), 0), else_=1)
    ranked = sa.select(counted, sa.func.row_number().over(
        partition_by=counted.c.fts_key,
        order_by=(asked, counted.c.in_language.desc(), counted.c.fts_score.desc(), counted.c.version_id)).label("nth")
    ).subquery()
    order = ((ranked.c.fts_key.desc(),) if kind in NEWEST_FIRST
             else (ranked.c.fts_score.desc(), ranked.c.fts_key.desc()))
    rows = list(session.execute(sa.select(ranked).where(ranked.c.nth == 1).order_by(*order)
                                .limit(per_page + 1).offset((page - 1) * per_page), {"fts_query": prepared}))
    group.has_next = len(rows) > per_page
    rows = rows[:per_page]
    snippets = _snippets(session, backend, own, [r.fts_key for r in rows if not r.version_id], prepared, False)
    in_versions = _snippets(session, backend, ver, [r.version_id for r in rows if r.version_id], prepared, True)
    endpoint, name = DETAIL[kind]
    hits = []
    for row in rows:
        if row.version_id:
            snippet = in_versions.get(row.version_id)
            shown = dict(row._mapping) | ({"title": row.version_title} if row.version_title else {})
            hit = HITS[kind](_Row(shown), highlight(snippet), url_for)
            if row.language == VERSIONED[kind][1](row):  # a file sent in the original's language
                hits.append(replace(HITS[kind](row, highlight(snippet), url_for), language=row.language))
                continue
            hit = replace(hit, title=f"{hit.title} ({name_of(row.language)} version)", language=row.language,
                          version=row.language, bare_title=hit.title,
                          url=url_for(endpoint, **{name: row.fts_key}, right=row.language))
        else:
            hit = replace(HITS[kind](row, highlight(snippets.get(row.fts_key)), url_for),
                          language=VERSIONED[kind][1](row))
        hits.append(hit)
    return hits


class _Row(dict):
    """A row of the page whose title is its version's: read by attribute, as a result row is."""
    __getattr__ = dict.__getitem__


def _snippets(session, backend, fts, keys: list[int], prepared: str, version: bool) -> dict[int, str]:
    if not keys:
        return {}
    key = fts.c[backend.key]
    snippet = backend.version_snippet(fts, prepared) if version else backend.snippet(fts, prepared)
    stmt = sa.select(key, snippet).where(key.in_(keys))
    if backend.snippet_needs_match():
        stmt = stmt.where((backend.version_match if version else backend.match)(fts, prepared))
    return dict(session.execute(stmt, {"fts_query": prepared}).all())


def _named(session, kind: str, query: str, stmt, fts, key, limit: int) -> list:
    """The records of `stmt` (the kind's records the reader may see, filtered) that the query
    names exactly, newest first, with the opening of their text."""
    condition = NAMED[kind](query) if kind in NAMED else None
    if condition is None:
        return []
    opening = sa.func.substr(fts.c.content, 1, OPENING_CHARS).label("opening")
    return list(session.execute(stmt.add_columns(opening).where(condition).order_by(key.desc()).limit(limit)))


def _opening(content: str | None) -> str:
    """The opening of a text as a snippet, cut at a word."""
    content = " ".join((content or "").split())
    if len(content) < OPENING_CHARS - 1:
        return content
    return content[:content.rfind(" ")].rstrip(" ,;:") + " …"


def search(session, query: str, *, user, kinds: tuple[str, ...] = KINDS, filters: Filters = Filters(),
           page: int = 1, per_page: int = PER_PAGE, url_for=None) -> list[Group]:
    """Hits grouped by kind, in the order of KINDS, except that a kind holding a record the
    query names exactly comes first; `page` pages each kind; `filters.language` prefers that
    language version of a record found in several."""
    groups = [search_kind(session, kind, query, user=user, filters=filters, page=page, per_page=per_page,
                          url_for=url_for) for kind in KINDS if kind in kinds]
    return sorted(groups, key=lambda group: not group.exact)


def read_filters(session, args) -> tuple[Filters, tuple[str, ...]]:
    """Filters and kinds from query parameters (the page's and the API's alike).

    body: code ("C") or id; session, delegation: id (a delegation also by name); year; kind.
    Raises ValidationError naming each parameter that is not understood.
    """
    from govbody.core.errors import ValidationError
    from govbody.core.schemas import whole_number

    problems: dict[str, str] = {}
    values: dict[str, int | None] = {}

    def number(name: str, low: int, high: int) -> int | None:
        raw = (args.get(name) or "").strip()
        if not raw:
            return None
        if (value := whole_number(raw, low, high)) is None:  # "²" is a digit to str.isdigit, not to int()
            problems[name] = f"Give a whole number from {low} to {high}."
        return value

    def record(name: str, id_column, name_column, why: str) -> int | None:
        raw = (args.get(name) or "").strip()[:200]
        if not raw:
            return None
        ident = whole_number(raw)
        found = session.scalar(sa.select(id_column).where(id_column == ident if ident else name_column == raw))
        if found is None:
            problems[name] = why
        return found

    values["body_id"] = record("body", Body.id, Body.code, "No body has this code.")
    values["session_id"] = number("session", 1, 2**31 - 1)
    values["delegation_id"] = record("delegation", Delegation.id, Delegation.name,
                                     "No delegation has this name or id.")
    values["year"] = number("year", 1900, 2999)
    kind = (args.get("kind") or "").strip()
    if kind and kind not in KINDS:
        problems["kind"] = "One of " + ", ".join(KINDS) + "."
    lang = (args.get("lang") or "").strip()
    if lang and lang not in OFFICIAL:
        problems["lang"] = "One of " + ", ".join(OFFICIAL) + "."
    if problems:
        raise ValidationError("Some search parameters are invalid.", problems)
    return Filters(**values, language=lang or None), ((kind,) if kind else KINDS)
