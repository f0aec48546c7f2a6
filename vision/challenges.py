"""A table's challenges (the officials' first round): collected, then three chosen.

Any member of the table adds a challenge; the table chair edits or removes one and
chooses the three where the table needs a clear vision (exactly three). The chosen
challenges of a focus area are the starting point of the politicians' vision for that
focus area in the next slot, and the organiser sees and projects them.
"""

from __future__ import annotations

from dataclasses import dataclass

from vision import ballots
from vision.errors import RuleError
from vision.events.text import clean_text
from vision.model import Participant
from vision.seats import Seat, seat_of
from vision.store import Store
from vision.store import challenge_queries as cq
from vision.store import seat_queries as sq
from vision.store import queries as q

TASK = "challenges"
CHOOSE = 3
MAX_CHARS = 300
MAX_PER_TABLE = 60


@dataclass(frozen=True)
class Challenge:
    id: int
    round_id: int
    table_no: int
    focus_area_id: int | None
    position: int
    text: str
    chosen: bool
    written_by: int | None


@dataclass(frozen=True)
class TableBoard:
    """What a phone at a table sees in a challenges round."""
    seat: Seat
    challenges: list[Challenge]

    @property
    def chosen(self) -> list[Challenge]:
        return [c for c in self.challenges if c.chosen]


def _round_rules(cur, participant: Participant, token: str, round_id: int) -> Seat:
    """The round is open, of this event, a challenges round, and the participant sits at a table."""
    ballots.check_round_rules(cur, participant, token, round_id, "drafting")
    track = sq.round_track(cur, round_id)
    if track is None or track[2] != TASK:
        raise RuleError("Denne runde samler ikke udfordringer.")
    if track[0] not in ("alle", participant.grp):
        raise RuleError("Denne runde er for en anden gruppe.")
    seat = seat_of(cur, participant)
    if seat.table_no is None:
        raise RuleError("Du sidder ikke ved et bord. Vælg dit bord, så kan du skrive bordets udfordringer.")
    return seat


def _chair_only(seat: Seat) -> None:
    if not seat.has_chair:
        raise RuleError("Bordet har ingen bordformand endnu. Den, der skal præsentere bordets drøftelser, "
                        "trykker på »Jeg er bordformand« på sin telefon; derefter kan bordformanden vælge.")
    if not seat.is_chair:
        raise RuleError("Kun bordformanden kan rette, fjerne og vælge bordets udfordringer.")


def _own(cur, round_id: int, seat: Seat, challenge_id: int) -> Challenge:
    for row in cq.challenges_of_table(cur, round_id, seat.table_no):
        if row[0] == challenge_id:
            return Challenge(*row)
    raise RuleError("Udfordringen findes ikke ved dit bord.")


def add(store: Store, participant: Participant, token: str, round_id: int, text: str) -> int:
    """Any member of the table adds a challenge; returns its id."""
    text = clean_text(text, MAX_CHARS)

    def job(cur):
        seat = _round_rules(cur, participant, token, round_id)
        if len(cq.challenges_of_table(cur, round_id, seat.table_no)) >= MAX_PER_TABLE:
            raise RuleError("Bordet har skrevet {n} udfordringer, det højeste antal.", n=MAX_PER_TABLE)
        return cq.insert_challenge(cur, participant.event_id, round_id, seat.table_no, seat.focus_area_id, text,
                                   participant.id)

    with ballots.written():
        return store.write(job, event_id=participant.event_id)


def edit(store: Store, participant: Participant, token: str, round_id: int, challenge_id: int, text: str) -> None:
    text = clean_text(text, MAX_CHARS)

    def job(cur):
        seat = _round_rules(cur, participant, token, round_id)
        _chair_only(seat)
        _own(cur, round_id, seat, challenge_id)
        cq.update_challenge_text(cur, challenge_id, text)

    with ballots.written():
        store.write(job, event_id=participant.event_id)


def remove(store: Store, participant: Participant, token: str, round_id: int, challenge_id: int) -> None:
    def job(cur):
        seat = _round_rules(cur, participant, token, round_id)
        _chair_only(seat)
        _own(cur, round_id, seat, challenge_id)
        cq.delete_challenge(cur, challenge_id)

    with ballots.written():
        store.write(job, event_id=participant.event_id)


def choose(store: Store, participant: Participant, token: str, round_id: int, challenge_ids: list[int]) -> None:
    """The chair chooses exactly three of the table's challenges (replacing an earlier choice)."""
    ids = sorted(set(int(i) for i in challenge_ids))
    if len(ids) != CHOOSE:
        raise RuleError("Vælg præcis {n} udfordringer (du har valgt {k}).", n=CHOOSE, k=len(ids))

    def job(cur):
        seat = _round_rules(cur, participant, token, round_id)
        _chair_only(seat)
        for i in ids:
            _own(cur, round_id, seat, i)
        cq.set_chosen(cur, round_id, seat.table_no, ids)
        q.audit(cur, f"participant:{participant.id}", "choose_challenges", participant.event_id,
                f"round {round_id} table {seat.table_no}")

    with ballots.written():
        store.write(job, event_id=participant.event_id)


def board(store: Store, participant: Participant, round_id: int) -> TableBoard:
    def read(cur):
        seat = seat_of(cur, participant)
        rows = cq.challenges_of_table(cur, round_id, seat.table_no) if seat.table_no is not None else []
        return TableBoard(seat, [Challenge(*r) for r in rows])

    return store.read(read)


@dataclass(frozen=True)
class FocusChallenges:
    """One focus area's chosen challenges, table by table (no focus area: title None)."""
    focus_area_id: int | None
    title: str | None
    tables: list[tuple[int, list[str]]]


def chosen_by_focus_area(store: Store, event_id: int) -> list[FocusChallenges]:
    """Every focus area's chosen challenges, in the event's order of focus areas (for the
    organiser and the big screen)."""
    def read(cur):
        rounds = sq.rounds_with_task(cur, event_id, TASK)
        return q.focus_areas(cur, event_id), cq.chosen_of_event(cur, event_id, rounds)

    areas, rows = store.read(read)
    return group_chosen(rows, [(f.id, f.title) for f in areas])


def group_chosen(rows: list[tuple], areas: list[tuple[int, str]]) -> list[FocusChallenges]:
    """(focus_area_id, table_no, text) rows → one entry per focus area that has any, in the
    areas' order, each table's challenges together."""
    by_area: dict[int | None, dict[int, list[str]]] = {}
    for focus, table, text in rows:
        by_area.setdefault(focus, {}).setdefault(table, []).append(text)
    order = [(fid, title) for fid, title in areas if fid in by_area]
    if None in by_area:
        order.append((None, None))
    return [FocusChallenges(fid, title, sorted(by_area[fid].items())) for fid, title in order]


def starting_point(store: Store, participant: Participant, round_id: int) -> FocusChallenges | None:
    """For a phone at a table of a focus area in a focus-vision round: the challenges the
    officials' tables of that focus area chose in an earlier round. None when the round is
    not a focus area's vision, the table has no focus area, or nothing is chosen yet."""
    def read(cur):
        track = sq.round_track(cur, round_id)
        if track is None or track[2] != "focus_vision":
            return None
        seat = seat_of(cur, participant)
        if seat.focus_area_id is None:
            return None
        rounds = [r for r in sq.rounds_with_task(cur, participant.event_id, TASK) if r != round_id]
        rows = [r for r in cq.chosen_of_event(cur, participant.event_id, rounds) if r[0] == seat.focus_area_id]
        titles = [(f.id, f.title) for f in q.focus_areas(cur, participant.event_id)]
        return rows, titles

    found = store.read(read)
    if not found:
        return None
    rows, titles = found
    grouped = group_chosen(rows, titles)
    return grouped[0] if grouped else None
