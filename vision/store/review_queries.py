"""SQL for the secretariat's review after the day: aggregates per draft, criterion and cell.

A *cell* is one value of a breakdown dimension: the whole room (``None``), a
participant group (``'grp'``) or a municipality/organisation (``'unit'``). Every
function aggregates inside DuckDB and returns a small DataFrame (one row per
draft x criterion x cell, or per paradox/focus area x cell), never answer rows,
except :func:`raw_rows`, which feeds the anonymised raw export.

Suppression of small cells is a rule of the domain (``vision.review``); these
functions return the counts it needs.
"""

from __future__ import annotations

import duckdb
import pandas as pd

Con = duckdb.DuckDBPyConnection

NO_UNIT = "Uoplyst"
# The only SQL expressions a dimension may become (never user input).
_CELL = {None: "'Alle'", "grp": "p.grp", "unit": f"coalesce(p.unit, '{NO_UNIT}')"}


def _cell(dim: str | None) -> str:
    try:
        return _CELL[dim]
    except KeyError:
        raise ValueError(f"unknown dimension {dim!r}") from None


def criterion_stats(con: Con, round_id: int, dim: str | None = None) -> pd.DataFrame:
    """Per draft x criterion x cell: answers, scored, dont_know, sum, mean, sd, q1, median, q3, agreement.

    ``agreement`` is the share of scored answers within one point of the cell's median.
    Quartiles interpolate linearly (as numpy's default), so they can be checked by hand.
    """
    cell = _cell(dim)
    return con.execute(
        f"""
        WITH s AS (
            SELECT s.draft_id, {cell} AS cell, s.criterion_key, s.score, s.dont_know
            FROM scores s JOIN participants p ON p.id = s.participant_id
            WHERE s.round_id = ?
        ), m AS (
            SELECT draft_id, cell, criterion_key, quantile_cont(score, 0.5) AS med
            FROM s GROUP BY ALL
        )
        SELECT s.draft_id, s.cell, s.criterion_key,
               count(*) AS answers,
               count(s.score) AS scored,
               count(*) FILTER (WHERE s.dont_know) AS dont_know,
               sum(s.score)::DOUBLE AS total,
               avg(s.score) AS mean,
               stddev_samp(s.score) AS sd,
               quantile_cont(s.score, 0.25) AS q1,
               quantile_cont(s.score, 0.5) AS median,
               quantile_cont(s.score, 0.75) AS q3,
               count(*) FILTER (WHERE abs(s.score - m.med) <= 1) / nullif(count(s.score), 0) AS agreement
        FROM s JOIN m USING (draft_id, cell, criterion_key)
        GROUP BY ALL
        ORDER BY s.draft_id, s.cell, s.criterion_key
        """,
        [round_id],
    ).df()


def draft_respondents(con: Con, round_id: int, dim: str | None = None) -> pd.DataFrame:
    """Per draft x cell: participants who answered the draft at all (a score or "Ved ikke"),
    and ``scorers``, those of them who gave at least one score."""
    cell = _cell(dim)
    return con.execute(
        f"WITH s AS (SELECT s.draft_id, s.participant_id, {cell} AS cell, bool_or(s.score IS NOT NULL) AS scored "
        f"FROM scores s JOIN participants p ON p.id = s.participant_id WHERE s.round_id = ? GROUP BY ALL) "
        f"SELECT draft_id, cell, count(*) AS respondents, count(*) FILTER (WHERE scored) AS scorers "
        f"FROM s GROUP BY ALL ORDER BY 1, 2",
        [round_id],
    ).df()


def participant_sums(con: Con, round_id: int) -> pd.DataFrame:
    """Per draft x participant: number and sum of scores (for the clustered bootstrap).

    One row per participant and draft, never per answer; the participant id is only
    a key for pairing two drafts and leaves this module as nothing but a position.
    """
    return con.execute(
        "SELECT draft_id, participant_id, count(score) AS scored, coalesce(sum(score), 0)::DOUBLE AS total "
        "FROM scores WHERE round_id = ? GROUP BY ALL ORDER BY draft_id, participant_id",
        [round_id],
    ).df()


def paradox_stats(con: Con, round_id: int, dim: str | None = None) -> pd.DataFrame:
    """Per paradox x cell: n, mean, min, q1, median, q3, max, and how many leaned left, stood mid, leaned right."""
    cell = _cell(dim)
    return con.execute(
        f"""
        SELECT x.paradox_id, {cell} AS cell, count(*) AS n, avg(x.position) AS mean,
               min(x.position) AS lo, quantile_cont(x.position, 0.25) AS q1,
               quantile_cont(x.position, 0.5) AS median, quantile_cont(x.position, 0.75) AS q3,
               max(x.position) AS hi,
               count(*) FILTER (WHERE x.position < 0) AS left_n,
               count(*) FILTER (WHERE x.position = 0) AS mid_n,
               count(*) FILTER (WHERE x.position > 0) AS right_n
        FROM paradox_positions x JOIN participants p ON p.id = x.participant_id
        WHERE x.round_id = ? GROUP BY ALL ORDER BY 1, 2
        """,
        [round_id],
    ).df()


def focus_stats(con: Con, round_id: int, dim: str | None = None) -> pd.DataFrame:
    """Per focus area x cell: respondents of the round in the cell, total and mean value.

    ``mean`` divides the total by everyone in the cell who answered the round (an area
    given no points counts as 0); for rankings every area has a value, so it is the mean rank.
    """
    cell = _cell(dim)
    return con.execute(
        f"""
        WITH f AS (
            SELECT f.focus_area_id, f.participant_id, f.value, {cell} AS cell
            FROM focus_priorities f JOIN participants p ON p.id = f.participant_id WHERE f.round_id = ?
        ), r AS (SELECT cell, count(DISTINCT participant_id) AS respondents FROM f GROUP BY ALL)
        SELECT f.focus_area_id, f.cell, r.respondents, sum(f.value)::DOUBLE AS total,
               sum(f.value) / r.respondents AS mean
        FROM f JOIN r USING (cell) GROUP BY f.focus_area_id, f.cell, r.respondents ORDER BY 1, 2
        """,
        [round_id],
    ).df()


# Who answered: the unit of suppression. A token (an issued card, a joined phone) that
# never answered is no one to hide among, so none of these counts it.
_ANSWERED = """
    SELECT s.participant_id FROM scores s JOIN rounds r ON r.id = s.round_id WHERE r.event_id = $e
    UNION SELECT x.participant_id FROM paradox_positions x JOIN rounds r ON r.id = x.round_id WHERE r.event_id = $e
    UNION SELECT f.participant_id FROM focus_priorities f JOIN rounds r ON r.id = f.round_id WHERE r.event_id = $e
    UNION SELECT c.participant_id FROM comments c JOIN rounds r ON r.id = c.round_id WHERE r.event_id = $e
"""


def respondents_per_cell(con: Con, event_id: int, dim: str) -> pd.DataFrame:
    """cell, participants: the people of the event who answered anything in it (a score,
    "Ved ikke", a paradox position, focus priorities or a comment)."""
    cell = _cell(dim)
    return con.execute(
        f"SELECT {cell} AS cell, count(*) AS participants FROM participants p "
        f"WHERE p.event_id = $e AND p.id IN ({_ANSWERED}) GROUP BY ALL ORDER BY 1",
        {"e": event_id},
    ).df()


def comment_group_counts(con: Con, event_id: int) -> pd.DataFrame:
    """round_id, draft_id, grp, people: per draft and round, the people of each group who
    answered the draft (scored it, said "Ved ikke" or commented): those a comment's group
    label hides among."""
    return con.execute(
        """
        WITH a AS (
            SELECT s.round_id, s.draft_id, s.participant_id FROM scores s
            JOIN rounds r ON r.id = s.round_id WHERE r.event_id = $e
            UNION SELECT c.round_id, c.draft_id, c.participant_id FROM comments c
            JOIN rounds r ON r.id = c.round_id WHERE r.event_id = $e
        )
        SELECT a.round_id, a.draft_id, p.grp, count(*) AS people
        FROM a JOIN participants p ON p.id = a.participant_id GROUP BY ALL ORDER BY 1, 2, 3
        """,
        {"e": event_id},
    ).df()


# -- every breakdown in one pass ----------------------------------------------------
# The review needs each aggregate for the whole room and per group (and for scores
# per municipality too). The functions below compute those in a single query with
# GROUPING SETS, so the answers are read and joined once, and split the result into
# one DataFrame per dimension with the columns, types and row order of the
# single-dimension function they stand for. Only exact aggregates are computed this
# way (counts, sums, means of whole numbers, quantiles): a floating-point spread could
# differ in its last digit from the single-dimension query's.
_PERSON = f"{_CELL['grp']} AS grp, {_CELL['unit']} AS unit"
Dims = tuple[str | None, ...]


def _sets(dims: Dims, keys: tuple[str, ...] = ()) -> tuple[str, str, str]:
    """SQL for the ``dim`` and ``cell`` columns and the GROUPING SETS clause that group
    by ``keys`` and by each of ``dims`` in turn (None: the whole room, dim NULL)."""
    for d in dims:
        _cell(d)
    named = [d for d in dims if d]
    dim = "CASE " + " ".join(f"WHEN grouping({d}) = 0 THEN '{d}'" for d in named) + " END" if named else "NULL"
    cell = ("CASE " + " ".join(f"WHEN grouping({d}) = 0 THEN {d}" for d in named) + f" ELSE {_CELL[None]} END"
            if named else _CELL[None])
    sets = ", ".join("(" + ", ".join(keys + ((d,) if d else ())) + ")" for d in dims)
    return dim, cell, f"GROUPING SETS ({sets})"


def _split(df: pd.DataFrame, dims: Dims) -> dict[str | None, pd.DataFrame]:
    """One DataFrame per dimension from a result with a ``dim`` column, in the result's row order."""
    labels = df["dim"].to_numpy(object)
    rest = df.drop(columns="dim")
    return {d: rest[pd.isna(labels) if d is None else labels == d].reset_index(drop=True) for d in dims}


def criterion_means_by_dim(con: Con, round_id: int,
                           dims: Dims = ("grp", "unit")) -> dict[str | None, pd.DataFrame]:
    """Per dimension of ``dims``: the ``draft_id, cell, criterion_key, answers, scored,
    dont_know, total, mean`` columns of :func:`criterion_stats` (a breakdown shows means
    only, so the spread and quartiles of every cell are left out)."""
    dim, cell, sets = _sets(dims, ("draft_id", "criterion_key"))
    df = con.execute(
        f"""
        WITH s AS (
            SELECT s.draft_id, s.criterion_key, s.score, s.dont_know, {_PERSON}
            FROM scores s JOIN participants p ON p.id = s.participant_id
            WHERE s.round_id = ?
        )
        SELECT {dim} AS dim, draft_id, {cell} AS cell, criterion_key,
               count(*) AS answers,
               count(score) AS scored,
               count(*) FILTER (WHERE dont_know) AS dont_know,
               sum(score)::DOUBLE AS total,
               avg(score) AS mean
        FROM s GROUP BY {sets}
        ORDER BY dim NULLS FIRST, draft_id, cell, criterion_key
        """,
        [round_id],
    ).df()
    return _split(df, dims)


def draft_respondents_by_dim(con: Con, round_id: int,
                             dims: Dims = (None, "grp", "unit")) -> dict[str | None, pd.DataFrame]:
    """:func:`draft_respondents` for each of ``dims`` at once: dim -> the same DataFrame."""
    dim, cell, sets = _sets(dims, ("draft_id",))
    df = con.execute(
        f"""
        WITH s AS (
            SELECT s.draft_id, s.participant_id, {_PERSON}, bool_or(s.score IS NOT NULL) AS scored
            FROM scores s JOIN participants p ON p.id = s.participant_id WHERE s.round_id = ?
            GROUP BY ALL
        )
        SELECT {dim} AS dim, draft_id, {cell} AS cell, count(*) AS respondents,
               count(*) FILTER (WHERE scored) AS scorers
        FROM s GROUP BY {sets} ORDER BY dim NULLS FIRST, draft_id, cell
        """,
        [round_id],
    ).df()
    return _split(df, dims)


def paradox_stats_by_dim(con: Con, round_id: int, dims: Dims = (None, "grp")) -> dict[str | None, pd.DataFrame]:
    """:func:`paradox_stats` for each of ``dims`` at once: dim -> the same DataFrame."""
    dim, cell, sets = _sets(dims, ("paradox_id",))
    df = con.execute(
        f"""
        WITH x AS (
            SELECT x.paradox_id, x.position, {_PERSON}
            FROM paradox_positions x JOIN participants p ON p.id = x.participant_id WHERE x.round_id = ?
        )
        SELECT {dim} AS dim, paradox_id, {cell} AS cell, count(*) AS n, avg(position) AS mean,
               min(position) AS lo, quantile_cont(position, 0.25) AS q1,
               quantile_cont(position, 0.5) AS median, quantile_cont(position, 0.75) AS q3,
               max(position) AS hi,
               count(*) FILTER (WHERE position < 0) AS left_n,
               count(*) FILTER (WHERE position = 0) AS mid_n,
               count(*) FILTER (WHERE position > 0) AS right_n
        FROM x GROUP BY {sets} ORDER BY dim NULLS FIRST, paradox_id, cell
        """,
        [round_id],
    ).df()
    return _split(df, dims)


def focus_stats_by_dim(con: Con, round_id: int, dims: Dims = (None, "grp")) -> dict[str | None, pd.DataFrame]:
    """:func:`focus_stats` for each of ``dims`` at once: dim -> the same DataFrame."""
    dim, cell, sets = _sets(dims, ("focus_area_id",))
    rdim, rcell, rsets = _sets(dims)
    df = con.execute(
        f"""
        WITH f AS (
            SELECT f.focus_area_id, f.participant_id, f.value, {_PERSON}
            FROM focus_priorities f JOIN participants p ON p.id = f.participant_id WHERE f.round_id = ?
        ), r AS (
            SELECT {rdim} AS dim, {rcell} AS cell, count(DISTINCT participant_id) AS respondents
            FROM f GROUP BY {rsets}
        ), a AS (
            SELECT {dim} AS dim, focus_area_id, {cell} AS cell, sum(value) AS total
            FROM f GROUP BY {sets}
        )
        SELECT a.dim, a.focus_area_id, a.cell, r.respondents, a.total::DOUBLE AS total,
               a.total / r.respondents AS mean
        FROM a JOIN r ON a.dim IS NOT DISTINCT FROM r.dim AND a.cell = r.cell
        ORDER BY a.dim NULLS FIRST, a.focus_area_id, a.cell
        """,
        [round_id],
    ).df()
    return _split(df, dims)


def comments(con: Con, event_id: int) -> pd.DataFrame:
    """Every comment of the event with its group and whether it is hidden; unit is left out on purpose."""
    return con.execute(
        "SELECT c.round_id, c.draft_id, c.participant_id, p.grp, c.text, c.saved_at, "
        "h.round_id IS NOT NULL AS hidden "
        "FROM comments c JOIN participants p ON p.id = c.participant_id JOIN rounds r ON r.id = c.round_id "
        "LEFT JOIN hidden_comments h ON h.round_id = c.round_id AND h.participant_id = c.participant_id "
        "AND h.draft_id = c.draft_id WHERE r.event_id = ? ORDER BY c.saved_at, c.draft_id",
        [event_id],
    ).df()


def raw_rows(con: Con, event_id: int) -> dict[str, pd.DataFrame]:
    """Answer rows for the anonymised raw export: participant id (replaced later), group, unit.

    Tokens, table numbers and timestamps are never selected.
    """
    people = con.execute(
        f"SELECT p.id AS participant_id, p.grp, {_CELL['unit']} AS unit FROM participants p "
        "WHERE p.event_id = ? ORDER BY p.id", [event_id]).df()
    scores = con.execute(
        "SELECT s.round_id, s.participant_id, s.draft_id, s.criterion_key, s.score, s.dont_know "
        "FROM scores s JOIN rounds r ON r.id = s.round_id WHERE r.event_id = ? "
        "ORDER BY s.round_id, s.draft_id, s.participant_id, s.criterion_key", [event_id]).df()
    paradoxes = con.execute(
        "SELECT x.round_id, x.participant_id, x.paradox_id, x.position "
        "FROM paradox_positions x JOIN rounds r ON r.id = x.round_id WHERE r.event_id = ? "
        "ORDER BY x.round_id, x.paradox_id, x.participant_id", [event_id]).df()
    focus = con.execute(
        "SELECT f.round_id, f.participant_id, f.focus_area_id, f.value "
        "FROM focus_priorities f JOIN rounds r ON r.id = f.round_id WHERE r.event_id = ? "
        "ORDER BY f.round_id, f.focus_area_id, f.participant_id", [event_id]).df()
    return {"people": people, "scores": scores, "paradoxes": paradoxes, "focus": focus}


def all_drafts(con: Con) -> pd.DataFrame:
    """Every draft of every event with its event (a small table; matched by text in Python)."""
    return con.execute(
        "SELECT d.id AS draft_id, d.text, d.label, e.id AS event_id, e.code, e.title AS event_title, "
        "e.event_date, e.min_group_size FROM drafts d JOIN events e ON e.id = d.event_id "
        "ORDER BY e.event_date NULLS LAST, e.id, d.position"
    ).df()


def last_scoring_round(con: Con, draft_ids: list[int]) -> dict[int, int]:
    """draft_id -> the last round that holds scores for it (drafts without scores are left out)."""
    if not draft_ids:
        return {}
    marks = ",".join("?" * len(draft_ids))
    return dict(con.execute(
        f"SELECT draft_id, max(round_id) FROM scores WHERE draft_id IN ({marks}) GROUP BY draft_id",
        list(draft_ids)).fetchall())


def draft_criterion_means(con: Con, round_id: int, draft_id: int) -> pd.DataFrame:
    """criterion_key, scored, mean, and respondents of the draft in that round."""
    return con.execute(
        "SELECT criterion_key, count(score) AS scored, avg(score) AS mean, "
        "(SELECT count(DISTINCT participant_id) FROM scores WHERE round_id = ? AND draft_id = ?) AS respondents "
        "FROM scores WHERE round_id = ? AND draft_id = ? GROUP BY ALL",
        [round_id, draft_id, round_id, draft_id],
    ).df()


def round_has_scores(con: Con, round_id: int) -> bool:
    return con.execute("SELECT 1 FROM scores WHERE round_id = ? LIMIT 1", [round_id]).fetchone() is not None


def comment_text(con: Con, event_id: int, round_id: int, participant_id: int, draft_id: int) -> str | None:
    """The text of one comment of this event, or None."""
    row = con.execute(
        "SELECT c.text FROM comments c JOIN rounds r ON r.id = c.round_id WHERE c.round_id = ? "
        "AND c.participant_id = ? AND c.draft_id = ? AND r.event_id = ?",
        [round_id, participant_id, draft_id, event_id]).fetchone()
    return row[0] if row else None
