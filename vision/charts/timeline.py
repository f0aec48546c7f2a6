"""Process timelines as Plotly figures: a Gantt-like timeline and a yearly wheel.

Pure functions: a :class:`~vision.processes.Process` in, a ``go.Figure`` out. Text on
the figure is Danish unless ``lang`` says otherwise (via the gettext catalogs).
``large=True`` draws for a projector (bigger type), otherwise for a phone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import textwrap
from collections.abc import Callable

import plotly.graph_objects as go

from vision.charts.marks import ASSUMED, INFERRED
from vision.governance import Governance
from vision.i18n import gettext
from vision.processes import (
    MONTHS_DA_SHORT,
    MONTHS_EN_SHORT,
    Milestone,
    Phase,
    Process,
    format_date,
    milestone_when,
    phase_when,
)

#: Okabe-Ito palette (distinguishable with colour-vision deficiencies), for phases.
PHASE_COLOURS = ["#0072B2", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#D55E00"]
VISION_DAY_COLOUR = "#C0003C"
MILESTONE_COLOUR = "#333333"
TODAY_COLOUR = "#D55E00"

MARKERS = {
    "milestone": "diamond",
    "meeting": "circle",
    "deadline": "triangle-down",
    "conference": "square",
    "approval": "diamond-wide",
    "vision_day": "star",
}


def _tr(lang: str) -> Callable[[str], str]:
    return lambda msg: gettext(msg, lang)


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _escape(text: str) -> str:
    """Show text from a data file literally (Plotly reads a few HTML tags); keeps our <br>."""
    return "<br>".join(part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                       for part in text.split("<br>"))


def _hatch() -> dict:
    """Diagonal white hatching over the bar's own colour: an approximate period."""
    return dict(shape="/", fillmode="overlay", fgcolor="white", fgopacity=0.6, size=9, solidity=0.3)


def _ms(days: float) -> float:
    return days * 24 * 3600 * 1000


def _body_name(gov: Governance | None, body_id: str | None) -> str | None:
    if not body_id:
        return None
    if gov is not None:
        try:
            return gov.body(body_id).name
        except KeyError:
            return body_id
    return body_id


def _hover(title: str, when: str, lines: list[str | None]) -> str:
    body = "<br>".join(textwrap.fill(x, 60).replace("\n", "<br>") for x in lines if x)
    return f"<b>{title}</b><br>{when}" + (f"<br>{body}" if body else "")


def _month_ticks(start: dt.date, end: dt.date, max_ticks: int, lang: str
                 ) -> tuple[list[str], list[str]]:
    """Tick positions at month starts with Danish (or English) month names."""
    months = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = next(s for s in (1, 2, 3, 4, 6, 12, 24) if len(months) / s <= max_ticks)
    names = MONTHS_EN_SHORT if lang == "en" else MONTHS_DA_SHORT
    vals, texts = [], []
    last_year = None
    for d in months:
        if (d.month - 1) % step:
            continue
        label = names[d.month - 1]
        if d.year != last_year:
            label += f"<br>{d.year}"
            last_year = d.year
        vals.append(d.isoformat())
        texts.append(label)
    return vals, texts


def today_note(process: Process, today: dt.date, lang: str = "da") -> str | None:
    """A sentence for when today lies outside the drawn period, else None."""
    if process.cycle == "yearly" or today_in_view(process, today):
        return None
    _ = _tr(lang)
    where = _("ligger efter processen") if today > process.end_date else _("ligger før processen")
    return f"{_('I dag')} ({format_date(today, lang=lang)}) {where}."


def today_in_view(process: Process, today: dt.date, margin_days: int = 45) -> bool:
    return (process.start_date - dt.timedelta(days=margin_days) <= today
            <= process.end_date + dt.timedelta(days=margin_days))


def lean(day: dt.date, start: dt.date, end: dt.date) -> tuple[str, int]:
    """How a label at ``day`` is anchored on a date axis from ``start`` to ``end``: it leans
    away from the nearer edge (left third: starts just before the day; right third: ends just
    after it; between: centred), so on a 320 px phone it is not cut off at the chart's edge."""
    where = (day - start).days / max(1, (end - start).days)
    if where < 1 / 3:
        return "left", -8
    return ("right", 8) if where > 2 / 3 else ("center", 0)


def timeline_figure(process: Process, *, governance: Governance | None = None,
                    today: dt.date | None = None, large: bool = False,
                    lang: str = "da") -> go.Figure:
    """Phases as bars, milestones as markers, a today line and the vision day marked.

    One row per phase and per milestone, in date order, labelled on the left, so
    the labels never overlap each other. A yearly process is drawn in today's year.
    """
    _ = _tr(lang)
    today = today or dt.date.today()
    yearly = process.cycle == "yearly"
    if yearly:
        process = process.shifted_to_year(today.year)
    font = 20 if large else 13
    wrap = 40 if large else 22

    rows: list[tuple[dt.date, int, Phase | Milestone]] = []
    for p in process.phases:
        rows.append((p.start_date, 0, p))
    for m in process.milestones:
        rows.append((m.start_date, 1, m))
    rows.sort(key=lambda r: (r[0], r[1]))

    fig = go.Figure()
    labels: list[str] = []
    seen: set[str] = set()
    phase_i = 0
    vision_marks = []
    for _start, _kind, item in rows:
        # The date is written on the chart, above the row's title: on a phone the rows
        # read as a list, and milestones days apart never share a line.
        if isinstance(item, Phase):
            short = item.when_text or phase_when(item, lang, short=True, year=not yearly)
        else:
            short = item.when_text or milestone_when(item, lang, short=True, year=not yearly)
        label = f"<b>{_escape(short)}</b><br>{_escape(_wrap(item.title, wrap))}"
        if item.is_assumed:     # said on the chart, not only on hover: no source says it
            label += f" <i>({_escape(_(ASSUMED))})</i>"
        while label in seen:  # keep categories unique without changing the text
            label += "\u200b"
        seen.add(label)
        labels.append(label)
        who = _body_name(governance, item.responsible or process.responsible)
        resp = f"{_('Ansvarlig')}: {who}" if who else None
        notes = [resp, item.description, item.note]
        if item.is_assumed or item.is_inferred:
            notes.append(f"{_(ASSUMED if item.is_assumed else INFERRED)}: {item.assumed or item.inferred}")
        if isinstance(item, Phase):
            colour = PHASE_COLOURS[phase_i % len(PHASE_COLOURS)]
            phase_i += 1
            when = item.when_text or phase_when(item, lang, year=not yearly)
            if item.approximate:
                notes.append(_("Tidspunktet er omtrentligt."))
            days = (item.end_date - item.start_date).days + 1
            fig.add_trace(go.Bar(
                y=[label], x=[_ms(days)], base=[item.start_date.isoformat()],
                orientation="h", marker=dict(
                    color=colour, line=dict(color=colour, width=1),
                    pattern=_hatch() if item.approximate or item.is_assumed else None,
                ),
                opacity=0.9, width=0.6, name=item.title, showlegend=False,
                hovertext=_hover(item.title, when, notes), hoverinfo="text",
            ))
            continue
        # milestone
        when = item.when_text or milestone_when(item, lang, year=not yearly)
        vision = item.is_vision_day
        colour = VISION_DAY_COLOUR if vision else MILESTONE_COLOUR
        if item.event:
            notes.append(f"{_('Arrangement')}: {item.event}")
        if item.month_only:
            notes.append(_("Kun måneden er kendt."))
        if item.month_only or item.end is not None:
            days = (item.end_date - item.start_date).days + 1
            fig.add_trace(go.Bar(
                y=[label], x=[_ms(days)], base=[item.start_date.isoformat()],
                orientation="h", marker=dict(color=colour), opacity=0.22, width=0.5,
                showlegend=False, hoverinfo="skip",
            ))
            mid = item.start_date + dt.timedelta(days=days / 2)
            x = dt.datetime.combine(mid, dt.time()).isoformat()
            symbol = MARKERS[item.kind] + "-open"
        else:
            x = item.start_date.isoformat()
            symbol = MARKERS[item.kind]
        fig.add_trace(go.Scatter(
            x=[x], y=[label], mode="markers",
            marker=dict(symbol=symbol, size=(26 if large else 20) if vision else (16 if large else 12),
                        color=colour, line=dict(color="white" if not item.month_only else colour,
                                                width=1.5)),
            name=item.title, showlegend=False,
            hovertext=_hover(item.title, when, notes), hoverinfo="text",
        ))
        if vision:
            vision_marks.append((x, label))

    start = process.start_date - dt.timedelta(days=12)
    end = process.end_date + dt.timedelta(days=12)
    if today_in_view(process, today):
        start, end = min(start, today - dt.timedelta(days=12)), max(end, today + dt.timedelta(days=12))
        fig.add_shape(type="line", xref="x", yref="paper", x0=today.isoformat(),
                      x1=today.isoformat(), y0=0, y1=1,
                      line=dict(color=TODAY_COLOUR, width=2.5, dash="dash"))
        anchor, shift = lean(today, start, end)
        fig.add_annotation(x=today.isoformat(), y=1, xref="x", yref="paper",
                           text=f"<b>{_('I dag')}</b>", showarrow=False, yanchor="bottom",
                           xanchor=anchor, xshift=shift, font=dict(color=TODAY_COLOUR, size=font))
    for x, label in vision_marks:
        anchor, shift = lean(dt.date.fromisoformat(x[:10]), start, end)
        fig.add_annotation(
            x=x, y=label, text=f"<b>{_('Visionsdag')}</b>", showarrow=False, xanchor=anchor, xshift=shift,
            yshift=(20 if large else 15), font=dict(color=VISION_DAY_COLOUR, size=font),
            bgcolor="rgba(255,255,255,0.85)",
        )

    tickvals, ticktext = _month_ticks(start, end, 9 if large else 5, lang)
    # Rows are equally spaced, so each gets the room of the tallest label: labels never overlap.
    n = len(labels)
    most_lines = max((lbl.count("<br>") + 1 for lbl in labels), default=1)
    row_px = max(30 if large else 24, most_lines * font * 1.25 + 10)
    height = max(320, (58 if large else 48) + 16 + n * row_px)
    fig.update_layout(
        barmode="overlay",
        height=int(height),
        margin=dict(l=8, r=16, t=(58 if large else 48), b=8),
        font=dict(size=font, family="Source Sans Pro, Arial, sans-serif", color="#1a1a1a"),
        plot_bgcolor="white", paper_bgcolor="white",
        hoverlabel=dict(font_size=font, align="left"),
        dragmode=False,
        showlegend=False,
    )
    fig.update_xaxes(type="date", range=[start.isoformat(), end.isoformat()],
                     tickvals=tickvals, ticktext=ticktext, side="top",
                     showgrid=True, gridcolor="#e6e6e6", fixedrange=True,
                     tickfont=dict(size=font - 1, color="#1a1a1a"))
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                     automargin=True, fixedrange=True, showgrid=True, gridcolor="#f2f2f2",
                     tickfont=dict(size=font, color="#1a1a1a"))
    return fig


# -- yearly wheel --------------------------------------------------------------------

def _angle(d: dt.date) -> float:
    """Degrees clockwise from the top for a day of the year (1 January = 0)."""
    days = 366 if calendar.isleap(d.year) else 365
    return (d.timetuple().tm_yday - 1) / days * 360


def wheel_figure(process: Process, *, governance: Governance | None = None,
                 today: dt.date | None = None, large: bool = False,
                 lang: str = "da") -> go.Figure:
    """A yearly wheel (årshjul): months around the circle, one ring per phase."""
    _ = _tr(lang)
    today = today or dt.date.today()
    process = process.shifted_to_year(today.year)
    font = 16 if large else 12
    names = MONTHS_EN_SHORT if lang == "en" else MONTHS_DA_SHORT
    fig = go.Figure()
    inner = 1.2
    n = len(process.phases)
    for i, p in enumerate(process.phases):
        a0 = _angle(p.start_date)
        a1 = _angle(p.end_date + dt.timedelta(days=1)) if p.end_date.month != 12 or p.end_date.day != 31 else 360
        colour = PHASE_COLOURS[i % len(PHASE_COLOURS)]
        when = p.when_text or phase_when(p, lang, year=False)
        who = _body_name(governance, p.responsible or process.responsible)
        notes = [f"{_('Ansvarlig')}: {who}" if who else None, p.description, p.note]
        if p.approximate:
            notes.append(_("Tidspunktet er omtrentligt."))
        if p.is_assumed:
            notes.append(f"{_(ASSUMED)}: {p.assumed}")
        fig.add_trace(go.Barpolar(
            r=[1], base=[inner + i], theta=[(a0 + a1) / 2], width=[a1 - a0],
            marker=dict(color=colour, line=dict(color="white", width=2),
                        pattern=_hatch() if p.approximate or p.is_assumed else None),
            opacity=0.9, name=_wrap(f"{when}: {p.title}" + (f" ({_(ASSUMED)})" if p.is_assumed else ""),
                                    34 if large else 30),
            hovertext=_hover(p.title, when, notes), hoverinfo="text",
        ))
    outer = inner + n + 0.6
    for m in process.milestones:
        when = m.when_text or milestone_when(m, lang, year=False)
        if m.month_only:
            d0, d1 = m.start_date, m.end_date
            theta = (_angle(d0) + _angle(d1 + dt.timedelta(days=1)) if d1.month != 12 else 360) / 2
        else:
            theta = _angle(m.start_date)
        vision = m.is_vision_day
        who = _body_name(governance, m.responsible or process.responsible)
        fig.add_trace(go.Scatterpolar(
            r=[outer], theta=[theta], mode="markers",
            marker=dict(symbol=MARKERS[m.kind], size=20 if large else 15,
                        color=VISION_DAY_COLOUR if vision else MILESTONE_COLOUR,
                        line=dict(color="white", width=1.5)),
            name=_wrap(f"{when}: {m.title}", 34 if large else 30),
            hovertext=_hover(m.title, when, [f"{_('Ansvarlig')}: {who}" if who else None,
                                              m.description, m.note]),
            hoverinfo="text",
        ))
    t = _angle(today)
    fig.add_trace(go.Scatterpolar(
        r=[0, outer + 0.5], theta=[t, t], mode="lines",
        line=dict(color=TODAY_COLOUR, width=3, dash="dash"),
        name=f"{_('I dag')} ({format_date(today, lang=lang, year=False)})", hoverinfo="name",
    ))
    centres = [((i + 0.5) / 12) * 360 for i in range(12)]
    fig.update_layout(
        height=(800 if large else 620),
        margin=dict(l=28, r=28, t=28, b=8),
        font=dict(size=font, family="Source Sans Pro, Arial, sans-serif", color="#1a1a1a"),
        paper_bgcolor="white",
        hoverlabel=dict(font_size=font, align="left"),
        legend=dict(orientation="h", yanchor="top", y=-0.1, x=0, xanchor="left",
                    font=dict(size=font), itemclick=False, itemdoubleclick=False),
        polar=dict(
            hole=0.08, bgcolor="white",
            domain=dict(x=[0, 1], y=[0.0, 1]),
            radialaxis=dict(visible=False, range=[0, outer + 0.6]),
            angularaxis=dict(direction="clockwise", rotation=90, tickmode="array",
                             tickvals=centres, ticktext=names, tickfont=dict(size=font + 1),
                             showgrid=True, gridcolor="#dddddd", linecolor="#999"),
        ),
        dragmode=False,
    )
    return fig
