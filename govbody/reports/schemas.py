"""The report of a session's fields, once (API, pages, OpenAPI): the answers are the documents' own
(`DocumentOut`), since the report is a paper of the register."""
from __future__ import annotations

from pydantic import Field

from govbody.core.schemas import Id, LongText, Payload
from govbody.documents.schemas import Prefix


class ReportIn(Payload):
    series: Prefix = Field(description='The series the report will be issued in ("C/{session}"), the session '
                                       "body's or one of no body.")


class ApprovalIn(Payload):
    """One of `resolution_id` and `decision_id`: the act of a later session of the body that approved the report."""
    resolution_id: Id | None = Field(None, description="The adopted resolution that approved the report.")
    decision_id: Id | None = Field(None, description="The decision that approved the report.")
    text: LongText | None = Field(None, description="The approved text, CommonMark; without it, the report's "
                                                    "latest text as issued.")
