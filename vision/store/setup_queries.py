"""SQL for the organiser's set-up page that the core queries do not cover."""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def scored_criterion_keys(con: Con, event_id: int) -> set[str]:
    """Criteria of the event that already have at least one answer."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT s.criterion_key FROM scores s JOIN rounds r ON r.id = s.round_id WHERE r.event_id = ?",
        [event_id]).fetchall()}


def set_focus_area_position(con: Con, focus_area_id: int, position: int) -> None:
    con.execute("UPDATE focus_areas SET position = ? WHERE id = ?", [position, focus_area_id])


def set_paradox_position(con: Con, paradox_id: int, position: int) -> None:
    con.execute("UPDATE paradoxes SET position = ? WHERE id = ?", [position, paradox_id])


def count_paradox_answers(con: Con, paradox_id: int) -> int:
    return con.execute("SELECT count(*) FROM paradox_positions WHERE paradox_id = ?", [paradox_id]).fetchone()[0]


def count_focus_answers(con: Con, focus_area_id: int) -> int:
    return con.execute("SELECT count(*) FROM focus_priorities WHERE focus_area_id = ?",
                       [focus_area_id]).fetchone()[0]
