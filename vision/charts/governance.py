"""The governance map as a Plotly figure: bodies in layers by level, their relations,
the draft's path, and a legend sized to fit. Where each box stands is computed in
``vision.charts.governance_layout``.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from vision.charts.governance_layout import PHONE, LayoutSpec, border_point, compute_layout, legend_height
from vision.charts.marks import ASSUMED, INFERRED, dash as _dash, legend_marks as _marks
from vision.governance import LAYER, LEVELS, Governance
from vision.i18n import gettext

LEVEL_COLOURS = {
    "national": "#6B6B6B",
    "political": "#0B5FA5",
    "user_organisations": "#B8367A",
    "administrative": "#00796B",
    "secretariat": "#B35900",
    "network": "#6A4C93",
}
PATH_COLOUR = "#E69F00"
SELECTED_COLOUR = "#111111"
EDGE_COLOUR = "#9AA0A6"


def governance_figure(gov: Governance, *, selected: str | None = None,
                      spec: LayoutSpec = PHONE, show_path: bool = True,
                      lang: str = "da") -> go.Figure:
    """The map as a figure; ``customdata`` of the node trace holds each body's id."""
    _ = (lambda m: gettext(m, lang))
    lay = compute_layout(gov, spec)
    boxes = lay.boxes
    path_edges = gov.draft_edges() if show_path else set()
    step_of = {b.id: gov.draft_step_of(b.id) for b in gov.bodies} if show_path else {}
    fig = go.Figure()
    shapes: list[dict] = []
    annotations: list[dict] = []

    # layer bands with their title
    for i, (layer, top, bottom) in enumerate(lay.bands):
        if i % 2 == 0:
            shapes.append(dict(type="rect", xref="x", yref="y", x0=0, x1=lay.width,
                               y0=top, y1=bottom, fillcolor="#F5F6F7", line_width=0,
                               layer="below"))
        levels = [lv for lv, n in LAYER.items() if n == layer
                  and any(b.level == lv for b in gov.bodies)]
        title = " · ".join(_(LEVELS[lv]) for lv in levels)
        annotations.append(dict(x=2, y=top + 2, xref="x", yref="y", text=title.upper(),
                                showarrow=False, xanchor="left", yanchor="top",
                                font=dict(size=spec.font - 2, color="#555")))

    # edges: plain lines; the draft path thick and with arrowheads in its direction
    drawn: set[frozenset[str]] = set()
    for rel in gov.relations:
        pair = frozenset((rel.source, rel.target))
        if pair in drawn:
            continue
        drawn.add(pair)
        a, b = boxes[rel.source], boxes[rel.target]
        on_path = pair in path_edges
        touches = selected in pair
        if on_path:
            continue
        x0, y0 = border_point(a, b.x, b.y)
        x1, y1 = border_point(b, a.x, a.y)
        shapes.append(dict(type="line", xref="x", yref="y", x0=x0, y0=y0, x1=x1, y1=y1,
                           line=dict(color=SELECTED_COLOUR if touches else EDGE_COLOUR,
                                     width=2.2 if touches else 1.4, dash=_dash(rel)),
                           layer="below"))
    path_lines: list[dict] = []
    if show_path:
        for i, (prev, step) in enumerate(zip(gov.draft_path, gov.draft_path[1:])):
            for s in prev.bodies:
                for t in step.bodies:
                    if frozenset((s, t)) not in path_edges:
                        continue
                    a, b = boxes[s], boxes[t]
                    x0, y0 = border_point(a, b.x, b.y)
                    x1, y1 = border_point(b, a.x, a.y)
                    # the line runs behind the boxes; only the arrowhead is on top
                    path_lines.append(dict(type="line", xref="x", yref="y", x0=x0, y0=y0,
                                           x1=x1, y1=y1, layer="below",
                                           line=dict(color=PATH_COLOUR, width=3.2, dash=_dash(
                                               step, gov.body(s), gov.body(t),
                                               *(r for r in gov.relations if {r.source, r.target} == {s, t})))))
                    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
                    tail = min(12.0, length)
                    annotations.append(dict(
                        x=x1, y=y1, ax=x1 - (x1 - x0) / length * tail,
                        ay=y1 - (y1 - y0) / length * tail, xref="x", yref="y", axref="x",
                        ayref="y", showarrow=True, arrowhead=3, arrowsize=1.1, arrowwidth=3.2,
                        arrowcolor=PATH_COLOUR, text="", standoff=1,
                    ))

    shapes.extend(path_lines)
    # boxes and labels
    for body in gov.bodies:
        bx = boxes[body.id]
        colour = LEVEL_COLOURS[body.level]
        is_sel = body.id == selected
        on_path = bool(step_of.get(body.id))
        # An assumed body (no source names it) is drawn hollow, with a dashed border.
        shapes.append(dict(
            type="rect", xref="x", yref="y", x0=bx.x0, x1=bx.x1, y0=bx.y0, y1=bx.y1,
            fillcolor="white" if body.is_assumed else colour, layer="below",
            line=dict(color=SELECTED_COLOUR if is_sel else (PATH_COLOUR if on_path else colour),
                      width=4 if is_sel else (3 if on_path or body.is_assumed else 1), dash=_dash(body)),
        ))
        annotations.append(dict(
            x=bx.x, y=bx.y, xref="x", yref="y", text="<br>".join(bx.lines), showarrow=False,
            font=dict(color=colour if body.is_assumed else "white", size=spec.font), align="center",
        ))
        if on_path:
            annotations.append(dict(
                x=bx.x1, y=bx.y0, xref="x", yref="y", text=f"<b>{step_of[body.id]}</b>",
                showarrow=False, font=dict(color="black", size=spec.font - 1),
                bgcolor=PATH_COLOUR, borderpad=1,
            ))

    # clickable points at the box centres (one per body), with hover text
    hover = []
    for body in gov.bodies:
        lines = [f"<b>{body.name}</b>", _(LEVELS[body.level])]
        if body.is_assumed or body.is_inferred:
            lines.append(f"{_(ASSUMED if body.is_assumed else INFERRED)}: {body.assumed or body.inferred}")
        if step_of.get(body.id):
            lines.append(f"{_('Trin')} {step_of[body.id]}: "
                         f"{gov.draft_path[step_of[body.id] - 1].action}")
        hover.append("<br>".join(textwrap.fill(x, 50).replace("\n", "<br>") for x in lines))
    fig.add_trace(go.Scatter(
        x=[boxes[b.id].x for b in gov.bodies], y=[boxes[b.id].y for b in gov.bodies],
        customdata=[b.id for b in gov.bodies], mode="markers",
        marker=dict(size=[max(12, min(boxes[b.id].h, 60)) for b in gov.bodies],
                    symbol="square", color="rgba(0,0,0,0.01)"),
        hovertext=hover, hoverinfo="text", showlegend=False, name="",
    ))
    # legend: one entry per level present, plus the draft path
    for level, colour in LEVEL_COLOURS.items():
        if any(b.level == level for b in gov.bodies):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(LEVELS[level]),
                                     marker=dict(symbol="square", size=14, color=colour)))
    if show_path and gov.draft_path:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines",
                                 name=_("Udkastets vej til godkendelse"),
                                 line=dict(color=PATH_COLOUR, width=4)))
    for mark, dash in _marks(gov):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=_(mark),
                                 line=dict(color="#1a1a1a", width=3, dash=dash)))

    fig.update_layout(
        shapes=shapes, annotations=annotations,
        plot_bgcolor="white", paper_bgcolor="white",
        font=dict(size=spec.font, family="Source Sans Pro, Arial, sans-serif", color="#1a1a1a"),
        hoverlabel=dict(font_size=spec.font, align="left"),
        legend=dict(orientation="h", yanchor="top", y=-0.005, x=0, xanchor="left",
                    font=dict(size=spec.font), itemclick=False, itemdoubleclick=False),
        clickmode="event+select", dragmode=False,
        xaxis=dict(range=[0, lay.width], visible=False, fixedrange=True),
        yaxis=dict(range=[lay.height, 0], visible=False, fixedrange=True),
    )
    return fit_legend(fig, spec)


MARGIN_PX = 4


def fit_legend(fig: go.Figure, spec: LayoutSpec) -> go.Figure:
    """Size the figure so the map keeps its pixel scale and the horizontal legend below it
    has room for every entry it has now. Call again after adding legend entries."""
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    legend_px = legend_height(names, spec)
    map_px = fig.layout.yaxis.range[0]
    fig.update_layout(
        # fixed margins, so one unit is one pixel vertically and labels keep their size
        height=int(map_px + MARGIN_PX + legend_px),
        margin=dict(l=MARGIN_PX, r=MARGIN_PX, t=MARGIN_PX, b=legend_px, autoexpand=False),
    )
    return fig
