"""The review's sections for the designed day: the vision test's results grouped by focus
area, and the tables' mission statements (by table, never by name)."""

from __future__ import annotations

import streamlit as st

from vision import draft_kinds, exports
from vision.ui.i18n import _

GROUP_TITLES = {"vision": "Overordnet vision", "mission": "Mission"}


def group_title(title: str | None, kind: str) -> str:
    """A group's name in the vision test's results: the focus area, or the kind of draft."""
    return title if kind == "focus_vision" and title else _(GROUP_TITLES.get(kind, "Vision for fokusområdet"))


def named_groups(store, event_id: int, draft_ids: list[int]) -> list[tuple[str, list[int]]]:
    """The round's drafts by focus area (``draft_kinds.results_groups``), each with its name;
    empty when none has a focus area. The review and the big screen group alike."""
    return [(group_title(title, kind), members)
            for title, kind, members in draft_kinds.results_groups(store, event_id, draft_ids)]


def results_by_focus_area(store, event_id: int, rev, table) -> None:
    """The ranking's rows, one table per kind and focus area; only when some draft has a
    focus area (otherwise the ranking above says it all)."""
    ids = [r.draft.draft_id for r in rev.ranking]
    groups = named_groups(store, event_id, ids) if ids else []
    if not groups:
        return
    rt = exports.ranking_table(rev).assign(_id=ids)
    st.subheader(_("Visionstesten pr. fokusområde"))
    for name, members in groups:
        st.markdown(f"**{name}**")
        table(rt[rt._id.isin(members)][["Placering", "Forslag", "Personer, der svarede", "Gennemsnit"]])


def missions(store, event_id: int) -> None:
    found = draft_kinds.missions(store, event_id)
    st.subheader(_("Missioner fra bordene"))
    if not found:
        st.caption(_("Ingen bord har indsendt et missions statement."))
        return
    for m in found:
        with st.container(border=True):
            where = _("Bord {n}").format(n=m.table_no) if m.table_no else _("Et bord")
            st.caption(" · ".join(x for x in (where, m.focus_area, None if m.approved else _("venter på godkendelse"))
                                  if x))
            st.text(m.text)   # a table's text is user text: never markdown or HTML
