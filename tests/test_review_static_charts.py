"""The review's printed paradox chart (report PDF and committee paper): a hidden group says
why in its own row label, and nothing is written over the axis where the bars are drawn."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.review_data import populated_copy
from vision import review
from vision.charts import review as charts


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    from vision.store import Store

    path = tmp_path_factory.mktemp("static") / "r.duckdb"
    info = populated_copy(path, "TEMA17", 24, seed=11)
    store = Store(path)
    rev = review.build_review(store, info["event"].id)
    store.close()
    # The day's paradox round is the politicians' alone; hide them as a small group would be.
    rows = rev.paradox_by_group.copy()
    pol = rows.cell == "politiker"
    rows.loc[pol, "suppressed"] = True
    rows.loc[pol, "reason"] = None
    return replace(rev, paradox_by_group=rows)


def _drawn(monkeypatch, rev, round_id, paradox):
    """The matplotlib figure ``static_paradox`` would print, kept open for inspection."""
    kept = []
    monkeypatch.setattr(charts, "_png", lambda fig: kept.append(fig) or b"")
    charts.static_paradox(rev, round_id, paradox)
    return kept[0]


def _rows_drawn(ax) -> set[float]:
    """The rows that carry a whisker (drawn at y) or a median (from y - 0.3 to y + 0.3)."""
    rows = set()
    for line in ax.get_lines():
        lo, hi = min(line.get_ydata()), max(line.get_ydata())
        if lo == hi:
            rows.add(round(lo, 6))
        elif abs(hi - lo - 0.6) < 1e-9:
            rows.add(round((lo + hi) / 2, 6))
    return rows


def test_a_hidden_group_says_why_in_its_label_and_nothing_is_written_over_the_axis(day, monkeypatch):
    rev = day
    rows = rev.paradox_by_group
    hidden = rows[rows.suppressed]
    assert not hidden.empty, "the day must hide a small group for this test to mean anything"
    checked = 0
    for (round_id, paradox_id), group in hidden.groupby(["round_id", "paradox_id"]):
        paradox = next(p for p in rev.paradoxes if p.id == paradox_id)
        fig = _drawn(monkeypatch, rev, round_id, paradox)
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        shown = rows[(rows.round_id == round_id) & (rows.paradox_id == paradox_id)]
        assert len(labels) == len(shown)
        for y, r in enumerate(shown.itertuples()):
            label = labels[y].replace("\n", " ")
            if r.suppressed:
                assert "skjult" in label or "få svar" in label, label
                assert y not in _rows_drawn(ax), label      # no whisker, box or median
            elif r.n:
                assert "n=" in label and y in _rows_drawn(ax), label
            else:
                assert "ingen svar" in label and y not in _rows_drawn(ax), label
        # Text over the plotting area (not tick labels, not the title) would sit on the bars.
        assert [t.get_text() for t in ax.texts] == []
        checked += 1
        charts._mpl().close(fig)
    assert checked >= 1
