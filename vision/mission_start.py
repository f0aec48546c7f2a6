"""Where the officials' mission starts: the politicians' visions of the slot before.

The theme day's card for the mission (seed 002, lines 425-440) says the politicians pointed
to visions in round 1, and that the officials start from the plenum on those visions. A
phone at an officials' table in a mission round therefore sees, above its card, the visions
the politicians' tables wrote in an earlier slot, as the plenum shows them (a draft waiting
for approval or approved, never a hidden one): the overall visions and those of the table's
focus area (every focus area's, at a table of none).
"""

from __future__ import annotations

from vision import plenum
from vision.model import Draft, Participant
from vision.seats import seat_of
from vision.store import Store
from vision.store import plenum_queries as pq
from vision.store import queries as q
from vision.store import seat_queries as sq

TASK = "mission"
VISION_TASKS = ("vision", "focus_vision")
FROM = "politiker"


def _earlier_rounds(cur, event_id: int, slot: int) -> list[int]:
    """The politicians' vision rounds of the slots before ``slot``, in the programme's order."""
    found = []
    for task in VISION_TASKS:
        for round_id in sq.rounds_with_task(cur, event_id, task, FROM):
            track = sq.round_track(cur, round_id)
            if track and track[1] is not None and track[1] < slot:
                found.append(round_id)
    order = {r.id: (r.position, r.id) for r in q.rounds(cur, event_id)}
    return sorted(found, key=lambda r: order.get(r, (0, r)))


def starting_point(store: Store, participant: Participant, round_id: int) -> list[plenum.Group] | None:
    """The politicians' visions a mission round starts from, by focus area (the overall
    visions first); None when the round is not a mission of a slot or no vision is there yet."""
    def read(cur):
        track = sq.round_track(cur, round_id)
        if track is None or track[2] != TASK or track[1] is None:
            return None
        event_id = participant.event_id
        designs = pq.draft_designs(cur, event_id)
        drafts = q.drafts(cur, event_id, ("approved", "pending"))
        seen: dict[int, Draft] = {}
        for earlier in _earlier_rounds(cur, event_id, track[1]):
            for d in plenum.drafts_of_round(earlier, drafts, designs):
                seen.setdefault(d.id, d)
        groups = plenum.group_drafts(list(seen.values()), designs, q.focus_areas(cur, event_id))
        area = seat_of(cur, participant).focus_area_id
        return [g for g in groups if area is None or g.focus_area_id in (None, area)]

    groups = store.read(read)
    return groups or None
