"""The audit log.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def audit(con: Con, actor: str, action: str, event_id: int | None, detail: str | None = None) -> None:
    con.execute("INSERT INTO audit_log (actor, action, event_id, detail) VALUES (?,?,?,?)",
                [actor, action, event_id, detail])


def audit_entries(con: Con, event_id: int | None = None, limit: int = 200) -> list[tuple]:
    if event_id is None:
        return con.execute("SELECT logged_at, actor, action, event_id, detail FROM audit_log "
                           "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return con.execute("SELECT logged_at, actor, action, event_id, detail FROM audit_log WHERE event_id = ? "
                       "ORDER BY id DESC LIMIT ?", [event_id, limit]).fetchall()


def has_action(con: Con, event_id: int, action: str) -> bool:
    """Whether the audit log holds ``action`` for the event (e.g. 'simulated_answers')."""
    return con.execute("SELECT count(*) FROM audit_log WHERE event_id = ? AND action = ?",
                       [event_id, action]).fetchone()[0] > 0
