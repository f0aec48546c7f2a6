"""Tables of the group work (``event_tables``), their chairs (``table_chairs``) and the
table a participant sits at (``participants.table_no``).

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or the
writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection
_COLS = "table_no, name, audience, focus_area_id"


def tables(con: Con, event_id: int) -> list[tuple]:
    """(table_no, name, audience, focus_area_id) of every table, by number."""
    return con.execute(f"SELECT {_COLS} FROM event_tables WHERE event_id = ? ORDER BY table_no",
                       [event_id]).fetchall()


def table(con: Con, event_id: int, table_no: int) -> tuple | None:
    return con.execute(f"SELECT {_COLS} FROM event_tables WHERE event_id = ? AND table_no = ?",
                       [event_id, table_no]).fetchone()


def replace_tables(con: Con, event_id: int, rows: list[tuple[int, str, str, int | None]]) -> None:
    """The event's tables become ``rows``; chairs of tables that are gone are let go."""
    con.execute("DELETE FROM event_tables WHERE event_id = ?", [event_id])
    for no, name, audience, focus in rows:
        con.execute("INSERT INTO event_tables (event_id, table_no, name, audience, focus_area_id) "
                    "VALUES (?,?,?,?,?)", [event_id, no, name, audience, focus])
    con.execute("DELETE FROM table_chairs WHERE event_id = ? AND table_no NOT IN "
                "(SELECT table_no FROM event_tables WHERE event_id = ?)", [event_id, event_id])


def chair(con: Con, event_id: int, table_no: int) -> int | None:
    row = con.execute("SELECT participant_id FROM table_chairs WHERE event_id = ? AND table_no = ?",
                      [event_id, table_no]).fetchone()
    return row[0] if row else None


def chairs(con: Con, event_id: int) -> dict[int, int]:
    """table_no -> the participant who holds the chair."""
    return dict(con.execute("SELECT table_no, participant_id FROM table_chairs WHERE event_id = ?",
                            [event_id]).fetchall())


def chair_table_of(con: Con, participant_id: int) -> int | None:
    row = con.execute("SELECT table_no FROM table_chairs WHERE participant_id = ?", [participant_id]).fetchone()
    return row[0] if row else None


def insert_chair(con: Con, event_id: int, table_no: int, participant_id: int) -> None:
    con.execute("INSERT INTO table_chairs (event_id, table_no, participant_id) VALUES (?,?,?)",
                [event_id, table_no, participant_id])


def delete_chair(con: Con, participant_id: int) -> int:
    return len(con.execute("DELETE FROM table_chairs WHERE participant_id = ? RETURNING table_no",
                           [participant_id]).fetchall())


def participant_table(con: Con, participant_id: int) -> int | None:
    row = con.execute("SELECT table_no FROM participants WHERE id = ?", [participant_id]).fetchone()
    return row[0] if row else None


def set_participant_table(con: Con, participant_id: int, table_no: int | None) -> None:
    con.execute("UPDATE participants SET table_no = ? WHERE id = ?", [table_no, participant_id])


def participant_id_of_token(con: Con, token: str) -> int | None:
    row = con.execute("SELECT participant_id FROM participant_tokens WHERE token = ? AND NOT revoked",
                      [token]).fetchone()
    return row[0] if row else None


def tables_answered(con: Con, event_id: int, round_ids: list[int]) -> list[tuple[int, int]]:
    """(round_id, table_no) for every table where someone has answered the round: a score, a
    placement, a priority, a draft submitted since the round opened (drafts.created_at and
    rounds.opened_at are both local time), a draft written for the round, or a challenge."""
    if not round_ids:
        return []
    marks = ",".join("?" * len(round_ids))
    return con.execute(
        f"WITH who AS ("
        f" SELECT round_id, participant_id FROM scores WHERE round_id IN ({marks})"
        f" UNION SELECT round_id, participant_id FROM paradox_positions WHERE round_id IN ({marks})"
        f" UNION SELECT round_id, participant_id FROM focus_priorities WHERE round_id IN ({marks})"
        f" UNION SELECT r.id, d.submitted_by FROM drafts d JOIN rounds r ON r.event_id = d.event_id"
        f"  WHERE r.id IN ({marks}) AND r.kind = 'drafting' AND d.source = 'table'"
        f"  AND d.submitted_by IS NOT NULL AND r.opened_at IS NOT NULL AND d.created_at >= r.opened_at)"
        f" SELECT DISTINCT w.round_id, p.table_no FROM who w JOIN participants p ON p.id = w.participant_id"
        f" WHERE p.event_id = ? AND p.table_no IS NOT NULL"
        f" UNION SELECT round_id, table_no FROM challenges WHERE event_id = ? AND round_id IN ({marks})"
        f" UNION SELECT round_id, table_no FROM draft_design WHERE event_id = ? AND round_id IN ({marks})"
        f" AND table_no IS NOT NULL",
        [*round_ids, *round_ids, *round_ids, *round_ids, event_id, event_id, *round_ids,
         event_id, *round_ids]).fetchall()


def copy_tables(con: Con, from_event: int, to_event: int, focus_ids: dict[int, int]) -> None:
    """Give a copied event the template's tables (``focus_ids``: template focus area -> new one)."""
    replace_tables(con, to_event, [(no, name, audience, focus_ids.get(focus))
                                   for no, name, audience, focus in tables(con, from_event)])
