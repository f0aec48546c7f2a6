"""A participant's answers (scores, comments, paradox positions, focus priorities),
and the writer's batched path: the rule checks and replacement of many ballots at once.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

Con = duckdb.DuckDBPyConnection


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


_CHECK_LOOKUPS = {
    "tokens": "SELECT token, participant_id FROM participant_tokens WHERE token IN ({marks}) AND NOT revoked",
    "rounds": "SELECT id, event_id, kind, status FROM rounds WHERE id IN ({marks})",
    "drafts": "SELECT id, event_id, status FROM drafts WHERE id IN ({marks})",
    "criteria": "SELECT event_id, list(key) FROM criteria WHERE event_id IN ({marks}) GROUP BY event_id",
    "round_drafts": "SELECT round_id, list(draft_id) FROM round_drafts WHERE round_id IN ({marks}) GROUP BY round_id",
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
    the round's event, the round's own drafts or None when it has none: schema v7); a
    missing round or draft gives None in its columns.

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
    own = lookup_missing(con, "round_drafts", {a[1] for a in asks if a[2] is not None}, known)
    out = []
    for token, round_id, draft_id in asks:
        r_event, r_kind, r_status = rounds.get(round_id) or (None, None, None)
        d_event, d_status = drafts.get(draft_id) or (None, None)
        keys = (criteria.get(r_event) or ((),))[0]
        chosen = (own.get(round_id) or (None,))[0] if draft_id is not None else None
        out.append(((tokens.get(token) or (None,))[0], r_event, r_kind, r_status, d_event, d_status, tuple(keys),
                    None if chosen is None else tuple(chosen)))
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
