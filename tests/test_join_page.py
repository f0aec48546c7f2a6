"""The join form as a plain page (``vision.server.join_page``): what a phone gets from the QR
link before any Streamlit, and what "Deltag" does."""

from __future__ import annotations

import re

import pytest
from tests.support.join_door import join_door
from vision import events, participants


@pytest.fixture
def door(store):
    with join_door(store) as client:
        yield client


def people(store) -> list[tuple]:
    return store.query("SELECT grp, unit FROM participants ORDER BY id")


def test_the_qr_link_gets_the_form_without_streamlit(door):
    page = door.get("/?e=tema17")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<html lang="da">' in html and "<script" not in html
    assert "Politisk temadag – Rammeaftale 2018" in html
    for label in ("Jeg deltager som", "Politiker", "Embedsmand", "Kommune eller organisation", "Dit bord", "Deltag"):
        assert label in html
    assert '<option>Aalborg</option>' in html
    assert 'action="/join?e=TEMA17&amp;lang=da"' in html
    # Streamlit's main files are fetched while the person fills in the form.
    assert re.search(r'<link rel="prefetch" href="/static/js/index\.[\w-]+\.js">', html)
    assert "script-src" not in page.headers["content-security-policy"]        # default-src 'none'
    # A phone that already joined, and every other address, go on to Streamlit.
    assert door.get("/?e=TEMA17&t=abc").text == "streamlit"
    assert door.get("/").text == "streamlit"


def test_deltag_joins_and_sends_the_phone_to_its_own_page(door, store):
    sent = door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg", "table": ""})
    assert sent.status_code == 303
    token = re.fullmatch(r"/\?e=TEMA17&t=([\w-]+)", sent.headers["location"]).group(1)
    assert people(store) == [("politiker", "Aalborg")]
    event, participant = participants.resolve(store, "TEMA17", token, "test")
    assert participant.grp == "politiker" and participant.unit == "Aalborg"


def test_a_refusal_keeps_the_choices_and_says_why_in_danish(door, store):
    no_group = door.post("/join?e=TEMA17", data={"unit": "Aalborg"})
    assert no_group.status_code == 422
    assert 'role="alert"' in no_group.text and "Vælg, hvilken gruppe du tilhører." in no_group.text
    assert "<option selected>Aalborg</option>" in no_group.text
    no_unit = door.post("/join?e=TEMA17", data={"grp": "embedsmand", "unit": "Ikke en kommune"})
    assert no_unit.status_code == 422 and "Vælg din kommune eller organisation fra listen." in no_unit.text
    assert 'value="embedsmand" checked' in no_unit.text
    assert people(store) == []


def test_a_table_is_kept_and_another_groups_table_is_refused(door, store):
    form = participants.join_form(store, "TEMA17")
    politicians = next(t for t in form.tables if t.audience == "politiker")
    officials = next(t for t in form.tables if t.audience == "embedsmand")
    wrong = door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg", "table": str(officials.table_no)})
    assert wrong.status_code == 422 and f'value="{officials.table_no}" selected' in wrong.text
    assert people(store) == []
    right = door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg", "table": str(politicians.table_no)})
    assert right.status_code == 303
    token = right.headers["location"].split("t=")[1]
    _event, participant = participants.resolve(store, "TEMA17", token, "test")
    assert store.query("SELECT table_no FROM participants WHERE id = ?", [participant.id])[0][0] == politicians.table_no


def test_english_all_the_way_to_the_phones_page(door):
    page = door.get("/?e=TEMA17&lang=en")
    assert '<html lang="en">' in page.text and "I take part as" in page.text and "Join" in page.text
    assert "We never ask for your name" in page.text
    sent = door.post("/join?e=TEMA17&lang=en", data={"grp": "andet", "unit": "Aalborg"})
    assert sent.status_code == 303 and sent.headers["location"].endswith("&lang=en")


def test_an_unknown_code_and_a_card_day_say_so(door, store):
    unknown = door.get("/?e=NOPE99")
    assert unknown.status_code == 404 and "Der findes ingen begivenhed med koden &#39;NOPE99&#39;" in unknown.text
    assert "<form" not in unknown.text
    events.create_event(store, "t", code="KORT26", title="Kortdag", join_mode="tokens")
    cards = door.get("/?e=KORT26")
    assert cards.status_code == 200 and "personlige QR-kort" in cards.text and "<form" not in cards.text
    refused = door.post("/join?e=KORT26", data={"grp": "politiker", "unit": "Aalborg"})
    assert refused.status_code == 422 and people(store) == []


def test_a_form_sent_from_another_site_is_refused(door, store):
    data = {"grp": "politiker", "unit": "Aalborg"}
    assert door.post("/join?e=TEMA17", data=data, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert door.post("/join?e=TEMA17", data=data, headers={"origin": "https://evil.example"}).status_code == 403
    assert people(store) == []
    same = door.post("/join?e=TEMA17", data=data, headers={"sec-fetch-site": "same-origin", "origin": "http://testserver"})
    assert same.status_code == 303


def test_text_from_the_event_is_escaped(door, store):
    events.create_event(store, "t", code="ESC26", title='<img src=x onerror=alert(1)> & "dag"')
    html = door.get("/?e=ESC26").text
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp;" in html


def test_a_join_the_disk_refuses_keeps_the_form_to_send_again(door, store, monkeypatch):
    from vision.store import StoreWriteError

    def refused(job, **kw):
        raise StoreWriteError("No space left on device")

    monkeypatch.setattr(store, "write", refused)
    sent = door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg"})
    assert sent.status_code == 503
    assert "serveren kan ikke skrive lige nu" in sent.text and "<option selected>Aalborg</option>" in sent.text
    monkeypatch.undo()
    assert door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg"}).status_code == 303
