"""Tables on the pages: the pick when joining, the table chair's button on the phone, the
set-up grid and which tables have answered on the control page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vision import tables
from vision.errors import UserError
from vision.events.files import tables_assumed
from vision.events.tracks import AUDIENCES, EVERYONE
from vision.ui.actions import FAILED, attempt, report_grid
from vision.ui.i18n import _, current_language
from vision.ui.runtime import show_error
from vision.ui.text import md_literal


def table_label(t: tables.Table, areas: dict[int, str]) -> str:
    """"Bord 5 · Politikere · Borgerens egenmestring", in the visitor's language."""
    return tables.label(t, areas, current_language())


def chair_panel(store, participant, token: str, areas: dict[int, str]) -> None:
    """On the phone: the participant's table and the table chair's role, taken with one button
    and handed back with another. A second phone at the table is told who may take it when."""
    table = tables.table_of(store, participant)
    if table is None:
        _pick_later(store, participant, token, areas)
        return
    holder = tables.chair_of(store, participant.event_id, table.table_no)
    mine = holder == participant.id
    with st.container(border=True, key="table_chair"):
        st.markdown(_("**Du sidder ved {table}**").format(table=md_literal(table_label(table, areas))))
        if mine:
            st.success(_("Du er bordformand: du indsender bordets svar og fremlægger bordets pointer."),
                       icon=":material/record_voice_over:")
            if st.button(_("Giv rollen som bordformand fra dig"), key="chair_release", width="stretch"):
                _act(tables.release_chair, store, participant, token)
        elif holder is not None:
            st.caption(_("Bordet har en bordformand på en anden telefon."))
        elif st.button(_("Jeg er bordformand"), key="chair_take", width="stretch",
                       icon=":material/record_voice_over:",
                       help=_("Én telefon pr. bord kan være bordformand. Den indsender bordets svar.")):
            _act(tables.take_chair, store, participant, token)


def _pick_later(store, participant, token: str, areas: dict[int, str]) -> None:
    """A phone that joined without a table, at an event with tables for its group, picks one here."""
    mine = tables.for_group(tables.tables(store, participant.event_id), participant.grp)
    if not mine:
        return
    with st.container(border=True, key="table_pick"):
        labels = {t.table_no: table_label(t, areas) for t in mine}
        no = st.selectbox(_("Dit bord"), list(labels), index=None, format_func=labels.get,
                          placeholder=_("Vælg bordet, du sidder ved"), key="table_pick_no")
        if st.button(_("Vælg bord"), key="table_pick_go", width="stretch", disabled=no is None):
            _act(tables.pick_table, store, participant, token, no)


def _act(fn, *args) -> None:
    try:
        fn(*args)
    except UserError as err:
        show_error(err)
    else:
        st.rerun()


def tables_editor(store, actor: str, event, content: dict, changed) -> None:
    """Set-up: the tables of the group work as a grid; saving keeps the valid rows and names the rest."""
    st.subheader(_("Borde"), anchor=False)
    st.caption(_("Bordene til gruppedrøftelserne. Hvert bord hører til en målgruppe (eller alle) og kan have et "
                 "fokusområde. Deltagerne vælger deres bord, når de deltager; uden borde spørges der ikke."))
    if tables_assumed(event):
        st.caption(_("Bordenes numre og navne er appens egne (antaget – står ikke i kilderne): kilden nævner kun "
                     "grupperne og fokusområderne ved bordene."))
    areas = {f.id: f.title for f in content["focus_areas"]}
    current = tables.tables(store, event.id)
    frame = pd.DataFrame([{"no": t.table_no, "name": t.name, "audience": t.audience,
                           "focus": areas.get(t.focus_area_id)} for t in current],
                         columns=["no", "name", "audience", "focus"])
    audience_names = {k: _(v) for k, v in AUDIENCES.items()}
    with st.form("tables"):
        edited = st.data_editor(
            frame, num_rows="dynamic", hide_index=True, key="tables_editor",
            column_config={
                "no": st.column_config.NumberColumn(_("Bord nr."), min_value=1, max_value=tables.TABLE_MAX, step=1,
                                                    width="small"),
                "name": st.column_config.TextColumn(_("Navn"), max_chars=tables.NAME_MAX, width="large"),
                "audience": st.column_config.SelectboxColumn(_("Målgruppe"), options=list(AUDIENCES),
                                                             default="alle", required=True,
                                                             format_func=audience_names.get),
                "focus": st.column_config.SelectboxColumn(_("Fokusområde"), options=list(areas.values()),
                                                          width="large")})
        if st.form_submit_button(_("Gem bordene"), type="primary"):
            rows = [(None if pd.isna(r.no) else r.no, r.name if isinstance(r.name, str) else "",
                     r.audience if isinstance(r.audience, str) else EVERYONE,
                     r.focus if isinstance(r.focus, str) else None) for r in edited.itertuples()]
            saved = attempt(tables.set_tables, store, actor, event.id, rows)
            if saved is not FAILED:
                report_grid(saved, _("Bordene er gemt: {n}.").format(n=saved.saved))
                changed()


def answered_line(store, event_id: int, round_id: int, audience: str, done: set[int]) -> None:
    """Control page: which of the track's tables have answered the round."""
    mine = tables.for_group(tables.tables(store, event_id), audience) if audience != EVERYONE \
        else tables.tables(store, event_id)
    if not mine:
        return
    marks = " ".join((":material/check_circle: " if t.table_no in done else ":material/radio_button_unchecked: ")
                     + str(t.table_no) for t in mine)
    st.markdown(_("Borde, der har svaret ({n} af {total}):").format(
        n=sum(t.table_no in done for t in mine), total=len(mine)) + " " + marks)
