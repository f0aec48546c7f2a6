"""A participant's seat in the group work: their table, its focus area and its chair.

Read from the tables of the day (``event_tables``, ``table_chairs``) inside a store job, so
a rule judged on it sees the same state the write changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from vision.model import Participant
from vision.store import seat_queries as sq


@dataclass(frozen=True)
class Seat:
    table_no: int | None       # None: the participant sits at no table
    table_known: bool          # the organiser has defined this table
    focus_area_id: int | None
    chair_id: int | None       # the participant holding the table chair's role
    participant_id: int

    @property
    def is_chair(self) -> bool:
        return self.chair_id is not None and self.chair_id == self.participant_id

    @property
    def has_chair(self) -> bool:
        return self.chair_id is not None


def seat_of(cur, participant: Participant) -> Seat:
    if participant.table_no is None:
        return Seat(None, False, None, None, participant.id)
    known, focus = sq.table_focus_area(cur, participant.event_id, participant.table_no)
    return Seat(participant.table_no, known, focus,
                sq.table_chair(cur, participant.event_id, participant.table_no), participant.id)


def seat(store, participant: Participant) -> Seat:
    """The participant's seat, read now."""
    return store.read(lambda cur: seat_of(cur, participant))
