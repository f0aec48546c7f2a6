"""The officials' chosen challenges for the organiser: a section of the control page and
the big screen's view, each focus area with the three challenges its tables chose."""

from __future__ import annotations

import html
import math

import streamlit as st

from vision import challenges, screens
from vision.charts.projector import TEXT_RATIO
from vision.ui.i18n import _
from vision.ui.text import md_literal
from vision.ui.watch import read_on_change


def control_section(store, event) -> None:
    """The chosen challenges on the control page, read again only after a write for the
    event (the page's fragment follows the event's stamp, so a table's choice shows while
    the organiser stays on the page)."""
    chosen = read_on_change(store, event.id, "chosen_challenges",
                            lambda: challenges.chosen_by_focus_area(store, event.id))
    st.subheader(_("Udfordringer valgt af embedsværket"))
    if not chosen:
        st.caption(_("Ingen bord har valgt sine 3 udfordringer endnu."))
    for area in chosen:
        with st.container(border=True):
            st.markdown("**" + md_literal(area.title or _("Uden fokusområde")) + "**")
            for table_no, texts in area.tables:
                st.markdown(_("Bord {n}").format(n=table_no) + "\n" + "\n".join(f"- {md_literal(t)}" for t in texts))
    on_screen = screens.choice(event.id) == screens.CHALLENGES
    if st.button(_("Vises på storskærmen") if on_screen else _("Storskærm: vis udfordringerne"), key="scrchallenges",
                 icon=":material/tv:", width="stretch", disabled=on_screen or not chosen):
        screens.set_choice(event.id, screens.CHALLENGES)
        st.rerun()


def fit_font_px(areas: list[challenges.FocusChallenges], width: int, height: int, columns: int) -> int:
    """The largest font (CSS px) at which every area's challenges fit the screen below its
    heading, two areas to a row (one when there is one): wrapped lines are estimated at
    half the font's size per character. Never below the screen's smallest text."""
    smallest = math.ceil(height / TEXT_RATIO)
    col_w = (width * 0.95 - (columns - 1) * width * 0.03) / columns - 40
    rows = math.ceil(len(areas) / columns)
    room = height * 0.86 - 0.046 * height                    # below the page's heading

    def needed(px: int) -> float:
        tallest = 0.0
        for area in areas:
            lines = 1.15 * 1.25 * 2                              # the area's title, up to two lines
            for _table, texts in area.tables:
                lines += 1 if len(area.tables) > 1 else 0
                lines += sum(math.ceil(len(t) * 0.5 * px / col_w) for t in texts)
            tallest = max(tallest, lines * px * 1.25 + 0.04 * height)
        return rows * tallest

    for px in range(int(height / 14), smallest - 1, -1):
        if needed(px) <= room:
            return px
    return smallest


def projector_panel(store, event, width: int, height: int) -> None:
    """Each focus area's chosen challenges side by side, two areas to a row, as large as
    they fit (``fit_font_px``)."""
    chosen = challenges.chosen_by_focus_area(store, event.id)
    st.html(f'<h1 class="vd-head">{html.escape(_("Embedsværkets udfordringer"))}</h1>')
    if not chosen:
        st.markdown("## " + _("Ingen bord har valgt sine 3 udfordringer endnu."))
        return
    columns = 1 if len(chosen) == 1 else 2
    px = fit_font_px(chosen, width, height, columns)
    blocks = []
    for area in chosen:
        items = []
        for table_no, texts in area.tables:
            if len(area.tables) > 1:
                items.append(f"<li style='list-style: none; font-weight: 700;'>"
                             f"{html.escape(_('Bord {n}').format(n=table_no))}</li>")
            items += [f"<li>{html.escape(t)}</li>" for t in texts]
        blocks.append(
            "<section style='border-top: 6px solid #1d4e89; padding-top: 1vh;'>"
            f"<h2 style='font-size: {html.escape(str(round(px * 1.15)))}px !important; margin: 0 0 1vh 0;'>"
            f"{html.escape(area.title or _('Uden fokusområde'))}</h2>"
            f"<ul style='margin: 0; padding-left: 1.2em;'>{''.join(items)}</ul></section>")
    # the page's own rule sets list text to 3vh: this view's size wins inside its grid
    st.html("".join([f"<style>.vd-challenges li {{font-size: {html.escape(str(px))}px !important; "
                     "line-height: 1.25;}</style>",
                     f"<div class='vd-challenges' style='display: grid; grid-template-columns: {html.escape(' '.join(['1fr'] * columns))}; "
                     "gap: 3vh 3vw; margin-top: 2vh;'>", *blocks, "</div>"]))
