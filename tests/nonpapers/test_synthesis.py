"""The question-by-question synthesis: who said what on each question, in meeting order."""
import re
from io import BytesIO

import docx

from tests.conftest import login


def section(page: str, number: int) -> str:
    start = page.index(f'id="question-{number}-heading"')
    end = page.find('class="synthesis-question"', start)
    return page[start:end if end != -1 else len(page)]


def test_the_synthesis_page_lists_each_question_with_its_speakers_in_meeting_order(client, make, debate):
    login(client, make.user("chair", bodies=("WG",)).email)
    r = client.get(f"/non-papers/{debate['paper']}/synthesis")
    assert r.status_code == 200
    page = r.get_data(as_text=True)

    q1 = section(page, 1)
    # Brazil (21st meeting) before Kenya (22nd), whatever order they were recorded in.
    assert q1.index("Brazil") < q1.index("Kenya (on behalf of the African Group)")
    assert "A field-based organization." in q1 and "A leaner structure within three years." in q1
    # The Director General's reply stands under Brazil's intervention, not as a speaker of its own.
    assert "Reply from the Director General:" in q1 and "Field presence will grow." in q1
    assert q1.index("Field presence will grow.") < q1.index("Kenya")
    assert "Addressed by 2 delegations" in q1

    q2 = section(page, 2)
    assert q2.index("Norway") < q2.index("Kenya") and "Only staff costs." in q2
    assert "staff in the core budget" in q2 and "Addressed by 2 delegations" in q2

    q3 = section(page, 3)
    assert "Not addressed" in q3 and "Brazil" not in q3 and "Kenya" not in q3

    q4 = section(page, 4)
    assert "Addressed by 1 delegation<" in q4 and "<em>UN agencies</em>" in q4

    unaddressed = page[page.index('id="unaddressed"'):]
    assert re.search(r"Question 3</a>: Should the <em>reserve</em> be replenished\?", unaddressed)
    assert "Question 1</a>" not in unaddressed and "Question 4</a>" not in unaddressed
    counts = re.findall(r'<td class="num">(\d+)</td>', page)
    assert counts == ["2", "2", "0", "1"]


def test_the_synthesis_docx_carries_the_same_speakers_points_and_counts(client, make, debate):
    login(client, make.user("secretariat").email)
    r = client.get(f"/non-papers/{debate['paper']}/synthesis.docx")
    assert r.status_code == 200 and r.mimetype.endswith("wordprocessingml.document")
    document = docx.Document(BytesIO(r.data))
    rows = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [t for _, t in rows]
    assert rows[0] == ("Title", "Question-by-question synthesis")
    headings = [t for s, t in rows if s == "Heading 2"]
    assert headings == [
        "Question 1: What should the Organization look like in three years?",
        "Question 2: Which costs should the core budget carry?",
        "Question 3: Should the reserve be replenished?",
        "Question 4: How should the Organization work with other agencies?",
        "Questions not addressed",
    ]
    q1 = texts[texts.index(headings[0]):texts.index(headings[1])]
    assert q1[1] == "Addressed by 2 delegations"
    assert q1[2] == "Brazil (21st meeting, 2 March 2026)"
    assert q1[3] == "A field-based organization."
    assert q1[4] == "Reply from the Director General:"
    assert q1[5] == "Field presence will grow."
    assert q1[6] == "Kenya (on behalf of the African Group) (22nd meeting, 3 March 2026)"
    q2 = rows[texts.index(headings[1]):texts.index(headings[2])]
    # Nested points stay nested.
    assert ("List Bullet", "Core costs:") in q2 and ("List Bullet 2", "staff in the core budget") in q2
    q3 = texts[texts.index(headings[2]):texts.index(headings[3])]
    assert q3 == [headings[2], "Not addressed"]
    assert texts[-1] == "Question 3: Should the reserve be replenished?"
    assert rows[texts.index("Reply from the Director General:")][0] == "Reply"
    italic = [run.text for p in document.paragraphs for run in p.runs if run.italic]
    assert "UN agencies" in italic


def test_the_synthesis_is_for_the_bodys_officers_only(client, make, debate):
    url = f"/non-papers/{debate['paper']}/synthesis"
    assert client.get(url).status_code == 401
    make.body("S", "Standing Committee", kind="standing_committee")
    login(client, make.user("chair", bodies=("S",)).email)
    assert client.get(url).status_code == 403
    assert client.get(url + ".docx").status_code == 403


def test_the_synthesis_through_the_api(client, make, debate):
    chair = make.user("chair", bodies=("WG",))
    r = client.get(f"/api/v1/non-papers/{debate['paper']}/synthesis", headers=chair.headers)
    assert r.status_code == 200
    data = r.get_json()
    assert [q["count"] for q in data["questions"]] == [2, 2, 0, 1]
    assert data["unaddressed"] == [3]
    first = data["questions"][0]["interventions"]
    assert [(i["speaker"], i["meeting_number"]) for i in first] == [("Brazil", 21), ("Kenya", 22)]
    assert first[0]["replies"] == [{"speaker": "the Director General", "points": ["Field presence will grow."]}]


def test_interventions_recorded_through_the_api_feed_the_synthesis(client, make, papers):
    """End to end with the rapporteur's endpoint: tagged interventions show up under their questions."""
    import datetime as dt

    body = make.body("WG", "Working Group", kind="working_group")
    session = make.session(body, 7, starts_on=dt.date(2026, 5, 4))
    meeting = make.meeting(session, number=30, date=dt.date(2026, 5, 4))
    make.delegation("Chile", iso3="CHL")
    make.delegation("Ghana", iso3="GHA")
    rapporteur = make.user("rapporteur", bodies=("WG",))
    paper = papers.non_paper(body, session_id=session, circulate=True,
                             questions=[{"text": "First?"}, {"text": "Second?"}, {"text": "Third?"}])
    q1, q2, q3 = papers.question_ids(paper)
    url = f"/api/v1/meetings/{meeting}/interventions"
    r = client.post(url, json={"delegation": "Ghana", "points": ["On both."], "questions": [q1, q3]},
                    headers=rapporteur.headers)
    assert r.status_code == 201, r.get_json()
    r = client.post(url, json={"delegation": "Chile", "points": [{"text": "Yes", "points": ["with care"]}],
                               "questions": [q3]}, headers=rapporteur.headers)
    assert r.status_code == 201, r.get_json()

    data = client.get(f"/api/v1/non-papers/{paper}/synthesis", headers=rapporteur.headers).get_json()
    assert [q["count"] for q in data["questions"]] == [1, 0, 2]
    assert data["unaddressed"] == [2]
    third = data["questions"][2]["interventions"]
    assert [(i["speaker"], i["points"]) for i in third] == [
        ("Ghana", ["On both."]), ("Chile", [{"text": "Yes", "points": ["with care"]}])]
