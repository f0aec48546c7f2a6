"""The review page in Chromium with a realistic day (60 participants), and its screenshot.

Writes docs/screenshots/review.png (1920x1080).
"""

from __future__ import annotations


import pytest

from tests.e2e.conftest import login, wait_for_app, shots_dir
from testkit.server import SECRETARIAT, StreamlitServer
from tests.review_data import populate
from vision.store import Store

SHOT = shots_dir() / "review.png"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    server = StreamlitServer(tmp_path_factory.mktemp("review-e2e"))
    server.prepare()
    store = Store(server.db)            # fill the file before the server holds its lock
    populate(store, "VISION20", 60, seed=7)
    populate(store, "TEMA17", 40, seed=3, with_other=True)
    store.close()
    server.start()
    yield server
    server.stop()


def test_review_page_with_a_realistic_day(review_server, page_desktop):
    page = page_desktop
    page.set_default_timeout(60_000)      # the machine is shared; the first run imports a lot
    url = review_server.url
    login(page, url, SECRETARIAT)
    page.goto(url + "/")
    wait_for_app(page)
    try:
        page.get_by_role("link", name="Analyse og eksport").first.click()
        wait_for_app(page)
        page.get_by_text("Rangering", exact=True).first.wait_for()
    except Exception:
        page.screenshot(path="/tmp/review-fail.png")
        raise
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_timeout(1200)          # let Plotly finish its first layout
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOT))
    body = page.inner_text("body")
    assert "Nuværende vision 2018-2020" in body and "Stærkest og svagest" in body
    # The group breakdown hides the small group, also in the browser.
    page.get_by_role("tab", name="Grupper og kommuner").click()
    page.get_by_text("Efter kommune og organisation").wait_for()
    assert "for få svar" in page.inner_text("body")


@pytest.mark.parametrize("which", ["page_desktop", "page_phone"])
def test_ranking_values_show_in_full_and_the_chart_speaks_english(review_server, which, request):
    """In English mode the ranking chart's axis and hidden-value words are English, and every
    value label (e.g. 3,50) is drawn in full inside the chart, at desktop and phone width."""
    import re

    page = request.getfixturevalue(which)
    page.set_default_timeout(60_000)
    url = review_server.url
    login(page, url, SECRETARIAT)
    page.goto(url + "/review?lang=en")
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for()
    page.wait_for_timeout(1200)
    chart.scroll_into_view_if_needed()
    shot = f"/tmp/review-ranking-{which}.png"
    chart.screenshot(path=shot)
    svg_text = " ".join(chart.locator("text").all_text_contents())
    assert "Mean(1-5)with95%interval" in "".join(svg_text.split())     # the title may wrap
    assert "Gennemsnit" not in svg_text and "for få svar" not in svg_text
    box = chart.bounding_box()
    values = chart.locator("g.textpoint text")
    assert values.count() >= 2
    for i in range(values.count()):
        label = values.nth(i)
        text = label.text_content()
        assert re.fullmatch(r"\d,\d\d|too few answers", text), text
        b = label.bounding_box()
        assert b and b["width"] > 0, f"{text} is not drawn"
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"], f"{text} is cut off"
        # The value is the one in the draft's label on the axis.
        assert f"({text})" in svg_text.replace("\n", " ") or text == "too few answers"
