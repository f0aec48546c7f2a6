"""Review statistics against hand-computed values, ties, comments, comparison across events."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.review_data import join, open_all, populate
from vision import ballots, events, review
from vision.review import bootstrap
from vision.store import queries as q
from vision.store import review_queries as rq


def _event_with_drafts(store, code: str, texts: list[str], minimum: int = 3) -> tuple[int, int, list[int]]:
    event_id = events.create_event(store, "test", code=code, title="Test", min_group_size=minimum)
    ids = store.write(lambda cur: [q.insert_draft(cur, event_id, t, None, "organiser", "approved") for t in texts])
    open_all(store, event_id)
    rnd = next(r for r in events.rounds(store, event_id) if r.kind == "scoring")
    return event_id, rnd.id, ids


def test_criterion_statistics_match_hand_computed_values(store):
    event_id, rid, (a, b) = _event_with_drafts(store, "HAND", ["Forslag A", "Forslag B"])
    people = join(store, "HAND", [("politiker", "Aalborg")] * 5)
    retning = [1, 2, 4, 5, None]                 # P5: "Ved ikke"
    meningsfuld = [4, 4, 4, 3, "skip"]           # P5 skipped the criterion
    for (p, tok), r, m in zip(people, retning, meningsfuld):
        answer = {"retning": r}
        if m != "skip":
            answer["meningsfuld"] = m
        ballots.save_scores(store, p, tok, rid, a, answer)
        ballots.save_scores(store, p, tok, rid, b, {"retning": None if r is None else 2})

    rev = review.build_review(store, event_id, rid)
    da = rev.draft(a)
    assert da.respondents == 5 and not da.suppressed
    r = da.criterion("retning")
    assert (r.scored, r.dont_know, r.missing) == (4, 1, 0)
    assert r.mean == pytest.approx(3.0)
    assert r.sd == pytest.approx(math.sqrt(10 / 3))
    assert (r.q1, r.median, r.q3) == (pytest.approx(1.75), pytest.approx(3.0), pytest.approx(4.25))
    assert r.iqr == pytest.approx(2.5)
    assert r.agreement == pytest.approx(0.5) and r.split          # only 2 and 4 lie within 1 of 3
    m = da.criterion("meningsfuld")
    assert (m.scored, m.dont_know, m.missing) == (4, 0, 1)
    assert m.mean == pytest.approx(3.75) and m.sd == pytest.approx(0.5)
    assert m.agreement == pytest.approx(1.0) and not m.split
    untouched = da.criterion("fornyelse")
    assert untouched.mean is None and untouched.missing == 5
    assert da.mean == pytest.approx((1 + 2 + 4 + 5 + 4 + 4 + 4 + 3) / 8)
    assert da.strongest.key == "meningsfuld" and da.weakest.key == "retning"
    assert rev.draft(b).mean == pytest.approx(2.0)
    assert [x.draft.draft_id for x in rev.ranking] == [a, b]
    assert da.ci_low <= da.mean <= da.ci_high


def test_a_draft_with_too_few_answers_shows_no_numbers(store):
    event_id, rid, (a,) = _event_with_drafts(store, "FEW", ["Kun to svar"])
    for p, tok in join(store, "FEW", [("politiker", "Aalborg"), ("embedsmand", "Aalborg")]):
        ballots.save_scores(store, p, tok, rid, a, {"retning": 5})
    d = review.build_review(store, event_id, rid).draft(a)
    assert d.suppressed and d.mean is None and d.ci_low is None
    assert all(c.mean is None and c.scored == 0 for c in d.criteria)


def _score_all(store, code, rid, people, per_draft):
    for i, (p, tok) in enumerate(people):
        for draft_id, fn in per_draft.items():
            ballots.save_scores(store, p, tok, rid, draft_id, {"retning": fn(i), "brugbar": fn(i + 1)})


def test_clearly_different_drafts_get_their_own_places(store):
    event_id, rid, (a, b) = _event_with_drafts(store, "CLEAR", ["God", "Dårlig"])
    people = join(store, "CLEAR", [("politiker", "Aalborg")] * 12)
    _score_all(store, "CLEAR", rid, people, {a: lambda i: 4 + i % 2, b: lambda i: 1 + i % 2})
    rev = review.build_review(store, event_id, rid)
    assert [(x.place, x.draft.draft_id) for x in rev.ranking] == [("1", a), ("2", b)]
    assert rev.ranking[0].too_close_to_next is False
    diff, lo, hi = rev.ranking[0].diff_to_next
    assert diff == pytest.approx(3.0) and 0 < lo <= diff <= hi


def test_drafts_within_the_noise_share_a_rank_range(store):
    event_id, rid, (a, b, c) = _event_with_drafts(store, "TIE", ["Et", "To", "Tre"])
    people = join(store, "TIE", [("politiker", "Aalborg")] * 12)
    # a and b differ by a hair; c is far below.
    _score_all(store, "TIE", rid, people, {a: lambda i: 1 + (i * 7) % 5, b: lambda i: 1 + (i * 3) % 5,
                                           c: lambda i: 1})
    rev = review.build_review(store, event_id, rid)
    places = {x.draft.draft_id: x.place for x in rev.ranking}
    assert places[a] == places[b] == "1-2"
    assert places[c] == "3"


def test_results_are_the_same_on_every_computation(store):
    populate(store, "TEMA17", 15, seed=5)
    event = events.get_event(store, "TEMA17")
    one, two = review.build_review(store, event.id), review.build_review(store, event.id)
    assert [(r.place, r.draft.ci_low, r.draft.ci_high) for r in one.ranking] == \
           [(r.place, r.draft.ci_low, r.draft.ci_high) for r in two.ranking]


columns = st.lists(st.tuples(st.integers(0, 9), st.integers(0, 45)), min_size=2, max_size=40)


@settings(deadline=None)
@given(st.lists(columns, min_size=1, max_size=4))
def test_the_bootstrap_resamples_participants_with_the_seeded_draws(groups):
    """Every interval rests on the documented resampling: participants drawn with
    replacement by the seeded generator, each resample's sums taken over the drawn
    participants; several drafts resampled together get the same draws as one alone."""
    arrays = [tuple(np.array(col, float) for col in zip(*rows)) for rows in groups]
    got = bootstrap._Resampler().sums(arrays)
    for (scored, totals), sums in zip(arrays, got):
        rng = np.random.default_rng(bootstrap.SEED)
        idx = rng.integers(0, len(scored), size=(bootstrap.BOOTSTRAP_SAMPLES, len(scored)))
        assert np.array_equal(sums, np.column_stack([scored[idx].sum(axis=1), totals[idx].sum(axis=1)]))


def test_the_one_pass_queries_equal_the_queries_per_dimension(store):
    populate(store, "TEMA17", 23, seed=3, with_other=True)
    event = events.get_event(store, "TEMA17")
    rounds = {r.kind: r.id for r in events.rounds(store, event.id)}

    def check(cur):
        for kind, together, alone, dims in (
                ("scoring", rq.criterion_means_by_dim, rq.criterion_stats, ("grp", "unit")),
                ("scoring", rq.draft_respondents_by_dim, rq.draft_respondents, (None, "grp", "unit")),
                ("paradox", rq.paradox_stats_by_dim, rq.paradox_stats, (None, "grp")),
                ("focus", rq.focus_stats_by_dim, rq.focus_stats, (None, "grp"))):
            got = together(cur, rounds[kind], dims)
            for dim in dims:
                expected = alone(cur, rounds[kind], dim)[got[dim].columns]
                assert len(expected) > 0
                pd.testing.assert_frame_equal(got[dim], expected, check_exact=True)

    store.read(check)


def test_comments_filter_search_and_hide_with_audit(store):
    populate(store, "TEMA17", 30, seed=2)
    event = events.get_event(store, "TEMA17")
    all_comments = review.comments(store, event.id)
    assert len(all_comments) > 3
    found = review.filter_comments(all_comments, search="HUSKETESTEN")
    assert len(found) >= 1 and all("husketesten" in t.lower() for t in found.text)
    one_draft = int(all_comments.draft_id.iloc[0])
    assert set(review.filter_comments(all_comments, draft_id=one_draft).draft_id) == {one_draft}
    politicians = review.filter_comments(all_comments, group="politiker")
    assert set(politicians.group) <= {"politiker"}
    victim = all_comments.iloc[0]
    review.hide_comment(store, "sekretariat", event.id, victim.key)
    after = review.comments(store, event.id)
    assert victim.key not in set(after.key) and len(after) == len(all_comments) - 1
    log = store.read(lambda cur: q.audit_entries(cur, event.id))
    assert any(e[1] == "sekretariat" and e[2] == "hide_comment" for e in log)
    with pytest.raises(review.UserError):
        review.hide_comment(store, "x", event.id, "1:2:3")


def test_the_same_vision_is_found_in_another_event_by_its_normalised_text(store):
    old = events.get_event(store, "VISION20")
    events.copy_event(store, "test", "VISION20", "VISION22", "Visionsdag 2022")
    new = events.get_event(store, "VISION22")
    # The new event words the current vision with other spacing, case and quotes.
    current = next(d for d in store.read(lambda cur: q.drafts(cur, new.id)) if d.label and "Nuværende" in d.label)
    store.write(lambda cur: q.update_draft(cur, current.id, text="  »" + current.text.upper().replace(" ", "  ") + "«"))
    populate(store, "VISION20", 9, seed=1)
    populate(store, "VISION22", 9, seed=4)
    matches = review.same_text_elsewhere(store, new.id)
    assert current.id in matches
    codes = [m.event_code for m in matches[current.id]]
    assert codes == ["VISION20", "VISION22"]
    assert all(m.respondents == 9 and m.criterion_means["retning"] is not None for m in matches[current.id])
    # Example drafts with other words are not matched.
    assert len(matches) == 1 or all(len(v) >= 2 for v in matches.values())
    assert review.normalise_text("Alle borgere skal kunne se et træ.") == review.normalise_text("alle  BORGERE skal kunne se et træ")
    assert review.normalise_text("Alle borgere skal kunne se et træ") != review.normalise_text("Alle borgere skal kunne se en skov")
    assert old.id != new.id


def test_delete_event_needs_the_code_and_removes_everything(store):
    populate(store, "TEMA17", 6, seed=1)
    event = events.get_event(store, "TEMA17")
    with pytest.raises(review.UserError) as err:
        events.delete_event(store, "sekretariat", event.id, "TEMA18")
    assert "TEMA17" in str(err.value)
    assert store.read(lambda cur: q.event_by_code(cur, "TEMA17")) is not None
    events.delete_event(store, "sekretariat", event.id, " tema17 ")
    assert store.read(lambda cur: q.event_by_code(cur, "TEMA17")) is None
    for table in ("participants", "drafts", "rounds"):
        assert store.query_one(f"SELECT count(*) FROM {table} WHERE event_id = ?", [event.id])[0] == 0
    assert store.query_one("SELECT count(*) FROM participant_tokens")[0] == 0
    assert any(e[2] == "delete_event" and "TEMA17" in e[4] for e in store.read(q.audit_entries))
    assert events.get_event(store, "VISION20")        # other events are untouched
