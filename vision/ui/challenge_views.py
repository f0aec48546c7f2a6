"""The officials' chosen challenges for the organiser: a section of the control page and
the big screen's view, each focus area with the three challenges its tables chose."""

from __future__ import annotations

import html

import streamlit as st

from vision import challenges, screens
from vision.ui.i18n import _
from vision.ui.text import md_literal


def control_section(store, event) -> None:
    chosen = challenges.chosen_by_focus_area(store, event.id)
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


def projector_panel(store, event) -> None:
    """Each focus area's chosen challenges side by side, two areas to a row, as large as the
    longest area lets them be (never below 2.5 % of the screen's height)."""
    chosen = challenges.chosen_by_focus_area(store, event.id)
    st.html(f'<h1 class="vd-head">{html.escape(_("Embedsværkets udfordringer"))}</h1>')
    if not chosen:
        st.markdown("## " + _("Ingen bord har valgt sine 3 udfordringer endnu."))
        return
    longest = max(sum(len(texts) + (1 if len(area.tables) > 1 else 0) for _t, texts in area.tables)
                  for area in chosen)
    rows = (len(chosen) + 1) // 2
    size = max(2.5, min(3.4, 80 / (rows * (longest + 1.6)) / 1.3))
    blocks = []
    for area in chosen:
        items = []
        for table_no, texts in area.tables:
            if len(area.tables) > 1:
                items.append(f"<li class='vd-ch-table'>{html.escape(_('Bord {n}').format(n=table_no))}</li>")
            items += [f"<li>{html.escape(t)}</li>" for t in texts]
        blocks.append(
            "<section style='border-top: 0.5vh solid #1d4e89; padding-top: 1vh;'>"
            f"<h2 style='font-size: {size * 1.15:.2f}vh; margin: 0 0 1vh 0;'>"
            f"{html.escape(area.title or _('Uden fokusområde'))}</h2>"
            f"<ul style='font-size: {size:.2f}vh; line-height: 1.25; margin: 0; padding-left: 1.2em;'>"
            f"{''.join(items)}</ul></section>")
    st.html("<div style='display: grid; grid-template-columns: 1fr 1fr; gap: 3vh 3vw; margin-top: 2vh;'>"
            + "".join(blocks) + "</div>")
