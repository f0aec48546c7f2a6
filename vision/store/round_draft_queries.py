"""SQL of the drafts a scoring round scores (``round_drafts``, schema v7).

A round without rows scores every approved draft of its event; with rows, only those.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def round_drafts(con: Con, event_id: int) -> dict[int, tuple[int, ...]]:
    """round id -> its chosen draft ids in the organiser's order, for the rounds that have any."""
    rows = con.execute("SELECT round_id, list(draft_id ORDER BY position, draft_id) FROM round_drafts "
                       "WHERE event_id = ? GROUP BY round_id", [event_id]).fetchall()
    return {int(r): tuple(int(d) for d in ids) for r, ids in rows}


def drafts_of_round(con: Con, round_id: int) -> tuple[int, ...] | None:
    """The chosen draft ids of one round in order; None when the round has none (it scores all)."""
    row = con.execute("SELECT list(draft_id ORDER BY position, draft_id) FROM round_drafts WHERE round_id = ?",
                      [round_id]).fetchone()
    return tuple(int(d) for d in row[0]) if row and row[0] else None


def set_round_drafts(con: Con, event_id: int, round_id: int, draft_ids: list[int]) -> None:
    """Replace a round's drafts (an empty list: the round scores every approved draft again)."""
    con.execute("DELETE FROM round_drafts WHERE round_id = ?", [round_id])
    if draft_ids:
        con.execute("INSERT INTO round_drafts SELECT ?, ?, unnest(?), generate_subscripts(?, 1)",
                    [event_id, round_id, list(draft_ids), list(draft_ids)])


def delete_round_drafts(con: Con, round_id: int) -> None:
    con.execute("DELETE FROM round_drafts WHERE round_id = ?", [round_id])


def copy_round_drafts(con: Con, from_event: int, to_event: int, round_ids: dict[int, int],
                      draft_ids: dict[int, int]) -> None:
    """Give the copied rounds (``round_ids``) the template's choice of drafts, where they were copied
    (``draft_ids``: template draft -> new draft)."""
    for rid, ids in round_drafts(con, from_event).items():
        kept = [draft_ids[d] for d in ids if d in draft_ids]
        if rid in round_ids and kept:
            set_round_drafts(con, to_event, round_ids[rid], kept)
