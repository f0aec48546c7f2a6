"""The 2017 theme day's first slot in Chromium against a real server: a politician and an
official join at a table of their own group, the organiser opens slot 1 from the control
page, and each phone sees only its own group's task; one phone takes the table chair."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, another_phone, login, shots_dir, wait_for_app
from tests.e2e.joining import fill_join_form
from testkit.server import StreamlitServer

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

POLITICIANS_VISION = "Runde 1 · Politikere: Vision for det specialiserede socialområde"
POLITICIANS_PARADOX = "Runde 1 · Politikere: Hvilken balance ønsker vi mellem paradoksernes to mål?"
OFFICIALS_CHALLENGES = "Runde 1 · Embedsmænd: Udfordringer ift. udvalgte fokusområder"


@pytest.fixture(scope="module")
def day_server(tmp_path_factory):
    """The demo events as seeded: TEMA17 has its tracks, tables and slots already."""
    server = StreamlitServer(tmp_path_factory.mktemp("tracks"))
    server.start_with(lambda store: None)
    yield server
    server.stop()


def ask_to_join(page, url: str, group: str, table: str, shot: str | None = None) -> None:
    """Fill in the join form as someone of ``group`` from Aalborg at ``table``, and send it."""
    fill_join_form(page, url, "TEMA17", group, table=table)
    if shot:
        page.screenshot(path=shots_dir() / shot)
    page.get_by_role("button", name="Deltag").click()


def join_at_table(page, url: str, group: str, table: str, shot: str | None = None) -> None:
    ask_to_join(page, url, group, table, shot)
    page.wait_for_url("**t=*")
    wait_for_app(page)


def test_each_phone_sees_only_its_own_track_when_the_slot_opens(day_server, browser, page_phone, page_desktop):
    url = day_server.url
    politician, desk = page_phone, page_desktop
    official_ctx, official = another_phone(browser)
    desk.set_viewport_size({"width": 1366, "height": 900})
    try:
        follow_the_slot(url, politician, official, desk)
    finally:
        official_ctx.close()


def follow_the_slot(url: str, politician, official, desk) -> None:
    join_at_table(politician, url, "Politiker", "Bord 5 · Politikere · Borgerens egenmestring (Politiker)",
                  shot="day-join-table.png")
    join_at_table(official, url, "Embedsmand", "Bord 1 · Embedsmænd · Borgerens egenmestring (Embedsmand)")
    expect(politician.get_by_text("Du sidder ved Bord 5")).to_be_visible()

    # A table of the other group is refused with a message, and nothing is joined.
    third = politician.context.new_page()
    ask_to_join(third, url, "Politiker", "Bord 2 · Embedsmænd · Socialfagligt fokus på beskæftigelse (Embedsmand)")
    expect(third.get_by_text("Bord 2 er ikke et bord for din gruppe")).to_be_visible()
    assert "t=" not in third.url
    third.close()

    login(desk, url)
    desk.goto(url + "/control?event=TEMA17")
    wait_for_app(desk)
    slot = desk.locator(".st-key-slot1")
    expect(slot.get_by_text("Politiker", exact=True)).to_be_visible()
    expect(slot.get_by_text("Embedsmand", exact=True)).to_be_visible()
    slot.get_by_role("button", name="Åbn alle spor").click()
    expect(slot.get_by_role("button", name="Luk alle spor")).to_be_visible(timeout=15_000)   # the page run again
    expect(slot.get_by_text("Borde, der har svaret (0 af 4)").first).to_be_visible()

    # The phones follow by themselves: each draws its own track and nothing of the other's.
    expect(politician.get_by_role("heading", name=POLITICIANS_VISION)).to_be_visible(timeout=30_000)
    expect(politician.get_by_role("heading", name=POLITICIANS_PARADOX)).to_be_visible()
    expect(official.get_by_role("heading", name=OFFICIALS_CHALLENGES)).to_be_visible(timeout=30_000)
    assert politician.get_by_text(OFFICIALS_CHALLENGES).count() == 0
    assert official.get_by_text(POLITICIANS_VISION).count() == 0
    assert official.get_by_text(POLITICIANS_PARADOX).count() == 0

    # The politician takes the table chair; the phone says so and offers to hand it back.
    politician.get_by_role("button", name="Jeg er bordformand").click()
    expect(politician.get_by_text("Du er bordformand")).to_be_visible()
    expect(politician.get_by_role("button", name="Giv rollen som bordformand fra dig")).to_be_visible()
    politician.screenshot(path=shots_dir() / "day-politician-slot1.png")
    official.screenshot(path=shots_dir() / "day-official-slot1.png")

    # The politician places themself on the paradoxes; the control page marks table 5.
    politician.get_by_role("button", name="Gem mine placeringer").click()
    expect(politician.get_by_text("Intet gemt endnu")).to_be_visible()
    politician.get_by_role("button", name="Gem mine placeringer").click()   # both at the middle: confirm
    # the receipt comes after the commit; its speed is the bench's, here only that it comes
    expect(politician.get_by_text("Gemt kl.")).to_be_visible(timeout=30_000)
    expect(slot.get_by_text("Borde, der har svaret (1 af 4)").first).to_be_visible(timeout=15_000)
    desk.screenshot(path=shots_dir() / "day-control-tracks.png", full_page=True)
