"""A table's challenges in a challenges round, and the three it chooses.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection
_COLS = "id, round_id, table_no, focus_area_id, position, text, chosen, written_by"


def insert_challenge(con: Con, event_id: int, round_id: int, table_no: int, focus_area_id: int | None,
                     text: str, written_by: int | None) -> int:
    pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM challenges WHERE round_id = ? AND table_no = ?",
                      [round_id, table_no]).fetchone()[0]
    return con.execute(
        "INSERT INTO challenges (event_id, round_id, table_no, focus_area_id, position, text, written_by) "
        "VALUES (?,?,?,?,?,?,?) RETURNING id",
        [event_id, round_id, table_no, focus_area_id, pos, text, written_by]).fetchone()[0]


def challenges_of_table(con: Con, round_id: int, table_no: int) -> list[tuple]:
    return con.execute(f"SELECT {_COLS} FROM challenges WHERE round_id = ? AND table_no = ? ORDER BY position, id",
                       [round_id, table_no]).fetchall()


def update_challenge_text(con: Con, challenge_id: int, text: str) -> None:
    con.execute("UPDATE challenges SET text = ? WHERE id = ?", [text, challenge_id])


def delete_challenge(con: Con, challenge_id: int) -> None:
    con.execute("DELETE FROM challenges WHERE id = ?", [challenge_id])


def set_chosen(con: Con, round_id: int, table_no: int, chosen_ids: list[int]) -> None:
    """Mark exactly these of the table's challenges as chosen, the rest as not."""
    con.execute("UPDATE challenges SET chosen = list_contains(?, id) WHERE round_id = ? AND table_no = ?",
                [list(chosen_ids), round_id, table_no])


def chosen_of_event(con: Con, event_id: int, round_ids: list[int] | None = None) -> list[tuple]:
    """Every chosen challenge of the event (or of these rounds): (focus_area_id, table_no, text),
    by focus area, table and position."""
    sql = "SELECT focus_area_id, table_no, text FROM challenges WHERE event_id = ? AND chosen"
    params: list = [event_id]
    if round_ids is not None:
        if not round_ids:
            return []
        sql += f" AND round_id IN ({','.join('?' * len(round_ids))})"
        params += list(round_ids)
    return con.execute(sql + " ORDER BY focus_area_id NULLS LAST, table_no, position, id", params).fetchall()
