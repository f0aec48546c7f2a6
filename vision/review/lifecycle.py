"""After the day: deleting the participants' tokens, or the whole event, once its code is typed again."""

from __future__ import annotations

from vision.errors import NotFoundError, UserError
from vision.model import Event
from vision.store import Store
from vision.store import queries as q


def confirm_code(event: Event, typed: str | None) -> None:
    """A destructive action needs the event's code typed again."""
    if (typed or "").strip().upper() != event.code.upper():
        raise UserError("Skriv begivenhedens kode ({code}) for at bekræfte.", code=event.code)


def delete_event(store: Store, actor: str, event_id: int, typed_code: str | None) -> str:
    """Delete an event with everything in it after the code was typed again; audited.

    Runs one transaction per level of the schema (answers and tokens; drafts, rounds and
    content; participants; the event), leaves first, so an interruption leaves a smaller
    but consistent event that a second attempt finishes."""
    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    confirm_code(event, typed_code)
    from vision import events, participants, screens

    code = events.delete_event(store, actor, event_id)
    participants.forget_event(event_id)
    screens.forget(event_id)
    return code


def delete_tokens(store: Store, actor: str, event_id: int, typed_code: str | None) -> int:
    """Delete the event's participant tokens (results stay) after the code was typed again."""
    from vision import participants

    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    confirm_code(event, typed_code)
    return participants.delete_tokens(store, actor, event_id)
