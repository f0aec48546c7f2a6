"""Figures for the consultation before the day: who has answered. Pure functions."""

from __future__ import annotations

import plotly.graph_objects as go

from vision.charts.template import SIMPLE_WHITE
from vision.consultation import Progress
from vision.i18n import N_, gettext

# Okabe-Ito colours, each state also named in text (never colour alone).
STATE_COLOURS = {N_("Svaret"): "#009E73", N_("Påbegyndt, ikke sendt"): "#E69F00", N_("Mangler"): "#8C8C8C"}


def progress_figure(progress: Progress, lang: str = "da") -> go.Figure:
    """One row per body, a marker coloured and labelled by its state; the title says
    '7 af 12 har svaret'."""
    _ = (lambda m: gettext(m, lang))
    answered = {b.id for b in progress.answered}
    drafting = {b.id for b in progress.drafting}
    bodies = sorted(progress.answered + progress.missing, key=lambda b: b.position)
    fig = go.Figure()
    for state, colour in STATE_COLOURS.items():
        members = [b for b in bodies
                   if (state == "Svaret" and b.id in answered)
                   or (state == "Påbegyndt, ikke sendt" and b.id in drafting)
                   or (state == "Mangler" and b.id not in answered and b.id not in drafting)]
        fig.add_trace(go.Bar(
            y=[b.name for b in members], x=[1] * len(members), orientation="h", name=f"{_(state)} ({len(members)})",
            marker=dict(color=colour), text=[_(state)] * len(members), textposition="inside",
            insidetextanchor="start", textfont=dict(color="#000000" if colour != "#8C8C8C" else "#ffffff"),
            hovertemplate="%{y}: " + _(state) + "<extra></extra>"))
    title = _("{n} af {total} har svaret").format(n=len(progress.answered), total=progress.total)
    fig.update_layout(
        title=dict(text=title, x=0, font=dict(size=18)), barmode="stack", template=SIMPLE_WHITE,
        height=90 + 26 * max(1, len(bodies)), margin=dict(l=10, r=10, t=50, b=10),
        xaxis=dict(visible=False, range=[0, 1]),
        yaxis=dict(categoryorder="array", categoryarray=[b.name for b in reversed(bodies)], title=None),
        legend=dict(orientation="h", y=-0.02, yanchor="top", x=0),
        font=dict(family="Source Sans Pro, sans-serif", size=14, color="#000000"),
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
    )
    return fig
