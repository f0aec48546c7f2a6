"""The review page's buttons for the committee paper in Word (``vision.committee_paper``) and
as a tagged PDF made from it (``vision.tagged_pdf``)."""

from __future__ import annotations

import streamlit as st

from vision import committee_paper, tagged_pdf
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
        tagged_pdf_button(event, key, made[1])


def tagged_pdf_button(event, key, docx: bytes) -> None:
    """The same paper as a tagged PDF (PDF/UA) for publishing, made by LibreOffice on request."""
    if not tagged_pdf.available():
        st.caption(_("Som tilgængelig PDF: kræver LibreOffice på serveren (make run installerer det)."))
        return
    if st.button(_("Lav tilgængelig PDF (PDF/UA)"), icon="📄",
                 help=_("Til offentliggørelse: overskrifter, tabeller og figurer er mærket, så skærmlæsere kan læse dem.")):
        with st.status(_("Laver PDF'en med LibreOffice (10-20 sekunder) …"), expanded=False) as status:
            try:
                st.session_state["review_paper_pdf"] = (key, tagged_pdf.from_docx(docx))
            except UserError as err:
                status.update(label=_("PDF'en blev ikke lavet"), state="error")
                show_error(err)
            else:
                status.update(label=_("PDF'en er klar"), state="complete")
    made = st.session_state.get("review_paper_pdf")
    if made and made[0] == key:
        st.download_button(_("Hent dagsordenspunktet som tilgængelig PDF"), data=made[1], mime="application/pdf",
                           icon="⬇️", file_name=f"visionsdag-{event.code.lower()}-dagsordenspunkt.pdf",
                           on_click="ignore")
