"""Question cards: what a table is asked in a round, as the source document words it.

A card belongs to a round, and to one focus area's tables or (no focus area) to every
table of the round. A participant sees the cards of their table's focus area and the
round's common cards; a participant at no table (or at a table without a focus area)
sees every card of the round, so no question is kept from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vision.model import Participant
from vision.seats import seat_of
from vision.store import Store
from vision.store import card_queries as cq
from vision.store import queries as q
from vision.store import seat_queries as sq

# Where a card's help begins: the source's "Hjælpe spørgsmål:" (or an examples list).
_HELP = re.compile(r"^\s*(Hjælpe ?spørgsmål|Hjælpespørgsmål)\s*:?\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class QuestionCard:
    id: int
    round_id: int
    focus_area_id: int | None
    heading: str
    body: str
    source: str | None

    @property
    def parts(self) -> tuple[str, str | None]:
        """(the card's questions, its help questions and examples or None), split where the
        source's "Hjælpe spørgsmål:" begins. The help ends at the next numbered question."""
        return split_help(self.body)


def split_help(body: str) -> tuple[str, str | None]:
    m = _HELP.search(body)
    if not m:
        return body.strip(), None
    rest = body[m.end():]
    nxt = re.search(r"^\s*\d\)\s", rest, re.MULTILINE)
    help_text = rest[:nxt.start()] if nxt else rest
    after = rest[nxt.start():] if nxt else ""
    main = (body[:m.start()].rstrip() + ("\n\n" + after.strip() if after.strip() else "")).strip()
    return main, help_text.strip() or None


def _card(row: tuple) -> QuestionCard:
    cid, round_id, focus, _pos, heading, body, source = row
    return QuestionCard(cid, round_id, focus, heading, body, source)


def pick_cards(cards: list[QuestionCard], focus_area_id: int | None) -> list[QuestionCard]:
    """The cards for a table of this focus area: the common ones and its own; with no focus
    area, all of them."""
    if focus_area_id is None:
        return list(cards)
    return [c for c in cards if c.focus_area_id in (None, focus_area_id)]


def cards_for(store: Store, participant: Participant, round_id: int) -> list[QuestionCard]:
    def read(cur):
        cards = [_card(r) for r in cq.cards_of_round(cur, round_id)]
        return pick_cards(cards, seat_of(cur, participant).focus_area_id) if cards else []

    return store.read(read)


def insert_cards(cur, event_id: int, specs) -> int:
    """Add an event file's cards inside a store job: each names its round by title, or by the
    task and audience of its track (``round_audience``), and optionally a focus area by title.
    A card whose round the file does not (yet) have is left out; returns how many were added."""
    rounds = {r.title: r.id for r in q.rounds(cur, event_id)}
    focus_areas = {f.title: f.id for f in q.focus_areas(cur, event_id)}
    added = 0
    for spec in specs:
        round_id = rounds.get(spec.round) if spec.round else None
        if round_id is None and spec.task:
            found = sq.rounds_with_task(cur, event_id, spec.task, spec.audience)
            round_id = found[0] if found else None
        if round_id is None:
            continue
        focus = None
        if spec.focus_area:
            if spec.focus_area not in focus_areas:
                raise ValueError(f"kortet '{spec.heading}' nævner et ukendt fokusområde '{spec.focus_area}'")
            focus = focus_areas[spec.focus_area]
        cq.insert_card(cur, event_id, round_id, focus, spec.heading, spec.body, spec.source)
        added += 1
    return added
