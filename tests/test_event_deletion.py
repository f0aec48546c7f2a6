"""Deleting an event: one function for every page, which checks the typed code, deletes,
audits and makes this process forget the event's phones, screen choice and results."""

from __future__ import annotations

import pytest

from vision import events, participants, screens
from vision.errors import UserError
from vision.results import ResultsCache
from vision.store import queries as q


def test_a_wrong_code_deletes_nothing(store):
    event = events.get_event(store, "TEMA17")
    for typed in ("TEMA18", "", None):
        with pytest.raises(UserError) as err:
            events.delete_event(store, "anna", event.id, typed)
        assert "TEMA17" in err.value.text("da")
    assert store.read(lambda cur: q.event_by_code(cur, "TEMA17")) is not None


def test_deleting_forgets_phones_screen_and_results_and_is_audited(store):
    event = events.get_event(store, "TEMA17")
    token = participants.join_open(store, event, "politiker", "Aalborg")
    participants.resolve(store, "TEMA17", token)
    assert participants.recognised(store, "TEMA17", token) is not None
    screens.set_choice(event.id, screens.JOIN)
    cache = ResultsCache(min_interval=0)
    invalidated = []
    cache.invalidate = invalidated.append  # record the call; the cache's own test covers what it drops

    assert events.delete_event(store, "anna", event.id, " tema17 ") == "TEMA17"

    assert store.read(lambda cur: q.event_by_code(cur, "TEMA17")) is None
    assert participants.recognised(store, "TEMA17", token) is None
    assert screens.choice(event.id) == screens.AUTO
    assert invalidated == [event.id]
    entry = events.audit_log(store)[0]
    assert entry[2] == "delete_event" and "TEMA17" in entry[4] and entry[1] == "anna"
    assert events.get_event(store, "VISION20")
