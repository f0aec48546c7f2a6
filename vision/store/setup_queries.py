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


# -- rounds the organiser shapes -------------------------------------------------------
def hidden_round_ids(con: Con, event_id: int) -> set[int]:
    return {r[0] for r in con.execute("SELECT round_id FROM hidden_rounds WHERE event_id = ?", [event_id]).fetchall()}


def set_round_hidden(con: Con, event_id: int, round_id: int, hidden: bool, actor: str) -> None:
    con.execute("DELETE FROM hidden_rounds WHERE round_id = ?", [round_id])
    if hidden:
        con.execute("INSERT INTO hidden_rounds (round_id, event_id, hidden_by) VALUES (?,?,?)",
                    [round_id, event_id, actor])


def count_round_answers(con: Con, round_id: int) -> int:
    """Answers of every kind given in a round (scores, positions, priorities, comments)."""
    return con.execute(
        "SELECT (SELECT count(*) FROM scores WHERE round_id = $r) + (SELECT count(*) FROM paradox_positions "
        "WHERE round_id = $r) + (SELECT count(*) FROM focus_priorities WHERE round_id = $r) + "
        "(SELECT count(*) FROM comments WHERE round_id = $r)", {"r": round_id}).fetchone()[0]


def delete_round(con: Con, round_id: int) -> None:
    con.execute("DELETE FROM hidden_comments WHERE round_id = ?", [round_id])
    con.execute("DELETE FROM hidden_rounds WHERE round_id = ?", [round_id])
    con.execute("DELETE FROM round_drafts WHERE round_id = ?", [round_id])
    con.execute("DELETE FROM rounds WHERE id = ?", [round_id])


def rename_round(con: Con, round_id: int, title: str) -> None:
    con.execute("UPDATE rounds SET title = ? WHERE id = ?", [title, round_id])


def set_round_position(con: Con, round_id: int, position: int) -> None:
    con.execute("UPDATE rounds SET position = ? WHERE id = ?", [position, round_id])


# -- the privacy notice's per-event facts -----------------------------------------------
def privacy(con: Con, event_id: int) -> tuple | None:
    """(controller, contact, dpo_contact, token_days, retention_days) or None when not set."""
    return con.execute("SELECT controller, contact, dpo_contact, token_days, retention_days FROM event_privacy "
                       "WHERE event_id = ?", [event_id]).fetchone()


def set_privacy(con: Con, event_id: int, controller: str, contact: str, dpo_contact: str | None,
                token_days: int, retention_days: int) -> None:
    con.execute("DELETE FROM event_privacy WHERE event_id = ?", [event_id])
    con.execute("INSERT INTO event_privacy VALUES (?,?,?,?,?,?)",
                [event_id, controller, contact, dpo_contact, token_days, retention_days])


# Schema v6: the day as designed, and v7: a scoring round's drafts; every one carries
# event_id (see schema_v6.sql, schema_v7.sql).
DAY_DESIGN_TABLES = ("round_audience", "event_tables", "table_chairs", "question_cards",
                     "challenges", "draft_design", "programme_now", "plenum", "round_drafts")


def delete_setup_rows(con: Con, event_id: int) -> None:
    """What set-up keeps beside an event's own tables; deleted with the event."""
    con.execute("DELETE FROM hidden_rounds WHERE event_id = ?", [event_id])
    con.execute("DELETE FROM event_privacy WHERE event_id = ?", [event_id])
    for table in DAY_DESIGN_TABLES:
        con.execute(f"DELETE FROM {table} WHERE event_id = ?", [event_id])
