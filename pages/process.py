"""Processen i dag (secretariat): where each process stands, and recording approvals.

For every process: the next deadline, the consultation's answers, the vision day's results
and the approvals, with links to the pages that hold each. Below, the secretariat records
an approving body's decision; the map and the timeline show it at once.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from vision import approvals as ap
from vision import process_status as ps
from vision import processes as proc
from vision.datafiles import DataFileError
from vision.errors import UserError
from vision.ui.auth import require_role
from vision.ui.i18n import _, current_language
from vision.ui.runtime import get_store, show_error
from vision.ui.text import md_literal

st.set_page_config(page_title=_("Processen i dag"), layout="wide")
require_role("secretariat")
store = get_store()
actor = st.session_state.get("username") or "secretariat"
lang = current_language()
today = dt.date.today()


def link(caption: str, path: str, **params: str) -> None:
    """A link to another page (its URL path is its file name), with its parameters."""
    st.markdown(f"[{md_literal(caption)} →](/{path}?{urlencode(params)})")


def card(s: ps.ProcessStatus) -> None:
    p = s.process
    with st.container(border=True):
        st.markdown(f"### {p.title}")
        st.caption(proc.REGIONS.get(p.region, p.region))
        a, b, c, d = st.columns(4)
        with a:
            st.markdown(f"**{_('Næste frist')}**")
            if s.next_deadline:
                st.markdown(f"**{proc.format_date(s.next_deadline[0], lang=lang)}**: {s.next_deadline[1]}")
            else:
                st.write(_("Ingen kommende frister."))
            link(_("Tidslinje"), "timeline", region=p.region)
        with b:
            st.markdown(f"**{_('Høring før dagen')}**")
            if s.consultation:
                st.write(s.progress.summary(lang) + "; " + _("frist {date}").format(
                    date=s.consultation.deadline.strftime("%d.%m.%Y")))
                link(_("Se svarene"), "consultation", event=s.event.code)
            else:
                st.write(_("Ingen høring."))
        with c:
            st.markdown(f"**{_('Visionsdagen')}**")
            if s.day:
                joined = (_("{n} deltog").format(n=s.day.joined) if s.day.joined is not None
                          else _("færre end {n} deltog").format(n=s.day.event.min_group_size))
                st.write(f"{s.day.event.code}: {joined} · " + _("{done} af {n} runder afsluttet").format(
                    done=s.day.rounds_done, n=s.day.rounds))
                if s.day.leading:
                    st.write(_("Højest scorede forslag: {d}").format(d=s.day.leading))
                link(_("Resultaterne"), "review", event=s.day.event.code)
            else:
                st.write(_("Ingen visionsdag i appen."))
        with d:
            st.markdown(f"**{_('Godkendelse')}**")
            if s.approvals:
                st.write(s.approvals.text(lang))
                warning = s.approvals.warning(today, lang)
                if warning:
                    st.warning(warning, icon=":material/schedule:")
                link(_("Styringskort"), "governance", region=p.region)
            else:
                st.write(_("Ingen styringsfil for regionen."))


def approvals_editor(s: ps.ProcessStatus) -> None:
    summary = s.approvals
    rows = [{_("Trin"): a.approver.step, _("Organ"): a.approver.name, _("Status"): _(ap.STATUSES[a.status]),
             _("Dato"): a.decided_on.strftime("%d.%m.%Y") if a.decided_on else "–",
             _("Beslutning"): a.reference or "–", _("Bemærkninger"): a.remarks or "–",
             _("Registreret af"): a.recorded_by or "–"} for a in summary.approvals]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={_("Beslutning"): st.column_config.LinkColumn(_("Beslutning"))}
                 if any(ap.is_link(a.reference) for a in summary.approvals) else None)
    names = {a.approver.key: a.approver.name for a in summary.approvals}
    current = {a.approver.key: a for a in summary.approvals}
    key = st.selectbox(_("Organ"), list(names), format_func=names.get, key=f"ap_body_{s.process.id}")
    now = current[key]
    with st.form(f"approval_{s.process.id}"):
        status = st.radio(_("Status"), list(ap.STATUSES), index=list(ap.STATUSES).index(now.status),
                          format_func=lambda x: _(ap.STATUSES[x]), horizontal=True)
        decided = st.date_input(_("Dato for beslutningen"), value=now.decided_on, format="DD.MM.YYYY")
        reference = st.text_input(_("Link eller henvisning til beslutningen"), value=now.reference or "",
                                  max_chars=ap.REFERENCE_MAX, placeholder=_("fx link til referatet eller sagsnummer"))
        remarks = st.text_area(_("Bemærkninger"), value=now.remarks or "", max_chars=ap.REMARKS_MAX)
        go = st.form_submit_button(_("Gem beslutningen"), type="primary")
    if go:
        try:
            ap.record(store, actor, s.process, s.governance, key, status, decided, reference, remarks)
        except UserError as err:
            show_error(err)
        else:
            st.success(_("{body}: {status} er gemt.").format(body=names[key], status=_(ap.STATUSES[status])))
            st.rerun()


def main() -> None:
    st.title(_("Processen i dag"))
    st.caption(_("Hvor står hver proces i dag: næste frist, høringssvar, visionsdagens resultater og "
                 "godkendelser."))
    try:
        statuses = ps.all_statuses(store, today)
    except DataFileError as exc:
        st.error(_("En procesfil kan ikke indlæses:") + f" {exc}")
        return
    for s in statuses:
        card(s)
    with_approvals = [s for s in statuses if s.approvals and s.approvals.approvals]
    if not with_approvals:
        return
    st.header(_("Registrér godkendelser"))
    ids = [s.process.id for s in with_approvals]
    wanted = st.query_params.get("process")
    pid = st.selectbox(_("Proces"), ids, index=ids.index(wanted) if wanted in ids else len(ids) - 1,
                       format_func=lambda i: next(s.process.title for s in with_approvals if s.process.id == i))
    if st.query_params.get("process") != pid:
        st.query_params["process"] = pid
    approvals_editor(next(s for s in with_approvals if s.process.id == pid))


main()
