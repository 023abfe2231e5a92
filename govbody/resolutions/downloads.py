"""The files of a resolution, served the same way to the pages and the API.

An adopted resolution's DOCX is the bytes stored at adoption, sent as a frozen file
(``core.downloads.send_frozen``: the SHA-256 as ETag, from disk after the first download);
a draft's is rendered for each request. The Akoma Ntoso XML is kept and sent the same way
(a draft's, and one adopted before the XML was kept, is built from the record). A translation's
DOCX and XML (``?lang=fr``) were frozen when it was added, and are sent the same way.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Response
from sqlalchemy.orm import Session

from govbody.core.db import first_row_raw
from govbody.core.pagecache import StampedMemo
from govbody.core.downloads import DOCX, safe_filename, send_bytes, send_frozen
from govbody.core.errors import NotFoundError
from govbody.extensions import db
from govbody.renditions.downloads import send_pdf
from govbody.renditions.models import SubjectKind
from govbody.resolutions import akn, loaders, render
from govbody.resolutions.models import ORIGINAL_LANGUAGE, Resolution, ResolutionStatus, Translation

AKN = "application/akn+xml"


def _name(body_code: str, number: int | None, session_numeral: str | None, resolution_id: int, ext: str,
          language: str | None = None) -> str:
    suffix = f"-{language}" if language and language != ORIGINAL_LANGUAGE else ""
    if number is not None:
        return safe_filename(f"resolution-{body_code}-{number}-{session_numeral}{suffix}", ext)
    return safe_filename(f"draft-resolution-{resolution_id}{suffix}", ext)


def filename(resolution: Resolution, ext: str, language: str | None = None) -> str:
    """"resolution-C-1150-XCIII.docx"; another language's "resolution-C-1150-XCIII-fr.docx"."""
    return _name(resolution.adopted_code, resolution.number, resolution.session_numeral, resolution.id, ext, language)


def translation(resolution: Resolution, language: str | None) -> Translation | None:
    """The version asked for by `?lang=`: None for English (the original); 404 for one not added."""
    if language in (None, ORIGINAL_LANGUAGE):
        return None
    found = render.translation_of(resolution, language) if resolution.is_adopted else None
    if found is None:
        raise NotFoundError(f"{resolution.designation or 'The draft resolution'} has no {language} version.")
    return found


def _stored_version(column, translation_id: int) -> bytes:
    return db.session.scalar(sa.select(column).where(Translation.id == translation_id))


def send_translation_docx(resolution: Resolution, version: Translation) -> Response:
    return send_frozen(version.sha256, lambda: _stored_version(Translation.docx, version.id), mimetype=DOCX,
                       filename=filename(resolution, "docx", version.language))


def _stored(column, resolution_id: int) -> bytes:
    """Bytes kept at adoption (a deferred column), read only when they are sent."""
    return db.session.scalar(sa.select(column).where(Resolution.id == resolution_id))


def send_docx(resolution: Resolution) -> Response:
    if resolution.is_adopted and resolution.sha256:
        return send_frozen(resolution.sha256, lambda: _stored(Resolution.docx, resolution.id), mimetype=DOCX,
                           filename=filename(resolution, "docx"))
    return send_bytes(lambda: render.render_docx(resolution), mimetype=DOCX, filename=filename(resolution, "docx"))


@dataclass(frozen=True)
class _Adopted:
    """What the download of an adopted resolution needs, read in one narrow query."""
    id: int
    body_id: int
    cited_code: str
    number: int
    session_numeral: str
    sha256: str


# The crowd's path on the day of adoption, read on the DBAPI cursor (core.db.first_row_raw).
_ADOPTED = sa.text(
    "SELECT r.id, r.body_id, r.cited_code, r.number, r.session_numeral, r.sha256 FROM resolutions r "
    f"WHERE r.id = :resolution_id AND r.status = '{ResolutionStatus.adopted.value}' AND r.sha256 IS NOT NULL")


_adopted_rows = StampedMemo()  # an adopted resolution's row never changes: read once per worker


def send_adopted_docx(resolution_id: int) -> Response | None:
    """The download of an adopted resolution without loading the record, the path a crowd
    takes on the day of adoption; None when `resolution_id` is not an adopted resolution with
    stored bytes (the caller then loads the record and applies the rules for drafts)."""
    row = _adopted_rows.get(resolution_id, lambda: first_row_raw(db.engine, _ADOPTED, resolution_id=resolution_id))
    if row is None:
        return None
    adopted = _Adopted(*row)  # adopted: everyone may see it (Resolution.visible_to)
    return send_frozen(adopted.sha256, lambda: _stored(Resolution.docx, adopted.id), mimetype=DOCX,
                       filename=_name(adopted.cited_code, adopted.number, adopted.session_numeral, adopted.id, "docx"))


def preferred_language(session: Session, resolution_id: int, user) -> str | None:
    """The version a delegate is given when a download names none: its delegation's language
    (bodies.services.papers_language) when the resolution has that translation; None: English."""
    from govbody.bodies.services import papers_language

    language = papers_language(session, user)
    if language in (None, ORIGINAL_LANGUAGE):
        return None
    return session.scalar(sa.select(Translation.language).where(
        Translation.resolution_id == resolution_id, Translation.language == language))


def send_resolution_docx(resolution_id: int, user, language: str | None = None) -> Response:
    """The DOCX for pages and API alike: an adopted resolution's straight from its row, else the
    loaded record's (404 for a draft the reader may not see); `language`, a translation's."""
    if language not in (None, ORIGINAL_LANGUAGE):
        resolution = loaders.resolution(resolution_id, user)
        return send_translation_docx(resolution, translation(resolution, language))
    return send_adopted_docx(resolution_id) or send_docx(loaders.resolution(resolution_id, user))


def send_resolution_pdf(resolution_id: int, user, *, page: bool = False, language: str | None = None) -> Response:
    """The PDF of an adopted resolution for pages and API alike (202 while a worker makes it); a draft
    has none: 404, whether or not the reader may see the draft (its DOCX is built per request)."""
    resolution = loaders.resolution(resolution_id, user)
    if not (resolution.is_adopted and resolution.sha256):
        raise NotFoundError(f"Resolution {resolution_id} is not adopted: it has no PDF.")
    version = translation(resolution, language)
    language = ORIGINAL_LANGUAGE if version is None else version.language
    return send_pdf(SubjectKind.resolution, resolution.id, language, filename=filename(resolution, "pdf", language),
                    public=True, page=page)


def docx_of(session: Session, resolution_id: int, language: str) -> bytes | None:
    """The DOCX of an adopted resolution's language version, which its PDF rendition is made from
    (renditions.services.source_docx): the original's kept at adoption, a translation's frozen when
    it was added; None for a draft or a version it does not have."""
    if language != ORIGINAL_LANGUAGE:
        return session.scalar(sa.select(Translation.docx).join(Resolution).where(
            Translation.resolution_id == resolution_id, Translation.language == language,
            Resolution.status == ResolutionStatus.adopted))
    return session.scalar(sa.select(Resolution.docx).where(
        Resolution.id == resolution_id, Resolution.status == ResolutionStatus.adopted))


def versions_with_docx(session: Session) -> list[tuple[int, str]]:
    """(resolution id, language) of every adopted resolution's version that has a DOCX, so a PDF: its
    original and its translations."""
    adopted = Resolution.status == ResolutionStatus.adopted
    originals = [(rid, ORIGINAL_LANGUAGE) for rid in session.scalars(sa.select(Resolution.id).where(
        adopted, Resolution.docx.is_not(None)))]
    translated = session.execute(sa.select(Translation.resolution_id, Translation.language).join(Resolution)
                                 .where(adopted)).all()
    return sorted(originals + [tuple(row) for row in translated])


def send_akn(resolution: Resolution, language: str | None = None) -> Response:
    if (version := translation(resolution, language)) is not None:  # an expression of the same work
        return send_frozen(version.akn_sha256, lambda: _stored_version(Translation.akn, version.id), mimetype=AKN,
                           filename=filename(resolution, "xml", version.language), inline=True)
    if resolution.is_adopted and resolution.akn_sha256:  # kept at adoption, frozen like the DOCX
        return send_frozen(resolution.akn_sha256, lambda: _stored(Resolution.akn, resolution.id), mimetype=AKN,
                           filename=filename(resolution, "xml"), inline=True)
    # A draft, or a resolution adopted before its XML was kept: built from the record.
    data = akn.build_akn(resolution)
    etag = hashlib.sha256(data).hexdigest() if resolution.is_adopted else None
    return send_bytes(lambda: data, mimetype=AKN, filename=filename(resolution, "xml"), etag=etag, inline=True)
