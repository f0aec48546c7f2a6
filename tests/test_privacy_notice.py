"""The privacy notice one tap from the join screen: the controller set per event, what is
stored and not, when the link to phones and the answers are deleted, the rights."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.apptest import app_db, run, texts  # noqa: F401  (fixture)
from tests.support.join_door import join_door
from vision import events, participants
from vision.errors import UserError


def test_the_controller_is_set_per_event_with_every_invalid_field_named(store):
    ev = events.get_event(store, "VISION20")
    with pytest.raises(events.FieldErrors) as err:
        events.set_privacy(store, "anna", ev.id, controller=" ", contact="", token_days=0, retention_days=10)
    assert [p.text("da") for p in err.value.problems] == [
        "Dataansvarlig: skriv, hvem der er dataansvarlig.", "Kontakt: skriv en e-mail eller et telefonnummer.",
        "Deltagerkoder slettes efter: et helt antal dage mellem 1 og 365."]
    with pytest.raises(UserError):
        events.set_privacy(store, "anna", ev.id, controller="Aalborg Kommune", contact="x@aalborg.dk",
                           token_days=60, retention_days=30)
    events.set_privacy(store, "anna", ev.id, controller="Aalborg Kommune", contact="sekretariat@aalborg.dk",
                       dpo_contact="dpo@aalborg.dk", token_days=14, retention_days=400)
    notice = events.privacy_notice(store, "vision20")
    assert notice.facts == events.PrivacyFacts("Aalborg Kommune", "sekretariat@aalborg.dk", "dpo@aalborg.dk", 14, 400)
    assert notice.tokens_deleted_by == ev.event_date + dt.timedelta(days=14)
    assert notice.deleted_by == ev.event_date + dt.timedelta(days=400)
    assert events.audit_log(store, ev.id)[0][2] == "set_privacy"


def test_a_copy_keeps_the_controller_and_a_delete_removes_it(store):
    ev = events.get_event(store, "VISION20")
    events.set_privacy(store, "anna", ev.id, controller="Aalborg Kommune", contact="s@aalborg.dk")
    new_id = events.copy_event(store, "anna", "VISION20", "VISION22", "Visionsdag 2022")
    assert events.privacy_facts(store, new_id).controller == "Aalborg Kommune"
    events.delete_event(store, "anna", new_id, "VISION22")
    assert store.query_one("SELECT count(*) FROM event_privacy WHERE event_id = ?", [new_id])[0] == 0


def test_the_join_screen_links_to_the_notice_and_says_pseudonymous(app_db):
    with join_door(app_db) as door:
        body = door.get("/?e=VISION20").text
    assert '<a href="/privacy?e=VISION20&amp;lang=da" target="_blank" rel="noopener">Sådan behandler vi dine svar (privatlivserklæring)</a>' in body
    assert "anonym" not in body.replace("ikke anonyme", "")
    assert "pseudonyme" in body


def test_the_notice_names_controller_storage_deletion_and_rights(app_db):
    ev = events.get_event(app_db, "VISION20")
    events.set_privacy(app_db, "anna", ev.id, controller="Aalborg Kommune, Sekretariatet for Nordjysk Socialaftale",
                       contact="socialaftale@aalborg.dk", token_days=30, retention_days=365)
    at = run("pages/privacy.py", params={"e": "VISION20", "t": "abc"})
    assert not at.exception
    body = texts(at).replace("\\", "")          # organisers' text is shown literally (markdown escaped)
    assert "Aalborg Kommune, Sekretariatet for Nordjysk Socialaftale" in body
    assert "socialaftale@aalborg.dk" in body
    assert "pseudonyme, ikke anonyme" in body
    assert "Vi gemmer ikke dit navn" in body
    tokens_by = (ev.event_date + dt.timedelta(days=30)).strftime("%d.%m.%Y")
    assert f"slettes senest {tokens_by}" in body
    assert "Datatilsynet" in body and "artikel 15-21" in body
    assert "(/?e=VISION20&t=abc)" in body, "a link back to the phone's own join page"
    english = texts(run("pages/privacy.py", params={"e": "VISION20", "t": "abc", "lang": "en"}))
    assert "(/?e=VISION20&t=abc&lang=en)" in english, "back to the phone's page in the reader's language"


def test_without_a_controller_the_notice_says_so(app_db):
    at = run("pages/privacy.py", params={"e": "TEMA17"})
    assert any("endnu ikke oplyst, hvem der er dataansvarlig" in w.value for w in at.warning)


def test_a_card_holders_page_says_pseudonymous_and_links_to_the_notice(app_db):
    """A personal QR card opens the phone's own page and skips the join form: the page itself
    says what the answers are stored with, and the notice is one tap away (GDPR art. 13)."""
    ev = events.get_event(app_db, "VISION20")
    events.update_event(app_db, "anna", ev.id, join_mode="tokens")
    token = participants.generate_tokens(app_db, "anna", ev.id, [("politiker", "Aalborg", 3)])[0]
    at = run("pages/vote.py", params={"e": "VISION20", "t": token})
    assert not at.exception, [e.value for e in at.exception]
    header = at.caption[0].value
    assert "pseudonyme, ikke anonyme" in header and "gruppe" in header and "kommune" in header
    assert "Ingen kan se" not in texts(at), "answers with a group and a municipality can point to one person"
    assert f"(/privacy?e=VISION20&t={token})" in header
    assert "Sådan behandler vi dine svar (privatlivserklæring)" in header
    english = run("pages/vote.py", params={"e": "VISION20", "t": token, "lang": "en"})
    assert f"(/privacy?e=VISION20&t={token}&lang=en)" in english.caption[0].value
    assert "pseudonymous, not anonymous" in english.caption[0].value


def test_the_notice_gives_the_legal_basis_for_the_controller_to_confirm(app_db):
    """GDPR art. 13(1)(c): the public-authority task, and for political opinions the
    substantial public interest of art. 9(2)(g) with the Danish act's section 7(4)."""
    for params in ({"e": "VISION20"}, {}):
        body = texts(run("pages/privacy.py", params=params))
        assert "Hvorfor må vi behandle dine svar?" in body
        assert "artikel 6, stk. 1, litra e" in body
        assert "artikel 9, stk. 2, litra g, jf. databeskyttelseslovens § 7, stk. 4" in body
        assert "Den dataansvarlige bekræfter retsgrundlaget for dagen." in body
    assert events.privacy_notice(app_db, "VISION20").legal_basis.startswith("Kommunen eller regionen")
