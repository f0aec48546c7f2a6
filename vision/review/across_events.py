"""The same draft text scored in several events, matched after normalising the text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vision.review.model import _none
from vision.store import Store
from vision.store import review_queries as rq

_PUNCT = re.compile(r"[\s\"'“”„‘’«»]+")


def normalise_text(text: str) -> str:
    """Text as compared across events: Unicode NFKC, case-folded, dashes unified,
    quotes dropped, whitespace collapsed, and a final full stop ignored."""
    t = unicodedata.normalize("NFKC", text or "").casefold()
    t = re.sub(r"[‐‑‒–—−]", "-", t)
    t = _PUNCT.sub(" ", t).strip()
    return t.rstrip(" .!")


@dataclass(frozen=True)
class DraftAcrossEvents:
    event_code: str
    event_title: str
    event_date: object
    draft_id: int
    label: str | None
    respondents: int
    suppressed: bool
    criterion_means: dict[str, float | None]


def same_text_elsewhere(store: Store, event_id: int) -> dict[int, list[DraftAcrossEvents]]:
    """For each draft of this event: the scored drafts of *all* events (this one included)
    whose normalised text is identical, oldest event first. Only drafts with a match in
    another event are returned."""
    def read(cur):
        everywhere = rq.all_drafts(cur)
        everywhere["norm"] = [normalise_text(t) for t in everywhere.text]
        mine = everywhere[everywhere.event_id == event_id]
        result: dict[int, list[DraftAcrossEvents]] = {}
        for d in mine.itertuples():
            same = everywhere[everywhere.norm == d.norm]
            if not (same.event_id != event_id).any():
                continue
            rounds = rq.last_scoring_round(cur, [int(x) for x in same.draft_id])
            items = []
            for r in same.itertuples():
                if int(r.draft_id) not in rounds:
                    continue
                means = rq.draft_criterion_means(cur, rounds[int(r.draft_id)], int(r.draft_id))
                n = int(means.respondents.iloc[0]) if not means.empty else 0
                hidden = n < int(r.min_group_size)
                items.append(DraftAcrossEvents(
                    r.code, r.event_title, r.event_date, int(r.draft_id), r.label, n, hidden,
                    {k: None if hidden else _none(m) for k, m in zip(means.criterion_key, means["mean"])}))
            if len({i.event_code for i in items}) > 1:
                result[int(d.draft_id)] = items
        return result

    return store.read(read)
