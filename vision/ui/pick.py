"""Choosing the event an organiser page works on; kept in the URL (``?event=CODE``)."""

from __future__ import annotations

import streamlit as st

from vision import events
from vision.ui.i18n import _


def choose_event(store, label: str | None = None, sidebar: bool = False):
    """A select box of events; the choice survives a reload through ``?event=``."""
    all_events = events.list_events(store)
    if not all_events:
        st.info(_("Der er ingen begivenheder endnu. Opret en under Opsætning."))
        st.stop()
    codes = [e.code for e in all_events]
    wanted = (st.query_params.get("event") or st.session_state.get("event_code") or codes[0]).upper()
    index = codes.index(wanted) if wanted in codes else 0
    where = st.sidebar if sidebar else st
    code = where.selectbox(label or _("Begivenhed"), codes, index=index,
                           format_func=lambda c: f"{c} – {next(e.title for e in all_events if e.code == c)}")
    st.session_state["event_code"] = code
    if st.query_params.get("event") != code:
        st.query_params["event"] = code
    return next(e for e in all_events if e.code == code)


def public_address():
    """Where the join links point (:func:`vision.public_address.public_address`) for this page."""
    from vision import config
    from vision.public_address import public_address as rule

    return rule(config.load().public_url, st.context.url)


def join_url(event_code: str) -> str:
    """The link participants open; from VISIONSDAG_PUBLIC_URL or the address this page was opened on."""
    return public_address().join_url(event_code)
