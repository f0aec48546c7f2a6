"""The plenum on the big screen (``plenum``) and what it reads of the drafts' design
(``draft_design``: the kind of draft, its focus area and the round that wrote it).

Every function takes a DuckDB cursor (``con``): a reader's from ``Store.read`` or
the writer's inside ``Store.write``.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

Con = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class DraftDesign:
    draft_id: int
    kind: str
    focus_area_id: int | None
    round_id: int | None


@dataclass(frozen=True)
class PlenumRow:
    round_id: int
    focus_area_id: int | None
    draft_id: int | None


def draft_designs(con: Con, event_id: int) -> dict[int, DraftDesign]:
    """The design of every draft of the event that has one, by draft id (a draft without one
    is an overall vision, of no focus area and no known round)."""
    rows = con.execute("SELECT draft_id, kind, focus_area_id, round_id FROM draft_design WHERE event_id = ?",
                       [event_id]).fetchall()
    return {r[0]: DraftDesign(*r) for r in rows}


def plenum_row(con: Con, event_id: int) -> PlenumRow | None:
    row = con.execute("SELECT round_id, focus_area_id, draft_id FROM plenum WHERE event_id = ?",
                      [event_id]).fetchone()
    return PlenumRow(*row) if row else None


def set_plenum_row(con: Con, event_id: int, round_id: int, focus_area_id: int | None, draft_id: int | None,
                   actor: str) -> None:
    con.execute("DELETE FROM plenum WHERE event_id = ?", [event_id])
    con.execute("INSERT INTO plenum (event_id, round_id, focus_area_id, draft_id, set_by) VALUES (?,?,?,?,?)",
                [event_id, round_id, focus_area_id, draft_id, actor])


def clear_plenum(con: Con, event_id: int) -> None:
    con.execute("DELETE FROM plenum WHERE event_id = ?", [event_id])
