"""Live results: aggregates of an event's answers, shared by every screen.

``live_results`` returns one :class:`EventResults` per event that all projector
screens and the control page share. It is recomputed only when the store reports
a new write for the event, and at most once per ``min_interval`` seconds, by one
thread at a time: a hundred screens refreshing at the moment of the reveal cost
one computation, not a hundred.

A scoring round's results list the drafts it scores (``vision.round_drafts``).

Privacy: the aggregates here are overall ones (no breakdown by group); a figure
for a draft, paradox or focus area is only given where at least the event's
minimum number of participants answered (for a criterion's mean: scored it).
Breakdowns by group follow :mod:`vision.review.suppression`.
"""

from __future__ import annotations

import statistics
import threading
import time
import weakref
from dataclasses import dataclass, field

import pandas as pd

from vision import round_drafts
from vision.model import GROUPS
from vision.review.suppression import suppress_jointly
from vision.store import Store
from vision.store import queries as q
from vision.store import round_draft_queries as rdq
from vision.store import track_queries as tq


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
    audience: str | None = None          # the group the round is for (vision.events.tracks); None: everyone


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

    def can_answer(self, rr: RoundResults) -> int:
        """How many of those who joined may answer the round: its group's, when it is for one."""
        return self.joined if rr.audience is None else self.joined_by_group.get(rr.audience, 0)


def _draft_results(agg: dict, respondents: dict, round_id: int, drafts, criteria,
                   minimum: int) -> tuple[DraftResult, ...]:
    out = []
    keys = [c.key for c in criteria]
    for d in drafts:
        n = respondents.get((round_id, d.id), 0)
        cells = {k: agg.get((round_id, d.id, k), (0, 0, 0)) for k in keys}
        if n < minimum:
            out.append(DraftResult(d.id, d.label, d.text, n, None, {k: None for k in keys}, {k: 0 for k in keys},
                                   {k: 0 for k in keys}, True))
            continue
        scored = sum(c[0] for c in cells.values())
        total = sum(c[2] for c in cells.values())
        out.append(DraftResult(
            d.id, d.label, d.text, n, total / scored if scored else None,
            # A criterion's mean rests on those who scored it (module doc).
            {k: (c[2] / c[0] if c[0] >= minimum else None) for k, c in cells.items()},
            {k: c[0] for k, c in cells.items()}, {k: c[1] for k, c in cells.items()}, False))
    return tuple(out)


def _paradox_results(positions: dict, respondents: dict, round_id: int, paradoxes,
                     minimum: int) -> tuple[ParadoxResult, ...]:
    out = []
    for p in paradoxes:
        values = positions.get((round_id, p.id), ())
        n = len(values)
        if n < minimum:
            out.append(ParadoxResult(p.id, p.title, p.left_label, p.right_label, n, (), None, None, True))
            continue
        out.append(ParadoxResult(p.id, p.title, p.left_label, p.right_label, n, tuple(values),
                                 float(statistics.median(values)), float(statistics.fmean(values)), False))
    return tuple(out)


def _focus_results(values: dict, respondents: dict, round_id: int, areas, mode: str,
                   minimum: int) -> tuple[FocusResult, ...]:
    out = []
    for f in areas:
        n = respondents.get((round_id, f.id), 0)
        total, mean = values.get((round_id, f.id), (None, None))
        suppressed = n < minimum
        value = None if suppressed or total is None else float(total if mode == "points" else mean)
        out.append(FocusResult(f.id, f.title, n, value, mode, suppressed))
    return tuple(out)


def compute(store: Store, event_id: int) -> EventResults:
    """Aggregate every round of one event (one consistent snapshot, aggregated in the database)."""
    version = store.version(event_id)

    def read(cur):
        return (q.event_by_id(cur, event_id), q.rounds(cur, event_id), q.criteria(cur, event_id),
                q.drafts(cur, event_id), q.paradoxes(cur, event_id), q.focus_areas(cur, event_id),
                q.live_aggregates(cur, event_id),
                q.drafts(cur, event_id, ("approved", "pending", "hidden")), rdq.round_drafts(cur, event_id),
                tq.audiences(cur, event_id))

    event, rounds, criteria, drafts, paradoxes, areas, agg, all_drafts, own, audiences = store.read(read)
    minimum = event.min_group_size
    scores = {(r, d, k): (scored, dk, total or 0) for r, d, k, scored, dk, total in agg["scores"]}
    respondents = {(r, item): n for r, item, n in agg["respondents"]}
    positions = {(r, p): list(v) for r, p, v in agg["paradoxes"]}
    focus = {(r, f): (total, mean) for r, f, total, mean in agg["focus"]}
    results = []
    for r in rounds:
        n = respondents.get((r.id, None), 0)
        group = audiences.get(r.id, (None,))[0]
        audience = group if group in GROUPS else None
        if r.kind == "scoring":
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed, n, audience=audience,
                                        drafts=_draft_results(scores, respondents, r.id,
                                                              round_drafts.scored_in(drafts, own.get(r.id)),
                                                              criteria, minimum)))
        elif r.kind == "paradox":
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed, n, audience=audience,
                                        paradoxes=_paradox_results(positions, respondents, r.id, paradoxes,
                                                                   minimum)))
        elif r.kind == "focus":
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed, n, audience=audience,
                                        focus=_focus_results(focus, respondents, r.id, areas, event.focus_mode,
                                                             minimum)))
        else:
            submitted = sum(1 for d in all_drafts if d.source == "table")
            results.append(RoundResults(r.id, r.kind, r.title, r.status, r.revealed, submitted, audience=audience))
    joined = dict(agg["groups"])
    by_group = {g: int(joined.get(g, 0)) for g in GROUPS}
    return EventResults(event_id, minimum, int(sum(joined.values())), by_group, tuple(results), time.monotonic(),
                        version, tuple(criteria))


_caches: weakref.WeakSet[ResultsCache] = weakref.WeakSet()   # every ResultsCache of this process
_caches_lock = threading.Lock()


def invalidate(event_id: int | None = None) -> None:
    """Drop the cached results of ``event_id`` (of every event: None) in every cache of this process.

    The domain calls it right after a write that changes what results show (round control,
    drafts, set-up content, tokens, hidden comments, deletion), so the next read is fresh
    at once instead of after up to ``min_interval``. Votes and joins need no call: the
    store's write counter makes them visible within ``min_interval``."""
    with _caches_lock:
        caches = list(_caches)
    for cache in caches:
        cache.invalidate(event_id)


class ResultsCache:
    """One shared :class:`EventResults` per event, recomputed on change at most every ``min_interval``.

    Every cache registers itself, so :func:`invalidate` reaches it."""

    def __init__(self, min_interval: float = 1.0):
        self.min_interval = min_interval
        self._cache: dict[int, EventResults] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()
        self.computations = 0
        with _caches_lock:
            _caches.add(self)

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


def participation_by_unit(store: Store, event_id: int, round_id: int | None, audience: str | None = None):
    """DataFrame: unit, joined, answered (in ``round_id``), for "14 af 22 fra Aalborg har svaret";
    only ``audience``'s group counted when the round is for one group."""
    def read(cur):
        return q.participation(cur, event_id), q.answered_by_round(cur, event_id)

    people, answered = store.read(read)
    if audience is not None:
        people = people[people.grp == audience]
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


def participation_by_group(store: Store, event_id: int, round_id: int | None, audience: str | None = None):
    """Who joined and who answered ``round_id``, per group; only ``audience``'s group when
    the round is for one group (the others cannot answer it)."""
    def read(cur):
        return q.participation(cur, event_id), q.answered_by_round(cur, event_id)

    people, answered = store.read(read)
    ids = set(answered[answered.round_id == round_id].participant_id) if round_id is not None else set()
    rows = []
    for g, label in GROUPS.items():
        if audience is not None and g != audience:
            continue
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

    A group's change is shown only where, in each round, it rests on 0 or at least the
    event's minimum of people who scored the draft, and the hidden groups together do too
    (:func:`vision.review.suppression.suppress_jointly` over both rounds), so no small
    group can be worked out from the overall change and the others.
    Columns: draft_id, group, change (None where hidden or nobody answered in a round).
    """
    def read(cur):
        return q.event_by_id(cur, event_id), q.score_rows(cur, [earlier_id, later_id])

    event, rows = store.read(read)
    minimum = event.min_group_size
    scored = rows[~rows.dont_know]
    out = []
    for draft_id in sorted(rows.draft_id.unique()):
        cells, before, after = {}, {}, {}
        for grp in GROUPS:
            part = scored[(scored.draft_id == draft_id) & (scored.grp == grp)]
            a, b = part[part.round_id == earlier_id], part[part.round_id == later_id]
            before[grp], after[grp] = a.participant_id.nunique(), b.participant_id.nunique()
            n = min(before[grp], after[grp])
            change = float(b.score.mean() - a.score.mean()) if n else None
            cells[grp] = (n, change)
        hidden = suppress_jointly([before, after], minimum)
        for grp, (n, change) in cells.items():
            out.append({"draft_id": int(draft_id), "group": grp,
                        "change": None if (grp in hidden or n == 0) else change})
    return pd.DataFrame(out, columns=["draft_id", "group", "change"])
