"""The plenum: a drafting round's drafts grouped by focus area, stepped through one group or
one draft at a time, and opened for the vision test with one action."""

from __future__ import annotations

import pytest

from tests.support.plenum_day import design, plenum_day
from vision import events, plenum, screens
from vision.charts.plenum_layout import group_layout, single_layout
from vision.charts.projector import Screen
from vision.errors import RuleError


@pytest.fixture
def day(store):
    return plenum_day(store)


def test_drafts_are_grouped_overall_vision_first_then_focus_areas_in_order(store, day):
    view = plenum.start(store, "anna", day.event_id, day.drafting)
    in_order = [a for a in day.area_titles if a in day.by_area]      # the focus areas' own order
    assert [g.title for g in view.groups] == [plenum.OVERALL] + [day.area_titles[a] for a in in_order]
    assert [d.id for d in view.groups[0].drafts] == day.overall
    for g in view.groups[1:]:
        assert [d.id for d in g.drafts] == day.by_area[g.focus_area_id]
    assert len(in_order) == 2
    assert view.group == view.groups[0] and view.draft is None, "the first group, side by side"


def test_an_overall_vision_written_at_a_focus_areas_table_is_shown_as_overall_a_mission_by_its_area(store, day):
    """Seed 002 puts every table at a focus area, in both rounds; a politicians' table still
    writes the overall vision in round 1, and the plenum before the break shows it as such.
    An officials' mission stays under its table's focus area (never titled "Overordnet vision")."""
    area = next(iter(day.by_area))
    ids = {}
    for kind in ("vision", "mission"):
        did = events.add_draft(store, "t", day.event_id, f"Skrevet ved bordet: {kind}.", "Bord 5", "table")
        store.write(lambda cur, did=did, kind=kind: cur.execute(
            "INSERT INTO draft_design (draft_id, event_id, kind, focus_area_id, round_id) VALUES (?,?,?,?,?)",
            [did, day.event_id, kind, area, day.drafting]), event_id=day.event_id)
        ids[kind] = did
    view = plenum.start(store, "anna", day.event_id, day.drafting)
    overall = next(g for g in view.groups if g.focus_area_id is None)
    by_area = next(g for g in view.groups if g.focus_area_id == area)
    assert ids["vision"] in {d.id for d in overall.drafts}
    assert ids["mission"] in {d.id for d in by_area.drafts}
    assert ids["mission"] not in {d.id for d in overall.drafts}


def test_examples_hidden_drafts_and_other_rounds_drafts_are_left_out(store, day):
    events.set_draft_status(store, "anna", day.event_id, day.overall[1], "hidden")
    other = events.add_draft(store, "t", day.event_id, "Fra en anden runde.", "Bord 9", "table")
    design(store, day.event_id, other, day.scoring, None)
    view = plenum.start(store, "anna", day.event_id, day.drafting)
    shown = {d.id for g in view.groups for d in g.drafts}
    assert day.overall[0] in shown and day.overall[1] not in shown and other not in shown
    assert not any(d.is_example for g in view.groups for d in g.drafts)


def test_stepping_moves_by_group_side_by_side_and_by_draft_one_at_a_time(store, day):
    plenum.start(store, "anna", day.event_id, day.drafting)
    second = plenum.step(store, "anna", day.event_id, 1)
    assert second.group == second.groups[1] and second.draft is None
    plenum.step(store, "anna", day.event_id, -1)
    with pytest.raises(RuleError, match="første"):
        plenum.step(store, "anna", day.event_id, -1)
    one = plenum.show(store, "anna", day.event_id, second.group.focus_area_id, second.group.drafts[0].id)
    assert one.draft == second.group.drafts[0] and len(one.slides) == 5
    seen = [one.draft.id]
    while one.at < len(one.slides) - 1:
        one = plenum.step(store, "anna", day.event_id, 1)
        seen.append(one.draft.id)
    assert seen == [draft_id for _area, draft_id in one.slides[2:]], "each draft of the later groups, in order"
    with pytest.raises(RuleError, match="sidste"):
        plenum.step(store, "anna", day.event_id, 1)


def test_a_round_that_is_not_a_drafting_round_is_refused(store, day):
    with pytest.raises(RuleError):
        plenum.start(store, "anna", day.event_id, day.scoring)


def test_one_action_approves_closes_the_drafting_round_and_opens_the_scoring_round(store, day):
    events.open_round(store, "anna", day.event_id, day.drafting)
    plenum.start(store, "anna", day.event_id, day.drafting)
    before = screens.current_stamp(store, day.event_id)
    opened = plenum.open_for_scoring(store, "anna", day.event_id)
    assert opened.id == day.scoring and opened.is_open
    rounds = {r.id: r for r in events.rounds(store, day.event_id)}
    assert rounds[day.drafting].status == "closed"
    approved = {d.id for d in events.drafts(store, day.event_id)}
    ours = set(day.overall) | {d for ids in day.by_area.values() for d in ids}
    assert ours <= approved, "every draft of the plenum can now be scored"
    assert screens.current_stamp(store, day.event_id) != before
    with pytest.raises(RuleError, match="ingen planlagt"):
        plenum.open_for_scoring(store, "anna", day.event_id)


def test_nothing_changes_when_there_is_no_scoring_round_to_open(store, day):
    events.open_round(store, "anna", day.event_id, day.drafting)
    events.close_round(store, "anna", day.event_id, day.scoring)      # no longer planned
    plenum.start(store, "anna", day.event_id, day.drafting)
    with pytest.raises(RuleError, match="ingen planlagt"):
        plenum.open_for_scoring(store, "anna", day.event_id)
    assert next(r for r in events.rounds(store, day.event_id) if r.id == day.drafting).is_open
    pending = {d.id for d in events.drafts(store, day.event_id, ("pending",))}
    assert set(day.overall) <= pending


def test_the_drafts_fit_the_big_screen_at_the_back_row_size():
    text = ("Alle borgere skal have muligheden og redskaberne til at kunne leve et så selvstændigt liv som muligt. "
            "Kommunerne og regionen skal understøtte borgerens egenmestring.")
    for screen in (Screen(1920, 1080), Screen(1280, 720)):
        one = single_layout(text, screen)
        four = group_layout([text] * 4, screen)
        assert one.font_px > four.font_px >= screen.text_px and four.shown == 4
        crowded = group_layout(["ord " * 150] * 9, screen)
        assert crowded.font_px == screen.text_px and 0 < crowded.shown < 9
