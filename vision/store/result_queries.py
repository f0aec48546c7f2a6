"""Rows for results and review: answers joined with group and unit, live
aggregates, comments (and hiding them), participation.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def _in_list(ids: list[int]) -> tuple[str, list[int]]:
    """Placeholders and values for ``IN (...)``; an empty list matches nothing."""
    ids = list(ids) or [-1]
    return ",".join("?" * len(ids)), ids


def score_rows(con: Con, round_ids: list[int]):
    """DataFrame: round_id, draft_id, participant_id, grp, unit, criterion_key, score, dont_know."""
    return _answer_rows(con, "scores", "a.draft_id", "a.criterion_key, a.score, a.dont_know", round_ids)


def paradox_rows(con: Con, round_ids: list[int]):
    """DataFrame: round_id, paradox_id, participant_id, grp, unit, position."""
    return _answer_rows(con, "paradox_positions", "a.paradox_id", "a.position", round_ids)


def focus_rows(con: Con, round_ids: list[int]):
    """DataFrame: round_id, focus_area_id, participant_id, grp, unit, value."""
    return _answer_rows(con, "focus_priorities", "a.focus_area_id", "a.value", round_ids)


def _answer_rows(con: Con, table: str, item: str, values: str, round_ids: list[int]):
    """One kind of answer in these rounds, each row with its participant's group and unit:
    round_id, the item answered, participant_id, grp, unit, then the answer's values."""
    marks, round_ids = _in_list(round_ids)
    return con.execute(
        f"SELECT a.round_id, {item}, a.participant_id, p.grp, p.unit, {values} "
        f"FROM {table} a JOIN participants p ON p.id = a.participant_id "
        f"WHERE a.round_id IN ({marks})", round_ids).df()


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
