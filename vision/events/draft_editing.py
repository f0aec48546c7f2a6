"""Organisers' changes to the draft visions: add, approve or hide, edit, reorder."""

from __future__ import annotations

from vision import results
from vision.errors import NotFoundError, UserError
from vision.events.text import clean_text
from vision.model import DRAFT_MAX_CHARS
from vision.store import Store
from vision.store import queries as q


def add_draft(store: Store, actor: str, event_id: int, text: str, label: str | None = None,
              source: str = "organiser", approved: bool = True) -> int:
    text = clean_text(text, DRAFT_MAX_CHARS)
    label = clean_text(label, 80) if label and label.strip() else None

    def job(cur):
        did = q.insert_draft(cur, event_id, text, label, source, "approved" if approved else "pending")
        q.audit(cur, actor, "add_draft", event_id, str(did))
        return did

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done


def set_draft_status(store: Store, actor: str, event_id: int, draft_id: int, status: str) -> None:
    if status not in ("pending", "approved", "hidden"):
        raise UserError("Ukendt status.")

    def job(cur):
        d = q.draft_by_id(cur, draft_id)
        if d is None or d.event_id != event_id:
            raise NotFoundError("Forslaget findes ikke i denne begivenhed.")
        q.update_draft(cur, draft_id, status=status)
        q.audit(cur, actor, f"draft_{status}", event_id, str(draft_id))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def edit_draft(store: Store, actor: str, event_id: int, draft_id: int, text: str, label: str | None) -> None:
    text = clean_text(text, DRAFT_MAX_CHARS)

    def job(cur):
        d = q.draft_by_id(cur, draft_id)
        if d is None or d.event_id != event_id:
            raise NotFoundError("Forslaget findes ikke i denne begivenhed.")
        q.update_draft(cur, draft_id, text=text, label=(label or "").strip())
        q.audit(cur, actor, "edit_draft", event_id, str(draft_id))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def move_draft(store: Store, actor: str, event_id: int, draft_id: int, step: int) -> None:
    """Swap a draft with its neighbour in the shown order."""
    def job(cur):
        items = q.drafts(cur, event_id, ("approved", "pending", "hidden"))
        ids = [d.id for d in items]
        if draft_id not in ids:
            raise NotFoundError("Forslaget findes ikke i denne begivenhed.")
        i = ids.index(draft_id)
        j = max(0, min(len(ids) - 1, i + step))
        ids[i], ids[j] = ids[j], ids[i]
        for pos, did in enumerate(ids):
            q.update_draft(cur, did, position=pos)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)
