"""The review of one event and scoring round, assembled from the store's aggregates.

Everything a review page or an export shows comes from :func:`build_review`, so a
table on the page and the same table in an export cannot disagree. Neighbouring
drafts whose difference is too close to call (see :mod:`vision.review.bootstrap`)
share a rank range ("1-2").
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from vision.errors import NotFoundError
from vision.model import Draft, Event, Round
from vision.review.bootstrap import _difference_interval, _mean_interval, _paired, _Resampler
from vision.review.breakdowns import _breakdown, _cells, _focus_cells, _paradox_cells
from vision.review.model import ALL, DIMENSIONS, CriterionStat, DraftReview, RankedDraft, Review, _none
from vision.review.suppression import suppress
from vision.store import Store
from vision.store import queries as q
from vision.store import review_queries as rq
from vision.store import round_draft_queries as rdq


def _per_draft(sums: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """The rows of ``sums`` (participant_id, scored, total) of each draft."""
    return {int(k): g[["participant_id", "scored", "total"]] for k, g in sums.groupby("draft_id", sort=False)}


def _draft_reviews(drafts: list[Draft], criteria, stats: pd.DataFrame, resp: pd.DataFrame,
                   per_draft: dict[int, pd.DataFrame], minimum: int,
                   resampler: _Resampler) -> tuple[DraftReview, ...]:
    out = []
    to_resample: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    respondents = dict(zip(resp.draft_id, resp.respondents))
    scorers = dict(zip(resp.draft_id, resp.scorers if "scorers" in resp else resp.respondents))
    cols = ("scored", "dont_know", "answers", "mean", "sd", "q1", "median", "q3", "agreement")
    found = {(int(d), k): v for d, k, *v in zip(stats.draft_id.tolist(), stats.criterion_key.tolist(),
                                                  *(stats[c].tolist() for c in cols))}
    for number, d in enumerate(drafts, start=1):
        n = int(respondents.get(d.id, 0))
        hidden = n < minimum
        crit = []
        for c in criteria:
            r = None if hidden else found.get((d.id, c.key))
            if r is None:
                crit.append(CriterionStat(c.key, c.label, 0 if hidden else 0, 0, 0 if hidden else n,
                                          None, None, None, None, None, None))
                continue
            scored, dont_know, answers, mean, sd, q1, median, q3, agreement = r
            if 0 < int(scored) < minimum:      # a criterion's figures rest on those who scored it
                crit.append(CriterionStat(c.key, c.label, int(scored), int(dont_know), n - int(answers),
                                          None, None, None, None, None, None, hidden=True))
                continue
            crit.append(CriterionStat(
                c.key, c.label, int(scored), int(dont_know), n - int(answers), _none(mean),
                _none(sd), _none(q1), _none(median), _none(q3), _none(agreement)))
        mine = per_draft.get(d.id)
        mean = None
        # The overall mean rests on those who gave at least one score ("Ved ikke" gives none).
        if not hidden and mine is not None and int(scorers.get(d.id, 0)) >= minimum:
            totals, scored = mine.total.to_numpy(float), mine.scored.to_numpy(float)
            if scored.sum() > 0:
                mean = float(totals.sum() / scored.sum())
                if len(totals) >= 2:
                    to_resample[d.id] = (totals, scored)
        mean_hidden = not hidden and 0 < int(scorers.get(d.id, 0)) < minimum
        out.append(DraftReview(d.id, number, d.label, d.text, n, hidden, mean, None, None, tuple(crit),
                               mean_hidden=mean_hidden))
    # The intervals of all drafts' means, resampled together.
    cis = dict(zip(to_resample, map(_mean_interval, resampler.sums(list(to_resample.values())))))
    return tuple(replace(r, ci_low=cis[r.draft_id][0], ci_high=cis[r.draft_id][1]) if r.draft_id in cis else r
                 for r in out)


def _ranking(drafts: tuple[DraftReview, ...], per_draft: dict[int, pd.DataFrame],
             resampler: _Resampler) -> tuple[RankedDraft, ...]:
    ranked = sorted(drafts, key=lambda d: (d.mean is None, -(d.mean or 0), d.number))
    shown = [d for d in ranked if d.mean is not None]
    # Each neighbour pair's difference; the intervals of all pairs are resampled together.
    pairs = [_paired(per_draft[a.draft_id], per_draft[b.draft_id]) for a, b in zip(shown, shown[1:])]
    found = [p for p in pairs if p is not None]
    intervals = iter(map(_difference_interval, resampler.sums([p[1] for p in found])))
    diffs: list[tuple[float, float, float] | None] = [
        None if p is None else (p[0], *next(intervals)) for p in pairs]
    close: list[bool | None] = [True if diff is None else diff[1] <= 0 <= diff[2] for diff in diffs]
    # Chains of ties share a rank range.
    places: list[str] = []
    start = 0
    for i in range(len(shown)):
        if i == len(shown) - 1 or not close[i]:
            label = f"{start + 1}" if start == i else f"{start + 1}-{i + 1}"
            places.extend([label] * (i - start + 1))
            start = i + 1
    out = [RankedDraft(places[i], d, diffs[i] if i < len(diffs) else None, close[i] if i < len(close) else None)
           for i, d in enumerate(shown)]
    out += [RankedDraft("–", d, None, None) for d in ranked if d.mean is None]
    return tuple(out)


def scoring_rounds(store: Store, event_id: int) -> list[Round]:
    return [r for r in store.read(lambda cur: q.rounds(cur, event_id)) if r.kind == "scoring"]


def build_review(store: Store, event_id: int, round_id: int | None = None) -> Review:
    """Everything the review page and the exports show for one event and one scoring round
    (the last scoring round with answers if ``round_id`` is None)."""

    def read(cur):
        event = q.event_by_id(cur, event_id)
        if event is None:
            raise NotFoundError("Begivenheden findes ikke.")
        rounds = q.rounds(cur, event_id)
        scoring = [r for r in rounds if r.kind == "scoring"]
        if round_id is not None:
            rnd = next((r for r in scoring if r.id == round_id), None)
            if rnd is None:
                raise NotFoundError("Runden findes ikke i denne begivenhed.")
        else:
            answered = [r for r in scoring
                        if rq.round_has_scores(cur, r.id)]
            rnd = (answered or scoring or [None])[-1]
        rid = rnd.id if rnd else -1
        data = {
            "event": event, "rounds": rounds, "round": rnd, "scoring": scoring,
            "criteria": q.criteria(cur, event_id),
            "drafts": q.drafts(cur, event_id, ("approved", "hidden")),
            "own": rdq.drafts_of_round(cur, rid),
            "units": q.units(cur, event_id),
            "paradoxes": q.paradoxes(cur, event_id), "areas": q.focus_areas(cur, event_id),
            "stats": rq.criterion_stats(cur, rid), "sums": rq.participant_sums(cur, rid),
            "people": {dim: rq.respondents_per_cell(cur, event_id, dim) for dim in DIMENSIONS},
        }
        # All breakdown dimensions (for respondents the whole room too) in one query each.
        means = rq.criterion_means_by_dim(cur, rid, tuple(DIMENSIONS))
        resp = rq.draft_respondents_by_dim(cur, rid, (None, *DIMENSIONS))
        data["resp"] = resp[None]
        for dim in DIMENSIONS:
            data[f"stats_{dim}"], data[f"resp_{dim}"] = means[dim], resp[dim]
        paradox = {r.id: rq.paradox_stats_by_dim(cur, r.id, (None, "grp")) for r in rounds if r.kind == "paradox"}
        data["paradox"] = {k: v["grp"] for k, v in paradox.items()}
        data["paradox_all"] = {k: v[None] for k, v in paradox.items()}
        focus = {r.id: rq.focus_stats_by_dim(cur, r.id, (None, "grp")) for r in rounds if r.kind == "focus"}
        data["focus"] = {k: v["grp"] for k, v in focus.items()}
        data["focus_all"] = {k: v[None] for k, v in focus.items()}
        return data

    d = store.read(read)
    event: Event = d["event"]
    minimum = event.min_group_size
    criteria = tuple(d["criteria"])
    # Drafts that were voted on (a hidden draft may still carry scores); approved ones always.
    voted = set(d["resp"].draft_id)
    drafts = [x for x in d["drafts"] if x.status == "approved" or x.id in voted]
    if d["own"] is not None:        # a round with drafts of its own lists only those (vision.round_drafts)
        by_id = {x.id: x for x in drafts}
        drafts = [by_id[i] for i in d["own"] if i in by_id]
    per_draft = _per_draft(d["sums"])
    resampler = _Resampler()
    reviews = _draft_reviews(drafts, criteria, d["stats"], d["resp"], per_draft, minimum, resampler)
    cells = {"grp": _cells("grp", d["units"], d["resp_grp"].cell),
             "unit": _cells("unit", d["units"], pd.concat([d["resp_unit"].cell, d["people"]["unit"].cell]))}
    ids = [x.id for x in drafts]
    by = {dim: _breakdown(d[f"stats_{dim}"], d[f"resp_{dim}"], ids, cells[dim], criteria, minimum)
          for dim in DIMENSIONS}

    paradox_rows, focus_rows = [], []
    paradox_rounds = tuple(r for r in d["rounds"] if r.kind == "paradox")
    focus_rounds = tuple(r for r in d["rounds"] if r.kind == "focus")
    for r in paradox_rounds:
        paradox_rows += _paradox_cells(d["paradox_all"][r.id], r.id, d["paradoxes"], (ALL,), minimum)
        paradox_rows += _paradox_cells(d["paradox"][r.id], r.id, d["paradoxes"], cells["grp"], minimum)
    for r in focus_rounds:
        focus_rows += _focus_cells(d["focus_all"][r.id], r.id, d["areas"], (ALL,), minimum)
        focus_rows += _focus_cells(d["focus"][r.id], r.id, d["areas"], cells["grp"], minimum)

    people_rows = []
    for dim in DIMENSIONS:
        p = d["people"][dim]
        counts = {c: 0 for c in cells[dim]} | dict(zip(p.cell, (int(x) for x in p.participants)))
        hidden = suppress(counts, minimum)
        for cell, n in counts.items():
            people_rows.append({"dim": dim, "cell": cell, "participants": None if cell in hidden else n,
                                "suppressed": cell in hidden, "reason": hidden.get(cell)})

    return Review(
        event=event, round=d["round"], criteria=criteria, drafts=reviews,
        ranking=_ranking(reviews, per_draft, resampler), by_group=by["grp"], by_unit=by["unit"], cells=cells,
        paradox_rounds=paradox_rounds, paradoxes=tuple(d["paradoxes"]),
        paradox_by_group=pd.DataFrame(paradox_rows, columns=[
            "round_id", "paradox_id", "cell", "suppressed", "reason", "n", "mean", "lo", "q1", "median", "q3", "hi",
            "left_n", "mid_n", "right_n"]),
        focus_rounds=focus_rounds, focus_areas=tuple(d["areas"]),
        focus_by_group=pd.DataFrame(focus_rows, columns=[
            "round_id", "focus_area_id", "cell", "suppressed", "reason", "respondents", "total", "mean"]),
        participants=pd.DataFrame(people_rows, columns=["dim", "cell", "participants", "suppressed", "reason"]),
        scoring_rounds=tuple(d["scoring"]),
        extra={"total_participants": int(d["people"]["grp"].participants.sum()) if not d["people"]["grp"].empty
               else 0},
    )
