"""Comments in the review: group labels only where the group is large enough, search and hiding."""

from __future__ import annotations

import pandas as pd

from vision import results
from vision.errors import UserError
from vision.model import GROUPS
from vision.review.suppression import suppress
from vision.store import Store
from vision.store import queries as q
from vision.store import review_queries as rq


def _hidden_groups(people: pd.DataFrame, minimum: int) -> dict[tuple[int, int], set]:
    """(round_id, draft_id) -> the groups whose label the draft's comments may not carry.

    A comment's group label says "one of the people of this group who answered this
    draft": the group is counted by those people (not by cards or phones), and hidden
    as a breakdown cell is (:func:`vision.review.suppression.suppress`), so the
    unlabelled comments cannot be pinned on one small group either."""
    per_draft: dict[tuple[int, int], dict] = {}
    for r, d, g, n in zip(people.round_id.tolist(), people.draft_id.tolist(), people.grp.tolist(),
                          people.people.tolist()):
        per_draft.setdefault((int(r), int(d)), {})[g] = int(n)
    return {k: set(suppress({g: 0 for g in GROUPS} | v, minimum)) for k, v in per_draft.items()}


def comments(store: Store, event_id: int, include_hidden: bool = False) -> pd.DataFrame:
    """Comments with a group label only where the group is large enough (see :func:`_hidden_groups`).

    Columns: round_id, draft_id, key (an opaque handle for hiding), group (label or
    None), text, hidden. Participant ids and units never leave this function.
    """
    def read(cur):
        event = q.event_by_id(cur, event_id)
        return event, rq.comments(cur, event_id), rq.comment_group_counts(cur, event_id)

    event, rows, people = store.read(read)
    hidden_groups = _hidden_groups(people, event.min_group_size)
    if not include_hidden:
        rows = rows[~rows.hidden]
    everyone = set(GROUPS)
    out = pd.DataFrame({
        "round_id": rows.round_id.astype(int),
        "draft_id": rows.draft_id.astype(int),
        "key": [f"{r}:{p}:{d}" for r, p, d in zip(rows.round_id, rows.participant_id, rows.draft_id)],
        "group": pd.Series([None if g in hidden_groups.get((int(r), int(d)), everyone) else g
                            for r, d, g in zip(rows.round_id, rows.draft_id, rows.grp)], dtype=object,
                           index=rows.index),
        "text": rows.text,
        "hidden": rows.hidden.astype(bool),
    })
    return out.reset_index(drop=True)


def visible_groups(store: Store, event_id: int) -> list[str]:
    """Groups that label at least one comment (for the page's filter)."""
    shown = set(comments(store, event_id, include_hidden=True).group.dropna())
    return [g for g in GROUPS if g in shown]


def filter_comments(df: pd.DataFrame, draft_id: int | None = None, group: str | None = None,
                    search: str | None = None) -> pd.DataFrame:
    out = df
    if draft_id is not None:
        out = out[out.draft_id == draft_id]
    if group:
        out = out[out.group == group]
    if search and search.strip():
        out = out[out.text.str.contains(search.strip(), case=False, regex=False)]
    return out


def hide_comment(store: Store, actor: str, event_id: int, key: str) -> None:
    """Hide an abusive comment from every view and export; the answer itself stays, and
    the action is written to the audit log."""
    try:
        round_id, participant_id, draft_id = (int(x) for x in key.split(":"))
    except (ValueError, AttributeError):
        raise UserError("Kommentaren findes ikke.") from None

    def job(cur):
        found = rq.comment_text(cur, event_id, round_id, participant_id, draft_id)
        if found is None:
            raise UserError("Kommentaren findes ikke.")
        q.hide_comment(cur, round_id, participant_id, draft_id, actor)
        q.audit(cur, actor, "hide_comment", event_id, f"round {round_id}, draft {draft_id}: {found[:80]}")

    store.write(job, event_id=event_id)
    results.invalidate(event_id)
