"""Approvals and consultation answers shown on the timeline and the governance map.

Each function adds to a figure the page has made and writes the matching notes, so the
pages call one function each."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from vision import approvals as ap
from vision import process_status as ps
from vision.charts.approvals import governance_status_overlay, timeline_status_overlay
from vision.charts.governance_layout import PHONE
from vision.ui.i18n import _
from vision.ui.runtime import get_store


def approval_map(fig, gov, *, spec=PHONE, lang: str = "da"):
    """Colour the approving bodies of the region's latest process by their status."""
    process = ps.latest_process(gov.region)
    if process is None or not gov.draft_path:
        return fig
    summary = ap.summary(get_store(), process, gov)
    st.caption(_("Godkendelser i {title}: {text}.").format(title=process.title, text=summary.text(lang)))
    return governance_status_overlay(fig, gov, ap.by_body(summary), spec=spec, lang=lang)


def timeline_status(fig, process, gov, *, today: dt.date | None = None, large: bool = False, lang: str = "da"):
    """Write the consultation's answers and the approvals at their deadlines, and warn
    when the approval deadline is near and some have not approved."""
    store = get_store()
    summary = ap.summary(store, process, gov, today) if gov and gov.draft_path else None
    found = ps.consultation_of(store, process)
    answers = None
    if found:
        c, prog = found
        text = prog.summary(lang)
        answers = (c.deadline, text)
        st.caption(_("Høring før dagen: {text}; frist {date}.").format(text=text, date=c.deadline.strftime("%d.%m.%Y")))
    if summary:
        warning = summary.warning(today, lang)
        if warning:
            st.warning(warning, icon=":material/schedule:")
        st.caption(_("Godkendelse: {text}.").format(text=summary.text(lang)))
    return timeline_status_overlay(fig, approvals=summary, answers=answers, today=today, large=large, lang=lang)
