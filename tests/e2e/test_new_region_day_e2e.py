"""A new day for a region outside the source documents, set up end to end in Chromium:
SYD25 for Syddanmark with personal cards, its own rounds and privacy notice, then a
participant's phone opening the notice from the join screen. Writes the set-up
screenshots docs/screenshots/setup-*.png and privacy.png (``make screenshots``)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import CHROMIUM, login, shots_dir, wait_for_app
from testkit.server import ORGANISER

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

SHOTS = shots_dir()


def form_with(page, button: str):
    return page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name=button, exact=True))


def choose(page, scope, label: str, option: str) -> None:
    """Pick an option of a select box (opened again if a rerun closed the list meanwhile)."""
    wanted = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(3):
        scope.get_by_label(label, exact=True).click()
        try:
            wanted.click(timeout=8_000)
            return
        except Exception:  # noqa: BLE001 - the list closed before the click; open it again
            page.keyboard.press("Escape")
    wanted.click()


def settle(page, ms: int = 800) -> None:
    wait_for_app(page)
    page.wait_for_timeout(ms)


def test_a_syddanmark_day_from_scratch(page_desktop, page_phone, server_url):
    page = page_desktop
    for p in (page_desktop, page_phone):
        p.set_default_timeout(60_000)       # a long walk through set-up on a shared machine
    login(page, server_url, ORGANISER)
    page.goto(server_url + "/")
    wait_for_app(page)
    page.get_by_role("link", name="Opsætning").click(timeout=60_000)
    page.wait_for_function("() => /\\/setup\\b/.test(location.pathname)")
    page.get_by_role("tab", name="Deltagerkort").wait_for()
    settle(page)

    # Create: every field a day needs; an empty date is refused first, with a message.
    page.locator("summary").filter(has_text="Ny begivenhed").click()
    new = form_with(page, "Opret begivenheden")
    new.get_by_label("Kode", exact=True).fill("SYD25")
    new.get_by_label("Titel", exact=True).fill("Visionsdag – Socialaftalen i Syddanmark")
    new.get_by_label("Sted", exact=True).fill("Odense Congress Center")
    choose(page, new, "Region", "Syddanmark")
    new.get_by_text("Personlige QR-kort", exact=False).click()
    new.get_by_text("Rangordn", exact=True).click()
    new.get_by_label("Beskrivelse", exact=True).fill("Politikere, embedsmænd og brugerorganisationer sætter retningen.")
    new.get_by_role("button", name="Opret begivenheden").click()
    page.get_by_text("Dato: vælg dagens dato.").wait_for()
    date = new.get_by_label("Dato", exact=True)
    date.get_by_role("spinbutton").first.click()         # a field of day, month and year segments
    page.keyboard.type("05032030")
    page.keyboard.press("Tab")
    settle(page, 400)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "setup-new-event.png"))
    new.get_by_role("button", name="Opret begivenheden").click()
    page.get_by_text("Begivenheden SYD25 er oprettet").wait_for()
    settle(page)
    assert "event=SYD25" in page.url

    # The region's municipalities, the regional council and the user organisations.
    page.get_by_role("tab", name="Kommuner").click()
    units = page.get_by_label("Kommuner og organisationer", exact=True).input_value()
    assert units.splitlines()[:2] == ["Assens", "Billund"]
    assert "Region Syddanmark" in units and "Danske Handicaporganisationer" in units and "Aalborg" not in units

    # Rounds: add one, once, even when the button is pressed twice.
    page.get_by_role("tab", name="Runder").click()
    settle(page)
    add = form_with(page, "Tilføj runden")
    choose(page, add, "Rundetype", "Paradokser")
    add.get_by_label("Titel (valgfri)", exact=True).fill("Paradokser efter frokost")
    add.get_by_role("button", name="Tilføj runden").dblclick()
    page.get_by_text("Runden er tilføjet sidst i rækken.").wait_for()
    settle(page)
    assert page.get_by_text(re.compile(r"^\d+\. Paradokser efter frokost$")).count() == 1
    assert page.get_by_text("Visionstesten · Visionstesten").count() == 0
    page.screenshot(path=str(SHOTS / "setup-rounds.png"))

    # The privacy notice's controller, set per event.
    page.get_by_role("tab", name="Begivenhed").click()
    privacy = form_with(page, "Gem privatlivserklæringen")
    privacy.get_by_label("Dataansvarlig", exact=True).fill("Odense Kommune, Sekretariatet for Socialaftalen")
    privacy.get_by_label("Kontakt", exact=True).fill("socialaftale@odense.dk")
    privacy.get_by_role("button", name="Gem privatlivserklæringen").click()
    page.get_by_text("Privatlivserklæringen er gemt.").wait_for()
    settle(page)
    page.locator("summary").filter(has_text="Privatlivserklæring").click()
    settle(page, 400)
    page.screenshot(path=str(SHOTS / "setup-privacy.png"))

    # Cards: the address they carry, and a warning since this page runs on 127.0.0.1.
    page.get_by_role("tab", name="Deltagerkort").click()
    page.locator('p:has-text("Kortene og QR-koderne fører til"):visible').first.wait_for()
    assert page.locator('[data-testid="stAlert"]:has-text("VISIONSDAG_PUBLIC_URL"):visible').count() == 1
    page.locator('[data-testid="stAlert"]:has-text("VISIONSDAG_PUBLIC_URL"):visible').scroll_into_view_if_needed()
    settle(page, 400)
    page.screenshot(path=str(SHOTS / "setup-cards-address.png"))

    # A participant's phone: the join screen links to the notice, which names the controller.
    phone = page_phone
    phone.goto(f"{server_url}/?e=SYD25")           # the join form, a plain page
    # The notice opens beside the join screen (a new tab), so the participant keeps their place.
    with phone.expect_popup() as opened:
        phone.get_by_role("link", name="Sådan behandler vi dine svar (privatlivserklæring)").click()
    notice = opened.value
    notice.set_default_timeout(60_000)
    notice.get_by_text("Odense Kommune, Sekretariatet for Socialaftalen").wait_for()
    assert notice.get_by_text("pseudonyme, ikke anonyme", exact=False).count() == 1
    assert "/privacy?e=SYD25" in notice.url
    settle(notice, 400)
    notice.screenshot(path=str(SHOTS / "privacy.png"), full_page=True)
