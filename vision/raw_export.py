"""The anonymised raw export: one answer per row, for the secretariat's own analysis.

The raw export never contains tokens, timestamps or table numbers. It is anonymised
round by round: in each round, group/unit are coarsened until each combination covers
at least the event's minimum of the people who answered that round
(``review.k_anonymise``), and participants get numbers drawn afresh for every export
and for every round, never the same number in two rounds. Numbers that followed a
person across rounds would undo the coarsening: in a round for one group, everyone's
group is known, so a pooled "Øvrige" number seen there would be pinned to that group in
every other round too. A round answered by fewer than the minimum is left out.
The sheets are written by :func:`vision.exports.to_xlsx`, which neutralises formula-looking cells.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from vision.errors import UserError
from vision.i18n import N_
from vision.model import GROUPS
from vision.review import OTHER, k_anonymise
from vision.store import Store
from vision.store import queries as q
from vision.store import result_queries as resq
from vision.store import review_queries as rq

RAW_PERSON = "Deltager (nr. i denne runde)"
RAW_TOO_FEW = N_("Begivenheden har for få deltagere ({n}) til et anonymiseret udtræk; mindst {m} kræves.")


def raw_refusal(store: Store, event_id: int) -> UserError | None:
    """Why the anonymised raw export cannot be made now, or None: for the page to say so
    before anyone presses (one query, not the export)."""
    def read(cur):
        return q.event_by_id(cur, event_id), resq.answered_by_round(cur, event_id)

    event, answered = store.read(read)
    if event is None:
        return UserError("Begivenheden findes ikke.")
    n = int(answered.participant_id.nunique())
    return UserError(RAW_TOO_FEW, n=n, m=event.min_group_size) if n < event.min_group_size else None


def _coarse_by_round(people: pd.DataFrame, frames: list[pd.DataFrame], minimum: int,
                     rng: random.Random) -> tuple[dict[tuple[int, int], tuple[int, str, str]], list[int]]:
    """(round, participant) -> (number, group, unit), coarsened among those who answered the
    round; and the rounds left out because fewer than ``minimum`` answered them. Numbers are
    unique across the whole export, so no number can be followed from one round to another."""
    answered: dict[int, set] = {}
    for df in frames:
        for rid, ids in df.groupby("round_id").participant_id:
            answered.setdefault(int(rid), set()).update(ids)
    kept = {rid: ids for rid, ids in answered.items() if len(ids) >= minimum}
    total = sum(len(ids) for ids in kept.values())
    numbers = iter(rng.sample(range(1, 10 * total + 1000), total))
    out: dict[tuple[int, int], tuple[int, str, str]] = {}
    for rid, ids in sorted(kept.items()):
        coarse = k_anonymise(people[people.participant_id.isin(ids)], minimum)
        for pid, grp, unit in coarse[["participant_id", "grp", "unit"]].itertuples(index=False):
            out[(rid, int(pid))] = (next(numbers), grp, unit)
    return out, sorted(set(answered) - set(kept))


def raw_tables(store: Store, event_id: int, rng: random.Random | None = None) -> dict[str, pd.DataFrame]:
    """Answer rows with fresh participant numbers and group/unit coarsened round by round
    (see module doc)."""
    rng = rng or random.SystemRandom()

    def read(cur):
        return (q.event_by_id(cur, event_id), rq.raw_rows(cur, event_id), q.rounds(cur, event_id),
                q.criteria(cur, event_id), q.drafts(cur, event_id, ("approved", "hidden", "pending")),
                q.paradoxes(cur, event_id), q.focus_areas(cur, event_id))

    event, raw, rounds, criteria, drafts, paradoxes, areas = store.read(read)
    if event is None:
        raise UserError("Begivenheden findes ikke.")
    minimum = event.min_group_size
    # Coarsened over the people whose rows are exported: a card or phone that never
    # answered is no one to hide among.
    frames = [raw["scores"], raw["paradoxes"], raw["focus"]]
    answered = set().union(*(set(df.participant_id) for df in frames))
    if len(answered) < minimum:
        raise UserError(RAW_TOO_FEW, n=len(answered), m=minimum)
    who, left_out = _coarse_by_round(raw["people"], frames, minimum, rng)
    frames = [df[np.array([(int(r), int(p)) in who for r, p in zip(df.round_id, df.participant_id)], dtype=bool)]
              for df in frames]
    round_title = {r.id: r.title for r in rounds}
    draft_name = {d.id: f"Forslag {i}" + (f" · {d.label}" if d.label else "") for i, d in enumerate(drafts, 1)}
    crit = {c.key: c.label for c in criteria}

    def person_cols(df: pd.DataFrame) -> pd.DataFrame:
        w = [who[(int(r), int(p))] for r, p in zip(df.round_id, df.participant_id)]
        return pd.DataFrame({RAW_PERSON: [x[0] for x in w],
                             "Gruppe": [GROUPS.get(x[1], x[1]) for x in w],
                             "Kommune/organisation": [x[2] for x in w]})

    position = {r.id: i for i, r in enumerate(rounds)}

    def ordered(df: pd.DataFrame, item: str) -> pd.DataFrame:
        """By round (in the day's order), then participant number, then item; stable, so a
        draft's criteria keep their order."""
        keys = [(position.get(int(r), len(position)), who[(int(r), int(pid))][0], x)
                for r, pid, x in zip(df.round_id, df.participant_id, df[item])]
        return df.iloc[sorted(range(len(df)), key=keys.__getitem__)]

    s, p, f = (ordered(df, item) for df, item in zip(frames, ("draft_id", "paradox_id", "focus_area_id")))
    scores = pd.concat([person_cols(s), pd.DataFrame({
        "Runde": s.round_id.map(round_title).to_numpy(), "Forslag": s.draft_id.map(draft_name).to_numpy(),
        "Kriterium": s.criterion_key.map(crit).fillna(s.criterion_key).to_numpy(),
        "Score": [None if dk else int(v) for v, dk in zip(s.score, s.dont_know)],
        "Ved ikke": ["Ja" if dk else "Nej" for dk in s.dont_know]})], axis=1)
    ptitle = {x.id: x.title for x in paradoxes}
    pdx = pd.concat([person_cols(p), pd.DataFrame({
        "Runde": p.round_id.map(round_title).to_numpy(), "Paradoks": p.paradox_id.map(ptitle).to_numpy(),
        "Placering (-100 til 100)": p.position.astype(int).to_numpy()})], axis=1)
    ftitle = {x.id: x.title for x in areas}
    focus = pd.concat([person_cols(f), pd.DataFrame({
        "Runde": f.round_id.map(round_title).to_numpy(), "Fokusområde": f.focus_area_id.map(ftitle).to_numpy(),
        ("Plads" if event.focus_mode == "rank" else "Point"): f.value.astype(int).to_numpy()})], axis=1)
    about = pd.DataFrame([
        ("Begivenhed", f"{event.code} – {event.title}"),
        ("Deltagernumre", "Trukket tilfældigt for dette udtræk og for hver runde: samme nummer går aldrig igen i "
                          "en anden runde, så svar kan ikke kobles på tværs af runder, udtræk eller koder."),
        ("Gruppe og kommune", f"Slået sammen til '{OTHER}' runde for runde, hvor en kombination har færre end "
                              f"{minimum} af dem, der har svaret i runden."),
        ("Udeladt", "Deltagerkoder, tidspunkter, bordnumre og kommentarer."),
    ] + ([("Udeladte runder", f"Færre end {minimum} har svaret: "
                              + "; ".join(round_title.get(r, str(r)) for r in left_out))] if left_out else []),
        columns=["Felt", "Værdi"])
    return {"Om udtrækket": about, "Scorer": scores, "Paradokser": pdx, "Fokusområder": focus}
