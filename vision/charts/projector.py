"""Figures for the big screen, sized to fit the screen they are shown on.

The rule for the back row of a hall: no text on the projector is smaller than 1/40 of
the screen's height (27 px at 1080 px, 18 px at 720 px), about the size of 7.5 mm
letters on a 3 m high picture, readable at 15-20 m. A round's results are one figure
whose height is the room the page leaves for it, laid out as small multiples (one panel
per draft or paradox) so that 6 drafts or 4 paradoxes fit on one screen without
scrolling. Pure functions: results and a :class:`Screen` in, a figure out.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from vision.charts.results import BLUE, ORANGE, _escape, short_text
from vision.charts.template import SIMPLE_WHITE
from vision.results import FocusResult, ParadoxResult, RoundResults, ranking

TEXT_RATIO = 40          # the smallest text is the screen's height divided by this
GREEN = "#047857"
FAMILY = "Source Sans Pro, sans-serif"
CHAR_W = 0.56            # a generous average glyph advance of the family, in ems
LINE_H = 1.25


@dataclass(frozen=True)
class Screen:
    """A browser window on the big screen, in CSS pixels."""

    width: int = 1920
    height: int = 1080

    @property
    def text_px(self) -> int:
        """The smallest text allowed on this screen."""
        return math.ceil(self.height / TEXT_RATIO)

    @property
    def chart_width(self) -> int:
        """The width of the page's content column (the page's side padding is 2.5 vw each)."""
        return int(self.width * 0.95)

    @property
    def chart_height(self) -> int:
        """The height a results figure may take: the window less the page's top and bottom
        padding (2 vh each), one heading line (6 vh with its margin) and one gap."""
        return int(self.height * 0.88) - 24


def _chars(px: float, font: int) -> int:
    """How many characters of ``font`` fit in ``px``."""
    return max(8, int(px / (font * CHAR_W)))


def _lines(text: str, width: int, max_lines: int = 2) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width) or [text]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = short_text(lines[-1] + " …", width)
    return lines


def _base(fig: go.Figure, font: int, height: int, margin: dict) -> go.Figure:
    fig.update_layout(
        template=SIMPLE_WHITE, height=height, margin=margin, showlegend=False,
        font=dict(size=font, color="#000000", family=FAMILY),
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
        uniformtext=dict(minsize=font, mode="show"),
        separators=",.",        # Danish numbers on the axes too (0,5), as in the bars' own labels
    )
    return fig


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _grid(n: int, most_columns: int) -> tuple[int, int]:
    cols = min(most_columns, max(1, n))
    if n == 4 and most_columns >= 2:
        cols = 2
    return math.ceil(max(1, n) / cols), cols


Groups = list[tuple[str, list[int]]]
"""Drafts grouped for the vision test's results: (the group's name, its draft ids), in order
(``vision.draft_kinds.results_groups``, named on the page)."""


def _in_groups(ranked: list, groups: Groups | None) -> list[tuple[str | None, int, object]]:
    """(group name or None, place, draft result): best first, or best first within each group."""
    if not groups:
        return [(None, i, d) for i, d in enumerate(ranked, start=1)]
    out = []
    for name, ids in groups:
        members = [d for d in ranked if d.draft_id in ids]
        out += [(name, i, d) for i, d in enumerate(members, start=1)]
    seen = {d.draft_id for _n, _i, d in out}
    out += [(None, i, d) for i, d in enumerate((d for d in ranked if d.draft_id not in seen), start=1)]
    return out


def scoring_screen(rr: RoundResults, criteria, screen: Screen = Screen(), height: int | None = None,
                   groups: Groups | None = None) -> go.Figure:
    """Every draft of a scoring round as one panel of criterion bars, best draft first, or,
    with ``groups`` (by focus area), group after group with the best first in each.

    A panel's title names its group (with groups), its place, the draft's number and overall
    mean, and the start of its text; the criteria are named once, at the left of each row of
    panels."""
    font = screen.text_px
    height = height or screen.chart_height
    index = {d.draft_id: i for i, d in enumerate(rr.drafts, start=1)}
    placed = _in_groups(ranking(rr), groups)
    rows, cols = _grid(len(placed), 3)
    labels = [c.label for c in criteria] or ["–"]
    label_px = max(len(x) for x in labels) * font * CHAR_W + 14
    panel_w = (screen.chart_width - label_px) / cols
    # With groups, the group's name above each panel's own two lines, on up to two lines of its own.
    name_lines = max((len(_lines(name, _chars(panel_w, font))) for name, _ids in groups), default=0) if groups else 0
    title_px = (2 + name_lines) * font * LINE_H + 8
    gap_px = font * 0.8
    v_space = (title_px + gap_px) / (height - title_px - 10) if rows > 1 else 0
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.035,
                        vertical_spacing=min(0.3, v_space))
    for i, (group, place, d) in enumerate(placed):
        r, c = i // cols + 1, i % cols + 1
        means = [d.criterion_means.get(k.key) for k in criteria]
        fig.add_trace(go.Bar(
            x=[0 if d.suppressed or m is None else m for m in means], y=labels, orientation="h",
            marker_color=BLUE, text=None if d.suppressed else [_number(m, 1) for m in means],
            textposition="outside", cliponaxis=False, textfont=dict(size=font),
            hoverinfo="skip"), row=r, col=c)
        # A draft with too few answers has no average, so no place in the order either.
        head = (f"Forslag {index[d.draft_id]} · for få svar" if d.suppressed or d.mean is None
                else f"Nr. {place} · Forslag {index[d.draft_id]} · gns. {_number(d.mean, 2)}")
        text = _escape(short_text(d.text, _chars(panel_w, font)))
        lines = [f"<b>{head}</b>", text]
        if groups:
            name = _lines(group or "", _chars(panel_w, font))
            name += [""] * (name_lines - len(name))           # every panel's bars start at the same height
            lines[:0] = [f"<b style='color:{GREEN}'>{_escape(x)}</b>" if x else " " for x in name]
        axis = "" if i == 0 else str(i + 1)
        fig.add_annotation(xref=f"x{axis} domain", yref=f"y{axis} domain", x=0, y=1, xanchor="left",
                           yanchor="bottom", align="left", showarrow=False, yshift=4,
                           text="<br>".join(lines), font=dict(size=font))
    fig.update_xaxes(range=[0, 6.2], showticklabels=False, ticks="", showline=True, linecolor="#9ca3af",
                     showgrid=False)
    # dtick 1: every criterion is named, even where the rows are tight (Plotly would skip some).
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=font), ticks="", dtick=1)
    return _base(fig, font, height, dict(l=10, r=10, t=int(title_px) + 4, b=6))


def paradox_screen(paradoxes: tuple[ParadoxResult, ...], screen: Screen = Screen(),
                   height: int | None = None) -> go.Figure:
    """Each paradox as a panel: its title, where the room placed itself (a histogram, the
    count on each bar, the median marked) and both poles named at their ends."""
    font = screen.text_px
    height = height or screen.chart_height
    rows, cols = _grid(len(paradoxes), 2)
    panel_w = screen.chart_width / cols
    title_lines = max(len(_lines(p.title, _chars(panel_w, font))) for p in paradoxes) if paradoxes else 1
    pole_lines = max((max(len(_lines(p.left_label, _chars(panel_w * 0.46, font))),
                          len(_lines(p.right_label, _chars(panel_w * 0.46, font)))) for p in paradoxes),
                     default=1)
    title_px = title_lines * font * LINE_H + 6
    pole_px = pole_lines * font * LINE_H + 10
    v_space = (title_px + pole_px + font) / (height - title_px - pole_px - 8) if rows > 1 else 0
    fig = make_subplots(rows=rows, cols=cols, horizontal_spacing=0.06, vertical_spacing=min(0.4, v_space))
    for i, p in enumerate(paradoxes):
        r, c = i // cols + 1, i % cols + 1
        axis = "" if i == 0 else str(i + 1)
        if p.suppressed:
            fig.add_trace(go.Bar(x=[0], y=[0], marker_color="#ffffff", hoverinfo="skip"), row=r, col=c)
            fig.add_annotation(xref=f"x{axis} domain", yref=f"y{axis} domain", x=0.5, y=0.5, showarrow=False,
                               text="for få svar til at vise resultatet", font=dict(size=font))
        else:
            counts = [0] * 10
            for pos in p.positions:
                counts[min(9, max(0, int((pos + 100) // 20)))] += 1
            centres = [-90 + 20 * k for k in range(10)]
            fig.add_trace(go.Bar(x=centres, y=counts, width=18, marker_color=BLUE, hoverinfo="skip"),
                          row=r, col=c)
            # The counts are annotations on a white ground: they are drawn above the median's
            # line, which would otherwise run through a count that stands where it passes.
            for x, n in zip(centres, counts):
                if n:
                    fig.add_annotation(xref=f"x{axis}", yref=f"y{axis}", x=x, y=n, yanchor="bottom",
                                       showarrow=False, text=str(n), font=dict(size=font),
                                       bgcolor="#ffffff", borderpad=1)
            if p.median is not None:
                fig.add_shape(type="line", xref=f"x{axis}", yref=f"y{axis} domain", x0=p.median, x1=p.median,
                              y0=0, y1=1, line=dict(color=ORANGE, width=5), opacity=1, layer="above")
            fig.add_shape(type="line", xref=f"x{axis}", yref=f"y{axis} domain", x0=0, x1=0, y0=0, y1=1,
                          line=dict(color="#6b7280", width=2, dash="dot"), layer="below")
            fig.update_yaxes(range=[0, max(counts) * 1.3 + 0.5], row=r, col=c)
        wrap = _chars(panel_w, font)
        fig.add_annotation(xref=f"x{axis} domain", yref=f"y{axis} domain", x=0, y=1, xanchor="left",
                           yanchor="bottom", align="left", showarrow=False, yshift=int(font * 0.4),
                           text="<b>" + "<br>".join(_escape(x) for x in _lines(p.title, wrap)) + "</b>"
                           + ("" if p.median is None else f"  <span style='color:{ORANGE}'>│ median</span>"),
                           font=dict(size=font))
        half = _chars(panel_w * 0.46, font)
        for x, anchor, label in ((0, "left", "← " + p.left_label), (1, "right", p.right_label + " →")):
            fig.add_annotation(xref=f"x{axis} domain", yref=f"y{axis} domain", x=x, y=0, xanchor=anchor,
                               yanchor="top", align=anchor, showarrow=False, yshift=-6,
                               text="<br>".join(_escape(s) for s in _lines(label, half)), font=dict(size=font))
    fig.update_xaxes(range=[-101, 101], showticklabels=False, ticks="", showline=True, linecolor="#6b7280",
                     zeroline=False)
    fig.update_yaxes(visible=False)
    return _base(fig, font, height, dict(l=10, r=10, t=int(title_px) + 8, b=int(pole_px)))


def focus_screen(items: tuple[FocusResult, ...], screen: Screen = Screen(), height: int | None = None) -> go.Figure:
    """The focus areas as bars, most important on top, each labelled in full."""
    font = screen.text_px
    height = height or screen.chart_height
    rank = bool(items) and items[0].mode == "rank"
    ordered = sorted(items, key=lambda f: (f.value is None, (f.value or 0) if rank else -(f.value or 0)))
    label_w = _chars(screen.chart_width * 0.4, font)
    labels = ["<br>".join(_escape(x) for x in _lines(f.title, label_w, 3)) for f in ordered]
    text = ["for få svar" if f.value is None else _number(f.value, 1 if rank else 0) for f in ordered]
    values = [f.value or 0 for f in ordered]
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", marker_color=GREEN, text=text,
                           textposition="outside", cliponaxis=False, textfont=dict(size=font),
                           hoverinfo="skip"))
    top = max(values, default=0) or 1
    fig.update_xaxes(range=[0, top * 1.15], title=dict(
        text="Gennemsnitlig plads (1 = vigtigst)" if rank else "Point i alt", font=dict(size=font)),
        tickfont=dict(size=font))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=font), ticks="")
    return _base(fig, font, height, dict(l=10, r=30, t=10, b=10))


def answered_screen(answered: int, joined: int, screen: Screen = Screen()) -> go.Figure:
    """A thick bar for the back of the hall: how many of those who joined have answered."""
    total = max(joined, answered, 1)
    fig = go.Figure([
        go.Bar(x=[answered], y=[""], orientation="h", marker_color=BLUE, hoverinfo="skip"),
        go.Bar(x=[total - answered], y=[""], orientation="h", marker_color="#e5e7eb", hoverinfo="skip"),
    ])
    fig.update_layout(barmode="stack", height=max(40, int(screen.height * 0.07)), margin=dict(l=0, r=0, t=0, b=0),
                      showlegend=False, template=SIMPLE_WHITE, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff")
    fig.update_xaxes(visible=False, range=[0, total])
    fig.update_yaxes(visible=False)
    return fig


def screen_summary(rr: RoundResults, criteria, groups: Groups | None = None) -> str:
    """The figure's numbers as one sentence, for a screen reader (the figure's text alternative)."""
    if rr.kind == "scoring":
        index = {d.draft_id: i for i, d in enumerate(rr.drafts, start=1)}
        parts = [(f"{group}: " if group and place == 1 else "") + f"Forslag {index[d.draft_id]}: " + (
                     "for få svar" if d.suppressed or d.mean is None else f"gennemsnit {_number(d.mean, 2)}")
                 for group, place, d in _in_groups(ranking(rr), groups)]
        order = "pr. fokusområde, bedst først i hvert" if groups else "bedst først"
        return f"{rr.title}. Forslag efter gennemsnit, {order}. " + "; ".join(parts) + "."
    if rr.kind == "paradox":
        parts = []
        for p in rr.paradoxes:
            where = ("for få svar" if p.suppressed or p.median is None else
                     f"median {p.median:.0f} på en skala fra -100 ({p.left_label}) til 100 ({p.right_label})")
            parts.append(f"{p.title}: {where}, {p.respondents} svar")
        return f"{rr.title}. " + "; ".join(parts) + "."
    if rr.kind == "focus":
        rank = bool(rr.focus) and rr.focus[0].mode == "rank"
        parts = [f"{f.title}: " + ("for få svar" if f.value is None else
                                   (f"plads {_number(f.value, 1)}" if rank else f"{_number(f.value, 0)} point"))
                 for f in rr.focus]
        return f"{rr.title}. " + "; ".join(parts) + "."
    return f"{rr.title}: {rr.respondents} forslag er indsendt."

