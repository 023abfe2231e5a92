import copy
import datetime as dt

from docx.oxml.ns import qn
from lxml import etree

from govbody.docx import Annex, Operative, build_redline, build_resolution
from govbody.docx.samples import sample_resolution

WHEN = dt.datetime(2008, 11, 20, 9, 30)


def revisions():
    before = sample_resolution(draft=True)
    after = sample_resolution()
    after.preamble[1] = "Mindful of the steady growth in the number of documents issued"
    after.operative.insert(2, Operative("To invite Member States to deposit their records"))
    del after.operative[0]
    return before, after


def resolved(opened, data: bytes, *, accept: bool) -> list[str]:
    """Paragraph texts once every change is accepted (or rejected), as Word would do it."""
    body = copy.deepcopy(opened(data).document.element.body)
    keep, drop = (qn("w:ins"), qn("w:del")) if accept else (qn("w:del"), qn("w:ins"))
    texts = []
    for p in body.iter(qn("w:p")):
        mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{drop}")
        for element in list(p.iter(drop)):
            if element.getparent().tag != qn("w:rPr"):
                element.getparent().remove(element)
        words = "".join(t.text or "" for t in p.iter(qn("w:t"), qn("w:delText")))
        if mark is None or words:
            texts.append(words)
    return texts


def body_of(opened, resolution) -> list[str]:
    """The resolution as printed from its title to the end of its last annex."""
    texts = opened(build_resolution(resolution)).texts
    return texts[texts.index("RECORDS AND ARCHIVES POLICY"):]


def test_accepting_every_change_gives_the_new_text(opened):
    before, after = revisions()
    texts = resolved(opened, build_redline(before, after, author="Secretariat", date=WHEN), accept=True)
    assert texts[texts.index("RECORDS AND ARCHIVES POLICY"):] == body_of(opened, after)


def test_rejecting_every_change_gives_the_old_text(opened):
    before, after = revisions()
    texts = resolved(opened, build_redline(before, after, author="Secretariat", date=WHEN), accept=False)
    assert texts[texts.index("RECORDS AND ARCHIVES POLICY"):] == body_of(opened, before)


def test_changes_are_word_level_and_signed(opened):
    before, after = revisions()
    doc = opened(build_redline(before, after, author="Secretariat", date=WHEN))
    mindful = doc.find("Mindful")._p
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in mindful.iter(qn("w:del"))]
    inserted = ["".join(t.text for t in i.iter(qn("w:t"))) for i in mindful.iter(qn("w:ins"))]
    assert "growing" in deleted and any("steady growth" in text for text in inserted)
    assert "Mindful" not in "".join(deleted)  # unchanged words are not marked
    changes = list(doc.document.element.body.iter(qn("w:ins"), qn("w:del")))
    assert {c.get(qn("w:author")) for c in changes} == {"Secretariat"}
    assert {c.get(qn("w:date")) for c in changes} == {"2008-11-20T09:30:00Z"}
    ids = [c.get(qn("w:id")) for c in changes]
    assert len(ids) == len(set(ids))


def containing(doc, words: str, tag: str):
    """The paragraphs whose text in ``tag`` elements (w:t or w:delText) holds ``words``."""
    return [p for p in doc.paragraphs if words in "".join(t.text for t in p._p.iter(qn(tag)))]


def test_added_and_removed_paragraphs_are_whole_tracked_paragraphs(opened):
    before, after = revisions()
    doc = opened(build_redline(before, after, author="Secretariat", date=WHEN))
    added, = containing(doc, "To invite Member States", "w:t")
    assert added._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None
    assert added.style.name == "Operative Paragraph"
    removed, = containing(doc, "To thank the Administration", "w:delText")
    assert removed._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
    assert removed.style.name == "Operative Paragraph"


def test_redline_heads_with_the_new_revision(opened):
    before, after = revisions()
    doc = opened(build_redline(before, after, author="Secretariat", date=WHEN))
    assert doc.texts[:2] == ["RESOLUTION No. 1172 (XCV)",
                             "(Adopted by the Council at its 492nd meeting on 27 November 2008)"]
    assert doc.document.core_properties.subject == "Council Resolution No. 1172 (XCV)"


def test_identical_revisions_carry_no_changes(opened):
    data = build_redline(sample_resolution(), sample_resolution(), author="A", date=WHEN)
    body = opened(data).document.element.body
    assert not list(body.iter(qn("w:ins"), qn("w:del")))


def test_a_rewritten_phrase_is_one_deletion_and_one_insertion(opened):
    before, after = sample_resolution(), sample_resolution()
    after.preamble[2] = "Recognizing the lasting worth of a complete and public record"
    doc = opened(build_redline(before, after, author="A", date=WHEN))
    p = doc.find("Recognizing")._p
    assert ["".join(t.text for t in d.iter(qn("w:delText"))) for d in p.iter(qn("w:del"))] == [
        "value", " for Member States and for researchers"]
    assert ["".join(t.text for t in i.iter(qn("w:t"))) for i in p.iter(qn("w:ins"))] == [
        "lasting worth"]


def annex_revisions():
    """Two drafts that differ only in their annex: a title, a word, an item, a paragraph."""
    before, after = sample_resolution(draft=True), sample_resolution(draft=True)
    annex = after.annexes[0]
    annex.title = "Records and access policy"
    annex.text = (annex.text
                  .replace("fifty years", "a hundred years")
                  .replace("documents of all sessions[^1]", "documents of every session[^1]")
                  .replace("2. Publish the documents of each session no later than the day the session opens.\n",
                           "")
                  .replace("# Part III: Resources\n",
                           "# Part III: Resources\n\nThe Standing Committee reviews the funding each year.\n"))
    return before, after


def test_a_revision_of_the_annex_alone_is_tracked_in_the_annex(opened):
    before, after = annex_revisions()
    doc = opened(build_redline(before, after, author="Secretariat", date=WHEN))
    changes = list(doc.document.element.body.iter(qn("w:ins"), qn("w:del")))
    assert changes, "a change to the annex alone must show"
    heading = doc.index("Annex to draft resolution")
    # Nothing before the annex is marked: the resolution's own text did not change.
    for p in doc.paragraphs[:heading]:
        assert not list(p._p.iter(qn("w:ins"), qn("w:del")))
    title = doc.paragraphs[heading + 1]._p
    assert ["".join(t.text for t in d.iter(qn("w:delText"))) for d in title.iter(qn("w:del"))] == ["ARCHIVES"]
    assert ["".join(t.text for t in i.iter(qn("w:t"))) for i in title.iter(qn("w:ins"))] == ["ACCESS"]
    kept = doc.find("Keep every issued document")
    assert "fifty" in "".join(t.text for t in kept._p.iter(qn("w:delText")))
    assert "hundred" in "".join(t.text for i in kept._p.iter(qn("w:ins")) for t in i.iter(qn("w:t")))
    added, = containing(doc, "reviews the funding each year", "w:t")
    assert added._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None
    assert added.style.name == "Body Text"


def test_a_removed_annex_list_item_stays_in_its_list_deleted(opened):
    before, after = annex_revisions()
    doc = opened(build_redline(before, after, author="Secretariat", date=WHEN))
    removed, = containing(doc, "Publish the documents of each session", "w:delText")
    assert removed._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
    assert removed.style.name == "List Number"
    first, third = doc.find("Keep every issued document"), doc.find("Give delegations a single place")
    assert doc.num(removed) == doc.num(first) == doc.num(third)
    assert doc.index("Keep every") < doc.paragraphs.index(removed) < doc.index("Give delegations")


def test_accepting_or_rejecting_annex_changes_gives_either_annex(opened):
    before, after = annex_revisions()
    data = build_redline(before, after, author="Secretariat", date=WHEN)
    accepted, rejected = resolved(opened, data, accept=True), resolved(opened, data, accept=False)
    assert accepted[accepted.index("RECORDS AND ARCHIVES POLICY"):] == body_of(opened, after)
    assert rejected[rejected.index("RECORDS AND ARCHIVES POLICY"):] == body_of(opened, before)


def test_an_added_annex_is_inserted_whole_and_a_removed_one_deleted(opened):
    before, after = sample_resolution(draft=True), sample_resolution(draft=True)
    after.annexes.append(Annex("Schedule of reviews", "- First review in 2011.\n- Second review in 2014."))
    doc = opened(build_redline(before, after, author="A", date=WHEN))
    for words in ("Annex II to draft resolution", "SCHEDULE OF REVIEWS", "First review in 2011."):
        p, = containing(doc, words, "w:t")
        assert p._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None
    back = opened(build_redline(after, before, author="A", date=WHEN))
    for words in ("SCHEDULE OF REVIEWS", "Second review in 2014."):
        p, = containing(back, words, "w:delText")
        assert p._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
    assert containing(back, "Second review", "w:delText")[0].style.name == "List Bullet"


def test_a_changed_annex_paragraph_keeps_its_footnote_in_place(opened):
    before, after = annex_revisions()
    doc = opened(build_redline(before, after, author="A", date=WHEN))
    item = doc.find("Give delegations a single place")._p
    children = [child for child in item if child.tag != qn("w:pPr")]
    reference = next(i for i, child in enumerate(children) if child.find(qn("w:footnoteReference")) is not None)
    assert "".join(t.text for t in children[reference + 1].iter(qn("w:t"))) == "."  # after "session", before "."
    notes = doc.document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    assert len([n for n in etree.fromstring(notes.blob).iter(qn("w:footnote")) if int(n.get(qn("w:id"))) > 0]) == 1


def test_an_annex_heading_that_reads_otherwise_changes_in_place(opened):
    before, after = sample_resolution(draft=True), sample_resolution()
    doc = opened(build_redline(before, after, author="A", date=WHEN))
    headings = [p for p in doc.paragraphs if p.style.name == "Annex heading"]
    assert len(headings) == 1  # not one deleted and one inserted, each on a page of its own
    p = headings[0]._p
    assert "".join(t.text for t in p.iter(qn("w:delText"))) == "draft resolution"
    assert p.find(f"{qn('w:pPr')}/{qn('w:rPr')}") is None  # its paragraph mark is kept
