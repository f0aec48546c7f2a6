"""Tables: defined on set-up, picked when joining or preset on a card, one chair per table."""

from __future__ import annotations

import threading

import pytest

from vision import ballots, events, participants, tables
from vision.errors import RuleError, UserError
from vision.events import tracks


def _join(store, ev, grp, table_no=None):
    token = participants.join_open(store, ev, grp, "Aalborg", table_no)
    return token, participants.resolve(store, ev.code, token)[1]


def test_the_demo_day_puts_the_four_focus_areas_at_the_tables_of_both_groups(store):
    ev = events.get_event(store, "TEMA17")
    areas = {f.id: f.title for f in events.event_content(store, ev.id)["focus_areas"]}
    found = tables.tables(store, ev.id)
    assert [t.table_no for t in found] == list(range(1, 9))
    officials = [areas[t.focus_area_id] for t in found if t.audience == "embedsmand"]
    politicians = [areas[t.focus_area_id] for t in found if t.audience == "politiker"]
    assert officials == politicians == list(areas.values())
    assert [t.table_no for t in tables.for_group(found, "politiker")] == [5, 6, 7, 8]
    assert tables.tables(store, events.get_event(store, "VISION20").id) == []


def test_a_participant_joins_at_a_table_of_their_own_group_only(store):
    ev = events.get_event(store, "TEMA17")
    _t, p = _join(store, ev, "politiker", 6)
    table = tables.table_of(store, p)
    assert (table.table_no, table.audience) == (6, "politiker")
    with pytest.raises(UserError, match="ikke et bord for din gruppe"):
        _join(store, ev, "politiker", 2)
    with pytest.raises(UserError, match="ikke et bord for din gruppe"):
        _join(store, ev, "embedsmand", 99)
    _t, nobody = _join(store, ev, "brugerorganisation")
    assert tables.table_of(store, nobody) is None


def test_a_preset_card_carries_its_table(store):
    ev = events.get_event(store, "TEMA17")
    [token] = participants.generate_tokens(store, "anna", ev.id, [("embedsmand", "Aalborg", 3)])
    _, p = participants.resolve(store, ev.code, token)
    assert tables.table_of(store, p).table_no == 3


def test_one_chair_per_table_a_second_phone_is_refused_until_the_chair_hands_it_back(store):
    ev = events.get_event(store, "TEMA17")
    t1, first = _join(store, ev, "politiker", 5)
    t2, second = _join(store, ev, "politiker", 5)
    assert tables.take_chair(store, first, t1) == 5
    assert tables.take_chair(store, first, t1) == 5, "taking it again changes nothing"
    with pytest.raises(RuleError) as err:
        tables.take_chair(store, second, t2)
    assert "allerede en bordformand" in err.value.text("da")
    assert tables.chair_of(store, ev.id, 5) == first.id
    assert tables.is_chair(store, first) and not tables.is_chair(store, second)
    tables.release_chair(store, first, t1)
    assert tables.chair_of(store, ev.id, 5) is None
    assert tables.take_chair(store, second, t2) == 5
    assert tables.is_chair(store, second)


def test_a_phone_without_a_table_cannot_take_a_chair(store):
    ev = events.get_event(store, "TEMA17")
    token, p = _join(store, ev, "politiker")
    with pytest.raises(RuleError, match="ikke ved et bord"):
        tables.take_chair(store, p, token)
    participants.revoke(store, "anna", ev.id, token)
    with pytest.raises(RuleError, match="ikke længere gyldig"):
        tables.take_chair(store, p, token)


def test_concurrent_takers_exactly_one_wins(store):
    ev = events.get_event(store, "TEMA17")
    phones = [_join(store, ev, "embedsmand", 2) for _ in range(8)]
    won, refused, start = [], [], threading.Barrier(len(phones))

    def take(token, p):
        start.wait()
        try:
            tables.take_chair(store, p, token)
            won.append(p.id)
        except RuleError:
            refused.append(p.id)

    threads = [threading.Thread(target=take, args=phone) for phone in phones]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(won) == 1 and len(refused) == 7
    assert tables.chair_of(store, ev.id, 2) == won[0]


def test_set_tables_saves_the_valid_rows_and_names_the_ignored_ones(store):
    ev = events.get_event(store, "VISION20")
    focus = events.event_content(store, ev.id)["focus_areas"][0].title
    saved = tables.set_tables(store, "anna", ev.id, [
        (1, "Bord ved vinduet", "politiker", focus),
        (2, "", "alle", None),                       # no name: "Bord 2"
        (None, None, "alle", None),                  # blank
        ("x", "Forkert", "alle", None),
        (1, "To gange", "alle", None),
        (3, "Ukendt", "alle", "Intet sådant"),
        (4, "Gruppe", "borgmester", None),
        (501, "For højt", "alle", None),
    ])
    assert (saved.saved, saved.blank, len(saved.ignored)) == (2, 1, 5)
    texts = " ".join(e.text("da") for e in saved.ignored)
    assert "Række 4" in texts and "Række 5: bord 1 findes allerede" in texts and "fokusområde" in texts
    found = tables.tables(store, ev.id)
    assert [(t.table_no, t.name, t.audience) for t in found] == [(1, "Bord ved vinduet", "politiker"),
                                                                  (2, "Bord 2", "alle")]
    assert found[0].focus_area_id is not None


def test_a_chair_of_a_table_that_is_removed_is_let_go(store):
    ev = events.get_event(store, "TEMA17")
    token, p = _join(store, ev, "politiker", 8)
    tables.take_chair(store, p, token)
    tables.set_tables(store, "anna", ev.id, [(5, "Kun ét bord", "politiker", None)])
    assert tables.chairs(store, ev.id) == {}


def test_the_control_page_learns_which_tables_have_answered(store):
    ev = events.get_event(store, "TEMA17")
    rounds = events.rounds(store, ev.id)
    tr = tracks.tracks(store, ev.id)
    tracks.open_slot(store, "anna", ev.id, 1)
    paradox = next(r for r in rounds if r.kind == "paradox")
    challenges = next(r for r in rounds if r.id in tr and tr[r.id].task == "challenges")
    pid = events.event_content(store, ev.id)["paradoxes"][0].id
    t5, p5 = _join(store, ev, "politiker", 5)
    _join(store, ev, "politiker", 6)
    t1, p1 = _join(store, ev, "embedsmand", 1)
    ballots.save_paradoxes(store, p5, t5, paradox.id, {pid: 10})
    ballots.submit_draft(store, p1, t1, challenges.id, "Borgerne mangler netværk")
    done = tables.answered_tables(store, ev.id, [paradox.id, challenges.id])
    assert done == {paradox.id: {5}, challenges.id: {1}}


def test_a_phone_that_joined_without_a_table_picks_one_later_and_moving_hands_back_the_chair(store):
    ev = events.get_event(store, "TEMA17")
    token, p = _join(store, ev, "embedsmand")
    with pytest.raises(UserError, match="ikke et bord for din gruppe"):
        tables.pick_table(store, p, token, 6)
    assert tables.pick_table(store, p, token, 3).table_no == 3
    tables.take_chair(store, p, token)
    tables.pick_table(store, p, token, 4)
    assert tables.table_of(store, p).table_no == 4
    assert tables.chair_of(store, ev.id, 3) is None and not tables.is_chair(store, p)
