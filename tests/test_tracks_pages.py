"""Tracks and tables on the pages (AppTest): the join with a table pick, the phone of each
group in an open slot, the table chair's button, and the control page's tracks side by side."""

from __future__ import annotations

from tests.apptest import run, texts
from tests.support.join_door import join_door
from vision import events, participants, tables
from vision.events import tracks


def test_joining_picks_a_table_of_the_own_group(app_db):
    with join_door(app_db) as door:
        page = door.get("/?e=TEMA17").text
        first = page.index('<select id="table"')
        assert page.index("Bord 1 · Embedsmænd · Borgerens egenmestring (Embedsmand)", first) > first
        refused = door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg", "table": "2"})
        assert refused.status_code == 422 and "Bord 2 er ikke et bord for din gruppe" in refused.text
        assert app_db.query("SELECT count(*) FROM participants")[0][0] == 0, "a refused join joins nobody"
        joined = door.post("/join?e=TEMA17", data={"grp": "politiker", "unit": "Aalborg", "table": "7"})
    token = joined.headers["location"].split("t=")[1]
    _, p = participants.resolve(app_db, "TEMA17", token)
    assert tables.table_of(app_db, p).table_no == 7


def test_an_event_without_tables_asks_for_none(app_db):
    with join_door(app_db) as door:
        page = door.get("/?e=VISION20").text
    assert 'id="unit"' in page and 'id="table"' not in page and "Dit bord" not in page


def test_each_phone_in_an_open_slot_draws_its_own_track_and_the_chair_button(app_db):
    ev = events.get_event(app_db, "TEMA17")
    tracks.open_slot(app_db, "anna", ev.id, 1)
    pol = participants.join_open(app_db, ev, "politiker", "Aalborg", 5)
    off = participants.join_open(app_db, ev, "embedsmand", "Aalborg", 1)
    at = run("pages/vote.py", params={"e": "TEMA17", "t": pol})
    headers = [h.value.replace("\\", "") for h in at.header]
    assert headers == ["Runde 1 · Politikere: Hvilken balance ønsker vi mellem paradoksernes to mål?",
                       "Runde 1 · Politikere: Vision for det specialiserede socialområde"]
    at.button(key="chair_take").click().run()
    assert "Du er bordformand" in texts(at)
    second = participants.join_open(app_db, ev, "politiker", "Aalborg", 5)
    other = run("pages/vote.py", params={"e": "TEMA17", "t": second})
    assert "Bordet har en bordformand på en anden telefon." in texts(other)
    at = run("pages/vote.py", params={"e": "TEMA17", "t": off})
    assert [h.value.replace("\\", "") for h in at.header] == [
        "Runde 1 · Embedsmænd: Udfordringer ift. udvalgte fokusområder"]


def test_the_control_page_opens_a_slot_with_one_button_and_shows_its_tracks_side_by_side(app_db):
    ev = events.get_event(app_db, "TEMA17")
    at = run("pages/control.py", params={"event": "TEMA17"}, role="organiser")
    assert not at.exception, [e.value for e in at.exception]
    assert "Tidsrum 1: 3 spor side om side" in texts(at)
    assert "Tidsrum 2: 2 spor side om side" in texts(at)
    at.button(key="openslot1").click().run()
    status = {r.title: r.status for r in events.rounds(app_db, ev.id)}
    assert [s for t, s in status.items() if t.startswith("Runde 1")] == ["open"] * 3
    assert [s for t, s in status.items() if not t.startswith("Runde 1")] == ["planned"] * 4
    shown = texts(at)
    assert "Borde, der har svaret (0 af 4):" in shown
    assert "0 af 0 har svaret" in shown
    at.button(key="closeslot1").click().run()
    assert {r.status for r in events.rounds(app_db, ev.id) if r.title.startswith("Runde 1")} == {"closed"}


def test_set_up_shows_the_tracks_and_tables_editors(app_db):
    """The grids' rules are tested in test_tables/test_tracks; here: the page draws them."""
    at = run("pages/setup.py", params={"event": "TEMA17"}, role="organiser")
    assert not at.exception, [e.value for e in at.exception]
    assert {"Borde", "Spor og tidsrum"} <= {s.value for s in at.subheader}


def test_a_track_keeps_its_own_buttons_results_and_big_screen(app_db):
    ev = events.get_event(app_db, "TEMA17")
    paradox = next(r for r in events.rounds(app_db, ev.id) if r.kind == "paradox")
    at = run("pages/control.py", params={"event": "TEMA17"}, role="organiser")
    at.button(key=f"open{paradox.id}").click().run()
    assert {r.id: r.status for r in events.rounds(app_db, ev.id)}[paradox.id] == "open"
    assert [r.status for r in events.rounds(app_db, ev.id) if r.id != paradox.id].count("open") == 0, \
        "a track opened on its own opens only itself"
    at.button(key=f"rev{paradox.id}").click().run()
    assert next(r for r in events.rounds(app_db, ev.id) if r.id == paradox.id).revealed
    at.button(key=f"scr{paradox.id}").click().run()
    assert at.button(key=f"scr{paradox.id}").disabled


def test_a_round_for_one_group_counts_that_group_on_the_control_page_and_the_big_screen(app_db):
    """Three politicians and an official have joined; the politicians' paradox round was
    answered by one: "1 / 3", not "1 / 4", and the group chart lists the politicians only."""
    from vision import ballots, results, screens

    ev = events.get_event(app_db, "TEMA17")
    paradox = next(r for r in events.rounds(app_db, ev.id)
                   if r.kind == "paradox" and tracks.of_round(tracks.tracks(app_db, ev.id), r.id).audience == "politiker")
    politicians = [participants.join_open(app_db, ev, "politiker", "Aalborg", 5) for _ in range(3)]
    participants.join_open(app_db, ev, "embedsmand", "Aalborg", 1)
    events.open_round(app_db, "anna", ev.id, paradox.id)
    first = participants.resolve(app_db, "TEMA17", politicians[0])[1]
    some = next(p.id for p in events.event_content(app_db, ev.id)["paradoxes"])
    ballots.save_paradoxes(app_db, first, politicians[0], paradox.id, {some: 30})
    res = results.compute(app_db, ev.id)
    assert res.joined == 4 and res.can_answer(res.round(paradox.id)) == 3

    control = run("pages/control.py", params={"event": "TEMA17"}, role="organiser")
    assert "1 / 3" in [m.value for m in control.metric]
    assert "Har svaret pr. gruppe: Politiker: 1 af 3" in texts(control)
    assert [(r.unit, r.joined, r.answered) for r in results.participation_by_unit(
        app_db, ev.id, paradox.id, "politiker").itertuples()] == [("Aalborg", 3, 1)]    # the official is not counted
    screens.set_choice(ev.id, paradox.id)
    screen = run("pages/projector.py", params={"event": "TEMA17"}, role="organiser")
    assert "1 / 3" in [m.value for m in screen.metric]
    assert "1 af 3 deltagere har svaret." in "\n".join(str(h.proto) for h in screen.get("html"))


def test_a_phone_on_a_paradox_reads_what_the_slider_ends_mean(app_db):
    ev = events.get_event(app_db, "TEMA17")
    paradox = next(r for r in events.rounds(app_db, ev.id)
                   if r.kind == "paradox" and tracks.of_round(tracks.tracks(app_db, ev.id), r.id).audience == "politiker")
    events.open_round(app_db, "anna", ev.id, paradox.id)
    token = participants.join_open(app_db, ev, "politiker", "Aalborg", 5)
    at = run("pages/vote.py", params={"e": "TEMA17", "t": token})
    first = events.event_content(app_db, ev.id)["paradoxes"][0]
    captions = [c.value for c in at.caption]
    assert at.slider                                             # the paradox is answered with sliders
    assert f"-100 = helt {first.left_label}; 100 = helt {first.right_label}" in captions
