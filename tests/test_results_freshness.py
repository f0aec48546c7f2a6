"""Cached results are fresh right after an organiser's write, with no page code involved:
the domain drops them after the write that makes them stale (``vision.results.invalidate``)."""

from __future__ import annotations

import pytest

from vision import ballots, events, participants, results


@pytest.fixture
def slow_cache(store):
    """A cache that on its own would keep a value for an hour: only invalidation refreshes it."""
    ev = events.get_event(store, "VISION20")
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    cache = results.ResultsCache(min_interval=3600)
    return store, ev, rnd, cache


def test_opening_closing_and_revealing_a_round_show_at_once(slow_cache):
    store, ev, rnd, cache = slow_cache
    assert cache.get(store, ev.id).round(rnd.id).status != "open"
    events.open_round(store, "anna", ev.id, rnd.id)
    assert cache.get(store, ev.id).round(rnd.id).status == "open"
    events.set_revealed(store, "anna", ev.id, rnd.id, True)
    assert cache.get(store, ev.id).round(rnd.id).revealed
    events.close_round(store, "anna", ev.id, rnd.id)
    assert cache.get(store, ev.id).round(rnd.id).status == "closed"


def test_hiding_a_draft_and_changing_the_minimum_group_show_at_once(slow_cache):
    store, ev, rnd, cache = slow_cache
    events.open_round(store, "anna", ev.id, rnd.id)
    draft = events.drafts(store, ev.id)[0]
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    voter = participants.resolve(store, ev.code, token)[1]
    ballots.save_scores(store, voter, token, rnd.id, draft.id, {"retning": 4})
    events.update_event(store, "anna", ev.id, min_group_size=1)
    shown = {d.draft_id: d for d in cache.get(store, ev.id).round(rnd.id).drafts}
    assert cache.get(store, ev.id).min_group_size == 1
    assert shown[draft.id].mean == pytest.approx(4.0)

    events.set_draft_status(store, "anna", ev.id, draft.id, "hidden")
    assert draft.id not in {d.draft_id for d in cache.get(store, ev.id).round(rnd.id).drafts}


def test_a_new_round_from_set_up_shows_at_once(slow_cache):
    store, ev, rnd, cache = slow_cache
    before = len(cache.get(store, ev.id).rounds)
    new_id = events.add_round(store, "anna", ev.id, "scoring", "Ekstra runde")
    after = cache.get(store, ev.id)
    assert len(after.rounds) == before + 1 and after.round(new_id).title == "Ekstra runde"


def test_invalidation_reaches_only_the_event_written(slow_cache):
    store, ev, rnd, cache = slow_cache
    other = events.get_event(store, "TEMA17")
    kept = cache.get(store, other.id)
    events.open_round(store, "anna", ev.id, rnd.id)
    assert cache.get(store, other.id) is kept
