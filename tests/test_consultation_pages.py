"""The consultation pages in AppTest: a body's answer page and the secretariat's overview."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.apptest import run, texts
from vision import consultation as cons
from vision import events


@pytest.fixture
def demo(app_db):
    cons.seed_demo(app_db)
    event = events.get_event(app_db, "VISION20")
    c = cons.for_event(app_db, event.id)
    cons.set_deadline(app_db, "sek", c, dt.date.today() + dt.timedelta(days=5))
    return app_db, cons.for_event(app_db, event.id)


def test_a_body_saves_a_draft_that_a_new_visit_finds_then_sends(demo):
    store, c = demo
    body = cons.bodies(store, c)[2]
    at = run("app.py", params={"h": body.token})
    assert not at.exception
    assert "Svar fra Frederikshavn" in texts(at)
    assert len(at.text_area) == 14
    at.text_area[0].input("Vi ønsker et fælles fokus på egenmestring")
    at.button(key="FormSubmitter:answer-Gem kladde").click().run()
    assert "Kladden er gemt" in texts(at)
    again = run("app.py", params={"h": body.token})          # a reload: a new session
    assert again.text_area[0].value == "Vi ønsker et fælles fokus på egenmestring"
    assert "gemt kladde" in texts(again)
    again.text_area[1].input("Kortere ordlyd")
    again.button(key="FormSubmitter:answer-Send svar").click().run()
    assert "Svaret er sendt" in texts(again)
    assert cons.progress(store, c).summary() == "1 af 12 har svaret"


def test_after_the_deadline_the_page_is_read_only(demo):
    store, c = demo
    body = cons.bodies(store, c)[0]
    t = cons.topics(store, c)
    cons.save_answer(store, body.token, {t[0].key: "Vores svar"}, send=True)
    cons.set_deadline(store, "sek", c, dt.date.today() - dt.timedelta(days=1))
    at = run("app.py", params={"h": body.token})
    assert "Svaret kan ikke længere ændres" in texts(at)
    assert len(at.text_area) == 0 and "Vores svar" in texts(at)


def test_an_unknown_link_is_told_so_in_danish(demo):
    at = run("app.py", params={"h": "ukendt-kode-ukendt-kode"})
    assert "Linket er ukendt" in texts(at)
    assert not at.text_area


def test_the_secretariat_sees_who_answered_and_the_reminder(demo):
    store, c = demo
    t = cons.topics(store, c)
    for b in cons.bodies(store, c)[:7]:
        cons.save_answer(store, b.token, {t[0].key: f"Svar fra {b.name}"}, send=True)
    at = run("pages/consultation.py", params={"event": "VISION20"}, role="secretariat")
    assert not at.exception
    assert "7 af 12 har svaret" in [m.value for m in at.metric]
    missing = cons.progress(store, c).missing
    reminder = at.code[0].value
    assert all(b.token in reminder for b in missing) and cons.bodies(store, c)[0].token not in reminder
    assert "sender ingen mails" in texts(at)


def test_the_page_is_closed_to_visitors(demo):
    at = run("pages/consultation.py", params={"event": "VISION20"})
    assert "kun for sekretariatet" in texts(at)


@pytest.mark.parametrize("role,allowed", [(None, set()), ("organiser", {"pages/consultation.py"}),
                                          ("secretariat", {"pages/consultation.py", "pages/process.py"})])
def test_the_new_pages_exist_only_for_their_roles(demo, role, allowed):
    for script in ("pages/consultation.py", "pages/process.py"):
        at = run("app.py", role=role)
        if script in allowed:
            at.switch_page(script).run()
            assert not at.exception, (script, at.exception)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(script)


def test_a_body_link_shows_the_answer_page_only_even_to_staff(demo):
    store, c = demo
    at = run("app.py", role="secretariat", params={"h": cons.bodies(store, c)[0].token})
    assert not at.exception and not at.get("page_link")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/consultation.py")
