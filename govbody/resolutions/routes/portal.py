"""Reading resolutions: the public portal, the officers' list of drafts, a resolution's page
(by id or by the address to cite) and its files."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from govbody.bodies.models import Body
from govbody.core import access, languages
from govbody.core.pagecache import public_page
from govbody.core.paging import page_of
from govbody.core.web import acting_user, panels, require
from govbody.documents import formats
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.resolutions import downloads, loaders, render, services
from govbody.resolutions.forms import WITHDRAW_ASK, EmptyForm
from govbody.resolutions.models import Resolution, ResolutionStatus, Revision
from govbody.resolutions.routes import bp, number_arg
from govbody.resolutions.services import translations
from govbody.resolutions.schemas import QUERY_MAX, YEAR_MAX, YEAR_MIN, ResolutionOut

PER_PAGE = 20


def session_panel(body_session: BodySession) -> Markup:
    user = acting_user()
    stmt = services.with_heading(services.search(reader=user, session_id=body_session.id))
    resolutions = list(db.session.scalars(stmt.limit(100)))
    return Markup(render_template("resolutions/_session_panel.html", s=body_session, resolutions=resolutions,
                                  can_draft=access.can_draft(user, body_session.body_id)))


@bp.get("/resolutions")
@public_page
def portal():
    body_code = request.args.get("body", "").strip() or None
    session_id, year = number_arg("session"), number_arg("year", YEAR_MIN, YEAR_MAX)
    q = request.args.get("q", "").strip()[:QUERY_MAX]
    page = number_arg("page", 1, 100_000) or 1
    stmt = services.with_heading(services.search(reader=None, body_code=body_code, session_id=session_id,
                                                 year=year, q=q))
    rows, has_next = page_of(db.session, stmt, page=page, per_page=PER_PAGE)
    annexes = services.annex_counts(db.session, [r.id for r in rows])
    bodies = list(db.session.scalars(sa.select(Body).where(
        Body.id.in_(sa.select(Resolution.body_id).where(Resolution.status == ResolutionStatus.adopted))
    ).order_by(Body.name)))
    sessions = []
    if body_code:
        sessions = list(db.session.scalars(sa.select(BodySession).join(BodySession.body).where(
            sa.func.lower(Body.code) == body_code.lower()).order_by(BodySession.number.desc())))
    years = sorted({d.year for d in db.session.scalars(sa.select(Resolution.adopted_on).where(
        Resolution.status == ResolutionStatus.adopted).distinct()) if d}, reverse=True)
    lang = request.args.get("lang") if request.args.get("lang") in languages.OFFICIAL else None
    filters = {k: v for k, v in {"body": body_code, "session": session_id, "year": year, "q": q or None,
                                 "lang": lang}.items() if v is not None}
    return render_template("resolutions/portal.html", resolutions=rows, has_next=has_next,
                           annexes=annexes, files=formats.for_resolutions(db.session, rows),
                           titles=translations.titles_in(db.session, [r.id for r in rows], lang), lang=lang,
                           languages=languages.OFFICIAL,
                           page=page, bodies=bodies, sessions=sessions, years=years, filters=filters,
                           drafts_link=bool(access.resolution_draft_bodies(acting_user())))


@bp.get("/resolutions/drafts")
def drafts():
    user = acting_user()
    require(bool(access.resolution_draft_bodies(user)))
    stmt = services.with_heading(services.search(reader=user, status=ResolutionStatus.draft))
    withdrawn = services.with_heading(services.search(reader=user, status=ResolutionStatus.withdrawn))
    stmt = stmt.options(selectinload(Resolution.amendments),
                        selectinload(Resolution.revisions).load_only(Revision.number, Revision.resolution_id))
    return render_template("resolutions/drafts.html", drafts=list(db.session.scalars(stmt.limit(200))),
                           withdrawn=list(db.session.scalars(withdrawn.limit(50))))


def symbol_links(text: dict) -> dict[str, str]:
    """Links to the documents of the register that a text cites and the reader may see."""
    from govbody.documents.models import Document

    symbols = render.cited_symbols(text)
    if not symbols:
        return {}
    rows = db.session.execute(sa.select(Document.symbol, Document.id).where(
        Document.symbol.in_(sorted(symbols)), Document.visible_to(acting_user())))
    return {symbol: url_for("documents.document_detail", document_id=doc_id) for symbol, doc_id in rows}


def carrying_documents(resolution: Resolution) -> list:
    """Issued documents of the register that carry the resolution (and the reader may see)."""
    from govbody.documents.models import Document

    return list(db.session.scalars(sa.select(Document).where(
        Document.resolution_id == resolution.id, Document.symbol.is_not(None),
        Document.visible_to(acting_user())).order_by(Document.date, Document.id).limit(20)))


def _detail(resolution: Resolution):
    text = render.snapshot(resolution)
    can_draft = access.can_draft(acting_user(), resolution.body_id)
    # The withdraw form only for those who may use it: its CSRF token would make the page the
    # reader's own (not kept for the public, and a session cookie for every visitor).
    withdraw = EmptyForm() if can_draft and resolution.status is ResolutionStatus.draft else None
    # Once translated, its language versions as every list says them (documents.formats), with their titles;
    # until then the downloads above are all there is.
    titles = {t.language: t.title for t in resolution.translations} if resolution.is_adopted else {}
    versions = formats.by_language(formats.for_resolutions(db.session, [resolution]).get(resolution.id, [])) \
        if titles else []
    return render_template("resolutions/detail.html", r=resolution, text=text, layout=render.layout(resolution),
                           links=symbol_links(text), documents=carrying_documents(resolution),
                           superseded_by=services.superseded_by(db.session, resolution),
                           can_draft=can_draft, form=withdraw, withdraw_ask=WITHDRAW_ASK, versions=versions,
                           titles=titles, resolution_panels=panels("resolution", resolution),
                           can_translate=access.can_translate(acting_user())
                           and bool(translations.open_languages(resolution)))


@bp.get("/resolutions/<int:resolution_id>")
@public_page
def detail(resolution_id: int):
    return _detail(loaders.resolution(resolution_id, acting_user()))


@bp.get("/resolutions/<code>/<int:number>")
@public_page
def cited(code: str, number: int):
    """The address to cite: body code and number ("/resolutions/C/1150"); under a code the body
    went by before, a permanent redirect to its present one."""
    resolution = loaders.cited(code, number)
    if code.lower() != resolution.body.code.lower():
        return redirect(url_for("resolutions.cited", code=resolution.body.code, number=number), 301)
    return _detail(resolution)


def _language() -> str | None:
    """?lang= of a download: a language version (an unknown one is none, a 404)."""
    lang = request.args.get("lang")
    if lang is not None and lang not in languages.OFFICIAL:
        abort(404)
    return lang


@bp.get("/resolutions/<int:resolution_id>.docx")
def docx_file(resolution_id: int):
    language = _language() or downloads.preferred_language(db.session, resolution_id, acting_user())
    return downloads.send_resolution_docx(resolution_id, acting_user(), language)


@bp.get("/resolutions/<int:resolution_id>.pdf")
def pdf_file(resolution_id: int):
    language = _language() or downloads.preferred_language(db.session, resolution_id, acting_user())
    return downloads.send_resolution_pdf(resolution_id, acting_user(), page=True, language=language)


@bp.get("/resolutions/<int:resolution_id>.xml")
def akn_file(resolution_id: int):
    return downloads.send_akn(loaders.resolution(resolution_id, acting_user()), _language())


@bp.get("/resolutions/<int:resolution_id>.json")
def json_file(resolution_id: int):
    return jsonify(ResolutionOut.of(loaders.resolution(resolution_id, acting_user())))
