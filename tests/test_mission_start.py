"""The officials' mission starts from the politicians' visions of the slot before (seed 002,
lines 425-440): a phone at an officials' table in the mission round sees them as the
plenum shows them, the overall visions and those of the table's focus area."""

from __future__ import annotations

from datetime import datetime

from tests.apptest import run, texts
from tests.support.day_design import open_slot, participant, set_up_day
from vision import draft_kinds, events, mission_start
from vision.store import queries as q

OVERALL = ["Alle borgere er herre i eget liv inden 2025.", "Alle, der kan, har et job."]


def _write(store, day, name, task, text):
    draft_kinds.submit_table_draft(store, participant(store, day, name), day.tokens[name], day.rounds[task], text)


def _day(store):
    """Slot 1: the politicians' tables 3 and 4 write overall visions (one more is hidden);
    slot 2: the mission is open and both tables write their focus area's vision beside it."""
    day = set_up_day(store)
    store.write(lambda cur: cur.execute("INSERT INTO table_chairs (event_id, table_no, participant_id) "
                                        "VALUES (?, 4, ?)", [day.event_id, day.ids["pol4"]]))
    _write(store, day, "pol4", "vision", "Skjult vision")
    hidden = store.query("SELECT max(id) FROM drafts")[0][0]
    events.set_draft_status(store, "t", day.event_id, hidden, "hidden")
    _write(store, day, "chair3", "vision", OVERALL[0])
    store.write(lambda cur: cur.execute("DELETE FROM table_chairs WHERE table_no = 4"))
    store.write(lambda cur: cur.execute("INSERT INTO table_chairs (event_id, table_no, participant_id) "
                                        "VALUES (?, 4, ?)", [day.event_id, day.ids["pol4"]]))
    open_slot(store, day, ("focus_vision", "mission"), close=("challenges", "vision"))
    _write(store, day, "chair3", "focus_vision", "Egenmestring: samme slot som missionen.")
    _write(store, day, "pol4", "focus_vision", "Beskæftigelse: samme slot som missionen.")
    return day


def _shown(store, day, name, task="mission"):
    groups = mission_start.starting_point(store, participant(store, day, name), day.rounds[task])
    return None if groups is None else [(g.title, [d.text for d in g.drafts]) for g in groups]


def test_the_officials_mission_starts_from_the_politicians_visions_of_the_slot_before(store):
    day = _day(store)
    # pol4's table wrote one more overall vision, approved, before the slot ended
    assert _shown(store, day, "off1") == [("Overordnet vision", [OVERALL[0]])]
    assert _shown(store, day, "chair2") == [("Overordnet vision", [OVERALL[0]])]
    assert _shown(store, day, "loner") == [("Overordnet vision", [OVERALL[0]])]
    # not in the other rounds, and not for the politicians
    assert mission_start.starting_point(store, participant(store, day, "off1"), day.rounds["challenges"]) is None
    assert mission_start.starting_point(store, participant(store, day, "pol3"), day.rounds["focus_vision"]) is None


def test_a_later_mission_adds_the_focus_areas_vision_of_the_tables_area(store):
    day = _day(store)

    def later_mission(cur):
        rid = q.insert_round(cur, day.event_id, "drafting", "Runde 3: Mission")
        cur.execute("INSERT INTO round_audience (round_id, event_id, audience, slot, task) VALUES (?,?,?,?,?)",
                    [rid, day.event_id, "embedsmand", 3, "mission"])
        q.set_round_status(cur, rid, "open", datetime.now())
        return rid

    day.rounds["mission3"] = store.write(later_mission)
    assert _shown(store, day, "off1", "mission3") == [
        ("Overordnet vision", [OVERALL[0]]), ("Borgerens egenmestring", ["Egenmestring: samme slot som missionen."])]
    assert _shown(store, day, "chair2", "mission3") == [
        ("Overordnet vision", [OVERALL[0]]),
        ("Socialfagligt fokus på beskæftigelse", ["Beskæftigelse: samme slot som missionen."])]
    assert [t for t, _ in _shown(store, day, "loner", "mission3")] == [
        "Overordnet vision", "Borgerens egenmestring", "Socialfagligt fokus på beskæftigelse"]


def test_the_officials_phone_shows_the_politicians_visions_in_the_mission_round(app_db):
    day = _day(app_db)
    at = run("pages/vote.py", params={"e": day.code, "t": day.tokens["off1"]})
    assert not at.exception, [e.value for e in at.exception]
    assert "Politikernes visioner" in [s.value for s in at.subheader]
    shown = texts(at).replace("\\", "")
    assert OVERALL[0] in shown
    assert "Skjult vision" not in shown and "samme slot som missionen" not in shown
