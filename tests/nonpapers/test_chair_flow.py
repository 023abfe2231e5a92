"""Done when: through the pages, a chair prepares a session from its dates to a circulated non-paper."""
import re
from io import BytesIO

import docx

from govbody.agenda.models import AgendaAmendment
from tests.conftest import confirmed, csrf_token, login

QUESTIONS = [
    ("Which services should the secretariat still offer when the next plan ends?", ""),
    ("What would the secretariat need to keep pace with new requests?",
     ("- How are its *founding principles* (*Council Resolution No. 1210*) best kept in view?\n"
      "  - and explained to newcomers?")),
    ("What would a larger field presence cost each year?", "- Should the scale of contributions be revisited?"),
    ("Are advice and field projects given their fair share of staff time?", ""),
    ("How should the Working Group follow the *Regional Framework* once it is agreed?", ""),
    ("Where could work be shared with the regional commissions?",
     "- A joint calendar of meetings could be kept.\n- Their reports could be read together."),
    ("Which partners should be heard before the Council decides?", ""),
]


def post_form(client, page, url=None, **data):
    data.setdefault("csrf_token", csrf_token(client, page))
    return client.post(url or page, data=data)


def test_a_chair_prepares_a_session_from_agenda_to_circulated_non_paper(client, make, app):
    body = make.body("WG", "Working Group on Partnerships", kind="working_group")
    make.document("WG/3", body_code="WG")  # the papers the agenda links, issued by the secretariat
    make.document("WG/3/INF", next_number=2, body_code="WG")
    chair = make.user("chair", bodies=("WG",))
    login(client, chair.email)

    # The session, and a meeting to adopt the agenda at.
    r = post_form(client, f"/bodies/{body}/sessions/new", number=3, kind="regular", starts_on="2026-03-02",
                  ends_on="2026-03-04", venue="Geneva")
    assert r.status_code == 302
    session_url = r.headers["Location"]
    session_id = int(session_url.rsplit("/", 1)[1])
    assert "Third Session" in client.get(f"/sessions/{session_id}/agenda").get_data(as_text=True)
    r = post_form(client, f"/sessions/{session_id}/meetings/new", date="2026-03-02", number="21", venue="Geneva")
    assert r.status_code == 302

    # A two-level agenda.
    agenda = f"/sessions/{session_id}/agenda"
    add = f"/sessions/{session_id}/agenda/items"
    for title in ("Adoption of the agenda", "Cooperation with the regional commissions", "Other business"):
        assert post_form(client, agenda, add, title=title, parent_id="0").status_code == 302
    page = client.get(agenda).get_data(as_text=True)
    relations_id = re.search(r'id="item-(\d+)"[^>]*>\s*<div class="agenda-line">\s*<span class="num">2\.', page).group(1)
    for title in ("Report of the Chair", "The Regional Framework"):
        r = post_form(client, agenda, add, title=title, parent_id=relations_id)
        assert r.status_code == 302
    # Link documents by symbol, to an item and to a sub-item.
    assert post_form(client, agenda, f"/agenda-items/{relations_id}/documents",
                     **{f"link{relations_id}-symbol": "WG/3/1"}).status_code == 302
    page = client.get(agenda).get_data(as_text=True)
    sub_id = re.search(r'id="item-(\d+)"[^>]*>\s*<div class="agenda-line">\s*<span class="num">2\.2<', page).group(1)
    assert post_form(client, agenda, f"/agenda-items/{sub_id}/documents",
                     **{f"link{sub_id}-symbol": "WG/3/INF/2"}).status_code == 302
    # Reorder with the keyboard-accessible buttons: the Regional Framework becomes 2.1.
    assert post_form(client, agenda, f"/agenda-items/{sub_id}/move", offset="-1").status_code == 302
    page = client.get(agenda).get_data(as_text=True)
    assert re.search(r"2\.1</span>\s*<span class=\"agenda-title\">The Regional Framework", page)
    assert "WG/3/1" in page and "WG/3/INF/2" in page

    # Adopt at the 21st meeting; the page then reads "Agenda" and later changes are amendments.
    meeting_id = re.search(r'<option value="(\d+)">21st meeting', page).group(1)
    adopt = f"/sessions/{session_id}/agenda/adopt"
    r = client.post(adopt, data=confirmed(client, agenda, adopt, meeting_id=meeting_id))
    assert r.status_code == 302
    page = client.get(agenda).get_data(as_text=True)
    assert "Adopted at the" in page and "21st meeting" in page and "Provisional agenda" not in page
    assert post_form(client, agenda, add, title="Date of the next session", parent_id="0").status_code == 302
    page = client.get(agenda).get_data(as_text=True)
    assert "Amendments to the agenda" in page and "Item 4 added: Date of the next session" in page
    from tests.conftest import count_rows
    assert count_rows(app, AgendaAmendment) == 1
    agenda_docx = docx.Document(BytesIO(client.get(f"/sessions/{session_id}/agenda.docx").data))
    texts = [p.text for p in agenda_docx.paragraphs]
    assert "AGENDA" in texts and any(t.startswith("2.1\tThe Regional Framework") for t in texts)

    # A seven-question non-paper, linked to agenda items, saved, edited, circulated.
    new = f"/bodies/{body}/non-papers/new?session_id={session_id}"
    page = client.get(new).get_data(as_text=True)
    assert 'value="by the Chair on a personal basis"' in page
    data = {"title": "Working Group on Partnerships: Chair's brainstorming non-paper",
            "author_line": "by the Chair on a personal basis", "session_id": str(session_id),
            "introduction": "The Chair sets out a few questions so that the next meeting can *narrow* the debate.\n\n"
                            "No answer is expected in writing."}
    for n, (text, points) in enumerate(QUESTIONS):
        data[f"questions-{n}-text"] = text
        data[f"questions-{n}-points"] = points
    data["questions-1-agenda_items"] = [relations_id, sub_id]
    r = post_form(client, new, new.split("?")[0], **data)
    assert r.status_code == 302, r.get_data(as_text=True)
    paper_url = r.headers["Location"]
    paper_id = int(paper_url.rsplit("/", 1)[1])
    page = client.get(paper_url).get_data(as_text=True)
    assert "Draft" in page and "<em>Regional Framework</em>" in page and "Cooperation with the regional commissions" in page

    circulate = f"/non-papers/{paper_id}/circulate"
    r = client.post(circulate, data=confirmed(client, paper_url, circulate))
    assert r.status_code == 302
    page = client.get(paper_url).get_data(as_text=True)
    assert "Circulated on" in page and "Edit draft" not in page
    # Frozen: the edit page refuses, with a clear message.
    r = client.get(f"/non-papers/{paper_id}/edit")
    assert r.status_code == 409 and "can no longer be edited" in r.get_data(as_text=True)

    # The DOCX, as documents.md lays it out.
    r = client.get(f"/non-papers/{paper_id}.docx")
    assert r.status_code == 200 and r.mimetype.endswith("wordprocessingml.document")
    document = docx.Document(BytesIO(r.data))
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "Working Group on Partnerships: Chair's brainstorming non-paper"
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[1].text == "by the Chair on a personal basis"
    texts = [p.text for p in paragraphs]
    lead = texts.index("Questions for consideration:")
    questions = [p for p in paragraphs[lead + 1:] if p.style.name == "List Number"]
    assert [p.text for p in questions] == [re.sub(r"\*", "", text) for text, _ in QUESTIONS]
    # One numbering list: Word numbers them 1 to 7.
    assert len({p._p.pPr.numPr.numId.val for p in questions}) == 1
    bullets = [(p.style.name, p.text) for p in paragraphs[lead + 1:] if p.style.name.startswith("List Bullet")]
    assert bullets[:2] == [
        ("List Bullet 2", "How are its founding principles (Council Resolution No. 1210) best kept in view?"),
        ("List Bullet 3", "and explained to newcomers?")]
    assert len(bullets) == 5
    italic = [r.text for p in paragraphs for r in p.runs if r.italic]
    assert "Council Resolution No. 1210" in italic and "founding principles" in italic
    assert "Regional Framework" in italic and "narrow" in italic

    # Revising makes version 2 and keeps version 1 readable.
    r = post_form(client, paper_url, f"/non-papers/{paper_id}/revise")
    assert r.status_code == 302 and r.headers["Location"] != paper_url
    revision = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Non-paper, version 2" in revision and "Edit draft" in revision
    old = client.get(paper_url).get_data(as_text=True)
    assert "A newer version exists" in old and "<em>Regional Framework</em>" in old


def test_the_session_page_lists_non_papers_and_offers_agenda_editing_to_its_chair(client, make, papers):
    body = make.body("WG", "Working Group", kind="working_group")
    other = make.body("S", "Standing Committee", kind="standing_committee")
    session = make.session(body, 4)
    draft = papers.non_paper(body, session_id=session, title="Draft thoughts")
    circulated = papers.non_paper(body, session_id=session, title="Circulated questions", circulate=True)
    url = f"/sessions/{session}"

    page = client.get(url).get_data(as_text=True)
    assert f"/non-papers/{circulated}" in page and f"/non-papers/{draft}\"" not in page
    assert "Edit the agenda" not in page

    login(client, make.user("chair", bodies=("WG",)).email)
    page = client.get(url).get_data(as_text=True)
    assert f"/non-papers/{draft}" in page and "Edit the agenda" in page and "New non-paper" in page

    client.post("/logout", data={"csrf_token": csrf_token(client, url)})
    login(client, make.user("chair", bodies=("S",)).email)
    page = client.get(url).get_data(as_text=True)
    assert f"/non-papers/{draft}\"" not in page and "Edit the agenda" not in page
    assert other
