"""What a participant's phone shows of an event: which rounds, which drafts, and the state
its page follows.

The vote page draws these and ``vision.api`` answers the phone's question with
:func:`shown`, so the page and the answer agree by construction: when the answer differs
from what the page was drawn with, the page runs again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable, Mapping, Sequence

from vision import round_drafts
from vision.model import Draft, Round

RECENTLY_CLOSED = timedelta(minutes=10)
"""How long a closed round stays on the phone, locked, so nothing unsaved disappears at once."""


def drafts_to_score(drafts: Iterable[Draft], chosen: Sequence[int] | None = None) -> list[Draft]:
    """The drafts a participant sees and scores in a round: the approved ones, in the organiser's
    order, or the round's own drafts in their order (``chosen``, ``vision.round_drafts``).
    Pending and hidden drafts never reach a phone."""
    return round_drafts.scored_in(drafts, chosen)


def rounds_on_phone(rounds: Iterable[Round], now: datetime) -> list[Round]:
    """The rounds a phone draws: the open ones, then the ones closed less than
    :data:`RECENTLY_CLOSED` before ``now`` (shown locked, with what the phone had chosen).
    Each group keeps the programme's order."""
    rounds = list(rounds)
    open_now = [r for r in rounds if r.is_open]
    just_closed = [r for r in rounds if r.status == "closed" and r.closed_at is not None
                   and now - r.closed_at < RECENTLY_CLOSED]
    return open_now + just_closed


def shown(rounds: Iterable[Round], drafts: Iterable[Draft],
          chosen: Mapping[int, Sequence[int]] | None = None) -> dict[str, list]:
    """The state a phone's page follows: the ids of the open rounds, of the approved drafts, and
    of the drafts each open scoring round with drafts of its own scores (``[round, draft, …]``).
    A change in any (a round opens or closes, a draft is approved or hidden, a round's drafts
    change) redraws the page."""
    rounds, drafts, chosen = list(rounds), list(drafts), chosen or {}
    return {"rounds": sorted(r.id for r in rounds if r.is_open),
            "drafts": sorted(d.id for d in drafts_to_score(drafts)),
            "scored": [[r.id, *(d.id for d in drafts_to_score(drafts, chosen[r.id]))]
                       for r in sorted(rounds, key=lambda r: r.id)
                       if r.is_open and r.kind == "scoring" and r.id in chosen]}
