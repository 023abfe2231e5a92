"""The Akoma Ntoso export validates against the OASIS schema, and its references resolve."""
from __future__ import annotations

from lxml import etree

from tests.resolutions.conftest import adopt, create

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def check_references(root) -> None:
    """Every eId is unique and every local href/by/source/as/refersTo names one."""
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert len(eids) == len(set(eids)), "duplicate eIds"
    known = set(eids)
    for element in root.iter():
        for attr in ("href", "by", "source", "as", "refersTo"):
            value = element.get(attr)
            if value and value.startswith("#"):
                assert value[1:] in known, f"{element.tag} {attr}={value} does not resolve"


def test_adopted_resolution_with_annex_validates(client, council, akn_schema):
    rid = create(client, council).get_json()["id"]
    adopt(client, council, rid, number=1150)
    r = client.get(f"/api/v1/resolutions/{rid}.xml")
    assert r.status_code == 200 and "xml" in r.mimetype
    root = etree.fromstring(r.data)
    akn_schema.assertValid(root)
    check_references(root)
    statement = root.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    assert root.findtext(".//a:preface//a:docNumber", namespaces=NS) == "Resolution No. 1150 (XCIII)"
    assert "".join(root.find(".//a:preface//a:docTitle", NS).itertext()) == "Strategy of the Organization"
    work = root.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRthis", NS).get("value") == "/akn/int/statement/resolution/c/2007-06-07/1150/!main"
    assert work.find("a:FRBRdate", NS).get("date") == "2007-06-07"
    recitals = root.findall(".//a:preamble//a:recital", NS)
    assert len(recitals) == 3
    assert recitals[0].find(".//a:i", NS).text == "Recalling"
    paragraphs = root.findall("a:statement/a:mainBody/a:paragraph", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in paragraphs] == ["1.", "2.", "3."]
    points = paragraphs[1].findall("a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in points] == ["(a)", "(b)"]
    date = root.find(".//a:conclusions//a:docDate", NS)
    assert date.get("date") == "2007-06-07" and date.text == "7 June 2007"
    annex = root.find(".//a:attachments/a:attachment/a:doc", NS)
    assert annex.get("name") == "annex"
    assert [h.text for h in annex.iter(f"{{{NS['a']}}}heading")] == ["Part I: Purposes", "Part II: Governance"]
    assert annex.find(".//a:authorialNote", NS) is not None
    # The same bytes each time, for an adopted resolution.
    assert client.get(f"/api/v1/resolutions/{rid}.xml").data == r.data


def test_draft_validates_for_its_officers(client, council, akn_schema):
    rid = create(client, council, annexes=[], preamble=[]).get_json()["id"]
    r = client.get(f"/api/v1/resolutions/{rid}.xml", headers=council.chair.headers)
    root = etree.fromstring(r.data)
    akn_schema.assertValid(root)
    check_references(root)
    assert root.findtext(".//a:docNumber", namespaces=NS) == "Draft resolution"


def test_every_demo_resolution_validates(app, akn_schema):
    from govbody import demo
    from govbody.extensions import db
    from govbody.resolutions import akn
    from govbody.resolutions.models import Resolution

    with app.app_context():
        demo.load(db.session)  # the resolutions' demo comes with it
        db.session.commit()
        resolutions = db.session.query(Resolution).all()
        assert len(resolutions) >= 3
        assert any(r.annexes for r in resolutions)
        for resolution in resolutions:
            root = etree.fromstring(akn.build_akn(resolution))
            akn_schema.assertValid(root)
            check_references(root)


def test_a_superseding_resolution_refers_to_the_one_it_replaces(client, council, akn_schema):
    old = create(client, council).get_json()["id"]
    adopt(client, council, old, number=1150)
    new = create(client, council, title="New strategy", supersedes_id=old,
                 preamble=["*Recalling* its Resolution No. 1150 (XCIII) of 7 June 2007"]).get_json()["id"]
    adopt(client, council, new)
    root = etree.fromstring(client.get(f"/api/v1/resolutions/{new}.xml").data)
    akn_schema.assertValid(root)
    check_references(root)
    ref = root.find(".//a:conclusions//a:ref", NS)
    assert ref.get("href") == "/akn/int/statement/resolution/c/2007-06-07/1150" and ref.text.endswith("No. 1150 (XCIII)")
    assert root.find(".//a:references/a:activeRef", NS).get("href") == ref.get("href")


def test_the_xml_is_kept_at_adoption_and_a_resolution_adopted_before_gets_the_same(app, client, council):
    import hashlib

    import sqlalchemy as sa

    from govbody.extensions import db
    from govbody.resolutions.models import Resolution

    rid = create(client, council).get_json()["id"]
    adopt(client, council, rid, number=1150)
    kept = client.get(f"/resolutions/{rid}.xml")
    conditional = client.get(f"/api/v1/resolutions/{rid}.xml", headers={"If-None-Match": kept.headers["ETag"]})
    with app.app_context():  # as a resolution adopted before the XML was kept
        db.session.execute(sa.update(Resolution).where(Resolution.id == rid).values(akn=None, akn_sha256=None))
        db.session.commit()
    built = client.get(f"/resolutions/{rid}.xml")

    assert kept.headers["ETag"] == f'"{hashlib.sha256(kept.data).hexdigest()}"' and conditional.status_code == 304
    assert kept.headers["Content-Disposition"].startswith("inline;")
    assert built.data == kept.data and built.headers["ETag"] == kept.headers["ETag"]
