"""Reads of a round's track and task, a table's focus area and its chair (schema v6:
``round_audience``, ``event_tables``, ``table_chairs``), as the question cards, the
challenges and the kinds of draft need them. Read only: setting them up is the tracks'
and tables' own module.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def round_track(con: Con, round_id: int) -> tuple[str, int | None, str | None] | None:
    """(audience, slot, task) of a round, or None when it is for everyone on its own."""
    row = con.execute("SELECT audience, slot, task FROM round_audience WHERE round_id = ?", [round_id]).fetchone()
    return tuple(row) if row else None


def rounds_with_task(con: Con, event_id: int, task: str, audience: str | None = None) -> list[int]:
    """The event's rounds with this task (and audience), in the order they were made."""
    sql = ("SELECT a.round_id FROM round_audience a JOIN rounds r ON r.id = a.round_id "
           "WHERE a.event_id = ? AND a.task = ?")
    params: list = [event_id, task]
    if audience is not None:
        sql += " AND a.audience = ?"
        params.append(audience)
    return [r[0] for r in con.execute(sql + " ORDER BY r.position, r.id", params).fetchall()]


def table_focus_area(con: Con, event_id: int, table_no: int) -> tuple[bool, int | None]:
    """(whether the table exists, its focus area id)."""
    row = con.execute("SELECT focus_area_id FROM event_tables WHERE event_id = ? AND table_no = ?",
                      [event_id, table_no]).fetchone()
    return (row is not None, row[0] if row else None)


def table_chair(con: Con, event_id: int, table_no: int) -> int | None:
    """The participant id holding the table chair's role, if any."""
    row = con.execute("SELECT participant_id FROM table_chairs WHERE event_id = ? AND table_no = ?",
                      [event_id, table_no]).fetchone()
    return row[0] if row else None


def table_names(con: Con, event_id: int) -> dict[int, str]:
    return dict(con.execute("SELECT table_no, name FROM event_tables WHERE event_id = ? ORDER BY table_no",
                            [event_id]).fetchall())
