"""The non-paper pages: the form (validation, preview, question slots), access, versions."""
import re

import pytest

from govbody.nonpapers.models import NonPaper
from tests.conftest import confirmed, count_rows, csrf_token, login


@pytest.fixture
def wg(make):
    body = make.body("WG", "Working Group", kind="working_group")
    return {"body": body, "session": make.session(body, 2), "new": f"/bodies/{body}/non-papers/new"}


@pytest.fixture
def chair(client, make, wg):
    account = make.user("chair", bodies=("WG",))
    login(client, account.email)
    return account


def test_a_rejected_non_paper_keeps_what_was_typed(client, chair, wg, app):
    data = {"title": "", "author_line": "by the Chair", "session_id": "0", "introduction": "Some *intro*",
            "questions-0-text": "First question?", "questions-0-points": "- a point\n  - under it",
            "questions-1-text": "", "questions-1-points": "- a point without its question",
            "csrf_token": csrf_token(client, wg["new"])}
    r = client.post(wg["new"], data=data)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert re.search(r'id="title-error">A non-paper needs a title line', page)
    assert "First question?" in page and "- a point\n  - under it" in page and "Some *intro*" in page
    assert count_rows(app, NonPaper) == 0

    data["title"] = "Working Group: non-paper"
    r = client.post(wg["new"], data=data)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert re.search(r'id="questions-1-text-error">A question needs a text', page)
    assert count_rows(app, NonPaper) == 0

    data["questions-1-points"] = "- one\n  - two\n    - three\n      - four"
    data["questions-1-text"] = "Second?"
    r = client.post(wg["new"], data=data)
    assert r.status_code == 422
    assert re.search(r'id="questions-1-points-error">Sub-points nest 3 levels at most', r.get_data(as_text=True))
    assert count_rows(app, NonPaper) == 0


def test_preview_button_and_live_preview_render_commonmark_safely(client, chair, wg, app):
    token = csrf_token(client, wg["new"])
    r = client.post(wg["new"], data={"title": "A *title*", "author_line": "", "session_id": "0",
                                     "introduction": "An *important* point.\n\n<script>alert(1)</script>",
                                     "questions-0-text": "Is it *clear*?", "questions-0-points": "- yes",
                                     "preview": "1", "csrf_token": token})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    preview = page[page.index('id="preview-heading"'):]
    assert "<em>important</em>" in preview and "<em>clear</em>" in preview and "<li>yes</li>" in preview
    assert "<script>alert" not in page and "&lt;script&gt;" in preview
    assert count_rows(app, NonPaper) == 0
    r = client.post("/non-papers/preview", data={"text": "*x* <b>y</b>", "csrf_token": token})
    assert r.status_code == 200 and r.get_data(as_text=True).strip() == "<p><em>x</em> &lt;b&gt;y&lt;/b&gt;</p>"
    assert client.post("/non-papers/preview", data={"text": "*x*"}).status_code == 400


def test_more_question_slots_on_request(client, chair, wg):
    page = client.get(wg["new"]).get_data(as_text=True)
    assert page.count('name="questions-') // 2 >= 3 and 'name="questions-3-text"' not in page
    data = {"title": "T", "session_id": "0", "add_question": "1", "csrf_token": csrf_token(client, wg["new"])}
    data.update({f"questions-{n}-text": f"Q{n}?" for n in range(3)})
    page = client.post(wg["new"], data=data).get_data(as_text=True)
    assert 'name="questions-3-text"' in page and "Q2?</textarea>" in page
    assert '<label for="questions-3-text">Question 4</label>' in page


def test_a_draft_is_edited_then_circulated_then_revised(client, chair, wg, papers):
    paper = papers.non_paper(wg["body"], questions=[{"text": "Old question?", "points": ["a", {"text": "b",
                                                                                              "points": ["c"]}]}])
    url = f"/non-papers/{paper}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "Old question?" in page and "- a\n- b\n  - c" in page
    r = client.post(url, data={"title": "New title", "author_line": "by the Chair", "session_id": str(wg["session"]),
                               "introduction": "", "questions-0-text": "New question?", "questions-0-points": "",
                               "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    page = client.get(f"/non-papers/{paper}").get_data(as_text=True)
    assert "New question?" in page and "Old question?" not in page and "Second Session" in page
    token = csrf_token(client, f"/non-papers/{paper}")
    client.post(f"/non-papers/{paper}/circulate", data=confirmed(client, f"/non-papers/{paper}",
                                                                 f"/non-papers/{paper}/circulate"))
    # The edit form of a circulated paper is refused, and so is a posted edit.
    r = client.post(url, data={"title": "Sneaky", "session_id": "0", "csrf_token": token})
    assert r.status_code == 409 and "revise it" in r.get_data(as_text=True)
    r = client.post(f"/non-papers/{paper}/revise", data={"csrf_token": token})
    revision_url = r.headers["Location"]
    r = client.post(f"/non-papers/{paper}/revise", data={"csrf_token": token}, follow_redirects=True)
    assert "already has a version 2" in r.get_data(as_text=True)
    page = client.get(revision_url).get_data(as_text=True)
    assert "version 2" in page and "Version 1" in page and "New question?" in page


def test_circulating_needs_a_question(client, chair, wg, papers):
    paper = papers.non_paper(wg["body"], questions=[])
    r = client.post(f"/non-papers/{paper}/circulate", follow_redirects=True,
                    data=confirmed(client, f"/non-papers/{paper}", f"/non-papers/{paper}/circulate"))
    assert "at least one question" in r.get_data(as_text=True) and "Draft, not circulated" in r.get_data(as_text=True)


def test_who_sees_what(client, make, wg, papers, app):
    draft = papers.non_paper(wg["body"], title="Draft paper")
    circulated = papers.non_paper(wg["body"], title="Circulated paper", circulate=True)
    listing = f"/bodies/{wg['body']}/non-papers"
    # The public: circulated papers only; drafts are 404.
    assert client.get(f"/non-papers/{circulated}").status_code == 200
    assert client.get(f"/non-papers/{circulated}.docx").status_code == 200
    assert client.get(f"/non-papers/{draft}").status_code == 404
    assert client.get(f"/non-papers/{draft}.docx").status_code == 404
    page = client.get(listing).get_data(as_text=True)
    assert "Circulated paper" in page and "Draft paper" not in page and "New non-paper" not in page
    assert client.get(wg["new"]).status_code == 401
    # A chair of another body: the same, and no drafting for this body.
    make.body("C", "Council")
    login(client, make.user("chair", bodies=("C",)).email)
    assert client.get(f"/non-papers/{draft}").status_code == 404
    assert client.get(wg["new"]).status_code == 403
    token = csrf_token(client, f"/non-papers/{circulated}")
    assert client.post(f"/non-papers/{circulated}/revise", data={"csrf_token": token}).status_code == 403
    # Papers of a body that keeps them private are not public.
    with app.app_context():
        from govbody.bodies.models import Body
        from govbody.extensions import db

        db.session.get(Body, wg["body"]).papers_public = False
        db.session.commit()
    client.post("/logout", data={"csrf_token": token})
    assert client.get(f"/non-papers/{circulated}").status_code == 404
    login(client, make.user("secretariat").email)
    assert client.get(f"/non-papers/{draft}").status_code == 200
    assert "Draft paper" in client.get(listing).get_data(as_text=True)


def test_ids_beyond_the_database_integers_are_not_found(client):
    for url in ("/non-papers/99999999999", "/non-papers/99999999999.docx", "/api/v1/non-papers/99999999999",
                "/sessions/99999999999/agenda", "/agenda-items/99999999999/edit"):
        assert client.get(url).status_code == 404, url


def test_a_draft_is_deleted_from_its_page(client, chair, wg, papers, app):
    paper = papers.non_paper(wg["body"], title="Second thoughts")
    url = f"/non-papers/{paper}"
    r = client.post(f"{url}/delete", data={"csrf_token": csrf_token(client, url), "confirmed": "yes"},
                    follow_redirects=True)
    assert "The draft was deleted." in r.get_data(as_text=True)
    assert client.get(url).status_code == 404 and count_rows(app, NonPaper) == 0


def test_the_page_pools_footnotes_over_introduction_questions_and_points_as_the_docx_does(client, chair, wg, papers):
    paper = papers.non_paper(wg["body"], title="Working Group: Chair's non-paper[^c]", introduction=(
        "The Chair offers these questions for the retreat[^c].\n\n[^c]: Held in the spring, away from headquarters."),
        questions=[{"text": "Should the reserve[^r] be raised?",
                    "points": ["By how much?", "[^r]: The operating reserve, one month of spending."]},
                   {"text": "How often should the reserve be reviewed[^r]?"}])
    html = client.get(f"/non-papers/{paper}").get_data(as_text=True)
    text = html[html.index('<article class="nonpaper"'):html.index("</article>")]

    assert "[^" not in text  # no bare reference, no definition shown as a bullet
    refs = re.findall(r'<sup class="fn"><a href="#fn-nonpaper-(\d)"', text)
    assert refs == ["1", "1", "2", "2"]  # the title's and the introduction's note, then the reserve's, twice
    notes = re.search(r'<aside class="footnotes"[^>]*><ol>(.*?)</ol></aside>', text).group(1)
    assert re.findall(r'<li id="fn-nonpaper-(\d)">([^<]*)', notes) == [
        ("1", "Held in the spring, away from headquarters. "), ("2", "The operating reserve, one month of spending. ")]
    first = re.search(r'<li id="q1">(.*?)</ul>', text, re.S).group(1)
    assert len(re.findall(r"<li>", first)) == 1  # "By how much?" only
