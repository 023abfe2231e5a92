"""The list of participants as DOCX (GET /api/v1/sessions/{id}/participants.docx, and the page's link):
reopened as a reader would, in the order of documents.md; the approved participants only, names and
titles; LibreOffice lays it out."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.docx.conftest import Opened
from tests.participants.conftest import participants_url, register

PEOPLE = [  # registered in no particular order; the last is left pending
    ("Norhaven", "Mr. Nils Adviser", "First Secretary", "adviser"),
    ("United Nations Refugee Agency", "Ms. Keiko Arden", "Senior Liaison Officer", "head"),
    ("Estmark", "Mr. Tomas Brandt", "Minister Counsellor", "alternate"),
    ("Zephyria", "Mr. Ansel Marr", "Counsellor", "head"),
    ("Estmark", "Ms. Lin Okafor", "", "adviser"),
    ("Network for Migrant Dignity", "Mr. Oren Baptiste", "Executive Secretary", "head"),
    ("Estmark", "H.E. Ms. Amara Velde", "Ambassador, Permanent Representative", "head"),
    ("League of Coastal States", "Ms. Rhea Tamsin", "Director, Liaison Office", "head"),
    ("Galdorra", "H.E. Mr. Jonas Reyes", "Ambassador", "head"),
    ("Estmark", "Ms. Mira Castell", "Counsellor", "alternate"),
    ("Norhaven", "Ms. Nora Head", "Chargée d'affaires a.i.", "head"),
    ("Galdorra", "Mr. Pending Person", "Attaché", "adviser"),
]


@pytest.fixture
def listed(client, council):
    for delegation, name, title, function in PEOPLE:
        r = register(client, council, who="secretariat", delegation=delegation, name=name, title=title,
                     function=function, email=f"{function}@example.org")
        assert r.status_code == 201, r.get_data(as_text=True)
        if name != "Mr. Pending Person":
            approve = client.post(f"/api/v1/participants/{r.get_json()['id']}/approve",
                                  headers=council["secretariat"].headers)
            assert approve.status_code == 200
    return council


EXPECTED = [
    ("Title", "LIST OF PARTICIPANTS"),
    ("Heading 1", "MEMBER STATES"),
    ("Heading 2", "Estmark"),
    ("Participant function", "Head of delegation"),
    ("Participant", "H.E. Ms. Amara Velde, Ambassador, Permanent Representative"),
    ("Participant function", "Alternates"),
    ("Participant", "Mr. Tomas Brandt, Minister Counsellor"),
    ("Participant", "Ms. Mira Castell, Counsellor"),
    ("Participant function", "Adviser"),
    ("Participant", "Ms. Lin Okafor"),
    ("Heading 2", "Galdorra"),
    ("Participant function", "Head of delegation"),
    ("Participant", "H.E. Mr. Jonas Reyes, Ambassador"),
    ("Heading 2", "Norhaven"),
    ("Participant function", "Head of delegation"),
    ("Participant", "Ms. Nora Head, Chargée d'affaires a.i."),
    ("Participant function", "Adviser"),
    ("Participant", "Mr. Nils Adviser, First Secretary"),
    ("Heading 1", "OBSERVER STATES"),
    ("Heading 2", "Zephyria"),
    ("Participant function", "Head of delegation"),
    ("Participant", "Mr. Ansel Marr, Counsellor"),
    ("Heading 1", "INTERGOVERNMENTAL ORGANIZATIONS"),
    ("Heading 2", "League of Coastal States"),
    ("Participant function", "Head of delegation"),
    ("Participant", "Ms. Rhea Tamsin, Director, Liaison Office"),
    ("Heading 1", "NON-GOVERNMENTAL ORGANIZATIONS"),
    ("Heading 2", "Network for Migrant Dignity"),
    ("Participant function", "Head of delegation"),
    ("Participant", "Mr. Oren Baptiste, Executive Secretary"),
    ("Heading 1", "UNITED NATIONS ENTITIES"),
    ("Heading 2", "United Nations Refugee Agency"),
    ("Participant function", "Head of delegation"),
    ("Participant", "Ms. Keiko Arden, Senior Liaison Officer"),
]


def docx_of(client, council, headers=None) -> Opened:
    r = client.get(participants_url(council) + ".docx", headers=headers or {})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert r.headers["Content-Disposition"] == 'attachment; filename="C-96-list-of-participants.docx"'
    return Opened(r.data)


def test_the_list_is_grouped_alphabetical_with_the_head_first_and_only_approved_names(client, listed):
    doc = docx_of(client, listed)
    styled = doc.styled()
    assert styled[0] == ("Session heading", "COUNCIL\nNINETY-SIXTH SESSION")
    assert styled[styled.index(("Title", "LIST OF PARTICIPANTS")):] == EXPECTED
    text = "\n".join(doc.texts)
    assert "Pending Person" not in text and "@" not in text  # not approved; no e-mail anywhere
    props = doc.document.core_properties
    assert props.title == "List of participants: Council, Ninety-sixth Session"
    assert props.subject == "List of participants"


def test_the_secretariat_and_the_delegation_see_their_pending_entries_marked(client, listed):
    public = docx_of(client, listed)
    pending = "Mr. Pending Person, Attach\u00e9 (pending approval)"
    for who in ("secretariat", "galdorra"):  # the secretariat, and Galdorra's own delegate
        doc = docx_of(client, listed, listed[who].headers)
        galdorra = doc.index("Galdorra")
        assert doc.texts[galdorra:galdorra + 5] == [
            "Galdorra", "Head of delegation", "H.E. Mr. Jonas Reyes, Ambassador", "Adviser", pending]
        assert doc.find(pending).runs[-1].italic
        assert doc.texts[:galdorra + 3] + doc.texts[galdorra + 5:] == public.texts  # the rest as the public's
        assert "@" not in "\n".join(doc.texts)
    # Another delegation sees what the public sees.
    assert docx_of(client, listed, listed["estmark"].headers).data == public.data


def test_the_page_link_sends_the_same_file(client, listed):
    page = client.get(f"/sessions/{listed['session']}").get_data(as_text=True)
    link = f"/sessions/{listed['session']}/participants.docx"
    assert f'href="{link}"' in page
    assert client.get(link).data == docx_of(client, listed).data


def test_an_empty_list_says_so(client, council):
    assert docx_of(client, council).texts[-2:] == ["LIST OF PARTICIPANTS", "No participant has been listed yet."]


@pytest.mark.slow
def test_libreoffice_lays_the_list_out(client, listed, tmp_path):
    from govbody.docx.pdf import convert_to_pdf, page_count, pdf_text, soffice

    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    path = tmp_path / "list.docx"
    path.write_bytes(docx_of(client, listed).data)
    [pdf] = convert_to_pdf([path], tmp_path)
    assert page_count(pdf) in (1, 2)
    lines = [re.sub(r"\s+", " ", line).strip() for line in pdf_text(pdf).splitlines() if line.strip()]
    wanted = [text for _, text in EXPECTED]
    found = [line for line in lines if line in wanted]
    assert found == wanted  # every heading, function and person on a line of its own, in the list's order
    assert {"MEMBER STATES", "OBSERVER STATES", "UNITED NATIONS ENTITIES", "Ms. Lin Okafor"} <= set(lines)
    first = pdf_text(pdf, 1)
    assert "NINETY-SIXTH SESSION" in first and "LIST OF PARTICIPANTS" in first
