"""Bootstrap intervals for the review's ranking.

A draft's overall mean is the mean of all its scores. Its 95 % interval comes from
a bootstrap that resamples participants (not single answers, which are correlated
within a person). Two neighbouring drafts are *too close to call* when the 95 %
bootstrap interval of the difference of their means, resampling the participants
who scored either draft (so each person's scores of both drafts stay together),
contains 0. The random generator is seeded, so the page and every export show the
same intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CONFIDENCE = 0.95
BOOTSTRAP_SAMPLES = 2000
SEED = 20170428


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
