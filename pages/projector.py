"""The big screen: join QR and live count, then results when the organiser reveals them.

The screen is drawn in a fragment (no page reload, no flicker) from one shared, cached
aggregate per event, so several screens cost the voters little. It asks the server twice
a second whether anything has changed (``vision.ui.watch``, answered from memory) and
draws again only when it has: while a hall votes that is about twice a second, in a
break or while results are on screen it is not at all. A vote reaches the screen within
about 1.5 s at p95 (docs/performance.md).
"""

from __future__ import annotations

import html

import streamlit as st

from vision import consultation, plenum, programme, screens
from vision.api import SCREEN_PATH
from vision.charts import projector as charts
from vision.charts.projector_points import points_layout
from vision.qr import qr_png
from vision.ui import challenge_views, style
from vision.ui.auth import require_role
from vision.ui.day_review import named_groups
from vision.ui.example_label import screen_badge
from vision.ui.figures import shared_figure
from vision.ui.i18n import _, current_language
from vision.ui.pick import choose_event, join_url
from vision.ui.plenum_view import screen_plenum
from vision.ui.programme_view import screen_programme
from vision.ui.runtime import get_results_cache, get_store
from vision.ui.viewport import viewport
from vision.ui.watch import watch

require_role("organiser")
style.projector()
store = get_store()
event = choose_event(store, sidebar=True)
cache = get_results_cache()
url = join_url(event.code)
REFRESH_SECONDS = 0.5
STATIC = {"displayModeBar": False, "staticPlot": True}


@st.cache_data(show_spinner=False, max_entries=32)
def qr_image(data: str, scale: int) -> bytes:
    """The join QR as PNG, made once per URL and size rather than every second on every screen."""
    return qr_png(data, scale=scale)


def heading(text: str) -> None:
    """One line of heading (our own markup; the organiser's title is escaped)."""
    st.html(f'<h1 class="vd-head">{html.escape(text)}</h1>')


def hidden_text(text: str) -> None:
    """A figure's text alternative: read by a screen reader, not drawn on the screen."""
    st.html(f'<p class="vd-sr">{html.escape(text)}</p>')


def qr(width: int) -> None:
    st.image(qr_image(url, scale=14 if width > 300 else 8), width=width,
             alt=_("QR-kode til at deltage: {url}").format(url=url))


def join_panel(screen: charts.Screen, joined: int) -> None:
    heading(event.title)
    left, right = st.columns([2, 3], vertical_alignment="center")
    with left:
        qr(min(int(screen.height * 0.62), int(screen.width * 0.36)))
    with right:
        st.markdown(f"## {_('Deltag på din telefon')}")
        st.markdown(_("Scan QR-koden, eller gå til"))
        st.code(url, language=None)
        st.metric(_("Deltagere"), joined)


def figure(res, name: str, screen: charts.Screen, build):
    """A chart of these results at this size, built once for all screens (vision/ui/figures.py)."""
    return shared_figure((res.event_id, res.version, res.computed_at, current_language(), name,
                          screen.width, screen.height), build)


def results_panel(res, rr, screen: charts.Screen) -> None:
    heading(rr.title)
    groups = named_groups(store, event.id, [d.draft_id for d in rr.drafts]) if rr.kind == "scoring" else []
    if rr.kind == "scoring" and rr.drafts:
        fig = figure(res, f"s{rr.round_id}", screen, lambda: charts.scoring_screen(rr, res.criteria, screen,
                                                                                  groups=groups))
    elif rr.kind == "paradox" and rr.paradoxes:
        fig = figure(res, f"p{rr.round_id}", screen, lambda: charts.paradox_screen(rr.paradoxes, screen))
    elif rr.kind == "focus" and rr.focus:
        fig = figure(res, f"f{rr.round_id}", screen, lambda: charts.focus_screen(rr.focus, screen))
    else:
        st.markdown("## " + _("{n} forslag er indsendt.").format(n=rr.respondents))
        return
    st.plotly_chart(fig, width="stretch", key=f"res{rr.round_id}", config=STATIC, theme=None)
    hidden_text(charts.screen_summary(rr, res.criteria, groups))


def statements(rr) -> None:
    """While a paradox round is open, the hall sees what it is placing itself between."""
    items = []
    for p in rr.paradoxes:
        items.append(f"<li><div>{html.escape(p.title)}</div><div class='vd-poles'>"
                     f"<span>← {html.escape(p.left_label)}</span><span>{html.escape(p.right_label)} →</span>"
                     "</div></li>")
    st.html(f"<ul class='vd-statements'>{''.join(items)}</ul>")


def round_panel(res, rr, screen: charts.Screen) -> None:
    heading(rr.title)
    main, side = st.columns([3, 1], gap="large")
    with main:
        can = res.can_answer(rr)           # a round for one group counts that group
        st.metric(_("Har svaret"), f"{rr.respondents} / {can}")
        answered = shared_figure(("answered", rr.respondents, can, screen.height),
                                 lambda: charts.answered_screen(rr.respondents, can, screen))
        st.plotly_chart(answered, width="stretch", key=f"answered{rr.round_id}", config=STATIC, theme=None)
        hidden_text(_("{n} af {total} deltagere har svaret.").format(n=rr.respondents, total=can))
        if rr.kind == "paradox" and rr.status == "open":
            statements(rr)
        elif rr.status == "open":
            st.markdown(_("Resultaterne vises, når arrangøren frigiver dem."))
    with side:
        qr(min(int(screen.height * 0.3), int(screen.width * 0.2)))
        st.code(url, language=None)


def points_panel(screen: charts.Screen) -> None:
    """The consultation answers the organiser picked before the day, in the order picked, as
    large as lets them all fit (vision/charts/projector_points.py)."""
    heading(_("Fra høringen før dagen"))
    points = consultation.projector_points(store, event.id)
    if not points:
        st.markdown("## " + _("Der er ikke valgt punkter fra høringen."))
        return
    blocks = [[f"{p.body} · {p.topic}", p.question, p.text] for p in points]
    layout = points_layout(blocks, screen)
    size = f"font-size: {layout.font_px}px; line-height: {charts.LINE_H};"
    items = "".join(
        f"<li style='{html.escape(size)}'><div class='vd-point-meta' style='{html.escape(size)}'>{html.escape(meta)}</div>"
        f"<div class='vd-point-question' style='{html.escape(size)}'>{html.escape(question)}</div>"
        f"<div class='vd-point-text' style='{html.escape(size)}'>{html.escape(text)}</div></li>"
        for meta, question, text in blocks[:layout.shown])
    more = len(points) - layout.shown
    if more:
        items += (f"<li class='vd-point-more' style='{html.escape(size)}'>"
                  + html.escape(_("{n} punkter mere er valgt, men er der ikke plads til.").format(n=more))
                  + "</li>")
    st.html("".join(["<ul class='vd-points'>", items, "</ul>"]))


@st.fragment
def live() -> None:
    screen = charts.Screen(*viewport())
    res = cache.get(store, event.id)
    choice = screens.choice(event.id)
    open_rounds = [r for r in res.rounds if r.status == "open"]
    revealed = [r for r in res.rounds if r.revealed]
    watch(key="screen", url=SCREEN_PATH, body={"event": event.id, "sig": screens.signature(event.id)},
          state=screens.stamp(res.version, choice), every=REFRESH_SECONDS)
    screen_badge(store, event, screen.text_px)
    if choice == screens.POINTS:
        points_panel(screen)
        return
    if choice == screens.CHALLENGES:
        challenge_views.projector_panel(store, event, screen.width, screen.height)
        return
    if choice == screens.PLENUM:
        screen_plenum(plenum.view(store, event.id), screen)
        return
    if choice == screens.PROGRAMME or (choice == screens.AUTO and not open_rounds and not revealed):
        prog = programme.programme(store, event.id)
        # Between rounds the programme, once the organiser has marked what is happening now.
        if choice == screens.PROGRAMME or prog.now is not None:
            screen_programme(_("Dagens program"), prog.items, prog.now, screen.width, screen.height)
            return
    if choice == screens.JOIN or (choice == "auto" and not open_rounds and not revealed):
        join_panel(screen, res.joined)
        return
    rr = res.round(choice) if isinstance(choice, int) else None
    if rr is None:
        rr = open_rounds[0] if open_rounds else revealed[-1]
    if rr.revealed:
        results_panel(res, rr, screen)
    else:
        round_panel(res, rr, screen)


live()
