"""Figures for live and revealed results. Pure functions: results in, figure out."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from vision.charts.template import SIMPLE_WHITE
from vision.results import DraftResult, FocusResult, ParadoxResult, RoundResults, ranking

BLUE = "#0b5394"
ORANGE = "#b45309"
GREY = "#6b7280"
PALETTE = ["#0b5394", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a16207"]


def _wrap(text: str, width: int = 28) -> str:
    """Wrap text onto lines for a chart label; the text is shown literally (escaped)."""
    return "<br>".join(_escape(line) for line in textwrap.wrap(text, width)) or _escape(text)


def _layout(fig: go.Figure, big: bool, height: int | None = None) -> go.Figure:
    size = 22 if big else 14
    fig.update_layout(
        template=SIMPLE_WHITE, font=dict(size=size, color="#000000", family="Source Sans Pro, sans-serif"),
        margin=dict(l=10, r=20, t=50 if big else 36, b=10), height=height,
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", showlegend=False,
    )
    return fig


def short_text(text: str, limit: int = 42) -> str:
    """The start of a draft's text, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _escape(text: str) -> str:
    """Plotly renders a few HTML tags in text; show user text literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def criterion_bars(d: DraftResult, criteria, big: bool = False, title: str | None = None) -> go.Figure:
    """Mean score (1-5) per criterion of one draft, top criterion first."""
    labels = [c.label for c in criteria]
    means = [d.criterion_means.get(c.key) for c in criteria]
    text = ["–" if m is None else f"{m:.1f}".replace(".", ",") for m in means]
    fig = go.Figure(go.Bar(x=[m or 0 for m in means], y=labels, orientation="h", marker_color=BLUE,
                           text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(range=[0, 5.4], dtick=1, title=None)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=title)
    fig = _layout(fig, big, height=(70 + 42 * len(labels) if big else 60 + 32 * len(labels)) + (40 if title else 0))
    if title:
        fig.update_layout(margin=dict(t=100 if big else 70))
    return fig


def ranking_bars(rr: RoundResults, big: bool = False) -> go.Figure:
    """Drafts by overall mean, best on top; hidden where too few answered."""
    index = {d.draft_id: i for i, d in enumerate(rr.drafts, start=1)}
    ranked = ranking(rr)
    labels = [_wrap(f"{index[d.draft_id]}. {short_text(d.text, 44 if big else 32)}", 34 if big else 26)
              for d in ranked]
    values = [d.mean or 0 for d in ranked]
    text = [("for få svar" if d.mean is None else f"{d.mean:.2f}".replace(".", ",")) for d in ranked]
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", marker_color=ORANGE, text=text,
                           textposition="outside", cliponaxis=False))
    fig.update_xaxes(range=[0, 5.6], dtick=1, title="Gennemsnit (1-5)")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, big, height=100 + (64 if big else 50) * max(1, len(ranked)))


def paradox_histogram(p: ParadoxResult, big: bool = False) -> go.Figure:
    """Where the room placed itself between the two poles, with the median marked."""
    fig = go.Figure(go.Histogram(x=list(p.positions), xbins=dict(start=-100, end=100.01, size=20),
                                 marker_color=BLUE, marker_line_color="#ffffff", marker_line_width=2))
    if p.median is not None:
        fig.add_vline(x=p.median, line_width=4, line_color=ORANGE,
                      annotation_text=f"Median {p.median:.0f}", annotation_position="top")
    fig.update_xaxes(range=[-105, 105], tickvals=[-100, -50, 0, 50, 100],
                     ticktext=[_wrap(p.left_label, 18), "", "Midt", "", _wrap(p.right_label, 18)])
    fig.update_yaxes(title="Antal", rangemode="tozero")
    fig.update_layout(title=_escape(p.title), bargap=0.05)
    return _layout(fig, big, height=420 if big else 300)


def focus_bars(items: tuple[FocusResult, ...], big: bool = False) -> go.Figure:
    shown = [f for f in items]
    if shown and shown[0].mode == "rank":
        ordered = sorted(shown, key=lambda f: (f.value is None, f.value or 0))
        axis = "Gennemsnitlig plads (1 = vigtigst)"
        fmt = "{:.1f}"
    else:
        ordered = sorted(shown, key=lambda f: (f.value is None, -(f.value or 0)))
        axis = "Point i alt"
        fmt = "{:.0f}"
    labels = [_wrap(f.title, 34 if big else 26) for f in ordered]
    text = ["for få svar" if f.value is None else fmt.format(f.value).replace(".", ",") for f in ordered]
    fig = go.Figure(go.Bar(x=[f.value or 0 for f in ordered], y=labels, orientation="h", marker_color="#047857",
                           text=text, textposition="outside", cliponaxis=False))
    fig.update_xaxes(title=axis, rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, big, height=120 + (100 if big else 60) * max(1, len(ordered)))


def radar(drafts: list[tuple[str, DraftResult]], criteria, big: bool = False) -> go.Figure:
    """Several drafts' criterion means on one radar, for comparison."""
    fig = go.Figure()
    labels = [c.label for c in criteria]
    for i, (name, d) in enumerate(drafts):
        values = [d.criterion_means.get(c.key) or 0 for c in criteria]
        fig.add_trace(go.Scatterpolar(r=values + values[:1], theta=labels + labels[:1], name=name,
                                      line_color=PALETTE[i % len(PALETTE)], fill="toself", opacity=0.55))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], dtick=1)), showlegend=True)
    fig = _layout(fig, big, height=520 if big else 420)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.15))
    return fig


def change_bars(labels: list[str], changes: list[float | None], big: bool = False) -> go.Figure:
    """Change in mean between two rounds per draft (positive: better after the debate)."""
    colors = [GREY if c is None else ("#047857" if c >= 0 else "#be123c") for c in changes]
    text = ["for få svar" if c is None else f"{c:+.2f}".replace(".", ",") for c in changes]
    fig = go.Figure(go.Bar(x=[c or 0 for c in changes], y=[_wrap(x, 26) for x in labels], orientation="h",
                           marker_color=colors, text=text, textposition="outside", cliponaxis=False))
    fig.update_xaxes(title="Ændring i gennemsnit", zeroline=True, zerolinewidth=2)
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, big, height=120 + 60 * max(1, len(labels)))


def participation_bars(counts: dict[str, int], big: bool = False) -> go.Figure:
    labels = list(counts)
    fig = go.Figure(go.Bar(x=labels, y=[counts[k] for k in labels], marker_color=BLUE,
                           text=[counts[k] for k in labels], textposition="outside", cliponaxis=False))
    fig.update_yaxes(rangemode="tozero", title=None)
    return _layout(fig, big, height=320)


def change_by_group_bars(table, labels: dict[int, str], group_names: dict[str, str]) -> go.Figure:
    """Change in mean per draft, one bar per participant group; hidden groups are left out
    and named in the legend as 'for få svar'."""
    fig = go.Figure()
    for i, (grp, name) in enumerate(group_names.items()):
        part = table[table.group == grp]
        shown = part[part.change.notna()]
        legend = name if not shown.empty else f"{name} (for få svar)"
        fig.add_trace(go.Bar(name=legend, y=[_wrap(labels[d], 26) for d in shown.draft_id],
                             x=list(shown.change), orientation="h", marker_color=PALETTE[i % len(PALETTE)],
                             text=[f"{c:+.2f}".replace(".", ",") for c in shown.change], textposition="outside",
                             cliponaxis=False))
    fig.update_xaxes(title="Ændring i gennemsnit", zeroline=True, zerolinewidth=2)
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, False, height=140 + 80 * max(1, len(labels)))
    fig.update_layout(barmode="group", showlegend=True, legend=dict(orientation="h", y=-0.25))
    return fig


def answered_bar(answered: int, joined: int) -> go.Figure:
    """A thick bar for the back of the hall: how many of those who joined have answered."""
    total = max(joined, answered, 1)
    fig = go.Figure([
        go.Bar(x=[answered], y=[""], orientation="h", marker_color=BLUE, hoverinfo="skip"),
        go.Bar(x=[total - answered], y=[""], orientation="h", marker_color="#e5e7eb", hoverinfo="skip"),
    ])
    fig.update_layout(barmode="stack", height=110, margin=dict(l=0, r=0, t=0, b=0), showlegend=False,
                      template=SIMPLE_WHITE, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff")
    fig.update_xaxes(visible=False, range=[0, total])
    fig.update_yaxes(visible=False)
    return fig


def group_participation_bars(groups: list[str], joined: list[int], answered: list[int],
                             joined_name: str = "Deltagere", answered_name: str = "Har svaret") -> go.Figure:
    """Joined and answered per participant group, as horizontal bars so that every group's
    name is written out in full beside its bars (never cut, at any width)."""
    labels = [_escape(g) for g in groups]
    fig = go.Figure([
        go.Bar(name=joined_name, y=labels, x=list(joined), orientation="h", marker_color="#cbd5e1",
               text=list(joined), textposition="outside", cliponaxis=False),
        go.Bar(name=answered_name, y=labels, x=list(answered), orientation="h", marker_color=BLUE,
               text=list(answered), textposition="outside", cliponaxis=False),
    ])
    fig.update_yaxes(autorange="reversed", automargin=True, ticks="")
    fig.update_xaxes(rangemode="tozero", automargin=True)
    fig = _layout(fig, False, height=90 + 46 * max(1, len(groups)))
    fig.update_layout(barmode="group", showlegend=True, legend=dict(orientation="h", y=-0.2, x=0),
                      margin=dict(l=10, r=30, t=10, b=10))
    return fig
