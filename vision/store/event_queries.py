"""Events: list, find, insert, update and delete (leaves first, one level per transaction).

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

from vision.model import Event

Con = duckdb.DuckDBPyConnection
_EVENT_COLS = (
    "id, code, title, event_date, place, region, description, join_mode, focus_mode, "
    "focus_points, min_group_size, is_demo"
)


def list_events(con: Con) -> list[Event]:
    rows = con.execute(f"SELECT {_EVENT_COLS} FROM events ORDER BY event_date DESC NULLS LAST, id").fetchall()
    return [Event(*r) for r in rows]


def event_by_code(con: Con, code: str) -> Event | None:
    row = con.execute(f"SELECT {_EVENT_COLS} FROM events WHERE upper(code) = upper(?)", [code]).fetchone()
    return Event(*row) if row else None


def event_by_id(con: Con, event_id: int) -> Event | None:
    row = con.execute(f"SELECT {_EVENT_COLS} FROM events WHERE id = ?", [event_id]).fetchone()
    return Event(*row) if row else None


def insert_event(con: Con, *, code: str, title: str, event_date, place, region, description,
                 join_mode: str, focus_mode: str, focus_points: int, min_group_size: int,
                 is_demo: bool) -> int:
    return con.execute(
        "INSERT INTO events (code, title, event_date, place, region, description, join_mode, "
        "focus_mode, focus_points, min_group_size, is_demo) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        [code, title, event_date, place, region, description, join_mode, focus_mode,
         focus_points, min_group_size, is_demo],
    ).fetchone()[0]


def update_event(con: Con, event_id: int, **fields) -> None:
    allowed = {"title", "event_date", "place", "region", "description", "join_mode",
               "focus_mode", "focus_points", "min_group_size"}
    cols = [k for k in fields if k in allowed]
    if not cols:
        return
    sets = ", ".join(f"{c} = ?" for c in cols)
    con.execute(f"UPDATE events SET {sets} WHERE id = ?", [fields[c] for c in cols] + [event_id])


# DuckDB checks a foreign key against rows deleted earlier in the same transaction as if
# they were still there, so an event is deleted leaves first, one transaction per level.
_DELETE_PHASES: tuple[tuple[str, ...], ...] = (
    ("DELETE FROM scores WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM paradox_positions WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM focus_priorities WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM comments WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM hidden_comments WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM participant_tokens WHERE participant_id IN (SELECT id FROM participants WHERE event_id = $e)"),
    ("DELETE FROM drafts WHERE event_id = $e", "DELETE FROM paradoxes WHERE event_id = $e",
     "DELETE FROM focus_areas WHERE event_id = $e", "DELETE FROM rounds WHERE event_id = $e"),
    ("DELETE FROM participants WHERE event_id = $e", "DELETE FROM programme_items WHERE event_id = $e",
     "DELETE FROM event_units WHERE event_id = $e", "DELETE FROM criteria WHERE event_id = $e"),
    ("DELETE FROM events WHERE id = $e",),
)
DELETE_PHASES = len(_DELETE_PHASES)


def delete_event_phase(con: Con, event_id: int, phase: int) -> None:
    """One level of deleting an event; run phases 0..DELETE_PHASES-1 in separate transactions."""
    for sql in _DELETE_PHASES[phase]:
        con.execute(sql, {"e": event_id})
