"""The audit log: reading it, and recording actions outside an event's own changes."""

from __future__ import annotations

from vision.store import Store
from vision.store import queries as q


def audit_log(store: Store, event_id: int | None = None):
    return store.read(lambda cur: q.audit_entries(cur, event_id))


def log_action(store: Store, actor: str, action: str, detail: str | None = None,
               event_id: int | None = None) -> None:
    """Record an admin action (users, backups) in the audit log."""
    store.write(lambda cur: q.audit(cur, actor, action, event_id, detail), event_id=event_id)
