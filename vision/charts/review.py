"""Figures for the secretariat's review: interactive (Plotly) for the page, static
(matplotlib, PNG) for the report, drawn from the same :class:`vision.review.Review`.

Interactive figures take the page's language (``lang``) for their axes, group names
and the words for hidden cells. Static figures are for the Danish report; they are
drawn at the size they are printed (fonts of 9 pt or more) and say in the label, not
over the axis, when a row is hidden.

Static images use matplotlib's Agg backend: it needs no browser and no network, so a
report can be made on any machine the app runs on (kaleido 1.x would need Chrome).
"""

from __future__ import annotations

import io
import textwrap

import plotly.graph_objects as go

from vision.charts.results import BLUE, GREY, ORANGE, PALETTE, _layout, _wrap
from vision.i18n import DEFAULT_LANGUAGE, N_, gettext
from vision.model import GROUPS
from vision.review import ALL, SUPPRESSED, DraftReview, Review
from vision.review.suppression import COMPLEMENTARY_TEXT, hidden_text

GREEN = "#047857"
RED = "#be123c"


def _comma(x: float | None, digits: int = 2) -> str:
    return SUPPRESSED if x is None else f"{x:.{digits}f}".replace(".", ",")


def cell_label(dim: str, cell: str, lang: str = DEFAULT_LANGUAGE) -> str:
    if cell == ALL:
        return gettext(ALL, lang)
    return gettext(GROUPS.get(cell, cell), lang) if dim == "grp" else cell


def _reason(r) -> str | None:
    reason = getattr(r, "reason", None)
    return reason if isinstance(reason, str) else None


def _hidden(r, lang: str) -> str:
    """The words for a hidden row, in the page's language."""
    return gettext(hidden_text(_reason(r)), lang)


# -- interactive --------------------------------------------------------------------
RANKING_AXIS = N_("Gennemsnit (1-5) med 95 %-interval")


def ranking_ci(review: Review, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """Drafts by mean with 95 % intervals; the rank range says where two are too close to call.

    Each value is written as its own text just right of the axis start (x = 1), so it
    shows in full whatever the width; the bar runs from 1 (the lowest score) to the mean."""
    items = list(review.ranking)
    none = gettext(SUPPRESSED, lang)
    labels = [_wrap(f"{r.place}. {r.draft.name} ({none if r.draft.mean is None else _comma(r.draft.mean)})", 34)
              for r in items]
    means = [r.draft.mean for r in items]
    err_plus = [None if r.draft.ci_high is None else r.draft.ci_high - r.draft.mean for r in items]
    err_minus = [None if r.draft.ci_low is None else r.draft.mean - r.draft.ci_low for r in items]
    text = [none if m is None else _comma(m) for m in means]
    fig = go.Figure(go.Bar(
        x=[(m - 1) if m is not None else 0 for m in means], base=1, y=labels, orientation="h",
        marker_color=ORANGE, customdata=text,
        error_x=dict(type="data", symmetric=False, array=[e or 0 for e in err_plus],
                     arrayminus=[e or 0 for e in err_minus], color="#000000", thickness=2, width=8),
        hovertemplate="%{y}: %{customdata}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[1.04] * len(items), y=labels, mode="text", text=text, textposition="middle right",
        textfont=dict(color=["#000000" if m is None or m < 1.6 else "#ffffff" for m in means], size=14),
        hoverinfo="skip", cliponaxis=False))
    fig.update_xaxes(range=[1, 5], dtick=1, title=_wrap(gettext(RANKING_AXIS, lang), 22))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, False, height=110 + 56 * max(1, len(items)))


PROFILE_AXIS = N_("Gennemsnit (prik) og midterste halvdel af svarene (streg)")


def criterion_profile(d: DraftReview, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """Mean per criterion (dot) and the middle half of the answers (line, Q1-Q3);
    criteria where the room split are orange."""
    crit = list(d.criteria)
    labels = [c.label + (" ⚠" if c.split else "") for c in crit]
    fig = go.Figure()
    for c, label in zip(crit, labels):
        if c.q1 is not None:
            fig.add_trace(go.Scatter(x=[c.q1, c.q3], y=[label, label], mode="lines",
                                     line=dict(color=ORANGE if c.split else "#93b4d6", width=10),
                                     hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=[c.mean for c in crit], y=labels, mode="markers+text",
        marker=dict(size=14, color=[ORANGE if c.split else BLUE for c in crit], line=dict(color="#fff", width=1)),
        text=[_comma(c.mean, 1) if c.mean is not None else (gettext(SUPPRESSED, lang) if c.hidden else "–")
              for c in crit], textposition="middle right",
        customdata=[[_comma(c.sd), _comma(c.iqr, 1), f"{(c.agreement or 0) * 100:.0f} %", c.scored, c.dont_know]
                    for c in crit],
        hovertemplate="%{y}<br>" + gettext(N_("Gennemsnit"), lang) + " %{text}<br>"
                      + gettext(N_("Standardafvigelse"), lang) + " %{customdata[0]}<br>"
                      + gettext(N_("Kvartilafstand"), lang) + " %{customdata[1]}<br>"
                      + gettext(N_("Enighed"), lang) + " %{customdata[2]}<br>"
                      + gettext(N_("Svar"), lang) + " %{customdata[3]}, " + gettext(N_("ved ikke"), lang)
                      + " %{customdata[4]}<extra></extra>"))
    fig.update_xaxes(range=[0.8, 5.3], dtick=1, title=gettext(PROFILE_AXIS, lang))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, False, height=70 + 34 * len(crit))


SHORT_HIDDEN = {SUPPRESSED: N_("for få svar"), COMPLEMENTARY_TEXT: N_("skjult*")}


def breakdown_heatmap(table, dim: str, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """Criterion means per group or municipality; grey cells read "for få svar", or
    "skjult*" where a cell is hidden so a small group cannot be worked out."""
    cols = [c for c in table.columns]
    z, text = [], []
    for _, row in table.iterrows():
        z.append([v if isinstance(v, (int, float)) and v == v else None for v in row.values])
        text.append([_comma(v, 1) if isinstance(v, (int, float)) and v == v else
                     (gettext(SHORT_HIDDEN.get(v, v), lang) if isinstance(v, str) else "–") for v in row.values])
    fig = go.Figure(go.Heatmap(
        z=z, x=[_wrap(cell_label(dim, c, lang), 14) for c in cols], y=[gettext(str(i), lang) for i in table.index],
        text=text,
        texttemplate="%{text}", textfont=dict(size=13), zmin=1, zmax=5, colorscale=[[0, "#f4d9c6"], [0.5, "#f7f7f7"], [1, "#9ec3e6"]],
        colorbar=dict(title=gettext(N_("Gns."), lang)), hoverongaps=False, xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    fig.update_layout(plot_bgcolor="#d1d5db")
    _layout(fig, False, height=90 + 30 * len(table))
    fig.update_layout(plot_bgcolor="#e5e7eb", margin=dict(t=70))
    return fig


def paradox_boxes(review: Review, round_id: int, paradox, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """Each group's placement between the two poles: median, middle half and range."""
    rows = review.paradox_by_group[(review.paradox_by_group.round_id == round_id)
                                   & (review.paradox_by_group.paradox_id == paradox.id)]
    fig = go.Figure()
    names = []
    for r in rows.itertuples():
        name = cell_label("grp", r.cell, lang)
        if r.suppressed or r.n is None or r.n != r.n or r.median is None or r.median != r.median:
            names.append(f"{name} ({_hidden(r, lang) if r.suppressed else '–'})")
            fig.add_trace(go.Box(y=[names[-1]], x=[None], orientation="h", showlegend=False))
            continue
        names.append(f"{name} (n={int(r.n)})")
        fig.add_trace(go.Box(
            y=[names[-1]], q1=[r.q1], median=[r.median], q3=[r.q3], lowerfence=[r.lo], upperfence=[r.hi],
            mean=[r.mean], orientation="h", marker_color=ORANGE if r.cell == ALL else BLUE, showlegend=False,
            hovertemplate=f"{names[-1]}<br>Median {r.median:.0f}<extra></extra>"))
    fig.update_xaxes(range=[-105, 105], tickvals=[-100, -50, 0, 50, 100],
                     ticktext=[_wrap(paradox.left_label, 18), "-50", gettext(N_("Midt"), lang), "50",
                               _wrap(paradox.right_label, 18)])
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    fig.update_layout(title=paradox.title)
    return _layout(fig, False, height=120 + 48 * max(1, len(names)))


def focus_grouped(review: Review, round_id: int, mode: str, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    rows = review.focus_by_group[review.focus_by_group.round_id == round_id]
    fig = go.Figure()
    areas = {f.id: f.title for f in review.focus_areas}
    for i, cell in enumerate([ALL, *review.cells["grp"]]):
        r = rows[rows.cell == cell]
        if r.empty:
            continue
        hidden = bool(r.suppressed.iloc[0])
        why = _hidden(next(r.itertuples()), lang) if hidden else ""
        name = cell_label("grp", cell, lang) + (f" ({why})" if hidden else "")
        fig.add_trace(go.Bar(
            name=name, y=[_wrap(areas[a], 30) for a in r.focus_area_id], x=[m if m == m else None for m in r["mean"]],
            orientation="h", marker_color=ORANGE if cell == ALL else PALETTE[i % len(PALETTE)],
            text=[why if hidden else ("–" if m != m or m is None else _comma(m, 1)) for m in r["mean"]],
            textposition="outside",
            cliponaxis=False))
    axis = N_("Gennemsnitlig plads (1 = vigtigst)") if mode == "rank" else N_("Point pr. deltager")
    fig.update_xaxes(title=gettext(axis, lang), rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group")
    _layout(fig, False, height=140 + 110 * max(1, len(areas)))
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.2))
    return fig


def radar(series: list[tuple[str, dict[str, float | None]]], criteria) -> go.Figure:
    """Several drafts' criterion means on one radar (missing or suppressed means are left out)."""
    fig = go.Figure()
    labels = [c.label for c in criteria]
    for i, (name, means) in enumerate(series):
        values = [means.get(c.key) for c in criteria]
        fig.add_trace(go.Scatterpolar(r=values + values[:1], theta=labels + labels[:1], name=_wrap(name, 40),
                                      line_color=PALETTE[i % len(PALETTE)], fill="toself", opacity=0.5,
                                      connectgaps=False))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], dtick=1)))
    fig = _layout(fig, False, height=480)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.12))
    return fig


# -- static images for the report ---------------------------------------------------------
# Saved at DPI pixels per inch; the report places each image at its natural size
# (pixels / DPI inches), capped at the page width, so a 9 pt font prints as 9 pt.
# Figures are at most STATIC_WIDTH inches wide before the tight crop.
DPI = 170
STATIC_WIDTH = 6.6
FONT_PT = 9


def _mpl():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": FONT_PT, "axes.spines.top": False,
                         "axes.spines.right": False, "xtick.labelsize": FONT_PT, "ytick.labelsize": FONT_PT,
                         "axes.titlesize": FONT_PT + 1, "axes.labelsize": FONT_PT, "legend.fontsize": FONT_PT})
    return plt


def _png(fig) -> bytes:
    plt = _mpl()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return buf.getvalue()


def _w(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def static_ranking(review: Review) -> bytes:
    plt = _mpl()
    items = list(review.ranking)
    fig, ax = plt.subplots(figsize=(STATIC_WIDTH, 0.7 + 0.45 * max(1, len(items))))
    ys = range(len(items))
    labels = []
    for y, r in zip(ys, items):
        d = r.draft
        if d.mean is None:
            labels.append(_w(f"{r.place}. {d.name} ({SUPPRESSED})", 40))
            continue
        labels.append(_w(f"{r.place}. {d.name}", 40))
        ax.barh(y, d.mean - 1, left=1, color=ORANGE, height=0.6)
        if d.ci_low is not None:
            ax.errorbar(d.mean, y, xerr=[[d.mean - d.ci_low], [d.ci_high - d.mean]], color="black", capsize=4)
        ax.text(1.05, y, _comma(d.mean), va="center", color="white" if d.mean >= 1.6 else "black",
                fontweight="bold")
    ax.set_yticks(list(ys), labels)
    ax.invert_yaxis()
    ax.set_xlim(1, 5)
    ax.set_xlabel(RANKING_AXIS)
    return _png(fig)


def static_profile(d: DraftReview) -> bytes:
    plt = _mpl()
    crit = list(d.criteria)
    fig, ax = plt.subplots(figsize=(STATIC_WIDTH, 0.7 + 0.3 * len(crit)))
    for y, c in enumerate(crit):
        color = ORANGE if c.split else BLUE
        if c.q1 is not None:
            ax.plot([c.q1, c.q3], [y, y], color="#f3c89d" if c.split else "#93b4d6", linewidth=7,
                    solid_capstyle="butt")
        if c.mean is not None:
            ax.plot([c.mean], [y], "o", color=color, markersize=7)
            ax.text(c.mean + 0.08, y, _comma(c.mean, 1), va="center")
    ax.set_yticks(range(len(crit)), [c.label + (" (delt)" if c.split else "") + (f" ({SUPPRESSED})" if c.hidden else "")
                                     for c in crit])
    ax.invert_yaxis()
    ax.set_xlim(0.8, 5.3)
    ax.set_xlabel(PROFILE_AXIS)
    ax.set_title(_w(d.name, 70), loc="left")
    return _png(fig)


def static_paradox(review: Review, round_id: int, paradox) -> bytes:
    plt = _mpl()
    rows = review.paradox_by_group[(review.paradox_by_group.round_id == round_id)
                                   & (review.paradox_by_group.paradox_id == paradox.id)]
    fig, ax = plt.subplots(figsize=(STATIC_WIDTH, 0.9 + 0.4 * len(rows)))
    labels = []
    for y, r in enumerate(rows.itertuples()):
        name = "Alle" if r.cell == ALL else GROUPS.get(r.cell, r.cell)
        if r.suppressed or r.n is None or r.n != r.n or r.median is None or r.median != r.median:
            # Said in the label, never written over the axis.
            labels.append(_w(f"{name} ({hidden_text(_reason(r)) if r.suppressed else 'ingen svar'})", 34))
            continue
        labels.append(f"{name} (n={int(r.n)})")
        color = ORANGE if r.cell == ALL else BLUE
        ax.plot([r.lo, r.hi], [y, y], color=color, linewidth=1)
        ax.add_patch(plt.Rectangle((r.q1, y - 0.3), r.q3 - r.q1, 0.6, color=color, alpha=0.35))
        ax.plot([r.median, r.median], [y - 0.3, y + 0.3], color=color, linewidth=3)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(-105, 105)
    ax.axvline(0, color=GREY, linewidth=0.5)
    ax.set_xticks([-100, -50, 0, 50, 100], [_w(paradox.left_label, 16), "-50", "Midt", "50",
                                            _w(paradox.right_label, 16)])
    ax.set_title(_w(paradox.title, 70), loc="left")
    return _png(fig)


def static_focus(review: Review, round_id: int, mode: str) -> bytes:
    plt = _mpl()
    rows = review.focus_by_group[review.focus_by_group.round_id == round_id]
    areas = list(review.focus_areas)
    cells = [c for c in [ALL, *review.cells["grp"]]
             if not rows[(rows.cell == c) & ~rows.suppressed & rows["mean"].notna()].empty]
    fig, ax = plt.subplots(figsize=(STATIC_WIDTH, 0.9 + 0.3 * len(areas) * max(1, len(cells))))
    h = 0.8 / max(1, len(cells))
    for i, cell in enumerate(cells):
        r = rows[rows.cell == cell].set_index("focus_area_id")
        vals = [float(r.loc[a.id, "mean"]) if a.id in r.index and r.loc[a.id, "mean"] == r.loc[a.id, "mean"] else 0
                for a in areas]
        ax.barh([k + i * h for k in range(len(areas))], vals, height=h,
                color=ORANGE if cell == ALL else PALETTE[i % len(PALETTE)],
                label="Alle" if cell == ALL else GROUPS.get(cell, cell))
    ax.set_yticks([k + h * (len(cells) - 1) / 2 for k in range(len(areas))], [_w(a.title, 34) for a in areas])
    ax.invert_yaxis()
    ax.set_xlabel("Gennemsnitlig plads (1 = vigtigst)" if mode == "rank" else "Point pr. deltager")
    if cells:
        ax.legend(loc="lower right")
    return _png(fig)


def heat_colour(value: float) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(fill, text) colours of a mean of 1-5 in the report's heatmap tables (matplotlib's
    RdBu, 1 red to 5 blue), with black or white text, whichever contrasts more."""
    import matplotlib

    r, g, b, _a = matplotlib.colormaps["RdBu"]((min(5.0, max(1.0, value)) - 1) / 4)
    fill = (round(r * 255), round(g * 255), round(b * 255))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return fill, ((0, 0, 0) if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else (255, 255, 255))
