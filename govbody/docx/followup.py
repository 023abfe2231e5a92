"""The follow-up of a body's resolutions, as a report: the house cover block (no symbol: it is
drawn up from the records) and the body in capitals, "FOLLOW-UP OF RESOLUTIONS", the day it stands on, then for each resolution its designation and title above a
table of its mandates (paragraph, addressee, action, due, status, the document that discharged it)."""
from __future__ import annotations

from govbody.core.text import long_date
from govbody.docx.cover import write_report_block
from govbody.docx.data import FollowUpReport
from govbody.docx.writer import DocumentWriter

TITLE = "FOLLOW-UP OF RESOLUTIONS"
COLUMNS = ("Paragraph", "Addressee", "Action", "Due", "Status", "Discharged by")
NOTHING = "No resolution of the body gives a mandate to follow up."


def build_follow_up(report: FollowUpReport) -> bytes:
    w = DocumentWriter()
    w.page_number_footer()
    write_report_block(w, report.body_name, report.on, report.language)
    w.paragraph("Title", TITLE)
    w.paragraph("Body Text", f"As at {long_date(report.on)}")
    if not report.resolutions:
        w.paragraph("Body Text", NOTHING)
    for resolution in report.resolutions:
        w.paragraph("Heading 1", f"{resolution.designation}: {resolution.title}")
        w.table(COLUMNS, [(str(m.paragraph), m.addressee, m.action, m.due, m.status, m.discharged_by)
                          for m in resolution.mandates], aligns=("center",))
    return w.to_bytes(title=f"Follow-up of resolutions: {report.body_name}", subject="Follow-up of resolutions",
                      created=report.on, language=report.language)
