"""Draft visions: list by status, find, add and edit.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

from vision.model import Draft

Con = duckdb.DuckDBPyConnection
_DRAFT_COLS = "id, event_id, position, text, label, source, status, is_example, submitted_by"


def drafts(con: Con, event_id: int, statuses: tuple[str, ...] = ("approved",)) -> list[Draft]:
    marks = ",".join("?" * len(statuses))
    rows = con.execute(
        f"SELECT {_DRAFT_COLS} FROM drafts WHERE event_id = ? AND status IN ({marks}) ORDER BY position, id",
        [event_id, *statuses],
    ).fetchall()
    return [Draft(*r) for r in rows]


def draft_by_id(con: Con, draft_id: int) -> Draft | None:
    row = con.execute(f"SELECT {_DRAFT_COLS} FROM drafts WHERE id = ?", [draft_id]).fetchone()
    return Draft(*row) if row else None


def insert_draft(con: Con, event_id: int, text: str, label: str | None, source: str, status: str,
                 is_example: bool = False, submitted_by: int | None = None) -> int:
    pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM drafts WHERE event_id = ?",
                      [event_id]).fetchone()[0]
    return con.execute(
        "INSERT INTO drafts (event_id, position, text, label, source, status, is_example, submitted_by) "
        "VALUES (?,?,?,?,?,?,?,?) RETURNING id",
        [event_id, pos, text, label, source, status, is_example, submitted_by],
    ).fetchone()[0]


def update_draft(con: Con, draft_id: int, *, text: str | None = None, label: str | None = None,
                 status: str | None = None, position: int | None = None) -> None:
    sets, params = [], []
    for col, val in (("text", text), ("label", label), ("status", status), ("position", position)):
        if val is not None:
            sets.append(f"{col} = ?")
            params.append(val)
    if sets:
        con.execute(f"UPDATE drafts SET {', '.join(sets)} WHERE id = ?", [*params, draft_id])


def draft_submitted_by(con: Con, round_participant: int, event_id: int) -> list[Draft]:
    rows = con.execute(
        f"SELECT {_DRAFT_COLS} FROM drafts WHERE event_id = ? AND submitted_by = ? ORDER BY id",
        [event_id, round_participant],
    ).fetchall()
    return [Draft(*r) for r in rows]
