"""Reading events: by code, their rounds, drafts and everything set-up shows, in one snapshot."""

from __future__ import annotations

import re

from vision.errors import NotFoundError
from vision.model import Event, Round
from vision.phone_view import shown  # noqa: F401 - re-exported as events.shown
from vision import programme
from vision.store import Store
from vision.store import programme_queries as pq
from vision.store import queries as q
from vision.store import round_draft_queries as rdq
from vision.store import setup_queries as sq

CODE_RE = re.compile(r"^[A-Z0-9]{3,16}$")


def list_events(store: Store) -> list[Event]:
    return store.read(q.list_events)


def get_event(store: Store, code: str) -> Event:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise NotFoundError("Koden '{code}' er ikke en gyldig begivenhedskode.", code=code[:20])
    event = store.read(lambda cur: q.event_by_code(cur, code))
    if event is None:
        raise NotFoundError("Der findes ingen begivenhed med koden '{code}'. Tjek linket eller QR-koden.",
                            code=code)
    return event


def units(store: Store, event_id: int) -> list[str]:
    return store.read(lambda cur: q.units(cur, event_id))


def rounds(store: Store, event_id: int, include_hidden: bool = False) -> list[Round]:
    """The event's rounds in order; without the ones the organiser has hidden from the day."""
    def read(cur):
        items = q.rounds(cur, event_id)
        if include_hidden:
            return items
        hidden = sq.hidden_round_ids(cur, event_id)
        return [r for r in items if r.id not in hidden]

    return store.read(read)


def open_rounds(store: Store, event_id: int) -> list[Round]:
    return [r for r in rounds(store, event_id) if r.is_open]


def shown_to_participants(store: Store, event_id: int) -> dict:
    """:func:`vision.phone_view.shown`, read now (one snapshot), with the programme's now
    (``vision.programme.with_now``) that a waiting phone also follows."""
    def read(cur):
        items = q.programme(cur, event_id)
        now = programme.bounded(pq.now_position(cur, event_id), len(items))
        return programme.with_now(shown(q.rounds(cur, event_id), q.drafts(cur, event_id),
                                        rdq.round_drafts(cur, event_id)), now)

    return store.read(read)


def drafts(store: Store, event_id: int, statuses: tuple[str, ...] = ("approved",)):
    return store.read(lambda cur: q.drafts(cur, event_id, statuses))



def event_content(store: Store, event_id: int) -> dict:
    """Everything a page needs to show an event, in one snapshot."""
    def read(cur):
        return {
            "event": q.event_by_id(cur, event_id),
            "programme": q.programme(cur, event_id),
            "programme_now": pq.now_position(cur, event_id),
            "units": q.units(cur, event_id),
            "criteria": q.criteria(cur, event_id),
            "paradoxes": q.paradoxes(cur, event_id),
            "focus_areas": q.focus_areas(cur, event_id),
            "rounds": q.rounds(cur, event_id),
            "hidden_rounds": sq.hidden_round_ids(cur, event_id),
            "drafts": q.drafts(cur, event_id, ("approved", "pending", "hidden")),
            "round_drafts": rdq.round_drafts(cur, event_id),
        }

    return store.read(read)
