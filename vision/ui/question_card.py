"""A round's question card on the phone, above the task: its heading, its questions and,
folded away, its help questions and examples."""

from __future__ import annotations

import streamlit as st

from vision.question_cards import QuestionCard
from vision.ui.i18n import _
from vision.ui.text import md_literal


def show_cards(cards: list[QuestionCard]) -> None:
    """The cards as the source words them. The card's body is the event file's markdown (the
    secretariat's text, not a participant's)."""
    for card in cards:
        with st.container(border=True, key=f"qcard{card.id}"):
            st.subheader(md_literal(card.heading), anchor=False)
            main, help_text = card.parts
            st.markdown(main)
            if help_text:
                with st.expander(_("Hjælpespørgsmål og eksempler"), icon=":material/help:"):
                    st.markdown(help_text)
