"""Høring før dagen (secretariat; the organiser picks points for the big screen).

Create the consultation of an event (questions, bodies, deadline), follow who has answered,
remind the missing ones with a text to paste into a mail, read the answers side by side per
question and per focus area, export them, and choose answers to show on the day.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from vision import consultation as cons
from vision import exports
from vision.charts.consultation import progress_figure
from vision.errors import UserError
from vision.ui.auth import has_role, require_role
from vision.ui.i18n import _, current_language
from vision.ui.pick import choose_event, join_url
from vision.ui.runtime import get_store, show_error

st.set_page_config(page_title=_("Høring før dagen"), layout="wide")
if not has_role("organiser", "secretariat"):
    require_role("secretariat")
store = get_store()
actor = st.session_state.get("username") or "secretariat"
secretariat = has_role("secretariat")


def base_url() -> str:
    return join_url("X").rsplit("/?e=", 1)[0]


def create_form(event) -> None:
    st.info(_("Begivenheden har ingen høring endnu. Opret den her: spørgsmålene, organerne og fristen."))
    if not secretariat:
        return
    vision_qs, focus_qs = cons.template_questions()
    with st.form("create"):
        title = st.text_input(_("Titel"), value=_("Input til {title}").format(title=event.title), max_chars=200)
        deadline = st.date_input(_("Frist for svar"), value=None, format="DD.MM.YYYY")
        intro = st.text_area(_("Indledning til organerne (valgfri)"), max_chars=2000)
        reply_to = st.text_input(_("Sekretariatets mailadresse (valgfri)"), max_chars=200)
        vq = st.text_area(_("Spørgsmål til visionen (ét pr. linje)"), value="\n".join(vision_qs), height=110)
        fq = st.text_area(_("Spørgsmål til hvert fokusområde (ét pr. linje)"), value="\n".join(focus_qs), height=150)
        names = st.text_area(_("Organer, der skal svare (ét pr. linje)"),
                             value="\n".join(cons.default_bodies(event.region)), height=220)
        go = st.form_submit_button(_("Opret høringen"), type="primary")
    if go:
        questions = [("vision", x) for x in vq.splitlines()] + [("focus", x) for x in fq.splitlines()]
        try:
            cons.create(store, actor, event.id, title=title, deadline=deadline, questions=questions,
                        bodies=names.splitlines(), intro=intro, reply_to=reply_to)
        except UserError as err:
            show_error(err)
        else:
            st.rerun()


def overview(c, prog) -> None:
    today = dt.date.today()
    left, right = st.columns([2, 3])
    with left:
        st.metric(_("Svar"), _("{n} af {total} har svaret").format(n=len(prog.answered), total=prog.total))
        days = (c.deadline - today).days
        if days < 0:
            st.warning(_("Fristen var {date}. Organerne kan ikke længere rette deres svar.").format(
                date=c.deadline.strftime("%d.%m.%Y")), icon=":material/lock:")
        else:
            st.info(_("Frist {date} (om {days} dage).").format(date=c.deadline.strftime("%d.%m.%Y"), days=days),
                    icon=":material/event:")
        if secretariat:
            with st.form("deadline"):
                new = st.date_input(_("Ret fristen"), value=c.deadline, format="DD.MM.YYYY")
                if st.form_submit_button(_("Gem fristen")):
                    try:
                        cons.set_deadline(store, actor, c, new)
                    except UserError as err:
                        show_error(err)
                    else:
                        st.rerun()
    with right:
        st.plotly_chart(progress_figure(prog, current_language()), config={"displayModeBar": False},
                        key="cons_progress")
    if secretariat:
        rows = []
        for b in sorted(prog.answered + prog.missing, key=lambda b: b.position):
            state = _("Svaret") if b.answered else (_("Påbegyndt, ikke sendt") if b.texts else _("Mangler"))
            rows.append({_("Organ"): b.name, _("Status"): state,
                         _("Sendt"): b.submitted_at.strftime("%d.%m.%Y %H:%M") if b.submitted_at else "–",
                         _("Link"): cons.answer_link(base_url(), b)})
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                     column_config={_("Link"): st.column_config.LinkColumn(_("Link"))})


def remind(c, prog) -> None:
    if not prog.missing:
        st.success(_("Alle organer har svaret."))
        return
    st.write(_("Visionsdag sender ingen mails. Kopiér teksten herunder ind i en mail til de organer, der mangler "
               "at svare; den har hvert organs eget link."))
    st.code(cons.reminder_text(c, prog.missing, base_url()), language=None, wrap_lines=True)
    if st.button(_("Notér, at de {n} er påmindet").format(n=len(prog.missing))):
        cons.mark_reminded(store, actor, c, prog.missing)
        st.success(_("Påmindelsen er noteret."))


def answers(c, frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info(_("Der er ingen sendte svar endnu."))
        return
    topics = cons.topics(store, c)
    headings = list(dict.fromkeys(t.heading for t in topics))
    view = st.radio(_("Vis"), ["topic", "question"], horizontal=True,
                    format_func=lambda v: _("Pr. fokusområde") if v == "topic" else _("Pr. spørgsmål"))
    if view == "topic":
        topic = st.selectbox(_("Emne"), headings, format_func=lambda h: _(h) if h == cons.VISION_TOPIC else h)
        wide = cons.side_by_side(frame, topic)
        st.dataframe(wide, hide_index=True, width="stretch", row_height=120)
    else:
        keys = [t.key for t in topics]
        label = {t.key: f"{_(t.heading) if t.heading == cons.VISION_TOPIC else t.heading}: {t.question.text}"
                 for t in topics}
        key = st.selectbox(_("Spørgsmål"), keys, format_func=label.get)
        part = frame[(frame.question_id == key[0]) & (frame.focus_area_id == key[1])]
        if part.empty:
            st.caption(_("Ingen har svaret på dette spørgsmål."))
        for r in part.itertuples():
            with st.container(border=True):
                st.markdown(f"**{r.Organ}**")
                st.text(r.Svar)


def projector(c, frame: pd.DataFrame) -> None:
    st.write(_("Vælg de svar, der skal kunne vises på storskærmen på dagen, i den rækkefølge de skal vises."))
    if frame.empty:
        st.info(_("Der er ingen sendte svar endnu."))
        return
    keys = [(int(r.body_id), int(r.question_id), int(r.focus_area_id)) for r in frame.itertuples()]
    label = {k: f"{r.Organ} · {_(r.Emne) if r.Emne == cons.VISION_TOPIC else r.Emne} · "
                f"{' '.join(r.Svar.split())[:90]}" for k, r in zip(keys, frame.itertuples())}
    chosen = [k for k in cons.highlights(store, c) if k in label]
    with st.form("highlights"):
        picked = st.multiselect(_("Svar til storskærmen"), keys, default=chosen, format_func=label.get)
        go = st.form_submit_button(_("Gem udvalget"), type="primary")
    if go:
        try:
            cons.set_highlights(store, actor, c, picked)
        except UserError as err:
            show_error(err)
        else:
            st.success(_("{n} svar er valgt til storskærmen.").format(n=len(picked)))
    for p in cons.projector_points(store, c.event_id):
        with st.container(border=True):
            st.caption(f"{p.body} · {_(p.topic) if p.topic == cons.VISION_TOPIC else p.topic} · {p.question}")
            st.write(p.text)


def main() -> None:
    st.title(_("Høring før dagen"))
    event = choose_event(store)
    c = cons.for_event(store, event.id)
    if c is None:
        create_form(event)
        return
    st.subheader(c.title)
    if c.source:
        st.caption(f"{_('Kilde')}: {c.source}")
    prog = cons.progress(store, c)
    frame = cons.answers_frame(store, c)
    names = [_("Overblik"), _("Svarene"), _("Til storskærmen")]
    if secretariat:
        names[1:1] = [_("Påmind")]
        names.append(_("Eksport"))
    tabs = dict(zip(names, st.tabs(names)))
    with tabs[_("Overblik")]:
        overview(c, prog)
    if secretariat:
        with tabs[_("Påmind")]:
            remind(c, prog)
    with tabs[_("Svarene")]:
        answers(c, frame)
    with tabs[_("Til storskærmen")]:
        projector(c, frame)
    if secretariat:
        with tabs[_("Eksport")]:
            st.download_button(_("Svarene som regneark (XLSX)"),
                               data=lambda: exports.to_xlsx(cons.export_tables(store, c)),
                               file_name=f"hoering-{event.code.lower()}.xlsx", on_click="ignore", icon="📊",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


main()
