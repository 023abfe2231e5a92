"""The secretariat's list of PDF renditions not (yet) made: failed ones with their reason and a
button to try again, then those waiting for or held by a worker."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from govbody.core import access
from govbody.core.errors import ConflictError
from govbody.core.web import acting_user, add_nav_link, require
from govbody.extensions import db
from govbody.renditions import services
from govbody.renditions.models import Rendition, SubjectKind

bp = Blueprint("renditions", __name__, template_folder="templates")


def init_app(app) -> None:
    add_nav_link(app, "PDFs", "renditions.unfinished", when=access.can_issue_documents)


def _subjects(renditions: list[Rendition]) -> dict[tuple[SubjectKind, int], tuple[str, str]]:
    """Each rendition's subject as the list shows it: its symbol or designation and its page."""
    from govbody.documents.models import Document
    from govbody.resolutions.models import Resolution

    named = {}
    for kind, model, label, endpoint in ((SubjectKind.document, Document, "symbol", "documents.document_detail"),
                                         (SubjectKind.resolution, Resolution, "designation", "resolutions.detail")):
        ids = [r.subject_id for r in renditions if r.subject_kind is kind]
        for record in db.session.scalars(db.select(model).where(model.id.in_(ids))) if ids else ():
            key = "document_id" if kind is SubjectKind.document else "resolution_id"
            named[kind, record.id] = (getattr(record, label), url_for(endpoint, **{key: record.id}))
    return named


@bp.get("/documents/renditions")
def unfinished():
    require(access.can_issue_documents(acting_user()))
    renditions = services.unfinished(db.session)
    return render_template("renditions/unfinished.html", renditions=renditions, subjects=_subjects(renditions))


@bp.post("/documents/renditions/<int:rendition_id>/retry")
def retry(rendition_id: int):
    require(access.can_issue_documents(acting_user()))
    rendition = db.get_or_404(Rendition, rendition_id)
    try:
        services.retry(db.session, rendition, by=acting_user())
        db.session.commit()
        flash("The PDF will be made again.")
    except ConflictError as error:
        db.session.rollback()
        flash(error.message)
    return redirect(url_for("renditions.unfinished"))
