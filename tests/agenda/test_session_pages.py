"""The session page a chair works from: title in words, officers, meetings in order."""
import re

from tests.conftest import csrf_token, login


def test_a_chair_names_the_officers_of_the_session(client, make):
    body = make.body("C", "Council")
    session = make.session(body, 93, kind="special")
    make.delegation("Kenya", iso3="KEN")
    make.delegation("Norway", iso3="NOR")
    make.delegation("Peru", iso3="PER")
    login(client, make.user("chair", bodies=("C",)).email)
    url = f"/sessions/{session}/officers"
    page = client.get(url).get_data(as_text=True)
    options = {name: value for value, name in re.findall(r'<option value="(\d+)">([^<]+)</option>', page)}
    token = csrf_token(client, url)

    # A delegation without a representative's name is refused, beside the field, keeping the rest.
    r = client.post(url, data={"csrf_token": token, "chairperson-person_name": "Ms A. Wanjiru",
                               "chairperson-delegation_id": options["Kenya"],
                               "vice_chairpersons-0-person_name": "", "vice_chairpersons-0-delegation_id": options["Peru"],
                               "rapporteur-person_name": "", "rapporteur-delegation_id": "0"})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert re.search(r'id="vice_chairpersons-0-person_name-error">Enter the name', page)
    assert 'value="Ms A. Wanjiru"' in page

    r = client.post(url, data={"csrf_token": token, "chairperson-person_name": "Ms A. Wanjiru",
                               "chairperson-delegation_id": options["Kenya"],
                               "vice_chairpersons-0-person_name": "Mr J. Quispe",
                               "vice_chairpersons-0-delegation_id": options["Peru"],
                               "vice_chairpersons-1-person_name": "", "vice_chairpersons-1-delegation_id": "0",
                               "rapporteur-person_name": "Ms K. Berg", "rapporteur-delegation_id": options["Norway"]})
    assert r.status_code == 302
    page = client.get(f"/sessions/{session}/agenda").get_data(as_text=True)  # the session is still there
    assert "Ninety-third (Special) Session" in page
    page = client.get(url).get_data(as_text=True)
    assert 'value="Mr J. Quispe"' in page and 'value="Ms K. Berg"' in page
    assert re.search(rf'<option selected value="{options["Kenya"]}">Kenya|<option value="{options["Kenya"]}" selected>',
                     page)


def test_a_meeting_is_edited_but_keeps_its_number(client, make):
    body = make.body("C", "Council")
    session = make.session(body, 93)
    meeting = make.meeting(session, number=481)
    login(client, make.user("chair", bodies=("C",)).email)
    url = f"/meetings/{meeting}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "A meeting keeps its number (481)" in page
    r = client.post(url, data={"csrf_token": csrf_token(client, url), "date": "2007-06-08", "venue": "Geneva",
                               "title": "Opening", "starts_at": "11:00", "ends_at": "10:00"})
    assert r.status_code == 422 and "cannot end before it starts" in r.get_data(as_text=True)
    r = client.post(url, data={"csrf_token": csrf_token(client, url), "date": "2007-06-08", "venue": "Geneva",
                               "title": "Opening", "starts_at": "10:00", "ends_at": "13:00"})
    assert r.status_code == 302
    page = client.get(f"/meetings/{meeting}").get_data(as_text=True)
    assert "481st meeting: Opening" in page and "8 June 2007" in page and "Geneva" in page


def test_only_the_bodys_officers_edit_officers_and_meetings(client, make):
    body = make.body("C", "Council")
    make.body("S", "Standing Committee", kind="standing_committee")
    session = make.session(body, 93)
    meeting = make.meeting(session, number=481)
    assert client.get(f"/sessions/{session}/officers").status_code == 401
    login(client, make.user("chair", bodies=("S",)).email)
    assert client.get(f"/sessions/{session}/officers").status_code == 403
    assert client.get(f"/meetings/{meeting}/edit").status_code == 403
