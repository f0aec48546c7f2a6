"""The "Eksempeldata" label: results of a demo event or of simulated answers are shown as
examples wherever they appear (``vision.demo.shows_examples``)."""

from __future__ import annotations

import html

import streamlit as st

from vision import demo
from vision.ui.i18n import _


def screen_badge(store, event, font_px: int) -> None:
    """A badge at the big screen's right edge; it takes no room from the results."""
    if not demo.shows_examples(store, event):
        return
    # Its element is taken out of the page's flow (fixed), so it adds no height or gap: the
    # big screen still fits its window (the back-row rule, docs/accessibility.md). Its text
    # runs down the page's right margin (2.5vw: wider than one line of the screen's smallest
    # text, 1/40 of its height, on any screen at least 4:3 wide), so it covers no heading, label or bar of the results.
    st.html("<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] .vd-example) "
            "{position: fixed !important; top: 2vh; right: 0.2vw; z-index: 1000; width: auto !important;}</style>"
            f"<div class='vd-example' role='note' style='font-size: {html.escape(str(int(font_px)))}px; line-height: 1; "
            f"writing-mode: vertical-rl; font-weight: 700; color: #ffffff; background: #92400e; "
            f"padding: 0.5em 0.05em; border-radius: 0.3em;'>{html.escape(_('Eksempeldata'))}</div>")


def page_notice(store, event) -> None:
    """A notice above a page's results."""
    if demo.shows_examples(store, event):
        st.warning(_("Eksempeldata: en demo-begivenhed eller simulerede svar – ikke resultater fra en rigtig dag."), icon=":material/science:")
