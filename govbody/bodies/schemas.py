"""A body's and a delegation's fields and limits, once (API, forms, columns, OpenAPI)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from govbody.bodies.models import CODE_MAX, BodyKind, DelegationKind
from govbody.core.schemas import Date, LongText, Name, NotNull, Out, Payload, ShortText

CODE_PATTERN = rf"^[A-Za-z][A-Za-z0-9-]{{0,{CODE_MAX - 1}}}$"
CODE_RULE = f"Letters, digits and hyphens, up to {CODE_MAX}."

Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=CODE_PATTERN)]
Iso3 = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{3}$")]


class BodyIn(Payload):
    name: Name
    kind: BodyKind
    code: Code
    parent_code: Code | None = None
    terms_of_reference: LongText = ""
    established_on: Date | None = None
    dissolved_on: Date | None = None
    papers_public: bool = True


class BodyOut(Out):
    id: int
    name: str
    kind: BodyKind
    code: str
    parent_id: int | None
    parent_code: str | None
    terms_of_reference: str
    established_on: dt.date | None
    dissolved_on: dt.date | None
    papers_public: bool


class DelegationIn(Payload):
    name: Name
    kind: DelegationKind
    iso3: Iso3 | None = None
    short_names: ShortText = ""


class DelegationPatch(Payload):
    voting_rights_suspended: Annotated[bool | None, NotNull] = Field(None, description=(
        "In arrears: the delegation is present and counted for the quorum, but may not vote. The secretariat only."))
    language: Literal["en", "fr", "es"] | None = Field(None, description=(
        "The official language its delegates are given papers in when that version exists (null: each paper's "
        "original). Its own delegate or the secretariat."))


class DelegationOut(Out):
    id: int
    name: str
    kind: DelegationKind
    iso3: str | None
    short_names: str
    voting_rights_suspended: bool
    language: str | None
