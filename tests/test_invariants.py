"""Invariants of the domain under random use (hypothesis stateful testing).

Random sequences of joins, saves, changes, round opening/closing, draft approvals and
deletions. After every step: one answer per key, scores in range, nothing saved while
a round was closed, and the aggregates equal a recomputation from the raw rows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.support.examples import examples
from tests.support.seeded import copy_of, seeded_once
from tests.support.voters import open_scoring_day
from vision import ballots, events, participants, results
from vision.errors import UserError
from vision.store import Store


class Day(RuleBasedStateMachine):
    @initialize()
    def setup(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = Store(copy_of(seeded_once(), Path(self.dir.name) / "inv.duckdb"))
        self.day = open_scoring_day(self.store, n_voters=2)
        self.people = {t: participants.resolve(self.store, self.day.event_code, t)[1] for t in self.day.tokens}
        self.open = True
        self.expected: dict[tuple, dict] = {}   # (token, draft) -> last confirmed ballot
        self.extra_drafts: list[int] = []

    def teardown(self):
        if hasattr(self, "store"):
            self.store.close()
            self.dir.cleanup()

    @rule(n=st.integers(0, 1))
    def join(self, n):
        event = events.get_event(self.store, self.day.event_code)
        tok = participants.join_open(self.store, event, "embedsmand", events.units(self.store, event.id)[n])
        self.people[tok] = participants.resolve(self.store, self.day.event_code, tok)[1]

    @rule(data=st.data())
    def save(self, data):
        token = data.draw(st.sampled_from(sorted(self.people)))
        drafts = [*self.day.draft_ids[:2], *self.extra_drafts]
        draft = data.draw(st.sampled_from(drafts))
        keys = data.draw(st.lists(st.sampled_from(self.day.criteria), min_size=1, max_size=4, unique=True))
        values = {k: data.draw(st.one_of(st.none(), st.integers(-1, 7))) for k in keys}
        approved = draft in self.day.draft_ids or draft in getattr(self, "approved", set())
        valid = self.open and approved and all(v is None or 1 <= v <= 5 for v in values.values())
        try:
            ballots.save_scores(self.store, self.people[token], token, self.day.round_id, draft, values)
        except UserError:
            assert not valid, "a valid save was refused"
            return
        assert valid, "an invalid save was accepted"
        self.expected[(token, draft)] = values

    @rule()
    def close_round(self):
        events.close_round(self.store, "t", self.day.event_id, self.day.round_id)
        self.open = False

    @rule()
    def open_round(self):
        events.open_round(self.store, "t", self.day.event_id, self.day.round_id)
        self.open = True

    @rule(approve=st.booleans())
    def add_draft(self, approve):
        did = events.add_draft(self.store, "t", self.day.event_id, "Et nyt forslag", approved=False)
        self.extra_drafts.append(did)
        self.approved = getattr(self, "approved", set())
        if approve:
            events.set_draft_status(self.store, "t", self.day.event_id, did, "approved")
            self.approved.add(did)

    @precondition(lambda self: len(self.people) > 1)
    @rule(data=st.data())
    def delete_tokens_after_the_day(self, data):
        # Deleting every link to a phone keeps the answers; no one can save any more.
        participants.delete_tokens(self.store, "t", self.day.event_id)
        self.people = {}
        self.join(0)

    @invariant()
    def one_answer_per_key_and_in_range(self):
        if not hasattr(self, "store"):
            return
        dup = self.store.query_one("SELECT count(*) - count(DISTINCT (round_id, participant_id, draft_id, "
                                   "criterion_key)) FROM scores")[0]
        assert dup == 0
        assert self.store.query_one("SELECT count(*) FROM scores WHERE score NOT BETWEEN 1 AND 5")[0] == 0

    @invariant()
    def stored_equals_last_confirmed(self):
        if not hasattr(self, "store"):
            return
        for (token, draft), values in self.expected.items():
            rows = self.store.query(
                "SELECT s.criterion_key, s.score FROM scores s JOIN participant_tokens t "
                "ON t.participant_id = s.participant_id WHERE t.token = ? AND s.draft_id = ?", [token, draft])
            if rows or token in self.people:
                assert dict(rows) == values

    @invariant()
    def aggregates_match_raw_rows(self):
        if not hasattr(self, "store"):
            return
        res = results.compute(self.store, self.day.event_id)
        rr = res.round(self.day.round_id)
        raw = self.store.query_df("SELECT * FROM scores WHERE round_id = ?", [self.day.round_id])
        assert rr.respondents == raw.participant_id.nunique()
        for d in rr.drafts:
            rows = raw[raw.draft_id == d.draft_id]
            assert d.respondents == rows.participant_id.nunique()
            scored = rows[~rows.dont_know]
            if d.suppressed:
                assert d.mean is None
            elif not scored.empty:
                assert abs(d.mean - scored.score.mean()) < 1e-9


Day.TestCase.settings = settings(max_examples=examples(20), stateful_step_count=8, deadline=None,
                                 suppress_health_check=[HealthCheck.too_slow])
TestDay = Day.TestCase
