"""The group work in Chromium: an official's phone adds challenges, the table chair chooses
three, the organiser moves to the next slot and puts the challenges on the big screen, and
a politician's phone at a table of that focus area starts its vision from them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, press, shots_dir, wait_for_app
from tests.support.day_design import participant, set_up_day
from testkit.server import StreamlitServer

SHOTS = shots_dir()


@pytest.fixture(scope="module")
def day_server(tmp_path_factory):
    from vision import challenges

    def shape(store):
        day = set_up_day(store, open_tasks=("challenges",))
        # Another table (focus area 2) has already chosen: test data typed for this test, not from the sources.
        chair2 = participant(store, day, "chair2")
        ids = [challenges.add(store, chair2, day.tokens["chair2"], day.rounds["challenges"], text) for text in (
            "Myndighed for beskæftigelse og viden om borgeren sidder i hver sin forvaltning",
            "Få virksomhedspladser til socialt udsatte borgere", "Ingen fælles måling af progression")]
        challenges.choose(store, chair2, day.tokens["chair2"], day.rounds["challenges"], ids)
        return day

    server = StreamlitServer(tmp_path_factory.mktemp("tablework"))
    day = server.start_with(shape)
    yield server, day
    server.stop()


def shoot(page, name: str, full: bool = True) -> None:
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / name), full_page=full)


def phone_of(phones, server, day, name):
    """A phone of the day's participant ``name``: a tab of its own in the phones' context."""
    page = phones.context.new_page()
    page.goto(f"{server.url}/?e={day.code}&t={day.tokens[name]}")
    wait_for_app(page)
    return page


def add_challenge(page, rid: int, text: str) -> None:
    page.locator(f"[class*='st-key-chnew{rid}_'] textarea").fill(text)
    page.get_by_role("button", name="Tilføj udfordringen").click()
    expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=30_000)
    wait_for_app(page)
    # The filled field is gone and one empty field is ready for the next, checked at one moment:
    # while the page runs again the old field and the new one can stand side by side.
    page.wait_for_function(
        "(sel) => { const f = document.querySelectorAll(sel); return f.length === 1 && f[0].value === ''; }",
        arg=f"[class*='st-key-chnew{rid}_'] textarea", timeout=30_000)


def next_slot(org, day) -> None:
    """Close slot 1 and open slot 2: with one button per slot where the control page has them
    (tracks side by side), else round by round."""
    if org.locator(".st-key-closeslot1 button").count():
        steps = [(".st-key-closeslot1", ".st-key-openslot1"), (".st-key-openslot2", ".st-key-closeslot2")]
    else:
        ch, fv = day.rounds['challenges'], day.rounds['focus_vision']
        steps = [(f".st-key-close{ch}", f".st-key-open{ch}"), (f".st-key-open{fv}", f".st-key-close{fv}")]
    for button, then in steps:
        press(org, button, then=then)


def tick(page, text: str) -> None:
    page.locator("[data-testid='stCheckbox']").filter(has_text=text).locator("label").first.click()


def test_officials_choose_three_challenges_that_open_the_politicians_focus_area_vision(page_phone, page_desktop,
                                                                                        day_server):
    server, day = day_server
    rid = day.rounds["challenges"]
    official = phone_of(page_phone, server, day, "off1")
    chair = phone_of(page_phone, server, day, "chair1")
    try:
        # The card of the table's focus area is above the task; its help is folded away.
        expect(official.get_by_text("Spørgsmål kort – runde 1")).to_be_visible()
        expect(official.get_by_text("Hvilke udfordringer oplever I omkring borgerens egenmestring?")).to_be_visible()
        expect(official.get_by_text("spærgøvelse", exact=False)).not_to_be_visible()
        official.get_by_text("Hjælpespørgsmål og eksempler").click()
        expect(official.get_by_text("spærgøvelse", exact=False)).to_be_visible()
        shoot(official, "day-card.png")

        add_challenge(official, rid, "Forskellige serviceniveauer på tværs af forvaltningerne")
        add_challenge(official, rid, "Borgeren oplever egenmestring som en spareøvelse")
        add_challenge(chair, rid, "Samarbejdet med regionen om de svære forløb")
        add_challenge(chair, rid, "Ventetid på udredning")

        # The chair sees every challenge of the table after fetching the latest, and must choose exactly three.
        chair.get_by_role("button", name="Hent bordets seneste udfordringer").click()
        wait_for_app(chair)
        for text in ("Forskellige serviceniveauer", "Borgeren oplever egenmestring"):
            tick(chair, text)
        chair.get_by_role("button", name="Gem bordets 3 valg").click()
        expect(chair.get_by_text("Vælg præcis 3 udfordringer (du har valgt 2).")).to_be_visible(timeout=30_000)
        tick(chair, "Samarbejdet med regionen")
        chair.get_by_role("button", name="Gem bordets 3 valg").click()
        expect(chair.get_by_text("Bordets 3 udfordringer er gemt.", exact=False)).to_be_visible(timeout=30_000)
        shoot(chair, "day-challenge-choice.png")
        # A member who is not the chair cannot choose.
        official.get_by_role("button", name="Hent bordets seneste udfordringer").click()
        wait_for_app(official)
        expect(official.get_by_role("button", name="Gem bordets 3 valg")).to_have_count(0)
        expect(official.get_by_text("Bordet har valgt:", exact=False)).to_be_visible()
    finally:
        official.close()
        chair.close()

    # The organiser sees the chosen challenges, puts them on the big screen and opens the next slot.
    org = page_desktop
    pol = phone_of(page_phone, server, day, "chair3")
    login(org, server.url)
    org.goto(f"{server.url}/control?event={day.code}")
    wait_for_app(org)
    expect(org.get_by_text("Udfordringer valgt af embedsværket")).to_be_visible(timeout=30_000)  # the page drawn
    expect(org.get_by_text("Samarbejdet med regionen om de svære forløb")).to_be_visible()
    expect(org.get_by_text("Ventetid på udredning")).to_have_count(0)      # not chosen: not shown
    org.locator(".st-key-scrchallenges button").click()
    wait_for_app(org)
    next_slot(org, day)

    # The politician's phone at a table of that focus area follows and starts from the three.
    expect(pol.get_by_text("Embedsværkets udfordringer – Borgerens egenmestring")).to_be_visible(timeout=30_000)
    box = pol.locator(".st-key-startpoint")
    for text in ("Forskellige serviceniveauer på tværs af forvaltningerne",
                 "Borgeren oplever egenmestring som en spareøvelse", "Samarbejdet med regionen om de svære forløb"):
        expect(box.get_by_text(text)).to_be_visible()
    expect(box.get_by_text("Ventetid på udredning")).to_have_count(0)
    expect(pol.get_by_text("Vision for fokusområderne")).to_be_visible()
    shoot(pol, "day-politician-challenges.png", full=False)
    # The writing form: the checklist and LIX, saved with the chair's draft.
    frid = day.rounds["focus_vision"]
    mine = pol.locator(f".st-key-round{frid}")
    tick(mine, "HVEM –")
    tick(mine, "MÅL –")
    pol.locator(f".st-key-draft{frid} textarea").fill(
        "Alle borgere mestrer eget liv med støtte tæt på hjemmet – i hele Nordjylland inden 2025.")
    pol.locator(f".st-key-draft{frid} textarea").press("Tab")
    mine.get_by_role("button", name="Indsend bordets forslag").click()
    expect(pol.get_by_text("Forslaget er indsendt", exact=False)).to_be_visible(timeout=30_000)
    expect(pol.get_by_text("LIX", exact=False)).to_be_visible()
    mine.get_by_text("Et godt visions statement siger:").evaluate("e => e.scrollIntoView({block: 'start'})")
    shoot(pol, "day-writing-form.png", full=False)

    # The big screen lists the chosen challenges per focus area.
    org.goto(f"{server.url}/projector?event={day.code}")
    expect(org.get_by_role("heading", name="Embedsværkets udfordringer")).to_be_visible(timeout=60_000)
    expect(org.get_by_text("Borgerens egenmestring")).to_be_visible()
    expect(org.get_by_text("Samarbejdet med regionen om de svære forløb")).to_be_visible()
    expect(org.get_by_text("Få virksomhedspladser til socialt udsatte borgere")).to_be_visible()
    shoot(org, "day-projector-challenges.png", full=False)
