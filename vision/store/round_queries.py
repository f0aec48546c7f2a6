"""Rounds: list, find, add, open/close and reveal.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from vision.model import Round

Con = duckdb.DuckDBPyConnection
_ROUND_COLS = "id, event_id, position, kind, title, status, revealed, opened_at, closed_at"


def rounds(con: Con, event_id: int) -> list[Round]:
    rows = con.execute(f"SELECT {_ROUND_COLS} FROM rounds WHERE event_id = ? ORDER BY position, id",
                       [event_id]).fetchall()
    return [Round(*r) for r in rows]


def round_by_id(con: Con, round_id: int) -> Round | None:
    row = con.execute(f"SELECT {_ROUND_COLS} FROM rounds WHERE id = ?", [round_id]).fetchone()
    return Round(*row) if row else None


def insert_round(con: Con, event_id: int, kind: str, title: str) -> int:
    pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM rounds WHERE event_id = ?",
                      [event_id]).fetchone()[0]
    return con.execute(
        "INSERT INTO rounds (event_id, position, kind, title) VALUES (?,?,?,?) RETURNING id",
        [event_id, pos, kind, title],
    ).fetchone()[0]


def set_round_status(con: Con, round_id: int, status: str, at: datetime) -> None:
    if status == "open":
        con.execute("UPDATE rounds SET status = 'open', opened_at = ?, closed_at = NULL WHERE id = ?",
                    [at, round_id])
    else:
        con.execute("UPDATE rounds SET status = ?, closed_at = ? WHERE id = ?", [status, at, round_id])


def set_round_revealed(con: Con, round_id: int, revealed: bool) -> None:
    con.execute("UPDATE rounds SET revealed = ? WHERE id = ?", [revealed, round_id])
