"""Tracks: who a round is for (``round_audience``), its slot and its drafting task.

A round without a row is for everyone, on its own, with no task. Every function takes
a DuckDB cursor (``con``): a reader's from ``Store.read`` or the writer's inside
``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def audiences(con: Con, event_id: int) -> dict[int, tuple[str, int | None, str | None]]:
    """round_id -> (audience, slot, task) for the event's rounds that have a row."""
    rows = con.execute("SELECT round_id, audience, slot, task FROM round_audience WHERE event_id = ?",
                       [event_id]).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def audience_of(con: Con, round_id: int) -> tuple[str, int | None, str | None] | None:
    row = con.execute("SELECT audience, slot, task FROM round_audience WHERE round_id = ?", [round_id]).fetchone()
    return tuple(row) if row else None


def set_audience(con: Con, event_id: int, round_id: int, audience: str, slot: int | None,
                 task: str | None) -> None:
    """Store who a round is for; 'alle' with no slot and no task removes the row (the default)."""
    con.execute("DELETE FROM round_audience WHERE round_id = ?", [round_id])
    if audience != "alle" or slot is not None or task is not None:
        con.execute("INSERT INTO round_audience (round_id, event_id, audience, slot, task) VALUES (?,?,?,?,?)",
                    [round_id, event_id, audience, slot, task])


def rounds_in_slot(con: Con, event_id: int, slot: int) -> list[int]:
    return [r[0] for r in con.execute(
        "SELECT a.round_id FROM round_audience a JOIN rounds r ON r.id = a.round_id "
        "WHERE a.event_id = ? AND a.slot = ? ORDER BY r.position, r.id", [event_id, slot]).fetchall()]


def delete_audience(con: Con, round_id: int) -> None:
    con.execute("DELETE FROM round_audience WHERE round_id = ?", [round_id])


def copy_tracks(con: Con, from_event: int, to_event: int, round_ids: dict[int, int]) -> None:
    """Give the copied rounds (``round_ids``: template round -> new round) the template's tracks."""
    for rid, (audience, slot, task) in audiences(con, from_event).items():
        if rid in round_ids:
            set_audience(con, to_event, round_ids[rid], audience, slot, task)
