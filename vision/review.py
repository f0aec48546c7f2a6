"""The secretariat's review after the day: statistics, breakdowns and small-group suppression.

Everything a review page or an export shows comes from :func:`build_review`, so a
table on the page and the same table in an export cannot disagree.

Statistics (per draft, in one scoring round)
    For each criterion: mean, standard deviation (sample), quartiles and interquartile
    range (linear interpolation), the number of scores, of "Ved ikke" and of
    participants who answered the draft but skipped the criterion, and *agreement*:
    the share of scores within one point of the median. A criterion is *split* when
    agreement is below :data:`SPLIT_BELOW`.

Ranking and "too close to call"
    A draft's overall mean is the mean of all its scores. Its 95 % interval comes from
    a bootstrap that resamples participants (not single answers, which are correlated
    within a person). Two neighbouring drafts are *too close to call* when the 95 %
    bootstrap interval of the difference of their means, resampling the participants
    who scored either draft (so each person's scores of both drafts stay together),
    contains 0. Neighbours linked by such ties share a rank range ("1-2"). The random
    generator is seeded, so the page and every export show the same intervals.

Suppression (privacy, GDPR art. 9)
    A breakdown cell (a group or a municipality, for one draft, paradox or focus
    round) is shown only when at least ``min_group_size`` participants answered in
    it; otherwise every number of the cell reads :data:`SUPPRESSED`. Because the total
    is shown too, hidden cells must not be recoverable by subtraction: if the hidden
    cells together hold between 1 and ``min_group_size - 1`` answers, the smallest
    shown cells are hidden as well until the hidden ones together hold at least
    ``min_group_size`` (complementary suppression, :func:`cells_to_suppress`). The
    total itself is hidden when fewer than ``min_group_size`` answered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Hashable, Mapping

import numpy as np
import pandas as pd

from vision.errors import NotFoundError, UserError
from vision.model import GROUPS, Criterion, Draft, Event, FocusArea, Paradox, Round
from vision.store import Store
from vision.store import queries as q
from vision.store import review_queries as rq

SUPPRESSED = "for få svar"
OTHER = "Øvrige (for få svar)"
ALL = "Alle"
SPLIT_BELOW = 0.6
CONFIDENCE = 0.95
BOOTSTRAP_SAMPLES = 2000
SEED = 20170428
DIMENSIONS = {"grp": "Gruppe", "unit": "Kommune/organisation"}


# -- suppression --------------------------------------------------------------------
def cells_to_suppress(counts: Mapping[Hashable, int], minimum: int) -> set:
    """The cells to hide so that no cell, nor the difference total minus shown cells,
    describes fewer than ``minimum`` (but more than 0) answers.

    Cells under the minimum are hidden; then, while the hidden cells together hold
    1 to ``minimum - 1`` answers, the smallest shown cell is hidden too.
    """
    hidden = {k for k, n in counts.items() if n < minimum}
    residual = sum(int(counts[k]) for k in hidden)
    shown = sorted((k for k in counts if k not in hidden), key=lambda k: (counts[k], str(k)))
    while 0 < residual < minimum and shown:
        k = shown.pop(0)
        hidden.add(k)
        residual += int(counts[k])
    return hidden


def k_anonymise(people: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """Coarsen ``grp`` and ``unit`` so that every (grp, unit) combination covers at
    least ``minimum`` participants: a small combination first loses its unit, then its
    group; a fully coarsened remainder that is still too small absorbs the smallest
    other combination. Returns a copy with the coarsened columns."""
    out = people[["participant_id", "grp", "unit"]].copy()
    if out.empty:
        return out
    # Groups and units that are small on their own are coarsened first (also in combinations).
    for col in ("grp", "unit"):
        sizes = out[col].value_counts()
        small = set(sizes[sizes < minimum].index)
        out.loc[out[col].isin(small), col] = OTHER
    while True:
        sizes = out.groupby(["grp", "unit"]).size()
        small = sizes[sizes < minimum].sort_values()
        if small.empty:
            return out
        (grp, unit), _n = small.index[0], small.iloc[0]
        rows = (out.grp == grp) & (out.unit == unit)
        if unit != OTHER:
            out.loc[rows, "unit"] = OTHER
        elif grp != OTHER:
            out.loc[rows, "grp"] = OTHER
        else:
            others = sizes.drop((OTHER, OTHER)).sort_values()
            if others.empty:
                return out
            g2, u2 = others.index[0]
            out.loc[(out.grp == g2) & (out.unit == u2), ["grp", "unit"]] = OTHER


# -- text matching --------------------------------------------------------------------
_PUNCT = re.compile(r"[\s\"'“”„‘’«»]+")


def normalise_text(text: str) -> str:
    """Text as compared across events: Unicode NFKC, case-folded, dashes unified,
    quotes dropped, whitespace collapsed, and a final full stop ignored."""
    t = unicodedata.normalize("NFKC", text or "").casefold()
    t = re.sub(r"[‐‑‒–—−]", "-", t)
    t = _PUNCT.sub(" ", t).strip()
    return t.rstrip(" .!")


# -- the review ---------------------------------------------------------------------
@dataclass(frozen=True)
class CriterionStat:
    key: str
    label: str
    scored: int
    dont_know: int
    missing: int
    mean: float | None
    sd: float | None
    q1: float | None
    median: float | None
    q3: float | None
    agreement: float | None

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1

    @property
    def split(self) -> bool:
        return self.agreement is not None and self.agreement < SPLIT_BELOW


@dataclass(frozen=True)
class DraftReview:
    draft_id: int
    number: int
    label: str | None
    text: str
    respondents: int
    suppressed: bool
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    criteria: tuple[CriterionStat, ...]

    @property
    def name(self) -> str:
        return f"Forslag {self.number}" + (f" · {self.label}" if self.label else "")

    def _scored(self) -> list[CriterionStat]:
        return [c for c in self.criteria if c.mean is not None]

    @property
    def strongest(self) -> CriterionStat | None:
        scored = self._scored()
        return max(scored, key=lambda c: c.mean) if scored else None

    @property
    def weakest(self) -> CriterionStat | None:
        scored = self._scored()
        return min(scored, key=lambda c: c.mean) if scored else None

    def criterion(self, key: str) -> CriterionStat:
        return next(c for c in self.criteria if c.key == key)


@dataclass(frozen=True)
class RankedDraft:
    place: str                       # "1", or "1-2" when tied with a neighbour
    draft: DraftReview
    diff_to_next: tuple[float, float, float] | None   # difference, low, high
    too_close_to_next: bool | None   # None for the last or a suppressed draft


@dataclass(frozen=True)
class Review:
    event: Event
    round: Round | None
    criteria: tuple[Criterion, ...]
    drafts: tuple[DraftReview, ...]
    ranking: tuple[RankedDraft, ...]
    by_group: pd.DataFrame            # long: draft_id, cell, criterion_key ('' = overall), respondents, mean, suppressed
    by_unit: pd.DataFrame
    cells: dict[str, tuple[str, ...]]  # dim -> cells in display order
    paradox_rounds: tuple[Round, ...]
    paradoxes: tuple[Paradox, ...]
    paradox_by_group: pd.DataFrame    # round_id, paradox_id, cell, n, mean, q1, median, q3, lo, hi, left/mid/right, suppressed
    focus_rounds: tuple[Round, ...]
    focus_areas: tuple[FocusArea, ...]
    focus_by_group: pd.DataFrame      # round_id, focus_area_id, cell, respondents, mean, total, suppressed
    participants: pd.DataFrame        # dim, cell, participants, suppressed
    scoring_rounds: tuple[Round, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def minimum(self) -> int:
        return self.event.min_group_size

    def draft(self, draft_id: int) -> DraftReview:
        return next(d for d in self.drafts if d.draft_id == draft_id)


def _none(x) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) or pd.isna(x) else float(x)


def _resample_counts(n: int) -> np.ndarray:
    """How often each of ``n`` participants is drawn in each bootstrap resample
    (``BOOTSTRAP_SAMPLES`` x ``n``).

    The draws are ``rng.integers(0, n, (BOOTSTRAP_SAMPLES, n))`` of a generator seeded
    with :data:`SEED`, so every resample of ``n`` participants is the same wherever it
    is used. A resample's sum of any per-participant column is then one row of
    ``counts @ column``; scores are whole numbers, so these sums are exact and equal
    to summing the drawn values one by one.
    """
    rng = np.random.default_rng(SEED)
    idx = rng.integers(0, n, size=(BOOTSTRAP_SAMPLES, n))
    idx += (np.arange(BOOTSTRAP_SAMPLES) * n)[:, None]
    return np.bincount(idx.ravel(), minlength=BOOTSTRAP_SAMPLES * n).reshape(BOOTSTRAP_SAMPLES, n).astype(float)


class _Resampler:
    """Resampled sums of per-participant columns. The resample counts of each number of
    participants are drawn once per review, and all columns of that length are summed
    in one matrix product."""

    def __init__(self) -> None:
        self._counts: dict[int, np.ndarray] = {}

    def sums(self, groups: list[tuple[np.ndarray, ...]]) -> list[np.ndarray]:
        """For each tuple of columns of one length, the resampled sum of each column
        (``BOOTSTRAP_SAMPLES`` rows, one column per column of the tuple)."""
        by_n: dict[int, list[int]] = {}
        for i, columns in enumerate(groups):
            by_n.setdefault(len(columns[0]), []).append(i)
        out: list[np.ndarray] = [np.empty(0)] * len(groups)
        for n, which in by_n.items():
            if n not in self._counts:
                self._counts[n] = _resample_counts(n)
            product = self._counts[n] @ np.column_stack([c for i in which for c in groups[i]])
            at = 0
            for i in which:
                out[i] = product[:, at:at + len(groups[i])]
                at += len(groups[i])
        return out


def _interval(values: np.ndarray) -> tuple[float, float]:
    alpha = (1 - CONFIDENCE) / 2
    return float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha))


def _mean_interval(sums: np.ndarray) -> tuple[float, float]:
    """The interval of the mean from resampled (total, scored) sums."""
    t, c = sums[:, 0], sums[:, 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        means = t / c
    return _interval(means[c > 0])


def _paired(a: pd.DataFrame, b: pd.DataFrame) -> tuple[float, tuple[np.ndarray, ...]] | None:
    """The difference of the means of a and b, and total_a, scored_a, total_b, scored_b
    over the participants who scored a or b (by participant_id); None when a or b has
    no scores or fewer than two participants scored either."""
    pa, pb = a.participant_id.to_numpy(), b.participant_id.to_numpy()
    ids = np.union1d(pa, pb)
    cols = []
    for p, df in ((pa, a), (pb, b)):
        pos = np.searchsorted(ids, p)
        for c in ("total", "scored"):
            x = np.zeros(len(ids))
            x[pos] = np.nan_to_num(df[c].to_numpy(float))
            cols.append(x)
    keep = (cols[1] > 0) | (cols[3] > 0)
    ta, ca, tb, cb = (x[keep] for x in cols)
    if ca.sum() == 0 or cb.sum() == 0:
        return None
    diff = ta.sum() / ca.sum() - tb.sum() / cb.sum()
    if len(ta) < 2:
        return None
    return float(diff), (ta, ca, tb, cb)


def _difference_interval(sums: np.ndarray) -> tuple[float, float]:
    """The interval of the difference of means from resampled (total_a, scored_a, total_b, scored_b) sums."""
    sa, sb = sums[:, 1], sums[:, 3]
    ok = (sa > 0) & (sb > 0)
    return _interval(sums[ok, 0] / sa[ok] - sums[ok, 2] / sb[ok])


def paired_difference(a: pd.DataFrame, b: pd.DataFrame) -> tuple[float, float, float] | None:
    """Mean of draft a minus mean of draft b, with its 95 % bootstrap interval.

    ``a`` and ``b`` hold one row per participant (participant_id, scored, total).
    Participants are resampled once for both drafts, so the pairing is kept.
    """
    p = _paired(a, b)
    if p is None:
        return None
    return (p[0], *_difference_interval(_Resampler().sums([p[1]])[0]))


def _per_draft(sums: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """The rows of ``sums`` (participant_id, scored, total) of each draft."""
    return {int(k): g[["participant_id", "scored", "total"]] for k, g in sums.groupby("draft_id", sort=False)}


def _draft_reviews(drafts: list[Draft], criteria, stats: pd.DataFrame, resp: pd.DataFrame,
                   per_draft: dict[int, pd.DataFrame], minimum: int,
                   resampler: _Resampler) -> tuple[DraftReview, ...]:
    out = []
    to_resample: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    respondents = dict(zip(resp.draft_id, resp.respondents))
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
            crit.append(CriterionStat(
                c.key, c.label, int(scored), int(dont_know), n - int(answers), _none(mean),
                _none(sd), _none(q1), _none(median), _none(q3), _none(agreement)))
        mine = per_draft.get(d.id)
        mean = None
        if not hidden and mine is not None:
            totals, scored = mine.total.to_numpy(float), mine.scored.to_numpy(float)
            if scored.sum() > 0:
                mean = float(totals.sum() / scored.sum())
                if len(totals) >= 2:
                    to_resample[d.id] = (totals, scored)
        out.append(DraftReview(d.id, number, d.label, d.text, n, hidden, mean, None, None, tuple(crit)))
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


def _cells(dim: str, units: list[str], found: pd.Series) -> tuple[str, ...]:
    if dim == "grp":
        return tuple(GROUPS)
    extra = sorted(set(found) - set(units))
    return tuple(units) + tuple(extra)


def _cell_counts(cells: tuple[str, ...], found: Mapping[Hashable, int]) -> dict:
    """Every cell of the dimension in display order (0 where nobody answered), then any
    other cell found in the answers."""
    return {c: 0 for c in cells} | dict(found)


def _breakdown(stats: pd.DataFrame, resp: pd.DataFrame, draft_ids: list[int], cells: tuple[str, ...],
               criteria, minimum: int) -> pd.DataFrame:
    """Long table of cell means (criterion_key '' is the draft's overall mean), with suppression.

    ``stats`` and ``resp`` are read once into dictionaries keyed by draft and cell, so
    the work grows with the number of rows, not with drafts x cells x criteria."""
    found: dict[int, dict] = {}
    for draft_id, cell, n in zip(resp.draft_id.tolist(), resp.cell.tolist(), resp.respondents.tolist()):
        found.setdefault(int(draft_id), {})[cell] = int(n)
    means: dict[tuple, float] = {}
    scored: dict[tuple, int] = {}
    totals: dict[tuple, float] = {}
    for draft_id, cell, key, n, total, mean in zip(stats.draft_id.tolist(), stats.cell.tolist(),
                                                  stats.criterion_key.tolist(), stats.scored.tolist(),
                                                  stats.total.tolist(), stats["mean"].tolist()):
        dc = (int(draft_id), cell)
        means[(*dc, key)] = mean
        scored[dc] = scored.get(dc, 0) + int(n)
        if not (total is None or total != total):          # NaN: no score in the cell
            totals[dc] = totals.get(dc, 0.0) + total
    rows = []
    for draft_id in draft_ids:
        counts = _cell_counts(cells, found.get(draft_id, {}))
        hidden = cells_to_suppress(counts, minimum)
        for cell in counts:
            sup = cell in hidden
            n = None if sup else counts[cell]
            dc = (draft_id, cell)
            k = scored.get(dc, 0)
            overall = None if sup or k == 0 else float(totals.get(dc, 0.0) / k)
            rows.append((draft_id, cell, "", n, overall, sup))
            for c in criteria:
                key = (draft_id, cell, c.key)
                mean = None if sup or key not in means else _none(means[key])
                rows.append((draft_id, cell, c.key, n, mean, sup))
    return pd.DataFrame(rows, columns=["draft_id", "cell", "criterion_key", "respondents", "mean", "suppressed"])


def _rows_by(stats: pd.DataFrame, key: str, cols: tuple[str, ...]) -> dict[tuple, tuple]:
    """(key value, cell) -> the values of ``cols`` in that row of ``stats``."""
    return {(k, cell): v for k, cell, *v in zip(stats[key].tolist(), stats.cell.tolist(),
                                                  *(stats[c].tolist() for c in cols))}


_PARADOX_COLS = ("n", "mean", "lo", "q1", "median", "q3", "hi", "left_n", "mid_n", "right_n")


def _paradox_cells(stats: pd.DataFrame, round_id: int, paradoxes, cells, minimum: int) -> list[dict]:
    found = _rows_by(stats, "paradox_id", _PARADOX_COLS)
    per_paradox: dict = {}
    for (pid, cell), v in found.items():
        per_paradox.setdefault(pid, {})[cell] = int(v[0])
    out = []
    for p in paradoxes:
        counts = _cell_counts(cells, per_paradox.get(p.id, {}))
        hidden = cells_to_suppress(counts, minimum)
        for cell in counts:
            row = {"round_id": round_id, "paradox_id": p.id, "cell": cell, "suppressed": cell in hidden}
            values = None if cell in hidden else found.get((p.id, cell))
            for i, col in enumerate(_PARADOX_COLS):
                row[col] = None if values is None else _none(values[i])
            out.append(row)
    return out


def _focus_cells(stats: pd.DataFrame, round_id: int, areas, cells, minimum: int) -> list[dict]:
    per_cell: dict = {}
    for cell, n in zip(stats.cell.tolist(), stats.respondents.tolist()):
        per_cell.setdefault(cell, int(n))
    counts = _cell_counts(cells, per_cell)
    hidden = cells_to_suppress(counts, minimum)
    found = _rows_by(stats, "focus_area_id", ("total", "mean"))
    out = []
    for f in areas:
        for cell in counts:
            sup = cell in hidden
            values = found.get((f.id, cell))
            out.append({"round_id": round_id, "focus_area_id": f.id, "cell": cell, "suppressed": sup,
                        "respondents": None if sup else counts[cell],
                        "total": None if sup else (_none(values[0]) if values else 0.0),
                        "mean": None if sup else (_none(values[1]) if values else 0.0)})
    return out


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
            "units": q.units(cur, event_id),
            "paradoxes": q.paradoxes(cur, event_id), "areas": q.focus_areas(cur, event_id),
            "stats": rq.criterion_stats(cur, rid), "sums": rq.participant_sums(cur, rid),
            "people": {dim: rq.participants_per_cell(cur, event_id, dim) for dim in DIMENSIONS},
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
        hidden = cells_to_suppress(counts, minimum)
        for cell, n in counts.items():
            people_rows.append({"dim": dim, "cell": cell, "participants": None if cell in hidden else n,
                                "suppressed": cell in hidden})

    return Review(
        event=event, round=d["round"], criteria=criteria, drafts=reviews,
        ranking=_ranking(reviews, per_draft, resampler), by_group=by["grp"], by_unit=by["unit"], cells=cells,
        paradox_rounds=paradox_rounds, paradoxes=tuple(d["paradoxes"]),
        paradox_by_group=pd.DataFrame(paradox_rows, columns=[
            "round_id", "paradox_id", "cell", "suppressed", "n", "mean", "lo", "q1", "median", "q3", "hi",
            "left_n", "mid_n", "right_n"]),
        focus_rounds=focus_rounds, focus_areas=tuple(d["areas"]),
        focus_by_group=pd.DataFrame(focus_rows, columns=[
            "round_id", "focus_area_id", "cell", "suppressed", "respondents", "total", "mean"]),
        participants=pd.DataFrame(people_rows, columns=["dim", "cell", "participants", "suppressed"]),
        scoring_rounds=tuple(d["scoring"]),
        extra={"total_participants": int(d["people"]["grp"].participants.sum()) if not d["people"]["grp"].empty
               else 0},
    )


# -- comments -----------------------------------------------------------------------
def comments(store: Store, event_id: int, include_hidden: bool = False) -> pd.DataFrame:
    """Comments with a group label only where the group is large enough (see module doc).

    Columns: round_id, draft_id, key (an opaque handle for hiding), group (label or
    None), text, hidden. Participant ids and units never leave this function.
    """
    def read(cur):
        event = q.event_by_id(cur, event_id)
        return event, rq.comments(cur, event_id), rq.participants_per_cell(cur, event_id, "grp")

    event, rows, people = store.read(read)
    counts = {g: 0 for g in GROUPS} | dict(zip(people.cell, (int(x) for x in people.participants)))
    hidden_groups = cells_to_suppress(counts, event.min_group_size)
    if not include_hidden:
        rows = rows[~rows.hidden]
    out = pd.DataFrame({
        "round_id": rows.round_id.astype(int),
        "draft_id": rows.draft_id.astype(int),
        "key": [f"{r}:{p}:{d}" for r, p, d in zip(rows.round_id, rows.participant_id, rows.draft_id)],
        "group": pd.Series([None if g in hidden_groups else g for g in rows.grp], dtype=object,
                           index=rows.index),
        "text": rows.text,
        "hidden": rows.hidden.astype(bool),
    })
    return out.reset_index(drop=True)


def visible_groups(store: Store, event_id: int) -> list[str]:
    """Groups whose label a comment may carry (large enough, complementary suppression included)."""
    def read(cur):
        return q.event_by_id(cur, event_id), rq.participants_per_cell(cur, event_id, "grp")

    event, people = store.read(read)
    counts = {g: 0 for g in GROUPS} | dict(zip(people.cell, (int(x) for x in people.participants)))
    hidden = cells_to_suppress(counts, event.min_group_size)
    return [g for g in GROUPS if g not in hidden]


def filter_comments(df: pd.DataFrame, draft_id: int | None = None, group: str | None = None,
                    search: str | None = None) -> pd.DataFrame:
    out = df
    if draft_id is not None:
        out = out[out.draft_id == draft_id]
    if group:
        out = out[out.group == group]
    if search and search.strip():
        out = out[out.text.str.contains(search.strip(), case=False, regex=False)]
    return out


def hide_comment(store: Store, actor: str, event_id: int, key: str) -> None:
    """Hide an abusive comment from every view and export; the answer itself stays, and
    the action is written to the audit log."""
    try:
        round_id, participant_id, draft_id = (int(x) for x in key.split(":"))
    except (ValueError, AttributeError):
        raise UserError("Kommentaren findes ikke.") from None

    def job(cur):
        found = rq.comment_text(cur, event_id, round_id, participant_id, draft_id)
        if found is None:
            raise UserError("Kommentaren findes ikke.")
        q.hide_comment(cur, round_id, participant_id, draft_id, actor)
        q.audit(cur, actor, "hide_comment", event_id, f"round {round_id}, draft {draft_id}: {found[:80]}")

    store.write(job, event_id=event_id)


# -- comparison across events ---------------------------------------------------------
@dataclass(frozen=True)
class DraftAcrossEvents:
    event_code: str
    event_title: str
    event_date: object
    draft_id: int
    label: str | None
    respondents: int
    suppressed: bool
    criterion_means: dict[str, float | None]


def same_text_elsewhere(store: Store, event_id: int) -> dict[int, list[DraftAcrossEvents]]:
    """For each draft of this event: the scored drafts of *all* events (this one included)
    whose normalised text is identical, oldest event first. Only drafts with a match in
    another event are returned."""
    def read(cur):
        everywhere = rq.all_drafts(cur)
        everywhere["norm"] = [normalise_text(t) for t in everywhere.text]
        mine = everywhere[everywhere.event_id == event_id]
        result: dict[int, list[DraftAcrossEvents]] = {}
        for d in mine.itertuples():
            same = everywhere[everywhere.norm == d.norm]
            if not (same.event_id != event_id).any():
                continue
            rounds = rq.last_scoring_round(cur, [int(x) for x in same.draft_id])
            items = []
            for r in same.itertuples():
                if int(r.draft_id) not in rounds:
                    continue
                means = rq.draft_criterion_means(cur, rounds[int(r.draft_id)], int(r.draft_id))
                n = int(means.respondents.iloc[0]) if not means.empty else 0
                hidden = n < int(r.min_group_size)
                items.append(DraftAcrossEvents(
                    r.code, r.event_title, r.event_date, int(r.draft_id), r.label, n, hidden,
                    {k: None if hidden else _none(m) for k, m in zip(means.criterion_key, means["mean"])}))
            if len({i.event_code for i in items}) > 1:
                result[int(d.draft_id)] = items
        return result

    return store.read(read)


# -- data lifecycle -----------------------------------------------------------------
def confirm_code(event: Event, typed: str | None) -> None:
    """A destructive action needs the event's code typed again."""
    if (typed or "").strip().upper() != event.code.upper():
        raise UserError("Skriv begivenhedens kode ({code}) for at bekræfte.", code=event.code)


def delete_event(store: Store, actor: str, event_id: int, typed_code: str | None) -> str:
    """Delete an event with everything in it after the code was typed again; audited.

    Runs one transaction per level of the schema (answers and tokens; drafts, rounds and
    content; participants; the event), leaves first, so an interruption leaves a smaller
    but consistent event that a second attempt finishes."""
    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    confirm_code(event, typed_code)
    from vision import events, participants, screens

    code = events.delete_event(store, actor, event_id)
    participants.forget_event(event_id)
    screens.forget(event_id)
    return code


def delete_tokens(store: Store, actor: str, event_id: int, typed_code: str | None) -> int:
    """Delete the event's participant tokens (results stay) after the code was typed again."""
    from vision import participants

    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    confirm_code(event, typed_code)
    return participants.delete_tokens(store, actor, event_id)
