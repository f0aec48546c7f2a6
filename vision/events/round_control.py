"""Running the rounds of an event: add, open, close, reveal, repeat."""

from __future__ import annotations

from datetime import datetime

from vision.errors import NotFoundError, UserError
from vision.model import ROUND_KINDS, Round
from vision.store import Store
from vision.store import queries as q


def add_round(store: Store, actor: str, event_id: int, kind: str, title: str) -> int:
    if kind not in ROUND_KINDS:
        raise UserError("Ukendt rundetype.")
    if not (title or "").strip():
        raise UserError("Runden skal have en titel.")

    def job(cur):
        rid = q.insert_round(cur, event_id, kind, title.strip())
        q.audit(cur, actor, "add_round", event_id, f"{kind}: {title}")
        return rid

    return store.write(job, event_id=event_id)


def _round_in_event(cur, event_id: int, round_id: int) -> Round:
    rnd = q.round_by_id(cur, round_id)
    if rnd is None or rnd.event_id != event_id:
        raise NotFoundError("Runden findes ikke i denne begivenhed.")
    return rnd


def open_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        q.set_round_status(cur, round_id, "open", datetime.now())
        if rnd.kind != "drafting":
            q.set_round_revealed(cur, round_id, False)
        q.audit(cur, actor, "open_round", event_id, rnd.title)

    store.write(job, event_id=event_id)


def close_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        q.set_round_status(cur, round_id, "closed", datetime.now())
        q.audit(cur, actor, "close_round", event_id, rnd.title)

    store.write(job, event_id=event_id)


def set_revealed(store: Store, actor: str, event_id: int, round_id: int, revealed: bool) -> None:
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        q.set_round_revealed(cur, round_id, revealed)
        q.audit(cur, actor, "reveal" if revealed else "hide_results", event_id, rnd.title)

    store.write(job, event_id=event_id)


def repeat_round(store: Store, actor: str, event_id: int, round_id: int) -> int:
    """A new round of the same kind after it, e.g. scoring the drafts again after the debate."""
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        same = [r for r in q.rounds(cur, event_id) if r.kind == rnd.kind]
        title = f"{ROUND_KINDS[rnd.kind]} – runde {len(same) + 1}"
        rid = q.insert_round(cur, event_id, rnd.kind, title)
        q.audit(cur, actor, "repeat_round", event_id, title)
        return rid

    return store.write(job, event_id=event_id)
