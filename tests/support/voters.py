"""Set-up shared by the reliability and security tests: an open round and voters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vision import events, participants
from vision.store import Store


@dataclass(frozen=True)
class Day:
    event_code: str
    event_id: int
    round_id: int
    draft_ids: tuple[int, ...]
    criteria: tuple[str, ...]
    tokens: tuple[str, ...]


def open_scoring_day(store: Store, n_voters: int, code: str = "TEMA17") -> Day:
    """Open the event's scoring round and join ``n_voters`` participants to it."""
    event = events.get_event(store, code)
    scoring = next(r for r in events.rounds(store, event.id) if r.kind == "scoring")
    events.open_round(store, "test", event.id, scoring.id)
    units = events.units(store, event.id)
    tokens = tuple(participants.join_open(store, event, "politiker", units[i % len(units)])
                   for i in range(n_voters))
    content = events.event_content(store, event.id)
    drafts = tuple(d.id for d in content["drafts"] if d.status == "approved")
    crit = tuple(c.key for c in content["criteria"])
    return Day(event.code, event.id, scoring.id, drafts, crit, tokens)


def prepare_file(db: Path, n_voters: int) -> Day:
    """Do :func:`open_scoring_day` on a file no server holds yet."""
    store = Store(db)
    try:
        events.seed_demo_events(store)
        return open_scoring_day(store, n_voters)
    finally:
        store.close()


def ballot(i: int, criteria: tuple[str, ...]) -> dict[str, int]:
    """The i-th ballot a voter saves: every criterion gets a value that depends on i,
    so a ballot written half (some criteria from one save, some from another) shows."""
    return {k: (i + j) % 5 + 1 for j, k in enumerate(criteria)}
