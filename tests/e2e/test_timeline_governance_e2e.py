"""Timeline and governance map in Chromium, at phone and projector size.

Also writes the documentation screenshots under docs/screenshots/.
"""

from __future__ import annotations


import pytest

from tests.e2e.conftest import shots_dir

SHOTS = shots_dir()


# app.py registers the pages as /tidslinje and /styring; without an explicit url_path
# Streamlit names them after the file (/timeline, /governance).
ALIASES = {"tidslinje": "timeline", "styring": "governance"}


def _open(page, url: str) -> None:
    page.goto(url)
    try:
        page.wait_for_selector(".js-plotly-plot", timeout=20_000)
    except Exception:
        base, _, rest = url.rpartition("/")
        path, _, query = rest.partition("?")
        page.goto(f"{base}/{ALIASES.get(path, path)}?{query}")
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    page.wait_for_timeout(1500)


def _shoot(page, name: str) -> None:
    """Screenshot of the whole page at the window's width (the app scrolls inside)."""
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer]')].map(e => e.scrollHeight), window.innerHeight)")
    page.set_viewport_size({"width": size["width"], "height": int(height)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size(size)


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # nothing inside the app is wider than the window either
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain] *')]"
        ".map(e => e.getBoundingClientRect().right))")
    assert widest <= width + 1


@pytest.mark.parametrize("fixture,size", [("page_phone", "390x844"), ("page_desktop", "1920x1080")])
def test_timeline(request, server_url, fixture, size):
    page = request.getfixturevalue(fixture)
    view = "telefon" if fixture == "page_phone" else "storskaerm"
    _open(page, f"{server_url}/tidslinje?region=nordjylland&visning={view}")
    page.get_by_text("Nordjysk Socialaftale 2021-2022").first.wait_for()
    assert page.locator(".js-plotly-plot").first.is_visible()
    assert page.get_by_text("Visionsdag: 3. februar 2020").first.is_visible()
    link = page.locator("a[href*='?e=VISION20']").first
    assert link.count() == 1
    _no_sideways_scroll(page)
    _shoot(page, f"timeline-{size}.png")
    # the yearly wheel
    _open(page, f"{server_url}/tidslinje?region=midtjylland&visning={view}")
    assert page.locator(".js-plotly-plot .barpolarlayer, .js-plotly-plot .polarlayer").count() >= 1
    _no_sideways_scroll(page)
    _shoot(page, f"timeline-wheel-{size}.png")


@pytest.mark.parametrize("fixture,size", [("page_phone", "390x844"), ("page_desktop", "1920x1080")])
def test_governance_select_body(request, server_url, fixture, size):
    page = request.getfixturevalue(fixture)
    view = "telefon" if fixture == "page_phone" else "storskaerm"
    _open(page, f"{server_url}/styring?region=midtjylland&visning={view}")
    _no_sideways_scroll(page)
    # a click on DASSOS's box in the diagram selects it
    plot = page.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    point = page.locator(".js-plotly-plot .scatterlayer .trace").first.locator("path.point").nth(11)
    box = point.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("1 direktørrepræsentant", exact=False).first.wait_for(timeout=20_000)
    assert page.get_by_text("4 gange årligt").first.is_visible()
    _shoot(page, f"governance-{size}.png")
