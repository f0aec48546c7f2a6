"""Kinds of draft (the overall vision, a focus area's vision, a mission) and a table's
written answer in a drafting round.

When a table writes in a drafting round, the kind comes from the round's task and the
focus area from the table. The writing checklist (the seven elements of a good vision
statement, ``vision.texts.ELEMENTS``) ticked when it was saved is kept with the draft.
At a table that has been set up, only the table chair's save is the table's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vision import ballots
from vision.ballots import Receipt
from vision.errors import RuleError
from vision.events.text import clean_text
from vision.model import DRAFT_MAX_CHARS, Participant
from vision.seats import seat_of
from vision.store import Store
from vision.store import draft_design_queries as dq
from vision.store import queries as q
from vision.store import seat_queries as sq
from vision.texts import ELEMENTS

KINDS = ("vision", "focus_vision", "mission")
KIND_NAMES = {"vision": "Overordnet vision", "focus_vision": "Vision for fokusområdet", "mission": "Mission"}
CHECKLIST = tuple(name for name, _hint in ELEMENTS)


def kind_of_task(task: str | None) -> str:
    """The kind of draft a round's task writes (no task, or another task: an overall vision)."""
    return task if task in KINDS else "vision"


def clean_checklist(ticked) -> list[str]:
    """The ticked elements in the checklist's own order; an unknown one is refused."""
    ticked = list(ticked or [])
    unknown = [t for t in ticked if t not in CHECKLIST]
    if unknown:
        raise RuleError("Ukendt punkt på tjeklisten: {name}.", name=str(unknown[0])[:40])
    return [name for name in CHECKLIST if name in ticked]


def round_task(store: Store, round_id: int) -> str | None:
    track = store.read(lambda cur: sq.round_track(cur, round_id))
    return track[2] if track else None


def submit_table_draft(store: Store, participant: Participant, token: str, round_id: int, text: str,
                       checklist=()) -> Receipt:
    """A table's draft in a drafting round, with its kind, focus area and checklist; it waits for
    the organiser's approval. At a table that is set up, only the chair may save it."""
    text = clean_text(text, DRAFT_MAX_CHARS)
    ticked = clean_checklist(checklist)
    now = datetime.now()

    def job(cur):
        ballots.check_round_rules(cur, participant, token, round_id, "drafting")
        track = sq.round_track(cur, round_id)
        task = track[2] if track else None
        if task == "challenges":
            raise RuleError("I denne runde skriver bordet udfordringer, ikke et forslag.")
        if track and track[0] not in ("alle", participant.grp):
            raise RuleError("Denne runde er for en anden gruppe.")
        seat = seat_of(cur, participant)
        if seat.table_known:
            if not seat.has_chair:
                raise RuleError("Bordet har ingen bordformand endnu. Den, der skal præsentere bordets svar, trykker "
                                "på »Jeg er bordformand« på sin telefon; derefter kan bordformanden indsende.")
            if not seat.is_chair:
                raise RuleError("Kun bordformanden indsender bordets svar.")
        kind = kind_of_task(task)
        if seat.table_known:   # the table's draft of this round, whichever phone held the chair
            ids = set(dq.table_drafts_of_round(cur, round_id, seat.table_no))
            mine = [d for d in q.drafts(cur, participant.event_id, ("pending",)) if d.id in ids]
        else:
            mine = [d for d in q.draft_submitted_by(cur, participant.id, participant.event_id)
                    if d.status == "pending"]
            mine = [d for d in mine if (dq.design_of(cur, d.id) or (None, None, None))[2] in (round_id, None)]
        label = f"Bord {participant.table_no}" if participant.table_no else "Forslag fra et bord"
        if mine:  # replace the table's pending draft of this round rather than adding another
            draft_id = mine[-1].id
            q.update_draft(cur, draft_id, text=text)
        else:
            draft_id = q.insert_draft(cur, participant.event_id, text, label, "table", "pending", False,
                                      participant.id)
        dq.save_design(cur, draft_id, participant.event_id, kind, seat.focus_area_id, round_id,
                       participant.table_no, ticked)
        return Receipt("draft", now, 1)

    with ballots.written():
        return store.write(job, event_id=participant.event_id)


@dataclass(frozen=True)
class DraftDesign:
    kind: str
    focus_area_id: int | None
    round_id: int | None
    table_no: int | None
    checklist: tuple[str, ...]


def design(store: Store, draft_id: int) -> DraftDesign | None:
    row = store.read(lambda cur: dq.design_of(cur, draft_id))
    return DraftDesign(row[0], row[1], row[2], row[3], tuple(row[4] or ())) if row else None


def designs(store: Store, event_id: int) -> dict[int, DraftDesign]:
    rows = store.read(lambda cur: dq.designs_of_event(cur, event_id))
    return {k: DraftDesign(v[0], v[1], v[2], v[3], tuple(v[4] or ())) for k, v in rows.items()}


@dataclass(frozen=True)
class TableText:
    table_no: int | None
    focus_area: str | None
    text: str
    approved: bool


def missions(store: Store, event_id: int) -> list[TableText]:
    """The tables' mission statements (not hidden), by table, with no names."""
    def read(cur):
        titles = {f.id: f.title for f in q.focus_areas(cur, event_id)}
        return [TableText(t, titles.get(f), text, status == "approved")
                for t, f, text, status in dq.drafts_of_kind(cur, event_id, "mission")]

    return store.read(read)


def group_by_focus_area(draft_ids: list[int], found: dict[int, DraftDesign],
                        areas: list[tuple[int, str]]) -> list[tuple[str | None, str, list[int]]]:
    """Drafts grouped for the vision test's results: (focus area title or None, kind, draft ids),
    the overall visions first, then each focus area in the event's order, then missions."""
    groups: dict[tuple[str, int | None], list[int]] = {}
    for d in draft_ids:
        g = found.get(d)
        key = (g.kind, g.focus_area_id if g.kind == "focus_vision" else None) if g else ("vision", None)
        groups.setdefault(key, []).append(d)
    titles = dict(areas)
    order = [("vision", None)] + [("focus_vision", fid) for fid, _t in areas] + [("focus_vision", None),
                                                                               ("mission", None)]
    order += [k for k in groups if k not in order]
    return [(titles.get(fid), kind, groups[(kind, fid)]) for kind, fid in order if (kind, fid) in groups]


def results_groups(store: Store, event_id: int, draft_ids: list[int]) -> list[tuple[str | None, str, list[int]]]:
    """A vision test round's drafts grouped as :func:`group_by_focus_area` does, for the review
    and the big screen; empty when none of them is a focus area's vision (nothing to group)."""
    found = designs(store, event_id)
    if not any(d in found and found[d].kind == "focus_vision" for d in draft_ids):
        return []
    return group_by_focus_area(list(draft_ids), found, focus_area_titles(store, event_id))


def table_draft(store: Store, participant: Participant, round_id: int):
    """(the draft, its design) of the participant's table in this round (at a table that is set
    up, whichever phone held the chair; otherwise what this participant saved), the newest that
    is not hidden; None if there is none."""
    def read(cur):
        seat = seat_of(cur, participant)
        if seat.table_known:
            ids = set(dq.table_drafts_of_round(cur, round_id, seat.table_no))
            candidates = [d for d in q.drafts(cur, participant.event_id, ("pending", "approved")) if d.id in ids]
        else:
            candidates = q.draft_submitted_by(cur, participant.id, participant.event_id)
        for d in reversed(candidates):
            if d.status == "hidden":
                continue
            row = dq.design_of(cur, d.id)
            if row is None or row[2] == round_id:
                return d, (DraftDesign(row[0], row[1], row[2], row[3], tuple(row[4] or ())) if row else None)
        return None

    return store.read(read)


def focus_area_titles(store: Store, event_id: int) -> list[tuple[int, str]]:
    return [(f.id, f.title) for f in store.read(lambda cur: q.focus_areas(cur, event_id))]
