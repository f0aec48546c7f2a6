"""The control page's programme and plenum controls, and what a waiting phone shows, in
AppTest runs of the real pages."""

from __future__ import annotations

from tests.apptest import run, texts
from vision import events, participants, programme


def test_the_organiser_moves_now_with_the_buttons_and_the_choice(app_db):
    ev = events.get_event(app_db, "TEMA17")
    at = run("pages/control.py", role="organiser", params={"event": "TEMA17"})
    assert not at.exception, at.exception
    assert "intet punkt er markeret endnu" in texts(at)
    assert at.button(key="prog_back").disabled
    at.button(key="prog_next").click().run()
    assert programme.now_position(app_db, ev.id) == 0
    at.button(key="prog_next").click().run()
    assert programme.now_position(app_db, ev.id) == 1
    assert "Præsentation af dagen" in texts(at)
    at.button(key="prog_back").click().run()
    assert programme.now_position(app_db, ev.id) == 0
    pick = next(s for s in at.selectbox if s.label == "Punkt i programmet")
    pick.set_value(6).run()
    assert programme.now_position(app_db, ev.id) == 6
    assert at.button(key="prog_next").disabled, "no next item after the last"
    assert not at.exception


def test_a_waiting_phone_shows_the_programme_with_now_marked(app_db):
    ev = events.get_event(app_db, "TEMA17")
    token = participants.join_open(app_db, ev, "politiker", "Aalborg")
    programme.set_now(app_db, "t", ev.id, 3)
    at = run("pages/vote.py", params={"e": "TEMA17", "t": token})
    assert not at.exception, at.exception
    assert "Dagens program" in texts(at)
    assert "Nu: Gruppedrøftelser: Runde 1" in texts(at)
    page = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "aria-current='step'" in page and "Gruppedrøftelser: Runde 1" in page
