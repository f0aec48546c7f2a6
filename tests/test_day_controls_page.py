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


def test_the_organiser_runs_the_plenum_and_opens_the_vision_test(app_db):
    from tests.support.plenum_day import plenum_day
    from vision import plenum, screens

    day = plenum_day(app_db)
    events.open_round(app_db, "t", day.event_id, day.drafting)
    # The other track of the slot (the officials' mission) is still open when the vision test opens.
    mission = next(r.id for r in events.rounds(app_db, day.event_id) if r.kind == "drafting" and r.id != day.drafting
                   and "Mission" in r.title)
    events.open_round(app_db, "t", day.event_id, mission)
    at = run("pages/control.py", role="organiser", params={"event": "TEMA17"})
    at.button(key="plenum_start").click().run()
    assert not at.exception, at.exception
    assert screens.choice(day.event_id) == screens.PLENUM
    view = plenum.view(app_db, day.event_id)
    assert view.round.id == day.drafting and view.group.focus_area_id is None
    at.button(key="plenum_next").click().run()
    assert plenum.view(app_db, day.event_id).group.focus_area_id is not None
    mode = next(w for w in at.get("button_group") if str(w.key).startswith("plenum_mode"))
    mode.set_value("single").run()
    assert plenum.view(app_db, day.event_id).draft is not None, "one draft at a time"
    at.button(key="plenum_open").click().run()
    assert not at.exception, at.exception
    rounds = {r.id: r for r in events.rounds(app_db, day.event_id)}
    assert rounds[day.scoring].is_open and rounds[day.drafting].status == "closed"
    assert screens.choice(day.event_id) == day.scoring, "the big screen shows the vision test, not the open track"
    screens.forget(day.event_id)


def test_the_big_screen_shows_the_plenum_group_with_its_focus_area_heading(app_db):
    from tests.support.plenum_day import plenum_day
    from vision import plenum, screens

    day = plenum_day(app_db)
    plenum.start(app_db, "t", day.event_id, day.drafting)
    plenum.step(app_db, "t", day.event_id, 1)
    screens.set_choice(day.event_id, screens.PLENUM)
    try:
        at = run("pages/projector.py", role="organiser", params={"event": "TEMA17"})
        assert not at.exception, at.exception
        page = " ".join(str(h.proto.body) for h in at.get("html"))
        area = plenum.view(app_db, day.event_id).group
        assert f">{area.title}</h1>" in page.replace("&amp;", "&")
        assert all(d.text in page for d in area.drafts)
    finally:
        screens.forget(day.event_id)


def test_the_big_screen_shows_the_programme_between_rounds(app_db):
    ev = events.get_event(app_db, "TEMA17")
    programme.set_now(app_db, "t", ev.id, 2)
    at = run("pages/projector.py", role="organiser", params={"event": "TEMA17"})
    assert not at.exception, at.exception
    page = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "Dagens program" in page and "aria-current='step'" in page
    assert "Udfordringer og paradokser" in page
