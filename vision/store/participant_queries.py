"""Participants and their tokens.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

from vision.model import Participant

Con = duckdb.DuckDBPyConnection


def insert_participant(con: Con, event_id: int, grp: str, unit: str | None, issued: str,
                       token: str, table_no: int | None = None) -> int:
    pid = con.execute(
        "INSERT INTO participants (event_id, grp, unit, table_no, issued) VALUES (?,?,?,?,?) RETURNING id",
        [event_id, grp, unit, table_no, issued],
    ).fetchone()[0]
    con.execute("INSERT INTO participant_tokens (token, participant_id) VALUES (?,?)", [token, pid])
    return pid


def participant_by_token(con: Con, token: str) -> tuple[Participant, bool] | None:
    """The participant and whether the token is revoked; None if unknown."""
    row = con.execute(
        "SELECT p.id, p.event_id, p.grp, p.unit, p.table_no, p.issued, t.revoked "
        "FROM participant_tokens t JOIN participants p ON p.id = t.participant_id WHERE t.token = ?",
        [token],
    ).fetchone()
    if not row:
        return None
    return Participant(*row[:6]), bool(row[6])


def preset_tokens(con: Con, event_id: int) -> list[tuple[str, str, str | None, int | None, bool]]:
    return con.execute(
        "SELECT t.token, p.grp, p.unit, p.table_no, t.revoked FROM participant_tokens t "
        "JOIN participants p ON p.id = t.participant_id WHERE p.event_id = ? AND p.issued = 'preset' "
        "ORDER BY p.id",
        [event_id],
    ).fetchall()


def revoke_token(con: Con, token: str) -> int:
    return con.execute("UPDATE participant_tokens SET revoked = true WHERE token = ? RETURNING 1",
                       [token]).fetchall().__len__()


def delete_tokens(con: Con, event_id: int) -> int:
    return len(con.execute(
        "DELETE FROM participant_tokens WHERE participant_id IN "
        "(SELECT id FROM participants WHERE event_id = ?) RETURNING 1",
        [event_id],
    ).fetchall())


def count_tokens(con: Con, event_id: int) -> int:
    return con.execute(
        "SELECT count(*) FROM participant_tokens t JOIN participants p ON p.id = t.participant_id "
        "WHERE p.event_id = ?", [event_id]).fetchone()[0]
