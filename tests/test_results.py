"""Live aggregates against hand-computed values, suppression, and the shared cache."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from vision import ballots, events, participants, results
from vision.charts import results as charts
from vision.store import queries as q


def voters(store, ev, n, grp="politiker", unit="Aalborg"):
    out = []
    for _ in range(n):
        tok = participants.join_open(store, ev, grp, unit)
        out.append((participants.resolve(store, ev.code, tok)[1], tok))
    return out


@pytest.fixture
def scoring(store):
    ev = events.get_event(store, "VISION20")
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    events.open_round(store, "t", ev.id, rnd.id)
    return store, ev, rnd, events.drafts(store, ev.id)


def test_means_counts_and_dont_know_match_hand_computation(scoring):
    store, ev, rnd, drafts = scoring
    people = voters(store, ev, 4)
    given = [{"retning": 5, "meningsfuld": 2}, {"retning": 4, "meningsfuld": None},
             {"retning": 3, "meningsfuld": 4}, {"retning": None}]
    for (p, tok), scores in zip(people, given):
        ballots.save_scores(store, p, tok, rnd.id, drafts[0].id, scores)
    rr = results.compute(store, ev.id).round(rnd.id)
    d = rr.drafts[0]
    assert d.respondents == 4 and not d.suppressed
    assert d.criterion_means["retning"] == pytest.approx((5 + 4 + 3) / 3)
    # Only two scored "meningsfuld": a criterion's mean rests on those who scored it.
    assert ev.min_group_size == 3 and d.criterion_means["meningsfuld"] is None
    assert d.criterion_counts["meningsfuld"] == 2
    assert d.criterion_counts["retning"] == 3 and d.dont_know["retning"] == 1
    assert d.dont_know["meningsfuld"] == 1
    assert d.criterion_means["husketesten"] is None  # nobody scored it
    assert d.mean == pytest.approx((5 + 4 + 3 + 2 + 4) / 5)
    assert rr.respondents == 4


def test_drafts_below_minimum_are_suppressed(scoring):
    store, ev, rnd, drafts = scoring
    people = voters(store, ev, 2)  # minimum is 3
    for p, tok in people:
        ballots.save_scores(store, p, tok, rnd.id, drafts[1].id, {"retning": 5})
    d = results.compute(store, ev.id).round(rnd.id).drafts[1]
    assert d.suppressed and d.mean is None and all(v is None for v in d.criterion_means.values())
    assert all(v == 0 for v in d.criterion_counts.values())


def test_ranking_puts_best_first_and_suppressed_last(scoring):
    store, ev, rnd, drafts = scoring
    people = voters(store, ev, 3)
    for p, tok in people:
        ballots.save_scores(store, p, tok, rnd.id, drafts[0].id, {"retning": 2})
        ballots.save_scores(store, p, tok, rnd.id, drafts[1].id, {"retning": 4})
    ranked = results.ranking(results.compute(store, ev.id).round(rnd.id))
    assert [d.draft_id for d in ranked] == [drafts[1].id, drafts[0].id, drafts[2].id]
    assert ranked[-1].suppressed


def test_paradox_median_and_focus_points(store):
    ev = events.get_event(store, "TEMA17")
    rounds = {r.kind: r for r in events.rounds(store, ev.id)}
    events.open_round(store, "t", ev.id, rounds["paradox"].id)
    events.open_round(store, "t", ev.id, rounds["focus"].id)
    pdx = store.read(lambda cur: q.paradoxes(cur, ev.id))
    areas = store.read(lambda cur: q.focus_areas(cur, ev.id))
    for (p, tok), pos in zip(voters(store, ev, 3), (-60, 10, 90)):
        ballots.save_paradoxes(store, p, tok, rounds["paradox"].id, {pdx[0].id: pos})
        ballots.save_focus(store, p, tok, rounds["focus"].id, {areas[0].id: 7, areas[1].id: 3})
    res = results.compute(store, ev.id)
    pr = res.round(rounds["paradox"].id).paradoxes[0]
    assert pr.median == 10 and pr.mean == pytest.approx(40 / 3) and pr.positions == (-60, 10, 90)
    assert res.round(rounds["paradox"].id).paradoxes[1].suppressed  # nobody placed themselves there
    focus = {f.focus_area_id: f for f in res.round(rounds["focus"].id).focus}
    assert focus[areas[0].id].value == 21 and focus[areas[1].id].value == 9
    fig = charts.paradox_histogram(pr)
    assert list(fig.data[0].x) == [-60, 10, 90]


def test_round_change_between_repeated_rounds(scoring):
    store, ev, rnd, drafts = scoring
    people = voters(store, ev, 3)
    for p, tok in people:
        ballots.save_scores(store, p, tok, rnd.id, drafts[0].id, {"retning": 2})
    second = events.repeat_round(store, "t", ev.id, rnd.id)
    events.open_round(store, "t", ev.id, second)
    for p, tok in people:
        ballots.save_scores(store, p, tok, second, drafts[0].id, {"retning": 4})
    res = results.compute(store, ev.id)
    change = results.round_change(res.round(rnd.id), res.round(second))
    assert change[drafts[0].id] == pytest.approx(2.0)
    assert change[drafts[1].id] is None


def test_cache_computes_once_for_many_screens(scoring):
    store, ev, rnd, drafts = scoring
    cache = results.ResultsCache(min_interval=1.0)
    out = []
    threads = [threading.Thread(target=lambda: out.append(cache.get(store, ev.id))) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.computations == 1 and len({id(r) for r in out}) == 1


def test_cache_follows_new_votes(scoring):
    store, ev, rnd, drafts = scoring
    cache = results.ResultsCache(min_interval=0.0)
    assert cache.get(store, ev.id).round(rnd.id).respondents == 0
    (p, tok), = voters(store, ev, 1)
    ballots.save_scores(store, p, tok, rnd.id, drafts[0].id, {"retning": 3})
    assert cache.get(store, ev.id).round(rnd.id).respondents == 1


def test_participation_by_unit(scoring):
    store, ev, rnd, drafts = scoring
    a = voters(store, ev, 3, unit="Aalborg")
    voters(store, ev, 2, unit="Thisted")
    ballots.save_scores(store, a[0][0], a[0][1], rnd.id, drafts[0].id, {"retning": 3})
    table = results.participation_by_unit(store, ev.id, rnd.id).set_index("unit")
    assert table.loc["Aalborg", "joined"] == 3 and table.loc["Aalborg", "answered"] == 1
    assert table.loc["Thisted", "answered"] == 0


def test_change_per_group_is_hidden_for_small_groups(scoring):
    store, ev, rnd, drafts = scoring
    pols = voters(store, ev, 3, grp="politiker")
    offs = voters(store, ev, 4, grp="embedsmand")
    users = voters(store, ev, 1, grp="brugerorganisation")
    second = events.repeat_round(store, "t", ev.id, rnd.id)
    for rid, base in ((rnd.id, 2), (second, 3)):
        events.open_round(store, "t", ev.id, rid)
        for i, (p, tok) in enumerate(pols + offs + users):
            bump = 1 if (p.grp == "embedsmand" and rid == second) else 0
            ballots.save_scores(store, p, tok, rid, drafts[0].id, {"retning": base + bump})
        events.close_round(store, "t", ev.id, rid)
    table = results.round_change_by_group(store, ev.id, rnd.id, second).set_index("group")
    # The single user-organisation voter is hidden, and so is the next smallest group
    # (politicians, 3), so the overall change cannot reveal the hidden one.
    assert table.loc["brugerorganisation", "change"] is None or pd.isna(table.loc["brugerorganisation", "change"])
    assert pd.isna(table.loc["politiker", "change"])
    assert table.loc["embedsmand", "change"] == pytest.approx(2.0)
    assert pd.isna(table.loc["andet", "change"])


def test_screens_share_one_figure_per_set_of_numbers():
    """Many projector screens asking for the same chart at once build it once; new
    numbers give a new chart; old charts are let go beyond the cache's size."""
    from vision.ui import figures

    built = []

    def build(n):
        built.append(n)
        return charts.answered_bar(n, 500)

    shown = []
    threads = [threading.Thread(target=lambda: shown.append(figures.shared_figure(("test", 7), lambda: build(7))))
               for _ in range(20)]
    first = figures.shared_figure(("test", 7), lambda: build(7))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [7] and all(f is first for f in shown)
    assert list(figures.shared_figure(("test", 8), lambda: build(8)).data[0].x) == [8]
    for i in range(figures.MAX_FIGURES):
        figures.shared_figure(("filler", i), lambda: build(-1))
    figures.shared_figure(("test", 7), lambda: build(7))
    assert built.count(7) == 2, "the oldest figure was evicted and is built again"
