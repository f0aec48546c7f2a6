"""A participant's phone in Chromium against a real server: join, score, reload, change;
the projector follows; a closed round and a forged token are refused."""

from __future__ import annotations

import re
import time

import duckdb
import pytest

from tests.e2e.conftest import CHROMIUM, login, wait_for_app
from tests.e2e.server import ORGANISER, StreamlitServer
from vision import events
from vision.store import Store

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def voting_server(tmp_path_factory):
    """TEMA17 with its scoring round open before the server starts."""
    server = StreamlitServer(tmp_path_factory.mktemp("vote"))
    server.prepare()
    store = Store(server.db)
    ev = events.get_event(store, "TEMA17")
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    events.open_round(store, "setup", ev.id, rnd.id)
    draft = events.drafts(store, ev.id)[0]
    store.close()
    server.start()
    yield server, rnd.id, draft.id
    server.stop()


def join(page, url: str) -> str:
    page.goto(url + "/?e=TEMA17")
    wait_for_app(page)
    page.get_by_text("Politiker", exact=True).click()
    page.get_by_label("Kommune eller organisation").click()
    page.get_by_role("option", name="Aalborg").click()
    page.get_by_role("button", name="Deltag").click()
    page.wait_for_url("**t=*")
    wait_for_app(page)
    return page.url.split("t=")[1].split("&")[0]


def pick(page, round_id, draft_id, key, option) -> None:
    page.locator(f".st-key-s{round_id}_{draft_id}_{key}").get_by_role("radio", name=option, exact=True).click()


def checked(page, round_id, draft_id, key) -> str:
    """The option shown as selected (waits for the widget to render its value)."""
    selected = page.locator(f".st-key-s{round_id}_{draft_id}_{key} [role=radio][aria-checked=true]")
    selected.wait_for()
    return selected.inner_text().strip()


CRITERIA = ["retning", "meningsfuld", "realitet", "motivation", "brugbar", "formidling", "beslutning",
            "husketesten", "fornyelse"]


def test_phone_votes_reloads_changes_and_projector_follows(voting_server, page_phone, page_desktop):
    server, round_id, draft_id = voting_server
    phone = page_phone
    token = join(phone, server.url)
    assert len(token) == 22
    phone.get_by_text("Du deltager som Politiker · Aalborg").wait_for()
    # No organiser page is named or linked on the phone.
    body = phone.locator("body").inner_text()
    for name in ("Styr dagen", "Storskærm", "Opsætning", "Analyse", "Log ind"):
        assert name not in body

    # The projector, logged in as organiser, shows the live count.
    login(page_desktop, server.url, ORGANISER)
    page_desktop.goto(server.url + "/projector?event=TEMA17")
    page_desktop.get_by_text("Har svaret").first.wait_for()
    page_desktop.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*0 / 1\s*$")).first.wait_for()

    for key in CRITERIA:
        pick(phone, round_id, draft_id, key, "4")
    pick(phone, round_id, draft_id, "formidling", "Ved ikke")
    phone.locator(f".st-key-save{round_id}_{draft_id}").get_by_role("button").click()
    phone.get_by_text("Gemt kl.").first.wait_for()
    saved_at = time.monotonic()

    # The projector shows the new answer by itself.
    page_desktop.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*1 / 1\s*$")).first.wait_for(
        timeout=3_000)
    assert time.monotonic() - saved_at < 3.0

    # An answer started but not saved survives a reload (it lives in the URL).
    pick(phone, round_id, draft_id, "retning", "2")
    time.sleep(0.5)
    phone.reload()
    wait_for_app(phone)
    phone.get_by_text("ændret siden gemt").first.wait_for()
    assert checked(phone, round_id, draft_id, "retning") == "2"
    assert checked(phone, round_id, draft_id, "meningsfuld") == "4"
    assert checked(phone, round_id, draft_id, "formidling") == "Ved ikke"
    phone.locator(f".st-key-save{round_id}_{draft_id}").get_by_role("button").click()
    phone.get_by_text("Gemt kl.").first.wait_for()

    # A forged token gets a clear message.
    phone.goto(server.url + "/?e=TEMA17&t=" + "A" * 22)
    phone.get_by_text("Deltagerkoden er ukendt").wait_for()

    # The organiser closes the round; a save into it is refused on the phone.
    phone.goto(server.url + f"/?e=TEMA17&t={token}")
    wait_for_app(phone)
    page_desktop.goto(server.url + "/control?event=TEMA17")
    wait_for_app(page_desktop)      # a page still running may show last run's elements beside the new ones
    page_desktop.locator(f".st-key-close{round_id}").get_by_role("button").click()
    page_desktop.locator(f".st-key-open{round_id}").wait_for()
    pick(phone, round_id, draft_id, "retning", "5")
    phone.locator(f".st-key-save{round_id}_{draft_id}").get_by_role("button").click()
    phone.get_by_text("Runden er lukket. Dit svar blev ikke gemt.").wait_for()

    server.stop()
    con = duckdb.connect(str(server.db), read_only=True)
    try:
        rows = dict(con.execute(
            "SELECT s.criterion_key, s.score FROM scores s JOIN participant_tokens t "
            "ON t.participant_id = s.participant_id WHERE t.token = ? AND s.draft_id = ?", [token, draft_id]).fetchall())
    finally:
        con.close()
    assert len(rows) == 9  # one row per criterion: the change replaced, it did not add
    assert rows["retning"] == 2 and rows["meningsfuld"] == 4 and rows["formidling"] is None


def test_home_page_at_phone_size_shows_the_demo_events(server_url, page_phone):
    page_phone.goto(server_url)
    wait_for_app(page_phone)
    page_phone.get_by_text("Visionsdag – Nordjysk Socialaftale 2021-2022").wait_for()
    page_phone.get_by_text("Politisk temadag – Rammeaftale 2018").wait_for()
    width = page_phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['html'][:120]})"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


def test_participant_pages_pass_axe(voting_server, page_phone):
    server, round_id, draft_id = voting_server
    if server.proc is None:  # the flow test stops it to read the file
        server.start()
    page_phone.goto(server.url + "/?e=TEMA17")
    wait_for_app(page_phone)
    assert serious_violations(page_phone) == []
    join(page_phone, server.url)
    page_phone.locator(f".st-key-save{round_id}_{draft_id}").wait_for()
    wait_for_app(page_phone)        # while a run is in progress Streamlit fades the last run's elements
    assert serious_violations(page_phone) == []
