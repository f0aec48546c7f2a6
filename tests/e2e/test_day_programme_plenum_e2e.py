"""The programme and the plenum in Chromium against a real server: the organiser moves
"now" on the control page, and the big screen (1920×1080) and a waiting phone (390×844)
show it within a few seconds without a reload; then the organiser puts a drafting round's
drafts on the big screen, grouped by focus area, readable at the back of the hall (no text
under 1/40 of the window's height, no scrolling) at 1920×1080 and 1280×720.

Writes docs/screenshots/day-*.png when VISIONSDAG_SCREENSHOT_DIR says so.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, login, shots_dir, wait_for_app
from tests.e2e.test_projector_e2e import SCROLL, TEXTS
from tests.e2e.test_vote_e2e import join
from tests.support.plenum_day import plenum_day
from testkit.server import ORGANISER, StreamlitServer
from vision import events

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
              pytest.mark.timeout(600)]
FOLLOWS_MS = 10_000     # a few seconds: the phone asks every 2 s, the screen twice a second, plus a page run


@pytest.fixture(scope="module")
def day_server(tmp_path_factory):
    def shape(store):
        day = plenum_day(store)
        titles = {g: t for g, t in day.area_titles.items() if g in day.by_area}
        texts = {d.id: d.text for d in events.drafts(store, day.event_id, ("approved", "pending"))}
        return day, titles, texts

    server = StreamlitServer(tmp_path_factory.mktemp("day"))
    day, titles, texts = server.start_with(shape)
    yield server, day, titles, texts
    server.stop()


def _fits(page, height: int, name: str) -> None:
    page.wait_for_timeout(2500)      # the window's size is reported, and the screen drawn again at it
    scroll = page.evaluate(SCROLL)
    assert scroll <= height, f"{name}: the page is {scroll} px high in a {height} px window"
    small = [t for t in page.evaluate(TEXTS) if t["size"] < height / 40 - 0.01]
    assert not small, f"{name}: text smaller than {height / 40:.1f} px: {small[:6]}"


def _now_item(page):
    return page.locator("li[aria-current='step']")


def test_now_moves_on_the_big_screen_and_a_waiting_phone_then_the_plenum(day_server, page_desktop, page_phone):
    server, day, titles, texts = day_server
    screen, phone = page_desktop, page_phone
    login(screen, server.url, ORGANISER)
    org = page_desktop.context.new_page()          # the organiser's own tab, logged in beside the screen
    org.set_viewport_size({"width": 1600, "height": 1000})
    for page in (org, screen, phone):
        page.set_default_timeout(30_000)
    org.goto(f"{server.url}/control?event=TEMA17")
    wait_for_app(org)
    screen.goto(f"{server.url}/projector?event=TEMA17")
    screen.get_by_text("Deltag på din telefon").first.wait_for(timeout=60_000)
    join(phone, server.url)
    expect(phone.get_by_text("Dagens program")).to_be_visible(timeout=30_000)
    expect(_now_item(phone)).to_have_count(0)

    timings = []
    for expected in ("Åbning af dagen", "Præsentation af dagen"):
        org.get_by_role("button", name="Næste punkt").click()
        expect(org.get_by_text(expected).first).to_be_visible()
        moved = time.monotonic()
        expect(_now_item(screen)).to_contain_text(expected, timeout=FOLLOWS_MS)
        on_screen = time.monotonic() - moved
        expect(_now_item(phone)).to_contain_text(expected, timeout=FOLLOWS_MS)
        timings.append((expected, on_screen, time.monotonic() - moved))
    print("\nnow followed (item, big screen s, phone s):", [(w, round(a, 1), round(b, 1)) for w, a, b in timings])
    expect(phone.get_by_text("Nu: Præsentation af dagen")).to_be_visible()
    phone.screenshot(path=str(shots_dir() / "day-phone-waiting-programme-390x844.png"), full_page=True)
    _fits(screen, 1080, "programme 1920x1080")
    screen.screenshot(path=str(shots_dir() / "day-projector-programme-1920x1080.png"))
    screen.set_viewport_size({"width": 1280, "height": 720})
    _fits(screen, 720, "programme 1280x720")
    screen.screenshot(path=str(shots_dir() / "day-projector-programme-1280x720.png"))
    screen.set_viewport_size({"width": 1920, "height": 1080})

    # The plenum: the first drafting round's drafts, the overall vision first, side by side.
    org.get_by_role("button", name="Vis i plenum").click()
    heading = screen.locator("h1.vd-head")
    expect(heading).to_have_text("Overordnet vision", timeout=FOLLOWS_MS)
    for draft_id in day.overall:
        expect(screen.get_by_text(texts[draft_id])).to_be_visible()
    _fits(screen, 1080, "plenum overall 1920x1080")
    org.get_by_role("button", name="Næste", exact=True).click()
    first_area = next(iter(titles.values()))
    expect(heading).to_have_text(first_area, timeout=FOLLOWS_MS)
    area_id = next(iter(titles))
    for draft_id in day.by_area[area_id]:
        expect(screen.get_by_text(texts[draft_id])).to_be_visible()
    for draft_id in day.overall:
        expect(screen.get_by_text(texts[draft_id])).to_have_count(0)
    _fits(screen, 1080, "plenum group 1920x1080")
    screen.screenshot(path=str(shots_dir() / "day-projector-plenum-group-1920x1080.png"))
    screen.set_viewport_size({"width": 1280, "height": 720})
    _fits(screen, 720, "plenum group 1280x720")
    screen.screenshot(path=str(shots_dir() / "day-projector-plenum-group-1280x720.png"))

    # One draft at a time, big.
    org.get_by_role("radio", name="Ét forslag ad gangen").or_(
        org.get_by_role("button", name="Ét forslag ad gangen")).first.click()
    expect(screen.locator(".vd-plenum-single")).to_have_text(texts[day.by_area[area_id][0]],
                                                              timeout=FOLLOWS_MS)
    _fits(screen, 720, "plenum single 1280x720")
    screen.screenshot(path=str(shots_dir() / "day-projector-plenum-single-1280x720.png"))
    screen.set_viewport_size({"width": 1920, "height": 1080})
    _fits(screen, 1080, "plenum single 1920x1080")
    screen.screenshot(path=str(shots_dir() / "day-projector-plenum-single-1920x1080.png"))

    # The one action: the vision test opens with these drafts, and the big screen shows it.
    org.get_by_role("button", name="Åbn visionstesten for disse forslag").click()
    expect(screen.locator("h1.vd-head")).to_have_text("Visionstesten", timeout=FOLLOWS_MS)
