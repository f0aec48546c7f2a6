"""Control page for the organiser at the lectern: rounds, participation, approvals, reveal."""

from __future__ import annotations

import streamlit as st

from vision import events, results
from vision.errors import UserError
from vision.model import ROUND_KINDS
from vision.ui.i18n import _
from vision.ui.pick import choose_event, join_url
from vision.ui.runtime import get_results_cache, get_store, projector_choice, set_projector_choice, show_error

store = get_store()
st.title(_("Styr dagen"))
event = choose_event(store)
actor = st.session_state.get("username", "organiser")
st.caption(_("Deltagerlink: {url}").format(url=join_url(event.code)))
st.link_button(_("Åbn storskærmen i et nyt vindue (vis det på projektoren)"), f"/projector?event={event.code}",
               icon=":material/tv:")

STATUS = {"planned": ":material/radio_button_unchecked: " + "planlagt", "open": ":material/check_circle: " + "åben", "closed": ":material/lock: " + "lukket"}


def act(fn, *args) -> None:
    try:
        fn(store, actor, event.id, *args)
    except UserError as err:
        show_error(err)
    else:
        get_results_cache().invalidate(event.id)
        st.rerun()


@st.fragment(run_every=2)
def overview() -> None:
    res = get_results_cache().get(store, event.id)
    cols = st.columns(4)
    cols[0].metric(_("Deltagere"), res.joined)
    for col, (grp, n) in zip(cols[1:], [(g, n) for g, n in res.joined_by_group.items() if g != "andet"]):
        col.metric(_({"politiker": "Politikere", "embedsmand": "Embedsmænd",
                      "brugerorganisation": "Brugerorganisationer"}[grp]), n)
    open_rounds = [r for r in res.rounds if r.status == "open"]
    if open_rounds:
        rr = open_rounds[0]
        st.markdown(f"**{rr.title}**: " + _("{n} af {total} har svaret").format(n=rr.respondents, total=res.joined))
        st.progress(min(1.0, rr.respondents / res.joined) if res.joined else 0.0)
        units = results.participation_by_unit(store, event.id, rr.round_id)
        lines = [_("{a} af {j} fra {unit} har svaret").format(a=int(r.answered), j=int(r.joined), unit=r.unit)
                 for r in units.itertuples()]
        with st.expander(_("Svar pr. kommune og organisation"), expanded=False):
            st.dataframe(units.rename(columns={"unit": _("Kommune/organisation"), "joined": _("Deltagere"),
                                               "answered": _("Har svaret")}), hide_index=True,
                         use_container_width=True)
            st.caption(" · ".join(lines[:6]))
        if rr.kind == "scoring":
            per_draft = results.answers_per_draft(store, event.id, rr.round_id)
            st.caption(" · ".join(_("Forslag {i}: {n} svar").format(i=i, n=per_draft.get(d.draft_id, 0))
                                  for i, d in enumerate(rr.drafts, start=1)))


overview()

st.subheader(_("Runder"))
content = events.event_content(store, event.id)
choice = projector_choice(event.id)
for rnd in content["rounds"]:
    with st.container(border=True):
        top = st.columns([3, 2])
        top[0].markdown(f"**{rnd.title}** · {_(ROUND_KINDS[rnd.kind])}")
        top[1].markdown(_(STATUS[rnd.status]) + (" · :material/visibility: " + _("resultater vises") if rnd.revealed else ""))
        b = st.columns(5)
        if rnd.status != "open":
            if b[0].button(_("Åbn"), key=f"open{rnd.id}", type="primary", use_container_width=True):
                act(events.open_round, rnd.id)
        else:
            if b[0].button(_("Luk"), key=f"close{rnd.id}", use_container_width=True):
                act(events.close_round, rnd.id)
        if rnd.kind != "drafting":
            if not rnd.revealed:
                if b[1].button(_("Vis resultater"), key=f"rev{rnd.id}", use_container_width=True):
                    act(events.set_revealed, rnd.id, True)
            elif b[1].button(_("Skjul resultater"), key=f"hide{rnd.id}", use_container_width=True):
                act(events.set_revealed, rnd.id, False)
            if b[2].button(_("Gentag runden"), key=f"rep{rnd.id}", use_container_width=True,
                           help=_("Stem om de samme forslag igen efter debatten")):
                act(events.repeat_round, rnd.id)
        on_screen = choice == rnd.id
        if b[3].button(_("På storskærm") if not on_screen else ":material/tv: " + _("Vises"), key=f"scr{rnd.id}",
                       use_container_width=True, disabled=on_screen):
            set_projector_choice(event.id, rnd.id)
            st.rerun()
c = st.columns(2)
if c[0].button(_("Storskærm: vis QR-kode"), use_container_width=True, disabled=choice == "join"):
    set_projector_choice(event.id, "join")
    st.rerun()
if c[1].button(_("Storskærm: automatisk"), use_container_width=True, disabled=choice == "auto"):
    set_projector_choice(event.id, "auto")
    st.rerun()

pending = [d for d in content["drafts"] if d.status == "pending"]
st.subheader(_("Forslag fra bordene") + f" ({len(pending)})")
if not pending:
    st.caption(_("Ingen forslag venter på godkendelse."))
for d in pending:
    with st.container(border=True):
        st.text(d.text)
        st.caption(d.label or "")
        a, h = st.columns(2)
        if a.button(_("Godkend"), key=f"appr{d.id}", type="primary", use_container_width=True):
            act(events.set_draft_status, d.id, "approved")
        if h.button(_("Skjul"), key=f"hid{d.id}", use_container_width=True):
            act(events.set_draft_status, d.id, "hidden")

# Change between two scoring rounds, overall.
scoring = [r for r in content["rounds"] if r.kind == "scoring"]
if len(scoring) >= 2:
    from vision.charts import results as charts

    res = get_results_cache().get(store, event.id)
    st.subheader(_("Ændring mellem runderne"))
    first, last = res.round(scoring[0].id), res.round(scoring[-1].id)
    change = results.round_change(first, last)
    labels = [charts.draft_label(d, i) for i, d in enumerate(last.drafts, start=1)]
    st.plotly_chart(charts.change_bars(labels, [change[d.draft_id] for d in last.drafts]), use_container_width=True)
