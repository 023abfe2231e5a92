"""The pages: a delegation's focal point registers, changes and withdraws its people on the session's
participants page; the secretariat approves them (asked first); the credentials page lists every
delegation on the body, takes a delegation's letter and lets the secretariat accept it."""
from __future__ import annotations

import re

from werkzeug.datastructures import FileStorage

from tests.conftest import confirmed, csrf_token, hidden_fields, login, row_counts
from tests.documents.real_papers import pdf_paper, word_paper
from tests.participants.conftest import delegation_id, register


def page(council) -> str:
    return f"/sessions/{council['session']}/participants"


def logged_in(app, council, who):
    client = app.test_client()
    assert login(client, council[who].email).status_code == 302
    return client


def form_fields(client, council, **fields) -> dict:
    return {"csrf_token": csrf_token(client, page(council)), "name": "Mr. Tomas Brandt",
            "title": "Minister Counsellor", "function": "alternate", "email": "", **fields}


def test_the_session_page_links_to_the_participants_and_the_public_sees_approved_names_only(app, client, council):
    head = register(client, council, email="velde@estmark.example").get_json()
    register(client, council, name="Mr. Still Pending", function="adviser")
    client.post(f"/api/v1/participants/{head['id']}/approve", headers=council["secretariat"].headers)
    session_page = client.get(f"/sessions/{council['session']}").get_data(as_text=True)
    assert f'href="{page(council)}"' in session_page
    assert "/credentials" not in session_page  # the credentials page is not the public's
    html = client.get(page(council)).get_data(as_text=True)
    assert "H.E. Ms. Amara Velde" in html and "Ambassador" in html and "Member States" in html
    assert "Still Pending" not in html and "velde@estmark.example" not in html
    assert "<form" not in html.split("<main", 1)[-1]  # nothing to register or approve for the public
    assert client.post(page(council), data={"name": "x"}).status_code in (400, 401)


def test_a_delegate_registers_on_the_page_and_sees_its_pending_entry(app, council):
    estmark = logged_in(app, council, "estmark")
    html = estmark.get(page(council)).get_data(as_text=True)
    assert "Register a participant for Estmark" in html
    r = estmark.post(page(council), data=form_fields(estmark, council, email="Brandt@Estmark.example"))
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    html = estmark.get(page(council)).get_data(as_text=True)
    assert "Mr. Tomas Brandt is registered for Estmark, pending the secretariat" in html
    assert re.search(r"Mr\. Tomas Brandt, Minister Counsellor\s*<strong class=\"pending\">\(pending approval\)",
                     html)
    assert "brandt@estmark.example" in html
    # Another delegation sees none of it.
    galdorra = logged_in(app, council, "galdorra")
    assert "Tomas Brandt" not in galdorra.get(page(council)).get_data(as_text=True)


def test_a_refused_registration_says_why_beside_the_field_and_saves_nothing(app, council):
    estmark = logged_in(app, council, "estmark")
    before = row_counts(app)
    for fields, error in (({"name": ""}, 'id="name-error"'), ({"email": "not an address"}, 'id="email-error"'),
                          ({"function": "chief"}, 'id="function-error"')):
        r = estmark.post(page(council), data=form_fields(estmark, council, **fields))
        assert r.status_code == 422 and error in r.get_data(as_text=True), fields
    assert row_counts(app) == before
    register(estmark, council, who="estmark")  # the head, through the API
    r = estmark.post(page(council), data=form_fields(estmark, council, name="Mr. Second Head", function="head"))
    assert r.status_code == 422 and "heads the delegation" in r.get_data(as_text=True)


def test_a_delegate_changes_an_approved_entry_and_it_waits_for_approval_again(app, client, council):
    head = register(client, council).get_json()
    client.post(f"/api/v1/participants/{head['id']}/approve", headers=council["secretariat"].headers)
    estmark, galdorra = logged_in(app, council, "estmark"), logged_in(app, council, "galdorra")
    edit = f"/participants/{head['id']}/edit"
    assert galdorra.get(edit).status_code == 403  # approved: seen by all, changed by its delegation only
    html = estmark.get(edit).get_data(as_text=True)
    assert "takes this entry off the public list" in html and 'value="H.E. Ms. Amara Velde"' in html
    r = estmark.post(edit, data={**hidden_fields(estmark, edit), "name": "H.E. Ms. Amara Velde",
                                 "title": "Ambassador, Permanent Representative", "function": "head", "email": ""},
                     follow_redirects=True)
    assert "waits for the secretariat&#39;s approval again" in r.get_data(as_text=True)
    assert "Amara Velde" not in client.get(page(council)).get_data(as_text=True)
    # Pending again, another delegation does not even see it.
    assert galdorra.get(edit).status_code == 404


def test_withdrawing_asks_first(app, client, council):
    head = register(client, council).get_json()
    estmark = logged_in(app, council, "estmark")
    action = f"/participants/{head['id']}/withdraw"
    unconfirmed = {"csrf_token": hidden_fields(estmark, page(council), action)["csrf_token"]}
    r = estmark.post(action, data=unconfirmed)
    assert r.status_code == 200 and "Withdraw H.E. Ms. Amara Velde from the list of participants?" in r.get_data(as_text=True)
    assert "Amara Velde" in estmark.get(page(council)).get_data(as_text=True)
    r = estmark.post(action, data=confirmed(estmark, page(council), action), follow_redirects=True)
    assert "was withdrawn from the list of participants" in r.get_data(as_text=True)
    assert client.get(f"/api/v1/sessions/{council['session']}/participants",
                      headers=council["secretariat"].headers).get_json()["items"] == []


def test_the_secretariat_approves_on_the_page(app, client, council):
    head = register(client, council).get_json()
    staff = logged_in(app, council, "secretariat")
    html = staff.get(page(council)).get_data(as_text=True)
    assert "1 participant waits for approval." in html
    action = f"/participants/{head['id']}/approve"
    assert 'data-confirm="Approve H.E. Ms. Amara Velde (Estmark)?"' in html
    r = staff.post(action, data=confirmed(staff, page(council), action), follow_redirects=True)
    assert "is approved: on the public list" in r.get_data(as_text=True)
    assert "H.E. Ms. Amara Velde" in client.get(page(council)).get_data(as_text=True)
    # A delegate has no approve button, and the route refuses it.
    estmark = logged_in(app, council, "estmark")
    assert f'action="{action}"' not in estmark.get(page(council)).get_data(as_text=True)
    assert estmark.post(action, data={"csrf_token": csrf_token(estmark, page(council)), "confirmed": "yes"}
                        ).status_code == 403


def credentials_page(council) -> str:
    return f"/sessions/{council['session']}/credentials"


def upload(client, council, app, data: bytes, name="Estmark", filename="letter.pdf"):
    action = f"/sessions/{council['session']}/credentials/{delegation_id(app, name)}"
    fields = hidden_fields(client, credentials_page(council), action)
    return client.post(action, data={**fields, "file": FileStorage(stream=__import__("io").BytesIO(data),
                                                                   filename=filename)},
                       content_type="multipart/form-data")


def test_the_credentials_page_takes_the_letter_and_the_secretariat_accepts_it(app, council):
    estmark = logged_in(app, council, "estmark")
    html = estmark.get(credentials_page(council)).get_data(as_text=True)
    for name in ("Estmark", "Galdorra", "Zephyria", "United Nations Refugee Agency"):
        assert f'<th scope="row">{name}</th>' in html
    assert "Farland" not in html
    assert html.count('enctype="multipart/form-data"') == 1  # its own row only
    r = upload(estmark, council, app, word_paper("Credentials in Word"), filename="letter.pdf")
    assert r.status_code == 415 and "Send the letter as a PDF." in r.get_data(as_text=True)
    letter = pdf_paper("Letter of credentials of Estmark")
    r = upload(estmark, council, app, letter)
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    html = estmark.get(credentials_page(council)).get_data(as_text=True)
    assert "The credentials of Estmark are received." in html
    download = f"/sessions/{council['session']}/credentials/{delegation_id(app, 'Estmark')}.pdf"
    assert f'href="{download}"' in html
    assert estmark.get(download).data == letter
    galdorra = logged_in(app, council, "galdorra")
    assert f'href="{download}"' not in galdorra.get(credentials_page(council)).get_data(as_text=True)
    assert galdorra.get(download).status_code == 403

    staff = logged_in(app, council, "secretariat")
    html = staff.get(credentials_page(council)).get_data(as_text=True)
    assert html.count('enctype="multipart/form-data"') == 8  # the secretariat may send any letter
    action = f"/sessions/{council['session']}/credentials/{delegation_id(app, 'Estmark')}/accept"
    r = staff.post(action, data=confirmed(staff, credentials_page(council), action), follow_redirects=True)
    assert "The credentials of Estmark are accepted." in r.get_data(as_text=True)
    row = re.search(r'<tr id="credentials-\d+">\s*<th scope="row">Estmark</th>\s*<td>([^<]*)', r.get_data(as_text=True))
    assert row.group(1).strip() == "Accepted"
    assert "Not received: <strong>7</strong> · Received: <strong>0</strong> · Accepted: <strong>1</strong>" in \
        r.get_data(as_text=True)


def test_the_public_does_not_see_the_credentials_page(client, council):
    r = client.get(credentials_page(council))
    assert r.status_code in (302, 401) and "/login" in r.headers.get("Location", "/login")


def test_the_public_page_gives_no_cookie_and_is_kept_for_the_next_reader(client, council):
    url = page(council)
    first = client.get(url)
    assert first.status_code == 200 and "Set-Cookie" not in first.headers and first.headers.get("ETag")
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    head = register(client, council).get_json()
    client.post(f"/api/v1/participants/{head['id']}/approve", headers=council["secretariat"].headers)
    changed = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "H.E. Ms. Amara Velde" in changed.get_data(as_text=True)
