"""The programme of the day and the item happening now.

The organiser marks the item happening now on the control page and moves it forward (or
back); the phones' waiting screen and the projector between rounds show the programme
with that item marked. Before the organiser marks one, no item is "now".
"""

from __future__ import annotations

from dataclasses import dataclass

from vision.errors import RuleError, UserError
from vision.model import ProgrammeItem
from vision.provenance import ASSUMED, INFERRED
from vision.store import Store
from vision.store import programme_queries as pq
from vision.store import queries as q


@dataclass(frozen=True)
class Programme:
    """An event's programme and which of its items is now (an index into ``items``, or None)."""
    items: tuple[ProgrammeItem, ...]
    now: int | None

    @property
    def current(self) -> ProgrammeItem | None:
        return self.items[self.now] if self.now is not None else None

    @property
    def at_end(self) -> bool:
        return self.now is not None and self.now >= len(self.items) - 1


MARKS = {"inferred": INFERRED, "assumed": ASSUMED}


def mark(item: ProgrammeItem) -> str | None:
    """What the pages say after an item the sources' programme does not have (in Danish,
    translated where it is shown): "udledt af kilderne" or "antaget – står ikke i kilderne"."""
    return MARKS.get(item.provenance)


def bounded(now: int | None, count: int) -> int | None:
    """A stored position read against the programme as it is now: a programme shortened
    since it was set ends at its last item; an empty programme has no now."""
    if now is None or count == 0:
        return None
    return max(0, min(now, count - 1))


def _read(cur, event_id: int) -> Programme:
    items = tuple(q.programme(cur, event_id))
    return Programme(items, bounded(pq.now_position(cur, event_id), len(items)))


def programme(store: Store, event_id: int) -> Programme:
    return store.read(lambda cur: _read(cur, event_id))


def now_position(store: Store, event_id: int) -> int | None:
    """What a phone or a projector follows: the index of the item happening now."""
    return programme(store, event_id).now


def set_now(store: Store, actor: str, event_id: int, index: int | None) -> Programme:
    """Mark item ``index`` (0 = the first) as happening now; None: no item is now."""
    def job(cur):
        items = q.programme(cur, event_id)
        if index is None:
            pq.clear_now(cur, event_id)
            q.audit(cur, actor, "programme_now", event_id, "–")
            return Programme(tuple(items), None)
        if not items:
            raise RuleError("Begivenheden har intet program. Skriv programmet under Opsætning først.")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(items):
            raise UserError("Programmet har ikke et punkt nummer {n}.", n=str(index + 1 if isinstance(index, int) else index))
        pq.set_now_position(cur, event_id, index, actor)
        q.audit(cur, actor, "programme_now", event_id, items[index].title[:80])
        return Programme(tuple(items), index)

    return store.write(job, event_id=event_id)


def step(store: Store, actor: str, event_id: int, by: int) -> Programme:
    """Move now ``by`` items (1: the next item, -1: the one before). From no item, the next
    item is the first. Past the last or before the first is refused with a message."""
    def job(cur):
        prog = _read(cur, event_id)
        if not prog.items:
            raise RuleError("Begivenheden har intet program. Skriv programmet under Opsætning først.")
        target = (0 if by > 0 else None) if prog.now is None else prog.now + by
        if target is None or target < 0:
            raise RuleError("Programmet er allerede ved første punkt.")
        if target >= len(prog.items):
            raise RuleError("Programmet er allerede ved sidste punkt.")
        pq.set_now_position(cur, event_id, target, actor)
        q.audit(cur, actor, "programme_now", event_id, prog.items[target].title[:80])
        return Programme(prog.items, target)

    return store.write(job, event_id=event_id)


def now_of(content: dict) -> int | None:
    """The item happening now in ``vision.events.event_content``'s snapshot."""
    return bounded(content.get("programme_now"), len(content["programme"]))


def with_now(shown: dict, now: int | None) -> dict:
    """The state a waiting phone follows (``vision.phone_view.shown``) with the programme's
    now added: when the organiser moves now, the phone's page runs again."""
    return {**shown, "now": now}


@dataclass(frozen=True)
class ScreenLayout:
    """How the programme fits the big screen: the text size and which items are drawn
    (``first`` to ``last``, exclusive), at least 1/40 of the window's height."""
    font_px: int
    first: int
    last: int


LINE_H = 1.25
CHAR_W = 0.55          # a character's mean width in em (a generous estimate for Source Sans)
TIME_EM = 4.5          # the time column
GAP_EM = 0.45          # space between items


def _lines(text: str, font_px: float, width_px: float) -> int:
    per_line = max(1, int(width_px / (font_px * CHAR_W)))
    return max(1, -(-len(text) // per_line))


def screen_layout(items: tuple[ProgrammeItem, ...] | list[ProgrammeItem], now: int | None,
                  width: int, height: int, *, used_px: float = 0.2, ratio: int = 40,
                  largest: float = 0.055) -> ScreenLayout:
    """The largest text (at most ``largest`` of the height) at which every item fits the
    window below the heading (``used_px``: the part of the height already taken), each
    item's title wrapped to the width and the current item's detail under it. When even the
    smallest text (height/``ratio``) does not fit them all, the items nearest now are drawn."""
    smallest = -(-height // ratio)
    room = height * (1 - used_px)
    text_w = width * 0.9

    def need(font: float, first: int, last: int) -> float:
        total = 0.0
        for i in range(first, last):
            item = items[i]
            title = f"{item.title} ({mark(item)})" if mark(item) else item.title
            lines = _lines(title, font, text_w - TIME_EM * font)
            if i == now and item.detail:
                lines += _lines(item.detail, font, text_w - TIME_EM * font)
            total += lines * font * LINE_H + GAP_EM * font
        return total

    n = len(items)
    for font in range(int(height * largest), smallest - 1, -1):
        if need(font, 0, n) <= room:
            return ScreenLayout(font, 0, n)
    first, last = (now, now + 1) if now is not None else (0, min(1, n))
    while True:        # grow the window around now, one item later then one earlier, while it fits
        if last < n and need(smallest, first, last + 1) <= room:
            last += 1
        elif first > 0 and need(smallest, first - 1, last) <= room:
            first -= 1
        else:
            return ScreenLayout(smallest, first, last)
