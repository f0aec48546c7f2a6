"""Question cards: the TEMA17 cards are the seed's words, reach the right tables, and
split their help from their questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.day_design import participant, set_up_day
from vision import question_cards
from vision.events.files import load_event_files

SEED = Path("/work/shared/seeds/002_7612ae873fa71417.txt")


def _tema17():
    return next(s for s in load_event_files() if s.code == "TEMA17")


def test_tema17_has_the_seven_cards_of_the_workshop_design():
    cards = _tema17().cards
    assert [(c.task, c.audience, c.focus_area is not None) for c in cards] == [
        ("vision", "politiker", False), *[("challenges", "embedsmand", True)] * 4,
        ("focus_vision", "politiker", False), ("mission", "embedsmand", False)]
    assert all(c.source.startswith("002, lines ") for c in cards)


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not on this machine")
def test_every_line_of_a_card_is_a_line_of_the_seed_in_its_source_range():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for card in _tema17().cards:
        a, b = (int(x) for x in card.source.split("lines ")[1].split("-"))
        source = [x.replace("\u00a0", " ").strip() for x in lines[a - 1:b]]
        assert card.heading in source
        for line in card.body.split("\n"):
            if line.strip():
                assert line.strip() in source, line


def test_a_table_sees_its_focus_areas_card_and_a_common_card_reaches_every_table(store):
    day = set_up_day(store)
    off1 = participant(store, day, "off1")
    chair2 = participant(store, day, "chair2")
    mine = question_cards.cards_for(store, off1, day.rounds["challenges"])
    theirs = question_cards.cards_for(store, chair2, day.rounds["challenges"])
    assert len(mine) == 1 and "Borgerens egenmestring" in mine[0].body
    assert len(theirs) == 1 and "Socialfagligt fokus på beskæftigelse" in theirs[0].body
    pol = participant(store, day, "pol3")
    assert [c.heading for c in question_cards.cards_for(store, pol, day.rounds["vision"])] == ["Overordnet vision"]


def test_a_participant_at_no_table_sees_every_card_of_the_round(store):
    day = set_up_day(store)
    loner = participant(store, day, "loner")
    assert len(question_cards.cards_for(store, loner, day.rounds["challenges"])) == 4


def test_help_questions_are_split_from_the_questions_and_the_last_question_stays():
    card = _tema17().cards[1]
    main, help_text = question_cards.split_help(card.body)
    assert "1) Hvilke udfordringer oplever I omkring borgerens egenmestring?" in main
    assert "2) Vælg 3 udfordringer" in main
    assert "Hjælpe spørgsmål" not in main
    assert help_text.startswith("- Hvilke udfordringer opleves der")
    assert "spærgøvelse" in help_text and "2) Vælg" not in help_text


def test_a_card_without_help_is_kept_whole():
    card = _tema17().cards[3]
    assert question_cards.split_help(card.body) == (card.body.strip(), None)


def test_a_card_naming_an_unknown_focus_area_is_refused(store):
    spec = _tema17().cards[1].model_copy(update={"focus_area": "Et fokusområde der ikke findes"})
    day = set_up_day(store, with_cards=False)
    with pytest.raises(ValueError, match="ukendt fokusområde"):
        store.write(lambda cur: question_cards.insert_cards(cur, day.event_id, [spec]))


def test_cards_whose_round_is_not_there_are_left_out(store):
    event_id = store.query_one("SELECT id FROM events WHERE code = 'TEMA17'")[0]
    store.write(lambda cur: cur.execute("DELETE FROM round_audience WHERE event_id = ?", [event_id]))
    assert store.write(lambda cur: question_cards.insert_cards(cur, event_id, _tema17().cards)) == 0


def test_the_seeded_demo_has_every_card_whose_round_it_has(store):
    """Seeding TEMA17 puts each card on the round of its task and audience (none, while the
    event file gives its rounds no tracks)."""
    event_id = store.query_one("SELECT id FROM events WHERE code = 'TEMA17'")[0]
    tracks = set(store.query("SELECT task, audience FROM round_audience WHERE event_id = ? AND task IS NOT NULL",
                             [event_id]))
    expected = sum(1 for c in _tema17().cards if (c.task, c.audience) in tracks)
    rows = store.query("SELECT c.heading, a.task, a.audience FROM question_cards c JOIN round_audience a "
                       "ON a.round_id = c.round_id WHERE c.event_id = ?", [event_id])
    assert len(rows) == expected
    assert all((task, audience) in tracks for _h, task, audience in rows)
