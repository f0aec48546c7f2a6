"""Question cards: add them to a round, and read the cards a table of a round is given.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection
_COLS = "id, round_id, focus_area_id, position, heading, body, source"


def insert_card(con: Con, event_id: int, round_id: int, focus_area_id: int | None, heading: str, body: str,
                source: str | None) -> int:
    pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM question_cards WHERE round_id = ?",
                      [round_id]).fetchone()[0]
    return con.execute(
        "INSERT INTO question_cards (event_id, round_id, focus_area_id, position, heading, body, source) "
        "VALUES (?,?,?,?,?,?,?) RETURNING id",
        [event_id, round_id, focus_area_id, pos, heading, body, source]).fetchone()[0]


def cards_of_round(con: Con, round_id: int) -> list[tuple]:
    """Every card of a round, by position: (id, round_id, focus_area_id, position, heading, body, source)."""
    return con.execute(f"SELECT {_COLS} FROM question_cards WHERE round_id = ? ORDER BY position, id",
                       [round_id]).fetchall()


def cards_of_event(con: Con, event_id: int) -> list[tuple]:
    return con.execute(f"SELECT {_COLS} FROM question_cards WHERE event_id = ? ORDER BY round_id, position, id",
                       [event_id]).fetchall()
