"""An adopted resolution in French and Spanish (POST /resolutions/{id}/translations): each version's
DOCX prints the fixed words of documents.md in its language with the same paragraph numbering, its
Akoma Ntoso is an expression of the one work, and a version is added once, by the secretariat."""
from __future__ import annotations

import copy
import hashlib
import html
import io
import zipfile

import pytest
from lxml import etree

from govbody.renditions.models import Rendition, SubjectKind
from govbody.extensions import db
from tests.conftest import count_rows
from tests.resolutions.conftest import adopt, create
from tests.resolutions.test_akn import NS, check_references
from tests.resolutions.three_languages import (
    ENGLISH,
    FORMULA,
    OPENING,
    TABLE,
    TRANSLATIONS,
    numbering,
    paragraphs,
    reopen,
)


def adopted(client, council) -> int:
    r = create(client, council, **ENGLISH)
    assert r.status_code == 201, r.get_json()
    rid = r.get_json()["id"]
    r = adopt(client, council, rid, number=1150)
    assert r.status_code == 200, r.get_json()
    return rid


def translate(client, account, rid: int, payload: dict, expect: int = 201) -> dict:
    r = client.post(f"/api/v1/resolutions/{rid}/translations", json=payload, headers=account.headers)
    assert r.status_code == expect, r.get_json()
    return r.get_json()


@pytest.fixture
def in_three(client, council) -> int:
    rid = adopted(client, council)
    for payload in TRANSLATIONS.values():
        translate(client, council.secretariat, rid, payload)
    return rid


def test_each_version_prints_its_fixed_words_and_numbers_its_paragraphs_alike(client, council, in_three):
    files = {}
    for lang in ("en", "fr", "es"):
        r = client.get(f"/api/v1/resolutions/{in_three}.docx?lang={lang}")
        assert r.status_code == 200, r.get_json()
        files[lang] = r.data
        printed = paragraphs(r.data)
        texts = [text for _, text in printed]
        heading = texts[0]
        designation = TABLE["designation"][lang]
        first, _, rest = designation.partition(" ")
        assert heading == f"{first.upper()} {rest}"  # "RÉSOLUTION n° 1150 (XCIII)"
        assert texts[1] == TABLE["adoption line"][lang]
        assert OPENING[lang] in texts
        assert FORMULA[lang] in texts
        subject = reopen(r.data).core_properties.subject
        assert designation in subject
        assert reopen(r.data).core_properties.language == lang
        # Five operative paragraphs, the second with its (a) and (b); the annex's heading names the designation.
        assert [style for style, _ in printed].count("Operative Paragraph") == 5
        annex = next(text for style, text in printed if style == "Annex heading")
        assert designation.split(" ", 1)[1] in annex
    assert numbering(files["fr"]) == numbering(files["en"]) == numbering(files["es"])
    french = [text for _, text in paragraphs(files["fr"])]
    assert "DE REMERCIER SA PRÉSIDENTE" not in french  # the text is the translator's, only the title in capitals
    assert "STRATÉGIE DE L'ORGANISATION" in french
    assert any(text.startswith("Rappelant sa résolution n° 877") and text.endswith(",") for text in french)
    assert any(text.startswith("De réexaminer la stratégie") and text.endswith(".") for text in french)
    assert "Annexe à la résolution n° 1150 (XCIII) du Conseil" in french
    spanish = [text for _, text in paragraphs(files["es"])]
    assert "Anexo a la resolución N° 1150 (XCIII) del Consejo" in spanish


def test_the_versions_are_frozen_and_listed_with_their_hashes(client, council, in_three):
    got = client.get(f"/api/v1/resolutions/{in_three}").get_json()
    langs = {v["language"]: v for v in got["languages"]}
    assert list(langs)[0] == "en" and sorted(langs) == ["en", "es", "fr"]
    assert langs["en"]["sha256"] == got["sha256"]
    assert langs["fr"]["designation"] == "Résolution n° 1150 (XCIII)"
    assert langs["fr"]["title"] == TRANSLATIONS["fr"]["title"]
    first = client.get(langs["fr"]["docx_url"])
    assert hashlib.sha256(first.data).hexdigest() == langs["fr"]["sha256"] == first.headers["ETag"].strip('"')
    assert client.get(langs["fr"]["docx_url"]).data == first.data
    assert client.get(langs["fr"]["docx_url"], headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert "resolution-C-1150-XCIII-fr.docx" in first.headers["Content-Disposition"]
    # The English default and ?lang=en are the adopted bytes.
    assert client.get(f"/api/v1/resolutions/{in_three}.docx?lang=en").data == client.get(
        f"/api/v1/resolutions/{in_three}.docx").data
    # Each version's PDF is asked of a worker.
    assert client.get(f"/api/v1/resolutions/{in_three}.pdf?lang=es").status_code == 202
    with client.application.app_context():
        from govbody.renditions import services
        from govbody.resolutions import downloads

        rows = {r.language: r for r in db.session.query(Rendition).filter_by(
            subject_kind=SubjectKind.resolution, subject_id=in_three)}
        assert set(rows) == {"en", "fr", "es"}
        # Each PDF is made from the frozen DOCX a reader downloads, and none is asked for twice.
        french = services.source_docx(db.session, rows["fr"])
        assert {(in_three, code) for code in rows} <= set(downloads.versions_with_docx(db.session))
        assert services.request_missing(db.session) == 0
    assert french == client.get(f"/api/v1/resolutions/{in_three}.docx?lang=fr").data


def test_akn_one_work_one_expression_per_language(client, council, in_three, akn_schema):
    works, expressions = set(), {}
    for lang, code in (("en", "eng"), ("fr", "fra"), ("es", "spa")):
        r = client.get(f"/api/v1/resolutions/{in_three}.xml?lang={lang}")
        assert r.status_code == 200
        root = etree.fromstring(r.data)
        akn_schema.assertValid(root)
        check_references(root)
        meta = root.find("a:statement/a:meta/a:identification", NS)
        works.add(meta.find("a:FRBRWork/a:FRBRuri", NS).get("value"))
        expression = meta.find("a:FRBRExpression", NS)
        assert expression.find("a:FRBRlanguage", NS).get("language") == code
        uri = expression.find("a:FRBRuri", NS).get("value")
        assert uri.endswith(f"/{code}@")
        expressions[lang] = uri
        master = expression.find("a:FRBRmasterExpression", NS)
        if lang == "en":
            assert master is None and expression.find("a:FRBRtranslation", NS) is None
        else:
            assert master.get("href") == expressions["en"]
            assert expression.find("a:FRBRtranslation", NS).get("fromLanguage") == "eng"
        assert root.findtext(".//a:preface//a:docNumber", namespaces=NS) == TABLE["designation"][lang]
        assert root.findtext(".//a:preface/a:p[@class='adoption']", namespaces=NS) == TABLE["adoption line"][lang]
        paragraphs = root.findall("a:statement/a:mainBody/a:paragraph", NS)
        assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2", "para_3", "para_4", "para_5"]
        assert [p.findtext("a:num", namespaces=NS) for p in paragraphs[1].findall("a:point", NS)] == ["(a)", "(b)"]
    assert works == {"/akn/int/statement/resolution/c/2007-06-07/1150"}
    assert len(set(expressions.values())) == 3


def test_a_second_version_in_a_language_is_refused(client, council, in_three):
    again = copy.deepcopy(TRANSLATIONS["fr"])
    again["title"] = "Stratégie révisée"
    refused = translate(client, council.secretariat, in_three, again, expect=409)["error"]
    assert "already has its French version" in refused["message"]
    assert translate(client, council.secretariat, in_three, {**ENGLISH, "language": "en"}, expect=409)
    got = client.get(f"/api/v1/resolutions/{in_three}").get_json()
    assert [v["title"] for v in got["languages"] if v["language"] == "fr"] == [TRANSLATIONS["fr"]["title"]]


@pytest.mark.parametrize("change, field", [
    (lambda t: t["preamble"].pop(), "preamble"),
    (lambda t: t["operative"].append("Un sixième paragraphe"), "operative"),
    (lambda t: t["operative"][1]["points"].pop(), "operative.1.points"),
    (lambda t: t.update(operative=[t["operative"][0], t["operative"][1]["text"], *t["operative"][2:]]),
     "operative.1.points"),
    (lambda t: t.update(annexes=[]), "annexes"),
])
def test_other_paragraph_counts_are_refused_naming_the_part(client, council, change, field):
    rid = adopted(client, council)
    payload = copy.deepcopy(TRANSLATIONS["fr"])
    change(payload)
    before = count_rows(client.application, Rendition)
    error = translate(client, council.secretariat, rid, payload, expect=422)["error"]
    assert field in error["fields"]
    assert count_rows(client.application, Rendition) == before
    assert [v["language"] for v in client.get(f"/api/v1/resolutions/{rid}").get_json()["languages"]] == ["en"]


def test_bad_input_is_a_422_naming_the_field(client, council):
    rid = adopted(client, council)
    assert "language" in translate(client, council.secretariat, rid, {**TRANSLATIONS["fr"], "language": "de"},
                                   expect=422)["error"]["fields"]
    assert "title" in translate(client, council.secretariat, rid, {**TRANSLATIONS["fr"], "title": "a\x07b"},
                                expect=422)["error"]["fields"]
    fields = translate(client, council.secretariat, rid, {**TRANSLATIONS["fr"], "preamble": ["", "b", "c", "d"]},
                       expect=422)["error"]["fields"]
    assert "preamble.0" in fields


def test_a_draft_is_translated_once_adopted(client, council):
    rid = create(client, council, **ENGLISH).get_json()["id"]
    refused = translate(client, council.secretariat, rid, TRANSLATIONS["fr"], expect=409)["error"]
    assert "once adopted" in refused["message"]
    assert client.get(f"/api/v1/resolutions/{rid}.docx?lang=fr", headers=council.secretariat.headers).status_code == 404


def test_only_the_secretariat_adds_a_version(client, council, make):
    rid = adopted(client, council)
    make.delegation("Chile")
    delegate = make.user("delegate", delegation="Chile")
    assert client.post(f"/api/v1/resolutions/{rid}/translations", json=TRANSLATIONS["fr"]).status_code == 401
    for account in (council.chair, delegate, make.user("rapporteur", bodies=("C",))):
        translate(client, account, rid, TRANSLATIONS["fr"], expect=403)
    translate(client, make.user("admin"), rid, TRANSLATIONS["fr"])
    # Anyone reads an adopted resolution's versions.
    assert client.get(f"/api/v1/resolutions/{rid}.docx?lang=fr").status_code == 200
    assert client.get(f"/api/v1/resolutions/{rid}.xml?lang=es").status_code == 404


def test_the_body_and_formula_may_be_given(client, council):
    rid = adopted(client, council)
    translate(client, council.secretariat, rid, {**TRANSLATIONS["es"], "body_name": "el Consejo de la Organización",
                                                 "operative_formula": "Decide"})
    texts = [t for _, t in paragraphs(client.get(f"/api/v1/resolutions/{rid}.docx?lang=es").data)]
    assert "El Consejo de la Organización," in texts and "Decide:" in texts
    assert ("(Aprobada por el Consejo de la Organización en su 481ª sesión, celebrada el 7 de junio de 2007)"
            in texts)


def test_the_page_lists_the_versions_and_the_secretariat_adds_one(client, council):
    from tests.conftest import confirmed, login

    rid = adopted(client, council)
    page = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert "Add a translation" not in page  # the public reads, never adds
    assert "Languages" not in page  # nothing translated yet: the downloads are the English version
    login(client, council.secretariat.email)
    assert "Add a translation" in client.get(f"/resolutions/{rid}").get_data(as_text=True)
    url = f"/resolutions/{rid}/translations/new"
    form = client.get(url)
    assert form.status_code == 200 and ENGLISH["preamble"][1] in form.get_data(as_text=True)
    french = TRANSLATIONS["fr"]
    data = confirmed(client, url, language="fr", title=french["title"], body_name="", operative_formula="",
                     **{f"preamble-{i}": text for i, text in enumerate(french["preamble"])},
                     **{f"operative-{i}-text": (o if isinstance(o, str) else o["text"])
                        for i, o in enumerate(french["operative"])},
                     **{f"operative-{i}-points": "\n".join(o["points"])
                        for i, o in enumerate(french["operative"]) if isinstance(o, dict)},
                     **{f"annexes-{i}-{k}": v for i, a in enumerate(french["annexes"]) for k, v in a.items()})
    short = {k: v for k, v in data.items() if k != "preamble-3"}
    refused = client.post(url, data=short)
    assert refused.status_code == 422 and "The original has 4 preambular paragraphs" in refused.get_data(as_text=True)
    r = client.post(url, data=data)
    assert r.status_code == 302, r.get_data(as_text=True)
    page = html.unescape(client.get(f"/resolutions/{rid}").get_data(as_text=True))
    assert "Languages" in page and "French" in page and french["title"] in page
    docx_page = client.get(f"/resolutions/{rid}.docx?lang=fr")
    assert docx_page.data == client.get(f"/api/v1/resolutions/{rid}.docx?lang=fr").data
    texts = [t for _, t in paragraphs(docx_page.data)]
    assert TABLE["adoption line"]["fr"] in texts and "Décide :" in texts
    assert client.get(f"/resolutions/{rid}.xml?lang=de").status_code == 404


def _finish_pdf(app, monkeypatch, resolution_id: int, language: str, text: str) -> bytes:
    """The worker's job for one version run in the test, LibreOffice replaced by a small PDF."""
    import sqlalchemy as sa

    from govbody.renditions import services
    from tests.documents.real_papers import pdf_paper

    made = pdf_paper(text)
    monkeypatch.setattr(services, "_convert", lambda docx: made)
    with app.app_context():
        services.convert(db.session.scalar(sa.select(Rendition.id).where(
            Rendition.subject_kind == SubjectKind.resolution, Rendition.subject_id == resolution_id,
            Rendition.language == language)))
    return made


def test_the_portal_and_the_session_pack_list_each_version_and_its_pdf_once_made(
        app, client, council, in_three, monkeypatch, tmp_path):
    """Every list reads a resolution's versions in one place (documents.formats): each translation's DOCX
    and XML linked, its PDF being prepared until a worker has made it; the pack holds that PDF."""
    portal = html.unescape(client.get("/resolutions").get_data(as_text=True))
    for lang, name in (("fr", "French"), ("es", "Spanish")):
        assert f"{name}: " in portal
        assert f'href="/resolutions/{in_three}.docx?lang={lang}"' in portal
        assert f'href="/resolutions/{in_three}.xml?lang={lang}"' in portal
    assert f"/resolutions/{in_three}.pdf?lang=fr" not in portal and "PDF (being prepared)" in portal
    french = _finish_pdf(app, monkeypatch, in_three, "fr", "Résolution")
    portal = html.unescape(client.get("/resolutions").get_data(as_text=True))
    assert f'href="/resolutions/{in_three}.pdf?lang=fr"' in portal
    page = html.unescape(client.get(f"/resolutions/{in_three}").get_data(as_text=True))
    assert f'href="/resolutions/{in_three}.pdf?lang=fr"' in page and TRANSLATIONS["es"]["title"] in page
    assert client.get(f"/resolutions/{in_three}.pdf?lang=fr").data == french

    monkeypatch.setitem(app.config, "PACK_CACHE_DIR", str(tmp_path / "packs"))
    session_id = client.get(f"/api/v1/resolutions/{in_three}").get_json()["session_id"]
    response = client.get(f"/sessions/{session_id}/pack.zip")
    assert response.status_code == 200
    pack = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()
    assert pack.read("03-resolutions/Resolution-1150-fr.pdf") == french
    assert "03-resolutions/Resolution-1150-es.pdf" not in pack.namelist()  # not made yet
