"""Which drafts a scoring round scores.

A scoring round with no drafts of its own scores every approved draft of its event (an
event made before schema version 7, or one whose organiser never chose). A round with
drafts of its own (``round_drafts``) scores only those, in the order they were given: the
drafts the plenum showed before it opened the round (``vision.plenum.open_for_scoring``), or
the drafts the organiser chose in set-up. The phone draws them, the save refuses a score
for any other draft (``vision.ballots``), and the results, the projector, the control page,
the review and its exports list only them.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from vision.errors import NotFoundError, RuleError
from vision.model import Draft
from vision.store import Store
from vision.store import queries as q
from vision.store import round_draft_queries as rdq
from vision.store import setup_queries as sq

def scored_in(drafts: Iterable[Draft], chosen: Sequence[int] | None) -> list[Draft]:
    """The approved drafts a scoring round scores: all of them in the organiser's order when the
    round has no drafts of its own (``chosen`` None), else the chosen ones in the chosen order."""
    approved = [d for d in drafts if d.status == "approved"]
    if chosen is None:
        return approved
    by_id = {d.id: d for d in approved}
    return [by_id[i] for i in chosen if i in by_id]


def allows(chosen: Sequence[int] | None, draft_id: int) -> bool:
    """Whether a score for ``draft_id`` belongs in a round with these drafts of its own."""
    return chosen is None or draft_id in chosen


def chosen(store: Store, event_id: int) -> dict[int, tuple[int, ...]]:
    """round id -> its own drafts, for the scoring rounds of an event that have any."""
    return store.read(lambda cur: rdq.round_drafts(cur, event_id))


def choose(store: Store, actor: str, event_id: int, round_id: int, draft_ids: Sequence[int]) -> None:
    """Give a scoring round its own drafts (in this order); none: every approved draft again.
    Refused once the round has answers, so no score given is left out of its results."""
    ids = list(dict.fromkeys(int(d) for d in draft_ids))

    def job(cur):
        rnd = q.round_by_id(cur, round_id)
        if rnd is None or rnd.event_id != event_id:
            raise NotFoundError("Runden findes ikke i denne begivenhed.")
        if rnd.kind != "scoring":
            raise RuleError("Kun en runde med visionstesten har forslag at vurdere.")
        known = {d.id for d in q.drafts(cur, event_id, ("approved", "pending"))}
        if set(ids) - known:
            raise RuleError("Forslaget findes ikke i denne begivenhed.")
        before = rdq.drafts_of_round(cur, round_id)
        if tuple(ids) == (before or ()):
            return
        if sq.count_round_answers(cur, round_id):
            raise RuleError("Runden '{title}' har allerede svar, så dens forslag kan ikke ændres.", title=rnd.title)
        rdq.set_round_drafts(cur, event_id, round_id, ids)
        q.audit(cur, actor, "round_drafts", event_id, f"{rnd.title}: {len(ids) or 'alle'}")

    store.write(job, event_id=event_id)
    from vision import results      # results reads this module's rule
    results.invalidate(event_id)
