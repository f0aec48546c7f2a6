"""The big screen: join QR and live count, then results when the organiser reveals them.

The screen is drawn in a fragment (no page reload, no flicker) from one shared, cached
aggregate per event, so several screens cost the voters little. It asks the server twice
a second whether anything has changed (``vision.ui.watch``, answered from memory) and
draws again only when it has: while a hall votes that is about twice a second, in a
break or while results are on screen it is not at all. A vote reaches the screen within
about 1.5 s at p95 (docs/performance.md).
"""

from __future__ import annotations

import streamlit as st

from vision import screens
from vision.api import SCREEN_PATH
from vision.charts import results as charts
from vision.qr import qr_png
from vision.ui import style
from vision.ui.auth import require_role
from vision.ui.figures import shared_figure
from vision.ui.i18n import _, current_language
from vision.ui.pick import choose_event, join_url
from vision.ui.runtime import get_results_cache, get_store
from vision.ui.watch import watch

require_role("organiser")
style.projector()
store = get_store()
event = choose_event(store, sidebar=True)
cache = get_results_cache()
url = join_url(event.code)
REFRESH_SECONDS = 0.5


@st.cache_data(show_spinner=False, max_entries=32)
def qr_image(data: str, scale: int) -> bytes:
    """The join QR as PNG, made once per URL and size rather than every second on every screen."""
    return qr_png(data, scale=scale)


def join_panel(joined: int, compact: bool = False) -> None:
    if compact:  # beside a round in progress: the way in for late arrivals
        st.image(qr_image(url, scale=8), width=260)
        st.markdown(f"`{url}`")
        return
    left, right = st.columns([2, 3])
    with left:
        st.image(qr_image(url, scale=14), width=420)
    with right:
        st.markdown(f"## {_('Deltag på din telefon')}")
        st.markdown(_("Scan QR-koden, eller gå til"))
        st.markdown(f"### `{url}`")
        st.metric(_("Deltagere"), joined)


def figure(res, name: str, build):
    """A chart of these results, built once for all screens (see vision/ui/figures.py)."""
    return shared_figure((res.event_id, res.version, res.computed_at, current_language(), name), build)


def results_panel(res, rr) -> None:
    st.markdown(f"## {rr.title}")
    if rr.kind == "scoring":
        index = {d.draft_id: i for i, d in enumerate(rr.drafts, start=1)}
        st.plotly_chart(figure(res, f"rank{rr.round_id}", lambda: charts.ranking_bars(rr, big=True)),
                        width="stretch", key=f"rank{rr.round_id}",
                        config={"displayModeBar": False, "staticPlot": True}, theme=None)
        shown = [d for d in rr.drafts if not d.suppressed]
        cols = st.columns(min(3, max(1, len(shown))))
        for i, d in enumerate(shown):
            with cols[i % len(cols)]:
                st.plotly_chart(figure(res, f"d{rr.round_id}_{d.draft_id}", lambda d=d: charts.criterion_bars(
                                    d, res.criteria, big=True, title=charts.draft_title(d, index[d.draft_id]))),
                                width="stretch", key=f"d{rr.round_id}_{d.draft_id}",
                                config={"displayModeBar": False, "staticPlot": True}, theme=None)
    elif rr.kind == "paradox":
        for p in rr.paradoxes:
            if p.suppressed:
                st.markdown(f"### {p.title}: " + _("for få svar til at vise resultatet"))
            else:
                st.plotly_chart(figure(res, f"p{rr.round_id}_{p.paradox_id}", lambda p=p: charts.paradox_histogram(
                                    p, big=True)), width="stretch",
                                key=f"p{rr.round_id}_{p.paradox_id}",
                                config={"displayModeBar": False, "staticPlot": True}, theme=None)
    elif rr.kind == "focus":
        st.plotly_chart(figure(res, f"f{rr.round_id}", lambda: charts.focus_bars(rr.focus, big=True)),
                        width="stretch", key=f"f{rr.round_id}",
                        config={"displayModeBar": False, "staticPlot": True}, theme=None)
    else:
        st.markdown(_("{n} forslag er indsendt.").format(n=rr.respondents))


@st.fragment
def live() -> None:
    res = cache.get(store, event.id)
    choice = screens.choice(event.id)
    open_rounds = [r for r in res.rounds if r.status == "open"]
    revealed = [r for r in res.rounds if r.revealed]
    st.markdown(f"# {event.title}")
    watch(key="screen", url=SCREEN_PATH, body={"event": event.id, "sig": screens.signature(event.id)},
          state=screens.stamp(res.version, choice), every=REFRESH_SECONDS)
    if choice == "join" or (choice == "auto" and not open_rounds and not revealed):
        join_panel(res.joined)
        return
    rr = res.round(choice) if isinstance(choice, int) else None
    if rr is None:
        rr = open_rounds[0] if open_rounds else revealed[-1]
    if rr.revealed:
        results_panel(res, rr)
    else:
        main, side = st.columns([3, 1], gap="large")
        with main:
            st.markdown(f"## {rr.title}")
            st.metric(_("Har svaret"), f"{rr.respondents} / {res.joined}")
            answered = shared_figure(("answered", rr.respondents, res.joined),
                                     lambda: charts.answered_bar(rr.respondents, res.joined))
            st.plotly_chart(answered, width="stretch",
                            key=f"answered{rr.round_id}", config={"displayModeBar": False, "staticPlot": True},
                            theme=None)
            if rr.status == "open":
                st.markdown(_("Resultaterne vises, når arrangøren frigiver dem."))
        with side:
            join_panel(res.joined, compact=True)


live()
