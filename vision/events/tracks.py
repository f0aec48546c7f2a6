"""Tracks: a round is for everyone, for one group, or one of several tracks of a time slot.

Rounds that share a ``slot`` run side by side: they open and close together. Each phone
sees only the rounds of its own group or of everyone ('alle'). A drafting round's
``task`` says what the table writes (the overall vision, a focus area's vision, a
mission, or its challenges). A round without a row in ``round_audience`` is for
everyone, on its own, with no task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from vision import results
from vision.errors import RuleError, UserError
from vision.events.round_control import round_in_event
from vision.i18n import N_
from vision.model import GROUPS, Round
from vision.store import Store
from vision.store import queries as q
from vision.store import setup_queries as sq
from vision.store import result_queries as rq
from vision.store import track_queries as tq

EVERYONE = "alle"
AUDIENCES: dict[str, str] = {EVERYONE: N_("Alle"), **GROUPS}
TASKS: dict[str, str] = {
    "vision": N_("Vision for hele området"),
    "focus_vision": N_("Vision for et fokusområde"),
    "mission": N_("Missions statement"),
    "challenges": N_("Udfordringer (vælg 3)"),
}
SLOT_MAX = 100


@dataclass(frozen=True)
class Track:
    """Who a round is for, its time slot (None: on its own) and its drafting task."""
    round_id: int
    audience: str = EVERYONE
    slot: int | None = None
    task: str | None = None


def sees(track: Track, grp: str) -> bool:
    """Whether a participant of group ``grp`` sees the round."""
    return track.audience in (EVERYONE, grp)


def of_round(tracks: dict[int, Track], round_id: int) -> Track:
    return tracks.get(round_id) or Track(round_id)


def for_group(rounds: Iterable[Round], tracks: dict[int, Track], grp: str) -> list[Round]:
    """The rounds a phone of group ``grp`` may see, in the programme's order."""
    return [r for r in rounds if sees(of_round(tracks, r.id), grp)]


def read_tracks(cur, event_id: int) -> dict[int, Track]:
    return {rid: Track(rid, a, s, t) for rid, (a, s, t) in tq.audiences(cur, event_id).items()}


def tracks(store: Store, event_id: int) -> dict[int, Track]:
    """round_id -> :class:`Track`, for the rounds that are not for everyone on their own."""
    return store.read(lambda cur: read_tracks(cur, event_id))


def check_sees(cur, participant, round_id: int, memo: dict | None = None) -> None:
    """Inside a save: refuse an answer to a round that is not for the participant's group.
    ``memo`` (the writer's, emptied by any other write) keeps each round's audience once read."""
    known = memo.setdefault("audience", {}) if memo is not None else {}
    if round_id not in known:
        known[round_id] = tq.audience_of(cur, round_id)
    row = known[round_id]
    if row is not None and row[0] not in (EVERYONE, participant.grp):
        raise RuleError("Runden er ikke for din gruppe. Dit svar blev ikke gemt.")


def valid_track(audience: str, slot, task: str | None) -> tuple[str, int | None, str | None]:
    """The rules of a track as typed: a known audience, a slot from 1 to 100 or none, a known task."""
    if audience not in AUDIENCES:
        raise UserError("Ukendt målgruppe: {a}", a=str(audience)[:40])
    if slot in ("", None):
        slot = None
    else:
        try:
            slot = int(slot)
        except (TypeError, ValueError):
            raise UserError("Tidsrummet skal være et tal fra 1 til {m}.", m=SLOT_MAX) from None
        if not 1 <= slot <= SLOT_MAX:
            raise UserError("Tidsrummet skal være et tal fra 1 til {m}.", m=SLOT_MAX)
    if task in ("", None):
        task = None
    elif task not in TASKS:
        raise UserError("Ukendt opgave: {t}", t=str(task)[:40])
    return audience, slot, task


def set_track(store: Store, actor: str, event_id: int, round_id: int, audience: str = EVERYONE,
              slot: int | None = None, task: str | None = None) -> None:
    """Say who a round is for, its slot and its task. A task is for drafting rounds only."""
    audience, slot, task = valid_track(audience, slot, task)

    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        if task is not None and rnd.kind != "drafting":
            raise UserError("Kun en skriverunde kan have en opgave.")
        before = (tq.audience_of(cur, round_id) or (EVERYONE,))[0]
        if audience != before:
            # Answers given for one group would count against another ("5 / 3" on the big screen).
            answered = rq.answered_by_round(cur, event_id)
            if (answered.round_id == round_id).any():
                raise UserError("Runden har allerede svar, så den kan ikke skifte målgruppe. Brug »Gentag runden« "
                                "for at stille den igen til en anden gruppe.")
        tq.set_audience(cur, event_id, round_id, audience, slot, task)
        q.audit(cur, actor, "set_track", event_id, f"{rnd.title}: {audience} / {slot} / {task}")

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def _set_slot_status(store: Store, actor: str, event_id: int, slot: int, status: str) -> list[int]:
    def job(cur):
        hidden = sq.hidden_round_ids(cur, event_id)
        ids = [rid for rid in tq.rounds_in_slot(cur, event_id, slot) if rid not in hidden]
        if not ids:
            raise RuleError("Tidsrum {slot} har ingen runder.", slot=slot)
        now = datetime.now()
        for rid in ids:
            rnd = round_in_event(cur, event_id, rid)
            q.set_round_status(cur, rid, status, now)
            if status == "open" and rnd.kind != "drafting":
                q.set_round_revealed(cur, rid, False)
        q.audit(cur, actor, "open_slot" if status == "open" else "close_slot", event_id,
                f"{slot}: {len(ids)}")
        return ids

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done


def open_slot(store: Store, actor: str, event_id: int, slot: int) -> list[int]:
    """Open every track of a slot in one transaction (hidden rounds stay shut); their ids."""
    return _set_slot_status(store, actor, event_id, slot, "open")


def close_slot(store: Store, actor: str, event_id: int, slot: int) -> list[int]:
    """Close every track of a slot in one transaction; their ids."""
    return _set_slot_status(store, actor, event_id, slot, "closed")


def programme_steps(rounds: Iterable[Round], tracks: dict[int, Track]) -> list[tuple[int | None, list[Round]]]:
    """The rounds as the control page shows them: a round on its own is ``(None, [round])``;
    the tracks of a slot are one ``(slot, [rounds…])`` where the slot's first round stands."""
    steps: list[tuple[int | None, list[Round]]] = []
    at: dict[int, list[Round]] = {}
    for r in rounds:
        slot = of_round(tracks, r.id).slot
        if slot is None:
            steps.append((None, [r]))
        elif slot in at:
            at[slot].append(r)
        else:
            at[slot] = [r]
            steps.append((slot, at[slot]))
    return steps


@dataclass(frozen=True)
class TrackShare:
    """Participation in one track: people of its audience who joined, and who answered.

    Who answered is a count, not an opinion: like the control page's participation per
    group, it is shown as it is. What the track answered is a breakdown by group, so its
    results rest on at least ``minimum`` people (``vision.review.suppression``):
    ``results_hidden`` says they are not shown yet (1 to minimum - 1 answered)."""
    round_id: int
    audience: str
    joined: int
    answered: int
    minimum: int

    @property
    def results_hidden(self) -> bool:
        return 0 < self.answered < self.minimum


def participation(store: Store, event_id: int, round_ids: list[int]) -> list[TrackShare]:
    """For each round: people of the track's group who joined, and who answered it."""
    def read(cur):
        return (q.event_by_id(cur, event_id), read_tracks(cur, event_id), q.participation(cur, event_id),
                q.answered_by_round(cur, event_id))

    event, tr, people, answered = store.read(read)
    out = []
    for rid in round_ids:
        audience = of_round(tr, rid).audience
        members = people if audience == EVERYONE else people[people.grp == audience]
        ids = set(answered[answered.round_id == rid].participant_id)
        n = int(members.participant_id.isin(ids).sum())
        out.append(TrackShare(rid, audience, int(len(members)), n, event.min_group_size))
    return out
