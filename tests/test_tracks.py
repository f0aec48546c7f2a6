"""Tracks: a round for everyone, for one group, or a track of a slot that opens and closes
with the others; a phone answers only its own group's rounds."""

from __future__ import annotations

import pytest

from vision import ballots, challenges, events, participants, phone_view
from vision.errors import RuleError, UserError
from vision.events import tracks
from vision.model import Round


def _tema(store):
    ev = events.get_event(store, "TEMA17")
    return ev, events.rounds(store, ev.id), tracks.tracks(store, ev.id)


def test_the_demo_day_runs_the_programme_in_two_slots(store):
    ev, rounds, tr = _tema(store)
    slot1 = [(r.kind, tr[r.id].audience, tr[r.id].task) for r in rounds if r.id in tr and tr[r.id].slot == 1]
    slot2 = [(r.kind, tr[r.id].audience, tr[r.id].task) for r in rounds if r.id in tr and tr[r.id].slot == 2]
    assert slot1 == [("paradox", "politiker", None), ("drafting", "politiker", "vision"),
                     ("drafting", "embedsmand", "challenges")]
    assert slot2 == [("drafting", "politiker", "focus_vision"), ("drafting", "embedsmand", "mission")]
    after = [r.kind for r in rounds if r.id not in tr]
    assert after == ["scoring", "focus"], "the vision test and the priorities are for everyone"
    vision20 = events.get_event(store, "VISION20")
    assert tracks.tracks(store, vision20.id) == {}, "an event without tracks keeps every round for everyone"


def test_a_politicians_phone_never_gets_an_officials_round(store):
    ev, rounds, tr = _tema(store)
    tracks.open_slot(store, "anna", ev.id, 1)
    content = events.event_content(store, ev.id)
    on_phone = phone_view.rounds_on_phone(content["rounds"], content["rounds"][0].opened_at)
    mine = tracks.for_group(on_phone, tr, "politiker")
    theirs = tracks.for_group(on_phone, tr, "embedsmand")
    assert {tr[r.id].audience for r in mine} == {"politiker"} and len(mine) == 2
    assert [tr[r.id].task for r in theirs] == ["challenges"]
    assert tracks.for_group(on_phone, tr, "brugerorganisation") == []


def test_an_answer_to_another_groups_round_is_refused_and_nothing_is_saved(store):
    ev, rounds, tr = _tema(store)
    tracks.open_slot(store, "anna", ev.id, 1)
    paradox = next(r for r in rounds if r.kind == "paradox")
    officials_draft = next(r for r in rounds if r.id in tr and tr[r.id].task == "challenges")
    token = participants.join_open(store, ev, "embedsmand", "Aalborg", 1)     # at an officials' table
    _, official = participants.resolve(store, ev.code, token)
    with pytest.raises(RuleError, match="ikke for din gruppe"):
        ballots.save_paradoxes(store, official, token, paradox.id, {events.event_content(store, ev.id)[
            "paradoxes"][0].id: 40})
    assert store.query_one("SELECT count(*) FROM paradox_positions WHERE round_id = ?", [paradox.id])[0] == 0
    challenges.add(store, official, token, officials_draft.id, "Vi mangler fælles data")   # its own: saved
    token2 = participants.join_open(store, ev, "politiker", "Aalborg")
    _, politician = participants.resolve(store, ev.code, token2)
    with pytest.raises(RuleError, match="ikke for din gruppe"):
        ballots.submit_draft(store, politician, token2, officials_draft.id, "Forkert spor")


def test_opening_a_slot_opens_all_its_tracks_and_closing_closes_them(store):
    ev, rounds, tr = _tema(store)
    opened = tracks.open_slot(store, "anna", ev.id, 2)
    assert len(opened) == 2
    status = {r.id: r.status for r in events.rounds(store, ev.id)}
    assert all(status[rid] == "open" for rid in opened)
    assert all(status[r.id] == "planned" for r in rounds if r.id not in opened), "other rounds stay as they were"
    tracks.close_slot(store, "anna", ev.id, 2)
    status = {r.id: r.status for r in events.rounds(store, ev.id)}
    assert all(status[rid] == "closed" for rid in opened)
    with pytest.raises(RuleError, match="ingen runder"):
        tracks.open_slot(store, "anna", ev.id, 9)
    assert {"open_slot", "close_slot"} <= {e[2] for e in events.audit_log(store, ev.id)}


def test_a_hidden_track_stays_shut_when_its_slot_opens(store):
    ev, rounds, tr = _tema(store)
    mission = next(r for r in rounds if r.id in tr and tr[r.id].task == "mission")
    events.set_round_hidden(store, "anna", ev.id, mission.id, True)
    opened = tracks.open_slot(store, "anna", ev.id, 2)
    assert mission.id not in opened and len(opened) == 1


def test_set_track_stores_and_loads_and_refuses_what_is_not_a_track(store):
    ev = events.get_event(store, "VISION20")
    rid = events.add_round(store, "anna", ev.id, "drafting", "Mission")
    tracks.set_track(store, "anna", ev.id, rid, "embedsmand", "3", "mission")
    assert tracks.tracks(store, ev.id)[rid] == tracks.Track(rid, "embedsmand", 3, "mission")
    with pytest.raises(UserError, match="målgruppe"):
        tracks.set_track(store, "anna", ev.id, rid, "borgmester")
    with pytest.raises(UserError, match="Tidsrummet"):
        tracks.set_track(store, "anna", ev.id, rid, "alle", 0)
    with pytest.raises(UserError, match="opgave"):
        tracks.set_track(store, "anna", ev.id, rid, "alle", None, "roman")
    scoring = events.add_round(store, "anna", ev.id, "scoring", "")
    with pytest.raises(UserError, match="skriverunde"):
        tracks.set_track(store, "anna", ev.id, scoring, "alle", None, "vision")
    tracks.set_track(store, "anna", ev.id, rid)          # back to everyone: no row left
    assert tracks.tracks(store, ev.id) == {}


def _round(rid: int) -> Round:
    return Round(rid, 1, rid, "drafting", f"R{rid}", "planned", False, None, None)


def test_programme_steps_put_a_slots_tracks_side_by_side_where_the_slot_starts():
    rounds = [_round(i) for i in range(1, 6)]
    tr = {2: tracks.Track(2, "politiker", 1), 3: tracks.Track(3, "embedsmand", 1), 5: tracks.Track(5, "politiker", 2)}
    steps = [(slot, [r.id for r in rs]) for slot, rs in tracks.programme_steps(rounds, tr)]
    assert steps == [(None, [1]), (1, [2, 3]), (None, [4]), (2, [5])]


def test_track_participation_counts_the_group_and_says_when_its_results_are_too_few_to_show(store):
    ev, rounds, tr = _tema(store)
    tracks.open_slot(store, "anna", ev.id, 1)
    paradox = next(r for r in rounds if r.kind == "paradox")
    challenges = next(r for r in rounds if r.id in tr and tr[r.id].task == "challenges")
    pid = events.event_content(store, ev.id)["paradoxes"][0].id
    people = []
    for _ in range(4):
        t = participants.join_open(store, ev, "politiker", "Aalborg")
        people.append((t, participants.resolve(store, ev.code, t)[1]))
    participants.join_open(store, ev, "embedsmand", "Aalborg")
    share = {s.round_id: s for s in tracks.participation(store, ev.id, [paradox.id, challenges.id])}
    assert (share[paradox.id].joined, share[paradox.id].answered) == (4, 0)
    assert not share[paradox.id].results_hidden
    assert share[challenges.id].joined == 1, "only officials count in the officials' track"
    for t, p in people[:2]:
        ballots.save_paradoxes(store, p, t, paradox.id, {pid: 20})
    share = {s.round_id: s for s in tracks.participation(store, ev.id, [paradox.id])}
    assert share[paradox.id].answered == 2 and share[paradox.id].results_hidden, "2 of a minimum of 3"
    t, p = people[2]
    ballots.save_paradoxes(store, p, t, paradox.id, {pid: -20})
    share = {s.round_id: s for s in tracks.participation(store, ev.id, [paradox.id])}
    assert share[paradox.id].answered == 3 and not share[paradox.id].results_hidden


def test_a_copied_event_keeps_its_tracks_and_tables(store):
    from vision import tables

    new_id = events.copy_event(store, "anna", "TEMA17", "TEMA18", "Temadag 2018")
    ev = events.get_event(store, "TEMA17")
    old = {r.title: t for r in events.rounds(store, ev.id) if (t := tracks.tracks(store, ev.id).get(r.id))}
    new = {r.title: t for r in events.rounds(store, new_id) if (t := tracks.tracks(store, new_id).get(r.id))}
    assert {k: (t.audience, t.slot, t.task) for k, t in new.items()} == \
        {k: (t.audience, t.slot, t.task) for k, t in old.items()}
    areas = {f.id: f.title for f in events.event_content(store, new_id)["focus_areas"]}
    copied = tables.tables(store, new_id)
    assert len(copied) == 8 and all(areas.get(t.focus_area_id) for t in copied), "tied to the copy's focus areas"


def test_scores_to_a_scoring_round_of_another_group_are_refused_in_the_hall_path(store):
    """The vision test's saves go through the writer's bulk path; it checks the round's
    group too, also after the audience was read once into the writer's memo."""
    ev, rounds, _tr = _tema(store)
    scoring = next(r for r in rounds if r.kind == "scoring")
    tracks.set_track(store, "anna", ev.id, scoring.id, "politiker")
    events.open_round(store, "anna", ev.id, scoring.id)
    draft = next(d for d in events.drafts(store, ev.id) if d.status == "approved")
    key = events.event_content(store, ev.id)["criteria"][0].key
    people = {}
    for grp in ("politiker", "embedsmand"):
        token = participants.join_open(store, ev, grp, "Aalborg")
        people[grp] = (token, participants.resolve(store, ev.code, token)[1])
    token, politician = people["politiker"]
    ballots.save_scores(store, politician, token, scoring.id, draft.id, {key: 4})       # its own: saved
    token, official = people["embedsmand"]
    with pytest.raises(RuleError, match="ikke for din gruppe"):
        ballots.save_scores(store, official, token, scoring.id, draft.id, {key: 2})
    saved = store.query("SELECT participant_id, score FROM scores WHERE round_id = ?", [scoring.id])
    assert saved == [(politician.id, 4)]


def test_a_round_with_answers_keeps_its_group_but_may_move_to_another_slot(store):
    """Answers given for one group would count against another ("5 / 3" on the big screen)."""
    from vision import ballots

    ev = events.get_event(store, "TEMA17")
    paradox = next(r for r in events.rounds(store, ev.id)
                   if r.kind == "paradox" and tracks.of_round(tracks.tracks(store, ev.id), r.id).audience == "politiker")
    before = tracks.of_round(tracks.tracks(store, ev.id), paradox.id)
    tracks.set_track(store, "anna", ev.id, paradox.id, "embedsmand", before.slot)   # no answers yet: allowed
    tracks.set_track(store, "anna", ev.id, paradox.id, "politiker", before.slot)
    events.open_round(store, "anna", ev.id, paradox.id)
    token = participants.join_open(store, ev, "politiker", "Aalborg", 5)
    person = participants.resolve(store, "TEMA17", token)[1]
    some = events.event_content(store, ev.id)["paradoxes"][0].id
    ballots.save_paradoxes(store, person, token, paradox.id, {some: 40})
    with pytest.raises(UserError, match="allerede svar"):
        tracks.set_track(store, "anna", ev.id, paradox.id, "embedsmand", before.slot)
    tracks.set_track(store, "anna", ev.id, paradox.id, "politiker", 7)            # the same group, another slot
    assert tracks.of_round(tracks.tracks(store, ev.id), paradox.id) == tracks.Track(paradox.id, "politiker", 7, None)
