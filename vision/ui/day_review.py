"""The review's sections for the designed day: the vision test's results grouped by focus
area, and the tables' mission statements (by table, never by name)."""

from __future__ import annotations

import streamlit as st

from vision import draft_kinds, exports
from vision.ui.i18n import _

GROUP_TITLES = {"vision": "Overordnet vision", "mission": "Mission"}


def results_by_focus_area(store, event_id: int, rev, table) -> None:
    """The ranking's rows, one table per kind and focus area; only when some draft has a
    focus area (otherwise the ranking above says it all)."""
    designs = draft_kinds.designs(store, event_id)
    if not rev.ranking or not any(d.kind == "focus_vision" for d in designs.values()):
        return
    ids = [r.draft.draft_id for r in rev.ranking]
    rt = exports.ranking_table(rev).assign(_id=ids)
    st.subheader(_("Visionstesten pr. fokusområde"))
    for title, kind, members in draft_kinds.group_by_focus_area(ids, designs,
                                                                draft_kinds.focus_area_titles(store, event_id)):
        name = title if kind == "focus_vision" and title else _(GROUP_TITLES.get(kind, "Vision for fokusområdet"))
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
