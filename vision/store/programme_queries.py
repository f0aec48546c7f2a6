"""The programme item happening now (``programme_now``): read and set per event.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def now_position(con: Con, event_id: int) -> int | None:
    """The position (``programme_items.position``) of the item happening now; None before
    the organiser has marked one."""
    row = con.execute("SELECT position FROM programme_now WHERE event_id = ?", [event_id]).fetchone()
    return row[0] if row else None


def set_now_position(con: Con, event_id: int, position: int, actor: str) -> None:
    con.execute("DELETE FROM programme_now WHERE event_id = ?", [event_id])
    con.execute("INSERT INTO programme_now (event_id, position, set_by) VALUES (?,?,?)",
                [event_id, position, actor])


def clear_now(con: Con, event_id: int) -> None:
    con.execute("DELETE FROM programme_now WHERE event_id = ?", [event_id])
