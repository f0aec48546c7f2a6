"""The plenum: a drafting round's drafts on the big screen, grouped by focus area, one draft
at a time or a group side by side, and then opened for the vision test with one action.

A round's drafts are the ones its design names (``draft_design.round_id``) and the tables'
drafts that have no design (an overall vision, of no focus area). Hidden drafts are left
out; pending ones are shown, as the plenum is where the hall hears them before approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vision import results
from vision.errors import NotFoundError, RuleError
from vision.model import Draft, FocusArea, Round
from vision.store import Store
from vision.store import plenum_queries as pq
from vision.store import queries as q
from vision.store import round_draft_queries as rdq
from vision.store import setup_queries as sq

OVERALL = "Overordnet vision"
"""The heading of the group of drafts without a focus area (shown through ``_()``)."""


@dataclass(frozen=True)
class Group:
    focus_area_id: int | None      # None: the overall vision
    title: str                     # the focus area's title, or OVERALL
    drafts: tuple[Draft, ...]


@dataclass(frozen=True)
class PlenumView:
    """What the big screen shows: the round, its groups, the group on screen and the draft
    on screen (None: the group's drafts side by side)."""
    round: Round
    groups: tuple[Group, ...]
    group: Group | None
    draft: Draft | None

    @property
    def slides(self) -> list[tuple[int | None, int | None]]:
        """The steps in the current mode: each group, or each draft of each group."""
        if self.draft is None:
            return [(g.focus_area_id, None) for g in self.groups]
        return [(g.focus_area_id, d.id) for g in self.groups for d in g.drafts]

    @property
    def at(self) -> int:
        here = (self.group.focus_area_id if self.group else None, self.draft.id if self.draft else None)
        return self.slides.index(here) if here in self.slides else 0


def drafts_of_round(round_id: int, drafts: list[Draft], designs: dict[int, pq.DraftDesign]) -> list[Draft]:
    """The drafts a drafting round wrote (see the module's docstring), in the organiser's order."""
    def belongs(d: Draft) -> bool:
        design = designs.get(d.id)
        if design is not None and design.round_id is not None:
            return design.round_id == round_id
        return d.source == "table" and not d.is_example

    return [d for d in drafts if d.status in ("pending", "approved") and belongs(d)]


def group_drafts(drafts: list[Draft], designs: dict[int, pq.DraftDesign],
                 focus_areas: list[FocusArea]) -> list[Group]:
    """The drafts by focus area: the overall vision first, then the focus areas in their
    order; a focus area with no draft has no group. An overall vision written at a focus
    area's table (seed 002 seats every table at a focus area, in both rounds) is the overall
    vision, not the focus area's; a mission stays with its table's focus area. A draft whose
    focus area no longer exists counts as an overall vision."""
    known = {f.id for f in focus_areas}

    def area(d: Draft) -> int | None:
        design = designs.get(d.id)
        if design is None or design.kind == "vision":
            return None
        return design.focus_area_id if design.focus_area_id in known else None

    groups = []
    overall = tuple(d for d in drafts if area(d) is None)
    if overall:
        groups.append(Group(None, OVERALL, overall))
    for f in sorted(focus_areas, key=lambda f: f.position):
        mine = tuple(d for d in drafts if area(d) == f.id)
        if mine:
            groups.append(Group(f.id, f.title, mine))
    return groups


def drafting_rounds(rounds: list[Round]) -> list[Round]:
    return [r for r in rounds if r.kind == "drafting"]


def _groups(cur, event_id: int, round_id: int) -> list[Group]:
    designs = pq.draft_designs(cur, event_id)
    drafts = drafts_of_round(round_id, q.drafts(cur, event_id, ("approved", "pending")), designs)
    return group_drafts(drafts, designs, q.focus_areas(cur, event_id))


def _drafting_round(cur, event_id: int, round_id: int) -> Round:
    rnd = q.round_by_id(cur, round_id)
    if rnd is None or rnd.event_id != event_id:
        raise NotFoundError("Runden findes ikke i denne begivenhed.")
    if rnd.kind != "drafting":
        raise RuleError("Plenum viser forslagene fra en runde, hvor bordene skriver forslag.")
    return rnd


def _view(cur, event_id: int) -> PlenumView | None:
    row = pq.plenum_row(cur, event_id)
    if row is None:
        return None
    rnd = q.round_by_id(cur, row.round_id)
    if rnd is None or rnd.event_id != event_id:
        return None
    groups = tuple(_groups(cur, event_id, rnd.id))
    group = next((g for g in groups if g.focus_area_id == row.focus_area_id), groups[0] if groups else None)
    draft = next((d for d in group.drafts if d.id == row.draft_id), None) if group else None
    return PlenumView(rnd, groups, group, draft)


def view(store: Store, event_id: int) -> PlenumView | None:
    """The plenum as the big screen shows it now; None when the organiser has not started one."""
    return store.read(lambda cur: _view(cur, event_id))


def start(store: Store, actor: str, event_id: int, round_id: int) -> PlenumView:
    """Show a drafting round's drafts: its first group, side by side."""
    def job(cur):
        rnd = _drafting_round(cur, event_id, round_id)
        groups = _groups(cur, event_id, rnd.id)
        pq.set_plenum_row(cur, event_id, rnd.id, groups[0].focus_area_id if groups else None, None, actor)
        q.audit(cur, actor, "plenum", event_id, rnd.title)
        return _view(cur, event_id)

    return store.write(job, event_id=event_id)


def show(store: Store, actor: str, event_id: int, focus_area_id: int | None, draft_id: int | None) -> PlenumView:
    """Show one group side by side (``draft_id`` None) or one of its drafts alone."""
    def job(cur):
        current = _view(cur, event_id)
        if current is None:
            raise RuleError("Vælg først, hvilken runde plenum skal vise.")
        group = next((g for g in current.groups if g.focus_area_id == focus_area_id), None)
        if group is None or (draft_id is not None and draft_id not in {d.id for d in group.drafts}):
            raise NotFoundError("Forslaget findes ikke i denne runde.")
        pq.set_plenum_row(cur, event_id, current.round.id, focus_area_id, draft_id, actor)
        return _view(cur, event_id)

    return store.write(job, event_id=event_id)


def step(store: Store, actor: str, event_id: int, by: int) -> PlenumView:
    """The next (``by`` 1) or previous (-1) group, or draft when one draft is shown at a time."""
    def job(cur):
        current = _view(cur, event_id)
        if current is None or not current.groups:
            raise RuleError("Der er ingen forslag at vise i plenum.")
        slides = current.slides
        target = current.at + by
        if not 0 <= target < len(slides):
            raise RuleError("Plenum er allerede ved det sidste forslag." if by > 0
                            else "Plenum er allerede ved det første forslag.")
        fa, draft_id = slides[target]
        pq.set_plenum_row(cur, event_id, current.round.id, fa, draft_id, actor)
        return _view(cur, event_id)

    return store.write(job, event_id=event_id)


def next_scoring_round(rounds: list[Round], after: Round, hidden: set[int]) -> Round | None:
    """The planned scoring round that follows ``after`` in the programme (else the first
    planned one), not hidden from the day."""
    planned = [r for r in rounds if r.kind == "scoring" and r.status == "planned" and r.id not in hidden]
    later = [r for r in planned if (r.position, r.id) > (after.position, after.id)]
    return (later or planned or [None])[0]


def open_for_scoring(store: Store, actor: str, event_id: int) -> Round:
    """The one action after the plenum: the round's pending drafts are approved (as the
    moderation does), the drafting round is closed if open, and the next planned scoring
    round opens to score exactly the drafts the plenum showed, in its order (its own drafts,
    ``vision.round_drafts``). All or nothing, in one transaction."""
    def job(cur):
        current = _view(cur, event_id)
        if current is None:
            raise RuleError("Vælg først, hvilken runde plenum skal vise.")
        drafts = [d for g in current.groups for d in g.drafts]
        if not drafts:
            raise RuleError("Runden '{title}' har ingen forslag at vurdere.", title=current.round.title)
        scoring = next_scoring_round(q.rounds(cur, event_id), current.round, sq.hidden_round_ids(cur, event_id))
        if scoring is None:
            raise RuleError("Der er ingen planlagt runde med visionstesten. Tilføj en under Opsætning.")
        now = datetime.now()
        for d in drafts:
            if d.status == "pending":
                q.update_draft(cur, d.id, status="approved")
                q.audit(cur, actor, "draft_approved", event_id, str(d.id))
        if current.round.is_open:
            q.set_round_status(cur, current.round.id, "closed", now)
            q.audit(cur, actor, "close_round", event_id, current.round.title)
        rdq.set_round_drafts(cur, event_id, scoring.id, [d.id for d in drafts])   # the hall scores these
        q.set_round_status(cur, scoring.id, "open", now)
        q.set_round_revealed(cur, scoring.id, False)
        q.audit(cur, actor, "open_round", event_id, scoring.title)
        return q.round_by_id(cur, scoring.id)

    opened = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return opened
