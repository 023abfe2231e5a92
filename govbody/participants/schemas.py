"""Participants' and credentials' fields and answers, once (API, pages, OpenAPI)."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from govbody.accounts.schemas import EMAIL_MAX, email_address
from govbody.core.schemas import LINE, Id, Name, Out, Payload, ShortText, Timestamp
from govbody.participants.models import CredentialsStatus, ParticipantFunction, ParticipantStatus


def _email_or_none(value: str) -> str:
    if not value:
        return ""
    try:
        return email_address(value)
    except ValueError as error:
        raise PydanticCustomError("email", str(error)) from None


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=EMAIL_MAX), LINE,
                  AfterValidator(_email_or_none)]


class ParticipantFields(Payload):
    """A participant's own fields, as the delegation registers and changes them."""
    name: Name = Field(title="Name", description="As it is to be printed: \"H.E. Ms. Amara Velde\".")
    title: ShortText = Field("", title="Title", description="Function or rank: \"Ambassador, Permanent Representative\".")
    function: ParticipantFunction = Field(title="Function", description=(
        "head (of delegation: one a delegation), alternate or adviser; the list names the head first."))
    email: Email = Field("", title="E-mail", description=(
        "For the secretariat's messages; never shown to the public or to other delegations."))


class ParticipantIn(ParticipantFields):
    delegation: Name = Field(title="Delegation", description=(
        "The delegation's name (or ISO code, or a short name). A delegate registers its own delegation only."))


class ParticipantPatch(Payload):
    """Any of a participant's fields. A delegate's change to an approved participant sends it back to pending."""
    name: Name | None = None
    title: ShortText | None = None
    function: ParticipantFunction | None = None
    email: Email | None = None


class ParticipantOut(Out):
    id: int
    session_id: int
    delegation_id: int
    delegation: str
    name: str
    title: str
    function: ParticipantFunction
    status: ParticipantStatus
    email: str | None = Field(None, description=(
        "Only for the secretariat and the participant's own delegation: left out for everyone else."))

    @classmethod
    def of_participant(cls, participant: Any, *, contact: bool) -> dict:
        found = cls.of(participant, delegation=participant.delegation.name)
        if not contact:
            del found["email"]
        return found


class CredentialsOut(Out):
    session_id: int
    delegation_id: int
    delegation: str
    status: CredentialsStatus = Field(description="none (nothing sent), received or accepted.")
    received_at: Timestamp | None = None
    accepted_at: Timestamp | None = None
    sha256: str | None = Field(None, description="The SHA-256 of the letter (a PDF) as sent.")
    size: int | None = None

    @classmethod
    def of_standing(cls, session_id: int, delegation: Any, credentials: Any | None) -> dict:
        if credentials is None:
            return cls.of(None, session_id=session_id, delegation_id=delegation.id, delegation=delegation.name,
                          status=CredentialsStatus.none, received_at=None, accepted_at=None, sha256=None, size=None)
        return cls.of(credentials, delegation=delegation.name)
