"""Control page for the organiser at the lectern: rounds, participation, approvals, reveal."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from vision import consultation, events, results, screens
from vision.charts import results as charts
from vision.errors import UserError
from vision.model import GROUPS
from vision.ui import challenge_views
from vision.ui.alarm import write_alarm
from vision.ui.auth import require_role
from vision.ui.example_label import page_notice
from vision.ui.i18n import _, current_language
from vision.ui.text import md_literal
from vision.ui.pick import choose_event, join_url
from vision.ui.plenum_view import controls as plenum_controls
from vision.ui.programme_view import controls as programme_controls
from vision.ui.runtime import get_results_cache, get_store, show_error
from vision.ui.round_drafts import round_drafts_note
from vision.ui.tracks import slot_box
from vision.ui.watch import follow_event, read_on_change

st.set_page_config(layout="wide")  # the lectern laptop: rounds on the left, the room on the right
require_role("organiser")
store = get_store()
write_alarm(store)     # shows itself while saves cannot be written, and goes away once they can
actor = st.session_state.get("username", "organiser")
STATUS = {"planned": (":material/radio_button_unchecked:", "planlagt"), "open": (":material/play_circle:", "åben"),
          "closed": (":material/lock:", "lukket")}

head = st.columns([3, 2], vertical_alignment="bottom")
with head[0]:
    st.title(_("Styr dagen"))
    event = choose_event(store)
    page_notice(store, event)
with head[1]:
    st.caption(_("Deltagerlink: {url}").format(url=join_url(event.code)))
    st.link_button(_("Åbn storskærmen i et nyt vindue (vis det på projektoren)"), f"/projector?event={event.code}",
                   icon=":material/tv:")


def act(fn, *args) -> None:
    try:
        fn(store, actor, event.id, *args)
    except UserError as err:
        show_error(err)
    else:
        st.rerun()


def group_chart(table) -> go.Figure:
    return charts.group_participation_bars([_(g) for g in table.group], list(table.joined), list(table.answered),
                                           _("Deltagere"), _("Har svaret"))


def group_summary(table) -> str:
    """The group chart's numbers as text: its text alternative, also for the lectern at a glance."""
    return " · ".join(_("{group}: {a} af {j}").format(group=_(r.group), a=int(r.answered), j=int(r.joined))
                      for r in table.itertuples())


@st.fragment(run_every=2)
def room() -> None:
    """Who is here and who has answered, refreshed by itself every two seconds."""
    res = get_results_cache().get(store, event.id)
    open_rounds = [r for r in res.rounds if r.status == "open"]
    rr = open_rounds[0] if open_rounds else None
    st.subheader(_("Salen"))
    a, b = st.columns(2)
    a.metric(_("Deltagere"), res.joined)
    if rr is None:
        b.metric(_("Åben runde"), "–")
        st.caption(_("Ingen runde er åben."))
        return
    can = res.can_answer(rr)               # a round for one group counts that group
    b.metric(_("Har svaret"), f"{rr.respondents} / {can}")
    st.markdown(f"**{md_literal(events.round_title(rr.title, rr.kind, current_language()))}**: " + _("{n} af {total} har svaret").format(n=rr.respondents, total=can))
    st.progress(min(1.0, rr.respondents / can) if can else 0.0)
    by_group = results.participation_by_group(store, event.id, rr.round_id, rr.audience)
    st.plotly_chart(group_chart(by_group), width="stretch", config={"displayModeBar": False}, key="groups")
    st.caption(_("Har svaret pr. gruppe: {summary}").format(summary=group_summary(by_group)))
    if rr.kind == "scoring":
        per_draft = results.answers_per_draft(store, event.id, rr.round_id)
        st.caption(" · ".join(_("Forslag {i}: {n} svar").format(i=i, n=per_draft.get(d.draft_id, 0))
                              for i, d in enumerate(rr.drafts, start=1)))
    units = results.participation_by_unit(store, event.id, rr.round_id, rr.audience)
    with st.expander(_("Svar pr. kommune og organisation")):
        for r in units.itertuples():
            st.progress(min(1.0, r.answered / r.joined) if r.joined else 0.0,
                        text=_("{a} af {j} fra {unit} har svaret").format(a=int(r.answered), j=int(r.joined),
                                                                          unit=r.unit))


content = events.event_content(store, event.id)
choice = screens.choice(event.id)
left, right = st.columns([3, 2], gap="large")

with left:
    st.subheader(_("Runder"))
    for rnd in content["rounds"]:
        if slot_box(store, event, rnd, content["rounds"], act):
            continue
        icon, word = STATUS[rnd.status]
        with st.container(border=True):
            top = st.columns([3, 2])
            top[0].markdown("**" + md_literal(events.round_heading(rnd.title, rnd.kind, current_language())) + "**")
            top[1].markdown(f"{icon} {_(word)}" + (" · :material/visibility: " + _("resultater vises")
                                                   if rnd.revealed else ""))
            round_drafts_note(rnd, content)
            # The buttons at their own width, in a row that breaks onto a second line where the
            # column is narrow (a laptop's lectern): a label is never cut to "Genta…".
            b = st.container(horizontal=True, gap="small")
            if rnd.status != "open":
                if b.button(_("Åbn"), key=f"open{rnd.id}", type="primary", width="content"):
                    act(events.open_round, rnd.id)
            elif b.button(_("Luk"), key=f"close{rnd.id}", width="content"):
                act(events.close_round, rnd.id)
            if rnd.kind != "drafting":
                if not rnd.revealed:
                    if b.button(_("Vis resultater"), key=f"rev{rnd.id}", width="content"):
                        act(events.set_revealed, rnd.id, True)
                elif b.button(_("Skjul resultater"), key=f"hide{rnd.id}", width="content"):
                    act(events.set_revealed, rnd.id, False)
                if b.button(_("Gentag runden"), key=f"rep{rnd.id}", width="content",
                            help=_("Stem om de samme forslag igen efter debatten")):
                    act(events.repeat_round, rnd.id)
            on_screen = choice == rnd.id
            if b.button(_("Vises") if on_screen else _("På storskærm"), key=f"scr{rnd.id}",
                        icon=":material/tv:" if on_screen else None, width="content",
                        disabled=on_screen):
                screens.set_choice(event.id, rnd.id)
                st.rerun()
    points = consultation.projector_points(store, event.id)
    if st.button(_("Storskærm: programmet"), width="stretch", disabled=choice == screens.PROGRAMME,
                 help=_("Viser dagens program med det punkt, der er i gang.")):
        screens.set_choice(event.id, screens.PROGRAMME)
        st.rerun()
    c = st.columns(3 if points or choice == screens.POINTS else 2)
    if c[0].button(_("Storskærm: vis QR-kode"), width="stretch", disabled=choice == screens.JOIN):
        screens.set_choice(event.id, screens.JOIN)
        st.rerun()
    if c[1].button(_("Storskærm: automatisk"), width="stretch", disabled=choice == screens.AUTO,
                   help=_("Viser den åbne runde, ellers de senest frigivne resultater, ellers QR-koden.")):
        screens.set_choice(event.id, screens.AUTO)
        st.rerun()
    if len(c) == 3 and c[2].button(_("Storskærm: punkter fra høringen"), key="scrpoints", width="stretch",
                                   disabled=choice == screens.POINTS,
                                   help=_("Viser de {n} svar fra høringen før dagen, der er valgt til storskærmen "
                                          "på siden Høring før dagen.").format(n=len(points))):
        screens.set_choice(event.id, screens.POINTS)
        st.rerun()


@st.fragment
def from_the_tables() -> None:
    """The tables' drafts waiting for approval and the officials' chosen challenges. The
    browser asks every two seconds for the event's stamp (answered from memory) and runs
    this part again only when it changed; each list is read again only after a write for
    the event. So a table's draft or choice shows while the organiser stays on the page."""
    follow_event(store, event.id, key="tables", every=2)
    pending_drafts()
    challenge_views.control_section(store, event)


def pending_drafts() -> None:
    pending = read_on_change(store, event.id, "pending_drafts", lambda: events.drafts(store, event.id, ("pending",)))
    st.subheader(_("Forslag fra bordene") + f" ({len(pending)})")
    if not pending:
        st.caption(_("Ingen forslag venter på godkendelse."))
    for d in pending:
        with st.container(border=True):
            st.text(d.text)
            st.caption(d.label or "")
            a, h = st.columns(2)
            if a.button(_("Godkend"), key=f"appr{d.id}", type="primary", width="stretch"):
                act(events.set_draft_status, d.id, "approved")
            if h.button(_("Skjul"), key=f"hid{d.id}", width="stretch"):
                act(events.set_draft_status, d.id, "hidden")


with right:
    room()
    programme_controls(store, actor, event.id)
    plenum_controls(store, actor, event.id, content["rounds"], choice)
    from_the_tables()

    scoring = [r for r in content["rounds"] if r.kind == "scoring"]
    if len(scoring) >= 2:
        res = get_results_cache().get(store, event.id)
        first, last = res.round(scoring[0].id), res.round(scoring[-1].id)
        change = results.round_change(first, last)
        st.subheader(_("Ændring mellem runderne"))
        st.caption(_("Gennemsnit i {b} minus i {a}; kun hvor mindst {m} har svaret i begge.").format(
            a=first.title, b=last.title, m=res.min_group_size))
        labels = [f"{i}. {charts.short_text(d.text, 30)}" for i, d in enumerate(last.drafts, start=1)]
        st.plotly_chart(charts.change_bars(labels, [change[d.draft_id] for d in last.drafts]),
                        width="stretch", config={"displayModeBar": False})
        st.caption(" · ".join(f"{label}: " + (_("for få svar") if change[d.draft_id] is None else
                                              f"{change[d.draft_id]:+.2f}".replace(".", ","))
                              for label, d in zip(labels, last.drafts)))
        st.markdown(_("**Pr. gruppe**"))
        by_group = results.round_change_by_group(store, event.id, first.round_id, last.round_id)
        names = {g: _(label) for g, label in GROUPS.items()}
        st.plotly_chart(charts.change_by_group_bars(by_group, dict(zip([d.draft_id for d in last.drafts], labels)),
                                                    names), width="stretch",
                        config={"displayModeBar": False})
        if not by_group.empty:
            with st.expander(_("Ændring pr. gruppe som tabel")):
                label_of = dict(zip([d.draft_id for d in last.drafts], labels))
                table = by_group.assign(forslag=by_group.draft_id.map(label_of), gruppe=by_group.group.map(names))
                st.dataframe(table.pivot(index="forslag", columns="gruppe", values="change"), width="stretch")
