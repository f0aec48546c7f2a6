"""Timeline and governance map in Chromium, at phone and projector size.

Also writes the documentation screenshots under docs/screenshots/.
"""

from __future__ import annotations


import pytest

from tests.e2e.conftest import shots_dir, wait_until_settled

SHOTS = shots_dir()


def _open(page, url: str) -> None:
    """Load a chart page and wait until its chart is drawn and no run is going on (generous
    ceilings: on a busy machine a run takes seconds)."""
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    wait_until_settled(page)


def _shoot(page, name: str) -> None:
    """Screenshot of the whole page at the window's width (the app scrolls inside)."""
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer]')].map(e => e.scrollHeight), window.innerHeight)")
    page.set_viewport_size({"width": size["width"], "height": int(height)})
    wait_until_settled(page)
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
    _open(page, f"{server_url}/timeline?region=nordjylland&visning={view}")
    page.get_by_text("Nordjysk Socialaftale 2021-2022").first.wait_for()
    assert page.locator(".js-plotly-plot").first.is_visible()
    assert page.get_by_text("Visionsdag: 3. februar 2020").first.is_visible()
    link = page.locator("a[href*='?e=VISION20']").first
    assert link.count() == 1
    _no_sideways_scroll(page)
    _shoot(page, f"timeline-{size}.png")
    # the yearly wheel
    _open(page, f"{server_url}/timeline?region=midtjylland&visning={view}")
    assert page.locator(".js-plotly-plot .barpolarlayer, .js-plotly-plot .polarlayer").count() >= 1
    _no_sideways_scroll(page)
    _shoot(page, f"timeline-wheel-{size}.png")


@pytest.mark.parametrize("fixture,size", [("page_phone", "390x844"), ("page_desktop", "1920x1080")])
def test_governance_select_body(request, server_url, fixture, size):
    page = request.getfixturevalue(fixture)
    view = "telefon" if fixture == "page_phone" else "storskaerm"
    _open(page, f"{server_url}/governance?region=midtjylland&visning={view}")
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


# Every text of the first chart with its box, to find texts drawn over each other.
BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')][0].querySelectorAll('svg text')
  .length ? [...[...document.querySelectorAll('.js-plotly-plot')][0].querySelectorAll('svg text')]
  .filter(t => t.textContent.trim()).map(t => { const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })
  .filter(b => b.x1 > b.x0 && b.y1 > b.y0) : []"""


def _overlaps(boxes: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > slack
                    and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > slack):
                out.append((a["text"], b["text"]))
    return out


def test_timeline_on_a_phone_writes_the_dates_and_the_january_milestones_do_not_overlap(server_url, page_phone):
    page = page_phone
    _open(page, f"{server_url}/timeline?region=nordjylland")
    page.get_by_text("Nordjysk Socialaftale 2021-2022").first.wait_for()
    boxes = page.evaluate(BOXES)
    texts = " ".join(b["text"] for b in boxes)
    for date in ("8. jan. 2020", "14. jan. 2020", "17. jan. 2020", "20. jan. 2020", "21. jan. 2020",
                 "3. feb. 2020"):
        assert date in texts, f"{date} is not written on the chart"
    assert _overlaps(boxes) == []
    _no_sideways_scroll(page)


@pytest.mark.parametrize("path", ["timeline?region=nordjylland", "governance?region=midtjylland"])
def test_big_screen_switch_uses_the_full_width_at_1920(server_url, page_desktop, path):
    page = page_desktop
    _open(page, f"{server_url}/{path}&visning=storskaerm")
    width = page.locator(".js-plotly-plot").first.bounding_box()["width"]
    main = page.locator("[data-testid=stMain]").bounding_box()["width"]   # the window less the menu
    assert width >= 1200 and width >= main - 200, f"the chart is {width:.0f} px wide in {main:.0f} px"
    assert _overlaps(page.evaluate(BOXES)) == []
    # switched off, the page goes back to its reading column
    page.get_by_text("Storskærm (større tekst)").click()
    # (while the page runs again the chart may be gone for a moment: not yet an answer)
    page.wait_for_function(
        "() => { const c = document.querySelector('.js-plotly-plot');"
        " return c !== null && c.getBoundingClientRect().width < 900; }", timeout=60_000)


def test_north_jutlands_map_draws_the_assumed_approval_as_assumed(server_url, page_desktop):
    """The sources stop at KKR, Kontaktudvalget and the committees: the councils' approval
    and Socialstyrelsen are drawn hollow and dashed, with a legend entry that says so, and
    named as assumptions in the text alternative."""
    page = page_desktop
    _open(page, f"{server_url}/governance?region=nordjylland&visning=storskaerm")
    legend = page.locator(".js-plotly-plot .legendtext", has_text="antaget – står ikke i kilderne")
    assert legend.count() == 1 and legend.first.is_visible()
    page.get_by_text("Organerne som tekst").click()
    page.get_by_text("Socialstyrelsen (antaget – står ikke i kilderne)").first.wait_for(timeout=20_000)
    page.get_by_text("Organerne som tekst").click()
    _shoot(page, "day-governance-nordjylland-assumed-1920x1080.png")
