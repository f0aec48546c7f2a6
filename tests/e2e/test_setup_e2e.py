"""Set-up and admin pages in Chromium: nobody without the role can reach them, not
anonymously, not from a participant's link, not by typing the URL. Also writes the
documentation screenshot docs/screenshots/setup.png."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, login, wait_for_app, shots_dir
from testkit.server import ORGANISER

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

SHOTS = shots_dir()
SETUP_MARKERS = ("Opret begivenheden", "Deltagerkort", "Ny begivenhed")
ADMIN_MARKERS = ("Tag en sikkerhedskopi nu", "Fjern brugeren", "Logbog")


# What a visitor may see instead: Streamlit's "Page not found" and the home page, the
# participant's join form, or the page's own refusal (a page file in pages/ can also be
# opened directly by its file name, before app.py's navigation has decided anything).
RENDERED = re.compile(r"Page not found|Visionsdage|Jeg deltager som|Siden er kun for")


def visible_text(page) -> str:
    page.get_by_text(RENDERED).first.wait_for()
    page.wait_for_timeout(800)  # let the rest of the run arrive
    return page.locator("body").inner_text()


def assert_not_reachable(page, markers, links=("Opsætning", "Brugere og data")) -> None:
    text = visible_text(page)
    for marker in markers:
        assert marker not in text
    for name in links:
        assert page.get_by_role("link", name=name).count() == 0


# Both the pages' file names and their Danish paths: neither may answer.
PATHS = [("/setup", SETUP_MARKERS), ("/opsaetning", SETUP_MARKERS), ("/admin", ADMIN_MARKERS)]


@pytest.mark.parametrize("path,markers", PATHS)
def test_anonymous_visitor_cannot_open_staff_pages_by_url(page_desktop, server_url, path, markers):
    page_desktop.goto(server_url + path)
    wait_for_app(page_desktop)
    assert_not_reachable(page_desktop, markers)


@pytest.mark.parametrize("path,markers", PATHS)
def test_participant_link_cannot_open_staff_pages(page_phone, server_url, path, markers):
    page_phone.goto(f"{server_url}{path}?e=VISION20")
    wait_for_app(page_phone)
    assert_not_reachable(page_phone, markers)


def test_organiser_gets_setup_but_not_admin(page_desktop, server_url):
    login(page_desktop, server_url, ORGANISER)
    page_desktop.goto(server_url + "/admin")
    wait_for_app(page_desktop)
    assert_not_reachable(page_desktop, ADMIN_MARKERS[:2], links=("Brugere og data",))

    page_desktop.goto(server_url + "/")
    wait_for_app(page_desktop)

    page_desktop.get_by_role("link", name="Opsætning").click()
    # st.page_link changes the address in place (no page load), so poll the address.
    page_desktop.wait_for_function("() => /\\/(setup|opsaetning)\\b/.test(location.pathname)")
    wait_for_app(page_desktop)
    page_desktop.get_by_role("tab", name="Deltagerkort").wait_for()
    # The event being set up is kept in the address (which one depends on what earlier
    # tests on this shared server created), so a reload comes back to the same event.
    code = parse_qs(urlparse(page_desktop.url).query)["event"][0]
    page_desktop.reload()
    wait_for_app(page_desktop)
    page_desktop.get_by_role("tab", name="Deltagerkort").wait_for()
    assert parse_qs(urlparse(page_desktop.url).query)["event"] == [code]
    chosen = page_desktop.get_by_test_id("stSelectbox").filter(has_text="Begivenhed, du sætter op")
    expect(chosen.get_by_role("combobox")).to_have_value(re.compile(rf"^{code} –"))
    page_desktop.get_by_role("tab", name="Forslag").click()
    page_desktop.get_by_text("Importér forslag fra en fil").wait_for()
    page_desktop.wait_for_timeout(800)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page_desktop.screenshot(path=str(SHOTS / "setup-drafts.png"))
    page_desktop.get_by_role("tab", name="Begivenhed").click()
    page_desktop.get_by_role("button", name="Gem", exact=True).wait_for()
    page_desktop.wait_for_timeout(1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page_desktop.screenshot(path=str(SHOTS / "setup.png"))
