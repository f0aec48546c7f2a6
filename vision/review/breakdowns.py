"""Breakdown cells by group and municipality, with small cells suppressed.

Each function turns the store's aggregates per cell into rows of the review's long
tables, hiding cells by :func:`vision.review.suppression.suppress`.
"""

from __future__ import annotations

from typing import Hashable, Mapping

import pandas as pd

from vision.model import GROUPS
from vision.review.model import _none
from vision.review.suppression import suppress


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

    Columns: draft_id, cell, criterion_key, respondents (None where the cell is hidden),
    mean, suppressed and reason (the cell as a whole: its people who answered the
    draft), mean_reason (why the mean of this row is hidden, None where shown).

    The cell is decided on the people who answered the draft in it; the overall mean
    on those who gave at least one score (``scorers`` in ``resp``, else respondents);
    a criterion's mean on those who scored that criterion. Each level keeps the cells
    hidden at the level above and adds what its own counts need (:func:`suppress`).

    ``stats`` and ``resp`` are read once into dictionaries keyed by draft and cell, so
    the work grows with the number of rows, not with drafts x cells x criteria."""
    found: dict[int, dict] = {}
    scorers_found: dict[int, dict] = {}
    scorer_col = resp.scorers.tolist() if "scorers" in resp else resp.respondents.tolist()
    for draft_id, cell, n, k in zip(resp.draft_id.tolist(), resp.cell.tolist(), resp.respondents.tolist(),
                                    scorer_col):
        found.setdefault(int(draft_id), {})[cell] = int(n)
        scorers_found.setdefault(int(draft_id), {})[cell] = int(k)
    means: dict[tuple, float] = {}
    per_key: dict[tuple, dict] = {}                      # (draft, criterion) -> cell -> scored
    scored: dict[tuple, int] = {}
    totals: dict[tuple, float] = {}
    for draft_id, cell, key, n, total, mean in zip(stats.draft_id.tolist(), stats.cell.tolist(),
                                                  stats.criterion_key.tolist(), stats.scored.tolist(),
                                                  stats.total.tolist(), stats["mean"].tolist()):
        dc = (int(draft_id), cell)
        means[(*dc, key)] = mean
        per_key.setdefault((int(draft_id), key), {})[cell] = int(n)
        scored[dc] = scored.get(dc, 0) + int(n)
        if not (total is None or total != total):          # NaN: no score in the cell
            totals[dc] = totals.get(dc, 0.0) + total
    rows = []
    for draft_id in draft_ids:
        counts = _cell_counts(cells, found.get(draft_id, {}))
        hidden = suppress(counts, minimum)
        scorers = {c: scorers_found.get(draft_id, {}).get(c, 0) for c in counts}
        hidden_mean = suppress(scorers, minimum, hidden)
        hidden_key = {c.key: suppress({cell: per_key.get((draft_id, c.key), {}).get(cell, 0) for cell in counts},
                                      minimum, hidden) for c in criteria}
        for cell in counts:
            reason = hidden.get(cell)
            n = None if reason else counts[cell]
            dc = (draft_id, cell)
            k = scored.get(dc, 0)
            why = hidden_mean.get(cell)
            overall = None if why or k == 0 else float(totals.get(dc, 0.0) / k)
            rows.append((draft_id, cell, "", n, overall, reason is not None, reason, why))
            for c in criteria:
                key = (draft_id, cell, c.key)
                why = hidden_key[c.key].get(cell)
                mean = None if why or key not in means else _none(means[key])
                rows.append((draft_id, cell, c.key, n, mean, reason is not None, reason, why))
    return pd.DataFrame(rows, columns=["draft_id", "cell", "criterion_key", "respondents", "mean", "suppressed",
                                       "reason", "mean_reason"])


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
        hidden = suppress(counts, minimum)
        for cell in counts:
            row = {"round_id": round_id, "paradox_id": p.id, "cell": cell, "suppressed": cell in hidden,
                   "reason": hidden.get(cell)}
            values = None if cell in hidden else found.get((p.id, cell))
            for i, col in enumerate(_PARADOX_COLS):
                row[col] = None if values is None else _none(values[i])
            if cell not in hidden:
                row["n"] = counts[cell]          # 0 where nobody in the cell answered
            out.append(row)
    return out


def _focus_cells(stats: pd.DataFrame, round_id: int, areas, cells, minimum: int) -> list[dict]:
    per_cell: dict = {}
    for cell, n in zip(stats.cell.tolist(), stats.respondents.tolist()):
        per_cell.setdefault(cell, int(n))
    counts = _cell_counts(cells, per_cell)
    hidden = suppress(counts, minimum)
    found = _rows_by(stats, "focus_area_id", ("total", "mean"))
    out = []
    for f in areas:
        for cell in counts:
            sup = cell in hidden
            values = found.get((f.id, cell))
            empty = sup or counts[cell] == 0
            out.append({"round_id": round_id, "focus_area_id": f.id, "cell": cell, "suppressed": sup,
                        "reason": hidden.get(cell), "respondents": None if sup else counts[cell],
                        "total": None if empty else (_none(values[0]) if values else 0.0),
                        "mean": None if empty else (_none(values[1]) if values else 0.0)})
    return out
