"""Running the rounds of an event: add, open, close, reveal, repeat."""

from __future__ import annotations

from datetime import datetime

from vision import results
from vision.errors import NotFoundError, RuleError, UserError
from vision.events.labels import repeat_title
from vision.events.text import clean_text
from vision.model import ROUND_KINDS, Round
from vision.store import Store
from vision.store import queries as q
from vision.store import round_draft_queries as rdq
from vision.store import setup_queries as sq

TITLE_MAX = 120


def round_title(title: str | None) -> str:
    """A round's title as typed: cleaned, not empty, at most 120 characters."""
    if not (title or "").strip():
        raise UserError("Runden skal have en titel.")
    if len(title.strip()) > TITLE_MAX:
        raise UserError("Rundens titel er for lang: højst {max} tegn.", max=TITLE_MAX)
    return clean_text(title, TITLE_MAX)


def add_round(store: Store, actor: str, event_id: int, kind: str, title: str | None = None) -> int:
    """A planned round at the end of the event; an empty title takes the kind's name."""
    if kind not in ROUND_KINDS:
        raise UserError("Ukendt rundetype.")
    title = round_title(title) if (title or "").strip() else ROUND_KINDS[kind]

    def job(cur):
        rid = q.insert_round(cur, event_id, kind, title)
        q.audit(cur, actor, "add_round", event_id, f"{kind}: {title}")
        return rid

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done


def round_in_event(cur, event_id: int, round_id: int) -> Round:
    rnd = q.round_by_id(cur, round_id)
    if rnd is None or rnd.event_id != event_id:
        raise NotFoundError("Runden findes ikke i denne begivenhed.")
    return rnd


def open_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        if round_id in sq.hidden_round_ids(cur, event_id):
            raise RuleError("Runden '{title}' er skjult. Vis den igen under Opsætning først.", title=rnd.title)
        q.set_round_status(cur, round_id, "open", datetime.now())
        if rnd.kind != "drafting":
            q.set_round_revealed(cur, round_id, False)
        q.audit(cur, actor, "open_round", event_id, rnd.title)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def close_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        q.set_round_status(cur, round_id, "closed", datetime.now())
        q.audit(cur, actor, "close_round", event_id, rnd.title)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def set_revealed(store: Store, actor: str, event_id: int, round_id: int, revealed: bool) -> None:
    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        q.set_round_revealed(cur, round_id, revealed)
        q.audit(cur, actor, "reveal" if revealed else "hide_results", event_id, rnd.title)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def repeat_round(store: Store, actor: str, event_id: int, round_id: int) -> int:
    """A new round of the same kind after it, e.g. scoring the same drafts again after the
    debate (a scoring round's own drafts too, ``vision.round_drafts``)."""
    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        same = [r for r in q.rounds(cur, event_id) if r.kind == rnd.kind]
        title = repeat_title(rnd.kind, len(same) + 1)
        rid = q.insert_round(cur, event_id, rnd.kind, title)
        own = rdq.drafts_of_round(cur, round_id)
        if own:
            rdq.set_round_drafts(cur, event_id, rid, list(own))
        q.audit(cur, actor, "repeat_round", event_id, title)
        return rid

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done
