"""The review page's button for the committee paper in Word (``vision.committee_paper``)."""

from __future__ import annotations

import streamlit as st

from vision import committee_paper
from vision.errors import UserError
from vision.ui.i18n import _
from vision.ui.runtime import show_error

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def paper_button(store, event, round_id: int | None) -> None:
    """Make the .docx on request (charts take a few seconds), then offer it for download."""
    st.subheader(_("Dagsordenspunkt i Word (DOCX)"))
    st.caption(_("Sagsbeskrivelse, baggrund, dagen, resultater og det videre forløb, med rigtige "
                 "overskrifter, tabeller og figurer med alternativ tekst. Små grupper vises som »for få svar«."))
    key = ("paper", event.id, round_id, store.version(event.id))
    if st.button(_("Lav dagsordenspunkt"), icon="📝"):
        with st.spinner(_("Skriver dokumentet …")):
            try:
                st.session_state["review_paper"] = (key, committee_paper.paper_for_event(store, event.id, round_id))
            except UserError as err:
                show_error(err)
    made = st.session_state.get("review_paper")
    if made and made[0] == key:
        st.download_button(_("Hent dagsordenspunktet (DOCX)"), data=made[1], mime=DOCX, icon="⬇️", type="primary",
                           file_name=f"visionsdag-{event.code.lower()}-dagsordenspunkt.docx", on_click="ignore")
