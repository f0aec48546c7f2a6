"""After the day: deleting the participants' tokens, or the whole event (``vision.events.delete_event``), once
its code is typed again."""

from __future__ import annotations

from vision.errors import NotFoundError
from vision.events.lifecycle import confirm_code, delete_event  # noqa: F401 - the one deletion, re-exported
from vision.store import Store
from vision.store import queries as q


def delete_tokens(store: Store, actor: str, event_id: int, typed_code: str | None) -> int:
    """Delete the event's participant tokens (results stay) after the code was typed again."""
    from vision import participants

    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    confirm_code(event, typed_code)
    return participants.delete_tokens(store, actor, event_id)
