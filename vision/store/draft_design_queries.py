"""What a draft is (overall vision, a focus area's vision, mission), its focus area, the
round and table that wrote it, and the writing checklist saved with it.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def save_design(con: Con, draft_id: int, event_id: int, kind: str, focus_area_id: int | None,
                round_id: int | None, table_no: int | None, checklist: list[str]) -> None:
    con.execute("DELETE FROM draft_design WHERE draft_id = ?", [draft_id])
    con.execute("INSERT INTO draft_design (draft_id, event_id, kind, focus_area_id, round_id, table_no, checklist) "
                "VALUES (?,?,?,?,?,?,?)", [draft_id, event_id, kind, focus_area_id, round_id, table_no,
                                           list(checklist)])


def design_of(con: Con, draft_id: int) -> tuple | None:
    """(kind, focus_area_id, round_id, table_no, checklist) of a draft, or None (an overall vision)."""
    row = con.execute("SELECT kind, focus_area_id, round_id, table_no, checklist FROM draft_design "
                      "WHERE draft_id = ?", [draft_id]).fetchone()
    return tuple(row) if row else None


def designs_of_event(con: Con, event_id: int) -> dict[int, tuple]:
    """draft id → (kind, focus_area_id, round_id, table_no, checklist) for the event's drafts that have one."""
    rows = con.execute("SELECT draft_id, kind, focus_area_id, round_id, table_no, checklist FROM draft_design "
                       "WHERE event_id = ?", [event_id]).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def drafts_of_kind(con: Con, event_id: int, kind: str) -> list[tuple]:
    """The tables' drafts of one kind that are not hidden: (table_no, focus_area_id, text, status),
    by table. Nothing that names who wrote it."""
    return con.execute(
        "SELECT g.table_no, g.focus_area_id, d.text, d.status FROM draft_design g JOIN drafts d ON d.id = g.draft_id "
        "WHERE g.event_id = ? AND g.kind = ? AND d.status <> 'hidden' ORDER BY g.table_no NULLS LAST, d.id",
        [event_id, kind]).fetchall()
