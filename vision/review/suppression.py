"""Suppression of small groups (privacy, GDPR art. 9): what a breakdown may show.

The unit is people who answered
    A figure rests on the people whose answers it summarises: for a draft, those who
    answered it in the round shown (a score or "Ved ikke"); for one criterion, those
    who scored it; for a paradox or a focus round, those who placed themselves or
    gave priorities; for a comment's group label, those in the group who answered the
    draft the comment is on; for the participant tables, those who answered anything
    in the event. Issued cards and joined phones that never answered do not count
    (``vision.store.review_queries`` counts people, not tokens).

Which cells are hidden (:func:`suppress`)
    A table shows a total and one cell per group (or municipality). With ``m`` the
    event's minimum group size, a set ``H`` of hidden cells is *safe* when

    1. every shown cell rests on 0 or at least ``m`` people, and
    2. the hidden cells together rest on 0 or at least ``m`` people, so the total
       minus the shown cells describes no group of 1 to ``m - 1`` people.

    A cell with 1 to ``m - 1`` people is hidden as too small (:data:`SMALL`, read
    "for få svar"). If the small cells together hold 1 to ``m - 1`` people, exactly
    one more cell is hidden: the smallest cell with at least ``m`` people
    (:data:`COMPLEMENTARY`, read "skjult, så en lille gruppe ikke kan regnes ud").
    A cell nobody answered in is shown as it is (0, no mean): it reveals nobody.

    *Minimal*: no safe set hides fewer cells, and none with as few cells hides fewer
    people. (Every small cell must be hidden by rule 1; if they hold 1 to ``m - 1``
    people, rule 2 needs at least one more cell, and any one cell of ``m`` or more
    is enough, so the smallest such cell is the cheapest.) The total itself is shown
    only when at least ``m`` answered, or nobody did.

    The rule protects each table against subtraction from its own total. Tables of
    different dimensions (groups, municipalities) are each protected on their own.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Mapping

import pandas as pd

from vision.i18n import N_

SUPPRESSED = N_("for få svar")
COMPLEMENTARY_TEXT = N_("skjult, så en lille gruppe ikke kan regnes ud")
OTHER = "Øvrige (for få svar)"
SMALL = "small"
COMPLEMENTARY = "complementary"


def suppress(counts: Mapping[Hashable, int], minimum: int,
             forced: Mapping[Hashable, str] | None = None) -> dict[Hashable, str]:
    """Cell -> why it is hidden (:data:`SMALL` or :data:`COMPLEMENTARY`), for the cells
    to hide so that the table is safe with the fewest cells and people hidden (module doc).

    ``forced`` are cells already hidden for another reason (e.g. a criterion's cell in a
    group hidden as a whole); they keep their reason and count towards the hidden total.
    """
    hidden: dict[Hashable, str] = dict(forced or {})
    for k, n in counts.items():
        if k not in hidden and 0 < int(n) < minimum:
            hidden[k] = SMALL
    residual = sum(int(counts.get(k, 0)) for k in hidden)
    if 0 < residual < minimum:
        candidates = sorted((k for k, n in counts.items() if k not in hidden and int(n) >= minimum),
                            key=lambda k: (int(counts[k]), str(k)))
        if candidates:
            hidden[candidates[0]] = COMPLEMENTARY
    return hidden


def suppress_jointly(tables: Iterable[Mapping[Hashable, int]], minimum: int) -> dict[Hashable, str]:
    """One hidden set for several tables over the same cells (e.g. the two rounds of a
    change), safe in each: cells hidden in one are hidden in all, repeated until stable."""
    tables = list(tables)
    hidden: dict[Hashable, str] = {}
    while True:
        before = dict(hidden)
        for counts in tables:
            hidden = suppress(counts, minimum, hidden)
        if hidden == before:
            return hidden


def is_safe(counts: Mapping[Hashable, int], hidden: Iterable[Hashable], minimum: int) -> bool:
    """Whether hiding ``hidden`` leaves no group of 1 to ``minimum - 1`` people shown
    or recoverable as the total minus the shown cells (the total is shown only when at
    least ``minimum`` answered)."""
    hidden = set(hidden)
    if any(0 < int(n) < minimum for k, n in counts.items() if k not in hidden):
        return False
    if sum(int(n) for n in counts.values()) < minimum:
        return True
    residual = sum(int(counts[k]) for k in hidden if k in counts)
    return residual == 0 or residual >= minimum


def hidden_text(reason: str | None) -> str:
    """What a hidden cell reads (Danish; pages translate it)."""
    return COMPLEMENTARY_TEXT if reason == COMPLEMENTARY else SUPPRESSED


def cells_to_suppress(counts: Mapping[Hashable, int], minimum: int) -> set:
    """The cells :func:`suppress` hides, without the reasons."""
    return set(suppress(counts, minimum))


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
