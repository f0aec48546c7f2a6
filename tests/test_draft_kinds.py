"""Kinds of draft: a table's draft carries the round's kind, the table's focus area and the
checklist ticked; only the chair's save is the table's answer; missions are listed."""

from __future__ import annotations

import pytest

from tests.support.day_design import open_slot, participant, set_up_day
from vision import draft_kinds
from vision.errors import RuleError


@pytest.fixture
def day(store):
    return set_up_day(store)


def _submit(store, day, name, task, text, checklist=()):
    return draft_kinds.submit_table_draft(store, participant(store, day, name), day.tokens[name], day.rounds[task],
                                          text, checklist)


def _table_drafts(store, day):
    return store.query("SELECT d.id, d.text, d.source, d.status FROM drafts d WHERE d.event_id = ? "
                       "AND d.source = 'table' ORDER BY d.id", [day.event_id])


def test_kind_focus_area_and_checklist_are_saved_with_the_chairs_draft(store, day):
    open_slot(store, day, ("focus_vision", "mission"), close=("challenges", "vision"))
    _submit(store, day, "chair3", "focus_vision", "Alle borgere er herre i eget liv inden 2025.",
            ["MÅL", "HVEM", "HVORNÅR"])
    (draft_id, text, source, status), = _table_drafts(store, day)
    assert (source, status) == ("table", "pending")
    got = draft_kinds.design(store, draft_id)
    assert got.kind == "focus_vision" and got.focus_area_id == day.focus[3] and got.table_no == 3
    assert got.round_id == day.rounds["focus_vision"]
    assert got.checklist == ("HVEM", "MÅL", "HVORNÅR")          # in the checklist's own order


def test_a_second_save_replaces_the_tables_pending_draft_and_its_checklist(store, day):
    _submit(store, day, "chair3", "vision", "Første udkast", ["HVEM"])
    _submit(store, day, "chair3", "vision", "Andet udkast", ["HVAD", "LØFTE"])
    (draft_id, text, _s, _st), = _table_drafts(store, day)
    assert text == "Andet udkast"
    assert draft_kinds.design(store, draft_id).checklist == ("HVAD", "LØFTE")
    assert draft_kinds.design(store, draft_id).kind == "vision"


def test_only_the_chair_saves_the_tables_answer(store, day):
    with pytest.raises(RuleError, match="Kun bordformanden"):
        _submit(store, day, "pol3", "vision", "Et forslag")
    store.write(lambda cur: cur.execute("DELETE FROM table_chairs WHERE table_no = 4"))
    with pytest.raises(RuleError, match="ingen bordformand endnu"):
        _submit(store, day, "pol4", "vision", "Et forslag")
    assert _table_drafts(store, day) == []


def test_an_unknown_checklist_item_is_refused_and_nothing_saved(store, day):
    with pytest.raises(RuleError, match="Ukendt punkt"):
        _submit(store, day, "chair3", "vision", "Et forslag", ["HVEM", "HVORFOR"])
    assert _table_drafts(store, day) == []


def test_missions_are_collected_by_table_without_names(store, day):
    open_slot(store, day, ("focus_vision", "mission"), close=("challenges", "vision"))
    _submit(store, day, "chair2", "mission", "Vi samarbejder om de svære forløb.")
    _submit(store, day, "chair1", "mission", "Vi deler viden på tværs.")
    missions = draft_kinds.missions(store, day.event_id)
    assert [(m.table_no, m.focus_area, m.text) for m in missions] == [
        (1, "Borgerens egenmestring", "Vi deler viden på tværs."),
        (2, "Socialfagligt fokus på beskæftigelse", "Vi samarbejder om de svære forløb.")]


def test_a_challenges_round_takes_no_draft(store, day):
    with pytest.raises(RuleError, match="skriver bordet udfordringer"):
        _submit(store, day, "chair1", "challenges", "Et forslag")


def test_visions_are_grouped_by_focus_area_for_the_vision_test():
    designs = {1: draft_kinds.DraftDesign("vision", 10, 1, 3, ()),
               2: draft_kinds.DraftDesign("focus_vision", 11, 2, 4, ()),
               3: draft_kinds.DraftDesign("focus_vision", 10, 2, 3, ()),
               4: draft_kinds.DraftDesign("mission", 10, 2, 1, ())}
    groups = draft_kinds.group_by_focus_area([4, 3, 2, 1, 5], designs, [(10, "A"), (11, "B")])
    assert groups == [(None, "vision", [1, 5]), ("A", "focus_vision", [3]), ("B", "focus_vision", [2]),
                      (None, "mission", [4])]
