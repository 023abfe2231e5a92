"""An adopted resolution in another official language: added once, never changed (409 for a second
one in the same language), with the same number of preambular and operative paragraphs, sub-points
and annexes as the original (422 otherwise), so that every version numbers its paragraphs alike.
Its DOCX and Akoma Ntoso expression are built here, once, and frozen; its PDF is asked of a worker.

The body is named with its article in the translation's language ("le Conseil"), and the operative
formula in its words ("Décide"): given, or from the body's kind and the original's formula."""
from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa

from sqlalchemy.orm import Session

from govbody.core import audit, clock, languages
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.printable import TextRuleError, check
from govbody.docx.words import BODY_NAMES, FORMULAS
from govbody.renditions.models import SubjectKind
from govbody.renditions.services import request_rendition
from govbody.resolutions import akn, render
from govbody.core.limits import NAME_MAX
from govbody.resolutions.models import ORIGINAL_LANGUAGE, Resolution, Translation
from govbody.resolutions.schemas import clean_text

TRANSLATED = tuple(code for code in languages.OFFICIAL if code != ORIGINAL_LANGUAGE)


def refusal(resolution: Resolution, language: str) -> str | None:
    """Why `resolution` cannot take a version in `language` now (None: it can): 409's reason."""
    name = languages.name_of(language)
    if language == ORIGINAL_LANGUAGE:
        return f"{name} is the resolution's original language: it is not a translation."
    if not resolution.is_adopted:
        return "A resolution is translated once adopted: until then its text may still change."
    if render.translation_of(resolution, language) is not None:
        return f"{resolution.designation} already has its {name} version: a translation is added once, never changed."
    return None


def open_languages(resolution: Resolution) -> list[str]:
    return [code for code in TRANSLATED if refusal(resolution, code) is None]


def _shape(points: list) -> list:
    """The sub-points' tree without their words: what must be alike in every version."""
    return [_shape(render.point_children(p)) for p in points]


def _check_alike(resolution: Resolution, text: dict[str, Any], errors: dict[str, str]) -> None:
    original = render.snapshot(resolution)
    for part, what in (("preamble", "preambular paragraphs"), ("operative", "operative paragraphs"),
                       ("annexes", "annexes")):
        have, want = len(text[part]), len(original[part])
        if have != want:
            errors[part] = (f"The original has {want} {what} and this version {have}: each version has the same "
                            "paragraphs, so that they are numbered alike.")
    if "operative" in errors:
        return
    for i, (mine, theirs) in enumerate(zip(text["operative"], original["operative"])):
        if _shape(mine["points"]) != _shape(theirs["points"]):
            errors[f"operative.{i}.points"] = (f"Operative paragraph {i + 1} has other sub-points than the original's: "
                                               "the same (a), (b), (i) in every version.")


def _line(value: str | None, field: str, limit: int, errors: dict[str, str]) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        errors[field] = "Leave it out or write it."
    elif len(value) > limit:
        errors[field] = f"At most {limit} characters."
    else:
        try:
            return check(value, multiline=False)
        except TextRuleError as error:
            errors[field] = str(error)
    return value


def translate_resolution(session: Session, resolution: Resolution, language: str, *, title: str, preamble: list,
                         operative: list, annexes: list | None = None, body_name: str | None = None,
                         operative_formula: str | None = None, by=None) -> Translation:
    """`resolution` in `language`, frozen. Refused, nothing changes: 409 (a draft, English, a version
    that exists), 422 (the text, or paragraphs, sub-points or annexes other than the original's)."""
    if language not in languages.OFFICIAL:
        raise ValidationError("The language is not one of the official languages.",
                              {"language": "One of " + ", ".join(TRANSLATED) + "."})
    session.refresh(resolution, ["status"], with_for_update=True)  # one version a language, even sent twice at once
    if (why := refusal(resolution, language)) is not None:
        raise ConflictError(why)
    errors: dict[str, str] = {}
    body_name = _line(body_name, "body_name", NAME_MAX, errors) or BODY_NAMES[resolution.body.kind.value][language]
    formula = operative_formula if operative_formula is not None else FORMULAS.get(
        resolution.operative_formula, {}).get(language)
    if formula is None:
        errors["operative_formula"] = (f"Give the operative formula in {languages.name_of(language)}: the original's "
                                       f"\"{resolution.operative_formula}\" has no usual translation here.")
    try:
        text = clean_text(title=title, preamble=preamble, operative=operative, annexes=annexes or [],
                          operative_formula=formula or "-")
    except ValidationError as error:
        errors.update(error.fields or {})
        text = None
    if text is not None:
        _check_alike(resolution, text, errors)
    if errors:
        raise ValidationError(f"The {languages.name_of(language)} version was not added.", errors)
    translation = Translation(language=language, title=text["title"], body_name=body_name,
                              operative_formula=text["operative_formula"],
                              text={part: text[part] for part in ("preamble", "operative", "annexes")},
                              created_at=clock.now(), created_by_id=getattr(by, "id", None))
    # Built before the row joins the session: its frozen files are part of it from the first insert.
    translation.docx = render.render_docx(resolution, translation)
    translation.sha256 = hashlib.sha256(translation.docx).hexdigest()
    translation.akn = akn.build_akn(resolution, translation=translation)
    translation.akn_sha256 = hashlib.sha256(translation.akn).hexdigest()
    resolution.translations.append(translation)
    session.flush()
    request_rendition(session, SubjectKind.resolution, resolution.id, language)
    audit.record(session, "resolution.translation", resolution, by=by, changes={
        "language": language, "title": translation.title, "sha256": translation.sha256})
    return translation



def titles_in(session: Session, resolution_ids, language: str | None) -> dict[int, str]:
    """The titles of the resolutions' versions in `language` ("fr"), by resolution id, for those that
    have one (a list's `lang`: each title in that language where it exists, else the original's)."""
    ids = [i for i in resolution_ids if i is not None]
    if not ids or language in (None, ORIGINAL_LANGUAGE):
        return {}
    return dict(session.execute(sa.select(Translation.resolution_id, Translation.title).where(
        Translation.resolution_id.in_(ids), Translation.language == language)).all())
