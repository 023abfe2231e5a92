"""Files built with the meeting summary's layout say in their properties what they are: a delegation's
interventions, a session pack's index, a meeting's summary, not all "Meeting summary"."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx

from govbody.core.text import long_date


def _properties(data: bytes) -> tuple[str, str, dt.date]:
    props = docx.Document(io.BytesIO(data)).core_properties
    return props.title, props.subject, props.created.date()


def test_a_delegations_interventions_are_titled_as_such(client, world):
    response = client.get(f"/delegations/{world.delegations['Kenya']}/interventions.docx")
    today = dt.date.today()
    assert _properties(response.data) == (
        "Interventions of Kenya", f"Interventions of Kenya recorded up to {long_date(today)}", today)


def test_a_session_packs_index_is_titled_as_such(client, world, pack_cache):
    response = client.get(f"/sessions/{world.session}/pack.zip")
    data = response.data
    response.close()
    index = zipfile.ZipFile(io.BytesIO(data)).read("00-index.docx")
    assert _properties(index) == ("Council, Ninety-third Session: session pack",
                                  "Index of the session pack of the Council, Ninety-third Session", dt.date(2007, 6, 7))


def test_a_meetings_summary_is_titled_with_its_meeting(client, world):
    data = client.get(f"/api/v1/meetings/{world.meetings[0]}/summary.docx", headers=world.staff.headers).data
    name = "Summary of the 2nd meeting of the Council"
    assert _properties(data) == (name, name, dt.date(2007, 6, 7))
