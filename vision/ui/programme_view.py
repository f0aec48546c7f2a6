"""The programme with the item happening now: on a waiting phone, on the big screen, and
the organiser's controls that move now (``vision.programme``)."""

from __future__ import annotations

import html

import streamlit as st

from vision import programme
from vision.errors import UserError
from vision.ui.i18n import _
from vision.ui.runtime import show_error

PHONE_CSS = """
<style>
.vd-prog {list-style: none; margin: 0 !important; padding: 0 !important;}
.vd-prog li {display: flex; gap: 0.8rem; padding: 0.5rem 0.6rem; border-left: 4px solid transparent;
  font-size: 1.05rem; line-height: 1.35;}
.vd-prog .vd-prog-time {min-width: 3.2rem; font-variant-numeric: tabular-nums; color: #374151;}
.vd-prog li.vd-now {border-left-color: #0b5394; background: #e8f0fa; font-weight: 700;}
.vd-prog .vd-now-tag {display: inline-block; margin-right: 0.4rem; padding: 0 0.4rem; border-radius: 0.3rem;
  background: #0b5394; color: #ffffff; font-size: 0.9em;}
.vd-prog .vd-prog-detail {display: block; font-weight: 400; margin-top: 0.2rem;}
.vd-prog li.vd-done {color: #4b5563;}
.vd-prog .vd-prog-mark, .vd-prog-screen .vd-prog-mark {font-weight: 400; font-style: italic;}
</style>
"""

SCREEN_CSS = """
<style>
.vd-prog-screen {list-style: none; margin: 0 !important; padding: 0 !important;}
.vd-prog-screen li {display: flex; gap: 0.6em; margin: 0 0 0.45em 0; padding: 0 0.3em; line-height: 1.25;
  border-left: 0.25em solid transparent;}
.vd-prog-screen .vd-prog-time {flex: 0 0 4em; font-variant-numeric: tabular-nums;}
.vd-prog-screen li.vd-now {border-left-color: #0b5394; background: #e8f0fa; font-weight: 700;}
.vd-prog-screen li.vd-done {color: #374151;}
.vd-prog-screen .vd-prog-detail {display: block; font-weight: 400;}
.vd-prog-screen .vd-now-tag {display: inline-block; margin-right: 0.4em; padding: 0 0.3em; border-radius: 0.2em;
  background: #0b5394; color: #ffffff;}
</style>
"""


def _item_html(item, index: int, now: int | None, *, detail_always: bool, style: str = "") -> str:
    state = "vd-now" if index == now else ("vd-done" if now is not None and index < now else "")
    tag = f"<span class='vd-now-tag'>{html.escape(_('Nu'))}</span>" if index == now else ""
    # Now is said in words too (not only by colour): a screen reader hears "Nu" and aria-current.
    current = " aria-current='step'" if index == now else ""
    detail = (f"<span class='vd-prog-detail'>{html.escape(item.detail)}</span>"
              if item.detail and (detail_always or index == now) else "")
    # An item the sources' programme does not have says so, in words after its title.
    said = programme.mark(item)
    mark = f" <span class='vd-prog-mark'>({html.escape(_(said))})</span>" if said else ""
    return "".join([f"<li class='{html.escape(state)}'", current, style,
                    f"><span class='vd-prog-time'>{html.escape(item.at_time or '')}</span><span>", tag,
                    html.escape(item.title), mark, detail, "</span></li>"])


def phone_programme(items, now: int | None) -> None:
    """The programme on a waiting phone, the item happening now marked."""
    if not items:
        return
    st.subheader(_("Dagens program"), anchor=False)
    if now is not None:
        st.caption(_("Nu: {title}").format(title=items[now].title))
    rows = "".join(_item_html(item, i, now, detail_always=True) for i, item in enumerate(items))
    st.html("".join([PHONE_CSS, f"<ol class='vd-prog' aria-label='{html.escape(_('Dagens program'))}'>", rows, "</ol>"]))


def screen_programme(title: str, items, now: int | None, width: int, height: int) -> None:
    """The programme on the big screen, as large as lets every item fit the window (or the
    items nearest now), never smaller than 1/40 of the window's height."""
    st.html(f'<h1 class="vd-head">{html.escape(title)}</h1>')
    if not items:
        st.markdown("## " + _("Der er intet program for dagen."))
        return
    layout = programme.screen_layout(items, now, width, height)
    size = f" style='font-size: {html.escape(str(layout.font_px))}px'"
    rows = "".join(_item_html(items[i], i, now, detail_always=False, style=size)
                   for i in range(layout.first, layout.last))
    st.html("".join([SCREEN_CSS, f"<ol class='vd-prog-screen' aria-label='{html.escape(_('Dagens program'))}'>", rows,
                     "</ol>"]))


def controls(store, actor: str, event_id: int) -> None:
    """The organiser moves now forward or back, or picks the item, on the control page."""
    prog = programme.programme(store, event_id)
    st.subheader(_("Programmet"))
    if not prog.items:
        st.caption(_("Begivenheden har intet program. Skriv programmet under Opsætning."))
        return

    def run(fn, *args) -> None:
        try:
            fn(store, actor, event_id, *args)
        except UserError as err:
            show_error(err)
        else:
            st.rerun()

    st.markdown(_("**Nu:** {title}").format(title=prog.current.title) if prog.current
                else _("**Nu:** intet punkt er markeret endnu."))
    a, b = st.columns(2)
    if a.button(_("Forrige punkt"), key="prog_back", icon=":material/skip_previous:", width="stretch",
                disabled=prog.now is None or prog.now == 0):
        run(programme.step, -1)
    if b.button(_("Næste punkt"), key="prog_next", icon=":material/skip_next:", type="primary", width="stretch",
                disabled=prog.at_end):
        run(programme.step, 1)
    labels = [f"{item.at_time + ' ' if item.at_time else ''}{item.title}" for item in prog.items]
    picked = st.selectbox(_("Punkt i programmet"), list(range(len(labels))), index=prog.now,
                          format_func=lambda i: labels[i], placeholder=_("Vælg punktet, der er i gang"),
                          key=f"prog_pick{prog.now}")
    if picked is not None and picked != prog.now:
        run(programme.set_now, picked)
