"""An event's content: programme, units, criteria, paradoxes and focus areas.

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

from typing import Iterable

import duckdb

from vision.model import Criterion, FocusArea, Paradox, ProgrammeItem

Con = duckdb.DuckDBPyConnection


def programme(con: Con, event_id: int) -> list[ProgrammeItem]:
    rows = con.execute(
        "SELECT position, at_time, title, detail, provenance FROM programme_items WHERE event_id = ? "
        "ORDER BY position",
        [event_id],
    ).fetchall()
    return [ProgrammeItem(*r) for r in rows]


PROVENANCES = (None, "inferred", "assumed")


def replace_programme(con: Con, event_id: int, items: Iterable[tuple]) -> None:
    """The programme as (time, title, detail) or (time, title, detail, provenance). An item
    given without a provenance keeps the one of the event's item of the same title, so that
    saving the programme unchanged keeps what the pages say of its source."""
    before = dict(con.execute("SELECT title, provenance FROM programme_items WHERE event_id = ?",
                              [event_id]).fetchall())
    con.execute("DELETE FROM programme_items WHERE event_id = ?", [event_id])
    rows = []
    for i, (t, title, d, *given) in enumerate(items):
        provenance = given[0] if given else before.get(title)
        if provenance not in PROVENANCES:
            raise ValueError(f"unknown provenance {provenance!r}")
        rows.append((event_id, i, t, title, d, provenance))
    if rows:
        con.executemany("INSERT INTO programme_items (event_id, position, at_time, title, detail, provenance) "
                        "VALUES (?,?,?,?,?,?)", rows)


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
        "SELECT key, label, question, position, source_words FROM criteria WHERE event_id = ? ORDER BY position",
        [event_id],
    ).fetchall()
    return [Criterion(*r) for r in rows]


def replace_criteria(con: Con, event_id: int, items: Iterable[Criterion]) -> None:
    """The criteria in order. A criterion given without the source's words keeps the ones of
    the event's criterion of the same key while its question is unchanged."""
    before = {(k, qu): w for k, qu, w in con.execute(
        "SELECT key, question, source_words FROM criteria WHERE event_id = ?", [event_id]).fetchall()}
    con.execute("DELETE FROM criteria WHERE event_id = ?", [event_id])
    rows = [(event_id, c.key, i, c.label, c.question, c.source_words or before.get((c.key, c.question)))
            for i, c in enumerate(items)]
    if rows:
        con.executemany("INSERT INTO criteria (event_id, key, position, label, question, source_words) "
                        "VALUES (?,?,?,?,?,?)", rows)


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
