"""Demo series and papers of the fictional Council and Standing Committee, issued through the
same services as the register (numbers, versions, frozen files). Every sentence is invented.

Called by ``govbody.demo`` after the bodies and sessions exist.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import Body
from govbody.documents import services
from govbody.documents.models import Distribution, VersionKind
from govbody.meetings.models import BodySession

STRATEGY_REPORT = """# Introduction

The Chairperson held open-ended consultations on the strategy of the Organization between
February and October 2025, as the Council requested at its One hundred and eighth Session.

This report sets out the course of the consultations and the text on which they converged.

# Course of the consultations

Six meetings were held, each open to all Member States and observers. Delegations
commented in writing on two successive drafts; their comments are summarized in the annex.

# Conclusion

The Council is invited to take note of this report and to consider the draft resolution
submitted with it.
"""

CORRIGENDUM = """Paragraph 3 should read:

"Six meetings were held, each open to all Member States and observers. Delegations commented
in writing on *three* successive drafts; their comments are summarized in the annex."
"""

REVISED_CORRIGENDUM = """Paragraph 3 should read:

"Seven meetings were held, each open to all Member States and observers. Delegations commented
in writing on three successive drafts; their comments are summarized in the annex."
"""

STRATEGY_INFORMATION = """# Introduction

This document brings together, for the information of all stakeholders, the strategy the
Council endorsed at its One hundred and tenth Session and a short account of how it was
prepared.

# The strategy

The strategy commits the Organization to orderly, safe and dignified mobility, in cooperation
with the States concerned and with the other organizations of the international system.

It will be reviewed after five years, on the basis of the Director General's annual reports.
"""

BUDGET_UPDATE = """# Background

The Subcommittee on Budget Reform completed its work in June 2023. This paper reports on the
measures taken since then.

# Measures taken

- the unearmarked reserve was rebuilt to three months of core expenditure;
- the scale of assessment was aligned with that of the United Nations system.
"""

SECURITY_NOTE = """# Arrangements

Delegations are asked to register their members by 10 November 2026. Badges are collected at
the north gate from 08:00 on the first day of the session.
"""


def _session(session: Session, code: str, number: int) -> BodySession:
    return session.scalar(sa.select(BodySession).join(BodySession.body)
                          .where(Body.code == code, BodySession.number == number))


def load_demo(session: Session) -> dict[str, int]:
    council = session.scalar(sa.select(Body).where(Body.code == "C"))
    committee = session.scalar(sa.select(Body).where(Body.code == "S"))
    mc_inf = services.create_series(session, prefix="MC/INF", next_number=287, body=council)
    mc = services.create_series(session, prefix="MC", next_number=2216, body=council)
    c_inf = services.create_series(session, prefix="C/{session}/INF", body=council)
    s_docs = services.create_series(session, prefix="S/{session}", body=committee)
    c110, c111, s41 = _session(session, "C", 110), _session(session, "C", 111), _session(session, "S", 41)

    report = services.create_document(
        session, series=mc, title="Report of the Chairperson on the consultations on the strategy",
        date=dt.date(2025, 10, 30), body_session=c110, text=STRATEGY_REPORT, issue=True)
    corrigendum = services.issue_version(session, report, kind=VersionKind.corr, text=CORRIGENDUM,
                                         date=dt.date(2025, 11, 10))
    services.issue_version(session, corrigendum, kind=VersionKind.rev, text=REVISED_CORRIGENDUM,
                           date=dt.date(2025, 11, 20))
    services.create_document(session, series=mc, title="Programme and Budget for 2026", date=dt.date(2025, 10, 15),
                             body_session=c110, text="# Introduction\n\nThe budget is presented in two parts.",
                             issue=True)
    services.create_document(session, series=mc_inf, title="The strategy of the Organization",
                             date=dt.date(2025, 12, 9), body_session=c110, text=STRATEGY_INFORMATION, issue=True)
    services.create_document(session, series=c_inf, title="Mobility data: an overview", date=dt.date(2025, 11, 3),
                             body_session=c110, text="# Overview\n\nThe data come from 94 national offices.",
                             issue=True)
    services.create_document(session, series=c_inf, title="Security arrangements for the session",
                             date=dt.date(2026, 10, 20), body_session=c111, text=SECURITY_NOTE,
                             distribution=Distribution.restricted, issue=True)
    services.create_document(session, series=s_docs, title="Update on the budget reform", date=dt.date(2025, 10, 1),
                             body_session=s41, text=BUDGET_UPDATE, distribution=Distribution.limited, issue=True)
    services.create_document(session, series=mc, title="Report on the implementation of the strategy",
                             date=dt.date(2026, 11, 2), body_session=c111,
                             text="# Introduction\n\nA first year of implementation.")
    return {"document series": 4, "documents": 9}
