"""Suppression of small groups (privacy, GDPR art. 9).

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

from typing import Hashable, Mapping

import pandas as pd

SUPPRESSED = "for få svar"
OTHER = "Øvrige (for få svar)"


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
