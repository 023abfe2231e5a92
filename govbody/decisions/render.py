"""A decision as a DOCX (the session pack): the house's numbered-document layout, its designation
in the cover block, its text unnumbered, then how it was taken."""
from __future__ import annotations

from govbody import docx as house
from govbody.decisions.models import Decision


def decision_docx(decision: Decision) -> bytes:
    session = decision.session
    return house.build_numbered_document(house.NumberedDocument(
        symbol=decision.designation, title=decision.title, date=decision.adopted_on,
        session_number=session.number, session_special=session.special, paragraph_numbers=False,
        opening_paragraphs=[decision.text, f"*{decision.adoption_line}*"]), created=decision.adopted_on)


def docx_filename(decision: Decision) -> str:
    return f"Decision-{decision.number}-{decision.session_numeral}.docx"
