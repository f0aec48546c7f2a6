"""Rounds are the organiser's: add, rename, reorder, remove without answers, hide with
answers, copy from another event; titles in the UI language where they are defaults."""

from __future__ import annotations

import pytest

from vision import ballots, events, participants
from vision.errors import RuleError, UserError
from vision.store import queries as q


def _titles(store, event_id, include_hidden=False):
    return [r.title for r in events.rounds(store, event_id, include_hidden=include_hidden)]


def test_add_rename_and_reorder(store):
    ev = events.get_event(store, "TEMA17")
    before = _titles(store, ev.id)
    rid = events.add_round(store, "anna", ev.id, "paradox", "")
    assert _titles(store, ev.id) == [*before, "Paradokser"], "an empty title takes the kind's name"
    events.rename_round(store, "anna", ev.id, rid, "  Paradokser efter frokost ")
    events.move_round(store, "anna", ev.id, rid, -1)
    assert _titles(store, ev.id)[-2:] == ["Paradokser efter frokost", before[-1]]
    with pytest.raises(UserError):
        events.rename_round(store, "anna", ev.id, rid, " ")
    other = events.get_event(store, "VISION20")
    with pytest.raises(UserError):
        events.rename_round(store, "anna", other.id, rid, "Forkert begivenhed")


def test_a_round_without_answers_is_removed_one_with_answers_only_hidden(store):
    ev = events.get_event(store, "TEMA17")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    empty = events.add_round(store, "anna", ev.id, "focus", "Ekstra")
    events.remove_round(store, "anna", ev.id, empty)
    assert "Ekstra" not in _titles(store, ev.id, include_hidden=True)

    events.open_round(store, "anna", ev.id, scoring.id)
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    _, person = participants.resolve(store, "TEMA17", token)
    draft = events.drafts(store, ev.id)[0]
    ballots.save_scores(store, person, token, scoring.id, draft.id, {"retning": 4}, None)
    with pytest.raises(RuleError):
        events.set_round_hidden(store, "anna", ev.id, scoring.id, True)     # open: close it first
    events.close_round(store, "anna", ev.id, scoring.id)
    with pytest.raises(RuleError) as err:
        events.remove_round(store, "anna", ev.id, scoring.id)
    assert "Skjul den i stedet" in err.value.text("da")

    events.set_round_hidden(store, "anna", ev.id, scoring.id, True)
    assert scoring.id not in [r.id for r in events.rounds(store, ev.id)]
    assert scoring.id in [r.id for r in events.rounds(store, ev.id, include_hidden=True)]
    assert store.query_one("SELECT count(*) FROM scores WHERE round_id = ?", [scoring.id])[0] == 1
    with pytest.raises(RuleError):
        events.open_round(store, "anna", ev.id, scoring.id)
    events.set_round_hidden(store, "anna", ev.id, scoring.id, False)
    assert scoring.id in [r.id for r in events.rounds(store, ev.id)]
    actions = [e[2] for e in events.audit_log(store, ev.id)]
    assert {"remove_round", "hide_round", "show_round"} <= set(actions)


def test_copy_rounds_of_another_event_leaves_out_hidden_ones(store):
    src = events.get_event(store, "VISION20")
    hidden = events.rounds(store, src.id)[0]
    events.set_round_hidden(store, "anna", src.id, hidden.id, True)
    new_id = events.create_event(store, "anna", code="SYD25", title="Syd", region="syddanmark",
                                 with_default_rounds=False)
    assert events.copy_rounds(store, "anna", new_id, "vision20") == len(events.rounds(store, src.id))
    assert _titles(store, new_id) == _titles(store, src.id)
    assert all(r.status == "planned" for r in events.rounds(store, new_id))
    with pytest.raises(UserError):
        events.copy_rounds(store, "anna", src.id, "VISION20")


def test_deleting_an_event_removes_its_hidden_rounds(store):
    ev = events.get_event(store, "TEMA17")
    events.set_round_hidden(store, "anna", ev.id, events.rounds(store, ev.id)[0].id, True)
    events.delete_event(store, "anna", ev.id, "TEMA17")
    assert store.query_one("SELECT count(*) FROM hidden_rounds")[0] == 0


@pytest.mark.parametrize("title, kind, lang, heading", [
    ("Visionstesten", "scoring", "da", "Visionstesten"),
    ("Visionstesten", "scoring", "en", "The vision test"),
    ("Visionstesten – runde 2", "scoring", "en", "The vision test – round 2"),
    ("Efter frokost", "paradox", "da", "Efter frokost · Paradokser"),
    ("Efter frokost", "paradox", "en", "Efter frokost · Paradoxes"),
])
def test_round_titles_show_once_and_defaults_follow_the_language(title, kind, lang, heading):
    assert events.round_heading(title, kind, lang) == heading


def test_repeated_round_titles_and_table_labels_are_translated_defaults(store):
    ev = events.get_event(store, "TEMA17")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    rid = events.repeat_round(store, "anna", ev.id, scoring.id)
    title = store.read(lambda cur: q.round_by_id(cur, rid)).title
    assert events.round_title(title, "scoring", "en").startswith("The vision test – round ")
    assert events.draft_label("Bord 4", "en") == "Table 4"
    assert events.draft_label("Forslag fra et bord", "en") == "A table's draft"
    assert events.draft_label("Bord 4 og 5", "en") == "Bord 4 og 5"
