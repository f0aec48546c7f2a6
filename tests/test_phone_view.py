"""What a phone shows: the rounds (open, then recently closed), the drafts to score, and the
state its page follows, which the phones' question (``vision.api``) must answer the same way."""

from __future__ import annotations

from datetime import datetime, timedelta

from vision import api, events, phone_view, programme, round_drafts
from vision.model import Draft, Round

NOW = datetime(2026, 3, 12, 10, 30)


def rnd(id, status, closed_minutes_ago=None):
    closed = NOW - timedelta(minutes=closed_minutes_ago) if closed_minutes_ago is not None else None
    return Round(id, 1, id, "scoring", f"Runde {id}", status, False, None, closed)


def draft(id, status):
    return Draft(id, 1, id, f"Forslag {id}", None, "organiser", status, False, None)


def test_open_rounds_come_first_then_rounds_closed_in_the_last_ten_minutes():
    rounds = [rnd(1, "closed", 3), rnd(2, "open"), rnd(3, "closed", 11), rnd(4, "draft"), rnd(5, "closed", 9.9),
              rnd(6, "closed")]
    assert [r.id for r in phone_view.rounds_on_phone(rounds, NOW)] == [2, 1, 5]


def test_a_round_leaves_the_phone_ten_minutes_after_it_closed():
    closed = [rnd(1, "closed", 0)]
    assert phone_view.rounds_on_phone(closed, NOW + phone_view.RECENTLY_CLOSED - timedelta(seconds=1))
    assert phone_view.rounds_on_phone(closed, NOW + phone_view.RECENTLY_CLOSED) == []


def test_only_approved_drafts_are_scored_in_the_organisers_order():
    drafts = [draft(3, "approved"), draft(1, "pending"), draft(2, "hidden"), draft(4, "approved")]
    assert [d.id for d in phone_view.drafts_to_score(drafts)] == [3, 4]
    assert phone_view.shown([rnd(2, "open"), rnd(1, "closed", 1)], drafts) == {"rounds": [2], "drafts": [3, 4],
                                                                               "scored": []}


def test_a_round_with_drafts_of_its_own_scores_only_those_in_their_order():
    drafts = [draft(3, "approved"), draft(1, "pending"), draft(4, "approved"), draft(5, "approved")]
    assert [d.id for d in phone_view.drafts_to_score(drafts, (5, 1, 3))] == [5, 3]   # a pending one waits
    shown = phone_view.shown([rnd(2, "open"), rnd(6, "open")], drafts, {2: (5, 3), 1: (4,)})
    assert shown["scored"] == [[2, 5, 3]]       # only open rounds, and only those with drafts of their own
    assert shown["drafts"] == [3, 4, 5]


def test_the_page_and_the_phones_question_agree(store):
    ev = events.get_event(store, "VISION20")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    events.open_round(store, "anna", ev.id, scoring.id)
    first = events.drafts(store, ev.id)[0]
    events.set_draft_status(store, "anna", ev.id, first.id, "hidden")
    events.add_draft(store, "anna", ev.id, "Et forslag, der venter", None, "organiser", False)
    content = events.event_content(store, ev.id)          # what the vote page draws from
    drawn = programme.with_now(phone_view.shown(content["rounds"], content["drafts"], content["round_drafts"]),
                               programme.now_of(content))
    assert drawn == api.shown(store, ev.id)
    assert drawn["rounds"] == [scoring.id] and first.id not in drawn["drafts"]


def test_choosing_a_rounds_drafts_changes_what_the_phones_follow(store):
    ev = events.get_event(store, "VISION20")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    events.open_round(store, "anna", ev.id, scoring.id)
    before = events.shown_to_participants(store, ev.id)
    second = events.drafts(store, ev.id)[1]
    round_drafts.choose(store, "anna", ev.id, scoring.id, [second.id])
    after = events.shown_to_participants(store, ev.id)
    assert after != before and after["scored"] == [[scoring.id, second.id]]
