"""Live results: aggregates of an event's answers, shared by every screen.

``live_results`` returns one :class:`EventResults` per event that all projector
screens and the control page share. It is recomputed only when the store reports
a new write for the event, and at most once per ``min_interval`` seconds, by one
thread at a time: a hundred screens refreshing at the moment of the reveal cost
one computation, not a hundred.

Privacy: the aggregates here are overall ones (no breakdown by group); a figure
for a draft, paradox or focus area is only given where at least the event's
minimum number of participants answered.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pandas as pd

from vision.model import GROUPS
from vision.store import Store
from vision.store import queries as q


@dataclass(frozen=True)
class DraftResult:
    draft_id: int
    label: str | None
    text: str
    respondents: int
    mean: float | None                      # mean of all criterion scores
    criterion_means: dict[str, float | None]
    criterion_counts: dict[str, int]        # scored answers (not "Ved ikke")
    dont_know: dict[str, int]
    suppressed: bool


@dataclass(frozen=True)
class ParadoxResult:
    paradox_id: int
    title: str
    left_label: str
    right_label: str
    respondents: int
    positions: tuple[int, ...]
    median: float | None
    mean: float | None
    suppressed: bool


@dataclass(frozen=True)
class FocusResult:
    focus_area_id: int
    title: str
    respondents: int
    value: float | None       # total points, or mean rank
    mode: str                 # 'points' or 'rank'
    suppressed: bool


@dataclass(frozen=True)
class RoundResults:
    round_id: int
    kind: str
    title: str
    status: str
    revealed: bool
    respondents: int
    drafts: tuple[DraftResult, ...] = ()
    paradoxes: tuple[ParadoxResult, ...] = ()
    focus: tuple[FocusResult, ...] = ()


@dataclass(frozen=True)
class EventResults:
    event_id: int
    min_group_size: int
    joined: int
    joined_by_group: dict[str, int]
    rounds: tuple[RoundResults, ...]
    computed_at: float
    version: int = 0
    criteria: tuple = field(default_factory=tuple)

    def round(self, round_id: int) -> RoundResults | None:
        return next((r for r in self.rounds if r.round_id == round_id), None)


def _draft_results(scores: pd.DataFrame, drafts, criteria, minimum: int) -> tuple[DraftResult, ...]:
    out = []
    keys = [c.key for c in criteria]
    for d in drafts:
        rows = scores[scores.draft_id == d.id]
        n = int(rows.participant_id.nunique())
        suppressed = n < minimum
        scored = rows[~rows.dont_know]
        means: dict[str, float | None] = {}
        counts: dict[str, int] = {}
        dk: dict[str, int] = {}
        for k in keys:
            sk = scored[scored.criterion_key == k]
            counts[k] = int(len(sk))
            dk[k] = int(((rows.criterion_key == k) & rows.dont_know).sum())
            means[k] = None if suppressed or sk.empty else float(sk.score.mean())
        overall = None if suppressed or scored.empty else float(scored.score.mean())
        out.append(DraftResult(d.id, d.label, d.text, n, overall,
                               means if not suppressed else {k: None for k in keys},
                               counts if not suppressed else {k: 0 for k in keys},
                               dk if not suppressed else {k: 0 for k in keys}, suppressed))
    return tuple(out)


def _paradox_results(rows: pd.DataFrame, paradoxes, minimum: int) -> tuple[ParadoxResult, ...]:
    out = []
    for p in paradoxes:
        r = rows[rows.paradox_id == p.id]
        n = int(len(r))
        suppressed = n < minimum
        positions = tuple(sorted(int(x) for x in r.position)) if not suppressed else ()
        out.append(ParadoxResult(p.id, p.title, p.left_label, p.right_label, n, positions,
                                 None if suppressed else float(r.position.median()),
                                 None if suppressed else float(r.position.mean()), suppressed))
    return tuple(out)


def _focus_results(rows: pd.DataFrame, areas, mode: str, minimum: int) -> tuple[FocusResult, ...]:
    out = []
    for f in areas:
        r = rows[rows.focus_area_id == f.id]
        n = int(r.participant_id.nunique())
        suppressed = n < minimum
        if suppressed or r.empty:
            value = None
        else:
            value = float(r.value.sum()) if mode == "points" else float(r.value.mean())
        out.append(FocusResult(f.id, f.title, n, value, mode, suppressed))
    return tuple(out)


def compute(store: Store, event_id: int) -> EventResults:
    """Aggregate every round of one event from the raw rows (one consistent snapshot)."""
    version = store.version(event_id)

    def read(cur):
        event = q.event_by_id(cur, event_id)
        rounds = q.rounds(cur, event_id)
        ids = [r.id for r in rounds]
        return (event, rounds, q.criteria(cur, event_id), q.drafts(cur, event_id), q.paradoxes(cur, event_id),
                q.focus_areas(cur, event_id), q.score_rows(cur, ids), q.paradox_rows(cur, ids),
                q.focus_rows(cur, ids), q.participation(cur, event_id))

    event, rounds, criteria, drafts, paradoxes, areas, scores, prows, frows, people = store.read(read)
    minimum = event.min_group_size
    results = []
    for r in rounds:
        if r.kind == "scoring":
            s = scores[scores.round_id == r.id]
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed,
                                        int(s.participant_id.nunique()),
                                        drafts=_draft_results(s, drafts, criteria, minimum)))
        elif r.kind == "paradox":
            p = prows[prows.round_id == r.id]
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed,
                                        int(p.participant_id.nunique()),
                                        paradoxes=_paradox_results(p, paradoxes, minimum)))
        elif r.kind == "focus":
            f = frows[frows.round_id == r.id]
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed,
                                        int(f.participant_id.nunique()),
                                        focus=_focus_results(f, areas, event.focus_mode, minimum)))
        else:
            submitted = sum(1 for d in q_drafts_all(store, event_id) if d.source == "table")
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed, submitted))
    by_group = {g: int((people.grp == g).sum()) for g in GROUPS}
    return EventResults(event_id, minimum, int(len(people)), by_group, tuple(results), time.monotonic(),
                        version, tuple(criteria))


def q_drafts_all(store: Store, event_id: int):
    return store.read(lambda cur: q.drafts(cur, event_id, ("approved", "pending", "hidden")))


class ResultsCache:
    """One shared :class:`EventResults` per event, recomputed on change at most every ``min_interval``."""

    def __init__(self, min_interval: float = 1.0):
        self.min_interval = min_interval
        self._cache: dict[int, EventResults] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()
        self.computations = 0

    def get(self, store: Store, event_id: int) -> EventResults:
        cached = self._cache.get(event_id)
        if cached is not None and (cached.version == store.version(event_id)
                                   or time.monotonic() - cached.computed_at < self.min_interval):
            return cached
        with self._guard:
            lock = self._locks.setdefault(event_id, threading.Lock())
        if cached is not None and not lock.acquire(blocking=False):
            return cached  # someone else is computing; the current value is at most a second old
        if cached is None:
            lock.acquire()
        try:
            cached = self._cache.get(event_id)
            if cached is not None and cached.version == store.version(event_id):
                return cached
            fresh = compute(store, event_id)
            self.computations += 1
            self._cache[event_id] = fresh
            return fresh
        finally:
            lock.release()

    def invalidate(self, event_id: int | None = None) -> None:
        if event_id is None:
            self._cache.clear()
        else:
            self._cache.pop(event_id, None)


def ranking(round_results: RoundResults) -> list[DraftResult]:
    """Drafts by overall mean, best first; suppressed drafts last."""
    return sorted(round_results.drafts, key=lambda d: (d.mean is None, -(d.mean or 0)))


def round_change(earlier: RoundResults, later: RoundResults) -> dict[int, float | None]:
    """Change in overall mean per draft between two scoring rounds (None where either is hidden)."""
    before = {d.draft_id: d.mean for d in earlier.drafts}
    out = {}
    for d in later.drafts:
        b = before.get(d.draft_id)
        out[d.draft_id] = None if b is None or d.mean is None else d.mean - b
    return out


def participation_by_unit(store: Store, event_id: int, round_id: int | None):
    """DataFrame: unit, joined, answered (in ``round_id``), for "14 af 22 fra Aalborg har svaret"."""
    def read(cur):
        return q.participation(cur, event_id), q.answered_by_round(cur, event_id)

    people, answered = store.read(read)
    if people.empty:
        return pd.DataFrame(columns=["unit", "joined", "answered"])
    if round_id is not None:
        ids = set(answered[answered.round_id == round_id].participant_id)
    else:
        ids = set()
    people = people.assign(answered=people.participant_id.isin(ids))
    out = people.groupby("unit", dropna=False).agg(joined=("participant_id", "count"),
                                                   answered=("answered", "sum")).reset_index()
    out["unit"] = out["unit"].fillna("–")
    return out.sort_values(["joined", "unit"], ascending=[False, True]).reset_index(drop=True)


def participation_by_group(store: Store, event_id: int, round_id: int | None):
    def read(cur):
        return q.participation(cur, event_id), q.answered_by_round(cur, event_id)

    people, answered = store.read(read)
    ids = set(answered[answered.round_id == round_id].participant_id) if round_id is not None else set()
    rows = []
    for g, label in GROUPS.items():
        members = people[people.grp == g]
        rows.append({"group": label, "joined": int(len(members)),
                     "answered": int(members.participant_id.isin(ids).sum())})
    return pd.DataFrame(rows)


def answers_per_draft(store: Store, event_id: int, round_id: int) -> dict[int, int]:
    answered = store.read(lambda cur: q.answered_by_round(cur, event_id))
    r = answered[(answered.round_id == round_id) & answered.draft_id.notna()]
    return {int(k): int(v) for k, v in r.groupby("draft_id").participant_id.nunique().items()}


def round_change_by_group(store: Store, event_id: int, earlier_id: int, later_id: int) -> pd.DataFrame:
    """Change in mean score per draft and participant group between two scoring rounds.

    A group's change is shown only where at least the event's minimum answered the draft
    in both rounds; if exactly one group with answers would be hidden, the next smallest
    is hidden too, so it cannot be worked out from the overall change and the others.
    Columns: draft_id, group, change (None where hidden).
    """
    def read(cur):
        return q.event_by_id(cur, event_id), q.score_rows(cur, [earlier_id, later_id])

    event, rows = store.read(read)
    minimum = event.min_group_size
    scored = rows[~rows.dont_know]
    out = []
    for draft_id in sorted(rows.draft_id.unique()):
        cells = {}
        for grp in GROUPS:
            part = scored[(scored.draft_id == draft_id) & (scored.grp == grp)]
            a, b = part[part.round_id == earlier_id], part[part.round_id == later_id]
            n = min(a.participant_id.nunique(), b.participant_id.nunique())
            change = float(b.score.mean() - a.score.mean()) if n else None
            cells[grp] = (n, change)
        hidden = {g for g, (n, _) in cells.items() if 0 < n < minimum}
        if len(hidden) == 1:
            shown = sorted((n, g) for g, (n, _) in cells.items() if n >= minimum)
            if shown:
                hidden.add(shown[0][1])
        for grp, (n, change) in cells.items():
            out.append({"draft_id": int(draft_id), "group": grp,
                        "change": None if (grp in hidden or n == 0) else change})
    return pd.DataFrame(out, columns=["draft_id", "group", "change"])
