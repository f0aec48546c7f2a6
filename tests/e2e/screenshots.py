"""Screenshots for the README and docs: ``make screenshots``.

Starts a real server on a fresh database, fills the 2017 theme day with simulated
answers through the real save path, and photographs the pages in Chromium at phone
size (390x844) and projector size (1920x1080).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import CHROMIUM, login, wait_for_app
from tests.e2e.joining import fill_join_form
from testkit.server import CHROMIUM_ARGS, ORGANISER, ROOT, StreamlitServer
from vision import demo, events
from vision.store import Store

OUT = ROOT / "docs" / "screenshots"  # pictures of the core pages; the others come from their e2e tests


def prepare(server: StreamlitServer) -> dict:
    store = Store(server.db)
    try:
        demo.simulate(store, "TEMA17", n=48)
        copy = events.copy_event(store, "demo", "TEMA17", "PARADOKS", "Politisk temadag – paradokser")
        events.open_round(store, "demo", copy, demo.round_of(store, "PARADOKS", "paradox").id)
        ev20 = events.get_event(store, "VISION20")
        events.open_round(store, "demo", ev20.id, demo.round_of(store, "VISION20", "scoring").id)
        return {"scoring17": demo.round_of(store, "TEMA17", "scoring").id}
    finally:
        store.close()


def join(page, url: str, code: str, unit: str = "Aalborg") -> None:
    fill_join_form(page, url, code, "Politiker", unit)


def main() -> int:
    if CHROMIUM is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = StreamlitServer(Path(tmp))
        server.prepare()
        ids = prepare(server)
        server.start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                phone_ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                                is_mobile=True, has_touch=True)
                phone = phone_ctx.new_page()
                join(phone, server.url, "VISION20")
                phone.screenshot(path=OUT / "join.png")
                phone.get_by_role("button", name="Deltag").click()
                phone.wait_for_url("**t=*")
                wait_for_app(phone)
                # The first draft's form (a component: its criteria are fieldsets of radio buttons).
                criteria = phone.locator("[class*='st-key-form']").first.locator("fieldset.vd-crit")
                criteria.nth(0).get_by_role("radio", name="4", exact=True).check()
                criteria.nth(1).get_by_role("radio", name="5", exact=True).check()
                phone.locator("[class*='st-key-form']").first.scroll_into_view_if_needed()
                phone.screenshot(path=OUT / "scoring.png")
                join(phone, server.url, "PARADOKS", "Thisted")
                phone.get_by_role("button", name="Deltag").click()
                phone.wait_for_url("**t=*")
                wait_for_app(phone)
                phone.screenshot(path=OUT / "paradox.png")

                desk_ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
                desk = desk_ctx.new_page()
                login(desk, server.url, ORGANISER)
                desk.goto(server.url + "/control?event=TEMA17")
                wait_for_app(desk)
                desk.locator(f".st-key-scr{ids['scoring17']}").get_by_role("button").click()
                wait_for_app(desk)
                desk.screenshot(path=OUT / "control.png", full_page=True)
                desk.goto(server.url + "/projector?event=TEMA17")
                desk.locator(".js-plotly-plot").first.wait_for()
                desk.wait_for_timeout(2500)
                desk.screenshot(path=OUT / "projector.png")
                desk.goto(server.url + "/projector?event=VISION20")
                desk.get_by_text("Har svaret").first.wait_for()
                desk.wait_for_timeout(1500)
                desk.screenshot(path=OUT / "projector-round.png")
                browser.close()
        finally:
            server.stop()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
