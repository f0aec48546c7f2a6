"""The plenum: the drafts of a drafting round on the big screen, grouped by focus area, and
the organiser's controls for it on the control page (``vision.plenum``)."""

from __future__ import annotations

import html

import streamlit as st

from vision import plenum, screens
from vision.charts.plenum_layout import group_layout, single_layout
from vision.charts.projector import LINE_H, Screen
from vision.errors import UserError
from vision.ui.i18n import _
from vision.ui.runtime import show_error

SCREEN_CSS = """
<style>
.vd-plenum-grid {display: grid; gap: 24px;}
.vd-plenum-cell {border: 3px solid #0b5394; border-radius: 12px; padding: 20px; overflow-wrap: anywhere;}
.vd-plenum-single {padding: 1vh 0; overflow-wrap: anywhere; font-weight: 600;}
.vd-plenum-meta {font-weight: 700; color: #1f2937;}
.vd-plenum-foot {color: #1f2937; margin-top: 1vh;}
.vd-plenum p {margin: 0;}
</style>
"""


def group_title(group: plenum.Group | None) -> str:
    if group is None:
        return _("Plenum")
    return _(plenum.OVERALL) if group.focus_area_id is None else group.title


def _meta(view: plenum.PlenumView, draft) -> str:
    n = [d.id for d in view.group.drafts].index(draft.id) + 1
    name = _("Forslag {n} af {total}").format(n=n, total=len(view.group.drafts))
    return name + (f" · {draft.label}" if draft.label else "")


def _style(font_px: float) -> str:
    """An inline style for text of this size (escaped where the markup is built)."""
    return html.escape(f"font-size: {font_px}px; line-height: {LINE_H};")


def screen_plenum(view: plenum.PlenumView | None, screen: Screen) -> None:
    """The group or the draft on screen, as large as the back-row rule and the window allow."""
    small = _style(screen.text_px)
    if view is None or view.group is None:
        st.html(f'<h1 class="vd-head">{html.escape(_("Plenum"))}</h1>')
        st.markdown("## " + _("Der er ingen forslag at vise i plenum."))
        return
    st.html(f'<h1 class="vd-head">{html.escape(group_title(view.group))}</h1>')
    if view.draft is not None:
        layout = single_layout(view.draft.text, screen)
        body = "".join([f"<div class='vd-plenum-meta' style='{html.escape(small)}'>",
                        html.escape(_meta(view, view.draft)), "</div>",
                        f"<div class='vd-plenum-single' style='{html.escape(_style(layout.font_px))}'>",
                        html.escape(view.draft.text), "</div>"])
        where = _("Forslag {n} af {total} i plenum").format(n=view.at + 1, total=len(view.slides))
    else:
        drafts = list(view.group.drafts)
        layout = group_layout([d.text for d in drafts], screen)
        big = _style(layout.font_px)
        cells = [f"<div class='vd-plenum-cell'><div class='vd-plenum-meta' style='{html.escape(small)}'>"
                 f"{html.escape(_meta(view, d))}</div><div style='{html.escape(big)}'>{html.escape(d.text)}</div></div>"
                 for d in drafts[:layout.shown]]
        more = len(drafts) - layout.shown
        if more:
            cells.append(f"<div style='{html.escape(small)}'>" + html.escape(
                _("{n} forslag mere er der ikke plads til; vis dem ét ad gangen.").format(n=more)) + "</div>")
        body = "".join([f"<div class='vd-plenum-grid' style='grid-template-columns: "
                        f"repeat({html.escape(str(layout.columns))}, 1fr);'>", *cells, "</div>"])
        where = _("Gruppe {n} af {total} i plenum").format(n=view.at + 1, total=len(view.slides))
    foot = f"<div class='vd-plenum-foot' style='{html.escape(small)}'>{html.escape(where + ' · ' + view.round.title)}</div>"
    st.html("".join([SCREEN_CSS, "<div class='vd-plenum'>", body, foot, "</div>"]))


def controls(store, actor: str, event_id: int, rounds, choice) -> None:
    """Pick a drafting round for the plenum, step through its groups or drafts, then open the
    vision test for them with one action."""
    drafting = plenum.drafting_rounds(rounds)
    st.subheader(_("Plenum"))
    if not drafting:
        st.caption(_("Begivenheden har ingen runde, hvor bordene skriver forslag."))
        return

    def run(fn, *args) -> bool:
        try:
            fn(store, actor, event_id, *args)
        except UserError as err:
            show_error(err)
            return False
        return True

    view = plenum.view(store, event_id)
    ids = [r.id for r in drafting]
    title = {r.id: r.title for r in drafting}
    a, b = st.columns([3, 2], vertical_alignment="bottom")
    picked = a.selectbox(_("Runde til plenum"), ids, format_func=title.get,
                         index=ids.index(view.round.id) if view and view.round.id in ids else 0, key="plenum_round")
    if b.button(_("Vis i plenum"), key="plenum_start", icon=":material/tv:", width="stretch",
                type="primary" if view is None else "secondary"):
        if run(plenum.start, picked):
            screens.set_choice(event_id, screens.PLENUM)
            st.rerun()
    if view is None:
        return
    if not view.groups:
        st.caption(_("Runden '{title}' har ingen forslag endnu.").format(title=view.round.title))
        return
    on_screen = choice == screens.PLENUM
    st.caption((_("På storskærmen: {what}") if on_screen else _("Klar til storskærmen: {what}")).format(
        what=group_title(view.group) + (" · " + _meta(view, view.draft) if view.draft else " · " + _("side om side"))))
    if not on_screen and st.button(_("Storskærm: plenum"), key="plenum_screen", width="stretch"):
        screens.set_choice(event_id, screens.PLENUM)
        st.rerun()
    single = st.segmented_control(_("Visning"), ["group", "single"], default="single" if view.draft else "group",
                                  format_func=lambda m: _("Side om side") if m == "group" else _("Ét forslag ad gangen"),
                                  key=f"plenum_mode{view.draft is not None}", required=True)
    if (single == "single") != (view.draft is not None):
        if run(plenum.show, view.group.focus_area_id, view.group.drafts[0].id if single == "single" else None):
            st.rerun()
    back, fwd = st.columns(2)
    if back.button(_("Forrige"), key="plenum_back", icon=":material/skip_previous:", width="stretch",
                   disabled=view.at == 0):
        if run(plenum.step, -1):
            st.rerun()
    if fwd.button(_("Næste"), key="plenum_next", icon=":material/skip_next:", width="stretch",
                  disabled=view.at >= len(view.slides) - 1):
        if run(plenum.step, 1):
            st.rerun()
    count = sum(len(g.drafts) for g in view.groups)
    if st.button(_("Åbn visionstesten for disse forslag"), key="plenum_open", type="primary", width="stretch",
                 icon=":material/play_circle:",
                 help=_("Godkender rundens {n} forslag, lukker runden og åbner den næste planlagte visionstest.").format(
                     n=count)):
        try:
            scoring = plenum.open_for_scoring(store, actor, event_id)
        except UserError as err:
            show_error(err)
        else:   # the vision test itself, also while another track of the slot is still open
            screens.set_choice(event_id, scoring.id)
            st.rerun()
