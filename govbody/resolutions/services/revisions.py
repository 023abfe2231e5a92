"""What every change of a draft goes through: the lock on its row, and the revision that keeps
its whole text after the change."""
from __future__ import annotations

from sqlalchemy.orm import Session

from govbody.core import numbering
from govbody.core.errors import ConflictError
from govbody.resolutions import loaders, render
from govbody.resolutions.schemas import check_whole
from govbody.resolutions.models import (
    REASON_MAX,
    Amendment,
    Resolution,
    ResolutionStatus,
    Revision,
)


def lock_draft(session: Session, resolution: Resolution) -> None:
    """Lock the resolution's row and re-read its status: two adoptions of one draft cannot both pass."""
    if resolution.id is not None:
        session.refresh(resolution, ["status", "number"], with_for_update=True)
    require_draft(resolution)


def require_draft(resolution: Resolution) -> None:
    if resolution.status is ResolutionStatus.adopted:
        raise ConflictError(f"{resolution.designation} is adopted: its text can no longer change.")
    if resolution.status is ResolutionStatus.withdrawn:
        raise ConflictError("The draft resolution was withdrawn: its text can no longer change.")


def _revision_key(resolution: Resolution) -> str:
    return f"resolution-revision:{resolution.id}"


def revise(session: Session, resolution: Resolution, reason: str, *, by=None,
           amendment: Amendment | None = None) -> Revision | None:
    """Record the current text as a new revision, unless it equals the latest one; a text past the
    limits of a whole resolution is refused (the caller's transaction is then rolled back)."""
    text = render.snapshot(resolution)
    check_whole(text)
    latest = resolution.revisions[-1] if resolution.revisions else None
    if latest is not None and latest.snapshot == text:
        return None
    highest = max((r.number for r in resolution.revisions), default=0)
    number = numbering.allocate(session, _revision_key(resolution), start=highest + 1)
    revision = Revision(resolution=resolution, number=number, reason=reason[:REASON_MAX], snapshot=text,
                        created_by_id=getattr(by, "id", None), amendment=amendment)
    session.add(revision)
    session.flush()
    return revision


def compared(resolution: Resolution, first: int | None = None, last: int | None = None) -> tuple[Revision, Revision]:
    """Two revisions to set side by side: by default the last two (the only one, when there is one)."""
    numbers = [revision.number for revision in resolution.revisions] or [1]
    first = first or (numbers[-2] if len(numbers) > 1 else numbers[-1])
    return loaders.revision(resolution, first, "from"), loaders.revision(resolution, last or numbers[-1], "to")
