"""All SQL of the app's core: events, content, participants, answers, results.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``. Rules are checked by the domain (``vision.*``);
the schema repeats what it can.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

import duckdb

from vision.model import (
    Criterion,
    Draft,
    Event,
    FocusArea,
    Paradox,
    Participant,
    ProgrammeItem,
    Round,
)

Con = duckdb.DuckDBPyConnection

_EVENT_COLS = (
    "id, code, title, event_date, place, region, description, join_mode, focus_mode, "
    "focus_points, min_group_size, is_demo"
)
_ROUND_COLS = "id, event_id, position, kind, title, status, revealed, opened_at, closed_at"
_DRAFT_COLS = "id, event_id, position, text, label, source, status, is_example, submitted_by"


# -- events ----------------------------------------------------------------------
def list_events(con: Con) -> list[Event]:
    rows = con.execute(f"SELECT {_EVENT_COLS} FROM events ORDER BY event_date DESC NULLS LAST, id").fetchall()
    return [Event(*r) for r in rows]


def event_by_code(con: Con, code: str) -> Event | None:
    row = con.execute(f"SELECT {_EVENT_COLS} FROM events WHERE upper(code) = upper(?)", [code]).fetchone()
    return Event(*row) if row else None


def event_by_id(con: Con, event_id: int) -> Event | None:
    row = con.execute(f"SELECT {_EVENT_COLS} FROM events WHERE id = ?", [event_id]).fetchone()
    return Event(*row) if row else None


def insert_event(con: Con, *, code: str, title: str, event_date, place, region, description,
                 join_mode: str, focus_mode: str, focus_points: int, min_group_size: int,
                 is_demo: bool) -> int:
    return con.execute(
        "INSERT INTO events (code, title, event_date, place, region, description, join_mode, "
        "focus_mode, focus_points, min_group_size, is_demo) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        [code, title, event_date, place, region, description, join_mode, focus_mode,
         focus_points, min_group_size, is_demo],
    ).fetchone()[0]


def update_event(con: Con, event_id: int, **fields) -> None:
    allowed = {"title", "event_date", "place", "region", "description", "join_mode",
               "focus_mode", "focus_points", "min_group_size"}
    cols = [k for k in fields if k in allowed]
    if not cols:
        return
    sets = ", ".join(f"{c} = ?" for c in cols)
    con.execute(f"UPDATE events SET {sets} WHERE id = ?", [fields[c] for c in cols] + [event_id])


# DuckDB checks a foreign key against rows deleted earlier in the same transaction as if
# they were still there, so an event is deleted leaves first, one transaction per level.
_DELETE_PHASES: tuple[tuple[str, ...], ...] = (
    ("DELETE FROM scores WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM paradox_positions WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM focus_priorities WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM comments WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM hidden_comments WHERE round_id IN (SELECT id FROM rounds WHERE event_id = $e)",
     "DELETE FROM participant_tokens WHERE participant_id IN (SELECT id FROM participants WHERE event_id = $e)"),
    ("DELETE FROM drafts WHERE event_id = $e", "DELETE FROM paradoxes WHERE event_id = $e",
     "DELETE FROM focus_areas WHERE event_id = $e", "DELETE FROM rounds WHERE event_id = $e"),
    ("DELETE FROM participants WHERE event_id = $e", "DELETE FROM programme_items WHERE event_id = $e",
     "DELETE FROM event_units WHERE event_id = $e", "DELETE FROM criteria WHERE event_id = $e"),
    ("DELETE FROM events WHERE id = $e",),
)
DELETE_PHASES = len(_DELETE_PHASES)


def delete_event_phase(con: Con, event_id: int, phase: int) -> None:
    """One level of deleting an event; run phases 0..DELETE_PHASES-1 in separate transactions."""
    for sql in _DELETE_PHASES[phase]:
        con.execute(sql, {"e": event_id})


# -- event content ---------------------------------------------------------------
def programme(con: Con, event_id: int) -> list[ProgrammeItem]:
    rows = con.execute(
        "SELECT position, at_time, title, detail FROM programme_items WHERE event_id = ? ORDER BY position",
        [event_id],
    ).fetchall()
    return [ProgrammeItem(*r) for r in rows]


def replace_programme(con: Con, event_id: int, items: Iterable[tuple[str | None, str, str | None]]) -> None:
    con.execute("DELETE FROM programme_items WHERE event_id = ?", [event_id])
    rows = [(event_id, i, t, title, d) for i, (t, title, d) in enumerate(items)]
    if rows:
        con.executemany("INSERT INTO programme_items VALUES (?,?,?,?,?)", rows)


def units(con: Con, event_id: int) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT name FROM event_units WHERE event_id = ? ORDER BY position", [event_id]).fetchall()]


def replace_units(con: Con, event_id: int, names: Iterable[str]) -> None:
    con.execute("DELETE FROM event_units WHERE event_id = ?", [event_id])
    rows = [(event_id, i, n) for i, n in enumerate(names)]
    if rows:
        con.executemany("INSERT INTO event_units VALUES (?,?,?)", rows)


def criteria(con: Con, event_id: int) -> list[Criterion]:
    rows = con.execute(
        "SELECT key, label, question, position FROM criteria WHERE event_id = ? ORDER BY position",
        [event_id],
    ).fetchall()
    return [Criterion(*r) for r in rows]


def replace_criteria(con: Con, event_id: int, items: Iterable[Criterion]) -> None:
    con.execute("DELETE FROM criteria WHERE event_id = ?", [event_id])
    rows = [(event_id, c.key, i, c.label, c.question) for i, c in enumerate(items)]
    if rows:
        con.executemany("INSERT INTO criteria VALUES (?,?,?,?,?)", rows)


def paradoxes(con: Con, event_id: int) -> list[Paradox]:
    rows = con.execute(
        "SELECT id, position, title, question, left_label, left_args, right_label, right_args "
        "FROM paradoxes WHERE event_id = ? ORDER BY position, id",
        [event_id],
    ).fetchall()
    return [Paradox(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()), r[6], tuple(r[7] or ())) for r in rows]


def insert_paradox(con: Con, event_id: int, position: int, title: str, question: str | None,
                   left_label: str, left_args: list[str], right_label: str, right_args: list[str]) -> int:
    return con.execute(
        "INSERT INTO paradoxes (event_id, position, title, question, left_label, left_args, right_label, "
        "right_args) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
        [event_id, position, title, question, left_label, left_args, right_label, right_args],
    ).fetchone()[0]


def update_paradox(con: Con, paradox_id: int, title: str, question: str | None, left_label: str,
                   left_args: list[str], right_label: str, right_args: list[str]) -> None:
    con.execute(
        "UPDATE paradoxes SET title = ?, question = ?, left_label = ?, left_args = ?, right_label = ?, "
        "right_args = ? WHERE id = ?",
        [title, question, left_label, left_args, right_label, right_args, paradox_id],
    )


def delete_paradox(con: Con, paradox_id: int) -> None:
    con.execute("DELETE FROM paradox_positions WHERE paradox_id = ?", [paradox_id])
    con.execute("DELETE FROM paradoxes WHERE id = ?", [paradox_id])


def focus_areas(con: Con, event_id: int) -> list[FocusArea]:
    rows = con.execute(
        "SELECT id, position, title, description FROM focus_areas WHERE event_id = ? ORDER BY position, id",
        [event_id],
    ).fetchall()
    return [FocusArea(*r) for r in rows]


def insert_focus_area(con: Con, event_id: int, position: int, title: str, description: str | None) -> int:
    return con.execute(
        "INSERT INTO focus_areas (event_id, position, title, description) VALUES (?,?,?,?) RETURNING id",
        [event_id, position, title, description],
    ).fetchone()[0]


def update_focus_area(con: Con, focus_area_id: int, title: str, description: str | None) -> None:
    con.execute("UPDATE focus_areas SET title = ?, description = ? WHERE id = ?",
                [title, description, focus_area_id])


def delete_focus_area(con: Con, focus_area_id: int) -> None:
    con.execute("DELETE FROM focus_priorities WHERE focus_area_id = ?", [focus_area_id])
    con.execute("DELETE FROM focus_areas WHERE id = ?", [focus_area_id])


# -- rounds ----------------------------------------------------------------------
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


# -- drafts ----------------------------------------------------------------------
def drafts(con: Con, event_id: int, statuses: tuple[str, ...] = ("approved",)) -> list[Draft]:
    marks = ",".join("?" * len(statuses))
    rows = con.execute(
        f"SELECT {_DRAFT_COLS} FROM drafts WHERE event_id = ? AND status IN ({marks}) ORDER BY position, id",
        [event_id, *statuses],
    ).fetchall()
    return [Draft(*r) for r in rows]


def draft_by_id(con: Con, draft_id: int) -> Draft | None:
    row = con.execute(f"SELECT {_DRAFT_COLS} FROM drafts WHERE id = ?", [draft_id]).fetchone()
    return Draft(*row) if row else None


def insert_draft(con: Con, event_id: int, text: str, label: str | None, source: str, status: str,
                 is_example: bool = False, submitted_by: int | None = None) -> int:
    pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM drafts WHERE event_id = ?",
                      [event_id]).fetchone()[0]
    return con.execute(
        "INSERT INTO drafts (event_id, position, text, label, source, status, is_example, submitted_by) "
        "VALUES (?,?,?,?,?,?,?,?) RETURNING id",
        [event_id, pos, text, label, source, status, is_example, submitted_by],
    ).fetchone()[0]


def update_draft(con: Con, draft_id: int, *, text: str | None = None, label: str | None = None,
                 status: str | None = None, position: int | None = None) -> None:
    sets, params = [], []
    for col, val in (("text", text), ("label", label), ("status", status), ("position", position)):
        if val is not None:
            sets.append(f"{col} = ?")
            params.append(val)
    if sets:
        con.execute(f"UPDATE drafts SET {', '.join(sets)} WHERE id = ?", [*params, draft_id])


def draft_submitted_by(con: Con, round_participant: int, event_id: int) -> list[Draft]:
    rows = con.execute(
        f"SELECT {_DRAFT_COLS} FROM drafts WHERE event_id = ? AND submitted_by = ? ORDER BY id",
        [event_id, round_participant],
    ).fetchall()
    return [Draft(*r) for r in rows]


# -- participants ------------------------------------------------------------------
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


# -- answers -----------------------------------------------------------------------
def upsert_scores(con: Con, round_id: int, participant_id: int, draft_id: int,
                  scores: dict[str, int | None], at: datetime) -> None:
    """One multi-row INSERT: one statement per ballot is several times cheaper than executemany."""
    rows = [(round_id, participant_id, draft_id, k, v, v is None, at) for k, v in scores.items()]
    if not rows:
        return
    values = ",".join(["(?,?,?,?,?,?,?)"] * len(rows))
    flat = [x for row in rows for x in row]
    con.execute(
        f"INSERT INTO scores (round_id, participant_id, draft_id, criterion_key, score, dont_know, saved_at) "
        f"VALUES {values} ON CONFLICT DO UPDATE SET score = excluded.score, dont_know = excluded.dont_know, "
        f"saved_at = excluded.saved_at",
        flat,
    )


def upsert_comment(con: Con, round_id: int, participant_id: int, draft_id: int, text: str | None,
                   at: datetime) -> None:
    if text:
        con.execute(
            "INSERT INTO comments VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET text = excluded.text, "
            "saved_at = excluded.saved_at",
            [round_id, participant_id, draft_id, text, at],
        )
    else:
        con.execute("DELETE FROM comments WHERE round_id = ? AND participant_id = ? AND draft_id = ?",
                    [round_id, participant_id, draft_id])


def ballots_of(con: Con, round_id: int, participant_id: int) -> dict[int, dict]:
    """draft_id -> {'scores': {key: score|None}, 'comment': str|None, 'saved_at': datetime}."""
    out: dict[int, dict] = {}
    for draft_id, key, score, dont_know, saved_at in con.execute(
        "SELECT draft_id, criterion_key, score, dont_know, saved_at FROM scores "
        "WHERE round_id = ? AND participant_id = ?", [round_id, participant_id]).fetchall():
        entry = out.setdefault(draft_id, {"scores": {}, "comment": None, "saved_at": saved_at})
        entry["scores"][key] = None if dont_know else int(score)
        entry["saved_at"] = max(entry["saved_at"], saved_at)
    for draft_id, text in con.execute(
        "SELECT draft_id, text FROM comments WHERE round_id = ? AND participant_id = ?",
            [round_id, participant_id]).fetchall():
        out.setdefault(draft_id, {"scores": {}, "comment": None, "saved_at": None})["comment"] = text
    return out


def upsert_paradox_positions(con: Con, round_id: int, participant_id: int, positions: dict[int, int],
                             at: datetime) -> None:
    rows = [(round_id, participant_id, pid, pos, at) for pid, pos in positions.items()]
    if not rows:
        return
    values = ",".join(["(?,?,?,?,?)"] * len(rows))
    con.execute(
        f"INSERT INTO paradox_positions VALUES {values} ON CONFLICT DO UPDATE SET "
        f"position = excluded.position, saved_at = excluded.saved_at",
        [x for row in rows for x in row],
    )


def paradox_positions_of(con: Con, round_id: int, participant_id: int) -> dict[int, int]:
    return dict(con.execute(
        "SELECT paradox_id, position FROM paradox_positions WHERE round_id = ? AND participant_id = ?",
        [round_id, participant_id]).fetchall())


def replace_focus_priorities(con: Con, round_id: int, participant_id: int, values: dict[int, int],
                             at: datetime) -> None:
    con.execute("DELETE FROM focus_priorities WHERE round_id = ? AND participant_id = ?",
                [round_id, participant_id])
    rows = [(round_id, participant_id, fid, v, at) for fid, v in values.items()]
    if rows:
        values_sql = ",".join(["(?,?,?,?,?)"] * len(rows))
        con.execute(f"INSERT INTO focus_priorities VALUES {values_sql}", [x for row in rows for x in row])


def focus_priorities_of(con: Con, round_id: int, participant_id: int) -> dict[int, int]:
    return dict(con.execute(
        "SELECT focus_area_id, value FROM focus_priorities WHERE round_id = ? AND participant_id = ?",
        [round_id, participant_id]).fetchall())


# -- audit -------------------------------------------------------------------------
def audit(con: Con, actor: str, action: str, event_id: int | None, detail: str | None = None) -> None:
    con.execute("INSERT INTO audit_log (actor, action, event_id, detail) VALUES (?,?,?,?)",
                [actor, action, event_id, detail])


def audit_entries(con: Con, event_id: int | None = None, limit: int = 200) -> list[tuple]:
    if event_id is None:
        return con.execute("SELECT logged_at, actor, action, event_id, detail FROM audit_log "
                           "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return con.execute("SELECT logged_at, actor, action, event_id, detail FROM audit_log WHERE event_id = ? "
                       "ORDER BY id DESC LIMIT ?", [event_id, limit]).fetchall()


# -- results (raw rows for aggregation) -------------------------------------------
def _in_list(ids: list[int]) -> tuple[str, list[int]]:
    """Placeholders and values for ``IN (...)``; an empty list matches nothing."""
    ids = list(ids) or [-1]
    return ",".join("?" * len(ids)), ids


def score_rows(con: Con, round_ids: list[int]):
    """DataFrame: round_id, draft_id, participant_id, grp, unit, criterion_key, score, dont_know."""
    marks, round_ids = _in_list(round_ids)
    return con.execute(
        f"SELECT s.round_id, s.draft_id, s.participant_id, p.grp, p.unit, s.criterion_key, s.score, "
        f"s.dont_know FROM scores s JOIN participants p ON p.id = s.participant_id "
        f"WHERE s.round_id IN ({marks})", round_ids).df()


def live_aggregates(con: Con, event_id: int) -> dict[str, list[tuple]]:
    """Everything the shared live results need, aggregated in the database (a few
    milliseconds where filtering raw rows in pandas took tens, every half second while
    a hall votes):

    * ``scores``: (round, draft, criterion, scored answers, "Ved ikke", sum of scores)
    * ``respondents``: (round, draft/paradox/focus area or NULL for the whole round,
      distinct participants)
    * ``paradoxes``: (round, paradox, sorted positions)
    * ``focus``: (round, focus area, sum of values, mean of values)
    * ``groups``: (group, participants joined)
    """
    rounds = "(SELECT id FROM rounds WHERE event_id = $e)"
    return {
        "scores": con.execute(
            "SELECT round_id, draft_id, criterion_key, count(score), count(*) FILTER (WHERE dont_know), "
            f"sum(score) FROM scores WHERE round_id IN {rounds} GROUP BY ALL", {"e": event_id}).fetchall(),
        "respondents": con.execute(
            "SELECT round_id, draft_id, count(DISTINCT participant_id) FROM scores "
            f"WHERE round_id IN {rounds} GROUP BY GROUPING SETS ((round_id, draft_id), (round_id)) "
            "UNION ALL SELECT round_id, paradox_id, count(DISTINCT participant_id) FROM paradox_positions "
            f"WHERE round_id IN {rounds} GROUP BY GROUPING SETS ((round_id, paradox_id), (round_id)) "
            "UNION ALL SELECT round_id, focus_area_id, count(DISTINCT participant_id) FROM focus_priorities "
            f"WHERE round_id IN {rounds} GROUP BY GROUPING SETS ((round_id, focus_area_id), (round_id))",
            {"e": event_id}).fetchall(),
        "paradoxes": con.execute(
            "SELECT round_id, paradox_id, list(position ORDER BY position) FROM paradox_positions "
            f"WHERE round_id IN {rounds} GROUP BY ALL", {"e": event_id}).fetchall(),
        "focus": con.execute(
            "SELECT round_id, focus_area_id, sum(value), avg(value) FROM focus_priorities "
            f"WHERE round_id IN {rounds} GROUP BY ALL", {"e": event_id}).fetchall(),
        "groups": con.execute("SELECT grp, count(*) FROM participants WHERE event_id = ? GROUP BY grp",
                              [event_id]).fetchall(),
    }


def paradox_rows(con: Con, round_ids: list[int]):
    marks, round_ids = _in_list(round_ids)
    return con.execute(
        f"SELECT x.round_id, x.paradox_id, x.participant_id, p.grp, p.unit, x.position "
        f"FROM paradox_positions x JOIN participants p ON p.id = x.participant_id "
        f"WHERE x.round_id IN ({marks})", round_ids).df()


def focus_rows(con: Con, round_ids: list[int]):
    marks, round_ids = _in_list(round_ids)
    return con.execute(
        f"SELECT f.round_id, f.focus_area_id, f.participant_id, p.grp, p.unit, f.value "
        f"FROM focus_priorities f JOIN participants p ON p.id = f.participant_id "
        f"WHERE f.round_id IN ({marks})", round_ids).df()


def comment_rows(con: Con, event_id: int, include_hidden: bool = False):
    hidden_filter = "" if include_hidden else "AND h.round_id IS NULL"
    return con.execute(
        f"SELECT c.round_id, c.draft_id, c.participant_id, p.grp, p.unit, c.text, c.saved_at, "
        f"h.round_id IS NOT NULL AS hidden FROM comments c JOIN participants p ON p.id = c.participant_id "
        f"JOIN rounds r ON r.id = c.round_id LEFT JOIN hidden_comments h ON h.round_id = c.round_id "
        f"AND h.participant_id = c.participant_id AND h.draft_id = c.draft_id "
        f"WHERE r.event_id = ? {hidden_filter} ORDER BY c.saved_at", [event_id]).df()


def hide_comment(con: Con, round_id: int, participant_id: int, draft_id: int, actor: str) -> None:
    con.execute("INSERT INTO hidden_comments (round_id, participant_id, draft_id, hidden_by) VALUES (?,?,?,?) "
                "ON CONFLICT DO NOTHING", [round_id, participant_id, draft_id, actor])


def participation(con: Con, event_id: int):
    """DataFrame of every participant of the event with group and unit."""
    return con.execute("SELECT id AS participant_id, grp, unit, table_no, issued, created_at "
                       "FROM participants WHERE event_id = ?", [event_id]).df()


def answered_by_round(con: Con, event_id: int):
    """DataFrame: round_id, draft_id (or NULL), participant_id — who has answered what."""
    return con.execute(
        "SELECT s.round_id, s.draft_id, s.participant_id FROM scores s JOIN rounds r ON r.id = s.round_id "
        "WHERE r.event_id = ? GROUP BY ALL "
        "UNION ALL SELECT x.round_id, NULL, x.participant_id FROM paradox_positions x JOIN rounds r "
        "ON r.id = x.round_id WHERE r.event_id = ? GROUP BY ALL "
        "UNION ALL SELECT f.round_id, NULL, f.participant_id FROM focus_priorities f JOIN rounds r "
        "ON r.id = f.round_id WHERE r.event_id = ? GROUP BY ALL",
        [event_id, event_id, event_id]).df()


_CHECK_LOOKUPS = {
    "tokens": "SELECT token, participant_id FROM participant_tokens WHERE token IN ({marks}) AND NOT revoked",
    "rounds": "SELECT id, event_id, kind, status FROM rounds WHERE id IN ({marks})",
    "drafts": "SELECT id, event_id, status FROM drafts WHERE id IN ({marks})",
    "criteria": "SELECT event_id, list(key) FROM criteria WHERE event_id IN ({marks}) GROUP BY event_id",
}


def lookup_missing(con: Con, kind: str, keys, known: dict) -> dict:
    """Read the rows of ``kind`` (``_CHECK_LOOKUPS``) for the keys not yet in ``known``
    (one statement), and remember them there; a key without a row is remembered as None."""
    into = known.setdefault(kind, {})
    missing = sorted({k for k in keys if k is not None and k not in into})
    if missing:
        sql = _CHECK_LOOKUPS[kind].format(marks=",".join("?" * len(missing)))
        found = {row[0]: row[1:] for row in con.execute(sql, missing).fetchall()}
        into.update((k, found.get(k)) for k in missing)
    return into


def save_checks(con: Con, asks: list[tuple[str, int, int | None]], known: dict | None = None) -> list[tuple]:
    """For each (token, round, draft or None), in order: (participant of the token if not
    revoked, round event, kind, status, draft event, draft status, the criterion keys of
    the round's event); a missing round or draft gives None in its columns.

    Saves are the hot path (hundreds within seconds, all through one writer), so all the
    saves waiting in one commit are checked together, with one key lookup per kind of
    row. ``known`` keeps what was read, by kind, for the caller to pass again (the
    writer's memo): in a voting hall every ballot is of the same round and the same few
    drafts, so after the first commit only the tokens of participants not seen before
    are read. Each statement matters more than its half millisecond in DuckDB: while
    hundreds of sessions run, the writer waits 10-30 ms for the interpreter lock after
    every call into the database."""
    if not asks:
        return []
    known = {} if known is None else known
    tokens = lookup_missing(con, "tokens", {a[0] for a in asks}, known)
    rounds = lookup_missing(con, "rounds", {a[1] for a in asks}, known)
    drafts = lookup_missing(con, "drafts", {a[2] for a in asks}, known)
    criteria = lookup_missing(con, "criteria", {r[0] for r in rounds.values() if r}, known)
    out = []
    for token, round_id, draft_id in asks:
        r_event, r_kind, r_status = rounds.get(round_id) or (None, None, None)
        d_event, d_status = drafts.get(draft_id) or (None, None)
        keys = (criteria.get(r_event) or ((),))[0]
        out.append(((tokens.get(token) or (None,))[0], r_event, r_kind, r_status, d_event, d_status, tuple(keys)))
    return out


def replace_ballots(con: Con, ballots: list[tuple[int, int, int, dict[str, int | None], str | None, datetime]]) -> None:
    """Replace participants' answers to drafts: (round, participant, draft, scores,
    comment, saved at) each. A criterion left out of the new save is gone, as it should be.

    Deletes, then plain inserts, for all ballots at once, each a fixed statement that
    takes its rows as lists (``unnest``): a few statements per commit instead of four per
    ballot. In DuckDB a multi-row ``VALUES`` insert of 180 rows costs about five times an
    ``unnest`` one, and ``INSERT ... ON CONFLICT`` about three times a delete and insert.
    The two deletes and the scores' insert go to DuckDB in one call: while hundreds of
    sessions run, each call costs the writer a wait for the interpreter lock that is
    longer than the statement. DuckDB takes parameters only for a call's last
    statement, so the deletes' keys (integers) are written into their SQL. A later
    ballot for the same draft and participant replaces an earlier one."""
    latest = {(r, p, d): (scores, comment, at) for r, p, d, scores, comment, at in ballots}
    if not latest:
        return
    r_ids, p_ids, d_ids = (_int_list(col) for col in zip(*latest))
    keys = f"SELECT unnest({r_ids}) AS r, unnest({p_ids}) AS p, unnest({d_ids}) AS d"
    sql = "".join(f"DELETE FROM {table} USING ({keys}) k WHERE {table}.round_id = k.r "
                  f"AND {table}.participant_id = k.p AND {table}.draft_id = k.d;\n" for table in ("scores", "comments"))
    rows = [(r, p, d, k, v, v is None, at) for (r, p, d), (scores, _, at) in latest.items() for k, v in scores.items()]
    if rows:
        con.execute(sql + "INSERT INTO scores (round_id, participant_id, draft_id, criterion_key, score, dont_know, saved_at) "
                    "SELECT unnest($1::INTEGER[]), unnest($2::INTEGER[]), unnest($3::INTEGER[]), unnest($4::VARCHAR[]), "
                    "unnest($5::SMALLINT[]), unnest($6::BOOLEAN[]), unnest($7::TIMESTAMP[])",
                    [list(col) for col in zip(*rows)])
    else:
        con.execute(sql)
    notes = [(r, p, d, comment, at) for (r, p, d), (_, comment, at) in latest.items() if comment]
    if notes:
        con.execute("INSERT INTO comments (round_id, participant_id, draft_id, text, saved_at) "
                    "SELECT unnest($1::INTEGER[]), unnest($2::INTEGER[]), unnest($3::INTEGER[]), "
                    "unnest($4::VARCHAR[]), unnest($5::TIMESTAMP[])", [list(col) for col in zip(*notes)])


def _int_list(values) -> str:
    """A list of integers as an SQL literal (``int()`` admits nothing but digits and a sign)."""
    return "[" + ",".join(str(int(v)) for v in values) + "]::INTEGER[]"
