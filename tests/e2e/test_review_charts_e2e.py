"""The review's ranking chart drawn by Plotly in Chromium: every value label in full, in
the page's language, at desktop and phone width (no server: the figure's own HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vision.charts import review as charts
from vision.review.model import DraftReview, RankedDraft


def _review(means):
    drafts = [DraftReview(i, i, "Eksempel", "Tekst", 24, m is None, m, None if m is None else m - 0.2,
                          None if m is None else m + 0.2, ()) for i, m in enumerate(means, 1)]
    ranking = tuple(RankedDraft(str(i), d, None, None) for i, d in enumerate(drafts, 1))
    return type("R", (), {"ranking": ranking})()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_ranking_value_labels_are_drawn_in_full(browser, width, lang, tmp_path):
    import plotly

    fig = charts.ranking_ci(_review([3.50, 3.38, 3.19, None]), lang)
    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    html = tmp_path / "chart.html"
    html.write_text(fig.to_html(include_plotlyjs=False, full_html=True, config={"responsive": True}).replace(
        "<head>", f'<head><script src="{js.as_uri()}"></script>', 1), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)       # the machine is shared
        page.goto(html.as_uri())
        page.locator("g.textpoint text").first.wait_for()
        plot = page.locator("svg.main-svg").first.bounding_box()
        labels = page.locator("g.textpoint text")
        texts = [labels.nth(i).text_content() for i in range(labels.count())]
        none = "too few answers" if lang == "en" else "for få svar"
        assert texts == ["3,50", "3,38", "3,19", none]
        for i in range(labels.count()):
            b = labels.nth(i).bounding_box()
            assert b["width"] > 0 and plot["x"] <= b["x"] and b["x"] + b["width"] <= plot["x"] + plot["width"], texts[i]
        axis = " ".join(page.locator("text.xtitle tspan").all_text_contents()) or page.locator("text.xtitle").text_content()
        assert axis == ("Mean (1-5) with 95 % interval" if lang == "en" else "Gennemsnit (1-5) med 95 %-interval")
        title = page.locator("text.xtitle").bounding_box()
        assert plot["x"] <= title["x"] and title["x"] + title["width"] <= plot["x"] + plot["width"], "axis title cut"
        ticks = "".join(page.locator("g.ytick text").all_text_contents()).replace(" ", "")
        assert none.replace(" ", "") in ticks and "(3,50)" in ticks      # the axis labels speak the same language
        page.screenshot(path=f"/tmp/ranking-{lang}-{width}.png")
    finally:
        ctx.close()
