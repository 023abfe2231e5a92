"""Speaking statistics: every figure recomputed from the interventions the fixture posted."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict

from tests.conftest import login

KINDS = {"Kenya": "Member States", "Peru": "Member States", "Holy See": "Observer States",
         "UNHCR": "United Nations entities", "Caritas": "Non-governmental organizations",
         "Secretariat": "Secretariat"}


def _csv(client, url) -> dict[tuple[str, str], tuple[int, int]]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return {(r["table"], r["label"]): (int(r["interventions"]), int(r["speaking_seconds"]))
            for r in csv.DictReader(io.StringIO(response.data.decode()))}


def _expected(interventions, meetings):
    counts, seconds, kinds = Counter(), defaultdict(int), Counter()
    for i in interventions:
        if i["meeting"] in meetings:
            counts[i["delegation"]] += 1
            seconds[i["delegation"]] += i["minutes"] * 60
            kinds[KINDS[i["delegation"]]] += 1
    return counts, seconds, kinds


def test_session_figures_match_the_interventions(client, world):
    login(client, world.staff.email)
    got = _csv(client, f"/sessions/{world.session}/statistics.csv")
    counts, seconds, kinds = _expected(world.interventions, world.meetings[:2])
    for name, n in counts.items():
        assert got[("delegation", name)] == (n, seconds[name])
    for kind, n in kinds.items():
        assert got[("delegation_kind", kind)][0] == n
    assert got[("delegation", "Kenya")] == (2, 540)
    labels = {world.items[0]: "1. Opening", world.items[1]: "2. Strategy", None: "No agenda item"}
    by_item = Counter()
    for i in world.interventions:
        if i["meeting"] in world.meetings[:2]:
            by_item[labels[i["item"]]] += i["minutes"] * 60
    assert {k[1]: v[1] for k, v in got.items() if k[0] == "agenda_item"} == dict(by_item)
    assert got[("agenda_item", "1. Opening")] == (3, (5 + 3 + 2) * 60)
    # The other session's meeting is not counted.
    assert sum(v[0] for (table, _), v in got.items() if table == "delegation") == 7


def test_the_public_counts_only_published_meetings(client, world):
    got = _csv(client, f"/sessions/{world.session}/statistics.csv")
    counts, seconds, _ = _expected(world.interventions, world.meetings[:1])
    assert {k[1]: v for k, v in got.items() if k[0] == "delegation"} == {n: (c, seconds[n]) for n, c in counts.items()}
    page = client.get(f"/sessions/{world.session}/statistics").data.decode()
    assert re.search(r'id="total-interventions">5<', page)


def test_body_trend_across_sessions(client, world):
    login(client, world.staff.email)
    got = _csv(client, f"/bodies/{world.body}/statistics.csv")
    assert got[("session", "Ninety-second Session")] == (1, 420)
    assert got[("session", "Ninety-third Session")] == (7, 23 * 60)
    page = client.get(f"/bodies/{world.body}/statistics").data.decode()
    assert 'id="chart-trend"' in page


def test_meeting_page_has_accessible_charts_with_their_tables(client, world):
    login(client, world.staff.email)
    page = client.get(f"/meetings/{world.meetings[0]}/statistics").data.decode()
    for key in ("delegation", "time", "item", "kind"):
        svg = re.search(rf'<svg[^>]*id="chart-{key}"[^>]*>(.*?)</svg>', page, re.S)
        assert svg and 'role="img"' in svg.group(0) and f'aria-labelledby="chart-{key}-t chart-{key}-d"' in svg.group(0)
        assert f'<title id="chart-{key}-t">' in svg.group(1) and f'<desc id="chart-{key}-d">' in svg.group(1)
        assert f'id="table-{key}"' in page
    desc = re.search(r'<desc id="chart-delegation-d">([^<]*)</desc>', page).group(1)
    assert "Kenya: 2" in desc and "UNHCR: 1" in desc
    minutes = re.search(r'<desc id="chart-time-d">([^<]*)</desc>', page).group(1)
    assert minutes.startswith("Kenya: 9 min; UNHCR: 6 min")
    # A longer bar for more interventions: Kenya's bar is twice Peru's.
    bars = [float(w) for w in re.findall(r'<rect[^>]*width="([\d.]+)"', re.search(
        r'<svg[^>]*id="chart-delegation".*?</svg>', page, re.S).group(0))]
    assert bars[0] == 2 * bars[1]
    assert "Download CSV" in page and "style=" not in page.split("<main")[1]


def test_the_meeting_page_links_its_statistics(client, world):
    page = client.get(f"/meetings/{world.meetings[0]}").data.decode()
    assert f"/meetings/{world.meetings[0]}/statistics" in page


def test_unknown_scope_is_404(client, world):
    for url in ("/meetings/999/statistics", "/sessions/999/statistics.csv", "/bodies/999/statistics"):
        assert client.get(url).status_code == 404


def test_untimed_interventions_are_counted_without_a_time_chart(client, world, make):
    import datetime as dt

    from tests.delegations.conftest import post

    session = make.session(world.other_body, 1, starts_on=dt.date(2008, 1, 1))
    meeting = post(client, f"/api/v1/sessions/{session}/meetings", world.staff.headers, {"date": "2008-01-02"})["id"]
    post(client, f"/api/v1/meetings/{meeting}/interventions", world.staff.headers,
         {"delegation": "Peru", "points": ["Untimed"]})
    login(client, world.staff.email)
    page = client.get(f"/meetings/{meeting}/statistics").data.decode()
    assert re.search(r'id="total-interventions">1<', page) and "not timed" in page
    assert 'id="chart-delegation"' in page and 'id="chart-time"' not in page
