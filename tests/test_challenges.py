"""Challenges: any member of a table adds, the chair edits, removes and chooses exactly
three, and the chosen three reach the politicians of that focus area in the next slot."""

from __future__ import annotations

import threading

import pytest

from tests.support.day_design import open_slot, participant, set_up_day
from vision import challenges
from vision.errors import RuleError, UserError


@pytest.fixture
def day(store):
    return set_up_day(store)


def _add(store, day, name, text):
    return challenges.add(store, participant(store, day, name), day.tokens[name], day.rounds["challenges"], text)


def _choose(store, day, name, ids):
    challenges.choose(store, participant(store, day, name), day.tokens[name], day.rounds["challenges"], ids)


def test_any_member_adds_and_the_board_shows_them_in_order(store, day):
    _add(store, day, "off1", "Forskellige serviceniveauer")
    _add(store, day, "chair1", "Borgerens opfattelse af spareøvelser")
    board = challenges.board(store, participant(store, day, "off1"), day.rounds["challenges"])
    assert [c.text for c in board.challenges] == ["Forskellige serviceniveauer", "Borgerens opfattelse af spareøvelser"]
    assert {c.focus_area_id for c in board.challenges} == {day.focus[1]}
    assert not board.seat.is_chair


def test_the_chair_chooses_exactly_three(store, day):
    ids = [_add(store, day, "off1", f"Udfordring {i}") for i in range(5)]
    for wrong in (ids[:2], ids[:4], []):
        with pytest.raises(RuleError, match="Vælg præcis 3 udfordringer") as err:
            _choose(store, day, "chair1", wrong)
        assert f"du har valgt {len(wrong)}" in str(err.value)
    _choose(store, day, "chair1", ids[1:4])
    board = challenges.board(store, participant(store, day, "off1"), day.rounds["challenges"])
    assert [c.text for c in board.chosen] == ["Udfordring 1", "Udfordring 2", "Udfordring 3"]
    _choose(store, day, "chair1", [ids[0], ids[1], ids[4]])          # a new choice replaces the old
    board = challenges.board(store, participant(store, day, "off1"), day.rounds["challenges"])
    assert [c.text for c in board.chosen] == ["Udfordring 0", "Udfordring 1", "Udfordring 4"]


def test_only_the_chair_chooses_edits_or_removes(store, day):
    ids = [_add(store, day, "off1", f"Udfordring {i}") for i in range(3)]
    with pytest.raises(RuleError, match="Kun bordformanden"):
        _choose(store, day, "off1", ids)
    off1 = participant(store, day, "off1")
    with pytest.raises(RuleError, match="Kun bordformanden"):
        challenges.edit(store, off1, day.tokens["off1"], day.rounds["challenges"], ids[0], "Ny tekst")
    with pytest.raises(RuleError, match="Kun bordformanden"):
        challenges.remove(store, off1, day.tokens["off1"], day.rounds["challenges"], ids[0])
    chair = participant(store, day, "chair1")
    challenges.edit(store, chair, day.tokens["chair1"], day.rounds["challenges"], ids[0], "Ny tekst")
    challenges.remove(store, chair, day.tokens["chair1"], day.rounds["challenges"], ids[2])
    board = challenges.board(store, off1, day.rounds["challenges"])
    assert [c.text for c in board.challenges] == ["Ny tekst", "Udfordring 1"]
    assert not board.chosen


def test_a_chair_cannot_choose_another_tables_challenges(store, day):
    theirs = [_add(store, day, "chair2", f"Bord 2 nr. {i}") for i in range(3)]
    with pytest.raises(RuleError, match="findes ikke ved dit bord"):
        _choose(store, day, "chair1", theirs)


def test_a_table_without_a_chair_is_told_how_to_take_the_role(store, day):
    ids = [_add(store, day, "off1", f"Udfordring {i}") for i in range(3)]
    store.write(lambda cur: cur.execute("DELETE FROM table_chairs WHERE table_no = 1"))
    with pytest.raises(RuleError, match="ingen bordformand endnu.*Jeg er bordformand"):
        _choose(store, day, "off1", ids)


def test_nothing_is_added_by_a_politician_outside_a_table_or_after_the_round(store, day):
    with pytest.raises(RuleError, match="for en anden gruppe|ikke for din gruppe"):
        _add(store, day, "pol3", "En politikers udfordring")
    with pytest.raises(RuleError, match="sidder ikke ved et bord"):
        _add(store, day, "loner", "Uden bord")
    with pytest.raises(UserError, match="må ikke være tom"):
        _add(store, day, "off1", "   ")
    open_slot(store, day, ("focus_vision", "mission"), close=("challenges", "vision"))
    with pytest.raises(RuleError, match="lukket"):
        _add(store, day, "off1", "For sent")
    assert challenges.board(store, participant(store, day, "off1"), day.rounds["challenges"]).challenges == []


def test_chosen_challenges_reach_the_politicians_of_that_focus_area_only(store, day):
    ids1 = [_add(store, day, "off1", f"Egenmestring {i}") for i in range(4)]
    ids2 = [_add(store, day, "chair2", f"Beskæftigelse {i}") for i in range(3)]
    _choose(store, day, "chair1", ids1[:3])
    _choose(store, day, "chair2", ids2)
    open_slot(store, day, ("focus_vision", "mission"), close=("challenges", "vision"))
    start3 = challenges.starting_point(store, participant(store, day, "pol3"), day.rounds["focus_vision"])
    start4 = challenges.starting_point(store, participant(store, day, "pol4"), day.rounds["focus_vision"])
    assert start3.title == "Borgerens egenmestring"
    assert start3.tables == [(1, ["Egenmestring 0", "Egenmestring 1", "Egenmestring 2"])]
    assert start4.title == "Socialfagligt fokus på beskæftigelse"
    assert start4.tables == [(2, ["Beskæftigelse 0", "Beskæftigelse 1", "Beskæftigelse 2"])]
    # not in the overall vision's round, and not for the officials
    assert challenges.starting_point(store, participant(store, day, "pol3"), day.rounds["vision"]) is None
    assert challenges.starting_point(store, participant(store, day, "chair1"), day.rounds["mission"]) is None
    # the organiser's view: per focus area, in the event's order
    shown = challenges.chosen_by_focus_area(store, day.event_id)
    assert [(f.title, [t for t, _ in f.tables]) for f in shown] == [
        ("Borgerens egenmestring", [1]), ("Socialfagligt fokus på beskæftigelse", [2])]


def test_two_phones_of_a_table_adding_at_once_lose_nothing(store, day):
    """Two officials' phones at one table, each in its own thread, add challenges as fast as
    they can: every one is kept, each with its own position."""
    per_phone = 25
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def phone(name):
        p = participant(store, day, name)
        start.wait()
        for i in range(per_phone):
            try:
                challenges.add(store, p, day.tokens[name], day.rounds["challenges"], f"{name} {i}")
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

    threads = [threading.Thread(target=phone, args=(n,)) for n in ("off1", "chair1")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures
    board = challenges.board(store, participant(store, day, "off1"), day.rounds["challenges"])
    texts = sorted(c.text for c in board.challenges)
    assert texts == sorted([f"off1 {i}" for i in range(per_phone)] + [f"chair1 {i}" for i in range(per_phone)])
    assert len({c.position for c in board.challenges}) == 2 * per_phone
