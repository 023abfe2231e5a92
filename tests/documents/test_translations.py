"""A numbered document in English, French and Spanish (POST /documents/{id}/translations): MC/INF/287,
shaped like seed 001, carrying Council Resolution No. 1150 (XCIII) in each language. Every version
has the same symbol and paragraph numbers, its cover's fixed words in its own language (documents.md,
"Language versions"), and says which language the paper was first written in."""
from __future__ import annotations

import datetime as dt
import hashlib
import html

import pytest

from govbody.documents.models import DocumentFile
from govbody.renditions.models import Rendition, SubjectKind
from govbody.extensions import db
from tests.conftest import count_rows, login
from tests.resolutions.three_languages import (
    ENGLISH,
    OPENING,
    TABLE,
    TRANSLATIONS,
    numbered_ids,
    paragraphs,
    reopen,
)

TEXT = {
    "en": ("# Introduction\n\nThis paper sets out, for every reader, the strategy the Council adopted in June 2007.\n\n"
           "The strategy was prepared through consultations held over two years.\n\n"
           "# Strategy of the Organization: Council Resolution No. 1150 (XCIII) and annex\n\n"
           "The resolution and its annex follow in full."),
    "fr": ("# Introduction\n\nLe présent document expose à tous les lecteurs la stratégie adoptée par le Conseil en "
           "juin 2007.\n\nLa stratégie a été élaborée au cours de consultations tenues pendant deux ans.\n\n"
           "# Stratégie de l'Organisation : résolution n° 1150 (XCIII) du Conseil et annexe\n\n"
           "La résolution et son annexe figurent ci-après *in extenso*."),
    "es": ("# Introducción\n\nEl presente documento expone a todos los lectores la estrategia aprobada por el Consejo "
           "en junio de 2007.\n\nLa estrategia se preparó mediante consultas celebradas durante dos años.\n\n"
           "# Estrategia de la Organización: Resolución N° 1150 (XCIII) del Consejo y anexo\n\n"
           "La resolución y su anexo figuran a continuación íntegramente."),
}
TITLE = {"en": "Strategy of the Organization", "fr": "Stratégie de l'Organisation",
         "es": "Estrategia de la Organización"}
SECTION = {"en": "I. INTRODUCTION", "fr": "I. INTRODUCTION", "es": "I. INTRODUCCIÓN"}


class Strategy:
    """The Council's 93rd (special) session adopts the resolution at its 481st meeting; MC/INF/287 of
    the 94th session carries it."""

    def __init__(self, client, registry, make):
        self.client, self.registry, self.staff = client, registry, registry.staff
        special = make.session(registry.council, 93, kind="special", starts_on=dt.date(2007, 6, 7))
        meeting = make.meeting(special, 481, date=dt.date(2007, 6, 7))
        r = client.post("/api/v1/resolutions", headers=self.staff.headers,
                        json={"body_id": registry.council, "session_id": special, **ENGLISH})
        assert r.status_code == 201, r.get_json()
        self.resolution = r.get_json()["id"]
        r = client.post(f"/api/v1/resolutions/{self.resolution}/adopt", headers=self.staff.headers,
                        json={"meeting_id": meeting, "number": 1150})
        assert r.status_code == 200, r.get_json()
        registry.series("MC/INF", next_number=287)

    def issue(self, **fields) -> dict:
        fields = {"title": TITLE["en"], "text": TEXT["en"], "session_id": self.registry.session_id,
                  "resolution_id": self.resolution, **fields}
        return self.registry.issue("MC/INF", **fields)

    def translate_resolution(self, lang: str) -> None:
        r = self.client.post(f"/api/v1/resolutions/{self.resolution}/translations", json=TRANSLATIONS[lang],
                             headers=self.staff.headers)
        assert r.status_code == 201, r.get_json()

    def translate(self, document_id: int, lang: str, expect: int = 201, headers=None, **fields) -> dict:
        payload = {"language": lang, "title": TITLE.get(lang, "Titel"), "text": TEXT.get(lang, TEXT["fr"]), **fields}
        r = self.client.post(f"/api/v1/documents/{document_id}/translations", json=payload,
                             headers=self.staff.headers if headers is None else headers)
        assert r.status_code == expect, r.get_json()
        return r.get_json()


@pytest.fixture
def strategy(client, registry, make) -> Strategy:
    return Strategy(client, registry, make)


def cover(data: bytes) -> list[str]:
    """The symbol block, the cover's lines and the session heading: what comes before the title."""
    lines = []
    for style, text in paragraphs(data):
        if style == "Title":
            break
        lines.append(text)
    return lines


def test_mc_inf_287_in_three_languages(strategy, client):
    paper = strategy.issue()
    assert paper["symbol"] == "MC/INF/287"
    for lang in ("fr", "es"):
        strategy.translate_resolution(lang)
        made = strategy.translate(paper["id"], lang)
        assert made["symbol"] == "MC/INF/287" and made["id"] == paper["id"]
        assert made["translation"]["language"] == lang and made["translation"]["title"] == TITLE[lang]
    files = {lang: client.get(f"/api/v1/documents/{paper['id']}.docx?lang={lang}").data for lang in ("en", "fr", "es")}
    for lang, data in files.items():
        assert cover(data) == ["MC/INF/287", TABLE["original line"][lang], TABLE["date"][lang],
                               TABLE["session heading"][lang]]
        texts = [text for _, text in paragraphs(data)]
        assert TITLE[lang].upper() in texts and SECTION[lang] in texts
        # The resolution it carries, in the same language.
        designation = TABLE["designation"][lang]
        first, _, rest = designation.partition(" ")
        assert f"{first.upper()} {rest}" in texts
        assert TABLE["adoption line"][lang] in texts and OPENING[lang] in texts
        assert reopen(data).core_properties.subject == "MC/INF/287"
        header = reopen(data).sections[0].header.paragraphs
        assert [p.text for p in header][0] == "MC/INF/287"
        assert header[-1].text.startswith({"en": "Page", "fr": "Page", "es": "Página"}[lang])
    # The same paragraph numbers: three numbered paragraphs in one list, in every version.
    numbered = {lang: [t for s, t in paragraphs(data) if s == "Numbered Paragraph"] for lang, data in files.items()}
    assert [len(n) for n in numbered.values()] == [3, 3, 3]
    for data in files.values():
        assert len(set(numbered_ids(data, "Numbered Paragraph"))) == 1
    assert numbered["fr"][0].startswith("Le présent document")
    # The languages the API lists: the original, then each version generated (English, French, Spanish), with its hash.
    got = client.get(f"/api/v1/documents/{paper['id']}").get_json()
    assert [(v["language"], v["source"]) for v in got["languages"]] == [
        ("en", "generated"), ("fr", "generated"), ("es", "generated")]
    for v in got["languages"]:
        assert v["sha256"] == hashlib.sha256(files[v["language"]]).hexdigest()


def test_a_paper_first_written_in_french_says_so_in_every_version(strategy, client):
    paper = strategy.issue(title=TITLE["fr"], text=TEXT["fr"], original_language="French", resolution_id=None)
    original = client.get(f"/api/v1/documents/{paper['id']}.docx").data
    assert cover(original)[1:3] == ["Original : français", "9 novembre 2007"]
    for lang, line in (("en", "Original: French"), ("es", "Original: francés")):
        strategy.translate(paper["id"], lang, text=TEXT[lang].replace("Council Resolution", "Resolution"))
        data = client.get(f"/api/v1/documents/{paper['id']}.docx?lang={lang}").data
        assert cover(data)[1:3] == [line, TABLE["date"][lang]]
    assert strategy.translate(paper["id"], "fr", expect=409)["error"]["message"].startswith("French is the paper's")


def test_a_version_is_added_once_generated_or_sent(strategy, client):
    from tests.documents.real_papers import word_paper

    paper = strategy.issue(resolution_id=None)
    strategy.translate(paper["id"], "fr")
    frozen = client.get(f"/api/v1/documents/{paper['id']}.docx?lang=fr").data
    again = strategy.translate(paper["id"], "fr", title="Stratégie révisée", expect=409)["error"]
    assert "already has its French version" in again["message"]
    put = client.put(f"/api/v1/documents/{paper['id']}/files/fr", data=word_paper("Une autre version."),
                     headers=strategy.staff.headers, content_type="application/octet-stream")
    assert put.status_code == 409
    # A language sent as a file takes no generated version.
    put = client.put(f"/api/v1/documents/{paper['id']}/files/es", data=word_paper("Versión enviada."),
                     headers=strategy.staff.headers, content_type="application/octet-stream")
    assert put.status_code == 201
    strategy.translate(paper["id"], "es", expect=409)
    assert client.get(f"/api/v1/documents/{paper['id']}.docx?lang=fr").data == frozen
    assert count_rows(client.application, DocumentFile) == 2


def test_refusals_change_nothing(strategy, client, make):
    paper = strategy.issue()
    # The carried resolution has no French version yet.
    assert "add the resolution's French version first" in strategy.translate(paper["id"], "fr", expect=409)["error"][
        "message"]
    strategy.translate_resolution("fr")
    before = (count_rows(client.application, DocumentFile), count_rows(client.application, Rendition))
    fields = strategy.translate(paper["id"], "fr", text=TEXT["fr"] + "\n\nUn paragraphe de plus.", expect=422)[
        "error"]["fields"]
    assert "text" in fields and "3 numbered paragraphs" in fields["text"]
    assert "language" in strategy.translate(paper["id"], "de", expect=422)["error"]["fields"]
    assert "title" in strategy.translate(paper["id"], "fr", title="", expect=422)["error"]["fields"]
    draft = strategy.registry.issue("MC/INF", title="A draft", draft=True)
    assert "draft" in strategy.translate(draft["id"], "fr", expect=409)["error"]["message"]
    # The secretariat's alone.
    make.delegation("Chile")
    for account in (make.user("chair", bodies=("C",)), make.user("delegate", delegation="Chile")):
        strategy.translate(paper["id"], "fr", expect=403, headers=account.headers)
    strategy.translate(paper["id"], "fr", expect=401, headers={})
    assert (count_rows(client.application, DocumentFile), count_rows(client.application, Rendition)) == before
    assert client.get(f"/api/v1/documents/{paper['id']}.docx?lang=fr").status_code == 404


def test_its_pdf_is_asked_of_a_worker(strategy, client):
    paper = strategy.issue(resolution_id=None)
    strategy.translate(paper["id"], "es")
    r = client.get(f"/api/v1/documents/{paper['id']}.pdf?lang=es")
    assert r.status_code == 202 and r.headers["Retry-After"]
    with client.application.app_context():
        from govbody.documents import files
        from govbody.renditions import services

        row = services.find(db.session, SubjectKind.document, paper["id"], "es")
        assert row is not None  # its PDF is made from the frozen DOCX a reader downloads
        assert services.source_docx(db.session, row) == client.get(f"/api/v1/documents/{paper['id']}.docx?lang=es").data
        assert (paper["id"], "es") in files.versions_with_docx(db.session)


def test_the_page_lists_the_versions_and_adds_one(strategy, client, app):
    from tests.conftest import confirmed

    paper = strategy.issue(resolution_id=None)
    login(client, strategy.staff.email)
    url = f"/documents/{paper['id']}"
    page = client.get(url).get_data(as_text=True)
    assert "Add a translation" in page
    data = confirmed(client, url, action=f"/documents/{paper['id']}/translations", language="es", title=TITLE["es"],
                     text=TEXT["es"])
    r = client.post(f"/documents/{paper['id']}/translations", data=data)
    assert r.status_code == 302, r.get_data(as_text=True)
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "Spanish" in page and TITLE["es"] in page
    assert client.get(f"/documents/{paper['id']}/files/es").data == client.get(
        f"/api/v1/documents/{paper['id']}.docx?lang=es").data
