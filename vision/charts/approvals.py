"""Approval status drawn over the governance map and the timeline. Pure functions that
add to a figure made by ``vision.charts.governance`` / ``vision.charts.timeline``.

Every status is written in words on the figure (a badge), so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from vision.approvals import BodyStatus, Summary
from vision.charts.governance import fit_legend
from vision.charts.governance_layout import PHONE, LayoutSpec, compute_layout
from vision.charts.timeline import lean
from vision.governance import Governance
from vision.i18n import N_, gettext

# White text on each has a contrast of at least 4.5:1.
STATE_COLOURS = {"approved": "#007A5A", "partial": "#0072B2", "rejected": "#B33C00", "pending": "#595959"}
STATE_NAMES = {"approved": N_("Godkendt"), "partial": N_("Delvist godkendt"), "rejected": N_("Ikke godkendt"),
               "pending": N_("Afventer")}
WARN_COLOUR = "#B33C00"
ANSWERS_COLOUR = "#0072B2"


def governance_status_overlay(fig: go.Figure, gov: Governance, statuses: dict[str, BodyStatus], *,
                              spec: LayoutSpec = PHONE, lang: str = "da") -> go.Figure:
    """Frame each approving body on the draft's path in its status colour, with a badge
    ('Godkendt', '9/11 godkendt', 'Afventer', 'Ikke godkendt') on its lower edge."""
    _ = (lambda m: gettext(m, lang))
    boxes = compute_layout(gov, spec).boxes
    shapes, notes = [], []
    for body_id, st in statuses.items():
        box = boxes.get(body_id)
        if box is None:
            continue
        colour = STATE_COLOURS[st.state]
        shapes.append(dict(type="rect", xref="x", yref="y", x0=box.x0 - 3, x1=box.x1 + 3, y0=box.y0 - 3,
                           y1=box.y1 + 3, line=dict(color=colour, width=3,
                                                    dash="dot" if st.state == "pending" else "solid"),
                           fillcolor="rgba(0,0,0,0)"))
        label = (_("{n}/{total} godkendt").format(n=st.approved, total=st.total) if st.total > 1
                 else _(st.label()))
        notes.append(dict(x=box.x, y=box.y1 + 2, xref="x", yref="y", text=f"<b>{label}</b>", showarrow=False,
                          font=dict(color="white", size=max(9, spec.font - 2)), bgcolor=colour, borderpad=2,
                          yanchor="middle"))
    # Appended as tuples: handing the figure's own shapes back through update_layout re-checked
    # every one of them, 5 s for a region's map (the page's whole wait).
    fig.layout.shapes += tuple(shapes)
    fig.layout.annotations += tuple(notes)
    for state in dict.fromkeys(st.state for st in statuses.values()):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(STATE_NAMES[state]),
                                 marker=dict(symbol="square-open", size=14, color=STATE_COLOURS[state],
                                             line=dict(width=3))))
    return fit_legend(fig, spec)


def _row_of(fig: go.Figure, day: dt.date):
    """The timeline row (category) of a milestone marker on ``day``, if there is one."""
    iso = day.isoformat()
    for trace in fig.data:
        if trace.type == "scatter" and trace.x is not None and len(trace.x) == 1 and str(trace.x[0]) == iso:
            return trace.y[0]
    return None


def _two_lines(text: str) -> str:
    """'0 af 12 har svaret' as '0 af 12<br>har svaret': broken at the space nearest the middle,
    so a badge is half as wide and fits beside the rows' labels in a 320 px window."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if len(text) <= 12 or not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "<br>" + text[cut + 1:]


def _mark(fig: go.Figure, day: dt.date, text: str, colour: str, font: int, large: bool) -> None:
    """A badge at ``day``: under its milestone's marker, or at the foot of a dotted line when
    no milestone falls that day. It leans away from the nearer edge of the plot (left third:
    starts at the day; right third: ends there; between: centred), so on a phone it is never
    cut off at the chart's edge nor drawn over the rows' labels (``timeline.lean``)."""
    rng = fig.layout.xaxis.range
    start, end = (dt.date.fromisoformat(str(r)[:10]) for r in rng) if rng else (day, day)
    anchor, shift = lean(day, start, end)
    body = f"<b>{text if large else _two_lines(text)}</b>"
    row = _row_of(fig, day)
    if row is not None:
        fig.add_annotation(x=day.isoformat(), y=row, text=body, showarrow=False, xanchor=anchor, xshift=shift,
                           yanchor="top", yshift=-(12 if large else 9), font=dict(color="white", size=font),
                           bgcolor=colour, borderpad=3)
    else:
        fig.add_shape(type="line", xref="x", yref="paper", x0=day.isoformat(), x1=day.isoformat(), y0=0, y1=1,
                      line=dict(color=colour, width=2, dash="dot"))
        fig.add_annotation(x=day.isoformat(), y=0, xref="x", yref="paper", text=body, showarrow=False,
                           xanchor=anchor, yanchor="bottom", font=dict(color="white", size=font), bgcolor=colour,
                           borderpad=3)


def timeline_status_overlay(fig: go.Figure, *, approvals: Summary | None = None,
                            answers: tuple[dt.date, str] | None = None, today: dt.date | None = None,
                            large: bool = False, lang: str = "da") -> go.Figure:
    """Write the approvals ('9 af 11 byråd har godkendt') at their deadline, and the
    consultation's answers ('7 af 12 har svaret') at its deadline, on a timeline figure.
    A deadline that needs attention (``Summary.warning``) is drawn in the warning colour."""
    font = 15 if large else 11
    if answers is not None:
        _mark(fig, answers[0], answers[1], ANSWERS_COLOUR, font, large)
    if approvals is not None and approvals.deadline:
        text = approvals.text(lang).split(";")[0]
        colour = WARN_COLOUR if approvals.warning(today) else STATE_COLOURS[
            "approved" if all(a.approved for a in approvals.approvals) else "partial"]
        _mark(fig, approvals.deadline, text, colour, font, large)
    return fig
