"""SQL for consultations before the day and approvals after it.

Rows come back as plain tuples or small dataclasses of ``vision.consultation`` /
``vision.approvals``' shape; the rules (deadline, who may write what) are the domain's.
"""

from __future__ import annotations

import datetime as dt

import duckdb

Con = duckdb.DuckDBPyConnection

_CONSULTATION_COLS = "c.id, c.event_id, c.title, c.intro, c.deadline, c.reply_to, c.source, c.created_by"


# -- consultations -----------------------------------------------------------------------
def consultation_for_event(con: Con, event_id: int) -> tuple | None:
    return con.execute(
        f"SELECT {_CONSULTATION_COLS} FROM consultations c JOIN events e ON e.id = c.event_id "
        "WHERE c.event_id = ?", [event_id]).fetchone()


def consultation_by_id(con: Con, consultation_id: int) -> tuple | None:
    return con.execute(
        f"SELECT {_CONSULTATION_COLS} FROM consultations c JOIN events e ON e.id = c.event_id "
        "WHERE c.id = ?", [consultation_id]).fetchone()


def insert_consultation(con: Con, event_id: int, title: str, intro: str | None, deadline: dt.date,
                        reply_to: str | None, source: str | None, actor: str) -> int:
    return con.execute(
        "INSERT INTO consultations (event_id, title, intro, deadline, reply_to, source, created_by) "
        "VALUES (?,?,?,?,?,?,?) RETURNING id",
        [event_id, title, intro, deadline, reply_to, source, actor]).fetchone()[0]


def set_deadline(con: Con, consultation_id: int, deadline: dt.date) -> None:
    con.execute("UPDATE consultations SET deadline = ? WHERE id = ?", [deadline, consultation_id])


def insert_question(con: Con, consultation_id: int, position: int, scope: str, text: str) -> int:
    return con.execute(
        "INSERT INTO consultation_questions (consultation_id, position, scope, text) VALUES (?,?,?,?) "
        "RETURNING id", [consultation_id, position, scope, text]).fetchone()[0]


def questions(con: Con, consultation_id: int) -> list[tuple]:
    """(id, position, scope, text) in order."""
    return con.execute(
        "SELECT id, position, scope, text FROM consultation_questions WHERE consultation_id = ? "
        "ORDER BY position, id", [consultation_id]).fetchall()


def insert_body(con: Con, consultation_id: int, position: int, name: str, token: str) -> int:
    return con.execute(
        "INSERT INTO consultation_bodies (consultation_id, position, name, token) VALUES (?,?,?,?) "
        "RETURNING id", [consultation_id, position, name, token]).fetchone()[0]


_BODY_COLS = "b.id, b.consultation_id, b.position, b.name, b.token, b.submitted_at, b.revisions, b.reminded_at"


def bodies(con: Con, consultation_id: int) -> list[tuple]:
    """Every body asked, with (drafted answers, non-empty answers) counts appended."""
    return con.execute(
        f"SELECT {_BODY_COLS}, count(a.text) FILTER (WHERE length(trim(a.text)) > 0) "
        "FROM consultation_bodies b LEFT JOIN consultation_answers a ON a.body_id = b.id "
        "WHERE b.consultation_id = ? GROUP BY ALL ORDER BY b.position, b.id", [consultation_id]).fetchall()


def body_by_token(con: Con, token: str) -> tuple | None:
    return con.execute(
        f"SELECT {_BODY_COLS}, 0 FROM consultation_bodies b WHERE b.token = ?", [token]).fetchone()


def answers_of(con: Con, body_id: int) -> list[tuple]:
    """(question_id, focus_area_id, text, saved_at) of one body."""
    return con.execute(
        "SELECT question_id, focus_area_id, text, saved_at FROM consultation_answers WHERE body_id = ?",
        [body_id]).fetchall()


def upsert_answers(con: Con, body_id: int, rows: list[tuple[int, int, str]], at: dt.datetime) -> None:
    con.executemany(
        "INSERT INTO consultation_answers (body_id, question_id, focus_area_id, text, saved_at) "
        "VALUES (?,?,?,?,?) ON CONFLICT (body_id, question_id, focus_area_id) "
        "DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
        [(body_id, q, f, t, at) for q, f, t in rows])


def mark_submitted(con: Con, body_id: int, at: dt.datetime) -> None:
    con.execute("UPDATE consultation_bodies SET revisions = revisions + CASE WHEN submitted_at IS NULL "
                "THEN 0 ELSE 1 END, submitted_at = ? WHERE id = ?", [at, body_id])


def mark_reminded(con: Con, body_ids: list[int], at: dt.datetime) -> None:
    if body_ids:
        con.execute("UPDATE consultation_bodies SET reminded_at = ? WHERE id IN (SELECT unnest(?))",
                    [at, body_ids])


def all_answers(con: Con, consultation_id: int) -> list[tuple]:
    """(body_id, body name, submitted_at, question_id, focus_area_id, text) of sent answers only."""
    return con.execute(
        "SELECT b.id, b.name, b.submitted_at, a.question_id, a.focus_area_id, a.text "
        "FROM consultation_answers a JOIN consultation_bodies b ON b.id = a.body_id "
        "WHERE b.consultation_id = ? AND b.submitted_at IS NOT NULL AND length(trim(a.text)) > 0 "
        "ORDER BY b.position, a.question_id, a.focus_area_id", [consultation_id]).fetchall()


def highlights(con: Con, consultation_id: int) -> list[tuple]:
    """(body_id, question_id, focus_area_id, position) of the points picked for the big screen."""
    return con.execute(
        "SELECT h.body_id, h.question_id, h.focus_area_id, h.position FROM consultation_highlights h "
        "JOIN consultation_bodies b ON b.id = h.body_id WHERE b.consultation_id = ? ORDER BY h.position",
        [consultation_id]).fetchall()


def replace_highlights(con: Con, consultation_id: int, keys: list[tuple[int, int, int]], actor: str) -> None:
    con.execute("DELETE FROM consultation_highlights WHERE body_id IN "
                "(SELECT id FROM consultation_bodies WHERE consultation_id = ?)", [consultation_id])
    if keys:
        con.executemany(
            "INSERT INTO consultation_highlights (body_id, question_id, focus_area_id, position, selected_by) "
            "VALUES (?,?,?,?,?)", [(b, q, f, i, actor) for i, (b, q, f) in enumerate(keys)])


def delete_consultation(con: Con, consultation_id: int) -> None:
    inner = "SELECT id FROM consultation_bodies WHERE consultation_id = ?"
    con.execute(f"DELETE FROM consultation_highlights WHERE body_id IN ({inner})", [consultation_id])
    con.execute(f"DELETE FROM consultation_answers WHERE body_id IN ({inner})", [consultation_id])
    con.execute("DELETE FROM consultation_bodies WHERE consultation_id = ?", [consultation_id])
    con.execute("DELETE FROM consultation_questions WHERE consultation_id = ?", [consultation_id])
    con.execute("DELETE FROM consultations WHERE id = ?", [consultation_id])


# -- approvals ------------------------------------------------------------------------------
def approvals(con: Con, process_id: str) -> list[tuple]:
    """(body_key, status, decided_on, reference, remarks, recorded_by, recorded_at)."""
    return con.execute(
        "SELECT body_key, status, decided_on, reference, remarks, recorded_by, recorded_at FROM approvals "
        "WHERE process_id = ?", [process_id]).fetchall()


def upsert_approval(con: Con, process_id: str, body_key: str, status: str, decided_on: dt.date | None,
                    reference: str | None, remarks: str | None, actor: str) -> None:
    con.execute(
        "INSERT INTO approvals (process_id, body_key, status, decided_on, reference, remarks, recorded_by, "
        "recorded_at) VALUES (?,?,?,?,?,?,?, current_timestamp) ON CONFLICT (process_id, body_key) DO UPDATE SET "
        "status = excluded.status, decided_on = excluded.decided_on, reference = excluded.reference, "
        "remarks = excluded.remarks, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        [process_id, body_key, status, decided_on, reference, remarks, actor])
