"""A resolution side by side in two languages (/resolutions/{id}/side-by-side?left=en&right=fr): each
part beside its translation, operative paragraphs and their sub-points numbered alike; a version not
added yet shown as missing, naming its language; seen by whoever sees the resolution."""
from __future__ import annotations

import html
import re

from tests.conftest import login
from tests.resolutions.conftest import create
from tests.resolutions.test_translations import adopted, in_three, translate  # noqa: F401 (a fixture)
from tests.resolutions.three_languages import FRENCH


def rows(page: str) -> dict[str, list[str]]:
    """Each row's key and the text of its two cells, tags dropped."""
    found = {}
    for key, body in re.findall(r'<div class="sbs-row" role="row" data-key="([^"]+)">(.*?)\n  </div>', page, re.S):
        cells = re.split(r'<div[^>]*role="cell">', body)[1:]
        found[key] = [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", c).split())) for c in cells]
    return found


def test_operative_paragraphs_and_sub_points_line_up(client, council, in_three):
    r = client.get(f"/resolutions/{in_three}/side-by-side?left=en&right=fr")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    found = rows(page)
    for n in range(1, 6):
        english, french = found[f"operative-1-{n}"]
        assert english.startswith(f"English {n}. To ") and french.startswith(f"French {n}. ")
    english, french = found["operative-1-2"]
    assert "(a) the purposes" in english and "(b) the services" in english
    assert "(a) les buts" in french and "(b) les services" in french
    assert [key for key in found if key.startswith("preamble-1-")] == [f"preamble-1-{n}" for n in range(1, 6)]
    assert "Rappelant" in found["preamble-1-2"][1] and "Recalling" in found["preamble-1-2"][0]
    assert "DOCUMENT DE STRATÉGIE" in found["annex-1-1"][1]
    assert 'lang="fr"' in page and "sbs-missing" not in page
    # The Spanish beside the French, chosen with the page's own selectors (a GET form).
    page = client.get(f"/resolutions/{in_three}/side-by-side?left=fr&right=es").get_data(as_text=True)
    assert '<label for="sbs-left">Left</label>' in page and '<option value="es" selected>Spanish</option>' in page
    assert rows(page)["operative-1-5"] == ["French 5. De réexaminer la stratégie dans quatre ans.",
                                           "Spanish 5. Examinar la estrategia dentro de cuatro años."]


def test_a_version_not_added_is_shown_missing(client, council):
    rid = adopted(client, council)
    translate(client, council.secretariat, rid, FRENCH)
    detail = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert f"/resolutions/{rid}/side-by-side" in detail  # linked once a translation exists
    r = client.get(f"/resolutions/{rid}/side-by-side?left=en&right=es")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "No Spanish version of this resolution has been added yet." in page
    assert '<option value="es" selected>Spanish (missing)</option>' in page
    english, spanish = rows(page)["operative-1-1"]
    assert english.startswith("English 1. To thank") and spanish == "Spanish Missing"
    # Without a choice: the original beside the first version that exists.
    page = client.get(f"/resolutions/{rid}/side-by-side").get_data(as_text=True)
    assert rows(page)["operative-1-1"][1].startswith("French 1. De remercier")
    assert client.get(f"/resolutions/{rid}/side-by-side?right=de").status_code == 404


def test_a_draft_side_by_side_is_seen_only_by_who_sees_the_draft(client, council, make):
    rid = create(client, council, title="Training of harbour pilots").get_json()["id"]
    assert client.get(f"/resolutions/{rid}/side-by-side").status_code == 404  # anonymous
    login(client, council.secretariat.email)
    detail = client.get(f"/resolutions/{rid}")
    assert f"/resolutions/{rid}/side-by-side" not in detail.get_data(as_text=True)  # nothing to put beside it
    r = client.get(f"/resolutions/{rid}/side-by-side")
    assert r.status_code == 200
    assert "A draft has no French version: a resolution is translated once adopted." in r.get_data(as_text=True)
